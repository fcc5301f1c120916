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
  /**
   * The unit name as the row writes it, when the row is refused only because the name is near a registered unit's without
   * abbreviating it (青川市教育体育局 beside 青川市教育局, newcomer25 S8): the office may confirm it means that unit
   * (`nearNames`); the 导入 page offers the choice on it.
   */
  readonly nearName?: string;
}

/** How many further rows a folded notice lists by number (`foldedNotices`) before it says 等 and the count. */
const FOLDED_ROWS_LISTED = 10;

/**
 * Notices said in the same words of several rows of one sheet — 「“各区县政府”即 2 个单位：…」 on each of 160 rows (newcomer45-10
 * M5) — as one, at the first row, naming the others: 「…（第 12、15 行同此）」, past `FOLDED_ROWS_LISTED` 「（第 12、15…行等 159 行同此）」.
 * Others as they are, in their order. Pure.
 */
export function foldedNotices(notices: readonly ImportProblem[]): ImportProblem[] {
  const rowsOf = new Map<string, number[]>();
  const keyOf = (notice: ImportProblem) => `${notice.sheet ?? ''}\u0000${notice.reason}\u0000${notice.reasonZh}`;
  for (const notice of notices) if (notice.row !== null) rowsOf.set(keyOf(notice), [...(rowsOf.get(keyOf(notice)) ?? []), notice.row]);
  const said = new Set<string>();
  return notices.flatMap((notice) => {
    const rows = notice.row === null ? [] : [...new Set(rowsOf.get(keyOf(notice)))].filter((row) => row !== notice.row);
    if (rows.length === 0) return [notice];
    if (said.has(keyOf(notice))) return [];
    said.add(keyOf(notice));
    const listed = rows.slice(0, FOLDED_ROWS_LISTED);
    const more = rows.length > listed.length;
    return [
      {
        ...notice,
        reason: `${notice.reason} The same on row${rows.length === 1 ? '' : 's'} ${listed.join(', ')}${more ? ` and ${rows.length - listed.length} more` : ''}.`,
        reasonZh: `${notice.reasonZh.replace(/。$/u, '')}（第 ${listed.join('、')} 行${more ? `等 ${rows.length} 行` : ''}同此）。`,
      },
    ];
  });
}

/** A problem at a row (null: the whole file), said in both languages. */
export const problemAt = (row: number | null, reason: Bilingual): ImportProblem => ({ row, reason: reason.en, reasonZh: reason.zh });

/** A column's label as people read it in Chinese: `具体表现 (description)` → `具体表现`. */
export const labelZh = (label: string): string => label.replace(/\s*\([^()]*\)$/, '');

/**
 * A required column the header lacks, with the names it is read under and the columns of the header nothing read
 * (newcomer36 S4: 「缺少“事项”列」 beside a column headed 整改任务 left the clerk guessing which name was wanted).
 * @param named the column's names, the first few of which are offered (`ColumnSpec.aliases`); none: only the label.
 * @param unread the header's columns no key read, as written.
 */
export const missingColumn = (row: number, label: string, named: readonly string[] = [], unread: readonly string[] = []): ImportProblem => {
  const name = labelZh(label);
  const offered = named.filter((alias) => /\p{Script=Han}/u.test(alias)).slice(0, 6);
  const offeredEn = named.filter((alias) => !/\p{Script=Han}/u.test(alias)).slice(0, 3);
  const unreadZh = unread.length === 0 ? '' : `；本表中未读取的列：“${unread.join('”“')}”`;
  const unreadEn = unread.length === 0 ? '' : `; columns of this header not read: ${unread.join(', ')}`;
  if (offered.length === 0) return { row, reason: `Missing column ${label}${unreadEn}.`, reasonZh: `缺少“${name}”列${unreadZh}。` };
  return {
    row,
    reason: `Missing column ${label}: no column of the header is read as it (head it ${[...offered, ...offeredEn].map((alias) => `"${alias}"`).join(', ')} …)${unreadEn}. If the file has such a column, give it one of these names; if not, add one.`,
    // Both cases said (breaker10q P8: only 序号 unread, and the clerk was told to rename a column the file does not have).
    reasonZh: `缺少“${name}”列：表头中没有可读作${name}的列（列名可用“${offered.join('”“')}”等）${unreadZh}。如表中有写${name}的列，请把其列名改为其中之一；没有则请增加该列。`,
  };
};

/**
 * A required column the header lacks, beside columns that do not stand in for it (协同单位 is no 牵头单位, breaker10i P9);
 * `or` labels the columns that would (责任单位, listing the lead first).
 */
