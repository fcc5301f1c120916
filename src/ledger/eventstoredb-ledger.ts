import {
  BACKWARDS,
  END,
  FORWARDS,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import { formatPosition, type EventStore, type Position, type StoredEvent } from '../event-store/event-store.port.js';
import type { CheckpointHead, SignedCheckpoint } from './domain/checkpoint.js';
import { GENESIS_CHAIN_HASH, contentOf, hashEvent, type HashedEventContent } from './domain/event-chain.js';
import type { LedgerEntry } from './domain/ledger-verification.js';
import { merkleRoot } from './domain/merkle.js';
import type { LedgerBackend, StoredCheckpoint } from './ledger.port.js';

/**
 * The ledger on EventStoreDB. The server decides the global order ($all) only when it commits an
 * append, so the hashes cannot be computed before it, as SQLite does in its transaction. Instead a
 * chaining pass (`catchUp`) reads Rectify's events in $all order after the last one chained,
 * computes the same leaf and chain hashes (domain/event-chain.ts), and appends them as
 * `LedgerChainExtended` records to the stream `rectify-ledger-chain`, with the chain stream's
 * expected revision: when several app instances run the pass at once, one wins and the others
 * re-read. Checkpoints are `LedgerCheckpointTaken` records in `rectify-ledger-checkpoints`. Both
 * streams carry metadata without Rectify's actor fields, so the event store's reads skip them.
 * The pass runs every CHAIN_INTERVAL_MS and before every checkpoint, verification and proof.
 */

export const CHAIN_STREAM = 'rectify-ledger-chain';
export const CHECKPOINT_STREAM = 'rectify-ledger-checkpoints';
/** Events chained per record: ≈ 200 bytes each, well under EventStoreDB's 1 MB append limit. */
const CHAIN_BATCH = 500;
const LEDGER_METADATA = { ledger: 'rectify' };

/** One chained event: its id, global position (`commit/prepare`) and hashes (hex). */
interface ChainedEvent {
  readonly eventId: string;
  readonly position: string;
  readonly leafHash: string;
  readonly chainHash: string;
}

interface ChainExtended {
  /** 0-based index in global order of the first event in `events`. */
  readonly firstIndex: number;
  readonly events: ChainedEvent[];
}

interface CheckpointRecord {
  readonly sequence: number;
  readonly treeSize: number;
  readonly headPosition: string;
  readonly rootHash: string;
  readonly chainHash: string;
  readonly takenAt: string;
  readonly body: string;
  readonly publicKey: string;
  readonly signature: string;
}

type LedgerClient = Pick<EventStoreDBClient, 'appendToStream' | 'readStream'>;

const positionText = (position: Position) => `${position.commit.toString()}/${position.prepare.toString()}`;
function parsePosition(text: string): Position {
  const [commit, prepare] = text.split('/');
  return { commit: BigInt(commit!), prepare: BigInt(prepare!) };
}

const toCheckpoint = (record: CheckpointRecord): StoredCheckpoint => ({
  ...record,
  rootHash: Buffer.from(record.rootHash, 'hex'),
  chainHash: Buffer.from(record.chainHash, 'hex'),
});

export class EventStoreDbLedger implements LedgerBackend {
  constructor(
    private readonly client: LedgerClient,
    private readonly events: Pick<EventStore, 'readAll'>,
  ) {}

  /**
   * The chaining pass: chains every event appended since the last pass. Returns how many it
   * chained. Losing a race to another instance costs a re-read, never a fork: every record is
   * appended with the chain stream's expected revision.
   */
  async catchUp(): Promise<number> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.chainFromTail();
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError) || attempt >= 5) throw error;
      }
    }
  }

  async *entries(): AsyncGenerator<LedgerEntry> {
    const chained = await this.chained();
    let after: Position | undefined;
    let index = 0;
    while (index < chained.length) {
      const batch = await this.events.readAll({ after, maxCount: Math.min(CHAIN_BATCH, chained.length - index) });
      if (batch.length === 0) return;
      for (const event of batch) {
        const record = chained[index]!;
        index += 1;
        yield {
          position: formatPosition(event.position)!,
          eventId: event.id,
          content: contentOf(event),
          storedLeafHash: Buffer.from(record.leafHash, 'hex'),
          storedChainHash: Buffer.from(record.chainHash, 'hex'),
          chainedEventId: record.eventId,
        };
      }
      after = batch.at(-1)!.position;
    }
  }

  async head(): Promise<Omit<CheckpointHead, 'takenAt'>> {
    const chained = await this.chained();
    const last = chained.at(-1);
    return {
      treeSize: chained.length,
      rootHash: merkleRoot(chained.map((event) => Buffer.from(event.leafHash, 'hex'))),
      chainHash: last ? Buffer.from(last.chainHash, 'hex') : GENESIS_CHAIN_HASH,
      headPosition: last ? formatPosition(parsePosition(last.position))! : '',
    };
  }

  async leafHashes(treeSize: number): Promise<Buffer[]> {
    return (await this.chained()).slice(0, treeSize).map((event) => Buffer.from(event.leafHash, 'hex'));
  }

  async indexOf(eventId: string): Promise<{ index: number; position: string } | null> {
    const chained = await this.chained();
    const index = chained.findIndex((event) => event.eventId === eventId);
    return index < 0 ? null : { index, position: formatPosition(parsePosition(chained[index]!.position))! };
  }

  async contentAt(index: number): Promise<HashedEventContent | null> {
    const chained = await this.chained();
    if (!chained[index]) return null;
    const after = index === 0 ? undefined : parsePosition(chained[index - 1]!.position);
    const [event] = await this.events.readAll({ after, maxCount: 1 });
    return event && event.id === chained[index]!.eventId ? contentOf(event) : null;
  }

  async checkpoints(): Promise<StoredCheckpoint[]> {
    return (await this.readRecords<CheckpointRecord>(CHECKPOINT_STREAM, FORWARDS)).map(({ data }) => toCheckpoint(data));
  }

  async checkpoint(sequence: number): Promise<StoredCheckpoint | null> {
    return (await this.checkpoints()).find((checkpoint) => checkpoint.sequence === sequence) ?? null;
  }

  async latestCheckpoint(): Promise<StoredCheckpoint | null> {
    const [latest] = await this.readRecords<CheckpointRecord>(CHECKPOINT_STREAM, BACKWARDS, 1);
    return latest ? toCheckpoint(latest.data) : null;
  }

  /** Appended with the stream's expected revision; the sequence is the record's revision + 1. */
  async saveCheckpoint(checkpoint: SignedCheckpoint): Promise<StoredCheckpoint> {
    for (let attempt = 0; ; attempt += 1) {
      const [latest] = await this.readRecords<CheckpointRecord>(CHECKPOINT_STREAM, BACKWARDS, 1);
      const sequence = latest ? Number(latest.revision) + 2 : 1;
      const record: CheckpointRecord = {
        sequence,
        treeSize: checkpoint.treeSize,
        headPosition: checkpoint.headPosition,
        rootHash: checkpoint.rootHash.toString('hex'),
        chainHash: checkpoint.chainHash.toString('hex'),
        takenAt: checkpoint.takenAt,
        body: checkpoint.body,
        publicKey: checkpoint.publicKey,
        signature: checkpoint.signature,
      };
      try {
        await this.client.appendToStream(CHECKPOINT_STREAM, jsonEvent({ type: 'LedgerCheckpointTaken', data: { ...record }, metadata: LEDGER_METADATA }), {
          expectedRevision: latest ? latest.revision : NO_STREAM,
        });
        return toCheckpoint(record);
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError) || attempt >= 5) throw error;
      }
    }
  }

  private async chainFromTail(): Promise<number> {
    const [tail] = await this.readRecords<ChainExtended>(CHAIN_STREAM, BACKWARDS, 1);
    const lastChained = tail?.data.events.at(-1);
    let count = tail ? tail.data.firstIndex + tail.data.events.length : 0;
    let revision = tail?.revision ?? null;
    let previous = lastChained ? Buffer.from(lastChained.chainHash, 'hex') : GENESIS_CHAIN_HASH;
    let after = lastChained ? parsePosition(lastChained.position) : undefined;
    let chainedNow = 0;
    for (;;) {
      const batch: StoredEvent[] = await this.events.readAll({ after, maxCount: CHAIN_BATCH });
      if (batch.length === 0) return chainedNow;
      const events = batch.map((event): ChainedEvent => {
        const hashes = hashEvent(previous, contentOf(event));
        previous = hashes.chainHash;
        return { eventId: event.id, position: positionText(event.position), leafHash: hashes.leafHash.toString('hex'), chainHash: hashes.chainHash.toString('hex') };
      });
      const data: ChainExtended = { firstIndex: count, events };
      await this.client.appendToStream(CHAIN_STREAM, jsonEvent({ type: 'LedgerChainExtended', data: { ...data }, metadata: LEDGER_METADATA }), {
        expectedRevision: revision ?? NO_STREAM,
      });
      revision = revision === null ? 0n : revision + 1n;
      count += events.length;
      chainedNow += events.length;
      after = batch.at(-1)!.position;
    }
  }

  /** Every chained event in global order. */
  private async chained(): Promise<ChainedEvent[]> {
    return (await this.readRecords<ChainExtended>(CHAIN_STREAM, FORWARDS)).flatMap(({ data }) => data.events);
  }

  private async readRecords<Data>(stream: string, direction: typeof FORWARDS | typeof BACKWARDS, maxCount?: number): Promise<{ data: Data; revision: bigint }[]> {
    const records: { data: Data; revision: bigint }[] = [];
    try {
      const read = this.client.readStream(stream, { direction, fromRevision: direction === FORWARDS ? START : END, ...(maxCount ? { maxCount } : {}) });
      for await (const resolved of read) {
        if (resolved.event) records.push({ data: resolved.event.data as Data, revision: resolved.event.revision });
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return records;
  }
}
