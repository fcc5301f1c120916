import type { AssignmentEvent, DueDateOverridden, SetAsideRecord } from '../../assignments/domain/assignment.events.js';
import type { DomainEvent } from '../../shared/decider.js';
import { officeDayOfRecording, type EventSchemas } from '../../shared/event-schemas.js';
import { deterministicId } from '../../shared/ids.js';
import type { DueTerms } from '../../shared/deadline.js';

// ---------------------------------------------------------------------------------------------
// the plan: 分解方案, a year's openness work in categories (大项) of numbered items (小项)

export interface WorkPlanItemOutline {
  readonly itemId: string;
  readonly code: string;
  readonly title: string;
}

export interface WorkPlanCategory {
  readonly code: string;
  readonly title: string;
  readonly items: readonly WorkPlanItemOutline[];
}

/** The file the plan came from; `sha256` is the hex digest of its bytes. */
export interface WorkPlanSource {
  readonly fileName: string;
  readonly sha256: string;
  /**
   * The hex sha256 of what the file says, its rows as read (`planContentDigest`: categories, items, their texts, units and
   * deadlines, never the bytes, the encoding, the file type or the row numbers): the same version re-encoded (GBK CSV saved as
   * UTF-8, re-saved as XLSX) has it too (newcomer43-10 #3). An optional field without a version step: events before it have none,
   * and their files are known by `sha256` only.
   */
  readonly contentDigest?: string;
}

/** The plan's outline as each version of its file gives it. */
export type WorkPlanOutline = {
  readonly planId: string;
  readonly title: string;
  readonly year: number;
  /**
   * A plan over several years (三年行动计划（2026—2028年）: year 2026, lastYear 2028, breaker10m P6): the last year of its
   * period, after `year`. Absent for a year's plan, and in every event stored before it (a year's plan, as they were).
   * The plan is still known by its title and first year (`workPlanIdFor`); a version keeps the period it was imported with.
   */
  readonly lastYear?: number;
  readonly categories: readonly WorkPlanCategory[];
  readonly source: WorkPlanSource;
};

/**
 * The plan's outline. Each item's own facts (description, units, due date) are in the item's
 * stream, which lives the assignment lifecycle. v2 added `approvedOn`, the office day
 * (`YYYY-MM-DD`, China time) the plan was approved (印发): no unit is assigned an item before it.
 */
export type WorkPlanImported = DomainEvent<'WorkPlanImported', WorkPlanOutline & { readonly approvedOn: string }>;

/**
 * A new version of the plan (same title and year, another file) was applied: the outline as it
 * now stands and the file it came from. The items' own changes are in their streams. The plan
 * keeps the day it was first approved.
 */
export type WorkPlanRevised = DomainEvent<
  'WorkPlanRevised',
  WorkPlanOutline & {
    readonly revisedOn: string;
    /** v2: why the plan changed: `Revised by <file>` for a new version, the supervisor's reason for one added item. */
    readonly reason: string;
  }
>;

/**
 * The plan's approval day was entered wrong (typically today, defaulted, for a plan approved long
 * before): corrected with a reason, the original kept in the event. `correctedOn` is the office
 * day of the correction.
 */
export type WorkPlanApprovalCorrected = DomainEvent<
  'WorkPlanApprovalCorrected',
  { readonly planId: string; readonly previousApprovedOn: string; readonly approvedOn: string; readonly reason: string; readonly correctedOn: string }
>;

/**
 * The office day the plan's import assigned its items was entered wrong — typically today, defaulted, for a plan assigned long
 * before (newcomer36 S14): corrected as one act, with a reason, the original kept. The items' own corrections are in their streams,
 * written in the same request: a `FactDateCorrected` of each part `UnitAssigned` on `previousAssignedOn` (the day the import gave
 * them, as it read when corrected), now on `assignedOn`. `itemIds`: the items whose parts it re-dated, in the plan's order.
 * `correctedOn` is the office day of the correction. Days are `YYYY-MM-DD`, China time.
 */
export type WorkPlanImportDateCorrected = DomainEvent<
  'WorkPlanImportDateCorrected',
  {
    readonly planId: string;
    readonly previousAssignedOn: string;
    readonly assignedOn: string;
    readonly itemIds: readonly string[];
    readonly reason: string;
    readonly correctedOn: string;
  }
