import type { PartView } from './part-view.js';

/**
 * Whether `event` was typed out of the day order the live fold can follow, so that its parent must be folded by day from then on
 * (`foldedByDay`: the ledgers' `settle` folds it again by day after each of its events, as every past view folds it). `parts`:
 * the parent's parts just after `event` was applied. O(its parts and their records). Two kinds:
 * - a reopening, a report or a return (退办, 督查未通过) typed after a record of its parts dated after it (`recordDatedAfter`).
 *   Applied last, the reopening ended a close-out the later records had answered (breaker41-8 P2), the return returned the
 *   re-report it called for, the report read as the part's latest (breaker41-8 P3);
 * - a hand-over or merge (PartHandedOver) of an office day before one that had already passed or joined one of `parts`, typed
 *   after that later one: the same-day rule (`keepsJoiningRecord`) cannot weigh two papers of one day once a later day's join
 *   stands between them (typed-versus-date-order p:4201 run 2: the live views kept the lead's 10-31, the fold by day the
 *   stricter 09-30).
 */
export function typedOutOfDayOrder(event: { readonly type: string; readonly data: unknown }, parts: ReadonlyMap<string, PartView>): boolean {
  // 撤销误录 (newcomer51-8 S1): the parent read as if the record had never been entered — a fold by day, which leaves it out.
  if (event.type === 'RecordRetracted') return true;
  // A pass or reopening moved on a parent with a reopening: the one the server wrote for a part-only reopening found closed
  // (`foundClosed`) is judged again by day, with what it answers (h54b, breaker54-8 S2 S6 S8).
  if (event.type === 'FactDateCorrected' || event.type === 'InspectionCorrected') return [...parts.values()].some((part) => part.returns.some((returned) => returned.cause === 'REOPENED'));
  if (event.type === 'PartsReopened') return recordDatedAfter((event.data as { readonly reopenedOn: string }).reopenedOn, parts);
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
 * Whether the parent's parts hold a record dated after office day `day` (YYYY-MM-DD) — a report, inspection, return, extension
 * request or urging — so that a reopening, report or return of that day was typed after it (breaker41-8 P2: the 06-18 pass and
 * the 06-27 reopening found in the files after the 07-04 re-report and the 07-07 pass that answered the reopening; typed last,
 * the reopening read the finding open and overdue now, closed on 07-07 as known later). `parts`: the parent's parts just after
 * the event was applied. O(their records).
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
