import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { ParentKind } from '../assignments/domain/assignment.events.js';
import { inBusinessOrder, type PartView, type ReportView } from '../assignments/read-model/part-view.js';
import { DashboardReadModel } from '../rectification/dashboard/dashboard.read-model.js';
import { RectificationLedger } from '../rectification/ledger/rectification-ledger.js';
import { Clock } from '../shared/clock.js';
import { mapConnection, paginate, type Connection, type ListOrder, type PageRequest } from '../shared/pagination/page.js';
import { isPresent, parseTimeCut, type TimeCut, type TimeTravel } from '../shared/time-cut.js';
import { TimeTravelCache } from '../shared/time-travel-cache.js';
import { foldAtCut } from '../shared/time-travel-fold.js';
import { WorkPlanLedger, type WorkPlanItemView } from '../work-plan/breakdown/work-plan-ledger.js';
import { planLastYear } from '../work-plan/domain/work-plan.decider.js';
import type { FindingView } from '../rectification/ledger/rectification-ledger.js';
import { AwaitingInspectionReadModel, awaitingKey, parseAwaitingKey } from './awaiting-inspection.read-model.js';

/** A part as 待现场督查 shows it: lit and counted on the day viewed (`evaluatedOn`, office day), named as known then. */
export type AwaitingPart = PartView & { readonly evaluatedOn: string; readonly evaluatedKnownAt: string | null };

/** One part reported and awaiting its on-site check, with what the card names it by. */
export interface AwaitingInspectionRow {
  readonly kind: ParentKind;
  /** The finding's or the work-plan item's id. */
  readonly parentId: string;
  /** The finding's title, or the item's title (its number apart: `itemCode`). */
  readonly title: string;
  /** The item's number (1-3); null for a finding. */
  readonly itemCode: string | null;
  readonly planId: string | null;
  readonly planTitle: string | null;
  readonly planYear: number | null;
  /** The last year of the plan's period (2026—2028: 2028; a year's plan: its year); null for a finding. */
  readonly planLastYear: number | null;
  readonly part: AwaitingPart;
  /** The unit's latest report on the part (in business order: office day, then entry), the one the check is made against; null if none. */
  readonly latestReport: ReportView | null;
  /** The parent's other parts not verified yet (what a pass leaves open: 还有 N 个单位未核验). */
  readonly otherPartsUnverified: number;
}

export class ListAwaitingInspectionQuery extends Query<Connection<AwaitingInspectionRow>> {
  constructor(
    readonly page: PageRequest,
    readonly travel: TimeTravel = {},
  ) {
    super();
  }
}

/** Keys in the read model's order (`awaitingKey`: due day, parent, unit); a cursor names the key a page ended on. */
const AWAITING_ORDER: ListOrder<string, string> = {
  list: 'awaitingInspection',
  keyOf: (key) => key,
  compare: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  encode: (key) => key,
  decode: (text) => (parseAwaitingKey(text) ? text : undefined),
};

const otherUnverified = (parts: ReadonlyMap<string, PartView>, unitId: string): number => {
  let open = 0;
  for (const part of parts.values()) if (part.unitId !== unitId && part.status !== 'VERIFIED') open += 1;
  return open;
};

/**
 * 待现场督查, one page a request (breaker12i P5): now, a page of the AwaitingInspectionReadModel's
 * sorted keys, each made a row from the ledgers' views (O(log n + page)); at a past day or as known at
 * an instant, the findings and items that ever had a report are folded at the cut (never every finding
 * and item) and their reported parts sorted alike, kept by the time-travel cache for the next page.
 * @throws DomainError BAD_USER_INPUT for a bad `first`, a bad time cut, or a cursor this list did not give out.
 */
@QueryHandler(ListAwaitingInspectionQuery)
export class ListAwaitingInspectionHandler implements IQueryHandler<ListAwaitingInspectionQuery> {
  constructor(
    private readonly awaiting: AwaitingInspectionReadModel,
    private readonly findings: RectificationLedger,
    private readonly items: WorkPlanLedger,
    private readonly dashboards: DashboardReadModel,
    private readonly clock: Clock,
    private readonly travelled: TimeTravelCache,
  ) {}

