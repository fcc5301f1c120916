import type Database from 'better-sqlite3';
import { randomInt } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { readHeldFile } from './held-file-read.js';

/*
 * breaker9z P4 (breaker9y P9): a backup `cp`'d in place over a crashed store of the same size, its -wal left beside it.
 * The file keeps its device, inode and size, so nothing the witness kept of it (stray-wal.ts) tells it from the file the
 * -wal was written over, and SQLite applies the -wal's frames over the backup's pages: a page mix of two files, refused
 * as index damage (REINDEX advised, which then loses index rows) or as checkpoints missing though every event is there.
 *
 * The content mark: every write transaction of Rectify's counts itself in SQLite's `user_version` (the database header,
 * page 1, bytes 60–63: one up per write) and gives `application_id` (bytes 68–71) a new tag drawn at random (its high 16
 * bits) with the tag of the write before it (its low 16 bits; `markWriteTransaction`), so every commit's frames in the
 * -wal carry page 1 with its count, its tag and the tag before. A -wal is written over the file as it was when the -wal
 * began, and a checkpoint copies its frames into the file: the file under a -wal of its own therefore carries the header
 * marks of one of the -wal's page-1 frames, or those the first of them followed — the count before it and the tag it
 * names. A file that carries any other — an older copy, another store's, a copy of this store written to elsewhere since
 * (a restore drill's) — is not the file the -wal was written over (`walMarkMismatch`).
 *
 * breaker51-9 S1: a count alone does not tell a restore drill from production: a drill started from a backup counts on
 * from the backup's count as production does, so a drill that wrote no more than production since carried one of the
 * counts in production's -wal, and its file copied over production's passed. Two copies written to apart from one backup
 * draw tags of their own.
 *
 * breaker52-9 S2/S9, newcomer52-9 S1: the release of breaker51-9 S1 put a random mark in `user_version` itself; releases
 * before it judge a -wal by counts alone (its first page-1 count one more than the file's, or the file's count among the
 * -wal's) and took that release's -wal, left by a crash, for another file's: a rollback moved the store's own -wal aside
 * and proposed a reset dropping what it held. `user_version` is a count again, as every release before expects, and
 * the random part is where they never look. The other way round, a release that counts leaves `application_id` as it
 * found it: a frame counting one on from the file with the file's `application_id` unchanged is such a release's write
 * (breaker52-9 S7: the two serving one file at once), and a frame whose `application_id` is the file's count is a write
 * of breaker51-9 S1's release (its random mark in `user_version`, the one it replaced in `application_id`).
 *
 * Read from the files' bytes, before anything opens the store (stray-wal.ts) and under the running server whenever the
 * file changed (store-file-overwrite.ts): the -wal format is SQLite's
 * (https://www.sqlite.org/fileformat2.html#the_write_ahead_log), frames taken as SQLite takes them — salts of the
 * header, running checksums holding, up to the last commit frame.
 */

/** The count after `count` (a positive 31-bit integer; after 2^31 − 1 comes 1 again): the `user_version` of the write after one that left `count`. */
export const nextWriteCount = (count: number): number => (count >= 0x7fffffff || count < 0 ? 1 : count + 1);

/** The random tag in an `application_id` (as 32 unsigned bits) this version wrote: its high 16 bits. */
export const tagOf = (applicationId: number): number => (applicationId >>> 16) & 0xffff;

/**
 * The `application_id` (as 32 unsigned bits) of the write after one that left `applicationId`: a tag drawn at random
 * from 1 to 65 535 in the high 16 bits — never the tag before, so that a write of this version never leaves the value
 * as it found it (what a release that only counts does) — and the tag before in the low 16 bits.
 */
export const nextWriteTag = (applicationId: number): number => {
  const before = tagOf(applicationId);
  for (;;) {
    const drawn = randomInt(1, 0x10000);
    if (drawn !== before) return ((drawn << 16) | before) >>> 0;
  }
};

/**
 * Marks the write transaction `db` is in (see the top of this file): `user_version` one up, a new tag in `application_id`
 * with the tag before. Call inside the transaction (better-sqlite3's `db.transaction`), so that the mark and the writes
 * commit together; it puts page 1 into the transaction's frames (4 KiB more per commit in the -wal).
 */
export function markWriteTransaction(db: Database.Database): void {
  const count = db.pragma('user_version', { simple: true }) as number;
  const id = (db.pragma('application_id', { simple: true }) as number) >>> 0;
  db.pragma(`user_version = ${nextWriteCount(count)}`);
  // SQLite takes and gives the header's 32 bits as a signed integer.
  db.pragma(`application_id = ${nextWriteTag(id) | 0}`);
}

