import { Inject } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { AppSettings } from '../../config/app-settings.js';
import { ProjectionEngine } from '../../event-sourcing/projection-engine.js';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import { isCalendarDate } from '../../shared/calendar-date.js';
import { Clock } from '../../shared/clock.js';
import { badInput, notFound } from '../../shared/domain-error.js';
import { RectificationLedger } from '../ledger/rectification-ledger.js';
import { buildDashboard, type Dashboard } from './dashboard.js';
import { buildUnitWorkload, type UnitWorkload } from './unit-workload.js';

export class GetDashboardQuery extends Query<Dashboard> {
  /** `asOf`: an ISO-8601 instant, or a day (YYYY-MM-DD: its end, China time); now without it. */
  constructor(readonly asOf?: string) {
    super();
  }
}

export class GetUnitWorkloadQuery extends Query<UnitWorkload> {
  constructor(readonly unitId: string) {
    super();
  }
}

/** A day means "as of the end of that day" on the office's calendar (UTC+8). */
function parseAsOf(asOf: string, now: Date): string {
  const instant = isCalendarDate(asOf) ? new Date(`${asOf}T23:59:59.999+08:00`) : new Date(asOf);
  if (Number.isNaN(instant.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(asOf)) {
    throw badInput(`asOf must be an ISO-8601 date or instant, e.g. 2026-05-01 or 2026-05-01T12:00:00+08:00 (got "${asOf}").`);
  }
  return (instant > now ? now : instant).toISOString();
}

@QueryHandler(GetDashboardQuery)
export class GetDashboardHandler implements IQueryHandler<GetDashboardQuery> {
  constructor(
    private readonly ledger: RectificationLedger,
    private readonly units: UnitsReadModel,
    private readonly engine: ProjectionEngine,
    private readonly clock: Clock,
    @Inject(ConfigService) private readonly config: ConfigService<AppSettings, true>,
  ) {}

  async execute({ asOf }: GetDashboardQuery): Promise<Dashboard> {
    const now = this.clock.now();
    const at = asOf === undefined ? now.toISOString() : parseAsOf(asOf, now);
    // Time travel replays the log up to that instant into a fresh ledger: no stored snapshots.
    const ledger =
      asOf === undefined ? this.ledger : await this.engine.replay(new RectificationLedger(), (event) => event.metadata.recordedAt <= at);
    return buildDashboard({
      findings: ledger.listFindings(),
      evaluations: ledger.listEvaluations(),
      unitName: (unitId) => this.units.get(unitId)?.name ?? unitId,
      now: at,
      dueSoonDays: this.config.get('DUE_SOON_DAYS', { infer: true }),
    });
  }
}

@QueryHandler(GetUnitWorkloadQuery)
export class GetUnitWorkloadHandler implements IQueryHandler<GetUnitWorkloadQuery> {
  constructor(
    private readonly ledger: RectificationLedger,
    private readonly units: UnitsReadModel,
    private readonly clock: Clock,
    @Inject(ConfigService) private readonly config: ConfigService<AppSettings, true>,
  ) {}

  execute({ unitId }: GetUnitWorkloadQuery): Promise<UnitWorkload> {
    const unit = this.units.get(unitId);
    if (!unit) throw notFound('Unit', unitId);
    return Promise.resolve(
      buildUnitWorkload({
        findings: this.ledger.listFindings(),
        unitId,
        unitName: unit.name,
        now: this.clock.now().toISOString(),
        dueSoonDays: this.config.get('DUE_SOON_DAYS', { infer: true }),
      }),
    );
  }
}
