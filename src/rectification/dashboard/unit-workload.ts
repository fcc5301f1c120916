import { awaitsUnit, daysLeft, type PartView } from '../../assignments/read-model/part-view.js';
import type { FindingView } from '../ledger/rectification-ledger.js';
import { byUrgency, partAlert, type PartAlert } from './dashboard.js';

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
  /** When it happened; for deadline reminders, the instant of the question. */
  readonly at: string;
}

export interface UnitWorkload {
  readonly unitId: string;
  readonly asOf: string;
  /** Parts not yet verified, most urgent first. */
  readonly openParts: PartAlert[];
  /** The unit's inbox, newest first. */
  readonly reminders: Reminder[];
}

function deadlineReminder(part: PartView, now: string): { kind: ReminderKind; message: string } | null {
  if (!awaitsUnit(part)) return null;
  const left = daysLeft(part, now);
  if (left < 0) return { kind: 'OVERDUE', message: `Overdue by ${-left} day${left === -1 ? '' : 's'} (due ${part.dueDate}).` };
  if (left <= 1) return { kind: 'DUE_IN_1_DAY', message: `Due ${left === 0 ? 'today' : 'tomorrow'} (${part.dueDate}).` };
  if (left <= 3) return { kind: 'DUE_IN_3_DAYS', message: `Due in ${left} days (${part.dueDate}).` };
  if (left <= 7) return { kind: 'DUE_IN_7_DAYS', message: `Due in ${left} days (${part.dueDate}).` };
  return null;
}

const RETURN_REMINDER = { SENT_BACK: 'REPORT_SENT_BACK', INSPECTION_FAILED: 'INSPECTION_FAILED', REOPENED: 'REOPENED' } as const;

/** Reminders about one part, for a unit that still has something to do on it. */
function remindersFor(finding: FindingView, part: PartView, now: string): Reminder[] {
  const about = { findingId: finding.findingId, findingTitle: finding.title };
  const reminders: Reminder[] = [];
  const deadline = deadlineReminder(part, now);
  if (deadline) reminders.push({ ...about, ...deadline, at: now });
  for (const urge of part.urges) reminders.push({ ...about, kind: 'URGED', message: urge.message, at: urge.urgedAt });
  const lastReturn = part.returns.at(-1);
  if (part.status === 'RETURNED' && lastReturn) {
    reminders.push({ ...about, kind: RETURN_REMINDER[lastReturn.cause], message: lastReturn.reason, at: lastReturn.returnedAt });
  }
  for (const request of part.extensionRequests) {
    if (request.status === 'GRANTED') {
      reminders.push({ ...about, kind: 'EXTENSION_GRANTED', message: `New due date ${request.grantedDueDate}.`, at: request.decidedAt! });
    } else if (request.status === 'REFUSED') {
      reminders.push({ ...about, kind: 'EXTENSION_REFUSED', message: request.decisionReason ?? '', at: request.decidedAt! });
    }
  }
  return reminders;
}

/** What one unit has to do across all findings, and its inbox of reminders. */
export function buildUnitWorkload(input: {
  findings: readonly FindingView[];
  unitId: string;
  unitName: string;
  now: string;
  dueSoonDays: number;
}): UnitWorkload {
  const openParts: PartAlert[] = [];
  const reminders: Reminder[] = [];
  for (const finding of input.findings) {
    const part = finding.parts.get(input.unitId);
    if (!part || part.status === 'VERIFIED') continue;
    const alert = partAlert(finding, part, input.unitName, input.now, input.dueSoonDays);
    if (alert) openParts.push(alert);
    reminders.push(...remindersFor(finding, part, input.now));
  }
  return {
    unitId: input.unitId,
    asOf: input.now,
    openParts: openParts.sort(byUrgency),
    reminders: reminders.sort((a, b) => b.at.localeCompare(a.at)),
  };
}

