import { Args, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { mostUrgentFirst, ReminderKinds } from '../assignments/read-model/reminders.js';
import { pageAndFilter } from '../shared/graphql/connection.js';
import { QueryBus } from '@nestjs/cqrs';
import { AllowRoles, WORKFLOW_READERS } from '../access/authorization/access-policy.js';
import { CurrentRequester, type Requester } from '../shared/graphql/requester.js';
import { AS_OF_DESCRIPTION, KNOWN_AT_DESCRIPTION } from '../shared/graphql/time-cut.type.js';
import { GetUnitWorkloadQuery, type FullUnitWorkload } from './unit-workload.queries.js';
import {
  ItemPartAlertConnectionType,
  ItemPartPageArgs,
  ReminderConnectionType,
  ReminderCountArgs,
  ReminderCountType,
  ReminderPageArgs,
  UnitWorkloadType,
} from './unit-workload.types.js';
import { itemPartPage, reminderCounts, reminderPage } from './workload-pages.js';
import { ListSizes } from '../shared/graphql/list-sizes.js';
import { LIVE_SIZES, WORKLOAD_COST_PER_PARENT, priced } from '../shared/graphql/query-cost.js';
import { DashboardReadModel } from '../rectification/dashboard/dashboard.read-model.js';
import { WorkPlanPartsReadModel } from '../work-plan/breakdown/work-plan-parts.read-model.js';

/** The inbox with the returns it no longer lists (newcomer49-8 M4), most urgent first: the records a unit's page lists under its figures. */
const withReturnsAnswered = (workload: FullUnitWorkload) => [...workload.reminders, ...workload.answeredReturns].sort(mostUrgentFirst);

@Resolver(() => UnitWorkloadType)
@AllowRoles(...WORKFLOW_READERS)
export class UnitWorkloadResolver {
  constructor(
    private readonly queries: QueryBus,
    dashboards: DashboardReadModel,
    itemParts: WorkPlanPartsReadModel,
    sizes: ListSizes,
  ) {
    // Now: the findings it has a part in and the items it ever had; a past day folds every parent it ever had.
    const parentsOf = (unitId: string, past: boolean) => {
      const findings = dashboards.findingCountsOf(unitId);
      return (past ? findings.ever : findings.now) + itemParts.itemCountEverOf(unitId);
    };
    sizes.register(LIVE_SIZES.unitParents, { now: () => 0, past: () => 0, of: parentsOf });
  }

  /** Priced by what the unit's workload goes through (breaker12f P11: 250 aliases over 250 units were priced as one field each, 2.5 s). */
  @priced({ build: (args, size) => WORKLOAD_COST_PER_PARENT * (size(LIVE_SIZES.unitParents, typeof args.unitId === 'string' ? args.unitId : undefined) ?? 0) })
  @Query(() => UnitWorkloadType, {
    description:
      'What a unit has to do on findings and on the items of every work plan, most urgent first, and its reminders about both (a unit user: its own only); asOf / knownAt as on dashboard',
  })
  unitWorkload(
    @Args('unitId', { type: () => ID }) unitId: string,
    @CurrentRequester() requester: Requester,
    @Args('asOf', { type: () => String, nullable: true, description: AS_OF_DESCRIPTION }) asOf?: string,
    @Args('knownAt', { type: () => String, nullable: true, description: KNOWN_AT_DESCRIPTION }) knownAt?: string,
  ) {
    return this.queries.execute(new GetUnitWorkloadQuery(unitId, requester.actor, { asOf, knownAt }));
  }

  @ResolveField(() => ItemPartAlertConnectionType, {
    description: 'What the unit still has to do on work-plan items, in the order of workPlanParts (most urgent first across plans), a page at a time; of one plan or one light',
  })
  workPlanPartsPage(@Parent() workload: FullUnitWorkload, @Args() args: ItemPartPageArgs) {
    const { page, filter } = pageAndFilter(args);
    return itemPartPage(workload.workPlanParts, filter, page);
  }

  @ResolveField(() => ReminderConnectionType, {
    description: 'The unit’s inbox, most urgent first as reminders (by the part’s due date), a page at a time; of one kind, or about one kind of parent; withAnsweredReturns: with the returns it no longer lists (the unit page’s 记录)',
  })
  remindersPage(@Parent() workload: FullUnitWorkload, @Args() args: ReminderPageArgs) {
    const { withAnsweredReturns, ...rest } = args;
    const { page, filter } = pageAndFilter(rest);
    return reminderPage(withAnsweredReturns ? withReturnsAnswered(workload) : workload.reminders, filter, page);
  }

  @ResolveField(() => [ReminderCountType], { description: 'How many reminders of each kind the inbox holds (kinds with none left out): what a large inbox says first (已逾期 38 项); withAnsweredReturns: the returns it no longer lists counted too' })
  reminderCounts(@Parent() workload: FullUnitWorkload, @Args() args: ReminderCountArgs) {
    return reminderCounts(args.withAnsweredReturns ? withReturnsAnswered(workload) : workload.reminders, ReminderKinds);
  }
}
