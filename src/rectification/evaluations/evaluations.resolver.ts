import type { TimelineEntry } from '../../assignments/read-model/timeline.js';
import { inAssignedOrder, laterHolders, type PartView } from '../../assignments/read-model/part-view.js';
import { recordsAfterWithdrawal } from '../../assignments/read-model/records-after-withdrawal.js';
import { Args, Context, ID, Info, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { oncePerExecution } from '../../shared/graphql/once-a-request.js';
import { notFound } from '../../shared/domain-error.js';
import { PageArgs, pageAndFilter } from '../../shared/graphql/connection.js';
import { EvaluationConnectionType, FindingConnectionType, FindingListArgs, FindingsArgs } from '../finding-list/finding-list.args.js';
import type { GraphqlContext } from '../../access/authorization/graphql-context.js';
import { AllowRoles, WORKFLOW_READERS } from '../../access/authorization/access-policy.js';
import { QueryBus } from '@nestjs/cqrs';
import { AssignmentType, ONE_UNIT_PART } from '../../assignments/graphql/assignment.types.js';
import { EVERY_FACT, type TimeCut } from '../../shared/time-cut.js';
import { AS_OF_DESCRIPTION, KNOWN_AT_DESCRIPTION } from '../../shared/graphql/time-cut.type.js';
import { EvaluationType, FindingStatusEnum, FindingType, HistoryEntryType } from './evaluation.types.js';
import { findingStatus, type FindingStatus } from '../ledger/finding-status.js';
import { RectificationLedger, type EvaluationView, type FindingAtCut, type FindingInListAt, type FindingView } from '../ledger/rectification-ledger.js';
import { GetEvaluationQuery, GetFindingQuery, ListEvaluationsQuery, ListFindingsQuery } from './evaluations.queries.js';
import { EXPECTED_ITEMS, HISTORY_PRICE, LIVE_SIZES, STREAM_READ_COST, priced, type ListScan } from '../../shared/graphql/query-cost.js';
import { ListSizes } from '../../shared/graphql/list-sizes.js';
import { FindingListIndex } from '../finding-list/finding-list.index.js';

/** Filters the live list finds through an index (FindingListIndex.narrowest): one alone scans nothing, nor an evaluation with a status. */
const INDEXED_FILTERS = ['evaluationId', 'category', 'unitId', 'status'] as const;
/** Filters checked on every finding of the list (or of an index's part of it); asOf / knownAt scan the day's whole fold. */
const SCANNING_ARGUMENTS = ['light', 'dueFrom', 'dueTo', 'titleContains', 'asOf', 'knownAt'] as const;

/** The list is filtered finding by finding: a scanning filter, or indexed filters that no one index holds together. */
const scans = (args: Readonly<Record<string, unknown>>, indexedAlready: readonly string[] = []): boolean => {
  if (SCANNING_ARGUMENTS.some((name) => args[name] != null)) return true;
  const indexed = [...indexedAlready, ...INDEXED_FILTERS.filter((name) => args[name] != null && !indexedAlready.includes(name))];
  // One index, or an evaluation's findings in a status (their own list).
  return indexed.length > 1 && !(indexed.length === 2 && indexed.includes('evaluationId') && indexed.includes('status'));
};

/**
 * `findings` scans the list (priced per call by the findings on record: query-cost.ts FieldPrice.scan)
 * when a filter is checked finding by finding, two indexed filters meet, or it reads a past day:
 * 5,000 aliased `findings(first: 0, titleContains: …) { totalCount }` were priced 2 each and held the
 * event loop 20–65 s at 100k (the kind of breaker12c P3). A status alone, or an evaluation's findings
 * in a status, is an index of its own.
 */
export const FINDINGS_SCAN: ListScan = {
  sized: LIVE_SIZES.findings,
  items: EXPECTED_ITEMS.findings,
  when: (args) => scans(args),
};

/**
 * The same list reached from an evaluation (`Evaluation.findings`) scans that evaluation's findings
 * when filtered by anything but its status: priced by the largest evaluation's (breaker12d P2: 190
 * aliased `findings(first: 0, titleContains: …)` on each of 50 evaluations were priced 2 a call and
 * held everyone 14–47 s at 100k).
 */
export const EVALUATION_FINDINGS_SCAN: ListScan = {
  sized: LIVE_SIZES.evaluationFindings,
  items: EXPECTED_ITEMS.evaluationFindings,
  when: (args) => scans(args, ['evaluationId']),
};
import { closeOutsUndoneIn, HistoryEntryConnectionType, historyLines, historyPage, historyPageFromStream, listsJudgedLines, markedUndone } from './history-lines.js';

@Resolver(() => EvaluationType)
@AllowRoles(...WORKFLOW_READERS)
export class EvaluationsResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query(() => EvaluationConnectionType, { description: 'Evaluations in the order registered, a page at a time (first / after).' })
  evaluations(@Args() args: PageArgs) {
    return this.queries.execute(new ListEvaluationsQuery(pageAndFilter(args).page));
  }

  @Query(() => EvaluationType)
  evaluation(@Args('id', { type: () => ID }) id: string) {
    return this.queries.execute(new GetEvaluationQuery(id));
  }

  @ResolveField(() => FindingConnectionType, { description: 'The evaluation’s findings in the order recorded, filtered, a page at a time (first / after).' })
  @priced({ scan: EVALUATION_FINDINGS_SCAN })
  findings(@Parent() evaluation: EvaluationView, @Args() args: FindingListArgs) {
    const { page, filter } = pageAndFilter(args);
    return this.queries.execute(new ListFindingsQuery({ ...filter, evaluationId: evaluation.evaluationId }, page));
  }

  @ResolveField(() => Int)
  findingCount(@Parent() evaluation: EvaluationView) {
    return evaluation.findingIds.length;
  }
}

