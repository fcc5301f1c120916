import Database from 'better-sqlite3';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runTool, toolOnStore } from '../support/cli-tool.js';
import { testSigningKeyFile } from '../support/signing-key.js';
import { canMountTmpfs, fillDisk, smallTmpfs } from '../support/full-disk.js';
import { refusedStart, PROCESS_TEST_CEILING_MS } from '../support/server-process.js';

/*
 * breaker9h P3 (issue 9, fault 5): on a disk with no room left SQLite answers "disk I/O error"
 * (SQLITE_IOERR_SHMSIZE: the -shm it cannot grow), and the server's start said only that, in
 * English, exit 1; the tools said 磁盘或文件系统故障 (a disk fault), and ledger:verify took the
 * unreadable file for an emptied store (LOG_TRUNCATED, "restore it from a backup"). Each names
 * the full disk, DISK_FULL, in Chinese and English; the start exits 3 as its other store refusals.
 */

(canMountTmpfs ? describe : describe.skip)('A full disk under the store, met by a start or a tool (a 6 MiB tmpfs)', () => {
  const mountPoint = smallTmpfs('rectify-full-start-', 6);

  const sqlitePath = join(mountPoint, 'data', 'rectify.db');
  const filler = join(mountPoint, 'filler');
  beforeAll(async () => {
    mkdirSync(join(mountPoint, 'data'));
    expect((await toolOnStore('create-user', ['--new-store', '--name', '起始管理员', '--role', 'ADMIN'], sqlitePath)).code).toBe(0);
  }, PROCESS_TEST_CEILING_MS);
  /** Runs `meet` with the disk full to the last byte, then frees it whatever happened (a full volume left behind would fail what follows). */
  const onFullDisk = async (meet: () => Promise<void>) => {
    fillDisk(filler);
    try {
      await meet();
    } finally {
      rmSync(filler, { force: true });
    }
  };

  it('a tool says 磁盘已满 (DISK_FULL) first in Chinese, then in English, and writes once space is freed', async () => {
    await onFullDisk(async () => {
      const tool = await toolOnStore('create-user', ['--name', '满盘时建的账号', '--role', 'ADMIN'], sqlitePath);
      expect(tool.code).toBe(1);
      const [zh, en] = tool.stderr.trim().split('\n');
      expect(zh).toMatch(new RegExp(`^磁盘已满（DISK_FULL）：${sqlitePath} 所在的磁盘已满（仅剩 \\d+ KB），无法写入。请在该磁盘上腾出空间（至少 1 MB）后重试。$`));
      expect(en).toMatch(/^Failed: Disk full \(DISK_FULL\): the disk holding .* is full \(SQLITE_\w+: .*\d+ KB free\)/);
    });
    expect((await toolOnStore('create-user', ['--name', '腾出空间后建的账号', '--role', 'ADMIN'], sqlitePath)).code).toBe(0);
  }, PROCESS_TEST_CEILING_MS);

  it('ledger:verify reads a stopped store on a full disk from a copy elsewhere; with no room there either it says DISK_FULL, not that the store was emptied, and finds the ledger intact once space is freed', async () => {
    const noRoomForCopy = join(mountPoint, 'tmp');
    mkdirSync(noRoomForCopy, { recursive: true });
    await onFullDisk(async () => {
      // breaker9z P6: a store no server holds open is read from a temporary copy — in the system's folder, not on the full disk.
      const fromCopy = await toolOnStore('ledger-verify', [], sqlitePath);
      expect(fromCopy.stdout).toContain('台账完好');
      expect(fromCopy.code).toBe(0);
      // No room for the copy either: read in place, where SQLite cannot grow its -shm.
      const verify = await runTool('ledger-verify', [], { env: { ...process.env, TMPDIR: noRoomForCopy, EVENT_STORE: 'sqlite', SQLITE_PATH: sqlitePath, NODE_ENV: 'test', LEDGER_SIGNING_KEY_FILE: testSigningKeyFile() } });
      expect(verify.stdout).not.toContain('LOG_TRUNCATED');
      expect(verify.stderr).toMatch(/^磁盘已满（DISK_FULL）：/);
      expect(verify.stderr).toContain('Failed: Disk full (DISK_FULL)');
      expect(verify.code).toBe(1);
    });
    const verified = await toolOnStore('ledger-verify', [], sqlitePath);
    expect(verified.stdout).toContain('台账完好');
    expect(verified.code).toBe(0);
  }, PROCESS_TEST_CEILING_MS);

  it('the start is refused naming DISK_FULL in English and Chinese, with exit status 3 as the other store refusals', async () => {
    // As after a clean stop: no -shm, which SQLite must create and grow to read the store (SQLITE_IOERR_SHMSIZE).
    rmSync(`${sqlitePath}-shm`, { force: true });
    await onFullDisk(async () => {
      const start = await refusedStart(sqlitePath);
      expect(start.output).toContain(`Disk full (DISK_FULL): the disk holding ${sqlitePath} is full`);
      expect(start.output).toContain(`磁盘已满（DISK_FULL）：${sqlitePath} 所在的磁盘已满`);
      expect(start.code).toBe(3);
    });
  }, PROCESS_TEST_CEILING_MS);

  it('a start whose store can be read but whose witness cannot be written says DISK_FULL too, exit status 3', async () => {
    // A -shm left by a reader in place lets the store be read; the witness write is what fails.
    const reader = new Database(sqlitePath, { readonly: true });
    reader.prepare('SELECT count(*) FROM events').get();
    reader.close();
    expect(existsSync(`${sqlitePath}-shm`)).toBe(true);
    await onFullDisk(async () => {
      const start = await refusedStart(sqlitePath);
      expect(start.output).toMatch(/"message":"Disk full \(DISK_FULL\): /);
      expect(start.output).toMatch(/"message":"磁盘已满（DISK_FULL）：/);
      expect(start.code).toBe(3);
    });
  }, PROCESS_TEST_CEILING_MS);
});
