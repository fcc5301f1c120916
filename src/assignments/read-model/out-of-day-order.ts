import type { PartView } from './part-view.js';

/**
 * Whether `event` is a hand-over or merge (PartHandedOver) of an office day before one that had already passed or joined one of
 * `parts` — the parent's parts just after it was applied —, typed after that later one. The live fold takes papers in the order
 * typed, and the same-day rule (`keepsJoiningRecord`) cannot weigh two papers of one day once a later day's join stands between
 * them (typed-versus-date-order p:4201 run 2: two parts passed into one unit on 06-01, a third joined it on 07-01 typed between
 * them — the live views kept the lead's 10-31, the fold by day and the views as known later the stricter 09-30). From then on
 * such a parent is folded again by day after each of its events (`foldedByDay`, the ledgers' `settle`), as every past view
 * folds it. O(its parts).
 */
export function reorganisedOutOfDayOrder(event: { readonly type: string; readonly data: unknown }, parts: ReadonlyMap<string, PartView>): boolean {
  if (event.type !== 'PartHandedOver') return false;
  const day = (event.data as { readonly handedOverOn: string }).handedOverOn;
  for (const part of parts.values()) {
    if (part.passedOn.some((on) => on > day) || (part.joined ?? []).some((joined) => joined.on > day)) return true;
  }
  return false;
}
