import type { EventStore, Position } from '../event-store/event-store.port.js';
import type { EventSchemaRegistry } from '../shared/event-schemas.js';
import { recordedEvent, type Projection } from './recorded-event.js';

/**
 * Replays the whole log into a fresh read model, outside the server: how a command-line tool
 * learns what the directory holds (the server's read models are fed by the ProjectionEngine).
 */
export async function replayLog<P extends Projection>(store: EventStore, schemas: EventSchemaRegistry, projection: P): Promise<P> {
  let after: Position | undefined;
  for (;;) {
    const batch = await store.readAll({ after, maxCount: 1000 });
    if (batch.length === 0) return projection;
    for (const stored of batch) {
      projection.apply(recordedEvent(schemas, stored));
      await projection.settle?.();
    }
    after = batch[batch.length - 1]!.position;
  }
}
