import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GraphqlContext } from '../../access/authorization/graphql-context.js';
import type { Actor } from '../command-context.js';
import { signInFirst } from '../../access/authentication/authentication.service.js';

export interface Requester {
  readonly actor: Actor;
  readonly correlationId: string | undefined;
}

/** The signed-in caller, as the access guard authenticated it from its token. */
export const CurrentRequester = createParamDecorator((_: unknown, context: ExecutionContext): Requester => {
  const graphql = GqlExecutionContext.create(context).getContext<GraphqlContext>();
  if (!graphql.actor) throw signInFirst();
  return { actor: graphql.actor, correlationId: graphql.correlationId };
});
