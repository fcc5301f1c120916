import { closeSync, fstatSync, openSync, readdirSync, readSync, statSync, writeSync } from 'node:fs';

/*
 * breaker9u P1: one `sqlite3 rectify.db 'select count(*) from events'` against a running server
 * deleted the server's -wal and -shm, and every write was refused from then on. A POSIX close() of
 * ANY descriptor of a file drops every fcntl lock the process holds on it (POSIX.1-2008, close(2):
 * "all outstanding record locks owned by the process on the file associated with the file descriptor
 * shall be removed") — SQLite's SHARED lock on the database file included, which SQLite then believes
 * it still holds and never takes again. The server read its own store file with plain open/read/close
 * (the overwrite check, store-file-overwrite.ts; the page-size look before a start, stray-wal.ts), so
 * it held no lock on rectify.db at all, and another process closing a read-write connection (the
 * sqlite3 command-line shell, a second server's short-lived connection, a tool) took the EXCLUSIVE
 * lock, checkpointed and deleted the -wal under it.
 *
 * So a file SQLite may have open in this process is read here without ever closing a descriptor of
 * it: through a descriptor SQLite itself holds on the same file (found in /proc/self/fd by device
 * and inode), read with positioned reads (pread: the descriptor's offset is not moved, SQLite's own
 * reads are not disturbed), never closed. Why not one descriptor of our own, kept open for the
 * store's life: it would have to be closed some time, and the store's close is not the last SQLite
 * connection of the process to that file (the writer thread's, a detached store's connection left
 * open on purpose, a tool's inspection); nor a re-open of /proc/self/fd/N: that is a new descriptor
 * of the same file, and its close drops the locks just the same. When no descriptor of the file is
 * open in this process, no lock of the process is on it, and a plain open/close costs nothing. Where
 * /proc/self/fd cannot be read (not Linux), one descriptor per file is opened and kept for the life
 * of the thread, never closed.
 */

/** A file's device and inode, as bigint stats give them. */
interface Node {
  readonly dev: bigint;
  readonly ino: bigint;
}

const PROC_FDS = '/proc/self/fd';

/** Descriptors kept open where /proc/self/fd cannot be read, by `device:inode` (never closed: see above). */
const kept = new Map<string, number>();

const nodeOf = (fd: number): Node | null => {
  try {
    const stat = fstatSync(fd, { bigint: true });
    return stat.isFile() ? { dev: stat.dev, ino: stat.ino } : null;
  } catch {
    // Closed meanwhile by another thread (or a descriptor fstat cannot look at).
    return null;
  }
};

const same = (a: Node | null, b: Node) => a !== null && a.dev === b.dev && a.ino === b.ino;

/**
 * A descriptor open in this process on the file `node` (SQLite's, when a connection has it open);
 * null when there is none; undefined when /proc/self/fd cannot be read.
 */
function openDescriptorOf(node: Node): number | null | undefined {
  let names: string[];
  try {
    names = readdirSync(PROC_FDS);
  } catch {
    return undefined;
  }
  for (const name of names) {
    const fd = Number(name);
    if (Number.isInteger(fd) && fd > 2 && same(nodeOf(fd), node)) return fd;
  }
  return null;
}

/** How many times a read is made again when the descriptor it used was closed and reused meanwhile. */
const ATTEMPTS = 4;

/**
 * Runs `read` on a descriptor of the file at `path` without this process ever closing a descriptor
 * of a file SQLite may hold open in it (see above). `read` gets the descriptor and the file's size in
 * bytes; it must read only with positioned reads (`readSync(fd, buffer, offset, length, position)`
 * with a number `position`), and never close the descriptor.
 * @throws the file system's error when `path` names no file, and whatever `read` throws.
 */
export function readHeldFile<T>(path: string, read: (fd: number, bytes: number) => T): T {
  for (let attempt = 1; ; attempt += 1) {
    const target = statSync(path, { bigint: true });
    const node: Node = { dev: target.dev, ino: target.ino };
    const open = openDescriptorOf(node);
    if (open === undefined) return read(keptDescriptor(path, node), Number(target.size));
    if (open === null) {
      // No descriptor of it in this process: no lock of the process on it for a close to drop.
      const fd = openSync(path, 'r');
      try {
        return read(fd, Number(fstatSync(fd).size));
      } finally {
        closeSync(fd);
      }
    }
    let result: T;
    try {
      result = read(open, Number(target.size));
    } catch (error) {
      // A descriptor another thread closed (and the number given to another file) mid-read: read again.
      if (attempt < ATTEMPTS && !same(nodeOf(open), node)) continue;
      throw error;
    }
    if (same(nodeOf(open), node)) return result;
    if (attempt >= ATTEMPTS) throw new Error(`${path}: the descriptor read was closed and given to another file ${ATTEMPTS} times over`);
  }
}

function keptDescriptor(path: string, node: Node): number {
  const key = `${node.dev}:${node.ino}`;
  let fd = kept.get(key);
  if (fd === undefined || !same(nodeOf(fd), node)) {
    fd = openSync(path, 'r');
    kept.set(key, fd);
  }
  return fd;
}

/** How many bytes `copyHeldFile` reads at a time. */
const COPY_CHUNK_BYTES = 1024 * 1024;

/**
 * Copies the file at `path` to `to` (created, or overwritten) through `readHeldFile`, read to its end with positioned reads:
 * the copy a plain `copyFileSync` makes opens and closes a descriptor of its own on the file, which drops every fcntl lock a
 * SQLite connection of this process holds on it (see above; s9: the rescue's copy of the main file, breaker9x P3's copy of
 * the store as found). Returns the bytes copied.
 * @throws the file system's error when `path` names no file or `to` cannot be written.
 */
export function copyHeldFile(path: string, to: string): number {
  return readHeldFile(path, (fd) => {
    const out = openSync(to, 'w');
    try {
      const chunk = Buffer.alloc(COPY_CHUNK_BYTES);
      let at = 0;
      for (;;) {
        const read = readSync(fd, chunk, 0, chunk.length, at);
        if (read === 0) return at;
        writeSync(out, chunk, 0, read);
        at += read;
      }
    } finally {
      closeSync(out);
    }
  });
}

/** The whole file at `path`, read through `readHeldFile` (never a descriptor of its own closed: see above). */
export function readWholeHeldFile(path: string): Buffer {
  return readHeldFile(path, (fd, bytes) => {
    const parts: Buffer[] = [];
    let at = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.max(Math.min(bytes - at, COPY_CHUNK_BYTES), 64 * 1024));
      const read = readSync(fd, chunk, 0, chunk.length, at);
      if (read === 0) return Buffer.concat(parts);
      parts.push(read === chunk.length ? chunk : chunk.subarray(0, read));
      at += read;
    }
  });
}
