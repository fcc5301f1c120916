import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import { notFound } from '../../shared/domain-error.js';
import { CircularView, CircularsReadModel } from './circulars.read-model.js';

export class ListCircularsQuery extends Query<CircularView[]> {
  constructor(readonly filter: { unitId?: string }) {
    super();
  }
}

export class GetCircularQuery extends Query<CircularView> {
  constructor(readonly circularId: string) {
    super();
  }
}

@QueryHandler(ListCircularsQuery)
export class ListCircularsHandler implements IQueryHandler<ListCircularsQuery> {
  constructor(
    private readonly circulars: CircularsReadModel,
    private readonly units: UnitsReadModel,
  ) {}

  execute({ filter }: ListCircularsQuery) {
    if (filter.unitId && !this.units.get(filter.unitId)) throw notFound('Unit', filter.unitId);
    return Promise.resolve(this.circulars.list(filter));
  }
}

@QueryHandler(GetCircularQuery)
export class GetCircularHandler implements IQueryHandler<GetCircularQuery> {
  constructor(private readonly circulars: CircularsReadModel) {}

  execute({ circularId }: GetCircularQuery) {
    const circular = this.circulars.get(circularId);
    if (!circular) throw notFound('Circular', circularId);
    return Promise.resolve(circular);
  }
}
