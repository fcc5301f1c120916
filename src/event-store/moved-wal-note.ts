import Database from 'better-sqlite3';
import { closeSync, copyFileSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { say, type Bilingual } from '../shared/domain-error.js';
import { walkChain } from './sqlite-chain-walk.js';
import type { StoreWitness } from './store-witness.js';
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
  /** The store id the pair names (`store_identity`), null when it names none. */
  readonly storeId: string | null;
}

/**
 * newcomer53-9 S1, breaker53-9 S4/S5: the head a store witness vouches for — its position and the chain hash of the event
 * there (`StoreWitness.head`, `headHash`: 64 hex digits) — of the witnesses of this place, the one furthest on. A -wal that,
 * read with the store file, is a sound chained log reaching that position with that hash holds the store's own history up
 * to it, whatever file the -wal was first written beside (`ownWalOf`).
 */
export interface VouchedHead {
  readonly storeId: string;
  readonly head: number;
  readonly headHash: string;
}

/** The vouched head of the witnesses given (`VouchedHead`): the furthest one that names its head's chain hash; null when none does. */
export function vouchedHeadOf(witnesses: readonly (StoreWitness | null | undefined)[]): VouchedHead | null {
  let best: VouchedHead | null = null;
  for (const witness of witnesses) {
    if (!witness || witness.kind !== 'sqlite' || witness.head === null || typeof witness.headHash !== 'string') continue;
    const head = Number(witness.head);
    if (!Number.isSafeInteger(head) || head < 1) continue;
    if (!best || head > best.head) best = { storeId: witness.storeId, head, headHash: witness.headHash.toLowerCase() };
  }
  return best;
}

/** Whether the log reaches the vouched head with its chain hash there (and names the witness's store, when it names one). */
const reachesVouched = (log: PairedLog, vouched: VouchedHead | null): boolean =>
  vouched !== null && log.last >= vouched.head && log.marks[vouched.head - 1] === vouched.headHash && (log.storeId === null || log.storeId === vouched.storeId);

/** Each position's mark in `db` up to `upTo` (all when null): its chain hash, or its event id where the store was never chained. */
function logMarks(db: Database.Database, upTo: number | null): string[] {
  const chained = (db.pragma('table_info(events)') as { name: string }[]).some((column) => column.name === 'chain_hash');
  const rows = db.prepare(`SELECT ${chained ? 'chain_hash' : 'event_id'} AS mark FROM events WHERE position <= ? ORDER BY position`).all(upTo ?? Number.MAX_SAFE_INTEGER) as { mark: string | Buffer }[];
  return rows.map((row) => (Buffer.isBuffer(row.mark) ? row.mark.toString('hex') : String(row.mark)));
}

/**
 * The .db at `db` read through the -wal at `wal` (null: alone), both copied to a folder of their own so that nothing
 * touches the files themselves: a sound database (PRAGMA integrity_check, which also finds an index out of step with its
 * rows — a page mix of two files), whose log chains from its first row by its content, with no position missing. Null
 * otherwise.
 */
function pairedLog(db: string, wal: string | null): PairedLog | null {
  if (!existsSync(db)) return null;
  let work: string | null = null;
  try {
    work = mkdtempSync(join(tmpdir(), 'rectify-paired-'));
    const path = join(work, 'rectify.db');
    copyFileSync(db, path);
    if (wal !== null) copyFileSync(wal, `${path}-wal`);
    const pair = new Database(path, { fileMustExist: true });
    try {
      const checks = (pair.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check);
      if (checks.some((row) => row !== 'ok')) return null;
      if (walkChain(pair, null, 'content').altered) return null;
      const row = pair.prepare('SELECT MAX(position) AS last, COUNT(*) AS count FROM events').get() as { last: number | bigint | null; count: number | bigint };
      const last = row.last === null ? null : Number(row.last);
      if (last === null || last !== Number(row.count)) return null;
      const identity = (() => {
        try {
          return (pair.prepare('SELECT store_id FROM store_identity').get() as { store_id: string } | undefined)?.store_id ?? null;
        } catch {
          return null;
        }
      })();
      return { last, marks: logMarks(pair, null), storeId: identity };
    } finally {
      pair.close();
    }
  } catch {
    return null;
  } finally {
    if (work) rmSync(work, { recursive: true, force: true });
  }
}

