import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toolOnStore } from '../support/cli-tool.js';
import { killHard, PROCESS_TEST_CEILING_MS, refusedStart, startServer } from '../support/server-process.js';

/*
 * breaker9p P2: a start on a read-only data folder (mounted read-only by mistake, remounted so after a
 * disk error) said only SQLite's "unable to open database file", in English, exit 1. It is refused
 * STORE_FOLDER_READ_ONLY in both languages, naming the folder, exit 3 — as is a tool that writes.
 * A read-only bind mount needs root (root ignores file modes); elsewhere the test says why it is skipped.
 */

const asRoot = process.getuid?.() === 0;
const mountReadOnly = (from: string, at: string) => {
  try {
    execFileSync('mount', ['--bind', '-o', 'ro', from, at], { stdio: 'pipe' });
    return true;
  } catch (error) {
    console.log(`A read-only bind mount could not be made (${String((error as Error).message).trim()}): the read-only data folder is not tried.`);
    return false;
  }
};

describe('A store whose data folder is read-only', () => {
  if (!asRoot) console.log('Not running as root: a read-only bind mount cannot be made, so the read-only data folder is not tried (root ignores file modes).');
  (asRoot ? it : it.skip)(
    'is refused STORE_FOLDER_READ_ONLY in Chinese and English, naming the folder, exit 3; a tool that writes too; nothing written',
    async () => {
      const root = mkdtempSync(join(tmpdir(), 'rectify-read-only-'));
      const real = join(root, 'data-real');
      const data = join(root, 'data');
      mkdirSync(real);
      mkdirSync(data);
      const server = await startServer(join(real, 'rectify.db'));
      await killHard(server.child);
      // A stopped store, checkpointed by nothing: served from the read-only mount of its folder.
      if (!mountReadOnly(real, data)) return;
      try {
        const before = readdirSync(real).sort();
        const refused = await refusedStart(join(data, 'rectify.db'));
        expect(refused.code).toBe(3);
        expect(refused.output).toContain(`事件库所在的文件夹 ${data}（SQLITE_PATH=${join(data, 'rectify.db')}）不可写`);
        expect(refused.output).toContain('请勿从备份恢复');
        expect(refused.output).toContain(`The folder of the event store, ${data}`);
        // A tool that writes is refused alike (one that only reads, ledger:verify, may read a read-only copy).
        const tool = await toolOnStore('create-user', ['--name', '张伟', '--role', 'SUPERVISOR'], join(data, 'rectify.db'));
        expect(tool.code).not.toBe(0);
        expect(tool.stderr).toContain(`事件库所在的文件夹 ${data}`);
        expect(tool.stderr).toContain('请勿从备份恢复');
        expect(readdirSync(real).sort()).toEqual(before);
      } finally {
        execFileSync('umount', [data]);
      }
    },
    PROCESS_TEST_CEILING_MS,
  );
});
