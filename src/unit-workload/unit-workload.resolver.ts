import { Args, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ReminderKinds } from '../assignments/read-model/reminders.js';
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
  ReminderCountType,
  ReminderPageArgs,
  UnitWorkloadType,
} from './unit-workload.types.js';
import { itemPartPage, reminderCounts, reminderPage } from './workload-pages.js';

@Resolver(() => UnitWorkloadType)
@AllowRoles(...WORKFLOW_READERS)
export class UnitWorkloadResolver {
  constructor(private readonly queries: QueryBus) {}

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

  @ResolveField(() => ReminderConnectionType, { description: 'The unit’s inbox, most urgent first as reminders (by the part’s due date), a page at a time; of one kind, or about one kind of parent' })
  remindersPage(@Parent() workload: FullUnitWorkload, @Args() args: ReminderPageArgs) {
    const { page, filter } = pageAndFilter(args);
    return reminderPage(workload.reminders, filter, page);
  }

  @ResolveField(() => [ReminderCountType], { description: 'How many reminders of each kind the inbox holds (kinds with none left out): what a large inbox says first (已逾期 38 项)' })
  reminderCounts(@Parent() workload: FullUnitWorkload) {
    return reminderCounts(workload.reminders, ReminderKinds);
  }
}