/** What `ownWalOf` found: the -wal beside the store file is the store's own log. */
export interface OwnWal {
  /** The last position the file holds read through the -wal. */
  readonly last: number;
  /** The position the witness vouched for, which the pair reaches with the witness's chain hash. */
  readonly vouchedHead: number;
}

/**
 * newcomer53-9 S1, breaker53-9 S5: whether the `<file>-wal` beside the SQLite file at `file` is the store's own, judged by
 * what the two hold together rather than by which file the -wal was first written beside (a .db put back as a copy has
 * another inode; a backup's .db under the -wal written over the same content): read with the file, a sound chained log
 * (`pairedLog`) that reaches the head the witnesses vouch for (`vouched`) with their chain hash there, and holds every
 * position the file holds alone, as the file holds it (so nothing the file holds is lost by reading the -wal). Null
 * otherwise, or without a vouched head. Reads copies of both files (O(store size)): called only for a -wal judged
 * stray.
 */
export function ownWalOf(file: string, vouched: VouchedHead | null): OwnWal | null {
  if (vouched === null || !existsSync(`${file}-wal`)) return null;
  const pair = pairedLog(file, `${file}-wal`);
  if (!pair || !reachesVouched(pair, vouched)) return null;
  const alone = pairedLog(file, null);
  if (alone && (alone.last > pair.last || firstDifference(alone.marks, pair.marks) !== null)) return null;
  return { last: pair.last, vouchedHead: vouched.head };
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
 * store reaches (null: none), `vouched` the head the witnesses of this place vouch for (`vouchedHeadOf`). Advice to put a
 * -wal back is given only where the next start takes it (`ownWalOf`: with the store file, or the rescued copy it is named
 * after, it reads as the store's log up to the vouched head with the witness's chain hash there) — breaker53-9 S5,
 * newcomer53-9 S1: advice the start then refused again looped for ever. A pair of another history (it differs from the
 * store, or from what the witness saw at its head) or one that stops short of the vouched head is said with how to read it
 * on its own, never to be put in place (breaker53-9 S4). A -wal that pairs with no file beside it: the write marks a .db
 * that fits it (a store:backup taken while it was in use) carries. Null when there is none.
 */
export function movedWalNote(path: string, head: number | null, vouched: VouchedHead | null = null): Bilingual | null {
  const notes: Bilingual[] = [];
  const moved = movedAsideWals(path);
  const store = moved.length > 0 ? storeMarks(path) : null;
  // A -wal of a header alone (what a read-only look at the file leaves) holds nothing to keep.
  const walInPlace = (() => {
    try {
      return statSync(`${path}-wal`).size > 32;
    } catch {
      return false;
    }
  })();
  for (const wal of moved) {
    const bases = [path, ...(wal.endsWith('-old-wal') ? [wal.slice(0, -'-old-wal'.length)] : [])];
    const pairs = bases.map((base) => {
      const log = pairedLog(base, wal);
      // The CI fault of stop 55: a pair that differs from the store within what the store holds (the store accepted as it was
      // and gone on since) is another history, never what to put in place — that would lose what the store holds alone.
      const from = log && store ? firstDifference(store, log.marks) : null;
      // breaker53-9 S4: where it parts from what the witness saw at its head.
      const fromWitness = log && vouched && log.last >= vouched.head && !reachesVouched(log, vouched) ? vouched.head : null;
      return { base, log, last: log?.last ?? null, differsFrom: from, differsFromWitness: fromWitness };
    });
    // The pair the next start takes: the witness's history up to its head (the store itself may be another, STORE_REWRITTEN).
    const own = pairs.find((pair) => pair.log !== null && reachesVouched(pair.log, vouched) && pair.log.last > (head ?? 0));
    let bytes: Buffer | null = null;
    try {
      bytes = readFileSync(wal);
    } catch {
      // Unreadable: said without its marks.
    }
    if (own) {
      const how = putBackSteps(path, wal, own.base, walInPlace);
      notes.push(
        say(
          `The -wal moved aside at ${wal} read with ${own.base} holds positions 1–${own.last}, one chained log reaching position ${vouched!.head} with the chain hash the store witness saw there${head === null ? '' : ` (the store reaches ${head})`}: do not accept a reset nor delete it — to have every event back, ${how.en}.`,
          `移开保存的 -wal（${wal}）与 ${own.base} 一起读取时含有位置 1–${own.last} 的记录，链接完整，并在位置 ${vouched!.head} 与事件库见证文件所见的哈希链校验值相符${head === null ? '' : `（事件库只到位置 ${head}）`}：请勿接受重置，也不要删除它——要取回全部记录，请${how.zh}。`,
        ),
      );
      continue;
    }
    // A pair read as a log but never taken by a start: another history, or one that stops short of what the witness saw.
    const parted = [...pairs].reverse().find((pair) => pair.last !== null && ((pair.differsFrom !== null && pair.differsFrom > 1) || (pair.differsFromWitness !== null && pair.differsFromWitness > 1)));
    const short = parted ? undefined : pairs.find((pair) => pair.last !== null && pair.last > (head ?? 0) && pair.differsFrom === null);
    const readable = parted ?? short;
    if (readable) {
      const read = readAloneSteps(path, wal, readable.base);
      const why =
        readable.differsFrom !== null && readable.differsFrom > 1
          ? say(
              `but other events than the store from position ${readable.differsFrom} on (the store went on another way since, e.g. after it was accepted as it was)`,
              `但自位置 ${readable.differsFrom} 起与事件库的事件不同（此后事件库另行写入，例如接受了事件库现状）`,
            )
          : readable.differsFromWitness !== null
            ? say(
                `but at position ${readable.differsFromWitness} another event than the store witness saw there (another history, e.g. one given up when a reset was accepted)`,
                `但位置 ${readable.differsFromWitness} 上的事件与事件库见证文件在该处所见的不同（是另一段历史，例如接受重置时放弃的那一段）`,
              )
            : vouched
              ? say(
                  `but not as far as position ${vouched.head}, which the store witness saw: the start would not take it in place of the store's -wal`,
                  `但不到事件库见证文件所见的位置 ${vouched.head}：启动时不会用它替换事件库的 -wal`,
                )
              : say(`but no store witness vouches for its head, so the start would not take it in place of the store's -wal`, `但没有事件库见证文件为其末尾作证，启动时不会用它替换事件库的 -wal`);
      notes.push(
        say(
          `The -wal moved aside at ${wal} read with ${readable.base} holds positions 1–${readable.last}, ${why.en}: do not put it in place of the store's -wal${readable === parted ? ', that would lose what the store holds alone,' : ''} and do not delete it. To read what only it holds and enter it again in the store: ${read.en}.`,
          `移开保存的 -wal（${wal}）与 ${readable.base} 一起读取时含有位置 1–${readable.last} 的记录，${why.zh}：请勿用它替换事件库的 -wal${readable === parted ? '，那会丢失只有事件库才有的内容' : ''}，也不要删除它。如要查看只有它才有的内容并补录到事件库：${read.zh}。`,
        ),
      );
      continue;
    }
    // The -wal of the store file itself (its marks fit), read with it as a log the store already holds whole: nothing is missing.
    if (bytes && pairs.some((pair) => pair.last !== null && fitsByMarks(pair.base, bytes))) continue;
    const marks = (bytes && walWriteCounts(bytes)?.counts) || [];
    if (marks.length === 0) continue;
    const how = putBackSteps(path, wal, '<backup>/rectify.db', walInPlace);
    const reach = vouched
      ? say(
          ` The start takes the pair only when it reads as the store's log up to position ${vouched.head}, which the store witness saw, with its chain hash; else it moves the -wal aside again.`,
          `启动时只有在二者一起读取是直到事件库见证文件所见位置 ${vouched.head}、哈希链校验值相符的事件库日志时才会采用；否则会再次把该 -wal 移开。`,
        )
      : say('', '');
    notes.push(
      say(
        `The -wal moved aside at ${wal} holds ${marks.length} committed write(s) of this copy, made after the last checkpoint of the file it was written beside — part or all of what the store lacks (what that file held before it is not in the -wal) — but it fits neither the store file nor a copy beside it. It fits the .db it was written over: a store:backup taken while it was in use carries one of its write marks (${listed(marks)}) as its PRAGMA user_version (sqlite3 -readonly <backup>/rectify.db 'PRAGMA user_version'). With such a backup, do not accept a reset: ${how.en.replace(`, put <backup>/rectify.db in place as ${path}`, `, put that backup's rectify.db in place as ${path}`)}.${reach.en}`,
        `移开保存的 -wal（${wal}）中有本副本 ${marks.length} 次已提交的写入，是写成它时所在文件最后一次检查点之后的写入——事件库所缺记录的一部分或全部（该文件在此之前的内容不在 -wal 中）——但它与事件库文件及其旁的副本都不相配。它与写成它时所在的 .db 相配：在它使用期间做的 store:backup 备份，其 PRAGMA user_version（sqlite3 -readonly <备份>/rectify.db 'PRAGMA user_version'）是它的写入标记之一（${listed(marks)}）。有这样的备份时，请勿接受重置：${how.zh.replace(`，把 <backup>/rectify.db 放到 ${path}`, `，把该备份的 rectify.db 放到 ${path}`)}。${reach.zh}`,
      ),
    );
  }
  if (notes.length === 0) return null;
  return say(` ${notes.map((note) => note.en).join(' ')}`, notes.map((note) => note.zh).join(''));
}

/** How to put the moved-aside `wal` back beside `path` (`base` first put in place as `path` when it is another file); the -wal now in place, if any, moved aside first, never overwritten. */
function putBackSteps(path: string, wal: string, base: string, walInPlace: boolean): Bilingual {
  const keep = `${path}-wal.other-file-kept`;
  return say(
    `stop every server on it, keep a copy of the data folder (cp -a)${base === path ? '' : `, put ${base} in place as ${path}`}${walInPlace ? `, move the -wal now beside it aside (mv ${path}-wal ${keep}; it is kept)` : ''}, rename ${wal} to ${path}-wal, remove ${path}-shm, and start again (the start reads the two together and takes them as the store's own when they reach the head the witness saw)`,
    `停止使用该文件的所有服务，先复制保留数据文件夹（cp -a）${base === path ? '' : `，把 ${base} 放到 ${path}`}${walInPlace ? `，把现在其旁的 -wal 移开保留（mv ${path}-wal ${keep}）` : ''}，再把 ${wal} 改名为 ${path}-wal，删除 ${path}-shm，然后重新启动（启动时会把二者一起读取，达到见证文件所见的末尾时即作为本事件库采用）`,
  );
}

/** How to read the moved-aside `wal` with `base` on their own, in a drill folder beside the store. */
function readAloneSteps(path: string, wal: string, base: string): Bilingual {
  const drill = join(dirname(path), 'moved-wal-drill');
  return say(
    `mkdir -p ${drill} && cp ${base} ${drill}/rectify.db && cp ${wal} ${drill}/rectify.db-wal, then npm run ledger:verify on ${drill}/rectify.db, or start a server on it of its own (SQLITE_PATH=${drill}/rectify.db PORT=3001 npm start -- --accept-store-reset)`,
    `mkdir -p ${drill} && cp ${base} ${drill}/rectify.db && cp ${wal} ${drill}/rectify.db-wal，再对 ${drill}/rectify.db 进行台账校验（npm run ledger:verify），或在其上单独启动一台服务（SQLITE_PATH=${drill}/rectify.db PORT=3001 npm start -- --accept-store-reset）`,
  );
}

/**
 * breaker53-9 S6: the copy a stop wrote of what the server alone held when the store's file went away under it and could not
 * be copied beside it (`<name>.rescued-<instant>.db` beside the signing key or in the system's temporary folder; see
 * `SqliteEventStore.keepAtStopIn`) was named only in that server's last log lines, and the next start's STORE_MISSING offered
 * an empty ledger. Each such copy of the store at `path` found in `folders` (not the store's own folder, whose copies
 * `rescuedCopyNote` says) that reads as a sound chained log is said, newest first: what it holds, whether it reaches the
 * head the witnesses vouch for (`vouched`), and how to put it in place — two steps each the next start takes. Null when
 * there is none.
 */
export function stopCopiesNote(path: string, folders: readonly string[], vouched: VouchedHead | null): (Bilingual & { readonly complete: boolean }) | null {
  const prefix = `${basename(path)}.rescued-`;
  const found: string[] = [];
  for (const folder of new Set(folders)) {
    if (folder === dirname(path)) continue;
    try {
      for (const entry of readdirSync(folder)) if (entry.startsWith(prefix) && entry.endsWith('.db')) found.push(join(folder, entry));
    } catch {
      // A folder that cannot be read holds nothing to say.
    }
  }
  const notes: Bilingual[] = [];
  let complete = false;
  for (const copy of found.sort((a, b) => basename(b).localeCompare(basename(a)))) {
    const log = pairedLog(copy, null);
    if (!log) continue;
    // Only this store's: the temporary folder may hold other stores' copies.
    if (!vouched || log.storeId !== vouched.storeId) continue;
    const reaches = reachesVouched(log, vouched);
    complete ||= reaches;
    const reach = reaches
      ? say(`, reaching position ${vouched!.head} with the chain hash the store witness saw there — all this store last acknowledged`, `，并在位置 ${vouched!.head} 与事件库见证文件所见的哈希链校验值相符——即本事件库最后确认写入的全部内容`)
      : vouched
        ? say(`, not what the store witness saw at position ${vouched.head}: keep it, and look for a newer copy first`, `，但与事件库见证文件在位置 ${vouched.head} 所见的不符：请保留它，并先找更新的副本`)
        : say('', '');
    const how = say(
      ` Do not start over with an empty ledger: keep that file, copy it in place (cp ${copy} ${path}, with no -wal or -shm beside ${path}) and start again — the start takes it as this store (it holds what the server acknowledged), no --accept-store-reset needed. Once the store serves again and a store:backup is taken, move this copy out of ${dirname(copy)} into the office's data backups (it holds the whole ledger).`,
      `请勿以空台账重新开始：请保留该文件，把它复制到事件库位置（cp ${copy} ${path}，${path} 旁不要留 -wal 或 -shm），然后重新启动——启动时会认出它就是本事件库（含有服务已确认写入的全部内容），无需 --accept-store-reset。事件库恢复运行并做过 store:backup 备份后，请把该副本移出 ${dirname(copy)}，放入本单位的数据备份（它含有整个台账）。`,
    );
    notes.push(
      say(
        ` ${copy} is the copy a server's stop wrote of what it alone held of this store when its file went away: positions 1–${log.last}${reach.en}.${reaches ? how.en : ''}`,
        `${copy} 是服务停止时写出的副本（该事件库文件在运行中不见了，其内容只在该服务中）：含有位置 1–${log.last} 的记录${reach.zh}。${reaches ? how.zh : ''}`,
      ),
    );
  }
  if (notes.length === 0) return null;
  return { ...say(notes.map((note) => note.en).join(''), notes.map((note) => note.zh).join('')), complete };
}

/**
 * breaker54-9 M4: the copy a server wrote of what it alone held when its store's file went away (`<name>.rescued-<instant>.db`
 * in `folders`: the store's own, beside the signing key, the temporary folder) that the store found at `path` now is — put
 * in place as STORE_MISSING advised: the copy reaches the head this place's witnesses vouch for (`vouched`) with their chain
 * hash, ends where the store does (`found.head`) with the same chain hash (`found.mark`), and was written no earlier than
 * `notBefore` (ms; the vouching copy's `seenAt`: an older copy of an earlier loss does not vouch for what was written since).
 * Such a copy is everything the server acknowledged (it wrote no more once the file was gone), so the witness beside the data,
 * gone with its folder, hides nothing: its path; null when there is none. Reads each candidate whole (O(store size)).
 */
export function completeStopCopyFound(path: string, folders: readonly string[], vouched: VouchedHead | null, found: { readonly head: number; readonly mark: string }, notBefore: number): string | null {
  if (!vouched || found.head < vouched.head) return null;
  const prefix = `${basename(path)}.rescued-`;
  for (const folder of new Set(folders)) {
    let entries: string[];
    try {
      entries = readdirSync(folder);
    } catch {
      continue;
    }
    for (const entry of entries.filter((name) => name.startsWith(prefix) && name.endsWith('.db')).sort().reverse()) {
      const copy = join(folder, entry);
      try {
        if (statSync(copy).mtimeMs < notBefore) continue;
      } catch {
        continue;
      }
      const log = pairedLog(copy, null);
      if (!log || log.storeId !== vouched.storeId || !reachesVouched(log, vouched)) continue;
      if (log.last === found.head && log.marks[found.head - 1] === found.mark.toLowerCase()) return copy;
    }
  }
  return null;
}
