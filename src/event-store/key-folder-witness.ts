import { createHash } from 'node:crypto';
import { isPlace, realPlaceOf } from './store-place.js';
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { AppSettings } from '../config/app-settings.js';
import { databaseFolderHoldingKey, signingKeyPath } from '../ledger/ledger-signing-key.js';
import { say } from '../shared/domain-error.js';
import type { StoreIdentity } from './event-store.port.js';
import { judgeStore, readWitness, StoreRefusedError, type StoreWitness } from './store-witness.js';
import { SqliteStoreInspection } from './sqlite-store-inspection.js';
import { officeInstantZh } from '../shared/calendar-date.js';
import { resetOffers } from './reset-offers.js';

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

/**
 * The copy's file for one store at one place: `<storeId>.<12 hex digits of SHA-256 of the location>.witness.json`.
 * Copies of one store (a training copy, a restore test, a staging server sharing the office's key
 * folder) each keep their own, never overwriting the others' (breaker9c P2). Copies written before
 * (`<storeId>.witness.json`) are still read; their `location` says where they saw the store.
 * @param location the store's absolute path (SQLite) or host (EventStoreDB).
 */
export const keyFolderWitnessPath = (folder: string, storeId: string, location: string): string =>
  join(folder, `${storeId}.${createHash('sha256').update(location, 'utf8').digest('hex').slice(0, 12)}.witness.json`);

/**
 * Removes the copy of `storeId` written under the file name used before copies were kept per place
 * (`<storeId>.witness.json`) once the copy under its own name is written, when it was this place's
 * (or cannot be read, or carries no signature: a start accepted it with ACCEPT_STORE_RESET), so that
 * it is not judged, or refused, again. Another place's is left to that place's server.
 */
export function retireLegacyCopy(folder: string, storeId: string, location: string): void {
  const path = join(folder, `${storeId}.witness.json`);
  let witness: StoreWitness | null | undefined;
  try {
    witness = readWitness(path);
  } catch {
    witness = undefined;
  }
  if (witness === null) return;
  if (witness === undefined || !witness.signature || witness.location === location) rmSync(path, { force: true });
}

/**
 * The copy beside the key to judge the store at `location` by (then `newerWitness`), undefined when
 * none is: of this store's copies, those that saw it at this place, and those that saw it at a place
 * where no store file is any more (the installation moved, or its data folder deleted); the one that
 * saw the most. A copy of the same store at another place whose file is still there is another copy
 * of the store, with witnesses of its own: it is not judged by, nor does it judge, this one (P2).
 * EventStoreDB copies are judged by the store id alone (one store per server).
 * `servedAs` (SQLite: the path the start was given, absolute, links unresolved): a copy written while
 * that path named another file (`StoreWitness.servedAs`) is judged by too when it saw the path later
 * than this place's own copy did — a link re-pointed at an older copy of the store, or flipped back
 * to a file that lacks what was written since, is a restore (STORE_SHORTER until accepted), never a
 * silent start at what that file holds (breaker9l P3). A restore drill runs on another path.
 */
export function keptCopyFor(kept: readonly KeptWitness[], storeId: string, location: string, servedAs?: string, copyName?: string | null, beside?: StoreWitness | null): KeptWitness | undefined {
  return copiesJudging(kept, storeId, location, servedAs, copyName, beside).reduce<KeptWitness | undefined>((best, copy) => (best && newerWitness(best.witness, copy).fromKeyFolder === null ? best : copy), undefined);
}

/**
 * Every copy `keptCopyFor` chooses from for the store at `location` (same arguments): this place's
 * own, those of places whose file is gone (the installation moved) written under this start's
 * `copyName` (STORE_COPY_NAME, null when unset; undefined: not compared) or before copy names were
 * recorded — a copy of another name whose folder was deleted is a training or staging copy, not this
 * installation moved, and judges nothing (breaker9a P7: a deleted 培训 copy that saw more stopped 正式
 * as STORE_SHORTER) — and, by `servedAs`, those that saw the served path later than this place's own did. Places whose
 * file is gone judge nothing when the witness beside the store (`beside`) names this place (`whereFolderCameFrom`,
 * breaker46-9 S1: a drill under this copy's name, its folder deleted after its file was copied over this one, was taken
 * for this installation moved, and judged the start instead of this place's own record).
 */
