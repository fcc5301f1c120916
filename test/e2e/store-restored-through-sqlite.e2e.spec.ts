import { evaluationTitlesIn } from '../support/store-files.js';
import { expectUsersWords, operatorText } from '../support/store-refusal.js';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store.js';
import { toolOnStore } from '../support/cli-tool.js';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { graphqlAt, killHard, PROCESS_TEST_CEILING_MS, refusedStart, startServer } from '../support/server-process.js';
import { freshDatabasePath, writtenInProcess } from '../support/test-app.js';

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

const titlesIn = evaluationTitlesIn;

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

/** `count` more events in a copy used on its own (a training copy); `bytes`: the length of each event's text. */
const grow = async (copy: string, count: number, bytes = 0) => {
  const store = new SqliteEventStore(copy, { writerThread: false });
  for (let index = 0; index < count; index += 1) {
    const id = randomUUID();
    await store.appendToStream(`training-${id}`, [
      {
        id,
        type: 'TrainingNoteWritten',
        schemaVersion: 1,
        data: { text: `培训环境催办${'训'.repeat(bytes)}` },
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
    // The two accounts are only set-up: written in this test's process (`writtenInProcess`), the server then started on them.
    const { supervisor, adminHeaders } = await writtenInProcess(sqlitePath, async (app) => ({ supervisor: await app.as('SUPERVISOR'), adminHeaders: await app.as('ADMIN') }));
    const server = await startServer(sqlitePath);
    try {
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
        // The first row after it does not chain onto it: the log altered (breaker9y P7), not a read model's failure.
        return now.problems.some((problem) => problem.cause === 'LOG_ALTERED') ? now : null;
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

  it('a restore whose pages a later write checkpointed into the main file: rewritten, writes refused, and what could not be rescued said — never a copy taken for the whole (store9c limit)', async () => {
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
      // Larger than SQLite's auto-checkpoint (1,000 pages of 4 KiB): the restore's frames are more than one checkpoint's worth.
      await grow(training, 40, 50_000);
      expect(statSync(training).size).toBeGreaterThan(1000 * 4096);
      for (const title of ['正式环境一', '正式环境二']) expect((await write(title)).errors).toBeUndefined();
      const acknowledged = headOf(sqlitePath);
      await until(async () => (await healthOf(server.port)).projectedPosition === String(acknowledged));

      // The restore and the next write of the same shell (any statement that writes: here a table made and dropped) — whose
      // auto-checkpoint copies the restored pages into the main file — with the server held still in between, so that it
      // cannot notice the restore before the checkpoint (its 100 ms look would otherwise rescue from the untouched main file).
      const mainBefore = statSync(sqlitePath).size;
      server.child.kill('SIGSTOP');
      try {
        await restoreThroughSqlite(training, sqlitePath);
        const shell = new Database(sqlitePath);
        try {
          shell.exec('CREATE TABLE note (text TEXT); DROP TABLE note;');
        } finally {
          shell.close();
        }
      } finally {
        server.child.kill('SIGCONT');
      }
      // The main file alone now holds the restored log: the pages the server's rows were read from before are gone from it.
      expect(statSync(sqlitePath).size).toBeGreaterThan(mainBefore);
      const mainAlone = join(mkdtempSync(join(tmpdir(), 'rectify-main-alone-')), 'main.db');
      copyFileSync(sqlitePath, mainAlone);
      expect(headOf(mainAlone)).toBe(headOf(training));

      const health = await until(async () => {
        const now = await healthOf(server.port);
        return now.status === 'degraded' ? now : null;
      });
      expect(health.problems[0]!.cause).toBe('STORE_FILE_REPLACED');
      expectUsersWords(await write('恢复之后'), 'STORE_FILE_REPLACED');
      const folder = dirname(sqlitePath);
      // The rescue is done once the log says how it went; the refusal then says how far the copy reaches.
      await until(() => /(Copied|Could not copy) what this server acknowledged of /u.test(server.output()) || server.output().includes('No sound copy of what this server acknowledged'));
      const whole = await operatorText({ graphql: (query, variables, headers) => graphqlAt(server.port, query, variables, headers) }, adminHeaders, 'STORE_FILE_REPLACED');
      expect(whole.en).toContain(`the event at position ${acknowledged}, which this server had acknowledged, is another one now`);
      const rescued = readdirSync(folder).find((name) => name.startsWith(`${basename(sqlitePath)}.rescued-`) && name.endsWith('.db'));
      const reach = rescued ? headOf(join(folder, rescued)) : 0;
      if (rescued && reach === acknowledged) {
        // Whole: every acknowledged event, and only those.
        expect(titlesIn(join(folder, rescued))).toEqual(['评估一', '正式环境一', '正式环境二']);
      } else {
        // Not whole: said so — how far (or that none), to restore from a backup, and the files as found kept — never "put the copy in place".
        // The answer carries the refusal's beginning; the server log the whole of it (the ADMIN's refused write above).
        expect(whole.en).toMatch(new RegExp(`None of the ${acknowledged} events|Only events 1–\\d+ of the ${acknowledged}|No sound copy`, 'u'));
        const found = readdirSync(folder).find((name) => name.startsWith(`${basename(sqlitePath)}.rescued-`) && name.endsWith('-found'));
        expect(found).toBeDefined();
        expect(readdirSync(join(folder, found!)).sort()).toEqual(expect.arrayContaining(['as-found.db', 'as-found.db-wal']));
        const logged = server.output().split('\n').filter((line) => line.includes('Refused Mutation.registerUnit')).at(-1)!;
        expect(logged).toContain(`are kept in ${join(folder, found!)}: keep that folder with the backup`);
        expect(logged).toMatch(/restore the store from the newest backup/u);
        expect(logged).not.toMatch(/rename the copy to/u);
        expect(whole.zh).toMatch(/未能在 .* 得到本服务所持内容的完好副本|只有 1–\d+ 复制到了|一个也未能复制到/u);
      }
      // The witness kept what the server acknowledged: its once-a-second write after the restore follows no head of the restored log.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(JSON.parse(readFileSync(`${sqlitePath}.witness.json`, 'utf8'))).toMatchObject({ head: String(acknowledged) });
      // Stopped, the restored file is no store it last saw: the next start refuses it, naming the rewrite.
      await killHard(server.child);
      const refused = await refusedStart(sqlitePath);
      expect(refused.code).toBe(3);
      expect(refused.output).toContain('STORE_REWRITTEN');
    } finally {
      server.child.kill('SIGCONT');
      await killHard(server.child);
    }
  }, PROCESS_TEST_CEILING_MS);
});
