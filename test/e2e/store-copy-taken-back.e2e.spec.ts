import Database from 'better-sqlite3';
import { evaluationTitlesIn } from '../support/store-files.js';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { readSigningKey } from '../../src/ledger/ledger-signing-key.js';
import { signWitness, type StoreWitness } from '../../src/event-store/store-witness.js';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runTool } from '../support/cli-tool.js';
import { operatorText } from '../support/store-refusal.js';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { testSigningKeyFile } from '../support/signing-key.js';
import { graphqlAt, killHard, PROCESS_TEST_CEILING_MS, refusedStart, startServer, type ServerProcess } from '../support/server-process.js';
import { type TestApp, writtenInProcess } from '../support/test-app.js';

/*
 * breaker41-9 P1 (issue 9, "nothing silently started over"): a training, staging or drill copy of the
 * store, written with the office's key, taken back as production's store while production had written
 * nothing since the copy, started `ready` with no problem or notice, and `ledger:verify` said 台账完好:
 * the trainees' records served as real. Three ways in, each through real server processes and tools:
 * (a) a store:backup copy used for training, copied back over the stopped production file;
 * (b) the training data folder put in place of production's, its witness naming the copy 培训;
 * (c) the training file renamed over the live file while production runs.
 * What tells: the other copy's signed witness beside the office's key (its head and chain hash there) and
 * the copy name each witness carries. Every wait is on a condition, under the process-test ceiling.
 * What is judged runs in real processes — each start refused or accepted, ledger:verify, a writing tool, the control
 * starts, production's live /health; the writes a story only needs made (production's users and records, a copy used
 * for training or a drill) go through the same app in this test's process (`writtenInProcess`), whose start costs a
 * fraction of a server process's (about 5 s of CPU).
 */

const PRODUCTION = { STORE_COPY_NAME: '正式' };
const TRAINING = { STORE_COPY_NAME: '培训' };

interface Health {
  status: string;
  problems: { cause: string; message: string; messageZh: string }[];
  notices: { cause: string; messageZh: string }[];
}
const healthOf = async (port: number) => (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as Health;


/** Stops a server the usual way (SIGTERM) and waits for its exit. */
const stop = async (server: ServerProcess) => {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
};

const titlesIn = evaluationTitlesIn;

const evaluationTitles = async (server: ServerProcess, supervisor: Record<string, string>) =>
  ((await graphqlAt(server.port, '{ evaluations { nodes { title } } }', {}, supervisor)).data?.evaluations?.nodes ?? []).map((node: { title: string }) => node.title) as string[];

/** A command-line tool on the store at `sqlitePath` with the office's key, under `env` besides. */
const toolWith = (name: string, args: string[], sqlitePath: string, env: Record<string, string> = {}) =>
  runTool(name, args, { env: { ...process.env, EVENT_STORE: 'sqlite', SQLITE_PATH: sqlitePath, NODE_ENV: 'test', LEDGER_SIGNING_KEY_FILE: testSigningKeyFile(), ...env } });

/** Registers evaluations titled `titles` in turn as `supervisor`, each taken. */
const registerEvaluations = async (app: TestApp, supervisor: Record<string, string>, titles: string[]) => {
  for (const title of titles) expect((await app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ title, idempotencyKey: `key-${title}` }) }, supervisor)).errors).toBeUndefined();
};

/** Production (正式) on a fresh store with a supervisor, an ADMIN and one evaluation (正式评估); stopped — a test that needs it running starts it. */
async function production(): Promise<{ sqlitePath: string; supervisor: Record<string, string>; admin: Record<string, string> }> {
  const sqlitePath = join(mkdtempSync(join(tmpdir(), 'rectify-production-')), 'rectify.db');
  const accounts = await writtenInProcess(sqlitePath, async (app) => {
    const supervisor = await app.as('SUPERVISOR');
    await registerEvaluations(app, supervisor, ['正式评估']);
    return { supervisor, admin: await app.as('ADMIN') };
  }, PRODUCTION);
  return { sqlitePath, ...accounts };
}

