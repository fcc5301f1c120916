import { closeSync, existsSync, openSync, readSync, renameSync, statSync } from 'node:fs';
import { say, type Bilingual } from '../shared/domain-error.js';
import { fileNodeOf } from './store-file-names.js';
import { readHeldFile } from './held-file-read.js';
import { realPlaceOf } from './store-place.js';
import { walMarkMismatchOnDisk, type WalMarkMismatch } from './wal-file-mark.js';

/*
 * breaker9m P3: after a crash the operator restored a backup with `mv backup.db data/rectify.db`.
 * The crashed file's -wal stayed beside it, and SQLite — which keeps a -wal by name and does not tie
 * it to the database it was written for — applied it to the restored file: the restore was silently
 * undone (a backup taken of this very file), or the file came out malformed. So the witness records
 * which file and which -wal it saw (`WitnessedStoreFile`), and a -wal that belongs to another file is
 * moved aside, named, before anything opens the store; the start is then judged on the file alone.
 */

/** A file's device and inode, decimal strings (as `statSync(…, { bigint: true })` gives them). */
export interface WitnessedNode {
  readonly device: string;
  readonly inode: string;
}

/**
 * The SQLite file a witness saw (`StoreWitness.storeFile`): the database file the server opened
 * (device, inode, and its size in bytes when the witness was written) and the -wal it wrote
 * (device, inode; null when there was none). SQLite never shrinks a store's file (no VACUUM,
 * auto_vacuum off; a checkpoint only writes pages up to the database's size), so a file of that
 * device and inode now smaller than `bytes` was written over with another (older) file.
 */
export interface WitnessedStoreFile extends WitnessedNode {
  readonly bytes: number;
  readonly wal: WitnessedNode | null;
}

/** The device and inode of the file `path` names (links followed); null when there is none. */
export function witnessedNodeOf(path: string): WitnessedNode | null {
  const node = fileNodeOf(path);
  return node ? { device: node.dev, inode: node.ino } : null;
}

const sameNode = (a: WitnessedNode | null, b: WitnessedNode | null) => a !== null && b !== null && a.device === b.device && a.inode === b.inode;

/** Why a -wal beside the store is not the store file's own: see `judgeStrayWal`. */
export type StrayWalReason = 'OTHER_FILE' | 'FILE_SHRUNK' | 'PAGE_SIZE' | 'OTHER_CONTENT';

/** A -wal (and -shm) beside the store that belongs to another file, and why. */
export interface StrayWal {
  /** The real path of the store file (links resolved); its companions are `<file>-wal` and `<file>-shm`. */
  readonly file: string;
  readonly reason: StrayWalReason;
  /** The file the witness saw there, when the reason comes from it. */
  readonly witnessed: WitnessedStoreFile | null;
  /** The write counts that do not fit (`OTHER_CONTENT`, wal-file-mark.ts); absent for the other reasons. */
  readonly counts?: WalMarkMismatch;
}

/** A page size read from a header: the database's (bytes 16–17, 1 meaning 65536) or the -wal's (bytes 8–11); null when the file is too short or not one. */
function pageSizes(file: string): { database: number | null; wal: number | null } {
  const read = (path: string, length: number): Buffer | null => {
    let descriptor: number | null = null;
    try {
      descriptor = openSync(path, 'r');
      const buffer = Buffer.alloc(length);
      return readSync(descriptor, buffer, 0, length, 0) === length ? buffer : null;
    } catch {
      return null;
    } finally {
      if (descriptor !== null) closeSync(descriptor);
    }
  };
  // The database file through `readHeldFile`: a descriptor of it closed here would drop the locks a
  // connection of this process holds on it (breaker9u P1). The -wal carries no lock of SQLite's.
  const database = (() => {
    try {
      return readHeldFile(file, (fd) => {
        const buffer = Buffer.alloc(100);
        return readSync(fd, buffer, 0, 100, 0) === 100 ? buffer : null;
      });
    } catch {
      return null;
    }
  })();
  const wal = read(`${file}-wal`, 32);
  const databasePageSize = database && database.toString('latin1', 0, 16) === 'SQLite format 3\u0000' ? database.readUInt16BE(16) : null;
  const walMagic = wal?.readUInt32BE(0);
  return {
    database: databasePageSize === 1 ? 65536 : databasePageSize,
    // The -wal's magic number is 0x377f0682 or 0x377f0683 (https://www.sqlite.org/fileformat.html#the_write_ahead_log).
    wal: wal && (walMagic === 0x377f0682 || walMagic === 0x377f0683) ? wal.readUInt32BE(8) : null,
  };
}

