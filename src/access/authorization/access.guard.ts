import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import type { Actor } from '../../shared/command-context.js';
import { DomainError } from '../../shared/domain-error.js';
import { AuthenticationService } from '../authentication/authentication.service.js';
import { ACCESS_POLICY, type AccessPolicy } from './access-policy.js';
import type { GraphqlContext } from './graphql-context.js';

/**
 * Every GraphQL operation passes here: the caller is authenticated from its token and the
 * operation's policy is checked. Refusals are logged, so attempts leave a trace.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger('Access');

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

    let actor: Actor | null;
    try {
      actor = request.actor !== undefined ? request.actor : this.authentication.authenticate(request.authorization);
    } catch (error) {
      this.refused(operation, null, error instanceof Error ? error.message : String(error));
      throw error;
    }
    request.actor = actor;

    if (policy?.public) return true;
    if (!actor) {
      this.refused(operation, null, 'no access token');
      throw new DomainError('UNAUTHENTICATED', 'Sign in first: send "Authorization: Bearer <token>".');
    }
    if (!policy || !policy.roles.includes(actor.role)) {
      this.refused(operation, actor, 'role not allowed');
      throw new DomainError('FORBIDDEN', `${actor.role} users may not use ${operation}.`);
    }
    return true;
  }

  private refused(operation: string, actor: Actor | null, reason: string) {
    const who = actor ? `${actor.id} (${actor.role}${actor.unitId ? `, unit ${actor.unitId}` : ''})` : 'anonymous caller';
    this.logger.warn(`Refused ${operation} to ${who}: ${reason}`);
  }
}
