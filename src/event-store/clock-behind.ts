import { officeInstantZh } from '../shared/calendar-date.js';
import { say, type Bilingual } from '../shared/domain-error.js';
import { StoreRefusedError } from './store-witness.js';

/*
 * breaker9p P1 (serious): a server whose wall clock was set back (an NTP step, a dead CMOS battery
 * after a power cut, an administrator "correcting" the time) served and recorded on without a word:
 * "today" went back, a report typed a day after its due date was kept as reported on time, and it
 * was recorded before the finding it answers — every `knownAt` cut between the two clocks showed a
 * mixture nobody ever saw. Record time must never go backwards: while the clock reads before the
 * newest instant the store already holds, writes are refused (STORE_UNAVAILABLE, cause
 * CLOCK_BEHIND_LOG) and /health says degraded; they resume by themselves once the clock is right.
 */

/**
 * How far (ms) the clock may read before the newest recorded instant without refusing writes: 30 s,
 * room for an NTP slew or small step and for two servers on one file reading their clocks a moment
 * apart, far below the hours and days of a clock set back by hand or a lost battery.
 */
export const CLOCK_TOLERANCE_MS = 30_000;

/** The newest instant the store is known to hold (ms since the epoch), and what it is. */
export interface NewestRecorded {
  readonly at: number;
  /** `log`: the recording instant of the log's newest event; `witness`: when the store was last seen written (`StoreWitness.seenAt`). */
  readonly source: 'log' | 'witness';
}

/**
 * Whether the clock reads before the newest recorded instant by more than `CLOCK_TOLERANCE_MS`.
 * `now`, `newest`: ms since the epoch (UTC instants). Returns how far behind (ms), or null when it is not.
 */
export function clockBehindBy(now: number, newest: NewestRecorded | null): number | null {
  if (!newest || !Number.isFinite(newest.at)) return null;
  const behind = newest.at - now;
  return behind > CLOCK_TOLERANCE_MS ? behind : null;
}

/**
 * The newest of several instants (ISO-8601 texts, or null), as `NewestRecorded`; null when none can be
 * read. The log's newest record is named instead when it is within CLOCK_TOLERANCE_MS of it (the witness
 * is written a moment after each record): a record's time is what the office can check in its ledger.
 */
export function newestOf(candidates: readonly { readonly at: string | null | undefined; readonly source: NewestRecorded['source'] }[]): NewestRecorded | null {
  const readable = candidates.map((candidate) => ({ at: candidate.at ? Date.parse(candidate.at) : Number.NaN, source: candidate.source })).filter((candidate) => Number.isFinite(candidate.at));
  if (readable.length === 0) return null;
  const newest = readable.reduce((a, b) => (b.at > a.at ? b : a));
  const log = readable.filter((candidate) => candidate.source === 'log').reduce<NewestRecorded | null>((a, b) => (!a || b.at > a.at ? b : a), null);
  return log && newest.at - log.at <= CLOCK_TOLERANCE_MS ? log : newest;
}

/**
 * The latest of several instants (ISO-8601 texts; unreadable ones and null/undefined left out), as
 * written; null when none can be read. What the store's witnesses (the one beside the data, its copies
 * beside the key and by the served path) say the store was last seen at: the newest of them counts.
 */
export function latestInstant(candidates: readonly (string | null | undefined)[]): string | null {
  let latest: { at: number; text: string } | null = null;
  for (const text of candidates) {
    const at = text ? Date.parse(text) : Number.NaN;
    if (Number.isFinite(at) && (!latest || at > latest.at)) latest = { at, text: text! };
  }
  return latest?.text ?? null;
}

/**
 * breaker9r P1 (serious): the instant a witness write records as `StoreWitness.seenAt` — the clock's
 * reading, or `floor` when the clock reads before it. The seen instant never moves back: a server (or a
 * tool) on a clock set back, refused CLOCK_BEHIND_LOG, once wrote its own slow time over the witness
 * at start and shutdown, and the next plain start was ready — one restart undid the refusal. Only a
 * start that accepts a clock that was ahead (`ClockAheadAcceptance`) writes an earlier one.
 * `now`, `floor`: ms since the epoch (floor null: none known). Returns ISO-8601 UTC.
 */
