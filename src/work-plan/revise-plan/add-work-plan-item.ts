import { batchCommand, checkBatch, contextInBatch, executeBatch } from '../../event-sourcing/command-batch.js';
import { loadState, refuseReusedKey, requestOf } from '../../event-sourcing/execute-command.js';
import type { Position } from '../../event-store/event-store.port.js';
import type { DueDateOverride } from '../../assignments/domain/assignment.commands.js';
import { officeDate } from '../../shared/calendar-date.js';
import type { CommandContext } from '../../shared/command-context.js';
import { badInput, conflict, notFound } from '../../shared/domain-error.js';
import type { ImportDependencies } from '../../imports/import-run.js';
import { dueDateLimitOf, workPlanDecider, type RevisePlan, type WorkPlanState } from '../domain/work-plan.decider.js';
import { workPlanItemDecider, type DefineWorkPlanItem } from '../domain/work-plan-item.decider.js';
import { workPlanItemIdFor, workPlanItemStream, workPlanStream, type WorkPlanRevised } from '../domain/work-plan.events.js';

/*
 * One item added to an imported plan between versions (根据工作进展动态调整: addWorkPlanItem), the
 * way a revision adds one: the plan's outline with the new item (WorkPlanRevised, the plan's
 * source file unchanged) and the item defined and assigned to its units (WorkPlanItemDefined,
 * UnitAssigned …). Both are decided before either is appended: written together or not at all.
 */

/** The item as the supervisor gives it. Dates are office days, `YYYY-MM-DD`. */
export interface NewWorkPlanItem {
  readonly planId: string;
  /** An existing category's code, or a new one with `categoryTitle`. */
  readonly categoryCode: string;
  readonly categoryTitle?: string;
  readonly code: string;
  readonly title: string;
  readonly description: string;
  readonly measures: string;
  readonly leadUnitId: string;
  readonly responsibleUnitIds: readonly string[];
  readonly dueDate: string;
  /** A supervisor's reason to set the due date past the plan's period. */
  readonly dueDateOverride?: DueDateOverride;
  /** Why the plan changes (the meeting or document that decided it). */
  readonly reason: string;
  /**
   * `YYYY-MM-DD`, the office day the plan took the item in and its units were assigned (a past
   * plan's change entered late); omitted: today. Not in the future nor before the plan's approval.
   */
  readonly assignedOn?: string;
}


/**
 * The plan's outline with the new item at the end of its category (a new category at the end of
 * the plan). Raises NOT_FOUND for a plan never imported, CONFLICT for an item code the plan has
 * (withdrawn items keep theirs), BAD_USER_INPUT for a new category without a title.
 */
export function outlineWithItem(plan: WorkPlanState, item: NewWorkPlanItem, revisedOn: string): WorkPlanRevised['data'] {
  if (plan.status !== 'imported') throw notFound('Work plan', item.planId);
  const itemId = workPlanItemIdFor(plan.planId, item.code.trim());
  if (plan.categories.some((category) => category.items.some((each) => each.itemId === itemId))) {
    throw conflict(
      `Work plan "${plan.title}" already has an item ${item.code}: give the new item another code.`,
      `工作方案“${plan.title}”已有编号为 ${item.code} 的事项：请给新事项另一个编号。`,
    );
  }
  const entry = { itemId, code: item.code.trim(), title: item.title.trim() };
  const known = plan.categories.some((category) => category.code === item.categoryCode);
  if (!known && !item.categoryTitle?.trim()) {
    throw badInput(
      `Work plan "${plan.title}" has no category ${item.categoryCode}: give categoryTitle to add it, or use one of ${plan.categories.map((category) => category.code).join(', ')}.`,
      `工作方案“${plan.title}”没有类别 ${item.categoryCode}：如需新增类别请填写类别名称，或选用已有类别（${plan.categories.map((category) => category.code).join('、')}）。`,
      { field: 'categoryTitle' },
    );
  }
  const categories = known
    ? plan.categories.map((category) => (category.code === item.categoryCode ? { ...category, items: [...category.items, entry] } : category))
    : [...plan.categories, { code: item.categoryCode, title: item.categoryTitle!.trim(), items: [entry] }];
  const { planId, title, year, source, lastYear } = plan;
  return { planId, title, year, ...(lastYear === undefined ? {} : { lastYear }), source, categories, revisedOn, reason: item.reason.trim() };
}

export interface AddedWorkPlanItem {
  readonly itemId: string;
  /** Where the last event is, for the server to wait until its read models have it; null when a retry appended nothing. */
  readonly position: Position | null;
}

/**
 * Adds the item: decides the outline and the item's definition, then appends both. A retried
 * request (same idempotency key) appends nothing; the key used for another request is CONFLICT.
 * Raises what `outlineWithItem` and DefineWorkPlanItem raise (unknown units NOT_FOUND, a due date
 * past the plan's period without `dueDateOverride` BAD_USER_INPUT, …), each with its Chinese.
 */
export async function addWorkPlanItem(dependencies: ImportDependencies, item: NewWorkPlanItem, context: CommandContext): Promise<AddedWorkPlanItem> {
  const { store, schemas, units } = dependencies;
  const request = requestOf(context);
  // A retry of a request that was written (same key, same item): nothing more to do.
  const recorded = await refuseReusedKey(store, request);
  const itemId = workPlanItemIdFor(item.planId, item.code.trim());
  if (recorded) return { itemId, position: recorded.position ?? null };
  const today = officeDate(context.now);
  const assignedOn = item.assignedOn ?? today;
  const plan = await loadState(store, schemas, workPlanStream(item.planId), workPlanDecider);
  const outline = outlineWithItem(plan, item, assignedOn);
  const define: DefineWorkPlanItem = {
    type: 'DefineWorkPlanItem',
    actor: context.actor,
    today,
    assignedOn,
    data: {
      itemId,
      planId: item.planId,
      categoryCode: item.categoryCode,
      code: item.code.trim(),
      title: item.title.trim(),
      description: item.description.trim(),
      measures: item.measures.trim(),
      dueDate: item.dueDate,
    },
    leadUnitIds: [item.leadUnitId],
    responsibleUnitIds: item.responsibleUnitIds,
    planExists: true,
    // outlineWithItem found the plan imported.
    planApprovedOn: plan.status === 'imported' ? plan.approvedOn : today,
    unknownUnitIds: units.unknownIds([item.leadUnitId, ...item.responsibleUnitIds]),
    // Names, registrations and mergers: a merged unit takes no new work (CONFLICT naming its successor).
    unitNames: units,
    dueDateLimit: dueDateLimitOf(outline),
    dueDateOverride: item.dueDateOverride,
  };
  const revise: RevisePlan = { type: 'RevisePlan', actor: context.actor, data: outline };
  const commands = [
    batchCommand(null, workPlanStream(item.planId), workPlanDecider, revise, contextInBatch(context, 'RevisePlan', `${context.commandId}:outline`)),
    batchCommand(null, workPlanItemStream(itemId), workPlanItemDecider, define, contextInBatch(context, 'DefineWorkPlanItem', `${context.commandId}:item`)),
  ];
  const [refused] = await checkBatch(store, schemas, commands);
  if (refused) throw refused.error;
  const batch = await executeBatch(store, schemas, commands, request);
  return { itemId, position: batch.position };
}
