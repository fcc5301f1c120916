import type { ApolloServerPlugin } from '@apollo/server';
import { Extensions } from '@nestjs/graphql';
import { GraphQLError, Kind, getNamedType, getNullableType, isListType, isObjectType, print, visit, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLNamedType, type GraphQLSchema, type SelectionNode } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE } from '../pagination/page.js';
import { rootCallKey } from './once-a-request.js';

/*
 * What a query may cost, estimated before anything runs from the document and its variables
 * (graphql-query-complexity walks the document: aliases, fragments, @skip / @include, abstract
 * types, a limit on the nodes it evaluates). The unit is one field resolved for one item: a list
 * counts its selection once per item it may return, so the price follows the rows an answer can
 * hold — `findings(first: 200) { nodes { … } }` is 200 times its node, not a guess of 5.
 */

/** A list field that names no size of its own (`@priced({ items })`) is priced at this many items: a finding's parts, a report's evidence. */
export const LIST_COST_FACTOR = 5;

/**
 * What a field given `asOf` or `knownAt` adds: time travel folds every parent's dated timeline
 * inside the cut (no log replay, but work in proportion to all the parts shown), so its price is
 * counted up front. Priced once per fold (`foldKey`): aliases of one field at one cut read one fold.
 */
export const REPLAY_COST = 4000;

/**
 * What schema introspection costs, flat, whatever it selects inside: `__schema` answers the whole
 * schema (about 300 KB for GraphiQL's introspection query), so a full introspection fits in a
 * request's default budget and a thousand aliased copies (46 MB, 22 s of the event loop) do not;
 * `__type` answers one type.
 */
export const INTROSPECTION_COST: Readonly<Record<string, number>> = { __schema: 15_000, __type: 500 };

/**
 * Fields evaluated at most per document (graphql-query-complexity's `maxQueryNodes`): fragments are
 * measured at each spread, so a document of a few hundred tokens spreading fragments into each other
 * stops here, refused as too costly, instead of being walked 2^30 times.
 */
export const MAX_QUERY_NODES = 10_000;

/**
 * What a root query or mutation field costs before it builds anything: Nest's guards, pipes
 * (class-validator) and interceptors run for it, about 1 ms of the event loop (400 aliases of
 * `{ me { role } }` took 0.43–0.52 s at load 3, 2 s at load 14), as 100 fields from memory — where it
 * was priced as 1 (breaker12f P13: 480 aliases of `ledgerHead` accepted, 2 s a request). A query's
 * aliases that ask one root field with the same arguments are answered once (once-a-request.ts) and
 * counted once, their selections each time.
 */
export const ROOT_FIELD_COST = 100;

/** The field extension that prices a field of its own (`@priced({ … })`). */
export const FIELD_PRICE = 'price';

/** What a field costs beyond 1 per item: how many items its list may return, and what reading it takes. */
export interface FieldPrice {
  /**
   * A list field's selection is counted this many times: a list that grows with the data names how
   * large it may be on a provincial platform (EXPECTED_ITEMS); a connection's `edges` / `nodes` say
   * 1, since their parent's `first` counts them.
   */
  readonly items?: number;
  /** Added once per call: a read of the log rather than of memory (STREAM_READ_COST). */
  readonly read?: number;
  /**
   * The list's live size by this name (ListSizes), counted in place of `items` when a feature
   * registered it: what the list holds on this platform now — or, in a document that travels in
   * time, the most it may have held on a past day. `items` stays the price where nothing counts.
   */
  readonly sized?: string;
  /**
   * The field checks a filter on every item of a list instead of finding the matches in an index,
   * when `when` says so for its arguments (values, variables applied): each call then costs the
   * list's live size (`sized`, else `items`) / SCAN_ITEMS_PER_UNIT more, however little it selects
   * (`findings(first: 0, titleContains: …) { totalCount }` in a thousand aliases is a thousand scans).
   */
  readonly scan?: ListScan;
  /**
   * The most items the list holds given these arguments (values, variables applied), when they bound
   * it (`parts(unitId: …)`: one; `parts(limit: 40)`: 40); undefined when they do not. Its selection is
   * then counted that many times at most.
   */
  readonly count?: (args: Readonly<Record<string, unknown>>) => number | undefined;
  /**
   * Under the root field `root` given `arg` (`workPlanItem(id: …) { parts }`), the list is one
   * parent's: priced at that parent's own size (ListSize.of), not the largest parent's (`sized`).
   * Elsewhere (a list of parents, a fragment) `sized` holds.
   */
  readonly ofParent?: { readonly root: string; readonly arg: string };
  /**
   * Work the field does once per call whatever is selected beneath it (unless `buildsWhen` says which selections build: building a plan's whole
   * breakdown to roll it up, checking the signatures handed back), in cost units, from its arguments
   * (values, variables applied) and the live sizes (`size(name, parentId)`: ListSizes.of, undefined
   * where nothing counts). On a root query field, counted once per distinct call like ROOT_FIELD_COST.
   */
  readonly build?: (args: Readonly<Record<string, unknown>>, size: (name: string, parentId?: string) => number | undefined) => number;
  /**
   * Whether this call does its `build`, from the names of the fields its selection asks at its first
   * level (through inline fragments and fragment spreads, whatever @skip / @include say) and its
   * arguments (values, variables applied): `workPlans { id title }` builds no breakdown,
   * `workPlans { progress { … } }` builds each plan's (breaker12h P4: the list of titles was priced as
   * every plan's breakdown and refused for everyone at 200,000 parts). Without it, always.
   */
  readonly buildsWhen?: (selected: ReadonlySet<string>, args: Readonly<Record<string, unknown>>) => boolean;
}

