import Database from 'better-sqlite3';
import { readSync, statSync } from 'node:fs';
import { readHeldFile } from './held-file-read.js';
import { WalMarksMemo, walMarkMismatchOnDisk, type WalMarkMismatch } from './wal-file-mark.js';

/*
 * breaker9s P5: a store file written over in place while the server runs (`cp training.db rectify.db`:
 * the same inode, so the device/inode check never sees it), larger or smaller, of the same store or of
 * another. The server's own connection cannot tell: it reads through its page cache and its -wal,
 * which still describe the file it opened; a second connection (read-only or not) opens the same -wal
 * and -shm index and reads the same mix of this server's frames over the other file's pages; and a
 * connection reading the main file alone (`file:…?immutable=1`) cannot be opened in the build we use
 * (better-sqlite3 12: SQLITE_CANTOPEN for every `file:` name, in ATTACH too). So the main file is read
 * here byte by byte — the SQLite file format
 * (https://www.sqlite.org/fileformat2.html): the header, the schema table, the `store_identity` row
 * and the `events` table's last row — and judged against what the server's connection holds.
 */

/** What the main database file itself holds (never its -wal): read without SQLite (`readMainFile`). */
export interface MainFileSight {
  /** The file's size in bytes. */
  readonly bytes: number;
  /** Whether its header says WAL (file format versions 2 and 2, bytes 18–19), as every Rectify store's does. */
  readonly wal: boolean;
  /** `store_identity.store_id`; null while no checkpoint has brought the row into the file. */
  readonly storeId: string | null;
  /** The `events` table's largest position (rowid) in the file; null when none is there yet. */
  readonly head: number | null;
  /** The event id at `head`; null with it. */
  readonly headEventId: string | null;
}

/**
 * The file is no SQLite database Rectify could have written (cut short, another kind of file): `reason` in English.
 * `header`: what its header says when the header itself was sound and only its pages could not be read (a
 * b-tree pointing past the file's end, a page of another kind) — which a checkpoint cut short also leaves
 * (see `MainFileWatch`); null when the header is not an SQLite store's.
 */
export class UnreadableMainFile extends Error {
  constructor(
    readonly reason: string,
    readonly header: { readonly bytes: number; readonly wal: boolean } | null = null,
  ) {
    super(reason);
    this.name = 'UnreadableMainFile';
  }
}

const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
/** More pages than this visited for one read is a loop in a damaged file, never a Rectify store's schema or identity. */
const MAX_PAGES_VISITED = 10_000;

type Value = null | number | string | Buffer;

/** A SQLite varint at `offset`: its value and length (1–9 bytes). */
function varint(buffer: Buffer, offset: number): { value: number; length: number } {
  let value = 0;
  for (let index = 0; index < 8; index += 1) {
    const byte = buffer[offset + index];
    if (byte === undefined) throw new UnreadableMainFile('a varint runs past its page');
    value = value * 128 + (byte & 0x7f);
    if (byte < 0x80) return { value, length: index + 1 };
  }
  const last = buffer[offset + 8];
  if (last === undefined) throw new UnreadableMainFile('a varint runs past its page');
  return { value: value * 256 + last, length: 9 };
}

/** The columns of a record (https://www.sqlite.org/fileformat2.html#record_format); floats read as numbers. */
function recordValues(payload: Buffer): Value[] {
  const header = varint(payload, 0);
  const types: number[] = [];
  for (let offset = header.length; offset < header.value; ) {
    const type = varint(payload, offset);
    types.push(type.value);
    offset += type.length;
  }
  let offset = header.value;
  return types.map((type) => {
    const width = [0, 1, 2, 3, 4, 6, 8, 8, 0, 0][type] ?? (type >= 12 ? Math.floor((type - 12) / 2) : 0);
    if (offset + width > payload.length) throw new UnreadableMainFile('a record runs past its payload');
    const at = offset;
    offset += width;
    if (type === 0) return null;
    if (type === 8) return 0;
    if (type === 9) return 1;
    if (type === 7) return payload.readDoubleBE(at);
    if (type <= 6) return Number(BigInt.asIntN(width * 8, BigInt(`0x${payload.subarray(at, at + width).toString('hex') || '0'}`)));
    if (type >= 13 && type % 2 === 1) return payload.toString('utf8', at, at + width);
    if (type >= 12) return payload.subarray(at, at + width);
    throw new UnreadableMainFile(`a record has serial type ${type}`);
  });
}

/** Reads one database file's pages, bounded: a damaged file cannot make it loop. */
class PageReader {
  private visited = 0;
  readonly pageSize: number;
  readonly usable: number;

