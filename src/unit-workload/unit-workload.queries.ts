import { Inject } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { requireUnitDetailsAccess } from '../access/authorization/access-policy.js';
import { mostUrgentFirst, type Reminder } from '../assignments/read-model/reminders.js';
import type { AppSettings } from '../config/app-settings.js';
import { nameOn, UnitsReadModel } from '../organization/units/units.read-model.js';
import { DashboardReadModel } from '../rectification/dashboard/dashboard.read-model.js';
import { buildUnitWorkload, type UnitWorkload } from '../rectification/dashboard/unit-workload.js';
import { RectificationLedger, type FindingView } from '../rectification/ledger/rectification-ledger.js';
import type { Actor } from '../shared/command-context.js';
import { Clock } from '../shared/clock.js';
import { notFound, say } from '../shared/domain-error.js';
import { isPresent, parseTimeCut, type TimeCut, type TimeTravel } from '../shared/time-cut.js';
import { foldAtCut } from '../shared/time-travel-fold.js';
import { TimeTravelCache } from '../shared/time-travel-cache.js';
import { WorkPlanLedger, type WorkPlanItemView } from '../work-plan/breakdown/work-plan-ledger.js';
import { WorkPlanPartsReadModel } from '../work-plan/breakdown/work-plan-parts.read-model.js';
import { buildUnitItemWorkload, type ItemPartAlert } from './unit-item-workload.js';

/** A reminder as the API shows it: with the deprecated finding fields filled for a finding. */
export type ReminderRow = Reminder & { readonly findingId: string | null; readonly findingTitle: string | null };

/** A unit's whole workload: findings and work-plan items of every plan, one inbox. */
export type FullUnitWorkload = Omit<UnitWorkload, 'reminders' | 'answeredReturns'> & {
  readonly workPlanParts: ItemPartAlert[];
  readonly reminders: ReminderRow[];
  /** The returns of its parts (findings and items) the inbox no longer lists: answered, or the part verified (newcomer49-8 M4). */
  readonly answeredReturns: ReminderRow[];
  readonly time: TimeCut;
};

export class GetUnitWorkloadQuery extends Query<FullUnitWorkload> {
  constructor(
    readonly unitId: string,
    readonly reader: Actor,
    readonly travel: TimeTravel = {},
  ) {
    super();
  }
}

const asRow = (reminder: Reminder): ReminderRow => ({
  ...reminder,
  findingId: reminder.parentKind === 'FINDING' ? reminder.parentId : null,
  findingTitle: reminder.parentKind === 'FINDING' ? reminder.parentTitle : null,
});

/**
 * Findings now from the dashboard's per-unit index, work-plan items from the work-plan ledger as
 * they stand; at a cut, the findings and items where the unit ever had a part, each folded from its
 * stream (a provincial platform holds hundreds of plans: never every item of every plan).
 */
@QueryHandler(GetUnitWorkloadQuery)
export class GetUnitWorkloadHandler implements IQueryHandler<GetUnitWorkloadQuery> {
  constructor(
    private readonly ledger: RectificationLedger,
    private readonly dashboards: DashboardReadModel,
    private readonly workPlans: WorkPlanLedger,
    private readonly itemParts: WorkPlanPartsReadModel,
    private readonly units: UnitsReadModel,
    private readonly clock: Clock,
    @Inject(ConfigService) private readonly config: ConfigService<AppSettings, true>,
    private readonly travelled: TimeTravelCache,
  ) {}

  async execute({ unitId, reader, travel }: GetUnitWorkloadQuery): Promise<FullUnitWorkload> {
    requireUnitDetailsAccess(reader, unitId, say('workload', '工作任务'));
    const unit = this.units.get(unitId);
    if (!unit) throw notFound('Unit', unitId);
    const now = this.clock.now();
    const time = parseTimeCut(travel, now);
    const present = isPresent(time, now);
    const dueSoonDays = this.config.get('DUE_SOON_DAYS', { infer: true });
    // A past day names the unit as it was named then (机构改革), as known at the cut.
    const unitName = nameOn(unit, time.asOf, time.knownAt);
    const workloadOf = (findings: FindingView[]) => buildUnitWorkload({ findings, unitId, unitName, today: time.asOf, dueSoonDays });
    const itemWorkloadOf = (items: Iterable<WorkPlanItemView>, cut: TimeCut | null) =>
      buildUnitItemWorkload({ items, plan: (planId) => this.workPlans.plan(planId, cut), unitId, today: time.asOf, dueSoonDays });
    // Only the findings and items where the unit ever had a part can hold one, now or at any cut:
    // those are read (O(the unit's own parents)); at a cut each is folded from its stream and the
    // answer kept until an event changes it.
    const { findings, items } = present
      ? { findings: workloadOf(this.dashboards.findingsOf(unitId)), items: itemWorkloadOf(this.itemParts.itemIdsEverOf(unitId).map((id) => this.workPlans.item(id)!), null) }
      : await this.travelled.answer(`workload|${unitId}|${unitName}|${dueSoonDays}`, time, async () => {
          const latest = this.dashboards.latestRecordedAt;
          return {
            findings: workloadOf(await foldAtCut(this.dashboards.findingIdsEverOf(unitId), time, latest, (id, at) => this.ledger.findingAt(id, at))),
            items: itemWorkloadOf(await this.workPlans.itemsAt(time, latest, this.itemParts.itemIdsEverOf(unitId)), time),
          };
        });
    return {
      ...findings,
      workPlanParts: items.parts,
      reminders: [...findings.reminders, ...items.reminders].sort(mostUrgentFirst).map(asRow),
      answeredReturns: [...findings.answeredReturns, ...items.answeredReturns].sort(mostUrgentFirst).map(asRow),
      time,
    };
  }
}
