import type { DueDateOverride } from '../domain/assignment.commands.js';
import type { RedatableFact, RetractableFact, RetypedStep } from '../domain/assignment.events.js';
import type { RedatableRecord, RetractableRecord } from './assignment.types.js';
import type { PartCommand, ReopenRequest } from '../domain/parent-of-parts.js';
import type { Actor } from '../../shared/command-context.js';
import { officeDate } from '../../shared/calendar-date.js';
import { deterministicId } from '../../shared/ids.js';
import type {
  CorrectInspectionPayload,
  CorrectRecordDatePayload,
  CorrectReportDatePayload,
  DecideExtensionPayload,
  InspectionPayload,
  ReopenPayload,
  ReportPayload,
  RequestExtensionPayload,
  RetractRecordPayload,
  SendBackPayload,
  UrgePayload,
  WithdrawExtensionRequestPayload,
} from './part.inputs.js';

/** The event each record kind of the API is (an extension decision: granted or refused, either is found). */
const REDATED_FACT_TYPES: Record<Exclude<RedatableRecord, RetypedRecord>, RedatableFact> = {
  ASSIGNMENT: 'UnitAssigned',
  REPORT: 'RectificationReported',
  SEND_BACK: 'ReportSentBack',
  URGING: 'UnitUrged',
  EXTENSION_REQUEST: 'ExtensionRequested',
  EXTENSION_DECISION: 'ExtensionGranted',
  EXTENSION_WITHDRAWAL: 'ExtensionRequestWithdrawn',
  INSPECTION: 'InspectionLogged',
  REOPENING: 'PartsReopened',
};

/** The steps whose day a correction retracts and types again (`CorrectStepDate`, breaker55-8 S4, S6; a role change: h57c). */
type RetypedRecord = 'HAND_OVER' | 'REMOVAL' | 'ROLE_CHANGE';
const RETYPED_STEPS: Record<RetypedRecord, RetypedStep> = { HAND_OVER: 'PartHandedOver', REMOVAL: 'UnitUnassigned', ROLE_CHANGE: 'PartRoleChanged' };
const isRetyped = (record: RedatableRecord): record is RetypedRecord => Object.hasOwn(RETYPED_STEPS, record);

/** The event each record kind of the API is, for 撤销误录 (an extension decision: granted or refused, either is found). */
const RETRACTED_FACT_TYPES: Record<RetractableRecord, RetractableFact> = {
  ASSIGNMENT: 'UnitAssigned',
  EXTENSION_REQUEST: 'ExtensionRequested',
  EXTENSION_DECISION: 'ExtensionGranted',
  REPORT: 'RectificationReported',
  SEND_BACK: 'ReportSentBack',
  URGING: 'UnitUrged',
  INSPECTION: 'InspectionLogged',
  REOPENING: 'PartsReopened',
  HAND_OVER: 'PartHandedOver',
  REMOVAL: 'UnitUnassigned',
  ROLE_CHANGE: 'PartRoleChanged',
};

interface Issued {
  readonly actor: Actor;
  readonly commandId: string;
  /** ISO instant the command was issued. */
  readonly now: string;
}

/** The supervisor's override, when the input gives a reason for one. */
/**
 * What the part inputs' optional fields mean when left out (see `partCommands` and
 * `addWorkPlanItemUnit`): the request digest treats a field sent with it as one left out.
 */
export const PART_INPUT_DEFAULTS: Readonly<Record<string, unknown>> = { notes: '', place: '', role: 'RESPONSIBLE' };

export const overrideOf = (input: { overrideReason?: string }): { dueDateOverride?: DueDateOverride } =>
  input.overrideReason == null ? {} : { dueDateOverride: { reason: input.overrideReason } };

/**
 * A new due date for returned parts, when the input gives one. GraphQL `null` for an optional field is "not given", as
 * leaving it out is (breaker8u P10: a pass sent with `newDueDate: null` by a form that sends every field was refused as if
 * it carried a date).
 */
const returnedUntil = (input: { newDueDate?: string; overrideReason?: string }) => ({
  ...(input.newDueDate == null ? {} : { newDueDate: input.newDueDate }),
  ...overrideOf(input),
});

/**
 * Business time every command carries: `today` is the office's day at `now` (China time), and a
 * fact's day left out by the caller is today.
 */
export function businessTime(now: string, day: string | undefined): { today: string; day: string } {
  const today = officeDate(now);
  return { today, day: day ?? today };
}

/**
 * GraphQL input → the lifecycle's command, the same for findings and work-plan items. Ids of new
 * requests and inspections derive from the command id, so a retry names the same ones.
 */
