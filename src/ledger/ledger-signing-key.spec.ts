import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyFingerprint, publicKeyText } from './domain/checkpoint.js';
import { DEFAULT_SIGNING_KEY_PATH, databaseFolderHoldingKey, loadSigningKey } from './ledger-signing-key.js';
import { InvalidSettingsError } from '../config/app-settings.js';

/** A working folder with its data directory, as an office runs the server: ./data/rectify.db and ./keys. */
function givenFolder() {
  const folder = mkdtempSync(join(tmpdir(), 'rectify-key-'));
  mkdirSync(join(folder, 'data'));
  return {
    settings: { LEDGER_SIGNING_KEY_FILE: undefined, EVENT_STORE: 'sqlite' as const, SQLITE_PATH: join(folder, 'data', 'rectify.db') },
    keys: join(folder, 'keys', 'ledger-signing-key.pem'),
    besideDatabase: join(folder, 'data', 'ledger-signing-key.pem'),
  };
}
const fingerprint = (key: Parameters<typeof publicKeyText>[0]) => keyFingerprint(publicKeyText(key));

describe('The ledger signing key without LEDGER_SIGNING_KEY_FILE', () => {
  it('is generated outside the data directory, readable by its owner only, and read again on the next start', () => {
    const { settings, keys, besideDatabase } = givenFolder();
    const warnings: string[] = [];
    const first = loadSigningKey(settings, (message) => warnings.push(message), keys);
    expect(existsSync(keys)).toBe(true);
    expect(existsSync(besideDatabase)).toBe(false);
    expect(statSync(keys).mode & 0o077).toBe(0);
    expect(warnings).toEqual([expect.stringContaining(`generated one at ${keys}. Back it up apart from the database`)]);
    expect(fingerprint(loadSigningKey(settings, (message) => warnings.push(message), keys))).toBe(fingerprint(first));
    expect(warnings).toHaveLength(1);
  });

  it('survives the data directory being replaced: a key put beside the new database is not taken up', () => {
    const { settings, keys, besideDatabase } = givenFolder();
    const office = loadSigningKey(settings, () => undefined, keys);
    writeFileSync(besideDatabase, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }));
    expect(fingerprint(loadSigningKey(settings, () => undefined, keys))).toBe(fingerprint(office));
  });

  it('is still read from beside the database where an earlier version generated it, with a warning to move it', () => {
    const { settings, keys, besideDatabase } = givenFolder();
    const old = generateKeyPairSync('ed25519').privateKey;
    writeFileSync(besideDatabase, old.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
    const warnings: string[] = [];
    expect(fingerprint(loadSigningKey(settings, (message) => warnings.push(message), keys))).toBe(fingerprint(old));
    expect(existsSync(keys)).toBe(false);
    expect(warnings).toEqual([expect.stringContaining(`beside the database, where earlier versions put it`)]);
    expect(warnings[0]).toContain(`Move it to ${keys}`);
    expect(readFileSync(besideDatabase, 'utf8')).toContain('PRIVATE KEY');
  });
});

/*
 * Issue 9 (second breaker, 10): with a relative SQLITE_PATH such as `events.db` the database sits
 * in the working folder, which holds ./keys: the key lands inside the database's folder, to be
 * copied and restored with it. It only warned; now the start is refused, naming the settings.
 */
