import { Injectable } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Gauge } from 'prom-client';
import { Metrics } from './metrics.js';

/**
 * HTTP requests being received or answered right now (probes and scrapes aside). A graceful
 * shutdown waits for them, so a mutation that had arrived is answered (and its events stored)
 * before the store closes.
 */
@Injectable()
export class InFlightRequests {
  private count = 0;
  private readonly idleWaiters = new Set<() => void>();

  constructor(metrics: Metrics) {
    const requests = this;
    new Gauge({
      name: 'rectify_http_requests_in_flight',
      help: 'HTTP requests being received or answered, /health and /metrics aside.',
      registers: [metrics.registry],
      collect() {
        this.set(requests.size);
      },
    });
  }

  /** Express middleware: counts each request from its arrival until its answer is sent or its connection drops. */
  readonly middleware = (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    if (!/^\/(health|metrics)(\/|\?|$)/.test(request.url ?? '')) response.once('close', this.begin());
    next();
  };

  get size(): number {
    return this.count;
  }

  /** Marks a request as started; call the returned function once when it is answered. */
  begin(): () => void {
    this.count += 1;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.count -= 1;
      if (this.count === 0) for (const resolve of this.idleWaiters) resolve();
    };
  }

  /** Resolves `true` once no request is in flight, or `false` when `timeoutMs` passed first. */
  settled(timeoutMs: number): Promise<boolean> {
    if (this.count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const idle = () => {
        clearTimeout(timer);
        this.idleWaiters.delete(idle);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.idleWaiters.delete(idle);
        resolve(false);
      }, timeoutMs);
      this.idleWaiters.add(idle);
    });
  }
}
