import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { IncomingHttpHeaders } from 'node:http';
import { Actor } from '../command-context.js';
import { DomainError } from '../domain-error.js';

const HEADER_ROLES = ['SUPERVISOR', 'INSPECTOR', 'UNIT'] as const;

export interface Requester {
  readonly actor: Actor;
  readonly correlationId: string | undefined;
}

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text?.trim() || undefined;
};

/**
 * Who is acting, from the x-actor-* headers. Interim: trusted as sent until real authentication
 * replaces it; a mutation without them is refused.
 */
export function requesterFromHeaders(headers: IncomingHttpHeaders): Requester {
  const id = header(headers, 'x-actor-id');
  const role = header(headers, 'x-actor-role');
  const unitId = header(headers, 'x-actor-unit') ?? null;
  if (!id || !role) {
    throw new DomainError('UNAUTHENTICATED', 'Say who is acting: send the x-actor-id and x-actor-role headers.');
  }
  if (id.length > 100 || (unitId && unitId.length > 100)) {
    throw new DomainError('UNAUTHENTICATED', 'x-actor-id and x-actor-unit must be at most 100 characters long.');
  }
  if (!(HEADER_ROLES as readonly string[]).includes(role)) {
    throw new DomainError('UNAUTHENTICATED', `x-actor-role must be one of ${HEADER_ROLES.join(', ')} (got "${role}").`);
  }
  if (role === 'UNIT' && !unitId) {
    throw new DomainError('UNAUTHENTICATED', 'A unit user must name its unit in the x-actor-unit header.');
  }
  const correlationId = header(headers, 'x-correlation-id')?.slice(0, 100);
  return { actor: { id, role: role as Actor['role'], unitId }, correlationId };
}

export const CurrentRequester = createParamDecorator((_: unknown, context: ExecutionContext): Requester => {
  const request = GqlExecutionContext.create(context).getContext<{ req: { headers: IncomingHttpHeaders } }>().req;
  return requesterFromHeaders(request.headers);
});
