import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { inBusinessOrder, type PartView, type ReportView } from '../assignments/read-model/part-view.js';
import { PartsAwaitingLister, type AwaitingParentNaming, type AwaitingPart, type AwaitingSource } from '../awaiting/parts-awaiting.list.js';
import { DashboardReadModel } from '../rectification/dashboard/dashboard.read-model.js';
import { RectificationLedger } from '../rectification/ledger/rectification-ledger.js';
import { Clock } from '../shared/clock.js';
import type { Connection, PageRequest } from '../shared/pagination/page.js';
import type { TimeTravel } from '../shared/time-cut.js';
import { TimeTravelCache } from '../shared/time-travel-cache.js';
import { WorkPlanLedger } from '../work-plan/breakdown/work-plan-ledger.js';
import { AwaitingInspectionReadModel } from './awaiting-inspection.read-model.js';

export type { AwaitingPart } from '../awaiting/parts-awaiting.list.js';

/** One part reported and awaiting its on-site check, with what the card names it by. */
export interface AwaitingInspectionRow extends AwaitingParentNaming {
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

const otherUnverified = (parts: ReadonlyMap<string, PartView>, unitId: string): number => {
  let open = 0;
  for (const part of parts.values()) if (part.unitId !== unitId && part.status !== 'VERIFIED') open += 1;
  return open;
};

const inspectionRow = ({ naming, view, part }: AwaitingSource): AwaitingInspectionRow => ({
  ...naming,
  part,
  latestReport: inBusinessOrder(part.reports, (report) => report.reportedOn, (report) => report.reportedAt).at(-1) ?? null,
  otherPartsUnverified: otherUnverified(view.parts, part.unitId),
});

/**
 * 待现场督查, one page a request (breaker12i P5), now from the AwaitingInspectionReadModel's sorted keys, at a cut
 * by folding only the findings and items that ever had a report (PartsAwaitingLister).
 * @throws DomainError BAD_USER_INPUT for a bad `first`, a bad time cut, or a cursor this list did not give out.
 */
@QueryHandler(ListAwaitingInspectionQuery)
export class ListAwaitingInspectionHandler implements IQueryHandler<ListAwaitingInspectionQuery> {
  private readonly lister: PartsAwaitingLister;

  constructor(awaiting: AwaitingInspectionReadModel, findings: RectificationLedger, items: WorkPlanLedger, dashboards: DashboardReadModel, clock: Clock, travelled: TimeTravelCache) {
    this.lister = new PartsAwaitingLister('awaitingInspection', awaiting, findings, items, dashboards, clock, travelled);
  }

  execute({ page, travel }: ListAwaitingInspectionQuery): Promise<Connection<AwaitingInspectionRow>> {
    return this.lister.page(page, travel, inspectionRow);
  }
}
