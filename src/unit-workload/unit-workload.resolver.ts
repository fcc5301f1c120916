import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { QueryBus } from '@nestjs/cqrs';
import { AllowRoles, WORKFLOW_READERS } from '../access/authorization/access-policy.js';
import { CurrentRequester, type Requester } from '../shared/graphql/requester.js';
import { AS_OF_DESCRIPTION, KNOWN_AT_DESCRIPTION } from '../shared/graphql/time-cut.type.js';
import { GetUnitWorkloadQuery } from './unit-workload.queries.js';
import { UnitWorkloadType } from './unit-workload.types.js';

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
}
