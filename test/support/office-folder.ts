import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp } from './test-app.js';

/** A new Ed25519 private key (PKCS#8 PEM) written at `path`, readable by its owner only. */
export function writeNewSigningKey(path: string): string {
  writeFileSync(path, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  return path;
}

/**
 * An office's working folder as the README lays it out: ./keys with its own ledger signing key (and,
 * once a server ran, `store-witnesses` beside it), ./data with the store. `start` starts an
 * in-process server there, with more settings as environment variables would give them.
 */
export function office() {
  const root = mkdtempSync(join(tmpdir(), 'rectify-office-'));
  mkdirSync(join(root, 'keys'));
  const keyFile = writeNewSigningKey(join(root, 'keys', 'ledger-signing-key.pem'));
  const data = join(root, 'data');
  const sqlitePath = join(data, 'rectify.db');
  const start = (settings: Record<string, string> = {}, path = sqlitePath, demoData = false) =>
    startTestApp({ sqlitePath: path, demoData, settings: { LEDGER_SIGNING_KEY_FILE: keyFile, ...settings } });
  return { root, data, sqlitePath, keyFile, start, copies: join(root, 'keys', 'store-witnesses') };
}