/** How many parts `assignments` answers at most for its arguments: one unit's, or `limit`; undefined: as many as the finding holds. */
const partsBound = (args: Readonly<Record<string, unknown>>): number | undefined => (args.unitId != null ? 1 : typeof args.limit === 'number' ? args.limit : undefined);

@Resolver(() => FindingType)
@AllowRoles(...WORKFLOW_READERS)
export class FindingsResolver {
  constructor(
    private readonly queries: QueryBus,
    private readonly ledger: RectificationLedger,
    list: FindingListIndex,
    sizes: ListSizes,
  ) {
    // A finding's parts: the most any finding has held; within finding(id), its own.
    sizes.register(LIVE_SIZES.findingParts, { now: () => ledger.largestFindingParts, past: () => ledger.largestFindingParts, of: (findingId) => ledger.partsOf(findingId) });
    // A past day's fold holds at most the findings on record now.
    sizes.register(LIVE_SIZES.findings, { now: () => list.findingCount, past: () => list.findingCount });
    // Evaluation.findings lists one evaluation's: at most the largest one's.
    sizes.register(LIVE_SIZES.evaluationFindings, { now: () => list.largestEvaluationCount, past: () => list.largestEvaluationCount });
  }

  @priced({ scan: FINDINGS_SCAN })
  @Query(() => FindingConnectionType, {
    description:
      'Findings in the order recorded, a page at a time (first / after); every filter given must hold (evaluation, category, status, unit, light today, due range, text in the title); asOf / knownAt: as they stood on that business day / as known at that instant.',
  })
  findings(@Args() args: FindingsArgs) {
    const { page, filter } = pageAndFilter(args);
    const { asOf, knownAt, ...rest } = filter;
    return this.queries.execute(new ListFindingsQuery(rest, page, asOf === undefined && knownAt === undefined ? undefined : { asOf, knownAt }));
  }

  @Query(() => FindingType, { description: 'One finding with its parts and history; asOf / knownAt: as it stood that day / as known then' })
  finding(
    @Args('id', { type: () => ID }) id: string,
    @Args('asOf', { type: () => String, nullable: true, description: AS_OF_DESCRIPTION }) asOf?: string,
    @Args('knownAt', { type: () => String, nullable: true, description: KNOWN_AT_DESCRIPTION }) knownAt?: string,
  ) {
    return this.queries.execute(new GetFindingQuery(id, { asOf, knownAt }));
  }

