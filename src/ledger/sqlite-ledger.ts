import type Database from 'better-sqlite3';
import type { EventRow } from '../event-store/sqlite-event-store.js';
import { checkpointSignatureHolds, keyFingerprint, type CheckpointHead, type SignedCheckpoint } from './domain/checkpoint.js';
import { GENESIS_CHAIN_HASH, eventLeafHash, chainHash, hashEvent, rowSeal, sealHolds, type HashedEventContent } from './domain/event-chain.js';
import type { HeadSeen, LedgerEntry, LedgerExpectations } from './domain/ledger-verification.js';
import { say } from '../shared/domain-error.js';
import type { LedgerBackend, StoredCheckpoint } from './ledger.port.js';
import { MerkleFrontier, MerkleLevels } from './domain/merkle.js';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { dataVersionOf } from '../event-store/prepared-once.js';
import { markWriteTransaction } from '../event-store/wal-file-mark.js';

/** Rows of the log read between two turns of the event loop while the head is brought up to date. */
export const HEAD_ROWS_PER_TURN = 2000;

/** Rows of the log read at once by `entries()` (verification): a few ms of work between two chances to give the loop back. */
export const ENTRIES_PER_READ = 256;

const EMPTY = Buffer.alloc(0);

/**
 * Per connection: the Merkle frontier over the rows read by the latest `head()` (log₂ n hashes), the
 * tree's levels above blocks of MERKLE_BLOCK_LEAVES leaves (≈ 2 hashes a block, for proofs), the
 * position of each block's first row, the position the read ended at, that row's leaf and chain hashes.
 */
interface KeptHead {
  readonly frontier: MerkleFrontier;
  readonly levels: MerkleLevels;
  /** Position of the first row of each block of leaves (block b: leaves b·blockSize …), in order. */
  readonly blockStarts: number[];
  readonly position: number;
  readonly leafHash: Buffer;
  readonly chainHash: Buffer | null;
}
const keptHeads = new WeakMap<Database.Database, KeptHead>();
/** Per connection: the head being brought up to date, so that heads asked for at once read the new rows once (one after the other). */
const headsReading = new WeakMap<Database.Database, Promise<unknown>>();

/**
 * The ledger's part of the SQLite file: two columns on `events` (`leaf_hash`, `chain_hash`, both
 * 32-byte BLOBs, see domain/event-chain.ts) written in the append transaction, and the table of
 * signed checkpoints. The event store calls `upgradeSqliteLedger` when it opens the file and
 * `SqliteChainHead.hashNext` inside its append transaction; everything else reads.
 */

const CHECKPOINTS_TABLE = `
CREATE TABLE IF NOT EXISTS ledger_checkpoints (
  sequence       INTEGER PRIMARY KEY AUTOINCREMENT,
  tree_size      INTEGER NOT NULL,
  head_position  TEXT    NOT NULL,
  root_hash      BLOB    NOT NULL,
  chain_hash     BLOB    NOT NULL,
  taken_at       TEXT    NOT NULL,
  body           TEXT    NOT NULL,
  public_key     TEXT    NOT NULL,
  signature      TEXT    NOT NULL
);`;

interface EventRowForLedger extends EventRow {
  recorded_at: string;
  leaf_hash: Buffer | null;
  chain_hash: Buffer | null;
  /** Absent in a file chained before rows were sealed and not opened by the server since. */
  row_seal?: Buffer | null;
}

interface CheckpointRow {
  sequence: number;
  tree_size: number;
  head_position: string;
  root_hash: Buffer;
  chain_hash: Buffer;
  taken_at: string;
  body: string;
  public_key: string;
  signature: string;
}


const hasColumn = (db: Database.Database, name: string) => (db.pragma('table_info(events)') as { name: string }[]).some((column) => column.name === name);
const hasLedgerColumns = (db: Database.Database) => hasColumn(db, 'chain_hash');

