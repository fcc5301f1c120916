import { realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

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
