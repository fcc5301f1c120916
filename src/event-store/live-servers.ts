import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, readlinkSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { realPlaceOf } from './store-place.js';
import { say, type Bilingual } from '../shared/domain-error.js';
import { temporaryPathFor } from '../shared/temporary-path.js';
import { StoreRefusedError } from './store-witness.js';

/*
 * Servers on one SQLite file know each other (breaker9i P3, breaker9g P6 second half): each server
 * keeps a file of its own in the folder `<SQLITE_PATH>.servers/` beside the store while it serves it,
 * saying where it runs, which key signs its ledger and which copy name its head statements carry.
 * A start whose key or copy name differs from a live server's is refused before it writes anything
 * (a second server started from another folder generated a key of its own and took the store over:
 * the office's server then stopped with "rows … hashes computed by hand?"); /health names a
 * difference that got past the start (two servers starting at one moment).
 */

/** How often a server writes its entry again (ms): an entry of another host or container not written for 3 of these is not live. */
export const LIVE_SERVER_REFRESH_MS = 10_000;
/** An entry not written for this long (ms) is taken as a server gone (another host or container: pids cannot be checked there). */
export const LIVE_SERVER_WINDOW_MS = 3 * LIVE_SERVER_REFRESH_MS;
/** An entry not written for this long (ms) is removed by whoever reads it: a server gone long ago (a deleted container). */
const FORGOTTEN_AFTER_MS = 24 * 60 * 60 * 1000;

/** One server's entry, the JSON of `<SQLITE_PATH>.servers/<host>-<pid>-<random>.json`. */
export interface LiveServerEntry {
  readonly version: 1;
  /** Random per start: the entry's file name ends with it. */
  readonly id: string;
  readonly host: string;
  readonly pid: number;
  /** `/proc/self/ns/pid` (e.g. `pid:[4026531836]`): pids compare only within one namespace (two containers are both pid 1); null off Linux. */
  readonly pidNamespace: string | null;
  /** The process's start time in clock ticks since boot (`/proc/<pid>/stat` field 22): a reused pid is another process; null off Linux. */
  readonly processStart: string | null;
  /** The store file's inode (decimal): an entry copied with the data folder (`cp -a data/ data2/`) speaks of another file. */
  readonly storeInode: string;
  /**
   * The store's real path (symbolic links resolved) as the server opened it: a live entry naming this
   * path with another inode is a server still holding the file that was there before it was replaced
   * (`liveServersOnReplacedFile`). Absent in entries of older versions.
   */
  readonly storePath?: string;
  /** ISO-8601 instant the server registered, and the last time it wrote its entry. */
  readonly startedAt: string;
  readonly seenAt: string;
  /** The folder the server was started in (where `./keys` is read from unless LEDGER_SIGNING_KEY_FILE says otherwise). */
  readonly cwd: string;
  /** STORE_COPY_NAME, null when not set. */
  readonly copyName: string | null;
  /** The absolute path of the ledger signing key file, and its fingerprint (null until the key is known: generated at a first start). */
  readonly keyFile: string;
  readonly keyFingerprint: string | null;
}

/** What this server is, as far as the other servers on the file must agree with it. */
export interface ServerFacts {
  readonly copyName: string | null;
  readonly keyFile: string;
  /** Null: there is no key file yet, a new key would be generated. */
  readonly keyFingerprint: string | null;
}

/** The registry folder of a SQLite store: `<SQLITE_PATH>.servers`, absolute. */
export const liveServersFolderOf = (sqlitePath: string): string => `${realPlaceOf(sqlitePath)}.servers`;

/** The store file's inode as a decimal string, null when the file does not exist. */
function inodeOf(sqlitePath: string): string | null {
  try {
    return statSync(sqlitePath, { bigint: true }).ino.toString();
  } catch {
    return null;
  }
}

const pidNamespaceNow = (): string | null => {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return null;
  }
};