export function copiesJudging(kept: readonly KeptWitness[], storeId: string, location: string, servedAs?: string, copyName?: string | null, beside?: StoreWitness | null): KeptWitness[] {
  // breaker49-9 S3: a copy written under another STORE_COPY_NAME — a drill (演练) run at this very place — is that copy's record,
  // not this one's (an unset name, here undefined too, is the unnamed copy's).
  const sameStore = kept.filter(({ witness }) => witness.storeId === storeId && !writtenUnderAnotherName(witness, copyName ?? null, beside));
  const ofThisCopy = (witness: StoreWitness) => copyName === undefined || witness.copyName === undefined || witness.copyName === copyName;
  const movedMaybe = mayHaveMoved(whereFolderCameFrom(beside, storeId, location));
  const candidates = sameStore.filter(({ witness }) => witness.kind !== 'sqlite' || isPlace(witness.location, location) || (movedMaybe && !existsSync(witness.location) && ofThisCopy(witness)));
  if (servedAs !== undefined) {
    const here = candidates.filter(({ witness }) => witness.kind === 'sqlite' && isPlace(witness.location, location));
    const lastHere = here.reduce((latest, { witness }) => Math.max(latest, Date.parse(witness.seenAt)), Number.NEGATIVE_INFINITY);
    for (const copy of sameStore) {
      const { witness } = copy;
      if (witness.kind === 'sqlite' && witness.servedAs === servedAs && !candidates.includes(copy) && Date.parse(witness.seenAt) > lastHere) candidates.push(copy);
    }
  }
  return candidates;
}

/**
 * breaker49-9 S3, S4: whether a witness (or a copy of one beside the key) was written by another copy of the store than the
 * one starting under `copyName` (STORE_COPY_NAME, null when unset; undefined: names not compared): it carries a copy name,
 * and another — a restore drill run as 演练 at production's own place overwrote production's copy there, and production's
 * own folder put back was refused STORE_SHORTER on the drill's head ("restore from a backup", which would lose production's
 * records). Not when the witness beside the store (`beside`) carries that name too: the copy renamed (正式 → 生产) is still
 * the one its witnesses saw. A witness without a name (unnamed, or written before names were kept) is anybody's, as before.
 */
export function writtenUnderAnotherName(witness: Pick<StoreWitness, 'copyName' | 'storeId'>, copyName: string | null | undefined, beside?: Pick<StoreWitness, 'copyName' | 'storeId'> | null): boolean {
  if (copyName === undefined || typeof witness.copyName !== 'string' || witness.copyName === copyName) return false;
  return !(beside && beside !== witness && beside.storeId === witness.storeId && beside.copyName === witness.copyName);
}

/**
 * breaker46-9 S1, S2: what the witness beside the store (`beside`, STORE_WITNESS_PATH) says of where this data folder was
 * last seen, for judging the witnesses of places whose store file is gone:
 * - `here`: it names this place — the installation's own record of this place. A witness of a place whose file is gone is
 *   then not this installation from before a move (a folder moved here brings its witness, which names the place it came
 *   from until the first start here rewrites it, with every writer and a head at least as far): it is another copy's — a
 *   drill run under this copy's name (a copied .env's 正式) whose folder was deleted after its file was copied over this
 *   one (S1: started `ready`, production's record at 237 lost, the drill's served as production's).
 * - `moved`: it names a place whose file is gone — the folder was moved here from there (and maybe back: S2), its witness
 *   with it; that place's witnesses are this installation's earlier records.
 * - `other-copy`: it names a place whose file is gone, but records that this place's file was there while it ran
 *   (`StoreWitness.otherFilesSeen`): another copy's data folder — a drill's run under this copy's name, its place since
 *   deleted — put in place of this one's, whole, witness included (breaker46-9 S1 V=a: started `ready` at the drill's head).
 *   Places whose file is gone judge nothing then, and the witness beside the store is not this copy's.
 * - `unknown`: no witness of this store, or one naming a place whose file is still there (another copy's folder put here,
 *   breaker42-9 F3), or another store's: judged as before.
 * @param place the store's real place (`realPlaceOf`).
 */
export function whereFolderCameFrom(beside: StoreWitness | null | undefined, storeId: string, place: string): FolderOrigin {
  if (!beside || beside.storeId !== storeId || beside.kind !== 'sqlite') return 'unknown';
  if (isPlace(beside.location, place)) return 'here';
  if (existsSync(beside.location)) return 'unknown';
  return beside.otherFilesSeen?.some((seen) => isPlace(seen, place)) ? 'other-copy' : 'moved';
}

/** What `whereFolderCameFrom` tells of the data folder at a place. */
export type FolderOrigin = 'here' | 'moved' | 'other-copy' | 'unknown';

/** Whether witnesses of places whose store file is gone may be this installation's own from before a move (`whereFolderCameFrom`). */
export const mayHaveMoved = (origin: FolderOrigin): boolean => origin === 'moved' || origin === 'unknown';

