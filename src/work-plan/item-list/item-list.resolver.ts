import { QueryBus } from '@nestjs/cqrs';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { AllowRoles, WORKFLOW_READERS } from '../../access/authorization/access-policy.js';
import { pageAndFilter } from '../../shared/graphql/connection.js';
import { WorkPlanItemConnectionType, WorkPlanItemsArgs } from './item-list.args.js';
import { ListWorkPlanItemsQuery } from './item-list.queries.js';
import { priced } from '../../shared/graphql/query-cost.js';
import { buildsPlanParts } from '../breakdown/work-plan.resolver.js';

@Resolver()
@AllowRoles(...WORKFLOW_READERS)
export class WorkPlanItemListResolver {
  constructor(private readonly queries: QueryBus) {}

  // Every item of the plan is made a row (with its parts) before the page is cut: priced by the plan's parts.
  @priced({ build: buildsPlanParts('planId') })
  @Query(() => WorkPlanItemConnectionType, {
    description:
      'One plan’s items in the plan’s order, a page at a time (first / after), with their parts and lights: of one category (categoryCode), ' +
      'of one unit (unitId), of one light, or with a part in a status; asOf / knownAt as on workPlan. A large plan’s breakdown reads its ' +
      'categories’ roll-ups from workPlan and each category’s items from here, as it is opened.',
  })
  workPlanItems(@Args() args: WorkPlanItemsArgs) {
    const { page, filter } = pageAndFilter(args);
    const { planId, asOf, knownAt, ...rest } = filter;
    return this.queries.execute(new ListWorkPlanItemsQuery(planId!, rest, page, { asOf, knownAt }));
  }
}
