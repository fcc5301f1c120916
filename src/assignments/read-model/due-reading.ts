import { daysBetween } from '../../shared/calendar-date.js';
import { deadlineCell, nextReportDue } from '../../shared/deadline.js';
import type { PartView } from './part-view.js';

/**
 * How a part's deadline reads on a list (我的任务, the breakdown), one reading with the item page and the export
 * (newcomer32 S3: a 长期坚持 task showed only the end of the plan, 759 days away):
 * - `dueText`: the 完成时限 as the export writes it (`deadlineCell`): 2027-06-30, 立行立改（2026-12-02）, 常态化（每年报送）…;
 * - `nextReportDue`: a standing part's next periodic report (`YYYY-MM-DD`, the end of the reporting period in progress on
 *   `today`, or of the next once reported in it); null for a part that is not standing, or verified;
 * - `nextReportDaysLeft`: days from `today` to `nextReportDue` (0: due today); null with it;
 * - `urgentOn`: the day the unit next owes something — the next report of a standing part, else the due date in force —
 *   what lists sort by.
 */
export interface DueReading {
  readonly dueText: string;
  readonly nextReportDue: string | null;
  readonly nextReportDaysLeft: number | null;
  readonly urgentOn: string;
}

export function dueReading(part: Pick<PartView, 'terms' | 'dueDate' | 'status' | 'reports'>, today: string): DueReading {
  const next = part.status === 'VERIFIED' ? null : nextReportDue(part.terms, { dueDate: part.dueDate, lastReportedOn: part.reports.at(-1)?.reportedOn ?? null }, today);
  return {
    dueText: deadlineCell(part.terms, part.dueDate),
    nextReportDue: next,
    nextReportDaysLeft: next === null ? null : daysBetween(today, next),
    urgentOn: next ?? part.dueDate,
  };
}