/** What `walkWal` read of a -wal: its page size, the page-1 write counts of its committed frames, and where its checksums break. */
interface WalWalk {
  readonly pageSize: number;
  readonly counts: readonly number[];
  /** The `application_id` of each of those page-1 frames (32 unsigned bits; see the top of this file). */
  readonly ids: readonly number[];
  /** Frames SQLite reads: those up to the last commit frame before the first frame that is not this -wal's or whose checksum fails. */
  readonly readFrames: number;
  /** The first frame (from 1) that carries this -wal's salts but whose running checksum fails; null when none does. */
  readonly brokenFrame: number | null;
  /** Frames from `brokenFrame` on that carry this -wal's salts (written in this -wal's generation, after the break); 0 without a break. */
  readonly framesPastBreak: number;
  /** Of those, the commit frames (each the end of a transaction that was committed, hence acknowledged). */
  readonly commitsPastBreak: number;
  /** All whole frames in the file (of any generation). */
  readonly frames: number;
}

/**
 * The -wal's frames walked as SQLite's recovery walks them (https://www.sqlite.org/fileformat2.html#the_write_ahead_log):
 * salts of the header, running checksums (pairs of 32-bit words in the byte order the magic names), up to the last commit
 * frame; then on past a checksum that fails, counting the frames that still carry the header's salts. Null for no -wal
 * SQLite would read (too short, another magic, a page size SQLite never writes, a header whose checksum fails). Pure.
 */
function walkWal(wal: Buffer): WalWalk | null {
  if (wal.length < 32) return null;
  const magic = wal.readUInt32BE(0);
  if (magic !== 0x377f0682 && magic !== 0x377f0683) return null;
  const bigEndian = magic === 0x377f0683;
  const pageSize = wal.readUInt32BE(8);
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) return null;
  const sum = (from: number, to: number, start: readonly [number, number]): [number, number] => {
    let [s0, s1] = start;
    for (let at = from; at < to; at += 8) {
      const x0 = bigEndian ? wal.readUInt32BE(at) : wal.readUInt32LE(at);
      const x1 = bigEndian ? wal.readUInt32BE(at + 4) : wal.readUInt32LE(at + 4);
      s0 = (s0 + x0 + s1) >>> 0;
      s1 = (s1 + x1 + s0) >>> 0;
    }
    return [s0, s1];
  };
  let checksum = sum(0, 24, [0, 0]);
  if (checksum[0] !== wal.readUInt32BE(24) || checksum[1] !== wal.readUInt32BE(28)) return null;
  const salts = [wal.readUInt32BE(16), wal.readUInt32BE(20)];
  const frameSize = 24 + pageSize;
  const frames = Math.floor((wal.length - 32) / frameSize);
  const ours = (frame: number) => wal.readUInt32BE(32 + frame * frameSize + 8) === salts[0] && wal.readUInt32BE(32 + frame * frameSize + 12) === salts[1];
  const committed: number[] = [];
  const pending: number[] = [];
  const committedIds: number[] = [];
  const pendingIds: number[] = [];
  let readFrames = 0;
  let frame = 0;
  for (; frame < frames; frame++) {
    const at = 32 + frame * frameSize;
    if (!ours(frame)) break;
    checksum = sum(at + 24, at + frameSize, sum(at, at + 8, checksum));
    if (checksum[0] !== wal.readUInt32BE(at + 16) || checksum[1] !== wal.readUInt32BE(at + 20)) break;
    if (wal.readUInt32BE(at) === 1) {
      pending.push(wal.readUInt32BE(at + 24 + 60));
      pendingIds.push(wal.readUInt32BE(at + 24 + 68));
    }
    // A commit frame (the database size after it, non-zero) ends a transaction: its frames count from now on.
    if (wal.readUInt32BE(at + 4) !== 0) {
      committed.push(...pending.splice(0));
      committedIds.push(...pendingIds.splice(0));
      readFrames = frame + 1;
    }
  }
  const broken = frame < frames && ours(frame) ? frame : null;
  let framesPastBreak = 0;
  let commitsPastBreak = 0;
  if (broken !== null) {
    for (let next = broken; next < frames; next++) {
      if (!ours(next)) continue;
      framesPastBreak++;
      if (wal.readUInt32BE(32 + next * frameSize + 4) !== 0) commitsPastBreak++;
    }
  }
  return { pageSize, counts: committed, ids: committedIds, readFrames, brokenFrame: broken === null ? null : broken + 1, framesPastBreak, commitsPastBreak, frames };
}