/** A scan a field makes over a list that grows with the data (FieldPrice.scan). */
export interface ListScan {
  readonly sized: string;
  /** The list's size where nothing counts it. */
  readonly items: number;
  readonly when: (args: Readonly<Record<string, unknown>>) => boolean;
}

/**
 * Items a scanning filter checks per cost unit (FieldPrice.scan): a filter costs ~1 µs an item on
 * the live list and ~2.5 µs on a past day's fold (100k events, 5.5k findings: 4–7 ms and 13 ms a
 * call), a field from memory 10–15 µs. At 100k a scanning count costs 111, so about 180 fit in a
 * query (~1–2 s of the event loop where 5,000 fitted before: 20–65 s); 问题清单's five counts and a
 * page still fit at 1M (1,100 each).
 */
export const SCAN_ITEMS_PER_UNIT = 50;

/** The names of lists priced at their live size (ListSizes). */
export const LIVE_SIZES = {
  /** The dashboard's whole lists of open parts (`openParts`, `overdue`). */
  openParts: 'openParts',
  /** Findings on record (问题清单 scans them when filtered by anything but an index, or on a past day). */
  findings: 'findings',
  /** The findings of the evaluation that has the most (`Evaluation.findings` scans one evaluation's). */
  evaluationFindings: 'evaluationFindings',
  /** The parts of the work-plan item that has held the most (`WorkPlanItem.parts`: an item of 各单位 holds every unit's). */
  itemParts: 'itemParts',
  /** The parts of the finding that has held the most (`Finding.assignments`: a finding of 各单位 holds every unit's). */
  findingParts: 'findingParts',
  /** The parts of every plan's items; of one plan by its id (what building its breakdown goes through). */
  planParts: 'planParts',
  /** The 大项 of the plan that lists the most; of one plan by its id (`WorkPlan.categories`). */
  planCategories: 'planCategories',
  /** The items of the 大项 that lists the most, of any plan; of one plan's largest by the plan's id (`WorkPlanCategory.items`). */
  categoryItems: 'categoryItems',
  /** The findings and work-plan items a unit has (had) a part in, by the unit's id (what its workload goes through). */
  unitParents: 'unitParents',
} as const;

/**
 * Parts a breakdown or an item list goes through per cost unit, built once per call (or kept until
 * the plans change: BreakdownsNow): 25–40 µs a part built (a 12,000-part plan 0.3–0.5 s at load 3),
 * less filtered by a unit. Priced low enough that the 分解方案 page of a 12,000-part plan fits a
 * query (1,200), high enough that 250 aliases of `workPlan(id) { title }` (9.9 s before) do not.
 */
export const PARTS_PER_COST_UNIT = 10;

/**
 * A unit's workload, per finding or item it has (had) a part in: about 100 µs each now (250 aliases
 * of `unitWorkload` over different units took 2.5 s at 100k events), as 10 fields from memory.
 */
export const WORKLOAD_COST_PER_PARENT = 10;

/**
 * Filtered connections priced by their page alone, with why their filters scan nothing that grows
 * with the platform: every other connection field taking a filter must carry a `scan` price
 * (FieldPrice.scan). graphql-hardening's walk of the schema holds every field to one or the other,
 * so the same list reached another way is never priced as an index read again (breaker12d P2).
 */
