import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { AllowRoles, WORKFLOW_READERS } from '../../access/authorization/access-policy.js';
import { QueryBus } from '@nestjs/cqrs';
import { GetUnitQuery, ListUnitsQuery } from './units.queries.js';
import { UnitType } from './unit.type.js';

@Resolver(() => UnitType)
@AllowRoles(...WORKFLOW_READERS, 'ADMIN')
export class UnitsResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query(() => [UnitType], { description: 'The units directory, ordered by code.' })
  units() {
    return this.queries.execute(new ListUnitsQuery());
  }

  @Query(() => UnitType)
  unit(@Args('id', { type: () => ID }) id: string) {
    return this.queries.execute(new GetUnitQuery(id));
  }
}
