import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, rmdirSync, statSync } from 'node:fs';
import { freeFolderBeside, shellWord } from './backup-folder.js';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { loadEnvFile, validateSettings, type AppSettings } from '../config/app-settings.js';
import { quickCheckOffThread } from '../event-store/sqlite-quick-check.js';
import { diskFullOf } from '../event-store/disk-full.js';
import { walBreakOnDisk } from '../event-store/wal-file-mark.js';
import { SqliteStoreInspection } from '../event-store/sqlite-store-inspection.js';
import { judgeToolStore } from '../event-store/store-admission.js';
import { StoreRefusedError } from '../event-store/store-witness.js';
import { say, type Bilingual } from '../shared/domain-error.js';
import type { LedgerMismatch } from '../ledger/domain/ledger-verification.js';
import { verifyLedger } from '../ledger/ledger-operations.js';
import { SqliteLedger } from '../ledger/sqlite-ledger.js';
import { sealCheckOf, trustedKeysOf, witnessOfThisStore } from './ledger-keys-at-hand.js';
import { ToolRefusal, UsageError, bothLines, runTool, type ToolUsage } from './cli-failure.js';

/*
 * breaker9i P2: every refusal says "restore the store from a backup", and nothing said how to take
 * one. A copy of a live store's `.db` and `-wal` made with `cp` is consistent only by luck (a `-wal`
 * written between the two copies, or the files listed in another order); SQLite's online backup
 * copies one consistent state of the database, whatever the server writes meanwhile.
 */

const USAGE: ToolUsage = {
  zh: `用法：npm run store:backup -- [--copy-refused-store] <备份文件夹>
把配置的 SQLite 事件库（SQLITE_PATH）备份到一个新的或空的文件夹：先像服务启动时一样把事件库与见证文件核对
（服务会拒绝的事件库——比见证记载的短、被替换、历史不同——不备份，除非加 --copy-refused-store），再复制事件库见证文件，
然后用 SQLite 的在线备份复制数据库的一个一致状态（服务可以同时运行并写入），最后用 PRAGMA quick_check 检查备份。
签名密钥（keys 文件夹）不在其中：请另行备份，不要与数据放在一起。已有同名文件时拒绝，从不覆盖。
退出状态：0 已备份，1 被拒绝或失败，2 用法有误。`,
  en: `Usage: npm run store:backup -- [--copy-refused-store] <backup folder>
Backs the configured SQLite event store (SQLITE_PATH) up into a new or empty folder: the store is first
judged against its witness as a server's start judges it (a store the server refuses — shorter than
witnessed, replaced, another history — is not backed up unless --copy-refused-store is given), then the
store witness is copied, then one consistent state of the database through SQLite's online backup (the
server may be running and writing), then PRAGMA quick_check of the copy. The signing key (the keys
folder) is not in it: back it up separately, never beside the data. Refused where a file of that name
exists: never overwrites.
Exit status: 0 backed up, 1 refused or failed, 2 usage.`,
};

function parseOptions(argv: string[]): { folder: string; copyRefusedStore: boolean } {
  const { values, positionals } = parseArgs({ args: argv, options: { help: { type: 'boolean' }, 'copy-refused-store': { type: 'boolean' } }, allowPositionals: true, strict: true });
  if (values.help) throw new UsageError();
  if (positionals.length !== 1) throw new UsageError(say('Give exactly one folder to back the store up into.', '请给出且只给出一个备份文件夹。'));
  // `npm run` starts in the project folder; a relative path means where the operator typed it.
  return { folder: resolve(process.env.INIT_CWD ?? process.cwd(), positionals[0]!), copyRefusedStore: values['copy-refused-store'] === true };
}

