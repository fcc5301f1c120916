import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROCESS_TEST_CEILING_MS } from '../support/server-process.js';
import { toolInFolder } from '../support/cli-tool.js';

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
