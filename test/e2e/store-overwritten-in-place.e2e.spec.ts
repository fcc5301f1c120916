import { evaluationTitlesIn } from '../support/store-files.js';
import { expectUsersWords, operatorText } from '../support/store-refusal.js';
import Database from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store.js';
import { runTool } from '../support/cli-tool.js';
import { testSigningKeyFile } from '../support/signing-key.js';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { graphqlAt, killHard, PROCESS_TEST_CEILING_MS, startServer, type ServerProcess } from '../support/server-process.js';
import { freshDatabasePath, writtenInProcess } from '../support/test-app.js';

/*
 * breaker9s P5: a store file written over in place under the running server — `cp` of a copy over the
 * live rectify.db keeps its inode, so only its content shows it. Larger or smaller, of this store or of
 * another: the next write is refused (STORE_UNAVAILABLE, STORE_FILE_REPLACED), /health says degraded
 * naming the cause in Chinese, and the events the server acknowledged are kept in a rescued copy.
 * A real server process; every wait is on a condition, under the process-test ceiling.
 */

interface Health {
  status: string;
  problems: { cause: string; message: string; messageZh: string }[];
}
const healthOf = async (port: number) => {
  const response = await fetch(`http://127.0.0.1:${port}/health`);
  return { status: response.status, body: (await response.json()) as Health };
};