function contentOfRow(row: EventRowForLedger): HashedEventContent | null {
  try {
    const data = JSON.parse(row.data) as unknown;
    const metadata = JSON.parse(row.metadata) as unknown;
    if (typeof data !== 'object' || data === null || typeof metadata !== 'object' || metadata === null) return null;
    return {
      id: row.event_id,
      streamId: row.stream_id,
      revision: row.revision,
      type: row.type,
      schemaVersion: row.schema_version,
      data: data as Record<string, unknown>,
      metadata,
      recordedAt: row.recorded_at,
    };
  } catch {
    return null;
  }
}

/**
 * Adds the ledger columns and table to a store that lacks them, and chains its existing events
 * from the first one, in global order, in one transaction; no event is changed. Runs once: a
 * store that has the columns is left as it is (a hash missing later is for `ledger:verify` to
 * report, not for an upgrade to paper over). Returns the number of events chained.
 */
export function upgradeSqliteLedger(db: Database.Database): number {
  return db
    .transaction(() => {
      db.exec(CHECKPOINTS_TABLE);
      // The row seal (breaker9b N1) came after the hashes: a store chained by an earlier version gets the column, empty; see sealSqliteRows.
      if (!hasColumn(db, 'row_seal')) db.exec('ALTER TABLE events ADD COLUMN row_seal BLOB;');
      if (hasLedgerColumns(db)) return 0;
      db.exec('ALTER TABLE events ADD COLUMN leaf_hash BLOB; ALTER TABLE events ADD COLUMN chain_hash BLOB;');
      const update = db.prepare<[Buffer, Buffer, number]>('UPDATE events SET leaf_hash = ?, chain_hash = ? WHERE position = ?');
      const rows = db.prepare<[], EventRowForLedger>('SELECT * FROM events ORDER BY position').iterate();
      const pending: [Buffer, Buffer, number][] = [];
      let previous = GENESIS_CHAIN_HASH;
      for (const row of rows) {
        const content = contentOfRow(row);
        if (!content) throw new Error(`Cannot chain the event at position ${row.position}: its stored JSON is damaged. Restore the file from a backup.`);
        const hashes = hashEvent(previous, content);
        pending.push([hashes.leafHash, hashes.chainHash, row.position]);
        previous = hashes.chainHash;
      }
      // Written after the read: SQLite forbids changing a table while a statement iterates it.
      for (const values of pending) update.run(...values);
      return pending.length;
    })
    .immediate();
}

/** What `sealSqliteRows` did. */
export interface RowSealing {
  /** How many rows it sealed. */
  readonly sealed: number;
  /** The first row it left unsealed because the chain does not vouch for it (edited, moved, hashless): null when none. */
  readonly stoppedAt: number | null;
}

/** Rows read per step of `sealSqliteRows`: what it holds in memory at once. */
const SEALING_BATCH = 2000;

/**
 * Whether any row of the log carries a seal: a store sealed by this version or a later one, whose
 * unsealed rows are therefore not Rectify's (one indexed read at most: stops at the first sealed row).
 */
export const anyRowSealed = (db: Database.Database): boolean =>
  db.prepare<[], { one: number }>('SELECT 1 AS one FROM events WHERE row_seal IS NOT NULL LIMIT 1').get() !== undefined;

/**
 * Seals the rows of the log with the office's row-seal key (`rowSeal`), in one IMMEDIATE
 * transaction, walking the chain from the first event: each row is sealed only once its content
 * matches its leaf hash and its chain hash follows the row before it, so the seal vouches for no
 * more than the chain already did; the walk stops at the first row the chain does not vouch for
 * (left unsealed, so the read models and stream reads name it). For the first start of a store
 * chained before rows were sealed, and after a key rotation the operator accepted (the old seals
 * cannot be checked without the old key). One SHA-256 over the canonical JSON, one chain hash and
 * one HMAC per row: about a second per 100 000 events.
 */
