import Database from 'better-sqlite3';
import { closeSync, copyFileSync, existsSync, mkdtempSync, openSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { say, type Bilingual } from '../shared/domain-error.js';

/*
 * breaker52-9 S5: the store file deleted under a running server, which could not copy what it held (its disk full) and was then
 * stopped: every event was still in the -wal beside the missing .db, but nothing led back to them — and the obvious look
 * (`touch rectify.db; sqlite3 rectify.db …`) made SQLite delete the -wal (a 0-byte file is not in WAL mode). A -wal holds whole
 * pages, page 1 (the database header and the schema's root) among them: its first page-1 frame written as a new .db, with a copy
 * of the -wal beside it, is a database SQLite reads through that -wal — every page the -wal touched, from its own frames.
 */

/** The two magic numbers an SQLite -wal header starts with (big-endian checksums or little-endian). */
const WAL_MAGIC = [0x377f0682, 0x377f0683];
const WAL_HEADER_BYTES = 32;
const FRAME_HEADER_BYTES = 24;

/** What a -wal with no .db beside it holds (`walOnlyContent`): the events its pages make, from `first` to `last` (`count` rows). */
export interface WalOnlyContent {
  readonly first: number | null;
  readonly last: number | null;
  readonly count: number;
  /** Whether the events run 1…last without a gap: when not, pages of the deleted .db the -wal never rewrote are missing. */
  readonly whole: boolean;
}

/**
 * The first page-1 image in the -wal at `wal` (the frame's page, `pageSize` bytes) whose salts are the header's: null when the
 * file is no -wal, or holds no frame of page 1. Reads the file frame by frame; never writes.
 */
export function firstPageOneFrame(wal: string): Buffer | null {
  let fd: number;
  try {
    fd = openSync(wal, 'r');
  } catch {
    return null;
  }
  try {
    const size = statSync(wal).size;
    const header = Buffer.alloc(WAL_HEADER_BYTES);
    if (readSync(fd, header, 0, WAL_HEADER_BYTES, 0) < WAL_HEADER_BYTES || !WAL_MAGIC.includes(header.readUInt32BE(0))) return null;
    const pageSize = header.readUInt32BE(8) === 1 ? 65536 : header.readUInt32BE(8);
    if (pageSize < 512 || pageSize > 65536) return null;
    const salts = header.subarray(16, 24);
    const frame = Buffer.alloc(FRAME_HEADER_BYTES + pageSize);
    for (let at = WAL_HEADER_BYTES; at + frame.length <= size; at += frame.length) {
      if (readSync(fd, frame, 0, frame.length, at) < frame.length) return null;
      if (!frame.subarray(8, 16).equals(salts)) return null;
      if (frame.readUInt32BE(0) === 1) return Buffer.from(frame.subarray(FRAME_HEADER_BYTES));
    }
    return null;
  } finally {
    closeSync(fd);
  }
}

/**
 * Rebuilds a store from the -wal at `wal` alone into a new file at `target` (which must not exist): page 1 from the -wal's
 * first page-1 frame, read through a copy of the -wal in a folder of its own, then copied whole to `target` (one file, no -wal)
 * and checked with PRAGMA quick_check. The -wal at `wal` is only read. Returns what the new file holds; throws (saying why)
 * when the -wal holds no page 1, the rebuilt file is no sound database, or `target` exists.
 */
export function rebuildFromWal(wal: string, target: string): WalOnlyContent {
  if (existsSync(target)) throw new Error(`${target} exists already: name a new file`);
  const work = mkdtempSync(join(tmpdir(), 'rectify-from-wal-'));
  try {
    const db = openRebuilt(wal, work);
    try {
      const content = contentOf(db);
      // One file in rollback-journal mode, whole: the copy of the -wal in the work folder goes with that folder.
      db.exec(`VACUUM INTO '${target.replace(/'/g, "''")}'`);
      return content;
    } finally {
      db.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * What the -wal at `wal` holds read as a store of its own (see `rebuildFromWal`), null when it makes none (no -wal, no page 1 in
 * it, not a sound database, no events table). Read in a temporary folder; the -wal is only read.
 */
export function walOnlyContent(wal: string): WalOnlyContent | null {
  let work: string | null = null;
  try {
    work = mkdtempSync(join(tmpdir(), 'rectify-wal-only-'));
    const db = openRebuilt(wal, work);
    try {
      return contentOf(db);
    } finally {
      db.close();
    }
  } catch {
    return null;
  } finally {
    if (work) rmSync(work, { recursive: true, force: true });
  }
}

function openRebuilt(wal: string, work: string): Database.Database {
  const page = firstPageOneFrame(wal);
  if (!page) throw new Error(`${wal} holds no page 1 of a database (not an SQLite -wal, or a -wal begun after the file's last checkpoint without touching page 1)`);
  const path = join(work, 'rectify.db');
  writeFileSync(path, page);
  copyFileSync(wal, `${path}-wal`);
  const db = new Database(path, { fileMustExist: true });
  const problems = (db.pragma('quick_check') as { quick_check: string }[]).map((row) => row.quick_check).filter((row) => row !== 'ok');
  if (problems.length > 0) {
    db.close();
    throw new Error(`the database read from ${wal} is not sound (PRAGMA quick_check: ${problems.slice(0, 3).join('; ')})`);
  }
  return db;
}

function contentOf(db: Database.Database): WalOnlyContent {
  const row = db.prepare('SELECT MIN(position) AS first, MAX(position) AS last, COUNT(*) AS count FROM events').get() as { first: number | bigint | null; last: number | bigint | null; count: number | bigint };
  const first = row.first === null ? null : Number(row.first);
  const last = row.last === null ? null : Number(row.last);
  const count = Number(row.count);
  return { first, last, count, whole: count === 0 || (first === 1 && last === count) };
}

/** How the -wal-only rebuild is run (README, Reliability): named in every text that leads to it. */
export const FROM_WAL_TOOL = 'npm run store:from-wal --';

/** What every text leading to a -wal without its .db warns first: SQLite deletes a -wal beside an empty file it opens. */
export const NO_SQLITE3_FIRST: Bilingual = say(
  'Do not open that folder with sqlite3 or any other program first, and do not create an empty rectify.db there: SQLite, opening a file that is not in WAL mode, deletes the -wal and everything in it.',
  '切勿先用 sqlite3 或其他程序打开该文件夹，也不要在那里新建空的 rectify.db：SQLite 打开一个非 WAL 模式的文件时会删除其旁的 -wal，其中的全部内容随之丢失。',
);

/**
 * What a refusal at start says of a -wal lying where the store's .db is missing (or empty) (breaker52-9 S5): the events are in
 * it (`content`, read in a temporary folder: `walOnlyContent`), how to get the .db back, and not to open the folder first.
 */
export function walWithoutDbNote(path: string, content: WalOnlyContent): Bilingual {
  const reach = content.last === null ? say('no event', '不含任何事件') : say(`events ${content.first}–${content.last} (${content.count})${content.whole ? '' : ', with gaps: pages of the deleted .db the -wal never rewrote are missing'}`, `事件 ${content.first}–${content.last}（${content.count} 条）${content.whole ? '' : '，有缺口：被删除的 .db 中未被 -wal 重写的页已缺失'}`);
  return say(
    `The .db is missing but its -wal (${path}-wal) is there, and read alone it holds ${reach.en}. Get the store back from it: ${FROM_WAL_TOOL} ${path}-wal writes a new file from it (the -wal is only read), to put in place as ${path}; then start normally. ${NO_SQLITE3_FIRST.en}`,
    `.db 文件已不在，但其 -wal（${path}-wal）仍在，单独读取它含有${reach.zh}。请从它取回事件库：${FROM_WAL_TOOL} ${path}-wal 会据此写出一个新文件（只读取该 -wal，不改动它），把新文件放到 ${path} 后正常启动。${NO_SQLITE3_FIRST.zh}`,
  );
}

/**
 * newcomer53-9 S1 step 2, breaker53-9 M1: what to say of a -wal beside a missing .db that does not read as a store alone —
 * the usual case: after any checkpoint (a clean stop, or SQLite's own every ~1000 pages) a -wal holds only the pages
 * written since, and the rest was in the deleted .db. What store:from-wal can do (a -wal written since the store was
 * created, holding every page) and cannot (this one), and what to do instead: the .db it was written over, with it.
 */
export function walNotAloneAdvice(path: string, wal: string): Bilingual {
  return say(
    `${wal} does not read as a store on its own: it holds only the pages written since the last checkpoint of the .db it was written beside (a clean stop, or SQLite every ~1000 pages, copies the -wal into the .db), and the rest was in that .db. ${FROM_WAL_TOOL} rebuilds a store from a -wal alone only when the -wal holds every page (a store deleted before its first checkpoint); not from this one. Keep it (copy the data folder: cp -a) and put back beside it, as ${path}, the .db it was written over: the newest copy of the deleted file (a cp -a of the folder, a file-system snapshot), or a store:backup taken while this -wal was in use (its PRAGMA user_version is one of the -wal's write marks) — then start normally: the start reads the two together and takes them when they reach the head the store witness saw.`,
    `${wal} 单独读取不成事件库：它只含有其所在 .db 最后一次检查点之后写入的页（正常停止、或 SQLite 每约 1000 页，会把 -wal 写入 .db），其余内容在那个 .db 中。${FROM_WAL_TOOL} 只有在 -wal 含有全部页时（事件库在第一次检查点之前被删除）才能单独据此重建事件库，对这个 -wal 不能。请保留它（先复制保留数据文件夹：cp -a），并把写成它时所在的 .db 放回其旁作为 ${path}：被删除文件的最新副本（数据文件夹的 cp -a 副本、文件系统快照），或在该 -wal 使用期间做的 store:backup 备份（其 PRAGMA user_version 是该 -wal 的写入标记之一）——然后正常启动：启动时会把二者一起读取，达到事件库见证文件所见的末尾时即采用。`,
  );
}