  constructor(
    private readonly fd: number,
    readonly bytes: number,
    header: Buffer,
  ) {
    const size = header.readUInt16BE(16);
    this.pageSize = size === 1 ? 65_536 : size;
    if (this.pageSize < 512 || (this.pageSize & (this.pageSize - 1)) !== 0) throw new UnreadableMainFile(`its header gives the page size ${size}`);
    this.usable = this.pageSize - header[20]!;
  }

  page(number: number): Buffer {
    if ((this.visited += 1) > MAX_PAGES_VISITED) throw new UnreadableMainFile('its b-tree loops');
    if (!Number.isInteger(number) || number < 1 || number * this.pageSize > this.bytes) throw new UnreadableMainFile(`a b-tree points at page ${number}, past the file's end`);
    const page = Buffer.alloc(this.pageSize);
    if (readSync(this.fd, page, 0, this.pageSize, (number - 1) * this.pageSize) !== this.pageSize) throw new UnreadableMainFile(`page ${number} could not be read whole`);
    return page;
  }

  /** A table leaf cell's rowid and whole payload (overflow pages followed). */
  leafCell(page: Buffer, offset: number): { rowid: number; payload: Buffer } {
    const size = varint(page, offset);
    const rowid = varint(page, offset + size.length);
    const start = offset + size.length + rowid.length;
    const maxLocal = this.usable - 35;
    const minLocal = Math.floor(((this.usable - 12) * 32) / 255) - 23;
    let local = size.value;
    if (size.value > maxLocal) {
      const surplus = minLocal + ((size.value - minLocal) % (this.usable - 4));
      local = surplus <= maxLocal ? surplus : minLocal;
    }
    const parts = [page.subarray(start, start + local)];
    let gathered = local;
    let next = local < size.value ? page.readUInt32BE(start + local) : 0;
    while (gathered < size.value) {
      const overflow = this.page(next);
      const take = Math.min(this.usable - 4, size.value - gathered);
      parts.push(overflow.subarray(4, 4 + take));
      gathered += take;
      next = overflow.readUInt32BE(0);
    }
    return { rowid: rowid.value, payload: Buffer.concat(parts) };
  }

  /** The cells of a table b-tree page: its kind, cell offsets and (interior) rightmost child. */
  private cells(number: number): { page: Buffer; leaf: boolean; offsets: number[]; right: number } {
    const page = this.page(number);
    const at = number === 1 ? 100 : 0;
    const kind = page[at];
    if (kind !== 0x0d && kind !== 0x05) throw new UnreadableMainFile(`page ${number} is no table b-tree page (kind ${kind})`);
    const leaf = kind === 0x0d;
    const count = page.readUInt16BE(at + 3);
    const pointers = at + (leaf ? 8 : 12);
    const offsets = Array.from({ length: count }, (_, index) => page.readUInt16BE(pointers + 2 * index));
    return { page, leaf, offsets, right: leaf ? 0 : page.readUInt32BE(at + 8) };
  }

  /** Every row of a table, in rowid order. */
  *rows(root: number): Generator<{ rowid: number; values: Value[] }> {
    const { page, leaf, offsets, right } = this.cells(root);
    if (leaf) {
      for (const offset of offsets) {
        const cell = this.leafCell(page, offset);
        yield { rowid: cell.rowid, values: recordValues(cell.payload) };
      }
      return;
    }
    for (const offset of offsets) yield* this.rows(page.readUInt32BE(offset));
    yield* this.rows(right);
  }

  /** A table's row of the largest rowid (the rightmost leaf's last cell); null for an empty table. */
  lastRow(root: number): { rowid: number; values: Value[] } | null {
    let number = root;
    for (;;) {
      const { page, leaf, offsets, right } = this.cells(number);
      if (!leaf) {
        number = right;
        continue;
      }
      const last = offsets.at(-1);
      if (last === undefined) return null;
      const cell = this.leafCell(page, last);
      return { rowid: cell.rowid, values: recordValues(cell.payload) };
    }
  }
}

/**
 * What the main file at `path` holds (see MainFileSight), read with positioned file reads through a
 * descriptor this process never closes while SQLite may hold the file (`readHeldFile`) — its -wal and
 * -shm are not looked at, and nothing is written. A handful of pages: the schema table's, the
 * identity row's, the path from the events table's root to its last leaf.
 * @throws UnreadableMainFile when the file is no SQLite database (cut short, another kind of file,
 * damaged); the file system's error when it cannot be opened.
 */
