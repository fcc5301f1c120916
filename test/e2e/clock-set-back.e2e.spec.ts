import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTool, toolOnStore } from '../support/cli-tool.js';
import { testSigningKeyFile } from '../support/signing-key.js';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { freshDatabasePath, writtenInProcess } from '../support/test-app.js';
import { graphqlAt, killHard, PROCESS_TEST_CEILING_MS, startServer } from '../support/server-process.js';

/*
 * breaker9p P1 (serious): a server whose wall clock was set back served and recorded on without a
 * word — a report typed after its due date was kept as on time, and recorded before the finding it
 * answers. While the clock reads before the newest recorded instant, writes are refused
 * (STORE_UNAVAILABLE, in Chinese) and /health says degraded with CLOCK_BEHIND_LOG; reads go on,
 * and writes resume by themselves once the clock is right.
 */

const TWO_DAYS_MS = 2 * 24 * 3_600_000;
/** The environment of a process whose clock reads two days behind (test/support/clock-set-back.cjs). */
const setBack = { NODE_OPTIONS: `--require ${join(process.cwd(), 'test/support/clock-set-back.cjs')}`, CLOCK_OFFSET_MS: String(-TWO_DAYS_MS) };

/** A process whose clock reads two days ahead (the witness it writes says so). */
const aheadTwoDays = { NODE_OPTIONS: setBack.NODE_OPTIONS, CLOCK_OFFSET_MS: String(TWO_DAYS_MS) };
/** Stops a server as the operator does (SIGTERM: it drains and shuts down, writing what it writes at shutdown). */
const stopGracefully = (child: import('node:child_process').ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
const seenAtOf = (sqlitePath: string) => (JSON.parse(readFileSync(`${sqlitePath}.witness.json`, 'utf8')) as { seenAt: string }).seenAt;

const healthOf = async (port: number) => (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as { status: string; problems: { cause: string }[] };

describe('A server whose clock was set back', () => {
  it(
    'records nothing while its clock reads before the newest record: writes refused STORE_UNAVAILABLE saying so in Chinese, /health degraded with CLOCK_BEHIND_LOG, reads answered; on the right clock again it records',
    async () => {
      const sqlitePath = freshDatabasePath();
      // A supervisor, an administrator and one evaluation recorded on the right clock, written by the app in this test's
      // process as a server writes them (`writtenInProcess`): only set-up — every server and tool on a set-back clock is a real process.
      const { supervisor, admin } = await writtenInProcess(sqlitePath, async (app) => {
        const accounts = { supervisor: await app.as('SUPERVISOR'), admin: await app.as('ADMIN') };
        expect((await app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ idempotencyKey: 'clock-1' }) }, accounts.supervisor)).errors).toBeUndefined();
        return accounts;
      });

      let server = await startServer(sqlitePath, { env: setBack });
      try {
        const health = await healthOf(server.port);
        expect(health.status).toBe('degraded');
        expect(health.problems.map((problem) => problem.cause)).toContain('CLOCK_BEHIND_LOG');
        const refused = await graphqlAt(server.port, REGISTER_EVALUATION, { input: evaluationInput({ idempotencyKey: 'clock-2' }) }, supervisor);
        expect(refused.data?.registerEvaluation ?? null).toBeNull();
        expect(refused.errors?.[0]?.extensions?.code).toBe('STORE_UNAVAILABLE');
        // newcomer27 S3: a supervisor, who can do nothing about the server's clock, is told briefly and sent to the administrator.
        expect(refused.errors?.[0]?.extensions?.cause).toBe('CLOCK_BEHIND_LOG');
        expect(refused.errors?.[0]?.extensions?.messageZh).toBe('系统时钟异常，暂时无法保存：本次操作未记录，可以继续查看。请联系系统管理员处理（详情见服务器日志）。');
        expect(refused.errors?.[0]?.message).not.toMatch(/accept-clock-ahead-records|NTP/);
        // The administrator reads the whole text: both instants and what to do.
        const byAdmin = await graphqlAt(server.port, `mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, { input: { idempotencyKey: 'clock-unit', code: 'CZJ', name: '市财政局', kind: 'DEPARTMENT' } }, admin);
        expect(byAdmin.errors?.[0]?.extensions).toMatchObject({ code: 'STORE_UNAVAILABLE', cause: 'CLOCK_BEHIND_LOG' });
        expect(String(byAdmin.errors?.[0]?.extensions?.messageZh)).toMatch(/^服务器时钟（北京时间 .*）比台账中最新记录的录入时间（北京时间 .*）早 (1 天 23 小时 5\d 分钟|2 天.*)：系统时间可能被调回。为免记录的日期和录入时间错乱，暂停写入/);
        // Reading goes on.
        const read = await graphqlAt(server.port, '{ evaluations { nodes { title } } }', {}, supervisor);
        expect(read.errors).toBeUndefined();
        expect(read.data.evaluations.nodes).toHaveLength(1);
        expect(server.output()).toContain('系统时间可能被调回');
      } finally {
        await killHard(server.child);
      }

      // A writing tool on the same clock records nothing either.
      const tool = await runTool('create-user', ['--name', '李娜', '--role', 'INSPECTOR'], {
        env: { ...process.env, EVENT_STORE: 'sqlite', SQLITE_PATH: sqlitePath, NODE_ENV: 'test', LEDGER_SIGNING_KEY_FILE: testSigningKeyFile(), ...setBack },
      });
      expect(tool.code).not.toBe(0);
      expect(tool.stderr).toContain('未写入任何内容。服务器时钟');
      expect(tool.stdout).not.toContain('李娜');

      server = await startServer(sqlitePath);
      try {
        expect((await healthOf(server.port)).status).toBe('ready');
        const recorded = await graphqlAt(server.port, REGISTER_EVALUATION, { input: evaluationInput({ idempotencyKey: 'clock-2' }) }, supervisor);
        expect(recorded.errors).toBeUndefined();
      } finally {
        await killHard(server.child);
      }
    },
    PROCESS_TEST_CEILING_MS,
  );

  it(
    'stays refused after a restart: the refused start and its shutdown never write the witness back to the slow clock (breaker9r P1)',
    async () => {
      const sqlitePath = freshDatabasePath();
      // A clock two days ahead sees the store (nothing recorded): the witness alone holds the newest instant.
      let server = await startServer(sqlitePath, { env: aheadTwoDays });
      await stopGracefully(server.child);
      const seenAhead = seenAtOf(sqlitePath);
      expect(Date.parse(seenAhead)).toBeGreaterThan(Date.now() + TWO_DAYS_MS / 2);

      // The clock right again: refused, then stopped as an operator stops it.
      server = await startServer(sqlitePath);
      try {
        const health = await healthOf(server.port);
        expect(health.status).toBe('degraded');
        expect(health.problems.map((problem) => problem.cause)).toContain('CLOCK_BEHIND_LOG');
      } finally {
        await stopGracefully(server.child);
      }
      expect(seenAtOf(sqlitePath)).toBe(seenAhead);

      // A plain start is still refused; so is a writing tool; only --accept-clock-ahead-records (or real time) clears it.
      server = await startServer(sqlitePath);
      try {
        const health = await healthOf(server.port);
        expect(health.status).toBe('degraded');
        expect(health.problems.map((problem) => problem.cause)).toContain('CLOCK_BEHIND_LOG');
        const tool = await toolOnStore('create-user', ['--name', '李娜', '--role', 'INSPECTOR'], sqlitePath);
        expect(tool.code).not.toBe(0);
        expect(tool.stderr).toContain('比事件库上次写入的时间');
      } finally {
        await stopGracefully(server.child);
      }
      expect(seenAtOf(sqlitePath)).toBe(seenAhead);
    },
    PROCESS_TEST_CEILING_MS,
  );
});