/** A training copy made with store:backup under STORE_COPY_NAME=培训, opened as 培训 and written to (two evaluations); stopped. */
async function trainingCopy(sqlitePath: string, supervisor: Record<string, string>): Promise<string> {
  const folder = join(mkdtempSync(join(tmpdir(), 'rectify-training-')), 'train');
  const backup = await toolWith('backup-store', [folder], sqlitePath, TRAINING);
  expect(backup.code).toBe(0);
  const training = join(folder, 'rectify.db');
  await writtenInProcess(training, (app) => registerEvaluations(app, supervisor, ['培训练习一', '培训练习二']), TRAINING);
  expect(titlesIn(training)).toEqual(['正式评估', '培训练习一', '培训练习二']);
  return training;
}

/** The bytes of a file, to show a refused start left it as it was. */
const bytesOf = (path: string) => readFileSync(path).toString('base64');

/** The refusal said at start: exit status 3, STORE_FROM_OTHER_COPY, both copies named, the way to accept it, in Chinese. */
function expectOtherCopyRefusal(refused: { code: number | null; output: string }) {
  expect(refused.code).toBe(3);
  expect(refused.output).toContain('"reason":"STORE_FROM_OTHER_COPY"');
  expect(refused.output).toContain('副本“培训”（STORE_COPY_NAME=培训）');
  expect(refused.output).toContain('本服务运行为副本“正式”（STORE_COPY_NAME=正式）');
  expect(refused.output).toContain('不是本副本的记录');
  expect(refused.output).toContain('以 --accept-store-reset（或 ACCEPT_STORE_RESET=true）启动一次');
}

/**
 * ledger:verify on production's file, with production's copy name (its .env): not intact, the finding naming the other copy;
 * with `json`, `--json` says the same (its format is the same whichever way the copy came in: asked in (a) only).
 */
async function expectVerifyFinds(sqlitePath: string, { json = false } = {}) {
  const verified = await toolWith('ledger-verify', [], sqlitePath, PRODUCTION);
  expect(verified.code).toBe(1);
  expect(verified.stdout).toContain('台账不符（STORE_FROM_OTHER_COPY）');
  expect(verified.stdout).toContain('副本“培训”（STORE_COPY_NAME=培训）');
  expect(verified.stdout).not.toContain('台账完好');
  if (!json) return;
  const answer = JSON.parse((await toolWith('ledger-verify', ['--json'], sqlitePath, PRODUCTION)).stdout) as { ok: boolean; firstMismatch: { kind: string } };
  expect(answer.ok).toBe(false);
  expect(answer.firstMismatch.kind).toBe('STORE_FROM_OTHER_COPY');
}

/**
 * Accepted on purpose once (--accept-store-reset): ready, saying what it took; unless `then` is false, the next plain start
 * ready too, serving the training records (judged in (a); (c) judges the acceptance after a live replacement).
 */
async function expectAcceptedOnce(sqlitePath: string, supervisor: Record<string, string>, { then = true } = {}) {
  const accepted = await startServer(sqlitePath, { env: PRODUCTION, args: ['--accept-store-reset'] });
  try {
    const health = await healthOf(accepted.port);
    expect(health.status).toBe('ready');
    expect(health.notices.map((each) => each.cause)).toContain('STORE_RESET_ACCEPTED');
    // The log says what was accepted: the other copy's records, named.
    expect(accepted.output()).toContain('Starting on a store that was not recognised, as ACCEPT_STORE_RESET asks: The event store at');
    expect(accepted.output()).toContain('the copy named 培训 (STORE_COPY_NAME=培训)');
  } finally {
    await stop(accepted);
    await killHard(accepted.child);
  }
  if (!then) return;
  const plain = await startServer(sqlitePath, { env: PRODUCTION });
  try {
    expect((await healthOf(plain.port)).status).toBe('ready');
    expect(await evaluationTitles(plain, supervisor)).toEqual(expect.arrayContaining(['正式评估', '培训练习一', '培训练习二']));
  } finally {
    await stop(plain);
    await killHard(plain.child);
  }
}