export const FILTERED_WITHOUT_SCAN: Readonly<Record<string, string>> = {
  'Dashboard.openPartsPage': 'open parts kept split by status and light in the dashboard read model: counts O(1), a page O(page)',
  'UnitWorkload.remindersPage': "one unit's reminders (at most EXPECTED_ITEMS.unitOpenParts)",
  'UnitWorkload.workPlanPartsPage': "one unit's open work-plan parts (at most EXPECTED_ITEMS.unitOpenParts)",
  'Query.workPlanItems': "one plan's items (35 in the sample, a few hundred at most); a past day is priced as a fold (REPLAY_COST)",
  'Query.circulars': 'circulars on record: a few dozen a year',
  'Query.awaitingInspection':
    'its only filters are asOf / knownAt: now a page of the parts awaiting inspection kept sorted (AwaitingInspectionReadModel), O(log n + page); a past day is priced as a fold (REPLAY_COST) and folds only the findings and items that ever had a report',
  'Query.extensionsAwaitingDecision':
    'its only filters are asOf / knownAt: now a page of the parts whose extension request awaits a decision kept sorted (ExtensionsAwaitingDecisionReadModel), O(log n + page); a past day is priced as a fold (REPLAY_COST) and folds only the findings and items that ever had a request',
};

/** A list's live size by name, now or (`past`) on a past day, or one parent's (`parentId`); undefined when nothing counts it. */
export type SizeOf = (name: string, past: boolean, parentId?: string) => number | undefined;

/** Prices a field (the field extension FIELD_PRICE); on `@Field`, `@ResolveField` or `@Query` alike. */
export const priced = (price: FieldPrice) => Extensions({ [FIELD_PRICE]: price });

/**
 * One stream read from the log, as fields resolved from memory: a finding's history at 100k events
 * took about 10 ms of the event loop (200 of them 2.7 s, load 14), a field from memory 10–15 µs.
 */
export const STREAM_READ_COST = 500;

/** Sizes the lists that grow with the data are priced at: a provincial platform (issue 12's figures). */
export const EXPECTED_ITEMS = {
  /** Units in the directory (the bench's platform has 300). */
  units: 300,
  /** Evaluations on record, each with its own row in the dashboard (about one per 200 findings: 28 at 100k events, 280 at 1M). */
  evaluations: 300,
  /** Events of one finding's or item's stream (history): 18 for a finding of the 100k bench log; reports, returns, urgings, inspections over a year or more. */
  streamEvents: 50,
  /** Items of one work-plan category (35 items in 3 categories in the sample: 12 a category), where no live size is known. */
  categoryItems: 20,
  /** Categories (大项) of one work plan (3 in the sample), where no live size is known. */
  planCategories: 5,
  /** Open parts one unit holds, or its reminders. */
  unitOpenParts: 200,
  /** Signed ledger checkpoints. */
  checkpoints: 100,
  /** Open parts on the dashboard (3,744 at 100k events), where no live size is known (LIVE_SIZES). */
  openParts: 5000,
  /** Findings on record (5,505 at 100k events), where no live size is known. */
  findings: 6000,
  /** Parts of one work-plan item (2–4 in the bench's plans; an item of 各单位 holds every unit's: 300), where no live size is known. */
  itemParts: 30,
  /** Parts of one finding (1–3 in the bench's log; recordFinding takes 50 units, later 交办 more), where no live size is known. */
  findingParts: 50,
  /** Findings of one evaluation (about 200 at 100k events; an annual provincial evaluation may name thousands), where no live size is known. */
  evaluationFindings: 2000,
} as const;

/** A finding's or work-plan item's `history`: its stream read from the log, every event listed. */
export const HISTORY_PRICE: FieldPrice = { read: STREAM_READ_COST, items: EXPECTED_ITEMS.streamEvents };

export interface QueryCost {
  /** Above this estimate an operation is refused before it runs (GRAPHQL_MAX_COST). */
  readonly maxCost: number;
  /** Live list sizes (ListSizes.of); without it, `sized` lists are priced at their `items`. */
  readonly sizeOf?: SizeOf;
}

/**
 * A subscription runs its selection again on every change it follows, as part of the work each
 * change costs: it may cost at most this share of a query's budget (GRAPHQL_MAX_COST / 10: 2,000 by
 * default), so no subscriber can make every mutation of everyone pay for a large answer.
 */
export const SUBSCRIPTION_COST_SHARE = 10;

