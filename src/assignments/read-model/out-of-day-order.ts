import type { PartView } from './part-view.js';

/**
 * Whether `event` was typed out of the day order the live fold can follow, so that its parent must be folded by day from then on:
 * a reopening typed after a record dated after it (`reopenedOutOfDayOrder`), or a hand-over or merge (PartHandedOver) of an office day before one that had already passed or joined one of
 * `parts` — the parent's parts just after it was applied —, typed after that later one. The live fold takes papers in the order
 * typed, and the same-day rule (`keepsJoiningRecord`) cannot weigh two papers of one day once a later day's join stands between
 * them (typed-versus-date-order p:4201 run 2: two parts passed into one unit on 06-01, a third joined it on 07-01 typed between
 * them — the live views kept the lead's 10-31, the fold by day and the views as known later the stricter 09-30). From then on
 * such a parent is folded again by day after each of its events (`foldedByDay`, the ledgers' `settle`), as every past view
 * folds it. O(its parts).
 */
export function reorganisedOutOfDayOrder(event: { readonly type: string; readonly data: unknown }, parts: ReadonlyMap<string, PartView>): boolean {
  if (event.type === 'PartsReopened') return reopenedOutOfDayOrder((event.data as { readonly reopenedOn: string }).reopenedOn, parts);
  if (event.type !== 'PartHandedOver') return false;
  const day = (event.data as { readonly handedOverOn: string }).handedOverOn;
  for (const part of parts.values()) {
    if (part.passedOn.some((on) => on > day) || (part.joined ?? []).some((joined) => joined.on > day)) return true;
  }
  return false;
}

/**
 * Whether a reopening of office day `reopenedOn` was typed after a record of its parent dated after it — a report, inspection,
 * return, extension request or urging (breaker41-8 P2: the 06-18 pass and the 06-27 reopening found in the files after the
 * 07-04 re-report and the 07-07 pass that answered the reopening). Typed last, the reopening ended the close-out in the live
 * fold and set aside the records that answered it: the finding read open, overdue, now and as of today, and closed on 07-07 as
 * known later and as of any day before. Such a parent is folded by day from then on, as a reorganisation typed out of day order
 * is. `parts`: the parent's parts just after the reopening was applied. O(its records).
 */
function reopenedOutOfDayOrder(reopenedOn: string, parts: ReadonlyMap<string, PartView>): boolean {
  const later = (day: string) => day > reopenedOn;
  for (const part of parts.values()) {
    if (
      part.reports.some((report) => later(report.reportedOn)) ||
      part.inspections.some((inspection) => later(inspection.inspectedOn)) ||
      part.returns.some((returned) => later(returned.returnedOn)) ||
      part.extensionRequests.some((request) => later(request.requestedOn)) ||
      part.urges.some((urge) => later(urge.urgedOn))
    )
      return true;
  }
  return false;
}
