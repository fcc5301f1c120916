import { mkdtempSync, readdirSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { toolOnStore } from '../support/cli-tool.js';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { graphqlAt, killHard, PROCESS_TEST_CEILING_MS, refusedStart, startServer, type ServerProcess } from '../support/server-process.js';

/*
 * breaker42-9 F7: the live -wal emptied in place (`truncate -s 0`) while the server runs, every acknowledged event in it (a small
 * store never reaches SQLite's auto-checkpoint). /health answered HTTP 500 on every call (SQLITE_IOERR_SHORT_READ thrown by a
 * store check), the rescued copy failed at once ("disk I/O error"), and the restart said only STORE_EMPTY.
 */

type Health = { status: string; problems: { cause: string; messageZh: string }[] };
const healthOf = async (server: ServerProcess) => {
  const response = await fetch(`http://127.0.0.1:${server.port}/health`);
  return { code: response.status, body: (await response.json()) as Health };
};

/** Resolves once `condition` holds, looked at again every 100 ms; the ceiling only stops a test that would hang. */
const until = async (condition: () => boolean | Promise<boolean>, what: string, ceilingMs = 120_000) => {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > ceilingMs) throw new Error(`not seen within ${ceilingMs / 1000} s: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

const TITLES = ['正式评估1', '正式评估2', '正式评估3', '正式评估4', '正式评估5'];

describe('The live -wal emptied under a running server (breaker42-9 F7)', () => {
  it('answers /health degraded STORE_LOG_EMPTIED (never 500), keeps every acknowledged event in a rescue, and the restart names it', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'rectify-wal-emptied-'));
    const sqlitePath = join(folder, 'rectify.db');
    const server = await startServer(sqlitePath);
    try {
      const created = await toolOnStore('create-user', ['--name', '张伟', '--role', 'SUPERVISOR'], sqlitePath);
      expect(created.code).toBe(0);
      const supervisor = { authorization: `Bearer ${created.stdout.trim().split('\n').at(-1)}` };
      for (const title of TITLES) expect((await graphqlAt(server.port, REGISTER_EVALUATION, { input: evaluationInput({ title }) }, supervisor)).errors).toBeUndefined();
      const head = new Database(sqlitePath, { readonly: true, fileMustExist: true });
      const acknowledged = head.prepare<[], { head: number }>('SELECT MAX(position) AS head FROM events').get()!.head;
      head.close();
      expect(statSync(`${sqlitePath}-wal`).size).toBeGreaterThan(0);

      truncateSync(`${sqlitePath}-wal`, 0);

      // Every look answers, degraded, naming the emptied -wal — a write refused between them does not turn it into a 500.
      const first = await healthOf(server);
      expect(first.code).toBe(503);
      expect(first.body.problems.map(({ cause }) => cause)).toContain('STORE_LOG_EMPTIED');
      expect(first.body.problems.find(({ cause }) => cause === 'STORE_LOG_EMPTIED')!.messageZh).toContain('预写日志文件（-wal）被清空或损坏');
      const refused = await graphqlAt(server.port, REGISTER_EVALUATION, { input: evaluationInput({ title: '正式评估6' }) }, supervisor);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'STORE_UNAVAILABLE' });
      for (let look = 0; look < 5; look++) {
        const again = await healthOf(server);
        expect(again.code).toBe(503);
        expect(again.body.status).toBe('degraded');
        expect(again.body.problems.map(({ cause }) => cause)).toContain('STORE_LOG_EMPTIED');
      }

      // The rescue: once the server says it is done, it holds every acknowledged event.
      await until(() => /Copied what this server (holds|acknowledged)|Could not copy|Kept what this server/.test(server.output()), 'the rescue said done in the log');
      const rescued = readdirSync(folder).filter((name) => /^rectify\.db\.rescued-.*\.db$/.test(name));
      expect({ rescued, log: server.output().split('\n').filter((line) => /rescue|copy|Copied/i.test(line)).slice(-5) }).toMatchObject({ rescued: [expect.any(String)] });
      const copy = new Database(join(folder, rescued[0]!), { readonly: true, fileMustExist: true });
      expect(copy.prepare<[], { head: number }>('SELECT MAX(position) AS head FROM events').get()!.head).toBe(acknowledged);
      const titles = copy
        .prepare<[], { data: string }>("SELECT data FROM events WHERE type = 'EvaluationRegistered' ORDER BY position")
        .all()
        .map(({ data }) => (JSON.parse(data) as { title: string }).title);
      expect(titles).toEqual(TITLES);
      expect(copy.pragma('quick_check', { simple: true })).toBe('ok');
      copy.close();

      await killHard(server.child);
      // The restart says what happened: the -wal emptied under the server that last saw the head, and where the rescue is.
      const restart = await refusedStart(sqlitePath);
      expect(restart.output).toContain(`found its -wal (${sqlitePath}-wal) emptied or cut short`);
      expect(restart.output).toContain(`after it had acknowledged events up to position ${acknowledged}`);
      expect(restart.output).toContain(`copied every event it acknowledged (1–${acknowledged}) to ${join(folder, rescued[0]!)}`);
      expect(restart.output).toContain(`其预写日志文件（${sqlitePath}-wal）被清空或截短（此前已确认写入至位置 ${acknowledged}）`);
      expect(restart.output).toContain(`已把其确认写入的全部事件（1–${acknowledged}）复制到 ${join(folder, rescued[0]!)}`);
    } finally {
      await killHard(server.child);
    }
  }, PROCESS_TEST_CEILING_MS);
});
