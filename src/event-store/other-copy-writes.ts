import { existsSync } from 'node:fs';
import { dirname, isAbsolute } from 'node:path';
import { say, type Bilingual } from '../shared/domain-error.js';
import { officeInstantZh } from '../shared/calendar-date.js';
import { mayHaveMoved, readKeyFolderWitnessesLeniently, whereFolderCameFrom } from './key-folder-witness.js';
import { SqliteStoreInspection, type OtherWritersRows, type WriterRows } from './sqlite-store-inspection.js';
import { isPlace, realPlaceOf } from './store-place.js';
import { resetOffers } from './reset-offers.js';
import { readWitness, StoreRefusedError, type OtherCopyAcceptance, type StoreWitness } from './store-witness.js';

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
 * - `unknown-writers`: rows past this copy's own newest record are stamped with writer ids (`EventMetadata.writerId`) that
 *   none of this copy's witnesses recorded — another copy's processes wrote them (breaker42-9 F1, F5: told by the rows
 *   themselves, whatever witness that copy left, and however soon after its writes it was stopped); `copies` names, for
 *   each writer, the other copy whose witness lists it, where one is at hand;
 * - `wrote-past`: another copy's witness saw the log further than this copy's own newest record, and the file holds,
 *   at that position, the very event it saw (same chain hash): the events after this copy's record are that copy's;
 * - `other-copy-witness`: the witness beside the store is another copy's (its data folder put in place of this
 *   copy's), while this copy's own record is kept beside the key.
 */
export type OtherCopyWrites = (
  | {
      readonly how: 'wrote-past' | 'other-copy-witness';
      /** This copy's own newest record of the store. */
      readonly own: WitnessAt;
      /** The other copy's witness that shows it. */
      readonly other: WitnessAt;
      /** `other-copy-witness`: whether the file itself agrees with this copy's own record (its chain hash there), no other writer's rows past it — only the witness beside it is the other copy's (breaker42-9 F3). */
      readonly fileIsOwn?: boolean;
    }
  | {
      readonly how: 'unknown-writers';
      readonly own: WitnessAt;
      /** The rows, and each writer's. */
      readonly rows: OtherWritersRows;
      /** Each writer of `rows`, in order, with the other copy's witness that lists it (null: no witness of it at hand). */
      readonly copies: readonly { readonly rows: WriterRows; readonly other: WitnessAt | null }[];
      /** The other copy's witness of the first rows (`copies[0].other`), or of any of them. */
      readonly other: WitnessAt | null;
    }
) & {
  /**
   * breaker46-9 S1 (V=a): the witness beside the store when the whole data folder here is the other copy's — it names a place
   * whose file is gone and saw this place's file there while it ran (`whereFolderCameFrom` `other-copy`). Absent otherwise.
   */
  readonly folderPutHere?: WitnessAt;
};

/**
 * Whether the SQLite store found at start holds records another copy of it wrote after this copy's own newest
 * record (see `OtherCopyWrites`); null when it does not, or when nothing can tell:
 * - this copy has no record of its own of the store at this place (no witness of this store by it, beside the data or the
 *   key, for this place or for a place whose file is gone):
 *   a copy starting for the first time from another copy's files — a training copy made with store:backup, a restore
 *   drill — starts from that copy's log, which is what a copy point is;
 * - the store keeps no chain (`chainHashAt` undefined: EventStoreDB, whose servers are one copy).
 * Witnesses of other stores, and those written before copy names were recorded, are not judged; rows are judged by
 * their writer only where a witness of this copy lists its writers (`StoreWitness.writers`; not one an older version
 * wrote). Reads at most one chain hash per other copy's witness, and the rows past this copy's newest record.
 * @param found the store's id, its head position (commit part; null: empty), the chain hash at a position (null: no chained event there), and the rows past a position by writers not in a list.
 * @param copy the copy this server runs as (STORE_COPY_NAME, the store file's real place).
 * @param dataFolder the witness beside the store (STORE_WITNESS_PATH), null when there is none.
 * @param kept the witness copies beside the office's key (`readKeyFolderWitnesses`).
 */
