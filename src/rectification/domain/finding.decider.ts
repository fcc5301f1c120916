import type {
  AssignUnit,
  AssignmentCommand,
  LogInspection,
  ReopenParts,
} from '../../assignments/domain/assignment.commands.js';
import {
  allPartsVerified,
  decideAssignment,
  evolveAssignments,
  initialAssignmentsState,
  partsOf,
  type AssignmentParentContext,
  type AssignmentsState,
} from '../../assignments/domain/assignment.decider.js';
import { isAssignmentEvent, type AssignmentEvent, type AssignmentRole } from '../../assignments/domain/assignment.events.js';
import { requireRole, requireText } from '../../shared/guards.js';
import type { Actor } from '../../shared/command-context.js';
import { Decider, unreachable } from '../../shared/decider.js';
import { DomainError, badInput, conflict, notFound } from '../../shared/domain-error.js';
import type { FindingRecorded, FindingStreamEvent } from './finding.events.js';

// ---------------------------------------------------------------------------------------------
// commands

export interface RecordFinding {
  readonly type: 'RecordFinding';
  readonly data: FindingRecorded['data'];
  /** Facts the handler looked up in other streams and directories. */
  readonly evaluationExists: boolean;
  readonly unknownUnitIds: readonly string[];
}

/** One unit of an assignment batch; the due date is a calendar day, `YYYY-MM-DD`. */
export interface UnitToAssign {
  readonly unitId: string;
  readonly role: AssignmentRole;
  readonly dueDate: string;
}

/**
 * Assigns several units at once: the first batch names the one LEAD (牵头单位) and any RESPONSIBLE
 * units (责任单位); later batches add RESPONSIBLE units.
 */
export interface AssignFinding {
  readonly type: 'AssignFinding';
  readonly actor: Actor;
  readonly units: readonly UnitToAssign[];
  /** Ids of `units` that the units directory does not know; looked up by the handler. */
  readonly unknownUnitIds: readonly string[];
}

/** Reopens a closed (销号) finding: every part must be reported and inspected again. */
export interface ReopenFinding {
  readonly type: 'ReopenFinding';
  readonly actor: Actor;
  readonly reason: string;
}

/**
 * The assignment lifecycle's commands that a finding passes through unchanged. AssignUnit and
 * ReopenParts are left out: AssignFinding and ReopenFinding wrap them with the finding's rules
 * (exactly one lead; reopening only what is closed).
 */
export type FindingPartCommand = Exclude<AssignmentCommand, AssignUnit | ReopenParts>;

export type FindingCommand = RecordFinding | AssignFinding | ReopenFinding | FindingPartCommand;

// ---------------------------------------------------------------------------------------------
// state

/** What every recorded finding has, whatever its status. */
interface RecordedFindingFacts {
  readonly findingId: string;
  readonly evaluationId: string;
  /** One part per assigned unit, kept by the shared assignment lifecycle. */
  readonly assignments: AssignmentsState;
}

export type OpenFinding = RecordedFindingFacts & { readonly status: 'open' };
/** 销号: every part verified. Reopening makes it `open` again. */
export type ClosedFinding = RecordedFindingFacts & { readonly status: 'closed'; readonly closedOn: string };
export type RecordedFindingState = OpenFinding | ClosedFinding;

export type FindingState = { readonly status: 'unrecorded' } | RecordedFindingState;

export const findingDecider: Decider<FindingCommand, FindingState, FindingStreamEvent> = {
  initialState: () => ({ status: 'unrecorded' }),
  evolve: evolveFinding,
  decide: decideFinding,
};

// ---------------------------------------------------------------------------------------------
// evolve

function evolveFinding(state: FindingState, event: FindingStreamEvent): FindingState {
  if (isAssignmentEvent(event)) {
    // Events are facts `decide` already checked; nothing is assigned before the finding exists.
    if (state.status === 'unrecorded') return state;
    return { ...state, assignments: evolveAssignments(state.assignments, event) };
  }
  switch (event.type) {
    case 'FindingRecorded':
      return {
        status: 'open',
        findingId: event.data.findingId,
        evaluationId: event.data.evaluationId,
        assignments: initialAssignmentsState(),
      };
    case 'FindingClosedOut':
      if (state.status === 'unrecorded') return state;
      return { ...recordedPartOf(state), status: 'closed', closedOn: event.data.closedOn };
    case 'FindingReopened':
      if (state.status === 'unrecorded') return state;
      return { ...recordedPartOf(state), status: 'open' };
    default:
      return unreachable(event);
  }
}

/** Leaves behind what belongs to one status only, such as `closedOn`. */
const recordedPartOf = ({ findingId, evaluationId, assignments }: RecordedFindingState): RecordedFindingFacts => ({
  findingId,
  evaluationId,
  assignments,
});

