import type { ApolloServerPlugin, GraphQLRequestContext, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { Injectable, Logger } from '@nestjs/common';
import { Kind, type OperationDefinitionNode } from 'graphql';
import type { IncomingMessage } from 'node:http';
import type { GraphqlContext } from '../access/authorization/graphql-context.js';
import { Metrics } from './metrics.js';

type RequestContext = GraphqlContext & { req?: IncomingMessage };

/** More root fields than this in one operation are labelled by their number, to keep metric labels few. */
const MAX_FIELDS_IN_LABEL = 3;

/**
 * What an operation asks, as a bounded metric label: its type and root fields, sorted
 * (`mutation recordFinding`, `query dashboard+units`); `invalid` when it did not parse or
 * validate. Client-chosen operation names are logged, never used as labels (anyone could
 * invent millions).
 */
export function operationLabel(operation: OperationDefinitionNode | undefined): string {
  if (!operation) return 'invalid';
  const fields = [
    ...new Set(operation.selectionSet.selections.map((selection) => (selection.kind === Kind.FIELD ? selection.name.value : '(fragment)'))),
  ].sort();
  const what = fields.length > MAX_FIELDS_IN_LABEL ? `(${fields.length} fields)` : fields.join('+');
  return `${operation.operation} ${what}`;
}

/**
 * Every GraphQL request over HTTP: one log line when it is answered — method, operation, the
 * client's operation name, caller id (never the token), duration, result code and correlation id
 * — and the request metrics; every answer is sent `cache-control: no-store` (what Apollo's
 * cache-control plugin sent before it was turned off for speed).
 * The correlation id is the request's `x-correlation-id` or one made for it (see
 * `graphqlContext`); the answer carries it back in the same header.
 */
@Plugin()
@Injectable()
export class RequestObserver implements ApolloServerPlugin<RequestContext> {
  private readonly logger = new Logger('GraphQL');

  constructor(private readonly metrics: Metrics) {}

  async requestDidStart(start: GraphQLRequestContext<RequestContext>): Promise<GraphQLRequestListener<RequestContext>> {
    const started = performance.now();
    let operation: OperationDefinitionNode | undefined;
    return {
      didResolveOperation: async (context) => {
        operation = context.operation;
      },
      willSendResponse: async ({ response, contextValue, request }) => {
          const seconds = (performance.now() - started) / 1000;
          const body = response.body;
          const errors = body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors;
          const code = String(errors?.[0]?.extensions?.code ?? 'OK');
          const label = operationLabel(operation);
          this.metrics.requests.inc({ operation: label, code });
          this.metrics.requestDuration.observe({ operation: label }, seconds);
          if (contextValue.correlationId) response.http.headers.set('x-correlation-id', contextValue.correlationId);
          // Every answer is for one reader: never kept by a browser or an intranet proxy.
          response.http.headers.set('cache-control', 'no-store');
          this.logger.log('GraphQL request answered', {
            method: contextValue.req?.method ?? start.request.http?.method,
            operation: label,
            operationName: request.operationName?.slice(0, 100) ?? null,
            caller: contextValue.actor?.id ?? null,
            code,
            errors: errors?.length ?? 0,
            durationMs: Math.round(seconds * 10_000) / 10,
            correlationId: contextValue.correlationId ?? null,
          });
      },
    };
  }
}
