import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROCESS_TEST_CEILING_MS } from '../support/server-process.js';
import { toolInFolder } from '../support/cli-tool.js';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store.js';

/*
 * breaker9c P6 rest (seen again by breaker9e): a writing tool run in a folder holding no store — an
 * operator's home folder instead of the installation's, SQLITE_PATH unset — made ./keys with a new
 * signing key and ./data with a new store, and answered as if the office's store had taken the
 * records. A tool starts a new store only when told (`--new-store`), and a refusal leaves nothing.
 */

const tool = toolInFolder;

const emptyFolder = () => mkdtempSync(join(tmpdir(), 'rectify-wrong-folder-'));

function unitsFile(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'rectify-units-file-')), 'units.csv');
  writeFileSync(path, '编码,名称,类型\nCZJ,青川市财政局,DEPARTMENT\n');
  return path;
}

const WRITING_TOOLS: [string, () => string[]][] = [
  ['create-user', () => ['--name', '张伟', '--role', 'ADMIN']],
  ['import-units', () => [unitsFile()]],
  ['import-work-plan', () => [unitsFile()]],
  ['import-findings', () => ['--evaluation', '00000000-0000-4000-8000-000000000001', unitsFile()]],
];

describe('A writing tool run where no store is', () => {
  it.each(WRITING_TOOLS)('%s: refused naming the path and --new-store, Chinese first; no store, witness or key is left', async (name, args) => {
    const folder = emptyFolder();
    const result = await tool(name, args(), folder);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const [chinese, english] = result.stderr.trim().split('\n');
    expect(chinese).toContain('处没有事件库');
    expect(chinese).toContain('--new-store');
    expect(chinese).toContain(join(folder, 'data', 'rectify.db'));
    expect(english).toMatch(/^Failed: There is no event store at .*rectify\.db .*--new-store/);
    expect(readdirSync(folder)).toEqual([]);
  }, PROCESS_TEST_CEILING_MS);

  it('starts a new store only with --new-store: the store, its witness and a signing key, said Chinese first; the tools then take it', async () => {
    const folder = emptyFolder();
    const created = await tool('create-user', ['--name', '张伟', '--role', 'ADMIN', '--new-store'], folder);
    expect(created.code).toBe(0);
    expect(created.stdout.trim().split('\n').at(-1)).toMatch(/^rct_/);
    // The generated key is told Chinese first too (breaker9e P2: it was an English log line).
    expect(created.stderr.trim().split('\n')[0]).toMatch(/^未配置台账签名密钥：已在 .*ledger-signing-key\.pem 生成一个/);
    expect(existsSync(join(folder, 'data', 'rectify.db'))).toBe(true);
    expect(existsSync(join(folder, 'data', 'rectify.db.witness.json'))).toBe(true);
    expect(existsSync(join(folder, 'keys', 'ledger-signing-key.pem'))).toBe(true);
    // The store is there now: no flag needed, and the ledger is intact.
    expect((await tool('import-units', [unitsFile()], folder)).code).toBe(0);
    const verified = await tool('ledger-verify', [], folder);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('台账完好');
    // newcomer15 S8: a store with no checkpoint yet is not said to have "all 0 checkpoints match".
    expect(verified.stdout).toMatch(/台账完好：\d+ 条事件的哈希链完整；尚无已签署的校验点。\nLedger intact: \d+ events chained; no signed checkpoint yet\./);
  }, PROCESS_TEST_CEILING_MS);

  // breaker9g P8: an emptied store read as "not chained yet", and --json printed nothing to parse.
  it('ledger:verify on a store emptied or deleted where the witness saw events: LOG_TRUNCATED, Chinese first, and as JSON', async () => {
    const folder = emptyFolder();
    expect((await tool('create-user', ['--name', '张伟', '--role', 'ADMIN', '--new-store'], folder)).code).toBe(0);
    const store = join(folder, 'data', 'rectify.db');
    writeFileSync(store, '');
    rmSync(`${store}-wal`, { force: true });
    rmSync(`${store}-shm`, { force: true });
    const emptied = await tool('ledger-verify', [], folder);
    expect(emptied.code).toBe(1);
    expect(emptied.stdout.split('\n')[0]).toMatch(/^台账不符（LOG_TRUNCATED）：.*rectify\.db 中没有任何事件，而事件库见证文件 .* 记载其日志曾到位置 \d+.*事件库已被清空/);
    expect(emptied.stdout.split('\n')[1]).toMatch(/^LEDGER MISMATCH \(LOG_TRUNCATED\): .* the store was emptied/);
    const asJson = await tool('ledger-verify', ['--json'], folder);
    expect(asJson.code).toBe(1);
    expect(JSON.parse(asJson.stdout)).toMatchObject({ ok: false, firstMismatch: { kind: 'LOG_TRUNCATED', eventNumber: 1 } });
    rmSync(store);
    const deleted = await tool('ledger-verify', ['--json'], folder);
    expect(deleted.code).toBe(1);
    expect(JSON.parse(deleted.stdout).firstMismatch.messageZh).toMatch(/事件库已被删除/);
  }, PROCESS_TEST_CEILING_MS);
});

