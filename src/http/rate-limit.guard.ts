import { CanActivate, ExecutionContext, HttpException, HttpStatus, Injectable, SetMetadata } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AuthenticationService } from '../access/authentication/authentication.service.js';
import type { AppSettings } from '../config/app-settings.js';
import { DomainError, say } from '../shared/domain-error.js';
import { httpRefusal } from './http-refusal.js';
import { RateLimiter, type RateLimitVerdict } from './rate-limiter.js';

/** A request as Express hands it on: `ip` set by Express (TRUST_PROXY), `res` its response. */
export type HttpRequest = IncomingMessage & { ip?: string; res?: ServerResponse };

const COUNTED_APART = 'rectify:counted-apart';

/**
 * Marks an operation (or a controller) that RATE_LIMIT_PER_MINUTE does not count: one with a limit
 * of its own (`signIn`: SignInAttempts) — a request asking only for such operations takes nothing
 * from its caller's window, and a caller whose window is used up may still call them (breaker12d P1:
 * 300 anonymous `{ me }` a minute from an office's proxy or NAT address kept everyone behind it from
 * signing in) — or a probe or scraper's endpoint (`/health`, `/metrics`).
 */
export const CountedApart = () => SetMetadata(COUNTED_APART, true);

/**
 * At most `RATE_LIMIT_PER_MINUTE` requests a minute per client (0: no limit): GraphQL requests
 * over HTTP, downloads (`/export/*`) and uploads (`/imports/files`) in one window. A client
 * is the account its `Authorization` header signs in — every spelling of the header and every
 * token or session of the account share one window — or, without a credential that signs anyone
 * in, its IP address (`callerOf`; behind a proxy listed in TRUST_PROXY, the client's address it
 * forwards). One HTTP request counts once, however many root fields it asks for; root fields marked
 * `CountedApart` (`signIn`) are not counted here. Subscriptions over WebSocket, `/health`, `/metrics`
 * and the web app's files are not limited.
 *
 * A refusal is an HTTP 429 exception, which the GraphQL error filter answers as
 * `TOO_MANY_REQUESTS` (a download or upload: status 429 with the same error shape and
 * `extensions.retryAfterSeconds`); the `Retry-After` header says how many seconds to wait.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly limiter: RateLimiter;
  /** The web's push-driven reloads (LIVE_RELOAD_HEADER on a query), per client, apart from `limiter`. */
  private readonly liveReloads: RateLimiter;
  private readonly verdicts = new WeakMap<HttpRequest, Promise<RateLimitVerdict>>();

  constructor(
    config: ConfigService<AppSettings, true>,
    private readonly authentication: AuthenticationService,
    private readonly reflector: Reflector,
  ) {
    this.limiter = new RateLimiter(config.get('RATE_LIMIT_PER_MINUTE', { infer: true }), 'requests');
    this.liveReloads = new RateLimiter(config.get('RATE_LIMIT_LIVE_RELOADS_PER_MINUTE', { infer: true }), 'live-reloads');
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.limiter.perMinute === 0 && this.liveReloads.perMinute === 0) return true;
    if (this.reflector.getAllAndOverride<boolean | undefined>(COUNTED_APART, [context.getHandler(), context.getClass()])) return true;
    const type = context.getType<GqlContextType>();
    if (type !== 'graphql' && type !== 'http') return true;
    const { req, res } =
      type === 'graphql'
        ? GqlExecutionContext.create(context).getContext<{ req?: HttpRequest; res?: ServerResponse }>()
        : { req: context.switchToHttp().getRequest<HttpRequest>(), res: context.switchToHttp().getResponse<ServerResponse>() };
    // Express links its request and response; over WebSocket there is no HTTP response (and Nest
    // puts the connection's init arguments where `req` would be).
    const response = res ?? req?.res;
    if (!req?.headers || !response) return true;
    const live = type === 'graphql' && isLiveReload(req, GqlExecutionContext.create(context).getInfo<GraphQLResolveInfo>());
    const limiter = live ? this.liveReloads : this.limiter;
    if (limiter.perMinute === 0) return true;
    let counted = this.verdicts.get(req);
    if (!counted) {
      counted = limiter.take(callerOf(req, this.authentication));
      this.verdicts.set(req, counted);
    }
    const verdict = await counted;
    if (verdict.allowed) return true;
    if (!response.headersSent) response.setHeader('Retry-After', String(verdict.retryAfterSeconds));
    const message = live
      ? say(
          `Too many automatic reloads of open pages: at most ${limiter.perMinute} a minute. They resume in ${verdict.retryAfterSeconds} s.`,
          `页面自动刷新过于频繁：每分钟最多 ${limiter.perMinute} 次，请 ${verdict.retryAfterSeconds} 秒后再试。`,
        )
      : say(
          `Too many requests: at most ${limiter.perMinute} a minute are allowed. Try again in ${verdict.retryAfterSeconds} s.`,
          `请求过于频繁：每分钟最多 ${limiter.perMinute} 次，请 ${verdict.retryAfterSeconds} 秒后再试。`,
        );
    // A download or an upload is answered in the GraphQL error shape, as its own refusals are.
    if (type === 'http') throw httpRefusal(new DomainError('TOO_MANY_REQUESTS', message, { retryAfterSeconds: verdict.retryAfterSeconds }));
    throw new HttpException({ message: message.en, messageZh: message.zh }, HttpStatus.TOO_MANY_REQUESTS);
  }
}

/** The request header the web app sets on the queries its push-driven reloads send (web/src/live-reload.ts). */
export const LIVE_RELOAD_HEADER = 'x-rectify-live-reload';

/**
 * A query the web app sent only because the server pushed a change (breaker12e P7): counted in
 * RATE_LIMIT_LIVE_RELOADS_PER_MINUTE instead of RATE_LIMIT_PER_MINUTE, so a shared account's open
 * tabs reloading on every change of the city never spend the window its people act with. A mutation
 * (or anything but a query) is counted as people's own, whatever it says; the header moves queries
 * to a window of their own, bounded like the other, so it lifts no limit.
 */
const isLiveReload = (req: HttpRequest, info: GraphQLResolveInfo | undefined): boolean =>
  req.headers[LIVE_RELOAD_HEADER] === '1' && info?.operation.operation === 'query';

/**
 * The caller a request counts for (AuthenticationService.callerOf): `account:<user id>` when its
 * `Authorization` header signs someone in, else `ip:<address>` (breaker12c P2: the raw header text
 * made every spelling of one token a new caller). The address is Express's `req.ip`: the socket's
 * peer, or behind a proxy listed in TRUST_PROXY the client address it forwarded (X-Forwarded-For).
 */
export const callerOf = (req: HttpRequest, authentication: AuthenticationService): string =>
  authentication.callerOf(req.headers.authorization, clientAddressOf(req));

/** The client's address (Express's `req.ip`: the socket's peer, or behind a proxy listed in TRUST_PROXY the address it forwarded); undefined when unknown. */
export const clientAddressOf = (req: HttpRequest | undefined): string | undefined => req?.ip ?? req?.socket?.remoteAddress;

/** Wraps the GraphQL context builder so the context also carries Express's `req` and `res`, where the guard finds them. */
export const withHttpRequest =
  <Input, Context extends object>(build: (input: Input) => Context) =>
  (input: Input & { req?: unknown; res?: unknown }): Context & { req?: unknown; res?: unknown } => ({ ...build(input), req: input.req, res: input.res });
