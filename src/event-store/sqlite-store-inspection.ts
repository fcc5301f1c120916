import { walNotAloneAdvice, walOnlyContent, walWithoutDbNote } from './wal-only-store.js';
import Database from 'better-sqlite3';
import { preparedOnce } from './prepared-once.js';
import { readdirSync, statSync } from 'node:fs';
import { readWholeHeldFile } from './held-file-read.js';
import { basename, dirname, join } from 'node:path';
import { say, type Bilingual } from '../shared/domain-error.js';
import { anyRowSealed, SqliteLedger } from '../ledger/sqlite-ledger.js';
import type { NamedEvent } from './row-seal-judgement.js';
import type { StoreIdentity } from './event-store.port.js';
import { DAMAGED_WAL_COPY, StoreRefusedError } from './store-witness.js';
import { walBreakOnDisk } from './wal-file-mark.js';
import { officeInstantZh as officeInstantText } from '../shared/calendar-date.js';

/*
 * breaker9c P1 (blocker): a start refused on a restored .db with the newer file's -wal left beside
 * it had opened the store read-write; closing that connection, SQLite's last, checkpointed the
 * stale -wal into the restored file (corrupting it) and deleted the -wal — the only place events
 * already acknowledged still were. So an existing store file is judged through a read-only
 * connection first: SQLite never checkpoints nor deletes a -wal from one, nor writes the file.
 */

