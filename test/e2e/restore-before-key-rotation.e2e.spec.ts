import { generateKeyPairSync, createPrivateKey } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { keyFingerprint, publicKeyText } from '../../src/ledger/domain/checkpoint.js';
import { StoreRefusedError, readWitness, signWitness, writeWitness, type StoreWitness } from '../../src/event-store/store-witness.js';
import { runTool } from '../support/cli-tool.js';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { PROCESS_TEST_CEILING_MS } from '../support/server-process.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/*
 * breaker51-9 S2, S3: after a key rotation, the newest backup from before it put back and accepted as the STORE_SHORTER
 * refusal says read as forged from event 1 (NOT_SEALED, 「有人在事件库文件中插入或改写」): nothing read or written, every
 * token refused, LEDGER_TRUSTED_KEYS no help. And after any accepted restore, store:backup refused every later backup, saying
 * checkpoint rows 「被删除」, though ledger:verify names the accepted restore. One installation, its key replaced in place.
 */

const writeKey = (path: string) => writeFileSync(path, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
const fingerprintOf = (path: string) => keyFingerprint(publicKeyText(createPrivateKey(readFileSync(path, 'utf8'))));

describe('A backup from before a key rotation, restored and accepted', () => {
  it(
    'is sealed anew with the new key at the accepting start: served, written to, verified clean; later backups are made, the accepted loss said',
    async () => {
      const root = mkdtempSync(join(tmpdir(), 'rectify-rotation-restore-'));
      const data = join(root, 'data');
      const keys = join(root, 'keys');
      for (const folder of [data, keys]) mkdirSync(folder);
      const sqlitePath = join(data, 'rectify.db');
      const keyFile = join(keys, 'ledger.key');
      writeKey(keyFile);
      const oldKey = fingerprintOf(keyFile);
      const settings = { LEDGER_SIGNING_KEY_FILE: keyFile };
      const toolEnv = { PATH: process.env.PATH, HOME: root, NODE_ENV: 'test', EVENT_STORE: 'sqlite', SQLITE_PATH: sqlitePath, LEDGER_SIGNING_KEY_FILE: keyFile };
      const tool = (name: string, args: string[]) => runTool(name, args, { cwd: root, env: toolEnv });
      const register = async (app: TestApp, key: string) => {
        const answer = await app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ idempotencyKey: key }) });
        expect(answer.errors).toBeUndefined();
      };
      const checkpoint = async (app: TestApp) => {
        const taken = await app.graphql(`mutation { takeLedgerCheckpoint { sequence keyFingerprint } }`, {}, await app.as('ADMIN'));
        expect(taken.errors).toBeUndefined();
        return taken.data!.takeLedgerCheckpoint as { sequence: number; keyFingerprint: string };
      };

      // Production on the old key: a record, checkpoint 1, then the nightly backup.
      let app = await startTestApp({ sqlitePath, demoData: true, now: new Date().toISOString(), settings });
      await register(app, 'before-backup');
      expect(await checkpoint(app)).toEqual({ sequence: 1, keyFingerprint: oldKey });
      const backup = join(root, 'backups', 'before-rotation');
      expect((await tool('backup-store', [backup])).code).toBe(0);
      await app.close();

      // The README's rotation: a new key in the key file's place, the old one declared once.
      writeKey(keyFile);
      const newKey = fingerprintOf(keyFile);
      app = await startTestApp({ sqlitePath, now: new Date().toISOString(), settings: { ...settings, LEDGER_TRUSTED_KEYS: oldKey } });
      await register(app, 'after-rotation');
      expect(await checkpoint(app)).toEqual({ sequence: 2, keyFingerprint: newKey });
      await app.close();

      // newcomer54-9 M5: a restore drill of that backup at a place of its own is told the backup predates the rotation and
      // to declare the old key on its own command line — never "restore the key from its backup" into the shared keys folder.
      const drill = join(root, 'drill', 'rectify.db');
      mkdirSync(dirname(drill));
      for (const name of ['rectify.db', 'rectify.db.witness.json']) copyFileSync(join(backup, name), join(dirname(drill), name));
      const drillRefused = await startTestApp({ sqlitePath: drill, now: new Date().toISOString(), settings: { ...settings, STORE_COPY_NAME: '演练' } }).then(
        async (started) => {
          await started.close();
          return null;
        },
        (error: unknown) => error as StoreRefusedError,
      );
      expect(drillRefused?.reason).toBe('SIGNING_KEY_CHANGED');
      expect(drillRefused?.messageZh).toContain(`本事件库早于那次更换——是更换之前的备份。请勿改动 keys 文件夹`);
      expect(drillRefused?.messageZh).toContain(`LEDGER_TRUSTED_KEYS=${oldKey}`);
      expect(drillRefused?.messageZh).not.toContain('请从备份恢复密钥');

      // The store must go back to the backup: stop, put its rectify.db in place, the data folder's own witness kept (README,
      // "When the server refuses to start", step 2; breaker56-9 S1).
      for (const name of ['rectify.db', 'rectify.db-wal', 'rectify.db-shm']) rmSync(join(data, name), { force: true });
      copyFileSync(join(backup, 'rectify.db'), join(data, 'rectify.db'));
      const refused = await startTestApp({ sqlitePath, now: new Date().toISOString(), settings }).then(
        async (started) => {
          await started.close();
          return null;
        },
        (error: unknown) => error as StoreRefusedError,
      );
      expect(refused?.reason).toBe('STORE_SHORTER');

      // Accepted once, as the refusal says — with the backup's own witness, signed by the old key, put in place for the accepting
      // start (README step 3), the data folder's moved aside and kept: the rows the old key sealed are sealed with the new one,
      // as the rotation did.
      renameSync(join(data, 'rectify.db.witness.json'), join(data, 'rectify.db.witness.json.before-restore'));
      copyFileSync(join(backup, 'rectify.db.witness.json'), join(data, 'rectify.db.witness.json'));
      const warned: string[] = [];
      const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => void warned.push(String(message)));
      try {
        app = await startTestApp({ sqlitePath, now: new Date().toISOString(), settings: { ...settings, ACCEPT_STORE_RESET: 'true' } });
      } finally {
        warn.mockRestore();
      }
      expect(warned.some((line) => line.includes(`was sealed by key ${oldKey}, a former key of this office`))).toBe(true);
      expect(warned.some((line) => line.includes(`Sealed`) && line.includes(`with ledger key ${newKey}`))).toBe(true);
      try {
        // The test clock stands still at the instant given at start: moved to now, past the acceptance, as a real clock is.
        app.clock.set(new Date().toISOString());
        const health = (await (await fetch(`${app.url}/health`)).json()) as { status: string; problems: { cause: string }[]; projectedPosition: string | null; logPosition: string };
        expect(health.problems).toEqual([]);
        expect(health.projectedPosition).toBe(health.logPosition);
        // The records read, a write taken, the accounts the log holds sign in.
        const listed = await app.graphql(`{ findings(first: 1) { nodes { id } } }`, {}, await app.as('SUPERVISOR'));
        expect(listed.errors).toBeUndefined();
        await register(app, 'after-restore');
        const verified = await app.graphql(`{ verifyLedger { firstMismatch { kind } } }`, {}, await app.as('ADMIN'));
        expect(verified.data!.verifyLedger.firstMismatch?.kind ?? null).not.toBe('NOT_SEALED');
        expect((await checkpoint(app)).keyFingerprint).toBe(newKey);
      } finally {
        await app.close();
      }

      // ledger:verify: no row called forged; the checkpoint the restore lost is named as lost in the accepted restore.
      const acceptedAt = (JSON.parse(readFileSync(`${sqlitePath}.witness.json`, 'utf8')) as { resetAcceptedAt: string }).resetAcceptedAt;
      const verify = await tool('ledger-verify', []);
      expect(verify.stdout).not.toContain('NOT_SEALED');
      expect(verify.stdout).toContain('接受从较早备份恢复的事件库（ACCEPT_STORE_RESET）时丢失');
      const acknowledged = await tool('ledger-verify', [`--acknowledge-reset=${acceptedAt}`]);
      expect(acknowledged.stdout).toContain('台账完好');
      expect(acknowledged.code).toBe(0);

      // S3: the next backup is made (exit 0), the loss the office accepted said beside it, not "checkpoint rows deleted".
      const later = await tool('backup-store', [join(root, 'backups', 'after-restore')]);
      expect(later.stderr).toBe('');
      expect(later.code).toBe(0);
      expect(later.stdout).toContain('此项不妨碍备份——校验点 2 缺失');
      expect(later.stdout).not.toContain('被删除');
      expect(later.stdout).toContain('已把');
      // And the tools that read the ledger take the store as the server does.
      const exported = await tool('export-ledger', ['--out', join(root, 'ledger.csv')]);
      expect(exported.code).toBe(0);
    },
    PROCESS_TEST_CEILING_MS,
  );
});