describe('The default key folder inside the database’s folder', () => {
  const givenDatabaseIn = (subfolder: string) => {
    const folder = mkdtempSync(join(tmpdir(), 'rectify-key-'));
    return {
      folder,
      settings: { LEDGER_SIGNING_KEY_FILE: undefined, EVENT_STORE: 'sqlite' as const, SQLITE_PATH: join(folder, subfolder, 'events.db') },
      keys: join(folder, 'keys', 'ledger-signing-key.pem'),
    };
  };
  const refusalOf = (load: () => unknown) => {
    try {
      load();
    } catch (error) {
      return error as InvalidSettingsError;
    }
    throw new Error('the key was loaded');
  };

  it('is refused before a key is generated there, naming both settings and the way out, in English and Chinese', () => {
    for (const subfolder of ['', 'keys']) {
      const { folder, settings, keys } = givenDatabaseIn(subfolder);
      const refusal = refusalOf(() => loadSigningKey(settings, () => undefined, keys));
      expect(refusal).toBeInstanceOf(InvalidSettingsError);
      const holder = join(folder, subfolder).replace(/\/$/, '');
      // Both paths, and the exact setting that fixes it (the lead's decision on item 10: the rule stays).
      expect(refusal.message).toContain(`SQLITE_PATH=${settings.SQLITE_PATH} keeps the database (${settings.SQLITE_PATH}) in ${holder}, the folder that also holds the ledger signing key ${keys}`);
      expect(refusal.message).toContain(`set SQLITE_PATH=${join(folder, 'data', 'events.db')}`);
      expect(refusal.message).toContain(`or set LEDGER_SIGNING_KEY_FILE to a key file outside ${holder}`);
      expect(refusal.messageZh).toContain(`设置 SQLITE_PATH=${join(folder, 'data', 'events.db')}`);
      expect(refusal.message).toContain('LEDGER_SIGNING_KEY_FILE');
      expect(refusal.messageZh).toContain('请为数据库单独设一个文件夹');
      expect(existsSync(keys)).toBe(false);
    }
  });

  it('is refused with a key already there, which is left as it is', () => {
    const { settings, keys } = givenDatabaseIn('');
    mkdirSync(join(keys, '..'));
    writeFileSync(keys, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }));
    expect(refusalOf(() => loadSigningKey(settings, () => undefined, keys)).message).toContain('carries the key along with the data it vouches for');
    expect(existsSync(keys)).toBe(true);
  });

  it('takes a key named by LEDGER_SIGNING_KEY_FILE, wherever the operator keeps it', () => {
    const { settings, keys } = givenDatabaseIn('');
    mkdirSync(join(keys, '..'));
    const key = generateKeyPairSync('ed25519').privateKey;
    writeFileSync(keys, key.export({ format: 'pem', type: 'pkcs8' }));
    expect(fingerprint(loadSigningKey({ ...settings, LEDGER_SIGNING_KEY_FILE: keys }, () => undefined, keys))).toBe(fingerprint(key));
  });

  it('generates the key in ./keys when the database has a folder of its own, relative or not', () => {
    const { settings, keys } = givenDatabaseIn('data');
    mkdirSync(join(settings.SQLITE_PATH, '..'));
    loadSigningKey(settings, () => undefined, keys);
    expect(existsSync(keys)).toBe(true);
    expect(databaseFolderHoldingKey({ ...settings, SQLITE_PATH: 'data/rectify.db' }, DEFAULT_SIGNING_KEY_PATH)).toBeNull();
    expect(databaseFolderHoldingKey({ ...settings, SQLITE_PATH: 'rectify.db' }, DEFAULT_SIGNING_KEY_PATH)).toBe(process.cwd());
    expect(databaseFolderHoldingKey({ ...settings, SQLITE_PATH: ':memory:' }, DEFAULT_SIGNING_KEY_PATH)).toBeNull();
  });
});

/*
 * breaker9 F5: a start refused for a lost key (the witness names the key the office signed with)
 * must not leave a freshly generated key behind, for an operator to "restore" onto later.
 */
describe('A key that would be generated where one is on record', () => {
  it('is not generated when the start is refused: no key file and no temporary file is left', () => {
    const { settings, keys } = givenFolder();
    const refusal = new Error('SIGNING_KEY_CHANGED');
    expect(() => loadSigningKey(settings, () => undefined, keys, () => refusal)).toThrow(refusal);
    expect(existsSync(keys)).toBe(false);
    expect(existsSync(join(keys, '..')) ? readdirSync(join(keys, '..')) : []).toEqual([]);
  });

  it('is generated when nothing refuses it (no key on record, or the old key declared trusted)', () => {
    const { settings, keys } = givenFolder();
    const asked: string[] = [];
    loadSigningKey(settings, () => undefined, keys, (path) => (asked.push(path), null));
    expect(asked).toEqual([keys]);
    expect(existsSync(keys)).toBe(true);
  });
});