>;

export type WorkPlanEvent = WorkPlanImported | WorkPlanRevised | WorkPlanApprovalCorrected | WorkPlanImportDateCorrected;

// ---------------------------------------------------------------------------------------------
// one item of the plan (小项): defined, then assigned to its units like a finding

/** `dueDate` is a calendar day, `YYYY-MM-DD`, the due date every unit is first assigned. */
export type WorkPlanItemDefined = DomainEvent<
  'WorkPlanItemDefined',
  {
    readonly itemId: string;
    readonly planId: string;
    readonly categoryCode: string;
    readonly code: string;
    readonly title: string;
    readonly description: string;
    readonly dueDate: string;
    /** v2: the measures (工作措施 / 整改措施) the plan gives the item; '' when none. */
    readonly measures: string;
    /**
     * How `dueDate` is read (立行立改, 常态化 …, src/shared/deadline.ts), given to every part; written
     * only when not BY_DATE (an optional field without a version step: items defined before it
     * were due by a plain day).
     */
    readonly terms?: DueTerms;
  }
>;

/**
 * 销号: every part was verified. Written in the same decision as the InspectionLogged that
 * verified the last part; `completedOn` is the business day of the last part's verifying
 * inspection (before business time: the office day on which it was logged).
 */
export type WorkPlanItemCompleted = DomainEvent<
  'WorkPlanItemCompleted',
  { readonly itemId: string; readonly completedOn: string }
>;

/** A completed item turned out not to be done after all; always followed by PartsReopened. v2 added `reopenedOn`. */
export type WorkPlanItemReopened = DomainEvent<
  'WorkPlanItemReopened',
  { readonly itemId: string; readonly reason: string; readonly reopenedOn: string }
>;

/**
 * A plan revision (根据工作进展动态调整) took the item out of the plan. Its parts and history stay,
 * as a record; it takes no more work and counts in no progress.
 */
export type WorkPlanItemWithdrawn = DomainEvent<
  'WorkPlanItemWithdrawn',
  { readonly itemId: string; readonly reason: string; readonly withdrawnOn: string }
>;

/**
 * The withdrawal of `withdrawnOn` does not stand (撤销不成立, breaker11f P6): an inspection dated before
 * it, entered after it, verified work, and verified work is not withdrawn — typed in date order the
 * withdrawal would have been refused. Written after that inspection, in the same decision; the item
 * is back in the plan (open, or completed if every part is verified), the withdrawal kept in its
 * history. Dated the withdrawal's day. `reason` says which units' passes, in Chinese.
 */
export type WorkPlanItemWithdrawalUndone = DomainEvent<
  'WorkPlanItemWithdrawalUndone',
  {
    readonly itemId: string;
    readonly withdrawnOn: string;
    readonly reason: string;
    /**
     * True when a verification dated before the withdrawal undid it (撤销不成立), false when the office took it back or
     * moved it (CorrectWorkPlanItemWithdrawal) or it was taken back for a moment to put an earlier one back in date order.
     * Optional, added without a version step (breaker11o P7): absent in events stored before, read from `reason`
     * (`undoneByVerification`). Only a verification's undoing is judged again when that verification changes.
     */
    readonly byVerification?: boolean;
    /**
     * The units' records dated inside the withdrawn days of a withdrawal a later version ended that no longer hold once
     * the verification undoes it (a report after the pass, made before the office heard of the withdrawal): they count
     * nowhere for good, as typed in date order they were refused (breaker11o P2). Optional, added without a version step:
     * absent (every event stored before, and most undoings) when none.
     */
    readonly recordsSetAside?: readonly SetAsideRecord[];
  }
>;

/**
 * A new version of the plan lists the withdrawn item again (10e P1): it is back in the plan under
 * its code from `reinstatedOn` (the office day the version took effect, after the withdrawal day),
 * with its parts as they stood — open, or completed if every part is verified. Unlike
 * WorkPlanItemWithdrawalUndone the withdrawal stands: the item counts nowhere on the days between.
 * The version's other changes to the item (re-dating, units) follow as their own events.
 */
export type WorkPlanItemReinstated = DomainEvent<
  'WorkPlanItemReinstated',
  { readonly itemId: string; readonly reason: string; readonly reinstatedOn: string }
>;

