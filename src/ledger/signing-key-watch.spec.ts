import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyFingerprint, publicKeyText } from './domain/checkpoint.js';
import { SigningKeyFileWatch, keyFileOpenMode } from './signing-key-watch.js';
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
    writeFileSync(path, key.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
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

/*
 * breaker55-9 M5: a signing key file readable by everyone (chmod 644, or a copy made with umask 0) was taken without a word,
 * though the README makes it chmod 600 and the key is what makes a forged ledger detectable. Warned at start and in /health
 * `notices` while it lasts — never refused.
 */
describe('A signing key file others than its owner may read (breaker55-9 M5)', () => {
  let folder: string;
  let path: string;
  let said: string[];
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'rectify-key-mode-'));
    path = join(folder, 'ledger.key');
    writeFileSync(path, newKey().export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    said = [];
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));
  const watching = () => new SigningKeyFileWatch(path, 'fp', { warn: (message) => said.push(message) }, () => 'fp');

  it('is warned of at start, naming the mode and chmod 600, and listed in /health notices until it is mended', () => {
    chmodSync(path, 0o644);
    const watch = watching();
    expect(said).toHaveLength(1);
    expect(said[0]).toContain(`台账签名密钥文件 ${path} 的权限为 644`);
    expect(said[0]).toContain(`chmod 600 ${path}`);
    const [open] = watch.notices();
    expect(open).toMatchObject({ cause: 'SIGNING_KEY_FILE_OPEN_TO_OTHERS' });
    expect(NOTICE_ZH.SIGNING_KEY_FILE_OPEN_TO_OTHERS).toContain('chmod 600');
    chmodSync(path, 0o600);
    expect(watch.notices()).toEqual([]);
    expect(said).toHaveLength(2);
  });

  it('says nothing of a key file only its owner may read, nor on Windows', () => {
    expect(watching().notices()).toEqual([]);
    expect(said).toEqual([]);
    chmodSync(path, 0o644);
    expect(keyFileOpenMode(path, 'win32')).toBeNull();
    expect(keyFileOpenMode(path, 'linux')).toBe(0o644);
  });
});