describe('A training copy taken back as production\'s store is refused, never silently served (breaker41-9 P1)', () => {
  it('(a) a store:backup copy made under STORE_COPY_NAME=培训, used for training, copied back over the stopped production file', async () => {
    const { sqlitePath, supervisor } = await production();
    const training = await trainingCopy(sqlitePath, supervisor);
    copyFileSync(training, sqlitePath);
    for (const file of [`${sqlitePath}-wal`, `${sqlitePath}-shm`]) rmSync(file, { force: true });
    const witness = bytesOf(`${sqlitePath}.witness.json`);

    expectOtherCopyRefusal(await refusedStart(sqlitePath, { env: PRODUCTION }));
    // A refused start changes nothing: production's witness is as it was.
    expect(bytesOf(`${sqlitePath}.witness.json`)).toBe(witness);
    await expectVerifyFinds(sqlitePath, { json: true });
    // A writing tool with production's copy name refuses it as the server does, writing nothing.
    const tool = await toolWith('create-user', ['--name', '李娜', '--role', 'SUPERVISOR'], sqlitePath, PRODUCTION);
    expect(tool.code).not.toBe(0);
    expect(tool.stderr).toContain('未写入任何内容：服务同样会拒绝这个事件库');
    expect(tool.stderr).toContain('副本“培训”（STORE_COPY_NAME=培训）');
    expect(bytesOf(`${sqlitePath}.witness.json`)).toBe(witness);
    // The control: the training copy itself, at its own place, starts as ever.
    const again = await startServer(training, { env: TRAINING });
    expect((await healthOf(again.port)).status).toBe('ready');
    await stop(again);
    await expectAcceptedOnce(sqlitePath, supervisor);
  }, PROCESS_TEST_CEILING_MS);

  it("(b) the training data folder put in production's place: refused, its witness left as 培训's; production's own data put back starts", async () => {
    const { sqlitePath, supervisor } = await production();
    const training = await trainingCopy(sqlitePath, supervisor);
    const data = join(sqlitePath, '..');
    const real = `${data}-real`;
    renameSync(data, real);
    cpSync(join(training, '..'), data, { recursive: true });
    const trainingWitness = bytesOf(`${sqlitePath}.witness.json`);
    expect(JSON.parse(readFileSync(`${sqlitePath}.witness.json`, 'utf8'))).toMatchObject({ copyName: '培训' });

    expectOtherCopyRefusal(await refusedStart(sqlitePath, { env: PRODUCTION }));
    // Never rewritten as 正式 before the operator accepted: the witness is still the training copy's, byte for byte.
    expect(bytesOf(`${sqlitePath}.witness.json`)).toBe(trainingWitness);
    await expectVerifyFinds(sqlitePath);

    // Production's real data put back starts ready (before: refused STORE_SHORTER, the witness rewritten from the training log).
    rmSync(data, { recursive: true });
    renameSync(real, data);
    const back = await startServer(sqlitePath, { env: PRODUCTION });
    try {
      expect((await healthOf(back.port)).status).toBe('ready');
      expect(await evaluationTitles(back, supervisor)).toEqual(['正式评估']);
    } finally {
      await stop(back);
      await killHard(back.child);
    }
  }, PROCESS_TEST_CEILING_MS);

  it("(c) the training file renamed over the live file while production runs: /health degraded, the ADMIN told it is the other copy's file and not to keep it; the next start refuses it", async () => {
    const { sqlitePath, supervisor, admin } = await production();
    const server = await startServer(sqlitePath, { env: PRODUCTION });
    try {
      const training = await trainingCopy(sqlitePath, supervisor);
      renameSync(training, sqlitePath);
      const refused = await graphqlAt(server.port, REGISTER_EVALUATION, { input: evaluationInput({ title: '替换之后', idempotencyKey: 'key-替换之后' }) }, supervisor);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'STORE_UNAVAILABLE', cause: 'STORE_FILE_REPLACED' });
      // /health: degraded, the file replaced (office staff's words carry no paths).
      const health = await healthOf(server.port);
      expect(health.status).toBe('degraded');
      expect(health.problems.map((each) => each.cause)).toEqual(['STORE_FILE_REPLACED']);
      // The ADMIN's whole text (and the log) names the other copy and says not to keep the new file — before: "keep the new file".
      const whole = await operatorText({ graphql: (query, variables, headers) => graphqlAt(server.port, query, variables, headers) }, admin, 'STORE_FILE_REPLACED');
      expect(whole.zh).toContain('新文件不是本副本的事件库');
      expect(whole.zh).toContain('其中有副本“培训”（STORE_COPY_NAME=培训）写入的记录');
      expect(whole.zh).toContain('本服务（副本“正式”（STORE_COPY_NAME=正式））');
      expect(whole.zh).toContain('请勿保留新文件');
      expect(whole.zh).not.toContain('保留新文件（下次启动时会检查它）');
      expect(whole.en).toContain('the next start refuses it (STORE_FROM_OTHER_COPY)');
      expect(server.output()).toContain("was replaced by another copy's file");
      await stop(server);

      expectOtherCopyRefusal(await refusedStart(sqlitePath, { env: PRODUCTION }));
      await expectVerifyFinds(sqlitePath);
      await expectAcceptedOnce(sqlitePath, supervisor, { then: false });
    } finally {
      await killHard(server.child);
    }
  }, PROCESS_TEST_CEILING_MS);
});

