import { DomainEvent } from '../shared/decider.js';
import { StoredEvent } from '../event-store/event-store.port.js';

/** A stored event brought up to its current schema: what projections and deciders consume. */
export type RecordedEvent<Event extends DomainEvent = DomainEvent> = Omit<StoredEvent, 'type' | 'data'> & Event;

export interface Projection {
  apply(event: RecordedEvent): void;
}
