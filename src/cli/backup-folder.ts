import { existsSync } from 'node:fs';

/**
 * A folder beside `folder` that does not exist yet, for store:backup's refusal of a folder that
 * holds a backup (newcomer19 S1): `folder` with the local time added (`/backup/rectify/2026-12-01` at
 * 14:35 → `/backup/rectify/2026-12-01-1435`), then `-2`, `-3`… while those exist. A folder already
 * named with the time (the README's `$(date +%F-%H%M)`: `…/2026-12-01-1518`) gets `-2`, `-3`…, not
 * the time twice (newcomer20 S1: `…-1518-1518`).
 * @param now the local time (the office's clock, as `date` gives it).
 */
export function freeFolderBeside(folder: string, now = new Date(), exists: (path: string) => boolean = existsSync): string {
  const bare = folder.replace(/[\\/]+$/, '');
  const time = `${String(now.getHours()).padStart(2, '0')}${String(now.getMinutes()).padStart(2, '0')}`;
  const base = /\d{4}-\d{2}-\d{2}-\d{4}$/.test(bare) ? bare : `${bare}-${time}`;
  let candidate = base === bare ? `${bare}-2` : base;
  for (let n = base === bare ? 3 : 2; exists(candidate) && n < 1000; n += 1) candidate = `${base}-${n}`;
  return candidate;
}

/**
 * A path as one word for a POSIX shell, so that an advised command pasted as it is gets one argument
 * (breaker9j P4: `…/2026年12月1日 上午-1547` unquoted was two): as it is when it holds only characters no
 * shell splits or expands, else in single quotes (a `'` inside written `'\''`).
 */
export function shellWord(path: string): string {
  return /^[\p{L}\p{N}_./:@%+,=-]+$/u.test(path) ? path : `'${path.replace(/'/g, "'\\''")}'`;
}
