/**
 * The shapes the unit pages read (我的任务, 单位排名, a unit's own page): one definition each, so the three
 * pages ask for and show the same fields.
 */

/** One row of 单位排名 (`unitScorecard`): counts of parts, days as whole office days, onTimeRate 0–1. */
export interface UnitScore {
  rank: number;
  unitId: string;
  unitName: string;
  parts: number;
  due: number;
  onTime: number;
  onTimeRate: number | null;
  overdue: number;
  returned: number;
  meanDaysToRemediate: number | null;
}

/** A finding part a unit still owes (`unitWorkload.openParts`); days are office days, dates YYYY-MM-DD. */
export interface OpenFindingPart {
  findingId: string;
  findingTitle: string;
  role: string;
  status: string;
  dueDate: string;
  dueText: string;
  nextReportDue: string | null;
  nextReportDaysLeft: number | null;
  daysLeft: number;
  reportedDaysLate: number | null;
  trafficLight: string;
}

/** A line of a unit's reminders (`unitWorkload.reminders`). */
export interface UnitReminder {
  kind: string;
  parentKind: 'FINDING' | 'WORK_PLAN_ITEM';
  parentId: string;
  parentTitle: string;
  planTitle: string | null;
  message: string;
  /** The office day it happened (China time), YYYY-MM-DD. */
  on: string;
  /** When it was entered (an instant); null for deadline reminders. */
  at: string | null;
  /** The part's due date in force (YYYY-MM-DD): the inbox is most overdue first, then nearest due (breaker11c N2). */
  dueDate: string;
}
