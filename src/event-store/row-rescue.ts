import Database from 'better-sqlite3';
import { ChainFollower, GENESIS_CHAIN_HASH } from '../ledger/domain/event-chain.js';
import type { ChainedEventRow } from './sqlite-event-store.js';

/** How far a row-by-row rescue got (`rescueRows`). */
export interface RowRescue {
  /** The last event copied (its position); null when none was. */
  readonly upTo: number | null;
  /** The log's last position as the server's connection reads it; null for an empty log. */
  readonly head: number | null;
  /** Why the events stop before `head`, in English (the position and the problem); null when every one was copied. */
  readonly stopped: string | null;
  /** The other tables (request index, claims, identity, ledger checkpoints) that could not be copied whole, and why. */
  readonly tablesCut: readonly string[];
}

/** A row of `events` with what the ledger keeps of it, copied as it stands. */
type RescuedRow = ChainedEventRow;

/** The tables a Rectify store keeps besides `events`, copied as far as they read. */
const OTHER_TABLES = ['store_identity', 'requests', 'unique_claims', 'ledger_checkpoints'] as const;

const parsed = (text: string): Record<string, unknown> | null => {
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

/**
 * What a store's connection still reads, copied row by row into a new file at `target` (breaker9s P5): the
 * way out when the page copy (`SqliteEventStore.keepWhatIsHeld`) is no sound database — the store file was
 * written over in place, and the pages neither in the connection's cache nor in its -wal are read from the
 * other file. Each event is read on its own, in log order, and checked against the ledger chain from the
 * first (`ChainFollower`, with the office's `sealKey` when the store is sealed): the events stop at the
 * first that cannot be read or is not the one recorded, so the copy holds only events this store recorded
 * (the shared beginning of a copy of this store reads the same, and is the same). The other tables are
 * copied as far as they read. `createSchema` makes the store's tables in the new file. Never writes
 * through `source`. @throws the error of the new file (a full disk): the caller removes it.
 */
export function rescueRows(
  source: Database.Database,
  target: string,
  createSchema: (db: Database.Database) => void,
  sealKey: Buffer | null,
  /**
   * breaker42-9 F7: the rows the server's read models took (chain-checked) that may be only in its -wal — taken before
   * `source`'s, which may no longer read them (the -wal emptied under the server); empty when none are held.
   */
  held: ReadonlyMap<number, RescuedRow> = new Map(),
  /** The store's identity as the server read it, written when `source` cannot give it (its row only in the lost -wal). */
  identity: { readonly store_id: string; readonly created_at: string } | null = null,
): RowRescue {
  const copy = new Database(target);
  try {
    copy.pragma('journal_mode = DELETE');
    createSchema(copy);
    const tablesCut: string[] = [];
    copy.transaction(() => {
      for (const table of OTHER_TABLES) {
        try {
          for (const row of source.prepare<[], Record<string, unknown>>(`SELECT * FROM ${table}`).iterate()) {
            const columns = Object.keys(row);
            copy.prepare(`INSERT OR IGNORE INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})`).run(row);
          }
        } catch (error) {
          tablesCut.push(`${table}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      if (identity) copy.prepare('INSERT OR IGNORE INTO store_identity (singleton, store_id, created_at) VALUES (1, ?, ?)').run(identity.store_id, identity.created_at);
    })();
    let heldHead: number | null = null;
    for (const position of held.keys()) if (heldHead === null || position > heldHead) heldHead = position;
    let head: number | null = null;
    try {
      head = source.prepare<[], { head: number | null }>('SELECT MAX(position) AS head FROM events').get()?.head ?? null;
    } catch (error) {
      if (heldHead === null) return { upTo: null, head: null, stopped: `the log's end cannot be read (${error instanceof Error ? error.message : String(error)})`, tablesCut };
    }
    if (heldHead !== null && (head === null || heldHead > head)) head = heldHead;
    let fromSource: Database.Statement<[number], RescuedRow> | null = null;
    let sourceFault: string | null = null;
    try {
      fromSource = source.prepare<[number], RescuedRow>(
        'SELECT position, event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at, leaf_hash, chain_hash, row_seal FROM events WHERE position = ?',
      );
    } catch (error) {
      sourceFault = error instanceof Error ? error.message : String(error);
    }
    const read = {
      get: (position: number): RescuedRow | undefined => {
        const kept = held.get(position);
        if (kept) return kept;
        if (!fromSource) throw new Error(sourceFault ?? 'the log cannot be read');
        return fromSource.get(position);
      },
    };
    const insert = copy.prepare(
      `INSERT INTO events (position, event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at, leaf_hash, chain_hash, row_seal)
       VALUES (@position, @event_id, @stream_id, @revision, @type, @schema_version, @data, @metadata, @recorded_at, @leaf_hash, @chain_hash, @row_seal)`,
    );
    const follower = new ChainFollower(0, GENESIS_CHAIN_HASH, () => sealKey);
    let upTo: number | null = null;
    let stopped: string | null = null;
    copy.transaction(() => {
      for (let position = 1; head !== null && position <= head; position += 1) {
        let row: RescuedRow | undefined;
        try {
          row = read.get(position);
        } catch (error) {
          stopped = `the event at position ${position} cannot be read (${error instanceof Error ? error.message : String(error)})`;
          return;
        }
        if (!row) {
          stopped = `there is no event at position ${position}`;
          return;
        }
        const data = parsed(row.data);
        const metadata = parsed(row.metadata);
        const content =
          data && metadata
            ? { id: row.event_id, streamId: row.stream_id, revision: row.revision, type: row.type, schemaVersion: row.schema_version, data, metadata, recordedAt: row.recorded_at }
            : null;
        const problem = follower.follow({ position: row.position, content, leafHash: row.leaf_hash, chainHash: row.chain_hash, seal: row.row_seal });
        if (problem) {
          stopped = `the event read at position ${position} is not the one recorded: ${problem.en}`;
          return;
        }
        insert.run(row);
        upTo = position;
      }
    })();
    return { upTo, head, stopped, tablesCut };
  } finally {
    copy.close();
  }
}
