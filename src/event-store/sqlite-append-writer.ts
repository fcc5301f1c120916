import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { SqliteChainHead, type ChainHeadAt } from '../ledger/sqlite-ledger.js';
import { hashEvent, rowSeal } from '../ledger/domain/event-chain.js';
import {
  ClaimTakenError,
  ConcurrencyError,
  RequestKeyConflictError,
  sameRequest,
  type AppendResult,
  type EventToAppend,
  type ExpectedRevision,
  type Position,
  type RecordedRequest,
  type RequestRecord,
  type UniqueClaim,
} from './event-store.port.js';
import { MainFileWatch, type HeldStore, type Overwrite } from './store-file-overwrite.js';
import { markWriteTransaction } from './wal-file-mark.js';

/*
 * Group commit (issue 12): the appends that queued while the previous commit was on its way to
 * disk are written together in one IMMEDIATE transaction, so that one fsync acknowledges them all.
 * Each append is checked and written as if it ran alone, in queue order — its expected revision,
 * its request-index row, its ledger hashes — so a later append in the batch sees an earlier one
 * (same stream, same idempotency key), and a refused append fails alone while the others commit. This module runs on whichever
 * thread owns the writing connection: the server's writer thread or, in memory, the caller's.
 */

/** How long a connection waits for another process's lock before SQLite answers SQLITE_BUSY (ms). */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * A connection to the store's file as every Rectify connection that writes opens it: WAL,
 * synchronous=FULL (a commit returns once it is on disk), and up to 5 s of waiting for another
 * process's write lock. A reader opens `openReadOnlyConnection` instead.
 */
export function openStoreConnection(path: string): Database.Database {
  const db = new Database(path);
  // First, so that switching to WAL also waits for a lock another process holds (breaker9j P6).
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  return db;
}

/**
 * breaker53-9 S2: the writer thread's connection to the store file the server opened (`expected`: its device and inode; null
 * in memory or unknown) — never one it creates. The server's own connection opened the file at start; a writer thread starts
 * again (at the first commit, after one died) by the path, and `new Database(path)` on a path whose folder was deleted and
 * made again created a new empty rectify.db there, which the next start took for a new store. Opened with `fileMustExist`,
 * and the path must still name that file, before and after the open.
 * @throws WriterFileGoneError when the path names no file or another file (nothing was opened, nothing created); SQLite's
 *   error when the file cannot be opened.
 */
export function openWriterConnection(path: string, expected: { readonly dev: number; readonly ino: number } | null): Database.Database {
  const judge = () => {
    const now = nodeOf(path);
    if (!now) return 'missing' as const;
    return expected && (now.dev !== expected.dev || now.ino !== expected.ino) ? ('replaced' as const) : null;
  };
  const before = judge();
  if (before) throw new WriterFileGoneError(path, before);
  const db = new Database(path, { fileMustExist: true });
  const after = judge();
  if (after) {
    db.close();
    throw new WriterFileGoneError(path, after);
  }
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  return db;
}

/** A file's device and inode; null when the path names none. */
function nodeOf(path: string): { dev: number; ino: number } | null {
  try {
    const { dev, ino } = statSync(path);
    return { dev, ino };
  } catch {
    return null;
  }
}

/**
 * The writer thread would not open the store by its path (`openWriterConnection`): the path names no file any more
 * (`missing`: deleted, its folder deleted) or another file than the one the server opened (`replaced`). Nothing was written.
 */
export class WriterFileGoneError extends Error {
  constructor(
    readonly path: string,
    readonly how: 'missing' | 'replaced',
  ) {
    super(
      how === 'missing'
        ? `${path} names no file any more (deleted, or its folder deleted): the writer thread does not open, nor create, a store there`
        : `${path} names another file than the store this server opened: the writer thread does not write into it`,
    );
    this.name = 'WriterFileGoneError';
  }
}

