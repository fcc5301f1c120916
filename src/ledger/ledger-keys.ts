import { Global, Inject, Injectable, Logger, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHmac, type Hmac, type KeyObject } from 'node:crypto';
import { resolve } from 'node:path';
import type { AppSettings } from '../config/app-settings.js';
import { ADMITTED_STORE } from '../event-store/event-store.module.js';
import type { AdmittedStore } from '../event-store/store-admission.js';
import { judgeSigningKey } from '../event-store/store-witness.js';
import { SqliteEventStore } from '../event-store/sqlite-event-store.js';
import { keyFingerprint, publicKeyText } from './domain/checkpoint.js';
import { loadSigningKey, signingKeyPath } from './ledger-signing-key.js';
import { SigningKeyFileWatch } from './signing-key-watch.js';
import { hmac, macKey, type MacPurpose } from './ledger-mac.js';

export { ledgerMac, rowSealKeyOf, type MacPurpose } from './ledger-mac.js';


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
  /** The key file this server read its key from, watched while it runs (`/health` notices). */
  readonly keyFile: SigningKeyFileWatch;
  /**
   * Resolves once the store's rows are sealed with this key (see `sealStoreRows`), after the store's
   * integrity check; the read models follow the log only after it. Rejects as the integrity check does.
   */
  readonly rowsSealed: Promise<void>;

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
    const changed = judgeSigningKey(onRecord, this.fingerprint, trustedKeys, resolve(signingKeyPath(keySettings)), admitted.retiredKeys ?? []);
    if (changed) throw changed;
    if (onRecord && onRecord.fingerprint !== this.fingerprint) {
      this.logger.warn(`Checkpoints are signed by key ${this.fingerprint} from now on, in place of key ${onRecord.fingerprint} (listed in LEDGER_TRUSTED_KEYS).`);
    }
    admitted.witness.keepSigningKey(this.fingerprint, this.signingKey);
    // breaker49-9 M6: the key file deleted or replaced while the server runs is a /health notice, not news at the next start.
    this.keyFile = new SigningKeyFileWatch(resolve(signingKeyPath(keySettings)), this.fingerprint, this.logger);
    // A key generated at this start is named to the other servers on the file from now on.
    admitted.registration?.noteSigningKey(this.fingerprint);
    // breaker51-9 S2: a backup from before a rotation, accepted, is sealed anew as the rotation start of it would (its own witness names the former key).
    const formerKeyRows = admitted.rowsSealedByFormerKey && admitted.rowsSealedByFormerKey.fingerprint !== this.fingerprint ? admitted.rowsSealedByFormerKey.fingerprint : null;
    const rotated = (onRecord !== undefined && onRecord.fingerprint !== this.fingerprint) || formerKeyRows !== null;
    this.rowsSealed = admitted.integrity.then(() => this.sealStoreRows(admitted, rotated, formerKeyRows));
    this.rowsSealed.catch(() => undefined);
  }

  /**
   * Gives the SQLite store the row-seal key (breaker9b N1: rows appended are sealed, rows read are
   * checked), and seals the log's rows when it must: after a key rotation the operator accepted
   * (`rotated`: the old seals cannot be checked without the old key), or on a store no version ever
   * sealed (the witness does not say `sealedRows`, and no row carries a seal) — once. A store that
   * was sealed is never sealed afresh: its unsealed rows are not Rectify's. `formerKey`: the former key whose seals an
   * accepted backup's rows carry (`AdmittedStore.rowsSealedByFormerKey`), named in the log; null for a rotation declared now.
   */
  private sealStoreRows(admitted: AdmittedStore, rotated: boolean, formerKey: string | null = null): void {
    const store = admitted.store;
    if (!(store instanceof SqliteEventStore)) return;
    const neverSealed = admitted.witnessed?.sealedRows !== true && !store.hasSealedRows();
    const sealing = store.sealRows(this.rowSealKey(), rotated || neverSealed);
    if (sealing && sealing.sealed > 0) {
      // Unasked only for rows something the old key signed vouches for; else the start was refused
      // unless accepted (LOG_UNSEALED, ROWS_AFTER_KEY_ROTATION: row-seal-judgement.ts, breaker9d P5, P8).
      const why = formerKey
        ? `the store accepted with ACCEPT_STORE_RESET was sealed by former key ${formerKey}, from before the key was rotated`
        : rotated
          ? 'the key was rotated'
          : 'a log no version had sealed, accepted with ACCEPT_STORE_RESET';
      this.logger.warn(`Sealed ${sealing.sealed} events of the log with ledger key ${this.fingerprint} (${why})`);
    }
    if (sealing?.stoppedAt) {
      this.logger.warn(
        `Events from position ${sealing.stoppedAt} on were left unsealed: the ledger chain does not vouch for the event there (edited, moved or inserted by hand). The read models stop there; run npm run ledger:verify.`,
      );
    }
    admitted.witness.noteRowsSealed();
  }

  /** The key of the row seals (`rowSeal`): HKDF from the signing key, like every MAC here. */
  rowSealKey(): Buffer {
    return this.macKey('event row seal');
  }

  /**
   * An HMAC-SHA-256 (32 bytes) over `parts`, in order, keyed by a key derived from the signing key
   * for this purpose alone (HKDF-SHA-256 over the key's PKCS#8 bytes, RFC 5869; node:crypto).
   */
  mac(purpose: MacPurpose, parts: readonly Buffer[]): Buffer {
    return hmac(this.macKey(purpose), parts);
  }

  /** The same MAC (`mac`) fed a part at a time: for hundreds of MB taken in slices between turns of the event loop. */
  macOf(purpose: MacPurpose): Hmac {
    return createHmac('sha256', this.macKey(purpose));
  }

  private macKey(purpose: MacPurpose): Buffer {
    let key = this.macKeys.get(purpose);
    if (!key) this.macKeys.set(purpose, (key = macKey(this.signingKey, purpose)));
    return key;
  }
}

/** The ledger key for every module that authenticates with it (global: the read-model snapshots need it before the ledger). */
@Global()
@Module({ providers: [LedgerKeys], exports: [LedgerKeys] })
export class LedgerKeysModule {}