/**
 * The estimate of one operation: 1 per field per item, a list's selection once per item it may
 * return (`first` on a connection, 50 when not given; `priced({ items })` on a list field;
 * else LIST_COST_FACTOR), a priced field's `read`, REPLAY_COST once per time-travel fold, introspection flat. Throws the
 * library's GraphQLError when the document evaluates more than MAX_QUERY_NODES fields.
 * Returns null when the variables do not fit the operation: execution refuses those as usual.
 */
export function estimateCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName?: string | null, sizeOf?: SizeOf): number | null {
  const folds = new Set<string>();
  const past = travels(document);
  const fragments = new Map(document.definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [])));
  try {
    const parents = enclosingFields(document);
    return getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      operationName: operationName ?? undefined,
      estimators: [rectifyEstimator(schema, folds, (name, parentId) => sizeOf?.(name, past, parentId), parents, variables ?? {}, fragments)],
      maxQueryNodes: MAX_QUERY_NODES,
    });
  } catch (error) {
    if (error instanceof GraphQLError && NODE_LIMIT.test(error.message)) throw error;
    return null;
  }
}
/** graphql-query-complexity's words when a document passes maxQueryNodes. */
const NODE_LIMIT = /maximum allowed number of nodes/;

/**
 * The refusal of an operation estimated above `maxCost` (or whose fragments expand past
 * MAX_QUERY_NODES), as a validation error: `GRAPHQL_VALIDATION_FAILED` with `extensions.reason`
 * `QUERY_TOO_COSTLY` and the Chinese in `messageZh`, HTTP 400. Undefined when it fits.
 */
export function costRefusal(limits: QueryCost, schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName?: string | null): GraphQLError | undefined {
  return judgeCost(limits, schema, document, variables, operationName).refusal;
}

/**
 * The operation's estimate (null when its variables do not fit it) and, when it is over its limit
 * (a subscription's: a tenth of a query's), the refusal `costRefusal` gives.
 */
export function judgeCost(
  limits: QueryCost,
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName?: string | null,
): { readonly cost: number | null; readonly refusal?: GraphQLError } {
  let cost: number | null;
  try {
    cost = estimateCost(schema, document, variables, operationName, limits.sizeOf);
  } catch {
    return {
      cost: null,
      refusal: refusal(
        `This query spreads its fragments into more than ${MAX_QUERY_NODES} fields. Ask for less at once, or split it into several queries.`,
        `查询展开后超过 ${MAX_QUERY_NODES} 个字段：请少选字段，或拆成几个查询。`,
      ),
    };
  }
  if (cost === null) return { cost };
  if (isSubscription(document, operationName)) {
    const budget = Math.floor(limits.maxCost / SUBSCRIPTION_COST_SHARE);
    if (cost <= budget) return { cost };
    return {
      cost,
      refusal: refusal(
        `This subscription asks for too much on every change (estimated cost ${cost}, at most ${budget} allowed for a subscription, a tenth of a query's ${limits.maxCost}: it runs again after each change it follows). Subscribe to a few fields (e.g. dashboardUpdated { asOf }) and query the rest, a page at a time, when a push arrives.`,
        `订阅每次推送要的数据太多（估算开销 ${cost}，订阅最多 ${budget}，为查询上限 ${limits.maxCost} 的十分之一：每次变化都要重新计算）：请只订阅少量字段（如 dashboardUpdated { asOf }），收到推送后再分页查询其余数据。`,
      ),
    };
  }
  if (cost <= limits.maxCost) return { cost };
  return {
    cost,
    refusal: refusal(
      `This query asks for too much at once (estimated cost ${cost}, at most ${limits.maxCost} allowed; a list counts what it selects once per item it may return: a page as many times as its first, ${DEFAULT_PAGE_SIZE} when not given). Ask for smaller pages or fewer nested lists, or split it into several queries.`,
      `查询一次要的数据太多（估算开销 ${cost}，最多 ${limits.maxCost}；列表按可能返回的条数计，分页按 first 计，未给时按 ${DEFAULT_PAGE_SIZE} 条）：请减小每页条数或少选嵌套列表，或拆成几个查询。`,
    ),
  };
}

/** The operation the request runs is a subscription. */
function isSubscription(document: DocumentNode, operationName?: string | null): boolean {
  const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((definition) => definition.name?.value === operationName) : operations[0];
  return operation?.operation === 'subscription';
}

/** Some field of the document is given `asOf` or `knownAt`: its lists may hold what a past day held. */
function travels(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (replays(node)) found = true;
    },
  });
  return found;
}

