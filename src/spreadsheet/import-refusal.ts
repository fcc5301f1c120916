import { DomainError, say, type ErrorCode } from '../shared/domain-error.js';
import type { ImportFormat, ImportProblem, ReadingNotes } from './import-problems.js';

/*
 * How a refused import reaches a person: one DomainError whose message sums the problems up and
 * whose `details.problems` lists every one of them ({ row, reason }), for GraphQL clients; the
 * command-line tools print them one per line.
 */

/** Where a problem is: a spreadsheet's row, a YAML or JSON file's line, or the file as a whole. */
export function placeOf(row: number | null, format: ImportFormat | undefined, sheet?: string | null): string {
  const inSheet = sheet ? `sheet "${sheet}" ` : '';
  if (row === null) return sheet ? `sheet "${sheet}"` : 'file';
  return format === 'yaml' || format === 'json' ? `line ${row}` : `${inSheet}row ${row}`;
}

/**
 * How many of a refusal's problems an answer lists: the GraphQL answer (`extensions.problems`, then `problemCount` and
 * `problemsNotListed`) and the tools' output. A 台账 at the limits refused row by row had 25 000 problems, answered in one
 * 10 MB piece that held the server's thread for seconds (breaker53-10 S3); a clerk corrects the first hundred, of mostly one
 * kind, and imports again.
 */
export const PROBLEMS_LISTED = 100;

/** The first `PROBLEMS_LISTED` of `problems`, and how many more there are (0 when all are listed). */
export function listedProblems<T>(problems: readonly T[]): { readonly listed: readonly T[]; readonly notListed: number } {
  return problems.length <= PROBLEMS_LISTED ? { listed: problems, notListed: 0 } : { listed: problems.slice(0, PROBLEMS_LISTED), notListed: problems.length - PROBLEMS_LISTED };
}

/** What a list of the first problems says of the rest: 「另有 24900 个问题未列出…」 and its English; `tools`: a dry run named as their option. */
export function notListedWords(notListed: number, total: number, tools = false): { readonly en: string; readonly zh: string } {
  return {
    en: `… and ${notListed} more problems not listed (${total} in all; the first ${total - notListed} are listed). They are often of the kinds listed: correct those throughout the file and import again${tools ? ' (or --dry-run)' : ''} to see the rest.`,
    zh: `……另有 ${notListed} 个问题未列出（共 ${total} 个，以上列出前 ${total - notListed} 个）。其余问题多与所列同类：请在整个文件中改正同类问题后重新导入（${tools ? '或加 --dry-run 试导入' : '或预览'}），即可看到其余问题。`,
  };
}

/** Where a problem is, in Chinese: 第 3 行, 工作表“二、政策解读”第 3 行, 整个文件. */
export function placeZhOf(problem: Pick<ImportProblem, 'row' | 'sheet'>): string {
  const inSheet = problem.sheet ? `工作表“${problem.sheet}”` : '';
  if (problem.row === null) return inSheet || '整个文件';
  return `${inSheet}第 ${problem.row} 行`;
}

/** `row 3: Unknown lead unit …`, one line per problem. */
export const problemLines = (problems: readonly ImportProblem[], format?: ImportFormat, sheet?: string | null): string[] =>
  problems.map((problem) => `${placeOf(problem.row, format, problem.sheet ?? sheet)}: ${problem.reason}`);

/**
 * The hint of a refusal of a workbook read over several sheets (P7): each problem names its sheet, and one sheet can be read alone
 * (--sheet, the 导入 page's 工作表（Excel 文件）). Said in the page's words; the tools say their option (`inToolWords`).
 */
export function severalSheetsHint(sheets: readonly string[]): { readonly en: string; readonly zh: string } {
  const names = sheets.map((name) => `“${name}”`).join('');
  return {
    en: `The workbook was read over ${sheets.length} sheets (${sheets.map((name) => `"${name}"`).join(', ')}); each problem names its sheet. To import one sheet alone, name it (--sheet, or the import page's 工作表（Excel 文件）).`,
    zh: `本文件读取了 ${sheets.length} 个工作表（${names}），各问题已注明所在工作表；如只需导入其中一个工作表，请在“工作表（Excel 文件）”中填写其名称。`,
  };
}

/**
 * Nothing of `fileName` was written, because of `problems` (at least one). `sheet`: the one XLSX sheet read, named for every problem
 * without a sheet of its own; `sheetsRead`: the sheets read when there were several — then no problem is given another's sheet, the
 * message hints at reading one alone (`severalSheetsHint`) and `details.sheetsRead` lists them.
 */
