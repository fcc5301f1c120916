import { Args, Query, Resolver } from '@nestjs/graphql';
import { IQueryHandler, Query as CqrsQuery, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { AllowRoles } from '../access/authorization/access-policy.js';
import { UnitsReadModel } from '../organization/units/units.read-model.js';
import { RectificationLedger } from '../rectification/ledger/rectification-ledger.js';
import { isPresent, parseTimeCut, type TimeCut, type TimeTravel } from '../shared/time-cut.js';
import { AS_OF_DESCRIPTION, KNOWN_AT_DESCRIPTION } from '../shared/graphql/time-cut.type.js';
import { Clock } from '../shared/clock.js';
import { ProjectionEngine } from '../event-sourcing/projection-engine.js';
import { DashboardReadModel } from '../rectification/dashboard/dashboard.read-model.js';
import { findingsAtCut } from '../rectification/dashboard/dashboard.queries.js';
import { TimeTravelCache } from '../shared/time-travel-cache.js';
import { WorkPlanLedger, withPartsTakenOff } from '../work-plan/breakdown/work-plan-ledger.js';
import { WorkPlanPartsReadModel } from '../work-plan/breakdown/work-plan-parts.read-model.js';
import { buildScorecard, scorecardFromFigures, scorecardFromTallies, type UnitScore } from './scorecard.js';
import { UnitScoreType } from './scorecard.types.js';
import { EXPECTED_ITEMS, priced } from '../shared/graphql/query-cost.js';

export class GetUnitScorecardQuery extends CqrsQuery<(UnitScore & { time: TimeCut })[]> {
  constructor(readonly travel: TimeTravel = {}) {
    super();
  }
}

/**
 * Every unit's record now from the per-unit tallies kept as events arrive; on a past business day (everything entered)
 * from the per-day deltas of findings and items; as known at an instant, from the parents' dated timelines.
 */
@QueryHandler(GetUnitScorecardQuery)
export class GetUnitScorecardHandler implements IQueryHandler<GetUnitScorecardQuery> {
  constructor(
    private readonly findings: RectificationLedger,
    private readonly workPlans: WorkPlanLedger,
    private readonly findingParts: DashboardReadModel,
    private readonly itemParts: WorkPlanPartsReadModel,
    private readonly units: UnitsReadModel,
    private readonly clock: Clock,
    private readonly travelled: TimeTravelCache,
    private readonly engine: ProjectionEngine,
  ) {}

  /** The ranking now, with the log position the read models had reached and the office day it was made for. */
  private keptNow: { readonly position: bigint | null; readonly today: string; readonly scores: UnitScore[] } | null = null;

  async execute({ travel }: GetUnitScorecardQuery): Promise<(UnitScore & { time: TimeCut })[]> {
    const now = this.clock.now();
    const time = parseTimeCut(travel, now);
    // A past day shows units under the names they had then.
    const unitName = this.units.namesAt(time);
    const scores = isPresent(time, now)
      ? this.scorecardNow(time.asOf, unitName)
      : time.knownAt === null
        ? await this.onPastDay(time.asOf, unitName)
        : await this.travelled.answer('scorecard', time, async () =>
          buildScorecard({
            parts: [
              ...(await findingsAtCut(this.findings, this.findingParts, time, this.travelled)).flatMap((finding) => [...finding.parts.values()]),
              ...(await this.itemsAtCut(time)).flatMap((item) => [...withPartsTakenOff(item, item.parts).values()]),
            ],
            unitName,
            today: time.asOf,
          }),
        );
    return scores.map((score) => ({ ...score, time }));
  }

  /**
   * A business day with everything entered (issue 12 row 4, issue 8 part 6): each unit's figures are prefix sums of the
   * per-day deltas the findings' and the work-plan items' read models keep (`scoresOn`), no parent folded — only those
   * with facts entered out of business order since the last such answer are read again from their streams first.
   */
  private async onPastDay(asOf: string, unitName: (unitId: string) => string): Promise<UnitScore[]> {
    while (this.findingParts.findingsToRefold > 0 || this.itemParts.itemsToRefold > 0) {
      await this.findingParts.refoldPastDays(this.engine);
      await this.itemParts.refoldPastDays(this.engine, this.findingParts.latestRecordedAt);
    }
    const figures = this.itemParts.scoresOn(asOf, this.findingParts.scoresOn(asOf, new Map()));
    return scorecardFromFigures(figures, unitName);
  }

  /**
   * Ranking every unit (a pinyin sort of a few hundred names) on every request was most of the
   * query's own time: the ranking is kept until the next event is projected or the office day changes.
   */
  private scorecardNow(today: string, unitName: (unitId: string) => string): UnitScore[] {
    const position = this.engine.position?.commit ?? null;
    const kept = this.keptNow;
    if (kept && kept.position === position && kept.today === today) return kept.scores;
    const scores = scorecardFromTallies({ tallies: [this.findingParts.unitTallies(), this.itemParts.unitTallies()], unitName, today });
    this.keptNow = { position, today, scores };
    return scores;
  }

  /**
   * The items as they stood at the cut, a withdrawn one as it stood on its withdrawal (`WorkPlanLedger.withdrawnAsTheyStood`;
   * the caller adds each item's parts taken off, `withPartsTakenOff`):
   * its units' records made after it, before the office heard of it, count nowhere (breaker11h P8; seen again by breaker11n P1's
   * typing-order e2e: a report of the withdrawn days counted as on time).
   */
  private async itemsAtCut(cut: TimeCut) {
    const items = await this.workPlans.itemsAt(cut, this.findingParts.latestRecordedAt);
    const byId = new Map(items.map((item) => [item.itemId, item]));
    const withdrawn = await this.workPlans.withdrawnAsTheyStood([...byId.keys()], (itemId) => byId.get(itemId), cut);
    return items.map((item) => withdrawn.get(item.itemId) ?? item);
  }
}

@Resolver(() => UnitScoreType)
export class ScorecardResolver {
  constructor(private readonly queries: QueryBus) {}

  @AllowRoles('SUPERVISOR', 'INSPECTOR')
  @priced({ items: EXPECTED_ITEMS.units })
  @Query(() => [UnitScoreType], {
    description:
      'Units ranked by on-time rate, then fewest overdue and returned parts, then fastest remediation: whom to commend (top) and whom to criticise (bottom). ' +
      'With asOf (a business day) and/or knownAt (an instant): as it stood that day / as known then; each row says which in `time`.',
  })
  unitScorecard(
    @Args('asOf', { type: () => String, nullable: true, description: AS_OF_DESCRIPTION }) asOf?: string,
    @Args('knownAt', { type: () => String, nullable: true, description: KNOWN_AT_DESCRIPTION }) knownAt?: string,
  ) {
    return this.queries.execute(new GetUnitScorecardQuery({ asOf, knownAt }));
  }
}
