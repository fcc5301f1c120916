import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { officeDate } from '../../src/shared/calendar-date.js';
import { toolOnStore } from '../support/cli-tool.js';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { freshDatabasePath, writtenInProcess } from '../support/test-app.js';
import { graphqlAt, killHard, PROCESS_TEST_CEILING_MS, refusedStart, startServer } from '../support/server-process.js';

/*
 * breaker9q P4 (blocker): a server whose clock was ahead (a CMOS or VM host wrong, a `date -s` typo)
 * records with it; the clock is put right, and every write is refused CLOCK_BEHIND_LOG until real
 * time passes the fast clock's newest record — a day here, a year after a typo. The way out is the
 * operator's explicit, recorded acceptance: a start with --accept-clock-ahead-records takes the clock
 * as right, the witness keeps the span it accepted, later starts stay ready, new records keep the real
 * clock, and ledger:verify names the span.
 */

const ONE_DAY_MS = 24 * 3_600_000;
/** The environment of a process whose clock reads a day ahead (test/support/clock-set-back.cjs shifts Date by CLOCK_OFFSET_MS). */
const aheadByADay = { NODE_OPTIONS: `--require ${join(process.cwd(), 'test/support/clock-set-back.cjs')}`, CLOCK_OFFSET_MS: String(ONE_DAY_MS) };
/** A process whose clock reads two days behind: set back after the acceptance. */
const setBackTwoDays = { NODE_OPTIONS: aheadByADay.NODE_OPTIONS, CLOCK_OFFSET_MS: String(-2 * ONE_DAY_MS) };