export function importRefused(
  fileName: string,
  format: ImportFormat | undefined,
  problems: readonly ImportProblem[],
  code: ErrorCode = 'BAD_USER_INPUT',
  sheetGiven?: string | null,
  sheetsRead?: readonly string[],
): DomainError {
  const several = sheetsRead !== undefined && sheetsRead.length > 1 ? sheetsRead : null;
  const sheet = several ? null : sheetGiven;
  const hint = several ? severalSheetsHint(several) : null;
  const rows = [...new Set(problems.map((problem) => problem.row).filter((row) => row !== null))];
  const places = several ? [...new Set(problems.filter((problem) => problem.row !== null).map((problem) => placeOf(problem.row, format, problem.sheet)))] : [];
  const where =
    several
      ? places.length === 0 ? '' : ` on ${places.slice(0, 10).join(', ')}${places.length > 10 ? ', …' : ''}`
      : rows.length === 0
      ? ''
      : ` on ${format === 'yaml' || format === 'json' ? 'line' : 'row'}${rows.length > 1 ? 's' : ''} ${rows.slice(0, 10).join(', ')}${rows.length > 10 ? ', …' : ''}`;
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  const first = problemLines(problems.slice(0, 1), format, sheet)[0];
  const inSheet = sheet ? ` (sheet "${sheet}")` : '';
  const firstProblem = problems[0]!;
  const placeZh = placeZhOf(firstProblem);
  // Over several sheets a row number alone names no row: each place with its sheet (P7).
  const placesZh = several ? [...new Set(problems.filter((problem) => problem.row !== null).map(placeZhOf))] : [];
  const whereZh = several
    ? placesZh.length === 0 ? '' : `，在${placesZh.slice(0, 10).join('、')}${placesZh.length > 10 ? '等' : ''}`
    : rows.length === 0 ? '' : `，在第 ${rows.slice(0, 10).join('、')}${rows.length > 10 ? ' 等' : ' '}行`;
  return new DomainError(
    code,
    say(
      `${fileName || 'The file'}${inSheet} was not imported (${count}${where}); nothing was written. ${problems.length > 1 ? 'The first problem' : 'The problem'}: ${first}${hint ? ` ${hint.en}` : ''}`,
      `${fileName || '该文件'}${sheet ? `（工作表“${sheet}”）` : ''} 未导入（${problems.length} 个问题${whereZh}），未写入任何内容。` +
        `${problems.length > 1 ? '第一个问题' : '问题'}：${placeZh}：${firstProblem.reasonZh}${hint ? hint.zh : ''}`,
    ),
    {
      ...(several ? { sheetsRead: several } : {}),
      problems: problems.map(({ row, reason, reasonZh, sheet: onSheet, distinctTitle, nearName }) => ({
        row,
        reason,
        reasonZh,
        ...(onSheet ?? sheet ? { sheet: onSheet ?? sheet } : {}),
        ...(distinctTitle === undefined ? {} : { distinctTitle }),
        ...(nearName === undefined ? {} : { nearName }),
      })),
    },
  );
}

/**
 * Whether the file was read over several sheets: `readSpreadsheet`'s notice 「已读取 2 个工作表：…」 names them all, so the first
 * sheet (`ReadingNotes.sheet`, the result's) is not said again as the one read (breaker10n P5: 「读取了工作表“青川市财政局”。…
 * 已读取 2 个工作表」 contradicted itself).
 */
const readSeveralSheets = (notes: ReadingNotes): boolean => (notes.notices ?? []).some((notice) => notice.row === null && /^Read \d+ sheets: /u.test(notice.reason));

/**
 * `\nRead sheet "任务表".\nNot imported: 备注, 联系人.\nRow 40: …` to follow a summary line: the sheet read, the columns not imported
 * and every notice, each on a line of its own (breaker54-10 M5: all on the summary's line, a row's notice could not be found among
 * tens); empty when there is nothing to tell.
 */
export function describeNotes(notes: ReadingNotes): string {
  const parts: string[] = [];
  if (notes.sheet && !readSeveralSheets(notes)) parts.push(`Read sheet "${notes.sheet}".`);
  if (notes.notImported && notes.notImported.length > 0) parts.push(`Not imported: ${notes.notImported.join(', ')}.`);
  for (const notice of notes.notices ?? []) parts.push(`${notice.row === null ? '' : `${placeOf(notice.row, undefined, notice.sheet).replace(/^./, (first) => first.toUpperCase())}: `}${notice.reason}`);
  return parts.map((part) => `\n${part}`).join('');
}

/** `describeNotes` in Chinese: the sheet read, the columns not imported and every notice, each a sentence ending in 。 on a line of its own. */
export function describeNotesZh(notes: ReadingNotes): string {
  const parts: string[] = [];
  if (notes.sheet && !readSeveralSheets(notes)) parts.push(`读取了工作表“${notes.sheet}”。`);
  if (notes.notImported && notes.notImported.length > 0) parts.push(`未导入的列：${notes.notImported.join('、')}。`);
  for (const notice of notes.notices ?? []) parts.push(`${notice.row === null && !notice.sheet ? '' : `${placeZhOf(notice)}：`}${notice.reasonZh}`);
  return parts.map((part) => `\n${/[。！？]$/.test(part) ? part : `${part}。`}`).join('');
}

/**
 * A summary (`describeNotes` after its first line) with `added` said at the end of its first line, before the notices' lines: a dry
 * run's version (「方案版本：第 3 版…」) belongs to the summary, not to the last notice.
 */
export function withFirstLineEnding(summary: string, added: string): string {
  const end = summary.indexOf('\n');
  return end < 0 ? `${summary}${added}` : `${summary.slice(0, end)}${added}${summary.slice(end)}`;
}

/** The sheets a refused import read, when it read several (`importRefused`'s `sheetsRead`); empty otherwise. */
export function sheetsReadOf(error: unknown): readonly string[] {
  if (!(error instanceof DomainError)) return [];
  const sheets = error.details?.sheetsRead;
  return Array.isArray(sheets) ? (sheets as string[]) : [];
}

/** The problems of a refused import, or undefined for any other error. */
export function problemsOf(error: unknown): ImportProblem[] | undefined {
  if (!(error instanceof DomainError)) return undefined;
  const problems = error.details?.problems;
  return Array.isArray(problems) ? (problems as ImportProblem[]) : undefined;
}