/*
 * breaker48-9b S1: the folders swapped by name under running production (`mv data data.old; mv drill data`) right after an
 * answered write, before the server's witness timer made that head durable. The server, its file gone, wrote its witness
 * (正式, its head, the drill's writer ids read from the drill's witness and kept) into the drill's folder now at the path, so
 * the next start took the drill's rows as production's (STORE_REWRITTEN, advising to keep them and re-enter production's).
 */
describe("A training folder swapped in by name under running production (breaker48-9b S1)", () => {
  it("leaves the training folder's witness as it was, and the next start refuses it as the other copy's, as when production was stopped", async () => {
    const { sqlitePath, supervisor } = await production();
    const server = await startServer(sqlitePath, { env: PRODUCTION });
    try {
      const training = await trainingCopy(sqlitePath, supervisor);
      const trainingWitness = bytesOf(`${training}.witness.json`);
      const written = await graphqlAt(server.port, REGISTER_EVALUATION, { input: evaluationInput({ title: '正式评估二', idempotencyKey: 'key-正式评估二' }) }, supervisor);
      expect(written.errors).toBeUndefined();
      // breaker51-9 M2: the training copy stopped cleanly — no -wal, no -shm beside its file, as a drill's folder is left.
      for (const companion of [`${training}-wal`, `${training}-shm`]) rmSync(companion, { force: true });
      // At once, within the witness timer's second: the two renames an operator types.
      const data = dirname(sqlitePath);
      renameSync(data, `${data}.old`);
      renameSync(dirname(training), data);
      const health = await healthOf(server.port);
      // The first look names the file replaced — not a deleted -shm (breaker51-9 M2) — and says the -wal went with the old folder, not that it was moved aside.
      expect(health.problems.map((each) => each.cause)).toEqual(['STORE_FILE_REPLACED']);
      expect(JSON.stringify(health.problems)).not.toContain('-shm）被删除');
      for (let look = 0; look < 300 && !server.output().includes("went with the file's old folder"); look++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(server.output()).toContain('已不在原处（随旧文件夹移走或被删除），不会被读到新文件上');
      expect(server.output()).not.toContain('移开（改名为副本名加 -old-wal）');
      // Past the witness timer (1 s), and through the stop: nothing of production's is written into the training folder's witness.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await stop(server);
      expect(bytesOf(`${sqlitePath}.witness.json`)).toBe(trainingWitness);

      expectOtherCopyRefusal(await refusedStart(sqlitePath, { env: PRODUCTION }));
      // Production's own folder, put back, starts with its acknowledged record.
      renameSync(data, `${data}.training`);
      renameSync(`${data}.old`, data);
      const back = await startServer(sqlitePath, { env: PRODUCTION });
      try {
        expect((await healthOf(back.port)).status).toBe('ready');
        expect(await evaluationTitles(back, supervisor)).toEqual(['正式评估', '正式评估二']);
      } finally {
        await stop(back);
        await killHard(back.child);
      }
    } finally {
      await killHard(server.child);
    }
  }, PROCESS_TEST_CEILING_MS);
});

/*
 * breaker42-9 F1, F5: the rows themselves say which running copy wrote them. Each server and tool records a fresh writer
 * id in its witness (beside the data and beside the key, durably) before its first append, and stamps its rows with it;
 * production's witnesses never recorded the training copy's — whatever witness that copy left, wherever, and however
 * soon after its writes it was stopped.
 */
describe('A training copy\'s rows are told by the rows themselves (breaker42-9 F1, F5)', () => {
  it('F1: a training copy run on another machine with a copy of the keys folder (its witnesses there), copied back: refused, verify finds it, accepted once', async () => {
    const { sqlitePath, supervisor } = await production();
    const machine = mkdtempSync(join(tmpdir(), 'rectify-trainhost-'));
    const backup = await toolWith('backup-store', [join(machine, 'data')], sqlitePath, TRAINING);
    expect(backup.code).toBe(0);
    // The keys folder copied along (key and store-witnesses), as the training machine's STORE_WITNESS_COPY_MISSING asks.
    const keys = join(machine, 'keys');
    cpSync(dirname(testSigningKeyFile()), keys, { recursive: true });
    const trainingKey = { ...TRAINING, LEDGER_SIGNING_KEY_FILE: join(keys, 'ledger-signing-key.pem') };
    const training = join(machine, 'data', 'rectify.db');
    await writtenInProcess(training, (app) => registerEvaluations(app, supervisor, ['培训练习一', '培训练习二']), trainingKey);
    copyFileSync(training, sqlitePath);
    for (const file of [`${sqlitePath}-wal`, `${sqlitePath}-shm`]) rmSync(file, { force: true });
    const witness = bytesOf(`${sqlitePath}.witness.json`);

    const refused = await refusedStart(sqlitePath, { env: PRODUCTION });
    expect(refused.code).toBe(3);
    expect(refused.output).toContain('"reason":"STORE_FROM_OTHER_COPY"');
    expect(refused.output).toContain('本事件库另一个副本写入的 2 条记录');
    expect(refused.output).toContain('本副本的见证文件从未记有这些写入进程');
    expect(refused.output).toContain('本服务运行为副本“正式”（STORE_COPY_NAME=正式）');
    expect(refused.output).toContain('以 --accept-store-reset（或 ACCEPT_STORE_RESET=true）启动一次');
    // Before: ready, and production's witness rewritten to the training head as 正式's — the evidence gone.
    expect(bytesOf(`${sqlitePath}.witness.json`)).toBe(witness);
    const verified = await toolWith('ledger-verify', ['--json'], sqlitePath, PRODUCTION);
    const json = JSON.parse(verified.stdout) as { ok: boolean; firstMismatch: { kind: string; eventNumber: number } };
    expect(json.ok).toBe(false);
    // Placed at the training copy's first record (breaker42-9 F8: before, "at event 1").
    expect(json.firstMismatch).toMatchObject({ kind: 'STORE_FROM_OTHER_COPY', eventNumber: titlesPositions(sqlitePath)[1] });

    const accepted = await startServer(sqlitePath, { env: PRODUCTION, args: ['--accept-store-reset'] });
    expect((await healthOf(accepted.port)).status).toBe('ready');
    await stop(accepted);
    await killHard(accepted.child);
    const plain = await startServer(sqlitePath, { env: PRODUCTION });
    try {
      expect((await healthOf(plain.port)).status).toBe('ready');
      // Production's own writes after the acceptance, and its restart: its own writer, never refused.
      expect((await graphqlAt(plain.port, REGISTER_EVALUATION, { input: evaluationInput({ title: '接受之后', idempotencyKey: 'key-接受之后' }) }, supervisor)).errors).toBeUndefined();
    } finally {
      await killHard(plain.child);
    }
    const afterCrash = await startServer(sqlitePath, { env: PRODUCTION });
    try {
      expect((await healthOf(afterCrash.port)).status).toBe('ready');
    } finally {
      await stop(afterCrash);
      await killHard(afterCrash.child);
    }
  }, PROCESS_TEST_CEILING_MS);

  it("F5: a training copy killed hard at once after its write (its key-side witness lagging), its .db and -wal copied back: refused, naming 培训", async () => {
    const { sqlitePath, supervisor } = await production();
    const data = dirname(sqlitePath);
    const train = `${data}-train`;
    cpSync(data, train, { recursive: true });
    rmSync(join(train, 'rectify.db.servers'), { recursive: true, force: true });
    const training = join(train, 'rectify.db');
    const trainer = await startServer(training, { env: TRAINING });
    try {
      expect((await graphqlAt(trainer.port, REGISTER_EVALUATION, { input: evaluationInput({ title: '培训练习一', idempotencyKey: 'key-培训练习一' }) }, supervisor)).errors).toBeUndefined();
    } finally {
      // Within the second: no durable witness write of the head since the answer.
      await killHard(trainer.child);
    }
    expect(existsSync(`${training}-wal`)).toBe(true);
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(`${training}${suffix}`)) copyFileSync(`${training}${suffix}`, `${sqlitePath}${suffix}`);

    const refused = await refusedStart(sqlitePath, { env: PRODUCTION });
    expect(refused.code).toBe(3);
    expect(refused.output).toContain('"reason":"STORE_FROM_OTHER_COPY"');
    expect(refused.output).toContain('本事件库另一个副本写入的 1 条记录');
    expect(refused.output).toContain('由副本“培训”（STORE_COPY_NAME=培训）的写入进程');
    // F6: the -wal beside is said to hold the other copy's records (the .db read alone ends before them; note44: it said "may be")
    // — never "keep it, it may hold acknowledged events".
    expect(refused.output).toContain('在这个 -wal 中，不在 .db 中：单独读取 .db 只到位置');
    expect(refused.output).not.toContain('其中可能有已确认写入的事件：请勿删除它');
    // The training copy itself restarts on its own rows, its writer recorded before its write.
    const again = await startServer(training, { env: TRAINING });
    try {
      expect((await healthOf(again.port)).status).toBe('ready');
    } finally {
      await stop(again);
      await killHard(again.child);
    }
  }, PROCESS_TEST_CEILING_MS);
});

