import {
  evolveAssignments,
  initialAssignmentsState,
  partsOf,
  type AssignmentsState,
} from '../../assignments/domain/assignment.decider.js';
import { isAssignmentEvent } from '../../assignments/domain/assignment.events.js';
import { parentOfParts, type PartCommand, type ReopenRequest } from '../../assignments/domain/parent-of-parts.js';
import type { SetsDueDate } from '../../assignments/domain/assignment.commands.js';
import type { Actor } from '../../shared/command-context.js';
import { Decider, unreachable } from '../../shared/decider.js';
import { DomainError, badInput, conflict, notFound, say } from '../../shared/domain-error.js';
import { requireCalendarDate, requireRole, requireText } from '../../shared/guards.js';
import {
  workPlanItemIdFor,
  type WorkPlanItemDefined,
  type WorkPlanItemEvent,
  type WorkPlanItemStreamEvent,
} from './work-plan.events.js';

// ---------------------------------------------------------------------------------------------
// commands

/**
 * Defines one item of an imported plan and assigns it, in the same decision, to its lead unit
 * (牵头单位) and responsible units (责任单位), all due on the item's due date. Defining the same item
 * the same way again changes nothing, so an interrupted import can simply be run again.
 */
export interface DefineWorkPlanItem extends SetsDueDate {
  readonly type: 'DefineWorkPlanItem';
  readonly actor: Actor;
  /** The office's current day (China time). */
  readonly today: string;
  /**
   * The office day on which the item's units were assigned (on or before `today`); a repeated
   * identical definition assigns nothing, whatever day it names.
   */
  readonly assignedOn: string;
  readonly data: WorkPlanItemDefined['data'];
  readonly leadUnitId: string;
  readonly responsibleUnitIds: readonly string[];
  /** Facts the handler looked up: the plan's stream exists; which of the units the directory does not know. */
  readonly planExists: boolean;
  readonly unknownUnitIds: readonly string[];
}

/** Reopens a completed (销号) item: every part must be reported and inspected again. */
export interface ReopenWorkPlanItem extends ReopenRequest {
  readonly type: 'ReopenWorkPlanItem';
}

/** The assignment lifecycle's commands an item passes through unchanged, exactly as a finding does. */
export type WorkPlanItemPartCommand = PartCommand;

export type WorkPlanItemCommand = DefineWorkPlanItem | ReopenWorkPlanItem | WorkPlanItemPartCommand;

// ---------------------------------------------------------------------------------------------
// state

/** What every defined item has, whatever its status. */
interface DefinedItemFacts {
  readonly itemId: string;
  readonly definition: WorkPlanItemDefined['data'];
  /** One part per assigned unit, kept by the shared assignment lifecycle. */
  readonly assignments: AssignmentsState;
}

export type OpenWorkPlanItem = DefinedItemFacts & { readonly status: 'open' };
/** 销号: every part verified. Reopening makes it `open` again. */
export type CompletedWorkPlanItem = DefinedItemFacts & { readonly status: 'completed'; readonly completedOn: string };
export type DefinedWorkPlanItemState = OpenWorkPlanItem | CompletedWorkPlanItem;

export type WorkPlanItemState = { readonly status: 'empty' } | DefinedWorkPlanItemState;

export const workPlanItemDecider: Decider<WorkPlanItemCommand, WorkPlanItemState, WorkPlanItemStreamEvent> = {
  initialState: () => ({ status: 'empty' }),
  evolve: evolveItem,
  decide: decideItem,
};

// ---------------------------------------------------------------------------------------------
// evolve

function evolveItem(state: WorkPlanItemState, event: WorkPlanItemStreamEvent): WorkPlanItemState {
  if (isAssignmentEvent(event)) {
    // Events are facts `decide` already checked; nothing is assigned before the item exists.
    if (state.status === 'empty') return state;
    return { ...state, assignments: evolveAssignments(state.assignments, event) };
  }
  switch (event.type) {
    case 'WorkPlanItemDefined':
      return {
        status: 'open',
        itemId: event.data.itemId,
        definition: event.data,
        assignments: initialAssignmentsState(),
      };
    case 'WorkPlanItemCompleted':
      if (state.status === 'empty') return state;
      return { ...definedPartOf(state), status: 'completed', completedOn: event.data.completedOn };
    case 'WorkPlanItemReopened':
      if (state.status === 'empty') return state;
      return { ...definedPartOf(state), status: 'open' };
    default:
      return unreachable(event);
  }
}

/** Leaves behind what belongs to one status only, such as `completedOn`. */
const definedPartOf = ({ itemId, definition, assignments }: DefinedWorkPlanItemState): DefinedItemFacts => ({
  itemId,
  definition,
  assignments,
});

// ---------------------------------------------------------------------------------------------
// decide

/** Assigning, the parts' lifecycle, automatic completion and reopening: the same as for findings. */
const parts = parentOfParts<DefinedWorkPlanItemState, WorkPlanItemEvent>({
  noun: 'work-plan item',
  nameOf: (item) => `Work-plan item ${item.definition.code}`,
  assignmentsOf: (item) => item.assignments,
  isClosed: (item) => item.status === 'completed',
  closedEvent: (item, completedOn) => ({ type: 'WorkPlanItemCompleted', data: { itemId: item.itemId, completedOn } }),
  reopenedEvent: (item, { reason, reopenedOn }) => ({ type: 'WorkPlanItemReopened', data: { itemId: item.itemId, reason, reopenedOn } }),
});

