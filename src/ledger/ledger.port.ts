import type { CheckpointHead, SignedCheckpoint } from './domain/checkpoint.js';
import type { HashedEventContent } from './domain/event-chain.js';
import type { LedgerEntry, LedgerExpectations } from './domain/ledger-verification.js';

type Awaitable<T> = T | Promise<T>;

/** A checkpoint as stored, with its number in the order taken (1, 2, …). */
export interface StoredCheckpoint extends SignedCheckpoint {
  readonly sequence: number;
}

/**
 * What the ledger needs from a store: its events with their stored hashes in global order, and a
 * place for checkpoints. SQLite keeps both in its file (sqlite-ledger.ts), EventStoreDB in two
 * streams of its own (eventstoredb-ledger.ts).
 */
export interface LedgerBackend {
  /**
   * Brings the stored hashes up to the head of the log, where they are computed after the append
   * (EventStoreDB's chaining pass); absent where the append itself hashes (SQLite). Returns the
   * number of events chained.
   */
  catchUp?(): Promise<number>;
  /** Every event in global order with its stored hashes. */
  entries(): Iterable<LedgerEntry> | AsyncIterable<LedgerEntry>;
  /**
   * The events after global position `position` (as `formatPosition` prints it; '' for all), with their stored hashes,
   * read from there (SQLite: by its index); absent: `entries()` is read and the first ones skipped.
   */
  entriesAfter?(position: string): Iterable<LedgerEntry> | AsyncIterable<LedgerEntry>;
  /** The head as stored: event count, Merkle root over the stored leaf hashes, newest position and chain hash. */
  head(): Awaitable<Omit<CheckpointHead, 'takenAt'>>;
  /** Stored leaf hashes of the first `treeSize` events. */
  leafHashes(treeSize: number): Awaitable<Buffer[]>;
  /**
   * The stored leaf hash of the event at a 0-based index and its RFC 6962 audit path in the tree of
   * the first `treeSize` stored leaf hashes, read without reading every leaf (SQLite keeps the
   * tree's levels: O(log n)); null when the log holds fewer than `treeSize` events. Absent: a proof
   * reads every leaf hash (`leafHashes`).
   */
  auditPath?(index: number, treeSize: number): Promise<{ leafHash: Buffer; path: Buffer[] } | null>;
  /** 0-based index in global order and position of an event; null when it is not in the log. */
  indexOf(eventId: string): Awaitable<{ index: number; position: string } | null>;
  /** Stored content of the event at a 0-based index in global order. */
  contentAt(index: number): Awaitable<HashedEventContent | null>;
  checkpoints(): Awaitable<StoredCheckpoint[]>;
  /**
   * What the store's own bookkeeping says the log and its checkpoints reached, apart from the rows
   * themselves (SQLite: AUTOINCREMENT high-water marks, the request index). Read before the
   * checkpoints and the entries, so that appends meanwhile only make the log longer than it says.
   */
  ownRecords?(): Awaitable<LedgerExpectations>;
  checkpoint(sequence: number): Awaitable<StoredCheckpoint | null>;
  latestCheckpoint(): Awaitable<StoredCheckpoint | null>;
  /**
   * Keeps a checkpoint under the next number, and at least `numberAtLeast` where the backend numbers
   * them itself (SQLite): after checkpoints deleted with their numbering (an accepted
   * CHECKPOINTS_MISSING start) the next is numbered past the newest the witness saw, never a second
   * "checkpoint 1" beside the printed one.
   */
  saveCheckpoint(checkpoint: SignedCheckpoint, numberAtLeast?: number): Awaitable<StoredCheckpoint>;
}
