import { existsSync } from 'node:fs';
import { say, type Bilingual } from '../shared/domain-error.js';
import { officeInstantZh } from '../shared/calendar-date.js';
import { readKeyFolderWitnessesLeniently } from './key-folder-witness.js';
import { SqliteStoreInspection } from './sqlite-store-inspection.js';
import { isPlace } from './store-place.js';
import { readWitness, StoreRefusedError, type StoreWitness } from './store-witness.js';

/*
 * breaker41-9 P1 (issue 9, "nothing silently started over"): a training, staging or drill copy of the store —
 * made from production's folders, so of production's store id, signed and sealed with the office's key — taken
 * back as production's store while production had written nothing since the copy, started `ready`: its log
 * extends production's, so no witness of production's saw anything wrong. What tells is on disk: each copy's
 * witness names the copy that wrote it (`StoreWitness.copyName`, STORE_COPY_NAME; an unnamed copy is known by
 * its store file's place, as the ledger head statements know it), and the other copy's signed witness beside the
 * office's key says how far that copy saw the log, with the chain hash there.
 */

/** A store witness read at start, and the file it was read from (the data folder's, or a copy beside the key). */
export interface WitnessAt {
  readonly witness: StoreWitness;
  readonly path: string;
}

/** The copy of the store a server (or tool) runs as: its STORE_COPY_NAME, or null for the unnamed copy known by its store file's real place. */
export interface ThisCopy {
  readonly copyName: string | null;
  /** The store file's real place (`realPlaceOf`). */
  readonly place: string;
}

/**
 * Whether `witness` was written by the copy `copy`: a named copy by its name wherever it was kept (an installation
 * moved keeps its name); the unnamed copy by its place. Undefined when it cannot tell: a witness written before copy
 * names were recorded (`copyName` absent) is judged as before, by nobody's name.
 */
export function writtenByCopy(witness: StoreWitness, copy: ThisCopy): boolean | undefined {
  if (witness.copyName === undefined) return undefined;
  if (copy.copyName !== null) return witness.copyName === copy.copyName;
  return witness.copyName === null && isPlace(witness.location, copy.place);
}

/**
 * What shows that the store file holds another copy's records (`findOtherCopyWrites`):
 * - `wrote-past`: another copy's witness saw the log further than this copy's own newest record, and the file holds,
 *   at that position, the very event it saw (same chain hash): the events after this copy's record are that copy's;
 * - `other-copy-witness`: the witness beside the store is another copy's (its data folder put in place of this
 *   copy's), while this copy's own record is kept beside the key.
 */
export interface OtherCopyWrites {
  readonly how: 'wrote-past' | 'other-copy-witness';
  /** This copy's own newest record of the store. */
  readonly own: WitnessAt;
  /** The other copy's witness that shows it. */
  readonly other: WitnessAt;
}

/**
 * Whether the SQLite store found at start holds records another copy of it wrote after this copy's own newest
 * record (see `OtherCopyWrites`); null when it does not, or when nothing can tell:
 * - this copy has no record of its own of the store at this place (no witness of this store by it, beside the data or the
 *   key, for this place or for a place whose file is gone):
 *   a copy starting for the first time from another copy's files — a training copy made with store:backup, a restore
 *   drill — starts from that copy's log, which is what a copy point is;
 * - the store keeps no chain (`chainHashAt` undefined: EventStoreDB, whose servers are one copy).
 * Witnesses of other stores, and those written before copy names were recorded, are not judged. Reads at most one
 * chain hash per other copy's witness.
 * @param found the store's id, its head position (commit part; null: empty) and the chain hash at a position (null: no chained event there).
 * @param copy the copy this server runs as (STORE_COPY_NAME, the store file's real place).
 * @param dataFolder the witness beside the store (STORE_WITNESS_PATH), null when there is none.
 * @param kept the witness copies beside the office's key (`readKeyFolderWitnesses`).
 */
