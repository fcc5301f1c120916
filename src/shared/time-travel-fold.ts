import { setImmediate as nextTurn } from 'node:timers/promises';
import type { TimeCut } from './time-cut.js';
import { DomainError, say } from './domain-error.js';
import { FairQueue, SERVER } from './fair-queue.js';
import { currentRequest, WorkAbandoned } from './request-scope.js';

/**
 * Parents (findings, work-plan items) folded at a time cut a slice at a time, giving the event loop
 * back between slices: a dashboard as of a past day folds every parent's timeline (55,000 findings
 * at a million events), and other requests must not wait behind it. A slice ends after
 * `PARENTS_PER_TURN` parents or once it has run `TURN_MS` milliseconds, whichever comes first: a
 * parent read from the log costs from microseconds to milliseconds (its stream's length, the disk,
 * the machine's load), so a count alone let one slice hold the loop for tens of milliseconds at 1M
 * events. The result is one consistent view all the same: the ids are taken at the start, and the
 * fold sees only what was recorded by `latestRecordedAt` (the instant of the latest event projected
 * when the query started; an earlier `knownAt` of the cut wins), so events projected between two
 * slices are left out of every parent alike.
 */
export const PARENTS_PER_TURN = 256;

/** The longest a slice runs before it gives the event loop back (ms of wall clock). */
export const TURN_MS = 4;

/** Milliseconds from an arbitrary origin (`performance.now` unless a test gives its own). */
export type Milliseconds = () => number;

/**
 * `at(id, cut)` for every id, in order, leaving out those that did not exist at the cut. `at` may
 * answer later (a parent's stream read from the log): the parents are folded one after another.
 * `clock` measures each slice (tests give a clock they move themselves).
 */
export function foldAtCut<View>(
  ids: readonly string[],
  cut: TimeCut,
  latestRecordedAt: string | null,
  at: (id: string, cut: TimeCut) => View | undefined | Promise<View | undefined>,
  clock: Milliseconds = () => performance.now(),
): Promise<View[]> {
  const scope = currentRequest();
  return foldQueue.run(scope?.caller ?? SERVER, scope?.signal, (signal) => fold(ids, cut, latestRecordedAt, at, clock, signal));
}

export { SERVER };

/**
 * Folds run at most this many at once in a process; more wait their turn. Each fold holds what it
 * has folded so far (a day of every finding: tens of MB at 100k events), so requests for many
 * different days at once grew the heap without bound (breaker12 P8); two keep the machine's two
 * cores busy while a long fold runs.
 */
export const FOLDS_AT_ONCE = 2;

/**
 * Folds one caller may have waiting at once: one request may ask four days (the cost limit allows
 * four folds); a fifth waiting is refused (TOO_MANY_REQUESTS) rather than queued behind the caller's
 * own, so nobody can queue hours of folds (breaker12b P7).
 */
export const FOLDS_WAITING_PER_CALLER = 4;

/**
 * The folds' queue (a FairQueue): at most `atOnce` run; those waiting are taken a caller at a time,
 * round robin, so one person's many past days do not make another's single day wait behind them
 * all; a caller with `waitingPerCaller` folds waiting is refused.
 */
export class FoldQueue extends FairQueue {
  constructor(atOnce: number, waitingPerCaller: number) {
    super(atOnce, waitingPerCaller, (waiting) =>
      new DomainError(
        'TOO_MANY_REQUESTS',
        say(
          `You already have ${waiting} past days being worked out, the most allowed at once: wait for their answers before asking for other days.`,
          `您已有 ${waiting} 个过去日期的数据正在计算，已达同时计算的上限：请等这些结果出来后再查询其他日期。`,
        ),
        { waitingFolds: waiting },
      ),
    );
  }
}

const foldQueue = new FoldQueue(FOLDS_AT_ONCE, FOLDS_WAITING_PER_CALLER);

/** Folds running now, and those waiting their turn (for /metrics). */
export const foldsInProgress = (): { running: number; waiting: number } => foldQueue.counts;

async function fold<View>(
  ids: readonly string[],
  cut: TimeCut,
  latestRecordedAt: string | null,
  at: (id: string, cut: TimeCut) => View | undefined | Promise<View | undefined>,
  clock: Milliseconds = () => performance.now(),
  signal?: AbortSignal,
): Promise<View[]> {
  const knownAt = cut.knownAt === null || (latestRecordedAt !== null && latestRecordedAt < cut.knownAt) ? latestRecordedAt : cut.knownAt;
  const consistent: TimeCut = { ...cut, knownAt };
  const views: View[] = [];
  let sliceStarted = clock();
  let inSlice = 0;
  for (let index = 0; index < ids.length; index += 1) {
    if (inSlice === PARENTS_PER_TURN || (inSlice > 0 && clock() - sliceStarted >= TURN_MS)) {
      await nextTurn();
      sliceStarted = clock();
      inSlice = 0;
    }
    // Nobody waits for this answer any more: the rest is not folded.
    if (signal?.aborted) throw new WorkAbandoned();
    const view = await at(ids[index]!, consistent);
    inSlice += 1;
    if (view !== undefined) views.push(view);
  }
  return views;
}
