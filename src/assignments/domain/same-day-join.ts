import type { AssignmentRole } from './assignment.events.js';

/**
 * How far a part's work stood at the end of an office day, ranked: 0 it still owes a report (assigned, or its report sent back,
 * failed or reopened), 1 its report awaits inspection, 2 it stood verified. A join keeps the record that owes the most: a part
 * that joins one further on carries its open work (breaker8g P18 for a verified one; breaker8n P1 for a reported one — a report
 * made for one unit's share does not answer the share that joined it). Read by the decider's `workDoneOn` and the read side's
 * `workDoneAsOf`.
 */
export type WorkDone = 0 | 1 | 2;

/** What the rule reads of a part: its unit, role, due date (YYYY-MM-DD) and how far its work stood that day (`WorkDone`). */
export interface SameDayRecord {
  readonly unitId: string;
  readonly role: AssignmentRole;
  readonly dueDate: string;
  readonly done: WorkDone;
}

/**
 * Two units' parts passing into one unit that held none, on one office day (one decree merging two bureaus into a
 * new one, or two 职能调整 papers of a day: breaker8l P11): nothing orders the two papers, so which record the joined
 * part keeps — its due date, status and facts; the other's stays in its history — is decided by rule, not by which
 * clerk typed first. The stricter obligation stands: the record that owes more work (`WorkDone`: a part still owing its
 * report over one reported or verified — breaker8n P1: a lead's reported record kept over a part owing its report, due the
 * same day, swallowed that unit's overdue share); then the earlier due date; on one due date the leading part's record;
 * then the unit first by id (any fixed order). True when `joining` (the part passing now) is that record rather than
 * `movedThatDay` (the one that moved into the successor earlier the same day). Pure, O(1); shared by the decider's and
 * the read side's hand-over, so every fold keeps the same record.
 */
export function keepsJoiningRecord(joining: SameDayRecord, movedThatDay: SameDayRecord): boolean {
  if (joining.done !== movedThatDay.done) return joining.done < movedThatDay.done;
  if (joining.dueDate !== movedThatDay.dueDate) return joining.dueDate < movedThatDay.dueDate;
  if (joining.role !== movedThatDay.role) return joining.role === 'LEAD';
  return joining.unitId < movedThatDay.unitId;
}

/**
 * One step of one office day's papers into one successor, as `ownRoleOnTheDay` reads it: a record kept over the one that had
 * moved in before (`kept`: the kept record's unit and its own role when it came), or a part joining the record kept so far
 * (`recordRole`: that record's role just before the join).
 */
export type SameDayStep = { readonly kept: { readonly unitId: string; readonly role: AssignmentRole } } | { readonly recordRole: AssignmentRole };

/**
 * The role `unitId`'s record had when it moved into the successor on the day — what `keepsJoiningRecord` weighs on one due date —
 * not the role it has after that day's joins (a lead's part joining makes the joined record leading). Read from the day's steps
 * (`steps`): the role it came with when it was kept over another; else it moved in first that day, and since the day's joins only
 * ever raise a record's role to LEAD, its own is the lowest of its role now (`roleNow`) and the roles records had before each
 * join. Without this, three merges typed A, B, C and A, C, B (B and C due the same day, A leading) kept different records: the
 * second of B and C was weighed against the first's borrowed lead role (time2's s24 Left 1). Pure, O(steps).
 */
export function ownRoleOnTheDay(unitId: string, roleNow: AssignmentRole, steps: readonly SameDayStep[]): AssignmentRole {
  for (const step of steps) if ('kept' in step && step.kept.unitId === unitId) return step.kept.role;
  return roleNow === 'RESPONSIBLE' || steps.some((step) => 'recordRole' in step && step.recordRole === 'RESPONSIBLE') ? 'RESPONSIBLE' : 'LEAD';
}

/**
 * The due date an overdue share leaves on the part it joins (breaker8o P1, rule (a) agreed by the lead). A unit's part that
 * joins the successor's own part on office day `day` (a merge or hand-over, 机构改革) ends as the successor's record when it
 * owed no less work; if it was then overdue — it still owed its report (`done` 0), its due date (`YYYY-MM-DD`, in force on
 * the day) had passed before the day, its terms were not standing (常态化) — and that date is earlier than the kept record's,
 * the joined part carries that earlier date from the join day on, until a due date given to the joined part later (an
 * extension, a send-back's or a re-dating's new date) replaces it: without it, the joining share's lateness vanished under the
 * successor's later date on every view. Undefined when the kept record's own date stands. Pure, O(1).
 */
export function overdueDueCarried(
  joining: { readonly done: WorkDone; readonly dueDate: string; readonly standing: boolean },
  kept: { readonly dueDate: string; readonly standing: boolean },
  day: string,
): string | undefined {
  if (joining.done !== 0 || joining.standing || kept.standing) return undefined;
  return joining.dueDate < day && joining.dueDate < kept.dueDate ? joining.dueDate : undefined;
}
