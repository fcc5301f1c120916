import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rowSealKeyOf } from '../../src/ledger/ledger-mac.js';
import { readSigningKey } from '../../src/ledger/ledger-signing-key.js';

let keyFile: string | undefined;

/**
 * The ledger signing key of this test process (LEDGER_SIGNING_KEY_FILE), made once: in-process apps
 * and server processes started by one test file sign with the same key, as one office's servers
 * do — a store's witness keeps the key's fingerprint, and a start with another key is refused.
 */
export function testSigningKeyFile(): string {
  if (!keyFile) {
    keyFile = join(mkdtempSync(join(tmpdir(), 'rectify-key-')), 'ledger-signing-key.pem');
    writeFileSync(keyFile, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  }
  return keyFile;
}

/** The row-seal key (`rowSeal`) of this test process's signing key: what a tool beside the server seals its appends with (breaker9b N1). */
export const testRowSealKey = (): Buffer => rowSealKeyOf(readSigningKey(testSigningKeyFile()));