/**
 * A read-only connection to an existing store file: SQLite never writes the file through it, nor
 * checkpoints or deletes its -wal when it closes (breaker9d P4: an export's read-write connection,
 * closed, wrote a restored file's stale -wal into it and deleted the -wal). Reads see what the
 * -wal holds. @throws SQLite's error when the file does not exist or cannot be opened.
 */
export function openReadOnlyConnection(path: string): Database.Database {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}

/** One caller's append, as queued for the next commit: plain data (it crosses to the writer thread). */
export interface QueuedAppend {
  readonly streamId: string;
  readonly events: readonly EventToAppend[];
  readonly expectedRevision: ExpectedRevision;
  readonly request?: RequestRecord;
  readonly claims?: readonly UniqueClaim[];
}

/**
 * Appends to several streams written all or nothing (`EventStore.appendToStreams`): in the batch's
 * transaction under a savepoint, each part checked and written in order; the first refusal rolls the
 * group back and fails it alone, the rest of the batch commits.
 */
export interface QueuedGroup {
  readonly parts: readonly QueuedAppend[];
}

/** One entry of a group commit: an append, or a group of appends that stand or fall together. */
export type QueuedWrite = QueuedAppend | QueuedGroup;

export const isQueuedGroup = (write: QueuedWrite): write is QueuedGroup => 'parts' in write;

/** The events a queued write carries (a group's: all its parts'). */
export const queuedEventCount = (write: QueuedWrite): number =>
  isQueuedGroup(write) ? write.parts.reduce((count, part) => count + part.events.length, 0) : write.events.length;

/** Why one append of a batch was refused, as plain data (errors lose their class crossing threads). */
export type AppendFailure =
  | { readonly kind: 'concurrency'; readonly streamId: string; readonly expected: ExpectedRevision; readonly actual: number | 'no_stream' }
  | { readonly kind: 'request-key'; readonly key: string; readonly stored: RecordedRequest }
  | { readonly kind: 'claim'; readonly scope: string; readonly value: string; readonly holder: string; readonly holderRevision?: number | null; readonly scopeMoved?: boolean }
  | { readonly kind: 'sqlite'; readonly message: string; readonly code: string }
  | { readonly kind: 'log-shortened'; readonly head: number | null; readonly seen: number }
  | { readonly kind: 'log-rewritten'; readonly position: number; readonly found: string | null }
  | { readonly kind: 'overwritten'; readonly path: string; readonly overwrite: Overwrite }
  | { readonly kind: 'writer-thread'; readonly message: string }
  | { readonly kind: 'other'; readonly message: string };

/** What became of one queued append once the batch committed. */
export type AppendSettlement =
  | {
      readonly ok: true;
      /** A group's: its last part's. */
      readonly result: AppendResult;
      readonly appended: boolean;
      /** A group's: one result per part, in order. */
      readonly results?: readonly AppendResult[];
    }
  | { readonly ok: false; readonly failure: AppendFailure };

/** A whole batch's outcome: one settlement per append, in order, or the failure that lost them all. */
export type BatchOutcome =
  | {
      readonly committed: true;
      readonly settlements: readonly AppendSettlement[];
      readonly appended: number;
      /**
       * The positions this batch's rows took: every row after `after` up to `upTo` (one transaction
       * under the write lock: no other connection's row among them), and the chain hash (hex) of the row at
       * `upTo` (null: the store keeps no chain); null when it appended nothing.
       */
      readonly written: { readonly after: number; readonly upTo: number; readonly chainHash?: string | null } | null;
    }
  | { readonly committed: false; readonly failure: AppendFailure };

/**
 * SQLite's code of an error better-sqlite3 threw (`SQLITE_FULL`, `SQLITE_CONSTRAINT_UNIQUE`…), else
 * null. By its code, not `instanceof`: the native addon keeps the first SqliteError class it was
 * given in the process, which is not this module's (nor of this realm's Error) where modules are
 * loaded more than once (Jest).
 */
