import Database from 'better-sqlite3';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readSync, rmSync, statSync, truncateSync } from 'node:fs';
import { copyHeldFile } from './held-file-read.js';
import { join } from 'node:path';
import type { LogAnchor } from './sqlite-append-writer.js';

/** The write-ahead log's header and frame header sizes (https://www.sqlite.org/fileformat.html#the_write_ahead_log). */
const WAL_HEADER = 32;
const FRAME_HEADER = 24;
/** At most this many commits back from the -wal's end are tried (each try copies the main file once). */
const MOST_TRIES = 40;

/**
 * The byte lengths at which the -wal ends just after a commit frame, newest first (each a state of the
 * database SQLite can read: the main file with the frames up to there), then 0 (the main file alone).
 * Frames of another -wal generation (other salts) end the list, as they end SQLite's own reading.
 */
export function commitEnds(wal: string): number[] {
  const fd = openSync(wal, 'r');
  try {
    const size = statSync(wal).size;
    const header = Buffer.alloc(WAL_HEADER);
    if (size < WAL_HEADER || readSync(fd, header, 0, WAL_HEADER, 0) < WAL_HEADER) return [0];
    const magic = header.readUInt32BE(0);
    if (magic !== 0x377f0682 && magic !== 0x377f0683) return [0];
    const pageSize = header.readUInt32BE(8);
    const salts = header.subarray(16, 24);
    const frame = Buffer.alloc(FRAME_HEADER);
    const ends: number[] = [];
    for (let offset = WAL_HEADER; offset + FRAME_HEADER + pageSize <= size; offset += FRAME_HEADER + pageSize) {
      readSync(fd, frame, 0, FRAME_HEADER, offset);
      if (!frame.subarray(8, 16).equals(salts)) break;
      if (frame.readUInt32BE(4) !== 0) ends.push(offset + FRAME_HEADER + pageSize);
    }
    return [...ends.reverse(), 0];
  } finally {
    closeSync(fd);
  }
}

/** What `rebuildAcknowledged` found: the folder holding the store as this server acknowledged it, or why none could be rebuilt. */
export type AcknowledgedState =
  | { readonly rebuilt: Database.Database; readonly folder: string; readonly walBytes: number }
  | { readonly rebuilt: null; readonly why: string };

/**
 * The store as this server last acknowledged it, rebuilt from its own files after its log was rewritten
 * through SQLite under it (breaker9x P3: `sqlite3 rectify.db ".restore other.db"` writes the other file's
 * pages as new frames of the live -wal; the frames this server committed are still in it, before them).
 * The main file and the -wal are copied into `folder` at once, before anything else touches them (also
 * kept there as found: `<folder>/as-found.db` and `-wal`), then the -wal is cut after each commit frame in
 * turn, newest first, until the store it gives holds, at `anchor.position`, the event this server
 * acknowledged (its chain hash) — that state is the connection returned (the caller copies from it and
 * closes it). Nothing is written at `path`. `rebuilt: null` when no state of the -wal holds it (the -wal
 * was started over, or the other program's checkpoint wrote its pages into the main file).
 */
export function rebuildAcknowledged(path: string, wal: string, folder: string, anchor: LogAnchor): AcknowledgedState {
  mkdirSync(folder, { recursive: true });
  const foundDb = join(folder, 'as-found.db');
  const foundWal = join(folder, 'as-found.db-wal');
  // The live store's main file, through the descriptor SQLite holds on it (a copy's own descriptor, closed, drops its locks; s9).
  copyHeldFile(path, foundDb);
  const hasWal = existsSync(wal);
  if (hasWal) copyFileSync(wal, foundWal);
  const ends = hasWal ? commitEnds(foundWal) : [0];
  const tryDb = join(folder, 'acknowledged.db');
  let tried = 0;
  for (const end of ends) {
    if (tried++ >= MOST_TRIES) break;
    for (const file of [tryDb, `${tryDb}-wal`, `${tryDb}-shm`]) rmSync(file, { force: true });
    copyFileSync(foundDb, tryDb);
    if (end > 0) {
      copyFileSync(foundWal, `${tryDb}-wal`);
      truncateSync(`${tryDb}-wal`, end);
    }
    let db: Database.Database | null = null;
    try {
      db = new Database(tryDb, { fileMustExist: true });
      const found = db.prepare<[number], { chain_hash: Buffer | null }>('SELECT chain_hash FROM events WHERE position = ?').get(anchor.position)?.chain_hash?.toString('hex') ?? null;
      if (found === anchor.chainHash) return { rebuilt: db, folder, walBytes: end };
    } catch {
      // Not a readable state: the next one back is tried.
    }
    db?.close();
  }
  for (const file of [tryDb, `${tryDb}-wal`, `${tryDb}-shm`]) rmSync(file, { force: true });
  return {
    rebuilt: null,
    why: `none of the ${Math.min(tried, ends.length)} states the -wal holds (the newest first) has the event this server acknowledged at position ${anchor.position}: the -wal was started over or its frames were written into the main file by the other program`,
  };
}
