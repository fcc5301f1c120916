import { requireUnitDetailsAccess } from '../../access/authorization/access-policy.js';
import type { Actor } from '../../shared/command-context.js';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import { Clock } from '../../shared/clock.js';
import { checkDayRange } from '../../shared/day-range.js';
import { parseTimeCut } from '../../shared/time-cut.js';
import { notFound, say } from '../../shared/domain-error.js';
import type { Connection, PageRequest } from '../../shared/pagination/page.js';
import { CircularView, CircularsReadModel, type CircularFilter } from './circulars.read-model.js';

/**
 * A page of circulars, newest first; a unit user's are its own unit's. `knownAt` (an ISO-8601 instant with its offset):
 * only those recorded by then, each as it read then (breaker11r P3).
 */
export class ListCircularsQuery extends Query<Connection<CircularView>> {
  constructor(
    readonly filter: CircularFilter,
    readonly reader: Actor,
    readonly page: PageRequest = {},
    readonly knownAt?: string | null,
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
    private readonly clock: Clock,
  ) {}

  /** @throws DomainError BAD_USER_INPUT for a `knownAt` that is no instant (as every view's), or days out of order. */
  execute({ filter, reader, page, knownAt }: ListCircularsQuery) {
    const unitId = reader.role === 'UNIT' ? (filter.unitId ?? reader.unitId ?? undefined) : filter.unitId;
    if (unitId) requireUnitDetailsAccess(reader, unitId, say('circulars', '通报'));
    if (unitId && !this.units.get(unitId)) throw notFound('Unit', unitId);
    checkDayRange(['issuedFrom', 'issuedTo'], filter.issuedFrom, filter.issuedTo);
    // A future instant is now, as for every view (parseTimeCut): normalised to UTC, as the circulars' instants are kept.
    const cut = knownAt == null ? undefined : (parseTimeCut({ knownAt }, this.clock.now()).knownAt ?? undefined);
    return Promise.resolve(this.circulars.page({ ...filter, unitId }, page, cut));
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