const sqliteCode = (error: unknown): string | null => {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null;
};

/** Plain data for an error thrown by an append or a commit. */
export function describeFailure(error: unknown): AppendFailure {
  if (error instanceof LogShortenedError) return { kind: 'log-shortened', head: error.head, seen: error.seen };
  if (error instanceof LogRewrittenError) return { kind: 'log-rewritten', position: error.position, found: error.found };
  if (error instanceof StoreFileOverwrittenError) return { kind: 'overwritten', path: error.path, overwrite: error.overwrite };
  if (error instanceof ConcurrencyError) return { kind: 'concurrency', streamId: error.streamId, expected: error.expected, actual: error.actual };
  if (error instanceof RequestKeyConflictError) return { kind: 'request-key', key: error.key, stored: error.stored };
  if (error instanceof ClaimTakenError)
    return { kind: 'claim', scope: error.scope, value: error.value, holder: error.holder, holderRevision: error.holderRevision, ...(error.scopeMoved ? { scopeMoved: true } : {}) };
  if (error instanceof WriterFileGoneError) return { kind: 'writer-thread', message: error.message };
  const code = sqliteCode(error);
  if (code) return { kind: 'sqlite', message: messageOf(error) ?? code, code };
  return { kind: 'other', message: messageOf(error) ?? String(error) };
}

/**
 * What a thrown value says, whatever crossed a thread (breaker53-9 M3: an error thrown on the writer thread reached the server
 * without its message — "failed: undefined"); null when it says nothing.
 */
export function messageOf(error: unknown): string | null {
  const message = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined;
  if (typeof message === 'string' && message !== '') return message;
  if (typeof error === 'string' && error !== '') return error;
  return null;
}

/**
 * The writer thread failed a batch for itself — it died, or would not open the store (`WriterFileGoneError`): whether the
 * batch it held was committed is unknown to its callers. The store's health classifies it (`StoreHealth.noteWriteFailure`).
 */
export class WriterThreadFailedError extends Error {
  constructor(readonly reason: string) {
    super(`The event store's writer thread failed: ${reason}`);
    this.name = 'WriterThreadFailedError';
  }
}

/** The error a caller sees for a failure: the same class and fields as if it had been thrown in place. */
export function failureError(failure: AppendFailure): Error {
  switch (failure.kind) {
    case 'concurrency':
      return new ConcurrencyError(failure.streamId, failure.expected, failure.actual);
    case 'request-key':
      return new RequestKeyConflictError(failure.key, failure.stored);
    case 'claim':
      return new ClaimTakenError(failure.scope, failure.value, failure.holder, failure.holderRevision, undefined, failure.scopeMoved);
    case 'sqlite':
      return new Database.SqliteError(failure.message, failure.code);
    case 'log-shortened':
      return new LogShortenedError(failure.head, failure.seen);
    case 'log-rewritten':
      return new LogRewrittenError(failure.position, failure.found);
    case 'overwritten':
      return new StoreFileOverwrittenError(failure.path, failure.overwrite);
    case 'writer-thread':
      return new WriterThreadFailedError(failure.message);
    case 'other':
      return new Error(failure.message);
  }
}

/**
 * The log in the file ends before a position this store had already seen (appended or read): rows
 * were deleted from its end, or an older copy was written over the file in place. Found inside the
 * write transaction, before anything is written, so no append lands at a position that was
 * already given to another event; the whole batch is refused.
 */
export class LogShortenedError extends Error {
  constructor(
    /** The highest position the file holds now; null when it holds no event. */
    readonly head: number | null,
    /** The highest position this store had seen. */
    readonly seen: number,
  ) {
    super(`The event log ends at position ${head ?? 'none'}, before position ${seen} that this server had already seen: events were removed from the store file, or an older copy was written over it.`);
    this.name = 'LogShortenedError';
  }
}

