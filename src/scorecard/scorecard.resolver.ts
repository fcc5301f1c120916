import { Args, Query, Resolver } from '@nestjs/graphql';
import { IQueryHandler, Query as CqrsQuery, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { AllowRoles } from '../access/authorization/access-policy.js';
import { ProjectionEngine } from '../event-sourcing/projection-engine.js';
import { UnitsReadModel } from '../organization/units/units.read-model.js';
import { RectificationLedger } from '../rectification/ledger/rectification-ledger.js';
import { parseAsOf } from '../shared/as-of.js';
import { Clock } from '../shared/clock.js';
import { WorkPlanLedger } from '../work-plan/breakdown/work-plan-ledger.js';
import { buildScorecard, type UnitScore } from './scorecard.js';
import { UnitScoreType } from './scorecard.types.js';

export class GetUnitScorecardQuery extends CqrsQuery<UnitScore[]> {
  constructor(readonly asOf?: string) {
    super();
  }
}

@QueryHandler(GetUnitScorecardQuery)
export class GetUnitScorecardHandler implements IQueryHandler<GetUnitScorecardQuery> {
  constructor(
    private readonly findings: RectificationLedger,
    private readonly workPlans: WorkPlanLedger,
    private readonly units: UnitsReadModel,
    private readonly engine: ProjectionEngine,
    private readonly clock: Clock,
  ) {}

  async execute({ asOf }: GetUnitScorecardQuery): Promise<UnitScore[]> {
    const now = this.clock.now();
    const past = asOf === undefined ? undefined : parseAsOf(asOf, now);
    const at = past ?? now.toISOString();
    const [findings, workPlans] = await this.engine.asOf(past, [this.findings, this.workPlans] as const, () => [new RectificationLedger(), new WorkPlanLedger()] as const);
    const parts = [
      ...findings.listFindings().flatMap((finding) => [...finding.parts.values()]),
      ...workPlans.listItems().flatMap((item) => [...item.parts.values()]),
    ];
    return buildScorecard({ parts, unitName: (unitId) => this.units.get(unitId)?.name ?? unitId, now: at });
  }
}

@Resolver(() => UnitScoreType)
export class ScorecardResolver {
  constructor(private readonly queries: QueryBus) {}

  @AllowRoles('SUPERVISOR', 'INSPECTOR')
  @Query(() => [UnitScoreType], {
    description: 'Units ranked by on-time rate, then fewest overdue and returned parts, then fastest remediation: whom to commend (top) and whom to criticise (bottom).',
  })
  unitScorecard(@Args('asOf', { type: () => String, nullable: true }) asOf?: string) {
    return this.queries.execute(new GetUnitScorecardQuery(asOf ?? undefined));
  }
}