/** The positions of the evaluations registered in the file, in order (read-only). */
function titlesPositions(sqlitePath: string): number[] {
  const db = new Database(sqlitePath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare<[], { position: number }>("SELECT position FROM events WHERE type = 'EvaluationRegistered' ORDER BY position").all().map(({ position }) => position);
  } finally {
    db.close();
  }
}

describe('A drill copy run under production\'s own name, its file copied back over production that went on (newcomer45-9 S1)', () => {
  it('is refused as another copy\'s, naming its record, though the file is shorter than what production saw — never only "events missing"', async () => {
    const { sqlitePath, supervisor } = await production();
    // The daily backup, then production goes on (two more records): the drill's file will be shorter than production.
    const folder = join(mkdtempSync(join(tmpdir(), 'rectify-drill-')), 'drill');
    expect((await toolWith('backup-store', [folder], sqlitePath, PRODUCTION)).code).toBe(0);
    await writtenInProcess(sqlitePath, (app) => registerEvaluations(app, supervisor, ['正式评估二', '正式评估三']), PRODUCTION);
    // The restore drill as the README had it: the project folder's .env, so the drill is a second 正式 at another place.
    const drill = join(folder, 'rectify.db');
    await writtenInProcess(drill, (app) => registerEvaluations(app, supervisor, ['演练评估']), PRODUCTION);
    copyFileSync(drill, sqlitePath);
    for (const file of [`${sqlitePath}-wal`, `${sqlitePath}-shm`]) rmSync(file, { force: true });

    const refused = await refusedStart(sqlitePath, { env: PRODUCTION });
    expect(refused.code).toBe(3);
    expect(refused.output).toContain('STORE_FROM_OTHER_COPY');
    expect(refused.output).toContain('有本事件库另一个副本写入的 1 条记录');
    expect(refused.output).toContain(`见于 ${drill}`);
    expect(refused.output).not.toContain('已确认写入的事件缺失');
    expect(titlesIn(sqlitePath)).toContain('演练评估');
  }, PROCESS_TEST_CEILING_MS);
});