/** Field 22 of `/proc/<pid>/stat` (the start time in clock ticks), null when it cannot be read (no such process, not Linux). */
function processStartOf(pid: number | 'self'): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

/** Whether the process `pid` of this namespace is running (any answer but "no such process"). */
function pidRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Ids of the entries this process has open now (in-process servers of one test process share a pid). */
const openHere = new Set<string>();

/**
 * Whether an entry speaks of a server serving the store now: in this process, one still open; on
 * this host and pid namespace, its process still running (the same process: same start time);
 * elsewhere, written within `LIVE_SERVER_WINDOW_MS`.
 */
function isLive(entry: LiveServerEntry, nowMs: number): boolean {
  const here = entry.host === hostname() && entry.pidNamespace !== null && entry.pidNamespace === pidNamespaceNow();
  if (here) {
    if (entry.pid === process.pid && entry.processStart === processStartOf('self')) return openHere.has(entry.id);
    const start = processStartOf(entry.pid);
    return start !== null ? start === entry.processStart : entry.processStart === null && pidRunning(entry.pid);
  }
  return nowMs - Date.parse(entry.seenAt) <= LIVE_SERVER_WINDOW_MS;
}

function readEntry(path: string): LiveServerEntry | null {
  try {
    const entry = JSON.parse(readFileSync(path, 'utf8')) as Partial<LiveServerEntry>;
    if (entry?.version !== 1 || typeof entry.id !== 'string' || typeof entry.pid !== 'number' || typeof entry.seenAt !== 'string' || typeof entry.storeInode !== 'string') return null;
    return entry as LiveServerEntry;
  } catch {
    // Being written (renamed into place a moment later), or not an entry: nothing to go by.
    return null;
  }
}

/**
 * The live servers on the store at `sqlitePath`, other than the entry `exceptId`: entries of this file
 * (its inode) that are live (`isLive`). Entries of servers known gone (this host, process ended) or
 * forgotten (not written for a day) are removed as they are met. Never throws: an unreadable folder
 * is no server.
 */
export function liveServersOn(sqlitePath: string, exceptId: string | null = null, nowMs = Date.now()): LiveServerEntry[] {
  const inode = inodeOf(sqlitePath);
  return liveEntries(sqlitePath, exceptId, nowMs).filter((entry) => entry.storeInode === inode);
}

/**
 * The live servers that opened the store at this path (`storePath`, links resolved) when another file
 * was there (`storeInode`): the file was replaced (renamed over, deleted and made again) while they
 * run. Such a server still holds the old file's -wal and -shm (until it notices and moves them aside),
 * and a start on the path meanwhile read that -wal over the new file (breaker9l P5). Never throws.
 */
export function liveServersOnReplacedFile(sqlitePath: string, nowMs = Date.now()): LiveServerEntry[] {
  const inode = inodeOf(sqlitePath);
  const place = realPlaceOf(sqlitePath);
  return liveEntries(sqlitePath, null, nowMs).filter((entry) => entry.storePath === place && entry.storeInode !== inode);
}

/**
 * breaker52-9 S7: the live servers of other processes that opened the very file whose inode is `inode` at this path
 * (`storePath`, links resolved; entries of older versions name no path) — they read and write the same -wal beside it,
 * so it is theirs too: never to be moved aside from under them (their later acknowledged writes would go with it). Never throws.
 */
export function otherLiveServersHoldingFile(sqlitePath: string, inode: string, nowMs = Date.now()): LiveServerEntry[] {
  const place = realPlaceOf(sqlitePath);
  const self = processStartOf('self');
  return liveEntries(sqlitePath, null, nowMs).filter(
    (entry) => entry.storeInode === inode && (entry.storePath === undefined || entry.storePath === place) && !(entry.host === hostname() && entry.pid === process.pid && entry.processStart === self),
  );
}