export function findOtherCopyWrites(
  found: { readonly storeId: string; readonly head: bigint | null; readonly chainHashAt?: (commit: bigint) => string | null },
  copy: ThisCopy,
  dataFolder: WitnessAt | null,
  kept: readonly WitnessAt[],
): OtherCopyWrites | null {
  if (!found.chainHashAt) return null;
  const ofThisStore = [...(dataFolder ? [dataFolder] : []), ...kept].filter(({ witness }) => witness.storeId === found.storeId && witness.kind === 'sqlite');
  const headOf = ({ witness }: WitnessAt) => (witness.head === null ? -1n : BigInt(witness.head));
  // This copy's records of this place — or of a place whose file is gone: an installation moved keeps its name (a named copy
  // kept elsewhere whose file is still there, running a tool here under its name, is not this place's copy).
  const here = ({ witness }: WitnessAt) => isPlace(witness.location, copy.place) || !existsSync(witness.location);
  const own = ofThisStore.filter((each) => writtenByCopy(each.witness, copy) === true && here(each)).reduce<WitnessAt | null>((newest, each) => (newest && headOf(newest) >= headOf(each) ? newest : each), null);
  if (!own) return null;
  const others = ofThisStore.filter(({ witness }) => writtenByCopy(witness, copy) === false);
  const fileHead = found.head ?? -1n;
  const wrotePast = others
    .filter((other) => {
      const { witness } = other;
      if (typeof witness.headHash !== 'string' || witness.head === null) return false;
      const at = BigInt(witness.head);
      return at > headOf(own) && at <= fileHead && found.chainHashAt!(at) === witness.headHash;
    })
    .reduce<WitnessAt | null>((furthest, each) => (furthest && headOf(furthest) >= headOf(each) ? furthest : each), null);
  if (wrotePast) return { how: 'wrote-past', own, other: wrotePast };
  if (dataFolder && dataFolder.witness.storeId === found.storeId && writtenByCopy(dataFolder.witness, copy) === false) return { how: 'other-copy-witness', own, other: dataFolder };
  return null;
}

/** A copy as people name it: by its STORE_COPY_NAME, or the unnamed copy by where its store file was. */
export function copyLabel(witness: Pick<StoreWitness, 'copyName' | 'location'>): Bilingual {
  return typeof witness.copyName === 'string'
    ? say(`the copy named ${witness.copyName} (STORE_COPY_NAME=${witness.copyName})`, `副本“${witness.copyName}”（STORE_COPY_NAME=${witness.copyName}）`)
    : say(`the unnamed copy at ${witness.location} (no STORE_COPY_NAME)`, `位于 ${witness.location} 的未命名副本（未设置 STORE_COPY_NAME）`);
}

/** The copy this server runs as, as people name it. */
export function thisCopyLabel(copy: ThisCopy): Bilingual {
  return copyLabel({ copyName: copy.copyName, location: copy.place });
}

/** What to do about it, and how to take the other copy's records deliberately (ACCEPT_STORE_RESET, honoured by one start). */
const WHAT_TO_DO = say(
  "Put this copy's own store back (the file that the other copy's file replaced, or this copy's newest store:backup with its witness), and keep the other copy's files apart. Only if the other copy's records are to become this copy's on purpose (a drill copy refreshed from a newer copy of production, say) start once with --accept-store-reset (or ACCEPT_STORE_RESET=true): that start takes the store as it is, and the acceptance is kept in the witness.",
  '请放回本副本自己的事件库（被另一副本的文件替换下来的那个文件，或本副本最新的 store:backup 备份及其见证文件），并把另一副本的文件另行保存。只有确要把另一副本的记录作为本副本的记录使用时（例如用正式库较新的副本刷新演练副本），才以 --accept-store-reset（或 ACCEPT_STORE_RESET=true）启动一次：该次启动按现状接受事件库，并在见证文件中记下此次接受。',
);

/**
 * The refusal `STORE_FROM_OTHER_COPY` of a start (or tool) on a store holding another copy's records (`findOtherCopyWrites`),
 * naming both copies, what each saw, and the way to accept it deliberately.
 * @param at the store file opened (SQLITE_PATH), named in the refusal.
 */
export function otherCopyRefusal(at: string, found: OtherCopyWrites, copy: ThisCopy): StoreRefusedError {
  const words = otherCopyWords(at, found, copy);
  return new StoreRefusedError('STORE_FROM_OTHER_COPY', say(`${words.en} ${WHAT_TO_DO.en}`, `${words.zh}${WHAT_TO_DO.zh}`));
}

