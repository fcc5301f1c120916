import { EventStoreDbEventStore } from '../../src/event-store/eventstoredb-event-store.js';
import { eventStoreContract } from './event-store.contract.js';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (!connectionString) {
  // No EventStoreDB server can run on the CI machines; say so instead of passing silently.
  console.warn(
    'EventStoreDB contract suite skipped: EVENTSTORE_CONNECTION_STRING is not set (e.g. esdb://localhost:2113?tls=false).',
  );
}

eventStoreContract(
  connectionString ? 'EventStoreDB' : 'EventStoreDB (skipped: EVENTSTORE_CONNECTION_STRING is not set)',
  () => Promise.resolve(new EventStoreDbEventStore(connectionString!)),
  connectionString ? describe : describe.skip, // runs only with EVENTSTORE_CONNECTION_STRING
);
