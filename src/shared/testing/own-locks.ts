import { readFileSync, statSync } from 'node:fs';

/**
 * This process's fcntl locks on the file at `path` (by its inode), as lines of /proc/locks (Linux only; the caller skips elsewhere).
 * Used to show that SQLite's locks on a store file or its -shm survive the server's own reads of them (breaker9u P1, newcomer46-10 S4).
 * @throws the file system's error when `path` names no file or /proc/locks cannot be read.
 */
export const ownLocksOn = (path: string): string[] => {
  const inode = String(statSync(path).ino);
  return readFileSync('/proc/locks', 'utf8')
    .split('\n')
    .filter((line) => {
      const fields = line.trim().split(/\s+/);
      return fields[4] === String(process.pid) && fields[5]?.split(':').at(-1) === inode;
    });
};