describe('A restore drill run at production\'s own place under STORE_COPY_NAME=演练 (breaker49-9 S3, S4)', () => {
  it("production's own folder put back starts ready (never STORE_SHORTER on the drill's record), and the drill's file is still another copy's", async () => {
    const { sqlitePath, supervisor } = await production();
    const data = dirname(sqlitePath);
    const backup = join(mkdtempSync(join(tmpdir(), 'rectify-drill-backup-')), 'b1');
    expect((await toolWith('backup-store', [backup], sqlitePath, PRODUCTION)).code).toBe(0);
    await writtenInProcess(sqlitePath, (app) => registerEvaluations(app, supervisor, ['正式评估二']), PRODUCTION);
    // The drill "exactly as it would restore for real": production's folder moved aside, the backup put in its place,
    // started as 演练 — refused STORE_SHORTER on production's record (fair), accepted once as that refusal offers.
    renameSync(data, `${data}.prod`);
    cpSync(backup, data, { recursive: true });
    const drillSettings = { STORE_COPY_NAME: '演练' };
    expect((await refusedStart(sqlitePath, { env: drillSettings })).output).toContain('STORE_SHORTER');
    const accepted = await startServer(sqlitePath, { env: drillSettings, args: ['--accept-store-reset'] });
    await stop(accepted);
    await killHard(accepted.child);
    await writtenInProcess(sqlitePath, (app) => registerEvaluations(app, supervisor, ['演练评估一', '演练评估二', '演练评估三']), drillSettings);
    const drillWitness = JSON.parse(readFileSync(`${sqlitePath}.witness.json`, 'utf8')) as { copyName: string; writers: string[] };
    // The drill's acceptance kept only its own writers, not production's (S4, the other way round).
    expect(drillWitness.copyName).toBe('演练');
    // Drill over: its folder aside, production's own folder back, untouched.
    renameSync(data, `${data}.drill`);
    renameSync(`${data}.prod`, data);
    const productionWriters = (JSON.parse(readFileSync(`${sqlitePath}.witness.json`, 'utf8')) as { writers: string[] }).writers;
    expect(drillWitness.writers.some((writer) => productionWriters.includes(writer))).toBe(false);

    const back = await startServer(sqlitePath, { env: PRODUCTION });
    try {
      expect((await healthOf(back.port)).status).toBe('ready');
      expect(await evaluationTitles(back, supervisor)).toEqual(expect.arrayContaining(['正式评估', '正式评估二']));
    } finally {
      await stop(back);
      await killHard(back.child);
    }
    // Production's witness never took the drill's writers in (S4): the drill's file put in production's place is the drill's.
    const after = JSON.parse(readFileSync(`${sqlitePath}.witness.json`, 'utf8')) as { copyName: string; writers: string[] };
    expect(after.copyName).toBe('正式');
    expect(after.writers.some((writer) => drillWitness.writers.includes(writer))).toBe(false);
    for (const file of ['rectify.db-wal', 'rectify.db-shm']) rmSync(join(data, file), { force: true });
    copyFileSync(join(`${data}.drill`, 'rectify.db'), sqlitePath);
    const refused = await refusedStart(sqlitePath, { env: PRODUCTION });
    expect(refused.code).toBe(3);
    expect(refused.output).toContain('STORE_FROM_OTHER_COPY');
    expect(refused.output).not.toContain('已确认写入的事件缺失');
  }, PROCESS_TEST_CEILING_MS * 2);
});

