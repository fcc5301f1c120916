import { daysBetween } from '../../shared/calendar-date.js';
import { ParentKinds, type ParentKind } from '../domain/assignment.events.js';
import { dueReading } from './due-reading.js';
import { daysLeft, dueDateOn, isDueBound, onWatch, reportedDaysLate, type PartView } from './part-view.js';

/*
 * A unit's inbox (提醒), one lifecycle for findings and work-plan items alike: what a part's own
 * history and its due date say the unit should hear about. Pure; `today` is the office day viewed.
 */

export const ReminderKinds = [
  'NEWLY_ASSIGNED',
  'OVERDUE',
  'DUE_IN_1_DAY',
  'DUE_IN_3_DAYS',
  'DUE_IN_7_DAYS',
  'URGED',
  'REPORT_SENT_BACK',
  'INSPECTION_FAILED',
  'REOPENED',
  'EXTENSION_GRANTED',
  'EXTENSION_REFUSED',
  'REPORTED_LATE',
] as const;
export type ReminderKind = (typeof ReminderKinds)[number];

/** A reminder is about a part of either kind of parent. */
export const ReminderParentKinds = ParentKinds;
export type ReminderParentKind = ParentKind;

/** What a reminder is about: the part's parent, and for a work-plan item the plan it belongs to. */
export interface ReminderParent {
  readonly parentKind: ReminderParentKind;
  readonly parentId: string;
  /** The finding's title; the item's code and title (`1-3 推进决策公开`). */
  readonly parentTitle: string;
  /** The work plan's title, for an item; null for a finding. */
  readonly planTitle: string | null;
}

export interface Reminder extends ReminderParent {
  readonly kind: ReminderKind;
  readonly message: string;
  /** The office day it happened (`YYYY-MM-DD`, China time); for deadline reminders, the day viewed. */
  readonly on: string;
  /** When it was recorded (ISO instant); for deadline reminders, null. */
  readonly at: string | null;
  /** The part's due date in force on the day viewed (`YYYY-MM-DD`): what orders the inbox (`mostUrgentFirst`). */
  readonly dueDate: string;
}

/** The deadline reminder a unit reads in its inbox, in Chinese like the rest of its data. */
function deadlineReminder(part: PartView, today: string): { kind: ReminderKind; message: string } | null {
  if (!isDueBound(part)) return null;
  // On the unit's own watch (`onWatch`): a part it took over after its due date is overdue from the day it came to hold it.
  const judged = onWatch(part);
  const left = daysLeft(judged, today);
  if (judged.dueDate !== part.dueDate) {
    const handedOver = `截止日期 ${part.dueDate}，${judged.dueDate} 移交本单位，自移交之日起计`;
    return left < 0 ? { kind: 'OVERDUE', message: `已逾期 ${-left} 天（${handedOver}）。` } : { kind: 'DUE_IN_1_DAY', message: `今天到期（${handedOver}）。` };
  }
  if (left < 0) return { kind: 'OVERDUE', message: `已逾期 ${-left} 天（截止日期 ${part.dueDate}）。` };
  if (left <= 1) return { kind: 'DUE_IN_1_DAY', message: `${left === 0 ? '今天' : '明天'}到期（${part.dueDate}）。` };
  if (left <= 3) return { kind: 'DUE_IN_3_DAYS', message: `还有 ${left} 天到期（${part.dueDate}）。` };
  if (left <= 7) return { kind: 'DUE_IN_7_DAYS', message: `还有 ${left} 天到期（${part.dueDate}）。` };
  return null;
}

/**
 * A standing task's (常态化 / 长期坚持 / 每季度 …) reminder: never overdue, it is due a report at the end of every period
 * (`nextReportDue`), and the unit hears of it as of any deadline — 7, 3 and 1 days before (newcomer32 S3: a task whose
 * annual report was due in four weeks was shown as 759 days away, with no reminder). `dueDate`: the report's day.
 */