export function readMainFile(path: string): MainFileSight {
  // Never a descriptor of our own opened and closed: its close would drop SQLite's locks on the file (breaker9u P1).
  return readHeldFile(path, (fd, bytes) => {
    const header = Buffer.alloc(100);
    if (readSync(fd, header, 0, 100, 0) < 100) throw new UnreadableMainFile(`it holds ${bytes} bytes, less than an SQLite header`);
    if (!header.subarray(0, 16).equals(MAGIC)) throw new UnreadableMainFile('it does not begin with the SQLite header');
    const pages = new PageReader(fd, bytes, header);
    const wal = header[18] === 2 && header[19] === 2;
    try {
      const roots = new Map<string, number>();
      for (const { values } of pages.rows(1)) {
        const [type, name, , root] = values;
        if (type === 'table' && typeof name === 'string' && typeof root === 'number') roots.set(name, root);
      }
      const identityRoot = roots.get('store_identity');
      const eventsRoot = roots.get('events');
      let storeId: string | null = null;
      if (identityRoot !== undefined) {
        for (const { values } of pages.rows(identityRoot)) if (typeof values[1] === 'string') storeId = values[1];
      }
      const last = eventsRoot === undefined ? null : pages.lastRow(eventsRoot);
      return { bytes, wal, storeId, head: last?.rowid ?? null, headEventId: last && typeof last.values[1] === 'string' ? last.values[1] : null };
    } catch (error) {
      throw error instanceof UnreadableMainFile ? new UnreadableMainFile(error.reason, { bytes, wal }) : error;
    }
  });
}

/** How the main file was found written over: `how` for the cause's words, `detail` in English for the log and the ADMIN. */
export interface Overwrite {
  readonly how: 'unreadable' | 'larger' | 'other-store' | 'other-history';
  readonly detail: string;
}

/** What the server's own connection holds, as the judgement asks it (in the write transaction, or a read of its own). */
export interface HeldStore {
  /** Whether the connection reads the file in WAL mode (every connection of a server does; a tool's on a backup may not). */
  readonly wal: boolean;
  /** The store id the server opened, once known; null for a store not yet given one. */
  readonly storeId: string | null;
  /** The size in bytes of the database the connection reads (page count × page size: its file and -wal together). */
  readonly databaseBytes: number;
  /** The log's largest position as the connection reads it; null for an empty log. */
  readonly head: number | null;
  /** The event id at a position as the connection reads it. */
  eventIdAt(position: number): string | null;
}

/**
 * Whether the main file, as `sight` found it, can be the file this server's connection holds after
 * checkpoints alone — SQLite's only way to write it. A checkpoint copies committed pages of the -wal
 * into it, so the file never holds more than the database the connection reads (Rectify runs no
 * VACUUM: the database never shrinks), never another store's id, never a row the log does not hold at
 * that position, and never goes back from what was seen in it before (`before`). Null when it can be.
 * A file smaller than before is the device/inode check's (`SqliteEventStore.shrunk`); here it is
 * judged by its rows.
 */
export function overwriteOf(sight: MainFileSight | UnreadableMainFile, held: HeldStore, before: MainFileSight | null): Overwrite | null {
  if (sight instanceof UnreadableMainFile) return { how: 'unreadable', detail: `the file is no SQLite database any more: ${sight.reason}` };
  if (sight.bytes > held.databaseBytes) {
    return { how: 'larger', detail: `the file holds ${sight.bytes} bytes, more than the ${held.databaseBytes} bytes of the database this server holds` };
  }
  // Every write the server's connections make keeps the file in WAL mode; a self-contained copy (a `.backup`, VACUUM INTO) is not.
  if (held.wal && !sight.wal) return { how: 'other-history', detail: 'the file is not in WAL mode: a self-contained copy (a backup) was put in its place' };
  if (sight.storeId !== null && held.storeId !== null && sight.storeId !== held.storeId) {
    return { how: 'other-store', detail: `the file is the store ${sight.storeId}, not ${held.storeId} that this server opened` };
  }
  if (sight.storeId === null && before?.storeId) return { how: 'other-store', detail: 'the file holds no store identity any more' };
  if (sight.head === null) {
    return before?.head ? { how: 'other-history', detail: `the file holds no event any more (it held position ${before.head})` } : null;
  }
  if (before?.head && sight.head < before.head) return { how: 'other-history', detail: `the file's log ends at position ${sight.head}, before position ${before.head} it held` };
  if (held.head === null || sight.head > held.head) return { how: 'other-history', detail: `the file's log reaches position ${sight.head}, past the log's end at ${held.head ?? 'none'} that this server holds` };
  if (before?.head === sight.head && before.headEventId !== sight.headEventId) {
    return { how: 'other-history', detail: `the file holds event ${sight.headEventId} at position ${sight.head}, where it held ${before.headEventId}` };
  }
  const ours = held.eventIdAt(sight.head);
  if (ours !== sight.headEventId) return { how: 'other-history', detail: `the file holds event ${sight.headEventId} at position ${sight.head}, where this server's log holds ${ours}` };
  return null;
}