/**
 * The item's due date, or only how it is read (its terms: 2025年6月底前 → 常态化), changed in a plan
 * revision; PartsRescheduled follows for its open parts.
 */
export type WorkPlanItemRescheduled = DomainEvent<
  'WorkPlanItemRescheduled',
  {
    readonly itemId: string;
    readonly previousDueDate: string;
    readonly dueDate: string;
    readonly reason: string;
    readonly rescheduledOn: string;
    /** When the new date is past the plan's period: the supervisor's override. */
    readonly dueDateOverride?: DueDateOverridden;
    /**
     * The item's terms after the change and before it (BY_DATE when the item had none), written only
     * when the terms changed (optional fields without a version step: absent, the terms are as they were).
     */
    readonly terms?: DueTerms;
    readonly previousTerms?: DueTerms;
  }
>;

/** A plan revision reworded the item or moved it to another category; the new values in full. */
export type WorkPlanItemAmended = DomainEvent<
  'WorkPlanItemAmended',
  {
    readonly itemId: string;
    readonly categoryCode: string;
    readonly title: string;
    readonly description: string;
    /** v2: the item's measures after the amendment (no item had measures before v2: ''). */
    readonly measures: string;
    readonly reason: string;
    readonly amendedOn: string;
  }
>;

/** Events about the item itself. */
export type WorkPlanItemEvent =
  | WorkPlanItemDefined
  | WorkPlanItemCompleted
  | WorkPlanItemReopened
  | WorkPlanItemWithdrawn
  | WorkPlanItemWithdrawalUndone
  | WorkPlanItemReinstated
  | WorkPlanItemRescheduled
  | WorkPlanItemAmended;

/** Everything an item stream holds: its own events and the assignment lifecycle of its parts. */
export type WorkPlanItemStreamEvent = WorkPlanItemEvent | AssignmentEvent;

// ---------------------------------------------------------------------------------------------

/**
 * The plan's and the items' own events. The assignment events are shared with findings and are
 * registered once, through `assignmentEventSchemas`.
 */
/** Items defined or amended before they could carry measures had none. */
const withoutMeasures = (data: Record<string, unknown>) => ({ ...data, measures: '' });

export const workPlanEventSchemas: EventSchemas<WorkPlanEvent | WorkPlanItemEvent> = {
  // v1 did not say when the plan was approved: the office day it was imported.
  WorkPlanImported: { version: 2, occurredOn: 'approvedOn', upcasters: { 1: officeDayOfRecording('approvedOn') } },
  WorkPlanApprovalCorrected: { version: 1, occurredOn: 'correctedOn' },
  WorkPlanImportDateCorrected: { version: 1, occurredOn: 'correctedOn' },
  WorkPlanRevised: {
    version: 2,
    occurredOn: 'revisedOn',
    upcasters: { 1: (data) => ({ ...data, reason: `Revised by ${(data.source as WorkPlanSource).fileName}` }) },
  },
  WorkPlanItemDefined: { version: 2, upcasters: { 1: withoutMeasures } },
  WorkPlanItemCompleted: { version: 1, occurredOn: 'completedOn' },
  WorkPlanItemReopened: { version: 2, occurredOn: 'reopenedOn', upcasters: { 1: officeDayOfRecording('reopenedOn') } },
  WorkPlanItemWithdrawn: { version: 1, occurredOn: 'withdrawnOn' },
  WorkPlanItemWithdrawalUndone: { version: 1, occurredOn: 'withdrawnOn' },
  WorkPlanItemReinstated: { version: 1, occurredOn: 'reinstatedOn' },
  WorkPlanItemRescheduled: { version: 1, occurredOn: 'rescheduledOn' },
  WorkPlanItemAmended: { version: 2, occurredOn: 'amendedOn', upcasters: { 1: withoutMeasures } },
};

export const workPlanStream = (planId: string) => `work-plan-${planId}`;
export const workPlanItemStream = (itemId: string) => `work-plan-item-${itemId}`;

/** The same title in the same year is the same plan, however often its file is imported. */
export const workPlanIdFor = (year: number, title: string): string => deterministicId('work-plan', String(year), title);

/** An item is known by its plan and its code (编号) in that plan. */
export const workPlanItemIdFor = (planId: string, itemCode: string): string =>
  deterministicId('work-plan-item', planId, itemCode);