/** As the release before writer ids rewrote them (a rollback to it): this store's witnesses, beside the data and beside the key, without `writers`, signed again. */
function witnessesWithoutWriters(sqlitePath: string): void {
  const key = readSigningKey(testSigningKeyFile());
  const beside = `${sqlitePath}.witness.json`;
  const storeId = (JSON.parse(readFileSync(beside, 'utf8')) as { storeId: string }).storeId;
  const keyFolder = join(dirname(testSigningKeyFile()), 'store-witnesses');
  const kept = existsSync(keyFolder) ? readdirSync(keyFolder).filter((name) => name.startsWith(storeId)).map((name) => join(keyFolder, name)) : [];
  for (const path of [beside, ...kept]) {
    const { writers: _dropped, signature: _old, ...rest } = JSON.parse(readFileSync(path, 'utf8')) as StoreWitness;
    writeFileSync(path, JSON.stringify(signWitness(rest as StoreWitness, key)));
  }
}

describe("Production's own backup put back after a rollback to the release before writer ids and back (newcomer50-9 S3)", () => {
  it('is refused STORE_SHORTER (its rows are this copy\'s), never as another copy\'s records that would all be lost', async () => {
    const { sqlitePath, supervisor } = await production();
    const backup = join(mkdtempSync(join(tmpdir(), 'rectify-pre-upgrade-')), 'pre-upgrade');
    expect((await toolWith('backup-store', [backup], sqlitePath, PRODUCTION)).code).toBe(0);
    await writtenInProcess(sqlitePath, (app) => registerEvaluations(app, supervisor, ['正式评估二']), PRODUCTION);
    const before = (JSON.parse(readFileSync(`${sqlitePath}.witness.json`, 'utf8')) as StoreWitness).writers ?? [];
    expect(before.length).toBeGreaterThan(0);
    // Rolled back to the release before writer ids, and forward again: the witnesses lost `writers`.
    witnessesWithoutWriters(sqlitePath);
    await writtenInProcess(sqlitePath, (app) => registerEvaluations(app, supervisor, ['正式评估三']), PRODUCTION);
    const after = (JSON.parse(readFileSync(`${sqlitePath}.witness.json`, 'utf8')) as StoreWitness).writers ?? [];
    // The writers of the rows the witness vouched for are read back from the rows.
    expect(after).toEqual(expect.arrayContaining(before));
    // The admin's classic mistake: the backup's .db alone copied over production's (its witness not put back).
    for (const file of [`${sqlitePath}-wal`, `${sqlitePath}-shm`]) rmSync(file, { force: true });
    copyFileSync(join(backup, 'rectify.db'), sqlitePath);
    const refused = await refusedStart(sqlitePath, { env: PRODUCTION });
    expect(refused.code).toBe(3);
    expect(refused.output).toContain('STORE_SHORTER');
    expect(refused.output).not.toContain('STORE_FROM_OTHER_COPY');
  }, PROCESS_TEST_CEILING_MS);
});

