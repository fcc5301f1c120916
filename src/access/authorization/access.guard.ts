import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import { DomainError, ROLE_ZH, say } from '../../shared/domain-error.js';
import { AuthenticationService, signInFirst } from '../authentication/authentication.service.js';
import { ACCESS_POLICY, type AccessPolicy } from './access-policy.js';
import type { GraphqlContext } from './graphql-context.js';

/**
 * Every GraphQL operation passes here: the caller is authenticated from its token and the
 * operation's policy is checked. Refusals are logged by the error filter, with the operation.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authentication: AuthenticationService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<GqlContextType>() !== 'graphql') return true;
    const graphql = GqlExecutionContext.create(context);
    const operation = `${graphql.getInfo<{ parentType: { name: string } }>().parentType.name}.${graphql.getInfo<{ fieldName: string }>().fieldName}`;
    const request = graphql.getContext<GraphqlContext>();
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [context.getHandler(), context.getClass()]);

    const actor = request.actor !== undefined ? request.actor : this.authentication.authenticate(request.authorization);
    request.actor = actor;

    if (policy?.public) return true;
    if (!actor) {
      throw signInFirst();
    }
    if (!policy || !policy.roles.includes(actor.role)) {
      throw new DomainError('FORBIDDEN', say(`${actor.role} users may not use ${operation}.`, `${ROLE_ZH[actor.role] ?? actor.role}无权使用 ${operation}。`));
    }
    return true;
  }
}
