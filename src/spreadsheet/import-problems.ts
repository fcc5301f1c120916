import { createHash } from 'node:crypto';
import type { Bilingual } from '../shared/domain-error.js';

/*
 * What every importer shares: file formats and the problems it reports. Importers are
 * all-or-nothing: either every row is fine, or the caller gets every problem at once and nothing
 * to write.
 */

export const ImportFormats = ['xlsx', 'csv', 'yaml', 'json'] as const;
export type ImportFormat = (typeof ImportFormats)[number];

/**
 * `row` says where to look: the spreadsheet row for XLSX and CSV (the header is row 1, as Excel
 * numbers them even when a quoted CSV field spans several lines), the line for YAML and JSON;
 * null for the file or the plan as a whole.
 */
export interface ImportProblem {
  readonly row: number | null;
  readonly reason: string;
  /** The reason in Chinese: what the web app shows, and what `messageZh` quotes. Never English. */
  readonly reasonZh: string;
  /** The XLSX sheet the row is on, when the file has sheets. */
  readonly sheet?: string;
  /**
   * The row's title, when the row is refused only as a likely duplicate the office may confirm is a
   * problem of its own (findings imports: `distinctTitles`); the 导入 page offers the choice on it.
   */
  readonly distinctTitle?: string;
}

/** A problem at a row (null: the whole file), said in both languages. */
export const problemAt = (row: number | null, reason: Bilingual): ImportProblem => ({ row, reason: reason.en, reasonZh: reason.zh });

/** A column's label as people read it in Chinese: `具体表现 (description)` → `具体表现`. */
export const labelZh = (label: string): string => label.replace(/\s*\([^()]*\)$/, '');

/** A required column the header lacks. */
export const missingColumn = (row: number, label: string): ImportProblem => ({ row, reason: `Missing column ${label}.`, reasonZh: `缺少“${labelZh(label)}”列。` });

/** What a reading leaves to tell besides its result: the sheet read, columns not imported, rows skipped. */
export interface ReadingNotes {
  /** The XLSX sheet read (every message names it), null for other formats. */
  readonly sheet?: string | null;
  /** Columns of the file that nothing imports (备注 …): listed in the result, never silently. */
  readonly notImported?: readonly string[];
  /** Rows skipped on purpose, such as footnotes (注：…). */
  readonly notices?: readonly ImportProblem[];
  /** Hidden XLSX sheets holding a table of the import's columns, not read (each also named in a notice). */
  readonly hiddenSheets?: readonly string[];
}

export type ImportResult<Key extends string, Value> =
  | ({ readonly ok: true } & { readonly [K in Key]: Value } & ReadingNotes)
  | { readonly ok: false; readonly problems: readonly ImportProblem[]; readonly sheet?: string | null };

/** The format a file name announces, or undefined for anything else (including old binary .xls). */
export function importFormatOf(fileName: string): ImportFormat | undefined {
  const extension = /\.([^.]+)$/.exec(fileName.trim())?.[1]?.toLowerCase();
  if (extension === 'yml') return 'yaml';
  return ImportFormats.find((format) => format === extension);
}

/** Hex sha256 of a file's bytes: what WorkPlanImported records to recognise the same file again. */
export const sha256Of = (content: Uint8Array | string): string => createHash('sha256').update(content).digest('hex');

/** File-level problems first, then by sheet and row; the order found is kept within a row. */
export function sortedProblems(problems: readonly ImportProblem[]): ImportProblem[] {
  const seen = new Set<string>();
  // A file read over several sheets: each sheet's problems together, in the order the sheets come.
  const sheets = [...new Set(problems.map((problem) => problem.sheet ?? ''))];
  const sheetOrder = (problem: ImportProblem) => (problem.row === null && !problem.sheet ? -1 : sheets.indexOf(problem.sheet ?? ''));
  return problems
    .map((problem, index) => ({ problem, index }))
    .filter(({ problem }) => {
      const key = `${problem.sheet ?? ''}\u0000${problem.row}\u0000${problem.reason}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => sheetOrder(a.problem) - sheetOrder(b.problem) || (a.problem.row ?? 0) - (b.problem.row ?? 0) || a.index - b.index)
    .map(({ problem }) => problem);
}