/**
 * breaker9s P4: a store that lost acknowledged events (shorter than its witness says), was replaced, or
 * has another history, was backed up with 「PRAGMA quick_check 通过」 and exit 0 — a backup that looks
 * sound of a store the server refuses. Judged as a server's start judges it (`judgeToolStore`, read
 * only: nothing written); a refusal is the tool's, Chinese first, with the server's words (the head it
 * expected and the head found), unless `copyRefusedStore`: then the refusal is returned, to be said
 * beside the copy made. @throws ToolRefusal the refusal, nothing made.
 */
async function judgeBeforeCopying(settings: AppSettings, copyRefusedStore: boolean): Promise<StoreRefusedError | null> {
  try {
    const release = await judgeToolStore(settings, { readOnly: true });
    release();
    return null;
  } catch (error) {
    if (!(error instanceof StoreRefusedError)) throw error;
    if (copyRefusedStore) return error;
    throw new ToolRefusal(
      say(
        `Not backed up (${error.reason}): ${error.message} A backup of it would look sound (PRAGMA quick_check passes) while holding less than, or other than, what was acknowledged; keep the earlier backups. To keep a copy of the store as it is all the same (before an operator accepts it, say), run again with --copy-refused-store: the copy is made and this refusal said beside it.`,
        `未备份（${error.reason}）：${error.messageZh}这样的备份虽能通过 PRAGMA quick_check，所含内容却少于或不同于已确认写入的内容；请保留此前的备份。若仍要保留事件库现状的副本（例如在接受恢复之前），请加 --copy-refused-store 重新运行：将照常复制，并在结果中注明此拒绝。`,
      ),
    );
  }
}


/**
 * The files a failed backup wrote (`path` and SQLite's `-journal`, `-wal`, `-shm` beside it), removed; the folders it
 * created (the backup folder and any parent `mkdir -p` made for it, deepest first), each removed when left empty
 * (breaker9r P3: a failed backup into /mnt/usb/备份/2026/12-03 left 备份/2026 behind). Never throws.
 */
function removePartial(files: readonly string[], createdFolders: readonly string[]): void {
  for (const path of files.flatMap((file) => [file, `${file}-journal`, `${file}-wal`, `${file}-shm`])) {
    try {
      rmSync(path, { force: true });
    } catch {
      // Nothing more can be done here; the failure itself is what the operator is told.
    }
  }
  for (const created of createdFolders) {
    try {
      if (readdirSync(created).length > 0) return;
      rmdirSync(created);
    } catch {
      // As above.
      return;
    }
  }
}

/** A hidden partial file a backup run writes (`.<name>.partial-<pid>`, with SQLite's `-journal`, `-wal`, `-shm` beside it): the run's pid. */
const PARTIAL_NAME = /^\..+\.partial-(\d+)(?:-journal|-wal|-shm)?$/;

/** Whether a process `pid` is alive (one of another user counts as alive: it may still be writing). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * breaker56-9 M2: the hidden partial files an earlier run left in `folder` when it was killed midway (`kill -9`, an OOM
 * kill, a power cut: a failure the run catches removes its own) — `.rectify.db.partial-<pid>` and the like, as large as
 * the store — removed when their run's process is no longer alive, so a daily cron line does not fill the backup volume
 * silently. A run still alive (a second backup into the same folder at this moment) is left alone. Never throws: a file
 * that cannot be removed is named in `left`.
 * @returns the file names removed (`removed`) and those that could not be (`left`), each sorted.
 */
export function removeDeadRunsPartials(folder: string): { readonly removed: readonly string[]; readonly left: readonly string[] } {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return { removed: [], left: [] };
  }
  const removed: string[] = [];
  const left: string[] = [];
  for (const name of names.sort()) {
    const pid = PARTIAL_NAME.exec(name)?.[1];
    if (pid === undefined || Number(pid) === process.pid || processAlive(Number(pid))) continue;
    try {
      rmSync(join(folder, name), { force: true });
      removed.push(name);
    } catch {
      left.push(name);
    }
  }
  return { removed, left };
}