/** The page-1 write counts of the -wal's committed frames, in order, and its page size; null when the -wal holds no committed frame SQLite would read. */
export function walWriteCounts(wal: Buffer): { readonly pageSize: number; readonly counts: readonly number[] } | null {
  const walk = walkWal(wal);
  return walk ? { pageSize: walk.pageSize, counts: walk.counts } : null;
}

/**
 * breaker45-9 S1: a -wal damaged in one of its frames (a bad disk block, a copy or sync gone wrong). SQLite's recovery
 * stops at the first frame whose running checksum fails and reads the file as it was at the last commit before it; the
 * frames after it — acknowledged events among them — are still in the -wal, but no SQLite connection reads them, and the
 * first read-write connection's checkpoint and a clean stop's deletion of the -wal destroy them. Told from a -wal that
 * merely ends (a crash mid-write leaves no frame of its own generation past the break beyond the one being written).
 */
export interface WalBreak {
  /** The first frame (from 1) whose checksum fails. */
  readonly brokenFrame: number;
  /** Frames SQLite reads (up to the last commit before the break). */
  readonly readFrames: number;
  /** Frames of this -wal from the break on, which SQLite does not read. */
  readonly unreadFrames: number;
  /** Of those, commit frames: transactions committed after the break, which SQLite does not read. */
  readonly unreadCommits: number;
  /** Whole frames in the file. */
  readonly frames: number;
}

/**
 * Where the -wal (`wal`, its bytes) is damaged: a frame carrying the -wal's own salts whose checksum fails, with a
 * commit frame of the -wal at or after it (a transaction cut by a crash mid-write has no commit frame on disk: it was
 * never committed, so never acknowledged). Null when SQLite reads every frame of this -wal's generation, or it is no -wal SQLite reads. Pure.
 */
export function walBreak(wal: Buffer): WalBreak | null {
  const walk = walkWal(wal);
  if (!walk || walk.brokenFrame === null || walk.commitsPastBreak === 0) return null;
  return { brokenFrame: walk.brokenFrame, readFrames: walk.readFrames, unreadFrames: walk.framesPastBreak, unreadCommits: walk.commitsPastBreak, frames: walk.frames };
}

/** `walBreak` of the `<file>-wal` beside the SQLite file at `file`, read from disk without SQLite; null when there is none, it cannot be read, or it is whole. */
export function walBreakOnDisk(file: string): WalBreak | null {
  const bytes = walBytesOnDisk(file);
  return bytes ? walBreak(bytes) : null;
}

/** The bytes of the `<file>-wal` beside the SQLite file at `file` (a descriptor of the -wal's own, closed: SQLite keeps no lock on it); null when it cannot be read. */
function walBytesOnDisk(file: string): Buffer | null {
  let descriptor: number | null = null;
  try {
    const wal = `${file}-wal`;
    descriptor = openSync(wal, 'r');
    const bytes = Buffer.alloc(statSync(wal).size);
    const read = readSync(descriptor, bytes, 0, bytes.length, 0);
    return bytes.subarray(0, read);
  } catch {
    return null;
  } finally {
    if (descriptor !== null) closeSync(descriptor);
  }
}

/** Why a -wal was not written over the file beside it, by their write marks (see the top of this file). */
export interface WalMarkMismatch {
  /** The file's write count (`user_version`). */
  readonly fileMark: number;
  /** The file's tag (`application_id`'s high 16 bits). */
  readonly fileTag: number;
  /** The count of the file the -wal was written over: one before its first committed page-1 frame's. */
  readonly walFirstPrevious: number;
  /** The tag of the file the -wal was written over, as its first committed page-1 frame names it (`application_id`'s low 16 bits). */
  readonly walFirstPreviousTag: number;
  /** The -wal's last committed count. */
  readonly walLastMark: number;
}

/**
 * Whether the -wal (`wal`, its bytes) was written over another file than one whose header reads `fileHeader` (its first
 * 100 bytes), by the marks of the top of this file. They fit when the file's header marks (`user_version`,
 * `application_id`) are those of one of the -wal's committed page-1 frames (a checkpoint copied it), or when the first
 * of those frames follows the file's: its count one more, and its `application_id` naming the file's tag (this version),
 * left as the file's (a release that only counted), or holding the file's `user_version` (breaker51-9 S1's release, its
 * mark random). Null when they fit, or when nothing can be told: no committed page-1 frame (a -wal of writes that did
 * not mark themselves), or page sizes that differ (stray-wal.ts says so). Pure.
 */