export const partCommands = {
  requestExtension: (input: RequestExtensionPayload, { actor, commandId, now }: Issued): PartCommand => {
    const { today, day } = businessTime(now, input.requestedOn);
    return {
      type: 'RequestExtension',
      actor,
      today,
      requestedOn: day,
      unitId: input.unitId,
      requestId: deterministicId('extension-request', commandId),
      requestedDueDate: input.requestedDueDate,
      reason: input.reason,
    };
  },
  withdrawExtensionRequest: (input: WithdrawExtensionRequestPayload, { actor, now }: Issued): PartCommand => {
    const { today, day } = businessTime(now, input.withdrawnOn);
    return { type: 'WithdrawExtensionRequest', actor, today, withdrawnOn: day, unitId: input.unitId, requestId: input.requestId, reason: input.reason };
  },
  decideExtension: (input: DecideExtensionPayload, { actor, now }: Issued): PartCommand => {
    const { today, day } = businessTime(now, input.decidedOn);
    return {
      type: 'DecideExtension',
      actor,
      today,
      decidedOn: day,
      unitId: input.unitId,
      requestId: input.requestId,
      approve: input.approve,
      newDueDate: input.newDueDate,
      reason: input.reason,
      ...overrideOf(input),
    };
  },
  urge: (input: UrgePayload, { actor, now }: Issued): PartCommand => {
    const { today, day } = businessTime(now, input.urgedOn);
    return { type: 'UrgeUnit', actor, today, urgedOn: day, unitId: input.unitId, message: input.message };
  },
  report: (input: ReportPayload, { actor, now }: Issued): PartCommand => {
    const { today, day } = businessTime(now, input.reportedOn);
    return {
      type: 'ReportRectification',
      actor,
      today,
      reportedOn: day,
      unitId: input.unitId,
      summary: input.summary,
      evidence: input.evidence.map((item) => ({ title: item.title, link: item.link || null, documentRef: item.documentRef || null })),
    };
  },
  sendBack: (input: SendBackPayload, { actor, now }: Issued): PartCommand => {
    const { today, day } = businessTime(now, input.sentBackOn);
    return { type: 'SendBackReport', actor, today, sentBackOn: day, unitId: input.unitId, reason: input.reason, ...returnedUntil(input) };
  },
  inspect: (input: InspectionPayload, { actor, commandId, now }: Issued): PartCommand => {
    const { today, day } = businessTime(now, input.inspectedOn);
    return {
      type: 'LogInspection',
      actor,
      today,
      unitId: input.unitId,
      inspectionId: deterministicId('inspection', commandId),
      outcome: input.outcome,
      notes: input.notes ?? '',
      inspectedOn: day,
      place: input.place ?? '',
      ...returnedUntil(input),
    };
  },
  correctReportDate: (input: CorrectReportDatePayload, { actor, now }: Issued): PartCommand => ({
    type: 'CorrectReportDate',
    actor,
    today: officeDate(now),
    unitId: input.unitId,
    reportedOn: input.reportedOn,
    reason: input.reason,
    ...(input.expectedReportedOn == null ? {} : { expectedReportedOn: input.expectedReportedOn }),
  }),
  correctInspection: (input: CorrectInspectionPayload, { actor, now }: Issued): PartCommand => ({
    type: 'CorrectInspection',
    actor,
    today: officeDate(now),
    unitId: input.unitId,
    inspectionId: input.inspectionId,
    inspectedOn: input.inspectedOn,
    outcome: input.outcome,
    reason: input.reason,
    ...(input.expectedInspectedOn == null ? {} : { expectedInspectedOn: input.expectedInspectedOn }),
    ...(input.expectedOutcome == null ? {} : { expectedOutcome: input.expectedOutcome }),
    ...(input.expectedNewDueDate == null ? {} : { expectedNewDueDate: input.expectedNewDueDate.trim() }),
    ...returnedUntil(input),
  }),
  correctRecordDate: (input: CorrectRecordDatePayload, { actor, now }: Issued): PartCommand =>
    isRetyped(input.record)
      ? {
          type: 'CorrectStepDate',
          actor,
          today: officeDate(now),
          unitId: input.unitId,
          factType: RETYPED_STEPS[input.record],
          previousOn: input.previousOn,
          on: input.on,
          reason: input.reason,
          ...(input.ofTheDay == null ? {} : { ofTheDay: input.ofTheDay }),
        }
      : correctFactDate({ ...input, record: input.record }, { actor, now }),
  /** 撤销误录 (newcomer51-8 S1): retracted on the office day it is entered (`retractedOn`, today). */
  retractRecord: (input: RetractRecordPayload, { actor, now }: Issued): PartCommand => ({
    type: 'RetractRecord',
    actor,
    today: officeDate(now),
    unitId: input.unitId,
    factType: RETRACTED_FACT_TYPES[input.record],
    on: input.on,
    reason: input.reason,
    ...(input.ofTheDay == null ? {} : { ofTheDay: input.ofTheDay }),
  }),
  /** The parent wraps it in its own reopen command (ReopenFinding, ReopenWorkPlanItem). */
  reopen: (input: ReopenPayload, { actor, now }: Issued): ReopenRequest => {
    const { today, day } = businessTime(now, input.reopenedOn);
    return { actor, today, reason: input.reason, reopenedOn: day, ...returnedUntil(input) };
  },
};

/** 更正记录日期 of a record whose day is moved (`CorrectFactDate`): any but a split hand-over or a removal. */
function correctFactDate(input: CorrectRecordDatePayload & { readonly record: Exclude<RedatableRecord, RetypedRecord> }, { actor, now }: Pick<Issued, 'actor' | 'now'>): PartCommand {
  return {
    type: 'CorrectFactDate',
    actor,
    today: officeDate(now),
    unitId: input.unitId,
    factType: REDATED_FACT_TYPES[input.record],
    previousOn: input.previousOn,
    on: input.on,
    reason: input.reason,
    ...(input.ofTheDay == null ? {} : { ofTheDay: input.ofTheDay }),
    ...(input.expectedNewDueDate == null ? {} : { expectedNewDueDate: input.expectedNewDueDate.trim() }),
    ...returnedUntil(input),
  };
}