/** The server an entry names, for a message: host, pid and the folder it was started in. */
export const liveServerWords = (entry: LiveServerEntry): Bilingual =>
  say(`host ${entry.host}, pid ${entry.pid}, started in ${entry.cwd}`, `主机 ${entry.host}，进程 ${entry.pid}，在文件夹 ${entry.cwd} 中启动`);

/** Every live entry in the registry folder of the store, other than `exceptId`; gone or forgotten entries are removed as they are met. */
function liveEntries(sqlitePath: string, exceptId: string | null, nowMs: number): LiveServerEntry[] {
  const folder = liveServersFolderOf(sqlitePath);
  let names: string[];
  try {
    names = readdirSync(folder).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
  const live: LiveServerEntry[] = [];
  for (const name of names) {
    const path = join(folder, name);
    const entry = readEntry(path);
    if (!entry || entry.id === exceptId) continue;
    const gone = !isLive(entry, nowMs);
    if (gone && (nowMs - Date.parse(entry.seenAt) > FORGOTTEN_AFTER_MS || (entry.host === hostname() && entry.pidNamespace === pidNamespaceNow() && !openHere.has(entry.id)))) {
      rmSync(path, { force: true });
      continue;
    }
    if (!gone) live.push(entry);
  }
  return live;
}

/** The other server as a refusal names it: host, pid, folder and when it last said it serves. */
const described = (entry: LiveServerEntry, entryPath: string): Bilingual =>
  say(
    `another Rectify server (host ${entry.host}, pid ${entry.pid}, started in ${entry.cwd}; its entry ${entryPath} written ${entry.seenAt})`,
    `另一台 Rectify 服务（主机 ${entry.host}，进程 ${entry.pid}，在文件夹 ${entry.cwd} 中启动；其登记文件 ${entryPath}）`,
  );

const entryPathOf = (sqlitePath: string, entry: LiveServerEntry) => join(liveServersFolderOf(sqlitePath), entryFileName(entry));
const entryFileName = (entry: Pick<LiveServerEntry, 'host' | 'pid' | 'id'>) => `${entry.host.replace(/[^\w.-]/g, '_')}-${entry.pid}-${entry.id}.json`;

/** What a refusal says a server it names that is gone should do: wait for its entry to age, or remove it. */
const ifGone = (entryPath: string): Bilingual =>
  say(
    ` If that server is no longer running (its container was removed), start again once its entry is ${LIVE_SERVER_WINDOW_MS / 1000} s old, or remove ${entryPath}.`,
    `若该服务已不在运行（如其容器已删除），请在其登记文件超过 ${LIVE_SERVER_WINDOW_MS / 1000} 秒未更新后再启动，或删除 ${entryPath}。`,
  );

/**
 * Whether this server may serve the store beside the live servers `others`: refused when one signs
 * its ledger with another key (`KEY_DIFFERS_FROM_LIVE_SERVER`: this server would sign checkpoints and
 * seal rows the other cannot check, and put its own key in the witness — never the key-rotation advice,
 * whatever LEDGER_TRUSTED_KEYS or ACCEPT_STORE_RESET say) or names its copy otherwise
 * (`COPY_NAME_DIFFERS_FROM_LIVE_SERVER`: each would take the other's head statements for another
 * copy's and check nothing). A server whose key is not known yet (being generated) is not judged by key.
 * Null when it agrees with every one.
 */
export function judgeLiveServers(sqlitePath: string, others: readonly LiveServerEntry[], mine: ServerFacts): StoreRefusedError | null {
  const store = resolve(sqlitePath);
  const otherKey = others.find((entry) => entry.keyFingerprint !== null && entry.keyFingerprint !== mine.keyFingerprint);
  if (otherKey) {
    const path = entryPathOf(sqlitePath, otherKey);
    const who = described(otherKey, path);
    const mineEn = mine.keyFingerprint === null ? `there is no key at ${mine.keyFile} (a new one would be generated)` : `this server's key ${mine.keyFile} is key ${mine.keyFingerprint}`;
    const mineZh = mine.keyFingerprint === null ? `本服务的 ${mine.keyFile} 处没有密钥（将生成新密钥）` : `本服务的密钥 ${mine.keyFile} 是密钥 ${mine.keyFingerprint}`;
    const gone = ifGone(path);
    return new StoreRefusedError(
      'KEY_DIFFERS_FROM_LIVE_SERVER',
      say(
        `Nothing was written: ${who.en} serves the event store ${store} now and signs its ledger with key ${otherKey.keyFingerprint} from ${otherKey.keyFile}, but ${mineEn}. Servers on one store must sign with one key: a second key would seal rows the other server refuses as not written by Rectify, and take the store over. Start this server in ${otherKey.cwd}, or set LEDGER_SIGNING_KEY_FILE=${otherKey.keyFile}. To rotate the key, stop every server on the store first.${gone.en}`,
        `未写入任何内容：${who.zh}正在使用事件库 ${store}，其台账签名密钥是 ${otherKey.keyFile}（密钥 ${otherKey.keyFingerprint}），而${mineZh}。同一事件库上的各台服务必须使用同一个签名密钥：另一个密钥加封的记录会被那台服务视为并非 Rectify 写入而拒绝，事件库也会被本服务接管。请在文件夹 ${otherKey.cwd} 中启动本服务，或设置 LEDGER_SIGNING_KEY_FILE=${otherKey.keyFile}。如需更换密钥，请先停止该事件库上的所有服务。${gone.zh}`,
      ),
    );
  }
  const otherName = others.find((entry) => entry.copyName !== mine.copyName);
  if (otherName) {
    const path = entryPathOf(sqlitePath, otherName);
    const who = described(otherName, path);
    const namedEn = (name: string | null) => (name === null ? 'not set' : `"${name}"`);
    const namedZh = (name: string | null) => (name === null ? '未设置' : `为“${name}”`);
    const set = otherName.copyName === null ? say('remove STORE_COPY_NAME', '删除 STORE_COPY_NAME 设置') : say(`set STORE_COPY_NAME=${otherName.copyName}`, `设置 STORE_COPY_NAME=${otherName.copyName}`);
    const gone = ifGone(path);
    return new StoreRefusedError(
      'COPY_NAME_DIFFERS_FROM_LIVE_SERVER',
      say(
        `Nothing was written: ${who.en} serves the event store ${store} now with STORE_COPY_NAME ${namedEn(otherName.copyName)}, but this server's is ${namedEn(mine.copyName)}. Servers on one file are one copy of the store and must carry one copy name (or none): otherwise each takes the ledger head statements the other signs for another copy's and checks nothing. ${set.en[0]!.toUpperCase()}${set.en.slice(1)} and start again.${gone.en}`,
        `未写入任何内容：${who.zh}正在使用事件库 ${store}，其 STORE_COPY_NAME ${namedZh(otherName.copyName)}，而本服务的${namedZh(mine.copyName)}。同一文件上的各台服务是同一个副本，必须使用相同的副本名称（或都不设置）：否则双方都会把对方签署的台账现状凭证当作另一个副本的而不作任何核对。请${set.zh}后重新启动。${gone.zh}`,
      ),
    );
  }
  return null;
}

/**
 * A command-line tool (user:create, the imports, ledger:export) run on a store live servers serve:
 * refused when a live server signs its ledger with another key than the tool would seal with — the
 * tool run from another folder than the server's (breaker9k P3: it was told "the key folder was
 * restored from an older backup … accept a reset … do not delete the -wal", every sentence wrong) —
 * saying where the server runs and which key file to use. Null when every live server agrees (or
 * none runs). `tool.keyFingerprint` null: there is no key where the tool looks.
 */
export function judgeToolBesideLiveServers(sqlitePath: string, others: readonly LiveServerEntry[], tool: { readonly keyFile: string; readonly keyFingerprint: string | null }): StoreRefusedError | null {
  const server = others.find((entry) => entry.keyFingerprint !== null && entry.keyFingerprint !== tool.keyFingerprint);
  if (!server) return null;
  const store = resolve(sqlitePath);
  const path = entryPathOf(sqlitePath, server);
  const who = described(server, path);
  const toolEn = tool.keyFingerprint === null ? `there is no signing key at ${tool.keyFile}, where this tool looks` : `this tool's key ${tool.keyFile} is key ${tool.keyFingerprint}`;
  const toolZh = tool.keyFingerprint === null ? `本工具查找签名密钥的 ${tool.keyFile} 处没有密钥` : `本工具的密钥 ${tool.keyFile} 是密钥 ${tool.keyFingerprint}`;
  const gone = ifGone(path);
  return new StoreRefusedError(
    'KEY_DIFFERS_FROM_LIVE_SERVER',
    say(
      `Nothing was written: ${who.en} serves the event store ${store} now and signs its ledger with key ${server.keyFingerprint} from ${server.keyFile}, but ${toolEn}. The store itself is as the server last saw it; the tool is only run from another folder than the server's. Run it in ${server.cwd} (cd ${server.cwd}), or set LEDGER_SIGNING_KEY_FILE=${server.keyFile}.${gone.en}`,
      `未写入任何内容：${who.zh}正在使用事件库 ${store}，其台账签名密钥是 ${server.keyFile}（密钥 ${server.keyFingerprint}），而${toolZh}。事件库本身没有问题，只是本工具不是在服务所在的文件夹中运行的。请在文件夹 ${server.cwd} 中运行（cd ${server.cwd}），或设置 LEDGER_SIGNING_KEY_FILE=${server.keyFile}。${gone.zh}`,
    ),
  );
}

/**
 * This server's entry in the registry beside the store: written when the store is admitted, written
 * again every `LIVE_SERVER_REFRESH_MS` (its `seenAt`; the timer does not keep the process alive),
 * removed at shutdown. Writing it is best effort (a full disk, a read-only folder: said once in the
 * log) — it is how servers notice each other, not what keeps the store whole.
 */
export class LiveServerRegistration {
  private readonly logger = new Logger('LiveServers');
  private readonly path: string;
  private entry: LiveServerEntry;
  private readonly timer: NodeJS.Timeout;
  private failed = false;
  private closed = false;

  constructor(
    private readonly sqlitePath: string,
    facts: ServerFacts,
    refreshMs = LIVE_SERVER_REFRESH_MS,
  ) {
    const now = new Date().toISOString();
    this.entry = {
      version: 1,
      id: randomBytes(6).toString('hex'),
      host: hostname(),
      pid: process.pid,
      pidNamespace: pidNamespaceNow(),
      processStart: processStartOf('self'),
      storeInode: inodeOf(sqlitePath) ?? '',
      storePath: realPlaceOf(sqlitePath),
      startedAt: now,
      seenAt: now,
      cwd: process.cwd(),
      copyName: facts.copyName,
      keyFile: facts.keyFile,
      keyFingerprint: facts.keyFingerprint,
    };
    this.path = join(liveServersFolderOf(sqlitePath), entryFileName(this.entry));
    openHere.add(this.entry.id);
    this.write();
    this.timer = setInterval(() => this.write(), refreshMs);
    this.timer.unref();
  }

  /** The entry's id (its file name ends with it). */
  get id(): string {
    return this.entry.id;
  }

  /** The key that signs this server's ledger, once known (generated at a first start): written at once. */
  noteSigningKey(fingerprint: string): void {
    if (this.entry.keyFingerprint === fingerprint) return;
    this.entry = { ...this.entry, keyFingerprint: fingerprint };
    this.write();
  }

  /** The live servers on the store besides this one (see `liveServersOn`). */
  others(): LiveServerEntry[] {
    return liveServersOn(this.sqlitePath, this.entry.id);
  }

  /** Whether every live server on the store agrees with this one (key, copy name); the refusal it would have met at start otherwise. */
  disagreement(): StoreRefusedError | null {
    return judgeLiveServers(this.sqlitePath, this.others(), this.entry);
  }

  private write(): void {
    if (this.closed) return;
    const folder = dirname(this.path);
    this.entry = { ...this.entry, seenAt: new Date().toISOString() };
    const temporary = temporaryPathFor(this.path);
    try {
      // Not recursive: a data folder deleted under the server is not made again here.
      if (!existsSync(folder)) mkdirSync(folder);
      writeFileSync(temporary, `${JSON.stringify(this.entry, null, 2)}\n`);
      renameSync(temporary, this.path);
      if (this.failed) this.logger.log(`This server's entry ${this.path} is written again`);
      this.failed = false;
    } catch (error) {
      // breaker9q P2: `force` forgives only a missing file; a folder this user may not search answers EACCES
      // here too, which escaped — at start read as a port refusal, from the refresh timer an exit.
      removeQuietly(temporary);
      if (!this.failed) this.logger.warn(`This server's entry ${this.path} among the servers on ${basename(this.sqlitePath)} cannot be written (${String((error as NodeJS.ErrnoException).code ?? error)}): other servers starting on the store cannot see it`);
      this.failed = true;
    }
  }

  /** Removes the entry (at shutdown, or when the start is refused after all). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    openHere.delete(this.entry.id);
    removeQuietly(this.path);
  }
}

/** Removes a file of this server's upkeep; a file that cannot be removed (EACCES, EIO) stays, never an exception: the entry is upkeep, not the store. */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // Left behind: a dead server's entry is told apart by its pid and age when the next start reads the folder.
  }
}