/**
 * breaker46-9 S1 (V=a): `StoreWitness.otherFilesSeen` for a start of store `storeId` at `place`: the places of this store's
 * other files there now — named by its witness copies beside the key, or by the witness beside the store (a folder copied
 * from there) — with those the witness beside the store recorded at this place before (at most `OTHER_FILES_KEPT`, newest
 * last). Each is checked on disk (a file there, same store id).
 */
export function otherFilesSeenAt(kept: readonly KeptWitness[], beside: StoreWitness | null | undefined, storeId: string, place: string): string[] {
  const named = [...kept.map(({ witness }) => witness), ...(beside ? [beside] : [])].filter((witness) => witness.storeId === storeId && witness.kind === 'sqlite' && !isPlace(witness.location, place));
  const there = [...new Set(named.map(({ location }) => realPlaceOf(location)))].filter((other) => other !== place && storeIdIn(other) === storeId);
  const before = beside && beside.storeId === storeId && isPlace(beside.location, place) ? (beside.otherFilesSeen ?? []) : [];
  return [...new Set([...before.filter((seen) => !there.includes(seen)), ...there])].slice(-OTHER_FILES_KEPT);
}

/** How many places `StoreWitness.otherFilesSeen` keeps. */
const OTHER_FILES_KEPT = 16;

/**
 * newcomer25 S6 (serious): an accepted reset must leave no witness copy that judges the next start
 * against what the operator accepted. The accepting start rewrites the witness beside the data, this
 * place's copy beside the key and the served-path copy; but a copy kept for the place the store was
 * moved from (its file gone) still saw more, and refused every later plain start — acceptance again
 * did not end it. Such copies, and any copy beside the key that could not be read (set aside by the
 * acceptance, refused again at the next start), are moved aside — renamed
 * `<name>.retired-<instant, colons as dashes>`, never deleted, so an audit still finds what they said —
 * once the accepting start has written its own. Returns the paths moved, each with its new name;
 * a copy that cannot be moved is left (the next start says so again) and reported as `failed`.
 * @param copies the copies to retire: `copiesJudging` minus the ones this start writes, plus unreadable ones.
 * @param acceptedAt the acceptance instant (ISO UTC), used in the new names.
 */
export function retireCopiesCoveredByReset(copies: readonly string[], acceptedAt: string): { readonly moved: readonly { from: string; to: string }[]; readonly failed: readonly { path: string; why: string }[] } {
  const moved: { from: string; to: string }[] = [];
  const failed: { path: string; why: string }[] = [];
  const stamp = acceptedAt.replace(/:/g, '-');
  for (const from of new Set(copies)) {
    const to = `${from}.retired-${stamp}`;
    try {
      renameSync(from, to);
      moved.push({ from, to });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') failed.push({ path: from, why: (error as Error).message });
    }
  }
  return { moved, failed };
}

/**
 * Like `readKeyFolderWitnesses`, but a copy that cannot be read (damaged, torn, unsigned) is listed in
 * `unreadable` instead of refusing: for a start that accepts the store as it is (ACCEPT_STORE_RESET).
 */
export function readKeyFolderWitnessesLeniently(folder: string | null): { kept: KeptWitness[]; unreadable: string[] } {
  const kept: KeptWitness[] = [];
  const unreadable: string[] = [];
  if (folder === null) return { kept, unreadable };
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return { kept, unreadable };
  }
  for (const name of names.filter((each) => each.endsWith('.witness.json'))) {
    const path = join(folder, name);
    try {
      const witness = readWitness(path);
      if (witness && !witness.signature) unreadable.push(path);
      else if (witness) kept.push({ path, witness });
    } catch {
      unreadable.push(path);
    }
  }
  return { kept, unreadable };
}

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
      // Only a signed copy is ever written (WitnessKeeper): one without a signature had it removed —
      // with the data folder's own, it would pass for an older version's witness (breaker9c N2).
      if (witness && !witness.signature) throw unsignedCopy(path);
      return witness ? [{ path, witness }] : [];
    });
}