/**
 * A row this store acknowledged (or found at the head when it opened the file) is not there any more:
 * the event at `position` now has another chain hash (`found`, hex; null: no hash there). Another
 * program rewrote the log through SQLite under the running server — `sqlite3 rectify.db ".restore
 * other.db"`, a backup API, a tool writing rows (breaker9x P3): the file and its inode stay, so no file
 * check sees it. Found inside the write transaction, before anything is written; the whole batch is refused.
 */
export class LogRewrittenError extends Error {
  constructor(
    readonly position: number,
    readonly found: string | null,
  ) {
    super(`The event at position ${position}, which this server had acknowledged, is not the one it acknowledged any more (its chain hash is now ${found ?? 'none'}): the event log was rewritten under the running server.`);
    this.name = 'LogRewrittenError';
  }
}

/** A position this store acknowledged and the chain hash (hex) of the event it holds there: what the file must still hold (`LogRewrittenError`). */
export interface LogAnchor {
  readonly position: number;
  readonly chainHash: string;
}

/**
 * The store file was written over in place by something other than SQLite (breaker9s P5: `cp` of a
 * copy over the live file — see store-file-overwrite.ts). Found inside the write transaction, before
 * anything is committed: the whole batch is refused, and nothing of it reaches the file or the -wal.
 */
export class StoreFileOverwrittenError extends Error {
  constructor(
    readonly path: string,
    readonly overwrite: Overwrite,
  ) {
    super(`The event store file ${path} was written over in place while the server runs: ${overwrite.detail}.`);
    this.name = 'StoreFileOverwrittenError';
  }
}

interface RequestRow {
  request_key: string;
  command_id: string;
  request_digest: string | null;
  stream_id: string;
  revision: number;
  position: number;
}

export const sequencePosition = (sequence: number): Position => ({ commit: BigInt(sequence), prepare: BigInt(sequence) });

/**
 * A request whose command appended nothing is kept with revision -1 and position 0: no event has
 * position 0 (positions are rowids, from 1), and the table keeps its NOT NULL columns.
 */
const APPENDED_NOTHING = { revision: -1, position: 0 } as const;

export const toRecordedRequest = (row: RequestRow): RecordedRequest =>
  row.revision === APPENDED_NOTHING.revision
    ? { key: row.request_key, commandId: row.command_id, digest: row.request_digest, streamId: row.stream_id, position: null, appendedNothing: true }
    : { key: row.request_key, commandId: row.command_id, digest: row.request_digest, streamId: row.stream_id, position: sequencePosition(row.position) };

/** An append's own write broke a constraint (an event id stored twice within it): the batch is redone without it. */
class AppendWriteRefused extends Error {
  constructor(
    readonly index: number,
    readonly refusal: unknown,
  ) {
    super(`append ${index} of the batch was refused by SQLite`);
  }
}

const isConstraintError = (error: unknown) => sqliteCode(error)?.startsWith('SQLITE_CONSTRAINT') === true;

type Checked = { readonly answer: AppendResult } | { readonly current: number | null };

/**
 * Writes batches of appends through one connection (WAL, synchronous=FULL: a batch is on disk
 * when `commit` returns). Holds the connection's prepared statements and the ledger chain head.
 */
export class SqliteAppendWriter {
  private readonly chainHead: SqliteChainHead;
  private readonly statements;
  private readonly batch: Database.Transaction<
    (
      appends: readonly QueuedWrite[],
      refused: ReadonlyMap<number, AppendFailure>,
      seen: number,
      sealKey: Uint8Array | null,
      anchor: LogAnchor | null,
    ) => { settlements: AppendSettlement[]; head: ChainHeadAt; appended: number; written: { after: number; upTo: number; chainHash: string | null } | null }
  >;

