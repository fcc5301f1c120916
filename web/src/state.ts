import { computed, onBeforeUnmount, ref, watch } from 'vue';
import { subscribe, watchConnection } from './api';
import { isDayText } from './day-text';
import { asLiveReload } from './live-reload';
import { coalescedReloads } from './reload-coalescer';

/**
 * The "as of" business day every view shows (YYYY-MM-DD, China office day), or '' for now.
 * It lives in the URL (`?asOf=`) so a redrawn past view can be bookmarked and shared.
 */
export const asOf = ref<string>('');

/**
 * An as-of day after today asked for in the URL (typed or bookmarked), '' otherwise. Nothing is known
 * of a day that has not come: like the API (which answers such a day with today, and says so in the
 * `asOf` it answers), the app shows today, live, with a notice naming the day asked for.
 */
export const futureAsOf = ref<string>('');

/** An as-of day in the URL that is no day at all (2026-02-30, 2026-6-1, text): today is shown, with a notice. */
export const invalidAsOf = ref<string>('');


/**
 * Sets the as-of day from the URL's `?asOf=`: a future day becomes today (`futureAsOf` says so), a
 * day that does not exist too (`invalidAsOf` says so) — never the API's wording about its argument.
 */
export function takeAsOf(requested: string, recorded = ''): void {
  // Never throws: 2026-13-01 or 2026-10-32 gets the notice as 2026-02-30 does (breaker11i P5).
  const invalid = requested !== '' && !isDayText(requested);
  const future = !invalid && requested !== '' && requested > officeToday();
  invalidAsOf.value = invalid ? requested : '';
  futureAsOf.value = future ? requested : '';
  asOf.value = future || invalid ? '' : requested;
  const instant = recordedInstantOf(recorded);
  asRecordedThen.value = asOf.value !== '' && (recorded === RECORDED_THEN || instant !== '');
  recordedBy.value = asRecordedThen.value ? instant : '';
}

/** `YYYY-MM-DDTHH:mm` (China time, to the minute): the URL's `recorded=` naming an instant rather than `then`. */
const RECORDED_BY_MINUTE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
/** The URL's `recorded` as a China-time minute, '' when it is `then`, absent or no minute at all. */
const recordedInstantOf = (recorded: string): string =>
  RECORDED_BY_MINUTE.test(recorded) && !Number.isNaN(Date.parse(`${recorded}:00+08:00`)) ? recorded : '';

/**
 * The other reading of a 截至 day (breaker11b G8; audits ask what was known when): only what had
 * been entered by the end of that day (China time), as the office had it then — not the day as
 * known now, with facts entered later about it. In the URL as `?recorded=then` beside `?asOf=`;
 * never without an as-of day.
 */
export const asRecordedThen = ref(false);
/** The URL's value of `recorded` that turns `asRecordedThen` on. */
export const RECORDED_THEN = 'then';
/**
 * newcomer55-8 M3: with `asRecordedThen`, the China-time minute (`YYYY-MM-DDTHH:mm`) up to which records count, when the person
 * chose one — e.g. this morning, before today's corrections of a campaign entered late; '' for the end of the as-of day. In the
 * URL as `?recorded=2026-12-07T09:30` in place of `then`.
 */
export const recordedBy = ref<string>('');
/** A China-time minute `YYYY-MM-DDTHH:mm` as it reads to the office: 2026-12-07 09:30. */
const minuteText = (minute: string): string => minute.replace('T', ' ');

/** The instant a day ends in the office (China time, UTC+8): the `knownAt` of "as entered by then". */
export const endOfOfficeDay = (day: string): string => `${day}T23:59:59.999+08:00`;

/**
 * What an empty list says of the day shown: with 按当时已录入的记录, that nothing had been ENTERED by that day's end —
 * facts entered later, dated earlier, are left out — not that there were none (newcomer40 S2: the demo's 「截至 D 尚无问题」
 * right after the same page had shown its findings of D). `what`: the records, e.g. 问题; `otherwise`: the page's own words.
 */
export const noneEnteredYet = (what: string, otherwise: string): string =>
  asRecordedThen.value && asOf.value
    ? recordedBy.value
      ? `北京时间 ${minuteText(recordedBy.value)} 前尚未录入任何${what}（之后补录的不计在内）`
      : `截至 ${asOf.value} 当天结束时尚未录入任何${what}（之后补录的不计在内）`
    : otherwise;

/**
 * The knownAt argument for queries and exports: with `asRecordedThen`, the end of the chosen minute (`recordedBy`) or else of the
 * as-of day (China time); null otherwise (as known now).
 */
export const knownAtArgument = (): string | null =>
  asRecordedThen.value && asOf.value ? (recordedBy.value ? `${recordedBy.value}:59.999+08:00` : endOfOfficeDay(asOf.value)) : null;

/** Both time-travel arguments of a view's query: `{ asOf, knownAt }` (null: now / as known now). */
export const timeArguments = (): { asOf: string | null; knownAt: string | null } => ({ asOf: asOfArgument(), knownAt: knownAtArgument() });

/** The time-travel part of a link's query (`?asOf=…&recorded=then`): a link keeps the view's reading. */
export const timeQuery = computed((): Record<string, string> => (asOf.value ? { asOf: asOf.value, ...(asRecordedThen.value ? { recorded: recordedBy.value || RECORDED_THEN } : {}) } : {}));