function unsignedCopy(path: string): StoreRefusedError {
  return new StoreRefusedError(
    'STORE_WITNESS_DAMAGED',
    say(
      `The copy of the store witness beside the ledger signing key, ${path}, carries no signature, but the server only ever writes it signed: its signature was removed, and what it says cannot be trusted (rows deleted from the end of the log, hidden by witnesses edited back?). Restore the key folder's store-witnesses from a backup and run npm run ledger:verify. ${resetOffers.unsignedWitness.en}`,
      `与台账签名密钥存放在一起的事件库见证副本 ${path} 没有签名，而服务只会写入带签名的副本：其签名已被删除，内容不可信（是否删除了日志末尾的记录，并改回了见证文件？）。请从备份恢复密钥文件夹中的 store-witnesses，并进行台账校验（npm run ledger:verify）。${resetOffers.unsignedWitness.zh}`,
    ),
    undefined,
    [resetOffers.unsignedWitness],
  );
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
    ? say(`says position ${witnessed.head ?? 'none'} (seen ${witnessed.seenAt})`, `记载的位置是 ${witnessed.head ?? '无'}（${officeInstantZh(witnessed.seenAt)}）`)
    : say('is missing', '不存在');
  if (basename(dirname(kept.path)) === 'served-paths') {
    // The copy kept by the path the store is reached by (served-path-witness.ts, breaker9m P2).
    return new StoreRefusedError(
      refusal.reason,
      say(
        `${refusal.message} (Judged on the copy of the store witness kept for the path ${kept.witness.servedAs ?? kept.witness.location} outside the installation, ${kept.path}: it saw the store there at ${kept.witness.location}, and the witness in the data folder, ${witnessPath}, ${own.en} — a symbolic link on the path (the app folder, the data folder) re-pointed at an older copy of the installation?)`,
        `${refusal.messageZh}（以上依据的是按路径 ${kept.witness.servedAs ?? kept.witness.location} 保存在安装文件夹之外的事件库见证副本 ${kept.path}：它上次在 ${kept.witness.location} 看到该事件库，而数据文件夹中的见证文件 ${witnessPath} ${own.zh}——路径上的符号链接（程序文件夹或数据文件夹）是否被改指向较旧的安装副本？）`,
      ),
      refusal.otherCopyRows,
      refusal.resetOffers,
    );
  }
  // breaker56-9 M1: the copy is written at most once a second — what the server acknowledged in its last second may lie past
  // its head, and only the data folder's own witness (written before every answer) would have named it.
  return new StoreRefusedError(
    refusal.reason,
    say(
      `${refusal.message} (Judged on the copy of the store witness kept beside the ledger signing key, ${kept.path}: the witness in the data folder, ${witnessPath}, ${own.en} — the data folder, witness included, was restored from an older backup or rolled back? That copy is written at most once a second, the data folder's witness before every answer: writes acknowledged in the server's last second may lie past position ${kept.witness.head ?? 'none'} too. If the data folder's own witness was moved aside or copied over, put it back: it names the newest acknowledged position.)`,
      `${refusal.messageZh}（以上依据的是与台账签名密钥存放在一起的事件库见证副本 ${kept.path}：数据文件夹中的见证文件 ${witnessPath} ${own.zh}——数据文件夹（连同见证文件）是否被旧备份恢复或回滚？该副本至多每秒写入一次，而数据文件夹中的见证文件在每次答复之前写入：服务最后一秒内已确认的写入可能还在位置 ${kept.witness.head ?? '无'} 之后。若数据文件夹原有的见证文件被移走或覆盖，请把它放回：它记载着已确认写入的最新位置。）`,
    ),
    refusal.otherCopyRows,
    refusal.resetOffers,
  );
}

/** The store id of the SQLite file at `path`, read without changing it; null when there is none (no file, not a store, no id). */
function storeIdIn(path: string): string | null {
  if (!existsSync(path)) return null;
  try {
    const inspection = new SqliteStoreInspection(path);
    try {
      return inspection.identity()?.storeId ?? null;
    } finally {
      inspection.close();
    }
  } catch {
    return null;
  }
}

/**
 * The data folder's witness says a signed copy of it was kept beside the ledger signing key, but the
 * key's folder holds no such copy (breaker9c P3: the data folder restored from an older backup and
 * the copy deleted — or the keys folder cleaned, or restored from a backup older than the copy —
 * started silently older). When the witness names this place (`StoreWitness.keyCopy`), this place's
 * copy must be there, whatever copies of the store other places keep (breaker9d P3: an installation
 * once copied or moved, or sharing its key folder with a training copy, always has one); a witness
 * that names another place (carried here by a copy of the installation) or none (an older version's)
 * asks only for some copy of the store. Null when there is nothing to refuse.
 * @param folder the key folder's `store-witnesses`, null where no copy is kept (key in the data folder, in-memory store).
 * @param place the store's absolute path (SQLite) or host (EventStoreDB), as copies record it.
 */