export function findOtherCopyWrites(
  found: Parameters<typeof otherCopyWritesJudged>[0],
  copy: ThisCopy,
  dataFolder: WitnessAt | null,
  kept: readonly WitnessAt[],
): OtherCopyWrites | null {
  const judged = otherCopyWritesJudged(found, copy, dataFolder, kept);
  return judged && dataFolder && whereFolderCameFrom(dataFolder.witness, found.storeId, copy.place) === 'other-copy' ? { ...judged, folderPutHere: dataFolder } : judged;
}

/** `findOtherCopyWrites` but for `folderPutHere`. */
function otherCopyWritesJudged(
  found: {
    readonly storeId: string;
    readonly head: bigint | null;
    readonly chainHashAt?: (commit: bigint) => string | null;
    readonly rowsByOtherWriters?: (after: bigint, known: readonly string[], unstampedUnknown?: boolean) => OtherWritersRows | null;
  },
  copy: ThisCopy,
  dataFolder: WitnessAt | null,
  kept: readonly WitnessAt[],
): OtherCopyWrites | null {
  if (!found.chainHashAt) return null;
  const ofThisStore = [...(dataFolder ? [dataFolder] : []), ...kept].filter(({ witness }) => witness.storeId === found.storeId && witness.kind === 'sqlite');
  const headOf = ({ witness }: WitnessAt) => (witness.head === null ? -1n : BigInt(witness.head));
  // This copy's records of this place — or of a place whose file is gone: an installation moved keeps its name (a named copy
  // kept elsewhere whose file is still there, running a tool here under its name, is not this place's copy).
  // breaker46-9 S1, S2: not when the witness beside the store names this place (a copy under this copy's name whose folder was
  // deleted is then another copy: its folder never came here); and for the unnamed copy, known by its place, a place whose file
  // is gone is this copy's earlier place when the witness beside the store came from there (the folder moved here, or back).
  const cameFrom = whereFolderCameFrom(dataFolder?.witness, found.storeId, copy.place);
  // breaker46-9 S1 (V=a): nor when that witness names a place whose file is gone but saw this place's file while it ran: the
  // folder is that other copy's, put here whole (`other-copy`), and its witness no record of this copy's.
  const gone = (witness: StoreWitness) => mayHaveMoved(cameFrom) && !existsSync(witness.location);
  const here = ({ witness }: WitnessAt) => isPlace(witness.location, copy.place) || gone(witness);
  const mine = ({ witness }: WitnessAt) => writtenByCopy(witness, copy) === true || (cameFrom === 'moved' && copy.copyName === null && witness.copyName === null && gone(witness));
  const owns = ofThisStore.filter((each) => mine(each) && here(each));
  // A witness under this copy's name that names another place, by an absolute path, whose file is still there: that place's copy.
  const elsewhere = (each: WitnessAt) => isAbsolute(each.witness.location) && !here(each);
  const own = owns.reduce<WitnessAt | null>((newest, each) => (newest && headOf(newest) >= headOf(each) ? newest : each), null);
  if (!own) return null;
  const others = ofThisStore.filter((each) => writtenByCopy(each.witness, copy) === false && !mine(each));
  const fileHead = found.head ?? -1n;
  const wrotePast = others
    .filter((other) => {
      const { witness } = other;
      if (typeof witness.headHash !== 'string' || witness.head === null) return false;
      const at = BigInt(witness.head);
      return at > headOf(own) && at <= fileHead && found.chainHashAt!(at) === witness.headHash;
    })
    .reduce<WitnessAt | null>((furthest, each) => (furthest && headOf(furthest) >= headOf(each) ? furthest : each), null);
  // breaker42-9 F1, F5: the rows themselves, past this copy's newest record, by writers none of its witnesses recorded.
  const listing = owns.filter(({ witness }) => witness.writers !== undefined);
  // And the writers the witness beside the store lists when it carries this copy's name (an unnamed copy's written with a
  // relative SQLITE_PATH by a tool run from another folder names another place, breaker42-9): a writer of this copy is never
  // taken for another's for where its witness said the file was.
  // Not one that names, by an absolute path, another place whose file is still there (note44 issue 9 Left, breaker42-9 F2): a
  // copy run under this copy's name (a copied .env) at that place wrote it, and its data folder's witness, copied back with
  // its file, lists that copy's writers — this copy's record beside the key does not.
  const besideOwnName =
    dataFolder && dataFolder.witness.storeId === found.storeId && dataFolder.witness.copyName === copy.copyName && dataFolder.witness.writers && !elsewhere(dataFolder) ? [dataFolder] : [];
  const known = [...listing, ...besideOwnName].flatMap(({ witness }) => witness.writers!);
  // breaker43-9 K1: past this copy's newest record, every row it wrote carries a writer id (its witnesses list them, so it runs
  // a release that stamps); a row without one was written by the previous release — another copy run on it, or a rollback.
  const rows = listing.length > 0 && found.rowsByOtherWriters ? found.rowsByOtherWriters(headOf(own) < 0n ? 0n : headOf(own), known, true) : null;
  const told = (by: OtherWritersRows): OtherCopyWrites => {
    // Named by the witness that lists them: another copy's, or one under this copy's name kept at another place.
    const sameNameElsewhere = ofThisStore.filter((each) => writtenByCopy(each.witness, copy) === true && elsewhere(each));
    const copies = by.writers.map((writer) => ({ rows: writer, other: listedBy(writer.writerId, [...others, ...sameNameElsewhere]) }));
    return { how: 'unknown-writers', own, rows: by, copies, other: copies[0]!.other ?? copies.find((each) => each.other)?.other ?? wrotePast };
  };
  const ownHolds = own.witness.head === null || typeof own.witness.headHash !== 'string' || found.chainHashAt(BigInt(own.witness.head)) === own.witness.headHash;
  // newcomer46-9 S2: where the file no longer holds the event this copy last saw, the other copy's rows begin before it (a
  // drill copy made from an older backup wrote from the position after the backup): counted from the start, not only past
  // this copy's record — 「1 条记录，位置 237」 was said of a drill that wrote 235–237 over production's own 235–236.
  // breaker49-9 S5: but never from before the furthest head one of this copy's own witnesses saw and the file still holds (the
  // chain hash there covers every row before it): those rows are this copy's whatever writer ids its witnesses list now — an
  // older release rewrote the witnesses without `writers`, and the store's own newest store:backup (its witness with it) was
  // then refused as "another copy's 234 records".
  const vouched = owns
    .filter(({ witness }) => witness.head !== null && typeof witness.headHash === 'string' && found.chainHashAt!(BigInt(witness.head)) === witness.headHash)
    .reduce((furthest, each) => (headOf(each) > furthest ? headOf(each) : furthest), 0n);
  const anywhere = !ownHolds && listing.length > 0 && found.rowsByOtherWriters ? found.rowsByOtherWriters(vouched, known) : null;
  if (anywhere && anywhere.writers.some((writer) => writer.writerId !== null) && (!rows || anywhere.first < rows.first)) return told(anywhere);
  if (rows) return told(rows);
  // breaker42-9 F4: the file does not hold the event this copy last saw (another history: STORE_REWRITTEN as judged alone),
  // and rows in it were written by another copy whose witness is at hand — the other copy's file put back after this copy
  // wrote on: said as that copy's, not as this copy's history rewritten (which sent the operator to a backup).
  // newcomer45-9 S1: or shorter (STORE_SHORTER as judged alone: "events missing", and the reset it offered took the other
  // copy's record silently) — and whether or not the other copy's witness is at hand, whatever name it ran under (a restore
  // drill that inherited .env's 正式): a row stamped by a writer none of this copy's witnesses ever recorded is not this
  // copy's. Rows without a writer id (an older release's) are not judged here (breaker43-9 K1).
  if (anywhere && anywhere.writers.some((writer) => writer.writerId !== null)) return told(anywhere);
  if (wrotePast) return { how: 'wrote-past', own, other: wrotePast };
  if (dataFolder && dataFolder.witness.storeId === found.storeId && writtenByCopy(dataFolder.witness, copy) === false && !mine(dataFolder)) {
    const ownHash = own.witness.head === null ? null : found.chainHashAt(BigInt(own.witness.head));
    // Told apart for sure only by another name, or by an absolute place (an unnamed copy's witness written with a relative
    // SQLITE_PATH — a tool run from another folder — names no place this process can compare: judged last, as before).
    const surelyOther = dataFolder.witness.copyName !== copy.copyName || isAbsolute(dataFolder.witness.location);
    const fileIsOwn = surelyOther && own !== dataFolder && headOf(own) <= fileHead && (own.witness.head === null || ownHash === (own.witness.headHash ?? ownHash));
    return { how: 'other-copy-witness', own, other: dataFolder, fileIsOwn };
  }
  return null;
}

