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
import { partsOf } from '../../assignments/domain/assignment.decider.js';
import { wordsWithoutPunctuation } from '../../shared/numbers-by-value.js';

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

/** An item of the plan as it stands: its code, title and lead units (withdrawn items aside). */
export interface ItemOnRecord {
  readonly code: string;
  readonly title: string;
  readonly leadUnitIds: readonly string[];
}

/** The items of category `categoryCode` of `plan` as they stand (their streams folded), withdrawn ones left out. */
async function itemsOfCategory({ store, schemas }: ImportDependencies, plan: WorkPlanState, categoryCode: string): Promise<ItemOnRecord[]> {
  if (plan.status !== 'imported') return [];
  const entries = plan.categories.find((category) => category.code === categoryCode)?.items ?? [];
  const items: ItemOnRecord[] = [];
  for (const { itemId, code } of entries) {
    const item = await loadState(store, schemas, workPlanItemStream(itemId), workPlanItemDecider);
    if (item.status === 'empty' || item.status === 'withdrawn') continue;
    items.push({ code, title: item.definition.title, leadUnitIds: partsOf(item.assignments).filter((part) => part.role === 'LEAD').map((part) => part.unitId) });
  }
  return items;
}

/**
 * BAD_USER_INPUT (field title) when `item` repeats an item of its category — the same title (`wordsWithoutPunctuation`) led by
 * the same unit —, naming that item: the one rule a file meets (breaker49-10 S8), for the single item too (breaker50-10 S5: an
 * item added so made every later version built from the plan's own export refused as 「同一项任务列了两次」). `nameOf` gives a
 * unit's name for the message.
 */
export function refuseRepeatedTask(item: Pick<NewWorkPlanItem, 'categoryCode' | 'title' | 'leadUnitId'>, plan: WorkPlanState, items: readonly ItemOnRecord[], nameOf: (unitId: string) => string): void {
  const words = wordsWithoutPunctuation(item.title);
  const same = items.find((each) => wordsWithoutPunctuation(each.title) === words && each.leadUnitIds.length === 1 && each.leadUnitIds[0] === item.leadUnitId);
  if (same === undefined || plan.status !== 'imported') return;
  const lead = nameOf(item.leadUnitId);
  throw badInput(
    `Category ${item.categoryCode} of work plan "${plan.title}" already has item ${same.code} "${same.title}" led by ${lead}: two such items are one task listed twice (and the plan's export would no longer import). ` +
      `If this is another task (a second round), word its title apart; if it is the same task given more time, re-date item ${same.code}.`,
    `工作方案“${plan.title}”的大项 ${item.categoryCode} 已有事项 ${same.code}“${same.title}”，牵头单位同为${lead}：同一大项中名称相同、牵头单位相同，是同一项任务列了两次（方案导出的进展表也将无法再导入）。` +
      `如是另一项任务（如第二轮），请改写事项名称以示区别（如“${item.title.trim()}（第二轮）”）；如是同一任务需要更多时间，请调整事项 ${same.code} 的完成时限。`,
    { field: 'title' },
  );
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
  refuseRepeatedTask(item, plan, await itemsOfCategory(dependencies, plan, item.categoryCode), (unitId) => units.nameOf(unitId) ?? unitId);
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
