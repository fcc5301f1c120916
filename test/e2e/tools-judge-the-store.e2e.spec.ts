import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { graphqlAt, refusedStart, startServer, type ServerProcess, PROCESS_TEST_CEILING_MS } from '../support/server-process.js';
import { testSigningKeyFile } from '../support/signing-key.js';

/*
 * breaker9c P6: the command-line tools created a new store at a mistyped SQLITE_PATH, said "15 units
 * registered", and the server then started on that store; a tool run on a restored store opened it
 * read-write as the refused server did (P1). Every tool now judges the store as the server does,
 * read-only, before it writes anything. P4: an installation moved to a new folder and started there
 * with a mistyped file name seeded the demo into a new store.
 */

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const tool = (name: string, args: string[], sqlitePath: string) =>
  new Promise<CliResult>((resolve) => {
    execFile(
      process.execPath,
      [join(process.cwd(), 'dist/cli', `${name}.js`), ...args],
      { env: { ...process.env, EVENT_STORE: 'sqlite', SQLITE_PATH: sqlitePath, NODE_ENV: 'test', LEDGER_SIGNING_KEY_FILE: testSigningKeyFile() } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });

const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

const stopCleanly = async (server: ServerProcess) => {
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
};

/** A data folder with a witnessed store of a few events (a user, evaluations), stopped cleanly; its older copy kept beside. */
async function installation(): Promise<{ folder: string; sqlitePath: string; older: string }> {
  const folder = join(mkdtempSync(join(tmpdir(), 'rectify-tools-')), 'data');
  const sqlitePath = join(folder, 'rectify.db');
  await stopCleanly(await startServer(sqlitePath));
  const created = await tool('create-user', ['--name', '张伟', '--role', 'SUPERVISOR'], sqlitePath);
  expect(created.code).toBe(0);
  const SUPERVISOR = { authorization: `Bearer ${created.stdout.trim().split('\n').at(-1)!}` };
  const server = await startServer(sqlitePath);
  for (let attempt = 0; (await graphqlAt(server.port, '{ evaluations { totalCount } }', {}, SUPERVISOR)).errors; attempt += 1) {
    if (attempt > 600) throw new Error('the server never saw the tool’s user');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect((await graphqlAt(server.port, REGISTER_EVALUATION, { input: evaluationInput() }, SUPERVISOR)).errors).toBeUndefined();
  await stopCleanly(server);
  const older = join(folder, '..', 'older.db');
  copyFileSync(sqlitePath, older);
  const again = await startServer(sqlitePath);
  expect((await graphqlAt(again.port, REGISTER_EVALUATION, { input: evaluationInput() }, SUPERVISOR)).errors).toBeUndefined();
  await stopCleanly(again);
  return { folder, sqlitePath, older };
}


describe('A command-line tool judges the store as the server does before writing', () => {
  let setup: { folder: string; sqlitePath: string; older: string };
  beforeAll(async () => {
    setup = await installation();
  }, PROCESS_TEST_CEILING_MS);

  it('refuses a mistyped SQLITE_PATH beside the store the key vouches for, in both languages, and creates nothing', async () => {
    const before = readdirSync(setup.folder).sort();
    const mistyped = join(setup.folder, 'rectfy.db');
    for (const [name, args] of [
      ['import-units', [join(process.cwd(), 'samples/units.csv')]],
      ['create-user', ['--name', '李娜', '--role', 'SUPERVISOR']],
      ['export-ledger', ['--out', join(setup.folder, '..', 'ledger.xlsx')]],
    ] as const) {
      const result = await tool(name, [...args], mistyped);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain('names no event store');
      expect(result.stderr).toContain(setup.sqlitePath);
      expect(result.stderr).toContain('指向的事件库不存在');
      expect(result.stdout).not.toContain('registered');
    }
    expect(readdirSync(setup.folder).sort()).toEqual(before);
    expect(existsSync(mistyped)).toBe(false);
  }, PROCESS_TEST_CEILING_MS);

  it('refuses a store restored older than its witness, leaving the file as it was', async () => {
    const restored = join(mkdtempSync(join(tmpdir(), 'rectify-tools-restored-')), 'rectify.db');
    copyFileSync(setup.older, restored);
    copyFileSync(`${setup.sqlitePath}.witness.json`, `${restored}.witness.json`);
    const before = digest(restored);
    const result = await tool('import-units', [join(process.cwd(), 'samples/units.csv')], restored);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Nothing was written: the server refuses this store too.');
    expect(result.stderr).toMatch(/ends at position \d+, before position \d+/);
    expect(result.stderr).toContain('未写入任何内容');
    expect(digest(restored)).toBe(before);
    // A read-only look may leave an empty -wal beside the file; never one with pages in it.
    expect(existsSync(`${restored}-wal`) ? statSync(`${restored}-wal`).size : 0).toBe(0);
  }, PROCESS_TEST_CEILING_MS);

  // breaker9c P4
  it('refuses a mistyped file name in an installation copied to a new folder, naming the copied store, and seeds no demo', async () => {
    const moved = join(mkdtempSync(join(tmpdir(), 'rectify-moved-')), 'data');
    cpSync(setup.folder, moved, { recursive: true });
    const refused = await refusedStart(join(moved, 'rectfy.db'), { env: { DEMO_DATA: 'true' } });
    expect(refused.code).toBe(3);
    expect(refused.output).toContain(join(moved, 'rectify.db'));
    expect(refused.output).toContain('names no event store');
    expect(existsSync(join(moved, 'rectfy.db'))).toBe(false);
  }, PROCESS_TEST_CEILING_MS);
});
