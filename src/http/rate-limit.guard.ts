import { CanActivate, ExecutionContext, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AuthenticationService } from '../access/authentication/authentication.service.js';
import type { AppSettings } from '../config/app-settings.js';
import { RateLimiter, type RateLimitVerdict } from './rate-limiter.js';

type HttpRequest = IncomingMessage & { ip?: string; res?: ServerResponse };

/**
 * At most `RATE_LIMIT_PER_MINUTE` GraphQL requests a minute per client (0: no limit). A client
 * is the account its `Authorization` header signs in — every spelling of the header and every
 * token or session of the account share one window — or, without a credential that signs anyone
 * in, its IP address (`callerOf`). One HTTP request counts once, however many root fields it asks
 * for. Subscriptions over WebSocket and plain HTTP routes (`/health`) are not limited.
 *
 * A refusal is an HTTP 429 exception, which the GraphQL error filter answers as
 * `TOO_MANY_REQUESTS`; the `Retry-After` header says how many seconds to wait.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly limiter: RateLimiter;
  private readonly verdicts = new WeakMap<HttpRequest, RateLimitVerdict>();

  constructor(
    config: ConfigService<AppSettings, true>,
    private readonly authentication: AuthenticationService,
  ) {
    this.limiter = new RateLimiter(config.get('RATE_LIMIT_PER_MINUTE', { infer: true }));
  }

  canActivate(context: ExecutionContext): boolean {
    if (this.limiter.perMinute === 0 || context.getType<GqlContextType>() !== 'graphql') return true;
    const { req, res } = GqlExecutionContext.create(context).getContext<{ req?: HttpRequest; res?: ServerResponse }>();
    // Express links its request and response; over WebSocket there is no HTTP response (and Nest
    // puts the connection's init arguments where `req` would be).
    const response = res ?? req?.res;
    if (!req?.headers || !response) return true;
    let verdict = this.verdicts.get(req);
    if (!verdict) {
      verdict = this.limiter.take(callerOf(req, this.authentication));
      this.verdicts.set(req, verdict);
      if (!verdict.allowed && !response.headersSent) response.setHeader('Retry-After', String(verdict.retryAfterSeconds));
    }
    if (verdict.allowed) return true;
    throw new HttpException(
      {
        message: `Too many requests: at most ${this.limiter.perMinute} a minute are allowed. Try again in ${verdict.retryAfterSeconds} s.`,
        messageZh: `请求过于频繁：每分钟最多 ${this.limiter.perMinute} 次，请 ${verdict.retryAfterSeconds} 秒后再试。`,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/**
 * The caller a request counts for (AuthenticationService.callerOf): `account:<user id>` when its
 * `Authorization` header signs someone in, else `ip:<address>` (breaker12c P2: the raw header text
 * made every spelling of one token a new caller).
 */
export const callerOf = (req: HttpRequest, authentication: AuthenticationService): string =>
  authentication.callerOf(req.headers.authorization, req.ip ?? req.socket.remoteAddress);

/** Wraps the GraphQL context builder so the context also carries Express's `req` and `res`, where the guard finds them. */
export const withHttpRequest =
  <Input, Context extends object>(build: (input: Input) => Context) =>
  (input: Input & { req?: unknown; res?: unknown }): Context & { req?: unknown; res?: unknown } => ({ ...build(input), req: input.req, res: input.res });