export function judgeCopyMissing(witnessed: StoreWitness | null, storeId: string, kept: readonly KeptWitness[], folder: string | null, witnessPath: string, place: string): StoreRefusedError | null {
  if (folder === null || !witnessed?.keyCopy || witnessed.storeId !== storeId) return null;
  const thisPlace = witnessed.keyCopy === place || (typeof witnessed.keyCopy === 'string' && isPlace(witnessed.keyCopy, place));
  if (kept.some(({ witness }) => witness.storeId === storeId && (!thisPlace || isPlace(witness.location, place)))) return null;
  const others = kept.filter(({ witness }) => witness.storeId === storeId).map(({ witness }) => witness.location);
  const which = thisPlace
    ? say(
        `no copy of store ${storeId} for this place (${place}) there${others.length > 0 ? ` — only copies kept for other places (${others.join(', ')}), which say nothing of this one` : ''}`,
        `没有该事件库的副本（指本处 ${place} 的副本${others.length > 0 ? `；只有其他位置（${others.join('、')}）的副本，不能代表本处` : ''}）`,
      )
    : say(`no copy of store ${storeId} there`, '没有该事件库的副本');
  return new StoreRefusedError(
    'STORE_WITNESS_COPY_MISSING',
    say(
      `The store witness ${witnessPath} says a signed copy of it is kept beside the ledger signing key, in ${folder}, but there is ${which.en}: it was deleted, or the key's folder was restored from an older backup or moved without it. The copy is what tells a data folder restored from an older backup (witness included) from the store this server last saw, so the server does not start without it. Put the copy back (a backup of the key's folder, or the folder the key was moved from); if the key was moved, move its store-witnesses folder with it. ${resetOffers.keptCopyMissing.en}`,
      `事件库见证文件 ${witnessPath} 表明其签名副本存放在台账签名密钥旁的 ${folder} 中，但那里${which.zh}：副本被删除，或密钥文件夹被较早的备份恢复，或密钥被移走而副本未随之移动。只有该副本能区分“数据文件夹（连同见证文件）被旧备份恢复”与本服务上次看到的事件库，因此缺少它时服务不会启动。请放回副本（密钥文件夹的备份，或密钥原来所在的文件夹）；若密钥已移动，请把其 store-witnesses 文件夹一并移动。${resetOffers.keptCopyMissing.zh}`,
    ),
    undefined,
    [resetOffers.keptCopyMissing],
  );
}

/**
 * A start that would create a new SQLite store (its file is missing) while the key's folder holds
 * the witness copy of a store with events that this path most likely meant (breaker9b N6): one in the
 * same folder (a mistyped file name), or any when the new store's folder does not exist either (a
 * mistyped folder, relative paths from another working folder), or one whose file — same name, same
 * store id — lies in the new store's folder (breaker9c P4: an installation copied or moved to a new
 * folder, first started there with a mistyped file name). Null when there is none: a first install,
 * or a deliberate second store in a folder of its own.
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
  const meant = kept.flatMap(({ witness }) => {
    if (witness.kind !== 'sqlite' || witness.head === null || witness.location === path) return [];
    if (!folderExists || dirname(witness.location) === folder) return [{ ...witness, location: witness.location }];
    const moved = join(folder, basename(witness.location));
    return storeIdIn(moved) === witness.storeId ? [{ ...witness, location: moved }] : [];
  });
  if (meant.length === 0) return null;
  const stores = meant.map((witness) => `${witness.location} (store ${witness.storeId}, position ${witness.head}, seen ${witness.seenAt})`).join('; ');
  const storesZh = meant.map((witness) => `${witness.location}（事件库 ${witness.storeId}，位置 ${witness.head}，${officeInstantZh(witness.seenAt)}）`).join('；');
  return new StoreRefusedError(
    'STORE_NOT_FOUND',
    say(
      `SQLITE_PATH=${sqlitePath} names no event store (${path} does not exist), but the ledger signing key ${keyPath} vouches for ${stores}. A mistyped SQLITE_PATH, or a server started from another working folder? Set SQLITE_PATH to that store's file. ${resetOffers.newStore(path).en}`,
      `SQLITE_PATH=${sqlitePath} 指向的事件库不存在（${path} 不存在），而台账签名密钥 ${keyPath} 担保的是 ${storesZh}。是否 SQLITE_PATH 写错了，或服务是在别的工作目录下启动的？请将 SQLITE_PATH 设为该事件库的文件。${resetOffers.newStore(path).zh}`,
    ),
    undefined,
    [resetOffers.newStore(path)],
  );
}

/**
 * breaker53-9 S3: a store file that holds no event and that no witness of its own store judges (`witnessed` null: the data
 * folder deleted whole, witness and all, then an empty file at the path — `touch`, an sqlite3 open, `pragma journal_mode=wal`),
 * where the newest copy beside the key of this very place vouches for a store with events: refused as that store found empty
 * (STORE_EMPTY), judged on that copy — as the same path without a file is refused STORE_MISSING (`judgeAbsent`). It started
 * `ready` as a new store, with the demo. Null when the file holds events, a witness of its store judges it, or the newest
 * copy of this place saw no event (an empty store accepted there: nothing to lose).
 * @param found the file as read: where (`location` as configured, `place` its real path), its identity (storeId 'none': no
 *   id yet) and head (null: no event).
 * @param copyName STORE_COPY_NAME (null when unset): a copy written under another copy's name (a drill at this place) is not this one's record.
 */
