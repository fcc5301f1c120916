import Database from 'better-sqlite3';
import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashEvent } from '../../src/ledger/domain/event-chain.js';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { PROCESS_TEST_CEILING_MS } from '../support/server-process.js';
import { installationWrittenInProcess } from '../support/test-app.js';
import { runTool } from '../support/cli-tool.js';
import { testSigningKeyFile } from '../support/signing-key.js';

/*
 * newcomer57-9 S1 (serious): the auditor's step of the README — `store:backup`, then `ledger:verify --db copy.db --code …`
 * — run from a Rectify folder whose ./keys holds a key of its own (the first `npm start` of any folder makes one) called
 * the office's untouched copy forged: 「台账不符（NOT_SEALED）…是有人在事件库文件中插入或改写的」, "0 events checked",
 * exit 1, even with LEDGER_TRUSTED_KEYS set to the office's fingerprint. The key at hand was taken as the office's because
 * the copy came without its witness. Now a key checks row seals only when something shows it is the office's for the
 * copy (its witness names it, LEDGER_TRUSTED_KEYS lists it, it signed one of the copy's checkpoints, its seal holds on one
 * of its rows); another install's key is named and used for nothing. With the office's key at hand, a row rewritten with
 * its hashes recomputed (as anyone with the file but not the key can) is still NOT_SEALED.
 */

type Row = { position: number; event_id: string; stream_id: string; revision: number; type: string; schema_version: number; data: string; metadata: string; recorded_at: string; chain_hash: Buffer };

/** Rewrites the newest event's text and recomputes its leaf and chain hashes; its seal stays as it was (the key is not at hand). */
function forgeNewestRow(path: string): number {
  const db = new Database(path);
  try {
    const [newest, before] = db.prepare<[], Row>('SELECT * FROM events ORDER BY position DESC LIMIT 2').all();
    const data = JSON.stringify({ ...(JSON.parse(newest!.data) as object), forgedByHand: '已整改' });
    const content = { id: newest!.event_id, streamId: newest!.stream_id, revision: newest!.revision, type: newest!.type, schemaVersion: newest!.schema_version, data: JSON.parse(data) as Record<string, unknown>, metadata: JSON.parse(newest!.metadata) as Record<string, unknown>, recordedAt: newest!.recorded_at };
    const hashes = hashEvent(before!.chain_hash, content);
    db.prepare('UPDATE events SET data = ?, leaf_hash = ?, chain_hash = ? WHERE position = ?').run(data, hashes.leafHash, hashes.chainHash, newest!.position);
    return newest!.position;
  } finally {
    db.close();
  }
}

/** A folder as a Rectify checkout where a server once started: ./keys holds `key` (another install's own key by default). */
function rectifyFolder(key?: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'rectify-auditor-folder-'));
  mkdirSync(join(folder, 'keys'));
  const pem = key ?? (generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }) as string);
  writeFileSync(join(folder, 'keys', 'ledger-signing-key.pem'), pem, { mode: 0o600 });
  return folder;
}

describe("A copy checked from a Rectify folder holding another key (newcomer57-9 S1)", () => {
  let office: { copy: string; code: string; fingerprint: string; eventsPrinted: number };

  beforeAll(async () => {
    const folder = mkdtempSync(join(tmpdir(), 'rectify-office-'));
    const { sqlitePath, written } = await installationWrittenInProcess(folder, async (app) => {
      expect((await app.graphql(REGISTER_EVALUATION, { input: evaluationInput() }, await app.as('SUPERVISOR'))).errors).toBeUndefined();
      const taken = await app.graphql(`mutation { takeLedgerCheckpoint { ledgerCode keyFingerprint treeSize } }`, {}, await app.as('ADMIN'));
      expect(taken.errors).toBeUndefined();
      // One more after the checkpoint: the row a forger rewrites is past what any checkpoint covers.
      expect((await app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ title: '第二份评估报告' }) }, await app.as('SUPERVISOR'))).errors).toBeUndefined();
      return taken.data!.takeLedgerCheckpoint as { ledgerCode: string; keyFingerprint: string; treeSize: number };
    });
    // The auditor's copy: the store's file alone (README, Tamper-evident ledger), no witness, no key.
    const copy = join(mkdtempSync(join(tmpdir(), 'rectify-auditor-copy-')), 'copy.db');
    copyFileSync(sqlitePath, copy);
    office = { copy, code: written.ledgerCode, fingerprint: written.keyFingerprint, eventsPrinted: written.treeSize };
  }, PROCESS_TEST_CEILING_MS);

  const verifyIn = (folder: string, db: string, env: Record<string, string> = {}) =>
    runTool('ledger-verify', ['--db', db, '--code', office.code], { cwd: folder, env: { PATH: process.env.PATH, HOME: folder, NODE_ENV: 'test', LANG: 'C.UTF-8', ...env } });

  it.each([
    ['without LEDGER_TRUSTED_KEYS', {}],
    ['with LEDGER_TRUSTED_KEYS set to the office fingerprint', { trusted: true }],
  ])('%s: intact, the printed code matches, and the folder key is named and used for nothing', async (_case, { trusted }: { trusted?: boolean }) => {
    const folder = rectifyFolder();
    const verified = await verifyIn(folder, office.copy, trusted ? { LEDGER_TRUSTED_KEYS: office.fingerprint } : {});
    const out = verified.stdout + verified.stderr;
    expect({ code: verified.code, notSealed: out.includes('NOT_SEALED') }).toEqual({ code: 0, notSealed: false });
    expect(out).toContain('台账完好');
    expect(out).toContain(`打印的台账校验码 ${office.code} 与按内容重新计算的前 ${office.eventsPrinted} 条事件相符`);
    expect(out).toContain('未校验记录封印');
    expect(out).toMatch(/密钥文件 \S+ledger-signing-key\.pem 中是密钥 [0-9a-f]{16}：它没有签署本事件库的任何校验点，也没有为其任何记录加封/);
    expect(out).toContain('未予采用');
    expect(out).not.toContain('已用密钥');
    if (trusted) expect(out).toContain(`校验点须由密钥 ${office.fingerprint} 签署（LEDGER_TRUSTED_KEYS）`);
  }, PROCESS_TEST_CEILING_MS);

  it("with the office's key at hand, a row rewritten with its hashes recomputed is still NOT_SEALED (and the untouched copy intact)", async () => {
    const folder = rectifyFolder(readFileSync(testSigningKeyFile(), 'utf8'));
    const clean = await verifyIn(folder, office.copy);
    expect({ code: clean.code, out: clean.stdout }).toEqual({ code: 0, out: expect.stringContaining(`已用密钥 ${office.fingerprint} 校验记录封印`) as string });
    const forged = join(mkdtempSync(join(tmpdir(), 'rectify-forged-')), 'copy.db');
    copyFileSync(office.copy, forged);
    const position = forgeNewestRow(forged);
    for (const env of [{}, { LEDGER_TRUSTED_KEYS: office.fingerprint }] as Record<string, string>[]) {
      const verified = await verifyIn(folder, forged, env);
      expect({ code: verified.code }).toEqual({ code: 1 });
      expect(verified.stdout).toContain(`台账不符（NOT_SEALED）：第 ${position} 条事件，位置 ${position}`);
    }
  }, PROCESS_TEST_CEILING_MS);
});
