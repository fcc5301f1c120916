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
    const parentType = graphql.getInfo<{ parentType: { name: string } }>().parentType.name;
    const operation = `${parentType}.${graphql.getInfo<{ fieldName: string }>().fieldName}`;
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
      throw new DomainError('FORBIDDEN', say(`${actor.role} users may not use ${operation}.`, notAllowedZh(actor.role, parentType, policy?.roles ?? [])));
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

/**
 * The Chinese of a refused operation, in words a clerk reads: who they are, what kind of thing
 * they tried (see, do, follow) and who may — never the API's names (`Query.verifyLedger`), which
 * the English message keeps for developers.
 */
export function notAllowedZh(role: string, parentType: string, allowed: readonly string[]): string {
  const tried = parentType === 'Mutation' ? '执行此操作' : parentType === 'Subscription' ? '订阅这些更新' : '查看这些内容';
  const who = allowed.filter((each) => each !== 'SYSTEM').map((each) => ROLE_ZH[each] ?? '其他用户');
  return `${ROLE_ZH[role] ?? '您的账号'}无权${tried}${who.length > 0 ? `，仅限${who.join('、')}` : ''}。`;
}