export function sealSqliteRows(db: Database.Database, sealKey: Buffer): RowSealing {
  const rows = db.prepare<[number, number], EventRowForLedger>('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?');
  const seal = db.prepare<[Buffer, number]>('UPDATE events SET row_seal = ? WHERE position = ?');
  return db
    .transaction((): RowSealing => {
      markWriteTransaction(db);
      let after = 0;
      let previous = GENESIS_CHAIN_HASH;
      let sealed = 0;
      for (;;) {
        // Read a batch whole before writing: SQLite forbids changing a table a statement iterates.
        const batch = rows.all(after, SEALING_BATCH);
        if (batch.length === 0) return { sealed, stoppedAt: null };
        for (const row of batch) {
          const content = contentOfRow(row);
          const vouched =
            row.position === after + 1 &&
            content !== null &&
            row.leaf_hash !== null &&
            row.chain_hash !== null &&
            eventLeafHash(content).equals(row.leaf_hash) &&
            chainHash(previous, row.leaf_hash).equals(row.chain_hash);
          if (!vouched) return { sealed, stoppedAt: row.position };
          seal.run(rowSeal(sealKey, row.leaf_hash!, row.chain_hash!), row.position);
          sealed += 1;
          previous = row.chain_hash!;
          after = row.position;
        }
      }
    })
    .immediate();
}

/**
 * The chain hash of the newest event, kept in memory so that an append reads nothing more. It is
 * read again only when another connection (another process) committed since it was taken:
 * `PRAGMA data_version` changes exactly then, and costs no disk read.
 */
/** A chain hash, and the data_version under which it was the newest. */
export interface ChainHeadAt {
  readonly hash: Buffer;
  readonly dataVersion: number;
}

export class SqliteChainHead {
  private cached: ChainHeadAt | null = null;
  private readonly newest;

  constructor(private readonly db: Database.Database) {
    this.newest = db.prepare<[], { position: number; chain_hash: Buffer | null }>('SELECT position, chain_hash FROM events ORDER BY position DESC LIMIT 1');
  }

  /**
   * Inside the append transaction (which holds the write lock): the chain hash of the newest event
   * (32 zero bytes for an empty log) and the data_version under which it was read. Chain the
   * batch's events onto it (`hashEvent`), then call `committed` with the last chain hash once the
   * transaction commits, or `forget` if it fails.
   * @throws Error when the newest event carries no chain hash: no Rectify process wrote it (every
   *   append hashes its events in its own transaction), and chaining over it would vouch for it.
   */
  current(): ChainHeadAt {
    const dataVersion = this.dataVersion();
    if (this.cached && this.cached.dataVersion === dataVersion) return this.cached;
    const newest = this.newest.get();
    if (newest && !newest.chain_hash) {
      throw new Error(
        `The newest event in the log (position ${newest.position}) carries no ledger hashes: no Rectify process wrote it, and nothing is appended over it. Run npm run ledger:verify, and restore the store from a backup.`,
      );
    }
    return { hash: newest?.chain_hash ?? GENESIS_CHAIN_HASH, dataVersion };
  }

  /**
   * Our own commit does not change data_version, so the head stays valid until another connection
   * writes. The version is the one read under the write lock: one read after the commit could
   * already count another process's append, which would then go unnoticed.
   */
  committed(head: ChainHeadAt): void {
    this.cached = head;
  }

  forget(): void {
    this.cached = null;
  }

  private dataVersion(): number {
    return dataVersionOf(this.db);
  }
}

