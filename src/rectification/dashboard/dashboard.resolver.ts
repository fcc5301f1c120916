import { Args, Context, ID, Query, Resolver, Subscription } from '@nestjs/graphql';
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
import { DashboardType } from './dashboard.types.js';
import { GetDashboardQuery } from './dashboard.queries.js';

const isFindingEvent = (streamId: string) => streamId.startsWith('finding-') || streamId.startsWith('evaluation-');

@Resolver(() => DashboardType)
@AllowRoles(...WORKFLOW_READERS)
export class DashboardResolver {
  /** The dashboard is the same for every subscriber: built once per change, however many watch. */
  private readonly dashboards: Observable<DashboardType>;

  constructor(
    private readonly queries: QueryBus,
    private readonly engine: ProjectionEngine,
    private readonly live: LiveUpdates,
  ) {
    this.dashboards = this.engine.events$.pipe(
      filter((event) => isFindingEvent(event.streamId)),
      concatMap(() => this.queries.execute(new GetDashboardQuery()) as Promise<DashboardType>),
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

  @Subscription(() => DashboardType, {
    description: 'The current dashboard, pushed after every change to an evaluation or finding',
    resolve: updateOrRefusal,
  })
  dashboardUpdated(@Context() context: GraphqlContext) {
    return this.live.forSubscriber(context, this.dashboards);
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
    );
  }
}
