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
import { UsersReadModel, normalizeLoginName } from '../users/users.read-model.js';
import { Clock } from '../../shared/clock.js';
import { sentDevice } from './device-cookie.js';
import { UntrustedForwarding } from '../../http/untrusted-forwarding.js';

/** `extensions.reason` of a sign-in refused by these limits (code TOO_MANY_REQUESTS). */
export type SignInLimitReason = 'SIGN_IN_FAILURES_FOR_LOGIN_NAME' | 'SIGN_IN_FAILURES_FROM_ADDRESS' | 'SIGN_INS_FOR_LOGIN_NAME' | 'SIGN_INS_FOR_LOGIN_NAME_AT_ADDRESS';

/**
 * What bounds `signIn`, apart from RATE_LIMIT_PER_MINUTE (which does not count it, so that other
 * anonymous traffic from an office's one proxy or NAT address cannot keep its staff from signing in —
 * breaker12d P1). A login name *known at an address* signed in successfully from it within
 * KNOWN_SIGN_IN_DAYS (`UsersReadModel.signedInLately`: kept from the log, so it outlives a restart and
 * holds on every server of the store — breaker12f P2): the office's own staff at the office's address.
 * - failed attempts at a login name: at most SIGN_IN_FAILURES_PER_LOGIN_NAME_PER_MINUTE a minute
 *   (counted when they fail — a credential refused: wrong name or password, account locked or
 *   deactivated; never a conflict, a store error or bad input — checked before the password is),
 *   counted for the name *at that address* where the name is known there and for the name from
 *   everywhere else otherwise: guessing at one name is bounded (the account's own lock after five
 *   wrong passwords in a row stays), and wrong passwords typed elsewhere do not keep the office's
 *   own staff out (breaker12e P2);
 * - failed attempts from an address (Express's `req.ip`: behind a proxy listed in TRUST_PROXY, the
 *   address it forwards): at most SIGN_IN_FAILURES_PER_ADDRESS_PER_MINUTE attempts a minute that did
 *   not sign in, counted before the password is checked and given back when it signs in (or fails
 *   for another reason than its credential) — bounds guessing across many names from one address
 *   and the argon2 work it costs; a name known at the address is not held by it (breaker12e P2:
 *   60 failures a minute from an office's shared NAT address refused every staff member's right
 *   password), a name new there is;
 * - successful sign-ins at a login name from one address: at most
 *   SIGN_INS_PER_LOGIN_NAME_AND_ADDRESS_PER_MINUTE a minute, and from every address together at most
 *   SIGN_INS_PER_LOGIN_NAME_PER_MINUTE, checked before the password is (breaker12e P4: one script
 *   signed in 7.5 times a second, each an event in the ledger; an office signs in a few dozen times in
 *   its busiest minute). The bound per address is the tight one, so one holder of a shared account's
 *   password signing in from elsewhere (a script, a kiosk) cannot keep the office out (breaker12f P3);
 *   behind one NAT address with no proxy to tell clients apart, the office shares that bound.
 *
 * Refused: TOO_MANY_REQUESTS with `reason` (SignInLimitReason) and `retryAfterSeconds` (whole
 * seconds until the window ends; also the `Retry-After` header), nothing appended, the password not
 * checked. Counted in memory per server process (rate-limiter-flexible); 0 turns a limit off.
 */
@Injectable()
export class SignInAttemptsInterceptor implements NestInterceptor {
  private readonly perLoginName: RateLimiter;
  private readonly failuresPerAddress: RateLimiter;
  private readonly signInsPerLoginName: RateLimiter;
  private readonly signInsPerLoginNameAtAddress: RateLimiter;

