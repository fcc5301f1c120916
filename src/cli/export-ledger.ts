import 'reflect-metadata';
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadEnvFile, validateSettings } from '../config/app-settings.js';
import { allEventSchemas } from '../event-sourcing/all-event-schemas.js';
import { ProjectedStreams } from '../event-sourcing/projected-streams.js';
import { replayLogInto } from '../event-sourcing/replay-log.js';
import { openToolStore } from '../event-store/store-admission.js';
import { EXPORT_FILE_STEM, exportFileName, tableToCsv, tableToXlsx, type ExportKind } from '../exports/export-files.js';
import { exportLedger, exportWorkPlan, type ExportSources } from '../exports/export.queries.js';
import { UnitsReadModel } from '../organization/units/units.read-model.js';
import { UsersReadModel } from '../access/users/users.read-model.js';
import { RectificationLedger } from '../rectification/ledger/rectification-ledger.js';
import { WorkPlanLedger } from '../work-plan/breakdown/work-plan-ledger.js';
import { ToolRefusal, UsageError, bothLines, runTool, type ToolUsage } from './cli-failure.js';
import { say } from '../shared/domain-error.js';
import { officeDate } from '../shared/calendar-date.js';

const USAGE: ToolUsage = {
  zh: `用法：npm run ledger:export -- [--kind ledger|work-plan] [--format xlsx|csv] [--as-of YYYY-MM-DD]
                                  [--evaluation <id>] [--plan <id>] [--out <文件> [--replace]]
从配置的事件库（EVENT_STORE、SQLITE_PATH 等）导出截至某一工作日（默认今天，按中国办公日）的整改台账
（--kind ledger，默认；不给 --evaluation 时含全部评估）或工作方案进展（--kind work-plan；不给 --plan 时为最新方案），
格式为 XLSX（默认）或 CSV（UTF-8，带 BOM）。只读：服务可以同时运行。
--out 默认为当前文件夹中的 整改台账-<日期>.<格式>（工作方案为 工作方案进展-…）；文件名须以 .xlsx 或 .csv 结尾，
不给 --format 时按文件名定格式。文件夹须已存在；同名文件已存在时不写出，除非加 --replace。
每条记录都按台账哈希链核对；事件库已加封而本机没有本单位的签名密钥（或密钥不是见证文件所记的那一把）时，
记录封印无法校验：照常写出，并在标准错误输出上先中文、后英文说明“未校验记录封印”。在另一台机器上读取的备份
（store:backup 的输出）或副本，其见证文件在本机密钥文件夹中没有副本时同样照常写出，并说明“未与见证副本比对”。
退出状态：0 已写出（包括上述未校验封印的情形），1 被拒绝或失败，2 用法有误。`,
  en: `Usage: npm run ledger:export -- [--kind ledger|work-plan] [--format xlsx|csv] [--as-of YYYY-MM-DD]
                                  [--evaluation <id>] [--plan <id>] [--out <file> [--replace]]
Writes the 整改台账 (--kind ledger, the default; every evaluation unless --evaluation) or a work
plan's progress (--kind work-plan; the newest plan unless --plan) as of a business day (default
today, China office day), as XLSX (default) or CSV (UTF-8 with BOM), from the configured event
store (EVENT_STORE, SQLITE_PATH, …). Reads only: the server may be running.
--out defaults to 整改台账-<as-of>.<format> (工作方案进展-… for a work plan) in the current folder;
its name ends in .xlsx or .csv, which sets the format unless --format does. Its folder must exist;
an existing file is left alone unless --replace.
Every row is checked against the ledger's hash chain; when the store is sealed and the office's
signing key is not at hand (or is not the key the witness names), row seals cannot be checked: the
file is written all the same and stderr says "Row seals not checked" (Chinese first, then English).
A backup (store:backup's output) or a copy read on another machine, whose witness has no copy in this
key folder, is written all the same too, and stderr says "Witness copy not compared".
Exit status: 0 written (seals unchecked included), 1 refused or failed, 2 usage.`,
};

function parseOptions(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      kind: { type: 'string' },
      format: { type: 'string' },
      'as-of': { type: 'string' },
      evaluation: { type: 'string' },
      plan: { type: 'string' },
      out: { type: 'string' },
      replace: { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) throw new UsageError();
  const kind = values.kind ?? 'ledger';
  if (kind !== 'ledger' && kind !== 'work-plan') throw new UsageError(say('--kind must be ledger or work-plan.', '--kind（导出内容）必须是 ledger（整改台账）或 work-plan（工作方案进展）。'));
  const named = values.out === undefined ? null : formatNamedBy(values.out);
  const format = values.format ?? named ?? 'xlsx';
  if (format !== 'xlsx' && format !== 'csv') throw new UsageError(say('--format must be xlsx or csv.', '--format（格式）必须是 xlsx 或 csv。'));
  // The file's name says what an office's computer opens it with: a 台账 written as XLSX under report.pdf, or as CSV
  // under 台账.xlsx, opens as a broken file (newcomer27 S7).
  if (values.out !== undefined && named !== format) {
    throw new UsageError(
      named === null
        ? say(`--out ${values.out}: the file name must end in .xlsx or .csv (the format written).`, `--out ${values.out}：文件名须以 .xlsx 或 .csv 结尾（即导出的格式）。`)
        : say(`--out ${values.out} names a .${named} file, but --format is ${format}: make them agree.`, `--out ${values.out} 是 .${named} 文件，而 --format 为 ${format}：两者须一致。`),
    );
  }
  // breaker57-9 M4: a day after today (a year mistyped) was exported as of today without a word — the API's "the future is
  // today" — and the office took the file for the day it asked for.
  const asOf = values['as-of'];
  const today = officeDate(new Date());
  if (asOf !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(asOf) && asOf > today) {
    throw new ToolRefusal(
      say(
        `--as-of ${asOf} is after today (${today}, office time): a 台账 can be exported as of today at the latest. Nothing was written. Check the year, or leave --as-of out for today.`,
        `--as-of ${asOf} 晚于今天（${today}）：台账最晚只能导出截至今天的情况。未写出任何文件。请检查年份是否写错，或去掉 --as-of 以导出截至今天的台账。`,
      ),
    );
  }
  return { kind: kind as ExportKind, format: format as 'xlsx' | 'csv', asOf, evaluationId: values.evaluation, planId: values.plan, out: values.out, replace: values.replace ?? false };
}

