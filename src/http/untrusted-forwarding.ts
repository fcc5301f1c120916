import { Injectable, Logger } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { Clock } from '../shared/clock.js';
import type { TrustProxy } from './trusted-proxies.js';

/** `/health`'s notice while requests name a client in headers this server does not trust. */
export type ForwardingNoticeCause = 'FORWARDED_FOR_NOT_TRUSTED';

/** Headers a reverse proxy names the client in. */
const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'] as const;

/**
 * Requests that name their client in `X-Forwarded-For` (or `Forwarded`, `X-Real-IP`) while the peer
 * that sent them is not a proxy listed in TRUST_PROXY (breaker12g P5): most likely a reverse proxy
 * in front of a server whose TRUST_PROXY was left empty — every client then has the proxy's address,
 * for the rate limits and for the sign-in lock. Said once in the server log (English and Chinese)
 * and on /health as a notice while it lasts (since: the first such request, UTC instant); and a
 * sign-in from such a request is at no known address (`untrusted`): else every account that ever
 * signed in would be "known" at the proxy's address for the whole internet, and anyone's five wrong
 * passwords would lock it for the office there (the browsers it signed in on still count apart).
 */
@Injectable()
export class UntrustedForwarding {
  private readonly logger = new Logger('TrustProxy');
  private first: { readonly since: string; readonly peer: string } | null = null;
  private trust: TrustProxy = () => false;

  constructor(private readonly clock: Clock) {}

  /** The TRUST_PROXY setting as configure-http compiled it. */
  use(trust: TrustProxy): void {
    this.trust = trust;
  }

  /** Whether `request` names a client in a forwarding header that this server does not trust (noted the first time). */
  untrusted(request: IncomingMessage | undefined): boolean {
    if (!request || !FORWARDING_HEADERS.some((header) => request.headers[header] !== undefined)) return false;
    const peer = request.socket?.remoteAddress;
    if (peer === undefined || this.trust(peer, 0)) return false;
    if (!this.first) {
      this.first = { since: this.clock.now().toISOString(), peer };
      this.logger.warn(
        `Requests from ${peer} carry X-Forwarded-For, but TRUST_PROXY does not list that address: every client behind it is counted as ${peer} by the rate limits and the sign-in lock. Set TRUST_PROXY to the proxy's address and restart. / 来自 ${peer} 的请求带有 X-Forwarded-For，但 TRUST_PROXY 未列出该地址：其后的所有用户在访问限制和登录锁定中都按 ${peer} 计算。请把代理的地址写入 TRUST_PROXY 后重启。`,
      );
    }
    return true;
  }

  notices(): readonly { readonly cause: ForwardingNoticeCause; readonly since: string }[] {
    return this.first ? [{ cause: 'FORWARDED_FOR_NOT_TRUSTED', since: this.first.since }] : [];
  }
}
