import { Controller, ForbiddenException, Get, Headers, Res, UnauthorizedException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { AuthenticationService } from '../access/authentication/authentication.service.js';
import type { AppSettings } from '../config/app-settings.js';
import { Metrics } from './metrics.js';
import { CountedApart } from '../http/rate-limit.guard.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/**
 * `GET /metrics` in Prometheus's text format, for an `Authorization: Bearer` of either the
 * `METRICS_TOKEN` (a scraper) or an ADMIN user's access token. Anyone else: 401 without
 * credentials or with unknown ones, 403 with another role's token. Metrics name operations, error
 * rates and the store's size: an operator's business, not the public's.
 */
@Controller('metrics')
// A scraper's, not a person's: never counted in RATE_LIMIT_PER_MINUTE (an office's proxy address would starve it).
@CountedApart()
export class MetricsController {
  private readonly scraperToken: Buffer | null;

  constructor(
    private readonly metrics: Metrics,
    private readonly authentication: AuthenticationService,
    config: ConfigService<AppSettings, true>,
  ) {
    const token = config.get('METRICS_TOKEN', { infer: true });
    this.scraperToken = token ? sha256(token) : null;
  }

  @Get()
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() response: ServerResponse): Promise<void> {
    this.authorize(authorization);
    const body = await this.metrics.registry.metrics();
    response.setHeader('content-type', this.metrics.registry.contentType);
    response.end(body);
  }

  private authorize(authorization: string | undefined): void {
    const bearer = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '')?.[1];
    if (bearer && this.scraperToken && timingSafeEqual(sha256(bearer), this.scraperToken)) return;
    let role: string | undefined;
    try {
      role = this.authentication.authenticate(authorization)?.role;
    } catch {
      role = undefined;
    }
    if (role === 'ADMIN') return;
    if (role) throw new ForbiddenException('Only ADMIN users and the metrics scraper may read /metrics.');
    throw new UnauthorizedException('Send an ADMIN access token, or the METRICS_TOKEN, as "Authorization: Bearer <token>".');
  }
}
