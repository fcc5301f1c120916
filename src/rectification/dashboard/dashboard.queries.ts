import { Inject } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { requireUnitDetailsAccess } from '../../access/authorization/access-policy.js';
import type { Actor } from '../../shared/command-context.js';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { AppSettings } from '../../config/app-settings.js';
import { ProjectionEngine } from '../../event-sourcing/projection-engine.js';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import { parseAsOf } from '../../shared/as-of.js';
import { Clock } from '../../shared/clock.js';
import { notFound, say } from '../../shared/domain-error.js';
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
  constructor(
    readonly unitId: string,
    readonly reader: Actor,
  ) {
    super();
  }
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
    const past = asOf === undefined ? undefined : parseAsOf(asOf, now);
    const at = past ?? now.toISOString();
    const [ledger] = await this.engine.asOf(past, [this.ledger] as const, () => [new RectificationLedger()] as const);
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

  execute({ unitId, reader }: GetUnitWorkloadQuery): Promise<UnitWorkload> {
    requireUnitDetailsAccess(reader, unitId, say('workload', '工作任务'));
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
