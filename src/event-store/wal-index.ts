import { readSync } from 'node:fs';
import { endianness } from 'node:os';
import { readHeldFile } from './held-file-read.js';

/**
 * The first `length` bytes of the WAL index at `shmPath`; null when there is none or it is shorter.
 *
 * newcomer46-10 S4: read through `readHeldFile`, never by a descriptor of our own that is then closed. SQLite keeps
 * its shared "DMS" lock on the -shm with fcntl, and a close of ANY descriptor of the file drops every fcntl lock the
 * process holds on it: the running server then held no lock on its -shm, so the next tool to open the store
 * (units:import --dry-run, plan:import) took it for the only connection, truncated the -shm and rebuilt it — under
 * the server's mapping of it, which died of SIGBUS ("Bus error", nothing logged).
 */
function readIndexHead(shmPath: string, length: number): Buffer | null {
  try {
    return readHeldFile(shmPath, (fd) => {
      const head = Buffer.alloc(length);
      return readSync(fd, head, 0, length, 0) < length ? null : head;
    });
  } catch {
    return null;
  }
}

/**
 * The bytes a SQLite -wal must hold for the frames its WAL index (the -shm beside it) says were committed: its 32-byte header
 * and `mxFrame` frames of (page size + 24) bytes each; 0 when the index names no frame (a -wal restarted or truncated by a
 * checkpoint); null when there is no index to read (no -shm, shorter than its header, not yet initialised).
 *
 * Read from the first copy of the index header (SQLite's wal.c, "WAL-index Format": `WalIndexHdr` at offset 0 — iVersion u32,
 * unused u32, iChange u32, isInit u8, bigEndCksum u8, szPage u16 at 14 (1 meaning 65536), mxFrame u32 at 16 — in the machine's
 * byte order). A -wal shorter than this lost committed frames (breaker9a P4: emptied in place under the running server).
 */
export function walBytesIndexed(shmPath: string): number | null {
  const header = readIndexHead(shmPath, 20);
  if (header === null || header[12] !== 1) return null;
  const little = endianness() === 'LE';
  const storedPageSize = little ? header.readUInt16LE(14) : header.readUInt16BE(14);
  const pageSize = storedPageSize === 1 ? 65_536 : storedPageSize;
  const frames = little ? header.readUInt32LE(16) : header.readUInt32BE(16);
  return frames === 0 ? 0 : 32 + frames * (pageSize + 24);
}

/**
 * Whether every frame the WAL index (the -shm) names was written into the main file by a checkpoint (`nBackfill` ≥ `mxFrame`;
 * `WalCkptInfo.nBackfill` u32 at offset 96, after the index header's two 48-byte copies): then every commit made so far is in
 * the main file too, and losing the -wal loses none of them. True when the index names no frame; false when it cannot be read.
 */
export function walWhollyCheckpointed(shmPath: string): boolean {
  const header = readIndexHead(shmPath, 100);
  if (header === null || header[12] !== 1) return false;
  const little = endianness() === 'LE';
  const frames = little ? header.readUInt32LE(16) : header.readUInt32BE(16);
  const backfilled = little ? header.readUInt32LE(96) : header.readUInt32BE(96);
  return frames === 0 || backfilled >= frames;
}
