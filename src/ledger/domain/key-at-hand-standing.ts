import { say, type Bilingual } from '../../shared/domain-error.js';

/*
 * newcomer57-9 S1: a tool reading a store file (ledger:verify, ledger:export, store:backup's check) finds a signing key
 * where the server of ITS folder keeps one (./keys, LEDGER_SIGNING_KEY_FILE). That key is the office's for the store only
 * when something shows it: the first `npm start` of any folder generates a key, so an auditor's or a second install's
 * folder holds a key of its own, and every row of the office's copy, checked with it, read as 「有人在事件库文件中插入或
 * 改写」(NOT_SEALED from event 1, exit 1) — an untouched ledger called forged. Pure: the caller gathers the evidence.
 */

/** What shows a key at hand to be the one the office signs and seals this store with. */
export interface KeyEvidence {
  /** The fingerprint the store witness beside the data names (this store's witness only), if any. */
  readonly witnessKey: string | null;
  /** LEDGER_TRUSTED_KEYS: fingerprints the operator declared the office's. */
  readonly trustedKeys: readonly string[];
  /** Keys named by the signed witness copies beside the key (keys/store-witnesses) that saw this very store. */
  readonly keptCopyKeys: readonly string[];
  /** Fingerprints of the keys whose signatures hold on the store's own checkpoints. Called only when needed. */
  readonly checkpointSigners: () => readonly string[];
  /** Whether the key's row seal holds on at least one row of the store. Called only when needed (reads the rows). */
  readonly sealsSomeRow: () => boolean;
  /**
   * Whether no row of the store carries a seal (a store of a version from before rows were sealed: every store this version
   * serves is sealed at its first start). Its rows tie it to no key, so the key at hand is taken as before — the office's
   * unless the witness names another — and checkpoints signed by other keys are named as such (a log re-signed by a forger).
   */
  readonly noRowSealed: boolean;
}

/**
 * How the key at hand stands to the store: `shown` with what shows it (the witness names it, LEDGER_TRUSTED_KEYS lists it,
 * a witness copy beside it saw this store, it signed one of the store's checkpoints, or its seal holds on one of its rows —
 * none of which anyone without the key can make; or the store carries no row seal at all, an older version's, as before), else `another` (the witness names another key) or `unshown` (nothing
 * relates it to this store: another install's key). Only a shown key checks row seals and stands for the office's key
 * among the checkpoint signers; the others are named in the note and used for nothing.
 * @param fingerprint the key file's fingerprint (16 hex digits).
 */
export type KeyStanding =
  | { readonly shown: true; readonly by: 'witness' | 'trusted' | 'kept-copy' | 'checkpoint' | 'row-seal' | 'unsealed-store' }
  | { readonly shown: false; readonly by: 'another' | 'unshown' };

export function keyAtHandStanding(fingerprint: string, evidence: KeyEvidence): KeyStanding {
  if (evidence.trustedKeys.includes(fingerprint)) return { shown: true, by: 'trusted' };
  if (evidence.witnessKey !== null) return evidence.witnessKey === fingerprint ? { shown: true, by: 'witness' } : { shown: false, by: 'another' };
  if (evidence.keptCopyKeys.includes(fingerprint)) return { shown: true, by: 'kept-copy' };
  // A store with no row seal (an older version's): no row to accuse, nothing ties it to another key — taken as before.
  if (evidence.noRowSealed) return { shown: true, by: 'unsealed-store' };
  if (evidence.checkpointSigners().includes(fingerprint)) return { shown: true, by: 'checkpoint' };
  if (evidence.sealsSomeRow()) return { shown: true, by: 'row-seal' };
  return { shown: false, by: 'unshown' };
}

/**
 * What a tool says of a key at hand nothing relates to the store (`unshown`), both languages: which key, where, that it
 * signed none of the store's checkpoints and sealed none of its rows and is not in LEDGER_TRUSTED_KEYS — another
 * installation's own key (every folder where the server once started has one) — so that it was used for nothing.
 * @param keyPath the key file; `fingerprint` its key.
 */
export function unshownKeyWords(keyPath: string, fingerprint: string): Bilingual {
  return say(
    `The key file ${keyPath} holds key ${fingerprint}, which signed none of this store's checkpoints, sealed none of its rows and is not in LEDGER_TRUSTED_KEYS: it is this installation's own key, not the office's key for this store (every folder where the server once started has one), and it was not used.`,
    `密钥文件 ${keyPath} 中是密钥 ${fingerprint}：它没有签署本事件库的任何校验点，也没有为其任何记录加封，且未列入 LEDGER_TRUSTED_KEYS——是本机安装自己的密钥（凡启动过服务的文件夹都有一个），不是本单位为该事件库所用的密钥，未予采用。`,
  );
}
