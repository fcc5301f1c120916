import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { SqliteChainHead, type ChainHeadAt, SqliteLedger, upgradeSqliteLedger } from '../ledger/sqlite-ledger.js';
import {
  AppendResult,
  ConcurrencyError,
  EventMetadata,
  EventStore,
  EventSubscription,
  EventToAppend,
  ExpectedRevision,
  Position,
  RecordedRequest,
  RequestKeyConflictError,
  RequestRecord,
  StoreIdentity,
  StoredEvent,
  sameRequest,
} from './event-store.port.js';

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
-- Who this store is: one row, written when the store is created (see identify()).
CREATE TABLE IF NOT EXISTS store_identity (
  singleton  INTEGER PRIMARY KEY CHECK (singleton = 1),
  store_id   TEXT    NOT NULL,
  created_at TEXT    NOT NULL
);`;

/** What the path names on disk: a file that was unlinked or replaced has another inode or none. */
export type StoreFileState = 'present' | 'missing' | 'replaced';

/** Whether a path still names the file first seen there (nothing to compare when none was seen). */
const sameFile = (opened: { dev: number; ino: number } | null, now: { dev: number; ino: number } | null): StoreFileState =>
  !opened ? 'present' : !now ? 'missing' : now.dev === opened.dev && now.ino === opened.ino ? 'present' : 'replaced';

const fileIdentity = (path: string): { dev: number; ino: number } | null => {
  try {
    const { dev, ino } = statSync(path);
    return { dev, ino };
  } catch {
    return null;
  }
};

interface RequestRow {
  request_key: string;
  command_id: string;
  request_digest: string | null;
  stream_id: string;
  revision: number;
  position: number;
}

/**
 * A request whose command appended nothing is kept with revision -1 and position 0: no event has
 * position 0 (positions are rowids, from 1), and the table keeps its NOT NULL columns.
 */
const APPENDED_NOTHING = { revision: -1, position: 0 } as const;

const toRecordedRequest = (row: RequestRow): RecordedRequest =>
  row.revision === APPENDED_NOTHING.revision
    ? { key: row.request_key, commandId: row.command_id, digest: row.request_digest, streamId: row.stream_id, position: null, appendedNothing: true }
    : { key: row.request_key, commandId: row.command_id, digest: row.request_digest, streamId: row.stream_id, position: at(row.position) };

/** How often a subscription that is caught up looks for appends made by other processes. */
const FOREIGN_APPEND_POLL_MS = 100;
const READ_BATCH = 500;

const at = (sequence: number): Position => ({ commit: BigInt(sequence), prepare: BigInt(sequence) });

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    id: row.event_id,
    streamId: row.stream_id,
    revision: row.revision,
    position: at(row.position),
    type: row.type,
    schemaVersion: row.schema_version,
    data: JSON.parse(row.data) as Record<string, unknown>,
    metadata: JSON.parse(row.metadata) as EventMetadata,
  };
}

/**
 * The embedded event store: one SQLite file in WAL mode with synchronous=FULL, so an append that
 * has returned survives a crash or power loss. Several processes (the server, command-line
 * tools) may open the same file; SQLite serialises their writes.
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

  private readonly statements;
  /** The tamper-evident chain (src/ledger): every append hashes its events onto it. */
  private readonly chainHead: SqliteChainHead;

  constructor(readonly path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.openedFile = path === ':memory:' ? null : fileIdentity(path);
    this.db.exec(SCHEMA);
    this.openedWal = path === ':memory:' ? null : fileIdentity(`${path}-wal`);
    upgradeSqliteLedger(this.db);
    this.chainHead = new SqliteChainHead(this.db);
    this.statements = {
      streamHead: this.db.prepare<[string], { revision: number | null }>(
        'SELECT MAX(revision) AS revision FROM events WHERE stream_id = ?',
      ),
      byEventId: this.db.prepare<[string], EventRow>('SELECT * FROM events WHERE event_id = ?'),
      insert: this.db.prepare(
        `INSERT INTO events (event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at, leaf_hash, chain_hash)
         VALUES (@eventId, @streamId, @revision, @type, @schemaVersion, @data, @metadata, @recordedAt, @leafHash, @chainHash)`,
      ),
      readStream: this.db.prepare<[string, number], EventRow>(
        'SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision',
      ),
      readAll: this.db.prepare<[number, number], EventRow>(
        'SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?',
      ),
      head: this.db.prepare<[], { position: number | null }>('SELECT MAX(position) AS position FROM events'),
      eventIdAt: this.db.prepare<[number], { event_id: string }>('SELECT event_id FROM events WHERE position = ?'),
      request: this.db.prepare<[string], RequestRow>('SELECT * FROM requests WHERE request_key = ?'),
      recordRequest: this.db.prepare(
        `INSERT INTO requests (request_key, command_id, request_digest, stream_id, revision, position)
         VALUES (@key, @commandId, @digest, @streamId, @revision, @position)`,
      ),
    };
    this.lastDataVersion = this.dataVersion();
  }

  async appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options: { expectedRevision: ExpectedRevision; request?: RequestRecord },
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('appendToStream needs at least one event');
    const append = this.db.transaction((): AppendResult & { appended: boolean; chainHead?: ChainHeadAt } => {
      const answered = options.request && this.answeredRequest(options.request);
      if (answered) return { ...answered, appended: false };
      const alreadyStored = this.alreadyStored(streamId, events);
      if (alreadyStored) return { ...alreadyStored, appended: false };
      const current = this.statements.streamHead.get(streamId)?.revision ?? null;
      this.checkExpectedRevision(streamId, options.expectedRevision, current);
      const first = (current ?? -1) + 1;
      const chained = this.chainHead.hashNext(
        events.map((event, index) => ({ ...event, streamId, revision: first + index, recordedAt: event.metadata.recordedAt })),
      );
      let revision = current ?? -1;
      let position = 0;
      for (const [index, event] of events.entries()) {
        revision += 1;
        const result = this.statements.insert.run({
          eventId: event.id,
          streamId,
          revision,
          type: event.type,
          schemaVersion: event.schemaVersion,
          data: JSON.stringify(event.data),
          metadata: JSON.stringify(event.metadata),
          recordedAt: event.metadata.recordedAt,
          leafHash: chained.hashes[index]!.leafHash,
          chainHash: chained.hashes[index]!.chainHash,
        });
        position = Number(result.lastInsertRowid);
      }
      if (options.request) this.statements.recordRequest.run({ ...options.request, streamId, revision, position });
      return { nextRevision: revision, position: at(position), appended: true, chainHead: chained.head };
    });
    // IMMEDIATE takes the write lock before reading the stream's revision, so two processes
    // cannot both pass the expected-revision check, nor both chain onto the same event.
    let outcome;
    try {
      outcome = append.immediate();
    } catch (error) {
      this.chainHead.forget();
      throw error;
    }
    const { appended, chainHead, ...result } = outcome;
    if (chainHead) this.chainHead.committed(chainHead);
    if (appended) this.notifyLocalAppend();
    return result;
  }

  // async: a conflict rejects the promise, as every port method's failures do.
  async reserveRequest(streamId: string, request: RequestRecord): Promise<void> {
    const reserve = this.db.transaction(() => {
      if (this.answeredRequest(request)) return;
      this.statements.recordRequest.run({ ...request, streamId, ...APPENDED_NOTHING });
    });
    reserve.immediate();
  }

  findRequest(key: string): Promise<RecordedRequest | null> {
    const row = this.statements.request.get(key);
    return Promise.resolve(row ? toRecordedRequest(row) : null);
  }

  identify(): Promise<StoreIdentity & { created: boolean }> {
    const identify = this.db.transaction(() => {
      const existing = this.db.prepare<[], { store_id: string; created_at: string }>('SELECT store_id, created_at FROM store_identity').get();
      if (existing) return { storeId: existing.store_id, createdAt: existing.created_at, created: false };
      const identity = { storeId: randomUUID(), createdAt: new Date().toISOString() };
      this.db.prepare('INSERT INTO store_identity (singleton, store_id, created_at) VALUES (1, ?, ?)').run(identity.storeId, identity.createdAt);
      return { ...identity, created: true };
    });
    return Promise.resolve(identify.immediate());
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
    const states = [sameFile(this.openedFile, fileIdentity(this.path)), sameFile(this.openedWal, fileIdentity(`${this.path}-wal`))];
    return states.includes('missing') ? 'missing' : states.includes('replaced') ? 'replaced' : 'present';
  }

  readStream(streamId: string, options: { fromRevision?: number } = {}): Promise<StoredEvent[]> {
    return Promise.resolve(
      this.statements.readStream.all(streamId, options.fromRevision ?? 0).map(toStoredEvent),
    );
  }

  readAll(options: { after?: Position; maxCount?: number } = {}): Promise<StoredEvent[]> {
    return Promise.resolve(this.readAfter(options.after, options.maxCount ?? Number.MAX_SAFE_INTEGER));
  }

  headPosition(): Promise<Position | null> {
    const head = this.statements.head.get()?.position ?? null;
    return Promise.resolve(head === null ? null : at(head));
  }

  eventIdAt(position: Position): Promise<string | null> {
    return Promise.resolve(this.statements.eventIdAt.get(Number(position.commit))?.event_id ?? null);
  }

  subscribeToAll(options: { after?: Position } = {}): EventSubscription {
    let active = true;
    let stopWaiting: (() => void) | null = null;
    const store = this;
    async function* events(): AsyncGenerator<StoredEvent> {
      let cursor = options.after;
      while (active && !store.closed) {
        const changeToken = store.changeToken();
        const batch = store.readAfter(cursor, READ_BATCH);
        for (const event of batch) {
          if (!active) return;
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
    const row = this.db.prepare<[bigint], { chain_hash: Buffer | null }>('SELECT chain_hash FROM events WHERE position = ?').get(commit);
    return row?.chain_hash ? row.chain_hash.toString('hex') : null;
  }

  /** The ledger kept in this file: hashes, checkpoints (see src/ledger). */
  ledger(): SqliteLedger {
    return new SqliteLedger(this.db);
  }

  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      if (this.pollTimer) clearInterval(this.pollTimer);
      for (const listener of this.changeListeners) listener();
      this.changeListeners.clear();
      this.db.close();
    }
    return Promise.resolve();
  }

  private readAfter(after: Position | undefined, maxCount: number): StoredEvent[] {
    if (this.closed) return [];
    return this.statements.readAll.all(Number(after?.commit ?? 0n), maxCount).map(toStoredEvent);
  }

  /** The first result of a request already in the index; a conflict when the key names another request. */
  private answeredRequest(request: RequestRecord): AppendResult & { alreadyRecorded: true } | null {
    const row = this.statements.request.get(request.key);
    if (!row) return null;
    const stored = toRecordedRequest(row);
    if (!sameRequest(stored, request)) throw new RequestKeyConflictError(request.key, stored);
    return { nextRevision: row.revision, position: at(row.position), alreadyRecorded: true };
  }

  /** A retried append whose event ids are already stored returns the original result. */
  private alreadyStored(streamId: string, events: readonly EventToAppend[]): AppendResult | null {
    const stored = events.map((event) => this.statements.byEventId.get(event.id));
    if (stored.every((row) => row === undefined)) return null;
    const last = stored[stored.length - 1];
    if (stored.some((row) => row === undefined) || stored.some((row) => row!.stream_id !== streamId)) {
      throw new ConcurrencyError(streamId, 'any', this.statements.streamHead.get(streamId)?.revision ?? 'no_stream');
    }
    return { nextRevision: last!.revision, position: at(last!.position) };
  }

  private checkExpectedRevision(streamId: string, expected: ExpectedRevision, current: number | null) {
    const matches =
      expected === 'any' || (expected === 'no_stream' ? current === null : current === expected);
    if (!matches) throw new ConcurrencyError(streamId, expected, current ?? 'no_stream');
  }

  private dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
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
    this.pollTimer = setInterval(() => {
      const version = this.dataVersion();
      if (version !== this.lastDataVersion) {
        this.lastDataVersion = version;
        this.emitChange();
      }
    }, FOREIGN_APPEND_POLL_MS);
    this.pollTimer.unref();
  }

  private stopPolling() {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
  }
}
