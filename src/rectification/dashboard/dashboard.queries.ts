import { Inject, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { AppSettings } from '../../config/app-settings.js';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import { isPresent, parseTimeCut, type TimeCut, type TimeTravel } from '../../shared/time-cut.js';
import { Clock } from '../../shared/clock.js';
import { ProjectionEngine } from '../../event-sourcing/projection-engine.js';
import { TimeTravelCache } from '../../shared/time-travel-cache.js';
import { RectificationLedger, type FindingInListAt } from '../ledger/rectification-ledger.js';
import { pageSize, type Connection, type PageRequest } from '../../shared/pagination/page.js';
import { buildDashboard, pageAlerts, type Dashboard, type PartAlert } from './dashboard.js';
import { DashboardReadModel, type DashboardSummary, type OpenPartFilter, type OpenPartKey } from './dashboard.read-model.js';
import type { FiguresOnDay } from './dashboard-by-day.js';
import type { OpenPartOrder } from './open-part-index.js';

/**
 * The dashboard as answered: its figures, its two whole lists (built only when read), and a page
 * of its open parts narrowed on the server (`openPartsPage` in GraphQL).
 */
export type DashboardAnswer = Dashboard & {
  readonly time: TimeCut;
  /**
   * In `order` (default urgency); on a past day, a promise when the page itself must be folded (its
   * `totalCount` without a status filter is known at once). @throws DomainError BAD_USER_INPUT for a
   * bad `first` or a cursor of another list or order.
   */
  pageOpenParts(filter: OpenPartFilter, request: PageRequest, order?: OpenPartOrder): Connection<PartAlert> | Promise<Connection<PartAlert>>;
};

export class GetDashboardQuery extends Query<DashboardAnswer> {
  constructor(readonly travel: TimeTravel = {}) {
    super();
  }
}

/**
 * The dashboard now is read from the incremental `DashboardReadModel` (its two lists only when a
 * query asks for them); on a business day (`asOf`) its figures and pages come from the read model's
 * per-day segments, and as known at an instant (`knownAt`) from those segments with the findings
 * recorded since folded at the cut; the two whole lists of open parts of a cut are folded from every
 * finding's dated timeline inside the cut, only when selected — never by replaying the log.
 */
@QueryHandler(GetDashboardQuery)
export class GetDashboardHandler implements IQueryHandler<GetDashboardQuery> {
  private readonly logger = new Logger('Dashboard');

  constructor(
    private readonly ledger: RectificationLedger,
    private readonly dashboards: DashboardReadModel,
    private readonly units: UnitsReadModel,
    private readonly clock: Clock,
    @Inject(ConfigService) private readonly config: ConfigService<AppSettings, true>,
    private readonly travelled: TimeTravelCache,
    private readonly engine: ProjectionEngine,
  ) {
    engine.events$.subscribe((event) => this.keptOnPastDays.invalidate(event));
  }

  /**
   * A past business day's figures and pages of open parts, kept until an event that can change them is projected
   * (`changesAnswerAt`, as every time-travel answer): asked again, `dashboard(asOf)` sums no per-day deltas and folds no
   * page's findings again (issue 12 row 4, perf12c: 60–90 ms of CPU a call at 100k events, the page's 50 findings read from
   * the log each time). A cache of their own: small answers, which must not push a day's fold out of `travelled`.
   */
  private readonly keptOnPastDays = new TimeTravelCache();

  async execute({ travel }: GetDashboardQuery): Promise<DashboardAnswer> {
    const now = this.clock.now();
    const time = parseTimeCut(travel, now);
    const dueSoonDays = this.config.get('DUE_SOON_DAYS', { infer: true });
    if (isPresent(time, now)) {
      const asOf = time.asOf;
      return withLazyLists(
        { ...this.dashboards.summary(asOf, dueSoonDays), time, pageOpenParts: (filter: OpenPartFilter, request: PageRequest, order?: OpenPartOrder) => this.dashboards.openPartsConnection(asOf, dueSoonDays, filter, request, order) },
        this.dashboards,
        dueSoonDays,
      );
    }
    const folded = () =>
      this.travelled.answer(`dashboard|${dueSoonDays}`, time, async () =>
        buildDashboard({
          findings: await findingsAtCut(this.ledger, this.dashboards, time, this.travelled),
          evaluations: this.ledger.listEvaluations(),
          // A past day shows units under the names they had then.
          unitName: this.units.namesAt(time),
          today: time.asOf,
          dueSoonDays,
        }),
      );
    return this.onPastDay(time, dueSoonDays, folded);
  }

  /**
   * As known at `time.knownAt` (an instant; `time.asOf` its business day or the one asked): the figures and the open
   * parts in the dashboard's order, from the per-day segments with only the findings recorded since folded at the cut
   * (`DashboardReadModel.atRecordTime`, issue 12 row 4, perf12d: `dashboard(knownAt)` folded every finding). Kept with
   * the past day's answers (no event recorded later changes them); the by-day copy itself is not kept.
   * @throws what `foldAtCut` throws (TOO_MANY_REQUESTS, an abandoned request).
   */
  private recordTime(time: TimeCut, dueSoonDays: number): Promise<{ figures: FiguresOnDay; openParts: readonly OpenPartKey[] }> {
    return this.keptOnPastDays.answer(`recordTime|${dueSoonDays}`, time, async () => {
      const atRecordTime = await this.dashboards.atRecordTime(time, dueSoonDays, this.engine);
      const unitName = this.units.namesAt(time);
      return {
        figures: this.dashboards.figuresOn(time.asOf, dueSoonDays, unitName, atRecordTime),
        openParts: this.dashboards.openPartsOn(time.asOf, dueSoonDays, unitName, atRecordTime),
      };
    });
  }

  /**
   * A business day with everything entered (breaker12h P8): the figures and the lights' counts are
   * prefix sums of the per-day deltas the read model keeps (only findings with facts entered out of
   * business order since the last such answer are read again); a page of the open parts (and a count
   * narrowed to a status) from the same segments, folding only the page's findings (`pastDayPage`).
   * As known at an instant (`knownAt`), the same from the segments with the findings recorded since
   * folded at the cut (`recordTime`);
   * the two whole lists of open parts are folded from every finding at that day, only when a query
   * selects them (GraphQL awaits the promises those fields hold).
   */
  private async onPastDay(time: TimeCut, dueSoonDays: number, folded: () => Promise<Dashboard>): Promise<DashboardAnswer> {
    const { lights, ...figures } = await this.keptOnPastDays.answer(`figures|${dueSoonDays}`, time, async () => {
      if (time.knownAt !== null) return (await this.recordTime(time, dueSoonDays)).figures;
      await this.dashboards.refoldPastDays(this.engine);
      return this.dashboards.figuresOn(time.asOf, dueSoonDays, this.units.namesAt(time));
    });
    const answer = {
      asOf: time.asOf,
      dueSoonDays,
      ...figures,
      time,
      pageOpenParts: (filter: OpenPartFilter, request: PageRequest, order?: OpenPartOrder): Connection<PartAlert> | Promise<Connection<PartAlert>> => {
        if (filter.status || request.after) return this.pastDayPage(time, dueSoonDays, filter, request, order, folded);
        pageSize(request.first);
        let read: Promise<Connection<PartAlert>> | undefined;
        const once = () => (read ??= this.pastDayPage(time, dueSoonDays, filter, request, order, folded));
        // The count now; the page (edges, nodes, pageInfo) only when read.
        return {
          totalCount: filter.light ? lights[filter.light] : lights.all,
          get edges() {
            return once().then((connection) => connection.edges);
          },
          get nodes() {
            return once().then((connection) => connection.nodes);
          },
          get pageInfo() {
            return once().then((connection) => connection.pageInfo);
          },
        } as unknown as Connection<PartAlert>;
      },
    };
    return Object.defineProperties(answer, {
      openParts: { enumerable: true, get: () => folded().then((dashboard) => dashboard.openParts) },
      overdue: { enumerable: true, get: () => folded().then((dashboard) => dashboard.overdue) },
    }) as unknown as DashboardAnswer;
  }

  /**
   * A page of the open parts on a past business day (everything entered) without folding every finding (issue 12, row
   * 4): the day's open parts, their lights and their order come from the segments of the per-day deltas
   * (`DashboardReadModel.openPartsOn`), which give the page, its cursors (`openPartsAt`, by finding and unit, as
   * `pageAlerts` over the folded list gives them) and its counts; only the findings on the page are folded at the day,
   * for the nodes' other fields (`DashboardReadModel.pastDayPage`). Should a folded part not be what the segments said
   * (a bug: dashboard-by-day.spec holds them equal), the page is the fold's, as before.
   * @throws DomainError BAD_USER_INPUT for a bad `first` or cursor.
   */
  private pastDayPage(
    time: TimeCut,
    dueSoonDays: number,
    filter: OpenPartFilter,
    request: PageRequest,
    order: OpenPartOrder | undefined,
    folded: () => Promise<Dashboard>,
  ): Promise<Connection<PartAlert>> {
    const key = `page|${dueSoonDays}|${JSON.stringify([filter.light ?? null, filter.status ?? null, request.first ?? null, request.after ?? null, order ?? null])}`;
    return this.keptOnPastDays.answer(key, time, () => this.pastDayPageOf(time, dueSoonDays, filter, request, order, folded));
  }

  private async pastDayPageOf(
    time: TimeCut,
    dueSoonDays: number,
    filter: OpenPartFilter,
    request: PageRequest,
    order: OpenPartOrder | undefined,
    folded: () => Promise<Dashboard>,
  ): Promise<Connection<PartAlert>> {
    const openParts = time.knownAt !== null ? (await this.recordTime(time, dueSoonDays)).openParts : undefined;
    // Facts entered out of business order since the figures were read: refolded first (at a record-time cut, by `recordTime`).
    while (openParts === undefined && this.dashboards.findingsToRefold > 0) await this.dashboards.refoldPastDays(this.engine);
    const page = await this.dashboards.pastDayPage(time, dueSoonDays, this.units.namesAt(time), filter, request, order, openParts);
    if (page) return page;
    this.logger.warn(`dashboard(asOf: ${time.asOf}${time.knownAt === null ? '' : `, knownAt: ${time.knownAt}`}): a part folded is not what the per-day segments hold; the page is folded from every finding`);
    return folded().then((dashboard) => pageAlerts(dashboard.openParts, filter, request, order));
  }
}

/**
 * Every finding folded at the cut, a slice at a time (see `foldAtCut`): other requests go on
 * meanwhile. One fold per cut for the dashboard, 问题清单 and the scorecard alike: kept by the
 * time-travel cache under `findings` (each of them folded it again before, about 20 s each at 100k).
 */
export const findingsAtCut = (ledger: RectificationLedger, dashboards: DashboardReadModel, cut: TimeCut, travelled: TimeTravelCache): Promise<FindingInListAt[]> =>
  travelled.answer('findings', cut, () => ledger.listFindingsAt({}, cut, dashboards.latestRecordedAt));

/**
 * The dashboard's open-part lists, built from the read model's order only when read (a GraphQL
 * query that does not select them costs nothing for them), then kept.
 */
function withLazyLists<Summary extends DashboardSummary>(
  summary: Summary,
  dashboards: DashboardReadModel,
  dueSoonDays: number,
): Summary & Pick<Dashboard, 'openParts' | 'overdue'> {
  let openParts: Dashboard['openParts'] | undefined;
  let overdue: Dashboard['overdue'] | undefined;
  return Object.defineProperties(summary, {
    openParts: { enumerable: true, get: () => (openParts ??= dashboards.openPartPage(summary.asOf, dueSoonDays).alerts) },
    overdue: { enumerable: true, get: () => (overdue ??= dashboards.openPartPage(summary.asOf, dueSoonDays, { light: 'RED' }).alerts) },
  }) as Summary & Pick<Dashboard, 'openParts' | 'overdue'>;
}
