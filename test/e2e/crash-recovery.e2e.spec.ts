import { ChildProcess, spawn } from 'node:child_process';
import { testSigningKeyFile, testRowSealKey } from '../support/signing-key.js';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store.js';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { freshDatabasePath } from '../support/test-app.js';

/** The compiled server (`npm test` builds it first), started the way `npm start` does. */
const SERVER = join(process.cwd(), 'dist/main.js');

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

async function startServer(sqlitePath: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [SERVER], {
    env: { ...process.env, PORT: String(port), SQLITE_PATH: sqlitePath, DEMO_DATA: 'false', NODE_ENV: 'test', LEDGER_SIGNING_KEY_FILE: testSigningKeyFile() },
    stdio: 'ignore',
  });
  for (let attempt = 0; attempt < 600; attempt += 1) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error('server did not start within 60 seconds');
}

const graphql = async (port: number, query: string, variables: Record<string, unknown> = {}, headers = {}) => {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data: any; errors?: unknown[] };
};

const killHard = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.on('exit', () => resolve());
    child.kill('SIGKILL');
  });

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
    let server = await startServer(sqlitePath, port);
    const token = await createUserWithCli(sqlitePath, ['--name', '张伟', '--role', 'SUPERVISOR']);
    const SUPERVISOR = { authorization: `Bearer ${token}` };
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const evaluation = await graphql(
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
    const finding = await graphql(
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

    server = await startServer(sqlitePath, port);
    const read = await graphql(port, `query($id: ID!) { finding(id: $id) { title severity } }`, { id: finding.data.recordFinding.id }, SUPERVISOR);
    expect(read.data.finding).toEqual({ title: '年度报告发布滞后', severity: 'MEDIUM' });
    await killHard(server);
  }, 180_000);

  it('shows, within a second, what another process appended to the same file', async () => {
    const sqlitePath = freshDatabasePath();
    const port = await freePort();
    const server = await startServer(sqlitePath, port);
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

    const deadline = Date.now() + 1000;
    let names: string[] = [];
    while (Date.now() < deadline && !names.includes('青川市审计局')) {
      names = ((await graphql(port, '{ units { name } }', {}, SUPERVISOR)).data?.units ?? []).map((u: { name: string }) => u.name);
    }
    expect(names).toContain('青川市审计局');
    await killHard(server);
  }, 180_000);
});
