import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp } from '../support/test-app.js';
import { PROCESS_TEST_CEILING_MS } from '../support/server-process.js';
import { toolOnStore } from '../support/cli-tool.js';

/*
 * breaker9e P2: `ledger:verify` on a damaged store printed `Failed: file is not a database`, English
 * only. newcomer14 S6: `ledger:export --bogus` exited 1 where the README says 2 (usage). The kind:
 * every command-line tool, on every path — its result, its usage, a mistyped option, a store it
 * cannot read — speaks Chinese first (the office reads Chinese; the English follows for the
 * operator's search engine), and exits 2 for anything wrong with the command line.
 */

const CHINESE = /[\u4e00-\u9fff]/;

const tool = toolOnStore;

const firstLine = (text: string) => text.trim().split('\n')[0]!;

/** A units file any import tool can be pointed at (the tools read their file before the store). */
function someFile(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'rectify-tool-file-')), 'units.csv');
  writeFileSync(path, '编码,名称,类型\nCZJ,青川市财政局,DEPARTMENT\n');
  return path;
}

const EVALUATION = '00000000-0000-4000-8000-000000000001';
/** Each tool with arguments that are otherwise right, so that only the store or one option is wrong. */
const TOOLS: [string, () => string[]][] = [
  ['ledger-verify', () => []],
  ['export-ledger', () => ['--out', join(mkdtempSync(join(tmpdir(), 'rectify-tool-out-')), 'ledger.xlsx')]],
  ['create-user', () => ['--name', '王芳', '--role', 'SUPERVISOR']],
  ['import-units', () => [someFile()]],
  ['import-work-plan', () => [someFile()]],
  ['import-findings', () => ['--evaluation', EVALUATION, someFile()]],
  ['backup-store', () => [mkdtempSync(join(tmpdir(), 'rectify-tool-backup-'))]],
];

/** A file with SQLite's header and nothing a database holds: a store cut short or written over. */
function damagedStore(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'rectify-damaged-')), 'rectify.db');
  writeFileSync(path, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4080, 7)]));
  return path;
}

describe('Every command-line tool speaks Chinese first', () => {
  it.each(TOOLS)('%s: a mistyped option is a usage error (exit 2), said in Chinese first with the usage', async (name, args) => {
    const result = await tool(name, ['--bogus', ...args()], damagedStore());
    expect(result.code).toBe(2);
    expect(firstLine(result.stderr)).toMatch(CHINESE);
    expect(firstLine(result.stderr)).toContain('--bogus');
    expect(result.stderr).toContain('用法：');
    expect(result.stderr).toContain('Unknown option --bogus.');
    expect(result.stderr.indexOf('用法：')).toBeLessThan(result.stderr.indexOf('Usage:'));
  }, PROCESS_TEST_CEILING_MS);

  it.each(TOOLS)('%s: --help prints the usage, Chinese first (exit 0)', async (name) => {
    const result = await tool(name, ['--help'], damagedStore());
    expect(result.code).toBe(0);
    expect(firstLine(result.stdout)).toMatch(/^用法：npm run /);
    expect(result.stdout).toContain('Usage: npm run ');
  }, PROCESS_TEST_CEILING_MS);

  it.each(TOOLS)('%s: a damaged store is refused in Chinese first, naming nothing in English only (exit 1)', async (name, args) => {
    const result = await tool(name, args(), damagedStore());
    expect(result.code).toBe(1);
    expect(firstLine(result.stderr)).toMatch(CHINESE);
    expect(result.stdout).toBe('');
  }, PROCESS_TEST_CEILING_MS);

  it('say what they did in Chinese first: verified, exported, created', async () => {
    const sqlitePath = join(mkdtempSync(join(tmpdir(), 'rectify-tools-zh-')), 'rectify.db');
    const app = await startTestApp({ sqlitePath });
    await app.close();
    const verified = await tool('ledger-verify', [], sqlitePath);
    expect(verified.code).toBe(0);
    for (const line of verified.stdout.trim().split('\n').filter((_, index) => index % 2 === 0)) expect(line).toMatch(CHINESE);
    expect(verified.stdout).toMatch(/台账完好：[^\n]*\nLedger intact: /);
    const exported = await tool('export-ledger', ['--out', join(mkdtempSync(join(tmpdir(), 'rectify-tool-out-')), 'ledger.csv')], sqlitePath);
    expect(exported.code).toBe(0);
    expect(firstLine(exported.stdout)).toMatch(/^已写出 /);
    const created = await tool('create-user', ['--name', '王芳', '--role', 'SUPERVISOR'], sqlitePath);
    expect(created.code).toBe(0);
    expect(firstLine(created.stdout)).toMatch(/^已创建督办/);
    expect(created.stdout.trim().split('\n').at(-1)).toMatch(/^rct_/);
  }, PROCESS_TEST_CEILING_MS);
});
