import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { freeFolderBeside, shellWord } from './backup-folder.js';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { loadEnvFile, validateSettings, type AppSettings } from '../config/app-settings.js';
import { quickCheckOffThread } from '../event-store/sqlite-quick-check.js';
import { SqliteStoreInspection } from '../event-store/sqlite-store-inspection.js';
import { say } from '../shared/domain-error.js';
import { ToolRefusal, UsageError, bothLines, runTool, type ToolUsage } from './cli-failure.js';

/*
 * breaker9i P2: every refusal says "restore the store from a backup", and nothing said how to take
 * one. A copy of a live store's `.db` and `-wal` made with `cp` is consistent only by luck (a `-wal`
 * written between the two copies, or the files listed in another order); SQLite's online backup
 * copies one consistent state of the database, whatever the server writes meanwhile.
 */

const USAGE: ToolUsage = {
  zh: `用法：npm run store:backup -- <备份文件夹>
把配置的 SQLite 事件库（SQLITE_PATH）备份到一个新的或空的文件夹：先复制事件库见证文件，再用 SQLite 的在线备份
复制数据库的一个一致状态（服务可以同时运行并写入），然后用 PRAGMA quick_check 检查备份。签名密钥（keys 文件夹）
不在其中：请另行备份，不要与数据放在一起。已有同名文件时拒绝，从不覆盖。
退出状态：0 已备份，1 被拒绝或失败，2 用法有误。`,
  en: `Usage: npm run store:backup -- <backup folder>
Backs the configured SQLite event store (SQLITE_PATH) up into a new or empty folder: the store witness
first, then one consistent state of the database through SQLite's online backup (the server may be
running and writing), then PRAGMA quick_check of the copy. The signing key (the keys folder) is not
in it: back it up separately, never beside the data. Refused where a file of that name exists: never overwrites.
Exit status: 0 backed up, 1 refused or failed, 2 usage.`,
};

function parseOptions(argv: string[]): { folder: string } {
  const { values, positionals } = parseArgs({ args: argv, options: { help: { type: 'boolean' } }, allowPositionals: true, strict: true });
  if (values.help) throw new UsageError();
  if (positionals.length !== 1) throw new UsageError(say('Give exactly one folder to back the store up into.', '请给出且只给出一个备份文件夹。'));
  // `npm run` starts in the project folder; a relative path means where the operator typed it.
  return { folder: resolve(process.env.INIT_CWD ?? process.cwd(), positionals[0]!) };
}


/**
 * Copies the store into `folder`: the witness first — so that the copy's witness names a head the
 * copied database holds, and the copy starts as it is at another place —, then the database through
 * SQLite's online backup (left as one file, out of WAL mode), then `PRAGMA quick_check` of the copy. Refused for a store that is not a
 * SQLite file, a store file that does not exist, and a folder already holding a file of either name.
 * @returns what was copied: the files, the copy's head position (null: empty) and its event count.
 * @throws ToolRefusal (nothing written) or SQLite's error.
 */
async function backUp(settings: AppSettings, folder: string) {
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
  mkdirSync(folder, { recursive: true });
  const witnessed = existsSync(witness);
  if (witnessed) copyFileSync(witness, witnessCopy);
  const source = new Database(store, { readonly: true, fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    await source.backup(copy);
  } finally {
    source.close();
  }
  // One file, as a backup is kept and moved: the copy leaves WAL mode (a server started on it takes WAL again).
  const written = new Database(copy, { fileMustExist: true });
  try {
    written.pragma('journal_mode = DELETE');
  } finally {
    written.close();
  }
  const problems = await quickCheckOffThread(copy);
  if (problems.length > 0) {
    throw new ToolRefusal(say(`The copy ${copy} fails PRAGMA quick_check: ${problems.join('; ')}. Keep the earlier backups.`, `备份 ${copy} 未通过 PRAGMA quick_check：${problems.join('；')}。请保留此前的备份。`));
  }
  const inspection = new SqliteStoreInspection(copy);
  try {
    return { copy, witnessCopy: witnessed ? witnessCopy : null, head: inspection.headEvent()?.position ?? null };
  } finally {
    inspection.close();
  }
}

async function main(): Promise<void> {
  const { folder } = parseOptions(process.argv.slice(2));
  loadEnvFile();
  const settings = validateSettings(process.env);
  const { copy, witnessCopy, head } = await backUp(settings, folder);
  const at = head === null ? say('an empty log', '空日志') : say(`log position ${head}`, `日志位置 ${head}`);
  console.log(
    bothLines(
      say(
        `Backed up ${settings.SQLITE_PATH} to ${copy} (${at.en}; PRAGMA quick_check ok)${witnessCopy ? `, its witness to ${witnessCopy}` : ' (no witness beside it)'}. The signing key is not in this backup: keep a backup of it apart from the data.`,
        `已把 ${settings.SQLITE_PATH} 备份到 ${copy}（${at.zh}；PRAGMA quick_check 通过）${witnessCopy ? `，见证文件备份到 ${witnessCopy}` : '（旁边没有见证文件）'}。签名密钥不在此备份中：请另行备份，不要与数据放在一起。`,
      ),
    ),
  );
}

runTool(main, USAGE);
