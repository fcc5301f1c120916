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

/**
 * `dueWords` of a reported part beside its report's day: a late report judged against a due date since moved (an extension
 * granted after it, a new date given by a failed inspection) names the date in force that day — 「逾期 4 天后报送（按报送当日时限
 * 2016-06-30）」 — so a card reading 时限 2016-07-15 does not call a report of 07-04 late without saying why (breaker8r P14).
 * That date is the report's day less its days late (`reportedDaysLate`).
 */
export function dueWordsOnReport(part: PartTime & { readonly dueDate: string }, reportedOn: string | null | undefined): string {
  const words = dueWords(part);
  const late = part.reportedDaysLate;
  if (late == null || late <= 0 || !reportedOn) return words;
  const [year, month, day] = reportedOn.split('-').map(Number);
  const inForce = new Date(Date.UTC(year!, month! - 1, day! - late)).toISOString().slice(0, 10);
  return inForce === part.dueDate ? words : `${words}（按报送当日时限 ${inForce}）`;
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

/**
 * A part's deadline on a list as the item page and the export read it (the API's `dueText`, newcomer32 S3): the day, or
 * 立行立改（2026-12-02）, 常态化（每年报送）…; a standing task (`nextReportDue`) owes its next periodic report, said beside.
 */
export interface DueShown {
  readonly dueDate: string;
  readonly dueText?: string | null;
  readonly nextReportDue?: string | null;
  readonly nextReportDaysLeft?: number | null;
}

/** The 完成时限 / 整改时限 cell's words: `dueText` when the API gave it, else the day. */
export const dueTextCell = (part: DueShown): string => part.dueText || part.dueDate;

/** `下次报送 2026-12-31` under a standing task's words; null for a part that is not standing. */
export const nextReportLine = (part: DueShown): string | null => (part.nextReportDue ? `下次报送 ${part.nextReportDue}` : null);

/**
 * The 剩余天数 cell: for a standing task the days to its next report (`28（至报送）`, `今天报送`), since it is never
 * overdue and the end of its plan is not what it owes next; else `daysLeftCell`.
 */
export const daysLeftOrReportCell = (part: DueShown & PartTime): string =>
  part.nextReportDue && part.nextReportDaysLeft != null ? (part.nextReportDaysLeft === 0 ? '今天报送' : `${part.nextReportDaysLeft}（至报送）`) : daysLeftCell(part);
