import { EventStoreDbEventStore } from '../../src/event-store/eventstoredb-event-store.js';
import { eventStoreContract } from './event-store.contract.js';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

// Without a server (none can run on the CI machines) the suite is skipped, and
// test/announce-skipped-suites.mjs says so at the start of the run.
eventStoreContract(
  connectionString ? 'EventStoreDB' : 'EventStoreDB (skipped: EVENTSTORE_CONNECTION_STRING is not set)',
  () => Promise.resolve(new EventStoreDbEventStore(connectionString!)),
  connectionString ? describe : describe.skip, // runs only with EVENTSTORE_CONNECTION_STRING
);
