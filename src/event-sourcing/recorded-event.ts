import { DomainEvent } from '../shared/decider.js';
import { StoredEvent } from '../event-store/event-store.port.js';
import type { EventSchemaRegistry } from '../shared/event-schemas.js';

/**
 * A stored event brought up to its current schema: what projections consume. Besides the instant
 * it was recorded (`metadata.recordedAt`), it says the office day its fact happened (`occurredOn`,
 * `YYYY-MM-DD`, business time), read from the field its schema names.
 */
export type RecordedEvent<Event extends DomainEvent = DomainEvent> = Omit<StoredEvent, 'type' | 'data'> &
  Event & { readonly occurredOn: string };

/**
 * A read model fed by the projection engine. Its state is snapshotted with the log position it
 * reflects (see read-model-snapshots.ts), so a restart replays only the tail of the log.
 */
export interface Projection {
  apply(event: RecordedEvent): void;
  /**
   * The whole state as plain data (Map, Set, arrays, plain objects, Date, primitives; no class
   * instances or functions). Optional: by default the read model's own fields are its state, and
   * they must then be plain data.
   */
  snapshot?(): unknown;
  /** Puts back what `snapshot()` returned, on a fresh instance, before any event is applied. */
  restore?(state: unknown): void;
}

/** Upcasts a stored event and dates it on both time axes. Throws for a row that cannot be read (`StoredEvent.unreadable`). */
export function recordedEvent(schemas: EventSchemaRegistry, stored: StoredEvent): RecordedEvent {
  if (stored.unreadable) throw new Error(stored.unreadable);
  const current = schemas.upcast(stored);
  return { ...stored, ...current, occurredOn: schemas.occurredOn(current.type, current.data, stored.metadata.recordedAt) } as RecordedEvent;
}
