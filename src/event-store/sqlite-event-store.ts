import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { copyHeldFile } from './held-file-read.js';
import { freeBytesIn, LOW_SPACE_BYTES } from './disk-full.js';
import { witnessedNodeOf, type WitnessedNode, type WitnessedStoreFile } from './stray-wal.js';
import { markWriteTransaction } from './wal-file-mark.js';
import { walBytesIndexed, walWhollyCheckpointed } from './wal-index.js';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqliteLedger, anyRowSealed, sealSqliteRows, upgradeSqliteLedger, type RowSealing } from '../ledger/sqlite-ledger.js';
import { ChainFollower, GENESIS_CHAIN_HASH, rowProblem, type ChainProblem } from '../ledger/domain/event-chain.js';
import { chainedRow, parseColumn, walkChain, type AlteredRow } from './sqlite-chain-walk.js';
import {
  AlteredRowError,
  AppendOptions,
  AppendResult,
  EventMetadata,
  EventStore,
  EventSubscription,
  EventToAppend,
  Position,
  RecordedRequest,
  RequestRecord,
  StoreIdentity,
  StoredEvent,
  StreamAppend,
  StreamReadOptions,
} from './event-store.port.js';
import {
  SqliteAppendWriter,
  failureError,
  BUSY_TIMEOUT_MS,
  LogRewrittenError,
  LogShortenedError,
  openReadOnlyConnection,
  openStoreConnection,
  sequencePosition as at,
  toRecordedRequest,
  type BatchOutcome,
  type LogAnchor,
  type QueuedAppend,
  type QueuedWrite,
  queuedEventCount,
} from './sqlite-append-writer.js';
import { WriterThread } from './sqlite-writer-thread.js';
import { realPlaceOf } from './store-place.js';
import { otherLiveServersHoldingFile, type LiveServerEntry } from './live-servers.js';
import type { Overwrite } from './store-file-overwrite.js';
import { rescueRows, type RowRescue } from './row-rescue.js';
import { rebuildAcknowledged } from './wal-rescue.js';
import { dataVersionOf } from './prepared-once.js';
import { chainHashIn, missingPositionsIn, positionsGivenIn, rowsByOtherWritersIn, writersUpToIn, type OtherWritersRows } from './sqlite-store-inspection.js';
import { stampedBy } from './writer-id.js';