export const missingColumnBeside = (row: number, label: string, beside: readonly string[], or: readonly string[]): ImportProblem => {
  const name = labelZh(label);
  const orZh = or.map((other) => `，或增加“${labelZh(other)}”列并把${name}写在第一个`).join('');
  const orEn = or.map((other) => `, or a ${other} column naming it first`).join('');
  return {
    row,
    reason: `Missing column ${label}: column ${beside.join(', ')} names units that take part, never the ${label}. Add a ${label} column${orEn}.`,
    reasonZh: `缺少“${name}”列：“${beside.join('”“')}”列写的是配合的单位，不能作为${name}。请增加“${name}”列${orZh}。`,
  };
};

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
  /** The XLSX sheets read, when more than one was: a refusal decided later names each row's sheet and hints at --sheet. */
  readonly sheets?: readonly string[];
}

export type ImportResult<Key extends string, Value> =
  | ({ readonly ok: true } & { readonly [K in Key]: Value } & ReadingNotes)
  | {
      readonly ok: false;
      readonly problems: readonly ImportProblem[];
      /** The one XLSX sheet read: problems without a sheet of their own are on it. */
      readonly sheet?: string | null;
      /** The XLSX sheets read, when more than one was: every problem about a row names its own (`ImportProblem.sheet`). */
      readonly sheets?: readonly string[];
    } & {
      /**
       * What was read beside the problems, when they are problems of some rows (or columns) and every other row was read: the
       * feature checks its rows too and refuses with its problems and these at once, so the clerk fixes the file once (issue 10:
       * a row's unexplained mark hid its own 「早于方案批准日期」). Absent when nothing could be read (no header, a missing column).
       * A caller that does not look at it refuses with `problems` alone, as before.
       */
      readonly [K in Key]?: Value;
    };

/** The format a file name announces, or undefined for anything else (including old binary .xls). */
export function importFormatOf(fileName: string): ImportFormat | undefined {
  const extension = /\.([^.]+)$/.exec(fileName.trim())?.[1]?.toLowerCase();
  if (extension === 'yml') return 'yaml';
  return ImportFormats.find((format) => format === extension);
}

/** Spreadsheet formats offices save that the import does not read, by extension: what each is, in both languages. */
const OTHER_SPREADSHEETS: Record<string, { readonly en: string; readonly zh: string }> = {
  xls: { en: 'an old Excel 97-2003 workbook (.xls)', zh: '旧版 Excel 工作簿（.xls）' },
  xlt: { en: 'an old Excel template (.xlt)', zh: '旧版 Excel 模板（.xlt）' },
  xlsb: { en: 'an Excel binary workbook (.xlsb)', zh: 'Excel 二进制工作簿（.xlsb）' },
  et: { en: 'a WPS spreadsheet (.et)', zh: 'WPS 表格文件（.et）' },
  ett: { en: 'a WPS spreadsheet template (.ett)', zh: 'WPS 表格模板（.ett）' },
  ods: { en: 'an OpenDocument spreadsheet (.ods)', zh: 'OpenDocument 表格（.ods）' },
};

/** The first bytes of an OLE2 compound file: how .xls, .et and password-protected workbooks begin. */
const OLE2_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const SAVE_AS_XLSX = {
  en: 'open it in Excel or WPS and save it as an Excel workbook (.xlsx) ("Save As" → "Excel Workbook"), then import that file.',
  zh: '请在 Excel 或 WPS 中打开，“另存为”Excel 工作簿（.xlsx）后再导入。',
};

/**
 * Why a spreadsheet the office saved cannot be read as it is, and the way forward (breaker11i P7:
 * an old Excel .xls or a WPS .et was refused only as an unknown file type): by its name's extension
 * (.xls, .xlt, .xlsb, .et, .ett, .ods), or by its bytes whatever its name — an OLE2 compound file is
 * an .xls or .et renamed, or a workbook with an open password, never an .xlsx or a CSV. Null when
 * neither says so (the format's own reader then judges the file).
 */
export function otherSpreadsheetProblem(fileName: string, content?: Uint8Array): Bilingual | null {
  const extension = /\.([^.]+)$/.exec(fileName.trim())?.[1]?.toLowerCase() ?? '';
  const named = OTHER_SPREADSHEETS[extension];
  if (named) return { en: `This is ${named.en}, which cannot be imported as it is: ${SAVE_AS_XLSX.en}`, zh: `这是${named.zh}文件，不能直接导入：${SAVE_AS_XLSX.zh}` };
  if (content && content.length >= OLE2_SIGNATURE.length && OLE2_SIGNATURE.every((byte, at) => content[at] === byte)) {
    return {
      en: `"${fileName}" is not in the format its name says: it is an old Excel (.xls) or WPS (.et) file, or a workbook with an open password. Remove the password if any, and ${SAVE_AS_XLSX.en}`,
      zh: `“${fileName}”的内容不是其文件名所示的格式，而是旧版 Excel（.xls）或 WPS（.et）文件，或设置了打开密码的工作簿：如有打开密码，请先取消；${SAVE_AS_XLSX.zh}`,
    };
  }
  return null;
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
