import { existsSync } from 'node:fs';
import type { AppSettings } from '../config/app-settings.js';
import { readWitness, type StoreWitness } from '../event-store/store-witness.js';
import { keyFingerprint, publicKeyText } from '../ledger/domain/checkpoint.js';
import type { FormerKey } from '../ledger/domain/former-keys.js';
import { rowSealKeyOf } from '../ledger/ledger-mac.js';
import { readSigningKey, signingKeyPath } from '../ledger/ledger-signing-key.js';
import type { SqliteLedger } from '../ledger/sqlite-ledger.js';
import { say, type Bilingual } from '../shared/domain-error.js';

/*
 * The office's keys as the tools that read a store file find them (ledger:verify, store:backup): which signers
 * to trust and the key to check row seals with, each with the note the tool prints. Shared so that a backup
 * checks a copy's rows as ledger:verify checks the store's (breaker9z P12).
 */

/**
 * The store witness at `witnessPath` when it is this store's (breaker9z P10): null when there is none, it cannot be read
 * (the verification reports a damaged witness), or it saw another store than `storeId` — an operator's slip (`--witness`
 * of another installation) whose key, seals and spans would otherwise judge this log: the verification reports it
 * (`STORE_REPLACED`) and takes nothing from it. `storeId`: the store's own id, null for an older file without one.
 */
export function witnessOfThisStore(witnessPath: string, storeId: string | null): StoreWitness | null {
  try {
    const witness = readWitness(witnessPath);
    return witness && (storeId === null || witness.storeId === storeId) ? witness : null;
  } catch {
    return null;
  }
}

/** Whether the witness at `witnessPath` is readable and of another store than `storeId` (see `witnessOfThisStore`). */
function witnessOfAnotherStore(witnessPath: string, storeId: string | null): string | null {
  try {
    const witness = readWitness(witnessPath);
    return witness && storeId !== null && witness.storeId !== storeId ? witness.storeId : null;
  } catch {
    return null;
  }
}

/**
 * The keys the office signs with: the key the store witness says the server last signed with —
 * else the signing key where the server keeps it (LEDGER_SIGNING_KEY_FILE, ./keys, or beside the
 * database) — and LEDGER_TRUSTED_KEYS. A key file holding another key than the witness names is
 * not trusted: it may be a forger's, put there to re-sign a rewritten log. Null when none is at
 * hand (verifying a copy on another machine): any signer is then taken, and the output says so.
 */
