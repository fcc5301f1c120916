import type { PartView } from './part-view.js';

/**
 * Whether `event` was typed out of the day order the live fold can follow, so that its parent must be folded by day from then on:
 * a reopening or a return typed after a record dated after it (`recordDatedAfter`), or a hand-over or merge (PartHandedOver) of an office day before one that had already passed or joined one of
 * `parts` — the parent's parts just after it was applied —, typed after that later one. The live fold takes papers in the order
 * typed, and the same-day rule (`keepsJoiningRecord`) cannot weigh two papers of one day once a later day's join stands between
 * them (typed-versus-date-order p:4201 run 2: two parts passed into one unit on 06-01, a third joined it on 07-01 typed between
 * them — the live views kept the lead's 10-31, the fold by day and the views as known later the stricter 09-30). From then on
 * such a parent is folded again by day after each of its events (`foldedByDay`, the ledgers' `settle`), as every past view
 * folds it. O(its parts).
 */
export function reorganisedOutOfDayOrder(event: { readonly type: string; readonly data: unknown }, parts: ReadonlyMap<string, PartView>): boolean {
  if (event.type === 'PartsReopened') return recordDatedAfter((event.data as { readonly reopenedOn: string }).reopenedOn, parts);
  // A return (退办, 督查未通过) typed after the re-report it called for (breaker41-8 P3's send-back: report 05-22, re-report 06-19
  // typed, then the 05-24 send-back found): applied last, it returned the re-report too — the part read returned and overdue
  // now, awaiting inspection by day.
  // A report typed after a later report of its part, taken until the return between them is entered (breaker41-8 P3): applied
  // last, it read as the part's latest report.
  if (event.type === 'RectificationReported') return recordDatedAfter((event.data as { readonly reportedOn: string }).reportedOn, parts);
  if (event.type === 'ReportSentBack') return recordDatedAfter((event.data as { readonly sentBackOn: string }).sentBackOn, parts);
  if (event.type === 'InspectionLogged' && (event.data as { readonly outcome: string }).outcome === 'FAILED') return recordDatedAfter((event.data as { readonly inspectedOn: string }).inspectedOn, parts);
  if (event.type !== 'PartHandedOver') return false;
  const day = (event.data as { readonly handedOverOn: string }).handedOverOn;
  for (const part of parts.values()) {
    if (part.passedOn.some((on) => on > day) || (part.joined ?? []).some((joined) => joined.on > day)) return true;
  }
  return false;
}

/**
 * Whether the parent's parts hold a record dated after office day `day` — a report, inspection, return, extension request or
 * urging: a reopening (or a return) of that day was typed after it (breaker41-8 P2: the 06-18 pass and the 06-27 reopening found in the files after the
 * 07-04 re-report and the 07-07 pass that answered the reopening). Typed last, the reopening ended the close-out in the live
 * fold and set aside the records that answered it: the finding read open, overdue, now and as of today, and closed on 07-07 as
 * known later and as of any day before. Such a parent is folded by day from then on, as a reorganisation typed out of day order
 * is. `parts`: the parent's parts just after the event was applied. O(its records).
 */
function recordDatedAfter(day: string, parts: ReadonlyMap<string, PartView>): boolean {
  const later = (on: string) => on > day;
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
