import { createHash, generateKeyPairSync } from 'node:crypto';
import Database from 'better-sqlite3';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { PROCESS_TEST_CEILING_MS } from '../support/server-process.js';
import { writtenInProcess } from '../support/test-app.js';
import { runTool, toolOnStore as tool } from '../support/cli-tool.js';
import { keyFingerprint, publicKeyText } from '../../src/ledger/domain/checkpoint.js';
import { readSigningKey } from '../../src/ledger/ledger-signing-key.js';
import { testSigningKeyFile } from '../support/signing-key.js';

/*
 * breaker9q P3 (blocker): `ledger:export` wrote a 整改台账 from rows edited or inserted by hand in the
 * SQLite file — a due date moved half a year, a forged report with no hashes turning a red light
 * green — exit 0, without a word, while `ledger:verify` named both (CONTENT_CHANGED, NOT_HASHED) and
 * the server on the same file stopped its projections. The tools' replay (`replayLog`) checked no
 * hash. The kind: every tool that reads the log to produce or decide something (the export, the
 * imports, user:create) reads it through the ledger check the server's read models use, and
 * refuses — Chinese first, exit 1, naming the position and ledger:verify — writing nothing.
 */

const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** The events of the store and what its folder holds, as the tools must leave them. */
const state = (sqlitePath: string) => {
  const db = new Database(sqlitePath, { readonly: true });
  try {
    const events = db.prepare<[], { position: number; event_id: string }>('SELECT position, event_id FROM events ORDER BY position').all();
    return { events, files: readdirSync(dirname(sqlitePath)).filter((name) => !name.endsWith('-shm') && !name.endsWith('-wal')).sort() };
  } finally {
    db.close();
  }
};

/** A stopped, witnessed store with a user and one evaluation, written by the app in this test's process as a server writes them. */
async function installation(): Promise<string> {
  const folder = join(mkdtempSync(join(tmpdir(), 'rectify-altered-')), 'data');
  const sqlitePath = join(folder, 'rectify.db');
  await writtenInProcess(sqlitePath, async (app) => {
    expect((await app.graphql(REGISTER_EVALUATION, { input: evaluationInput() }, await app.as('SUPERVISOR'))).errors).toBeUndefined();
  });
  return sqlitePath;
}

/** Runs sql on the file as someone with write access to it would (no Rectify process). */
function tamper(sqlitePath: string, sql: string): number {
  const db = new Database(sqlitePath);
  try {
    db.exec(sql);
    return db.prepare<[], { position: number }>('SELECT MAX(position) AS position FROM events').get()!.position;
  } finally {
    db.close();
  }
}