/**
 * Whether the -wal beside the SQLite store at `sqlitePath` belongs to another file than the one
 * there now, judged before any connection opens it (which would apply it to the file):
 * - `OTHER_FILE`: a witness saw this -wal (same device and inode) beside another database file —
 *   the file was replaced (`mv backup.db rectify.db`) and the crashed file's -wal stayed;
 * - `FILE_SHRUNK`: the file is the one a witness saw but smaller than it was then — written over
 *   in place with an older copy (or removed and its inode number given to the copy);
 * - `PAGE_SIZE`: the -wal's pages are not the size of the file's;
 * - `OTHER_CONTENT`: the file's write count is not one the -wal was written over (breaker9z P4: a same-size backup
 *   copied over the file in place — its device, inode and size those the witness saw; see wal-file-mark.ts). Judged
 *   with no witness at all.
 * A -wal and file that both differ from what the witness saw (a folder copied or moved whole) are
 * taken as belonging together. `witnessed`: what the witnesses of this place say (`StoreWitness.storeFile`),
 * absent in witnesses written before it was recorded. Null when there is no -wal, or it is the file's own.
 */
export function judgeStrayWal(sqlitePath: string, witnessed: readonly (WitnessedStoreFile | undefined)[]): StrayWal | null {
  const file = realPlaceOf(sqlitePath);
  let walBytes: number;
  try {
    walBytes = statSync(`${file}-wal`).size;
  } catch {
    return null;
  }
  // An empty -wal (or a header with no frame) holds nothing SQLite could apply.
  if (walBytes <= 32 || !existsSync(file)) return null;
  const node = witnessedNodeOf(file);
  const wal = witnessedNodeOf(`${file}-wal`);
  const size = statSync(file).size;
  for (const seen of witnessed) {
    if (!seen) continue;
    if (!sameNode(seen, node) && sameNode(seen.wal, wal)) return { file, reason: 'OTHER_FILE', witnessed: seen };
    if (sameNode(seen, node) && size < seen.bytes) return { file, reason: 'FILE_SHRUNK', witnessed: seen };
  }
  const pages = pageSizes(file);
  if (pages.database !== null && pages.wal !== null && pages.database !== pages.wal) return { file, reason: 'PAGE_SIZE', witnessed: null };
  const counts = walMarkMismatchOnDisk(file);
  if (counts) return { file, reason: 'OTHER_CONTENT', witnessed: null, counts };
  return null;
}

/** What was moved aside, and what to say of it (in the log at once, and added to a refusal of this start). */
export interface StrayWalSetAside {
  readonly moved: readonly { readonly from: string; readonly to: string }[];
  readonly note: Bilingual;
}

/**
 * Moves a stray -wal and its -shm aside to `<file>-wal.other-file-<UTC instant>` (and `-shm.…`),
 * where SQLite never looks, so that no connection applies them to the file: kept, never deleted
 * (they may be all that is left of what the replaced file held). `now`: the instant named.
 * @returns what moved and the note saying so, naming the files, why, and how to go back.
 * @throws the file system's error when a rename fails (nothing opened the store yet).
 */
