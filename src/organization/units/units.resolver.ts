import { Args, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AllowRoles, WORKFLOW_READERS } from '../../access/authorization/access-policy.js';
import { QueryBus } from '@nestjs/cqrs';
import { GetUnitQuery, ListUnitsQuery } from './units.queries.js';
import { UnitType } from './unit.type.js';
import { EXPECTED_ITEMS, priced } from '../../shared/graphql/query-cost.js';
import type { UnitView } from './units.read-model.js';

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

  /** The unit's recorded 简称 (`UnitView.otherNames` of kind SHORT_NAME), in the order recorded. */
  @ResolveField(() => [String])
  shortNames(@Parent() unit: UnitView): readonly string[] {
    return (unit.otherNames ?? []).filter((other) => other.kind === 'SHORT_NAME').map((other) => other.name);
  }

  /** The unit's recorded 曾用名 without a rename day (`UnitView.otherNames` of kind EARLIER_NAME), in the order recorded. */
  @ResolveField(() => [String])
  earlierNames(@Parent() unit: UnitView): readonly string[] {
    return (unit.otherNames ?? []).filter((other) => other.kind === 'EARLIER_NAME').map((other) => other.name);
  }
}