describe('The command-line tools refuse a log whose rows fail the ledger check (breaker9q P3)', () => {
  let pristine: string;
  beforeAll(async () => {
    pristine = await installation();
  }, PROCESS_TEST_CEILING_MS);

  const copyOf = (name: string) => {
    const folder = join(mkdtempSync(join(tmpdir(), `rectify-${name}-`)), 'data');
    mkdirSync(folder);
    const sqlitePath = join(folder, 'rectify.db');
    copyFileSync(pristine, sqlitePath);
    if (existsSync(`${pristine}-wal`)) copyFileSync(`${pristine}-wal`, `${sqlitePath}-wal`);
    copyFileSync(`${pristine}.witness.json`, `${sqlitePath}.witness.json`);
    return sqlitePath;
  };

  it('a clean copy exports (the check passes on rows Rectify wrote)', async () => {
    const sqlitePath = copyOf('clean');
    const out = join(dirname(sqlitePath), '..', 'ledger.csv');
    const exported = await tool('export-ledger', ['--format', 'csv', '--out', out], sqlitePath);
    expect({ code: exported.code, stderr: exported.stderr }).toEqual({ code: 0, stderr: '' });
    expect(readFileSync(out, 'utf8')).toContain('整改措施');
  }, PROCESS_TEST_CEILING_MS);

  /*
   * rely2 s25 Left 2: read without the office's key (an installation copied for an auditor without
   * its key file, or another key file), the export checked the chain but not the seals — and said nothing, where
   * ledger:verify says 「未校验记录封印」. The file is still written (exit 0: the chain holds); stderr says,
   * Chinese first, that the seals went unchecked, naming the key file and the key the witness names.
   */
  /** A key folder as the installation's, copied without its key file (its store-witnesses copies kept: the store is judged as the server would). */
  const keyFolderWithoutKey = () => {
    const folder = mkdtempSync(join(tmpdir(), 'rectify-keyless-'));
    cpSync(join(dirname(testSigningKeyFile()), 'store-witnesses'), join(folder, 'store-witnesses'), { recursive: true });
    return join(folder, 'ledger-signing-key.pem');
  };
  it.each([
    ['no key file at all', keyFolderWithoutKey],
    [
      'another key than the one the witness names',
      () => {
        const path = keyFolderWithoutKey();
        writeFileSync(path, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
        return path;
      },
    ],
  ])('read with %s: the export is written and says on stderr, Chinese first, that row seals were not checked', async (_case, keyFileOf) => {
    const sqlitePath = copyOf('unkeyed');
    const keyFile = keyFileOf();
    const officeKey = keyFingerprint(publicKeyText(readSigningKey(testSigningKeyFile())));
    const other = existsSync(keyFile) ? keyFingerprint(publicKeyText(readSigningKey(keyFile))) : null;
    const witnessed = (JSON.parse(readFileSync(`${sqlitePath}.witness.json`, 'utf8')) as { signingKey?: string }).signingKey;
    expect(witnessed).toBe(officeKey);
    const out = join(dirname(sqlitePath), '..', 'ledger.csv');
    const exported = await runTool('export-ledger', ['--format', 'csv', '--out', out], {
      env: { ...process.env, EVENT_STORE: 'sqlite', SQLITE_PATH: sqlitePath, NODE_ENV: 'test', LEDGER_SIGNING_KEY_FILE: keyFile },
    });
    expect({ code: exported.code, stdout: exported.stdout }).toEqual({ code: 0, stdout: expect.stringContaining(`已写出 ${out}`) as string });
    expect(readFileSync(out, 'utf8')).toContain('整改措施');
    const zh = exported.stderr.indexOf(`未校验记录封印：${keyFile} 中没有本单位的签名密钥`);
    const en = exported.stderr.indexOf(`Row seals not checked: the office's signing key is not at ${keyFile}`);
    expect({ zh: zh >= 0, en: en >= 0, chineseFirst: zh < en }).toEqual({ zh: true, en: true, chineseFirst: true });
    const holds = other
      ? [`（其中是密钥 ${other}，不是事件库见证文件所记的密钥 ${officeKey}）`, `(it holds key ${other}, not key ${officeKey} the store witness names)`]
      : ['（该文件不存在）', '(there is no such file)'];
    for (const words of holds) expect(exported.stderr).toContain(words);
    expect(exported.stderr).toContain('npm run ledger:verify');
  }, PROCESS_TEST_CEILING_MS);

  /*
   * breaker9r P6 (moderate): a store:backup copy exported on a machine without the office's key folder
   * (an auditor's, the backup volume mounted elsewhere) was refused as a start is — its witness names a
   * copy beside the key (STORE_WITNESS_COPY_MISSING) — though the export only reads it. It is written,
   * exit 0; stderr says, Chinese first, that the seals and the witness's copy were not checked.
   */
  it('a store:backup copy read where neither the office key nor its witness copies are: written, saying what was not checked', async () => {
    const source = copyOf('backed-up');
    const backup = join(mkdtempSync(join(tmpdir(), 'rectify-backup-')), 'copy');
    expect((await tool('backup-store', [backup], source)).code).toBe(0);
    const keyFolder = mkdtempSync(join(tmpdir(), 'rectify-auditor-keys-'));
    const keyFile = join(keyFolder, 'ledger-signing-key.pem');
    const out = join(backup, '..', 'ledger.csv');
    const exported = await runTool('export-ledger', ['--format', 'csv', '--out', out], {
      env: { ...process.env, EVENT_STORE: 'sqlite', SQLITE_PATH: join(backup, 'rectify.db'), NODE_ENV: 'test', LEDGER_SIGNING_KEY_FILE: keyFile },
    });
    expect({ code: exported.code, stdout: exported.stdout }).toEqual({ code: 0, stdout: expect.stringContaining(`已写出 ${out}`) as string });
    expect(readFileSync(out, 'utf8')).toContain('整改措施');
    const said = (words: string) => exported.stderr.indexOf(words);
    const seals = { zh: said(`未校验记录封印：${keyFile} 中没有本单位的签名密钥`), en: said('Row seals not checked') };
    const copy = { zh: said(`未与见证副本比对：${join(keyFolder, 'store-witnesses')} 中没有`), en: said(`Witness copy not compared: ${join(keyFolder, 'store-witnesses')} holds no copy`) };
    expect({ seals: seals.zh >= 0 && seals.zh < seals.en, copy: copy.zh >= 0 && copy.zh < copy.en }).toEqual({ seals: true, copy: true });
    // Nothing was written beside the backup but what SQLite keeps beside a store it reads.
    expect(readdirSync(backup).filter((name) => !name.endsWith('-wal') && !name.endsWith('-shm')).sort()).toEqual(['rectify.db', 'rectify.db.witness.json']);
  }, PROCESS_TEST_CEILING_MS);

  it.each([
    [
      'a row edited by hand (CONTENT_CHANGED)',
      `UPDATE events SET data = json_set(data, '$.forgedByHand', '2027-06-30') WHERE position = (SELECT MAX(position) FROM events)`,
      '内容',
    ],
    [
      'a row inserted by hand, with no ledger hashes (NOT_HASHED)',
      `INSERT INTO events (event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at)
         SELECT 'forged-' || event_id, stream_id, revision + 1, type, schema_version, data, metadata, recorded_at FROM events ORDER BY position DESC LIMIT 1`,
      '哈希',
    ],
    [
      'a row whose seal does not hold (its hashes would pass: only the office key tells)',
      `UPDATE events SET row_seal = zeroblob(32) WHERE position = (SELECT MAX(position) FROM events)`,
      '封印',
    ],
  ])('%s: export, create-user and import-units refuse, naming the position and ledger:verify, and write nothing', async (_case, sql, reasonWord) => {
    const sqlitePath = copyOf('tampered');
    const position = tamper(sqlitePath, sql);
    const verified = await tool('ledger-verify', [], sqlitePath);
    expect(verified.code).toBe(1);
    const before = { ...state(sqlitePath), db: digest(sqlitePath), witness: digest(`${sqlitePath}.witness.json`) };
    const out = join(dirname(sqlitePath), '..', 'ledger.xlsx');
    for (const [name, args] of [
      ['export-ledger', ['--out', out]],
      ['create-user', ['--name', '李娜', '--role', 'SUPERVISOR']],
      ['import-units', [join(process.cwd(), 'samples/units.csv')]],
    ] as const) {
      const result = await tool(name, [...args], sqlitePath);
      expect({ name, code: result.code, stdout: result.stdout }).toEqual({ name, code: 1, stdout: '' });
      const zh = result.stderr.indexOf(`事件库中位置 ${position} 的事件`);
      const en = result.stderr.indexOf(`The event at position ${position} `);
      expect({ name, zh: zh >= 0, en: en >= 0, chineseFirst: zh < en }).toEqual({ name, zh: true, en: true, chineseFirst: true });
      expect(result.stderr).toContain('未通过台账校验');
      expect(result.stderr).toContain(reasonWord);
      expect(result.stderr).toContain('npm run ledger:verify');
      expect(result.stderr).toContain('从备份恢复');
      expect({ name, ...state(sqlitePath), db: digest(sqlitePath), witness: digest(`${sqlitePath}.witness.json`) }).toEqual({ name, ...before });
    }
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(join(dirname(sqlitePath), '..')).filter((name) => name.includes('ledger'))).toEqual([]);
  }, PROCESS_TEST_CEILING_MS);
});
