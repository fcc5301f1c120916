import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { say, type Bilingual } from '../shared/domain-error.js';
import type { LiveServerEntry } from './live-servers.js';
import { realPlaceOf } from './store-place.js';
import { StoreRefusedError } from './store-witness.js';

/*
 * breaker9m P5 (serious): a hard-link "snapshot" (`cp -al data/ snap/`, or `ln data/rectify.db
 * snap/rectify.db`) is not a copy: it is a second name of the very file the office serves. SQLite
 * keeps a store's -wal and -shm by name (`<name>-wal`), so a server on each name keeps a log of its
 * own over one file, and production was made malformed while its /health said ready. What a store
 * file is, is its device and inode (and the store id inside it), never the path it is reached by:
 * a start on a name of the file other than the one this installation serves it by, or while another
 * server serves it by another name, is refused; the server serving it by its own name says in
 * /health that the file has other names (`STORE_FILE_HAS_OTHER_NAMES`).
 */

/** The file a path names: device and inode (decimal strings, as `statSync(…, { bigint: true })` gives them) and its number of names (hard links). */
export interface FileNode {
  readonly dev: string;
  readonly ino: string;
  readonly links: number;
}

/** The file `path` names (links followed), null when there is none. */
export function fileNodeOf(path: string): FileNode | null {
  try {
    const stats = statSync(path, { bigint: true });
    return { dev: stats.dev.toString(), ino: stats.ino.toString(), links: Number(stats.nlink) };
  } catch {
    return null;
  }
}

const sameNode = (a: FileNode | null, b: FileNode | null) => a !== null && b !== null && a.dev === b.dev && a.ino === b.ino;

/** At most this many folder entries are looked at when searching for the file's other names: a start never walks a whole disk. */
const SEARCH_LIMIT = 2_000;

/**
 * The other names of the store file at `sqlitePath` (real paths, sorted), among `candidates` (paths
 * witnesses and server entries name) and where a hard-link copy is usually made: the files of the
 * store's own folder (`ln rectify.db rectify-snap.db`) and a file of the same name in each folder
 * beside it (`cp -al data/ snap/`), at most `SEARCH_LIMIT` entries in all. Names elsewhere are not
 * found (`find <mount> -samefile <file>` finds them). Empty when the file has one name, or none.
 */
export function otherNamesOf(sqlitePath: string, candidates: readonly string[] = []): string[] {
  const node = fileNodeOf(sqlitePath);
  if (!node || node.links <= 1) return [];
  const place = realPlaceOf(sqlitePath);
  const folder = dirname(place);
  const found = new Set<string>();
  const consider = (path: string) => {
    const real = realPlaceOf(path);
    if (real !== place && !found.has(real) && sameNode(fileNodeOf(real), node)) found.add(real);
  };
  for (const candidate of candidates) consider(resolve(candidate));
  let looked = 0;
  const entries = (dir: string) => {
    try {
      const names = readdirSync(dir, { withFileTypes: true });
      looked += names.length;
      return names;
    } catch {
      return [];
    }
  };
  for (const entry of entries(folder)) {
    if (looked > SEARCH_LIMIT) break;
    if (entry.isFile()) consider(join(folder, entry.name));
  }
  const parent = dirname(folder);
  if (parent !== folder) {
    for (const entry of entries(parent)) {
      if (looked > SEARCH_LIMIT) break;
      if (entry.isDirectory() && join(parent, entry.name) !== folder) consider(join(parent, entry.name, basename(place)));
    }
  }
  return [...found].sort();
}

/**
 * Live servers that serve the file at `sqlitePath` by another of its names: entries (see
 * live-servers.ts) in the registry folder of each of its `otherNames`, and entries carried into this
 * name's registry folder by the copy that made the name (`cp -al` copies the folder with the file),
 * whose file is this very file and whose name is not this one.
 * @param liveServersOn live-servers.ts `liveServersOn` (given, to keep this module free of the registry's timers).
 */