export function seenAtNoEarlierThan(now: number, floor: number | null): string {
  return new Date(floor !== null && Number.isFinite(floor) && floor > now ? floor : now).toISOString();
}

/**
 * An operator's acceptance of records stamped by a clock that was ahead (breaker9q P4): a start with
 * `--accept-clock-ahead-records` (ACCEPT_CLOCK_AHEAD_RECORDS=true) on a store whose newest instant the
 * clock reads before by more than CLOCK_TOLERANCE_MS. Kept in the store witness
 * (`StoreWitness.clockAheadAccepted`, oldest first), for good: the clock check then judges only what
 * was recorded after `upTo`, and `ledger:verify` names the span. Records after it keep the real clock's
 * instant — earlier than those of the records in the span, which is the truth the acceptance states.
 */
export interface ClockAheadAcceptance {
  /** ISO-8601 UTC instant of the accepting start, by the clock taken as right. */
  readonly at: string;
  /** The log's head position then (commit part, decimal); null for an empty log (only the witness was ahead). */
  readonly upTo: string | null;
  /** The first position of the records at the log's end stamped later than `at` (decimal); null when none is (only the witness's time was ahead). */
  readonly from: string | null;
  /** How many records at the log's end were stamped later than `at`. */
  readonly records: number;
  /** The newest instant the store held then (ISO-8601 UTC): a record's recording time, or when the witness last saw the store written. */
  readonly newestThen: string;
}

/**
 * The log's newest record, or null where the latest acceptance covers it (its position at or before
 * `upTo`): what is left for the clock check to judge. `newest`: position (commit part) and recording
 * instant (ISO-8601) of the log's newest event, null for an empty log.
 */
export function recordedAfterAcceptance(newest: { readonly position: bigint; readonly recordedAt: string } | null, accepted: readonly ClockAheadAcceptance[] | undefined): string | null {
  if (!newest) return null;
  const latest = accepted?.at(-1);
  if (!latest) return newest.recordedAt;
  return latest.upTo !== null && newest.position <= BigInt(latest.upTo) ? null : newest.recordedAt;
}

/**
 * The acceptance a start with ACCEPT_CLOCK_AHEAD_RECORDS makes, or null when there is nothing to accept
 * (the clock does not read before `newest` by more than CLOCK_TOLERANCE_MS). `now`: ms since the epoch;
 * `head`: the log's head position (commit part), null for an empty log; `ahead`: the records at the log's
 * end stamped later than `now` (their first position and how many). Pure.
 */
export function clockAheadAcceptance(now: number, newest: NewestRecorded | null, head: bigint | null, ahead: { readonly from: bigint; readonly records: number } | null): ClockAheadAcceptance | null {
  if (clockBehindBy(now, newest) === null) return null;
  return {
    at: new Date(now).toISOString(),
    upTo: head === null ? null : head.toString(),
    from: ahead ? ahead.from.toString() : null,
    records: ahead?.records ?? 0,
    newestThen: new Date(newest!.at).toISOString(),
  };
}

/**
 * What an acceptance says — in the log at the accepting start, in /health's notice, and in
 * `ledger:verify` — both instants in office time (Chinese) and UTC (English) and the span of positions.
 */
