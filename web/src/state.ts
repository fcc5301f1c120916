import { computed, onBeforeUnmount, ref, watch } from 'vue';
import { subscribe } from './api';

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

/** True for a `YYYY-MM-DD` that exists on the calendar. */
const isRealDay = (text: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(text) && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;

/**
 * Sets the as-of day from the URL's `?asOf=`: a future day becomes today (`futureAsOf` says so), a
 * day that does not exist too (`invalidAsOf` says so) — never the API's wording about its argument.
 */
export function takeAsOf(requested: string): void {
  const invalid = requested !== '' && !isRealDay(requested);
  const future = !invalid && requested !== '' && requested > officeToday();
  invalidAsOf.value = invalid ? requested : '';
  futureAsOf.value = future ? requested : '';
  asOf.value = future || invalid ? '' : requested;
}

/** What the server pushes after a change: findings and evaluations (the dashboard), work-plan items. */
const CHANGE_PUSHES = [`subscription { dashboardUpdated { asOf } }`, `subscription { workPlanItemUpdated { id } }`];
const listeners = new Set<() => void>();
let unsubscribe: (() => void) | null = null;

/** Ends the shared live subscription (on sign-out: the next session opens its own). */
export function stopLive(): void {
  unsubscribe?.();
  unsubscribe = null;
}

/**
 * Calls `refresh` whenever the server reports a change (a unit reported, an inspector logged a
 * check, …) and whenever the as-of day changes, for as long as the calling component is mounted.
 * One graphql-ws connection (two subscriptions) serves every open view of the tab.
 */
export function useLive(refresh: () => void): void {
  listeners.add(refresh);
  if (!unsubscribe) {
    const notify = () => listeners.forEach((listener) => listener());
    const ends = CHANGE_PUSHES.map((query) => subscribe(query, {}, notify));
    unsubscribe = () => ends.forEach((end) => end());
  }
  const stopWatching = watch(asOf, refresh);
  onBeforeUnmount(() => {
    listeners.delete(refresh);
    stopWatching();
    if (listeners.size === 0) stopLive();
  });
}

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