export function serversUnderOtherNames(sqlitePath: string, otherNames: readonly string[], liveServersOn: (path: string) => LiveServerEntry[]): { readonly name: string; readonly entry: LiveServerEntry }[] {
  const node = fileNodeOf(sqlitePath);
  if (!node) return [];
  const place = realPlaceOf(sqlitePath);
  const seen = new Set<string>();
  const servers: { name: string; entry: LiveServerEntry }[] = [];
  for (const name of [place, ...otherNames]) {
    for (const entry of liveServersOn(name)) {
      const servedAs = entry.storePath ?? name;
      if (servedAs === place || seen.has(entry.id) || entry.storeInode !== node.ino || !sameNode(fileNodeOf(servedAs), node)) continue;
      seen.add(entry.id);
      servers.push({ name: servedAs, entry });
    }
  }
  return servers;
}

/** What a hard link is not, and how to make what the operator meant (both refusals and the notice say it). */
const NOT_A_COPY = say(
  'A hard link (cp -al, cp -l, ln) is not a copy: both names are one file, which changes as the store is written. SQLite keeps the -wal and -shm of a store by its name, so a server or a tool on each name keeps a log of its own over the one file and damages it.',
  '硬链接（cp -al、cp -l、ln）不是副本：两个名称是同一个文件，会随事件库的写入而变化。SQLite 按文件名存放事件库的 -wal 和 -shm，因此以两个名称分别运行服务或工具，会各自维护一份日志写入同一个文件，把它写坏。',
);

const HOW_TO_COPY = (store: string, others: readonly string[]) =>
  say(
    `For a copy (a restore drill, a backup), run npm run store:backup -- <new folder> (it may run while the server runs), or stop every server and copy with cp -a (without -l); then remove the other name${others.length > 1 ? 's' : ''} (rm ${others.join(' ')}: the data stays under ${store}).`,
    `如需副本（恢复演练、备份），请运行 npm run store:backup -- <新文件夹>（服务运行时也可），或先停止所有服务，再用不带 -l 的 cp -a 复制；然后删除多余的名称（rm ${others.join(' ')}：数据仍在 ${store} 名下）。`,
  );

/**
 * Whether a start (a server's, or a command-line tool's) may open the store file at `sqlitePath`
 * while the file has other names (hard links): refused `STORE_FILE_HAS_OTHER_NAMES` when another
 * server serves it by another name now, or when this installation's witnesses saw the store at
 * another of its names and not at this one (`witnessedAt`: the data folder's witness's and the key
 * folder's copies' locations; the name a drill made with `cp -al data/ snap/` carries production's
 * witness along, naming data/), or when no witness saw it at any of its names (which name is the
 * store's cannot be told). Null when the file has one name, or when this name is the one the store
 * is served by and no server uses another (the start goes on; `otherNamesNotice` says so). Never
 * overridden by ACCEPT_STORE_RESET: nothing about the store is to be accepted, only a name to remove.
 * @param witnessedAt paths the witnesses name (as written: relative ones are read from the working folder).
 */
