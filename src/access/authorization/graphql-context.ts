import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Actor } from '../../shared/command-context.js';

/** What every GraphQL resolver can see of its request, over HTTP or a WebSocket. */
export interface GraphqlContext {
  /** The Authorization header, or the graphql-ws connection parameter of the same name. */
  readonly authorization: string | undefined;
  /**
   * Over HTTP, the request's `x-correlation-id` (at most 100 characters), or a UUID made for it:
   * the request's log line and the events it appends carry it, and the answer returns it.
   */
  readonly correlationId: string | undefined;
  /** Set by the access guard: null for an anonymous caller. */
  actor?: Actor | null;
  /** Set by the access guard: the session signed in with, null for an API token. */
  sessionId?: string | null;
  /** Set by the access guard: the session must change its initial password before anything else. */
  mustChangePassword?: boolean;
}

const header = (request: IncomingMessage | undefined, name: string) => {
  const value = request?.headers[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
};

/** Builds the context from Apollo's HTTP request or graphql-ws connection. */
export function graphqlContext(input: {
  req?: IncomingMessage;
  connectionParams?: Record<string, unknown>;
  extra?: { request?: IncomingMessage };
}): GraphqlContext {
  if (input.req) {
    return { authorization: header(input.req, 'authorization'), correlationId: header(input.req, 'x-correlation-id')?.slice(0, 100) ?? randomUUID() };
  }
  const params = input.connectionParams ?? {};
  const fromParams = params.authorization ?? params.Authorization;
  return {
    authorization: typeof fromParams === 'string' ? fromParams : header(input.extra?.request, 'authorization'),
    correlationId: undefined,
  };
}
