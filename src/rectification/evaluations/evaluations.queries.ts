import { Inject } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { AppSettings } from '../../config/app-settings.js';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import { addDays, officeDate } from '../../shared/calendar-date.js';
import { checkDayRange } from '../../shared/day-range.js';
import { Clock } from '../../shared/clock.js';
import { notFound, notYetRecorded } from '../../shared/domain-error.js';
import type { Connection, PageRequest } from '../../shared/pagination/page.js';
import { isPresent, parseTimeCut, type TimeCut, type TimeTravel } from '../../shared/time-cut.js';
import { FindingListIndex, findingPageAt, type FindingFilter } from '../finding-list/finding-list.index.js';
import { TimeTravelCache } from '../../shared/time-travel-cache.js';
import { DashboardReadModel } from '../dashboard/dashboard.read-model.js';
import { findingsAtCut } from '../dashboard/dashboard.queries.js';
import { RectificationLedger, type EvaluationView, type FindingView } from '../ledger/rectification-ledger.js';

/** A page of evaluations, in the order registered. */
export class ListEvaluationsQuery extends Query<Connection<EvaluationView>> {
  constructor(readonly page: PageRequest) {
    super();
  }
}

export class GetEvaluationQuery extends Query<EvaluationView> {
  constructor(readonly evaluationId: string) {
    super();
  }
}

/**
 * A page of findings in the order recorded, filtered on the server (see `FindingFilter`); with
 * `travel.asOf` (a business day), as they stood that day; with `travel.knownAt` (an instant), as
 * they had been recorded by then.
 */
export class ListFindingsQuery extends Query<Connection<FindingView>> {
  constructor(
    readonly filter: FindingFilter,
    readonly page: PageRequest,
    readonly travel?: TimeTravel,
  ) {
    super();
  }
}

export class GetFindingQuery extends Query<FindingView & { time?: TimeCut }> {
  constructor(
    readonly findingId: string,
    /** Absent: the finding as it stands now, without saying so. */
    readonly travel?: TimeTravel,
  ) {
    super();
  }
}

@QueryHandler(ListEvaluationsQuery)
export class ListEvaluationsHandler implements IQueryHandler<ListEvaluationsQuery> {
  constructor(private readonly lists: FindingListIndex) {}

  execute({ page }: ListEvaluationsQuery) {
    return Promise.resolve(this.lists.evaluationPage(page));
  }
}

@QueryHandler(GetEvaluationQuery)
export class GetEvaluationHandler implements IQueryHandler<GetEvaluationQuery> {
  constructor(private readonly readModel: RectificationLedger) {}

  execute({ evaluationId }: GetEvaluationQuery) {
    const evaluation = this.readModel.evaluation(evaluationId);
    if (!evaluation) throw notFound('Evaluation', evaluationId);
    return Promise.resolve(evaluation);
  }
}

@QueryHandler(ListFindingsQuery)
export class ListFindingsHandler implements IQueryHandler<ListFindingsQuery> {
  constructor(
    private readonly readModel: RectificationLedger,
    private readonly lists: FindingListIndex,
    private readonly units: UnitsReadModel,
    private readonly clock: Clock,
    @Inject(ConfigService) private readonly config: ConfigService<AppSettings, true>,
    private readonly dashboards: DashboardReadModel,
    private readonly travelled: TimeTravelCache,
  ) {}

  /**
   * Now: from the live list index. On a past day: every finding folded at that day's cut (kept
   * by the time-travel cache like the dashboard's, so paging and the status counts share one
   * fold), then filtered, lights and due days on that day; each node carries the cut (`time`), so
   * its parts name their units and light as of that day.
   * @throws DomainError NOT_FOUND for an unknown evaluation or unit; BAD_USER_INPUT for a due range
   * that is not two days in order, a bad `asOf` or `knownAt`, a bad `first` or a cursor of another list.
   */
  async execute({ filter, page, travel }: ListFindingsQuery) {
    if (filter.evaluationId !== undefined && !this.readModel.evaluation(filter.evaluationId)) throw notFound('Evaluation', filter.evaluationId);
    if (filter.unitId !== undefined && !this.units.get(filter.unitId)) throw notFound('Unit', filter.unitId);
    checkDayRange(['dueFrom', 'dueTo'], filter.dueFrom, filter.dueTo);
    const now = this.clock.now();
    const time = travel === undefined ? undefined : parseTimeCut(travel, now);
    const today = time?.asOf ?? officeDate(now);
    const days = { today, dueSoonUntil: addDays(today, this.config.get('DUE_SOON_DAYS', { infer: true })) };
    if (!time || isPresent(time, now)) return this.lists.findingPage(filter, days, page);
    const findings = await findingsAtCut(this.readModel, this.dashboards, time, this.travelled);
    const found = findingPageAt(findings, filter, days, page);
    // Each finding is read as of the day viewed, as its own page is: its parts' units named as then, lit on that day (breaker11f P2).
    const atCut = <Finding extends object>(finding: Finding) => ({ ...finding, time });
    return { ...found, edges: found.edges.map((edge) => ({ ...edge, node: atCut(edge.node) })), nodes: found.nodes.map(atCut) };
  }
}

/** A finding now, or folded from its dated timeline as of a business day and/or as known at an instant. */
@QueryHandler(GetFindingQuery)
export class GetFindingHandler implements IQueryHandler<GetFindingQuery> {
  constructor(
    private readonly readModel: RectificationLedger,
    private readonly clock: Clock,
  ) {}

  async execute({ findingId, travel }: GetFindingQuery) {
    const now = this.clock.now();
    const time = travel && parseTimeCut(travel, now);
    const finding = time && !isPresent(time, now) ? await this.readModel.findingAt(findingId, time) : this.readModel.finding(findingId);
    if (!finding) throw time && this.readModel.finding(findingId) ? notYetRecorded('Finding', findingId, time) : notFound('Finding', findingId);
    return time ? { ...finding, time } : finding;
  }
}