  /** Prepared at the first claim: a connection opened to read only has no unique_claims table to prepare them on when the file predates it. */
  private claimStatements?: {
    readonly holder: Database.Statement<[string, string], { stream_id: string }>;
    readonly take: Database.Statement<[{ scope: string; value: string; streamId: string; claimedAt: number }]>;
    readonly takenSince: Database.Statement<[string, number, string], { value: string; stream_id: string }>;
  };

  private get claims() {
    this.claimStatements ??= {
      holder: this.db.prepare<[string, string], { stream_id: string }>('SELECT stream_id FROM unique_claims WHERE scope = ? AND value = ?'),
      take: this.db.prepare<[{ scope: string; value: string; streamId: string; claimedAt: number }]>(
        `INSERT INTO unique_claims (scope, value, stream_id, claimed_at) VALUES (@scope, @value, @streamId, @claimedAt)
         ON CONFLICT (scope, value) DO UPDATE SET stream_id = excluded.stream_id, claimed_at = excluded.claimed_at`,
      ),
      // A claim of the scope another stream took after a position (claimed_at: its append's last event; null in rows written before it was kept).
      takenSince: this.db.prepare<[string, number, string], { value: string; stream_id: string }>(
        'SELECT value, stream_id FROM unique_claims WHERE scope = ? AND claimed_at > ? AND stream_id <> ? ORDER BY claimed_at LIMIT 1',
      ),
    };
    return this.claimStatements;
  }

  private readonly reservation: Database.Transaction<(streamId: string, request: RequestRecord) => void>;
  /** A group's parts, under a savepoint of the batch's transaction (better-sqlite3 nests transactions so). */
  private readonly group: Database.Transaction<
    (parts: readonly QueuedAppend[], previous: Buffer, sealKey: Uint8Array | null) => { results: AppendResult[]; head: Buffer; appended: number }
  >;

  /** The store file watched for writes that are not SQLite's (see MainFileWatch); none in memory. */
  private readonly fileWatch: MainFileWatch | null;
  /** The store id this connection opened, once read (never read again: a file written over would answer another). */
  private storeId: string | null = null;
  /** Whether the connection is in WAL mode, read once. */
  private walMode: boolean | undefined;