export function judgeEmptyAtWitnessedPlace(
  found: { readonly location: string; readonly place: string; readonly identity: StoreIdentity; readonly head: bigint | null },
  witnessed: StoreWitness | null,
  kept: readonly KeptWitness[],
  witnessPath: string,
  copyName: string | null,
): StoreRefusedError | null {
  if (witnessed || found.head !== null) return null;
  const newest = kept
    .filter(({ witness }) => witness.kind === 'sqlite' && isPlace(witness.location, found.place) && !writtenUnderAnotherName(witness, copyName))
    .reduce<KeptWitness | null>((latest, each) => (latest && Date.parse(latest.witness.seenAt) >= Date.parse(each.witness.seenAt) ? latest : each), null);
  if (!newest || newest.witness.head === null) return null;
  const refusal = judgeStore(newest.witness, { existed: true, location: found.location, identity: found.identity, head: null });
  return refusal ? judgedOnKeptCopy(refusal, newest, null, witnessPath) : null;
}

/**
 * breaker49-9 S1: the witness beside the data (STORE_WITNESS_PATH) is gone, but this place's signed copy beside the key says
 * one was kept: the store is not judged on that copy alone. The copy is written at most once a second while the witness
 * beside the data moves before every answer, so a server killed, its witness then deleted and its -wal removed or cut back
 * at a commit at or after the copy's head — three files that look like a crash's leftovers — lost up to a second of
 * acknowledged writes, and the start was `ready` at the shorter head without a word. Null when there is nothing to refuse:
 * the witness is there, no copy of this copy (`writtenUnderAnotherName`) for this place is, or the store holds no event.
 * @param kept the copies beside the key (not the served-path copies); `place` the store's real place; `head` the file's.
 */
export function judgeWitnessGone(
  dataFolderWitness: StoreWitness | null,
  kept: readonly KeptWitness[],
  store: { readonly storeId: string; readonly location: string; readonly place: string; readonly head: bigint | null; readonly witnessPath: string; readonly copyName: string | null },
): StoreRefusedError | null {
  if (dataFolderWitness || store.head === null) return null;
  // breaker56-9 M1: the copy that saw the most (a legacy-named copy beside the per-place one may lag it), never the first listed.
  const here = kept
    .filter(({ witness }) => witness.storeId === store.storeId && witness.kind === 'sqlite' && witness.head !== null && isPlace(witness.location, store.place) && !writtenUnderAnotherName(witness, store.copyName))
    .reduce<KeptWitness | undefined>((best, each) => (best && BigInt(best.witness.head!) >= BigInt(each.witness.head!) ? best : each), undefined);
  if (!here) return null;
  const keptHead = BigInt(here.witness.head!);
  const from = (store.head > keptHead ? store.head : keptHead).toString();
  const offer = resetOffers.witnessGone;
  return new StoreRefusedError(
    'STORE_WITNESS_MISSING',
    say(
      `The store witness ${store.witnessPath} is missing, but its signed copy beside the ledger signing key, ${here.path}, says one was kept there (the copy saw store ${store.storeId} at position ${here.witness.head}, ${here.witness.seenAt}); the event store at ${store.location} holds events up to position ${store.head}. The copy is written at most once a second, the witness before every answer: without the witness this server cannot tell whether writes it acknowledged in its last second — after position ${from} — are missing (a server killed, then its witness deleted and its -wal removed or cut short as leftovers, loses them without a trace). Do not delete the -wal or -shm beside the store. If the witness was moved (STORE_WITNESS_PATH changed), put it back or set STORE_WITNESS_PATH to it; otherwise look for it and the -wal in a backup of the data folder, and run npm run ledger:verify. ${offer.en}`,
      `事件库见证文件 ${store.witnessPath} 不存在，但与台账签名密钥存放在一起的见证副本 ${here.path} 表明该处原有见证文件（副本看到的事件库位置为 ${here.witness.head}，${officeInstantZh(here.witness.seenAt)}）；位于 ${store.location} 的事件库现有事件至位置 ${store.head}。副本至多每秒写入一次，而见证文件在每次答复之前写入：没有见证文件，本服务无法判断最后一秒内已确认写入的操作（位置 ${from} 之后）是否缺失（服务被强行终止后，见证文件被删除、-wal 被删除或截短——看似崩溃残留的文件——这些操作便无声无息地丢失）。请勿删除事件库旁的 -wal 或 -shm 文件。若见证文件被移到别处（改了 STORE_WITNESS_PATH），请放回或把 STORE_WITNESS_PATH 设为该文件；否则请从数据文件夹的备份中找回它和 -wal，并进行台账校验（npm run ledger:verify）。${offer.zh}`,
    ),
    undefined,
    [offer],
  );
}