export function walMarkMismatch(fileHeader: Buffer, wal: Buffer): WalMarkMismatch | null {
  return markMismatchOf(fileHeader, walkWal(wal));
}

/** `walMarkMismatch` of the file header and what a walk of the -wal read (its page size, its committed page-1 frames' counts and ids). */
function markMismatchOf(fileHeader: Buffer, walk: Pick<WalWalk, 'pageSize' | 'counts' | 'ids'> | null): WalMarkMismatch | null {
  if (fileHeader.length < 100 || fileHeader.toString('latin1', 0, 16) !== 'SQLite format 3\u0000') return null;
  if (!walk || walk.counts.length === 0) return null;
  const filePageSize = fileHeader.readUInt16BE(16) === 1 ? 65536 : fileHeader.readUInt16BE(16);
  if (filePageSize !== walk.pageSize) return null;
  const fileMark = fileHeader.readUInt32BE(60);
  const fileId = fileHeader.readUInt32BE(68);
  if (walk.counts.some((count, at) => count === fileMark && walk.ids[at] === fileId)) return null;
  const first = walk.counts[0]!;
  const firstId = walk.ids[0]!;
  if (nextWriteCount(fileMark) === first) {
    // This version's write: a new tag, the file's tag kept below it.
    if (tagOf(firstId) !== 0 && (firstId & 0xffff) === tagOf(fileId)) return null;
    // A release that counted and left application_id as it found it (breaker52-9 S7, S9).
    if (firstId === fileId) return null;
  }
  // breaker51-9 S1's release: a random mark in user_version, the one it replaced in application_id.
  if (firstId === fileMark) return null;
  return { fileMark, fileTag: tagOf(fileId), walFirstPrevious: first === 1 ? 0x7fffffff : first - 1, walFirstPreviousTag: firstId & 0xffff, walLastMark: walk.counts.at(-1)! };
}

/**
 * `walMarkMismatch` of the SQLite file at `file` (its real path) and the `<file>-wal` beside it, read from disk without
 * SQLite (the file through `readHeldFile`: a descriptor closed here must not drop a lock this process holds on it). Null
 * when either cannot be read, or they fit.
 */
export function walMarkMismatchOnDisk(file: string, memo?: WalMarksMemo): WalMarkMismatch | null {
  let header: Buffer | null;
  try {
    header = readHeldFile(file, (fd) => {
      const buffer = Buffer.alloc(100);
      return readSync(fd, buffer, 0, 100, 0) === 100 ? buffer : null;
    });
  } catch {
    return null;
  }
  if (!header) return null;
  if (memo) return markMismatchOf(header, memo.walk(`${file}-wal`));
  const wal = walBytesOnDisk(file);
  return wal ? walMarkMismatch(header, wal) : null;
}

/** Where a walk of a -wal's marks stopped: after its last commit frame, with what it had read up to there. */
interface WalMarksWalked {
  /** The -wal's inode, and its header (32 bytes: magic, page size, checkpoint sequence, salts, checksum) as walked. */
  readonly ino: bigint;
  readonly header: Buffer;
  readonly pageSize: number;
  /** Byte offset after the last commit frame walked (32 when none was). */
  readonly offset: number;
  /** The running checksum at `offset`. */
  readonly checksum: readonly [number, number];
  readonly counts: readonly number[];
  readonly ids: readonly number[];
}

/**
 * The committed page-1 write marks of a -wal (`walkWal`'s `counts`, `ids`, `pageSize`), walked on from where the last walk of the
 * same -wal stopped: a server checks the store file under it whenever another process (a second server, `plan:import`) wrote it
 * (StoreFileOverwrite), and reading and checksumming the whole -wal each time — 0.7–1.0 s of the event loop for a -wal of tens
 * of MB, per /health call while the other process wrote (breaker56-10 S3) — is replaced by reading its header (32 bytes) and
 * the frames appended since the last commit frame walked. The same -wal is the same inode with the same header (its salts
 * change whenever SQLite starts it over, after a checkpoint): frames SQLite committed in one generation are never written
 * again in it, so what the earlier walk read of them still holds; anything else (another inode, another header, a file
 * shorter than the frames walked) is walked from its start, as `walkWal` walks it. Not state of the store: one per watch.
 */