interface Health {
  status: string;
  problems: { cause: string }[];
  notices: { cause: string; messageZh: string }[];
}
const healthOf = async (port: number) => (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as Health;
const witnessOf = (sqlitePath: string) =>
  JSON.parse(readFileSync(`${sqlitePath}.witness.json`, 'utf8')) as { clockAheadAccepted?: { at: string; upTo: string; from: string; records: number; newestThen: string }[]; clockAheadSettingUsedAt?: string; seenAt: string };
const recordedAtOf = (sqlitePath: string) => {
  const db = new Database(sqlitePath, { readonly: true });
  try {
    return db.prepare('SELECT position, recorded_at AS recordedAt FROM events ORDER BY position').all() as { position: number; recordedAt: string }[];
  } finally {
    db.close();
  }
};

describe('A server whose clock was ahead and was then put right', () => {
  it(
    'is refused writes naming --accept-clock-ahead-records; a start with it records the accepted span in the witness and writes again with the real clock; a plain restart stays ready; accepting again changes nothing, and left set the next start is refused, even on a clock set back (newcomer27 S6); ledger:verify names the span',
    async () => {
      const sqlitePath = freshDatabasePath();
      // A supervisor on the store, only set-up: written in this test's process (`writtenInProcess`, on the real clock).
      const supervisor = await writtenInProcess(sqlitePath, (app) => app.as('SUPERVISOR'));

      // The clock a day ahead: two records stamped tomorrow.
      let server = await startServer(sqlitePath, { env: aheadByADay });
      try {
        // An evaluation, and a finding recorded with its 发现日期 left out: the fast clock's "today" (breaker9r P2).
        const evaluation = await graphqlAt(server.port, REGISTER_EVALUATION, { input: evaluationInput({ idempotencyKey: 'ahead-1' }) }, supervisor);
        expect(evaluation.errors).toBeUndefined();
        const finding = await graphqlAt(
          server.port,
          `mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`,
          { input: { idempotencyKey: 'ahead-2', evaluationId: evaluation.data.registerEvaluation.id, title: '部分单位信息公开不到位', description: '未按时公开。', category: '主动公开', severity: 'MEDIUM' } },
          supervisor,
        );
        expect(finding.errors).toBeUndefined();
      } finally {
        await killHard(server.child);
      }
      const stampedAhead = recordedAtOf(sqlitePath).slice(-2);
      const fastDay = officeDate(stampedAhead[1]!.recordedAt);
      const realDay = officeDate(new Date().toISOString());
      expect(Date.parse(stampedAhead[1]!.recordedAt)).toBeGreaterThan(Date.now() + ONE_DAY_MS / 2);

      // The clock put right: writes refused, and the refusal names the way out.
      server = await startServer(sqlitePath);
      try {
        const health = await healthOf(server.port);
        expect(health.status).toBe('degraded');
        expect(health.problems.map((problem) => problem.cause)).toContain('CLOCK_BEHIND_LOG');
        const refused = await graphqlAt(server.port, REGISTER_EVALUATION, { input: evaluationInput({ idempotencyKey: 'right-1' }) }, supervisor);
        expect(refused.errors?.[0]?.extensions?.code).toBe('STORE_UNAVAILABLE');
        // The supervisor is told briefly (newcomer27 S3); the way out is the operator's, in the server log.
        expect(String(refused.errors?.[0]?.extensions?.messageZh)).toMatch(/^系统时钟异常，暂时无法保存/);
        expect(server.output()).toContain('请确认时间无误后以 --accept-clock-ahead-records（或 ACCEPT_CLOCK_AHEAD_RECORDS=true）启动一次');
      } finally {
        await killHard(server.child);
      }
      expect(witnessOf(sqlitePath).clockAheadAccepted).toBeUndefined();

      // The operator's acceptance: ready at once, the span kept in the witness and said in Chinese.
      server = await startServer(sqlitePath, { args: ['--accept-clock-ahead-records'] });
      try {
        const health = await healthOf(server.port);
        expect(health.status).toBe('ready');
        expect(health.problems).toEqual([]);
        expect(health.notices.map((notice) => notice.cause)).toContain('CLOCK_AHEAD_RECORDS_ACCEPTED');
        expect(health.notices.find((notice) => notice.cause === 'CLOCK_AHEAD_RECORDS_ACCEPTED')!.messageZh).toContain('接受了此前时钟偏快时录入的记录');
        expect(server.output()).toContain(`位置 ${stampedAhead[0]!.position} 至 ${stampedAhead[1]!.position} 的 2 条记录的录入时间晚于该时刻`);
        // breaker9r P2: the finding's 发现日期 the fast clock gave it is named, after the real day.
        expect(server.output()).toContain(`被接受的记录中有 1 条的日期晚于实际日期 ${realDay}`);
        expect(server.output()).toContain(`位置 ${stampedAhead[1]!.position}：`);
        expect(server.output()).toContain(`的发现日期为 ${fastDay}，晚于实际日期 ${realDay}`);
      } finally {
        await killHard(server.child);
      }
      const accepted = witnessOf(sqlitePath).clockAheadAccepted!;
      expect(accepted).toHaveLength(1);
      // newcomer27 S6: the start that used the setting leaves its mark, until a start without it.
      expect(witnessOf(sqlitePath).clockAheadSettingUsedAt).toBe(accepted[0]!.at);
      expect(accepted[0]).toMatchObject({ from: String(stampedAhead[0]!.position), upTo: String(stampedAhead[1]!.position), records: 2, newestThen: stampedAhead[1]!.recordedAt });

      // A plain restart, nothing written since: still ready; it records, with the real clock.
      server = await startServer(sqlitePath);
      try {
        const health = await healthOf(server.port);
        expect(health.status).toBe('ready');
        expect(health.notices.map((notice) => notice.cause)).not.toContain('CLOCK_AHEAD_RECORDS_ACCEPTED');
        expect((await graphqlAt(server.port, REGISTER_EVALUATION, { input: evaluationInput({ idempotencyKey: 'right-2' }) }, supervisor)).errors).toBeUndefined();
        expect((await healthOf(server.port)).status).toBe('ready');
      } finally {
        await killHard(server.child);
      }
      expect(witnessOf(sqlitePath).clockAheadSettingUsedAt).toBeUndefined();
      const newest = recordedAtOf(sqlitePath).at(-1)!;
      expect(newest.position).toBeGreaterThan(stampedAhead[1]!.position);
      expect(Date.parse(newest.recordedAt)).toBeLessThan(Date.now() + 1000);
      expect(Date.parse(newest.recordedAt)).toBeLessThan(Date.parse(stampedAhead[1]!.recordedAt));

      // A writing tool on the right clock records too.
      expect((await toolOnStore('create-user', ['--name', '李娜', '--role', 'INSPECTOR'], sqlitePath)).code).toBe(0);

      // The flag given again with nothing ahead: said, and nothing changed.
      server = await startServer(sqlitePath, { env: { ACCEPT_CLOCK_AHEAD_RECORDS: 'true' } });
      try {
        const health = await healthOf(server.port);
        expect(health.status).toBe('ready');
        expect(health.notices.map((notice) => notice.cause)).toContain('ACCEPT_CLOCK_AHEAD_RECORDS_LEFT_SET');
      } finally {
        await killHard(server.child);
      }
      expect(witnessOf(sqlitePath).clockAheadAccepted).toEqual(accepted);
      expect(witnessOf(sqlitePath).clockAheadSettingUsedAt).toBeDefined();

      // newcomer27 S6: the setting left set, and the clock then set back two days — which it would have
      // accepted as a fast clock, the whole history since written into the witness as "ahead". Refused
      // instead, whatever the clock reads, saying to remove it; nothing accepted, nothing written.
      const before = witnessOf(sqlitePath);
      const leftSet = await refusedStart(sqlitePath, { env: { ACCEPT_CLOCK_AHEAD_RECORDS: 'true', ...setBackTwoDays } });
      expect(leftSet.code).toBe(3);
      expect(leftSet.output).toContain('此后还没有不带该设置的启动：确认时钟偏快时录入的记录只能一次性进行');
      expect(leftSet.output).toContain('请从环境变量、.env 文件或服务的启动命令中删除它，然后重新启动');
      expect(witnessOf(sqlitePath)).toEqual(before);

      // ledger:verify: the ledger intact, the accepted span named.
      const verified = await toolOnStore('ledger-verify', [], sqlitePath);
      expect(verified.code).toBe(0);
      expect(verified.stdout).toContain('服务以 --accept-clock-ahead-records 启动，确认服务器时钟准确');
      expect(verified.stdout).toContain(`位置 ${stampedAhead[0]!.position} 至 ${stampedAhead[1]!.position} 的 2 条记录`);
      expect(verified.stdout).toContain(`的发现日期为 ${fastDay}，晚于实际日期 ${realDay}`);
    },
    PROCESS_TEST_CEILING_MS,
  );
});
