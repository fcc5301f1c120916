import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';

/**
 * Where a SQLite file really is: its absolute path with every symbolic link resolved. What knows a
 * store by its place goes by this, never by the path as typed (breaker9g P6: head statements of one
 * file reached by two paths taken for another copy's; breaker9j P1: a second server reaching the live
 * store through a link saw neither its registry entry nor its witness, and generated a key of its
 * own). The folder's real path and the file's name while the file does not exist yet; the path as
 * given (absolute) where not even the folder does.
 */
export function realPlaceOf(sqlitePath: string): string {
  try {
    return realpathSync(sqlitePath);
  } catch {
    try {
      return join(realpathSync(dirname(resolve(sqlitePath))), basename(sqlitePath));
    } catch {
      return resolve(sqlitePath);
    }
  }
}

/**
 * Whether a place written down earlier (a witness copy's `location`, a witness's `keyCopy`: the path
 * as it was resolved then, links possibly unresolved by an older version) is `place` (a real place).
 */
export const isPlace = (written: string, place: string): boolean => written === place || realPlaceOf(written) === place;

/**
 * The path the operator reached the store by, absolute, symbolic links unresolved — also those above
 * the working folder: a relative `sqlitePath` is read from the shell's `PWD` when it names the
 * working folder (same device and inode; Node's `process.cwd()` is the real folder, links resolved),
 * else from `process.cwd()`. With the app folder a link (`/srv/rectify -> releases/v2`, breaker9m P2)
 * this is `/srv/rectify/data/rectify.db` whichever release the link names.
 */
export function servedPathOf(sqlitePath: string, env: NodeJS.ProcessEnv = process.env): string {
  if (isAbsolute(sqlitePath)) return resolve(sqlitePath);
  const pwd = env.PWD;
  if (pwd && isAbsolute(pwd)) {
    try {
      const shell = statSync(pwd);
      const here = statSync(process.cwd());
      if (shell.dev === here.dev && shell.ino === here.ino) return resolve(pwd, sqlitePath);
    } catch {
      // PWD names no folder now: the working folder as Node knows it.
    }
  }
  return resolve(sqlitePath);
}
