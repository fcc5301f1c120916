import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { toolOnStore } from '../support/cli-tool.js';
import { killHard, PROCESS_TEST_CEILING_MS, startServer } from '../support/server-process.js';

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
    'read with that -wal as the store\'s log up to the head the witness saw: taken (nothing lost, said in the log with the way back), and that way back — the -wal moved aside, a reset accepted — starts on exactly what the backup holds',
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
      copyFileSync(backup, join(backups, 'copy.db'));
      renameSync(sqlitePath, join(data, 'old', 'rectify.db'));
      renameSync(backup, sqlitePath);

      // newcomer53-9 S1: read with the restored file, the crashed -wal is the store's log up to the head the witness saw — it
      // is the store's own (nothing acknowledged is lost), taken, and the log says so with the way back to the backup.
      server = await startServer(sqlitePath);
      try {
        const health = (await (await fetch(`http://127.0.0.1:${server.port}/health`)).json()) as { status: string };
        expect(health.status).toBe('ready');
        expect(server.output()).toContain('它就是本事件库的日志，本次启动采用它');
      } finally {
        await killHard(server.child);
      }
      expect(eventsIn(sqlitePath)).toBeGreaterThan(backedUp);

      // Going back to the backup on purpose, as that log line says: the -wal and -shm moved aside, one start accepting it.
      copyFileSync(join(backups, 'copy.db'), sqlitePath);
      renameSync(`${sqlitePath}-wal`, join(data, 'old', 'rectify.db-wal'));
      if (existsSync(`${sqlitePath}-shm`)) renameSync(`${sqlitePath}-shm`, join(data, 'old', 'rectify.db-shm'));
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
    'copied in place over the crashed file, of the same size: the pair read as the store\'s whole log is taken, no index damage, nothing lost',
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
      // What the crash left, read with its -wal (read only: nothing checkpointed).
      const crashedEvents = eventsIn(sqlitePath);
      // The operator's restore: `cp backup/rectify.db data/rectify.db`, in place, the -wal left.
      copyFileSync(backup, sqlitePath);
      expect(statSync(sqlitePath).size).toBe(crashedBytes);

      // newcomer53-9 S1: here the -wal rewrote every page the record after the backup touched, so the two read as one
      // sound chained log up to the head the witness saw — the store's own, taken whole: nothing acknowledged lost. (A true
      // mix of pages fails PRAGMA integrity_check or the chain and is moved aside as before: moved-wal-note.spec.)
      server = await startServer(sqlitePath);
      try {
        const health = (await (await fetch(`http://127.0.0.1:${server.port}/health`)).json()) as { status: string; logPosition: string };
        expect(health.status).toBe('ready');
        expect(server.output()).not.toContain('REINDEX');
      } finally {
        await killHard(server.child);
      }
      expect(readdirSync(data).filter((name) => name.startsWith('rectify.db-wal.other-file-'))).toHaveLength(0);
      expect(crashedEvents).toBeGreaterThan(backedUp);
      expect(eventsIn(sqlitePath)).toBeGreaterThanOrEqual(crashedEvents);
      expect((await toolOnStore('ledger-verify', [], sqlitePath)).code).toBe(0);
    },
    PROCESS_TEST_CEILING_MS,
  );
});
