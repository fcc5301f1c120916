import { Args, Context, ID, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { AllowRoles, WORKFLOW_READERS } from '../../access/authorization/access-policy.js';
import type { GraphqlContext } from '../../access/authorization/graphql-context.js';
import { LiveUpdates, updateOrRefusal } from '../../access/authorization/live-updates.js';
import { QueryBus } from '@nestjs/cqrs';
import { type Observable, concatMap, filter, share } from 'rxjs';
import { ProjectionEngine } from '../../event-sourcing/projection-engine.js';
import { AS_OF_DESCRIPTION, KNOWN_AT_DESCRIPTION } from '../../shared/graphql/time-cut.type.js';
import { FindingType } from '../evaluations/evaluation.types.js';
import { GetFindingQuery } from '../evaluations/evaluations.queries.js';
import { findingStream } from '../domain/finding.events.js';
import { DashboardType, OpenPartsPageArgs, PartAlertConnectionType } from './dashboard.types.js';
import { GetDashboardQuery, type DashboardAnswer } from './dashboard.queries.js';
import { ListSizes } from '../../shared/graphql/list-sizes.js';
import { LIVE_SIZES } from '../../shared/graphql/query-cost.js';
import { DashboardReadModel } from './dashboard.read-model.js';

const isFindingEvent = (streamId: string) => streamId.startsWith('finding-') || streamId.startsWith('evaluation-');

@Resolver(() => DashboardType)
@AllowRoles(...WORKFLOW_READERS)
export class DashboardResolver {
  /** The dashboard is the same for every subscriber: built once per change, however many watch. */
  private readonly dashboards: Observable<DashboardAnswer>;

  constructor(
    private readonly queries: QueryBus,
    private readonly engine: ProjectionEngine,
    private readonly live: LiveUpdates,
    dashboards: DashboardReadModel,
    sizes: ListSizes,
  ) {
    // The whole open-part lists are priced at what they hold: now, or — at a past day — every part ever counted.
    sizes.register(LIVE_SIZES.openParts, {
      now: () => dashboards.openPartCount,
      past: () => dashboards.partCount,
    });
    this.dashboards = this.engine.events$.pipe(
      filter((event) => isFindingEvent(event.streamId)),
      concatMap(() => this.queries.execute(new GetDashboardQuery())),
      share(),
    );
  }

  @Query(() => DashboardType, {
    description:
      'Progress overall, per unit, per evaluation and per category, with traffic lights. With asOf (a business day): the world as it stood that day, late entries included; ' +
      'with knownAt (an instant): only what had been recorded by then; both: what was known then about that day.',
  })
  dashboard(
    @Args('asOf', { type: () => String, nullable: true, description: AS_OF_DESCRIPTION }) asOf?: string,
    @Args('knownAt', { type: () => String, nullable: true, description: KNOWN_AT_DESCRIPTION }) knownAt?: string,
  ) {
    return this.queries.execute(new GetDashboardQuery({ asOf, knownAt }));
  }

  @ResolveField(() => PartAlertConnectionType, {
    description:
      'A page of the open parts in the order asked (default URGENCY, the order of openParts: red, yellow, green; then due day, unit, finding; or by due day or days overdue, see OpenPartOrder), ' +
      'narrowed on the server to one light and/or status; totalCount counts every match (the 红黄绿灯 counts: first: 0 with light). At asOf / knownAt: the parts open that day.',
  })
  openPartsPage(@Parent() dashboard: DashboardAnswer, @Args() { light, status, order, first, after }: OpenPartsPageArgs) {
    return dashboard.pageOpenParts({ light, status }, { first, after }, order);
  }

  @Subscription(() => DashboardType, {
    description: 'The current dashboard, pushed after every change to an evaluation or finding',
    resolve: updateOrRefusal,
  })
  dashboardUpdated(@Context() context: GraphqlContext) {
    return this.live.forSubscriber(context, this.dashboards, { latestOnly: true });
  }

  @Subscription(() => FindingType, {
    description: 'The finding, pushed after every change to it',
    resolve: updateOrRefusal,
  })
  async findingUpdated(@Args('id', { type: () => ID }) id: string, @Context() context: GraphqlContext) {
    // An unknown id is refused (NOT_FOUND) rather than watched in silence forever.
    await this.queries.execute(new GetFindingQuery(id));
    const stream = findingStream(id);
    return this.live.forSubscriber(
      context,
      this.engine.events$.pipe(
        filter((event) => event.streamId === stream),
        concatMap(() => this.queries.execute(new GetFindingQuery(id))),
      ),
      { latestOnly: true },
    );
  }
}