/** What `removeDeadRunsPartials` did, as the tool says it (Chinese first); null when there was nothing. */
function deadRunsPartialsWords(folder: string, { removed, left }: ReturnType<typeof removeDeadRunsPartials>): Bilingual | null {
  if (removed.length === 0 && left.length === 0) return null;
  const gone = removed.length > 0 ? say(`Removed what an earlier backup run into ${folder} left when it was stopped midway (its process is gone): ${removed.join(', ')}.`, `已删除此前一次中途被终止的备份（其进程已不在）在 ${folder} 中留下的不完整文件：${removed.join('、')}。`) : say('', '');
  const stays = left.length > 0 ? say(` Could not remove ${left.join(', ')}: delete them by hand.`, `无法删除 ${left.join('、')}：请手动删除。`) : say('', '');
  return say(`${gone.en}${stays.en}`.trim(), `${gone.zh}${stays.zh}`);
}

/**
 * `mkdir -p folder`: the folders it created, deepest first (empty when `folder` existed). `mkdirSync` names only the
 * first folder it created; every folder from there down to `folder` is new.
 */
function makeFolder(folder: string): string[] {
  const first = mkdirSync(folder, { recursive: true });
  if (first === undefined) return [];
  const created = [folder];
  for (let path = folder; path !== resolve(first) && dirname(path) !== path; ) {
    path = dirname(path);
    created.push(path);
  }
  return created;
}

/** "290 KB": a size as an operator reads `df -k` and `ls -s`. */
const kilobytes = (bytes: number): string => `${Math.ceil(bytes / 1024)} KB`;

/**
 * The failure of writing the backup, told by the file being written (breaker9q P5: a full backup
 * volume was told as the store's disk being full, "62086140 KB free"): a full disk under the backup
 * folder names that folder, the room left there and the store's size; any other failure is left as
 * it is (SQLite's error, or the system's naming its own file).
 */
function backupFailure(error: unknown, folder: string, writing: string, storeBytes: number): unknown {
  const full = diskFullOf(error, writing);
  if (!full) return error;
  const left = full.freeBytes === null ? '' : `, ${kilobytes(full.freeBytes)} free`;
  const leftZh = full.freeBytes === null ? '' : `仅剩 ${kilobytes(full.freeBytes)}，`;
  return new ToolRefusal(
    say(
      `Disk full (DISK_FULL): the disk holding the backup folder ${folder} is full (${(error as Error).message}${left}; the event store is about ${kilobytes(storeBytes)}): no backup was made, and nothing of it is left there. Free space on that disk, or give a folder on another disk, and try again.`,
      `磁盘已满（DISK_FULL）：备份文件夹 ${folder} 所在的磁盘已满（${leftZh}事件库约 ${kilobytes(storeBytes)}）：未生成备份，也没有留下不完整的备份文件。请在该磁盘上腾出空间，或换一个位置后重试。`,
    ),
  );
}

/**
 * Copies the store into `folder`: the witness first — so that the copy's witness names a head the
 * copied database holds, and the copy starts as it is at another place —, then the database through
 * SQLite's online backup (left as one file, out of WAL mode), then `PRAGMA quick_check` of the copy.
 * Both are written under temporary names (`.<name>.partial-<pid>` in `folder`, so a backup volume's
 * own mount point works: a rename never crosses disks) and renamed into place only once the copy
 * passed the check, the database before the witness; on any failure what the run wrote is removed
 * (and `folder`, when this run created it and it is left empty), so a failed run leaves nothing that
 * looks like a backup or refuses the retry (breaker9q P5). Refused for a store that is not a SQLite
 * file, a store file that does not exist, and a folder already holding a file of either name.
 * @returns what was copied: the files, the copy's head position (null: empty) and its event count.
 * @throws ToolRefusal (nothing left behind; DISK_FULL naming the backup folder when its disk is full) or SQLite's error.
 */
