import type { DueDateLimit } from '../../assignments/domain/assignment.commands.js';
import type { Actor } from '../../shared/command-context.js';
import { Decider, unreachable } from '../../shared/decider.js';
import { badInput, conflict, say } from '../../shared/domain-error.js';
import { isBlank, requireRole, requireText } from '../../shared/guards.js';
import {
  workPlanIdFor,
  workPlanItemIdFor,
  type WorkPlanEvent,
  type WorkPlanImported,
  type WorkPlanSource,
} from './work-plan.events.js';

/**
 * A plan bounds its items' due dates: nothing of a year's plan is due after its last day without a
 * supervisor's override.
 */
export const dueDateLimitOf = (plan: { readonly title: string; readonly year: number }): DueDateLimit => ({
  latest: `${plan.year}-12-31`,
  setBy: say(`the period of work plan 「${plan.title}」 (${plan.year})`, `工作方案「${plan.title}」的期限`),
});

// ---------------------------------------------------------------------------------------------
// commands

/**
 * Records a plan's outline from an imported file. The handler derives `planId` with
 * `workPlanIdFor(year, title)` and each `itemId` with `workPlanItemIdFor(planId, code)`, then
 * defines every item in its own stream (DefineWorkPlanItem).
 */
export interface ImportWorkPlan {
  readonly type: 'ImportWorkPlan';
  readonly actor: Actor;
  readonly data: WorkPlanImported['data'];
}

export type WorkPlanCommand = ImportWorkPlan;

// ---------------------------------------------------------------------------------------------
// state

export type WorkPlanState =
  | { readonly status: 'empty' }
  | {
      readonly status: 'imported';
      readonly planId: string;
      readonly title: string;
      readonly year: number;
      readonly source: WorkPlanSource;
    };

export const workPlanDecider: Decider<WorkPlanCommand, WorkPlanState, WorkPlanEvent> = {
  initialState: () => ({ status: 'empty' }),
  evolve: evolveWorkPlan,
  decide: decideWorkPlan,
};

function evolveWorkPlan(_state: WorkPlanState, event: WorkPlanEvent): WorkPlanState {
  switch (event.type) {
    case 'WorkPlanImported': {
      const { planId, title, year, source } = event.data;
      return { status: 'imported', planId, title, year, source };
    }
    default:
      return unreachable(event.type);
  }
}

// ---------------------------------------------------------------------------------------------
// decide

const SHA256 = /^[0-9a-f]{64}$/;

function decideWorkPlan(command: WorkPlanCommand, state: WorkPlanState): WorkPlanEvent[] {
  switch (command.type) {
    case 'ImportWorkPlan':
      return importWorkPlan(command, state);
    default:
      return unreachable(command.type);
  }
}

/**
 * A plan is imported once. Importing the very same file again (same sha256) changes nothing; any
 * other document with the plan's year and title is refused, so that two versions of a plan never
 * mix. Changing an imported plan is not an import.
 */
function importWorkPlan(command: ImportWorkPlan, state: WorkPlanState): WorkPlanEvent[] {
  const { data } = command;
  requireRole(command.actor, ['SUPERVISOR', 'ADMIN', 'SYSTEM'], 'import work plans');
  if (state.status === 'imported') {
    if (state.source.sha256 === data.source.sha256) return [];
    throw conflict(
      `Work plan "${state.title}" (${state.year}) was already imported from ${state.source.fileName} ` +
        `(sha256 ${state.source.sha256.slice(0, 12)}…); ${data.source.fileName} ` +
        `(sha256 ${data.source.sha256.slice(0, 12)}…) is a different document. ` +
        'An imported plan is not replaced: give the new plan another title or year.',
    );
  }

  requireText(data.title, 'The plan title');
  if (!Number.isInteger(data.year) || data.year < 2000 || data.year > 2100) {
    throw badInput(`The plan year ${data.year} is not a year between 2000 and 2100.`);
  }
  if (data.planId !== workPlanIdFor(data.year, data.title)) {
    throw badInput(`Plan id ${data.planId} is not the id of "${data.title}" (${data.year}); derive it with workPlanIdFor.`);
  }
  requireText(data.source.fileName, 'The source file name');
  if (!SHA256.test(data.source.sha256)) throw badInput('The source sha256 must be 64 lower-case hex digits.');
  if (data.categories.length === 0) throw badInput('A work plan needs at least one category.');

  const categoryCodes = new Set<string>();
  const itemCodes = new Set<string>();
  for (const category of data.categories) {
    requireText(category.code, 'A category code');
    requireText(category.title, `The title of category ${category.code}`);
    if (categoryCodes.has(category.code)) throw badInput(`Category ${category.code} appears twice.`);
    categoryCodes.add(category.code);
    if (category.items.length === 0) throw badInput(`Category ${category.code} has no items.`);
    for (const item of category.items) {
      if (isBlank(item.code)) throw badInput(`An item of category ${category.code} has no code.`);
      requireText(item.title, `The title of item ${item.code}`);
      if (itemCodes.has(item.code)) throw badInput(`Item ${item.code} appears twice.`);
      itemCodes.add(item.code);
      if (item.itemId !== workPlanItemIdFor(data.planId, item.code)) {
        throw badInput(`Item id ${item.itemId} is not the id of item ${item.code}; derive it with workPlanItemIdFor.`);
      }
    }
  }
  return [{ type: 'WorkPlanImported', data }];
}