/** The export format a file name ends in (case-insensitive), or null for any other ending. */
function formatNamedBy(path: string): 'xlsx' | 'csv' | null {
  const ending = extname(path).toLowerCase();
  return ending === '.xlsx' ? 'xlsx' : ending === '.csv' ? 'csv' : null;
}

/**
 * Refuses, before the log is read, a destination the 台账 cannot be written to as asked (newcomer27 S7): a folder that
 * does not exist (named itself, never as the tool's temporary file), a folder given as the file, or a file already
 * there unless `--replace` says to replace it — an office's earlier 台账 is never overwritten silently.
 * @throws ToolRefusal naming the path and what to do, Chinese first.
 */
async function checkDestination(path: string, replace: boolean): Promise<void> {
  const folder = dirname(path);
  const folderStat = await stat(folder).catch(() => null);
  if (!folderStat?.isDirectory()) {
    throw new ToolRefusal(say(`The folder ${folder} does not exist: nothing was written. Create it (mkdir -p ${folder}) or give --out a file in an existing folder.`, `文件夹 ${folder} 不存在：未写出任何文件。请先创建该文件夹（mkdir -p ${folder}），或让 --out 指向已有文件夹中的文件。`));
  }
  const existing = await stat(path).catch(() => null);
  if (existing?.isDirectory()) throw new ToolRefusal(say(`${path} is a folder: give --out a file name ending in .xlsx or .csv.`, `${path} 是文件夹：请让 --out 指向以 .xlsx 或 .csv 结尾的文件名。`));
  if (existing && !replace) {
    throw new ToolRefusal(say(`${path} already exists: nothing was written. Give another --out, or add --replace to replace it.`, `${path} 已存在：未写出任何文件（不会覆盖已有文件）。请换一个 --out 文件名，或加 --replace 表示替换它。`));
  }
}

/**
 * Writes `bytes` to `path` whole or not at all: into a temporary file beside it, renamed over it
 * once written, so a failure (a full disk, a killed tool) never leaves a half-written 台账 where the
 * office would open it. The temporary file is removed when the write fails.
 */
async function writeWhole(path: string, bytes: Uint8Array): Promise<void> {
  const temporary = `${path}.${process.pid}.partial`;
  try {
    await writeFile(temporary, bytes, { flag: 'wx' });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  // `npm run` starts in the project folder; a relative path means where the operator typed it.
  const typedFrom = process.env.INIT_CWD ?? process.cwd();
  if (options.out !== undefined) await checkDestination(resolve(typedFrom, options.out), options.replace);
  loadEnvFile();
  const settings = validateSettings(process.env);
  // Judged as the server would (a mistyped SQLITE_PATH beside the store the key vouches for is named), then
  // opened to read only: a read never writes the file nor its -wal (breaker9c P1, breaker9d P4).
  // What cannot be checked — seals of a copy read without the office's key, as ledger:verify says them; a copy
  // whose witness has no copy beside the key here (a backup read on another machine, breaker9r P6) — is said, and the export written.
  const store = await openToolStore(settings, { readOnly: true, notChecked: (note) => console.error(bothLines(note)) });
  const schemas = allEventSchemas();
  try {
    // Replayed here, up to the head seen at the start (a server may append meanwhile), each row
    // checked against the ledger chain as the server's read models are (breaker9q P3): a row edited
    // or inserted by hand stops the export before anything is written.
    const streams = new ProjectedStreams(store, schemas);
    const ledger = new RectificationLedger(streams);
    const plans = new WorkPlanLedger(streams);
    const units = new UnitsReadModel();
    // The accounts, to name who corrected an inspection as the server's export does (newcomer46-8 M2).
    const users = new UsersReadModel();
    await replayLogInto(store, schemas, [ledger, plans, units, users]);
    const sources: ExportSources = { ledger, plans, units, users, dueSoonDays: settings.DUE_SOON_DAYS, latestRecordedAt: null };
    const now = new Date();
    const table =
      options.kind === 'ledger'
        ? await exportLedger(sources, { reader: null, asOf: options.asOf, evaluationId: options.evaluationId }, now)
        : await exportWorkPlan(sources, { reader: null, asOf: options.asOf, planId: options.planId }, now);
    const bytes = options.format === 'xlsx' ? await tableToXlsx(table, EXPORT_FILE_STEM[options.kind]) : tableToCsv(table);
    const out = resolve(typedFrom, options.out ?? exportFileName(options.kind, table.asOf, options.format, table.knownAt));
    await checkDestination(out, options.replace);
    await writeWhole(out, bytes);
    console.log(bothLines(say(`Wrote ${out}: ${table.title}, ${table.rows.length} rows.`, `已写出 ${out}：${table.title}，共 ${table.rows.length} 行。`)));
  } finally {
    await store.close();
  }
}

runTool(main, USAGE);
