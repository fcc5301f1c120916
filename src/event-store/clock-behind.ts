import { officeInstantZh } from '../shared/calendar-date.js';
import { say, type Bilingual } from '../shared/domain-error.js';

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
    `The server's clock (${nowIso}) reads ${behind.en} before ${what.en} (${newestIso}): the system time was probably set back. Writes are refused until the clock is right, so that no record is dated "today" by a wrong clock or recorded before the records it follows; reading goes on. Correct the server's time (e.g. enable NTP time sync), then try again: writes resume by themselves. If the server's time is right now (checked against NTP or another reliable clock), the clock was ahead before and the newest records were stamped by it: writes resume by themselves at ${resumesIso}. Do not set the clock forward to write sooner: it would stamp more records with a wrong time.`,
    `服务器时钟（${officeInstantZh(nowIso)}）比${what.zh}（${officeInstantZh(newestIso)}）早 ${behind.zh}：系统时间可能被调回。为免记录的日期和录入时间错乱，暂停写入（查询不受影响）；请校正服务器时间（例如开启 NTP 时间同步）后重试，写入会自动恢复。若服务器时间现已准确（已与 NTP 等可靠时间源核对），则是此前服务器时钟偏快，最新的记录是以偏快的时钟录入的：写入将于${officeInstantZh(resumesIso)}自动恢复。请勿为提前写入而把时钟调快：那样会有更多记录的录入时间出错。`,
  );
}