// breaker51-9 (former keys): a start of an older release rewrote this copy's witnesses without `formerKeys`, and the current
// release never brought them back — the next checkpoint of the former key's era would read as another's again.
describe('Former keys an older release dropped from the witness', () => {
  it('are read back at the next start from another copy of the store witness beside the key that the office’s key signed', async () => {
    const root = mkdtempSync(join(tmpdir(), 'rectify-former-keys-'));
    const keys = join(root, 'keys');
    mkdirSync(keys);
    const keyFile = join(keys, 'ledger.key');
    writeKey(keyFile);
    const oldKey = fingerprintOf(keyFile);
    const sqlitePath = join(root, 'data', 'rectify.db');
    mkdirSync(dirname(sqlitePath));
    const settings = { LEDGER_SIGNING_KEY_FILE: keyFile, STORE_COPY_NAME: '正式' };
    let app = await startTestApp({ sqlitePath, demoData: true, now: new Date().toISOString(), settings });
    expect((await app.graphql(`mutation { takeLedgerCheckpoint { sequence } }`, {}, await app.as('ADMIN'))).errors).toBeUndefined();
    await app.close();
    writeKey(keyFile);
    app = await startTestApp({ sqlitePath, now: new Date().toISOString(), settings: { ...settings, LEDGER_TRUSTED_KEYS: oldKey } });
    await app.close();
    // A restore drill elsewhere (its own name), whose witness copy beside the key remembers the former key too.
    const drill = join(root, 'drill', 'rectify.db');
    mkdirSync(dirname(drill));
    for (const name of ['rectify.db', 'rectify.db.witness.json']) copyFileSync(join(dirname(sqlitePath), name), join(dirname(drill), name));
    app = await startTestApp({ sqlitePath: drill, now: new Date().toISOString(), settings: { ...settings, STORE_COPY_NAME: '演练' } });
    await app.close();

    // The older release's start: production's witness and its copy beside the key rewritten, signed, without formerKeys.
    const key = createPrivateKey(readFileSync(keyFile, 'utf8'));
    const copies = readdirSync(join(keys, 'store-witnesses'))
      .filter((name) => name.endsWith('.witness.json'))
      .map((name) => join(keys, 'store-witnesses', name));
    const production = [`${sqlitePath}.witness.json`, ...copies.filter((path) => readWitness(path)!.location === sqlitePath)];
    expect(production).toHaveLength(2);
    for (const path of production) {
      const { formerKeys, ...dropped } = readWitness(path)!;
      expect(formerKeys?.map((former) => former.fingerprint)).toEqual([oldKey]);
      writeWitness(path, signWitness(dropped as StoreWitness, key));
    }

    const warned: string[] = [];
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => void warned.push(String(message)));
    try {
      app = await startTestApp({ sqlitePath, now: new Date().toISOString(), settings });
    } finally {
      warn.mockRestore();
    }
    await app.close();
    expect(warned.some((line) => line.includes(`Former keys of this office remembered again`) && line.includes(oldKey))).toBe(true);
    for (const path of production) expect(readWitness(path)!.formerKeys?.map((former) => former.fingerprint)).toEqual([oldKey]);
  });
});