/**
 * breaker54-9 S1: the copy beside the key that saw another store at this very place, with events — the store this place held
 * before the one found there now, which no start of this build took as replaced. The data folder lost whole, an empty file put
 * at its path (STORE_EMPTY here), then one start of an older release made a new store there (the demo) and wrote its witness
 * beside it; this build then started `ready` on that store, the lost one's copy (head 236) unjudged. Judged as the witness
 * beside the store would be, had it named the lost store (STORE_REPLACED). Null when there is none: the copies of this place
 * are the found store's, saw no event, were written under another STORE_COPY_NAME (a drill run here), or were seen before the
 * found store was accepted here (`StoreWitness.resetAcceptedAt` of its own witness: an operator's --accept-store-reset took it
 * in their place). The newest such copy when there are several.
 * @param found the store as found: its id ('none': a file without an id, nothing to compare) and real place.
 * @param ownWitness the found store's own newest witness (beside the store, or its copy beside the key); null when none.
 * @param copyName STORE_COPY_NAME (null when unset).
 */
export function otherStoreSeenHere(kept: readonly KeptWitness[], found: { readonly storeId: string; readonly place: string }, ownWitness: StoreWitness | null, copyName: string | null): KeptWitness | null {
  if (found.storeId === 'none') return null;
  const acceptedAt = ownWitness?.storeId === found.storeId && ownWitness.resetAcceptedAt ? Date.parse(ownWitness.resetAcceptedAt) : Number.NEGATIVE_INFINITY;
  return kept
    .filter(
      ({ witness }) =>
        witness.kind === 'sqlite' &&
        witness.storeId !== found.storeId &&
        witness.head !== null &&
        isPlace(witness.location, found.place) &&
        !writtenUnderAnotherName(witness, copyName) &&
        Date.parse(witness.seenAt) > acceptedAt,
    )
    .reduce<KeptWitness | null>((latest, each) => (latest && Date.parse(latest.witness.seenAt) >= Date.parse(each.witness.seenAt) ? latest : each), null);
}

/**
 * The refusal for a store found where the copy beside the key saw another (`otherStoreSeenHere`): `replaced` (judgeStore's
 * STORE_REPLACED on that copy) with what tells it — the copy's file, and that the witness beside the store names the store
 * found, written by a start that did not judge the copy (an older release, run once on this place during a rollback).
 */
export function otherStoreHereRefusal(replaced: StoreRefusedError, copy: KeptWitness, found: { readonly storeId: string; readonly location: string }): StoreRefusedError {
  // The stores are named by their ids: an operator's start-up refusal, which must tell the two stores apart.
  const [lost, now] = [copy.witness.storeId, found.storeId];
  return new StoreRefusedError(
    replaced.reason,
    say(
      `${replaced.message} (Judged on the copy of the store witness kept beside the ledger signing key for this very place, ${copy.path}: it saw store ${copy.witness.storeId} at ${found.location} up to position ${copy.witness.head} (${copy.witness.seenAt}), and no start has accepted another store here since. Store ${found.storeId} was made or put here after that — by a start that did not judge that copy, such as an older release started once on this place while the data folder was lost or empty — and its own witness says nothing of the store before it. Look for that store's data folder or a copy of it first; do not take store ${found.storeId} for the office's ledger.)`,
      `${replaced.messageZh}（以上依据的是与台账签名密钥存放在一起、本位置专有的事件库见证副本 ${copy.path}：它在 ${found.location} 看到的是事件库 ${lost}，已确认写入至位置 ${copy.witness.head}（${officeInstantZh(copy.witness.seenAt)}），此后没有任何启动在此处接受过别的事件库。事件库 ${now} 是在那之后才被创建或放到这里的——由一次不核对该副本的启动造成，例如数据文件夹丢失或为空时，以旧版本启动了一次——其自身的见证文件对之前的事件库一无所知。请先找回原事件库的数据文件夹或其副本；不要把事件库 ${now} 当作本单位的台账。）`,
    ),
    replaced.otherCopyRows,
    replaced.resetOffers,
  );
}