  async execute({ page, travel }: ListAwaitingInspectionQuery): Promise<Connection<AwaitingInspectionRow>> {
    const now = this.clock.now();
    const time = parseTimeCut(travel, now);
    if (isPresent(time, now)) {
      return mapConnection(paginate(this.awaiting.keys, AWAITING_ORDER, page), (key) => {
        const { seq, unitId } = parseAwaitingKey(key)!;
        const parent = this.awaiting.parent(seq)!;
        const view = parent.kind === 'FINDING' ? this.findings.finding(parent.id)! : this.items.item(parent.id)!;
        return this.rowOf(parent.kind, view, view.parts.get(unitId)!, time, null);
      });
    }
    const rows = await this.travelled.answer('awaitingInspection', time, () => this.rowsAt(time));
    const byKey = new Map(rows.map((row) => [row.key, row.row]));
    return mapConnection(
      paginate(
        rows.map((row) => row.key),
        AWAITING_ORDER,
        page,
      ),
      (key) => byKey.get(key)!,
    );
  }

  /** Every part awaiting inspection at the cut, sorted by key: only the parents that ever had a report are folded. */
  private async rowsAt(time: TimeCut): Promise<{ key: string; row: AwaitingInspectionRow }[]> {
    const latest = this.dashboards.latestRecordedAt;
    const ever = this.awaiting.everReported();
    const seqOf = new Map(ever.map(({ seq, parent }) => [`${parent.kind}:${parent.id}`, seq]));
    const idsOf = (kind: ParentKind) => ever.filter(({ parent }) => parent.kind === kind).map(({ parent }) => parent.id);
    const findings = await foldAtCut(idsOf('FINDING'), time, latest, (id, at) => this.findings.findingAt(id, at));
    const items = await this.items.itemsAt(time, latest, idsOf('WORK_PLAN_ITEM'));
    const rows: { key: string; row: AwaitingInspectionRow }[] = [];
    const add = (kind: ParentKind, id: string, view: FindingView | WorkPlanItemView) => {
      if (view.status === 'WITHDRAWN') return;
      for (const part of view.parts.values()) {
        if (part.status !== 'REPORTED') continue;
        rows.push({ key: awaitingKey(part.dueDate, seqOf.get(`${kind}:${id}`)!, part.unitId), row: this.rowOf(kind, view, part, time, time) });
      }
    };
    for (const finding of findings) add('FINDING', finding.findingId, finding);
    for (const item of items) add('WORK_PLAN_ITEM', item.itemId, item);
    return rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  private rowOf(kind: ParentKind, view: FindingView | WorkPlanItemView, part: PartView, time: TimeCut, cut: TimeCut | null): AwaitingInspectionRow {
    const shown: AwaitingPart = { ...part, evaluatedOn: time.asOf, evaluatedKnownAt: time.knownAt };
    const otherPartsUnverified = otherUnverified(view.parts, part.unitId);
    const latestReport = inBusinessOrder(part.reports, (report) => report.reportedOn, (report) => report.reportedAt).at(-1) ?? null;
    if (kind === 'FINDING') {
      const finding = view as FindingView;
      return { kind, parentId: finding.findingId, title: finding.title, itemCode: null, planId: null, planTitle: null, planYear: null, planLastYear: null, part: shown, latestReport, otherPartsUnverified };
    }
    const item = view as WorkPlanItemView;
    const plan = this.items.plan(item.planId, cut) ?? this.items.plan(item.planId);
    return { kind, parentId: item.itemId, title: item.title, itemCode: item.code, planId: item.planId, planTitle: plan?.title ?? null, planYear: plan?.year ?? null, planLastYear: plan ? planLastYear(plan) : null, part: shown, latestReport, otherPartsUnverified };
  }
}