/**
 * Of other copies' witnesses, the one that lists the writer id as most recently its own (the fewest writers after it: a
 * copy of a copy carries the ids of the copy it was made from, and adds its own after them); null when none lists it.
 */
function listedBy(writerId: string | null, others: readonly WitnessAt[]): WitnessAt | null {
  if (writerId === null) return null;
  let best: { at: WitnessAt; after: number } | null = null;
  for (const other of others) {
    const index = other.witness.writers?.lastIndexOf(writerId) ?? -1;
    if (index < 0) continue;
    const after = other.witness.writers!.length - 1 - index;
    if (!best || after < best.after) best = { at: other, after };
  }
  return best?.at ?? null;
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

/** How to take the other copy's records deliberately (ACCEPT_STORE_RESET, honoured by one start). */
const ACCEPT_OTHER_COPY = resetOffers.otherCopy;

/** What to do about it, and how to take the other copy's records deliberately. */
const WHAT_TO_DO = say(
  `Put this copy's own store back (the file that the other copy's file replaced, or this copy's newest store:backup with its witness), and keep the other copy's files apart. ${ACCEPT_OTHER_COPY.en}`,
  `请放回本副本自己的事件库（被另一副本的文件替换下来的那个文件，或本副本最新的 store:backup 备份及其见证文件），并把另一副本的文件另行保存。${ACCEPT_OTHER_COPY.zh}`,
);

/**
 * breaker46-9 S1 (V=a): the whole data folder here is the other copy's (`OtherCopyWrites.folderPutHere`) — said, and what to
 * do: this copy's own folder back (or its newest backup), the other copy's folder kept apart; never "a backup restored or
 * rolled back" nor "moved away and back".
 */
function folderPutHereWords(at: string, folder: WitnessAt, own: WitnessAt, copy: ThisCopy): Bilingual {
  const dir = dirname(at);
  const from = folder.witness.location;
  const sameName = folder.witness.copyName !== undefined && folder.witness.copyName === copy.copyName;
  const whose = sameName ? say("a drill's or a training copy's, run under this copy's name", '演练或培训副本，沿用了本副本的名称运行') : say("a drill's or a training copy's", '演练或培训副本');
  return say(
    `The data folder ${dir}, its witness included, is that copy's: its witness (${folder.path}) was written at ${from}, where no store file is now, and records that this copy's file at ${copy.place} was there while that copy ran — another copy's folder (${whose.en}) put in place of this copy's, not this installation's folder moved away and back. Put this copy's own data folder back at ${dir} (the folder this one replaced; if it was deleted, this copy's newest store:backup with its witness — what this copy recorded after that backup, up to position ${own.witness.head ?? 'none'}, is then missing, and the next start says so), and keep this folder apart (back at ${dirname(from)} if the drill is still needed). ${ACCEPT_OTHER_COPY.en}`,
    `数据文件夹 ${dir}（连同其见证文件）是该副本的：其见证文件（${folder.path}）写于 ${from}（该处现已没有事件库文件），并记有该副本运行时本副本的文件 ${copy.place} 就在原处——这是另一个副本（${whose.zh}）的数据文件夹被放到了本副本的位置，并不是本安装的数据文件夹被移走后又移回。请把本副本自己的数据文件夹放回 ${dir}（被此文件夹替换下来的那个；若已删除，则放回本副本最新的 store:backup 备份及其见证文件——该备份之后本副本记下的、直到位置 ${own.witness.head ?? '无'} 的记录届时缺失，下次启动会如实指出），并把此文件夹另行保存（若仍需演练，放回 ${dirname(from)}）。${ACCEPT_OTHER_COPY.zh}`,
  );
}

/**
 * The refusal `STORE_FROM_OTHER_COPY` of a start (or tool) on a store holding another copy's records (`findOtherCopyWrites`),
 * naming both copies, what each saw, and the way to accept it deliberately.
 * @param at the store file opened (SQLITE_PATH), named in the refusal.
 */
export function otherCopyRefusal(at: string, found: OtherCopyWrites, copy: ThisCopy): StoreRefusedError {
  const words = otherCopyWords(at, found, copy);
  const todo = found.folderPutHere
    ? folderPutHereWords(at, found.folderPutHere, found.own, copy)
    : found.how === 'other-copy-witness' && found.fileIsOwn
      ? witnessOnlyToDo(found.other.path, found.own.path)
      : WHAT_TO_DO;
  const rollback = found.how === 'unknown-writers' && found.rows.writers.some((writer) => writer.writerId === null) ? ROLLBACK_TO_DO : null;
  // The witness alone another copy's: nothing to accept (witnessOnlyToDo offers no reset).
  const offers = [...(todo === WHAT_TO_DO || found.folderPutHere ? [ACCEPT_OTHER_COPY] : []), ...(rollback ? [rollback] : [])];
  return new StoreRefusedError('STORE_FROM_OTHER_COPY', say(`${words.en} ${todo.en}${rollback ? ` ${rollback.en}` : ''}`, `${words.zh}${todo.zh}${rollback?.zh ?? ''}`), otherCopyRowsOf(found), offers);
}

/** The positions of the other copy's records `findOtherCopyWrites` found; undefined when only the witness beside the store is the other copy's. */
export function otherCopyRowsOf(found: OtherCopyWrites): { first: bigint; last: bigint } | undefined {
  if (found.how === 'unknown-writers') return { first: found.rows.first, last: found.rows.last };
  if (found.how === 'wrote-past') return { first: BigInt(found.own.witness.head ?? '0') + 1n, last: BigInt(found.other.witness.head!) };
  return undefined;
}

/** What to do when only the witness beside the store is another copy's (breaker42-9 F3): move it aside, nothing is to be restored. */
const witnessOnlyToDo = (foreign: string, own: string): Bilingual =>
  say(
    `Do not restore anything from a backup: move ${foreign} aside (keep it with the other copy's files; put this copy's own witness back there if you have it) and start again — the copy beside the key, ${own}, is this copy's and agrees with the store.`,
    `请勿从备份恢复任何内容：把 ${foreign} 移开（与另一副本的文件放在一起保存；若有本副本自己的见证文件，可放回原处），然后重新启动——与密钥存放在一起的副本 ${own} 属于本副本，且与事件库一致。`,
  );

/** A span of positions as said: `4` or `4–7`. */
const span = (first: bigint, last: bigint): string => (first === last ? String(first) : `${first}–${last}`);

/**
 * breaker43-9 K3: the writers of `findOtherCopyWrites`'s rows, one entry per copy — the writers one other copy's witness
 * lists (its server and its tools) together, those no witness at hand lists together, the rows without a writer id on
 * their own — in the order of each one's first row.
 */
function copiesOf(copies: readonly { readonly rows: WriterRows; readonly other: WitnessAt | null }[]): { writers: WriterRows[]; other: WitnessAt | null }[] {
  const entries: { writers: WriterRows[]; other: WitnessAt | null; unstamped: boolean }[] = [];
  for (const { rows, other } of copies) {
    const unstamped = rows.writerId === null;
    const entry = entries.find((each) => each.unstamped === unstamped && (unstamped || sameCopy(each.other, other)));
    if (entry) entry.writers.push(rows);
    else entries.push({ writers: [rows], other, unstamped });
  }
  return entries.map(({ writers, other }) => ({ writers, other }));
}

/** Whether two witnesses (null: none at hand) are of one copy: the same name and place (its data folder's witness, or its copy beside the key). */
const sameCopy = (a: WitnessAt | null, b: WitnessAt | null): boolean =>
  a === null || b === null
    ? a === b
    : a.witness.copyName === b.witness.copyName && (isPlace(a.witness.location, realPlaceOf(b.witness.location)) || isPlace(b.witness.location, realPlaceOf(a.witness.location)));

/**
 * breaker43-9 K1: rows past this copy's record that carry no writer id, said — written by a release before writer ids were
 * kept: another copy run on it (a training copy on the previous release taken back), or this copy rolled back to it.
 */
const unstampedRowsWords = (rows: WriterRows): Bilingual =>
  say(
    `positions ${span(rows.first, rows.last)} (${rows.count} event${rows.count === 1 ? '' : 's'}) carrying no writer id — written by a Rectify release from before writer ids were kept (the previous release or older): another copy run on it, or this copy run on it again (a rollback)`,
    `位置 ${span(rows.first, rows.last)}（${rows.count} 条事件）没有写入进程标记——由不记录写入进程的旧版 Rectify（上一版本或更早）写入：可能是在旧版上运行的另一副本，也可能是本副本回退到旧版后运行`,
  );

/** What to do when some of the rows carry no writer id (breaker43-9 K1): a deliberate rollback is accepted once. */
const ROLLBACK_TO_DO = resetOffers.rollback;

/**
 * newcomer46-9 S2: this copy's own records that the file no longer holds — the other copy's rows begin at or before the
 * position this copy last saw (a drill made from an older backup, copied back after production wrote on), so production's
 * acknowledged records from there up to its own head are not in the file: said, so that accepting the file is not taken
 * blindly. Empty words when the other copy's rows all lie past this copy's record.
 */
function ownRecordsMissing(found: Extract<OtherCopyWrites, { how: 'unknown-writers' }>): Bilingual {
  const head = found.own.witness.head === null ? null : BigInt(found.own.witness.head);
  if (head === null || found.rows.first > head) return say('', '');
  const count = head - found.rows.first + 1n;
  const where = span(found.rows.first, head);
  return say(
    ` This copy's own record${count === 1n ? '' : 's'} at position${count === 1n ? '' : 's'} ${where} (${count}, acknowledged to the users who made them) ${count === 1n ? 'is' : 'are'} not in this file: the other copy's records stand in their place — accepting this file (--accept-store-reset) would lose ${count === 1n ? 'it' : 'them'}.`,
    `本副本自己已确认的位置 ${where} 的 ${count} 条记录不在此文件中：该处现为另一副本的记录——若以 --accept-store-reset 接受此文件，这 ${count} 条记录将丢失。`,
  );
}

/** What `findOtherCopyWrites` found, said (without what to do): for a refusal at start, `ledger:verify` and /health. */
export function otherCopyWords(at: string, found: OtherCopyWrites, copy: ThisCopy): Bilingual {
  const { own } = found;
  const mine = thisCopyLabel(copy);
  const ownSaw = say(
    `this server runs as ${mine.en}, whose own record (${own.path}) last saw the store at position ${own.witness.head ?? 'none'} (${own.witness.seenAt})`,
    `本服务运行为${mine.zh}，本副本自己的记录（${own.path}）上次看到的事件库位置是 ${own.witness.head ?? '无'}（${officeInstantZh(own.witness.seenAt)}）`,
  );
  if (found.how === 'unknown-writers') {
    const { rows } = found;
    const whose = copiesOf(found.copies).map(({ writers, other }) => {
      if (writers[0]!.writerId === null) return unstampedRowsWords(writers[0]!);
      const theirs = other ? copyLabel(other.witness) : say('a copy whose witness is not at hand here', '一个其见证文件不在此处的副本');
      const one = writers.length === 1;
      const where = other
        ? say(` (its witness ${other.path}, seen ${other.witness.seenAt} at ${other.witness.location}, lists ${one ? 'that writer' : 'those writers'})`, `（其见证文件 ${other.path}，${officeInstantZh(other.witness.seenAt)}，见于 ${other.witness.location}，记有${one ? '该' : '这些'}写入进程）`)
        : say('', '');
      const first = writers.reduce((min, each) => (each.first < min ? each.first : min), writers[0]!.first);
      const last = writers.reduce((max, each) => (each.last > max ? each.last : max), writers[0]!.last);
      const count = writers.reduce((sum, each) => sum + each.count, 0);
      const ids = writers.map((each) => each.writerId).join(', ');
      return say(
        `positions ${span(first, last)} (${count} event${count === 1 ? '' : 's'}) by ${one ? `writer ${ids}` : `${writers.length} writers (${ids}: its server and tools)`} of ${theirs.en}${where.en}`,
        `位置 ${span(first, last)}（${count} 条事件）由${theirs.zh}的${one ? '' : ` ${writers.length} 个`}写入进程写入${one ? '' : '（其服务与命令行工具）'}${where.zh}`,
      );
    });
    const unstamped = rows.writers.some((writer) => writer.writerId === null);
    const how = unstamped
      ? say(
          'every row this copy writes names the process that wrote it, and these name none, or a process no witness of this copy ever recorded',
          '本副本写入的每条记录都记有写入它的进程，而这些记录没有写入进程标记，或所记的写入进程本副本的见证文件从未记有',
        )
      : say('each row names the process that wrote it, and no witness of this copy ever recorded these writers', '每条记录都记有写入它的进程，而本副本的见证文件从未记有这些写入进程');
    const lost = ownRecordsMissing(found);
    return say(
      `The event store at ${at} holds ${rows.count} record${rows.count === 1 ? '' : 's'} written by another copy of this store, at positions ${span(rows.first, rows.last)}: ${how.en} — ${whose.map((each) => each.en).join('; ')}; ${ownSaw.en}. They are another copy's — a training, staging or drill copy made from this store and then put in its place (its file, or its -wal beside this file, copied back; its data folder put here) — not this copy's records.${lost.en}`,
      `位于 ${at} 的事件库中有本事件库另一个副本写入的 ${rows.count} 条记录，位置 ${span(rows.first, rows.last)}：${how.zh}——${whose.map((each) => each.zh).join('；')}；而${ownSaw.zh}。这些是另一个副本的记录——用本事件库复制出的培训、测试或演练副本，后来被放到了本处（其文件或其 -wal 文件被复制回本文件旁，或其数据文件夹被放在了这里）——不是本副本的记录。${lost.zh}`,
    );
  }
  const { other } = found;
  const theirs = copyLabel(other.witness);
  if (found.how === 'wrote-past') {
    const from = BigInt(own.witness.head ?? '0') + 1n;
    const upTo = other.witness.head!;
    const range = String(from) === upTo ? upTo : `${from}–${upTo}`;
    return say(
      `The event store at ${at} holds records written by another copy of this store: ${theirs.en} saw its log up to position ${upTo} (its witness ${other.path}, seen ${other.witness.seenAt} at ${other.witness.location}), and the event at that position in this file is the one it saw (chain hash ${other.witness.headHash}); ${ownSaw.en}. The events at positions ${range} are that copy's — a training, staging or drill copy made from this store and then put in its place (copied back over the file, renamed over it, or its data folder put here) — not this copy's records.`,
      `位于 ${at} 的事件库中有本事件库另一个副本写入的记录：${theirs.zh}的见证文件（${other.path}，${officeInstantZh(other.witness.seenAt)}，见于 ${other.witness.location}）记载其日志曾到位置 ${upTo}，本文件中该位置的事件正是它看到的那一个（哈希链校验值相同）；而${ownSaw.zh}。位置 ${range} 的事件是该副本写入的——这是用本事件库复制出的培训、测试或演练副本，后来被放到了本处（复制回来覆盖了文件、改名替换了文件，或把其数据文件夹放在了这里）——不是本副本的记录。`,
    );
  }
  if (found.fileIsOwn) {
    // breaker42-9 F3: only the witness is the other copy's; the file agrees with this copy's own record.
    return say(
      `The store witness beside the event store at ${at}, ${other.path}, was written by another copy of this store, ${theirs.en} (seen ${other.witness.seenAt} at ${other.witness.location}, position ${other.witness.head ?? 'none'}); ${ownSaw.en}, and the event store itself agrees with that record (the same event at position ${own.witness.head ?? 'none'}, no other copy's rows after it): only the witness file was put here from the other copy's data folder — nothing of this copy's records is lost.`,
      `位于 ${at} 的事件库旁的见证文件 ${other.path} 是本事件库另一个副本——${theirs.zh}——写下的（${officeInstantZh(other.witness.seenAt)}，见于 ${other.witness.location}，位置 ${other.witness.head ?? '无'}）；而${ownSaw.zh}，且事件库本身与该记录一致（位置 ${own.witness.head ?? '无'} 是同一条事件，其后没有其他副本的记录）：只是见证文件从另一副本的数据文件夹被放到了这里——本副本的记录没有丢失。`,
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
  if (found.how === 'unknown-writers') {
    const theirs = found.other ? copyLabel(found.other.witness) : say('another copy of this store', '本事件库的另一个副本');
    const lost = ownRecordsMissing(found);
    return say(
      `it holds records ${theirs.en} wrote — ${found.rows.count} at positions ${span(found.rows.first, found.rows.last)}, under writers no witness of this server, ${mine.en}, recorded — not this copy's records.${lost.en}`,
      `其中有${theirs.zh}写入的记录——位置 ${span(found.rows.first, found.rows.last)} 共 ${found.rows.count} 条，其写入进程本服务（${mine.zh}）的见证文件从未记有——不是本副本的记录。${lost.zh}`,
    );
  }
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
    return findOtherCopyWrites(
      { storeId: identity.storeId, head: inspection.headEvent()?.position ?? null, chainHashAt: (commit) => inspection.chainHashAt(commit), rowsByOtherWriters: (after, known, unstamped) => inspection.rowsByOtherWriters(after, known, unstamped) },
      copy,
      dataFolder,
      kept,
    );
  } catch {
    return null;
  } finally {
    inspection.close();
  }
}

/**
 * What `ledger:verify` says of another copy's records a start accepted (`StoreWitness.otherCopyAccepted`): their positions,
 * when and how they were accepted. Both languages; the instant in the office's time (Chinese) and ISO-8601 (English).
 */
export function otherCopyAcceptanceWords(accepted: OtherCopyAcceptance): Bilingual {
  const span = accepted.from === accepted.upTo ? accepted.from : `${accepted.from}–${accepted.upTo}`;
  return say(
    `Accepted (--accept-store-reset, ${accepted.at}): the events at position${accepted.from === accepted.upTo ? '' : 's'} ${span} were written by another copy of this store (a training, staging or drill copy) and were taken as this copy's records by the start that accepted them.`,
    `已接受（--accept-store-reset，${officeInstantZh(accepted.at)}）：位置 ${span} 的事件由本事件库的另一个副本（培训、测试或演练副本）写入，接受该事件库的那次启动已将其作为本副本的记录。`,
  );
}
