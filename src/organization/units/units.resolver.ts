import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { AllowRoles, WORKFLOW_READERS } from '../../access/authorization/access-policy.js';
import { QueryBus } from '@nestjs/cqrs';
import { GetUnitQuery, ListUnitsQuery } from './units.queries.js';
import { UnitType } from './unit.type.js';
import { EXPECTED_ITEMS, priced } from '../../shared/graphql/query-cost.js';

@Resolver(() => UnitType)
@AllowRoles(...WORKFLOW_READERS, 'ADMIN')
export class UnitsResolver {
  constructor(private readonly queries: QueryBus) {}

  @priced({ items: EXPECTED_ITEMS.units })
  @Query(() => [UnitType], { description: 'The units directory, ordered by code.' })
  units() {
    return this.queries.execute(new ListUnitsQuery());
  }

  @Query(() => UnitType)
  unit(@Args('id', { type: () => ID }) id: string) {
    return this.queries.execute(new GetUnitQuery(id));
  }
}
