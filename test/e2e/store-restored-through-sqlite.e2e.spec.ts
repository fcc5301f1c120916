import { expectUsersWords, operatorText } from '../support/store-refusal.js';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store.js';
import { toolOnStore } from '../support/cli-tool.js';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { graphqlAt, killHard, PROCESS_TEST_CEILING_MS, startServer } from '../support/server-process.js';
import { freshDatabasePath } from '../support/test-app.js';

/*
 * breaker9x P3: `sqlite3 rectify.db ".restore other.db"` under a running server writes the other file's
 * pages through SQLite, into the live -wal (same file, same inode): the events the server acknowledged are
 * replaced, and no file check sees it. Here the same restore API (SQLite's backup, from a second connection
 * onto the live file). Expected: named as the store rewritten (STORE_FILE_REPLACED), writes refused, /health
 * projectedPosition where the read models stopped, a rescued copy of what the server acknowledged — not of the
 * restored file —, and a SIGTERM that leaves the -wal in place. Every wait is on a condition, under the ceiling.
 */

const until = async <T>(look: () => T | null | undefined | false | Promise<T | null | undefined | false>): Promise<T> => {
  for (;;) {
    const found = await look();
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

const titlesIn = (path: string) => {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare<[], { data: string }>("SELECT data FROM events WHERE type = 'EvaluationRegistered' ORDER BY position")
      .all()
      .map((row) => (JSON.parse(row.data) as { title: string }).title);
  } finally {
    db.close();
  }
};

const headOf = (path: string) => {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return db.prepare<[], { position: number }>('SELECT MAX(position) AS position FROM events').get()!.position;
  } finally {
    db.close();
  }
};

/** A copy of the live store as SQLite reads it: what `npm run store:backup` or `.backup` makes. */
const backupOf = async (live: string, copy: string) => {
  const db = new Database(live, { readonly: true, fileMustExist: true });
  try {
    await db.backup(copy);
  } finally {
    db.close();
  }
  const made = new Database(copy);
  made.pragma('journal_mode = DELETE');
  made.close();
};

/** `count` more events in a copy used on its own (a training copy). */
const grow = async (copy: string, count: number) => {
  const store = new SqliteEventStore(copy, { writerThread: false });
  for (let index = 0; index < count; index += 1) {
    const id = randomUUID();
    await store.appendToStream(`training-${id}`, [
      {
        id,
        type: 'TrainingNoteWritten',
        schemaVersion: 1,
        data: { text: '培训环境催办' },
        metadata: { actorId: 'trainer', actorRole: 'ADMIN', actorUnitId: null, commandId: id, correlationId: id, causationId: id, recordedAt: new Date().toISOString() },
      },
    ], { expectedRevision: 'no_stream' });
  }
  await store.close();
  const db = new Database(copy);
  db.pragma('journal_mode = DELETE');
  db.close();
};

/** What `sqlite3 live ".restore copy"` does: SQLite's backup API from the copy onto the live file, through a connection of its own. */
const restoreThroughSqlite = async (copy: string, live: string) => {
  const source = new Database(copy, { readonly: true, fileMustExist: true });
  try {
    await source.backup(live);
  } finally {
    source.close();
  }
};

interface Health {
  status: string;
  logPosition: string | null;
  projectedPosition: string | null;
  problems: { cause: string }[];
}
const healthOf = async (port: number) => (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as Health;

describe('A store restored through SQLite under the running server (breaker9x P3)', () => {
  it('a longer training copy restored with the backup API: rewritten, writes refused, what the server acknowledged rescued, the -wal kept at SIGTERM', async () => {
    const sqlitePath = freshDatabasePath();
    const server = await startServer(sqlitePath);
    try {
      const created = await toolOnStore('create-user', ['--name', '张伟', '--role', 'SUPERVISOR'], sqlitePath);
      expect(created.code).toBe(0);
      const supervisor = { authorization: `Bearer ${created.stdout.trim().split('\n').at(-1)}` };
      const admin = await toolOnStore('create-user', ['--name', '王芳', '--role', 'ADMIN'], sqlitePath);
      const adminHeaders = { authorization: `Bearer ${admin.stdout.trim().split('\n').at(-1)}` };
      const write = (title: string) => graphqlAt(server.port, REGISTER_EVALUATION, { input: evaluationInput({ title, idempotencyKey: `key-${title}` }) }, supervisor);
      expect((await write('评估一')).errors).toBeUndefined();
      const training = join(mkdtempSync(join(tmpdir(), 'rectify-training-')), 'rectify.db');
      await backupOf(sqlitePath, training);
      await grow(training, 12);
      for (const title of ['正式环境一', '正式环境二']) expect((await write(title)).errors).toBeUndefined();
      const acknowledged = headOf(sqlitePath);
      await until(async () => (await healthOf(server.port)).projectedPosition === String(acknowledged));
      expect(headOf(training)).toBeGreaterThan(acknowledged);

      await restoreThroughSqlite(training, sqlitePath);
      // The file is the same one (its inode): only its rows show it.
      expect(titlesIn(sqlitePath)).not.toContain('正式环境二');

      const health = await until(async () => {
        const now = await healthOf(server.port);
        return now.status === 'degraded' ? now : null;
      });
      expect(health.problems[0]!.cause).toBe('STORE_FILE_REPLACED');
      const refused = await write('恢复之后');
      expectUsersWords(refused, 'STORE_FILE_REPLACED');
      const whole = await operatorText({ graphql: (query, variables, headers) => graphqlAt(server.port, query, variables, headers) }, adminHeaders, 'STORE_FILE_REPLACED');
      expect(whole.en).toContain(`the event at position ${acknowledged}, which this server had acknowledged, is another one now`);
      expect(whole.zh).toContain('被通过 SQLite 改写');

      // The rescued copy holds what the server acknowledged, not the restored file.
      const folder = dirname(sqlitePath);
      const rescued = join(folder, await until(() => readdirSync(folder).find((name) => name.startsWith(`${basename(sqlitePath)}.rescued-`) && name.endsWith('.db'))));
      await until(() => server.output().includes(`Copied what this server acknowledged of ${sqlitePath} to ${rescued}`));
      expect(titlesIn(rescued)).toEqual(['评估一', '正式环境一', '正式环境二']);
      expect(headOf(rescued)).toBe(acknowledged);
      // The read models stopped at the last event the server acknowledged, not at the restored log's head (S4).
      const stopped = await until(async () => {
        const now = await healthOf(server.port);
        return now.problems.some((problem) => problem.cause === 'PROJECTIONS_STOPPED') ? now : null;
      });
      expect(stopped.projectedPosition).toBe(String(acknowledged));
      expect(Number(stopped.logPosition)).toBeGreaterThan(acknowledged);

      // Stopped the usual way: no checkpoint, the -wal stays where it is.
      const wal = `${sqlitePath}-wal`;
      expect(existsSync(wal)).toBe(true);
      const walBytes = statSync(wal).size;
      const exited = new Promise((resolve) => server.child.once('exit', resolve));
      server.child.kill('SIGTERM');
      await exited;
      expect(existsSync(wal)).toBe(true);
      expect(statSync(wal).size).toBe(walBytes);
    } finally {
      await killHard(server.child);
    }
  }, PROCESS_TEST_CEILING_MS);
});
