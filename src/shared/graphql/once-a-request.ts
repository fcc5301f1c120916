import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';

/*
 * Aliases of one root query field with the same arguments are answered once per operation
 * (breaker12f P13: 480 aliases of the public `ledgerHead` each ran the guards, the pipes and the
 * signature check, 2 s of the event loop a request). The first alias runs the resolver — guards,
 * validation, the handler — and the others take its answer (or its refusal): within one operation
 * they are one question, asked by one caller. The cost estimate counts them once too
 * (query-cost.ts, ROOT_FIELD_COST). Fields below the root are not touched: their answers depend
 * on their parent object.
 */

/**
 * The schema with each field of its query type answering once per operation for the same
 * arguments: the answers kept per execution (graphql-js builds the coerced variables object afresh
 * for each execution, so two requests — or two operations on one WebSocket — never share one).
 * Mutations and subscriptions are left as they are.
 */
export function answerRootQueriesOnce(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  if (!query) return schema;
  for (const field of Object.values(query.getFields())) {
    field.resolve = onceAnOperation(field.name, field.resolve ?? defaultFieldResolver);
  }
  return schema;
}

/** Answers kept for one execution, by `rootCallKey`. */
const answers = new WeakMap<object, Map<string, unknown>>();

function onceAnOperation(name: string, resolve: GraphQLFieldResolver<unknown, unknown>): GraphQLFieldResolver<unknown, unknown> {
  return (source, args, context, info) => {
    const execution = info.variableValues as object | undefined;
    if (!execution || typeof execution !== 'object') return resolve(source, args, context, info);
    let kept = answers.get(execution);
    if (!kept) {
      kept = new Map();
      answers.set(execution, kept);
    }
    const key = rootCallKey(name, args);
    if (kept.has(key)) return kept.get(key);
    const answer = resolve(source, args, context, info);
    kept.set(key, answer);
    return answer;
  };
}

/**
 * Which question a root field asks: its name and its arguments' values (variables applied, defaults
 * filled in), so `a: workPlan(id: "x")` and `b: workPlan(id: $id)` with `$id = "x"` are one.
 */
export const rootCallKey = (name: string, args: Readonly<Record<string, unknown>>): string => `${name}${JSON.stringify(args)}`;

/**
 * `compute()`'s answer, made once per *query* operation for `key` (a stream read for a finding's or an
 * item's history: breaker12f P5, 39 aliases of `historyPage(first: 1)` read a 1,459-event stream 39 times).
 * Kept with the root answers of the same execution. Computed every time outside a query: without an
 * execution (no variables object), and in a mutation, whose root fields run one after another and each
 * changes what the next one reads (breaker12g P10: the second of two aliased urgings answered with the
 * history read for the first, leaving out its own fact) — and a subscription's pushes, each a new state.
 */
export function oncePerExecution<T>(info: Pick<GraphQLResolveInfo, 'variableValues'> & { readonly operation?: Pick<GraphQLResolveInfo['operation'], 'operation'> } | undefined, key: string, compute: () => T): T {
  const execution = info?.variableValues as object | undefined;
  if (!execution || typeof execution !== 'object' || (info?.operation !== undefined && info.operation.operation !== 'query')) return compute();
  let kept = answers.get(execution);
  if (!kept) {
    kept = new Map();
    answers.set(execution, kept);
  }
  const name = `\u0000${key}`;
  if (kept.has(name)) return kept.get(name) as T;
  const answer = compute();
  kept.set(name, answer);
  return answer;
}
