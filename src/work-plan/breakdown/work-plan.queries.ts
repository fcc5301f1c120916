import { Inject } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { AppSettings } from '../../config/app-settings.js';
import { ProjectionEngine } from '../../event-sourcing/projection-engine.js';
import { parseAsOf } from '../../shared/as-of.js';
import { Clock } from '../../shared/clock.js';
import { notFound } from '../../shared/domain-error.js';
import { buildBreakdown, itemRow, type Breakdown, type ItemRow } from './breakdown.js';
import { WorkPlanLedger } from './work-plan-ledger.js';

export class ListWorkPlansQuery extends Query<Breakdown[]> {}

export class GetWorkPlanQuery extends Query<Breakdown> {
  constructor(readonly options: { planId: string; unitId?: string; asOf?: string }) {
    super();
  }
}

export class GetWorkPlanItemQuery extends Query<ItemRow> {
  constructor(readonly itemId: string) {
    super();
  }
}

@QueryHandler(ListWorkPlansQuery)
export class ListWorkPlansHandler implements IQueryHandler<ListWorkPlansQuery> {
  constructor(
    private readonly ledger: WorkPlanLedger,
    private readonly clock: Clock,
    @Inject(ConfigService) private readonly config: ConfigService<AppSettings, true>,
  ) {}

  execute() {
    const now = this.clock.now().toISOString();
    const dueSoonDays = this.config.get('DUE_SOON_DAYS', { infer: true });
    return Promise.resolve(this.ledger.listPlans().map((plan) => buildBreakdown(plan, this.ledger, { now, dueSoonDays })));
  }
}

@QueryHandler(GetWorkPlanQuery)
export class GetWorkPlanHandler implements IQueryHandler<GetWorkPlanQuery> {
  constructor(
    private readonly ledger: WorkPlanLedger,
    private readonly engine: ProjectionEngine,
    private readonly clock: Clock,
    @Inject(ConfigService) private readonly config: ConfigService<AppSettings, true>,
  ) {}

  async execute({ options }: GetWorkPlanQuery): Promise<Breakdown> {
    const now = this.clock.now();
    const past = options.asOf === undefined ? undefined : parseAsOf(options.asOf, now);
    const at = past ?? now.toISOString();
    const [ledger] = await this.engine.asOf(past, [this.ledger] as const, () => [new WorkPlanLedger()] as const);
    const plan = ledger.plan(options.planId);
    if (!plan) throw notFound('Work plan', options.planId);
    return buildBreakdown(plan, ledger, { now: at, dueSoonDays: this.config.get('DUE_SOON_DAYS', { infer: true }), unitId: options.unitId });
  }
}

@QueryHandler(GetWorkPlanItemQuery)
export class GetWorkPlanItemHandler implements IQueryHandler<GetWorkPlanItemQuery> {
  constructor(
    private readonly ledger: WorkPlanLedger,
    private readonly clock: Clock,
    @Inject(ConfigService) private readonly config: ConfigService<AppSettings, true>,
  ) {}

  execute({ itemId }: GetWorkPlanItemQuery) {
    const item = this.ledger.item(itemId);
    if (!item) throw notFound('Work-plan item', itemId);
    return Promise.resolve(itemRow(item, { now: this.clock.now().toISOString(), dueSoonDays: this.config.get('DUE_SOON_DAYS', { infer: true }) }));
  }
}
