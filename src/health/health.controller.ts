import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { EVENT_STORE, formatPosition, type EventStore } from '../event-store/event-store.port.js';
import { ProjectionEngine } from '../event-sourcing/projection-engine.js';

@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionEngine,
  ) {}

  /** Is the store reachable, and how far behind the log are the read models? */
  @Get()
  async health() {
    let head;
    try {
      head = await this.store.headPosition();
    } catch (error) {
      throw new ServiceUnavailableException({ status: 'unavailable', store: this.store.kind, error: String(error) });
    }
    return {
      status: 'ok',
      store: this.store.kind,
      logPosition: formatPosition(head),
      projectedPosition: formatPosition(this.projections.position),
    };
  }
}
