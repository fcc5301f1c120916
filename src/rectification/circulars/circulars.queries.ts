import { requireUnitDetailsAccess } from '../../access/authorization/access-policy.js';
import type { Actor } from '../../shared/command-context.js';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import { notFound, say } from '../../shared/domain-error.js';
import { CircularView, CircularsReadModel } from './circulars.read-model.js';

export class ListCircularsQuery extends Query<CircularView[]> {
  constructor(
    readonly filter: { unitId?: string },
    readonly reader: Actor,
  ) {
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

  execute({ filter, reader }: ListCircularsQuery) {
    const unitId = reader.role === 'UNIT' ? (filter.unitId ?? reader.unitId ?? undefined) : filter.unitId;
    if (unitId) requireUnitDetailsAccess(reader, unitId, say('circulars', '通报'));
    if (unitId && !this.units.get(unitId)) throw notFound('Unit', unitId);
    return Promise.resolve(this.circulars.list({ unitId }));
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
