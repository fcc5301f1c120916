import { StreamNotFoundError, WrongExpectedVersionError } from '@eventstore/db-client';
import { generateKeyPairSync } from 'node:crypto';
import type { Position, StoredEvent } from '../event-store/event-store.port.js';
import { GENESIS_CHAIN_HASH, contentOf, hashEvent } from './domain/event-chain.js';
import { leafHash, verifyInclusion } from './domain/merkle.js';
import { CHAIN_STREAM, CHECKPOINT_STREAM, EventStoreDbLedger } from './eventstoredb-ledger.js';
import { proveEvent, takeCheckpoint, verifyLedger } from './ledger-operations.js';

/*
 * The EventStoreDB ledger against a stand-in for the gRPC client (no server runs here), answering
 * with the shapes @eventstore/db-client 6.2 gives: streams of records with bigint revisions,
 * StreamNotFoundError for a stream never written, WrongExpectedVersionError for a lost race.
 */

interface Record_ {
  type: string;
  data: unknown;
  metadata: unknown;
}

class StandInClient {
  readonly streams = new Map<string, Record_[]>();
  readonly appends: { stream: string; expectedRevision: unknown }[] = [];
  /** Called before an append is applied: lets a test slip in another instance's append. */
  beforeAppend: ((stream: string) => Promise<void>) | null = null;

  async appendToStream(stream: string, event: Record_, options: { expectedRevision: 'no_stream' | bigint }) {
    const hook = this.beforeAppend;
    this.beforeAppend = null;
    await hook?.(stream);
    const records = this.streams.get(stream) ?? [];
    const current = records.length === 0 ? 'no_stream' : BigInt(records.length - 1);
    if (options.expectedRevision !== current) {
      throw new WrongExpectedVersionError(undefined, { streamName: stream, expected: options.expectedRevision, current } as never);
    }
    this.appends.push({ stream, expectedRevision: options.expectedRevision });
    this.streams.set(stream, [...records, { type: event.type, data: JSON.parse(JSON.stringify(event.data)), metadata: event.metadata }]);
    return { success: true, nextExpectedRevision: BigInt(records.length), position: { commit: 0n, prepare: 0n } };
  }

  readStream(stream: string, options: { direction: 'forwards' | 'backwards'; maxCount?: number }) {
    const records = this.streams.get(stream);
    return (async function* () {
      if (!records) throw new StreamNotFoundError(undefined, stream);
      const numbered = records.map((record, index) => ({ event: { ...record, revision: BigInt(index), streamId: stream } }));
      const ordered = options.direction === 'forwards' ? numbered : numbered.reverse();
      yield* ordered.slice(0, options.maxCount ?? ordered.length);
    })();
  }
}

const at = (n: number): Position => ({ commit: BigInt(n * 100), prepare: BigInt(n * 100) });
const event = (n: number): StoredEvent => ({
  id: `event-${n}`,
  streamId: `finding-${n % 3}`,
  revision: Math.floor(n / 3),
  position: at(n),
  type: 'UnitUrged',
  schemaVersion: 1,
  data: { message: `请加快整改进度（第${n}次）` },
  metadata: { actorId: 'user-1', actorRole: 'SUPERVISOR', actorUnitId: null, commandId: `c-${n}`, correlationId: `c-${n}`, causationId: `c-${n}`, recordedAt: '2026-04-01T01:00:00.000Z' },
});

/** $all as the event store's readAll answers it: Rectify's events only, strictly after `after`. */
function logOf(events: StoredEvent[]) {
  return {
    events,
    readAll: async ({ after, maxCount }: { after?: Position; maxCount?: number }) =>
      events.filter((stored) => !after || stored.position.commit > after.commit).slice(0, maxCount ?? events.length),
  };
}

const eventsOf = (n: number) => Array.from({ length: n }, (_, index) => event(index + 1));
const chainRecords = (client: StandInClient) => (client.streams.get(CHAIN_STREAM) ?? []).map((record) => record.data as { firstIndex: number; events: { eventId: string; chainHash: string }[] });