  /** `path`: the store file the connection opened, watched before each commit; omitted (or `:memory:`) for none. */
  constructor(
    private readonly db: Database.Database,
    path?: string,
  ) {
    this.chainHead = new SqliteChainHead(db);
    this.statements = {
      logHead: db.prepare<[], { position: number | null }>('SELECT MAX(position) AS position FROM events'),
      streamHead: db.prepare<[string], { revision: number | null }>('SELECT MAX(revision) AS revision FROM events WHERE stream_id = ?'),
      byEventId: db.prepare<[string], { stream_id: string; revision: number; position: number }>(
        'SELECT stream_id, revision, position FROM events WHERE event_id = ?',
      ),
      insert: db.prepare(
        `INSERT INTO events (event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at, leaf_hash, chain_hash, row_seal)
         VALUES (@eventId, @streamId, @revision, @type, @schemaVersion, @data, @metadata, @recordedAt, @leafHash, @chainHash, @rowSeal)`,
      ),
      request: db.prepare<[string], RequestRow>('SELECT * FROM requests WHERE request_key = ?'),
      recordRequest: db.prepare(
        `INSERT INTO requests (request_key, command_id, request_digest, stream_id, revision, position)
         VALUES (@key, @commandId, @digest, @streamId, @revision, @position)`,
      ),
      eventIdAt: db.prepare<[number], { event_id: string }>('SELECT event_id FROM events WHERE position = ?'),
      chainHashAt: db.prepare<[number], { chain_hash: Buffer | null }>('SELECT chain_hash FROM events WHERE position = ?'),
      storeId: db.prepare<[], { store_id: string }>('SELECT store_id FROM store_identity'),
    };
    this.fileWatch = path && path !== ':memory:' ? new MainFileWatch(path, () => this.held()) : null;
    this.fileWatch?.start();
    this.reservation = db.transaction((streamId: string, request: RequestRecord) => {
      this.refuseOverwrittenFile();
      if (this.answeredRequest(request)) return;
      this.statements.recordRequest.run({ ...request, streamId, ...APPENDED_NOTHING });
      markWriteTransaction(db);
    });
    this.group = db.transaction((parts: readonly QueuedAppend[], previous: Buffer, sealKey: Uint8Array | null) => {
      let head = previous;
      let appended = 0;
      const results = parts.map((part) => {
        const checked = this.check(part);
        if ('answer' in checked) return checked.answer;
        const written = this.write(part, checked.current, head, sealKey);
        head = written.head;
        appended += 1;
        return written.result;
      });
      return { results, head, appended };
    });
    this.batch = db.transaction((appends, refused, seen, sealKey, anchor) => {
      // Under the write lock, before anything is written: a log shorter than what was seen would
      // give its positions again.
      const logHead = this.statements.logHead.get()?.position ?? null;
      if ((logHead ?? 0) < seen) throw new LogShortenedError(logHead, seen);
      // Nor is anything chained onto a log whose acknowledged rows were rewritten through SQLite (breaker9x P3).
      if (anchor && anchor.position <= (logHead ?? 0)) {
        const found = this.statements.chainHashAt.get(anchor.position)?.chain_hash?.toString('hex') ?? null;
        if (found !== anchor.chainHash) throw new LogRewrittenError(anchor.position, found);
      }
      // Nor is anything committed over a file written over in place: its pages and this connection's -wal no longer fit.
      this.refuseOverwrittenFile();
      // The content mark that ties this connection's -wal to the file it is written over (breaker9z P4, wal-file-mark.ts).
      markWriteTransaction(db);
      const start = this.chainHead.current();
      let head = start.hash;
      let appended = 0;
      const settlements = appends.map((append, index): AppendSettlement => {
        const refusal = refused.get(index);
        if (refusal) return { ok: false, failure: refusal };
        if (isQueuedGroup(append)) {
          // Rolled back to its savepoint when a part is refused (or its write broken): nothing of it stays, it fails alone.
          try {
            const written = this.group(append.parts, head, sealKey);
            head = written.head;
            appended += written.appended;
            return { ok: true, result: written.results.at(-1)!, results: written.results, appended: written.appended > 0 };
          } catch (error) {
            if (!db.inTransaction) throw error;
            return { ok: false, failure: describeFailure(error) };
          }
        }
        // The checks only read: an append they refuse has written nothing, so it fails alone
        // without a savepoint (which would cost every append of the batch a statement journal).
        let checked: Checked;
        try {
          checked = this.check(append);
        } catch (error) {
          if (!db.inTransaction) throw error;
          return { ok: false, failure: describeFailure(error) };
        }
        if ('answer' in checked) return { ok: true, result: checked.answer, appended: false };
        try {
          const written = this.write(append, checked.current, head, sealKey);
          head = written.head;
          appended += 1;
          return { ok: true, result: written.result, appended: true };
        } catch (error) {
          throw isConstraintError(error) ? new AppendWriteRefused(index, error) : error;
        }
      });
      const upTo = appended > 0 ? (this.statements.logHead.get()?.position ?? null) : null;
      const chainHash = upTo === null ? null : (this.statements.chainHashAt.get(upTo)?.chain_hash?.toString('hex') ?? null);
      return { settlements, head: { hash: head, dataVersion: start.dataVersion }, appended, written: upTo === null ? null : { after: logHead ?? 0, upTo, chainHash } };
    });
  }

