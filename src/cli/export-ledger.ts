import 'reflect-metadata';
import { rename, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadEnvFile, validateSettings } from '../config/app-settings.js';
import { allEventSchemas } from '../event-sourcing/all-event-schemas.js';
import { ProjectedStreams } from '../event-sourcing/projected-streams.js';
import { replayLogInto } from '../event-sourcing/replay-log.js';
import { openToolStore } from '../event-store/store-admission.js';
import { EXPORT_FILE_STEM, exportFileName, tableToCsv, tableToXlsx, type ExportKind } from '../exports/export-files.js';
import { exportLedger, exportWorkPlan, type ExportSources } from '../exports/export.queries.js';
import { UnitsReadModel } from '../organization/units/units.read-model.js';
import { RectificationLedger } from '../rectification/ledger/rectification-ledger.js';
import { WorkPlanLedger } from '../work-plan/breakdown/work-plan-ledger.js';
import { UsageError, bothLines, runTool, type ToolUsage } from './cli-failure.js';
import { say } from '../shared/domain-error.js';

const USAGE: ToolUsage = {
  zh: `用法：npm run ledger:export -- [--kind ledger|work-plan] [--format xlsx|csv] [--as-of YYYY-MM-DD]
                                  [--evaluation <id>] [--plan <id>] [--out <文件>]
从配置的事件库（EVENT_STORE、SQLITE_PATH 等）导出截至某一工作日（默认今天，按中国办公日）的整改台账
（--kind ledger，默认；不给 --evaluation 时含全部评估）或工作方案进展（--kind work-plan；不给 --plan 时为最新方案），
格式为 XLSX（默认）或 CSV（UTF-8，带 BOM）。只读：服务可以同时运行。
--out 默认为当前文件夹中的 整改台账-<日期>.<格式>（工作方案为 工作方案进展-…）。
每条记录都按台账哈希链核对；事件库已加封而本机没有本单位的签名密钥（或密钥不是见证文件所记的那一把）时，
记录封印无法校验：照常写出，并在标准错误输出上先中文、后英文说明“未校验记录封印”。在另一台机器上读取的备份
（store:backup 的输出）或副本，其见证文件在本机密钥文件夹中没有副本时同样照常写出，并说明“未与见证副本比对”。
退出状态：0 已写出（包括上述未校验封印的情形），1 被拒绝或失败，2 用法有误。`,
  en: `Usage: npm run ledger:export -- [--kind ledger|work-plan] [--format xlsx|csv] [--as-of YYYY-MM-DD]
                                  [--evaluation <id>] [--plan <id>] [--out <file>]
Writes the 整改台账 (--kind ledger, the default; every evaluation unless --evaluation) or a work
plan's progress (--kind work-plan; the newest plan unless --plan) as of a business day (default
today, China office day), as XLSX (default) or CSV (UTF-8 with BOM), from the configured event
store (EVENT_STORE, SQLITE_PATH, …). Reads only: the server may be running.
--out defaults to 整改台账-<as-of>.<format> (工作方案进展-… for a work plan) in the current folder.
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
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) throw new UsageError();
  const kind = values.kind ?? 'ledger';
  if (kind !== 'ledger' && kind !== 'work-plan') throw new UsageError(say('--kind must be ledger or work-plan.', '--kind（导出内容）必须是 ledger（整改台账）或 work-plan（工作方案进展）。'));
  const format = values.format ?? (values.out?.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx');
  if (format !== 'xlsx' && format !== 'csv') throw new UsageError(say('--format must be xlsx or csv.', '--format（格式）必须是 xlsx 或 csv。'));
  return { kind: kind as ExportKind, format: format as 'xlsx' | 'csv', asOf: values['as-of'], evaluationId: values.evaluation, planId: values.plan, out: values.out };
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
    await replayLogInto(store, schemas, [ledger, plans, units]);
    const sources: ExportSources = { ledger, plans, units, dueSoonDays: settings.DUE_SOON_DAYS, latestRecordedAt: null };
    const now = new Date();
    const table =
      options.kind === 'ledger'
        ? await exportLedger(sources, { reader: null, asOf: options.asOf, evaluationId: options.evaluationId }, now)
        : await exportWorkPlan(sources, { reader: null, asOf: options.asOf, planId: options.planId }, now);
    const bytes = options.format === 'xlsx' ? await tableToXlsx(table, EXPORT_FILE_STEM[options.kind]) : tableToCsv(table);
    // `npm run` starts in the project folder; a relative path means where the operator typed it.
    const out = resolve(process.env.INIT_CWD ?? process.cwd(), options.out ?? exportFileName(options.kind, table.asOf, options.format, table.knownAt));
    await writeWhole(out, bytes);
    console.log(bothLines(say(`Wrote ${out}: ${table.title}, ${table.rows.length} rows.`, `已写出 ${out}：${table.title}，共 ${table.rows.length} 行。`)));
  } finally {
    await store.close();
  }
}

runTool(main, USAGE);
