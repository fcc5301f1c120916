import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { toolOnStore } from '../support/cli-tool.js';
import { killHard, PROCESS_TEST_CEILING_MS, refusedStart, startServer } from '../support/server-process.js';

/*
 * breaker9m P3: after a crash (kill -9), the operator restored a backup with
 * `mv backup/rectify.db data/rectify.db`; the crashed file's -wal stayed beside it, and SQLite —
 * which does not tie a -wal to its database — applied it to the restored file: the restore was
 * silently undone (or the file came out malformed). The witness now records which file (device,
 * inode, size) and which -wal it saw; a -wal (and -shm) left by another file is moved aside, named,
 * before anything opens the store, and the start is judged on the restored file alone.
 */

const eventsIn = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS count FROM events').get() as { count: number }).count;
  } finally {
    db.close();
  }
};

describe('A backup moved over a crashed store whose -wal is left beside it', () => {
  it(
    'is judged without that -wal: it is moved aside (named in the refusal and the log, in Chinese), the start is refused STORE_SHORTER, and an accepted reset starts on exactly what the backup holds',
    async () => {
      const data = mkdtempSync(join(tmpdir(), 'rectify-stray-wal-'));
      const sqlitePath = join(data, 'rectify.db');
      const backups = join(mkdtempSync(join(tmpdir(), 'rectify-backups-')), '2026-12-02');
      let server = await startServer(sqlitePath);
      try {
        expect((await toolOnStore('create-user', ['--name', '张伟', '--role', 'SUPERVISOR'], sqlitePath)).code).toBe(0);
        expect((await toolOnStore('backup-store', [backups], sqlitePath)).code).toBe(0);
        for (const name of ['李娜', '王芳']) expect((await toolOnStore('create-user', ['--name', name, '--role', 'INSPECTOR'], sqlitePath)).code).toBe(0);
      } finally {
        await killHard(server.child);
      }
      // The crash left the newer events in the -wal beside the file.
      expect(existsSync(`${sqlitePath}-wal`)).toBe(true);
      const backup = join(backups, 'rectify.db');
      const backedUp = eventsIn(backup);

      // The operator's restore: the .db only.
      mkdirSync(join(data, 'old'));
      renameSync(sqlitePath, join(data, 'old', 'rectify.db'));
      renameSync(backup, sqlitePath);

      const refused = await refusedStart(sqlitePath);
      expect(refused.code).toBe(3);
      expect(refused.output).toContain('STORE_SHORTER');
      const setAside = readdirSync(data).filter((name) => name.startsWith('rectify.db-wal.'));
      expect(setAside).toHaveLength(1);
      expect(setAside[0]).toMatch(/^rectify\.db-wal\.other-file-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z$/);
      expect(existsSync(`${sqlitePath}-wal`)).toBe(false);
      // Said in the log in Chinese, naming where it went.
      expect(refused.output).toContain(`已将它移到 ${join(data, setAside[0]!)}`);
      // The restored file was not touched by the other file's -wal.
      expect(eventsIn(sqlitePath)).toBe(backedUp);

      server = await startServer(sqlitePath, { env: { ACCEPT_STORE_RESET: 'true' } });
      try {
        const health = (await (await fetch(`http://127.0.0.1:${server.port}/health`)).json()) as { status: string };
        expect(health.status).toBe('ready');
      } finally {
        await killHard(server.child);
      }
      expect(eventsIn(sqlitePath)).toBe(backedUp);
      expect((await toolOnStore('ledger-verify', [], sqlitePath)).code).toBe(0);
    },
    PROCESS_TEST_CEILING_MS,
  );

  // breaker9z P4: the same size, copied in place — the device, inode and size the witness saw — was mixed with the -wal.
  it(
    'copied in place over the crashed file, of the same size, is judged without that -wal too: moved aside as written over another copy (the write counts named), refused STORE_SHORTER, the backup untouched',
    async () => {
      const data = mkdtempSync(join(tmpdir(), 'rectify-stray-wal-same-size-'));
      const sqlitePath = join(data, 'rectify.db');
      const backups = join(mkdtempSync(join(tmpdir(), 'rectify-backups-')), '2026-12-02');
      let server = await startServer(sqlitePath);
      try {
        expect((await toolOnStore('create-user', ['--name', '张伟', '--role', 'SUPERVISOR'], sqlitePath)).code).toBe(0);
        expect((await toolOnStore('backup-store', [backups], sqlitePath)).code).toBe(0);
        // One record after the backup, checkpointed into the file by a clean stop.
        expect((await toolOnStore('create-user', ['--name', '李娜', '--role', 'INSPECTOR'], sqlitePath)).code).toBe(0);
      } finally {
        server.child.kill('SIGTERM');
        await new Promise((resolve) => server.child.once('exit', resolve));
      }
      server = await startServer(sqlitePath);
      try {
        expect((await toolOnStore('create-user', ['--name', '王芳', '--role', 'INSPECTOR'], sqlitePath)).code).toBe(0);
      } finally {
        await killHard(server.child);
      }
      expect(existsSync(`${sqlitePath}-wal`)).toBe(true);
      const backup = join(backups, 'rectify.db');
      const backedUp = eventsIn(backup);
      const crashedBytes = statSync(sqlitePath).size;
      // The operator's restore: `cp backup/rectify.db data/rectify.db`, in place, the -wal left.
      copyFileSync(backup, sqlitePath);
      expect(statSync(sqlitePath).size).toBe(crashedBytes);

      const refused = await refusedStart(sqlitePath);
      expect(refused.code).toBe(3);
      expect(refused.output).toContain('STORE_SHORTER');
      expect(readdirSync(data).filter((name) => name.startsWith('rectify.db-wal.other-file-'))).toHaveLength(1);
      expect(refused.output).toMatch(/它是在写入标记为 \d+（标签 \d+）的文件上写成的，而 .*rectify\.db 的写入标记为 \d+（标签 \d+/);
      expect(refused.output).not.toContain('REINDEX');
      expect(eventsIn(sqlitePath)).toBe(backedUp);
    },
    PROCESS_TEST_CEILING_MS,
  );
});
