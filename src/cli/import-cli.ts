import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { basename, resolve } from 'node:path';
import { loadEnvFile, validateSettings } from '../config/app-settings.js';
import { allEventSchemas } from '../event-sourcing/all-event-schemas.js';
import { replayLog } from '../event-sourcing/replay-log.js';
import { openToolStore } from '../event-store/store-admission.js';
import { UnitsReadModel } from '../organization/units/units.read-model.js';
import { commandContext, type CommandContext } from '../shared/command-context.js';
import { isCalendarDate } from '../shared/calendar-date.js';
import { importFormatOf, sha256Of } from '../spreadsheet/import-problems.js';
import { listedProblems, notListedWords, placeZhOf, problemLines, problemsOf, severalSheetsHint, sheetsReadOf } from '../spreadsheet/import-refusal.js';
import type { ImportDependencies, ImportFile } from '../imports/import-run.js';
import { UsageError, bothLines, failureText, reportUsage, type ToolUsage } from './cli-failure.js';
import { inToolWords, inToolWordsEn } from './tool-words.js';
import { say, type Bilingual } from '../shared/domain-error.js';

/*
 * What the import tools (plan:import, units:import, findings:import) share: read the file, open
 * the configured store (EVENT_STORE, SQLITE_PATH, …) — a running server sees what they append —,
 * learn the units directory by replaying the log, act as the SYSTEM actor `cli:<user>`, and
 * answer with a summary (exit 0), the usage (exit 2) or every problem of the file (exit 1), each
 * Chinese first (breaker9e P2).
 */

export { UsageError };

/** An office day given on the command line, `YYYY-MM-DD`; the import's rules check the rest (not in the future, in order). */
export function officeDayArgument(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!isCalendarDate(value)) throw new UsageError(say(`${flag} must be a day written YYYY-MM-DD, such as 2016-04-25.`, `${flag} 须写成 YYYY-MM-DD 形式的日期，例如 2016-04-25。`));
  return value;
}

/**
 * The names `--near` gives (repeatable: `--near 青川市教育体育局 --near 西山县教育体育局`), trimmed, blanks dropped; undefined when
 * none: the unit names the office confirms mean the registered unit they are near (newcomer25 S8, `nearNames`). Read alike: the
 * finding titles `--distinct-title` gives, confirmed problems of their own (`distinctTitles`, newcomer45-10 M3).
 */
export function nearNamesArgument(values: readonly string[] | undefined): string[] | undefined {
  const names = (values ?? []).map((each) => each.trim()).filter((each) => each !== '');
  return names.length > 0 ? names : undefined;
}

/**
 * The plan version `--plan-version` gives (the number a dry run printed: 0 or a positive whole number, digits only), undefined
 * when not given. UsageError for anything else — 1e1, 3.0, -1, 三 (breaker50-10 M1: 1e1 was read as 10).
 */
export function planVersionArgument(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const written = value.normalize('NFKC').trim();
  if (/^\d{1,9}$/.test(written)) return Number(written);
  throw new UsageError(
    say(`--plan-version is the plan version a dry run gave: 0 or a whole number such as 3 (not "${value}").`, `--plan-version 应为试导入所示的方案版本号：0 或正整数，例如 3（而不是“${value}”）。`),
  );
}

/**
 * `argv` with each of `options` followed by a word starting with a dash (`--plan-version -1`) joined into one word
 * (`--plan-version=-1`), so the option's own rule judges the value: node's parseArgs takes such a word for another option.
 */
export function withDashValues(argv: readonly string[], options: readonly string[]): string[] {
  const joined: string[] = [];
  for (let at = 0; at < argv.length; at += 1) {
    const word = argv[at]!;
    const next = argv[at + 1];
    if (options.includes(word) && next !== undefined && /^-\d/.test(next)) {
      joined.push(`${word}=${next}`);
      at += 1;
    } else joined.push(word);
  }
  return joined;
}

export interface ImportTool<Options> {
  readonly usage: ToolUsage;
  readonly commandType: string;
  /** The file's path and the tool's own options (`dryRun`: `--dry-run`, nothing is written — no store created either), or a UsageError. */
  parse(argv: string[]): Options & { readonly file: string; readonly dryRun?: boolean };
  /** Imports and returns the summary to print, in both languages. */
  run(dependencies: ImportDependencies, file: ImportFile, options: Options, context: CommandContext): Promise<Bilingual>;
}

export function runImportTool<Options>(tool: ImportTool<Options>): void {
  let fileName: string | undefined;
  main(tool, (name) => (fileName = name)).then(
    (summary) => {
      // What the page would say, in the tools' words (newcomer18 S2: --revise, not 勾选“按新版本调整”).
      console.log(bothLines({ ...summary, zh: inToolWords(summary.zh), en: inToolWordsEn(summary.en) }));
    },
    (error: unknown) => {
      process.exitCode = reportFailure(error, withCommonUsage(tool.usage), fileName);
    },
  );
}