async function backUp(settings: AppSettings, folder: string, copyRefusedStore = false) {
  if (settings.EVENT_STORE !== 'sqlite' || settings.SQLITE_PATH === ':memory:') {
    throw new ToolRefusal(
      say(
        'store:backup copies a SQLite store file; an EventStoreDB store is backed up with its own tools (see the EventStoreDB documentation, "Backup and restore").',
        'store:backup 只备份 SQLite 事件库文件；EventStoreDB 事件库请用其自带的备份方法（见 EventStoreDB 文档“Backup and restore”）。',
      ),
    );
  }
  const store = resolve(settings.SQLITE_PATH);
  if (!existsSync(store)) throw new ToolRefusal(say(`There is no event store at ${store} (SQLITE_PATH): nothing to back up.`, `${store} 处没有事件库（SQLITE_PATH）：没有可备份的内容。`));
  const refusedAs = await judgeBeforeCopying(settings, copyRefusedStore);
  const copy = join(folder, basename(store));
  const witness = resolve(settings.STORE_WITNESS_PATH);
  const witnessCopy = join(folder, basename(witness));
  const taken = [copy, witnessCopy, `${copy}-wal`].filter((path) => existsSync(path));
  if (taken.length > 0) {
    throw new ToolRefusal(
      say(
        `${taken.join(', ')} already exists: a backup is never written over. Give a new or empty folder, e.g. npm run store:backup -- ${shellWord(freeFolderBeside(folder))} (a second backup the same day: the time in its name).`,
        `${taken.join('、')} 已存在：备份从不覆盖已有文件。请给出一个新的或空的文件夹，例如 npm run store:backup -- ${shellWord(freeFolderBeside(folder))}（同一天再次备份时，文件夹名带上时刻）。`,
      ),
    );
  }
  const createdFolders = makeFolder(folder);
  const partialsOfDeadRuns = deadRunsPartialsWords(folder, removeDeadRunsPartials(folder));
  const partial = (path: string) => join(folder, `.${basename(path)}.partial-${process.pid}`);
  const copyPartial = partial(copy);
  const witnessPartial = partial(witnessCopy);
  const storeBytes = statSync(store).size + (existsSync(`${store}-wal`) ? statSync(`${store}-wal`).size : 0);
  const witnessed = existsSync(witness);
  let writing = witnessPartial;
  /** Whether the database copy was renamed into place (taken back when its witness cannot follow). */
  let placed = false;
  try {
    if (witnessed) copyFileSync(witness, witnessPartial);
    writing = copyPartial;
    const source = new Database(store, { readonly: true, fileMustExist: true });
    try {
      source.pragma('busy_timeout = 5000');
      await source.backup(copyPartial);
    } finally {
      source.close();
    }
    // One file, as a backup is kept and moved: the copy leaves WAL mode (a server started on it takes WAL again).
    const written = new Database(copyPartial, { fileMustExist: true });
    try {
      written.pragma('journal_mode = DELETE');
    } finally {
      written.close();
    }
    const problems = await quickCheckOffThread(copyPartial);
    if (problems.length > 0) {
      throw new ToolRefusal(say(`The copy of ${store} fails PRAGMA quick_check: ${problems.join('; ')}. No backup was made; keep the earlier backups.`, `${store} 的备份未通过 PRAGMA quick_check：${problems.join('；')}。未生成备份；请保留此前的备份。`));
    }
    const { altered, lostInAcceptedReset } = await ledgerOfCopy(copyPartial, settings);
    if (altered && !copyRefusedStore) throw new ToolRefusal(notBackedUpAltered(altered));
    const inspection = new SqliteStoreInspection(copyPartial);
    let head: bigint | null;
    try {
      head = inspection.headEvent()?.position ?? null;
    } finally {
      inspection.close();
    }
    renameSync(copyPartial, copy);
    placed = true;
    if (witnessed) renameSync(witnessPartial, witnessCopy);
    return { copy, witnessCopy: witnessed ? witnessCopy : null, head, refusedAs, altered, lostInAcceptedReset, partialsOfDeadRuns };
  } catch (error) {
    if (partialsOfDeadRuns) process.stderr.write(`${bothLines(partialsOfDeadRuns)}\n`);
    // Told before anything is removed: the room left is the room there was when the write failed, in a folder still there.
    const failure = backupFailure(error, folder, writing, storeBytes);
    removePartial([copyPartial, witnessPartial, ...(placed ? [copy] : [])], createdFolders);
    throw failure;
  }
}

