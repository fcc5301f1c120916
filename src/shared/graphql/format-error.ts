import { unwrapResolverError } from '@apollo/server/errors';
import { Logger } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { variableTypeOf, withChinese } from './chinese-errors.js';
import { inlineValueSiteOf } from './inline-value-site.js';
import { toGraphqlError } from './graphql-error.filter.js';
import type { StoreHealth } from '../../event-store/store-health.js';
import { listedProblems } from '../../spreadsheet/import-refusal.js';

const SUGGESTION = / ?Did you mean .+?\?$/;
/** Longest message and `extensions.messageZh` answered (characters): every message of our own fits. */
const MESSAGE_LENGTH = 1000;
/** Longest text answered anywhere else inside `extensions` (characters): a row's reason, a field's message. */
const DETAIL_LENGTH = 300;

const cut = (text: string, length: number) => (text.length > length ? `${text.slice(0, length)}…` : text);

function boundedDetail(value: unknown): unknown {
  if (typeof value === 'string') return cut(value, DETAIL_LENGTH);
  if (Array.isArray(value)) return value.map(boundedDetail);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, boundedDetail(field)]));
  return value;
}

/**
 * A refusal's `problems` as answered: the first `PROBLEMS_LISTED`, with `problemCount` (all of them) and `problemsNotListed`
 * (the rest) when there are more — a 台账 refused row by row answered 25 000 problems in one piece that held the server's
 * thread for seconds (breaker53-10 S3). A list that fits is answered as it is, with neither count.
 */
function listedOnly(details: Record<string, unknown>): Record<string, unknown> {
  const { problems } = details;
  if (!Array.isArray(problems)) return details;
  const { listed, notListed } = listedProblems(problems);
  return notListed === 0 ? details : { ...details, problems: listed, problemCount: problems.length, problemsNotListed: notListed };
}

function bounded(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const { messageZh, ...all } = formatted.extensions ?? {};
  const details = listedOnly(all);
  return {
    ...formatted,
    message: cut(formatted.message, MESSAGE_LENGTH),
    ...(formatted.extensions
      ? { extensions: { ...(boundedDetail(details) as Record<string, unknown>), ...(typeof messageZh === 'string' ? { messageZh: cut(messageZh, MESSAGE_LENGTH) } : {}) } }
      : {}),
  };
}

/**
 * The last look at every error before it leaves the server (Apollo's `formatError`).
 *
 * - A failure that never met the error filter — thrown inside a nested field resolver, where
 *   Nest applies no filters — is mapped the same way: a domain error keeps its code, anything
 *   unexpected is logged and answered `INTERNAL_SERVER_ERROR` with the generic message; SQLite failing to read the store
 *   is the store's standing problem (`storeHealth`, StoreHealth.storeDamaged), answered STORE_UNAVAILABLE as /health names it.
 * - Every error leaves with `extensions.messageZh`: its own Chinese, or a translation of what
 *   graphql-js / Apollo said (`withChinese`).
 * - With `hideSchemaDetails`, "Did you mean …?" hints are cut from every message, including
 *   those about variables (Apollo's own option cuts them from validation errors only).
 * - Nothing sent is echoed back at any length: messages are cut at `MESSAGE_LENGTH` characters
 *   and every text inside `extensions` (an import's problems, field errors) at `DETAIL_LENGTH`,
 *   whoever quoted the input (graphql-js naming a 60 KB field, an import quoting a 200 KB cell); an import's problems are
 *   listed to the first hundred, with how many more (`listedOnly`).
 */
export function formatGraphqlError(options: { hideSchemaDetails: boolean; storeHealth?: Pick<StoreHealth, 'storeDamaged'> }) {
  const logger = new Logger('GraphQL');
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    return bounded(withChinese(format(formatted, error), { variableType: variableTypeOf(original), inlineValue: inlineValueSiteOf(original) }));
  };
  function format(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
    if (formatted.extensions?.code === 'INTERNAL_SERVER_ERROR') {
      const original = unwrapResolverError(error);
      if (!(original instanceof GraphQLError)) {
        const mapped = toGraphqlError(options.storeHealth?.storeDamaged(original) ?? original, logger);
        return { message: mapped.message, locations: formatted.locations, path: formatted.path, extensions: mapped.extensions };
      }
    }
    if (options.hideSchemaDetails && SUGGESTION.test(formatted.message)) {
      return { ...formatted, message: formatted.message.replace(SUGGESTION, '') };
    }
    return formatted;
  }
}
