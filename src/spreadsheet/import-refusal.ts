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

/** Where a problem is, in Chinese: 第 3 行, 工作表“二、政策解读”第 3 行, 整个文件. */
export function placeZhOf(problem: Pick<ImportProblem, 'row' | 'sheet'>): string {
  const inSheet = problem.sheet ? `工作表“${problem.sheet}”` : '';
  if (problem.row === null) return inSheet || '整个文件';
  return `${inSheet}第 ${problem.row} 行`;
}

/** `row 3: Unknown lead unit …`, one line per problem. */
export const problemLines = (problems: readonly ImportProblem[], format?: ImportFormat, sheet?: string | null): string[] =>
  problems.map((problem) => `${placeOf(problem.row, format, problem.sheet ?? sheet)}: ${problem.reason}`);

/** Nothing of `fileName` was written, because of `problems` (at least one). */
export function importRefused(
  fileName: string,
  format: ImportFormat | undefined,
  problems: readonly ImportProblem[],
  code: ErrorCode = 'BAD_USER_INPUT',
  sheet?: string | null,
): DomainError {
  const rows = [...new Set(problems.map((problem) => problem.row).filter((row) => row !== null))];
  const where =
    rows.length === 0
      ? ''
      : ` on ${format === 'yaml' || format === 'json' ? 'line' : 'row'}${rows.length > 1 ? 's' : ''} ${rows.slice(0, 10).join(', ')}${rows.length > 10 ? ', …' : ''}`;
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  const first = problemLines(problems.slice(0, 1), format, sheet)[0];
  const inSheet = sheet ? ` (sheet "${sheet}")` : '';
  const firstProblem = problems[0]!;
  const placeZh = placeZhOf(firstProblem);
  const whereZh = rows.length === 0 ? '' : `，在第 ${rows.slice(0, 10).join('、')}${rows.length > 10 ? ' 等' : ' '}行`;
  return new DomainError(
    code,
    say(
      `${fileName || 'The file'}${inSheet} was not imported (${count}${where}); nothing was written. ${problems.length > 1 ? 'The first problem' : 'The problem'}: ${first}`,
      `${fileName || '该文件'}${sheet ? `（工作表“${sheet}”）` : ''} 未导入（${problems.length} 个问题${whereZh}），未写入任何内容。` +
        `${problems.length > 1 ? '第一个问题' : '问题'}：${placeZh}：${firstProblem.reasonZh}`,
    ),
    {
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

/** ` Not imported: 备注, 联系人. Skipped: row 40 (footnote …).` for a summary line; empty when there is nothing to tell. */
export function describeNotes(notes: ReadingNotes): string {
  const parts: string[] = [];
  if (notes.sheet && !readSeveralSheets(notes)) parts.push(`Read sheet "${notes.sheet}".`);
  if (notes.notImported && notes.notImported.length > 0) parts.push(`Not imported: ${notes.notImported.join(', ')}.`);
  for (const notice of notes.notices ?? []) parts.push(`${notice.row === null ? '' : `${placeOf(notice.row, undefined, notice.sheet).replace(/^./, (first) => first.toUpperCase())}: `}${notice.reason}`);
  return parts.length === 0 ? '' : ` ${parts.join(' ')}`;
}

/** `describeNotes` in Chinese: the sheet read, the columns not imported and every notice, each a sentence ending in 。, no spaces. */
export function describeNotesZh(notes: ReadingNotes): string {
  const parts: string[] = [];
  if (notes.sheet && !readSeveralSheets(notes)) parts.push(`读取了工作表“${notes.sheet}”。`);
  if (notes.notImported && notes.notImported.length > 0) parts.push(`未导入的列：${notes.notImported.join('、')}。`);
  for (const notice of notes.notices ?? []) parts.push(`${notice.row === null && !notice.sheet ? '' : `${placeZhOf(notice)}：`}${notice.reasonZh}`);
  // Chinese sentences follow each other with no space between (newcomer18: 「…。 读取了工作表…」), each ending in 。.
  return parts.map((part) => (/[。！？]$/.test(part) ? part : `${part}。`)).join('');
}

/** The problems of a refused import, or undefined for any other error. */
export function problemsOf(error: unknown): ImportProblem[] | undefined {
  if (!(error instanceof DomainError)) return undefined;
  const problems = error.details?.problems;
  return Array.isArray(problems) ? (problems as ImportProblem[]) : undefined;
}