const hasTable = (db: Database.Database, name: string): boolean =>
  db.prepare<[string]>("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;

const hasColumn = (db: Database.Database, table: string, column: string): boolean =>
  (db.pragma(`table_info(${table})`) as { name: string }[]).some((info) => info.name === column);

/** Every table any version of Rectify created in its store file, and SQLite's own (`sqlite_sequence`, `sqlite_stat1`…). */
const EVENT_STORE_TABLES = new Set(['events', 'requests', 'unique_claims', 'store_identity', 'ledger_checkpoints']);

/**
 * The tables of the file that no version of Rectify creates (breaker9s P3: SQLITE_PATH naming another application's
 * SQLite database had Rectify's tables written into it and the demo seeded): empty for a Rectify store, an empty file
 * or one an older version wrote. Sorted, so a refusal names them the same way each time.
 */
export function foreignTablesIn(db: Database.Database): string[] {
  return db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name")
    .all()
    .map(({ name }) => name)
    .filter((name) => !EVENT_STORE_TABLES.has(name) && !name.startsWith('sqlite_'));
}

/** The columns every version of Rectify gave its `events` table (later versions add more). */
const EVENTS_COLUMNS = ['position', 'event_id', 'stream_id', 'revision', 'type', 'data'];

/**
 * breaker54-9 M3: Rectify's own table names holding what Rectify never wrote — an `events` table without the columns every
 * version gave it (`create table events(position integer)`): the start died `no such column: event_id`, no reason code.
 * Each such table with the columns it lacks; empty for a Rectify store (of any version), an empty file, a file with no `events`.
 */
export function misshapenTablesIn(db: Database.Database): { readonly table: string; readonly lacking: readonly string[] }[] {
  const columns = (db.pragma('table_info(events)') as { name: string }[]).map(({ name }) => name);
  if (columns.length === 0) return [];
  const lacking = EVENTS_COLUMNS.filter((column) => !columns.includes(column));
  return lacking.length > 0 ? [{ table: 'events', lacking }] : [];
}

/**
 * A SQLite file that is another application's database (`foreignTablesIn`), refused whatever ACCEPT_STORE_RESET says:
 * Rectify never writes its tables into it. Names the file and up to eight of its tables; or (`misshapen`, breaker54-9 M3) a
 * table of Rectify's name without Rectify's columns (`misshapenTablesIn`).
 */
export function notAnEventStore(path: string, tables: readonly string[], misshapen: readonly { readonly table: string; readonly lacking: readonly string[] }[] = []): StoreRefusedError {
  if (tables.length === 0 && misshapen.length > 0) {
    const which = misshapen.map(({ table, lacking }) => `${table} (without ${lacking.join(', ')})`).join('; ');
    const whichZh = misshapen.map(({ table, lacking }) => `${table}（缺少 ${lacking.join('、')} 列）`).join('；');
    return new StoreRefusedError(
      'NOT_AN_EVENT_STORE',
      say(
        `${path} (SQLITE_PATH) is not a Rectify event store: it has a table of Rectify's name that no version of Rectify made — ${which}. It was made by another program or by hand. Nothing was written to it. Set SQLITE_PATH to Rectify's store file (by default data/rectify.db); if the store that was at this path is lost, restore it from a backup. --accept-store-reset does not change this: Rectify never writes into a table it did not make.`,
        `${path}（SQLITE_PATH）不是 Rectify 的事件库：其中有与 Rectify 同名、但不是任何版本的 Rectify 建立的表——${whichZh}，是其他程序或手工建立的。未向其写入任何内容。请将 SQLITE_PATH 设为 Rectify 的事件库文件（默认 data/rectify.db）；若此处原有的事件库已丢失，请从备份恢复。--accept-store-reset 对此无效：Rectify 从不向不是它建立的表写入。`,
      ),
    );
  }
  const shown = tables.slice(0, 8).join(', ') + (tables.length > 8 ? ` … (${tables.length} in all)` : '');
  const shownZh = tables.slice(0, 8).join('、') + (tables.length > 8 ? ` 等共 ${tables.length} 个` : '');
  return new StoreRefusedError(
    'NOT_AN_EVENT_STORE',
    say(
      `${path} (SQLITE_PATH) is a SQLite database of another application, not a Rectify event store: it holds tables Rectify never creates (${shown}). Nothing was written to it. Set SQLITE_PATH to Rectify's store file (by default data/rectify.db), or to a file in a folder of its own for a new store. --accept-store-reset does not change this: Rectify never writes into another application's database.`,
      `${path}（SQLITE_PATH）是其他程序的 SQLite 数据库，不是 Rectify 的事件库：其中有 Rectify 从不创建的表（${shownZh}）。未向其写入任何内容。请将 SQLITE_PATH 设为 Rectify 的事件库文件（默认 data/rectify.db），或为新事件库设到一个单独文件夹中的文件。--accept-store-reset 对此无效：Rectify 从不向其他程序的数据库写入。`,
    ),
  );
}

/**
 * Positions missing from the log below its head, as ranges (at most `limit`), and how many are
 * missing in all; null when none is. SQLite numbers events 1, 2, 3 … and never gives a number twice,
 * and a failed transaction takes its numbers back, so a gap is a row deleted from the middle of the
 * log. One COUNT (an index scan) when there is none; the ranges are looked for only when there is.
 */
export function missingPositionsIn(db: Database.Database, limit = 5): { missing: number; ranges: { first: number; last: number }[] } | null {
  const { count, head } = db.prepare<[], { count: number; head: number | null }>('SELECT COUNT(*) AS count, MAX(position) AS head FROM events').get()!;
  if (head === null || count >= head) return null;
  const ranges = db
    .prepare<[number], { first: number; last: number }>(
      `SELECT first, last FROM (
         SELECT 1 AS first, MIN(position) - 1 AS last FROM events
         UNION ALL
         SELECT e.position + 1, (SELECT MIN(n.position) FROM events AS n WHERE n.position > e.position) - 1
           FROM events AS e WHERE NOT EXISTS (SELECT 1 FROM events AS n WHERE n.position = e.position + 1)
       ) WHERE last >= first ORDER BY first LIMIT ?`,
    )
    .all(limit);
  return { missing: head - count, ranges };
}

/**
 * The highest event position the file ever gave (SQLite's AUTOINCREMENT counter, `sqlite_sequence`),
 * which deleting rows does not lower: above the newest event's position when events were deleted
 * from the end of the log; null when the file keeps no counter (no event was ever written).
 */
export function positionsGivenIn(db: Database.Database): number | null {
  if (!hasTable(db, 'sqlite_sequence')) return null;
  return db.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'events'").get()?.seq ?? null;
}

/** The chain hash (32 bytes) stored with the event at a position; null when there is no event there, or no hash (or no ledger column yet). */
export function chainHashIn(db: Database.Database, commit: bigint | number): Buffer | null {
  return preparedOnce<[bigint | number], { chain_hash: Buffer | null }>(db, 'SELECT chain_hash FROM events WHERE position = ?').get(commit)?.chain_hash ?? null;
}

/** Rows of one writer (`EventMetadata.writerId`) in a range of the log: its first and last position, and how many. */
export interface WriterRows {
  /** The writer id; null for rows that carry none (written by a release before writer ids were kept, or metadata unreadable). */
  readonly writerId: string | null;
  readonly first: bigint;
  readonly last: bigint;
  readonly count: number;
}

/** Rows of a log stamped by writers a copy's witnesses never recorded (`rowsByOtherWritersIn`): the first and last position, how many, and each writer's. */
export interface OtherWritersRows {
  readonly first: bigint;
  readonly last: bigint;
  readonly count: number;
  /** Each writer's rows, in the order of its first row (the rows without a writer id as one, `writerId` null). */
  readonly writers: readonly WriterRows[];
}

/**
 * The rows past position `after` whose writer id (`EventMetadata.writerId`) is none of `known`; null when there is none.
 * Rows without one (written by a release before writer ids were kept, or unreadable metadata) count as known unless
 * `unstampedUnknown` (breaker43-9 K1: past a record of this copy that lists its writers, every row this copy wrote since
 * carries one — a row without one is another copy's run on the previous release, or a rollback to it). One range read of
 * the rows past `after` (none after a clean stop; a crash's last second otherwise).
 */
/**
 * newcomer50-9 S3: the writer ids (`EventMetadata.writerId`) stamped on the rows up to position `upTo`, in the order of each one's
 * first row — rows a witness of this copy vouches for (its head and chain hash there), so their writers are this copy's. One
 * read of those rows (a start after an older release rewrote the witnesses without `writers`: a few seconds at a million events).
 */
export function writersUpToIn(db: Database.Database, upTo: bigint): string[] {
  return db
    .prepare<[{ upTo: bigint }], { writer: string }>(
      `SELECT writer FROM (
         SELECT position, CASE WHEN json_valid(metadata) THEN json_extract(metadata, '$.writerId') END AS writer FROM events WHERE position <= @upTo)
        WHERE writer IS NOT NULL GROUP BY writer ORDER BY MIN(position)`,
    )
    .all({ upTo })
    .map(({ writer }) => String(writer));
}

export function rowsByOtherWritersIn(db: Database.Database, after: bigint, known: readonly string[], unstampedUnknown = false): OtherWritersRows | null {
  const rows = db
    .prepare<[{ after: bigint; known: string; unstamped: number }], { writer: string | null; first: number; last: number; count: number }>(
      `SELECT writer, MIN(position) AS first, MAX(position) AS last, COUNT(*) AS count FROM (
         SELECT position, CASE WHEN json_valid(metadata) THEN json_extract(metadata, '$.writerId') END AS writer FROM events WHERE position > @after)
        WHERE CASE WHEN writer IS NULL THEN @unstamped ELSE writer NOT IN (SELECT value FROM json_each(@known)) END GROUP BY writer ORDER BY first`,
    )
    .all({ after, known: JSON.stringify(known), unstamped: unstampedUnknown ? 1 : 0 });
  if (rows.length === 0) return null;
  const writers = rows.map(({ writer, first, last, count }) => ({ writerId: writer === null ? null : String(writer), first: BigInt(first), last: BigInt(last), count }));
  return {
    first: writers[0]!.first,
    last: writers.reduce((max, each) => (each.last > max ? each.last : max), 0n),
    count: writers.reduce((sum, each) => sum + each.count, 0),
    writers,
  };
}

/**
 * What an existing SQLite store file holds, read through a read-only connection that never changes
 * the file nor its -wal (see above); tolerant of files older versions wrote (no identity, no ledger
 * columns yet) and of an empty file. Reads raise SQLite's own errors (SQLITE_CORRUPT, SQLITE_NOTADB)
 * for a damaged file. Close it when done.
 */
export class SqliteStoreInspection {
  private readonly db: Database.Database;
  private readonly hasEvents: boolean;
  private readonly chained: boolean;

  /** @throws SQLite's error when the file cannot be opened or its schema read (damaged, not a database). */
  constructor(readonly path: string) {
    this.db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      this.db.pragma('busy_timeout = 5000');
      this.hasEvents = hasTable(this.db, 'events');
      this.chained = this.hasEvents && hasColumn(this.db, 'events', 'chain_hash');
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  /** See `foreignTablesIn`. */
  foreignTables(): string[] {
    return foreignTablesIn(this.db);
  }

  /** See `misshapenTablesIn`. */
  misshapenTables(): ReturnType<typeof misshapenTablesIn> {
    return misshapenTablesIn(this.db);
  }

  /** The id the store was given when created; null for a file without one yet (an older version's, or an empty file). */
  identity(): StoreIdentity | null {
    if (!hasTable(this.db, 'store_identity')) return null;
    const row = this.db.prepare<[], { store_id: string; created_at: string }>('SELECT store_id, created_at FROM store_identity').get();
    return row ? { storeId: row.store_id, createdAt: row.created_at } : null;
  }

  /** The log's newest position and the event there; null for an empty log. */
  headEvent(): { position: bigint; eventId: string } | null {
    if (!this.hasEvents) return null;
    const row = this.db.prepare<[], { position: number; event_id: string }>('SELECT position, event_id FROM events ORDER BY position DESC LIMIT 1').get();
    return row ? { position: BigInt(row.position), eventId: row.event_id } : null;
  }

  /** The id of the event at a position, null when there is none. */
  eventIdAt(commit: bigint): string | null {
    if (!this.hasEvents) return null;
    return this.db.prepare<[bigint], { event_id: string }>('SELECT event_id FROM events WHERE position = ?').get(commit)?.event_id ?? null;
  }

  /** See `rowsByOtherWritersIn`. */
  rowsByOtherWriters(after: bigint, known: readonly string[], unstampedUnknown = false): OtherWritersRows | null {
    return this.hasEvents ? rowsByOtherWritersIn(this.db, after, known, unstampedUnknown) : null;
  }

  /** The chain hash (hex) of the event at a position; null when there is none there, it carries none, or the file keeps no chain yet. */
  chainHashAt(commit: bigint): string | null {
    return this.chained ? (chainHashIn(this.db, commit)?.toString('hex') ?? null) : null;
  }

  /** See `missingPositionsIn`. */
  missingPositions(): ReturnType<typeof missingPositionsIn> {
    return this.hasEvents ? missingPositionsIn(this.db) : null;
  }

  /** See `positionsGivenIn`. */
  positionsGiven(): number | null {
    return positionsGivenIn(this.db);
  }

  /** Whether any row carries a seal (`anyRowSealed`); false for a file that keeps no seals yet. */
  anyRowSealed(): boolean {
    return this.hasEvents && hasColumn(this.db, 'events', 'row_seal') && anyRowSealed(this.db);
  }

  /** The newest `count` events' positions and types, newest first (named in refusals). */
  newestEvents(count: number): NamedEvent[] {
    if (!this.hasEvents) return [];
    return this.db
      .prepare<[number], { position: number; type: string }>('SELECT position, type FROM events ORDER BY position DESC LIMIT ?')
      .all(count)
      .map((row) => ({ position: BigInt(row.position), type: row.type }));
  }

  /** The ledger as kept in the file (checkpoints), read only. */
  ledger(): SqliteLedger {
    return new SqliteLedger(this.db);
  }

  close(): void {
    this.db.close();
  }
}

/** The size in bytes of the -wal file beside a SQLite store, 0 when there is none (or it is empty). */
export function walBytes(path: string): number {
  try {
    return statSync(`${path}-wal`).size;
  } catch {
    return 0;
  }
}

/**
 * What a refusal adds when a -wal file lies beside the store (breaker9c P1): it was left as it was,
 * and it may be the only place acknowledged events are — an operator who restored only the .db must
 * keep it and restore the .db and -wal taken together. A -wal damaged from a frame on (`walBreakOnDisk`) is said as
 * that, with the copy an accepting start keeps of it — null for it when the refusal said so already (`damageSaid`).
 * Null when there is no -wal (or it is empty).
 */
export function walBesideNote(path: string, options: { damageSaid?: boolean } = {}): Bilingual | null {
  const bytes = walBytes(path);
  if (bytes === 0) return null;
  // breaker52-9 S5: no .db (or an empty one) beside it — the store file deleted under its server: the events are in the -wal.
  if (dbMissingOrEmpty(path)) {
    const content = walOnlyContent(`${path}-wal`);
    if (content) return walWithoutDbNote(path, content);
    // newcomer53-9 S1 step 2: what store:from-wal can and cannot do with a -wal that is not a store alone, and what instead.
    const advice = walNotAloneAdvice(path, `${path}-wal`);
    return say(`A -wal file lies beside it (${path}-wal, ${bytes} bytes); this start left it as it was. ${advice.en}`, `其旁有 -wal 文件（${path}-wal，${bytes} 字节）；本次启动未改动它。${advice.zh}`);
  }
  // breaker45-9 S1: a -wal of the file's own that stops checksumming is not a newer file's: said as what it is.
  const damage = walBreakOnDisk(path);
  if (damage && options.damageSaid) return null;
  if (damage) {
    return say(
      `A -wal file lies beside it (${path}-wal, ${bytes} bytes), damaged from frame ${damage.brokenFrame} of its ${damage.frames} frames on (its checksums fail there): SQLite reads only the ${damage.readFrames} frames before; the ${damage.unreadFrames} frames from there on (${damage.unreadCommits} committed write(s)) are still in it, unread. This start left it and the .db as they were: do not delete it — keep a copy of the data folder (cp -a) and get help recovering those frames (README, Reliability, "When the server refuses to start", a damaged -wal). A start with --accept-store-reset first keeps a copy of it as ${path}${DAMAGED_WAL_COPY}<instant>.`,
      `其旁有 -wal 文件（${path}-wal，${bytes} 字节），从第 ${damage.brokenFrame} 帧起（共 ${damage.frames} 帧）已损坏（校验和不符）：SQLite 只读取此前的 ${damage.readFrames} 帧；此后的 ${damage.unreadFrames} 帧（${damage.unreadCommits} 次已提交的写入）仍在其中，只是读不出来。本次启动未改动它和 .db 文件：请勿删除它——请先复制保留数据文件夹（cp -a），再寻求帮助恢复这些帧（见 README「Reliability」中「When the server refuses to start」关于 -wal 损坏的一条）。以 --accept-store-reset 启动时，会先把它复制保留为 ${path}${DAMAGED_WAL_COPY}<时刻>。`,
    );
  }
  return say(
    `A -wal file lies beside it (${path}-wal, ${bytes} bytes); this start left it and the .db as they were. If only the .db was restored from a backup, that -wal belongs to the newer file it replaced and may hold acknowledged events: do not delete it — put back the .db the -wal was written with (the newest copy), or restore the .db and its -wal taken together.`,
    `其旁有 -wal 文件（${path}-wal，${bytes} 字节）；本次启动未改动它和 .db 文件。若只从备份恢复了 .db，该 -wal 属于被替换的较新文件，其中可能有已确认写入的事件：请勿删除它——请放回与该 -wal 同时写成的 .db（最新的副本），或把同一时间备份的 .db 与 -wal 一起恢复。`,
  );
}

/** Whether the store's .db file is missing or holds no byte (a `touch`ed placeholder). */
function dbMissingOrEmpty(path: string): boolean {
  try {
    return statSync(path).size === 0;
  } catch {
    return true;
  }
}

/** The largest .db file whose own rows are read apart from its -wal (`headOfDbAlone`): it is read into memory whole. */
const DB_ALONE_MAX_BYTES = 256 * 1024 * 1024;

/**
 * The newest position the SQLite file at `path` holds by itself, its -wal not read (null: no event there): the file read
 * into memory, marked as a rollback-journal database (header bytes 18–19) so SQLite opens it without looking for a -wal.
 * Undefined when it cannot be told: the file larger than DB_ALONE_MAX_BYTES, or unreadable.
 */
export function headOfDbAlone(path: string): number | null | undefined {
  try {
    if (statSync(path).size > DB_ALONE_MAX_BYTES) return undefined;
    // Read through a descriptor SQLite holds on it where a connection of this process has it open (s9: a plain read's own
    // descriptor, closed, dropped that connection's fcntl locks on the file).
    const bytes = readWholeHeldFile(path);
    if (bytes.length < 100) return undefined;
    bytes[18] = 1;
    bytes[19] = 1;
    const db = new Database(bytes, { readonly: true });
    try {
      return headOf(db)?.position ?? null;
    } finally {
      db.close();
    }
  } catch {
    return undefined;
  }
}

/**
 * breaker42-9 F6: the -wal beside a store refused `STORE_FROM_OTHER_COPY` — SQLite reads the rows of the -wal beside a
 * file as that file's, so the other copy's records may lie in it rather than in the .db (its -wal copied beside this
 * copy's own .db): said so, with what to do, instead of `walBesideNote`'s "keep the -wal with its .db". With the positions
 * of the other copy's records (`otherRows`), it says which file holds them (note44: the note said "may be" either way) —
 * the .db read alone (`headOfDbAlone`): only the -wal (move it aside), the .db itself (moving the -wal removes nothing:
 * put this copy's own .db back), or both. Null without a -wal.
 */
export function otherCopyWalNote(path: string, otherRows?: { readonly first: bigint; readonly last: bigint }): Bilingual | null {
  const bytes = walBytes(path);
  if (bytes === 0) return null;
  const dbHead = otherRows ? headOfDbAlone(path) : undefined;
  const wal = `${path}-wal`;
  const beside = say(`A -wal file lies beside it (${wal}, ${bytes} bytes), and SQLite reads its rows as the .db's.`, `其旁有 -wal 文件（${wal}，${bytes} 字节），SQLite 会把其中的记录当作该 .db 的记录读取。`);
  const moveAside = say(
    `move ${wal} and ${path}-shm aside together (e.g. to ${wal}.other-copy), keep them with the other copy's files, and start again.`,
    `请把 ${wal} 与 ${path}-shm 一起移开（例如改名为 ${wal}.other-copy），与另一副本的文件放在一起保存，然后重新启动。`,
  );
  if (!otherRows || dbHead === undefined) {
    return say(
      `${beside.en} The other copy's records may be in that -wal rather than in the .db (the other copy's -wal copied beside this copy's own .db). This start left both as they were. If the .db is this copy's own, ${moveAside.en}`,
      `${beside.zh}另一副本的记录可能在这个 -wal 中而不在 .db 中（另一副本的 -wal 被复制到了本副本自己的 .db 旁）。本次启动未改动它们。若该 .db 确是本副本自己的，${moveAside.zh}`,
    );
  }
  const span = (first: bigint, last: bigint) => (first === last ? `${first}` : `${first}–${last}`);
  const all = span(otherRows.first, otherRows.last);
  const ends = dbHead === null ? say('holds no event', '没有任何事件') : say(`ends at position ${dbHead}`, `只到位置 ${dbHead}`);
  if (dbHead === null || BigInt(dbHead) < otherRows.first) {
    return say(
      `${beside.en} The other copy's records (position${otherRows.first === otherRows.last ? '' : 's'} ${all}) are in that -wal, not in the .db: the .db read alone ${ends.en} — the other copy's -wal was copied beside this copy's own .db. This start left both as they were. If the .db is this copy's own, ${moveAside.en}`,
      `${beside.zh}另一副本的记录（位置 ${all}）在这个 -wal 中，不在 .db 中：单独读取 .db ${ends.zh}——另一副本的 -wal 被复制到了本副本自己的 .db 旁。本次启动未改动它们。若该 .db 确是本副本自己的，${moveAside.zh}`,
    );
  }
  const inDb = BigInt(dbHead) >= otherRows.last ? all : span(otherRows.first, BigInt(dbHead));
  const inWal = BigInt(dbHead) >= otherRows.last ? null : span(BigInt(dbHead) + 1n, otherRows.last);
  return say(
    `${beside.en} The other copy's records are in the .db itself (positions ${inDb}; the .db read alone ends at position ${dbHead})${inWal ? `, and in the -wal (positions ${inWal})` : ''}: moving the -wal aside does not remove them. This start left both as they were. Put this copy's own .db back (with its own -wal, or without one), and keep this .db and its -wal with the other copy's files.`,
    `${beside.zh}另一副本的记录就在 .db 文件本身中（位置 ${inDb}；单独读取 .db 到位置 ${dbHead}）${inWal ? `，-wal 中也有（位置 ${inWal}）` : ''}：移开 -wal 并不能去掉它们。本次启动未改动它们。请放回本副本自己的 .db（连同其自己的 -wal，或不带 -wal），并把这个 .db 及其 -wal 与另一副本的文件放在一起保存。`,
  );
}

/** The newest event's position in a SQLite file and the chain hash there (hex, null without one); null for an empty log; throws SQLite's error for a file it cannot read. */
function headOf(db: Database.Database): { position: number; chainHash: string | null } | null {
  if (!hasTable(db, 'events')) return null;
  const chained = hasColumn(db, 'events', 'chain_hash');
  const row = db
    .prepare<[], { position: number; chain_hash: Buffer | null }>(`SELECT position, ${chained ? 'chain_hash' : 'NULL AS chain_hash'} FROM events ORDER BY position DESC LIMIT 1`)
    .get();
  return row ? { position: row.position, chainHash: row.chain_hash?.toString('hex') ?? null } : null;
}

/** What a store a rescued copy is compared with says at a position: its event id and chain hash (null where it keeps none); null when it has no event there. */
type EventAt = (position: number) => { readonly eventId: string; readonly chainHash: string | null } | null;

/** The events of an open SQLite store file, read by position (see `EventAt`). */
function eventsOf(db: Database.Database): EventAt {
  if (!hasTable(db, 'events')) return () => null;
  const chained = hasColumn(db, 'events', 'chain_hash');
  const statement = db.prepare<[number], { event_id: string; chain_hash: Buffer | null }>(`SELECT event_id, ${chained ? 'chain_hash' : 'NULL AS chain_hash'} FROM events WHERE position = ?`);
  return (position) => {
    const row = statement.get(position);
    return row ? { eventId: row.event_id, chainHash: row.chain_hash?.toString('hex') ?? null } : null;
  };
}

/** Whether two stores hold the same event at a position: the same chain hash where both keep one (it covers every event before it), else the same event id. */
const sameEventAt = (a: EventAt, b: EventAt, position: number): boolean => {
  const first = a(position);
  const second = b(position);
  if (!first || !second) return false;
  return first.chainHash !== null && second.chainHash !== null ? first.chainHash === second.chainHash : first.eventId === second.eventId;
};

/**
 * The last position up to which two logs hold the same events (0 when they differ at the first),
 * at most `upTo`: a binary search (log2 of the length in row reads), as logs that part ways never
 * meet again — a chain hash covers every event before it.
 */
export function sharedUpTo(a: EventAt, b: EventAt, upTo: number): number {
  let low = 0;
  let high = upTo;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (sameEventAt(a, b, middle)) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** The rescued copy's name says when it was made: `<path>.rescued-2026-12-01T09-00-00-000Z.db` → that ISO-8601 instant; null when it cannot be read. */
function rescuedAt(name: string): string | null {
  const match = /\.rescued-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z\.db$/.exec(name);
  return match ? `${match[1]}T${match[2]}:${match[3]}:${match[4]}.${match[5]}Z` : null;
}

/** What the server last saw of the store, as its witness says (see StoreWitness): compared with a rescued copy when the store file is gone. */
export interface WitnessedForRescue {
  readonly head: string | null;
  readonly headHash?: string | null;
  readonly resetAcceptedAt?: string;
}

/** How many events a log holds after a position. */
const eventsAfter = (db: Database.Database, position: number): number =>
  hasTable(db, 'events') ? db.prepare<[number], { count: number }>('SELECT COUNT(*) AS count FROM events WHERE position > ?').get(position)!.count : 0;

const span = (first: number, last: number) => (first === last ? `${first}` : `${first}–${last}`);

/**
 * What a start refusal says of a copy a server left beside the file when the file went away under
 * it (`<path>.rescued-<instant>.db`, `SqliteEventStore.keepWhatIsHeld`): the newest one, and the log
 * position it reaches — often every acknowledged event the file lacks now (breaker9k P4: a start
 * after a -wal deleted under the server was refused as empty, offering a backup or a reset, both
 * losing what the copy held). The copy and the store are compared event by event (where their logs
 * part: chain hashes, else event ids):
 * - the store holds everything the copy holds: the copy is named as deletable, never to put in place
 *   (breaker9l P2: a stale copy was offered in every later refusal, and following the advice lost what
 *   the -wal held);
 * - the copy holds the store and more (or the store is gone or unreadable): it is offered, the -wal
 *   moved aside and kept, never deleted — saying, when the store is gone, what the server saw past the
 *   copy (`witnessed`: that much is in neither, look for a newer backup too);
 * - each holds events the other lacks — the store went on after the copy was made, typically after a
 *   reset was accepted and new records were entered (breaker9m P1: the copy was still offered, and
 *   putting it in place lost them): it is never offered in place of the store; the refusal says
 *   what each holds alone and how to read the copy's own events to enter them again.
 * Null when there is no copy (or it cannot be read).
 */
export function rescuedCopyNote(path: string, witnessed: WitnessedForRescue | null = null, fileIsOtherCopy = false): Bilingual | null {
  const prefix = `${basename(path)}.rescued-`;
  let names: string[];
  try {
    names = readdirSync(dirname(path)).filter((name) => name.startsWith(prefix) && name.endsWith('.db')).sort();
  } catch {
    return null;
  }
  const newest = names.at(-1);
  if (!newest) return null;
  const copy = join(dirname(path), newest);
  let copyDb: Database.Database;
  try {
    copyDb = new Database(copy, { readonly: true, fileMustExist: true });
  } catch {
    return null;
  }
  try {
    let copyHead: number | null;
    try {
      copyHead = headOf(copyDb)?.position ?? null;
    } catch {
      return null;
    }
    const copyEvents = eventsOf(copyDb);
    let storeDb: Database.Database | null = null;
    try {
      storeDb = new Database(path, { readonly: true, fileMustExist: true });
      storeDb.pragma('busy_timeout = 5000');
    } catch {
      storeDb = null;
    }
    try {
      let store: { head: number | null; shared: number; after: number } | null = null;
      if (storeDb) {
        try {
          const head = headOf(storeDb)?.position ?? null;
          const shared = sharedUpTo(copyEvents, eventsOf(storeDb), Math.min(head ?? 0, copyHead ?? 0));
          store = { head, shared, after: eventsAfter(storeDb, shared) };
        } catch {
          store = null;
        }
      }
      const copyAfter = eventsAfter(copyDb, store?.shared ?? 0);
      return noteOn({ path, copy, copyHead, copyAfter, madeAt: rescuedAt(newest), store, witnessed, copyEvents, fileIsOtherCopy });
    } finally {
      storeDb?.close();
    }
  } finally {
    copyDb.close();
  }
}

/** The note itself, from what was compared (see `rescuedCopyNote`). */
function noteOn(found: {
  path: string;
  copy: string;
  copyHead: number | null;
  /** How many events the copy holds after the positions both hold. */
  copyAfter: number;
  madeAt: string | null;
  store: { head: number | null; shared: number; after: number } | null;
  witnessed: WitnessedForRescue | null;
  copyEvents: EventAt;
  /**
   * breaker49-9 S4: the refusal found the store file to be another copy's (STORE_FROM_OTHER_COPY): what it wrote past the
   * positions both hold is that copy's, not this copy's going on — the copy this server kept is never the one not to use.
   */
  fileIsOtherCopy?: boolean;
}): Bilingual {
  const { path, copy, copyHead, store, witnessed } = found;
  const copyEnd = copyHead ?? 0;
  const storeEnd = store?.head ?? 0;
  if (store !== null && store.shared >= copyEnd && storeEnd >= copyEnd && store.head !== null && !found.fileIsOtherCopy) {
    // breaker49-9 M3: a copy that ends where the store ends holds the same events, not "the same and more".
    const same = storeEnd === copyEnd;
    return say(
      ` Beside it lies ${copy}, a copy a server kept when this file went away under it: it ends at position ${copyHead ?? 'none'}, and the store holds ${same ? 'the same events' : `the same events and more (up to position ${store.head})`} — nothing in it is missing from the store, so it can be deleted; do not put it in place of the store.`,
      `其旁的 ${copy} 是服务在该文件运行中被删除或替换时保存的副本：它止于位置 ${copyHead ?? '无'}，${same ? '与事件库所含事件相同' : `而事件库含有同样的事件且更多（至位置 ${store.head}）`}——副本中没有事件库所缺的内容，可以删除；请勿用它替换事件库。`,
    );
  }
  if (store !== null && store.head !== null && store.shared < storeEnd && !found.fileIsOtherCopy) {
    // Each holds events the other lacks: the store went on after the copy was made (breaker9m P1).
    const made = found.madeAt ? say(` (made ${found.madeAt})`, `（保存于 ${officeInstantText(found.madeAt)}）`) : say('', '');
    const reset =
      witnessed?.resetAcceptedAt && (!found.madeAt || witnessed.resetAcceptedAt > found.madeAt)
        ? say(`, after the store was accepted as it was at ${witnessed.resetAcceptedAt} (ACCEPT_STORE_RESET)`, `，是在 ${officeInstantText(witnessed.resetAcceptedAt)} 按 ACCEPT_STORE_RESET 接受事件库现状之后写入的`)
        : say('', '');
    const copyOnly = found.copyAfter > 0 ? span(store.shared + 1, copyEnd) : null;
    const drill = join(dirname(path), 'rescued-drill', basename(path));
    return say(
      ` Beside it lies ${copy}${made.en}, a copy a server kept when this file went away under it, but the store has gone on since: both hold the same events up to position ${store.shared}, then the store holds ${store.after} event(s) after position ${store.shared} (up to position ${storeEnd}) that the copy lacks${reset.en}${copyOnly ? `, and the copy ${found.copyAfter} (position ${copyOnly}) that the store lacks` : ''}. Do not put the copy in place of the store: that would lose what the store holds since. Keep it${copyOnly ? `; to read what only it holds, start a server on a copy of it in a folder of its own (mkdir -p ${dirname(drill)} && cp ${copy} ${drill} && SQLITE_PATH=${drill} PORT=3001 npm start -- --accept-store-reset) and enter those records again in the store` : ''}.`,
      `其旁的 ${copy}${made.zh}是该文件在运行中被删除或替换时服务保存的副本，但此后事件库已继续写入：两者至位置 ${store.shared} 的事件相同，之后事件库有 ${store.after} 条副本所没有的事件（至位置 ${storeEnd}${reset.zh}）${copyOnly ? `，副本也有 ${found.copyAfter} 条事件库所没有的事件（位置 ${copyOnly}）` : ''}。请勿用副本替换事件库：那会丢失事件库此后写入的内容。请保留副本${copyOnly ? `；如要查看只有副本才有的内容，请把它复制到单独的文件夹并在其上启动一台服务（mkdir -p ${dirname(drill)} && cp ${copy} ${drill} && SQLITE_PATH=${drill} PORT=3001 npm start -- --accept-store-reset），再把那些记录补录到事件库中` : ''}。`,
    );
  }
  // The copy holds the store and more, or the store is gone or cannot be read: the copy is offered.
  const witnessedHead = witnessed?.head != null ? Number(witnessed.head) : null;
  const lacksWitnessed =
    store === null && witnessedHead !== null && (witnessedHead > copyEnd || (witnessed?.headHash != null && found.copyEvents(witnessedHead)?.chainHash !== witnessed.headHash));
  const beyond = lacksWitnessed
    ? say(
        ` It does not hold all the server last saw (its log reached position ${witnessedHead}${witnessed?.resetAcceptedAt ? `; a reset was accepted at ${witnessed.resetAcceptedAt}` : ''}): what was written after the copy is in neither — look for a newer backup first.`,
        `它并不包含服务上次看到的全部内容（日志曾到位置 ${witnessedHead}${witnessed?.resetAcceptedAt ? `；曾于 ${officeInstantText(witnessed.resetAcceptedAt)} 接受事件库现状` : ''}）：副本之后写入的内容两者都没有——请先找更新的备份。`,
      )
    : say('', '');
  const otherFile = found.fileIsOtherCopy
    ? say(
        ` The file at ${path} is another copy's, as said above, and the copy is this copy's own: move ${path} aside first (keep it: it is that other copy's).`,
        `${path} 处的文件如上所述是另一个副本的，而该副本是本副本自己的记录：请先把 ${path} 移到别处保存（它属于那个副本，请保留）。`,
      )
    : say('', '');
  return say(
    ` Beside it lies ${copy}: what a server still held when this file went away under it (events up to position ${copyHead ?? 'none'}${store?.head != null ? `; the store ends at ${store.head}` : ''}).${otherFile.en} To take it, stop every server on the file, move ${path}-wal and ${path}-shm aside if there are any (keep them: they may hold what neither file has), rename the copy to ${path} and start again — before restoring a backup or accepting a reset, which would lose what the copy holds.${beyond.en}`,
    `其旁有 ${copy}：是该文件在运行中被删除或替换时服务所保存的内容（事件至位置 ${copyHead ?? '无'}${store?.head != null ? `；事件库止于位置 ${store.head}` : ''}）。${otherFile.zh}如要采用，请停止使用该文件的所有服务，把 ${path}-wal 和 ${path}-shm（如有）移到别处保存（请勿删除：其中可能有两个文件都没有的内容），把副本改名为 ${path} 后再启动——请先于从备份恢复或接受重置考虑它，那两种做法都会丢失副本中的内容。${beyond.zh}`,
  );
}