function decideItem(command: WorkPlanItemCommand, state: WorkPlanItemState): WorkPlanItemStreamEvent[] {
  switch (command.type) {
    case 'DefineWorkPlanItem':
      return defineItem(command, state);
    case 'ReopenWorkPlanItem':
      return parts.reopen(command, requireDefined(state));
    case 'RequestExtension':
    case 'DecideExtension':
    case 'UrgeUnit':
    case 'ReportRectification':
    case 'SendBackReport':
    case 'LogInspection':
    case 'HandOverPart':
    case 'CorrectReportDate':
    case 'CorrectInspection':
      return parts.decideOnPart(command, requireDefined(state));
    default:
      return unreachable(command);
  }
}

/**
 * Checks run in the lifecycle's order — who (FORBIDDEN), what exists (NOT_FOUND), the item's
 * state (CONFLICT), the payload (BAD_USER_INPUT) — then the units go through the same batch
 * assignment as a finding's: one LEAD, no unit twice, real due dates.
 */
function defineItem(command: DefineWorkPlanItem, state: WorkPlanItemState): WorkPlanItemStreamEvent[] {
  const { data, leadUnitId, responsibleUnitIds } = command;
  requireRole(command.actor, ['SUPERVISOR', 'ADMIN', 'SYSTEM'], say('define work-plan items', '定义工作事项'));
  if (state.status !== 'empty') {
    const differences = differencesFrom(state, command);
    if (differences.length === 0) return [];
    throw conflict(
      `Work-plan item ${state.definition.code} is already defined with another ${differences.join(', ')}; ` +
        'an imported item is not redefined.',
      `工作事项 ${state.definition.code} 已按不同的 ${differences.join('、')} 定义过；已导入的事项不会被重新定义。`,
    );
  }
  if (!command.planExists) throw notFound('Work plan', data.planId);
  if (command.unknownUnitIds.length > 0) throw notFound('Unit', command.unknownUnitIds.join(', '));

  if (data.itemId !== workPlanItemIdFor(data.planId, data.code)) {
    throw badInput(
      `Item id ${data.itemId} is not the id of item ${data.code}; derive it with workPlanItemIdFor.`,
      `编号 ${data.itemId} 不是事项 ${data.code} 的编号（应由 workPlanItemIdFor 得出）。`,
    );
  }
  requireText(data.categoryCode, say('The category code', '类别编号'));
  requireText(data.code, say('The item code', '事项编号'));
  requireText(data.title, say(`The title of item ${data.code}`, `事项 ${data.code} 的名称`));
  requireCalendarDate(data.dueDate, say(`The due date of item ${data.code}`, `事项 ${data.code} 的完成时限`));
  if (responsibleUnitIds.includes(leadUnitId)) {
    throw badInput(
      `Unit ${leadUnitId} is the lead unit of item ${data.code}; it cannot also be a responsible unit.`,
      `单位 ${leadUnitId} 是事项 ${data.code} 的牵头单位，不能同时是责任单位。`,
    );
  }

  const defined: WorkPlanItemDefined = { type: 'WorkPlanItemDefined', data };
  const assigned = parts.assign(
    {
      actor: command.actor,
      today: command.today,
      assignedOn: command.assignedOn,
      units: [
        { unitId: leadUnitId, role: 'LEAD', dueDate: data.dueDate },
        ...responsibleUnitIds.map((unitId) => ({ unitId, role: 'RESPONSIBLE' as const, dueDate: data.dueDate })),
      ],
      unknownUnitIds: [],
      dueDateLimit: command.dueDateLimit,
      dueDateOverride: command.dueDateOverride,
    },
    { status: 'open', itemId: data.itemId, definition: data, assignments: initialAssignmentsState() },
  );
  return [defined, ...assigned];
}

const DEFINITION_FIELDS = {
  planId: 'plan',
  categoryCode: 'category',
  code: 'code',
  title: 'title',
  description: 'description',
  dueDate: 'due date',
} as const satisfies Record<Exclude<keyof WorkPlanItemDefined['data'], 'itemId'>, string>;

/** What a repeated definition changes, in words; none means it is the same definition. */
function differencesFrom(state: DefinedWorkPlanItemState, command: DefineWorkPlanItem): string[] {
  const before = state.definition;
  const after = command.data;
  const fields = Object.keys(DEFINITION_FIELDS) as (keyof typeof DEFINITION_FIELDS)[];
  const differences: string[] = fields
    .filter((field) => before[field] !== after[field])
    .map((field) => DEFINITION_FIELDS[field]);
  const assigned = partsOf(state.assignments);
  const lead = assigned.find((part) => part.role === 'LEAD')?.unitId;
  if (lead !== command.leadUnitId) differences.push('lead unit');
  const sorted = (ids: readonly string[]) => [...ids].sort().join('\n');
  const responsible = assigned.filter((part) => part.role === 'RESPONSIBLE').map((part) => part.unitId);
  if (sorted(responsible) !== sorted(command.responsibleUnitIds)) differences.push('responsible units');
  return differences;
}

/** An item is found before anything else about the command is checked. */
function requireDefined(state: WorkPlanItemState): DefinedWorkPlanItemState {
  if (state.status === 'empty') throw new DomainError('NOT_FOUND', say('The work-plan item has not been defined.', '该工作事项尚未定义。'));
  return state;
}