/** The index of the last of the ascending `values` that is at most `value` (binary search); -1 when none is. */
function lastAtMost(values: readonly number[], value: number): number {
  let [low, high] = [0, values.length - 1];
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (values[middle]! <= value) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

const toCheckpoint = (row: CheckpointRow): StoredCheckpoint => ({
  sequence: row.sequence,
  treeSize: row.tree_size,
  headPosition: row.head_position,
  rootHash: row.root_hash,
  chainHash: row.chain_hash,
  takenAt: row.taken_at,
  body: row.body,
  publicKey: row.public_key,
  signature: row.signature,
});

/** The ledger of a SQLite file, through the server's connection or a read-only one (`ledger:verify`). */
export class SqliteLedger implements LedgerBackend {
  constructor(private readonly db: Database.Database) {}

  /** False for a file written before the ledger existed and not opened by the server since. */
  get chained(): boolean {
    return hasLedgerColumns(this.db);
  }

  /** Whether any row is sealed (`anyRowSealed`); false for a file without the column. */
  get sealed(): boolean {
    return hasColumn(this.db, 'row_seal') && anyRowSealed(this.db);
  }

  /**
   * Every event in global order with its stored hashes, read `rowsPerRead` rows at a time (no
   * statement stays open between them, so the caller may give the event loop back between any two:
   * breaker12e P6). Rows appended meanwhile are read too: the log only grows.
   */
  *entries(rowsPerRead = ENTRIES_PER_READ): Generator<LedgerEntry> {
    yield* this.rowsAfter(Number.MIN_SAFE_INTEGER, rowsPerRead);
  }

  /** The rows after position `position` ('' for all), `ENTRIES_PER_READ` at a time by the position index. */
  *entriesAfter(position: string): Generator<LedgerEntry> {
    yield* this.rowsAfter(position === '' ? Number.MIN_SAFE_INTEGER : Number(position), ENTRIES_PER_READ);
  }

  private *rowsAfter(start: number, rowsPerRead: number): Generator<LedgerEntry> {
    const rows = this.db.prepare<[number, number], EventRowForLedger>('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?');
    // Positions are numbered 1, 2, 3 … without gaps: a jump is rows deleted (breaker9y P1), said on the row after it.
    let previous = Math.max(start, 0);
    for (let after = start; ; ) {
      const chunk = rows.all(after, rowsPerRead);
      for (const row of chunk) {
        const missingBefore = row.position > previous + 1 ? { first: String(previous + 1), last: String(row.position - 1) } : undefined;
        previous = row.position;
        yield {
          position: String(row.position),
          eventId: row.event_id,
          content: contentOfRow(row),
          storedLeafHash: row.leaf_hash,
          storedChainHash: row.chain_hash,
          storedSeal: row.row_seal ?? null,
          ...(missingBefore ? { missingBefore } : {}),
        };
      }
      if (chunk.length < rowsPerRead) return;
      after = chunk.at(-1)!.position;
    }
  }

  /** Leaf hashes of the first `treeSize` events, in global order (what an inclusion proof needs). */
  leafHashes(treeSize: number): Buffer[] {
    return this.db
      .prepare<[number], { leaf_hash: Buffer | null }>('SELECT leaf_hash FROM events ORDER BY position LIMIT ?')
      .all(treeSize)
      .map((row) => row.leaf_hash ?? Buffer.alloc(0));
  }

  /**
   * The head as stored: the number of events, the Merkle root over their stored leaf hashes, and
   * the newest event's position and chain hash. Incremental (breaker12c P8: at 100k events every
   * checkpoint read and hashed the whole log, ~3.5 s of event loop each hour): the frontier over the
   * rows already read (log₂ n hashes) is kept per connection, and only the rows after it are read,
   * `rowsPerTurn` (HEAD_ROWS_PER_TURN) at a time with the event loop given back in between. The log only grows;
   * when the row the kept frontier ended at is gone or holds another leaf hash (a file restored from
   * an older backup, rows removed behind the server) the whole log is read again. Rows changed
   * further back are the verifier's to find (`verifyLedger`), as before.
   */
  async head(rowsPerTurn = HEAD_ROWS_PER_TURN): Promise<Omit<CheckpointHead, 'takenAt'>> {
    const kept = await this.keptHead(rowsPerTurn);
    return {
      treeSize: kept?.frontier.size ?? 0,
      rootHash: kept ? kept.frontier.root() : new MerkleFrontier().root(),
      chainHash: kept?.chainHash ?? GENESIS_CHAIN_HASH,
      headPosition: kept ? String(kept.position) : '',
    };
  }

  /** The kept head brought up to the newest row (`head`), one reading per connection at a time; null for an empty log. */
  private keptHead(rowsPerTurn = HEAD_ROWS_PER_TURN): Promise<KeptHead | null> {
    const reading = (headsReading.get(this.db) ?? Promise.resolve()).catch(() => undefined).then(() => this.readNewRows(rowsPerTurn));
    headsReading.set(this.db, reading);
    return reading;
  }

  private async readNewRows(rowsPerTurn: number): Promise<KeptHead | null> {
    const kept = keptHeads.get(this.db);
    const still = kept && this.db.prepare<[number], { leaf_hash: Buffer | null }>('SELECT leaf_hash FROM events WHERE position = ?').get(kept.position);
    const start = kept && still && (still.leaf_hash ?? EMPTY).equals(kept.leafHash) ? kept : null;
    const frontier = start ? start.frontier.copy() : new MerkleFrontier();
    const levels = start ? start.levels.copy() : new MerkleLevels();
    const blockStarts = start ? start.blockStarts.slice() : [];
    let last = start ? { position: start.position, leafHash: start.leafHash, chainHash: start.chainHash } : null;
    const rows = this.db.prepare<[number, number], { position: number; leaf_hash: Buffer | null; chain_hash: Buffer | null }>(
      'SELECT position, leaf_hash, chain_hash FROM events WHERE position > ? ORDER BY position LIMIT ?',
    );
    for (;;) {
      const chunk = rows.all(last?.position ?? Number.MIN_SAFE_INTEGER, rowsPerTurn);
      for (const row of chunk) {
        const leaf = row.leaf_hash ?? EMPTY;
        if (levels.size % levels.blockSize === 0) blockStarts.push(row.position);
        frontier.append(leaf);
        levels.append(leaf);
        last = { position: row.position, leafHash: leaf, chainHash: row.chain_hash };
      }
      if (chunk.length < rowsPerTurn) break;
      await nextTurn();
    }
    if (!last) {
      keptHeads.delete(this.db);
      return null;
    }
    const head: KeptHead = { frontier, levels, blockStarts, ...last };
    keptHeads.set(this.db, head);
    return head;
  }

  /**
   * The 0-based index in global order and position of an event, or null when it is not stored:
   * counted from the start of its block of leaves (the kept head's, brought up to date first), so at
   * most MERKLE_BLOCK_LEAVES rows are counted, not every earlier row.
   */
  async indexOf(eventId: string): Promise<{ index: number; position: string } | null> {
    const kept = await this.keptHead();
    const found = this.db.prepare<[string], { position: number }>('SELECT position FROM events WHERE event_id = ?').get(eventId);
    if (!found) return null;
    const block = kept ? lastAtMost(kept.blockStarts, found.position) : -1;
    if (!kept || block < 0 || found.position > kept.position) {
      const earlier = this.db.prepare<[number], { count: number }>('SELECT COUNT(*) AS count FROM events WHERE position < ?').get(found.position)!.count;
      return { index: earlier, position: String(found.position) };
    }
    const inBlock = this.db
      .prepare<[number, number], { count: number }>('SELECT COUNT(*) AS count FROM events WHERE position >= ? AND position < ?')
      .get(kept.blockStarts[block]!, found.position)!.count;
    return { index: block * kept.levels.blockSize + inBlock, position: String(found.position) };
  }

  /** The stored content of the event at a 0-based index in global order, as its leaf data is computed from (read from its block's first row on). */
  async contentAt(index: number): Promise<HashedEventContent | null> {
    const kept = await this.keptHead();
    const row =
      kept && index < kept.levels.size
        ? this.db
            .prepare<[number, number], EventRowForLedger>('SELECT * FROM events WHERE position >= ? ORDER BY position LIMIT 1 OFFSET ?')
            .get(kept.blockStarts[Math.floor(index / kept.levels.blockSize)]!, index % kept.levels.blockSize)
        : this.db.prepare<[number], EventRowForLedger>('SELECT * FROM events ORDER BY position LIMIT 1 OFFSET ?').get(index);
    return row ? contentOfRow(row) : null;
  }

  /**
   * The stored leaf hash of the event at `index` and its audit path in the tree of the first
   * `treeSize` stored leaf hashes, from the kept levels (brought up to date first) and the stored
   * leaf hashes of at most two blocks: O(MERKLE_BLOCK_LEAVES + log n) reads and hashes (breaker12e P5:
   * every leaf hash was read and the whole tree hashed per proof). Null when the log holds fewer
   * than `treeSize` events now (cut back since the checkpoint).
   */
  async auditPath(index: number, treeSize: number): Promise<{ leafHash: Buffer; path: Buffer[] } | null> {
    const kept = await this.keptHead();
    if (!kept || treeSize > kept.levels.size || index >= treeSize) return null;
    const { levels, blockStarts } = kept;
    const leaves = this.db.prepare<[number, number], { leaf_hash: Buffer | null }>('SELECT leaf_hash FROM events WHERE position >= ? ORDER BY position LIMIT ?');
    const blockLeaves = (block: number) => leaves.all(blockStarts[block]!, levels.blockSize).map((row) => row.leaf_hash ?? EMPTY);
    try {
      const path = await levels.auditPath(index, treeSize, blockLeaves);
      const leaf = blockLeaves(Math.floor(index / levels.blockSize))[index % levels.blockSize];
      return leaf ? { leafHash: leaf, path } : null;
    } catch (error) {
      // A block read short: rows removed behind the server since they were read.
      if (error instanceof RangeError) return null;
      throw error;
    }
  }

  /**
   * Whether the row seal of `sealKey` (`rowSeal`, a key's row-seal key) holds on at least one row: only a holder of that
   * key can make one hold, so a key that seals some row of a store is that store's (newcomer57-9 S1). Stops at the first
   * row it holds on; reads every sealed row when it holds on none (one HMAC each). False for a file without seals.
   */
  sealedBy(sealKey: Buffer): boolean {
    if (!hasColumn(this.db, 'row_seal')) return false;
    const rows = this.db.prepare<[], { leaf_hash: Buffer | null; chain_hash: Buffer | null; row_seal: Buffer | null }>(
      'SELECT leaf_hash, chain_hash, row_seal FROM events WHERE row_seal IS NOT NULL ORDER BY position',
    );
    for (const row of rows.iterate()) if (row.leaf_hash && row.chain_hash && sealHolds(sealKey, row.leaf_hash, row.chain_hash, row.row_seal)) return true;
    return false;
  }

  /** The fingerprints of the keys whose signatures hold on the file's checkpoints (`checkpointSignatureHolds`), each once. */
  checkpointSigners(): string[] {
    return [...new Set(this.checkpoints().filter((checkpoint) => checkpointSignatureHolds(checkpoint)).map((checkpoint) => keyFingerprint(checkpoint.publicKey)))];
  }

  checkpoints(): StoredCheckpoint[] {
    if (!this.hasCheckpointsTable()) return [];
    return this.db.prepare<[], CheckpointRow>('SELECT * FROM ledger_checkpoints ORDER BY sequence').all().map(toCheckpoint);
  }

  checkpoint(sequence: number): StoredCheckpoint | null {
    if (!this.hasCheckpointsTable()) return null;
    const row = this.db.prepare<[number], CheckpointRow>('SELECT * FROM ledger_checkpoints WHERE sequence = ?').get(sequence);
    return row ? toCheckpoint(row) : null;
  }

  latestCheckpoint(): StoredCheckpoint | null {
    if (!this.hasCheckpointsTable()) return null;
    const row = this.db.prepare<[], CheckpointRow>('SELECT * FROM ledger_checkpoints ORDER BY sequence DESC LIMIT 1').get();
    return row ? toCheckpoint(row) : null;
  }

  private hasCheckpointsTable(): boolean {
    return this.hasTable('ledger_checkpoints');
  }

  private hasTable(name: string): boolean {
    return this.db.prepare<[string]>("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
  }

  /**
   * What the file itself remembers beyond its rows: SQLite never gives an AUTOINCREMENT number twice,
   * so `sqlite_sequence` keeps the highest event position and checkpoint number ever written even
   * after their rows are deleted; the request index names the position each request's events
   * reached. An edit that also lowers these is for the store witness (outside the file) to catch.
   */
  ownRecords(): LedgerExpectations {
    const given = (table: string) =>
      this.hasTable('sqlite_sequence') ? (this.db.prepare<[string], { seq: number }>('SELECT seq FROM sqlite_sequence WHERE name = ?').get(table)?.seq ?? null) : null;
    const headsSeen: HeadSeen[] = [];
    const eventsGiven = given('events');
    if (eventsGiven) headsSeen.push({ position: String(eventsGiven), seenBy: say("the file's own numbering of events (the highest position it ever gave)", '事件库文件自身的事件编号（曾分配的最大位置）') });
    const requested = this.hasTable('requests') ? this.db.prepare<[], { position: number | null }>('SELECT MAX(position) AS position FROM requests').get()?.position : null;
    if (requested) headsSeen.push({ position: String(requested), seenBy: say("the request index (a request's events were written up to there)", '请求索引（某次请求的事件曾写到该位置）') });
    return { headsSeen, checkpointNumbersGiven: given('ledger_checkpoints') };
  }

  /**
   * Rows of the store's two indexes that no append wrote (breaker9s P2): the appender writes a request-index row and a
   * unique claim in the transaction that appends its events, so a `requests` row naming a position whose event is not
   * of its stream and revision, or a `unique_claims` row whose holder stream has no event, was put in by hand. Neither
   * index is in the hash chain, so the chain cannot show them: a forged request row would answer a new request as
   * "already recorded" (its write lost); a forged claim would block a name. Reservation rows (revision −1: a request
   * that appended nothing) are not judged. At most `limit` of each, with how many there are in all.
   */
  indexRowsWithoutEvents(limit = 20): {
    requests: { total: number; rows: { key: string; streamId: string; revision: number; position: number }[] };
    claims: { total: number; rows: { scope: string; value: string; streamId: string }[] };
    /**
     * breaker9x P7: rows that name an event the log holds but are not that event's request — a row copied under another
     * key (two keys for one command: no Rectify process writes that; the key is a hash of the caller and their idempotency
     * key, so a forged one can make a request never sent CONFLICT, or answer it "already done"). Each such command's rows are
     * all listed: which one is genuine only the office can tell. (A row's event checked against its sealed metadata's commandId
     * is not done: events of older imports name the row's command only as the batch, which older versions did not write.)
     */
    sharedCommands: { total: number; rows: { key: string; commandId: string; position: number }[] };
    /**
     * breaker9y P1: request-index rows naming a position below the head where the log holds no event — genuine rows whose
     * events were deleted from the middle of the log (the chain's CHAIN_BROKEN names the gap): not forged, and not counted
     * in `requests`. Each names the request whose recorded event is gone.
     */
    eventsDeleted: { total: number; rows: { key: string; streamId: string; revision: number; position: number }[] };
  } {
    // A row naming a position the log holds another event at was put in by hand; one naming a position below the head that
    // holds no event at all is the genuine row of an event deleted from the log (breaker9y P1: ledger:verify blamed it).
    const requestsWhere = `FROM requests AS r WHERE r.revision >= 0
      AND NOT EXISTS (SELECT 1 FROM events AS e WHERE e.position = r.position AND e.stream_id = r.stream_id AND e.revision = r.revision)
      AND (EXISTS (SELECT 1 FROM events AS e WHERE e.position = r.position) OR r.position > (SELECT COALESCE(MAX(position), 0) FROM events))`;
    const eventsGoneWhere = `FROM requests AS r WHERE r.revision >= 0
      AND NOT EXISTS (SELECT 1 FROM events AS e WHERE e.position = r.position) AND r.position <= (SELECT COALESCE(MAX(position), 0) FROM events)`;
    const claimsWhere = 'FROM unique_claims AS c WHERE NOT EXISTS (SELECT 1 FROM events AS e WHERE e.stream_id = c.stream_id)';
    const count = (where: string) => this.db.prepare<[], { total: number }>(`SELECT COUNT(*) AS total ${where}`).get()!.total;
    const requests = this.hasTable('requests')
      ? {
          total: count(requestsWhere),
          rows: this.db
            .prepare<[number], { key: string; streamId: string; revision: number; position: number }>(
              `SELECT r.request_key AS key, r.stream_id AS streamId, r.revision, r.position ${requestsWhere} ORDER BY r.position LIMIT ?`,
            )
            .all(limit),
        }
      : { total: 0, rows: [] };
    const claims = this.hasTable('unique_claims')
      ? {
          total: count(claimsWhere),
          rows: this.db.prepare<[number], { scope: string; value: string; streamId: string }>(`SELECT c.scope, c.value, c.stream_id AS streamId ${claimsWhere} ORDER BY c.scope, c.value LIMIT ?`).all(limit),
        }
      : { total: 0, rows: [] };
    const sharedWhere = 'FROM requests AS r WHERE r.command_id IN (SELECT command_id FROM requests GROUP BY command_id HAVING COUNT(*) > 1)';
    const sharedCommands = this.hasTable('requests')
      ? {
          total: count(sharedWhere),
          rows: this.db
            .prepare<[number], { key: string; commandId: string; position: number }>(`SELECT r.request_key AS key, r.command_id AS commandId, r.position ${sharedWhere} ORDER BY r.command_id, r.request_key LIMIT ?`)
            .all(limit),
        }
      : { total: 0, rows: [] };
    const eventsDeleted = this.hasTable('requests')
      ? {
          total: count(eventsGoneWhere),
          rows: this.db
            .prepare<[number], { key: string; streamId: string; revision: number; position: number }>(
              `SELECT r.request_key AS key, r.stream_id AS streamId, r.revision, r.position ${eventsGoneWhere} ORDER BY r.position LIMIT ?`,
            )
            .all(limit),
        }
      : { total: 0, rows: [] };
    return { requests, claims, sharedCommands, eventsDeleted };
  }

  /** The id this store was given when it was created (`store_identity`); null for a file without one. */
  storeId(): string | null {
    return this.hasTable('store_identity') ? (this.db.prepare<[], { store_id: string }>('SELECT store_id FROM store_identity').get()?.store_id ?? null) : null;
  }

  /**
   * Keeps a checkpoint (not on a read-only connection), numbered next after the highest number the
   * file gave or holds, and at least `numberAtLeast` (see `LedgerBackend.saveCheckpoint`) — unless one
   * of the same head (tree size and root) signed by the same key is kept already, which is answered instead: the check and
   * the insert are one statement, so two processes on one file that signed the same head at one moment
   * keep one checkpoint of it (breaker9i: two servers kept checkpoints 12 and 13 both over 821 events).
   */
  saveCheckpoint(checkpoint: SignedCheckpoint, numberAtLeast = 1): StoredCheckpoint {
    // One transaction with the content mark (breaker9z P4, src/event-store/wal-file-mark.ts).
    const insert = this.db.transaction(() => {
      const inserted = this.insertCheckpoint(checkpoint, numberAtLeast);
      if (inserted.changes > 0) markWriteTransaction(this.db);
      return inserted;
    });
    const result = insert.immediate();
    if (result.changes === 0) {
      const kept = this.db
        .prepare<[number, Buffer, string], CheckpointRow>('SELECT * FROM ledger_checkpoints WHERE tree_size = ? AND root_hash = ? AND public_key = ? ORDER BY sequence LIMIT 1')
        .get(checkpoint.treeSize, checkpoint.rootHash, checkpoint.publicKey);
      if (kept) return toCheckpoint(kept);
    }
    return { ...checkpoint, sequence: Number(result.lastInsertRowid) };
  }

  /** The insert of `saveCheckpoint`, checked and numbered in one statement. */
  private insertCheckpoint(checkpoint: SignedCheckpoint, numberAtLeast: number): Database.RunResult {
    return this.db
      .prepare(
        `INSERT INTO ledger_checkpoints (sequence, tree_size, head_position, root_hash, chain_hash, taken_at, body, public_key, signature)
         SELECT MAX(?, COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'ledger_checkpoints'), 0) + 1, COALESCE((SELECT MAX(sequence) FROM ledger_checkpoints), 0) + 1),
                ?, ?, ?, ?, ?, ?, ?, ?
         WHERE NOT EXISTS (SELECT 1 FROM ledger_checkpoints WHERE tree_size = ? AND root_hash = ? AND public_key = ?)`,
      )
      .run(numberAtLeast, checkpoint.treeSize, checkpoint.headPosition, checkpoint.rootHash, checkpoint.chainHash, checkpoint.takenAt, checkpoint.body, checkpoint.publicKey, checkpoint.signature, checkpoint.treeSize, checkpoint.rootHash, checkpoint.publicKey);
  }
}

