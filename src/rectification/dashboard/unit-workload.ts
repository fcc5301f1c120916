import { awaitsUnit, daysLeft, type PartView } from '../../assignments/read-model/part-view.js';
import type { FindingView } from '../ledger/rectification-ledger.js';
import { partAlert, sortByUrgency, type PartAlert } from './dashboard.js';

export const ReminderKinds = [
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
] as const;
export type ReminderKind = (typeof ReminderKinds)[number];

export interface Reminder {
  readonly kind: ReminderKind;
  readonly findingId: string;
  readonly findingTitle: string;
  readonly message: string;
  /** The office day it happened (`YYYY-MM-DD`); for deadline reminders, the day viewed. */
  readonly on: string;
  /** When it was recorded (ISO); for deadline reminders, null. */
  readonly at: string | null;
}

export interface UnitWorkload {
  readonly unitId: string;
  /** The business day viewed, `YYYY-MM-DD`. */
  readonly asOf: string;
  /** Parts not yet verified, most urgent first. */
  readonly openParts: PartAlert[];
  /** The unit's inbox, newest first. */
  readonly reminders: Reminder[];
}

/** The deadline reminder a unit reads in its inbox, in Chinese like the rest of its data. */
function deadlineReminder(part: PartView, today: string): { kind: ReminderKind; message: string } | null {
  if (!awaitsUnit(part)) return null;
  const left = daysLeft(part, today);
  if (left < 0) return { kind: 'OVERDUE', message: `已逾期 ${-left} 天（截止日期 ${part.dueDate}）。` };
  if (left <= 1) return { kind: 'DUE_IN_1_DAY', message: `${left === 0 ? '今天' : '明天'}到期（${part.dueDate}）。` };
  if (left <= 3) return { kind: 'DUE_IN_3_DAYS', message: `还有 ${left} 天到期（${part.dueDate}）。` };
  if (left <= 7) return { kind: 'DUE_IN_7_DAYS', message: `还有 ${left} 天到期（${part.dueDate}）。` };
  return null;
}

const RETURN_REMINDER = { SENT_BACK: 'REPORT_SENT_BACK', INSPECTION_FAILED: 'INSPECTION_FAILED', REOPENED: 'REOPENED' } as const;

/** Reminders about one part, for a unit that still has something to do on it. */
function remindersFor(finding: FindingView, part: PartView, today: string): Reminder[] {
  const about = { findingId: finding.findingId, findingTitle: finding.title };
  const reminders: Reminder[] = [];
  const deadline = deadlineReminder(part, today);
  if (deadline) reminders.push({ ...about, ...deadline, on: today, at: null });
  for (const urge of part.urges) reminders.push({ ...about, kind: 'URGED', message: urge.message, on: urge.urgedOn, at: urge.urgedAt });
  const lastReturn = part.returns.at(-1);
  if (part.status === 'RETURNED' && lastReturn) {
    reminders.push({ ...about, kind: RETURN_REMINDER[lastReturn.cause], message: lastReturn.reason, on: lastReturn.returnedOn, at: lastReturn.returnedAt });
  }
  for (const request of part.extensionRequests) {
    const decided = { on: request.decidedOn!, at: request.decidedAt! };
    if (request.status === 'GRANTED') {
      reminders.push({ ...about, kind: 'EXTENSION_GRANTED', message: `延期已批准，新的截止日期为 ${request.grantedDueDate}。`, ...decided });
    } else if (request.status === 'REFUSED') {
      reminders.push({ ...about, kind: 'EXTENSION_REFUSED', message: request.decisionReason ?? '', ...decided });
    }
  }
  return reminders;
}

/** Newest first: by business day, then (same day) by when it was recorded; the deadline leads its day. */
const newestFirst = (a: Reminder, b: Reminder) => b.on.localeCompare(a.on) || (b.at ?? '\uffff').localeCompare(a.at ?? '\uffff');

/** What one unit has to do across all findings, and its inbox of reminders, on the business day `today`. */
export function buildUnitWorkload(input: {
  findings: readonly FindingView[];
  unitId: string;
  unitName: string;
  today: string;
  dueSoonDays: number;
}): UnitWorkload {
  const openParts: PartAlert[] = [];
  const reminders: Reminder[] = [];
  for (const finding of input.findings) {
    const part = finding.parts.get(input.unitId);
    if (!part || part.status === 'VERIFIED') continue;
    const alert = partAlert(finding, part, input.unitName, input.today, input.dueSoonDays);
    if (alert) openParts.push(alert);
    reminders.push(...remindersFor(finding, part, input.today));
  }
  return {
    unitId: input.unitId,
    asOf: input.today,
    openParts: sortByUrgency(openParts),
    reminders: reminders.sort(newestFirst),
  };
}