/**
 * A start (or a tool) on a store file that replaced the one live servers opened at this path
 * (`liveServersOnReplacedFile`): refused, naming them, until they are stopped — they hold the old
 * file's -wal, which the new process would read over the new file (breaker9l P5). Null when none does.
 */
export function judgeReplacedUnderLiveServers(sqlitePath: string, nowMs = Date.now()): StoreRefusedError | null {
  const holders = liveServersOnReplacedFile(sqlitePath, nowMs);
  if (holders.length === 0) return null;
  const store = resolve(sqlitePath);
  const servers = holders.map((entry) => described(entry, entryPathOf(sqlitePath, entry)));
  const gone = ifGone(entryPathOf(sqlitePath, holders[0]!));
  return new StoreRefusedError(
    'STORE_REPLACED_UNDER_LIVE_SERVER',
    say(
      `Nothing was written: the event store file ${store} was replaced (renamed over, or deleted and made again) while ${servers.map((who) => who.en).join('; ')} still runs on the file that was there before. Until it stops, its -wal may still lie at the path and be read over the new file, mixing two stores. Stop it first (it writes nothing into the new file, so any way of stopping it is safe), then start again.${gone.en}`,
      `未写入任何内容：事件库文件 ${store} 已被替换（被改名覆盖，或被删除后重建），而${servers.map((who) => who.zh).join('；')}仍在使用替换之前的那个文件。在它停止之前，它的 -wal 文件可能仍在该路径上，会被读到新文件上，把两个事件库混在一起。请先停止它（它不会向新文件写入任何内容，以任何方式停止都安全），然后再启动。${gone.zh}`,
    ),
  );
}