export class WalMarksMemo {
  private walked: WalMarksWalked | null = null;

  /** The -wal at `wal`'s page size and committed page-1 frames' counts and ids; null when it holds none SQLite reads, or cannot be read. */
  walk(wal: string): { readonly pageSize: number; readonly counts: readonly number[]; readonly ids: readonly number[] } | null {
    let descriptor: number | null = null;
    try {
      descriptor = openSync(wal, 'r');
      const stat = fstatSync(descriptor, { bigint: true });
      const size = Number(stat.size);
      const header = Buffer.alloc(32);
      if (size < 32 || readSync(descriptor, header, 0, 32, 0) < 32) return (this.walked = null);
      const before = this.walked;
      const goesOn = before !== null && before.ino === stat.ino && before.header.equals(header) && size >= before.offset;
      const from = goesOn ? before : startOfWal(stat.ino, header);
      if (!from) return (this.walked = null);
      const tail = Buffer.alloc(size - from.offset);
      const read = tail.length === 0 ? 0 : readSync(descriptor, tail, 0, tail.length, from.offset);
      this.walked = walkMarksOn(from, tail.subarray(0, read));
      return this.walked;
    } catch {
      return (this.walked = null);
    } finally {
      if (descriptor !== null) closeSync(descriptor);
    }
  }
}

/** A walk of the -wal whose header is `header` before its first frame; null for a header SQLite would not read (as `walkWal`). */
function startOfWal(ino: bigint, header: Buffer): WalMarksWalked | null {
  const magic = header.readUInt32BE(0);
  if (magic !== 0x377f0682 && magic !== 0x377f0683) return null;
  const pageSize = header.readUInt32BE(8);
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) return null;
  const checksum = walChecksum(header, 0, 24, [0, 0], magic === 0x377f0683);
  if (checksum[0] !== header.readUInt32BE(24) || checksum[1] !== header.readUInt32BE(28)) return null;
  return { ino, header: Buffer.from(header), pageSize, offset: 32, checksum, counts: [], ids: [] };
}

/** `walked` gone on over `tail` (the -wal's bytes from `walked.offset` on), up to the last commit frame in it, as `walkWal` walks. */
function walkMarksOn(walked: WalMarksWalked, tail: Buffer): WalMarksWalked {
  const bigEndian = walked.header.readUInt32BE(0) === 0x377f0683;
  const salts = [walked.header.readUInt32BE(16), walked.header.readUInt32BE(20)];
  const frameSize = 24 + walked.pageSize;
  const counts = [...walked.counts];
  const ids = [...walked.ids];
  const pending: number[] = [];
  const pendingIds: number[] = [];
  let checksum = walked.checksum;
  let committedAt = 0;
  let committedChecksum = checksum;
  for (let at = 0; at + frameSize <= tail.length; at += frameSize) {
    if (tail.readUInt32BE(at + 8) !== salts[0] || tail.readUInt32BE(at + 12) !== salts[1]) break;
    checksum = walChecksum(tail, at + 24, at + frameSize, walChecksum(tail, at, at + 8, checksum, bigEndian), bigEndian);
    if (checksum[0] !== tail.readUInt32BE(at + 16) || checksum[1] !== tail.readUInt32BE(at + 20)) break;
    if (tail.readUInt32BE(at) === 1) {
      pending.push(tail.readUInt32BE(at + 24 + 60));
      pendingIds.push(tail.readUInt32BE(at + 24 + 68));
    }
    if (tail.readUInt32BE(at + 4) !== 0) {
      counts.push(...pending.splice(0));
      ids.push(...pendingIds.splice(0));
      committedAt = at + frameSize;
      committedChecksum = checksum;
    }
  }
  return { ...walked, offset: walked.offset + committedAt, checksum: committedChecksum, counts, ids };
}

/** SQLite's -wal checksum over `bytes[from, to)` (pairs of 32-bit words in the order the magic names) from `start`. */
function walChecksum(bytes: Buffer, from: number, to: number, start: readonly [number, number], bigEndian: boolean): [number, number] {
  let [s0, s1] = start;
  for (let at = from; at < to; at += 8) {
    const x0 = bigEndian ? bytes.readUInt32BE(at) : bytes.readUInt32LE(at);
    const x1 = bigEndian ? bytes.readUInt32BE(at + 4) : bytes.readUInt32LE(at + 4);
    s0 = (s0 + x0 + s1) >>> 0;
    s1 = (s1 + x1 + s0) >>> 0;
  }
  return [s0, s1];
}