/** Waits on this thread (a file read met a checkpoint in the middle of writing: the next read finds it done). */
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** What SQLite reads of the store — the main file with its -wal — as `readThroughSqlite` gives it. */
export interface SqliteSight {
  readonly storeId: string | null;
  readonly head: number | null;
  readonly headEventId: string | null;
}

/** How long a look through SQLite waits for another process's lock before it is put off to the next check (ms). */
const LOOK_BUSY_MS = 200;

/**
 * The store id and the log's last row as SQLite reads them from the file at `path` and its -wal, on a
 * read-only connection of its own, opened and closed here: no cache of the server's, so the file's own
 * pages are read wherever the -wal holds no newer frame of them (SQLite's read path). Read-only, so its
 * close never checkpoints nor deletes the -wal; in this process, so SQLite itself keeps the file's
 * descriptor open while another connection holds a lock on it (no lock dropped, breaker9u P1).
 * @returns null when another process holds a lock too long (judged at a later look).
 * @throws SQLite's error when it cannot read the store (SQLITE_CORRUPT, SQLITE_NOTADB …).
 */
export function readThroughSqlite(path: string): SqliteSight | null {
  let db: Database.Database | null = null;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma(`busy_timeout = ${LOOK_BUSY_MS}`);
    const identity = db.prepare<[], { store_id: string }>('SELECT store_id FROM store_identity').get();
    const last = db.prepare<[], { position: number; event_id: string }>('SELECT position, event_id FROM events ORDER BY position DESC LIMIT 1').get();
    return { storeId: identity?.store_id ?? null, head: last?.position ?? null, headEventId: last?.event_id ?? null };
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return null;
    throw error;
  } finally {
    db?.close();
  }
}

/** How a look at the file came out: an overwrite found; nothing found (`seen`: what to compare the next look with); or put off. */
type Judged = { readonly overwrite: Overwrite } | { readonly seen: MainFileSight | null } | { readonly later: true };

/**
 * Watches one store file for writes that are not SQLite's (see `overwriteOf`), for one connection:
 * `check` stats the file (one `stat`) and reads it again only when its size or times changed since
 * the last read — a checkpoint, any process's, or a write over it. A file found overwritten stays so.
 *
 * breaker9u P3: a checkpoint cut short — the disk full when the server stopped, an I/O error, a kill in
 * the middle — leaves the main file with some pages of the -wal copied into it and others not: a b-tree
 * page of the new version pointing at a page past the file's end, or at the old version of a page.
 * SQLite reads such a store soundly (the -wal holds every page the file lacks, and the next checkpoint
 * completes it), but the file read alone looked "written over". So the file read alone decides only
 * what no checkpoint can leave — no SQLite header, a file larger than the database the server holds,
 * a header not in WAL mode (a backup put in place), a file shorter than this watch saw it (cut) — and what its pages say (the store id, the log's
 * last row, or pages that cannot be read) counts only when SQLite's own read of the store with its
 * -wal (`readThroughSqlite`) says the same: pages the -wal holds newer frames of are judged as SQLite
 * reads them. An overwrite whose differing pages all have newer frames in the -wal is not named — SQLite
 * reads this server's pages for them, and the next checkpoint writes those pages over the copy's.
 */
export class MainFileWatch {
  private seen: { readonly stamp: string; readonly sight: MainFileSight } | null = null;
  private found: Overwrite | null = null;
  /** The -wal's write marks walked so far (`WalMarksMemo`): each check reads only the frames committed since. */
  private readonly walMarks = new WalMarksMemo();

  constructor(
    readonly path: string,
    private readonly held: () => HeldStore,
  ) {}