function reportDueReminder(part: PartView, today: string): { kind: ReminderKind; message: string; dueDate: string } | null {
  const { dueText, nextReportDue, nextReportDaysLeft: left } = dueReading(part, today);
  if (nextReportDue === null || left === null || left > 7) return null;
  const kind: ReminderKind = left <= 1 ? 'DUE_IN_1_DAY' : left <= 3 ? 'DUE_IN_3_DAYS' : 'DUE_IN_7_DAYS';
  const when = left === 0 ? '今天' : left === 1 ? '明天' : `还有 ${left} 天`;
  return { kind, message: `${when}应报送（${dueText}，下次报送 ${nextReportDue}）。`, dueDate: nextReportDue };
}

const RETURN_REMINDER = { SENT_BACK: 'REPORT_SENT_BACK', INSPECTION_FAILED: 'INSPECTION_FAILED', REOPENED: 'REOPENED' } as const;

/**
 * A fact the unit was told of (an urging, a return, an extension decision) on office day `on`,
 * recorded at `at`, is answered once the unit reports after it: a report dated a later day, or of
 * the same day. On that day, an urging or an extension decision is answered by the day's report
 * whichever was entered first (`sameDayInEitherOrder`): nothing ties the two, and the paper of one
 * day has no order (breaker8t P6: a 催办 reminder stood beside a part awaiting inspection when the
 * urging was typed after the clerk's report of its day). A return (sent back, failed, reopened)
 * returns a report, so its day's report answers it only when entered after it — a re-report; the
 * workflow refuses the other order. One rule for every part, whoever held it then (a part handed
 * over in a merge carries its predecessor's facts and reports alike).
 */
function answeredByReport(part: Pick<PartView, 'reports'>, on: string, at: string, sameDayInEitherOrder: boolean): boolean {
  return part.reports.some((report) => report.reportedOn > on || (report.reportedOn === on && (sameDayInEitherOrder || report.reportedAt > at)));
}

/**
 * What a granted extension tells the unit: the new due day, and when less was granted than asked, both
 * days (newcomer23 S10: 「延期已批准，新的截止日期为 2026-12-22。」 hid that 2027-01-20 had been asked).
 */
export const grantMessage = (request: { requestedDueDate: string; grantedDueDate: string | null }, inForce?: string): string =>
  // Granted and overtaken (breaker8r P4): a return had already given a later date, which stands.
  inForce !== undefined && request.grantedDueDate !== null && inForce > request.grantedDueDate
    ? `延期已批准（至 ${request.grantedDueDate}），但此前督查或退回已给出更晚的时限 ${inForce}，仍以 ${inForce} 为准。`
    : request.grantedDueDate !== null && request.grantedDueDate !== request.requestedDueDate
    ? `延期部分批准：申请延至 ${request.requestedDueDate}，批准至 ${request.grantedDueDate}。`
    : `延期已批准，新的截止日期为 ${request.grantedDueDate ?? request.requestedDueDate}。`;

/**
 * How long a new assignment (交办) stays in the unit's inbox as 新交办, in calendar days from the office day it was
 * assigned (that day and the next 7), unless the unit reports first: a clerk's inbox is where new work is looked for
 * (newcomer36 S1: a new 交办 was one more row of the task list, nothing said "new"); after a week it is simply work.
 */
export const NEWLY_ASSIGNED_DAYS = 7;

const ROLE_WORDS = { LEAD: '牵头', RESPONSIBLE: '责任' } as const;

/** 新交办: the part's assignment while it is new (`NEWLY_ASSIGNED_DAYS`) and unanswered by a report, as of office day `today`. */
function newAssignmentReminder(part: PartView, today: string): Omit<Reminder, keyof ReminderParent | 'dueDate'> | null {
  const age = daysBetween(part.assignedOn, today);
  if (age < 0 || age > NEWLY_ASSIGNED_DAYS || part.heldSince !== undefined || part.reports.length > 0) return null;
  const { dueText } = dueReading(part, today);
  return { kind: 'NEWLY_ASSIGNED', message: `新交办（${ROLE_WORDS[part.role]}单位），整改时限：${dueText}。`, on: part.assignedOn, at: part.assignedAt };
}

/**
 * Reminders about one part not yet verified, as of the office day `today` (`YYYY-MM-DD`): its assignment while new
 * (新交办, `NEWLY_ASSIGNED_DAYS`), its deadline (due in 7/3/1 days, overdue), or a standing task's next periodic report (due in 7/3/1 days) and every urging (催办), return (sent back, failed
 * inspection, reopened) and extension decision the unit has not answered with a report since
 * (`answeredByReport`: an urging or decision by a report of its day in either order, a return by one entered after it),
 * each dated by the office day it happened.
 */