export function clockAheadAcceptanceWords(accepted: ClockAheadAcceptance): Bilingual {
  const span =
    accepted.from !== null && accepted.upTo !== null
      ? say(
          `the ${accepted.records} record(s) at position ${accepted.from}${accepted.from === accepted.upTo ? '' : ` to ${accepted.upTo}`} carry recording times later than that (up to ${accepted.newestThen}), stamped while the server's clock was ahead`,
          `位置 ${accepted.from}${accepted.from === accepted.upTo ? '' : ` 至 ${accepted.upTo}`} 的 ${accepted.records} 条记录的录入时间晚于该时刻（最晚为${officeInstantZh(accepted.newestThen)}），是服务器时钟偏快时录入的`,
        )
      : say(
          `no record carries a later recording time, but the store witness was last written at ${accepted.newestThen} by a clock that was ahead`,
          `没有记录的录入时间晚于该时刻，但事件库见证文件上次写入于${officeInstantZh(accepted.newestThen)}（当时服务器时钟偏快）`,
        );
  return say(
    `At ${accepted.at} a start with --accept-clock-ahead-records took the server's clock as right: ${span.en}. Records after position ${accepted.upTo ?? '(none)'} are stamped by the clock as it is now, so their recording times are earlier than those of the records in the span; the order of records is their position. A knownAt cut between ${accepted.at} and ${accepted.newestThen} shows records after the span without those in it stamped later than the cut.`,
    `${officeInstantZh(accepted.at)}，服务以 --accept-clock-ahead-records 启动，确认服务器时钟准确：${span.zh}。位置 ${accepted.upTo ?? '（无）'} 之后的记录按现在的时钟录入，其录入时间早于上述记录；记录的先后以位置为准。按录入时间（knownAt）查看${officeInstantZh(accepted.at)}至${officeInstantZh(accepted.newestThen)}之间的某一时刻时，会看到其后的记录，却看不到上述记录中录入时间晚于该时刻的那些。`,
  );
}

/** "2 天 3 小时" / "2 days 3 hours": how far behind, to the minute (days, hours, minutes; at least one unit). */
function spanOf(ms: number): Bilingual {
  const minutes = Math.floor(ms / 60_000);
  const parts = [
    { count: Math.floor(minutes / 1440), en: 'day', zh: '天' },
    { count: Math.floor((minutes % 1440) / 60), en: 'hour', zh: '小时' },
    { count: minutes % 60, en: 'minute', zh: '分钟' },
  ].filter((part) => part.count > 0);
  if (parts.length === 0) return say(`${Math.ceil(ms / 1000)} seconds`, `${Math.ceil(ms / 1000)} 秒`);
  return say(parts.map((part) => `${part.count} ${part.en}${part.count === 1 ? '' : 's'}`).join(' '), parts.map((part) => `${part.count} ${part.zh}`).join(' '));
}

/**
 * What a write refused for the clock says, and /health's cause CLOCK_BEHIND_LOG: both instants
 * (Chinese: office time, UTC+8; English: ISO-8601 UTC), how far behind, what goes wrong and what to do.
 */
export function clockBehindMessage(now: number, newest: NewestRecorded): Bilingual {
  const behind = spanOf(newest.at - now);
  const newestIso = new Date(newest.at).toISOString();
  const nowIso = new Date(now).toISOString();
  const what = newest.source === 'log' ? say('the recording time of the newest record in the ledger', '台账中最新记录的录入时间') : say('the time the event store was last written', '事件库上次写入的时间');
  // breaker9q P4: the same refusal when the clock is right now and the newest records were stamped by a clock
  // that was ahead before: say so, and when writes resume by themselves (never "set the clock forward").
  const resumesIso = new Date(newest.at - CLOCK_TOLERANCE_MS).toISOString();
  return say(
    `The server's clock (${nowIso}) reads ${behind.en} before ${what.en} (${newestIso}): the system time was probably set back. Writes are refused until the clock is right, so that no record is dated "today" by a wrong clock or recorded before the records it follows; reading goes on. Correct the server's time (e.g. enable NTP time sync), then try again: writes resume by themselves. If the server's time is right now (checked against NTP or another reliable clock), the clock was ahead before and the newest records were stamped by it: writes resume by themselves at ${resumesIso}; not to wait until then, check the time and start once with --accept-clock-ahead-records (or ACCEPT_CLOCK_AHEAD_RECORDS=true): those records are then accepted as stamped by a clock that was ahead (kept in the store witness, listed by ledger:verify), and records go on with the clock as it is. Do not set the clock forward to write sooner: it would stamp more records with a wrong time.`,
    `服务器时钟（${officeInstantZh(nowIso)}）比${what.zh}（${officeInstantZh(newestIso)}）早 ${behind.zh}：系统时间可能被调回。为免记录的日期和录入时间错乱，暂停写入（查询不受影响）；请校正服务器时间（例如开启 NTP 时间同步）后重试，写入会自动恢复。若服务器时间现已准确（已与 NTP 等可靠时间源核对），则是此前服务器时钟偏快，最新的记录是以偏快的时钟录入的：写入将于${officeInstantZh(resumesIso)}自动恢复；不能等到那时的，请确认时间无误后以 --accept-clock-ahead-records（或 ACCEPT_CLOCK_AHEAD_RECORDS=true）启动一次：这些记录将被确认为以偏快的时钟录入（留有记录，台账校验时列出），此后按现在的时钟继续录入。请勿为提前写入而把时钟调快：那样会有更多记录的录入时间出错。`,
  );
}