// ---------------------------------------------------------------------------------------------
// decide

function decideFinding(command: FindingCommand, state: FindingState): FindingStreamEvent[] {
  switch (command.type) {
    case 'RecordFinding':
      return recordFinding(command, state);
    case 'AssignFinding':
      return assignFinding(command, requireRecorded(state));
    case 'ReopenFinding':
      return reopenFinding(command, requireRecorded(state));
    case 'LogInspection':
      return logInspection(command, requireRecorded(state));
    case 'RequestExtension':
    case 'DecideExtension':
    case 'UrgeUnit':
    case 'ReportRectification':
    case 'SendBackReport':
      return decideOnParts(command, requireRecorded(state));
    default:
      return unreachable(command);
  }
}

function recordFinding(command: RecordFinding, state: FindingState): FindingStreamEvent[] {
  if (state.status !== 'unrecorded') throw conflict(`Finding ${state.findingId} is already recorded.`);
  if (!command.evaluationExists) throw notFound('Evaluation', command.data.evaluationId);
  if (command.unknownUnitIds.length > 0) throw notFound('Unit', command.unknownUnitIds.join(', '));
  return [{ type: 'FindingRecorded', data: command.data }];
}

/**
 * The batch is first checked on its own (not empty, no unit twice, every unit known). Then each
 * unit goes through the lifecycle's AssignUnit rules — who may assign, not on a closed finding,
 * not a unit already assigned, never a second LEAD, a real due date — folding as it goes so the
 * batch is also checked against itself: two LEADs are refused as a CONFLICT. Last, the finding
 * must come out with its LEAD; the first batch that names none is BAD_USER_INPUT.
 */
function assignFinding(command: AssignFinding, state: RecordedFindingState): FindingStreamEvent[] {
  if (command.units.length === 0) throw badInput('Name at least one unit to assign.');
  const named = new Set<string>();
  for (const { unitId } of command.units) {
    if (named.has(unitId)) throw badInput(`Unit ${unitId} is named twice in the assignment.`);
    named.add(unitId);
  }
  if (command.unknownUnitIds.length > 0) throw notFound('Unit', command.unknownUnitIds.join(', '));

  let assignments = state.assignments;
  const events: AssignmentEvent[] = [];
  for (const { unitId, role, dueDate } of command.units) {
    const assigned = decideAssignment(
      { type: 'AssignUnit', actor: command.actor, unitId, role, dueDate },
      assignments,
      parentContextOf(state),
    );
    assignments = assigned.reduce(evolveAssignments, assignments);
    events.push(...assigned);
  }
  if (!partsOf(assignments).some((part) => part.role === 'LEAD')) {
    throw badInput(`Finding ${state.findingId} needs a lead unit (牵头单位): name one unit as LEAD.`);
  }
  return events;
}

/** 销号 is automatic: the inspection that verifies the last part closes the finding in the same decision. */
function logInspection(command: LogInspection, state: RecordedFindingState): FindingStreamEvent[] {
  const inspected = decideOnParts(command, state);
  const partsAfter = inspected.reduce(evolveAssignments, state.assignments);
  if (state.status === 'closed' || !allPartsVerified(partsAfter)) return inspected;
  return [...inspected, { type: 'FindingClosedOut', data: { findingId: state.findingId, closedOn: command.today } }];
}

function reopenFinding(command: ReopenFinding, state: RecordedFindingState): FindingStreamEvent[] {
  const { actor, reason } = command;
  requireRole(actor, ['SUPERVISOR'], 'reopen a finding');
  if (state.status !== 'closed') {
    throw conflict(`Finding ${state.findingId} is not closed; only a closed finding can be reopened.`);
  }
  requireText(reason, 'A reason for reopening the finding');
  const partsReopened = decideAssignment({ type: 'ReopenParts', actor, reason }, state.assignments, parentContextOf(state));
  return [{ type: 'FindingReopened', data: { findingId: state.findingId, reason } }, ...partsReopened];
}

/** Everything about a part is the shared assignment lifecycle's to decide. */
function decideOnParts(command: FindingPartCommand, state: RecordedFindingState): AssignmentEvent[] {
  return decideAssignment(command, state.assignments, parentContextOf(state));
}

const parentContextOf = (state: RecordedFindingState): AssignmentParentContext => ({
  parentClosed: state.status === 'closed',
});

/** A finding is found before anything else about the command is checked. */
function requireRecorded(state: FindingState): RecordedFindingState {
  if (state.status === 'unrecorded') throw new DomainError('NOT_FOUND', 'The finding has not been recorded.');
  return state;
}
