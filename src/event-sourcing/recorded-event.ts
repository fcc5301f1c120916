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

export interface Projection {
  apply(event: RecordedEvent): void;
}

/** Upcasts a stored event and dates it on both time axes. */
export function recordedEvent(schemas: EventSchemaRegistry, stored: StoredEvent): RecordedEvent {
  const current = schemas.upcast(stored);
  return { ...stored, ...current, occurredOn: schemas.occurredOn(current.type, current.data, stored.metadata.recordedAt) } as RecordedEvent;
}
