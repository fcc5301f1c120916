import { closeSync, existsSync, openSync, readdirSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { toolOnStore } from '../support/cli-tool.js';
import { canMountTmpfs, smallTmpfs } from '../support/full-disk.js';
import { PROCESS_TEST_CEILING_MS } from '../support/server-process.js';
import { freshDatabasePath } from '../support/test-app.js';

/*
 * breaker9q P5 (moderate): `store:backup` onto a backup volume with too little room blamed the
 * STORE's disk ("data/rectify.db 所在的磁盘已满（仅剩 62086140 KB）"), and left the witness alone in the
 * backup folder — something that looks like a backup, and that refused the retry of the same (cron)
 * command once room was made. The failure is told by the file being written (the backup folder's
 * disk, its room left, the store's size), and a failed backup leaves nothing behind.
 */

/** Fills the disk under `filler` until only about `leftBytes` remain (one file, written in 64 KiB blocks). */
function leaveRoom(filler: string, leftBytes: number): void {
  const { bavail, bsize } = statfsSync(join(filler, '..'));
  const file = openSync(filler, 'w');
  try {
    const block = Buffer.alloc(64 * 1024, 1);
    for (let toWrite = bavail * bsize - leftBytes; toWrite >= block.length; toWrite -= block.length) writeSync(file, block);
  } finally {
    closeSync(file);
  }
}

(canMountTmpfs ? describe : describe.skip)('npm run store:backup onto a backup volume without room for it (a 1 MiB tmpfs)', () => {
  const volume = smallTmpfs('rectify-backup-volume-', 1);

  it(
    'says the backup folder’s disk is full (not the store’s), leaves nothing there (not even the folders it made), and the same command succeeds once room is made',
    async () => {
      const sqlitePath = freshDatabasePath();
      for (const name of ['管理员甲', '管理员乙', '管理员丙']) expect((await toolOnStore('create-user', ['--new-store', '--name', name, '--role', 'ADMIN'], sqlitePath)).code).toBe(0);
      const filler = join(volume, 'filler');
      // Room for the witness, not for the database.
      leaveRoom(filler, 16 * 1024);
      // Folders `mkdir -p` makes for it (备份/2026 as well as the day's folder) go too (breaker9r P3).
      const folder = join(volume, '备份', '2026', '12-02-0820');

      const failed = await toolOnStore('backup-store', [folder], sqlitePath);
      expect(failed.code).toBe(1);
      const [zh, en] = failed.stderr.trim().split('\n');
      expect(zh).toMatch(new RegExp(`^磁盘已满（DISK_FULL）：备份文件夹 ${folder} 所在的磁盘已满（仅剩 \\d+ KB，事件库约 \\d+ KB）：未生成备份，也没有留下不完整的备份文件。请在该磁盘上腾出空间，或换一个位置后重试。$`));
      expect(zh).not.toContain(sqlitePath);
      expect(en).toContain(`Failed: Disk full (DISK_FULL): the disk holding the backup folder ${folder} is full`);
      // Nothing that looks like a backup, nothing that refuses the retry: the folders this run made are gone.
      expect(existsSync(folder) ? readdirSync(folder) : null).toBeNull();
      expect(readdirSync(volume)).toEqual(['filler']);

      rmSync(filler);
      const retried = await toolOnStore('backup-store', [folder], sqlitePath);
      expect(retried.stderr).toBe('');
      expect(retried.code).toBe(0);
      expect(readdirSync(folder).sort()).toEqual(['rectify.db', 'rectify.db.witness.json']);
      expect((await toolOnStore('ledger-verify', [], join(folder, 'rectify.db'))).code).toBe(0);
    },
    PROCESS_TEST_CEILING_MS,
  );
});
