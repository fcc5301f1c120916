import type { FactoryProvider } from '@nestjs/common';
import { EVENT_STORE, comparePositions, type EventStore, type Position, type StreamReadOptions } from '../event-store/event-store.port.js';
import { EventSchemaRegistry } from '../shared/event-schemas.js';
import { ProjectionEngine } from './projection-engine.js';
import { recordedEvent, type RecordedEvent } from './recorded-event.js';

/**
 * One stream's events as the read models know them: read from the log when asked, so a read model
 * keeps counters and indexes in memory rather than every event's payload (a finding's or a
 * work-plan item's history and dated timeline, which time travel folds).
 */
export interface StreamReader {
  /**
   * The stream's events in revision order, upcast and dated (`RecordedEvent`), up to the position
   * the read models have projected — so what is read agrees with what they answer; an empty list
   * for a stream the log does not hold. `options`: from revision `fromRevision` on, at most
   * `maxCount` events (a page of a history, breaker12g P6); a reader may return more, never fewer.
   */
  read(streamId: string, options?: StreamReadOptions): Promise<RecordedEvent[]>;
}

/**
 * Reads streams from the event store port (`readStream`, on SQLite and EventStoreDB alike) and
 * leaves out events past `projectedUpTo()` (appended by another process, or not yet projected here);
 * `projectedUpTo` null reads the whole stream (a command-line tool that replayed the log itself).
 */
export class ProjectedStreams implements StreamReader {
  constructor(
    private readonly store: Pick<EventStore, 'readStream'>,
    private readonly schemas: EventSchemaRegistry,
    private readonly projectedUpTo: () => Position | null = () => null,
  ) {}

  async read(streamId: string, options?: StreamReadOptions): Promise<RecordedEvent[]> {
    const upTo = this.projectedUpTo();
    const stored = await this.store.readStream(streamId, options);
    const events: RecordedEvent[] = [];
    for (const event of stored) {
      if (upTo !== null && comparePositions(event.position, upTo) > 0) break;
      events.push(recordedEvent(this.schemas, event));
    }
    return events;
  }
}

/** The server's reader: capped at the projection engine's checkpoint (nothing when nothing is projected yet). */
export const projectedStreamsProvider: FactoryProvider<ProjectedStreams> = {
  provide: ProjectedStreams,
  inject: [EVENT_STORE, EventSchemaRegistry, ProjectionEngine],
  useFactory: (store: EventStore, schemas: EventSchemaRegistry, engine: ProjectionEngine) =>
    new ProjectedStreams(store, schemas, () => engine.position ?? { commit: -1n, prepare: -1n }),
};
