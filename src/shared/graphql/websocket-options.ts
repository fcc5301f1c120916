import { GraphQLError, NoSchemaIntrospectionCustomRule, parse, specifiedRules, validate, type GraphQLFormattedError, type GraphQLSchema, type ParseOptions, type ValidationRule } from 'graphql';
import type { ServerOptions } from 'graphql-ws';
import { costRefusal, type QueryCost } from './query-cost.js';

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
}

export function graphqlWsOptions(options: WebSocketRules, schema: GraphQLSchema): Pick<ServerOptions, 'validate' | 'onSubscribe' | 'onError' | 'onNext'> {
  const rules = [...specifiedRules, subscriptionsOnly, ...options.rules, ...(options.introspection ? [] : [NoSchemaIntrospectionCustomRule])];
  const format = (error: GraphQLError, defaultCode: string) => {
    const formatted = error.toJSON();
    const code = formatted.extensions?.code ?? defaultCode;
    return options.formatError({ ...formatted, extensions: { ...formatted.extensions, code } }, error);
  };
  return {
    validate: (schema, document) => validate(schema, document, rules),
    // graphql-ws has already registered the new subscription when it asks.
    onSubscribe: (context, _id, payload) =>
      tooManyTokens(payload.query, options.parseOptions) ??
      tooCostly(schema, rules, payload, options.cost) ??
      (Object.keys(context.subscriptions).length > options.maxSubscriptionsPerConnection
        ? [
            new GraphQLError(`This connection already holds ${options.maxSubscriptionsPerConnection} subscriptions, the most allowed. Close one first.`, {
              extensions: { code: 'TOO_MANY_REQUESTS', messageZh: `此连接已有 ${options.maxSubscriptionsPerConnection} 个订阅，已达上限：请先关闭一个。` },
            }),
          ]
        : undefined),
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
 * The cost limit with the subscription's variables, as Apollo checks it for HTTP. A document that
 * does not parse or validate is left to graphql-ws, which reports it as usual.
 */
function tooCostly(schema: GraphQLSchema, rules: readonly ValidationRule[], payload: { query: string; variables?: Record<string, unknown> | null; operationName?: string | null }, cost: QueryCost): GraphQLError[] | undefined {
  let document;
  try {
    document = parse(payload.query);
  } catch {
    return undefined;
  }
  if (validate(schema, document, rules).length > 0) return undefined;
  const refused = costRefusal(cost, schema, document, payload.variables ?? undefined, payload.operationName);
  return refused ? [refused] : undefined;
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