/**
 * newcomer27 S6 (moderate): accepting records stamped by a clock that was ahead is a one-time act.
 * ACCEPT_CLOCK_AHEAD_RECORDS left in the environment after the start that used it turned a clock *set
 * back* later into an accepted fast clock — the whole history since written into the witness as
 * "ahead", writes never stopped. A start that honours the setting (it accepted a span, or found nothing
 * to accept) leaves `StoreWitness.clockAheadSettingUsedAt`; the next start without the setting clears
 * it; a start with the setting while it is there is refused (exit 3, nothing written), saying to remove it.
 * `setting`: ACCEPT_CLOCK_AHEAD_RECORDS of this start; `witnessed`: this store's witnesses read at this
 * start (the mark and the acceptances they keep). Null when the start may go on. Pure.
 */
export function judgeClockAheadSettingLeftSet(
  setting: boolean | undefined,
  witnessed: readonly { readonly clockAheadSettingUsedAt?: string; readonly clockAheadAccepted?: readonly ClockAheadAcceptance[] }[],
): StoreRefusedError | null {
  if (!setting) return null;
  const usedAt = witnessed.map((witness) => witness.clockAheadSettingUsedAt).reduce<string | undefined>((a, b) => (b && (!a || Date.parse(b) > Date.parse(a)) ? b : a), undefined);
  if (!usedAt) return null;
  const accepted = witnessed.flatMap((witness) => witness.clockAheadAccepted ?? []).find((acceptance) => acceptance.at === usedAt);
  const what = accepted
    ? say(
        `it accepted the records stamped ahead up to position ${accepted.upTo ?? '(none)'}, newest ${accepted.newestThen}`,
        `已接受至位置 ${accepted.upTo ?? '（无）'} 为止以偏快时钟录入的记录，最晚为${officeInstantZh(accepted.newestThen)}`,
      )
    : say('there was nothing to accept', '当时没有需要接受的记录');
  return new StoreRefusedError(
    'ACCEPT_CLOCK_AHEAD_RECORDS_LEFT_SET',
    say(
      `Nothing was written. ACCEPT_CLOCK_AHEAD_RECORDS is set (or --accept-clock-ahead-records given), but the start at ${usedAt} already used it (${what.en}) and no start without it has followed: accepting records stamped by a clock that was ahead is a one-time act. Left set, it would take a clock set back later as right — the whole history since written into the store witness as stamped ahead — instead of stopping writes. Remove it from the environment, the .env file or the service's start command, and start again. (To accept the clock as right once more, after checking it against NTP or another reliable clock: start once without the setting, then once with it.)`,
      `未写入任何内容。已设置 ACCEPT_CLOCK_AHEAD_RECORDS（或给出了 --accept-clock-ahead-records），但${officeInstantZh(usedAt)}的启动已用过它（${what.zh}），此后还没有不带该设置的启动：确认时钟偏快时录入的记录只能一次性进行。该设置若一直保留，日后时钟被调回时会被当作准确的时钟接受（此前的全部记录都会被记为以偏快时钟录入），而不会暂停写入。请从环境变量、.env 文件或服务的启动命令中删除它，然后重新启动。（若与 NTP 等可靠时间源核对后确需再次确认时钟准确：先不带该设置启动一次，再带该设置启动一次。）`,
    ),
  );
}