/**
 * A start (or a tool) on a file live servers hold whose -wal or -shm is gone from beside it (deleted
 * under them: a cleanup script, README's restore steps done while they run): refused, naming them,
 * until they stop. SQLite keeps both while any connection is open, so a missing one was removed; a
 * new process would build a second index of the log beside the one the running server still uses,
 * and the two would give the same positions to different writes (breaker9k P6 second half: lost
 * acknowledged accounts, a damaged store). Null when no live server holds the file, or both are there.
 */
export function judgeCompanionsGoneUnderLiveServers(sqlitePath: string, nowMs = Date.now()): StoreRefusedError | null {
  const holders = liveServersOn(sqlitePath, null, nowMs);
  if (holders.length === 0) return null;
  const real = realPlaceOf(sqlitePath);
  const gone = [`${real}-wal`, `${real}-shm`].filter((file) => !existsSync(file));
  if (gone.length === 0) return null;
  const store = resolve(sqlitePath);
  const servers = holders.map((entry) => described(entry, entryPathOf(sqlitePath, entry)));
  const ifStopped = ifGone(entryPathOf(sqlitePath, holders[0]!));
  return new StoreRefusedError(
    'STORE_FILES_GONE_UNDER_LIVE_SERVER',
    say(
      `Nothing was written: ${gone.join(' and ')} of the event store ${store} ${gone.length > 1 ? 'are' : 'is'} gone while ${servers.map((who) => who.en).join('; ')} still runs on it (removed under it). A new process would build a second index of the log beside the one that server still uses, and the two would give the same positions to different writes. Stop it first (once it notices, it writes nothing more into the file, so any way of stopping it is safe), then start again.${ifStopped.en}`,
      `未写入任何内容：事件库 ${store} 的 ${gone.join(' 和 ')} 已不存在，而${servers.map((who) => who.zh).join('；')}仍在使用该文件（文件是在它运行时被删除的）。新进程会在它仍在使用的日志索引之外再建一个索引，两者会把同一位置分给不同的写入。请先停止它（它发现后不会再向该文件写入任何内容，以任何方式停止都安全），然后再启动。${ifStopped.zh}`,
    ),
  );
}

