import { EventStoreDbEventStore } from '../../src/event-store/eventstoredb-event-store.js';
import { eventStoreContract } from './event-store.contract.js';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  eventStoreContract('EventStoreDB', () => Promise.resolve(new EventStoreDbEventStore(connectionString)));
} else {
  // No EventStoreDB server can run on the CI machines; say so instead of passing silently.
  console.warn('EventStoreDB contract suite skipped: set EVENTSTORE_CONNECTION_STRING (e.g. esdb://localhost:2113?tls=false) to run it.');
  describe.skip('EventStoreDB event store contract (EVENTSTORE_CONNECTION_STRING is not set)', () => {
    it('runs against a live EventStoreDB', () => undefined);
  });
}
