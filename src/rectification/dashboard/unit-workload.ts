import { onWatch } from '../../assignments/read-model/part-view.js';
import { answeredReturnsFor, remindersFor, mostUrgentFirst, type Reminder } from '../../assignments/read-model/reminders.js';
import type { FindingView } from '../ledger/rectification-ledger.js';
import { partAlert, sortByUrgency, type PartAlert } from './dashboard.js';

/** A unit's findings half of its workload (the work-plan half: `src/unit-workload/`). */
export interface UnitWorkload {
  readonly unitId: string;
  /** The business day viewed, `YYYY-MM-DD`. */
  readonly asOf: string;
  /** Parts not yet verified, most urgent first. */
  readonly openParts: PartAlert[];
  /** The unit's inbox about findings, most urgent first (`mostUrgentFirst`). */
  readonly reminders: Reminder[];
  /** The returns of its finding parts the inbox no longer lists (answered, or the part verified: `answeredReturnsFor`), most urgent first. */
  readonly answeredReturns: Reminder[];
}

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
  const answeredReturns: Reminder[] = [];
  for (const finding of input.findings) {
    const part = finding.parts.get(input.unitId);
    if (part) answeredReturns.push(...answeredReturnsFor({ parentKind: 'FINDING', parentId: finding.findingId, parentTitle: finding.title, planTitle: null }, part));
    if (!part || part.status === 'VERIFIED') continue;
    // On the unit's own watch (`onWatch`): a part it took over late is overdue from the day it came to hold it.
    const alert = partAlert(finding, part, input.unitName, input.today, input.dueSoonDays, onWatch(part));
    if (alert) openParts.push(alert);
    const parent = { parentKind: 'FINDING', parentId: finding.findingId, parentTitle: finding.title, planTitle: null } as const;
    reminders.push(...remindersFor(parent, part, input.today));
  }
  return {
    unitId: input.unitId,
    asOf: input.today,
    openParts: sortByUrgency(openParts),
    reminders: reminders.sort(mostUrgentFirst),
    answeredReturns: answeredReturns.sort(mostUrgentFirst),
  };
}
