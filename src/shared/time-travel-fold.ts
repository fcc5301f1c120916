import { setImmediate as nextTurn } from 'node:timers/promises';
import type { TimeCut } from './time-cut.js';

/**
 * Parents (findings, work-plan items) folded at a time cut in slices of `PARENTS_PER_TURN`, giving
 * the event loop back between slices: a dashboard as of a past day folds every parent's timeline,
 * and other requests must not wait behind it. The result is one consistent view all the same: the
 * ids are taken at the start, and the fold sees only what was recorded by `latestRecordedAt` (the
 * instant of the latest event projected when the query started; an earlier `knownAt` of the cut
 * wins), so events projected between two slices are left out of every parent alike.
 */
export const PARENTS_PER_TURN = 256;

/**
 * `at(id, cut)` for every id, in order, leaving out those that did not exist at the cut. `at` may
 * answer later (a parent's stream read from the log): the parents are folded one after another.
 */
export async function foldAtCut<View>(
  ids: readonly string[],
  cut: TimeCut,
  latestRecordedAt: string | null,
  at: (id: string, cut: TimeCut) => View | undefined | Promise<View | undefined>,
): Promise<View[]> {
  const knownAt = cut.knownAt === null || (latestRecordedAt !== null && latestRecordedAt < cut.knownAt) ? latestRecordedAt : cut.knownAt;
  const consistent: TimeCut = { ...cut, knownAt };
  const views: View[] = [];
  for (let index = 0; index < ids.length; index += 1) {
    if (index > 0 && index % PARENTS_PER_TURN === 0) await nextTurn();
    const view = await at(ids[index]!, consistent);
    if (view !== undefined) views.push(view);
  }
  return views;
}
