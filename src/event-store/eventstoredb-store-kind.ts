import type { EventStore } from './event-store.port.js';
import type { EventStoreDbEventStore } from './eventstoredb-event-store.js';

/**
 * Carried by every EventStoreDbEventStore: what tells one from the other stores without importing its class, which loads
 * @eventstore/db-client and gRPC (about 150 modules, 0.4 s of CPU at each start measured on the shared machine, session 54)
 * — a SQLite server or tool never needs them (`openEventStore` imports the class only for EVENT_STORE=eventstoredb).
 */
export const EVENTSTOREDB_STORE = Symbol('EventStoreDbEventStore');

/** Whether `store` is the EventStoreDB adapter itself (not a store wrapped around it): what `instanceof` said. */
export function isEventStoreDb(store: EventStore): store is EventStoreDbEventStore {
  return EVENTSTOREDB_STORE in store;
}
