import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyFingerprint, publicKeyText } from '../ledger/domain/checkpoint.js';
import { LiveServerRegistration } from './live-servers.js';
import { SqliteEventStore } from './sqlite-event-store.js';
import { judgeToolStore } from './store-admission.js';

/*
 * breaker9k P3: `user:create` run from another folder than the office's live server (no key there)
 * was refused 「…副本被删除，或密钥文件夹被较早的备份恢复…」 with a reset and the -wal to think
 * about — nothing written, but every sentence wrong. It is now told where the server runs and which
 * key file to use, as a second server's start is.
 */
describe('A command-line tool run beside a live server that signs with another key', () => {
  const keyAt = (path: string) => {
    writeFileSync(path, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
    return path;
  };
  const fingerprintOf = (path: string) => keyFingerprint(publicKeyText(createPrivateKey(readFileSync(path, 'utf8'))));
  const refusalOf = (settings: Parameters<typeof judgeToolStore>[0]) =>
    judgeToolStore(settings).then(
      (release) => {
        release();
        return null;
      },
      (error: { reason?: string; message: string; messageZh?: string }) => error,
    );

  it('is refused naming the server\'s folder and key file, before anything the other folder\'s witnesses say; with the server\'s key, or once it stopped, not so', async () => {
    const office = mkdtempSync(join(tmpdir(), 'rectify-tool-office-'));
    mkdirSync(join(office, 'keys'));
    const officeKey = keyAt(join(office, 'keys', 'ledger-signing-key.pem'));
    const sqlitePath = join(office, 'data', 'rectify.db');
    const store = new SqliteEventStore(sqlitePath);
    await store.identify();
    const server = new LiveServerRegistration(sqlitePath, { copyName: null, keyFile: officeKey, keyFingerprint: fingerprintOf(officeKey) });
    const elsewhere = mkdtempSync(join(tmpdir(), 'rectify-tool-elsewhere-'));
    const toolSettings = (keyFile: string) => ({ EVENT_STORE: 'sqlite' as const, SQLITE_PATH: sqlitePath, STORE_WITNESS_PATH: `${sqlitePath}.witness.json`, LEDGER_SIGNING_KEY_FILE: keyFile, EVENTSTORE_CONNECTION_STRING: undefined });
    try {
      for (const keyFile of [join(elsewhere, 'keys', 'ledger-signing-key.pem'), keyAt(join(elsewhere, 'another-key.pem'))]) {
        const refusal = await refusalOf(toolSettings(keyFile));
        expect(refusal?.reason).toBe('KEY_DIFFERS_FROM_LIVE_SERVER');
        expect(refusal!.message).toContain(`Run it in ${process.cwd()}`);
        expect(refusal!.message).toContain(`set LEDGER_SIGNING_KEY_FILE=${officeKey}`);
        expect(refusal!.messageZh).toContain(`请在文件夹 ${process.cwd()} 中运行`);
        expect(refusal!.messageZh).toContain(`设置 LEDGER_SIGNING_KEY_FILE=${officeKey}`);
        expect(`${refusal!.message} ${refusal!.messageZh}`).not.toMatch(/accept-store-reset|-wal|较早的备份/);
      }
      expect((await refusalOf(toolSettings(officeKey)))?.reason).not.toBe('KEY_DIFFERS_FROM_LIVE_SERVER');
    } finally {
      server.close();
      await store.close();
    }
    expect((await refusalOf(toolSettings(join(elsewhere, 'keys', 'ledger-signing-key.pem'))))?.reason).not.toBe('KEY_DIFFERS_FROM_LIVE_SERVER');
  });
});
