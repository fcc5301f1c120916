import type { TimelineEntry } from '../../assignments/read-model/timeline.js';
import { BY_DATE, deadlineCell } from '../../shared/deadline.js';
import { Args, Context, ID, Info, Int, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { oncePerExecution } from '../../shared/graphql/once-a-request.js';
import { QueryBus } from '@nestjs/cqrs';
import { concatMap, filter } from 'rxjs';
import { LiveUpdates, updateOrRefusal } from '../../access/authorization/live-updates.js';
import { ProjectionEngine } from '../../event-sourcing/projection-engine.js';
import { AllowRoles, WORKFLOW_READERS } from '../../access/authorization/access-policy.js';
import type { GraphqlContext } from '../../access/authorization/graphql-context.js';
import { AssignmentType, ONE_UNIT_PART, PartStatusEnum } from '../../assignments/graphql/assignment.types.js';
import { dayCountedOn, isOverdue, type PartStatus } from '../../assignments/read-model/part-view.js';
import { ListSizes } from '../../shared/graphql/list-sizes.js';
import { HistoryEntryType } from '../../rectification/evaluations/evaluation.types.js';
import { AS_OF_DESCRIPTION, KNOWN_AT_DESCRIPTION } from '../../shared/graphql/time-cut.type.js';
import type { ItemRow } from './breakdown.js';
import { WorkPlanLedger, type WorkPlanItemAtCut } from './work-plan-ledger.js';
import { workPlanItemStream } from '../domain/work-plan.events.js';
import { planLastYear } from '../domain/work-plan.decider.js';
import { WorkPlanItemType, WorkPlanSummaryType, WorkPlanType } from './work-plan.types.js';
import { GetWorkPlanItemQuery, GetWorkPlanQuery, ListWorkPlansQuery } from './work-plan.queries.js';
import { closeOutsUndoneIn, HistoryEntryConnectionType, historyLines, historyPage, historyPageFromStream, listsJudgedLines, markedUndone } from '../../rectification/evaluations/history-lines.js';
import { EVERY_FACT } from '../../shared/time-cut.js';
import { PageArgs, pageAndFilter } from '../../shared/graphql/connection.js';
import { EXPECTED_ITEMS, HISTORY_PRICE, LIVE_SIZES, PARTS_PER_COST_UNIT, STREAM_READ_COST, priced, type FieldPrice } from '../../shared/graphql/query-cost.js';

/**
 * What building a breakdown or a plan's item list goes through (breaker12f P11: `workPlan(id) { title }`
 * was priced as one field and built the whole breakdown): the parts of the plan its argument `arg`
 * names (or of every plan, without `arg`), PARTS_PER_COST_UNIT to a unit.
 */
export const buildsPlanParts =
  (arg?: string): FieldPrice['build'] =>
  (args, size) =>
    Math.ceil((size(LIVE_SIZES.planParts, arg !== undefined && typeof args[arg] === 'string' ? (args[arg] as string) : undefined) ?? 0) / PARTS_PER_COST_UNIT);

/** The fields of a plan that build its breakdown (lazyBreakdown in work-plan.queries.ts); its id, title, year and days do not. */
const BREAKDOWN_FIELDS: readonly string[] = ['progress', 'categories'];

/**
 * Whether a call of `workPlans` or `workPlan(id)` builds breakdowns (breaker12h P4: `{ workPlans { id title year } }`,
 * what 工作方案, 导入 and 待督查 ask on opening, was priced as every plan's breakdown and refused for everyone at
 * 200,000 parts): when it selects progress or categories, or travels in time (a plan at a cut folds its items first).
 */
export const buildsBreakdown: FieldPrice['buildsWhen'] = (selected, args) => args.asOf != null || args.knownAt != null || BREAKDOWN_FIELDS.some((field) => selected.has(field));

@Resolver(() => WorkPlanType)
@AllowRoles(...WORKFLOW_READERS)
export class WorkPlanResolver {
  constructor(private readonly queries: QueryBus) {}

  @priced({ build: buildsPlanParts(), buildsWhen: buildsBreakdown })
  @Query(() => [WorkPlanSummaryType], { description: 'Imported work plans, newest year first, with their overall progress (every reader, and ADMIN, who imports plans)' })
  // ADMIN imports plans: the 导入 page reads the plans there are, so a new version keeps its plan's approval day (newcomer13 R7).
  @AllowRoles(...WORKFLOW_READERS, 'ADMIN')
  workPlans() {
    return this.queries.execute(new ListWorkPlansQuery());
  }

  @priced({ build: buildsPlanParts('id'), buildsWhen: buildsBreakdown })
  @Query(() => WorkPlanType, {
    description:
      'The breakdown: categories → items → unit parts with roll-ups and traffic lights. With unitId: what that unit owes across all items. ' +
      'With asOf (a business day) and/or knownAt (an instant): as it stood that day / as known then.',
  })
  workPlan(
    @Args('id', { type: () => ID }) planId: string,
    @Args('unitId', { type: () => ID, nullable: true }) unitId?: string,
    @Args('asOf', { type: () => String, nullable: true, description: AS_OF_DESCRIPTION }) asOf?: string,
    @Args('knownAt', { type: () => String, nullable: true, description: KNOWN_AT_DESCRIPTION }) knownAt?: string,
  ) {
    return this.queries.execute(new GetWorkPlanQuery({ planId, unitId: unitId ?? undefined, asOf, knownAt }));
  }
}

/** How many parts `parts` answers at most for its arguments: one unit's, or `limit`; undefined: as many as the item holds. */
const partsBound = (args: Readonly<Record<string, unknown>>): number | undefined => (args.unitId != null ? 1 : typeof args.limit === 'number' ? args.limit : undefined);

/** An item's parts now, or on a past day at most those it holds and those a plan change took off; undefined for no such item. */
function itemPartsEver(ledger: WorkPlanLedger, itemId: string, past: boolean): number | undefined {
  const item = ledger.item(itemId);
  return item && item.parts.size + (past ? (item.removedParts?.size ?? 0) : 0);
}

/** The parts of every plan's items (on a past day with those taken off): O(every plan's items) per call. */
function allPlanParts(ledger: WorkPlanLedger, past: boolean): number {
  return ledger.listPlans().reduce((sum, plan) => sum + (ledger.planParts(plan.planId, past) ?? 0), 0);
}

@Resolver(() => WorkPlanItemType)
@AllowRoles(...WORKFLOW_READERS)
export class WorkPlanItemResolver {
  constructor(
    private readonly queries: QueryBus,
    private readonly engine: ProjectionEngine,
    private readonly live: LiveUpdates,
    private readonly ledger: WorkPlanLedger,
    sizes: ListSizes,
  ) {
    // Counted over every part an item ever held: a past day's item holds no more.
    sizes.register(LIVE_SIZES.itemParts, { now: () => ledger.largestItemParts, past: () => ledger.largestItemParts, of: (itemId, past) => itemPartsEver(ledger, itemId, past) });
    sizes.register(LIVE_SIZES.planParts, { now: () => allPlanParts(ledger, false), past: () => allPlanParts(ledger, true), of: (planId, past) => ledger.planParts(planId, past) ?? 0 });
    // A breakdown's rows are its 大项 times the items of each (breaker56-10 S1: a 4,999-item plan was priced as 5 大项 of 20 items).
    sizes.register(LIVE_SIZES.planCategories, {
      now: () => ledger.largestOutline(false).categories,
      past: () => ledger.largestOutline(true).categories,
      of: (planId, past) => ledger.outlineSize(planId, past)?.categories,
    });
    sizes.register(LIVE_SIZES.categoryItems, {
      now: () => ledger.largestOutline(false).largestCategory,
      past: () => ledger.largestOutline(true).largestCategory,
      of: (planId, past) => ledger.outlineSize(planId, past)?.largestCategory,
    });
  }

  @Subscription(() => WorkPlanItemType, {
    description: 'A work-plan item, pushed after every change to any item (a report, an inspection, …): open breakdowns and workloads follow without reload',
    resolve: updateOrRefusal,
  })
  workPlanItemUpdated(@Context() context: GraphqlContext) {
    const itemStreamPrefix = workPlanItemStream('');
    return this.live.forSubscriber(
      context,
      this.engine.events$.pipe(
        filter((event) => event.streamId.startsWith(itemStreamPrefix)),
        concatMap((event) => this.queries.execute(new GetWorkPlanItemQuery(event.streamId.slice(itemStreamPrefix.length)))),
      ),
    );
  }

  @Query(() => WorkPlanItemType, { description: 'One work-plan item with its parts and history; asOf / knownAt as on workPlan' })
  workPlanItem(
    @Args('id', { type: () => ID }) itemId: string,
    @Args('asOf', { type: () => String, nullable: true, description: AS_OF_DESCRIPTION }) asOf?: string,
    @Args('knownAt', { type: () => String, nullable: true, description: KNOWN_AT_DESCRIPTION }) knownAt?: string,
  ) {
    return this.queries.execute(new GetWorkPlanItemQuery(itemId, { asOf, knownAt }));
  }

  /**
   * Priced by the most parts an item has held (breaker12e P9: 40 items of 各单位 × 300 parts were
   * priced as 5 parts each and held the server 5–17 s); within `workPlanItem(id)`, by that item's
   * own. A list of items asks for `partCount` and friends, and an item's parts when it is opened.
   */
  @ResolveField(() => [AssignmentType], {
    description: 'The lead unit’s and responsible units’ parts (an item of 各单位 holds every unit’s: lists of items ask for partCount, overduePartCount, unverifiedPartCount instead)',
  })
  @priced({ items: EXPECTED_ITEMS.itemParts, sized: LIVE_SIZES.itemParts, count: partsBound, ofParent: { root: 'workPlanItem', arg: 'id' } })
  parts(
    @Parent() item: ItemRow,
    @Args('unitId', { type: () => ID, nullable: true, description: ONE_UNIT_PART }) unitId?: string,
    @Args('status', { type: () => PartStatusEnum, nullable: true, description: 'Only the parts in this status (REPORTED: waiting for an on-site check)' }) status?: PartStatus,
    @Args('offset', { type: () => Int, nullable: true, description: 'Parts to skip, in the item’s order (with limit: a page of an item of many units)' }) offset?: number,
    @Args('limit', { type: () => Int, nullable: true, description: 'At most this many parts (absent: all of them); priced by it' }) limit?: number,
  ) {
    const chosen = item.parts.filter((part) => (!unitId || part.unitId === unitId) && (!status || part.status === status));
    const from = Math.max(offset ?? 0, 0);
    return limit == null ? chosen.slice(from) : chosen.slice(from, from + Math.max(limit, 0));
  }

  @ResolveField(() => String, {
    description: 'The item’s 完成时限 as the plan and the export write it: its day, or 常态化（每季度报送） / 立行立改（2026-12-02） / 2026-06-30前完成并持续落实 (see the part’s dueText)',
  })
  dueText(@Parent() item: ItemRow): string {
    return deadlineCell(item.terms ?? BY_DATE, item.dueDate);
  }

  /**
   * Which plan and category (大项) an item belongs to, named on its page (newcomer36 S6: two plans of one year both number
   * items from 1, and a printed or shared item page did not say which plan it was of). The plan's title is one for good; the
   * 大项's title is the outline's of the day the row was made for, as known then (breaker10s P7: a version renaming 大项 二
   * renamed it on every earlier day too).
   */
  @ResolveField(() => String, { description: 'The title of the work plan (分解方案) the item belongs to' })
  planTitle(@Parent() item: ItemRow): string {
    return this.ledger.plan(item.planId)?.title ?? '';
  }

  @ResolveField(() => String, { description: 'The plan’s years as its export writes them: 2026, or 2026—2028 for a plan over several years' })
  planYears(@Parent() item: ItemRow): string {
    const plan = this.ledger.plan(item.planId);
    if (!plan) return '';
    const last = planLastYear(plan);
    return last === plan.year ? String(plan.year) : `${plan.year}—${last}`;
  }

  @ResolveField(() => String, { description: 'The title of the category (大项) the item stands under in its plan; empty for a plan without categories' })
  categoryTitle(@Parent() item: ItemRow): string {
    const plan = this.ledger.plan(item.planId, { asOf: item.viewedOn, knownAt: item.viewedKnownAt, axes: [] });
    return plan?.categories.find((category) => category.code === item.categoryCode)?.title ?? '';
  }

  @ResolveField(() => Int, { description: 'How many parts the item has (of the unit filtered on, when the parent was filtered)' })
  partCount(@Parent() item: ItemRow): number {
    return item.parts.length;
  }

  @ResolveField(() => Int, { description: 'Parts the unit still has to act on (assigned or returned) past their due date, on the day viewed' })
  overduePartCount(@Parent() item: ItemRow): number {
    return item.parts.filter((part) => isOverdue(part, dayCountedOn(part, part.evaluatedOn))).length;
  }

  @ResolveField(() => Int, { description: 'Parts not verified yet: 0 when every part passed its on-site check' })
  unverifiedPartCount(@Parent() item: ItemRow): number {
    return item.parts.filter((part) => part.status !== 'VERIFIED').length;
  }

  @ResolveField(() => [HistoryEntryType], { description: 'Every event of the item, in order (a unit user: without other units’ parts); historyPage gives it a page at a time' })
  @priced(HISTORY_PRICE)
  async history(@Parent() item: ItemRow | (ItemRow & Pick<WorkPlanItemAtCut, 'history'>), @Context() context: GraphqlContext, @Info() info: GraphQLResolveInfo): Promise<HistoryEntryType[]> {
    return this.historyLines(item, context, info);
  }

  @ResolveField(() => HistoryEntryConnectionType, {
    description: 'The item’s history a page at a time, in order (first / after, totalCount; a unit user: without other units’ parts); as of a past day or as known then when the parent is',
  })
  @priced({ read: STREAM_READ_COST })
  async historyPage(@Parent() item: ItemRow | (ItemRow & Pick<WorkPlanItemAtCut, 'history'>), @Args() args: PageArgs, @Context() context: GraphqlContext, @Info() info: GraphQLResolveInfo) {
    const { page } = pageAndFilter(args);
    if ('history' in item) return historyPage(await this.historyLines(item, context, info), item.itemId, page);
    // Now: only the page is read from the item's stream (breaker12g P6).
    const slice = (fromRevision: number, maxCount: number) => this.ledger.timelineSlice(item.itemId, fromRevision, maxCount);
    const parts = () => this.ledger.item(item.itemId)?.parts.values() ?? [];
    const mayHoldRetractions = this.ledger.item(item.itemId)?.holdsRetractions === true;
    return historyPageFromStream({ parentId: item.itemId, slice, length: this.ledger.historyLineCount(item.itemId), parts, closeOutsUndone: () => this.closeOutsUndone(item.itemId, info), mayHoldRetractions }, context.actor, page);
  }

  private async historyLines(item: ItemRow | (ItemRow & Pick<WorkPlanItemAtCut, 'history'>), context: GraphqlContext, info: GraphQLResolveInfo): Promise<HistoryEntryType[]> {
    // At a cut the fold made it; now it is the item's stream, read from the log — once per operation, however often it is asked (breaker12f P5).
    const events = 'history' in item ? item.history : await oncePerExecution(info, `work-plan-item-timeline:${item.itemId}`, () => this.ledger.timeline(item.itemId));
    // Now: the stream as recorded, its completions that no longer stand marked (newcomer46 M1; a fold at a cut marks its own).
    const marked = 'history' in item || !listsJudgedLines(events) ? events : markedUndone(events, await this.closeOutsUndone(item.itemId, info));
    return historyLines(marked, context.actor, this.ledger.item(item.itemId)?.parts.values() ?? []);
  }

  /** The item's completions its view does not count now, with why (`closeOutsUndoneIn`), folded once per operation. */
  private closeOutsUndone(itemId: string, info: GraphQLResolveInfo): Promise<Map<number, TimelineEntry>> {
    return oncePerExecution(info, `work-plan-item-close-outs-undone:${itemId}`, async () => closeOutsUndoneIn((await this.ledger.itemAt(itemId, EVERY_FACT))?.history ?? []));
  }

}
