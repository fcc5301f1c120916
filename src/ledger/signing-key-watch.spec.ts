import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyFingerprint, publicKeyText } from './domain/checkpoint.js';
import { SigningKeyFileWatch } from './signing-key-watch.js';
import { NOTICE_ZH } from '../health/health.controller.js';

/* breaker49-9 M6: the signing key file deleted under a running server — /health said ready, no notice, until the next start was refused. */

const newKey = () => generateKeyPairSync('ed25519').privateKey;

describe('The signing key file watched while the server runs (breaker49-9 M6)', () => {
  let folder: string;
  let path: string;
  let fingerprint: string;
  let said: string[];
  let watch: SigningKeyFileWatch;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'rectify-key-watch-'));
    path = join(folder, 'ledger.key');
    const key = newKey();
    writeFileSync(path, key.export({ type: 'pkcs8', format: 'pem' }));
    fingerprint = keyFingerprint(publicKeyText(key));
    said = [];
    watch = new SigningKeyFileWatch(path, fingerprint, { warn: (message) => said.push(message) });
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('says nothing while the file is as it was at start', () => {
    expect(watch.notices()).toEqual([]);
    expect(said).toEqual([]);
  });

  it('notices the file deleted — what to do before any restart, said once in the log — and clears once the same key is put back', () => {
    renameSync(path, `${path}.aside`);
    const [gone] = watch.notices();
    expect(gone).toMatchObject({ cause: 'SIGNING_KEY_FILE_MISSING' });
    expect(gone!.message.zh).toContain(`台账签名密钥文件 ${path}（密钥 ${fingerprint}）在服务运行期间被删除或移走`);
    expect(gone!.message.zh).toContain(`请在重启本服务或其他服务之前，从密钥的备份`);
    expect(watch.notices()).toHaveLength(1);
    expect(said).toHaveLength(1);
    expect(NOTICE_ZH.SIGNING_KEY_FILE_MISSING).toContain('下次启动将被拒绝');

    renameSync(`${path}.aside`, path);
    expect(watch.notices()).toEqual([]);
    expect(said).toHaveLength(2);
  });

  it('notices another key written in its place', () => {
    writeFileSync(path, newKey().export({ type: 'pkcs8', format: 'pem' }));
    expect(watch.notices()).toMatchObject([{ cause: 'SIGNING_KEY_FILE_CHANGED' }]);
    expect(watch.notices()[0]!.message.en).toContain('SIGNING_KEY_CHANGED');
  });
});
