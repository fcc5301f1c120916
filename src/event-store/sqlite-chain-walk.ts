import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ChainFollower, GENESIS_CHAIN_HASH, type ChainProblem, type ChainedRow } from '../ledger/domain/event-chain.js';
import type { EventMetadata } from './event-store.port.js';

/*
 * breaker9y P7 and P1 (issue 9): the whole log walked along its ledger chain, from its first row to its head — every
 * position present, each row's chain hash following the one before, its content matching its leaf hash and, given the
 * office's row-seal key, its seal holding (`ChainFollower`, the check the read models' catch-up makes row by row). A
 * start from a read-model snapshot replays only the rows after it, so rows under it that were reordered or edited with
 * Rectify stopped were never looked at again, and a checkpoint was signed over them; a row deleted under the running
 * server left every row the read models had taken as it was. The walk is made at every start of a SQLite store (on a
 * thread of its own, while the snapshot is restored: `AdmittedStore.logWalked`) and before every checkpoint is signed
 * (LedgerService.takeCheckpoint); what it finds is LOG_ALTERED (StoreHealth), named by position and why.
 *
 * Cost, measured on the bench's 100k log (99,949 events, 107 MB) on the shared 2-core machine: reading the rows with
 * their hashes 0.8–1.5 s, the chain hashes 0.3–0.5 s, the seals 0.3 s, the content's leaf hashes (JSON.parse and
 * canonical JSON) 2.4 s — linear in the log; on its own thread it runs beside the start's other work.
 */

/** A row of the log as the walk reads it: its stored content (JSON text) and what the ledger keeps of it. */
export interface WalkedRow {
  readonly position: number;
  readonly event_id: string;
  readonly stream_id: string;
  readonly revision: number;
  readonly type: string;
  readonly schema_version: number;
  readonly data: string;
  readonly metadata: string;
  readonly recorded_at: string;
  readonly leaf_hash: Buffer | null;
  readonly chain_hash: Buffer | null;
  readonly row_seal: Buffer | null;
}

/** The first row of the log that is not as Rectify chained it: its position, its stored type, and why (both languages). */
export interface AlteredRow {
  readonly position: number;
  readonly type: string;
  readonly problem: ChainProblem;
}

/** What a walk found: how many rows it checked (the altered one included) and the first altered row, null when none. */
export interface ChainWalk {
  readonly rowsChecked: number;
  readonly altered: AlteredRow | null;
}

/** A stored JSON column read back: its value, or why it cannot be (damaged text, not an object). */
export function parseColumn<Value>(column: 'data' | 'metadata', text: string): { value: Value } | { problem: string } {
  try {
    const value = JSON.parse(text) as unknown;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return { problem: `its ${column} is not a JSON object` };
    return { value: value as Value };
  } catch (error) {
    return { problem: `its stored ${column} is not complete JSON (${error instanceof Error ? error.message : String(error)})` };
  }
}

/** The row as the ledger checks it: its content (null when its JSON cannot be read), stored hashes and seal. */
export const chainedRow = (row: Omit<WalkedRow, 'data' | 'metadata'>, data: Record<string, unknown> | null, metadata: EventMetadata | null): ChainedRow => ({
  position: row.position,
  content:
    data && metadata
      ? { id: row.event_id, streamId: row.stream_id, revision: row.revision, type: row.type, schemaVersion: row.schema_version, data, metadata, recordedAt: row.recorded_at }
      : null,
  leafHash: row.leaf_hash,
  chainHash: row.chain_hash,
  seal: row.row_seal,
});

/** A row's JSON read and checked against the chain by `follower`: why it is not as chained, null when it is (a row whose JSON cannot be read is the read models' matter, as in the catch-up). */
export function walkedRowProblem(follower: ChainFollower, row: WalkedRow): ChainProblem | null {
  const data = parseColumn<Record<string, unknown>>('data', row.data);
  const metadata = parseColumn<EventMetadata>('metadata', row.metadata);
  return follower.follow(chainedRow(row, 'value' in data ? data.value : null, 'value' in metadata ? metadata.value : null));
}

/**
 * How deep a walk looks at each row: `content` — positions, chain hashes, the content against its leaf hash (JSON.parse
 * and canonical JSON: most of the cost) and the seal when a key is given; `hashes` — positions and the stored chain alone
 * (a row deleted, moved, inserted, or its hashes rewritten; not content edited with its hashes left), reading only the
 * row's position, type and hashes.
 */
export type WalkDepth = 'content' | 'hashes';

/** Where a walk starts: after the row at `position` (≥ 1), whose stored chain hash (32 bytes) the next row must follow. */
export interface WalkStart {
  readonly position: number;
  readonly chainHash: Buffer;
}

