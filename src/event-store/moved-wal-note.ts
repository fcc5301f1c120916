import Database from 'better-sqlite3';
import { closeSync, copyFileSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { say, type Bilingual } from '../shared/domain-error.js';
import { walkChain } from './sqlite-chain-walk.js';
import { walMarkMismatch, walWriteCounts } from './wal-file-mark.js';

/*
 * breaker52-9 S8 (and S7's point 3): a start refusal (STORE_FROM_OTHER_COPY, STORE_SHORTER) pointed at backups that lack the
 * last acknowledged events, or offered a reset, while a -wal moved aside beside the store — by a start (`-wal.other-file-…`) or
 * by a server whose file was replaced under it (`.rescued-….db-old-wal`) — held them: the newest store:backup with that -wal, or
 * the store file with it, gave every event back. The refusal now looks at each such -wal: what it holds with the store file (or
 * the rescued copy it is named after) when the pair reads as one chained log, else the write marks a .db that fits it carries.
 */

/** The -wal files moved aside beside the store at `path`: `<path>-wal.other-file-<instant>` and `<path>.rescued-<instant>.db-old-wal`. */
export function movedAsideWals(path: string): string[] {
  const folder = dirname(path);
  const name = basename(path);
  try {
    return readdirSync(folder)
      .filter((entry) => (entry.startsWith(`${name}-wal.other-file-`) && !entry.includes('-shm')) || (entry.startsWith(`${name}.rescued-`) && entry.endsWith('.db-old-wal')))
      .sort()
      .map((entry) => join(folder, entry));
  } catch {
    return [];
  }
}

/** What a .db read through a -wal holds: its last position and the log's marks by position; null unless a sound database whose log chains from its first row. */
interface PairedLog {
  readonly last: number;
  /** Each position's mark (its chain hash; its event id in a store never chained), index 0 for position 1. */
  readonly marks: readonly string[];
}

/** Each position's mark in `db` up to `upTo` (all when null): its chain hash, or its event id where the store was never chained. */
function logMarks(db: Database.Database, upTo: number | null): string[] {
  const chained = (db.pragma('table_info(events)') as { name: string }[]).some((column) => column.name === 'chain_hash');
  const rows = db.prepare(`SELECT ${chained ? 'chain_hash' : 'event_id'} AS mark FROM events WHERE position <= ? ORDER BY position`).all(upTo ?? Number.MAX_SAFE_INTEGER) as { mark: string | Buffer }[];
  return rows.map((row) => (Buffer.isBuffer(row.mark) ? row.mark.toString('hex') : String(row.mark)));
}

function pairedLog(db: string, wal: string): PairedLog | null {
  if (!existsSync(db)) return null;
  let work: string | null = null;
  try {
    work = mkdtempSync(join(tmpdir(), 'rectify-paired-'));
    const path = join(work, 'rectify.db');
    copyFileSync(db, path);
    copyFileSync(wal, `${path}-wal`);
    const pair = new Database(path, { fileMustExist: true });
    try {
      const checks = (pair.pragma('quick_check') as { quick_check: string }[]).map((row) => row.quick_check);
      if (checks.some((row) => row !== 'ok')) return null;
      if (walkChain(pair, null, 'hashes').altered) return null;
      const row = pair.prepare('SELECT MAX(position) AS last, COUNT(*) AS count FROM events').get() as { last: number | bigint | null; count: number | bigint };
      const last = row.last === null ? null : Number(row.last);
      return last !== null && last === Number(row.count) ? { last, marks: logMarks(pair, null) } : null;
    } finally {
      pair.close();
    }
  } catch {
    return null;
  } finally {
    if (work) rmSync(work, { recursive: true, force: true });
  }
}

/** What a .db read through a -wal holds: its last position, when the pair is a sound database whose log chains from its first row; null otherwise. */
export function pairedHead(db: string, wal: string): number | null {
  return pairedLog(db, wal)?.last ?? null;
}

/** The store file's own log marks (through its own -wal, read only); null when it cannot be read. */
function storeMarks(path: string): string[] | null {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return logMarks(db, null);
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

/** The first position at which two logs differ within the shorter one (null: one holds the other whole). */
function firstDifference(ours: readonly string[], theirs: readonly string[]): number | null {
  const shared = Math.min(ours.length, theirs.length);
  for (let index = 0; index < shared; index += 1) if (ours[index] !== theirs[index]) return index + 1;
  return null;
}

/** Whether the -wal `wal` (its bytes) was written over the file at `file` by their write marks (`walMarkMismatch`). */
function fitsByMarks(file: string, wal: Buffer): boolean {
  let fd: number | null = null;
  try {
    fd = openSync(file, 'r');
    const header = Buffer.alloc(100);
    return readSync(fd, header, 0, 100, 0) === 100 && walMarkMismatch(header, wal) === null;
  } catch {
    return false;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** The marks listed in a refusal: all up to 60 (a backup's may be any of them), else the first 30 and the last 30. */
const listed = (marks: readonly number[]): string => (marks.length <= 60 ? marks.join(', ') : `${marks.slice(0, 30).join(', ')} … ${marks.slice(-30).join(', ')}`);

/**
 * What a start refusal adds of each -wal moved aside beside the store at `path` (`movedAsideWals`), `head` the position the
 * store reaches (null: none): with the store file, or the rescued copy it is named after, it reads as one chained log past
 * `head` — which positions, and how to put it back; else the write marks it carries, one of which a .db that fits it (a
 * store:backup taken while it was in use) carries as PRAGMA user_version, and how to pair them. Null when there is none.
 */
export function movedWalNote(path: string, head: number | null): Bilingual | null {
  const notes: Bilingual[] = [];
  const moved = movedAsideWals(path);
  const store = moved.length > 0 ? storeMarks(path) : null;
  for (const wal of moved) {
    const bases = [path, ...(wal.endsWith('-old-wal') ? [wal.slice(0, -'-old-wal'.length)] : [])];
    const pairs = bases.map((base) => {
      const log = pairedLog(base, wal);
      // The CI fault of stop 55: a pair that differs from the store within what the store holds (the store accepted as it was
      // and gone on since) is another history, never what to put in place — that would lose what the store holds alone.
      const from = log && store ? firstDifference(store, log.marks) : null;
      return { base, last: log?.last ?? null, differsFrom: from };
    });
    const fits = pairs.find((pair) => pair.last !== null && pair.last > (head ?? 0) && pair.differsFrom === null);
    // One history that parted (a first position in common; from position 1 on it is another store's log, said by its marks
    // below), the copy it was named after first: the -wal was written over it.
    const other = fits ? undefined : [...pairs].reverse().find((pair) => pair.last !== null && pair.differsFrom !== null && pair.differsFrom > 1);
    let bytes: Buffer | null = null;
    try {
      bytes = readFileSync(wal);
    } catch {
      // Unreadable: said without its marks.
    }
    // The -wal of the store file itself (its marks fit), read with it as a log the store already holds whole: nothing is missing.
    if (other) {
      const drill = join(dirname(path), 'moved-wal-drill');
      const read = say(
        `mkdir -p ${drill} && cp ${other.base} ${drill}/rectify.db && cp ${wal} ${drill}/rectify.db-wal, then npm run ledger:verify on ${drill}/rectify.db, or start a server on it of its own (SQLITE_PATH=${drill}/rectify.db PORT=3001 npm start -- --accept-store-reset)`,
        `mkdir -p ${drill} && cp ${other.base} ${drill}/rectify.db && cp ${wal} ${drill}/rectify.db-wal，再对 ${drill}/rectify.db 进行台账校验（npm run ledger:verify），或在其上单独启动一台服务（SQLITE_PATH=${drill}/rectify.db PORT=3001 npm start -- --accept-store-reset）`,
      );
      notes.push(
        say(
          `The -wal moved aside at ${wal} read with ${other.base} holds positions 1–${other.last}, but other events than the store from position ${other.differsFrom} on (the store went on another way since, e.g. after it was accepted as it was): do not put it in place of the store's -wal, that would lose what the store holds alone, and do not delete it. To read what only it holds and enter it again in the store: ${read.en}.`,
          `移开保存的 -wal（${wal}）与 ${other.base} 一起读取时含有位置 1–${other.last} 的记录，但自位置 ${other.differsFrom} 起与事件库的事件不同（此后事件库另行写入，例如接受了事件库现状）：请勿用它替换事件库的 -wal，那会丢失只有事件库才有的内容，也不要删除它。如要查看只有它才有的内容并补录到事件库：${read.zh}。`,
        ),
      );
      continue;
    }
    if (!fits && bytes && pairs.some((pair) => pair.last !== null && fitsByMarks(pair.base, bytes))) continue;
    const steps = (base: string) =>
      say(
        `stop every server on it, keep a copy of the data folder (cp -a)${base === path ? '' : `, put ${base} in place as ${path}`}, rename ${wal} to ${path}-wal, remove ${path}-shm, and start again (the start checks the pair and refuses it if it does not fit)`,
        `停止使用该文件的所有服务，先复制保留数据文件夹（cp -a）${base === path ? '' : `，把 ${base} 放到 ${path}`}，再把 ${wal} 改名为 ${path}-wal，删除 ${path}-shm，然后重新启动（启动时会核对二者是否相配，不相配则拒绝）`,
      );
    if (fits) {
      const how = steps(fits.base);
      notes.push(
        say(
          `The -wal moved aside at ${wal} read with ${fits.base} holds positions 1–${fits.last}, one chained log${head === null ? '' : ` (the store reaches ${head})`}: do not accept a reset nor delete it — to have every event back, ${how.en}.`,
          `移开保存的 -wal（${wal}）与 ${fits.base} 一起读取时含有位置 1–${fits.last} 的记录，链接完整${head === null ? '' : `（事件库只到位置 ${head}）`}：请勿接受重置，也不要删除它——要取回全部记录，请${how.zh}。`,
        ),
      );
      continue;
    }
    const marks = (bytes && walWriteCounts(bytes)?.counts) || [];
    if (marks.length === 0) continue;
    const how = steps('<backup>/rectify.db');
    notes.push(
      say(
        `The -wal moved aside at ${wal} holds ${marks.length} committed write(s) of this copy, likely the acknowledged events the store lacks, but it fits neither the store file nor a copy beside it. It fits the .db it was written over: a store:backup taken while it was in use carries one of its write marks (${listed(marks)}) as its PRAGMA user_version (sqlite3 -readonly <backup>/rectify.db 'PRAGMA user_version'). With such a backup, do not accept a reset: ${how.en.replace(`, put <backup>/rectify.db in place as ${path}`, `, put that backup's rectify.db in place as ${path}`)}.`,
        `移开保存的 -wal（${wal}）中有本副本 ${marks.length} 次已提交的写入，很可能就是事件库所缺的已确认记录，但它与事件库文件及其旁的副本都不相配。它与写成它时所在的 .db 相配：在它使用期间做的 store:backup 备份，其 PRAGMA user_version（sqlite3 -readonly <备份>/rectify.db 'PRAGMA user_version'）是它的写入标记之一（${listed(marks)}）。有这样的备份时，请勿接受重置：${how.zh.replace(`，把 <backup>/rectify.db 放到 ${path}`, `，把该备份的 rectify.db 放到 ${path}`)}。`,
      ),
    );
  }
  if (notes.length === 0) return null;
  return say(` ${notes.map((note) => note.en).join(' ')}`, notes.map((note) => note.zh).join(''));
}