const refusal = (message: string, messageZh: string) =>
  new GraphQLError(message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', reason: 'QUERY_TOO_COSTLY', messageZh, http: { status: 400 } } });

/**
 * Apollo runs validation rules without the variables, so the cost, which needs `first: $first`'s
 * value, is checked once the operation is resolved, before anything executes (a mutation so
 * refused appends nothing).
 */
export function queryCostPlugin(limits: QueryCost): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operationName }) {
          const refused = costRefusal(limits, schema, document, request.variables, operationName);
          if (refused) throw refused;
        },
      };
    },
  };
}

/**
 * One estimator for every field: introspection flat; else 1, plus REPLAY_COST for a fold not yet
 * paid for, plus ROOT_FIELD_COST and a priced field's `build` (where `buildsWhen` says this call
 * builds) for a root field (a query's once per distinct call), plus a priced field's `read`, plus its selection counted once per item it may
 * return (each item at least 1: a row is made and sent even when only `__typename` is asked).
 * A page (a field with `first`) counts only its items that way: `totalCount` and `pageInfo` once,
 * so `findings(first: 0) { totalCount }` costs ROOT_FIELD_COST + 2, and `findings { totalCount }` does not cost 51 more.
 */
function rectifyEstimator(
  schema: GraphQLSchema,
  folds: Set<string>,
  liveSize: (name: string, parentId?: string) => number | undefined,
  parents: ReadonlyMap<FieldNode, FieldNode>,
  variables: Readonly<Record<string, unknown>>,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): ComplexityEstimator {
  /** What each field node was priced at, read back by the page around it (children are priced first). */
  const priced = new Map<FieldNode, number>();
  /** Root query calls already counted (rootCallKey): their aliases are answered once. */
  const asked = new Set<string>();
  /** Root query calls whose build is already counted: an alias that builds after one that did not still pays it, once. */
  const built = new Set<string>();
  const rootTypes = new Set([schema.getQueryType(), schema.getMutationType()].filter((root) => root != null));
  return ({ type, field, node, args, childComplexity }) => {
    const cost = estimate();
    priced.set(node, cost);
    return cost;

    function estimate(): number {
      if (field.name.startsWith('__')) return INTROSPECTION_COST[field.name] ?? 0;
      const fold = replays(node) ? foldKey(`${type.name}.${field.name}`, node) : null;
      let own = 1 + (fold !== null && !folds.has(fold) ? REPLAY_COST : 0);
      if (fold !== null) folds.add(fold);
      const price = field.extensions[FIELD_PRICE] as FieldPrice | undefined;
      const builds = price?.build !== undefined && (price.buildsWhen?.(selectedNames(node, fragments), args) ?? true);
      if (rootTypes.has(type as never)) {
        const key = type === schema.getQueryType() ? rootCallKey(field.name, args) : null;
        if (key === null || !asked.has(key)) own += ROOT_FIELD_COST;
        if (builds && (key === null || !built.has(key))) own += price!.build!(args, liveSize);
        if (key !== null) asked.add(key);
        if (key !== null && builds) built.add(key);
      } else if (builds) own += price!.build!(args, liveSize);
      if (price?.scan?.when(args)) own += Math.ceil((liveSize(price.scan.sized) ?? price.scan.items) / SCAN_ITEMS_PER_UNIT);
      if (price?.items !== undefined) {
        const parentId = price.ofParent ? rootArgument(node, price.ofParent, parents, variables) : undefined;
        const sized = (price.sized !== undefined ? liveSize(price.sized, parentId) : undefined) ?? price.items;
        const bound = price.count?.(args);
        const items = bound !== undefined ? Math.min(Math.max(bound, 0), sized) : sized;
        return own + (price.read ?? 0) + items * Math.max(childComplexity, 1);
      }
      if (field.args.some((argument) => argument.name === 'first')) {
        const first = typeof args.first === 'number' ? Math.max(args.first, 0) : DEFAULT_PAGE_SIZE;
        const once = onceAPage(getNamedType(field.type), node, priced);
        return own + (price?.read ?? 0) + once + first * (childComplexity - once);
      }
      let lists = 0;
      for (let list = getNullableType(field.type); isListType(list); list = getNullableType(list.ofType)) lists += 1;
      return own + (price?.read ?? 0) + (lists > 0 ? LIST_COST_FACTOR ** lists * Math.max(childComplexity, 1) : childComplexity);
    }
  };
}