/** The same as URL parameters of an export (`asOf=…&knownAt=…`): the file is the reading the page shows. */
export const exportTimeParameters = (): Record<string, string> => {
  const knownAt = knownAtArgument();
  return { ...(asOf.value ? { asOf: asOf.value } : {}), ...(knownAt ? { knownAt } : {}) };
};

/** How a view says which reading of its day it shows, after 截至 <day>. */
export const readingLabel = computed(() =>
  asRecordedThen.value ? (recordedBy.value ? `按北京时间 ${minuteText(recordedBy.value)} 前已录入的记录` : '按当时已录入的记录') : '含事后补录的记录',
);

/** What the server pushes after a change: findings and evaluations (the dashboard), work-plan items. */
const CHANGE_PUSHES = [`subscription { dashboardUpdated { asOf } }`, `subscription { workPlanItemUpdated { id } }`];
const listeners = new Set<() => unknown>();
let unsubscribe: (() => void) | null = null;

/**
 * True while the open views are not live: the connection that brings the server's changes has
 * dropped (the server restarted, the network is down) and is being made again. The header says
 * “连接已断开，正在重连…” instead of 实时; once back, every view loads once more (changes made
 * while away), then follows the pushes again.
 */
export const connectionLost = ref(false);

/** How long to wait before subscribing again after the server ended a subscription (ms): it is usually shutting down. */
const RESUBSCRIBE_AFTER_MS = 1000;

/**
 * Every mounted view loads again; settles once every view's load has (a view's failure is its own to
 * show). Its queries are marked as live reloads (live-reload.ts): the server counts them apart from
 * what the person does (breaker12e P7).
 */
const refreshAll = () => asLiveReload(() => Promise.allSettled([...listeners].map((listener) => listener())));

/**
 * What a push or a reconnection asks: every view loads again — but one round at a time, rounds at
 * least a second apart, and none while the tab is hidden (reload-coalescer.ts): a burst of pushes
 * (an import of 50 findings) is one or two rounds, not one per push (breaker12c P4).
 */
const refreshSoon = coalescedReloads(refreshAll);

/**
 * Holds one push subscription for as long as live views are open: when the server ends it — it
 * completes every subscription as it shuts down, and graphql-ws then holds none and would never
 * reconnect — it is opened again (the client keeps trying until the server answers). A refusal
 * (the session ended, which `subscribe` reports) is not retried. Returns its stop.
 */
function follow(query: string): () => void {
  let stopped = false;
  let end: () => void = () => undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const open = () => {
    end = subscribe(query, {}, refreshSoon, (refusal) => {
      if (stopped || refusal) return;
      connectionLost.value = true;
      retry = setTimeout(open, RESUBSCRIBE_AFTER_MS);
    });
  };
  open();
  return () => {
    stopped = true;
    clearTimeout(retry);
    end();
  };
}

/** Ends the shared live subscription (on sign-out: the next session opens its own). */
export function stopLive(): void {
  unsubscribe?.();
  unsubscribe = null;
  connectionLost.value = false;
}

function startLive(): void {
  const ends = CHANGE_PUSHES.map(follow);
  const unwatch = watchConnection({
    // Every connection, the first one too: a change recorded between a view's first load and the
    // server taking its subscription is pushed to nobody, so the views load once more (breaker11i P1).
    connected: () => {
      connectionLost.value = false;
      refreshSoon();
    },
    closed: () => {
      connectionLost.value = true;
    },
  });
  unsubscribe = () => {
    unwatch();
    ends.forEach((end) => end());
  };
}

/**
 * Calls `refresh` whenever the server reports a change (a unit reported, an inspector logged a
 * check, …) and whenever the connection that brings them is made — the first time (a change between
 * the view's first load and its subscription is pushed to nobody) and after a drop — taken together,
 * one round of every view's refresh at a time (`refresh` should answer its load's promise, so the
 * next round waits for it) — and at once whenever the as-of day or its reading (`asRecordedThen`) changes, for as long as the calling component is mounted. One graphql-ws connection
 * (two subscriptions) serves every open view of the tab, and stays open while the session lasts,
 * so that going from page to page does not drop and remake it.
 */
export function useLive(refresh: () => unknown): void {
  listeners.add(refresh);
  if (!unsubscribe) startLive();
  const stopWatching = watch([asOf, asRecordedThen, recordedBy], () => void refresh());
  onBeforeUnmount(() => {
    listeners.delete(refresh);
    stopWatching();
  });
}

/** What a live view's heading says of its time: the as-of day, 实时, or that the connection is being made again. */
export const liveLabel = computed(() =>
  asOf.value ? `截至 ${asOf.value}${asRecordedThen.value ? `，${readingLabel.value}` : ''}` : connectionLost.value ? '连接已断开，正在重连…' : '实时',
);

/** Today as a China office day (UTC+8), YYYY-MM-DD. */
export const officeToday = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * True while a view shows a past business day: such a view is for reading (what was known of that
 * day), so it offers no actions — 交办, 催办, 报告 and the rest act on today and would be
 * misread as acting on the day shown.
 */
export const viewingPast = computed(() => asOf.value !== '' && asOf.value < officeToday());

/** The asOf argument for queries: null means "now". */
export const asOfArgument = (): string | null => asOf.value || null;
