import { testSigningKeyFile, testRowSealKey } from '../support/signing-key.js';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store.js';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { freshDatabasePath } from '../support/test-app.js';
import { freePort, graphqlAt, killHard, START_CEILING_MS, startServer } from '../support/server-process.js';

/** The operator's command-line tool, appending to the same file while the server runs. */
async function createUserWithCli(sqlitePath: string, args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [join(process.cwd(), 'dist/cli/create-user.js'), ...args], {
    env: { ...process.env, SQLITE_PATH: sqlitePath, LEDGER_SIGNING_KEY_FILE: testSigningKeyFile() },
  });
  return stdout.trim().split('\n').at(-1)!;
}

describe('The server process', () => {
  it('keeps a recorded finding after kill -9 and a restart', async () => {
    const sqlitePath = freshDatabasePath();
    const port = await freePort();
    let server = (await startServer(sqlitePath, { port })).child;
    const token = await createUserWithCli(sqlitePath, ['--name', '张伟', '--role', 'SUPERVISOR']);
    const SUPERVISOR = { authorization: `Bearer ${token}` };
    // The user the tool appended is the server's once it has read the tool's rows: waited for, not guessed.
    const deadline = Date.now() + START_CEILING_MS;
    while ((await graphqlAt(port, '{ units { name } }', {}, SUPERVISOR)).errors && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const evaluation = await graphqlAt(
      port,
      `mutation($input: RegisterEvaluationInput!) { registerEvaluation(input: $input) { id } }`,
      {
        input: {
          idempotencyKey: 'crash-1',
          title: '2025年度评估',
          evaluator: '研究院',
          commissionedBy: '国务院办公厅',
          periodStart: '2025-01-01',
          periodEnd: '2025-12-31',
          receivedOn: '2026-01-15',
        },
      },
      SUPERVISOR,
    );
    const finding = await graphqlAt(
      port,
      `mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`,
      {
        input: {
          idempotencyKey: 'crash-2',
          evaluationId: evaluation.data.registerEvaluation.id,
          title: '年度报告发布滞后',
          description: '未在3月31日前发布。',
          category: '年度报告',
          severity: 'MEDIUM',
        },
      },
      SUPERVISOR,
    );
    expect(finding.errors).toBeUndefined();
    await killHard(server);

    server = (await startServer(sqlitePath, { port })).child;
    const read = await graphqlAt(port, `query($id: ID!) { finding(id: $id) { title severity } }`, { id: finding.data.recordFinding.id }, SUPERVISOR);
    expect(read.data.finding).toEqual({ title: '年度报告发布滞后', severity: 'MEDIUM' });
    await killHard(server);
  }, 180_000);

  it('shows what another process appended to the same file, without a restart', async () => {
    const sqlitePath = freshDatabasePath();
    const port = await freePort();
    const server = (await startServer(sqlitePath, { port })).child;
    const SUPERVISOR = { authorization: `Bearer ${await createUserWithCli(sqlitePath, ['--name', '张伟', '--role', 'SUPERVISOR'])}` };

    const tool = new SqliteEventStore(sqlitePath);
    // A tool holding the office's key seals its rows as the server does (breaker9b N1).
    tool.sealRows(testRowSealKey(), false);
    const unitId = '3c0a6f7e-1d2b-4c5d-8e9f-0a1b2c3d4e5f';
    await tool.appendToStream(
      `unit-${unitId}`,
      [
        {
          id: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a',
          type: 'UnitRegistered',
          schemaVersion: 1,
          data: { unitId, code: 'SJJ', name: '青川市审计局', kind: 'DEPARTMENT', parentUnitId: null },
          metadata: {
            actorId: 'import-tool',
            actorRole: 'ADMIN',
            actorUnitId: null,
            commandId: 'c1',
            correlationId: 'c1',
            causationId: 'c1',
            recordedAt: new Date().toISOString(),
          },
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    await tool.close();

    // Waits on the condition, not a guessed time: a loaded machine is slow, not wrong.
    const deadline = Date.now() + START_CEILING_MS;
    let names: string[] = [];
    while (Date.now() < deadline && !names.includes('青川市审计局')) {
      names = ((await graphqlAt(port, '{ units { name } }', {}, SUPERVISOR)).data?.units ?? []).map((u: { name: string }) => u.name);
    }
    expect(names).toContain('青川市审计局');
    await killHard(server);
  }, 180_000);
});