export function judgeOtherNames(sqlitePath: string, witnessedAt: readonly string[], liveServersOn: (path: string) => LiveServerEntry[]): StoreRefusedError | null {
  const node = fileNodeOf(sqlitePath);
  if (!node || node.links <= 1) return null;
  const place = realPlaceOf(sqlitePath);
  const sameFileWitnessed = [...new Set(witnessedAt.map((path) => realPlaceOf(resolve(path))))].filter((path) => sameNode(fileNodeOf(path), node));
  const servers = serversUnderOtherNames(sqlitePath, otherNamesOf(sqlitePath, [...sameFileWitnessed, ...witnessedAt]), liveServersOn);
  const others = otherNamesOf(sqlitePath, [...sameFileWitnessed, ...servers.map(({ name }) => name)]);
  const file = say(
    `the event store file ${place} is the same file (device ${node.dev}, inode ${node.ino}) as ${others.length > 0 ? others.join(', ') : 'another name not found beside it'} — it has ${node.links} names`,
    `事件库文件 ${place} 与 ${others.length > 0 ? others.join('、') : '另一个名称（在其附近未找到）'} 是同一个文件（设备 ${node.dev}，inode ${node.ino}），共有 ${node.links} 个名称`,
  );
  const findOthers = others.length > 0 ? null : say(` Find the other names with: find / -xdev -samefile ${place}`, `可用 find / -xdev -samefile ${place} 找出其他名称。`);
  const refuse = (why: Bilingual, store: string) => {
    const stray = [place, ...others].filter((name) => name !== store);
    const copy = HOW_TO_COPY(store, stray.length > 0 ? stray : [place]);
    return new StoreRefusedError(
      'STORE_FILE_HAS_OTHER_NAMES',
      say(
        `Nothing was written: ${file.en}. ${why.en} ${NOT_A_COPY.en} ${copy.en}${findOthers?.en ?? ''}`,
        `未写入任何内容：${file.zh}。${why.zh}${NOT_A_COPY.zh}${copy.zh}${findOthers?.zh ?? ''}`,
      ),
    );
  };
  const [server] = servers;
  if (server) {
    const { entry, name } = server;
    return refuse(
      say(
        `Another Rectify server (host ${entry.host}, pid ${entry.pid}, started in ${entry.cwd}) serves it now as ${name}; a second server on it as ${place} would damage it.`,
        `另一台 Rectify 服务（主机 ${entry.host}，进程 ${entry.pid}，在文件夹 ${entry.cwd} 中启动）正以 ${name} 的名称使用它；再以 ${place} 启动一台服务会把它写坏。`,
      ),
      name,
    );
  }
  if (sameFileWitnessed.includes(place)) return null;
  const [witnessed] = sameFileWitnessed;
  if (witnessed) {
    return refuse(
      say(
        `This installation serves that store as ${witnessed} (its store witness says so): ${place} is only another name of the live file, not a copy of it.`,
        `本安装是以 ${witnessed} 使用该事件库的（事件库见证文件如此记载）：${place} 只是正在使用的那个文件的另一个名称，不是它的副本。`,
      ),
      witnessed,
    );
  }
  return refuse(
    say('No store witness says by which of its names the store is served, so this server cannot tell which name is the store and which the stray one.', '没有事件库见证文件记载该事件库是以哪个名称使用的，因此无法判断哪个名称是事件库本身、哪个是多余的。'),
    place,
  );
}

/**
 * What the server serving the store by its own name says (in /health `notices`, cause
 * `STORE_FILE_HAS_OTHER_NAMES`, and in the log) while the file has other names: writes go on, but
 * any Rectify start or tool on another name is refused, and any other program opening it there
 * (an sqlite3 shell, a backup tool) would damage the store. Null while the file has one name.
 */
export function otherNamesNotice(sqlitePath: string, otherNames: readonly string[]): Bilingual | null {
  const node = fileNodeOf(sqlitePath);
  if (!node || node.links <= 1) return null;
  const place = realPlaceOf(sqlitePath);
  const names = otherNames.length > 0 ? otherNames : null;
  return say(
    `The event store file ${place} has ${node.links} names (hard links)${names ? `: also ${names.join(', ')}` : ` (the others are not beside it: find / -xdev -samefile ${place})`}. ${NOT_A_COPY.en} Any Rectify server or tool started on another name is refused; another program opening it there (an sqlite3 shell, a backup tool) would damage the store. ${HOW_TO_COPY(place, names ?? ['<the other name>']).en}`,
    `事件库文件 ${place} 有 ${node.links} 个名称（硬链接）${names ? `：另有 ${names.join('、')}` : `（其他名称不在其附近：可用 find / -xdev -samefile ${place} 找出）`}。${NOT_A_COPY.zh}以其他名称启动的 Rectify 服务或工具都会被拒绝；其他程序（如 sqlite3、备份工具）以那个名称打开它，会把事件库写坏。${HOW_TO_COPY(place, names ?? ['<另一个名称>']).zh}`,
  );
}
