import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
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
        expect({ code: refused.code, output: refused.output }).toMatchObject({ code: 3 });
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

/*
 * breaker9q P1: the folder writable, a FILE of the store not — a backup restored as root with mv keeps
 * root as owner; chmod a-w — started "ready" and failed every write as a disk fault, and the README's
 * reset start died on SQLite's English "attempt to write a readonly database", exit 1. Root writes any
 * file whatever its mode, so as root the file is bind-mounted read-only over itself instead (EROFS).
 */
describe('A store whose database file cannot be written, its folder writable', () => {
  const makeUnwritable = (file: string): (() => void) | null => {
    if (!asRoot) {
      chmodSync(file, 0o444);
      return () => chmodSync(file, 0o644);
    }
    try {
      execFileSync('mount', ['--bind', '-o', 'ro', file, file], { stdio: 'pipe' });
      return () => execFileSync('umount', [file]);
    } catch (error) {
      console.log(`A read-only bind mount of the file could not be made (${String((error as Error).message).trim()}): not tried.`);
      return null;
    }
  };

  it(
    'is refused STORE_FILE_READ_ONLY naming the file, at a plain start, at the README\'s reset start and for a tool that writes, exit 3; nothing written',
    async () => {
      const folder = mkdtempSync(join(tmpdir(), 'rectify-read-only-file-'));
      const database = join(folder, 'rectify.db');
      const server = await startServer(database);
      await killHard(server.child);
      const restore = makeUnwritable(database);
      if (!restore) return;
      try {
        const before = readFileSync(database);
        for (const env of [{}, { ACCEPT_STORE_RESET: 'true' }] as Record<string, string>[]) {
          const refused = await refusedStart(database, { env });
          expect(refused.code).toBe(3);
          expect(refused.output).toContain(`事件库的文件 ${database}（SQLITE_PATH=${database}）属于`);
          expect(refused.output).toContain('事件库本身并未损坏——请勿再次从备份恢复');
          expect(refused.output).toContain(`The event store's file ${database}`);
          expect(refused.output).not.toContain('attempt to write a readonly database');
        }
        const tool = await toolOnStore('create-user', ['--name', '张伟', '--role', 'SUPERVISOR'], database);
        expect(tool.code).not.toBe(0);
        expect(tool.stderr).toContain(`事件库的文件 ${database}`);
        expect(readFileSync(database).equals(before)).toBe(true);
      } finally {
        restore();
      }
      // Given back, the same store starts.
      const again = await startServer(database);
      await killHard(again.child);
    },
    PROCESS_TEST_CEILING_MS,
  );
});