/**
 * newcomer54-9 M13: the witness beside the store (`beside`) is another store's — another store id, naming another place —
 * while this office's copy beside the key (`here`, not under another STORE_COPY_NAME) saw the store found (`storeId`) at this
 * very place with events: another store's witness copied over this one's by mistake. The store was then called replaced,
 * then the key (that other store's key was named as "the key on record", and trusting it advised). Null otherwise: the store
 * found is the witness's own, the witness names this place (a store put where another was: STORE_REPLACED), or no copy here.
 */
export function foreignWitnessBeside(beside: StoreWitness | null, kept: readonly KeptWitness[], storeId: string, place: string, copyName: string | null): { readonly beside: StoreWitness; readonly here: KeptWitness } | null {
  if (!beside || storeId === 'none' || beside.storeId === storeId || beside.kind !== 'sqlite' || isPlace(beside.location, place)) return null;
  const here = kept
    .filter(({ witness }) => witness.storeId === storeId && witness.kind === 'sqlite' && witness.head !== null && isPlace(witness.location, place) && !writtenUnderAnotherName(witness, copyName))
    .reduce<KeptWitness | null>((latest, each) => (latest && Date.parse(latest.witness.seenAt) >= Date.parse(each.witness.seenAt) ? latest : each), null);
  return here ? { beside, here } : null;
}

/**
 * The refusal for a store whose witness beside it is another store's (`foreignWitnessBeside`): what the store was judged by
 * (`judged`: the copy beside the key, the witness gone — STORE_WITNESS_MISSING when the store reaches that copy) said as what
 * happened, with the ways on: put this store's own witness back, or accept once — and never trust the other store's key.
 */
export function foreignWitnessRefusal(judged: StoreRefusedError, beside: StoreWitness, here: KeptWitness, witnessPath: string, found: { readonly storeId: string; readonly location: string }): StoreRefusedError {
  const key = beside.signingKey ? say(`, signed by key ${beside.signingKey}`, `，由密钥 ${beside.signingKey} 签署`) : say('', '');
  // The stores are named by their ids: an operator's start-up refusal, which must tell the two stores apart.
  const [theirs, ours] = [beside.storeId, found.storeId];
  const what = say(
    `The store witness ${witnessPath} is another store's: it names store ${beside.storeId} at ${beside.location}${key.en}, not the event store at ${found.location}, which is store ${found.storeId} — the one the copy beside the ledger signing key, ${here.path}, saw at this very place up to position ${here.witness.head} (${here.witness.seenAt}). That witness was copied here by mistake (from another installation or copy); the store itself was not replaced. Do not restore a backup over the store, and do not add that other store's key to LEDGER_TRUSTED_KEYS: it is not this office's key for this store. Put this store's own witness back (from a backup of this data folder), or start once with --accept-store-reset — the store is judged on the copy beside the key, and the other store's witness is replaced by this store's.`,
    `事件库见证文件 ${witnessPath} 属于另一个事件库：它记载的是位于 ${beside.location} 的事件库 ${theirs}${key.zh}，而不是位于 ${found.location} 的事件库 ${ours}——与台账签名密钥存放在一起的见证副本 ${here.path} 正是在此处看到了这个事件库，已确认写入至位置 ${here.witness.head}（${officeInstantZh(here.witness.seenAt)}）。该见证文件是被误复制到这里的（来自另一套安装或副本）；事件库本身并没有被替换。请勿用备份覆盖事件库，也请勿把那个事件库的密钥列入 LEDGER_TRUSTED_KEYS：它不是本单位用于本事件库的密钥。请从本数据文件夹的备份放回本事件库自己的见证文件，或以 --accept-store-reset 启动一次——届时以密钥旁的见证副本核对事件库，另一个事件库的见证文件会被本事件库的取代。`,
  );
  if (judged.reason === 'STORE_WITNESS_MISSING') return new StoreRefusedError('STORE_WITNESS_MISSING', what, judged.otherCopyRows, judged.resetOffers);
  return new StoreRefusedError(judged.reason, say(`${judged.message} (Note: ${what.en})`, `${judged.messageZh}（说明：${what.zh}）`), judged.otherCopyRows, judged.resetOffers);
}