  /**
   * Commits the appends in one transaction, in order. IMMEDIATE takes the write lock before any
   * stream's revision is read, so two processes cannot both pass an expected-revision check nor
   * both chain onto the same event. Never throws: a failure of the whole batch (the lock not
   * obtained within busy_timeout, an I/O error, a full disk) is its outcome. An append whose own
   * insert SQLite refuses (a constraint) is failed alone, and the batch written again without it.
   * `seen` is the highest position the caller's store has seen (0: none); a log that now ends
   * before it refuses the whole batch (`LogShortenedError`, see there). `sealKey`: the office's
   * row-seal key (`rowSeal`, breaker9b N1), each row written is sealed with it; null writes rows
   * unsealed (a store no key was given to: specs, a tool's store of its own).
   */
  commit(appends: readonly QueuedWrite[], seen = 0, sealKey: Uint8Array | null = null, anchor: LogAnchor | null = null): BatchOutcome {
    const refused = new Map<number, AppendFailure>();
    for (;;) {
      try {
        const { settlements, head, appended, written } = this.batch.immediate(appends, refused, seen, sealKey, anchor);
        this.chainHead.committed(head);
        // The file as this commit's checkpoint (if it made one) left it: what the next look compares with.
        this.fileOverwritten();
        return { committed: true, settlements, appended, written };
      } catch (error) {
        this.chainHead.forget();
        if (error instanceof AppendWriteRefused && !this.db.inTransaction) {
          refused.set(error.index, describeFailure(error.refusal));
          continue;
        }
        return { committed: false, failure: describeFailure(error) };
      }
    }
  }

  /** What this connection holds, for the file watch (see HeldStore). */
  private held(): HeldStore {
    this.storeId ??= this.statements.storeId.get()?.store_id ?? null;
    const pages = this.db.pragma('page_count', { simple: true }) as number;
    const pageSize = this.db.pragma('page_size', { simple: true }) as number;
    this.walMode ??= this.db.pragma('journal_mode', { simple: true }) === 'wal';
    return {
      wal: this.walMode,
      storeId: this.storeId,
      databaseBytes: pages * pageSize,
      head: this.statements.logHead.get()?.position ?? null,
      eventIdAt: (position) => this.statements.eventIdAt.get(position)?.event_id ?? null,
    };
  }

  /**
   * Whether the store file was written over in place (see MainFileWatch): one stat of the file, and
   * a read of a few of its pages when it changed since the last look. Null while it was not.
   */
  fileOverwritten(): Overwrite | null {
    return this.fileWatch?.check() ?? null;
  }

  private refuseOverwrittenFile(): void {
    const overwrite = this.fileOverwritten();
    if (overwrite) throw new StoreFileOverwrittenError(this.fileWatch!.path, overwrite);
  }

  /**
   * Takes the key for a request that appends nothing (see `EventStore.reserveRequest`), in a
   * transaction of its own: nothing when the index already holds this request, and
   * `RequestKeyConflictError` when it holds another under the key.
   */
  reserve(streamId: string, request: RequestRecord): void {
    this.reservation.immediate(streamId, request);
  }

  /** Reads only: the first result of a retry, a refusal (thrown), or the stream's current revision. */
  private check(append: QueuedAppend): Checked {
    const { streamId, events, expectedRevision, request } = append;
    const answered = request && this.answeredRequest(request);
    if (answered) return { answer: answered };
    const alreadyStored = this.alreadyStored(streamId, events);
    if (alreadyStored) return { answer: alreadyStored };
    const current = this.statements.streamHead.get(streamId)?.revision ?? null;
    const matches = expectedRevision === 'any' || (expectedRevision === 'no_stream' ? current === null : current === expectedRevision);
    if (!matches) throw new ConcurrencyError(streamId, expectedRevision, current ?? 'no_stream');
    for (const claim of append.claims ?? []) {
      const holder = this.claims.holder.get(claim.scope, claim.value)?.stream_id;
      if (holder === undefined || holder === streamId) continue;
      const holderRevision = this.statements.streamHead.get(holder)?.revision ?? null;
      // A claim is written in the transaction that appends its holder's events, so a holder without one is a row no
      // append wrote (inserted by hand): it holds nothing, and the value is free (breaker9s P2; ledger:verify names it).
      if (holderRevision === null) continue;
      // Taken over only from the holder named, and only as its stream stood when judged to have given the value up (breaker11m P1).
      const released = holder === claim.takeOverFrom && (claim.takeOverAt === undefined || claim.takeOverAt === holderRevision);
      if (!released) throw new ClaimTakenError(claim.scope, claim.value, holder, holderRevision);
    }
    // A rule that also refuses near values was judged on read models at `judgedAt`: another stream's value of the scope
    // committed since (by another process, or earlier in this batch) was not among those it judged (breaker9x P2).
    for (const claim of append.claims ?? []) {
      if (claim.judgedAt === undefined) continue;
      const since = this.claims.takenSince.get(claim.scope, Number(claim.judgedAt.commit), streamId);
      if (since) throw new ClaimTakenError(claim.scope, since.value, since.stream_id, this.statements.streamHead.get(since.stream_id)?.revision ?? null, false, true);
    }
    return { current };
  }

