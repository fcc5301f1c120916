import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { toolOnStore } from '../support/cli-tool.js';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { graphqlAt, killHard, PROCESS_TEST_CEILING_MS, startServer } from '../support/server-process.js';
import { freshDatabasePath } from '../support/test-app.js';

/*
 * breaker9u P1: `sqlite3 data/rectify.db 'select count(*) from events'` against a running server deleted
 * its -wal and -shm, and every write was refused from then on ("write-ahead log … was deleted while the
 * server runs"). The server had dropped its own SQLite lock on rectify.db by closing a plain descriptor
 * of the file (a POSIX close drops every fcntl lock of the process on it), so the other process's
 * read-write connection, closing, took the EXCLUSIVE lock, checkpointed and deleted the -wal. Here the
 * other process is what the sqlite3 shell does — a read-write connection that reads and closes — with
 * better-sqlite3 (the Debian sqlite3 binary may be missing where this runs), and the shell too when present.
 */

/** A read-write connection in another process: one SELECT, then closed — what `sqlite3 rectify.db '…'` does. */
const readInAnotherProcess = (sqlitePath: string): number => {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1], { fileMustExist: true });
    const { count } = db.prepare('SELECT count(*) AS count FROM events').get();
    db.close();
    process.stdout.write(String(count));
  `;
  return Number(execFileSync(process.execPath, ['-e', script, sqlitePath], { cwd: process.cwd(), encoding: 'utf8' }));
};

const shell = ['/usr/bin/sqlite3', '/usr/local/bin/sqlite3'].find((path) => existsSync(path));

/** The fcntl locks process `pid` holds on the file `path` (its inode), from /proc/locks; null where there is none to read. */
const locksOn = (pid: number, path: string): string[] | null => {
  if (!existsSync('/proc/locks')) return null;
  const inode = statSync(path).ino;
  return readFileSync('/proc/locks', 'utf8')
    .split('\n')
    .filter((line) => {
      const fields = line.trim().split(/\s+/);
      // "1: POSIX  ADVISORY  READ 4242 fe:00:131090 1073741826 1073742335"
      return fields[4] === String(pid) && fields[5]?.split(':').at(-1) === String(inode);
    });
};

describe('The live store read by another process (breaker9u P1)', () => {
  it('a read-write connection of another process that reads and closes leaves the running server writing: -wal kept, the write accepted, /health 200, the server holding its lock on rectify.db', async () => {
    const sqlitePath = freshDatabasePath();
    const server = await startServer(sqlitePath);
    try {
      const created = await toolOnStore('create-user', ['--name', '张伟', '--role', 'SUPERVISOR'], sqlitePath);
      expect(created.code).toBe(0);
      const supervisor = { authorization: `Bearer ${created.stdout.trim().split('\n').at(-1)}` };
      const write = (title: string) => graphqlAt(server.port, REGISTER_EVALUATION, { input: evaluationInput({ title, idempotencyKey: `key-${title}` }) }, supervisor);
      expect((await write('评估一')).errors).toBeUndefined();
      const health = await fetch(`http://127.0.0.1:${server.port}/health`);
      expect(health.status).toBe(200);
      // After a write and /health (both look at the file's content): SQLite's lock on the file is still the server's.
      const held = locksOn(server.child.pid!, sqlitePath);
      if (held !== null) expect(held.length).toBeGreaterThan(0);

      const counted = readInAnotherProcess(sqlitePath);
      expect(counted).toBeGreaterThan(0);
      if (shell) execFileSync(shell, [sqlitePath, 'select count(*) from events'], { encoding: 'utf8' });
      expect(existsSync(`${sqlitePath}-wal`)).toBe(true);
      expect(existsSync(`${sqlitePath}-shm`)).toBe(true);

      expect((await write('评估二')).errors).toBeUndefined();
      expect((await fetch(`http://127.0.0.1:${server.port}/health`)).status).toBe(200);
      // Once more, after the write: nothing of the server's own dropped the lock meanwhile.
      expect(readInAnotherProcess(sqlitePath)).toBeGreaterThan(counted);
      expect(existsSync(`${sqlitePath}-wal`)).toBe(true);
      expect((await write('评估三')).errors).toBeUndefined();
      expect((await fetch(`http://127.0.0.1:${server.port}/health`)).status).toBe(200);
      const after = locksOn(server.child.pid!, sqlitePath);
      if (after !== null) expect(after.length).toBeGreaterThan(0);
    } finally {
      await killHard(server.child);
    }
  }, PROCESS_TEST_CEILING_MS);
});