/** What `findOtherCopyWrites` found, said (without what to do): for a refusal at start, `ledger:verify` and /health. */
export function otherCopyWords(at: string, found: OtherCopyWrites, copy: ThisCopy): Bilingual {
  const { own, other } = found;
  const mine = thisCopyLabel(copy);
  const theirs = copyLabel(other.witness);
  const ownSaw = say(
    `this server runs as ${mine.en}, whose own record (${own.path}) last saw the store at position ${own.witness.head ?? 'none'} (${own.witness.seenAt})`,
    `本服务运行为${mine.zh}，本副本自己的记录（${own.path}）上次看到的事件库位置是 ${own.witness.head ?? '无'}（${officeInstantZh(own.witness.seenAt)}）`,
  );
  if (found.how === 'wrote-past') {
    const from = BigInt(own.witness.head ?? '0') + 1n;
    const upTo = other.witness.head!;
    const range = String(from) === upTo ? upTo : `${from}–${upTo}`;
    return say(
      `The event store at ${at} holds records written by another copy of this store: ${theirs.en} saw its log up to position ${upTo} (its witness ${other.path}, seen ${other.witness.seenAt} at ${other.witness.location}), and the event at that position in this file is the one it saw (chain hash ${other.witness.headHash}); ${ownSaw.en}. The events at positions ${range} are that copy's — a training, staging or drill copy made from this store and then put in its place (copied back over the file, renamed over it, or its data folder put here) — not this copy's records.`,
      `位于 ${at} 的事件库中有本事件库另一个副本写入的记录：${theirs.zh}的见证文件（${other.path}，${officeInstantZh(other.witness.seenAt)}，见于 ${other.witness.location}）记载其日志曾到位置 ${upTo}，本文件中该位置的事件正是它看到的那一个（链哈希相同）；而${ownSaw.zh}。位置 ${range} 的事件是该副本写入的——这是用本事件库复制出的培训、测试或演练副本，后来被放到了本处（复制回来覆盖了文件、改名替换了文件，或把其数据文件夹放在了这里）——不是本副本的记录。`,
    );
  }
  return say(
    `The store witness beside the event store at ${at}, ${other.path}, was written by another copy of this store, ${theirs.en} (seen ${other.witness.seenAt} at ${other.witness.location}, position ${other.witness.head ?? 'none'}); ${ownSaw.en}. The data folder of another copy (a training, staging or drill copy) was put in place of this copy's.`,
    `位于 ${at} 的事件库旁的见证文件 ${other.path} 是本事件库另一个副本——${theirs.zh}——写下的（${officeInstantZh(other.witness.seenAt)}，见于 ${other.witness.location}，位置 ${other.witness.head ?? '无'}）；而${ownSaw.zh}。另一个副本（培训、测试或演练副本）的数据文件夹被放在了本副本的位置。`,
  );
}

/**
 * `otherCopyWords` in brief (no file names: the refusal a running server answers is read by its ADMIN, and its length is
 * bounded): which copy wrote the records and how far each copy saw the log.
 */
export function otherCopyBrief(found: OtherCopyWrites, copy: ThisCopy): Bilingual {
  const mine = thisCopyLabel(copy);
  const theirs = copyLabel(found.other.witness);
  return found.how === 'wrote-past'
    ? say(
        `it holds records ${theirs.en} wrote — that copy saw the log up to position ${found.other.witness.head}, this server, ${mine.en}, up to position ${found.own.witness.head ?? 'none'} — not this copy's records.`,
        `其中有${theirs.zh}写入的记录——该副本看到的日志到位置 ${found.other.witness.head}，本服务（${mine.zh}）看到的到位置 ${found.own.witness.head ?? '无'}——不是本副本的记录。`,
      )
    : say(`its witness is that of ${theirs.en}, not of this server's, ${mine.en}.`, `其见证文件属于${theirs.zh}，不属于本服务（${mine.zh}）。`);
}

/**
 * What the SQLite file now at `path` is, when another file was put there under the running server (renamed over the
 * file it holds, breaker41-9 P1 c): `findOtherCopyWrites` on it, judged against the witness beside the store (what this
 * server last wrote) and the copies beside the key. Read through a read-only connection of its own — only ever for a
 * file that is not the one this process holds (another inode), so that no lock of this process is dropped. Null when
 * it holds no other copy's records, or cannot be read (the refusal of the next start will say what it is).
 * @param keyFolder the folder of witness copies beside the key (`keyFolderWitnessFolder`), null where none is kept.
 */
export function otherCopyAtPath(path: string, copy: ThisCopy, witnessPath: string, keyFolder: string | null): OtherCopyWrites | null {
  let inspection: SqliteStoreInspection;
  try {
    inspection = new SqliteStoreInspection(path);
  } catch {
    return null;
  }
  try {
    const identity = inspection.identity();
    if (!identity) return null;
    let dataFolder: WitnessAt | null = null;
    try {
      const witness = readWitness(witnessPath);
      dataFolder = witness ? { witness, path: witnessPath } : null;
    } catch {
      dataFolder = null;
    }
    const { kept } = readKeyFolderWitnessesLeniently(keyFolder);
    return findOtherCopyWrites({ storeId: identity.storeId, head: inspection.headEvent()?.position ?? null, chainHashAt: (commit) => inspection.chainHashAt(commit) }, copy, dataFolder, kept);
  } catch {
    return null;
  } finally {
    inspection.close();
  }
}
