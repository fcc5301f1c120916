import type { DomainEvent } from '../../shared/decider.js';
import { officeDate } from '../../shared/calendar-date.js';
import type { EventSchemas } from '../../shared/event-schemas.js';

/** 牵头单位 (coordinates the whole parent) or 责任单位 (owns one part of it). */
export type AssignmentRole = 'LEAD' | 'RESPONSIBLE';

export type InspectionOutcome = 'PASSED' | 'FAILED';

/** Proof attached to a report: a web link, a reference to an official document, or both. */
export interface Evidence {
  readonly title: string;
  readonly link: string | null;
  readonly documentRef: string | null;
}

/**
 * A supervisor set a due date past the parent's limit (the rectification plan's inspection
 * deadline, the work plan's period): the event that sets the date keeps why, and what it overrode.
 */
export interface DueDateOverridden {
  readonly reason: string;
  /** The limit overridden, `YYYY-MM-DD`. */
  readonly limit: string;
}

/*
 * `dueDateOverride` and `newDueDate` below are optional fields added without a version step: events
 * stored before them simply have none, which is what they mean (no override, due date unchanged).
 */

/** Dates are calendar days, `YYYY-MM-DD`. */
export type UnitAssigned = DomainEvent<
  'UnitAssigned',
  { readonly unitId: string; readonly role: AssignmentRole; readonly dueDate: string; readonly dueDateOverride?: DueDateOverridden }
>;

/** What a returned part may carry: a new due date, and the override when it is past the limit. */
export type NewDueDate = {
  readonly newDueDate?: string;
  readonly dueDateOverride?: DueDateOverridden;
};

export type ExtensionRequested = DomainEvent<
  'ExtensionRequested',
  { readonly unitId: string; readonly requestId: string; readonly requestedDueDate: string; readonly reason: string }
>;

export type ExtensionGranted = DomainEvent<
  'ExtensionGranted',
  {
    readonly unitId: string;
    readonly requestId: string;
    readonly previousDueDate: string;
    readonly newDueDate: string;
    readonly dueDateOverride?: DueDateOverridden;
  }
>;

export type ExtensionRefused = DomainEvent<
  'ExtensionRefused',
  { readonly unitId: string; readonly requestId: string; readonly reason: string }
>;

/** 催办: the supervisor presses a unit to get on with its part. */
export type UnitUrged = DomainEvent<'UnitUrged', { readonly unitId: string; readonly message: string }>;

export type RectificationReported = DomainEvent<
  'RectificationReported',
  {
    readonly unitId: string;
    readonly summary: string;
    readonly evidence: readonly Evidence[];
    /** The office day of the report (v2): an inspection cannot check work before it was reported. */
    readonly reportedOn: string;
  }
>;

/** 退办: the supervisor returns a report as inadequate before anyone inspects it. */
export type ReportSentBack = DomainEvent<'ReportSentBack', { readonly unitId: string; readonly reason: string } & NewDueDate>;

/** 现场督查: PASSED verifies the part, FAILED returns it to the unit. */
export type InspectionLogged = DomainEvent<
  'InspectionLogged',
  {
    readonly unitId: string;
    readonly inspectionId: string;
    readonly outcome: InspectionOutcome;
    readonly notes: string;
    readonly inspectedOn: string;
    readonly place: string;
  } & NewDueDate
>;

/**
 * The part of `unitId` now belongs to `successorUnitId`. When the successor already had a part of
 * this parent, the two are one part from now on: the successor's, leading if either led.
 */
export type PartHandedOver = DomainEvent<
  'PartHandedOver',
  { readonly unitId: string; readonly successorUnitId: string; readonly reason: string }
>;

/** The parent was reopened: concerns every part, hence no unitId. */
export type PartsReopened = DomainEvent<'PartsReopened', { readonly reason: string } & NewDueDate>;

export type AssignmentEvent =
  | UnitAssigned
  | ExtensionRequested
  | ExtensionGranted
  | ExtensionRefused
  | UnitUrged
  | RectificationReported
  | ReportSentBack
  | InspectionLogged
  | PartsReopened
  | PartHandedOver;

/** For a v1 report stored without its time (none are): no inspection date is then too early. */
const EARLIEST_REPORT_DAY = '1900-01-01';

export const assignmentEventSchemas: EventSchemas<AssignmentEvent> = {
  UnitAssigned: { version: 1 },
  ExtensionRequested: { version: 1 },
  ExtensionGranted: { version: 1 },
  ExtensionRefused: { version: 1 },
  UnitUrged: { version: 1 },
  RectificationReported: {
    version: 2,
    // v1 did not say the day: it is the office day on which the event was recorded.
    upcasters: { 1: (data, { recordedAt }) => ({ ...data, reportedOn: recordedAt ? officeDate(recordedAt) : EARLIEST_REPORT_DAY }) },
  },
  ReportSentBack: { version: 1 },
  InspectionLogged: { version: 1 },
  PartsReopened: { version: 1 },
  PartHandedOver: { version: 1 },
};

/**
 * A parent stream (finding, work-plan item) mixes its own events with these; the parent's
 * `evolve` uses this to hand the assignment ones to `evolveAssignments`.
 */
export function isAssignmentEvent(event: DomainEvent): event is AssignmentEvent {
  return Object.hasOwn(assignmentEventSchemas, event.type);
}
