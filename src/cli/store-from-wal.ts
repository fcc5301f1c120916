import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { say } from '../shared/domain-error.js';
import { NO_SQLITE3_FIRST, rebuildFromWal, walNotAloneAdvice } from '../event-store/wal-only-store.js';
import { ToolRefusal, UsageError, bothLines, runTool, type ToolUsage } from './cli-failure.js';

/*
 * breaker52-9 S5: the store file deleted under a running server that could not copy what it held; every event was still in the
 * -wal beside the missing .db, and nothing led back to them. This tool writes a new store file from the -wal alone.
 */

const USAGE: ToolUsage = {
  zh: `用法：npm run store:from-wal -- <-wal 文件> [<新文件>]
.db 文件已不在（例如服务运行时被删除）而其 -wal 仍在时，从该 -wal 重建事件库：取 -wal 中的第 1 页作为新数据库的开头，
经由 -wal 的副本读出全部页，写成一个独立的新文件（默认 <-wal 所在位置去掉 -wal 后加 .from-wal-<时刻>.db），并用 PRAGMA quick_check 检查。
只读取该 -wal，不改动它；已有同名文件时拒绝。然后把新文件放到事件库位置（SQLITE_PATH，其旁不要留 -wal 或 -shm），正常启动并进行台账校验。
${NO_SQLITE3_FIRST.zh}
退出状态：0 已重建，1 被拒绝或失败，2 用法有误。`,
  en: `Usage: npm run store:from-wal -- <-wal file> [<new file>]
When the .db file is gone (deleted under a running server, say) but its -wal is still there, rebuilds the
event store from that -wal: page 1 taken from the -wal, every page read through a copy of the -wal, written
as one new file of its own (by default the -wal's path without -wal, plus .from-wal-<instant>.db) and checked
with PRAGMA quick_check. The -wal is only read; a file of the new name is never overwritten. Then put the new
file in place as the store (SQLITE_PATH, with no -wal or -shm beside it), start normally and run ledger:verify.
${NO_SQLITE3_FIRST.en}
Exit status: 0 rebuilt, 1 refused or failed, 2 usage.`,
};

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ args: process.argv.slice(2), options: { help: { type: 'boolean' } }, allowPositionals: true, strict: true });
  if (values.help) throw new UsageError();
  if (positionals.length < 1 || positionals.length > 2) throw new UsageError(say('Give the -wal file, and optionally the new file to write.', '请给出 -wal 文件，以及（可选）要写出的新文件。'));
  // `npm run` starts in the project folder; a relative path means where the operator typed it.
  const here = process.env.INIT_CWD ?? process.cwd();
  const wal = resolve(here, positionals[0]!);
  if (!existsSync(wal)) throw new ToolRefusal(say(`${wal} does not exist.`, `${wal} 不存在。`));
  const target = positionals[1] ? resolve(here, positionals[1]) : `${wal.replace(/-wal$/, '')}.from-wal-${new Date().toISOString().replace(/[:.]/g, '-')}.db`;
  // breaker57-9 M2: the misuses are said as what they are, in Chinese first, before anything is read.
  if (isDatabaseFile(wal)) {
    throw new ToolRefusal(
      say(
        `${wal} is a store file (.db), not a -wal file: this tool rebuilds a store only from a -wal whose .db is gone. Nothing was read or written. Give the -wal (the file ending in -wal beside the .db).`,
        `${wal} 是事件库文件（.db），不是 -wal 文件：本工具只在 .db 已不在时从其 -wal 重建事件库。未读取、未写出任何内容。请给出 -wal 文件（.db 旁以 -wal 结尾的文件）。`,
      ),
    );
  }
  const beside = wal.endsWith('-wal') ? wal.slice(0, -'-wal'.length) : null;
  if (beside !== null && existsSync(beside)) {
    throw new ToolRefusal(
      say(
        `${beside} is there beside ${wal}: the -wal is that store's own (a server on it reads the two together), so there is nothing to rebuild. Nothing was read or written. Start (or keep running) the server on ${beside}. Only if that .db is another file put in its place (the deleted file's .db gone): keep a copy of the data folder (cp -a), move this -wal out of the folder, and run the tool on it there.`,
        `${beside} 就在 ${wal} 旁：该 -wal 是这个事件库自己的（使用它的服务会把二者一起读取），无须重建。未读取、未写出任何内容。请在 ${beside} 上启动（或继续运行）服务。仅当该 .db 是后来放到此处的另一个文件（原来的 .db 已不在）时：先复制保留数据文件夹（cp -a），把此 -wal 移出该文件夹，再对移出后的 -wal 运行本工具。`,
      ),
    );
  }
  if (existsSync(target)) {
    throw new ToolRefusal(say(`${target} exists already: nothing was written (a file is never overwritten). Name a new file.`, `${target} 已存在：未写出任何内容（不会覆盖已有文件）。请给出一个新的文件名。`));
  }
  let content;
  try {
    content = rebuildFromWal(wal, target);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    // breaker53-9 M1, newcomer53-9 S1: why a -wal does not make a store alone, and what to do instead.
    const instead = /exists already/.test(why) ? say('', '') : walNotAloneAdvice(process.env.SQLITE_PATH ? resolve(here, process.env.SQLITE_PATH) : wal.replace(/-wal$/, ''), wal);
    // breaker57-9 M2: no English inside the Chinese line — the known causes in Chinese, any other one named as said below.
    const whyZh = /holds no page 1/.test(why)
      ? '其中没有数据库的第 1 页（不是 SQLite 的 -wal，或是在 .db 上次检查点之后开始、未写到第 1 页的 -wal）'
      : /malformed|not a database/i.test(why)
        ? '读出的内容不是完整的数据库'
        : '原因见下一行英文';
    throw new ToolRefusal(say(`Could not rebuild a store from ${wal}: ${why}. The -wal was not changed. ${instead.en}`.trim(), `未能从 ${wal} 重建事件库：${whyZh}。该 -wal 未被改动。${instead.zh}`));
  }
  const reach = content.last === null ? say('no event', '不含任何事件') : say(`events ${content.first}–${content.last} (${content.count})`, `事件 ${content.first}–${content.last}（${content.count} 条）`);
  const gaps = content.whole
    ? say('', '')
    : say(' The events do not run from 1 without a gap: pages of the deleted .db that the -wal never rewrote are missing; keep the -wal and the newest backup, and compare them before putting this file in place.', '这些事件并非从 1 起连续无缺：被删除的 .db 中未被 -wal 重写的页已缺失；请保留该 -wal 和最新备份，比较后再决定是否放回此文件。');
  console.log(
    bothLines(
      say(
        `Rebuilt from ${wal}: ${target}, holding ${reach.en} (PRAGMA quick_check ok).${gaps.en} Put it in place as the store (remove any -wal and -shm beside that path first, keeping a copy of this -wal), start normally, and run npm run ledger:verify.`,
        `已从 ${wal} 重建：${target}，含${reach.zh}（完整性检查通过）。${gaps.zh}请把它放到事件库位置（先移走该位置旁的 -wal 与 -shm，并保留本 -wal 的副本），正常启动，然后进行台账校验（npm run ledger:verify）。`,
      ),
    ),
  );
}

/** Whether the file at `path` begins as an SQLite database file does (its 16-byte header, "SQLite format 3" and a NUL). */
function isDatabaseFile(path: string): boolean {
  try {
    const fd = openSync(path, 'r');
    try {
      const header = Buffer.alloc(16);
      return readSync(fd, header, 0, 16, 0) === 16 && header.equals(Buffer.from('SQLite format 3\0', 'latin1'));
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

runTool(main, USAGE);
