import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { messageZhOf, say, type Bilingual } from '../shared/domain-error.js';

/*
 * breaker9h P3 (issue 9, fault 5): on a disk with no room left SQLite does not always answer
 * SQLITE_FULL — the -shm it cannot grow, or the -wal it cannot create, comes back as
 * SQLITE_IOERR_SHMSIZE, SQLITE_IOERR_WRITE … ("disk I/O error"), and an operator told "disk fault"
 * looks for a failing disk. So an I/O error is judged against the free space in the store's folder
 * when it happens: with almost nothing left, it is the full disk, and is named DISK_FULL.
 */

/**
 * Free space under which a failed write or read on the store's disk is taken for the disk being
 * full, and under which a disk found full is still full (bytes). SQLite's I/O errors on a full disk
 * came with 20 KB or less left (breaker9h P3); a disk fault with this little room is rare.
 */
export const LOW_SPACE_BYTES = 1024 * 1024;

/**
 * Free space under which the store's disk is taken for full before any write has failed (bytes; newcomer45-9 M2: `/health`
 * said ready on a disk full to the last byte until a clerk's save failed). One append writes a few WAL frames (4 KiB pages plus
 * 24-byte headers: the events table, its indexes, the request keys) and may grow the -shm by 32 KiB, so 64 KiB is about one
 * write's worth: below it the next write would fail or only just fit. Read with `statfs` (`f_bavail`, the room an ordinary
 * process has), at most once a second while the disk is not full (`StoreHealth`); once noted, the disk is full until
 * LOW_SPACE_BYTES are free again.
 */
export const NO_ROOM_FOR_A_WRITE_BYTES = 64 * 1024;

/** The bytes a process may still write in `folder`; null when that cannot be told (the folder is gone). */
export function freeBytesIn(folder: string): number | null {
  try {
    const space = statfsSync(folder);
    return Number(space.bavail) * Number(space.bsize);
  } catch {
    return null;
  }
}

/** The SQLite file the settings name, or null for a store that is not one (in memory, EventStoreDB). */
export const sqliteFileOf = (settings: { readonly EVENT_STORE: string; readonly SQLITE_PATH: string }): string | null =>
  settings.EVENT_STORE === 'sqlite' && settings.SQLITE_PATH !== ':memory:' ? settings.SQLITE_PATH : null;

const SAYS_NO_ROOM = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT']);

/** "8 KB", "0 KB": what is left, as an operator reads `df -k`. */
const kilobytes = (bytes: number): string => `${Math.floor(bytes / 1024)} KB`;

/**
 * A store (or a file beside it) that could not be written or read because its disk has no room:
 * `code` DISK_FULL, in English and Chinese, naming the file, the space left and what to do. The
 * error SQLite or the system raised is its `cause` (the English names its code too).
 */
export class DiskFullError extends Error {
  readonly code = 'DISK_FULL';
  readonly messageZh: string;
  constructor(
    /** The file whose disk is full (the store, or the file the system named). */
    readonly path: string,
    /** Bytes left in its folder when it failed; null when that could not be told. */
    readonly freeBytes: number | null,
    cause: unknown,
  ) {
    const message = diskFullMessage(path, freeBytes, cause);
    super(message.en, { cause });
    this.messageZh = message.zh;
    this.name = 'DiskFullError';
  }
}

function diskFullMessage(path: string, freeBytes: number | null, cause: unknown): Bilingual {
  // A failure that already says what it could not write, in both languages (the store witness): its words, under the code.
  const own = messageZhOf(cause);
  if (own) return say(`Disk full (DISK_FULL): ${(cause as Error).message}`, `磁盘已满（DISK_FULL）：${own}`);
  const left = freeBytes === null ? '' : `, ${kilobytes(freeBytes)} free`;
  const leftZh = freeBytes === null ? '' : `（仅剩 ${kilobytes(freeBytes)}）`;
  const code = (cause as { code?: unknown } | null)?.code;
  const answered = `${typeof code === 'string' ? `${code}: ` : ''}${cause instanceof Error ? cause.message : String(cause)}`;
  return say(
    `Disk full (DISK_FULL): the disk holding ${path} is full (${answered}${left}), so nothing could be written there. Free space on that disk (at least ${LOW_SPACE_BYTES / 1024 / 1024} MB) and try again.`,
    `磁盘已满（DISK_FULL）：${path} 所在的磁盘已满${leftZh}，无法写入。请在该磁盘上腾出空间（至少 ${LOW_SPACE_BYTES / 1024 / 1024} MB）后重试。`,
  );
}

/**
 * The failure told as the full disk it is, or null when it is not one: SQLITE_FULL, ENOSPC or
 * EDQUOT always (naming the file the system named, else the store), and an SQLITE_IOERR_* when the
 * store's folder has less than LOW_SPACE_BYTES left.
 * @param storeFile the SQLite file the failure met (null for a store that is not a file).
 * @param freeBytes how the free space is read (tests give their own).
 */
export function diskFullOf(error: unknown, storeFile: string | null, freeBytes: (folder: string) => number | null = freeBytesIn): DiskFullError | null {
  if (error instanceof DiskFullError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  const named = (error as { path?: unknown }).path;
  const path = typeof named === 'string' && !code.startsWith('SQLITE_') ? named : storeFile;
  if (path === null) return null;
  const free = freeBytes(dirname(path));
  if (SAYS_NO_ROOM.has(code)) return new DiskFullError(path, free, error);
  if (code.startsWith('SQLITE_IOERR') && free !== null && free < LOW_SPACE_BYTES) return new DiskFullError(path, free, error);
  return null;
}