describe('ledger:verify on a backup put back with its witness, before any start accepted it (newcomer50-9 M9)', () => {
  it('names the events and the signed checkpoint the copy beside the key saw after the backup, never 台账完好', async () => {
    const { sqlitePath, supervisor } = await production();
    const backup = join(mkdtempSync(join(tmpdir(), 'rectify-b3-')), 'b3');
    expect((await toolWith('backup-store', [backup], sqlitePath, PRODUCTION)).code).toBe(0);
    await writtenInProcess(
      sqlitePath,
      async (app) => {
        await registerEvaluations(app, supervisor, ['正式评估二']);
        expect((await app.graphql(`mutation { takeLedgerCheckpoint { sequence } }`, {}, await app.as('ADMIN'))).errors).toBeUndefined();
        await registerEvaluations(app, supervisor, ['正式评估三']);
      },
      PRODUCTION,
    );
    // README step 2: the backup's .db and witness put back (the -wal of the stopped store removed with it).
    for (const file of [`${sqlitePath}-wal`, `${sqlitePath}-shm`]) rmSync(file, { force: true });
    copyFileSync(join(backup, 'rectify.db'), sqlitePath);
    copyFileSync(join(backup, 'rectify.db.witness.json'), `${sqlitePath}.witness.json`);
    const verified = await toolWith('ledger-verify', [], sqlitePath, PRODUCTION);
    expect(verified.code).toBe(1);
    expect(verified.stdout).not.toContain('台账完好');
    expect(verified.stdout).toContain('与签名密钥放在一起的事件库见证副本');
    expect(verified.stdout).toMatch(/LOG_TRUNCATED|CHECKPOINT_MISSING/);
  }, PROCESS_TEST_CEILING_MS);
});