  /** The overwrite found, now or before; null while the file can be the one the connection holds. */
  check(): Overwrite | null {
    if (this.found) return this.found;
    const stamp = stampOf(this.path);
    // A missing file is the device/inode check's to name.
    if (stamp === null || stamp === this.seen?.stamp) return null;
    // A checkpoint of another connection may be writing the file while it is read: a file that looks
    // overwritten is read again, and only what two reads of an unchanged file agree on counts.
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const judged = this.judge(sightOf(this.path));
      if ('later' in judged) return null;
      if ('seen' in judged) {
        if (judged.seen) this.seen = { stamp, sight: judged.seen };
        return null;
      }
      if (attempt >= 2 && stampOf(this.path) === stamp) {
        this.found = judged.overwrite;
        return judged.overwrite;
      }
      pause(20);
    }
    // A file that keeps changing under every read is judged at the next check.
    return null;
  }

  private judge(sight: MainFileSight | UnreadableMainFile): Judged {
    const before = this.seen?.sight ?? null;
    let overwrite: Overwrite | null;
    let wal: boolean;
    try {
      const held = this.held();
      wal = held.wal;
      overwrite = overwriteOf(sight, held, before);
    } catch (error) {
      return { overwrite: connectionCannotRead(error) };
    }
    // breaker51-9 S1: the file's write mark is one this connection's -wal fits, or the file is not the one it was written over —
    // whatever its rows say: a copy of this store written to elsewhere (a restore drill's) holds rows at positions this
    // server's -wal also holds, which SQLite reads from the -wal until a checkpoint mixes the two files' pages.
    const marks = wal && !(sight instanceof UnreadableMainFile) ? walMarkMismatchOnDisk(this.path, this.walMarks) : null;
    if (marks) return { overwrite: markOverwrite(marks, overwrite) };
    if (!overwrite) return { seen: sight instanceof UnreadableMainFile ? null : sight };
    const header = sight instanceof UnreadableMainFile ? sight.header : { bytes: sight.bytes, wal: sight.wal };
    // What no checkpoint leaves: no SQLite header, more bytes than the database, a header not in WAL mode,
    // a file shorter than it was (SQLite never shortens a store's file: no VACUUM; breaker9u P2's truncation).
    if (header === null || overwrite.how === 'larger' || (wal && !header.wal)) return { overwrite };
    if (before && header.bytes < before.bytes) {
      return { overwrite: { how: overwrite.how, detail: `${overwrite.detail} (the file holds ${header.bytes} bytes, fewer than the ${before.bytes} it held: no checkpoint shortens it)` } };
    }
    let confirmed: Overwrite | null;
    let throughSqlite: MainFileSight;
    try {
      const read = readThroughSqlite(this.path);
      if (read === null) return { later: true };
      throughSqlite = { ...header, ...read };
      // The connection asked after SQLite's read: another process's append in between is in what it holds too.
      confirmed = overwriteOf(throughSqlite, this.held(), before);
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      return { overwrite: { how: overwrite.how, detail: `${overwrite.detail}; SQLite cannot read the store with its -wal either (${typeof code === 'string' ? code : error instanceof Error ? error.message : String(error)})` } };
    }
    // SQLite reads the store soundly with its -wal: a checkpoint cut short, which the next one completes.
    return confirmed ? { overwrite: confirmed } : { seen: throughSqlite };
  }

  /** The file as the watch first reads it, before anything is judged: what later reads are compared with. */
  start(): void {
    const stamp = stampOf(this.path);
    const sight = stamp === null ? null : sightOf(this.path);
    if (stamp !== null && sight && !(sight instanceof UnreadableMainFile)) this.seen = { stamp, sight };
  }
}

/** The file's write mark fits none of this server's -wal (see wal-file-mark.ts): another copy put in place; `rows`: what its rows showed too. */
const markOverwrite = (marks: WalMarkMismatch, rows: Overwrite | null): Overwrite => {
  const mark =
    `the file carries the write mark ${marks.fileMark} with tag ${marks.fileTag} (SQLite's user_version counts the writes, application_id a tag drawn anew at every write), which is none of the marks this server's -wal was written with ` +
    `(up to ${marks.walLastMark}) nor that of the file it was written over (${marks.walFirstPrevious}, tag ${marks.walFirstPreviousTag}): another copy of the store, written to elsewhere (a restore drill's or a training copy's file?), was put in its place`;
  return { how: rows?.how ?? 'other-history', detail: rows ? `${rows.detail}; ${mark}` : mark };
};

/** The connection's own read of the log failing (SQLITE_CORRUPT: its -wal over pages of another file) says the file was written over. */
const connectionCannotRead = (error: unknown): Overwrite => {
  const code = (error as { code?: unknown } | null)?.code;
  return { how: 'other-history', detail: `this server's connection cannot read its log over the file (${typeof code === 'string' ? code : error instanceof Error ? error.message : String(error)})` };
};

const stampOf = (path: string): string | null => {
  try {
    const stat = statSync(path, { bigint: true });
    return `${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
  } catch {
    return null;
  }
};

const sightOf = (path: string): MainFileSight | UnreadableMainFile => {
  try {
    return readMainFile(path);
  } catch (error) {
    if (error instanceof UnreadableMainFile) return error;
    return new UnreadableMainFile(error instanceof Error ? error.message : String(error));
  }
};
