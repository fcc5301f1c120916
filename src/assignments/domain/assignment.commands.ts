import type { Actor } from '../../shared/command-context.js';
import type { AssignmentRole, Evidence, InspectionOutcome } from './assignment.events.js';

/** Dates are calendar days, `YYYY-MM-DD`. */
export interface AssignUnit {
  readonly type: 'AssignUnit';
  readonly actor: Actor;
  readonly unitId: string;
  readonly role: AssignmentRole;
  readonly dueDate: string;
}

export interface RequestExtension {
  readonly type: 'RequestExtension';
  readonly actor: Actor;
  /** The office's current calendar day: an extension is asked for before the due date passes. */
  readonly today: string;
  readonly unitId: string;
  /** Chosen by the caller so that a retried command names the same request. */
  readonly requestId: string;
  readonly requestedDueDate: string;
  readonly reason: string;
}

export interface DecideExtension {
  readonly type: 'DecideExtension';
  readonly actor: Actor;
  readonly unitId: string;
  readonly requestId: string;
  readonly approve: boolean;
  /** Only when approving; defaults to the date the unit asked for. */
  readonly newDueDate?: string;
  /** Required when refusing. */
  readonly reason?: string;
}

export interface UrgeUnit {
  readonly type: 'UrgeUnit';
  readonly actor: Actor;
  readonly unitId: string;
  readonly message: string;
}

export interface ReportRectification {
  readonly type: 'ReportRectification';
  readonly actor: Actor;
  /** The office day: the report's date. */
  readonly today: string;
  readonly unitId: string;
  readonly summary: string;
  readonly evidence: readonly Evidence[];
}

export interface SendBackReport {
  readonly type: 'SendBackReport';
  readonly actor: Actor;
  readonly unitId: string;
  readonly reason: string;
}

export interface LogInspection {
  readonly type: 'LogInspection';
  readonly actor: Actor;
  /** The office's current calendar day: an inspection cannot be dated in the future. */
  readonly today: string;
  readonly unitId: string;
  readonly inspectionId: string;
  readonly outcome: InspectionOutcome;
  readonly notes: string;
  readonly inspectedOn: string;
  readonly place: string;
}

export interface ReopenParts {
  readonly type: 'ReopenParts';
  readonly actor: Actor;
  readonly reason: string;
}

export type AssignmentCommand =
  | AssignUnit
  | RequestExtension
  | DecideExtension
  | UrgeUnit
  | ReportRectification
  | SendBackReport
  | LogInspection
  | ReopenParts;
