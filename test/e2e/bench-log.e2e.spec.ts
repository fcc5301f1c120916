import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, listensOn, START_CEILING_MS } from '../support/server-process.js';

/*
 * The benchmark's generated logs (bench/generate-log.mjs) are only worth measuring if they are what
 * the product itself would have written: every command accepted by the deciders, a ledger chain
 * that verifies, and a server that loads them without a projection error and answers with them.
 */

const GENERATOR = join(process.cwd(), 'bench/generate-log.mjs');
const SERVER = join(process.cwd(), 'dist/main.js');
const LEDGER_VERIFY = join(process.cwd(), 'dist/cli/ledger-verify.js');
/** Generous: the machine may be shared and loaded; every wait ends as soon as its condition holds. */
const run = promisify(execFile);

interface Manifest {
  events: number;
  refusals: number;
  firstRefusals: string[];
  evaluationId: string;
  findingId: string;
  workPlanId: string;
  unitId: string;
  firstDay: string;
  tokens: { SUPERVISOR: string };
}

describe('The benchmark log generator', () => {
  const directory = mkdtempSync(join(tmpdir(), 'rectify-bench-log-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('writes a log of the requested size that the deciders accept, the ledger verifies and the server loads with 0 projection errors', async () => {
    const path = join(directory, 'log.db');
    // The rows are sealed with the log's own ledger key, written beside it, as a server seals its appends.
    const signingKey = `${path}.signing-key.pem`;
    const generated = await run(process.execPath, [GENERATOR, '--events', '3000', '--out', path], { maxBuffer: 16 * 1024 * 1024 });
    const manifest = JSON.parse(generated.stdout) as Manifest;
    expect(manifest.firstRefusals).toEqual([]);
    expect(manifest.refusals).toBe(0);
    // It stops at the first command that reaches the size; an assignment writes at most 4 events.
    expect(manifest.events).toBeGreaterThanOrEqual(3000);
    expect(manifest.events).toBeLessThan(3010);

    const verified = await run(process.execPath, [LEDGER_VERIFY, '--db', path], { env: { ...process.env, LEDGER_SIGNING_KEY_FILE: signingKey } });
    expect(verified.stdout).toContain(`Ledger intact: ${manifest.events} events chained`);

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    // The generator writes no store witness: starting on its log is a deliberate new start, accepted as the bench does.
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), SQLITE_PATH: path, DEMO_DATA: 'false', NODE_ENV: 'test', RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'log', ACCEPT_STORE_RESET: 'true', LEDGER_SIGNING_KEY_FILE: signingKey };
    const server: ChildProcess = spawn(process.execPath, [SERVER], { cwd: directory, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + START_CEILING_MS;
      for (;;) {
        const ready = (await fetch(`${base}/health/ready`).then((response) => response.ok, () => false)) && listensOn(server.pid!, port);
        if (ready) break;
        if (server.exitCode !== null) throw new Error(`The server exited (${server.exitCode}) on the generated log:\n${output}`);
        if (Date.now() > deadline) throw new Error(`The server was not ready on the generated log within ${START_CEILING_MS} ms:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(output).not.toContain('Projection failed');
      // Sealed as written: the first start checks each row's seal and seals nothing afresh (which
      // a store written by Rectify never needs, and which would count in the bench's first start).
      expect(output).not.toMatch(/Sealed \d+ events/);

      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${manifest.tokens.SUPERVISOR}` },
        body: JSON.stringify({
          query: `query($findingId: ID!, $workPlanId: ID!, $unitId: ID!, $asOf: String!) {
            evaluations(first: 200) { nodes { id } }
            dashboard { findings { total closed } parts { verified returned } }
            past: dashboard(asOf: $asOf) { findings { total } }
            finding(id: $findingId) { evaluationId assignments { role } }
            workPlan(id: $workPlanId) { progress { items parts } }
            unitWorkload(unitId: $unitId) { unitId }
          }`,
          variables: { findingId: manifest.findingId, workPlanId: manifest.workPlanId, unitId: manifest.unitId, asOf: manifest.firstDay },
        }),
      });
      const body = (await response.json()) as {
        errors?: unknown;
        data: {
          evaluations: { nodes: { id: string }[] };
          dashboard: { findings: { total: number; closed: number }; parts: { verified: number; returned: number } };
          past: { findings: { total: number } };
          finding: { evaluationId: string; assignments: { role: string }[] };
          workPlan: { progress: { items: number; parts: number } };
        };
      };
      expect(body.errors).toBeUndefined();
      const { data } = body;
      expect(data.evaluations.nodes.map((evaluation) => evaluation.id)).toContain(manifest.evaluationId);
      // A year of work: findings recorded, parts verified and returned, some closed out; none yet on the year's first day.
      expect(data.dashboard.findings.total).toBeGreaterThan(50);
      expect(data.dashboard.findings.closed).toBeGreaterThan(0);
      expect(data.dashboard.parts.verified).toBeGreaterThan(0);
      expect(data.dashboard.parts.returned + data.dashboard.parts.verified).toBeGreaterThan(0);
      expect(data.past.findings.total).toBe(0);
      expect(data.finding.evaluationId).toBe(manifest.evaluationId);
      expect(data.finding.assignments.filter((part) => part.role === 'LEAD')).toHaveLength(1);
      expect(data.workPlan.progress.items).toBe(35);
    } finally {
      server.kill('SIGTERM');
      await exited;
    }
  }, 300_000);
});

describe('The bench scripts’ command lines', () => {
  const scripts = ['bench/run.mjs', 'bench/profile.mjs', 'bench/generate-log.mjs', 'bench/read-costs.mjs'].map((script) => join(process.cwd(), script));

  it.each(scripts)('%s --help prints its usage and runs nothing', async (script) => {
    const { stdout, stderr } = await run(process.execPath, [script, '--help']);
    expect(stdout).toMatch(/^Usage: node bench\//);
    expect(stdout).toContain('--events');
    // Nothing ran: no table, no log generated, no server started.
    expect(stdout).not.toContain('|');
    expect(stdout).not.toContain('"events"');
    expect(stderr).toBe('');
  });

  it.each(scripts)('%s refuses an unknown option (a typo) with its usage and exit code 2 instead of running the default', async (script) => {
    const refused = await run(process.execPath, [script, '--event', '1000']).then(
      () => null,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(refused?.code).toBe(2);
    expect(refused?.stderr).toContain('unknown option --event');
    expect(refused?.stderr).toContain('Usage: node bench/');
    expect(refused?.stdout).toBe('');
  });

  it('refuses an option that needs a value and has none', async () => {
    const refused = await run(process.execPath, [scripts[0]!, '--rows']).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused?.code).toBe(2);
    expect(refused?.stderr).toContain('--rows needs a value');
  });
});