/** A row of the `events` table as the store reads it (the ledger reads its own columns too). */
export interface EventRow {
  position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position       INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id       TEXT    NOT NULL UNIQUE,
  stream_id      TEXT    NOT NULL,
  revision       INTEGER NOT NULL,
  type           TEXT    NOT NULL,
  schema_version INTEGER NOT NULL,
  data           TEXT    NOT NULL,
  metadata       TEXT    NOT NULL,
  recorded_at    TEXT    NOT NULL,
  UNIQUE (stream_id, revision)
);
-- The request index: one row per request (caller-scoped idempotency key), written in the same
-- transaction as the request's events, so a key is taken by exactly one request in every process.
CREATE TABLE IF NOT EXISTS requests (
  request_key    TEXT    PRIMARY KEY,
  command_id     TEXT    NOT NULL,
  request_digest TEXT,
  stream_id      TEXT    NOT NULL,
  revision       INTEGER NOT NULL,
  position       INTEGER NOT NULL
) WITHOUT ROWID;
-- Unique claims (UniqueClaim): which stream holds a value only one stream may hold within its
-- scope (a finding's title within its evaluation, a unit's name…), written in the same transaction
-- as the events of the append that takes it, so racing requests cannot both take it. claimed_at:
-- the position of that append's last event (UniqueClaim.judgedAt: a near-value rule judged before it
-- did not see the value); null in rows written before it was kept.
CREATE TABLE IF NOT EXISTS unique_claims (
  scope      TEXT NOT NULL,
  value      TEXT NOT NULL,
  stream_id  TEXT NOT NULL,
  claimed_at INTEGER,
  PRIMARY KEY (scope, value)
) WITHOUT ROWID;
-- Who this store is: one row, written when the store is created (see identify()).
CREATE TABLE IF NOT EXISTS store_identity (
  singleton  INTEGER PRIMARY KEY CHECK (singleton = 1),
  store_id   TEXT    NOT NULL,
  created_at TEXT    NOT NULL
);`;

/** What the path names on disk: a file that was unlinked or replaced has another inode or none. */
export type StoreFileState = 'present' | 'missing' | 'replaced';

/**
 * Where a store keeps what it still reads once its file went away under it (`SqliteEventStore.keepWhatIsHeld`):
 * the copy's path, and how the copy went — `problems` is its `PRAGMA quick_check` (empty: sound; else
 * the copy was `removed`), or `error` says why no copy was made (a full disk, the folder gone).
 */
export interface HeldCopy {
  readonly path: string;
  /**
   * `rowByRow`: the page copy was no sound database (its `problems`), and the copy at `path` was made
   * again row by row, each event checked against the chain (`rescueRows`); `removed` then says whether
   * that copy failed too.
   */
  readonly done: Promise<
    | { readonly problems: readonly string[]; readonly removed: boolean; readonly rowByRow?: RowRescue; readonly foundIn?: string }
    | { readonly error: string; readonly foundIn?: string }
  >;
}

/**
 * Connections of stores whose file went away under them, never closed (`SqliteEventStore.close`):
 * closing a connection checkpoints its -wal into whatever file the path names now — a backup
 * restored in place under the server was left malformed that way, or silently undone (breaker9j
 * P2). Held here so that no garbage collection closes them either; the process's exit drops them
 * without a checkpoint.
 */
const leftOpen = new Set<Database.Database>();

/** Adds `unique_claims.claimed_at` to a store written before it was kept (its rows keep null: claimed before any judgement now made). */
function upgradeUniqueClaims(db: Database.Database): void {
  const columns = (db.pragma('table_info(unique_claims)') as { name: string }[]).map(({ name }) => name);
  if (!columns.includes('claimed_at')) db.exec('ALTER TABLE unique_claims ADD COLUMN claimed_at INTEGER');
}

/** The store's tables, as a new store file gets them (`SCHEMA` and the ledger's). */
function createStoreSchema(db: Database.Database): void {
  db.exec(SCHEMA);
  upgradeSqliteLedger(db);
}

/**
 * What a stop did with what a store whose file went away under it alone held (`SqliteEventStore.stopCopy`, breaker52-9 S5): the
 * copy made elsewhere (`copy`, its outcome) or none (`copy` null), every place tried before with why it failed, and the position
 * the server had acknowledged up to (null when unknown).
 */
export interface StopCopy {
  readonly copy: string | null;
  readonly outcome: Awaited<HeldCopy['done']> | null;
  readonly tried: readonly { readonly path: string; readonly why: string }[];
  readonly acknowledged: number | null;
}

/** What SQLite or the system says when a file could not be written for want of room (a copy's failure, `heldCopyShortOfRoom`). */
export const SAYS_NO_ROOM = /SQLITE_FULL|disk is full|ENOSPC|no space left|EDQUOT|quota exceeded/i;

/**
 * What SQLite or the system says when a copy could not be written where it goes (newcomer50-9 S1: its folder deleted under the
 * server) — as opposed to a copy made and found unsound: another try may succeed (`heldCopyToRetry`).
 */
const SAYS_NOT_WRITTEN = /directory does not exist|ENOENT|ENOTDIR|no such file|unable to open database file|SQLITE_CANTOPEN|EACCES|EPERM|permission denied|EROFS|read-only file system|SQLITE_READONLY|readonly database|SQLITE_IOERR|disk I\/O error|EIO\b/i;

/**
 * Removes a file (or folder) of a copy that failed, if there: never throws — newcomer50-9 S1: with the store's folder gone,
 * or a file where it was, the removal itself failed (ENOTDIR) and the failed copy's outcome was lost in an unhandled rejection.
 */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { recursive: true, force: true });
  } catch {
    // Nothing there to remove, or nothing that can be: the copy's outcome says why it failed.
  }
}

/**
 * A copy made of a store, left as one self-contained file (no -wal, no -shm beside it), as a backup is —
 * ready to be put in place — and its `PRAGMA quick_check`: empty when sound, else SQLite's problems.
 */
function checkedCopy(path: string): string[] {
  try {
    const copy = new Database(path, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
      return (copy.pragma('quick_check(20)', { simple: false }) as { quick_check: string }[]).map((row) => row.quick_check).filter((line) => line !== 'ok');
    } finally {
      copy.close();
    }
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
}

/** Whether a path still names the file first seen there (nothing to compare when none was seen). */
const sameFile = (opened: { dev: number; ino: number } | null, now: { dev: number; ino: number } | null): StoreFileState =>
  !opened ? 'present' : !now ? 'missing' : now.dev === opened.dev && now.ino === opened.ino ? 'present' : 'replaced';

/** A file's device and inode, and its size in bytes; null when there is none at the path. */
const fileIdentity = (path: string): { dev: number; ino: number; size: number } | null => {
  try {
    const { dev, ino, size } = statSync(path);
    return { dev, ino, size };
  } catch {
    return null;
  }
};

/**
 * The columns an event is read from: not `*`, which would also read the ledger's two hashes and
 * the recording instant (a copy of the metadata's), two Buffers per row that every stream read
 * and the projections' catch-up would allocate for nothing.
 */
const EVENT_COLUMNS = 'position, event_id, stream_id, revision, type, schema_version, data, metadata';

/** A row as the subscription reads it: with what the ledger keeps, so that every row projected is checked against its chain. */
export interface ChainedEventRow extends EventRow {
  recorded_at: string;
  leaf_hash: Buffer | null;
  chain_hash: Buffer | null;
  row_seal: Buffer | null;
}

/** The columns a row is read from with what the ledger keeps of it (see ChainedEventRow). */
const CHAINED_COLUMNS = `${EVENT_COLUMNS}, recorded_at, leaf_hash, chain_hash, row_seal`;

/** The least time between two counts of the log's rows under the running server (`holesNow`). */
/**
 * How long a store witness write waits for the store's write lock (ms, `underWriteLock`): an append of another process
 * takes milliseconds; one held longer (a large import's transaction) is not waited out on the server's event loop — the
 * witness is then written without the lock, at the higher of its head and the log's (no one commits while it is held).
 */
export const WITNESS_LOCK_WAIT_MS = 1_000;
const HOLE_COUNT_MIN_INTERVAL_MS = 1_000;
/** How many rows the read models take between two looks at whether the -wal was wholly checkpointed (`holdRow`). */
const HELD_ROWS_CHECK_EVERY = 256;
/** The most rows kept for a rescue (`rowsOnlyInWal`): beyond, the oldest go (a -wal no checkpoint could empty for that long). */
const HELD_ROWS_MOST = 200_000;
/** How often a subscription that is caught up looks for appends made by other processes. */
const FOREIGN_APPEND_POLL_MS = 100;
/**
 * How many of its latest batches' positions a store keeps to tell its own rows from another
 * process's (`lastForeignPosition`); adjacent batches count as one, so a server alone on its file
 * keeps one.
 */
const LOCAL_RANGES_KEPT = 1_024;
const READ_BATCH = 500;
/** The most events one group commit writes; what queued beyond it goes in the next transaction. */
const MAX_BATCH_EVENTS = 1000;

/** The compiled writer thread; absent when the TypeScript sources run (specs), then appends run inline. */
const BUILT_WRITER = new URL('./sqlite-writer.worker.js', import.meta.url);

/** Where a store's batches are committed: on a writer thread, or on the caller's thread. */
interface BatchCommitter {
  /**
   * `seen`: the highest position the store has seen; the batch is refused if the log now ends before it.
   * `anchor`: a position it acknowledged and its chain hash; the batch is refused if the event there changed (`LogRewrittenError`).
   */
  commit(appends: readonly QueuedWrite[], seen: number, sealKey: Buffer | null, anchor: LogAnchor | null): Promise<BatchOutcome>;
  close(): Promise<void>;
}

const inlineCommitter = (writer: SqliteAppendWriter): BatchCommitter => ({
  commit: (appends, seen, sealKey, anchor) => Promise.resolve(writer.commit(appends, seen, sealKey, anchor)),
  close: () => Promise.resolve(),
});

interface WaitingAppend {
  readonly append: QueuedWrite;
  /** With the append's result, and a group's results per part. */
  readonly resolve: (result: AppendResult, results?: readonly AppendResult[]) => void;
  readonly reject: (error: Error) => void;
}

export interface SqliteEventStoreOptions {
  /**
   * The compiled writer thread module (sqlite-writer.worker.js) to commit on, so that fsync never
   * blocks the caller's event loop; false to commit on the caller's thread. Defaults to the one
   * built beside this module when it exists; an in-memory store always commits inline.
   */
  readonly writerThread?: URL | false;
  /**
   * Opens an existing file to read only (a tool that only reads, such as `ledger:export`): nothing
   * is written — no schema, no upgrade, no identity —, appends and reservations reject with
   * `ReadOnlyStoreError`, and closing never checkpoints the -wal. A file an older version wrote,
   * not yet upgraded by the server, is refused (`StoreNotUpgradedError`).
   */
  readonly readOnly?: boolean;
  /**
   * The bytes a process may still write in a folder (null: cannot be told); `freeBytesIn` unless given — a test gives
   * a disk that fills and empties. Asked when the copy of what the store holds failed (`heldCopyShortOfRoom`) and
   * before it is tried again (`retryHeldCopy`).
   */
  readonly freeBytesIn?: (folder: string) => number | null;
  /**
   * The clock the held copy's tries are timed by (milliseconds since the epoch, as `Date.now`); a test gives one it moves
   * by hand. Asked before and after each try of `keepWhatIsHeld` and before it is tried again (`retryHeldCopy`).
   */
  readonly clock?: () => number;
}

/**
 * How long a failed try of the held copy keeps the next one waiting (`retryHeldCopy`), in ms, from the failed try's own
 * duration in ms: none after a try that failed at once (under `HELD_COPY_CHEAP_TRY_MS`: a folder that cannot be made
 * fails before a byte is read, and an operator who fixed it and looks at /health wants the copy now); else ten times the
 * try's duration, at most `HELD_COPY_RETRY_CEILING_MS`, so that a copy failing late (an I/O error near the end of a large
 * file) takes at most about a tenth of the disk's time instead of re-reading the whole file at every /health check and
 * write. Hand-written: the tries are set off by looks (/health, writes, the stop), not by a timer, so a back-off
 * library's retry loop has nothing to drive; the rule is one comparison.
 */
export function heldCopyRetryWaitMs(failedTryMs: number): number {
  if (failedTryMs < HELD_COPY_CHEAP_TRY_MS) return 0;
  return Math.min(10 * failedTryMs, HELD_COPY_RETRY_CEILING_MS);
}

/** A try of the held copy that failed within this many ms is tried again at the next look (`heldCopyRetryWaitMs`). */
export const HELD_COPY_CHEAP_TRY_MS = 100;

/** The longest a failed try of the held copy keeps the next one waiting, in ms (10 minutes; `heldCopyRetryWaitMs`). */
export const HELD_COPY_RETRY_CEILING_MS = 10 * 60 * 1000;

/** A write asked of a store opened to read only. */
export class ReadOnlyStoreError extends Error {
  constructor(path: string, what: string) {
    super(`The event store ${path} is open to read only: ${what} is not allowed`);
    this.name = 'ReadOnlyStoreError';
  }
}

/** A store file an older version wrote, opened to read only before a server start upgraded it. */
export class StoreNotUpgradedError extends Error {
  readonly messageZh: string;
  constructor(path: string) {
    super(`${path} was written by an older version of Rectify and has not been upgraded yet. Start the server once (it upgrades the file at start), then run this tool again; nothing was written.`);
    this.messageZh = `${path} 由旧版本 Rectify 写成，尚未升级。请先启动一次服务（服务启动时会升级该文件），再运行本工具；未写入任何内容。`;
    this.name = 'StoreNotUpgradedError';
  }
}

/** Whether the file has every table and column this version reads (what `SCHEMA` and `upgradeSqliteLedger` make). */
function hasCurrentSchema(db: Database.Database): boolean {
  const tables = new Set(db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all().map(({ name }) => name));
  if (!['events', 'requests', 'store_identity', 'ledger_checkpoints'].every((table) => tables.has(table))) return false;
  const columns = new Set((db.pragma('table_info(events)') as { name: string }[]).map(({ name }) => name));
  return ['leaf_hash', 'chain_hash', 'row_seal', 'recorded_at'].every((column) => columns.has(column));
}

/**
 * The first break in a stream's rows as read in revision order from `from` (breaker9y P1): a revision skipped (rows of the
 * stream deleted), or a row at a lower position than the one before it (rows moved); null when they follow one another.
 * Names the row after the break, and why in English and Chinese (revisions 0-based; the Chinese counts records from 1).
 */
export function streamGap(rows: readonly Pick<EventRow, 'position' | 'revision' | 'type'>[], from: number): { row: Pick<EventRow, 'position' | 'type'>; problem: ChainProblem } | null {
  let expected = from;
  let previousPosition = 0;
  for (const row of rows) {
    if (row.revision !== expected) {
      const missing = row.revision - 1 === expected ? `${expected}` : `${expected}–${row.revision - 1}`;
      const missingZh = row.revision - 1 === expected ? `第 ${expected + 1} 条` : `第 ${expected + 1}–${row.revision} 条`;
      return {
        row,
        problem: {
          en: `the events of its stream before it (revision ${missing}) are missing: they were deleted from the log`,
          zh: `其所属记录中在它之前的${missingZh}记录缺失：已从日志中删除`,
        },
      };
    }
    if (row.position <= previousPosition) {
      return {
        row,
        problem: {
          en: `it stands at a lower position than the event of its stream before it (position ${previousPosition}): events were moved in the log`,
          zh: `它在日志中的位置低于其所属记录中前一条事件（位置 ${previousPosition}）：日志中的事件被调换过`,
        },
      };
    }
    expected += 1;
    previousPosition = row.position;
  }
  return null;
}

/**
 * A stored row as an event. `check`: the row was read with its ledger columns, and is checked —
 * against the chain, in log order (`ChainFollower`, the read models' catch-up), where a row that
 * fails comes back `unreadable`, named; or on its own (`rowProblem`, a stream read), where it
 * throws `AlteredRowError`.
 */
function toStoredEvent(row: EventRow, check?: ChainFollower | { readonly sealKey: Buffer | null }): StoredEvent {
  let altered = false;
  const data = parseColumn<Record<string, unknown>>('data', row.data);
  const metadata = parseColumn<EventMetadata>('metadata', row.metadata);
  const problems = [data, metadata].flatMap((parsed) => ('problem' in parsed ? [parsed.problem] : []));
  const problemsZh = problems.length > 0 ? ['其存储内容无法读取（数据或元数据不是完整的 JSON 对象）'] : [];
  if (check) {
    const chained = chainedRow(row as ChainedEventRow, 'value' in data ? data.value : null, 'value' in metadata ? metadata.value : null);
    const broken = check instanceof ChainFollower ? check.follow(chained) : rowProblem(chained, check.sealKey);
    if (broken && !(check instanceof ChainFollower)) throw new AlteredRowError(String(row.position), row.type, broken);
    if (broken) {
      problems.unshift(broken.en);
      problemsZh.unshift(broken.zh);
      altered = true;
    }
  }
  return {
    id: row.event_id,
    streamId: row.stream_id,
    revision: row.revision,
    position: at(row.position),
    type: row.type,
    schemaVersion: row.schema_version,
    data: 'value' in data ? data.value : {},
    metadata: 'value' in metadata ? metadata.value : ({} as EventMetadata),
    ...(problems.length > 0 ? { unreadable: problems.join('; '), unreadableZh: problemsZh.join('；') } : {}),
    ...(altered ? { altered: true as const } : {}),
  };
}

/** An append as queued for the group commit: plain data (it crosses to the writer thread). */
const queued = (streamId: string, events: readonly EventToAppend[], options: AppendOptions): QueuedAppend => ({
  streamId,
  events,
  expectedRevision: options.expectedRevision,
  ...(options.request ? { request: options.request } : {}),
  ...(options.claims?.length ? { claims: options.claims.map(({ scope, value, takeOverFrom, takeOverAt, judgedAt }) => ({ scope, value, ...(takeOverFrom ? { takeOverFrom } : {}), ...(takeOverAt !== undefined ? { takeOverAt } : {}), ...(judgedAt ? { judgedAt } : {}) })) } : {}),
});

/**
 * The embedded event store: one SQLite file in WAL mode with synchronous=FULL, so an append that
 * has returned survives a crash or power loss. Several processes (the server, command-line
 * tools) may open the same file; SQLite serialises their writes.
 *
 * Appends are group-committed: the calls made while a commit is under way queue, and the next
 * transaction writes them all (at most MAX_BATCH_EVENTS events), each checked on its own (see
 * sqlite-append-writer.ts); every caller's promise settles once that transaction is on disk.
 */
export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private localAppends = 0;
  private readonly changeListeners = new Set<() => void>();
  private pollTimer: NodeJS.Timeout | null = null;
  private lastDataVersion = 0;
  private closed = false;
  /** Device and inode of the file this connection opened; null in memory. */
  private readonly openedFile: { dev: number; ino: number } | null;
  /**
   * Device and inode of the write-ahead log (`<path>-wal`) as it stood once the schema was written;
   * null in memory. SQLite never deletes it while a connection is open, so a missing or other
   * `-wal` means someone removed it, and what is acknowledged from now on would be lost.
   */
  private readonly openedWal: { dev: number; ino: number } | null;
  /** The file and -wal this connection opened, as the witness records them (`storeFileNow`); null in memory. */
  private readonly openedNodes: { readonly file: WitnessedNode | null; readonly wal: WitnessedNode | null } | null;
  /** Device and inode of the shared-memory WAL index (`<file>-shm`) as it stood once the schema was written (breaker9k P6), as `openedWal`. */
  private readonly openedShm: { dev: number; ino: number } | null;
  /**
   * The `-wal` and `-shm` this connection uses: beside the real file SQLite opened, symbolic links
   * resolved (breaker9k P8: beside a link they were never there, so a restore under the server went
   * unnoticed); null in memory.
   */
  readonly companions: { readonly wal: string; readonly shm: string } | null;

  private readonly statements;
  /** Appends waiting for the next group commit, in call order. */
  private readonly queue: WaitingAppend[] = [];
  private flushScheduled = false;
  /** The group commits under way: resolves when the queue is empty again. */
  private flushing: Promise<void> | null = null;
  private readonly committer: BatchCommitter;
  /** Writes through this store's own connection: its batches when no writer thread commits them, and reservations. */
  private readonly localWriter: SqliteAppendWriter;
  /**
   * The highest position this store has seen in the log: appended, read, or reported as the head.
   * The log never ends before it; a commit finds out under the write lock (LogShortenedError).
   */
  private highestSeen = 0;
  /**
   * The newest position this store acknowledged — appended, or read in chain order by the read models,
   * or the head when it opened the file — and the chain hash of the event there (breaker9x P3): a log
   * rewritten through SQLite under the server (`sqlite3 rectify.db ".restore other.db"`, same file, same
   * inode) holds another event there, which `logRewritten` and every commit find. Null: no event yet, or no chain.
   */
  private anchor: LogAnchor | null = null;
  /**
   * breaker42-9 F7: the rows the read models took (chain-checked, in order) that may be only in the -wal — not yet written
   * into the main file by a checkpoint — by position: a -wal emptied under the server leaves them in no file, and the copy
   * of what it holds (`keepWhatIsHeld`) writes them from here when SQLite can no longer read them. Emptied whenever the WAL
   * index says every frame was checkpointed (looked at every HELD_ROWS_CHECK_EVERY rows); at most HELD_ROWS_MOST kept.
   */
  private readonly rowsOnlyInWal = new Map<number, ChainedEventRow>();
  /** The store's identity row as read or made by `identify`: a rescue writes it when the file no longer reads it. */
  private identityRow: { readonly store_id: string; readonly created_at: string } | null = null;
  /** Once found, the rewrite stays found (a log put back afterwards is still one this server cannot trust). */
  private rewritten: { readonly position: number; readonly found: string | null } | null = null;
  /**
   * The positions of the rows this store appended lately, as each batch's transaction took them
   * (`BatchOutcome.written`: (after, upTo]), oldest first, adjacent ones joined; at most
   * LOCAL_RANGES_KEPT (older ones forgotten: their rows count as another process's, which only
   * makes a read wait for what it need not). See `lastForeignPosition`.
   */
  private readonly localRanges: { after: number; upTo: number }[] = [];
  /** The office's row-seal key (`rowSeal`) once given (`sealRows`): rows appended are sealed and rows read are checked with it. */
  private sealKey: Buffer | null = null;
  /** Opened to read only (`SqliteEventStoreOptions.readOnly`). */
  readonly readOnly: boolean;
  /** See `SqliteEventStoreOptions.freeBytesIn`. */
  private readonly freeBytesIn: (folder: string) => number | null;
  /** See `SqliteEventStoreOptions.clock`. */
  private readonly clock: () => number;

  constructor(
    readonly path: string,
    options: SqliteEventStoreOptions = {},
  ) {
    this.readOnly = options.readOnly === true && path !== ':memory:';
    this.freeBytesIn = options.freeBytesIn ?? freeBytesIn;
    this.clock = options.clock ?? Date.now;
    if (path !== ':memory:' && !this.readOnly) mkdirSync(dirname(path), { recursive: true });
    this.db = this.readOnly ? openReadOnlyConnection(path) : openStoreConnection(path);
    this.openedFile = path === ':memory:' ? null : fileIdentity(path);
    if (this.readOnly && !hasCurrentSchema(this.db)) {
      this.db.close();
      throw new StoreNotUpgradedError(path);
    }
    if (!this.readOnly) {
      this.db.exec(SCHEMA);
      upgradeUniqueClaims(this.db);
    }
    const real = path === ':memory:' ? null : realPlaceOf(path);
    this.companions = real === null ? null : { wal: `${real}-wal`, shm: `${real}-shm` };
    this.openedWal = this.companions === null ? null : fileIdentity(this.companions.wal);
    this.openedShm = this.companions === null ? null : fileIdentity(this.companions.shm);
    this.openedNodes = this.companions === null ? null : { file: witnessedNodeOf(path), wal: witnessedNodeOf(this.companions.wal) };
    // The file's size as opened: it never shrinks under this connection unless overwritten (see `shrunk`).
    if (path !== ':memory:') {
      this.shrunk();
      this.lastWalSize = this.companions === null ? 0 : (fileIdentity(this.companions.wal)?.size ?? 0);
    }
    if (!this.readOnly) upgradeSqliteLedger(this.db);
    const writerThread = this.readOnly ? false : (options.writerThread ?? (existsSync(fileURLToPath(BUILT_WRITER)) ? BUILT_WRITER : false));
    this.localWriter = new SqliteAppendWriter(this.db, path);
    this.committer = writerThread && path !== ':memory:' ? new WriterThread(writerThread, path, this.openedFile ? { dev: this.openedFile.dev, ino: this.openedFile.ino } : null) : inlineCommitter(this.localWriter);
    this.statements = {
      readStream: this.db.prepare<[string, number, number], ChainedEventRow>(
        `SELECT ${CHAINED_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`,
      ),
      readAll: this.db.prepare<[number, number], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`,
      ),
      readAllChained: this.db.prepare<[number, number], ChainedEventRow>(
        `SELECT ${CHAINED_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`,
      ),
      head: this.db.prepare<[], { position: number | null }>('SELECT MAX(position) AS position FROM events'),
      headEvent: this.db.prepare<[], { position: number; event_id: string }>('SELECT position, event_id FROM events ORDER BY position DESC LIMIT 1'),
      eventIdAt: this.db.prepare<[number], { event_id: string }>('SELECT event_id FROM events WHERE position = ?'),
      newestRecordedAt: this.db.prepare<[], { position: number | bigint; recorded_at: string }>('SELECT position, recorded_at FROM events ORDER BY position DESC LIMIT 1'),
      recordedFromEnd: this.db.prepare<[], { position: number | bigint; recorded_at: string }>('SELECT position, recorded_at FROM events ORDER BY position DESC'),
      request: this.db.prepare<[string], Parameters<typeof toRecordedRequest>[0]>('SELECT * FROM requests WHERE request_key = ?'),
      eventAt: this.db.prepare<[number], { stream_id: string; revision: number }>('SELECT stream_id, revision FROM events WHERE position = ?'),
    };
    this.lastDataVersion = this.dataVersion();
    if (!this.readOnly) {
      const head = this.statements.head.get()?.position ?? null;
      const hash = head === null ? null : this.chainHashBytesAt(head);
      if (head !== null && hash) this.anchor = { position: head, chainHash: hash.toString('hex') };
    }
  }

  /** Moves the anchor (see `anchor`) forward to an event this store acknowledged. */
  /** The newest position this store acknowledged (see `anchor`); null before any. */
  acknowledgedPosition(): number | null {
    return this.anchor?.position ?? null;
  }

  private holdRow(row: ChainedEventRow): void {
    if (!this.companions || this.seenWalCut) return;
    if (this.rowsOnlyInWal.size % HELD_ROWS_CHECK_EVERY === 0 && walWhollyCheckpointed(this.companions.shm)) this.rowsOnlyInWal.clear();
    this.rowsOnlyInWal.set(row.position, row);
    if (this.rowsOnlyInWal.size > HELD_ROWS_MOST) this.rowsOnlyInWal.delete(this.rowsOnlyInWal.keys().next().value!);
  }

  private anchorAt(position: number, chainHash: Buffer | string | null | undefined): void {
    if (!chainHash || (this.anchor && this.anchor.position >= position)) return;
    this.anchor = { position, chainHash: typeof chainHash === 'string' ? chainHash : chainHash.toString('hex') };
  }

  /**
   * The event at a position this store acknowledged is not the one it acknowledged any more: the log was
   * rewritten through SQLite under it (breaker9x P3) — the position and the chain hash found there (null:
   * none); null while it was not. One indexed read. A log that now ends before that position is
   * `logShortened`'s to report.
   */
  logRewritten(): { readonly position: number; readonly found: string | null } | null {
    if (this.rewritten) return this.rewritten;
    if (this.closed || !this.anchor) return null;
    const found = this.chainHashBytesAt(this.anchor.position)?.toString('hex') ?? null;
    if (found === this.anchor.chainHash) return null;
    if (found === null && (this.statements.head.get()?.position ?? 0) < this.anchor.position) return null;
    this.rewritten = { position: this.anchor.position, found };
    return this.rewritten;
  }

  /** Notes a rewrite the writer found in its transaction (`LogRewrittenError`). */
  noteRewritten(position: number, found: string | null): void {
    this.rewritten ??= { position, found };
  }

  /** The first altered row found (`noteAltered`, `holesNow`); null while none was. */
  private altered: AlteredRow | null = null;

  /**
   * Notes a row of the log found not as Rectify chained it (breaker9y P7, P1): by the walk of the whole chain at start or
   * before a checkpoint (`walkChainOffThread`), or positions found missing under the running server (`holesNow`). Kept
   * for the life of this store (the first found stays): StoreHealth reports it as LOG_ALTERED.
   */
  noteAltered(row: AlteredRow): void {
    this.altered ??= row;
  }

  /** The first altered row noted (`noteAltered`), null while none was. */
  alteredRow(): AlteredRow | null {
    return this.altered;
  }

  /** When the positions were last counted (`holesNow`): the data version then, the instant (ms) and the least wait before the next count. */
  private holesCounted: { readonly dataVersion: number; readonly at: number; readonly waitMs: number } | null = null;

  /**
   * breaker9y P1: rows deleted from the middle of the log under the running server (`sqlite3 … DELETE`) left the head, the
   * anchor and every row the read models had taken as they were. Counts the log's rows against its head (one `COUNT`, as
   * the start's `LOG_HOLE` check does: 9–13 ms at 100k events) when the file changed since the last count (`PRAGMA
   * data_version`: any other connection's commit, this server's writer thread included), at most once per
   * HOLE_COUNT_MIN_INTERVAL_MS and never more often than 100 times the last count took (≤ 1 % of a core at any size);
   * notes the first missing position as altered (`noteAltered`). Returns the altered row noted, null while none is.
   * `now`: ms since the epoch.
   */
  holesNow(now = Date.now()): AlteredRow | null {
    if (this.altered || this.closed || this.path === ':memory:') return this.altered;
    const dataVersion = this.dataVersion();
    const last = this.holesCounted;
    if (last && (last.dataVersion === dataVersion || now - last.at < last.waitMs)) return null;
    const started = performance.now();
    const holes = missingPositionsIn(this.db, 1);
    const took = performance.now() - started;
    this.holesCounted = { dataVersion, at: now, waitMs: Math.max(HOLE_COUNT_MIN_INTERVAL_MS, took * 100) };
    const first = holes?.ranges[0];
    if (!holes || !first) return null;
    const after = this.db.prepare<[number], { position: number; type: string }>('SELECT position, type FROM events WHERE position > ? ORDER BY position LIMIT 1').get(first.last);
    const missing = first.first === first.last ? `${first.first}` : `${first.first}–${first.last}`;
    this.noteAltered({
      position: after?.position ?? first.last + 1,
      type: after?.type ?? '?',
      problem: {
        en: `the events at position ${missing} before it are missing (${holes.missing} in all below the head): they were deleted from the log`,
        zh: `其前位置 ${missing} 的事件缺失（日志末端以下共缺少 ${holes.missing} 条）：已从日志中删除`,
      },
    });
    return this.altered;
  }

  /** The writer id every append is stamped with (`EventMetadata.writerId`), once `writeAs` gave one; null stamps none. */
  private writerId: string | null = null;

  /**
   * Stamps every event appended from now on with `writerId` (`EventMetadata.writerId`, breaker42-9 F1, F5). Given only
   * once the store witness recording it is on disk (`StoreWitness.writers`): a row under an id no witness of this copy
   * knows is taken for another copy's at the next start.
   */
  writeAs(writerId: string): void {
    this.writerId = writerId;
  }

  /** See `writersUpToIn`. */
  writersUpTo(upTo: bigint): string[] {
    return writersUpToIn(this.db, upTo);
  }

  /** See `rowsByOtherWritersIn`. */
  rowsByOtherWriters(after: bigint, known: readonly string[], unstampedUnknown = false): OtherWritersRows | null {
    return rowsByOtherWritersIn(this.db, after, known, unstampedUnknown);
  }

  /**
   * Queues the append for the next group commit; resolves once the transaction holding it is on
   * disk. Rejects with `ConcurrencyError` or `RequestKeyConflictError` when this append is refused
   * (the others of its batch commit all the same), with the SQLite error when the whole
   * transaction failed (nothing of the batch was written), and at once after `close`.
   */
  appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    if (events.length === 0) return Promise.reject(new Error('appendToStream needs at least one event'));
    if (this.closed) return Promise.reject(new Error(`The event store ${this.path} is closed`));
    if (this.readOnly) return Promise.reject(new ReadOnlyStoreError(this.path, 'an append'));
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ append: queued(streamId, stampedBy(events, this.writerId), options), resolve, reject });
      this.scheduleFlush();
    });
  }

  /**
   * Queues the parts as one group for the next group commit (see `EventStore.appendToStreams`):
   * written under a savepoint of that transaction, all or none; the first refusal rejects the call
   * and rolls every part back, the other appends of the transaction commit all the same.
   */
  appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    if (appends.length === 0) return Promise.resolve([]);
    if (appends.some((part) => part.events.length === 0)) return Promise.reject(new Error('appendToStreams needs at least one event in each part'));
    if (this.closed) return Promise.reject(new Error(`The event store ${this.path} is closed`));
    if (this.readOnly) return Promise.reject(new ReadOnlyStoreError(this.path, 'an append'));
    return new Promise<AppendResult[]>((resolve, reject) => {
      const group = { parts: appends.map((part) => queued(part.streamId, stampedBy(part.events, this.writerId), part.options)) };
      this.queue.push({ append: group, resolve: (_last, results) => resolve([...(results ?? [])]), reject });
      this.scheduleFlush();
    });
  }

  // async: a conflict rejects the promise, as every port method's failures do.
  // A rare request (its command decided nothing), so it takes its own transaction on this
  // connection rather than a place in the group commit; SQLite serialises it with the writer's.
  async reserveRequest(streamId: string, request: RequestRecord): Promise<void> {
    if (this.readOnly) throw new ReadOnlyStoreError(this.path, 'a request reservation');
    this.localWriter.reserve(streamId, request);
  }

  findRequest(key: string): Promise<RecordedRequest | null> {
    const row = this.statements.request.get(key);
    if (!row) return Promise.resolve(null);
    const notItsEvent = this.requestRowProblem(row);
    if (notItsEvent) return Promise.reject(new AlteredRowError(String(row.position), '请求索引 request index', notItsEvent));
    return Promise.resolve(toRecordedRequest(row));
  }

  /**
   * Why a request-index row found for a key is not the request of the event it names (breaker9x P7: a row copied under a
   * key never used made that request CONFLICT — or, with the victim's digest, would answer it "already done" unwritten):
   * its command held under another key too — no append writes two keys for one command (the command id and the key both
   * derive from the caller and their idempotency key). Null when it is not. Read only when a key is found — a retry or a
   * key reused, not every request —: one scan of the index by command id.
   */
  private requestRowProblem(row: { readonly request_key: string; readonly command_id: string; readonly stream_id: string; readonly revision: number; readonly position: number }): { en: string; zh: string } | null {
    // breaker9y P1: the event the row names deleted from the file — a retry of the request was answered "done" for a
    // request in no log. The row's position holds its append's last event (stream and revision), or nothing was appended (-1).
    if (row.revision >= 0) {
      const event = this.statements.eventAt.get(row.position);
      if (!event || event.stream_id !== row.stream_id || event.revision !== row.revision) {
        return {
          en: `the request-index row under key ${row.request_key} names the event at position ${row.position} (stream ${row.stream_id}, revision ${row.revision}), which the log ${event ? 'holds as another event' : 'no longer holds'}: an event was deleted or moved in the store file, and the request cannot be answered as recorded`,
          zh: `请求索引所指的位置 ${row.position} 的事件已不在台账中（事件库文件中的事件被删除或调换）：不能按“已办理”答复该请求`,
        };
      }
    }
    const twin = this.db.prepare<[string, string], { request_key: string }>('SELECT request_key FROM requests WHERE command_id = ? AND request_key <> ? LIMIT 1').get(row.command_id, row.request_key);
    if (twin) {
      return {
        en: `the request-index row under key ${row.request_key} holds command ${row.command_id}, which the row under key ${twin.request_key} holds too: no append writes two keys for one command, so one was copied by hand`,
        zh: '请求索引中两个请求键对应同一操作：保存操作不会写出这样的行，其中一行是手工复制的',
      };
    }
    return null;
  }

  identify(): Promise<StoreIdentity & { created: boolean }> {
    const identify = this.db.transaction(() => {
      const existing = this.db.prepare<[], { store_id: string; created_at: string }>('SELECT store_id, created_at FROM store_identity').get();
      if (existing) {
        this.identityRow = existing;
        return { storeId: existing.store_id, createdAt: existing.created_at, created: false };
      }
      if (this.readOnly) throw new ReadOnlyStoreError(this.path, 'giving the store its identity');
      const identity = { storeId: randomUUID(), createdAt: new Date().toISOString() };
      this.db.prepare('INSERT INTO store_identity (singleton, store_id, created_at) VALUES (1, ?, ?)').run(identity.storeId, identity.createdAt);
      this.identityRow = { store_id: identity.storeId, created_at: identity.createdAt };
      markWriteTransaction(this.db);
      return { ...identity, created: true };
    });
    try {
      // A read-only connection cannot take the write lock an IMMEDIATE transaction asks for.
      return Promise.resolve(this.readOnly ? identify.deferred() : identify.immediate());
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  /** Positions missing from the log below its head (see `missingPositionsIn`). */
  missingPositions(limit = 5): ReturnType<typeof missingPositionsIn> {
    return missingPositionsIn(this.db, limit);
  }

  /** The highest event position the file ever gave (see `positionsGivenIn`). */
  positionsGiven(): number | null {
    return positionsGivenIn(this.db);
  }

  /**
   * Sets the file's numbering of events (`sqlite_sequence`) back to the log's head, when it numbered past the head no further
   * than `upTo` — the rows a start refused past the witnessed head (`StoreWitness.unvouchedRows`), removed since by the operator
   * as the refusal asked (breaker9a P5): the next event is numbered right after the head, not past a gap, which the next start
   * would refuse for good as LOG_HOLE. True when it set the numbering back. Written through the store's own connection, before
   * anything is appended; never on a read-only start.
   */
  numberAfterHead(upTo: number): boolean {
    const given = positionsGivenIn(this.db);
    const head = this.db.prepare<[], { head: number | null }>('SELECT MAX(position) AS head FROM events').get()?.head ?? 0;
    if (this.readOnly || given === null || given <= head || given > upTo) return false;
    // Marked as every write is (wal-file-mark.ts): a copy whose only difference is its numbering is another copy too.
    this.db.transaction(() => {
      this.db.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'events'").run(head);
      markWriteTransaction(this.db);
    })();
    return true;
  }

  /** `PRAGMA quick_check`: an empty list when the file is sound, else SQLite's first problems. */
  quickCheck(): string[] {
    const rows = this.db.pragma('quick_check(20)', { simple: false }) as { quick_check: string }[];
    const problems = rows.map((row) => row.quick_check).filter((line) => line !== 'ok');
    return problems;
  }

  /**
   * Whether the path still names the file this store opened. Unlinked (deleted) or replaced
   * (renamed over), SQLite would go on writing into a file nobody will ever open again.
   */
  fileState(): StoreFileState {
    if (!this.openedFile) return 'present';
    // breaker51-9 M2: the path naming another file (its folder swapped for another copy's) is a replacement, whatever is beside
    // it — the -wal and -shm this server opened went with the old folder, and their absence must not be named instead.
    if (this.pathNamesAnotherFile()) return 'replaced';
    const wal = fileIdentity(this.companions!.wal);
    const states = [
      sameFile(this.openedFile, fileIdentity(this.path)),
      sameFile(this.openedWal, wal),
      sameFile(this.openedShm, fileIdentity(this.companions!.shm)),
      this.shrunk(),
      this.walCut(wal),
    ];
    if (states.includes('missing')) return 'missing';
    return states.includes('replaced') || this.overwritten() ? 'replaced' : 'present';
  }

  /**
   * Whether the path names a file other than the one (device, inode) this store opened: another file renamed over it, or its
   * folder swapped for another (breaker48-9b S1). False while it names the opened file, names nothing, or in memory.
   */
  pathNamesAnotherFile(): boolean {
    return sameFile(this.openedFile, fileIdentity(this.path)) === 'replaced';
  }

  /** Whether the path still names the file (device, inode) this store opened: what it holds may still have been written over (`overwritten`). */
  pathNamesOpenedFile(): boolean {
    return sameFile(this.openedFile, fileIdentity(this.path)) === 'present';
  }

  /**
   * How the store file was written over in place by something other than SQLite — a copy of this
   * store or of another, larger or not (breaker9s P5, see store-file-overwrite.ts) — or null while it
   * was not. One stat; the file's few pages read again only when it changed since the last look.
   */
  overwritten(): Overwrite | null {
    if (!this.openedFile) return null;
    return this.localWriter.fileOverwritten();
  }

  /**
   * The file this store opened and its -wal (device, inode) and the file's size now in bytes, as the
   * witness records them (`StoreWitness.storeFile`, breaker9m P3); null in memory, or when the file was
   * gone when opened. The size is the largest seen while the path still names the opened file.
   */
  storeFileNow(): WitnessedStoreFile | null {
    const file = this.openedNodes?.file;
    if (!file) return null;
    if (sameFile(this.openedFile, fileIdentity(this.path)) === 'present') this.shrunk();
    return { ...file, bytes: this.largestFileSize, wal: this.openedNodes!.wal };
  }

  /**
   * The recording instant (ISO-8601, as the appending process's clock read it) of the log's newest
   * event, whichever process appended it; null for an empty log. One read by the position index.
   */
  newestRecordedAt(): string | null {
    return this.statements.newestRecordedAt.get()?.recorded_at ?? null;
  }

  /** The log's newest event: its position (commit part) and recording instant (ISO-8601); null for an empty log. One read by the position index. */
  newestRecord(): { readonly position: bigint; readonly recordedAt: string } | null {
    const row = this.statements.newestRecordedAt.get();
    return row ? { position: BigInt(row.position), recordedAt: row.recorded_at } : null;
  }

  /**
   * The records at the log's end stamped later than `instant` (ISO-8601 UTC; breaker9q P4: records made
   * while the clock was ahead): read from the head back to the first one stamped at or before it, so
   * only that span is read. Their first position, how many, and the newest `listed` of them (position,
   * recording instant), newest first; null when the newest record is not later than `instant`.
   */
  recordsStampedAfter(instant: string, listed = 20): { readonly from: bigint; readonly records: number; readonly newest: readonly { readonly position: bigint; readonly recordedAt: string }[] } | null {
    const after = Date.parse(instant);
    let from: bigint | null = null;
    let records = 0;
    const newest: { position: bigint; recordedAt: string }[] = [];
    for (const row of this.statements.recordedFromEnd.iterate()) {
      if (!(Date.parse(row.recorded_at) > after)) break;
      from = BigInt(row.position);
      records += 1;
      if (newest.length < listed) newest.push({ position: from, recordedAt: row.recorded_at });
    }
    return from === null ? null : { from, records, newest };
  }

  /** The -wal's size at the last look (bytes; see `walCut`). */
  private lastWalSize = 0;
  /** Set once the -wal was seen shorter than the frames its index names (`walCutShort`): it stays cut. */
  private seenWalCut = false;

  /**
   * Whether the -wal this store opened, still at its path, was emptied or cut short under it (breaker9a P4: `: >
   * rectify.db-wal`, a disk tool): it is shorter than the frames its WAL index (the -shm) says were committed
   * (`walBytesIndexed`), so it lost the newest events — every read of them fails (SQLITE_IOERR_SHORT_READ). A checkpoint
   * that truncates the -wal (`wal_checkpoint(TRUNCATE)`, by any process) first sets the index to no frame, so it is not
   * taken for one. Once seen, it stays. Looked at by `fileState`.
   */
  walCutShort(): boolean {
    return this.seenWalCut;
  }

  private walCut(wal: { dev: number; ino: number; size: number } | null): StoreFileState {
    if (this.seenWalCut) return 'replaced';
    // Gone or another file: `sameFile` says so.
    if (!wal || this.companions === null || sameFile(this.openedWal, wal) !== 'present') return 'present';
    // Only a -wal smaller than last seen is read against its index: SQLite never makes it smaller but by a truncating
    // checkpoint, so each look costs the stat `fileState` makes anyway, not a read of the -shm.
    const smaller = wal.size < this.lastWalSize;
    this.lastWalSize = wal.size;
    if (!smaller) return 'present';
    const indexed = walBytesIndexed(this.companions.shm);
    if (indexed === null || wal.size >= indexed) return 'present';
    // Looked at again, the index before the file: a commit writes its frames before it indexes them, and a truncating
    // checkpoint resets the index before it truncates, so only a -wal cut under the index is still short.
    const again = walBytesIndexed(this.companions.shm);
    const size = fileIdentity(this.companions.wal)?.size;
    if (again === null || size === undefined || size >= again) return 'present';
    this.seenWalCut = true;
    return 'replaced';
  }

  /** The largest size the store file was seen with (bytes; see `shrunk`). */
  private largestFileSize = 0;
  /** Set once the file was seen smaller than before: it stays replaced. */
  private seenShrunk = false;

  /**
   * An older copy written over the file in place (`cp backup/rectify.db data/rectify.db`: the same
   * inode, its -wal left) is 'replaced' when the file got smaller: SQLite never shrinks a store's
   * file (Rectify runs no VACUUM and auto_vacuum is off; a checkpoint only writes pages up to the
   * database's size), and an older copy is smaller once a checkpoint wrote the newer pages it lacks
   * — exactly when reading this connection's -wal over it (or checkpointing it there) makes a
   * malformed database (breaker9k P1). Before any checkpoint the -wal holds every page changed since
   * the copy, so this connection still reads the newer state whole.
   */
  private shrunk(): StoreFileState {
    if (this.seenShrunk) return 'replaced';
    const now = fileIdentity(this.path);
    // Another file at the path (its folder swapped for a drill's, a file renamed over it) is judged by its device and inode
    // (`sameFile`); its size is not this file's, and taken for it, it made the file put back later look shrunk (breaker48-9b S1).
    if (!now || (this.openedFile && sameFile(this.openedFile, now) !== 'present')) return 'present';
    const size = now.size;
    if (size < this.largestFileSize) {
      this.seenShrunk = true;
      return 'replaced';
    }
    this.largestFileSize = size;
    return 'present';
  }

  /**
   * The stream's events in revision order. Each row is checked on its own as it is read (breaker9b
   * N3: commands decide, and histories are drawn, from these reads, not from the read models): its
   * hashes present, its content matching its leaf hash and, once the store is sealed, its seal.
   * Its rows must also follow one another (breaker9y P1): revisions `fromRevision`, +1, +2 … at rising positions — a row
   * deleted from the stream (a history silently one record short, a command deciding on the cut stream) or moved within
   * the log fails the read, named by the row after the gap.
   * @throws AlteredRowError (the promise rejects) for the first row that fails; nothing of the stream is returned.
   */
  readStream(streamId: string, options: StreamReadOptions = {}): Promise<StoredEvent[]> {
    try {
      const check = { sealKey: this.sealKey };
      const from = options.fromRevision ?? 0;
      const rows = this.statements.readStream.all(streamId, from, options.maxCount ?? -1);
      const broken = streamGap(rows, from);
      if (broken) throw new AlteredRowError(String(broken.row.position), broken.row.type, broken.problem);
      return Promise.resolve(rows.map((row) => toStoredEvent(row, check)));
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  /**
   * From now on, seals each row appended with the office's row-seal key (`rowSeal`, breaker9b N1)
   * and checks the seal of each row read (the read models' catch-up, stream reads). `reseal` seals
   * the log's rows again (`sealSqliteRows`): a key rotation the operator accepted, or a store no
   * version ever sealed; null when nothing was sealed. Called once, at start, before the server
   * takes requests (LedgerKeys).
   */
  sealRows(sealKey: Buffer, reseal: boolean): RowSealing | null {
    if (reseal && this.readOnly) throw new ReadOnlyStoreError(this.path, 'sealing its rows');
    this.sealKey = sealKey;
    return reseal ? sealSqliteRows(this.db, sealKey) : null;
  }

  /** Whether any row of the log is sealed (`anyRowSealed`): a store sealed before, whose unsealed rows are not Rectify's. */
  hasSealedRows(): boolean {
    return anyRowSealed(this.db);
  }

  readAll(options: { after?: Position; maxCount?: number } = {}): Promise<StoredEvent[]> {
    return Promise.resolve(this.readAfter(options.after, options.maxCount ?? Number.MAX_SAFE_INTEGER));
  }

  headPosition(): Promise<Position | null> {
    const head = this.statements.head.get()?.position ?? null;
    // A head lower than one seen before is not taken as seen: logShortened() reports it.
    if (head !== null) this.saw(head);
    // Another process's appends read here wake a waiting subscription now, not at its next poll.
    this.noticeForeignAppends();
    return Promise.resolve(head === null ? null : at(head));
  }

  /**
   * The newest position in (`after`, `upTo`] this store did not append (see `EventStore`): walks
   * down from `upTo` past the rows of its own batches (`localRanges`); the first position below
   * them is another process's row — or a gap the log never filled, which only makes a read wait
   * for the rows after it. Null when every position there is this store's own. O(batches walked).
   */
  lastForeignPosition(after: Position | null, upTo: Position): Position | null {
    const floor = Number(after?.commit ?? 0n);
    let position = Number(upTo.commit);
    for (let index = this.localRanges.length - 1; index >= 0 && position > floor; index -= 1) {
      const range = this.localRanges[index]!;
      if (position > range.upTo) break;
      if (position > range.after) position = range.after;
    }
    return position > floor ? at(position) : null;
  }

  /**
   * The log's newest event as the file holds it now — whichever process appended it — read on
   * this thread, synchronously; null for an empty log. The witness is never written below it: two
   * servers on one file each write the witness after their own appends, and the later write must
   * not name a lower head than the other already acknowledged (breaker9b N4).
   */
  /**
   * The head as the store witness may follow it when another process appended (`WitnessKeeper.write`): null once the log
   * is not the one this store acknowledged — rewritten or cut back under it (a backup restored through SQLite, breaker9x
   * P3) — so the witness never takes the head of a log restored over the server's: the next start would then accept that
   * log as the store it last saw (found by the restore-and-checkpoint test, store9d). Null too once a row of the log was
   * found altered (`noteAltered`): the witness never vouches for a head past a row this server refused.
   */
  headEventToFollow(): { position: Position; eventId: string } | null {
    // Nor past a row found altered (breaker9z P13: a forged row appended while stopped became the witnessed head, and
    // removing it was then refused as acknowledged events missing).
    if (this.altered || this.logRewritten() || this.logShortened()) return null;
    return this.headEventNow();
  }

  /**
   * Why this store does not follow the log to its head (`headEventToFollow` is null while the log holds events), as the
   * error an append would be refused with — a row found altered (`AlteredRowError`), the log rewritten
   * (`LogRewrittenError`) or cut back (`LogShortenedError`) under it —; null while it follows it. A tool's run is
   * refused with it before its first append (a row it appended could be stamped with no writer id its witness recorded).
   */
  notFollowedError(): Error | null {
    if (this.altered) return new AlteredRowError(String(this.altered.position), this.altered.type, this.altered.problem);
    const rewritten = this.logRewritten();
    if (rewritten) return new LogRewrittenError(rewritten.position, rewritten.found);
    const shortened = this.logShortened();
    return shortened ? new LogShortenedError(shortened.head, shortened.seen) : null;
  }

  headEventNow(): { position: Position; eventId: string } | null {
    const row = this.statements.headEvent.get();
    return row ? { position: at(row.position), eventId: row.event_id } : null;
  }

  eventIdAt(position: Position): Promise<string | null> {
    return Promise.resolve(this.statements.eventIdAt.get(Number(position.commit))?.event_id ?? null);
  }

  /**
   * Every event after `after`, then each one appended, by this process or another. Each row is
   * checked against the ledger chain as it is read (`ChainFollower`): a row without hashes, after
   * missing positions, off the chain or edited since it was recorded comes `unreadable`, named, so
   * the read models never take it as a fact.
   */
  subscribeToAll(options: { after?: Position } = {}): EventSubscription {
    let active = true;
    let stopWaiting: (() => void) | null = null;
    const store = this;
    const start = Number(options.after?.commit ?? 0n);
    const follower = new ChainFollower(start, start === 0 ? GENESIS_CHAIN_HASH : (this.chainHashBytesAt(start) ?? GENESIS_CHAIN_HASH), () => this.sealKey);
    /** Rows of the batch read that are not handed over yet (`buffered`). */
    let left = 0;
    async function* events(): AsyncGenerator<StoredEvent> {
      let cursor = options.after;
      while (active && !store.closed) {
        const changeToken = store.changeToken();
        // Rows are turned into events (hashed and checked against the chain) one at a time as they
        // are taken, so a reader that gives the event loop back between events (the projection
        // engine) never holds it for a whole batch of checks.
        const batch = store.readRowsAfter(cursor, READ_BATCH, follower);
        left = batch.length;
        for (const row of batch) {
          if (!active) return;
          left -= 1;
          const event = toStoredEvent(row, follower);
          // A row the chain follower took is one the read models acknowledge: the anchor moves to it.
          if (!event.unreadable) {
            store.anchorAt(row.position, (row as ChainedEventRow).chain_hash);
            store.holdRow(row as ChainedEventRow);
          }
          yield event;
          cursor = event.position;
        }
        if (batch.length === 0) {
          await new Promise<void>((resolve) => {
            stopWaiting = store.whenChangedSince(changeToken, resolve);
          });
          stopWaiting = null;
        }
      }
    }
    const iterator = events();
    return {
      [Symbol.asyncIterator]: () => iterator,
      buffered: () => left,
      unsubscribe: async () => {
        active = false;
        (stopWaiting as (() => void) | null)?.();
        await iterator.return(undefined);
      },
    };
  }

  /**
   * The chain hash (64 hex digits, src/ledger) of the event at this position; null when there is
   * no event there or it has no hash. Synchronous: the store witness reads it on its timer.
   */
  chainHashAt(commit: bigint): string | null {
    return this.chainHashBytesAt(commit)?.toString('hex') ?? null;
  }

  private chainHashBytesAt(commit: bigint | number): Buffer | null {
    return chainHashIn(this.db, commit);
  }

  /**
   * breaker9z P13: the first row after position `after` — the head a store witness vouched for — that is not as Rectify
   * chained and sealed it under `sealKey` (the office's row-seal key): of the rows appended while no server watched, a
   * tool's are sealed, a forger's (hashes computed by hand) are not. Null when every one holds, when there is none, or
   * when there is no chained row at `after` (the witness's own judgement, STORE_REWRITTEN, speaks of that). Reads only
   * the rows after `after` (content, hashes, seal), on this thread — up to the row at `upTo` when given (a slice of them:
   * the server's witness checks another process's long append a slice a turn, breaker56-10 S3). Never throws for a row;
   * SQLite's errors pass.
   */
  firstUnvouchedRowAfter(after: bigint, sealKey: Buffer, upTo?: bigint): AlteredRow | null {
    const chainHash = this.chainHashBytesAt(after);
    if (!chainHash) return null;
    return walkChain(this.db, sealKey, 'content', { position: Number(after), chainHash }, upTo === undefined ? null : Number(upTo)).altered;
  }

  /** The ledger kept in this file: hashes, checkpoints (see src/ledger). */
  ledger(): SqliteLedger {
    return new SqliteLedger(this.db);
  }

  /**
   * Whether this store's connection no longer reads the file its path names: the file or its -wal
   * unlinked or replaced (`fileState`), or an older copy written over it in place (`logShortened`).
   * Such a connection must never write into the path again — not even the checkpoint SQLite makes
   * when the last connection closes.
   */
  detachedFromPath(): boolean {
    if (this.path === ':memory:' || this.readOnly || this.closed) return false;
    try {
      return this.fileState() !== 'present' || this.logShortened() !== null || this.logRewritten() !== null;
    } catch {
      // A head that cannot be read is no file to write into either.
      return true;
    }
  }

  /**
   * Runs `work` while this connection holds the store's write lock (BEGIN IMMEDIATE, given back with ROLLBACK: no row
   * written, nothing synced), so that no process — another server on the file, a tool, this store's own writer thread —
   * commits an append meanwhile: the store witness reads the log's head and writes it under it, so witness writes of all
   * processes are ordered by the lock and none names a lower head than one written before it (s57b, breaker57-9 S1).
   * Waits up to `waitMs` (ms) for the lock; where it cannot be had — held longer by another process (a long import), the
   * store in memory, read-only or closed, this connection already in a transaction, the file unwritable — `work` runs
   * without it. Errors of `work` are passed on (the lock given back first).
   */
  underWriteLock<T>(work: () => T, waitMs: number = WITNESS_LOCK_WAIT_MS): T {
    if (this.path === ':memory:' || this.readOnly || this.closed || this.db.inTransaction) return work();
    let locked = false;
    this.db.pragma(`busy_timeout = ${Math.max(0, Math.floor(waitMs))}`);
    try {
      this.db.exec('BEGIN IMMEDIATE');
      locked = true;
    } catch {
      // Busy past the wait, read-only, the file gone: the witness is written as it was before the lock was taken for it.
    } finally {
      this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    }
    try {
      return work();
    } finally {
      if (locked && this.db.inTransaction) {
        try {
          this.db.exec('ROLLBACK');
        } catch {
          // Nothing was written in it; SQLite gives the lock back when it cannot roll back.
        }
      }
    }
  }

  /**
   * Whether another connection holds the store's write lock now: the lock taken without waiting on
   * this store's own connection and given back at once (nothing written). This store's own writer
   * thread in the middle of a commit counts too: the caller asks again later.
   */
  writeLockHeldElsewhere(): boolean {
    if (this.path === ':memory:' || this.readOnly || this.closed) return false;
    this.db.pragma('busy_timeout = 0');
    try {
      this.db.exec('BEGIN IMMEDIATE');
      this.db.exec('ROLLBACK');
      return false;
    } catch (error) {
      if (String((error as { code?: unknown }).code).startsWith('SQLITE_BUSY')) return true;
      throw error;
    } finally {
      this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    }
  }

  /**
   * breaker49-9 M2: where this store's -wal went when another Rectify server on the file moved it aside — that server found
   * the file replaced or written over under it (`setCompanionsAside`: `<path>.rescued-<instant>.db-old-wal`, the same file by
   * device and inode); null when it is at its path, or gone some other way (deleted). One read of the store's folder.
   */
  walMovedAsideTo(): string | null {
    if (!this.companions || !this.openedWal) return null;
    const folder = dirname(this.companions.wal);
    const prefix = `${basename(this.companions.wal.replace(/-wal$/, ''))}.rescued-`;
    try {
      for (const name of readdirSync(folder)) {
        if (!name.startsWith(prefix) || !name.endsWith('-old-wal')) continue;
        const candidate = join(folder, name);
        if (sameFile(this.openedWal, fileIdentity(candidate)) === 'present') return candidate;
      }
    } catch {
      // The folder unreadable: said as the -wal gone.
    }
    return null;
  }

  /** The copy of what this store held once its file went away under it (`keepWhatIsHeld`), null before. */
  private heldCopy: HeldCopy | null = null;

  /** Where `keepWhatIsHeld` copies (or copied) what this store holds; null while no copy was started. */
  get heldCopyPath(): string | null {
    return this.heldCopy?.path ?? null;
  }

  /**
   * Copies what this connection still reads — its own -wal included, the newest acknowledged events
   * with it — to a new file beside the store, `<path>.rescued-<UTC instant>.db`, never into the
   * path: the operator then keeps the file at the path (a backup restored on purpose) or puts the
   * copy in its place. Started once (the first call), on the connection's own thread; the copy is
   * one file in rollback-journal mode (no -wal beside it), checked with `PRAGMA quick_check` (pages
   * read through a -wal over a file replaced in place may not make a sound database, which the check then says).
   */
  keepWhatIsHeld(): HeldCopy {
    if (this.heldCopy) return this.heldCopy;
    const started = this.clock();
    const copy = this.startHeldCopy(this.heldCopyTarget ?? `${this.path}.rescued-${new Date().toISOString().replace(/[:.]/g, '-')}.db`);
    this.heldCopyTarget = copy.path;
    this.heldCopy = { path: copy.path, done: copy.done.then((outcome) => this.noteHeldOutcome(copy.path, outcome, started)) };
    return this.heldCopy;
  }

  /** Folders the stop copies what this store holds to when no copy could be written beside it (`keepAtStopIn`). */
  private stopCopyFolders: readonly string[] = [];

  /** What the stop did with what this store alone held (`stopCopy`); null until a stop had to keep something. */
  private stopCopyOutcome: StopCopy | null = null;

  /**
   * breaker52-9 S5: folders, in order, where the stop writes the copy of what this store holds (`keepWhatIsHeld`) when it could not
   * be written beside the store — its disk full, its folder gone — so that a stop never leaves what the server alone acknowledged
   * in no file: the server passes the signing key's folder and the system's temporary folder.
   */
  keepAtStopIn(folders: readonly string[]): void {
    this.stopCopyFolders = folders;
  }

  /**
   * What the stop did (`close`) when this store's file had gone away under it and no copy of what it held had been written
   * beside it: each place tried and what came of it, the copy's path where one was made (null when none could be written
   * anywhere), and the position this server had acknowledged up to. Null when the stop had nothing of the kind to keep.
   */
  stopCopy(): StopCopy | null {
    return this.stopCopyOutcome;
  }

  private async keepElsewhereAtStop(): Promise<void> {
    if (!this.heldCopyNoRoom && !this.heldCopyFailed) return;
    const besideStore = { path: this.heldCopyTarget ?? this.path, why: (this.heldCopyNoRoom ?? this.heldCopyFailed)!.why };
    const tried: { path: string; why: string }[] = [besideStore];
    const name = basename(this.heldCopyTarget ?? `${this.path}.rescued-${new Date().toISOString().replace(/[:.]/g, '-')}.db`);
    for (const folder of this.stopCopyFolders) {
      const path = join(folder, name);
      const started = this.clock();
      this.heldCopyNoRoom = null;
      this.heldCopyFailed = null;
      const outcome = this.noteHeldOutcome(path, await this.startHeldCopy(path).done, started);
      if (!('error' in outcome) && !outcome.removed) {
        this.heldCopy = { path, done: Promise.resolve(outcome) };
        this.stopCopyOutcome = { copy: path, outcome, tried, acknowledged: this.acknowledgedPosition() };
        return;
      }
      tried.push({ path, why: 'error' in outcome ? outcome.error : outcome.problems.join('; ') || 'the copy held no event' });
    }
    this.stopCopyOutcome = { copy: null, outcome: null, tried, acknowledged: this.acknowledgedPosition() };
  }

  /** The path every try of `keepWhatIsHeld` copies to (the first try's name: the -old-wal set aside is named after it). */
  private heldCopyTarget: string | null = null;

  /** Set once a try of `keepWhatIsHeld` failed for want of room on the store's disk: what it said, and how much room another try needs. */
  private heldCopyNoRoom: { readonly why: string; readonly needBytes: number } | null = null;

  /** Set once a try of `keepWhatIsHeld` could not write its copy for another reason a later try may not meet (`heldCopyToRetry`). */
  private heldCopyFailed: { readonly why: string } | null = null;

  /** The clock reading (`SqliteEventStoreOptions.clock`, ms) before which the failed held copy is not tried again (`heldCopyRetryWaitMs`). */
  private heldCopyRetryNotBefore = 0;

  /**
   * newcomer50-9 S1: the copy of what this store holds could not be written for a reason other than a full disk that a
   * later try may not meet — its folder gone and not re-created (a disk unmounted), not writable, an I/O error — so what
   * this connection reads is in no file: null while the copy did not fail so (not started, under way, made, short of room,
   * or made and found unsound, which another try of the same content would be too); else `why`, SQLite's or the system's
   * words. `retryHeldCopy` tries again at every call until a try succeeds.
   */
  heldCopyToRetry(): { readonly why: string } | null {
    return this.heldCopyFailed;
  }

  /**
   * breaker49-9 S6: the copy of what this store holds failed because the store's disk is full — the
   * usual case when the store was replaced by copying a backup into the data folder. What this
   * connection reads is then in no file: null while the copy did not fail so (not started, under way,
   * made, or failed for another reason); else `why` (SQLite's or the system's words) and `needBytes`,
   * the free bytes another try needs in the store's folder (the database as this connection reads
   * it, plus LOW_SPACE_BYTES). `retryHeldCopy` tries again once they are free.
   */
  heldCopyShortOfRoom(): { readonly why: string; readonly needBytes: number } | null {
    return this.heldCopyNoRoom;
  }

  /**
   * Tries the copy of what this store holds again (`keepWhatIsHeld`, to the same path) when the last try
   * failed for want of room (`heldCopyShortOfRoom`) and the store's folder now has the room it needs, or
   * could not be written for another reason (`heldCopyToRetry`: its folder re-created); the new try, or null when none was
   * started (no such failure, still no room, or the wait a slow failed try sets not over: `heldCopyRetryWaitMs` — unless
   * `lastChance`, the try at the stop, after which nothing holds these events). Never throws.
   */
  retryHeldCopy(lastChance = false): HeldCopy | null {
    const short = this.heldCopyNoRoom;
    if ((!short && !this.heldCopyFailed) || !this.heldCopy) return null;
    if (!lastChance && this.clock() < this.heldCopyRetryNotBefore) return null;
    if (short && (this.freeBytesIn(dirname(this.path)) ?? 0) < short.needBytes) return null;
    this.heldCopyNoRoom = null;
    this.heldCopyFailed = null;
    this.heldCopy = null;
    if (this.heldCopyTarget) removeQuietly(`${this.heldCopyTarget}-found`);
    return this.keepWhatIsHeld();
  }

  /** Records whether a finished try of the held copy failed for want of room (`heldCopyShortOfRoom`); returns the outcome as it is. */
  private noteHeldOutcome<Outcome extends Awaited<HeldCopy['done']>>(path: string, outcome: Outcome, started: number): Outcome {
    const failed = 'error' in outcome || outcome.removed;
    if (!failed) return outcome;
    const ended = this.clock();
    this.heldCopyRetryNotBefore = ended + heldCopyRetryWaitMs(ended - started);
    const said = 'error' in outcome ? outcome.error : outcome.problems.join('; ');
    const free = this.freeBytesIn(dirname(path));
    if (!SAYS_NO_ROOM.test(said) && (free === null || free >= LOW_SPACE_BYTES)) {
      // newcomer50-9 S1: no copy written (the folder gone, say), not one made and found unsound: tried again until one is made.
      // The files as found kept beside a failed rebuild (`foundIn`) hold this server's frames as they were: never made over.
      if (('error' in outcome && !outcome.foundIn) || ('removed' in outcome && SAYS_NOT_WRITTEN.test(said))) this.heldCopyFailed = { why: said };
      return outcome;
    }
    let held = 0;
    try {
      held = Number(this.db.pragma('page_count', { simple: true })) * Number(this.db.pragma('page_size', { simple: true }));
    } catch {
      // The size unread: the margin alone is asked for, and the try after it says again if it is too little.
    }
    this.heldCopyNoRoom = { why: said, needBytes: held + LOW_SPACE_BYTES };
    return outcome;
  }

  /** The copy itself (see `keepWhatIsHeld`), one try, to `path`. */
  private startHeldCopy(path: string): HeldCopy {
    // newcomer50-9 S1: the store's folder deleted under the server (rm -rf of the wrong folder) is made again, as the witness's
    // write makes it, so that the copy has a place; a folder that cannot be made (a disk unmounted) fails the copy, tried again.
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch {
      // The copy then fails and says why (`heldCopyToRetry`).
    }
    // Written over in place (breaker9s P5): every page neither in the cache nor in the -wal is the other
    // file's, and a page copy would read them all — and push out of the cache the b-tree's upper pages the
    // events are reached through. The events are copied row by row at once, each checked against the chain.
    if (this.overwritten()) return { path, done: Promise.resolve(this.copyRowByRow(path, [])) };
    // Rewritten through SQLite, or cut back (breaker9x P3): what the connection reads now is the other
    // program's log — a copy of it would rescue nothing. What this server acknowledged is rebuilt from its
    // own -wal, copied before anything else touches it.
    // Not for a -wal emptied under it (breaker42-9 F7): the log it held reads nowhere, and looking for a rewrite would fail on it.
    if (this.anchor && this.companions && !this.seenWalCut && sameFile(this.openedFile, fileIdentity(this.path)) === 'present' && (this.logRewritten() || this.logShortened())) {
      return { path, done: Promise.resolve(this.copyAcknowledged(path, this.anchor)) };
    }
    const done = this.db.backup(path).then(
      () => {
        const problems = checkedCopy(path);
        // Pages read through this store's -wal over a file replaced in place make no database (breaker9j
        // P2's restore): such a copy is removed, never left to be put in place by mistake.
        if (problems.length > 0) for (const file of [path, `${path}-journal`]) removeQuietly(file);
        if (problems.length === 0) return { problems, removed: false };
        // The pages read from a file written over broke the page copy: the events, each checked against the chain, may still copy.
        return this.copyRowByRow(path, problems);
      },
      (error: unknown) => {
        for (const file of [path, `${path}-journal`]) removeQuietly(file);
        const why = error instanceof Error ? error.message : String(error);
        // breaker42-9 F7: the -wal emptied under the server fails the page copy at once ("disk I/O error"); what the main file
        // holds and the rows the read models took since the last checkpoint still make the log this server acknowledged.
        return this.rowsOnlyInWal.size > 0 ? this.copyFromMainFileAndHeld(path, why) : { error: why };
      },
    );
    return { path, done };
  }

  /**
   * What this server acknowledged, up to `anchor`, rebuilt from the store's main file and -wal as found
   * (`rebuildAcknowledged`, in `<path>-found/`) and copied row by row to `path`, each event checked against
   * the chain. The files as found are removed once the copy reaches the anchor; kept otherwise.
   */
  private copyAcknowledged(path: string, anchor: LogAnchor): { problems: readonly string[]; removed: boolean; rowByRow?: RowRescue; foundIn?: string } | { error: string; foundIn?: string } {
    const folder = `${path}-found`;
    let state: ReturnType<typeof rebuildAcknowledged>;
    try {
      state = rebuildAcknowledged(this.path, this.companions!.wal, folder, anchor);
    } catch (error) {
      return { error: `the store file and its -wal could not be copied to ${folder}: ${error instanceof Error ? error.message : String(error)}` };
    }
    // No state of the -wal holds what this server acknowledged (the restore's pages were checkpointed into the main file, or the
    // -wal started over): the files as found stay, named in the refusal (`foundIn`) — the -wal still holds this server's frames.
    if (!state.rebuilt) return { error: `${state.why}; the files as found are kept in ${folder}`, foundIn: folder };
    let outcome: { problems: readonly string[]; removed: boolean; rowByRow?: RowRescue };
    try {
      const rowByRow = rescueRows(state.rebuilt, path, createStoreSchema, this.sealKey);
      const unsound = checkedCopy(path);
      const removed = unsound.length > 0 || rowByRow.upTo === null;
      if (removed) for (const file of [path, `${path}-journal`]) removeQuietly(file);
      outcome = { problems: unsound, removed, rowByRow };
    } catch (error) {
      for (const file of [path, `${path}-journal`]) removeQuietly(file);
      outcome = { problems: [error instanceof Error ? error.message : String(error)], removed: true };
    } finally {
      state.rebuilt.close();
    }
    const reached = !outcome.removed && (outcome.rowByRow?.upTo ?? 0) >= anchor.position;
    if (reached) rmSync(folder, { recursive: true, force: true });
    else for (const file of ['acknowledged.db', 'acknowledged.db-wal', 'acknowledged.db-shm']) rmSync(`${folder}/${file}`, { force: true });
    return reached ? outcome : { ...outcome, foundIn: folder };
  }

  /**
   * The rows this connection reads copied to `path` (`rescueRows`), checked with `PRAGMA quick_check`;
   * the copy removed when it holds no event of a log that has some, or is no sound database.
   * `problems`: the page copy's, made before.
   */
  private copyRowByRow(path: string, problems: readonly string[]): { problems: readonly string[]; removed: boolean; rowByRow?: RowRescue } {
    try {
      const rowByRow = rescueRows(this.db, path, createStoreSchema, this.sealKey, this.rowsOnlyInWal, this.identityRow);
      const unsound = checkedCopy(path);
      const removed = unsound.length > 0 || (rowByRow.upTo === null && rowByRow.head !== null);
      if (removed) for (const file of [path, `${path}-journal`]) removeQuietly(file);
      return { problems: [...problems, ...unsound], removed, rowByRow };
    } catch (error) {
      for (const file of [path, `${path}-journal`]) removeQuietly(file);
      return { problems: [...problems, error instanceof Error ? error.message : String(error)], removed: true };
    }
  }

  /**
   * breaker42-9 F7: the page copy failed (`why`: the -wal emptied under the server, so SQLite cannot read the pages only it
   * held): the main file alone (the state of the last checkpoint, copied to `<path>-main-file` and read there, never at the
   * path) gives the events up to that checkpoint, the rows the read models took since (`rowsOnlyInWal`) the rest — copied row
   * by row to `path`, each checked against the chain (`rescueRows`). The other tables reach as far as the main file holds them.
   */
  private copyFromMainFileAndHeld(path: string, why: string): { problems: readonly string[]; removed: boolean; rowByRow?: RowRescue } | { error: string } {
    const main = `${path}-main-file`;
    const pageCopy = `the page copy failed (${why}); copied from the main file and the events this server's read models took since its last checkpoint`;
    try {
      // Through the descriptor SQLite holds: a copy of its own, closed, would drop this process's locks on the file (s9).
      copyHeldFile(this.path, main);
      const source = new Database(main, { fileMustExist: true });
      try {
        const rowByRow = rescueRows(source, path, createStoreSchema, this.sealKey, this.rowsOnlyInWal, this.identityRow);
        const unsound = checkedCopy(path);
        const removed = unsound.length > 0 || (rowByRow.upTo === null && rowByRow.head !== null);
        if (removed) for (const file of [path, `${path}-journal`]) removeQuietly(file);
        return { problems: [pageCopy, ...unsound], removed, rowByRow };
      } finally {
        source.close();
      }
    } catch (error) {
      for (const file of [path, `${path}-journal`]) removeQuietly(file);
      return { error: `${why}; the copy from the main file and the events held failed too: ${error instanceof Error ? error.message : String(error)}` };
    } finally {
      for (const file of [main, `${main}-wal`, `${main}-shm`, `${main}-journal`]) removeQuietly(file);
    }
  }

  /**
   * This store's own -wal and -shm still at the path, beside a file replaced there (renamed over, or
   * an older copy written over it in place): read over the new file by the next process that opens
   * the path — a second server, a command-line tool — they make it a mix of two stores (breaker9l P5:
   * a server started meanwhile said `ready` at the old head over a restored file and acknowledged
   * writes into this -wal, which then went aside with this server's stop; breaker9k P2: malformed).
   * Moved aside at once, the -wal beside the rescued copy (`<copy>-old-wal`), the -shm removed: this
   * connection keeps both open and reads on; nothing else finds them at the path. Called when the
   * replacement is noticed and again at the detached close; does nothing while the file is the one
   * opened (a -wal or -shm removed alone is no reason to move the other).
   */
  /**
   * Whether the -wal this store opened is still at its path beside the file (what `setCompanionsAside` moves): false when it
   * went with the file's old folder (a folder swapped for another) or was removed, and in memory.
   */
  ownWalAtPath(): boolean {
    if (!this.companions || !this.openedFile) return false;
    const { wal } = this.companions;
    return sameFile(this.openedWal, fileIdentity(wal)) === 'present' && existsSync(wal);
  }

  /**
   * breaker52-9 S7: the live servers of other processes that opened the very file this store opened (`<path>.servers/`) —
   * the -wal at the path is theirs too, and they may still be writing acknowledged events into it. Empty for `:memory:`.
   */
  otherServersHoldingWal(): LiveServerEntry[] {
    if (!this.openedFile || this.path === ':memory:') return [];
    return otherLiveServersHoldingFile(this.path, String(this.openedFile.ino));
  }

  setCompanionsAside(): void {
    if (!this.companions || !this.openedFile) return;
    const { wal, shm } = this.companions;
    const fileReplaced = sameFile(this.openedFile, fileIdentity(this.path)) === 'replaced' || this.shrunk() === 'replaced' || this.overwritten() !== null;
    if (!fileReplaced) return;
    const copy = this.keepWhatIsHeld();
    // breaker52-9 S7: moved from under another live server, the -wal took that server's later acknowledged writes with it.
    if (this.otherServersHoldingWal().length > 0) return;
    try {
      if (sameFile(this.openedWal, fileIdentity(wal)) === 'present' && existsSync(wal)) renameSync(wal, `${copy.path}-old-wal`);
      if (sameFile(this.openedShm, fileIdentity(shm)) === 'present') rmSync(shm, { force: true });
    } catch {
      // Left where it is: the next start refuses a damaged file and names it.
    }
  }

  /**
   * Commits what is queued, stops the writer thread, then closes the file. A store whose file went
   * away under it (`detachedFromPath`) commits nothing more, keeps a copy of what it holds
   * (`keepWhatIsHeld`) and leaves its connection open, so that SQLite writes nothing into the file
   * the path names now (breaker9j P2).
   */
  async close(): Promise<void> {
    if (this.closed) return;
    if (this.detachedFromPath()) return this.closeDetached();
    this.closed = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    await (this.flushing ?? this.flush());
    await this.committer.close();
    for (const listener of this.changeListeners) listener();
    this.changeListeners.clear();
    this.db.close();
  }

  private async closeDetached(): Promise<void> {
    const copy = this.keepWhatIsHeld();
    this.closed = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    const gone = new Error(`The event store ${this.path} went away under this server (deleted, replaced or its -wal removed): nothing more is written to it`);
    for (const waiting of this.queue.splice(0)) waiting.reject(gone);
    await this.flushing;
    await copy.done;
    // breaker49-9 S6: a copy that failed for want of room is tried once more at the stop, should there be room now.
    await this.retryHeldCopy(true)?.done;
    // breaker52-9 S5: still no copy beside the store (its disk full, its folder gone): written elsewhere, before nothing holds these events.
    await this.keepElsewhereAtStop();
    // The writer thread's connection closes while this one is open: SQLite checkpoints only on a
    // file no other connection holds, so that close writes nothing into the path either.
    await this.committer.close();
    this.setCompanionsAside();
    for (const listener of this.changeListeners) listener();
    this.changeListeners.clear();
    leftOpen.add(this.db);
  }

  /**
   * The first call of a tick schedules the commit for after the tick's I/O callbacks (setImmediate),
   * so the appends those callbacks make go in the same transaction; while a commit is under way
   * the queue simply grows, and the running flush takes it next.
   */
  private scheduleFlush() {
    if (this.flushScheduled || this.flushing) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      if (!this.flushing) this.flushing = this.flush();
    });
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.takeBatch();
        const outcome = await this.committer.commit(
          batch.map((waiting) => waiting.append),
          this.highestSeen,
          this.sealKey,
          this.anchor,
        );
        this.settle(batch, outcome);
      }
    } finally {
      this.flushing = null;
    }
  }

  /** The oldest queued appends, up to MAX_BATCH_EVENTS events (at least one append). */
  private takeBatch(): WaitingAppend[] {
    let events = 0;
    let count = 0;
    while (count < this.queue.length && (count === 0 || events + queuedEventCount(this.queue[count]!.append) <= MAX_BATCH_EVENTS)) {
      events += queuedEventCount(this.queue[count]!.append);
      count += 1;
    }
    return this.queue.splice(0, count);
  }

  private settle(batch: readonly WaitingAppend[], outcome: BatchOutcome) {
    if (!outcome.committed) {
      if (outcome.failure.kind === 'log-rewritten') this.noteRewritten(outcome.failure.position, outcome.failure.found);
      for (const waiting of batch) waiting.reject(failureError(outcome.failure));
      return;
    }
    if (outcome.written) this.noteLocalRows(outcome.written);
    if (outcome.written) this.anchorAt(outcome.written.upTo, outcome.written.chainHash);
    if (outcome.appended > 0) this.notifyLocalAppend();
    outcome.settlements.forEach((settlement, index) => {
      const waiting = batch[index]!;
      if (settlement.ok) for (const result of settlement.results ?? [settlement.result]) this.saw(Number(result.position.commit));
      if (settlement.ok) waiting.resolve(settlement.result, settlement.results);
      else waiting.reject(failureError(settlement.failure));
    });
  }

  /** Notes the positions a batch of this store took (`localRanges`), joined to the previous batch's when adjacent. */
  private noteLocalRows(written: { readonly after: number; readonly upTo: number }) {
    const last = this.localRanges.at(-1);
    if (last && last.upTo === written.after) last.upTo = written.upTo;
    else this.localRanges.push({ after: written.after, upTo: written.upTo });
    if (this.localRanges.length > LOCAL_RANGES_KEPT) this.localRanges.splice(0, this.localRanges.length - LOCAL_RANGES_KEPT);
  }

  /** With `follower`, rows are read with their hashes and checked against the chain (see subscribeToAll). */
  private readAfter(after: Position | undefined, maxCount: number, follower?: ChainFollower): StoredEvent[] {
    return this.readRowsAfter(after, maxCount, follower).map((row) => toStoredEvent(row, follower));
  }

  /** The rows after `after`, not yet turned into events (`toStoredEvent`, in order, with the same `follower`). */
  private readRowsAfter(after: Position | undefined, maxCount: number, follower?: ChainFollower): EventRow[] {
    if (this.closed) return [];
    const rows = (follower ? this.statements.readAllChained : this.statements.readAll).all(Number(after?.commit ?? 0n), maxCount);
    if (rows.length > 0) this.saw(rows[rows.length - 1]!.position);
    return rows;
  }

  private saw(position: number) {
    if (position > this.highestSeen) this.highestSeen = position;
  }

  /**
   * The log now ends before a position this store has seen (rows deleted from its end, or an
   * older copy written over the file in place): what it ends at and what was seen; null while it
   * does not. One indexed read (the largest rowid).
   */
  logShortened(): { head: number | null; seen: number } | null {
    if (this.closed || this.highestSeen === 0) return null;
    const head = this.statements.head.get()?.position ?? null;
    return (head ?? 0) < this.highestSeen ? { head, seen: this.highestSeen } : null;
  }

  private dataVersion(): number {
    return dataVersionOf(this.db);
  }

  private changeToken() {
    return { local: this.localAppends, foreign: this.lastDataVersion };
  }

  private notifyLocalAppend() {
    this.localAppends += 1;
    this.emitChange();
  }

  private emitChange() {
    for (const listener of [...this.changeListeners]) listener();
  }

  /**
   * Resolves once anything was appended after the token was taken: at once for this process's
   * appends, within FOREIGN_APPEND_POLL_MS for another process's (PRAGMA data_version changes
   * only when another connection commits).
   */
  private whenChangedSince(token: { local: number; foreign: number }, resolve: () => void): () => void {
    const changed = () => token.local !== this.localAppends || token.foreign !== this.lastDataVersion;
    const stop = () => {
      this.changeListeners.delete(listener);
      if (this.changeListeners.size === 0) this.stopPolling();
      resolve();
    };
    const listener = () => {
      if (changed() || this.closed) stop();
    };
    if (changed() || this.closed) {
      resolve();
      return () => undefined;
    }
    this.changeListeners.add(listener);
    this.startPolling();
    return stop;
  }

  private startPolling() {
    if (this.pollTimer || this.closed) return;
    this.pollTimer = setInterval(() => this.noticeForeignAppends(), FOREIGN_APPEND_POLL_MS);
    this.pollTimer.unref();
  }

  /** Wakes the waiting subscriptions when another connection committed since the last look (`PRAGMA data_version`). */
  private noticeForeignAppends() {
    if (this.closed || this.changeListeners.size === 0) return;
    const version = this.dataVersion();
    if (version !== this.lastDataVersion) {
      this.lastDataVersion = version;
      this.emitChange();
    }
  }

  private stopPolling() {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
  }
}