/**
 * Walks the log of the SQLite store open as `db` from its first row (or from the row after `after`) to its head (see the
 * top of this file), on the caller's thread, and stops at the first row that is not as Rectify chained it. `sealKey`: the
 * office's row-seal key, whose seals are checked; null: seals not checked (the start's walk, made before the key is
 * loaded — a chain recomputed by hand still ends at another chain hash than the store witness saw at its head, which the
 * start refuses). `depth`: see `WalkDepth`. `after`: the walk starts after that row, taken as sound (breaker9z P13: the
 * rows appended past the head the store witness vouched for, checked at start with the key). A store without ledger
 * columns (never chained) has nothing to walk. `upTo`: the walk ends with the row at that position (a slice of the rows
 * after `after`, breaker56-10 S3); null: at the head. O(rows walked).
 */
export function walkChain(db: Database.Database, sealKey: Buffer | null, depth: WalkDepth = 'content', after: WalkStart | null = null, upTo: number | null = null): ChainWalk {
  const columns = (db.pragma('table_info(events)') as { name: string }[]).map((column) => column.name);
  if (!columns.includes('chain_hash')) return { rowsChecked: 0, altered: null };
  const seal = columns.includes('row_seal') && sealKey ? 'row_seal' : 'NULL AS row_seal';
  const follower = new ChainFollower(after?.position ?? 0, after?.chainHash ?? GENESIS_CHAIN_HASH, () => sealKey);
  let rowsChecked = 0;
  const content = depth === 'content' ? 'event_id, stream_id, revision, schema_version, data, metadata, recorded_at' : "'' AS data, '' AS metadata";
  const rows = db
    .prepare<[number, number], WalkedRow>(`SELECT position, type, ${content}, leaf_hash, chain_hash, ${seal} FROM events WHERE position > ? AND position <= ? ORDER BY position`)
    .iterate(after?.position ?? 0, upTo ?? Number.MAX_SAFE_INTEGER);
  for (const row of rows) {
    rowsChecked += 1;
    const problem = depth === 'content' ? walkedRowProblem(follower, row) : follower.follow({ position: row.position, content: null, leafHash: row.leaf_hash, chainHash: row.chain_hash, seal: row.row_seal });
    if (problem) {
      // Ends the statement (the iterator's return), so the connection is free again.
      rows.return?.();
      return { rowsChecked, altered: { position: row.position, type: row.type, problem } };
    }
  }
  return { rowsChecked, altered: null };
}

/** What the walk's thread is started with. */
interface WalkThreadData {
  readonly path: string;
  readonly sealKey: Uint8Array | null;
  readonly depth: WalkDepth;
}

/** The compiled thread module; absent when the TypeScript sources run (specs): the walk then runs on the caller's thread. */
const BUILT_WALKER = new URL('./sqlite-chain-walk.worker.js', import.meta.url);

/**
 * `walkChain` over the SQLite file at `path`, through a read-only connection of its own (it sees what the server's
 * connection committed, -wal included), on a worker thread when the compiled module is there. `background`: the thread
 * does not keep the process alive. Rejects with SQLite's error when the file cannot be read.
 */
export function walkChainOffThread(path: string, sealKey: Buffer | null, depth: WalkDepth = 'content', options: { readonly background?: boolean } = {}): Promise<ChainWalk> {
  if (!existsSync(fileURLToPath(BUILT_WALKER))) {
    try {
      const db = new Database(path, { readonly: true, fileMustExist: true });
      try {
        return Promise.resolve(walkChain(db, sealKey, depth));
      } finally {
        db.close();
      }
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }
  return new Promise<ChainWalk>((resolve, reject) => {
    const worker = new Worker(BUILT_WALKER, { workerData: { path, sealKey, depth } satisfies WalkThreadData });
    // A walk in the background does not hold the process open (a server stopping, a tool ending).
    if (options.background) worker.unref();
    let answered = false;
    worker.once('message', (answer: { walk?: ChainWalk; error?: { message: string; code?: string } }) => {
      answered = true;
      if (answer.walk) resolve(answer.walk);
      else reject(Object.assign(new Error(answer.error?.message ?? 'the chain walk failed'), { code: answer.error?.code }));
    });
    worker.once('error', (error) => {
      answered = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`The chain walk's thread ended (exit code ${code}) without an answer`));
    });
  });
}

/** Runs on the walk's thread (sqlite-chain-walk.worker.ts): the walk over its own read-only connection, answered once. */
export function walkOnThisThread(data: WalkThreadData): { walk?: ChainWalk; error?: { message: string; code?: string } } {
  try {
    const db = new Database(data.path, { readonly: true, fileMustExist: true });
    try {
      return { walk: walkChain(db, data.sealKey ? Buffer.from(data.sealKey) : null, data.depth) };
    } finally {
      db.close();
    }
  } catch (error) {
    return { error: { message: error instanceof Error ? error.message : String(error), code: (error as { code?: string }).code } };
  }
}
