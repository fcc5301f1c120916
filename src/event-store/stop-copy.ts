import { say, type Bilingual } from '../shared/domain-error.js';
import { heldCopyLogLine } from './store-health.js';
import { dirname } from 'node:path';
import { SAYS_NO_ROOM, type StopCopy } from './sqlite-event-store.js';
import { FROM_WAL_TOOL, NO_SQLITE3_FIRST } from './wal-only-store.js';

/*
 * breaker52-9 S5: the store file deleted under a running server on a full disk, then the server stopped (a reboot, the service
 * manager's SIGTERM): it logged only "Draining…" and exited, though it alone held the events it had acknowledged and could not
 * copy. The stop now says so loudly, tries the copy beside the store once more, then elsewhere (beside the signing key, the
 * system's temporary folder), and says where it went — or, when nothing could be written anywhere, where the events still are.
 */

/**
 * What the stop says before it closes a store whose file went away under it while no copy of what it held was written beside
 * it: `path` the store, `acknowledged` the position it acknowledged up to (null unknown), `why` the copy's last failure.
 */
export function stoppingWhileAlone(path: string, acknowledged: number | null, why: string): Bilingual {
  const upTo = acknowledged === null ? '' : `（事件 1–${acknowledged}）`;
  const upToEn = acknowledged === null ? '' : ` (events 1–${acknowledged})`;
  return say(
    `Stopping while this server alone holds everything it acknowledged${upToEn} of ${path}: the file went away under it and no copy could be written beside it (${why}). Trying the copy once more, then beside the signing key and in the system's temporary folder.`,
    `本服务正在停止，而事件库 ${path} 已确认写入的全部内容${upTo}只保存在本服务中：该文件已不在原处，且未能在其旁写出副本（${why}）。现再试一次，然后改写到签名密钥所在文件夹和系统临时文件夹。`,
  );
}

/** What the stop says once closed (`SqliteEventStore.stopCopy`): where the copy went, or that none could be written and where the events still are. */
export function stopCopyWords(path: string, stop: StopCopy): Bilingual {
  const tried = stop.tried.map((place) => `${place.path}: ${place.why}`).join('; ');
  if (stop.copy && stop.outcome) {
    const line = heldCopyLogLine(path, stop.copy, stop.outcome);
    // newcomer54-9 M2: "once the disk has room" only when room is what was missing — a folder gone (ENOENT, ENOTDIR) is not a full disk.
    const when = stop.tried.some((place) => SAYS_NO_ROOM.test(place.why))
      ? say('once the disk has room', '待磁盘有空间后')
      : say(`once its folder ${dirname(path)} is back (re-created, or its disk mounted again)`, `待其所在文件夹 ${dirname(path)} 恢复（重新建立，或其磁盘重新挂载）后`);
    return say(
      `What this server held of ${path} could not be written beside it (${tried}), so the stop wrote it to ${stop.copy} instead — ${line.text}. Keep that file: put it in place as ${path} (with no -wal or -shm beside it) ${when.en}, and run npm run ledger:verify.`,
      `本服务所持的事件库 ${path} 内容无法写在其旁（${tried}），停止时已改写到 ${stop.copy}。请保留该文件：${when.zh}，把它放回 ${path}（其旁不要留 -wal 或 -shm），并进行台账校验（npm run ledger:verify）。`,
    );
  }
  const upTo = stop.acknowledged === null ? '' : `（事件 1–${stop.acknowledged}）`;
  const upToEn = stop.acknowledged === null ? '' : ` (events 1–${stop.acknowledged})`;
  return say(
    `The server stopped without any copy of what it acknowledged${upToEn} of ${path}: none could be written anywhere (${tried}). The events may still be in ${path}-wal: do not delete it; free room on that disk, then rebuild the store from it with ${FROM_WAL_TOOL} ${path}-wal (README, Reliability). ${NO_SQLITE3_FIRST.en}`,
    `本服务已停止，但事件库 ${path} 已确认写入的内容${upTo}未能写出任何副本（${tried}）。这些事件可能仍在 ${path}-wal 中：请勿删除它；先在该磁盘上腾出空间，再用 ${FROM_WAL_TOOL} ${path}-wal 从它重建事件库（见 README「Reliability」）。${NO_SQLITE3_FIRST.zh}`,
  );
}
