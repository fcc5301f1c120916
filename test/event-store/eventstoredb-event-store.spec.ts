import { randomUUID } from 'node:crypto';
import { ClaimTakenError, ConcurrencyError, type EventToAppend } from '../../src/event-store/event-store.port.js';
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

const event = (type: string): EventToAppend => ({
  id: randomUUID(),
  type,
  schemaVersion: 1,
  data: {},
  metadata: { actorId: 'user-1', actorRole: 'SUPERVISOR', actorUnitId: null, commandId: randomUUID(), correlationId: 'c', causationId: 'c', recordedAt: '2026-12-01T02:00:00.000Z' },
});

/*
 * breaker9f P10 (EventStoreDB only: SQLite writes a claim in its events' transaction): a claim is
 * taken just before its events are appended, so a failure in between left the value held by a
 * stream with no events, refused to everyone else for good. Past ABANDONED_CLAIM_MS (here 1 ms)
 * such a claim is taken over; the stream that lost it can no longer append under it.
 */
(connectionString ? describe : describe.skip)('EventStoreDB claims whose events never came', () => {
  let store: EventStoreDbEventStore;
  beforeAll(() => {
    store = new EventStoreDbEventStore(connectionString!, { abandonedClaimMs: 1 });
  });
  afterAll(() => store.close());

  it('takes over a value held by a stream that never appended, and refuses that stream the value afterwards', async () => {
    const claims = [{ scope: `abandoned-${randomUUID()}`, value: '年报未发布' }];
    const [failed, taker] = [`contract-${randomUUID()}`, `contract-${randomUUID()}`];
    // The claim is taken, then the append is refused (a revision the stream does not have): the value is held by nothing.
    await expect(store.appendToStream(failed, [event('A')], { expectedRevision: 5, claims })).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await store.readStream(failed)).toEqual([]);
    await expect(store.appendToStream(taker, [event('A')], { expectedRevision: 'no_stream', claims })).resolves.toMatchObject({ nextRevision: 0 });
    await expect(store.appendToStream(failed, [event('A')], { expectedRevision: 'no_stream', claims })).rejects.toBeInstanceOf(ClaimTakenError);
    expect(await store.readStream(failed)).toEqual([]);
  });

  it('never takes a value over from a holder that has events', async () => {
    const claims = [{ scope: `held-${randomUUID()}`, value: '目录不全' }];
    const [holder, other] = [`contract-${randomUUID()}`, `contract-${randomUUID()}`];
    await store.appendToStream(holder, [event('A')], { expectedRevision: 'no_stream', claims });
    await expect(store.appendToStream(other, [event('A')], { expectedRevision: 'no_stream', claims })).rejects.toMatchObject({ holder });
  });
});
