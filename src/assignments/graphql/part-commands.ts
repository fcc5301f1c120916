import type { DueDateOverride } from '../domain/assignment.commands.js';
import type { PartCommand, ReopenRequest } from '../domain/parent-of-parts.js';
import type { Actor } from '../../shared/command-context.js';
import { officeDate } from '../../shared/calendar-date.js';
import { deterministicId } from '../../shared/ids.js';
import type {
  DecideExtensionPayload,
  InspectionPayload,
  ReopenPayload,
  ReportPayload,
  RequestExtensionPayload,
  SendBackPayload,
  UrgePayload,
} from './part.inputs.js';

interface Issued {
  readonly actor: Actor;
  readonly commandId: string;
  readonly now: string;
}

/** The supervisor's override, when the input gives a reason for one. */
export const overrideOf = (input: { overrideReason?: string }): { dueDateOverride?: DueDateOverride } =>
  input.overrideReason === undefined ? {} : { dueDateOverride: { reason: input.overrideReason } };

/** A new due date for returned parts, when the input gives one. */
const returnedUntil = (input: { newDueDate?: string; overrideReason?: string }) => ({
  ...(input.newDueDate === undefined ? {} : { newDueDate: input.newDueDate }),
  ...overrideOf(input),
});

/**
 * GraphQL input → the lifecycle's command, the same for findings and work-plan items. Ids of new
 * requests and inspections derive from the command id, so a retry names the same ones.
 */
export const partCommands = {
  requestExtension: (input: RequestExtensionPayload, { actor, commandId, now }: Issued): PartCommand => ({
    type: 'RequestExtension',
    actor,
    today: officeDate(now),
    unitId: input.unitId,
    requestId: deterministicId('extension-request', commandId),
    requestedDueDate: input.requestedDueDate,
    reason: input.reason,
  }),
  decideExtension: (input: DecideExtensionPayload, { actor }: Issued): PartCommand => ({
    type: 'DecideExtension',
    actor,
    unitId: input.unitId,
    requestId: input.requestId,
    approve: input.approve,
    newDueDate: input.newDueDate,
    reason: input.reason,
    ...overrideOf(input),
  }),
  urge: (input: UrgePayload, { actor }: Issued): PartCommand => ({ type: 'UrgeUnit', actor, unitId: input.unitId, message: input.message }),
  report: (input: ReportPayload, { actor, now }: Issued): PartCommand => ({
    type: 'ReportRectification',
    actor,
    today: officeDate(now),
    unitId: input.unitId,
    summary: input.summary,
    evidence: input.evidence.map((item) => ({ title: item.title, link: item.link || null, documentRef: item.documentRef || null })),
  }),
  sendBack: (input: SendBackPayload, { actor, now }: Issued): PartCommand => ({
    type: 'SendBackReport',
    actor,
    today: officeDate(now),
    unitId: input.unitId,
    reason: input.reason,
    ...returnedUntil(input),
  }),
  inspect: (input: InspectionPayload, { actor, commandId, now }: Issued): PartCommand => ({
    type: 'LogInspection',
    actor,
    today: officeDate(now),
    unitId: input.unitId,
    inspectionId: deterministicId('inspection', commandId),
    outcome: input.outcome,
    notes: input.notes ?? '',
    inspectedOn: input.inspectedOn,
    place: input.place ?? '',
    ...returnedUntil(input),
  }),
  /** The parent wraps it in its own reopen command (ReopenFinding, ReopenWorkPlanItem). */
  reopen: (input: ReopenPayload, { actor, now }: Issued): ReopenRequest => ({
    actor,
    today: officeDate(now),
    reason: input.reason,
    ...returnedUntil(input),
  }),
};
