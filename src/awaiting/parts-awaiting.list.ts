import type { ParentKind } from '../assignments/domain/assignment.events.js';
import type { PartView } from '../assignments/read-model/part-view.js';
import type { DashboardReadModel } from '../rectification/dashboard/dashboard.read-model.js';
import type { FindingView, RectificationLedger } from '../rectification/ledger/rectification-ledger.js';
import type { Clock } from '../shared/clock.js';
import { mapConnection, paginate, type Connection, type ListOrder, type PageRequest } from '../shared/pagination/page.js';
import { isPresent, parseTimeCut, type TimeCut, type TimeTravel } from '../shared/time-cut.js';
import type { TimeTravelCache } from '../shared/time-travel-cache.js';
import { foldAtCut } from '../shared/time-travel-fold.js';
import type { WorkPlanItemView, WorkPlanLedger } from '../work-plan/breakdown/work-plan-ledger.js';
import { planLastYear } from '../work-plan/domain/work-plan.decider.js';
import { awaitingKey, parseAwaitingKey, type PartsAwaitingReadModel } from './parts-awaiting.read-model.js';

/** A part as a list of parts awaiting the office shows it: lit and counted on the day viewed (`evaluatedOn`, office day), named as known then. */
export type AwaitingPart = PartView & { readonly evaluatedOn: string; readonly evaluatedKnownAt: string | null };

/** What a card names a listed part's finding or work-plan item by. */
export interface AwaitingParentNaming {
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
}

/** Where a row is made from: the parent's view (now or at the cut), its naming, and the part shown. */
export interface AwaitingSource {
  readonly naming: AwaitingParentNaming;
  readonly view: FindingView | WorkPlanItemView;
  readonly part: AwaitingPart;
}

/** Keys in the read model's order (`awaitingKey`: due day, parent, unit); a cursor names the key a page ended on. */
const keyOrder = (list: string): ListOrder<string, string> => ({
  list,
  keyOf: (key) => key,
  compare: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  encode: (key) => key,
  decode: (text) => (parseAwaitingKey(text) ? text : undefined),
});

/**
 * Pages of a PartsAwaitingReadModel's list, one page a request: now, a page of its sorted keys, each made a row
 * from the ledgers' views (O(log n + page)); at a past day or as known at an instant, only the findings and items
 * the list ever noted are folded at the cut (never every finding and item) and their listed parts sorted alike,
 * kept by the time-travel cache (under `list`) for the next page. Shared by 待现场督查 and 待审批延期.
 */
export class PartsAwaitingLister {
  private readonly order: ListOrder<string, string>;

  constructor(
    private readonly list: string,
    private readonly awaiting: PartsAwaitingReadModel,
    private readonly findings: RectificationLedger,
    private readonly items: WorkPlanLedger,
    private readonly dashboards: DashboardReadModel,
    private readonly clock: Clock,
    private readonly travelled: TimeTravelCache,
  ) {
    this.order = keyOrder(list);
  }

  /**
   * One page of rows, now or at the time cut.
   * @throws DomainError BAD_USER_INPUT for a bad `first`, a bad time cut, or a cursor this list did not give out.
   */
  async page<Row>(page: PageRequest, travel: TimeTravel, rowOf: (source: AwaitingSource) => Row): Promise<Connection<Row>> {
    const now = this.clock.now();
    const time = parseTimeCut(travel, now);
    if (isPresent(time, now)) {
      return mapConnection(paginate(this.awaiting.keys, this.order, page), (key) => {
        const { seq, unitId } = parseAwaitingKey(key)!;
        const parent = this.awaiting.parent(seq)!;
        const view = parent.kind === 'FINDING' ? this.findings.finding(parent.id)! : this.items.item(parent.id)!;
        return rowOf(this.sourceOf(parent.kind, view, view.parts.get(unitId)!, time, null));
      });
    }
    const rows = await this.travelled.answer(this.list, time, () => this.rowsAt(time, rowOf));
    const byKey = new Map(rows.map((row) => [row.key, row.row]));
    return mapConnection(
      paginate(
        rows.map((row) => row.key),
        this.order,
        page,
      ),
      (key) => byKey.get(key)!,
    );
  }

  /** Every listed part at the cut, sorted by key: only the parents the list ever noted are folded. */
  private async rowsAt<Row>(time: TimeCut, rowOf: (source: AwaitingSource) => Row): Promise<{ key: string; row: Row }[]> {
    const latest = this.dashboards.latestRecordedAt;
    const ever = this.awaiting.everReported();
    const seqOf = new Map(ever.map(({ seq, parent }) => [`${parent.kind}:${parent.id}`, seq]));
    const idsOf = (kind: ParentKind) => ever.filter(({ parent }) => parent.kind === kind).map(({ parent }) => parent.id);
    const findings = await foldAtCut(idsOf('FINDING'), time, latest, (id, at) => this.findings.findingAt(id, at));
    const items = await this.items.itemsAt(time, latest, idsOf('WORK_PLAN_ITEM'));
    const rows: { key: string; row: Row }[] = [];
    const add = (kind: ParentKind, id: string, view: FindingView | WorkPlanItemView) => {
      if (view.status === 'WITHDRAWN') return;
      for (const part of view.parts.values()) {
        if (!this.awaiting.awaits(part)) continue;
        rows.push({ key: awaitingKey(part.dueDate, seqOf.get(`${kind}:${id}`)!, part.unitId), row: rowOf(this.sourceOf(kind, view, part, time, time)) });
      }
    };
    for (const finding of findings) add('FINDING', finding.findingId, finding);
    for (const item of items) add('WORK_PLAN_ITEM', item.itemId, item);
    return rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  private sourceOf(kind: ParentKind, view: FindingView | WorkPlanItemView, part: PartView, time: TimeCut, cut: TimeCut | null): AwaitingSource {
    const shown: AwaitingPart = { ...part, evaluatedOn: time.asOf, evaluatedKnownAt: time.knownAt };
    if (kind === 'FINDING') {
      const finding = view as FindingView;
      return { view, part: shown, naming: { kind, parentId: finding.findingId, title: finding.title, itemCode: null, planId: null, planTitle: null, planYear: null, planLastYear: null } };
    }
    const item = view as WorkPlanItemView;
    const plan = this.items.plan(item.planId, cut) ?? this.items.plan(item.planId);
    return {
      view,
      part: shown,
      naming: { kind, parentId: item.itemId, title: item.title, itemCode: item.code, planId: item.planId, planTitle: plan?.title ?? null, planYear: plan?.year ?? null, planLastYear: plan ? planLastYear(plan) : null },
    };
  }
}