  // A row of 问题清单's page asks these of each of its findings: they take no parameter decorators (`@Parent`), so Nest hands
  // graphql-js the method itself — called with the finding first — instead of its per-call wrapper (promises, param pipes):
  // a page of 50 spent more in those wrappers than in the answer (perf47b; test/e2e/list-row-resolvers.e2e.spec.ts).
  @ResolveField(() => FindingStatusEnum, { description: '待交办 (UNASSIGNED) until a unit has a part, 整改中 (OPEN), 已销号 (CLOSED)' })
  status(finding: FindingView): FindingStatus {
    return findingStatus(finding);
  }

  @ResolveField(() => EvaluationType)
  evaluation(finding: FindingView): EvaluationView {
    const evaluation = this.ledger.evaluation(finding.evaluationId);
    if (!evaluation) throw notFound('Evaluation', finding.evaluationId);
    return evaluation;
  }

  /**
   * Priced by the most parts a finding has held (breaker12f P6: 问题清单's page of 50 findings of 50
   * units each was priced as 5 parts a finding and held the server 10 s in 12 aliases); within
   * `finding(id)`, by that finding's own; by `limit` when given. Lists of findings ask for
   * `assignmentCount` and a few parts; the finding page reads a large finding's parts 40 a request.
   */
  @ResolveField(() => [AssignmentType], {
    description:
      'Each assigned unit’s part, in the order assigned; a withdrawn finding’s parts as they stood on its withdrawal (a record, counted nowhere), each with recordsAfterWithdrawal. A finding of many units: lists ask for assignmentCount and assignments(limit:), a page of parts offset / limit',
  })
  @priced({ items: EXPECTED_ITEMS.findingParts, sized: LIVE_SIZES.findingParts, count: partsBound, ofParent: { root: 'finding', arg: 'id' } })
  async assignments(
    @Parent() finding: FindingView & { time?: TimeCut },
    @Args('unitId', { type: () => ID, nullable: true, description: ONE_UNIT_PART }) unitId?: string,
    @Args('offset', { type: () => Int, nullable: true, description: 'Parts to skip, in the order assigned (with limit: a page of a finding of many units)' }) offset?: number,
    @Args('limit', { type: () => Int, nullable: true, description: 'At most this many parts (absent: all of them); priced by it' }) limit?: number,
  ) {
    const withdrawn = finding.status === 'WITHDRAWN' ? await this.ledger.partsAsWithdrawn(finding, finding.time) : null;
    const held = withdrawn ?? finding.parts;
    // Beside each part as it stood, the unit's records dated on or after the withdrawal, as entered (breaker11j P3).
    const later = (part: PartView): { recordsAfterWithdrawal?: string[]; parentWithdrawnOn?: string } =>
      withdrawn && finding.withdrawnOn ? { recordsAfterWithdrawal: recordsAfterWithdrawal(finding.partsWhenWithdrawn?.get(part.unitId) ?? part, finding.withdrawnOn), parentWithdrawnOn: finding.withdrawnOn } : {};
    // Beside each part, the unit's records set aside for good by an undoing of the withdrawal, when any (breaker11q P5).
    const setAside = await this.ledger.recordsSetAsideLines(finding, finding.time);
    const aside = (part: PartView): { recordsSetAside?: string[] } => (setAside ? { recordsSetAside: setAside.get(part.unitId) ?? [] } : {});
    const chosen = inAssignedOrder(held.values()).filter((part) => !unitId || part.unitId === unitId);
    const from = Math.max(offset ?? 0, 0);
    const parts = (limit == null ? chosen.slice(from) : chosen.slice(from, from + Math.max(limit, 0))).map((part) => ({ ...part, ...later(part), ...aside(part) }));
    // A finding viewed on a day (asOf) counts its parts' days left and lights on that day, and names their units as known then;
    // each part says who holds it since (机构改革), so a unit that took it over reads its past reports too.
    if (!finding.time) return parts;
    const now = [...(this.ledger.finding(finding.findingId)?.parts.values() ?? [])];
    return parts.map((part) => ({ ...part, evaluatedOn: finding.time!.asOf, evaluatedKnownAt: finding.time!.knownAt, heldLater: laterHolders(part, now) }));
  }

