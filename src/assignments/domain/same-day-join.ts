import type { AssignmentRole } from './assignment.events.js';

/** What the rule reads of a part: its unit, role and due date (YYYY-MM-DD). */
export interface SameDayRecord {
  readonly unitId: string;
  readonly role: AssignmentRole;
  readonly dueDate: string;
}

/**
 * Two units' parts passing into one unit that held none, on one office day (one decree merging two bureaus into a
 * new one, or two 职能调整 papers of a day: breaker8l P11): nothing orders the two papers, so which record the joined
 * part keeps — its due date, status and facts; the other's stays in its history — is decided by rule, not by which
 * clerk typed first. The stricter obligation stands: the earlier due date; on one due date the leading part's record;
 * then the unit first by id (any fixed order). True when `joining` (the part passing now) is that record rather than
 * `movedThatDay` (the one that moved into the successor earlier the same day). Pure, O(1); shared by the decider's and
 * the read side's hand-over, so every fold keeps the same record.
 */
export function keepsJoiningRecord(joining: SameDayRecord, movedThatDay: SameDayRecord): boolean {
  if (joining.dueDate !== movedThatDay.dueDate) return joining.dueDate < movedThatDay.dueDate;
  if (joining.role !== movedThatDay.role) return joining.role === 'LEAD';
  return joining.unitId < movedThatDay.unitId;
}