/** The names of the fields `node` selects at its first level, through inline fragments and fragment spreads (each fragment once). */
function selectedNames(node: FieldNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): ReadonlySet<string> {
  const names = new Set<string>();
  const spread = new Set<string>();
  const walk = (selections: readonly SelectionNode[] | undefined): void => {
    for (const selection of selections ?? []) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet.selections);
      else if (!spread.has(selection.name.value)) {
        spread.add(selection.name.value);
        walk(fragments.get(selection.name.value)?.selectionSet.selections);
      }
    }
  };
  walk(node.selectionSet?.selections);
  return names;
}

/**
 * What a page's selection costs once, whatever its size: the fields selected directly on the
 * connection that are not lists (`totalCount`, `pageInfo`). Whatever sits in a fragment there is
 * counted per item (never less than it costs).
 */
function onceAPage(connection: GraphQLNamedType, node: FieldNode, priced: ReadonlyMap<FieldNode, number>): number {
  if (!isObjectType(connection)) return 0;
  const fields = connection.getFields();
  let once = 0;
  for (const selection of node.selectionSet?.selections ?? []) {
    if (selection.kind !== Kind.FIELD) continue;
    const field = fields[selection.name.value];
    if (field && !isListType(getNullableType(field.type))) once += priced.get(selection) ?? 0;
  }
  return once;
}

/** The field travels in time: `asOf` or `knownAt` is given, as a value or a variable (which may still be null). */
const replays = (field: FieldNode): boolean =>
  field.arguments?.some((argument) => TIME_TRAVEL_ARGUMENTS.has(argument.name.value) && argument.value.kind !== Kind.NULL) ?? false;
const TIME_TRAVEL_ARGUMENTS = new Set(['asOf', 'knownAt']);

/**
 * Arguments that only filter or page one fold: the time-travel cache keeps a field's answer by the
 * cut alone (`TimeTravelCache.answer('findings', cut, …)` in evaluations.queries.ts), so 问题清单's
 * page and its five status counts at one cut are one fold. Every other argument (an id, a unit) is
 * taken to name another fold.
 */
const FILTERS_OF_ONE_FOLD: Readonly<Record<string, ReadonlySet<string>>> = {
  'Query.findings': new Set(['first', 'after', 'evaluationId', 'category', 'status', 'unitId', 'light', 'dueFrom', 'dueTo', 'titleContains']),
};

/**
 * Which fold a time-travel field reads: its coordinate and its arguments as written (a variable by
 * name, a value as printed), less those that only filter or page one fold (FILTERS_OF_ONE_FOLD).
 * `findings(status: OPEN, first: 0, asOf: $asOf)` and `findings(first: 50, asOf: $asOf)` → one key.
 */
function foldKey(coordinate: string, field: FieldNode): string {
  const filters = FILTERS_OF_ONE_FOLD[coordinate];
  const cut = (field.arguments ?? [])
    .filter((argument) => !filters?.has(argument.name.value))
    .map((argument) => `${argument.name.value}:${print(argument.value)}`)
    .sort();
  return `${coordinate}(${cut.join(',')})`;
}

/** For each field of the document's operations, the field it is selected in (fields of fragment definitions: none). */
function enclosingFields(document: DocumentNode): Map<FieldNode, FieldNode> {
  const parents = new Map<FieldNode, FieldNode>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    visit(definition, {
      Field(node, _key, _parent, _path, ancestors) {
        for (let index = ancestors.length - 1; index >= 0; index -= 1) {
          const ancestor = ancestors[index] as { kind?: string };
          if (ancestor.kind === Kind.FIELD) {
            parents.set(node, ancestor as FieldNode);
            return;
          }
        }
      },
    });
  }
  return parents;
}

/** The value (a string, as written or from its variable) of `of.arg` on the nearest enclosing `of.root` field; undefined when there is none. */
function rootArgument(node: FieldNode, of: { readonly root: string; readonly arg: string }, parents: ReadonlyMap<FieldNode, FieldNode>, variables: Readonly<Record<string, unknown>>): string | undefined {
  for (let field = parents.get(node); field; field = parents.get(field)) {
    if (field.name.value !== of.root) continue;
    const value = field.arguments?.find((argument) => argument.name.value === of.arg)?.value;
    if (value?.kind === Kind.STRING) return value.value;
    if (value?.kind === Kind.VARIABLE) {
      const given = variables[value.name.value];
      return typeof given === 'string' ? given : undefined;
    }
    return undefined;
  }
  return undefined;
}