const until = async <T>(look: () => T | null | undefined | false): Promise<T> => {
  for (;;) {
    const found = look();
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

const titlesIn = evaluationTitlesIn;

const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

const quickCheck = (path: string) => {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return db.pragma('quick_check', { simple: true });
  } finally {
    db.close();
  }
};

/** A copy of the live store as SQLite reads it (its -wal included): what an operator makes with `.backup`. */
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

/** `count` more events in a copy (a training copy used on its own), each with a page of text: the copy grows past the live file. */
const grow = async (copy: string, count: number) => {
  const store = new SqliteEventStore(copy, { writerThread: false });
  for (let index = 0; index < count; index += 1) {
    const now = new Date().toISOString();
    const id = randomUUID();
    await store.appendToStream(`training-${id}`, [
      {
        id,
        type: 'TrainingNoteWritten',
        schemaVersion: 1,
        data: { text: '培训'.repeat(2000) },
        metadata: { actorId: 'trainer', actorRole: 'ADMIN', actorUnitId: null, commandId: id, correlationId: id, causationId: id, recordedAt: now },
      },
    ], { expectedRevision: 'no_stream' });
  }
  await store.close();
  const db = new Database(copy);
  db.pragma('journal_mode = DELETE');
  db.close();
};

const supervisors = new Map<ServerProcess, Record<string, string>>();
const supervisorOf = (server: ServerProcess) => supervisors.get(server)!;
const admins = new Map<ServerProcess, Record<string, string>>();
/** What the ADMIN of the server reads of the store's refusal (the whole text; office staff read USERS_WORDS). */
const operatorTextOf = (server: ServerProcess) => operatorText({ graphql: (query, variables, headers) => graphqlAt(server.port, query, variables, headers) }, admins.get(server)!, 'STORE_FILE_REPLACED');

async function liveServer(): Promise<{ sqlitePath: string; server: ServerProcess; write: (title: string) => Promise<{ errors?: { message: string; extensions?: Record<string, unknown> }[] }> }> {
  const sqlitePath = freshDatabasePath();
  // The accounts are only set-up: written in this test's process (`writtenInProcess`), the server then started on them.
  const accounts = await writtenInProcess(sqlitePath, async (app) => ({ supervisor: await app.as('SUPERVISOR'), admin: await app.as('ADMIN') }));
  const server = await startServer(sqlitePath);
  const { supervisor } = accounts;
  supervisors.set(server, supervisor);
  admins.set(server, accounts.admin);
  const write = (title: string) => graphqlAt(server.port, REGISTER_EVALUATION, { input: evaluationInput({ title, idempotencyKey: `key-${title}` }) }, supervisor);
  return { sqlitePath, server, write };
}

/** The next write refused, /health degraded naming the cause, the acknowledged events in the rescued copy, the server still up. */
async function expectCaught(sqlitePath: string, server: ServerProcess, write: (title: string) => Promise<{ errors?: { message: string; extensions?: Record<string, unknown> }[] }>, acknowledged: string[]) {
  const refused = await write('覆盖之后');
  expectUsersWords(refused, 'STORE_FILE_REPLACED');
  const whole = await operatorTextOf(server);
  expect(whole.zh).toContain('被原地覆盖（文件被替换/覆盖');
  expect(whole.zh).toContain('请停止使用该文件的所有服务');
  const health = await healthOf(server.port);
  expect(health.status).toBe(503);
  expect(health.body.status).toBe('degraded');
  expect(health.body.problems.map((problem) => problem.cause)).toEqual(['STORE_FILE_REPLACED']);
  // Reads go on, or are refused as the store's state — never a generic error, never a crash.
  const read = await graphqlAt(server.port, '{ evaluations { totalCount } }', {}, supervisorOf(server));
  expect(read.errors?.[0]?.extensions?.code ?? 'answered').toMatch(/^(answered|STORE_UNAVAILABLE)$/);
  // A second write is refused too, and nothing of either reached any file.
  expect((await write('再次覆盖之后')).errors?.[0]?.extensions).toMatchObject({ code: 'STORE_UNAVAILABLE', cause: 'STORE_FILE_REPLACED' });
  const folder = dirname(sqlitePath);
  const rescued = await until(() => readdirSync(folder).find((name) => name.startsWith(`${basename(sqlitePath)}.rescued-`) && name.endsWith('.db') && !readdirSync(folder).includes(`${name}-journal`)));
  const rescuedPath = join(folder, rescued);
  // The copy is checked and kept only once sound: wait until the server says it is done.
  await until(() => server.output().includes(`Copied what this server holds of ${sqlitePath} to ${rescuedPath}`) || server.output().includes(`to ${rescuedPath}: `) || server.output().includes('No sound copy of what this server holds'));
  // Row by row, each event checked against the ledger chain: a page copy would read the other file's pages.
  expect(server.output()).toContain(`Copied what this server holds of ${sqlitePath} to ${rescuedPath} row by row, events 1–`);
  expect(server.output()).toContain('each checked against the ledger chain (PRAGMA quick_check ok)');
  expect(quickCheck(rescuedPath)).toBe('ok');
  expect(titlesIn(rescuedPath)).toEqual(acknowledged);
  // Once the copy is made, the refusal says how far it reaches (breaker9u P2): here every event the server holds.
  expectUsersWords(await write('副本完成之后'), 'STORE_FILE_REPLACED');
  const afterCopy = await operatorTextOf(server);
  expect(afterCopy.zh).toContain(`本服务持有的全部内容（事件 1–`);
  expect(afterCopy.zh).toContain(`已复制到 ${rescuedPath}（完整性检查通过）`);
  expect(afterCopy.zh).toContain('然后用副本替换它');
  expect(server.child.exitCode).toBeNull();
  expect(server.child.signalCode).toBeNull();
  // Stopped the usual way, it writes nothing into the file put in place: not its -wal, not a checkpoint.
  const putInPlace = digest(sqlitePath);
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
  expect(digest(sqlitePath)).toBe(putInPlace);
}

describe('A store file written over in place under the running server (breaker9s P5)', () => {
  it('a larger copy of the same store (a training copy grown since): the next write refused, health degraded, the acknowledged events rescued', async () => {
    const { sqlitePath, server, write } = await liveServer();
    try {
      expect((await write('评估一')).errors).toBeUndefined();
      const training = join(mkdtempSync(join(tmpdir(), 'rectify-training-')), 'rectify.db');
      await backupOf(sqlitePath, training);
      await grow(training, 40);
      for (const title of ['评估二', '评估三']) expect((await write(title)).errors).toBeUndefined();
      expect(statSync(training).size).toBeGreaterThan(statSync(sqlitePath).size);
      copyFileSync(training, sqlitePath);
      await expectCaught(sqlitePath, server, write, ['评估一', '评估二', '评估三']);
    } finally {
      await killHard(server.child);
    }
  }, PROCESS_TEST_CEILING_MS);

  it('a smaller, older copy of the same store', async () => {
    const { sqlitePath, server, write } = await liveServer();
    try {
      expect((await write('评估一')).errors).toBeUndefined();
      const older = join(mkdtempSync(join(tmpdir(), 'rectify-older-')), 'rectify.db');
      await backupOf(sqlitePath, older);
      for (const title of ['评估二', '评估三', '评估四']) expect((await write(title)).errors).toBeUndefined();
      copyFileSync(older, sqlitePath);
      await expectCaught(sqlitePath, server, write, ['评估一', '评估二', '评估三', '评估四']);
    } finally {
      await killHard(server.child);
    }
  }, PROCESS_TEST_CEILING_MS);

  it("another store's file", async () => {
    const { sqlitePath, server, write } = await liveServer();
    try {
      for (const title of ['评估一', '评估二']) expect((await write(title)).errors).toBeUndefined();
      const other = join(mkdtempSync(join(tmpdir(), 'rectify-other-')), 'rectify.db');
      const store = new SqliteEventStore(other, { writerThread: false });
      await store.identify();
      await store.close();
      await grow(other, 3);
      copyFileSync(other, sqlitePath);
      await expectCaught(sqlitePath, server, write, ['评估一', '评估二']);
    } finally {
      await killHard(server.child);
    }
  }, PROCESS_TEST_CEILING_MS);
});

/*
 * breaker51-9 S1: a restore drill's file — made from a store:backup, then written to by the drill — copied over the live
 * file in place. With no more writes on the drill than on production since the backup, the file is no larger than the
 * database the server holds, holds the same store id, and its header's write count is one production's -wal also holds:
 * production stayed ready, acknowledged writes, and its next checkpoint mixed the drill's pages (its request-index rows)
 * into the store. Any file at the path that is not what this server's connection wrote is refused before the next write.
 */
describe("A restore drill's file copied over the live file in place (breaker51-9 S1)", () => {
  const stop = async (server: ServerProcess) => {
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGTERM');
    await exited;
  };

  /** The README's drill: store:backup of the live store, the drill server started on it under a copy name of its own, `drillTitles` written there, stopped cleanly. */
  const drillOf = async (sqlitePath: string, server: ServerProcess, drillTitles: string[]) => {
    const folder = join(mkdtempSync(join(tmpdir(), 'rectify-drill-')), 'drill');
    const backup = await runTool('backup-store', [folder], { env: { ...process.env, EVENT_STORE: 'sqlite', SQLITE_PATH: sqlitePath, NODE_ENV: 'test', LEDGER_SIGNING_KEY_FILE: testSigningKeyFile() } });
    expect(backup.code).toBe(0);
    const drillPath = join(folder, 'rectify.db');
    const drill = await startServer(drillPath, { env: { STORE_COPY_NAME: '演练' } });
    try {
      for (const title of drillTitles) {
        const written = await graphqlAt(drill.port, REGISTER_EVALUATION, { input: evaluationInput({ title, idempotencyKey: `key-${title}` }) }, supervisorOf(server));
        expect(written.errors).toBeUndefined();
      }
    } finally {
      await stop(drill);
    }
    return drillPath;
  };

  it.each([
    ['fewer writes on the drill than on production since the backup (a shorter file of another branch)', ['演练一'], ['评估二', '评估三']],
    ['as many writes on the drill as on production (the same length, another event at the head)', ['演练一', '演练二'], ['评估二', '评估三']],
  ])('%s: the next write refused, health degraded, what the server acknowledged rescued, never checkpointed over the drill', async (_, drillTitles, productionTitles) => {
    const { sqlitePath, server, write } = await liveServer();
    try {
      expect((await write('评估一')).errors).toBeUndefined();
      const drillPath = await drillOf(sqlitePath, server, drillTitles);
      for (const title of productionTitles) expect((await write(title)).errors).toBeUndefined();
      expect(statSync(drillPath).size).toBeLessThanOrEqual(statSync(sqlitePath).size + statSync(`${sqlitePath}-wal`).size);
      copyFileSync(drillPath, sqlitePath);
      await expectCaught(sqlitePath, server, write, ['评估一', ...productionTitles]);
    } finally {
      await killHard(server.child);
    }
  }, PROCESS_TEST_CEILING_MS);
});
