import { keyFolderWitnessFolder, keptCopyFor, otherStoreSeenHere, readKeyFolderWitnessesLeniently } from '../event-store/key-folder-witness.js';
import { realPlaceOf } from '../event-store/store-place.js';
import { readWitness, type StoreWitness } from '../event-store/store-witness.js';
import { officeInstantZh } from '../shared/calendar-date.js';
import { say, type Bilingual } from '../shared/domain-error.js';

/**
 * breaker54-9 S1, for ledger:verify: the copy beside the key of this very place that saw another store, with events, not
 * accepted away since (`otherStoreSeenHere`) — the store at `path` is not the one the office's key last vouched for there,
 * as a start says (STORE_REPLACED). Null when there is none, or the file holds no store id (nothing to compare).
 * @param where `path` the store file, `storeId` its id as read (null: none, nothing to compare), `witnessPath` the witness beside it, `keyFile` LEDGER_SIGNING_KEY_FILE (undefined: the
 *   default), `copyName` STORE_COPY_NAME (null when unset).
 * @returns a `LedgerExpectations.witnessProblem` of kind STORE_REPLACED, its message in both languages.
 */
export function otherStoreHereProblem(where: { readonly path: string; readonly storeId: string | null; readonly witnessPath: string; readonly keyFile: string | undefined; readonly copyName: string | null }): { kind: 'STORE_REPLACED'; message: Bilingual } | null {
  // The store's id as the caller read it (ledger:verify from its read-only reading): opened here, a copy on read-only media
  // would get a -wal and -shm written beside it (breaker9z P6).
  const { storeId } = where;
  if (storeId === null) return null;
  let beside: StoreWitness | null = null;
  try {
    beside = readWitness(where.witnessPath);
  } catch {
    // Reported by the witness's own reading.
  }
  const place = realPlaceOf(where.path);
  const { kept } = readKeyFolderWitnessesLeniently(keyFolderWitnessFolder({ EVENT_STORE: 'sqlite', SQLITE_PATH: where.path, LEDGER_SIGNING_KEY_FILE: where.keyFile }));
  const own = beside?.storeId === storeId ? beside : (keptCopyFor(kept, storeId, place, undefined, where.copyName, beside)?.witness ?? null);
  const other = otherStoreSeenHere(kept, { storeId, place }, own, where.copyName);
  if (!other) return null;
  const seen = other.witness;
  // The stores are named by their ids: ledger:verify's evidence, which must tell the two stores apart.
  const [lost, now] = [seen.storeId, storeId];
  return {
    kind: 'STORE_REPLACED',
    message: say(
      `This is store ${storeId}, but the copy of the store witness kept beside the signing key for this very place, ${other.path}, saw store ${seen.storeId} here up to position ${seen.head} (${seen.seenAt}), and no start has accepted another store here since (--accept-store-reset): store ${storeId} was made or put here after it — by a start that did not judge that copy, such as an older release started once while the data folder was lost or empty. The events below chain, but they are not the ledger the office's key last vouched for at this place: look for store ${seen.storeId}'s data folder or a copy of it first.`,
      `这是事件库 ${now}，但与签名密钥存放在一起、本位置专有的事件库见证副本 ${other.path} 在此处看到的是事件库 ${lost}，已确认写入至位置 ${seen.head}（${officeInstantZh(seen.seenAt)}），此后没有任何启动在此处接受过别的事件库（--accept-store-reset）：事件库 ${now} 是在那之后才被创建或放到这里的——由一次不核对该副本的启动造成，例如数据文件夹丢失或为空时，以旧版本启动了一次。以下事件的哈希链虽然完整，但不是本单位密钥上次在此处担保的台账：请先找回事件库 ${lost} 的数据文件夹或其副本。`,
    ),
  };
}