export function trustedKeysOf(settings: AppSettings, witnessPath: string, storeId: string | null): { keys: string[] | null; formerKeys: readonly FormerKey[]; note: Bilingual } {
  const path = signingKeyPath(settings);
  const inFile = existsSync(path) ? keyFingerprint(publicKeyText(readSigningKey(path))) : null;
  const ofThisStore = witnessOfThisStore(witnessPath, storeId);
  const witnessed = ofThisStore?.signingKey;
  // newcomer50-9 S2: the office's former keys the witness remembers (a rotation declared once), each for what it signed then.
  const formerKeys = witnessed ? (ofThisStore?.formerKeys ?? []) : [];
  const former =
    formerKeys.length > 0
      ? say(
          ` Former keys of this office (store witness), trusted for the checkpoints they signed before they were replaced: ${formerKeys.map((key) => `${key.fingerprint} (up to ${key.upToEvents} events)`).join(', ')}.`,
          `本单位已停用的旧密钥（见事件库见证文件），对其停用前签署的校验点予以信任：${formerKeys.map((key) => `${key.fingerprint}（至多 ${key.upToEvents} 条事件）`).join('、')}。`,
        )
      : say('', '');
  const foreign = witnessOfAnotherStore(witnessPath, storeId);
  const own = witnessed ?? inFile;
  const keys = [...(own ? [own] : []), ...settings.LEDGER_TRUSTED_KEYS];
  const otherInFile =
    witnessed && inFile && inFile !== witnessed && !settings.LEDGER_TRUSTED_KEYS.includes(inFile)
      ? say(
          ` The key file ${path} holds key ${inFile}, not key ${witnessed} the server last signed with (store witness ${witnessPath}): it is not trusted.`,
          `密钥文件 ${path} 中是密钥 ${inFile}，而不是本服务上次签署所用的密钥 ${witnessed}（见事件库见证文件 ${witnessPath}）：不予信任。`,
        )
      : say('', '');
  if (keys.length === 0) {
    return {
      keys: null,
      formerKeys: [],
      note: say(
        `No signing key at ${path} and no LEDGER_TRUSTED_KEYS: checkpoints are checked against the keys they name, not against the office's own (set LEDGER_TRUSTED_KEYS to the fingerprints printed with the 台账校验码).`,
        `${path} 处没有签名密钥，也未设置 LEDGER_TRUSTED_KEYS：校验点只按其自身所载的密钥核对，无法确认是本单位的密钥所签（请将 LEDGER_TRUSTED_KEYS 设为与台账校验码一同打印的密钥指纹）。`,
      ),
    };
  }
  // Without a fingerprint in the witness (an older version's, or one removed), nothing confirms
  // that the key file is the office's: a mismatch may then be the key file's, and the note says so.
  const source = witnessed
    ? say(`the store witness ${witnessPath}`, `事件库见证文件 ${witnessPath}`)
    : foreign
      ? say(
          `${path}; the store witness ${witnessPath} is of another store (${foreign}), so its key is not used, and nothing confirms this one is the office's`,
          `${path}；事件库见证文件 ${witnessPath} 属于另一个事件库（${foreign}），不采用其中的密钥，也无法确认此密钥是本单位的`,
        )
      : say(`${path}; the store witness names no key, so nothing confirms it is the office's`, `${path}；事件库见证文件中没有记录密钥，无法确认它是本单位的密钥`);
  const trusted = settings.LEDGER_TRUSTED_KEYS.length > 0;
  return {
    keys,
    formerKeys,
    note: say(
      `Checkpoints must be signed by ${keys.join(', ')}${own ? ` (${source.en}${trusted ? ' and LEDGER_TRUSTED_KEYS' : ''})` : ' (LEDGER_TRUSTED_KEYS)'}.${former.en}${otherInFile.en}`,
      `校验点须由密钥 ${keys.join('、')} 签署（${own ? `${source.zh}${trusted ? '及 LEDGER_TRUSTED_KEYS' : ''}` : 'LEDGER_TRUSTED_KEYS'}）。${former.zh}${otherInFile.zh}`,
    ),
  };
}

/**
 * The row-seal key to check each row's seal with (breaker9b N1), and what the output says of it:
 * the key file's, when it is a key the office signs with, and the store's rows are sealed (some row
 * carries a seal, or the witness says the server sealed them). Null otherwise: a store no version
 * sealed yet, or a copy checked without the office's key — the seals then go unchecked, and the note says so.
 */
export function sealCheckOf(settings: AppSettings, ledger: SqliteLedger, witnessPath: string, trustedKeys: readonly string[] | null): { key: Buffer | null; note: Bilingual } {
  // A damaged witness, or another store's, is the verification's finding: it says nothing of these rows.
  const witnessSaysSealed = witnessOfThisStore(witnessPath, ledger.storeId())?.sealedRows === true;
  if (!witnessSaysSealed && !ledger.sealed) return { key: null, note: say('No event is sealed yet: the server seals the log when it first starts after the upgrade.', '尚无事件加封：服务升级后首次启动时会为日志加封。') };
  const path = signingKeyPath(settings);
  const key = existsSync(path) ? readSigningKey(path) : null;
  const fingerprint = key ? keyFingerprint(publicKeyText(key)) : null;
  if (!key || !trustedKeys?.includes(fingerprint!)) {
    return {
      key: null,
      note: say(
        `Row seals not checked: the office's signing key is not at ${path}${fingerprint ? ` (it holds key ${fingerprint})` : ''}. Run ledger:verify where the server's key is to check that every row was written by Rectify.`,
        `未校验记录封印：${path} 中没有本单位的签名密钥${fingerprint ? `（其中是密钥 ${fingerprint}）` : ''}。请在存放服务密钥的机器上运行台账校验，以确认每条记录均由 Rectify 写入。`,
      ),
    };
  }
  return { key: rowSealKeyOf(key), note: say(`Row seals checked with key ${fingerprint}.`, `已用密钥 ${fingerprint} 校验记录封印。`) };
}