/** What every import tool takes besides its own options, said after each tool's usage. */
const COMMON_USAGE: ToolUsage = {
  zh: 'SQLITE_PATH 处没有事件库时拒绝，不创建任何文件（多半是在别的文件夹中运行了工具）；确要新建空事件库时加 --new-store。--dry-run 不写入也不创建任何文件：与 --new-store 同用时按空事件库试导入。',
  en: 'Where SQLITE_PATH names no store the tool refuses and creates nothing (most likely it was run in another folder); --new-store starts a new, empty one there. --dry-run writes and creates no file: with --new-store the file is tried against an empty store.',
};

const withCommonUsage = (usage: ToolUsage): ToolUsage => ({ zh: `${usage.zh}\n${COMMON_USAGE.zh}`, en: `${usage.en}\n${COMMON_USAGE.en}` });

/** `--sheet <name>` and `--new-store` (every tool takes them: the XLSX sheet to read; a new store), and the tool's own arguments. */
function sheetArgument(argv: readonly string[]): { sheet: string | undefined; newStore: boolean; rest: string[] } {
  const rest: string[] = [];
  let sheet: string | undefined;
  let newStore = false;
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    if (argument === '--new-store') {
      newStore = true;
    } else if (argument === '--sheet') {
      sheet = argv[index + 1];
      if (sheet === undefined || sheet.trim() === '') throw new UsageError(say('--sheet needs the name of a sheet.', '--sheet 后面须给出工作表名称。'));
      index += 1;
    } else if (argument.startsWith('--sheet=')) {
      sheet = argument.slice('--sheet='.length);
    } else {
      rest.push(argument);
    }
  }
  return { sheet, newStore, rest };
}

async function main<Options>(tool: ImportTool<Options>, reading: (fileName: string) => void): Promise<Bilingual> {
  const { sheet, newStore, rest } = sheetArgument(process.argv.slice(2));
  const options = tool.parse(rest);
  // `npm run` starts in the project folder; a relative path means where the operator typed it.
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), options.file);
  reading(basename(path));
  const content = await readFile(path).then(
    (bytes) => new Uint8Array(bytes),
    (error: NodeJS.ErrnoException) => {
      throw Object.assign(new Error(`cannot read ${path}${error.code === 'ENOENT' ? ': no such file' : `: ${error.message}`}.`), {
        messageZh: `无法读取 ${path}：${error.code === 'ENOENT' ? '文件不存在' : error.code === 'EACCES' ? '没有读取权限' : error.code === 'EISDIR' ? '这是文件夹，不是文件' : '读取失败'}。未写入任何内容。`,
      });
    },
  );
  loadEnvFile();
  // A dry run writes no file at all (newcomer28 S1: --new-store --dry-run left an empty store behind, which the real run then wrote unsealed).
  const store = await openToolStore(validateSettings(process.env), { newStore, dryRun: options.dryRun === true });
  const schemas = allEventSchemas();
  try {
    const units = await replayLog(store, schemas, new UnitsReadModel());
    const context = commandContext({
      actor: { id: `cli:${userInfo().username}`, role: 'SYSTEM', unitId: null },
      commandType: tool.commandType,
      idempotencyKey: sha256Of(content),
      now: new Date(),
    });
    return await tool.run({ store, schemas, units }, { name: path, content, sheet }, options, context);
  } finally {
    await store.close();
  }
}

/**
 * Prints why the tool stopped, Chinese first, and returns the exit code: a refused import's first `PROBLEMS_LISTED` problems,
 * each in Chinese then in English, with how many more there are.
 */
export function reportFailure(error: unknown, usage: ToolUsage, fileName: string | undefined): number {
  const usageStatus = reportUsage(error, usage);
  if (usageStatus !== null) return usageStatus;
  const problems = problemsOf(error);
  if (problems) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    // Read over several sheets, each problem names its own; the heading names none, and says how to read one alone (P7).
    const severalSheets = sheetsReadOf(error);
    const hint = severalSheets.length > 1 ? severalSheetsHint(severalSheets) : null;
    const sheet = hint ? undefined : problems.find((problem) => problem.sheet)?.sheet;
    // The office reads Chinese (breaker9c P11): the refusal first in Chinese, each problem in its Chinese words, then the English.
    console.error(`拒绝导入：${fileName ?? '该文件'}${sheet ? `（工作表“${sheet}”）` : ''} 未导入（${problems.length} 个问题），未写入任何内容。`);
    // The first hundred, and how many more: 25 000 lines twice over buried the heading and the hint (breaker53-10 S3).
    const { listed, notListed } = listedProblems(problems);
    const rest = notListed > 0 ? notListedWords(notListed, problems.length, true) : null;
    for (const problem of listed) console.error(`${placeZhOf(problem)}：${inToolWords(problem.reasonZh)}`);
    if (rest) console.error(rest.zh);
    if (hint) console.error(inToolWords(hint.zh));
    console.error(`Refused: ${fileName ?? 'the file'}${sheet ? ` (sheet "${sheet}")` : ''} was not imported (${count}); nothing was written.`);
    for (const line of problemLines(listed, fileName ? importFormatOf(fileName) : undefined)) console.error(inToolWordsEn(line));
    if (rest) console.error(rest.en);
    if (hint) console.error(hint.en);
    return 1;
  }
  // The English line in the tools' words too (newcomer53-10 M2); the Chinese names no API field.
  console.error(inToolWordsEn(failureText(error, undefined, inToolWords)));
  return 1;
}
