import { existsSync } from 'node:fs';
import type { AppSettings } from '../config/app-settings.js';
import type { KeyObject } from 'node:crypto';
import { readWitness, type StoreWitness } from '../event-store/store-witness.js';
import { keyFolderWitnessFolder, readKeyFolderWitnessesLeniently } from '../event-store/key-folder-witness.js';
import { keyAtHandStanding, unshownKeyWords, type KeyStanding } from '../ledger/domain/key-at-hand-standing.js';
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
 * The key file where the server of this folder keeps its key (LEDGER_SIGNING_KEY_FILE, ./keys, or beside the database),
 * and how it stands to the store read (`keyAtHandStanding`, newcomer57-9 S1): the office's only when something shows it —
 * the witness names it, LEDGER_TRUSTED_KEYS lists it, a witness copy beside it saw this store, it signed one of the store's
 * checkpoints, or its seal holds on one of its rows. An auditor's folder, or a second install's, holds a key of its own.
 */
interface KeyAtHand {
  readonly path: string;
  readonly key: KeyObject | null;
  readonly fingerprint: string | null;
  /** Null when there is no key file. */
  readonly standing: KeyStanding | null;
}

function keyAtHand(settings: AppSettings, ledger: SqliteLedger, witnessPath: string): KeyAtHand {
  const path = signingKeyPath(settings);
  const key = existsSync(path) ? readSigningKey(path) : null;
  if (!key) return { path, key, fingerprint: null, standing: null };
  const fingerprint = keyFingerprint(publicKeyText(key));
  const storeId = ledger.storeId();
  const { kept } = storeId === null ? { kept: [] } : readKeyFolderWitnessesLeniently(keyFolderWitnessFolder({ EVENT_STORE: 'sqlite', SQLITE_PATH: settings.SQLITE_PATH, LEDGER_SIGNING_KEY_FILE: settings.LEDGER_SIGNING_KEY_FILE }));
  const standing = keyAtHandStanding(fingerprint, {
    witnessKey: witnessOfThisStore(witnessPath, storeId)?.signingKey ?? null,
    trustedKeys: settings.LEDGER_TRUSTED_KEYS,
    keptCopyKeys: kept.flatMap(({ witness }) => (witness.storeId === storeId && witness.signature && witness.signingKey ? [witness.signingKey] : [])),
    checkpointSigners: () => ledger.checkpointSigners(),
    sealsSomeRow: () => ledger.sealedBy(rowSealKeyOf(key)),
    noRowSealed: !ledger.sealed,
  });
  return { path, key, fingerprint, standing };
}

/**
 * The keys the office signs with: the key the store witness says the server last signed with —
 * else the signing key where the server keeps it (LEDGER_SIGNING_KEY_FILE, ./keys, or beside the
 * database) — and LEDGER_TRUSTED_KEYS. A key file holding another key than the witness names is
 * not trusted: it may be a forger's, put there to re-sign a rewritten log. Null when none is at
 * hand (verifying a copy on another machine): any signer is then taken, and the output says so.
 */