describe('The ledger on EventStoreDB: a chaining pass in $all order, kept in its own streams', () => {
  const { privateKey } = generateKeyPairSync('ed25519');

  it('chains the events in $all order with the same hashes as the SQLite append, each record appended with the expected revision', async () => {
    const client = new StandInClient();
    const log = logOf(eventsOf(1200));
    const ledger = new EventStoreDbLedger(client as never, log);
    expect(await ledger.catchUp()).toBe(1200);
    // Three records of at most 500 events, the first claiming a new stream.
    expect(client.appends).toEqual([
      { stream: CHAIN_STREAM, expectedRevision: 'no_stream' },
      { stream: CHAIN_STREAM, expectedRevision: 0n },
      { stream: CHAIN_STREAM, expectedRevision: 1n },
    ]);
    expect(chainRecords(client).map((record) => [record.firstIndex, record.events.length])).toEqual([[0, 500], [500, 500], [1000, 200]]);
    expect(client.streams.get(CHAIN_STREAM)![0]!.metadata).toEqual({ ledger: 'rectify' });

    let previous = GENESIS_CHAIN_HASH;
    for (const stored of log.events) previous = hashEvent(previous, contentOf(stored)).chainHash;
    expect(chainRecords(client)[2]!.events.at(-1)!.chainHash).toBe(previous.toString('hex'));

    expect(await ledger.catchUp()).toBe(0);
    log.events.push(event(1201));
    expect(await ledger.catchUp()).toBe(1);
    expect(chainRecords(client).at(-1)).toMatchObject({ firstIndex: 1200, events: [{ eventId: 'event-1201' }] });
    expect(await verifyLedger(ledger)).toMatchObject({ ok: true, eventsChecked: 1201, headPosition: '120100' });
  });

  it('loses a race to another instance without forking the chain: it re-reads the tail and chains only what is left', async () => {
    const client = new StandInClient();
    const log = logOf(eventsOf(5));
    const winner = new EventStoreDbLedger(client as never, log);
    const loser = new EventStoreDbLedger(client as never, log);
    await winner.catchUp();
    log.events.push(event(6), event(7));
    // The loser read the tail (5 chained); the winner chains 6 and 7 before the loser appends.
    client.beforeAppend = async () => {
      await winner.catchUp();
    };
    expect(await loser.catchUp()).toBe(0);
    expect(chainRecords(client).flatMap((record) => record.events.map((chained) => chained.eventId))).toEqual(eventsOf(7).map((stored) => stored.id));
    expect(await verifyLedger(loser)).toMatchObject({ ok: true, eventsChecked: 7 });
  });

  it('names the first event after one that disappeared from $all (a stream deleted and scavenged)', async () => {
    const client = new StandInClient();
    const log = logOf(eventsOf(6));
    const ledger = new EventStoreDbLedger(client as never, log);
    await ledger.catchUp();
    log.events.splice(2, 1);
    expect((await verifyLedger(ledger)).firstMismatch).toMatchObject({ kind: 'CHAIN_BROKEN', eventNumber: 3, eventId: 'event-4', position: '400' });
  });

  it('keeps signed checkpoints in their own stream and proves an event against one', async () => {
    const client = new StandInClient();
    const log = logOf(eventsOf(9));
    const ledger = new EventStoreDbLedger(client as never, log);
    expect(await ledger.checkpoints()).toEqual([]);
    const { checkpoint } = await takeCheckpoint(ledger, privateKey, new Date('2026-12-31T09:00:00Z'));
    expect(checkpoint).toMatchObject({ sequence: 1, treeSize: 9, headPosition: '900' });
    log.events.push(event(10));
    const second = (await takeCheckpoint(ledger, privateKey, new Date('2027-01-01T09:00:00Z'))).checkpoint;
    expect(second).toMatchObject({ sequence: 2, treeSize: 10 });
    expect(client.streams.get(CHECKPOINT_STREAM)!.map((record) => record.type)).toEqual(['LedgerCheckpointTaken', 'LedgerCheckpointTaken']);
    expect(await ledger.latestCheckpoint()).toEqual(second);

    const proof = await proveEvent(ledger, 'event-4', 1);
    const leaf = leafHash(Buffer.from(proof.canonicalEvent, 'utf8'));
    expect(verifyInclusion(proof.leafIndex, 9, leaf, proof.auditPath.map((hash) => Buffer.from(hash, 'hex')), checkpoint.rootHash)).toBe(true);
    expect(await verifyLedger(ledger)).toMatchObject({ ok: true, eventsChecked: 10, checkpointsChecked: 2 });
  });
});
