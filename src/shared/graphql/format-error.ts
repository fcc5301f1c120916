import { unwrapResolverError } from '@apollo/server/errors';
import { Logger } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { withChinese } from './chinese-errors.js';
import { toGraphqlError } from './graphql-error.filter.js';

const SUGGESTION = / ?Did you mean .+?\?$/;

/**
 * The last look at every error before it leaves the server (Apollo's `formatError`).
 *
 * - A failure that never met the error filter — thrown inside a nested field resolver, where
 *   Nest applies no filters — is mapped the same way: a domain error keeps its code, anything
 *   unexpected is logged and answered `INTERNAL_SERVER_ERROR` with the generic message.
 * - Every error leaves with `extensions.messageZh`: its own Chinese, or a translation of what
 *   graphql-js / Apollo said (`withChinese`).
 * - With `hideSchemaDetails`, "Did you mean …?" hints are cut from every message, including
 *   those about variables (Apollo's own option cuts them from validation errors only).
 */
export function formatGraphqlError(options: { hideSchemaDetails: boolean }) {
  const logger = new Logger('GraphQL');
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => withChinese(format(formatted, error));
  function format(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
    if (formatted.extensions?.code === 'INTERNAL_SERVER_ERROR') {
      const original = unwrapResolverError(error);
      if (!(original instanceof GraphQLError)) {
        const mapped = toGraphqlError(original, logger);
        return { message: mapped.message, locations: formatted.locations, path: formatted.path, extensions: mapped.extensions };
      }
    }
    if (options.hideSchemaDetails && SUGGESTION.test(formatted.message)) {
      return { ...formatted, message: formatted.message.replace(SUGGESTION, '') };
    }
    return formatted;
  }
}
