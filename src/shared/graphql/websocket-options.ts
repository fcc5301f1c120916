import { GraphQLError, NoSchemaIntrospectionCustomRule, parse, specifiedRules, validate, type GraphQLFormattedError, type GraphQLSchema, type ParseOptions, type ValidationRule } from 'graphql';
import type { Context, ServerOptions } from 'graphql-ws';
import { judgeCost, type QueryCost } from './query-cost.js';
import type { SubscriptionBudget } from './subscription-budget.js';

type Formatter = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * graphql-ws runs beside Apollo, not through it: none of Apollo's validation rules, error
 * formatting or request limits reach it. These options give WebSocket operations the same rules
 * as HTTP ones — the depth and cost limits, introspection only where it is on, errors with a stable
 * code and nothing internal — and keep the socket to subscriptions, so that queries and mutations
 * cannot go around the per-token rate limit.
 */
export interface WebSocketRules {
  readonly rules: readonly ValidationRule[];
  /** The cost limit, checked with the subscription's variables once it validates (query-cost.ts). */
  readonly cost: QueryCost;
  readonly introspection: boolean;
  readonly formatError: Formatter;
  /** Each subscription costs work on every event; one connection may hold this many at once. */
  readonly maxSubscriptionsPerConnection: number;
  /** What HTTP's parser is given (the token limit), so a socket cannot send what HTTP refuses. */
  readonly parseOptions: ParseOptions;
  /**
   * What each caller holds over all its connections (subscription-budget.ts): its connections and
   * the summed cost of its open subscriptions are bounded, however many sockets it opens.
   */
  readonly budget: SubscriptionBudget;
  /** Who a connection's caller is (an account, else an address), from its connection parameters and upgrade request. */
  readonly callerOf: (connection: Context) => string;
}

/** Close code and reason for a connection over its caller's limit (a reason is at most 123 bytes). */
const TOO_MANY_CONNECTIONS = { code: 4403, reason: 'Too many live connections for this account / 此账号实时连接已达上限' } as const;

export function graphqlWsOptions(
  options: WebSocketRules,
  schema: GraphQLSchema,
): Pick<ServerOptions, 'validate' | 'onSubscribe' | 'onError' | 'onNext' | 'onConnect' | 'onComplete' | 'onClose'> {
  const rules = [...specifiedRules, subscriptionsOnly, ...options.rules, ...(options.introspection ? [] : [NoSchemaIntrospectionCustomRule])];
  const format = (error: GraphQLError, defaultCode: string) => {
    const formatted = error.toJSON();
    const code = formatted.extensions?.code ?? defaultCode;
    return options.formatError({ ...formatted, extensions: { ...formatted.extensions, code } }, error);
  };
  const { budget } = options;
  return {
    validate: (schema, document) => validate(schema, document, rules),
    // A caller over its connections is closed at once (4403, the reason in both languages); the web shows the connection lost.
    onConnect: (context) => {
      if (!budget.connect(context, options.callerOf(context))) return true;
      (context.extra as { socket?: { close(code: number, reason: string): void } }).socket?.close(TOO_MANY_CONNECTIONS.code, TOO_MANY_CONNECTIONS.reason);
      return false;
    },
    onSubscribe: (context, id, payload) => {
      const refused =
        tooManyTokens(payload.query, options.parseOptions) ??
        // The subscriptions admitted so far (the budget's), not graphql-ws's `context.subscriptions`, which lists each
        // before it is judged: under load several sent together were all counted there (graphql-hardening e2e).
        (budget.running(context) >= options.maxSubscriptionsPerConnection
          ? [
              new GraphQLError(`This connection already holds ${options.maxSubscriptionsPerConnection} subscriptions, the most allowed. Close one first.`, {
                extensions: { code: 'TOO_MANY_REQUESTS', messageZh: `此连接已有 ${options.maxSubscriptionsPerConnection} 个订阅，已达上限：请先关闭一个。` },
              }),
            ]
          : undefined);
      if (refused) return refused;
      const judged = costOf(schema, rules, payload, options.cost);
      if (judged?.refusal) return [judged.refusal];
      // Counted only once it is sure to run (graphql-ws then completes it, and onComplete gives it back).
      const overBudget = judged?.cost != null ? budget.admit(context, id, judged.cost) : undefined;
      return overBudget ? [overBudget] : undefined;
    },
    onComplete: (context, id) => budget.release(context, id),
    onClose: (context) => budget.disconnect(context),
    onError: (_context, _id, _payload, errors) => errors.map((error) => format(error, 'GRAPHQL_VALIDATION_FAILED')),
    // An error without a path came before any resolver ran: variables that do not fit their types.
    onNext: (_context, _id, _payload, _args, result) =>
      result.errors ? { ...result, errors: result.errors.map((error) => format(error, error.path ? 'INTERNAL_SERVER_ERROR' : 'BAD_USER_INPUT')) } : undefined,
  };
}

/**
 * graphql-ws parses with graphql-js's defaults: this parse with HTTP's options comes first, so a
 * document past the token limit is refused (GRAPHQL_PARSE_FAILED) before anything validates it.
 */
function tooManyTokens(query: string, parseOptions: ParseOptions): GraphQLError[] | undefined {
  try {
    parse(query, parseOptions);
    return undefined;
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    // Syntax errors are graphql-ws's to report as usual; only the limit is answered here.
    return /tokens\. Parsing aborted/.test(error.message) ? [new GraphQLError(error.message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })] : undefined;
  }
}

/**
 * The cost limit with the subscription's variables, as Apollo checks it for HTTP: the estimate and
 * the refusal when over. Undefined for a document that does not parse or validate, which is left to
 * graphql-ws to report as usual.
 */
function costOf(
  schema: GraphQLSchema,
  rules: readonly ValidationRule[],
  payload: { query: string; variables?: Record<string, unknown> | null; operationName?: string | null },
  cost: QueryCost,
): ReturnType<typeof judgeCost> | undefined {
  let document;
  try {
    document = parse(payload.query);
  } catch {
    return undefined;
  }
  if (validate(schema, document, rules).length > 0) return undefined;
  return judgeCost(cost, schema, document, payload.variables ?? undefined, payload.operationName);
}

/** Over the socket, only subscriptions: queries and mutations go over HTTP. */
const subscriptionsOnly: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation !== 'subscription') {
      const what = node.operation === 'mutation' ? 'mutations' : 'queries';
      const whatZh = node.operation === 'mutation' ? '修改操作（mutation）' : '查询（query）';
      context.reportError(
        new GraphQLError(`Send ${what} over HTTP (POST /graphql); the WebSocket carries subscriptions only.`, {
          nodes: node,
          extensions: { messageZh: `${whatZh}请通过 HTTP 发送（POST /graphql）；WebSocket 只用于订阅。` },
        }),
      );
    }
  },
});