/**
 * The first event of the copy that is not as recorded (breaker9z P12: a row edited, two swapped, one put in by hand —
 * `store:backup` said 「PRAGMA quick_check 通过」 and exit 0, and a daily rotation then kept only backups holding the
 * alteration): the copy verified as `ledger:verify` verifies a store — every event's content against its hash, the
 * chain, each checkpoint, and the row seals where the office's signing key is at hand. What the server's start judges
 * (the witness, events missing) was judged before copying. `altered` null when every event holds, or for a log not yet chained.
 * breaker51-9 S3: a restore the office accepted (ACCEPT_STORE_RESET, the witness's `resetAcceptedAt`) is judged as
 * ledger:verify judges it, without a flag: the checkpoints it lost are `lostInAcceptedReset` (said beside the backup's
 * line), not "deleted" — every backup after the README's restore was refused, and nothing could acknowledge it.
 * Reads the whole copy (about the time ledger:verify takes on the store).
 */
async function ledgerOfCopy(copy: string, settings: AppSettings): Promise<{ altered: LedgerMismatch | null; lostInAcceptedReset: readonly LedgerMismatch[] }> {
  const db = new Database(copy, { readonly: true, fileMustExist: true });
  try {
    const ledger = new SqliteLedger(db);
    if (!ledger.chained) return { altered: null, lostInAcceptedReset: [] };
    const witness = resolve(settings.STORE_WITNESS_PATH);
    const trusted = trustedKeysOf(settings, witness, ledger);
    const seals = sealCheckOf(settings, ledger, witness, trusted.keys);
    const resetAcceptedAt = witnessOfThisStore(witness, ledger.storeId())?.resetAcceptedAt ?? null;
    const result = await verifyLedger(ledger, { trustedKeys: trusted.keys, formerKeys: trusted.formerKeys, sealKey: seals.key, resetAcceptedAt, resetAcknowledged: resetAcceptedAt !== null });
    return { altered: result.firstMismatch, lostInAcceptedReset: result.acknowledgedLosses ?? [] };
  } finally {
    db.close();
  }
}

/** What is altered: the first event not as recorded (`LedgerMismatch`), in both languages. */
function alteredWords(mismatch: LedgerMismatch) {
  const at = mismatch.position ? `, position ${mismatch.position}` : '';
  const atZh = mismatch.position ? `，位置 ${mismatch.position}` : '';
  return say(`(LOG_ALTERED, ${mismatch.kind} at event ${mismatch.eventNumber}${at}): ${mismatch.message}`, `（LOG_ALTERED，第 ${mismatch.eventNumber} 条事件${atZh}：${mismatch.kind}）：${mismatch.messageZh}`);
}

/** The refusal of a store whose log is altered (`alteredWords`), with what to do. */
function notBackedUpAltered(mismatch: LedgerMismatch) {
  const what = alteredWords(mismatch);
  return say(
    `Not backed up ${what.en} A backup of it would carry the alteration into every backup kept after it; keep the earlier backups, and find with npm run ledger:verify -- --db <backup>/rectify.db which is the last sound one. To keep a copy of the store as it is all the same, run again with --copy-refused-store.`,
    `未备份${what.zh}这样的备份会把改动带进此后保留的每一份备份；请保留此前的备份，并用 npm run ledger:verify -- --db <备份文件夹>/rectify.db 找出最后一份完好的备份。若仍要保留事件库现状的副本，请加 --copy-refused-store 重新运行。`,
  );
}

