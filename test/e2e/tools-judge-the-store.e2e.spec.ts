import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { closeSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { graphqlAt, killHard, refusedStart, startServer, PROCESS_TEST_CEILING_MS } from '../support/server-process.js';
import { toolOnStore } from '../support/cli-tool.js';
import { type TestApp, writtenInProcess } from '../support/test-app.js';

/*
 * breaker9c P6: the command-line tools created a new store at a mistyped SQLITE_PATH, said "15 units
 * registered", and the server then started on that store; a tool run on a restored store opened it
 * read-write as the refused server did (P1). Every tool now judges the store as the server does,
 * read-only, before it writes anything. P4: an installation moved to a new folder and started there
 * with a mistyped file name seeded the demo into a new store.
 * The stores the tools judge are written by the app in this test's process (`writtenInProcess`), as a server writes
 * them; the tools, the refused start and the crashed server are processes of their own.
 */

const tool = toolOnStore;

const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Registers `count` evaluations as `supervisor`, each taken. */
const registerEvaluations = async (app: TestApp, supervisor: Record<string, string>, count: number) => {
  for (let i = 0; i < count; i += 1) expect((await app.graphql(REGISTER_EVALUATION, { input: evaluationInput() }, supervisor)).errors).toBeUndefined();
};

/** A data folder with a witnessed store of a few events (a user, evaluations), stopped cleanly; its older copy kept beside. */
async function installation(): Promise<{ folder: string; sqlitePath: string; older: string }> {
  const folder = join(mkdtempSync(join(tmpdir(), 'rectify-tools-')), 'data');
  const sqlitePath = join(folder, 'rectify.db');
  const SUPERVISOR = await writtenInProcess(sqlitePath, async (app) => {
    const supervisor = await app.as('SUPERVISOR');
    await registerEvaluations(app, supervisor, 1);
    return supervisor;
  });
  const older = join(folder, '..', 'older.db');
  copyFileSync(sqlitePath, older);
  await writtenInProcess(sqlitePath, (app) => registerEvaluations(app, SUPERVISOR, 1));
  return { folder, sqlitePath, older };
}


/**
 * Damages one page of a SQLite file (its b-tree page type byte zeroed): an early page of the events
 * table that its -wal does not hold (the reader would read the -wal's copy instead) and that the
 * store's head and the witnessed head do not lie on. Returns the page number.
 */
function damagePageOutsideWal(sqlitePath: string): number {
  const file = readFileSync(sqlitePath);
  const pageSize = file.readUInt16BE(16);
  const wal = readFileSync(`${sqlitePath}-wal`);
  const inWal = new Set<number>();
  for (let frame = 32; frame + 24 + pageSize <= wal.length; frame += 24 + pageSize) inWal.add(wal.readUInt32BE(frame));
  // Listed on a copy: a connection to the file itself could change what the test compares.
  const copy = `${sqlitePath}.pages`;
  copyFileSync(sqlitePath, copy);
  copyFileSync(`${sqlitePath}-wal`, `${copy}-wal`);
  const db = new Database(copy, { readonly: true });
  const leaves = db.prepare<[], { pageno: number }>("SELECT pageno FROM dbstat WHERE name = 'events' AND pagetype = 'leaf' ORDER BY pageno").all();
  db.close();
  const page = leaves.slice(0, -2).find(({ pageno }) => !inWal.has(pageno) && pageno * pageSize <= file.length)?.pageno;
  if (page === undefined) throw new Error('no page of the events table outside the -wal');
  const handle = openSync(sqlitePath, 'r+');
  writeSync(handle, Buffer.from([0]), 0, 1, (page - 1) * pageSize);
  closeSync(handle);
  return page;
}

describe('A command-line tool judges the store as the server does before writing', () => {
  let setup: { folder: string; sqlitePath: string; older: string };
  beforeAll(async () => {
    setup = await installation();
  }, PROCESS_TEST_CEILING_MS);

  it('refuses a mistyped SQLITE_PATH beside the store the key vouches for, in both languages, and creates nothing', async () => {
    const before = readdirSync(setup.folder).sort();
    const mistyped = join(setup.folder, 'rectfy.db');
    const refusals = new Map<string, { stderr: string }>();
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
      // newcomer13 R4: the way out a tool user can take, not only the server's --accept-store-reset.
      expect(result.stderr).toContain('make it a folder of its own first and say the store is new');
      expect(result.stderr).toContain('请先为它建一个单独的文件夹，并注明新建');
      // newcomer15 S1: the example is a folder beside the refused store's, not that folder; breaker9s P1: with
      // --new-store, without which the advised place was refused again (no store there).
      const advised = [...result.stderr.matchAll(/再以 SQLITE_PATH=([^，]+)，并加 --new-store|then SQLITE_PATH=(\S+) with --new-store/g)].map((match) => match[1] ?? match[2]!);
      expect(advised).toHaveLength(2);
      for (const path of advised) expect(dirname(resolve(path))).toBe(`${setup.folder}2`);
      expect(result.stdout).not.toContain('registered');
      refusals.set(name, result);
    }
    expect(readdirSync(setup.folder).sort()).toEqual(before);
    expect(existsSync(mistyped)).toBe(false);
    // The advice, followed as written, works (breaker9s P1): create-user's refusal above, the one an operator would follow.
    const refused = refusals.get('create-user')!;
    const example = /再以 SQLITE_PATH=([^，]+)，并加 --new-store/.exec(refused.stderr)![1]!;
    expect(refused.stderr).toContain(`例如先 mkdir -p ${dirname(example)}，`);
    mkdirSync(dirname(resolve(example)), { recursive: true });
    const followed = await tool('create-user', ['--new-store', '--name', '李娜', '--role', 'SUPERVISOR'], resolve(example));
    expect(followed.stderr).toBe("");
    expect(followed.code).toBe(0);
    expect(existsSync(resolve(example))).toBe(true);
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

/*
 * breaker9d P4 (blocker, 9c P1's kind by another door): after the operator's commonest restore
 * mistake (the backup's .db put back, the newer file's -wal left beside it), `ledger:export` — a
 * read — and the import tools opened the store read-write; SQLite failed on the mixed file, and
 * closing that connection checkpointed the stale -wal into the .db and deleted it, with the only copy
 * of events already acknowledged. Every tool judges the file as the server does (PRAGMA quick_check
 * when a -wal lies beside it), refuses in both languages, and leaves both files byte for byte.
 */
describe('A command-line tool run on a restored .db with the newer file’s -wal beside it', () => {
  it('refuses, every tool, in both languages, and leaves the .db and the -wal byte for byte', async () => {
    const sqlitePath = join(mkdtempSync(join(tmpdir(), 'rectify-tools-walmix-')), 'rectify.db');
    const SUPERVISOR = await writtenInProcess(sqlitePath, async (app) => {
      const supervisor = await app.as('SUPERVISOR');
      await registerEvaluations(app, supervisor, 20);
      return supervisor;
    });
    copyFileSync(sqlitePath, `${sqlitePath}.older`);
    await writtenInProcess(sqlitePath, (app) => registerEvaluations(app, SUPERVISOR, 20));
    copyFileSync(sqlitePath, `${sqlitePath}.nightly`);
    // Three more acknowledged by a server process, then its crash: only the -wal holds them.
    const crashed = await startServer(sqlitePath);
    for (let i = 0; i < 3; i += 1) expect((await graphqlAt(crashed.port, REGISTER_EVALUATION, { input: evaluationInput() }, SUPERVISOR)).errors).toBeUndefined();
    const logPosition = ((await (await fetch(`http://127.0.0.1:${crashed.port}/health`)).json()) as { logPosition: string }).logPosition;
    for (let attempt = 0; (JSON.parse(readFileSync(`${sqlitePath}.witness.json`, 'utf8')) as { head: string | null }).head !== logPosition; attempt += 1) {
      if (attempt > 1200) throw new Error('the witness never reached the head');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await killHard(crashed.child);
    expect(statSync(`${sqlitePath}-wal`).size).toBeGreaterThan(0);

    copyFileSync(`${sqlitePath}.older`, sqlitePath);
    const before = { db: digest(sqlitePath), wal: digest(`${sqlitePath}-wal`) };
    // Since breaker9m P3 the crashed file's -wal, which does not belong to the restored .db, is moved aside
    // whole (<file>-wal.other-file-<instant>) before anything opens the store: kept byte for byte, never applied.
    const walAside = () => readdirSync(dirname(sqlitePath)).filter((name) => name.startsWith('rectify.db-wal.other-file-')).map((name) => join(dirname(sqlitePath), name));
    const walKept = () => digest(walAside()[0] ?? `${sqlitePath}-wal`);
    for (const [index, [name, args]] of ([
      ['export-ledger', ['--format', 'csv', '--out', join(sqlitePath, '..', 'ledger.csv')]],
      ['import-units', [join(process.cwd(), 'samples/units.csv')]],
      ['import-findings', ['--evaluation', '00000000-0000-4000-8000-000000000000', join(process.cwd(), 'samples/findings-2025.csv')]],
      ['import-work-plan', [join(process.cwd(), 'samples/work-plan-2026.csv')]],
      ['create-user', ['--name', '李娜', '--role', 'SUPERVISOR']],
    ] as const).entries()) {
      const result = await tool(name, [...args], sqlitePath);
      expect({ name, code: result.code }).toEqual({ name, code: 1 });
      expect(result.stderr).toContain('Nothing was written');
      expect(result.stderr).toContain('未写入任何内容');
      if (index === 0) expect(result.stderr).toContain('-wal');
      expect({ name, aside: walAside().length, files: { db: digest(sqlitePath), wal: walKept() } }).toEqual({ name, aside: 1, files: before });
    }
    expect(existsSync(join(sqlitePath, '..', 'ledger.csv'))).toBe(false);

    // The right .db with its -wal (put back by the operator): the export — a read — writes its file and leaves both as they were.
    renameSync(walAside()[0]!, `${sqlitePath}-wal`);
    rmSync(`${sqlitePath}-shm`, { force: true });
    copyFileSync(`${sqlitePath}.nightly`, sqlitePath);
    const crashedState = { db: digest(sqlitePath), wal: digest(`${sqlitePath}-wal`) };
    const exported = await tool('export-ledger', ['--format', 'csv', '--out', join(sqlitePath, '..', 'ledger.csv')], sqlitePath);
    expect(exported.stderr).toBe('');
    expect(exported.stdout).toContain('Wrote');
    expect(readFileSync(join(sqlitePath, '..', 'ledger.csv'), 'utf8')).toContain('整改措施');
    expect({ db: digest(sqlitePath), wal: digest(`${sqlitePath}-wal`) }).toEqual(crashedState);

    // A page of the .db the -wal does not cover damaged, one the store's head and witness never read:
    // SQLite's own check finds it, and no tool opens the file read-write.
    const damaged = damagePageOutsideWal(sqlitePath);
    const damagedState = { db: digest(sqlitePath), wal: digest(`${sqlitePath}-wal`) };
    for (const [name, args] of [
      ['import-units', [join(process.cwd(), 'samples/units.csv')]],
      ['create-user', ['--name', '李娜', '--role', 'SUPERVISOR']],
      ['export-ledger', ['--format', 'csv', '--out', join(sqlitePath, '..', 'damaged.csv')]],
    ] as const) {
      const result = await tool(name, [...args], sqlitePath);
      expect({ name, code: result.code }).toEqual({ name, code: 1 });
      expect(result.stderr).toContain(`is damaged`);
      expect(result.stderr).toContain('Nothing was written');
      expect(result.stderr).toContain('已损坏');
      expect(result.stderr).toContain('未写入任何内容');
      expect({ name, damaged, files: { db: digest(sqlitePath), wal: digest(`${sqlitePath}-wal`) } }).toEqual({ name, damaged, files: damagedState });
    }
  }, PROCESS_TEST_CEILING_MS);
});
