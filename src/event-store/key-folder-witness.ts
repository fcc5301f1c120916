import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { AppSettings } from '../config/app-settings.js';
import { databaseFolderHoldingKey, signingKeyPath } from '../ledger/ledger-signing-key.js';
import { say } from '../shared/domain-error.js';
import { readWitness, StoreRefusedError, type StoreWitness } from './store-witness.js';

/*
 * A second copy of each store's witness, kept beside the ledger signing key (./keys by default),
 * one file per store: `<key folder>/store-witnesses/<storeId>.witness.json`, signed like the witness
 * and written with its durable copy (at most once a second), its `location` made absolute.
 *
 * The witness beside the database is rolled back with it when the whole data folder is restored
 * from a backup or a volume snapshot (breaker9b N5: a start `ready`, silently older); the key's
 * folder is kept apart from the data on purpose, so its copy still says what the server last saw.
 * It also tells which stores the office's key vouches for, so a start that would create a new store
 * beside them — a mistyped SQLITE_PATH — is refused instead of serving an empty ledger (N6).
 */

type KeyFolderSettings = Pick<AppSettings, 'EVENT_STORE' | 'SQLITE_PATH' | 'LEDGER_SIGNING_KEY_FILE'>;

/** The folder of witness copies for these settings; null where the key lies in the database's folder (a copy there rolls back with the data) or the store is in memory. */
export function keyFolderWitnessFolder(settings: KeyFolderSettings): string | null {
  if (settings.EVENT_STORE === 'sqlite' && settings.SQLITE_PATH === ':memory:') return null;
  const keyPath = signingKeyPath(settings);
  if (databaseFolderHoldingKey(settings, keyPath)) return null;
  return join(dirname(resolve(keyPath)), 'store-witnesses');
}

/** The copy's file for one store. */
export const keyFolderWitnessPath = (folder: string, storeId: string): string => join(folder, `${storeId}.witness.json`);

/** One store's witness copy and where it is kept. */
export interface KeptWitness {
  readonly path: string;
  readonly witness: StoreWitness;
}

/**
 * Every witness copy in `folder` (none when the folder is missing).
 * @throws StoreRefusedError STORE_WITNESS_DAMAGED when a copy cannot be read (see `readWitness`).
 */
export function readKeyFolderWitnesses(folder: string | null): KeptWitness[] {
  if (folder === null) return [];
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith('.witness.json'))
    .flatMap((name) => {
      const path = join(folder, name);
      const witness = readWitness(path);
      return witness ? [{ path, witness }] : [];
    });
}

/**
 * Of the data folder's witness and the key folder's copy of the same store, the one that saw more
 * (the higher head, then the newer checkpoint); the data folder's when they agree or the copy is
 * another store's. A copy ahead of the witness means the data folder went back in time.
 */
export function newerWitness(witnessed: StoreWitness | null, kept: KeptWitness | undefined): { witness: StoreWitness | null; fromKeyFolder: KeptWitness | null } {
  if (!kept) return { witness: witnessed, fromKeyFolder: null };
  if (!witnessed) return { witness: kept.witness, fromKeyFolder: kept };
  if (witnessed.storeId !== kept.witness.storeId) return { witness: witnessed, fromKeyFolder: null };
  const head = (witness: StoreWitness) => (witness.head === null ? -1n : BigInt(witness.head));
  const checkpoint = (witness: StoreWitness) => witness.checkpoint?.sequence ?? 0;
  const keptIsNewer = head(kept.witness) > head(witnessed) || (head(kept.witness) === head(witnessed) && checkpoint(kept.witness) > checkpoint(witnessed));
  return keptIsNewer ? { witness: kept.witness, fromKeyFolder: kept } : { witness: witnessed, fromKeyFolder: null };
}

/** A refusal judged on the key folder's copy, saying so: the data folder's own witness says less. */
export function judgedOnKeptCopy(refusal: StoreRefusedError, kept: KeptWitness, witnessed: StoreWitness | null, witnessPath: string): StoreRefusedError {
  const own = witnessed
    ? say(`says position ${witnessed.head ?? 'none'} (seen ${witnessed.seenAt})`, `记载的位置是 ${witnessed.head ?? '无'}（${witnessed.seenAt}）`)
    : say('is missing', '不存在');
  return new StoreRefusedError(
    refusal.reason,
    say(
      `${refusal.message} (Judged on the copy of the store witness kept beside the ledger signing key, ${kept.path}: the witness in the data folder, ${witnessPath}, ${own.en} — the data folder, witness included, was restored from an older backup or rolled back?)`,
      `${refusal.messageZh}（以上依据的是与台账签名密钥存放在一起的事件库见证副本 ${kept.path}：数据文件夹中的见证文件 ${witnessPath} ${own.zh}——数据文件夹（连同见证文件）是否被旧备份恢复或回滚？）`,
    ),
  );
}

/**
 * A start that would create a new SQLite store (its file is missing) while the key's folder holds
 * the witness copy of a store with events that this path most likely meant (breaker9b N6): one in the
 * same folder (a mistyped file name), or any when the new store's folder does not exist either (a
 * mistyped folder, relative paths from another working folder). Null when there is none: a first
 * install, or a deliberate second store in a folder of its own.
 */
export function judgeNewStore(sqlitePath: string, kept: readonly KeptWitness[], keyPath: string): StoreRefusedError | null {
  const path = resolve(sqlitePath);
  const folder = dirname(path);
  const folderExists = (() => {
    try {
      readdirSync(folder);
      return true;
    } catch {
      return false;
    }
  })();
  const meant = kept.filter(({ witness }) => witness.kind === 'sqlite' && witness.head !== null && witness.location !== path && (!folderExists || dirname(witness.location) === folder));
  if (meant.length === 0) return null;
  const stores = meant.map(({ witness }) => `${witness.location} (store ${witness.storeId}, position ${witness.head}, seen ${witness.seenAt})`).join('; ');
  const storesZh = meant.map(({ witness }) => `${witness.location}（事件库 ${witness.storeId}，位置 ${witness.head}，${witness.seenAt}）`).join('；');
  return new StoreRefusedError(
    'STORE_NOT_FOUND',
    say(
      `SQLITE_PATH=${sqlitePath} names no event store (${path} does not exist), but the ledger signing key ${keyPath} vouches for ${stores}. A mistyped SQLITE_PATH, or a server started from another working folder? Set SQLITE_PATH to that store's file. To create a new, empty store at ${path} all the same, start once with --accept-store-reset (or ACCEPT_STORE_RESET=true); the demo is not seeded into it.`,
      `SQLITE_PATH=${sqlitePath} 指向的事件库不存在（${path} 不存在），而台账签名密钥 ${keyPath} 担保的是 ${storesZh}。是否 SQLITE_PATH 写错了，或服务是在别的工作目录下启动的？请将 SQLITE_PATH 设为该事件库的文件。若确要在 ${path} 新建一个空的事件库，请以 --accept-store-reset（或 ACCEPT_STORE_RESET=true）启动一次；演示数据不会写入该库。`,
    ),
  );
}
