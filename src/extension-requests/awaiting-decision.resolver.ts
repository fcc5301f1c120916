import { QueryBus } from '@nestjs/cqrs';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { AllowRoles } from '../access/authorization/access-policy.js';
import { ListExtensionsAwaitingDecisionQuery } from './awaiting-decision.queries.js';
import { ExtensionAwaitingDecisionConnectionType, ExtensionsAwaitingDecisionArgs } from './awaiting-decision.types.js';

@Resolver()
export class ExtensionsAwaitingDecisionResolver {
  constructor(private readonly queries: QueryBus) {}

  @AllowRoles('SUPERVISOR')
  @Query(() => ExtensionAwaitingDecisionConnectionType, {
    description:
      '待审批延期: every unit’s part of a finding or of any plan’s work-plan item whose extension request awaits the supervisor’s decision, a page at a time (first / after), ' +
      'the part due soonest first (by its due day in force, then the order the findings and items were first recorded, then unit); totalCount counts them all. ' +
      'asOf / knownAt: the requests awaiting a decision that day / as known then.',
  })
  extensionsAwaitingDecision(@Args() { first, after, asOf, knownAt }: ExtensionsAwaitingDecisionArgs) {
    return this.queries.execute(new ListExtensionsAwaitingDecisionQuery({ first, after }, { asOf, knownAt }));
  }
}
