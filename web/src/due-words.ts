/**
 * How a part's time stands, in the same words on every page (the lead's rule, breaker11b G4 /
 * breaker11c N3): a part the unit still has to act on is 剩余 N 天 or 逾期 N 天; a part reported
 * and awaiting inspection (or verified) is not overdue any more — its light and the 逾期 counts
 * follow its state now — but its lateness stays in sight as 逾期 N 天后报送 (按时报送 when on time).
 * `reportedDaysLate` comes from the API (null while the unit has to act).
 */
export interface PartTime {
  readonly daysLeft: number;
  readonly reportedDaysLate?: number | null;
}

/** `剩余 3 天`, `逾期 5 天`, `逾期 5 天后报送`, `按时报送`; `compact` drops the spaces (table cells). */
export function dueWords(part: PartTime, compact = false): string {
  const gap = compact ? '' : ' ';
  const late = part.reportedDaysLate;
  if (late != null) return late > 0 ? `逾期${gap}${late}${gap}天后报送` : '按时报送';
  return part.daysLeft < 0 ? `逾期${gap}${-part.daysLeft}${gap}天` : `剩余${gap}${part.daysLeft}${gap}天`;
}

/** The unit has to act and the due date has passed: what 逾期 counts (a reported part is not, however late it came). */
export const isOverdue = (part: PartTime & { readonly status: string }) =>
  (part.status === 'ASSIGNED' || part.status === 'RETURNED') && part.daysLeft < 0;

/** A 剩余天数 table cell: `3`, `逾期5天`, or for a reported part `逾期5天后报送` / `按时报送`. */
export const daysLeftCell = (part: PartTime): string =>
  part.reportedDaysLate != null ? dueWords(part, true) : part.daysLeft < 0 ? `逾期${-part.daysLeft}天` : String(part.daysLeft);

/**
 * The label of 审批延期's new due date (newcomer18 S9: 「不填则按申请日期」 read as the day the request
 * was made): left empty, the day the unit asked to be extended to is approved — named when known.
 * `requestedDueDate`: the pending request's 申请延至 (YYYY-MM-DD), undefined when not known.
 */
export const approvedDueDateLabel = (requestedDueDate?: string | null): string =>
  requestedDueDate ? `批准的新时限（不填则按单位申请延至的 ${requestedDueDate}）` : '批准的新时限（不填则按单位申请延至的日期）';
