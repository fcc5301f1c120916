import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';

/** `starting` until the app has rebuilt its read models and is set up; `draining` once a shutdown began. */
export type ServingPhase = 'starting' | 'serving' | 'draining';

/** Where the process is in its life, for readiness: only a `serving` process takes new work. */
@Injectable()
export class ServingState implements OnApplicationBootstrap {
  private readonly logger = new Logger('Lifecycle');
  private current: ServingPhase = 'starting';

  get phase(): ServingPhase {
    return this.current;
  }

  /** Every module is initialised, so the read models are rebuilt (ProjectionEngine waits for that in its init). */
  onApplicationBootstrap(): void {
    if (this.current === 'starting') this.current = 'serving';
  }

  /** From now on readiness fails, so a load balancer stops sending new requests. */
  drain(reason: string): void {
    if (this.current === 'draining') return;
    this.current = 'draining';
    this.logger.log('Draining: no longer ready for new requests', { reason });
  }
}
