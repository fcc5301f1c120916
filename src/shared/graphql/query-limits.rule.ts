import {
  GraphQLError,
  Kind,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  print,
  typeFromAST,
  type ASTNode,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLType,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/**
 * A list field is assumed to return this many items when estimating a query's cost. 5 fits this
 * domain's nested lists (parts of a finding, reports of a part, evidence of a report): a finding
 * page asking for everything costs about 1 200, while every further nested list multiplies.
 */
export const LIST_COST_FACTOR = 5;

/**
 * What a field given `asOf` or `knownAt` adds: time travel folds every parent's dated timeline
 * inside the cut (no log replay, but work in proportion to all the parts shown), so its price is
 * counted up front — with the default limit, four such folds fit in one request. Priced once per
 * fold (`foldKey`): aliases of one field at one cut in one selection read one fold.
 */
export const REPLAY_COST = 400;

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
 * What schema introspection costs, flat, whatever it selects inside: `__schema` answers the whole
 * schema (about 300 KB for GraphiQL's introspection query), so with the default limit one fits in a
 * request and a thousand aliased copies (46 MB, 22 s of the event loop when it was free) do not;
 * `__type` answers one type.
 */
export const INTROSPECTION_COST: Readonly<Record<string, number>> = { __schema: 1500, __type: 50 };

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
}

/** Why a document was refused, in `extensions.reason` (Apollo fixes `code` to GRAPHQL_VALIDATION_FAILED). */
export type QueryLimitReason = 'QUERY_TOO_DEEP' | 'QUERY_TOO_COSTLY';

export interface QueryMeasure {
  /** Fields nested inside each other: `{ units { id } }` is 2 deep. */
  depth: number;
  /** 1 per field; a list field's sub-selection counts LIST_COST_FACTOR times: `{ units { id code } }` costs 1 + 5 × 2. */
  cost: number;
}

/**
 * Refuses, before anything runs, an operation nested deeper than `maxDepth` or estimated to cost
 * more than `maxCost`. Introspection (`__schema`, `__type`) is priced flat by INTROSPECTION_COST and
 * adds no depth (GraphiQL's introspection query nests `ofType` nine levels); whether it is allowed
 * at all is the `introspection` switch's business.
 */
export function queryLimitsRule(limits: QueryLimits): ValidationRule {
  return (context) => {
    const measureOf = measurer(context);
    return {
      OperationDefinition(operation) {
        const root = context.getSchema().getRootType(operation.operation);
        if (!root) return false;
        const { depth, cost } = measureOf(operation.selectionSet, root);
        if (depth > limits.maxDepth) {
          context.reportError(
            refusal(
              `This query nests fields ${depth} levels deep; at most ${limits.maxDepth} are allowed. Ask for less nested data, or split it into several queries.`,
              `查询嵌套了 ${depth} 层，最多允许 ${limits.maxDepth} 层：请减少嵌套，或拆成几个查询。`,
              'QUERY_TOO_DEEP',
              operation,
            ),
          );
        } else if (cost > limits.maxCost) {
          context.reportError(
            refusal(
              `This query asks for too much at once (estimated cost ${cost}, at most ${limits.maxCost} allowed; each list counts ${LIST_COST_FACTOR} times what it selects). Select fewer fields or nested lists, or split it into several queries.`,
              `查询一次要的数据太多（估算开销 ${cost}，最多 ${limits.maxCost}；每个列表按其所选内容的 ${LIST_COST_FACTOR} 倍计）：请少选字段或嵌套列表，或拆成几个查询。`,
              'QUERY_TOO_COSTLY',
              operation,
            ),
          );
        }
        return false;
      },
    };
  };
}

const refusal = (message: string, messageZh: string, reason: QueryLimitReason, node: ASTNode) =>
  new GraphQLError(message, { nodes: node, extensions: { reason, messageZh } });

/** Measures selection sets of one document; each fragment is measured once, however often it is spread. */
function measurer(context: ValidationContext) {
  const schema = context.getSchema();
  const fragments = new Map<string, QueryMeasure>();
  const entered = new Set<string>();

  const measure = (selectionSet: SelectionSetNode, parentType: GraphQLCompositeType): QueryMeasure => {
    let depth = 0;
    let cost = 0;
    /** The folds this selection already paid for (foldKey). */
    const folds = new Set<string>();
    const add = (part: QueryMeasure) => {
      depth = Math.max(depth, part.depth);
      cost += part.cost;
    };
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        // __typename is free; __schema and __type are introspection, priced flat.
        if (selection.name.value.startsWith('__')) {
          const cost = INTROSPECTION_COST[selection.name.value] ?? 0;
          add({ depth: cost > 0 ? 1 : 0, cost });
          continue;
        }
        const field = isObjectType(parentType) || isInterfaceType(parentType) ? parentType.getFields()[selection.name.value] : undefined;
        if (!field) continue; // an unknown field: graphql's own rules report it
        const { namedType, lists } = unwrap(field.type);
        const fold = replays(selection) ? foldKey(`${parentType.name}.${field.name}`, selection) : null;
        const own = 1 + (fold !== null && !folds.has(fold) ? REPLAY_COST : 0);
        if (fold !== null) folds.add(fold);
        if (selection.selectionSet && isCompositeType(namedType)) {
          const inner = measure(selection.selectionSet, namedType);
          add({ depth: 1 + inner.depth, cost: own + LIST_COST_FACTOR ** lists * inner.cost });
        } else {
          add({ depth: 1, cost: own });
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? typeFromAST(schema, selection.typeCondition) : parentType;
        if (isCompositeType(type)) add(measure(selection.selectionSet, type));
      } else {
        const name = selection.name.value;
        const known = fragments.get(name);
        if (known) {
          add(known);
          continue;
        }
        const fragment = context.getFragment(name);
        if (!fragment || entered.has(name)) continue; // unknown or cyclic: graphql's own rules report it
        const type = typeFromAST(schema, fragment.typeCondition);
        if (!isCompositeType(type)) continue;
        entered.add(name);
        const measured = measure(fragment.selectionSet, type);
        entered.delete(name);
        fragments.set(name, measured);
        add(measured);
      }
    }
    return { depth, cost };
  };
  return measure;
}

/** The field travels in time: `asOf` or `knownAt` is given, as a value or a variable (which may still be null). */
const replays = (field: FieldNode): boolean =>
  field.arguments?.some((argument) => TIME_TRAVEL_ARGUMENTS.has(argument.name.value) && argument.value.kind !== Kind.NULL) ?? false;
const TIME_TRAVEL_ARGUMENTS = new Set(['asOf', 'knownAt']);

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

function unwrap(type: GraphQLType): { namedType: GraphQLType; lists: number } {
  let lists = 0;
  let current = getNullableType(type);
  while (isListType(current)) {
    lists += 1;
    current = getNullableType(current.ofType);
  }
  return { namedType: current, lists };
}
