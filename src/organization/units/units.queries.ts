import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { notFound } from '../../shared/domain-error.js';
import { UnitView, UnitsReadModel } from './units.read-model.js';

export class ListUnitsQuery extends Query<readonly UnitView[]> {}

export class GetUnitQuery extends Query<UnitView> {
  constructor(readonly unitId: string) {
    super();
  }
}

@QueryHandler(ListUnitsQuery)
export class ListUnitsHandler implements IQueryHandler<ListUnitsQuery> {
  constructor(private readonly units: UnitsReadModel) {}

  execute() {
    return Promise.resolve(this.units.list());
  }
}

@QueryHandler(GetUnitQuery)
export class GetUnitHandler implements IQueryHandler<GetUnitQuery> {
  constructor(private readonly units: UnitsReadModel) {}

  execute({ unitId }: GetUnitQuery) {
    const unit = this.units.get(unitId);
    if (!unit) throw notFound('Unit', unitId);
    return Promise.resolve(unit);
  }
}
