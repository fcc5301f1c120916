import { applyDecorators, CallHandler, ExecutionContext, Injectable, NestInterceptor, UseInterceptors } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { ServerResponse } from 'node:http';
import { Observable, tap } from 'rxjs';
import type { AppSettings } from '../../config/app-settings.js';
import { clientAddressOf, CountedApart, type HttpRequest } from '../../http/rate-limit.guard.js';
import { RateLimiter } from '../../http/rate-limiter.js';
import { DomainError, say } from '../../shared/domain-error.js';
import { CredentialRefused } from '../domain/credential-refused.js';
import { normalizeLoginName } from '../users/users.read-model.js';

/** `extensions.reason` of a sign-in refused by these limits (code TOO_MANY_REQUESTS). */
export type SignInLimitReason = 'SIGN_IN_FAILURES_FOR_LOGIN_NAME' | 'SIGN_IN_FAILURES_FROM_ADDRESS';

/**
 * What bounds `signIn`, apart from RATE_LIMIT_PER_MINUTE (which does not count it, so that other
 * anonymous traffic from an office's one proxy or NAT address cannot keep its staff from signing in —
 * breaker12d P1):
 * - per login name (as `normalizeLoginName` compares it, from any address): at most
 *   SIGN_IN_FAILURES_PER_LOGIN_NAME_PER_MINUTE failed attempts a minute (counted when they fail —
 *   a credential refused: wrong name or password, account locked or deactivated; never a conflict, a
 *   store error or bad input — checked before the password is) — bounds password guessing at one name, also one no account
 *   has, while an account an office shares is signed in by any number of its people (the account's
 *   own lock after five wrong passwords in a row stays);
 * - per client address (Express's `req.ip`: behind a proxy listed in TRUST_PROXY, the address it
 *   forwards): at most SIGN_IN_FAILURES_PER_ADDRESS_PER_MINUTE attempts a minute that did not sign
 *   in — each attempt is counted before the password is checked and given back when it signs in, so
 *   a morning's hundreds of sign-ins from one office address never count, while guessing across
 *   many names from one address is bounded (and so is the argon2 work it costs).
 *
 * Refused: TOO_MANY_REQUESTS with `reason` (SignInLimitReason) and `retryAfterSeconds` (whole
 * seconds until the window ends; also the `Retry-After` header), nothing appended, the password not
 * checked. Counted in memory per server process (rate-limiter-flexible); 0 turns a limit off.
 */
@Injectable()
export class SignInAttemptsInterceptor implements NestInterceptor {
  private readonly perLoginName: RateLimiter;
  private readonly failuresPerAddress: RateLimiter;

  constructor(config: ConfigService<AppSettings, true>) {
    this.perLoginName = new RateLimiter(config.get('SIGN_IN_FAILURES_PER_LOGIN_NAME_PER_MINUTE', { infer: true }), 'sign-in-failures-login-name');
    this.failuresPerAddress = new RateLimiter(config.get('SIGN_IN_FAILURES_PER_ADDRESS_PER_MINUTE', { infer: true }), 'sign-in-failures-address');
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const graphql = GqlExecutionContext.create(context);
    const { req, res } = graphql.getContext<{ req?: HttpRequest; res?: ServerResponse }>();
    const { input } = graphql.getArgs<{ input?: { loginName?: unknown } }>();
    const loginName = normalizeLoginName(String(input?.loginName ?? ''));
    const address = `ip:${clientAddressOf(req) ?? 'unknown'}`;

    const byName = await this.perLoginName.check(loginName);
    if (!byName.allowed) {
      throw refused(res ?? req?.res, 'SIGN_IN_FAILURES_FOR_LOGIN_NAME', byName.retryAfterSeconds, {
        en: `Too many failed sign-ins with this login name: at most ${this.perLoginName.perMinute} a minute. Try again in ${byName.retryAfterSeconds} s.`,
        zh: `此登录名登录失败的次数过多：每分钟最多 ${this.perLoginName.perMinute} 次，请 ${byName.retryAfterSeconds} 秒后再试。`,
      });
    }
    const byAddress = await this.failuresPerAddress.take(address);
    if (!byAddress.allowed) {
      throw refused(res ?? req?.res, 'SIGN_IN_FAILURES_FROM_ADDRESS', byAddress.retryAfterSeconds, {
        en: `Too many failed sign-ins from this address: at most ${this.failuresPerAddress.perMinute} a minute. Try again in ${byAddress.retryAfterSeconds} s.`,
        zh: `从此地址登录失败的次数过多：每分钟最多 ${this.failuresPerAddress.perMinute} 次，请 ${byAddress.retryAfterSeconds} 秒后再试。`,
      });
    }
    return next.handle().pipe(
      tap({
        next: () => void this.failuresPerAddress.giveBack(address),
        // Only a refused credential is a failed sign-in (breaker12e P1: a CONFLICT between an office's
        // concurrent right passwords counted, and ten of them closed the login name to everyone).
        error: (error: unknown) => void (error instanceof CredentialRefused ? this.perLoginName.count(loginName) : this.failuresPerAddress.giveBack(address)),
      }),
    );
  }
}

function refused(response: ServerResponse | undefined, reason: SignInLimitReason, retryAfterSeconds: number, message: { en: string; zh: string }): DomainError {
  if (response && !response.headersSent) response.setHeader('Retry-After', String(retryAfterSeconds));
  return new DomainError('TOO_MANY_REQUESTS', say(message.en, message.zh), { reason, retryAfterSeconds });
}

/** On `signIn`: bounded by SignInAttemptsInterceptor's limits instead of RATE_LIMIT_PER_MINUTE. */
export const SignInAttemptsLimited = () => applyDecorators(CountedApart(), UseInterceptors(SignInAttemptsInterceptor));