export function remindersFor(parent: ReminderParent, part: PartView, today: string): Reminder[] {
  const reminders: Reminder[] = [];
  const deadline = deadlineReminder(part, today);
  const { dueDate } = part;
  if (deadline) reminders.push({ ...parent, ...deadline, on: today, at: null, dueDate });
  else {
    const report = reportDueReminder(part, today);
    if (report) reminders.push({ ...parent, ...report, on: today, at: null });
  }
  const told = (reminder: Omit<Reminder, keyof ReminderParent | 'dueDate'> & { at: string }, sameDayInEitherOrder = true) => {
    if (!answeredByReport(part, reminder.on, reminder.at, sameDayInEitherOrder)) reminders.push({ ...parent, ...reminder, dueDate });
  };
  const assigned = newAssignmentReminder(part, today);
  if (assigned) reminders.push({ ...parent, ...assigned, dueDate });
  for (const urge of part.urges) told({ kind: 'URGED', message: urge.message, on: urge.urgedOn, at: urge.urgedAt });
  for (const returned of part.returns) told({ kind: RETURN_REMINDER[returned.cause], message: returned.reason, on: returned.returnedOn, at: returned.returnedAt }, false);
  for (const request of part.extensionRequests) {
    if (request.decidedOn === null || request.decidedAt === null) continue;
    const decided = { on: request.decidedOn, at: request.decidedAt };
    if (request.status === 'GRANTED') told({ kind: 'EXTENSION_GRANTED', message: grantMessage(request, dueDateOn(part, request.decidedOn)), ...decided });
    else if (request.status === 'REFUSED') told({ kind: 'EXTENSION_REFUSED', message: request.decisionReason ?? '', ...decided });
  }
  return reminders;
}

/**
 * The records of a part that its inbox no longer lists (`remindersFor`), each dated by the office day it happened: its returns
 * (退办, 督查未通过, 重新打开) answered by a report since, or the part verified (newcomer49-8 M4), and its standing report when it came
 * late (REPORTED_LATE, 「逾期 5 天后报送（截止日期 2016-06-30）」: the 已逾期 line goes once the unit reports, and the page then said
 * nothing of the lateness 单位排名 beside it counts — newcomer52-8 M8). Lateness on the unit's own watch (`onWatch`), as the
 * scorecard counts it. What a unit's page lists beside its inbox, so the records under its figures stay listed once done.
 */
export function answeredReturnsFor(parent: ReminderParent, part: PartView): Reminder[] {
  const records: Reminder[] = part.returns
    .filter((returned) => part.status === 'VERIFIED' || answeredByReport(part, returned.returnedOn, returned.returnedAt, false))
    .map((returned) => ({ ...parent, kind: RETURN_REMINDER[returned.cause], message: returned.reason, on: returned.returnedOn, at: returned.returnedAt, dueDate: part.dueDate }));
  const watched = onWatch(part);
  const late = reportedDaysLate(watched);
  const standing = part.reports.reduce<PartView['reports'][number] | null>((last, report) => (last === null || report.reportedOn >= last.reportedOn ? report : last), null);
  if (late !== null && late > 0 && standing !== null) {
    records.push({ ...parent, kind: 'REPORTED_LATE', message: `逾期 ${late} 天后报送（截止日期 ${dueDateOn(watched, standing.reportedOn)}）。`, on: standing.reportedOn, at: standing.reportedAt, dueDate: part.dueDate });
  }
  return records;
}

/** Newest first: by office day, then (same day) by when it was recorded; the deadline leads its day. */
export const newestFirst = (a: Reminder, b: Reminder): number => b.on.localeCompare(a.on) || (b.at ?? '\uffff').localeCompare(a.at ?? '\uffff');

/**
 * The inbox's order, as the unit's task list beside it (breaker11c N2: 7-day reminders came before
 * 24-days-overdue ones): by the part's due date — most overdue first, then the nearest due — and
 * about parts due the same day, newest first (`newestFirst`). The same order within every kind.
 */
export const mostUrgentFirst = (a: Reminder, b: Reminder): number => a.dueDate.localeCompare(b.dueDate) || newestFirst(a, b);
