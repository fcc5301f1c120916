import { Args, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AllowRoles, WORKFLOW_READERS } from '../../access/authorization/access-policy.js';
import { QueryBus } from '@nestjs/cqrs';
import { CurrentRequester, type Requester } from '../../shared/graphql/requester.js';
import { UnitType } from '../../organization/units/unit.type.js';
import { GetUnitQuery } from '../../organization/units/units.queries.js';
import { CircularType } from './circular.type.js';
import type { CircularView } from './circulars.read-model.js';
import { ListCircularsQuery } from './circulars.queries.js';

@Resolver(() => CircularType)
@AllowRoles(...WORKFLOW_READERS)
export class CircularsResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query(() => [CircularType], { description: 'Circulars, newest first: all of them, or those concerning one unit (a unit user: its own).' })
  circulars(@Args('unitId', { type: () => ID, nullable: true }) unitId: string | undefined, @CurrentRequester() requester: Requester) {
    return this.queries.execute(new ListCircularsQuery({ unitId }, requester.actor));
  }

  @ResolveField(() => UnitType, { description: 'The unit commended or criticised' })
  unit(@Parent() circular: CircularView) {
    return this.queries.execute(new GetUnitQuery(circular.unitId));
  }
}