/**
 * A start that met the store's write lock held by another process (SQLite's SQLITE_BUSY after its
 * 5 s wait): refused with what can hold it — a live server on the file, named from this folder's
 * entries (a file restored or replaced under a running server stays locked by it: breaker9j P2),
 * or another program with an open write transaction (an sqlite3 shell, DB Browser for SQLite:
 * breaker9j P6) — never SQLite's bare English "database is locked".
 * @param others the live servers on the file (`liveServersOn`).
 */
export function storeLockedRefusal(sqlitePath: string, others: readonly LiveServerEntry[]): StoreRefusedError {
  const store = resolve(sqlitePath);
  const servers = others.map((entry) => described(entry, entryPathOf(sqlitePath, entry)));
  const serversEn = servers.length > 0 ? ` Still serving this file: ${servers.map((who) => who.en).join('; ')} — if the file was restored or replaced under it, stop it first (it writes nothing more into a file replaced under it, so any way of stopping it is safe).` : '';
  const serversZh = servers.length > 0 ? `仍在使用该文件的有：${servers.map((who) => who.zh).join('；')}。若该文件是在它运行时被恢复或替换的，请先停止它（它不会再向被替换的文件写入任何内容，以任何方式停止都安全）。` : '';
  return new StoreRefusedError(
    'STORE_LOCKED',
    say(
      `Nothing was written: the event store ${store} is locked by another process, which has held its write lock for more than 5 s, so this server did not start.${serversEn} Otherwise a program holds it with an open transaction (an sqlite3 shell, DB Browser for SQLite, a backup tool): close it, or end its transaction, and start again. Never open the live store with a tool that writes.`,
      `未写入任何内容：事件库 ${store} 被另一个进程锁定，其写锁已占用超过 5 秒，本服务未能启动。${serversZh}否则是有程序以未结束的事务打开着它（如 sqlite3、DB Browser for SQLite 或备份工具）：请关闭该程序或结束其事务，然后再启动。请勿用可写入的工具打开正在使用的事件库。`,
    ),
  );
}
