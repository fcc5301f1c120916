import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import { DomainError, ROLE_ZH, say } from '../../shared/domain-error.js';
import { AuthenticationService, signInFirst } from '../authentication/authentication.service.js';
import { ACCESS_POLICY, ALLOWED_BEFORE_PASSWORD_CHANGE, type AccessPolicy } from './access-policy.js';
import type { Actor } from '../../shared/command-context.js';
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

    if (policy?.public) {
      // A stale token left in a browser must not stand in the way of signing in again.
      if (request.actor === undefined) request.actor = this.signedInOrNull(request);
      return true;
    }
    if (request.actor === undefined) {
      const signedIn = this.authentication.signedIn(request.authorization);
      request.actor = signedIn?.actor ?? null;
      request.sessionId = signedIn?.sessionId ?? null;
      request.mustChangePassword = signedIn?.mustChangePassword ?? false;
    }
    const actor = request.actor;
    if (!actor) throw signInFirst();
    if (!policy || !policy.roles.includes(actor.role)) {
      throw new DomainError('FORBIDDEN', say(`${actor.role} users may not use ${operation}.`, `${ROLE_ZH[actor.role] ?? actor.role}无权使用 ${operation}。`));
    }
    if (request.mustChangePassword && !this.reflector.getAllAndOverride<boolean | undefined>(ALLOWED_BEFORE_PASSWORD_CHANGE, [context.getHandler(), context.getClass()])) {
      throw new DomainError(
        'FORBIDDEN',
        say('Choose your own password first (changePassword): you signed in with an initial password.', '您使用的是初始密码，请先修改密码。'),
        { reason: 'PASSWORD_CHANGE_REQUIRED' },
      );
    }
    return true;
  }

  private signedInOrNull(request: GraphqlContext): Actor | null {
    try {
      return this.authentication.authenticate(request.authorization);
    } catch {
      return null;
    }
  }
}
