import { setImmediate as nextTurn } from 'node:timers/promises';
import pLimit from 'p-limit';
import type { TimeCut } from './time-cut.js';

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
  return foldsAtOnce(() => fold(ids, cut, latestRecordedAt, at, clock));
}

/**
 * Folds run at most this many at once in a process; more wait their turn. Each fold holds what it
 * has folded so far (a day of every finding: tens of MB at 100k events), so requests for many
 * different days at once grew the heap without bound (breaker12 P8); two keep the machine's two
 * cores busy while a long fold runs.
 */
export const FOLDS_AT_ONCE = 2;
const foldsAtOnce = pLimit(FOLDS_AT_ONCE);

/** Folds running now, and those waiting their turn (for /metrics). */
export const foldsInProgress = (): { running: number; waiting: number } => ({ running: foldsAtOnce.activeCount, waiting: foldsAtOnce.pendingCount });

async function fold<View>(
  ids: readonly string[],
  cut: TimeCut,
  latestRecordedAt: string | null,
  at: (id: string, cut: TimeCut) => View | undefined | Promise<View | undefined>,
  clock: Milliseconds = () => performance.now(),
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
    const view = await at(ids[index]!, consistent);
    inSlice += 1;
    if (view !== undefined) views.push(view);
  }
  return views;
}
