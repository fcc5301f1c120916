import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { say, type Bilingual } from '../shared/domain-error.js';
import { officeInstantZh } from '../shared/calendar-date.js';

/**
 * What a running server found when the -wal of its store was emptied or cut short under it (breaker42-9 F7), kept beside the
 * store as `<path>-wal-emptied.json` so that the next start's refusal says it (it said only STORE_EMPTY): when, the last
 * position the server acknowledged, and where the copy of what it held is — or that none could be made, and why.
 */
export interface WalEmptiedMark {
  readonly noticedAt: string;
  /** The store file's inode then: a file put in its place since (the rescued copy renamed to the path) is not this one. */
  readonly ino: number;
  /** The last position the server acknowledged; null when it had none. */
  readonly acknowledged: number | null;
  readonly copy: string | null;
  /** How far the copy reaches: `copying` (not done when written), events 1–`upTo`, or `failed` with why. */
  readonly reach: { readonly kind: 'copying' } | { readonly kind: 'events'; readonly upTo: number | null } | { readonly kind: 'failed'; readonly why: string };
}

export const walEmptiedMarkPath = (path: string) => `${path}-wal-emptied.json`;

/** Writes the mark (through a temporary file renamed over it); a failure is left to the caller's log. */
export function writeWalEmptiedMark(path: string, mark: Omit<WalEmptiedMark, 'ino'>): void {
  const file = walEmptiedMarkPath(path);
  const ino = existsSync(path) ? statSync(path).ino : 0;
  writeFileSync(`${file}.tmp`, JSON.stringify({ ...mark, ino }, null, 2));
  renameSync(`${file}.tmp`, file);
}

function readMark(path: string): WalEmptiedMark | null {
  try {
    const mark = JSON.parse(readFileSync(walEmptiedMarkPath(path), 'utf8')) as WalEmptiedMark;
    if (!existsSync(path) || statSync(path).ino !== mark.ino) return null;
    return mark;
  } catch {
    return null;
  }
}

/**
 * What a start refused on the store says of a -wal a server found emptied under it (`WalEmptiedMark`), null when no mark is
 * there for the file at `path` (none, or another file was put at the path since).
 */
export function walEmptiedNote(path: string): Bilingual | null {
  const mark = readMark(path);
  if (!mark) return null;
  const head = mark.acknowledged;
  const headEn = head === null ? '' : ` after it had acknowledged events up to position ${head}`;
  const headZh = head === null ? '' : `（此前已确认写入至位置 ${head}）`;
  const lead = say(
    `A server running on this file found its -wal (${path}-wal) emptied or cut short at ${mark.noticedAt}${headEn}: the events committed since SQLite's last checkpoint were only in that -wal, so ${path} lacks them — that is why it reads as it does now.`,
    `运行在该文件上的服务于 ${officeInstantZh(mark.noticedAt)} 发现其预写日志文件（${path}-wal）被清空或截短${headZh}：SQLite 上次检查点之后提交的事件只在该 -wal 中，所以 ${path} 缺少这些事件。`,
  );
  const reach = mark.reach;
  const rest =
    reach.kind === 'events' && mark.copy
      ? reach.upTo !== null && head !== null && reach.upTo >= head
        ? say(
            ` That server copied every event it acknowledged (1–${reach.upTo}) to ${mark.copy}: put that copy in place of ${path} (move ${path}-wal and ${path}-shm aside) and run npm run ledger:verify on it.`,
            `该服务已把其确认写入的全部事件（1–${reach.upTo}）复制到 ${mark.copy}：请用该副本替换 ${path}（把 ${path}-wal 和 ${path}-shm 移到别处保存），并进行台账校验（npm run ledger:verify）。`,
          )
        : say(
            ` That server could copy only events 1–${reach.upTo ?? 'none'}${head === null ? '' : ` of ${head}`} to ${mark.copy}: the rest are in no file made here — restore the newest backup that reaches further, and keep ${mark.copy}.`,
            `该服务只把事件 1–${reach.upTo ?? '无'}${head === null ? '' : `（共 ${head} 个）`}复制到了 ${mark.copy}：其余事件不在此处的任何文件中——请从包含更多事件的最新备份恢复，并保留 ${mark.copy}。`,
          )
      : reach.kind === 'failed'
        ? say(
            ` That server could not make a copy of what it held (${reach.why}): the events since the last checkpoint are in no file made here — restore the store from the newest backup (npm run store:backup) and run npm run ledger:verify on it.`,
            `该服务未能复制其所持内容（原因见服务器日志）：上次检查点之后的事件不在此处的任何文件中——请从最新的备份（npm run store:backup 所做）恢复事件库，并进行台账校验（npm run ledger:verify）。`,
          )
        : say(
            ` That server was still copying what it held to ${mark.copy ?? 'a copy beside the file'} when it stopped: look at that copy (npm run ledger:verify on it) before restoring a backup.`,
            `该服务停止时仍在把其所持内容复制到 ${mark.copy ?? '该文件旁的副本'}：请先检查该副本（对其进行台账校验），再考虑从备份恢复。`,
          );
  return say(`${lead.en}${rest.en}`, `${lead.zh}${rest.zh}`);
}
