import { Global, Inject, Injectable, Logger, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHmac, hkdfSync, type KeyObject } from 'node:crypto';
import { resolve } from 'node:path';
import type { AppSettings } from '../config/app-settings.js';
import { ADMITTED_STORE } from '../event-store/event-store.module.js';
import type { AdmittedStore } from '../event-store/store-admission.js';
import { judgeSigningKey } from '../event-store/store-witness.js';
import { keyFingerprint, publicKeyText } from './domain/checkpoint.js';
import { loadSigningKey, signingKeyPath } from './ledger-signing-key.js';

/** What a keyed MAC (see `LedgerKeys.mac`) authenticates: each purpose has a key of its own. */
export type MacPurpose = 'read-model snapshot';

/**
 * The office's ledger key, loaded (or generated) once at start and judged against the key on record
 * (`AdmittedStore.signingKeyOnRecord`: the store witness's, else the newest checkpoint's;
 * `SIGNING_KEY_CHANGED`, exit 3, unless the old key is listed in LEDGER_TRUSTED_KEYS). It signs checkpoints (LedgerService) and keys the MACs of what the server
 * keeps beside the store and must not trust unless it wrote it itself (a read-model snapshot): the
 * key lives outside ./data, so whoever can write the data folder cannot forge them.
 */
@Injectable()
export class LedgerKeys {
  private readonly logger = new Logger('Ledger');
  /** The Ed25519 private key that signs checkpoints. */
  readonly signingKey: KeyObject;
  /** Its fingerprint (16 hex digits, `keyFingerprint`). */
  readonly fingerprint: string;
  private readonly macKeys = new Map<MacPurpose, Buffer>();

  constructor(@Inject(ADMITTED_STORE) admitted: AdmittedStore, config: ConfigService<AppSettings, true>) {
    const keySettings = {
      LEDGER_SIGNING_KEY_FILE: config.get('LEDGER_SIGNING_KEY_FILE', { infer: true }),
      EVENT_STORE: config.get('EVENT_STORE', { infer: true }),
      SQLITE_PATH: config.get('SQLITE_PATH', { infer: true }),
    };
    // At construction, so that a bad key stops the start with the variable named. The key file
    // replaced or lost since the last start is refused (exit 3) unless the old key is declared in
    // LEDGER_TRUSTED_KEYS — a lost one before a new key is generated in its place; then the witness
    // keeps this one.
    const trustedKeys = config.get('LEDGER_TRUSTED_KEYS', { infer: true });
    const onRecord = admitted.signingKeyOnRecord;
    this.signingKey = loadSigningKey(keySettings, (message) => this.logger.warn(message), undefined, (path) => judgeSigningKey(onRecord, null, trustedKeys, resolve(path)));
    this.fingerprint = keyFingerprint(publicKeyText(this.signingKey));
    const changed = judgeSigningKey(onRecord, this.fingerprint, trustedKeys, resolve(signingKeyPath(keySettings)));
    if (changed) throw changed;
    if (onRecord && onRecord.fingerprint !== this.fingerprint) {
      this.logger.warn(`Checkpoints are signed by key ${this.fingerprint} from now on, in place of key ${onRecord.fingerprint} (listed in LEDGER_TRUSTED_KEYS).`);
    }
    admitted.witness.keepSigningKey(this.fingerprint, this.signingKey);
  }

  /**
   * An HMAC-SHA-256 (32 bytes) over `parts`, in order, keyed by a key derived from the signing key
   * for this purpose alone (HKDF-SHA-256 over the key's PKCS#8 bytes, RFC 5869; node:crypto).
   */
  mac(purpose: MacPurpose, parts: readonly Buffer[]): Buffer {
    let key = this.macKeys.get(purpose);
    if (!key) this.macKeys.set(purpose, (key = macKey(this.signingKey, purpose)));
    return hmac(key, parts);
  }
}

/** The MAC key for one purpose: HKDF-SHA-256 (RFC 5869) over the signing key's PKCS#8 bytes, 32 bytes. */
const macKey = (signingKey: KeyObject, purpose: MacPurpose): Buffer =>
  Buffer.from(hkdfSync('sha256', signingKey.export({ format: 'der', type: 'pkcs8' }), 'Rectify ledger key', `Rectify ${purpose} MAC v1`, 32));

const hmac = (key: Buffer, parts: readonly Buffer[]): Buffer => {
  const mac = createHmac('sha256', key);
  for (const part of parts) mac.update(part);
  return mac.digest();
};

/** `LedgerKeys.mac` for a key at hand (tools and tests that write what a server holding the key would). */
export const ledgerMac = (signingKey: KeyObject, purpose: MacPurpose, parts: readonly Buffer[]): Buffer => hmac(macKey(signingKey, purpose), parts);

/** The ledger key for every module that authenticates with it (global: the read-model snapshots need it before the ledger). */
@Global()
@Module({ providers: [LedgerKeys], exports: [LedgerKeys] })
export class LedgerKeysModule {}