  /** Inserts the events after `current`, chained onto `previous` (sealed when a key is given), the request-index row and the claims. */
  private write(append: QueuedAppend, current: number | null, previous: Buffer, sealKey: Uint8Array | null): { result: AppendResult; head: Buffer } {
    // A key that crossed from the main thread arrives as a Uint8Array.
    const key = sealKey ? Buffer.from(sealKey.buffer, sealKey.byteOffset, sealKey.byteLength) : null;
    const { streamId, events, request } = append;
    let revision = current ?? -1;
    let position = 0;
    let head = previous;
    for (const event of events) {
      revision += 1;
      const recordedAt = event.metadata.recordedAt;
      const hashes = hashEvent(head, { ...event, streamId, revision, recordedAt });
      head = hashes.chainHash;
      const inserted = this.statements.insert.run({
        eventId: event.id,
        streamId,
        revision,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: JSON.stringify(event.data),
        metadata: JSON.stringify(event.metadata),
        recordedAt,
        leafHash: hashes.leafHash,
        chainHash: hashes.chainHash,
        rowSeal: key ? rowSeal(key, hashes.leafHash, hashes.chainHash) : null,
      });
      position = Number(inserted.lastInsertRowid);
    }
    if (request) this.statements.recordRequest.run({ ...request, streamId, revision, position });
    for (const { scope, value } of append.claims ?? []) this.claims.take.run({ scope, value, streamId, claimedAt: position });
    return { result: { nextRevision: revision, position: sequencePosition(position) }, head };
  }

  /** The first result of a request already in the index; a conflict when the key names another request. */
  private answeredRequest(request: RequestRecord): AppendResult | null {
    const row = this.statements.request.get(request.key);
    if (!row) return null;
    const stored = toRecordedRequest(row);
    if (!sameRequest(stored, request)) throw new RequestKeyConflictError(request.key, stored);
    return { nextRevision: row.revision, position: sequencePosition(row.position), alreadyRecorded: true };
  }

  /** A retried append whose event ids are already stored returns the original result, as `alreadyRecorded`. */
  private alreadyStored(streamId: string, events: readonly EventToAppend[]): AppendResult | null {
    const stored = events.map((event) => this.statements.byEventId.get(event.id));
    if (stored.every((row) => row === undefined)) return null;
    const last = stored[stored.length - 1];
    if (stored.some((row) => row === undefined) || stored.some((row) => row!.stream_id !== streamId)) {
      throw new ConcurrencyError(streamId, 'any', this.statements.streamHead.get(streamId)?.revision ?? 'no_stream');
    }
    // Said as a retry: the position is an old one, not a new head of the log (two identical imports
    // racing under different keys made the server take it for a shortened log and stop writing).
    return { nextRevision: last!.revision, position: sequencePosition(last!.position), alreadyRecorded: true };
  }
}