  @ResolveField(() => Int, { description: 'How many parts the finding has (as they stood on its withdrawal, when withdrawn): a list shows a few and 等 N 个单位' })
  assignmentCount(finding: FindingView): number {
    return (finding.status === 'WITHDRAWN' ? (finding.partsWhenWithdrawn ?? finding.parts) : finding.parts).size;
  }

  @ResolveField(() => [HistoryEntryType], { description: 'Every event of the finding, in order (a unit user: without other units’ parts); historyPage gives it a page at a time' })
  @priced(HISTORY_PRICE)
  async history(@Parent() finding: FindingView | FindingAtCut, @Context() context: GraphqlContext, @Info() info: GraphQLResolveInfo): Promise<HistoryEntryType[]> {
    return this.historyLines(finding, context, info);
  }

  @ResolveField(() => HistoryEntryConnectionType, {
    description: 'The finding’s history a page at a time, in order (first / after, totalCount; a unit user: without other units’ parts); as of a past day or as known then when the parent is',
  })
  @priced({ read: STREAM_READ_COST })
  async historyPage(@Parent() finding: FindingView | FindingAtCut, @Args() args: PageArgs, @Context() context: GraphqlContext, @Info() info: GraphQLResolveInfo) {
    const { page } = pageAndFilter(args);
    if ('history' in finding || 'foldedAt' in finding) return historyPage(await this.historyLines(finding, context, info), finding.findingId, page);
    // Now: only the page is read from the finding's stream (breaker12g P6).
    const { findingId } = finding;
    const slice = (fromRevision: number, maxCount: number) => this.ledger.timelineSlice(findingId, fromRevision, maxCount);
    const parts = () => this.ledger.finding(findingId)?.parts.values() ?? [];
    const mayHoldRetractions = this.ledger.finding(findingId)?.holdsRetractions === true;
    return historyPageFromStream({ parentId: findingId, slice, length: this.ledger.historyLineCount(findingId), parts, closeOutsUndone: () => this.closeOutsUndone(findingId, info), mayHoldRetractions }, context.actor, page);
  }

  private async historyLines(finding: FindingView | FindingAtCut | FindingInListAt, context: GraphqlContext, info: GraphQLResolveInfo): Promise<HistoryEntryType[]> {
    // One finding at a cut: its fold made it; one of a list at a cut: folded again at that cut; now: its stream, read from the log —
    // each once per operation, however often it is asked (breaker12f P5).
    const events =
      'history' in finding
        ? finding.history
        : 'foldedAt' in finding
          ? ((await oncePerExecution(info, `finding-at:${finding.findingId}:${JSON.stringify(finding.foldedAt)}`, () => this.ledger.findingAt(finding.findingId, finding.foldedAt)))?.history ?? [])
          : await oncePerExecution(info, `finding-timeline:${finding.findingId}`, () => this.ledger.timeline(finding.findingId));
    // Now: the stream as recorded, its close-outs that no longer stand marked (newcomer46 M1; a fold at a cut marks its own).
    const marked = 'history' in finding || 'foldedAt' in finding || !listsJudgedLines(events) ? events : markedUndone(events, await this.closeOutsUndone(finding.findingId, info));
    return historyLines(marked, context.actor, this.ledger.finding(finding.findingId)?.parts.values() ?? []);
  }

  /** The finding's close-outs as its history now lists them (`closeOutsUndoneIn`), folded once per operation. */
  private closeOutsUndone(findingId: string, info: GraphQLResolveInfo): Promise<Map<number, TimelineEntry>> {
    return oncePerExecution(info, `finding-close-outs-undone:${findingId}`, async () => closeOutsUndoneIn((await this.ledger.findingAt(findingId, EVERY_FACT))?.history ?? []));
  }

}
