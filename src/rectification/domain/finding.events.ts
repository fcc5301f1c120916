import type { AssignmentEvent, SetAsideRecord } from '../../assignments/domain/assignment.events.js';
import { DomainEvent } from '../../shared/decider.js';
import { officeDayOfRecording, type EventSchemas } from '../../shared/event-schemas.js';

export const Severities = ['LOW', 'MEDIUM', 'HIGH'] as const;
export type Severity = (typeof Severities)[number];

export type FindingRecorded = DomainEvent<
  'FindingRecorded',
  {
    findingId: string;
    evaluationId: string;
    title: string;
    description: string;
    /** Free text such as 主动公开 or 依申请公开, as the evaluation report groups its findings. */
    category: string;
    severity: Severity;
    /** Units the evaluation names as concerned; assignment to units is a separate step. */
    concernedUnitIds: string[];
    /** v2: the office day the finding was identified (by default, the day it was recorded). */
    identifiedOn: string;
    /** v3: the rectification measures (整改措施) as the ledger states them; '' when none were given. */
    measures: string;
  }
>;

/**
 * 销号: every part was verified. Written in the same decision as the InspectionLogged that
 * verified the last part, so a finding is never all-verified yet open. `closedOn` is the business
 * day of the last part's verifying inspection (its `inspectedOn`). Events written before business
 * time say the office day on which that inspection was logged; the read models derive close-out
 * days from the inspections themselves.
 */
export type FindingClosedOut = DomainEvent<'FindingClosedOut', { readonly findingId: string; readonly closedOn: string }>;

/** A closed finding turned out not to be fixed after all; always followed by PartsReopened. v2 added `reopenedOn`. */
export type FindingReopened = DomainEvent<
  'FindingReopened',
  { readonly findingId: string; readonly reason: string; readonly reopenedOn: string }
>;

/**
 * The office took the finding off its 台账 (recorded twice, or the evaluator withdrew it): it stays
 * a record — its history, parts and reports as they were — but from `withdrawnOn` it counts in no
 * figure, list of work or reminder, and takes no more work. Only a supervisor withdraws, with a reason.
 */
export type FindingWithdrawn = DomainEvent<
  'FindingWithdrawn',
  {
    readonly findingId: string;
    readonly reason: string;
    readonly withdrawnOn: string;
    /**
     * The finding of the same evaluation this one repeats (重复登记, breaker8d P5): it never was a
     * problem of its own, so once the withdrawal is known it counts on no day, past days included —
     * not only from `withdrawnOn`. Optional, added without a version step: a withdrawal stored before
     * it named none (the evaluator withdrew the problem, or the office did not say which it repeats).
     */
    readonly duplicateOf?: string;
  }
>;

/**
 * The withdrawal of `withdrawnOn` does not stand (撤销不成立, breaker11f P6): an inspection dated before
 * it, entered after it, verified work, and verified work is not withdrawn — typed in date order the
 * withdrawal would have been refused. Written in the same decision as that inspection, after it; the
 * finding is back on the 台账 (open, or closed if every part is verified), its withdrawal kept in its
 * history. Dated the withdrawal's day, so every view at a cut reads the two together. `reason` says
 * which units' passes, in Chinese.
 */
export type FindingWithdrawalUndone = DomainEvent<
  'FindingWithdrawalUndone',
  {
    readonly findingId: string;
    readonly withdrawnOn: string;
    readonly reason: string;
    /**
     * True when a pass dated before the withdrawal undid it (撤销不成立), false when the office took it back or moved it
     * (CorrectWithdrawal) or it was taken back for a moment to put an earlier one back in date order. Optional, added
     * without a version step (breaker11o P8): absent in events stored before, read from `reason` (`undoneByVerification`).
     */
    readonly byVerification?: boolean;
    /**
     * Its units' records dated on or after the withdrawal, made before the office heard of it, that no longer hold once it
     * is undone — by a pass dated before it, or the office taking it back or moving it later — set aside for good: kept on
     * the record, counted in no view (`setAsideBy`), listed as 不计入统计 (breaker11q P5, as WorkPlanItemWithdrawalUndone).
     * Optional, added without a version step: absent in events stored before (none set aside then: such undoings were refused).
     */
    readonly recordsSetAside?: readonly SetAsideRecord[];
  }
>;

/**
 * The office corrected the day the finding was identified (更正发现日期, breaker9r P2 part 2): a day typed wrong, or one a
 * fast clock gave a form that left it out. FindingRecorded is never rewritten: this correction, applied to it in business
 * order (`withCorrectionsApplied`), makes every view known after it read the finding as identified on `identifiedOn`; a
 * view known before it reads `previousIdentifiedOn`. Only a supervisor corrects it, with a reason. Dated the office day it
 * was made (`correctedOn`), as the history lists it.
 */
export type FindingIdentifiedOnCorrected = DomainEvent<
  'FindingIdentifiedOnCorrected',
  {
    readonly findingId: string;
    /** The corrected 发现日期 (YYYY-MM-DD). */
    readonly identifiedOn: string;
    /** The 发现日期 it read before the correction (YYYY-MM-DD). */
    readonly previousIdentifiedOn: string;
    /** Why it is corrected (更正理由), in the office's words. */
    readonly reason: string;
    /** The office day the correction was made (YYYY-MM-DD). */
    readonly correctedOn: string;
  }
>;

/** Events about the finding itself. */
export type FindingEvent = FindingRecorded | FindingClosedOut | FindingReopened | FindingWithdrawn | FindingWithdrawalUndone | FindingIdentifiedOnCorrected;

/** Everything a finding stream holds: its own events and the assignment lifecycle of its parts. */
export type FindingStreamEvent = FindingEvent | AssignmentEvent;

/**
 * Only the finding's own events: the assignment events are shared with work-plan items and are
 * registered once, through `assignmentEventSchemas`.
 */
export const findingEventSchemas: EventSchemas<FindingEvent> = {
  FindingRecorded: {
    version: 3,
    occurredOn: 'identifiedOn',
    upcasters: { 1: officeDayOfRecording('identifiedOn'), 2: (data) => ({ ...data, measures: '' }) },
  },
  FindingClosedOut: { version: 1, occurredOn: 'closedOn' },
  FindingReopened: { version: 2, occurredOn: 'reopenedOn', upcasters: { 1: officeDayOfRecording('reopenedOn') } },
  FindingWithdrawn: { version: 1, occurredOn: 'withdrawnOn' },
  FindingWithdrawalUndone: { version: 1, occurredOn: 'withdrawnOn' },
  FindingIdentifiedOnCorrected: { version: 1, occurredOn: 'correctedOn' },
};

export const findingStream = (findingId: string) => `finding-${findingId}`;