async function main(): Promise<void> {
  const { folder, copyRefusedStore } = parseOptions(process.argv.slice(2));
  loadEnvFile();
  const settings = validateSettings(process.env);
  const { copy, witnessCopy, head, refusedAs, altered, lostInAcceptedReset, partialsOfDeadRuns } = await backUp(settings, folder, copyRefusedStore);
  if (partialsOfDeadRuns) console.log(bothLines(partialsOfDeadRuns));
  if (altered) {
    // Said before the copy's line, on stderr, Chinese first: the copy holds an altered log.
    const what = alteredWords(altered);
    process.stderr.write(
      `${bothLines(
        say(
          `Copied as asked (--copy-refused-store), though the log is altered ${what.en} The copy holds the altered log; never restore it in place of a sound backup.`,
          `已按 --copy-refused-store 的要求复制，但日志已被改动${what.zh}该副本含有被改动的日志；切勿用它替代完好的备份进行恢复。`,
        ),
      )}\n`,
    );
  }
  if (refusedAs) {
    // Said before the copy's line, on stderr, Chinese first: the copy is of a store the server refuses.
    // breaker46-9 M2: of a store whose -wal is damaged, the copy holds only what SQLite reads — said so, and what keeps the rest.
    const walDamage = walBreakOnDisk(settings.SQLITE_PATH);
    const lacks = walDamage
      ? say(
          ` It lacks everything past frame ${walDamage.brokenFrame} of the damaged -wal (${walDamage.unreadCommits} committed write(s) in ${walDamage.unreadFrames} frames, which SQLite does not read): only a copy of the whole data folder (cp -a, the .db and its -wal as they are) keeps them.`,
          `该副本缺少损坏的 -wal 第 ${walDamage.brokenFrame} 帧之后的全部内容（${walDamage.unreadFrames} 帧中 ${walDamage.unreadCommits} 次已提交的写入，SQLite 读不到）：只有复制整个数据文件夹（cp -a，连同 .db 及其 -wal 原样）才能保留它们。`,
        )
      : say('', '');
    process.stderr.write(
      `${bothLines(
        say(
          `Copied as asked (--copy-refused-store), though the server refuses this store (${refusedAs.reason}): ${refusedAs.message} The copy holds the store as it is, not what was acknowledged.${lacks.en} Never restore it in place of a sound backup.`,
          `已按 --copy-refused-store 的要求复制，但服务会拒绝这个事件库（${refusedAs.reason}）：${refusedAs.messageZh}该副本只是事件库的现状，并非全部已确认写入的内容；${lacks.zh}切勿用它替代完好的备份进行恢复。`,
        ),
      )}\n`,
    );
  }
  // breaker51-9 S3: what a restore the office accepted lost is said, not refused: the backup holds the store as accepted.
  for (const lost of lostInAcceptedReset) {
    console.log(
      bothLines(
        say(
          `Not a reason to refuse the backup — ${lost.message} npm run ledger:verify names it on every run.`,
          `此项不妨碍备份——${lost.messageZh}台账校验（npm run ledger:verify）每次都会列出。`,
        ),
      ),
    );
  }
  const at = head === null ? say('an empty log', '空日志') : say(`log position ${head}`, `日志位置 ${head}`);
  console.log(
    bothLines(
      say(
        `Backed up ${settings.SQLITE_PATH} to ${copy} (${at.en}; PRAGMA quick_check ok)${witnessCopy ? `, its witness to ${witnessCopy}` : ' (no witness beside it)'}. The keys folder (the signing key and keys/store-witnesses) is not in this backup: back it up with every backup, kept apart from the data.`,
        `已把 ${settings.SQLITE_PATH} 备份到 ${copy}（${at.zh}；完整性检查通过）${witnessCopy ? `，见证文件备份到 ${witnessCopy}` : '（旁边没有见证文件）'}。keys 文件夹（签名密钥及 keys/store-witnesses）不在此备份中：每次备份时请一并另行备份，不要与数据放在一起。`,
      ),
    ),
  );
}

runTool(main, USAGE);
