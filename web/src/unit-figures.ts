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

/**
 * Where a unit's part stands against its due date, as every list of parts shows it (finding parts and work-plan
 * item parts alike): days are office days, dates YYYY-MM-DD.
 */
export interface PartStanding {
  role: string;
  status: string;
  dueDate: string;
  /** The 完成时限 as the item page and the export write it (newcomer32 S3); a standing task's next report beside it. */
  dueText: string;
  nextReportDue: string | null;
  nextReportDaysLeft: number | null;
  daysLeft: number;
  reportedDaysLate: number | null;
  trafficLight: string;
}

/** A finding part a unit still owes (`unitWorkload.openParts`). */
export interface OpenFindingPart extends PartStanding {
  findingId: string;
  findingTitle: string;
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