  constructor(
    config: ConfigService<AppSettings, true>,
    private readonly users: UsersReadModel,
    private readonly clock: Clock,
    private readonly forwarding: UntrustedForwarding,
  ) {
    this.perLoginName = new RateLimiter(config.get('SIGN_IN_FAILURES_PER_LOGIN_NAME_PER_MINUTE', { infer: true }), 'sign-in-failures-login-name');
    this.failuresPerAddress = new RateLimiter(config.get('SIGN_IN_FAILURES_PER_ADDRESS_PER_MINUTE', { infer: true }), 'sign-in-failures-address');
    this.signInsPerLoginName = new RateLimiter(config.get('SIGN_INS_PER_LOGIN_NAME_PER_MINUTE', { infer: true }), 'sign-ins-login-name');
    this.signInsPerLoginNameAtAddress = new RateLimiter(config.get('SIGN_INS_PER_LOGIN_NAME_AND_ADDRESS_PER_MINUTE', { infer: true }), 'sign-ins-login-name-address');
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const graphql = GqlExecutionContext.create(context);
    const { req, res } = graphql.getContext<{ req?: HttpRequest; res?: ServerResponse }>();
    const { input } = graphql.getArgs<{ input?: { loginName?: unknown } }>();
    const loginName = normalizeLoginName(String(input?.loginName ?? ''));
    const clientAddress = clientAddressOf(req);
    const address = `ip:${clientAddress ?? 'unknown'}`;
    const pair = `${loginName}\u0000${address}`;
    const userId = this.users.userIdByLoginName(loginName);
    const device = sentDevice(req);
    const deviceKnown = this.users.signedInOnLately(userId, device, this.clock.now());
    // Behind a proxy TRUST_PROXY does not list, no name is known at the proxy's address (breaker12g P5).
    const known = deviceKnown || (!this.forwarding.untrusted(req) && this.users.signedInLately(userId, clientAddress, this.clock.now()));
    // A browser the name signed in on lately counts its failures apart, wherever it is (breaker12g P2).
    const nameKey = deviceKnown ? `${loginName}\u0000${device}` : known ? pair : loginName;
    const response = res ?? req?.res;

    const byName = await this.perLoginName.check(nameKey);
    if (!byName.allowed) {
      throw refused(response, 'SIGN_IN_FAILURES_FOR_LOGIN_NAME', byName.retryAfterSeconds, {
        en: `Too many failed sign-ins with this login name: at most ${this.perLoginName.perMinute} a minute. Try again in ${byName.retryAfterSeconds} s.`,
        zh: `此登录名登录失败的次数过多：每分钟最多 ${this.perLoginName.perMinute} 次，请 ${byName.retryAfterSeconds} 秒后再试。`,
      });
    }
    const signInsHere = await this.signInsPerLoginNameAtAddress.check(pair);
    if (!signInsHere.allowed) {
      throw refused(response, 'SIGN_INS_FOR_LOGIN_NAME_AT_ADDRESS', signInsHere.retryAfterSeconds, {
        en: `This login name signed in from this address too often: at most ${this.signInsPerLoginNameAtAddress.perMinute} times a minute. Try again in ${signInsHere.retryAfterSeconds} s.`,
        zh: `此登录名从此地址登录过于频繁：每分钟最多 ${this.signInsPerLoginNameAtAddress.perMinute} 次，请 ${signInsHere.retryAfterSeconds} 秒后再试。`,
      });
    }
    const signIns = await this.signInsPerLoginName.check(loginName);
    if (!signIns.allowed) {
      throw refused(response, 'SIGN_INS_FOR_LOGIN_NAME', signIns.retryAfterSeconds, {
        en: `This login name signed in too often: at most ${this.signInsPerLoginName.perMinute} times a minute. Try again in ${signIns.retryAfterSeconds} s.`,
        zh: `此登录名登录过于频繁：每分钟最多 ${this.signInsPerLoginName.perMinute} 次，请 ${signIns.retryAfterSeconds} 秒后再试。`,
      });
    }
    if (!known) {
      const byAddress = await this.failuresPerAddress.take(address);
      if (!byAddress.allowed) {
        throw refused(response, 'SIGN_IN_FAILURES_FROM_ADDRESS', byAddress.retryAfterSeconds, {
          en: `Too many failed sign-ins from this address: at most ${this.failuresPerAddress.perMinute} a minute. Try again in ${byAddress.retryAfterSeconds} s.`,
          zh: `从此地址登录失败的次数过多：每分钟最多 ${this.failuresPerAddress.perMinute} 次，请 ${byAddress.retryAfterSeconds} 秒后再试。`,
        });
      }
    }
    const giveBack = () => (known ? undefined : this.failuresPerAddress.giveBack(address));
    return next.handle().pipe(
      tap({
        next: () => void Promise.all([giveBack(), this.signInsPerLoginName.count(loginName), this.signInsPerLoginNameAtAddress.count(pair)]),
        // Only a refused credential is a failed sign-in (breaker12e P1: a CONFLICT between an office's
        // concurrent right passwords counted, and ten of them closed the login name to everyone).
        error: (error: unknown) => void (error instanceof CredentialRefused ? this.perLoginName.count(nameKey) : giveBack()),
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