export function trustedKeysOf(settings: AppSettings, witnessPath: string, ledger: SqliteLedger): { keys: string[] | null; formerKeys: readonly FormerKey[]; note: Bilingual } {
  const storeId = ledger.storeId();
  const atHand = keyAtHand(settings, ledger, witnessPath);
  const path = atHand.path;
  // newcomer57-9 S1: a key file nothing relates to this store (another install's own key) stands for nothing.
  const inFile = atHand.standing?.by === 'unshown' ? null : atHand.fingerprint;
  const unshown = atHand.standing?.by === 'unshown' ? unshownKeyWords(path, atHand.fingerprint!) : say('', '');
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
  const keys = [...new Set([...(own ? [own] : []), ...settings.LEDGER_TRUSTED_KEYS])];
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
        `${unshown.en ? `${unshown.en} No key of the office` : `No signing key at ${path}`} and no LEDGER_TRUSTED_KEYS: checkpoints are checked against the keys they name, not against the office's own (set LEDGER_TRUSTED_KEYS to the fingerprints printed with the 台账校验码).`,
        `${unshown.zh ? `${unshown.zh}没有本单位的密钥` : `${path} 处没有签名密钥`}，也未设置 LEDGER_TRUSTED_KEYS：校验点只按其自身所载的密钥核对，无法确认是本单位的密钥所签（请将 LEDGER_TRUSTED_KEYS 设为与台账校验码一同打印的密钥指纹）。`,
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
      : atHand.standing?.by === 'checkpoint'
        ? say(`${path}; the store witness names no key, and this key signed the store's own checkpoints`, `${path}；事件库见证文件中没有记录密钥，而该密钥签署过本事件库自身的校验点`)
        : atHand.standing?.by === 'row-seal'
          ? say(`${path}; the store witness names no key, and this key's seal holds on the store's rows`, `${path}；事件库见证文件中没有记录密钥，而该密钥的封印与本事件库的记录相符`)
          : atHand.standing?.by === 'kept-copy'
            ? say(`${path}; the store witness names no key, and the witness copy beside this key saw this store`, `${path}；事件库见证文件中没有记录密钥，而该密钥旁的见证副本记载过本事件库`)
            : say(`${path}; the store witness names no key, so nothing confirms it is the office's`, `${path}；事件库见证文件中没有记录密钥，无法确认它是本单位的密钥`);
  const trusted = settings.LEDGER_TRUSTED_KEYS.length > 0;
  return {
    keys,
    formerKeys,
    note: say(
      `Checkpoints must be signed by ${keys.join(', ')}${own ? ` (${source.en}${trusted ? ' and LEDGER_TRUSTED_KEYS' : ''})` : ' (LEDGER_TRUSTED_KEYS)'}.${former.en}${otherInFile.en}${unshown.en ? ` ${unshown.en}` : ''}`,
      `校验点须由密钥 ${keys.join('、')} 签署（${own ? `${source.zh}${trusted ? '及 LEDGER_TRUSTED_KEYS' : ''}` : 'LEDGER_TRUSTED_KEYS'}）。${former.zh}${otherInFile.zh}${unshown.zh}`,
    ),
  };
}

/**
 * The row-seal key to check each row's seal with (breaker9b N1), and what the output says of it:
 * the key file's, when it is a key the office signs with — shown to be the office's for this store (`keyAtHand`:
 * newcomer57-9 S1, another install's own key accused every row of an auditor's copy) — and the store's rows are sealed
 * (some row carries a seal, or the witness says the server sealed them). Null otherwise: a store no version
 * sealed yet, or a copy checked without the office's key — the seals then go unchecked, and the note says so.
 */
export function sealCheckOf(settings: AppSettings, ledger: SqliteLedger, witnessPath: string, trustedKeys: readonly string[] | null): { key: Buffer | null; note: Bilingual } {
  // A damaged witness, or another store's, is the verification's finding: it says nothing of these rows.
  const witnessSaysSealed = witnessOfThisStore(witnessPath, ledger.storeId())?.sealedRows === true;
  if (!witnessSaysSealed && !ledger.sealed) return { key: null, note: say('No event is sealed yet: the server seals the log when it first starts after the upgrade.', '尚无事件加封：服务升级后首次启动时会为日志加封。') };
  const { path, key, fingerprint, standing } = keyAtHand(settings, ledger, witnessPath);
  // newcomer57-9 S1: only a key shown to be the office's for this store accuses rows; another install's own key never does.
  if (!key || !standing?.shown || !trustedKeys?.includes(fingerprint!)) {
    const unshown = standing?.by === 'unshown' ? unshownKeyWords(path, fingerprint!) : null;
    return {
      key: null,
      note: unshown
        ? say(
            `Row seals not checked: the office's signing key is not at ${path}. ${unshown.en} Run ledger:verify where the server's key is to check that every row was written by Rectify.`,
            `未校验记录封印：${path} 中没有本单位的签名密钥。${unshown.zh}请在存放服务密钥的机器上运行台账校验，以确认每条记录均由 Rectify 写入。`,
          )
        : say(
            `Row seals not checked: the office's signing key is not at ${path}${fingerprint ? ` (it holds key ${fingerprint})` : ''}. Run ledger:verify where the server's key is to check that every row was written by Rectify.`,
            `未校验记录封印：${path} 中没有本单位的签名密钥${fingerprint ? `（其中是密钥 ${fingerprint}）` : ''}。请在存放服务密钥的机器上运行台账校验，以确认每条记录均由 Rectify 写入。`,
          ),
    };
  }
  return { key: rowSealKeyOf(key), note: say(`Row seals checked with key ${fingerprint}.`, `已用密钥 ${fingerprint} 校验记录封印。`) };
}