export function setStrayWalAside(stray: StrayWal, now: Date): StrayWalSetAside {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const moved: { from: string; to: string }[] = [];
  for (const companion of ['-wal', '-shm']) {
    const from = `${stray.file}${companion}`;
    if (!existsSync(from)) continue;
    const to = `${from}.other-file-${stamp}`;
    renameSync(from, to);
    moved.push({ from, to });
  }
  const wal = moved.find(({ from }) => from.endsWith('-wal'))!.to;
  const why =
    stray.reason === 'OTHER_FILE'
      ? say(
          `it was written beside another file (device ${stray.witnessed!.device}, inode ${stray.witnessed!.inode}, ${stray.witnessed!.bytes} bytes when last seen), which ${stray.file} has replaced (a backup moved over it?)`,
          `它是在另一个文件（设备 ${stray.witnessed!.device}，inode ${stray.witnessed!.inode}，上次所见 ${stray.witnessed!.bytes} 字节）旁写成的，而 ${stray.file} 已替换了那个文件（是否把备份移到了这里？）`,
        )
      : stray.reason === 'FILE_SHRUNK' && emptyFile(stray.file)
        ? // newcomer54-9 M10: a file of at most one page holds no table — deleted and an empty one made (touch, an sqlite3 open), no older copy.
          say(
            `${stray.file} is an empty file now (${sizeOf(stray.file)} bytes, no table), not the ${stray.witnessed!.bytes}-byte store it was when last seen: the store file was deleted and an empty one made at its path (touch, an sqlite3 open)`,
            `${stray.file} 现在是空文件（${sizeOf(stray.file)} 字节，没有任何数据表），不是上次所见的 ${stray.witnessed!.bytes} 字节的事件库：原事件库文件已被删除，并在原路径新建了一个空文件（touch 或用 sqlite3 打开）`,
          )
        : stray.reason === 'FILE_SHRUNK'
        ? say(
            `${stray.file} is now smaller than the ${stray.witnessed!.bytes} bytes it had when last seen, which SQLite never does to a store: another (older) file was copied over it`,
            `${stray.file} 比上次所见的 ${stray.witnessed!.bytes} 字节还小，而 SQLite 从不缩小事件库文件：有另一个（较旧的）文件被复制覆盖到了它上面`,
          )
        : stray.reason === 'OTHER_CONTENT'
          ? say(
              `it was written over a copy of the file whose write mark was ${stray.counts!.walFirstPrevious} (tag ${stray.counts!.walFirstPreviousTag}), but ${stray.file} carries the mark ${stray.counts!.fileMark} (tag ${stray.counts!.fileTag}; SQLite's user_version counts the writes, application_id a tag drawn anew at every write): another copy, of the same size, was put in its place (a backup, or a copy written to elsewhere since, copied over it?)`,
              `它是在写入标记为 ${stray.counts!.walFirstPrevious}（标签 ${stray.counts!.walFirstPreviousTag}）的文件上写成的，而 ${stray.file} 的写入标记为 ${stray.counts!.fileMark}（标签 ${stray.counts!.fileTag}；SQLite 的 user_version 记写入次数，application_id 每次写入都换新的随机标签）：有另一个同样大小的副本被放到了它的位置（是否把备份、或此后在别处写入过的副本复制覆盖到了这里？）`,
            )
          : say(`its pages are not the size of ${stray.file}'s`, `其页大小与 ${stray.file} 的不同`);
  return {
    moved,
    note: say(
      ` The -wal beside the store did not belong to it — ${why.en} — and SQLite would have applied it to this file, undoing the restore or damaging the file: it was moved to ${wal}${moved.length > 1 ? ' (its -shm likewise)' : ''} before anything opened the store, and kept. To go back to the file it belongs to, stop the server, put that file back at ${stray.file} and rename ${wal} to ${stray.file}-wal.`,
      `事件库旁的 -wal 文件不属于它——${why.zh}——SQLite 会把它套用到本文件上，使恢复失效或把文件写坏：在打开事件库之前，已将它移到 ${wal}${moved.length > 1 ? '（其 -shm 同样移开）' : ''}并保留。若要回到它所属的文件，请停止服务，把那个文件放回 ${stray.file}，再把 ${wal} 改名为 ${stray.file}-wal。`,
    ),
  };
}

/** The size of the file at `path` in bytes; 0 when it cannot be read. */
function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Whether the SQLite file at `path` is empty: at most one page (4096 bytes, SQLite's default), which holds no table besides the schema. */
const emptyFile = (path: string): boolean => sizeOf(path) <= 4096;
