import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InvalidSettingsError, type AppSettings } from '../config/app-settings.js';

/** Where the key is read from: LEDGER_SIGNING_KEY_FILE, or beside the SQLite file (./data for EventStoreDB). */
export function signingKeyPath(settings: Pick<AppSettings, 'LEDGER_SIGNING_KEY_FILE' | 'EVENT_STORE' | 'SQLITE_PATH'>): string {
  if (settings.LEDGER_SIGNING_KEY_FILE) return settings.LEDGER_SIGNING_KEY_FILE;
  const sqliteOnDisk = settings.EVENT_STORE === 'sqlite' && settings.SQLITE_PATH !== ':memory:';
  return join(sqliteOnDisk ? dirname(settings.SQLITE_PATH) : './data', 'ledger-signing-key.pem');
}

/** Reads an Ed25519 private key (PKCS#8 PEM); an InvalidSettingsError names the variable and the fault. */
export function readSigningKey(path: string): KeyObject {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InvalidSettingsError([`LEDGER_SIGNING_KEY_FILE: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`]);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new InvalidSettingsError([`LEDGER_SIGNING_KEY_FILE: ${path} is not a PEM private key (make one with: openssl genpkey -algorithm ed25519 -out ${path})`]);
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new InvalidSettingsError([`LEDGER_SIGNING_KEY_FILE: ${path} holds an ${key.asymmetricKeyType ?? 'unknown'} key; checkpoints are signed with Ed25519`]);
  }
  return key;
}

/**
 * The key that signs checkpoints, checked at start. A file named by LEDGER_SIGNING_KEY_FILE must
 * exist: a missing configured key is a mistake, not a reason to sign with a new one. Without the
 * setting, a key is generated at the default path (mode 0600) on first start, and `warn` is told
 * to have it backed up: a checkpoint signed with a lost key can still be checked (it names its
 * public key), but nobody can then tell the office's checkpoints from someone else's.
 */
export function loadSigningKey(
  settings: Pick<AppSettings, 'LEDGER_SIGNING_KEY_FILE' | 'EVENT_STORE' | 'SQLITE_PATH'>,
  warn: (message: string) => void,
): KeyObject {
  const path = signingKeyPath(settings);
  if (settings.LEDGER_SIGNING_KEY_FILE || existsSync(path)) return readSigningKey(path);
  const { privateKey } = generateKeyPairSync('ed25519');
  mkdirSync(dirname(path), { recursive: true });
  try {
    writeFileSync(path, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process (a second server, a CLI) generated it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readSigningKey(path);
    throw error;
  }
  warn(
    `No ledger signing key was configured: generated one at ${path}. Back it up apart from the database, ` +
      'or set LEDGER_SIGNING_KEY_FILE to a key of your own (openssl genpkey -algorithm ed25519).',
  );
  return privateKey;
}