/*
 * newcomer28 S1 (serious): `units:import -- <file> --new-store --dry-run`, a newcomer's first try, left
 * an empty rectify.db (and a key) behind; the real import then wrote its events unsealed into it — no
 * witness said the store was new and sealed — and every tool and the server refused the store as
 * possibly forged. A dry run writes no file, whatever the tool and flags; a store is created complete
 * (identity, signed witness saying its rows are sealed, key) or not at all, and an empty file left
 * by an interrupted run or an older version is never written unsealed.
 */
describe('A dry run writes nothing; a store is created complete or not at all (newcomer28 S1)', () => {
  const samples = join(process.cwd(), 'samples');
  const DRY_RUNS: [string, () => string[]][] = [
    ['import-units', () => [join(samples, 'units.csv'), '--registered-on', '2026-01-05']],
    ['import-work-plan', () => [join(samples, 'work-plan-2026.xlsx'), '--approved-on', '2026-02-20']],
    ['import-findings', () => ['--evaluation', '00000000-0000-4000-8000-000000000001', join(samples, 'findings-2025.csv')]],
  ];

  /** Every file under `folder` with its bytes (SQLite's -shm, its shared-memory index, left out). */
  const filesOf = (folder: string): Record<string, string> => {
    const files: Record<string, string> = {};
    const walk = (at: string, prefix: string) => {
      for (const entry of readdirSync(at, { withFileTypes: true })) {
        const path = join(at, entry.name);
        if (entry.isDirectory()) walk(path, `${prefix}${entry.name}/`);
        else if (!entry.name.endsWith('-shm')) files[`${prefix}${entry.name}`] = readFileSync(path).toString('base64');
      }
    };
    walk(folder, '');
    return files;
  };

  /** What the witness a tool left says of the store's making. */
  const witnessOf = (folder: string) => JSON.parse(readFileSync(join(folder, 'data', 'rectify.db.witness.json'), 'utf8')) as { head: string | null; sealedRows?: boolean; signature?: unknown; signingKey?: string; createdForFirstRun?: boolean };

  /** The store takes the tools' rows as sealed: another import without --new-store, and ledger:verify checking every seal. */
  async function expectSealedAndTaken(folder: string): Promise<void> {
    const imported = await tool('import-units', [unitsFile()], folder);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const verified = await tool('ledger-verify', [], folder);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/已用密钥 [0-9a-f]+ 校验记录封印/);
    expect(verified.stdout).not.toContain('尚无事件加封');
  }

  it.each(DRY_RUNS)('%s --new-store --dry-run where no store is: the answer of an empty store, and no file at all', async (name, args) => {
    const folder = emptyFolder();
    const result = await tool(name, [...args(), '--new-store', '--dry-run'], folder);
    // The units are tried (exit 0); the plan's units and the findings' evaluation are not in an empty store (refused, exit 1).
    if (name === 'import-units') {
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^试导入：units\.csv 将登记 15 个单位，0 个已在名录中。未写入任何内容。单位名录版本：0；[^\n]*\nDry run: units\.csv would register 15 units/);
    } else {
      expect(result.code).toBe(1);
      expect(result.stderr.split('\n')[0]).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(readdirSync(folder)).toEqual([]);
    // Without --new-store the dry run answers as the real run would: no store there, nothing created.
    const refused = await tool(name, [...args(), '--dry-run'], folder);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--new-store');
    expect(readdirSync(folder)).toEqual([]);
  }, PROCESS_TEST_CEILING_MS);

  it('a dry run on a store changes no byte of it, its witness or the key folder', async () => {
    const folder = emptyFolder();
    expect((await tool('create-user', ['--name', '张伟', '--role', 'ADMIN', '--new-store'], folder)).code).toBe(0);
    const before = filesOf(folder);
    const tried = await tool('import-units', [unitsFile(), '--dry-run'], folder);
    expect(tried.code).toBe(0);
    expect(tried.stdout).toContain('未写入任何内容');
    const after = filesOf(folder);
    // SQLite's -wal, which a reading connection opens beside a store, stays empty.
    const wal = 'data/rectify.db-wal';
    if (after[wal] !== undefined && before[wal] === undefined) {
      expect(after[wal]).toBe('');
      delete after[wal];
    }
    expect(after).toEqual(before);
  }, PROCESS_TEST_CEILING_MS);

  it('a --new-store run that then writes nothing leaves a complete store: signed witness, rows sealed, created for a first run', async () => {
    const folder = emptyFolder();
    // An account for a unit the new store does not have: refused after the store was made.
    const refused = await tool('create-user', ['--name', '张伟', '--role', 'UNIT', '--unit', 'NOPE', '--new-store'], folder);
    expect(refused.code).toBe(1);
    expect(witnessOf(folder)).toMatchObject({ head: null, sealedRows: true, createdForFirstRun: true, signature: expect.anything(), signingKey: expect.stringMatching(/^[0-9a-f]+$/) });
    expect(readdirSync(join(folder, 'keys', 'store-witnesses'))).toHaveLength(1);
    await expectSealedAndTaken(folder);
  }, PROCESS_TEST_CEILING_MS);

  // What an older version's dry run left (the schema written, nothing else), and a file created empty.
  const LEFTOVERS: [string, (path: string) => unknown][] = [
    ['an empty store left by an older version', (path) => new SqliteEventStore(path, { writerThread: false }).close()],
    ['a file of no bytes', (path) => writeFileSync(path, '')],
  ];

  it.each(LEFTOVERS)('%s where no witness is: refused without --new-store, tried without a write, then created in place and sealed', async (_what, leave) => {
    const folder = emptyFolder();
    mkdirSync(join(folder, 'data'));
    const store = join(folder, 'data', 'rectify.db');
    await Promise.resolve(leave(store));
    const bytes = readFileSync(store).toString('base64');
    const refused = await tool('import-units', [unitsFile()], folder);
    expect(refused.code).toBe(1);
    expect(refused.stderr.split('\n')[0]).toContain('是一个空的事件库文件，没有任何见证文件记载过它');
    expect(refused.stderr).toContain('--new-store');
    const tried = await tool('import-units', [unitsFile(), '--new-store', '--dry-run'], folder);
    expect(tried.code).toBe(0);
    expect(readFileSync(store).toString('base64')).toBe(bytes);
    expect(existsSync(join(folder, 'keys'))).toBe(false);
    expect(existsSync(join(folder, 'data', 'rectify.db.witness.json'))).toBe(false);
    const created = await tool('import-units', [unitsFile(), '--new-store'], folder);
    expect(created.code).toBe(0);
    expect(statSync(store).size).toBeGreaterThan(0);
    expect(witnessOf(folder)).toMatchObject({ sealedRows: true, signature: expect.anything() });
    await expectSealedAndTaken(folder);
  }, PROCESS_TEST_CEILING_MS);
});
