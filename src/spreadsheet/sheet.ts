import type ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { isBracketedRemark } from '../shared/brackets.js';
import { MAX_UNIT_NAME_CHARS, longestNameRun, namesInCell, quotedStart, unitCellBeyondLimit, unitCellBeyondLimitWords, symbolLegendOf, textOf, withoutLegendBrackets, withSymbolMarksRead, type Cell, type SymbolMarked, type SymbolMeaning } from './cells.js';
import { deadlineIn } from './records.js';
import { excelSerialDayOf } from './deadline-text.js';
import { columnOf, isBlankCell, isNamed, isPersonColumn, isWeightyColumn, type ColumnSpec, type Columns, type Section, type SourceRecord } from './columns.js';
import { labelZh, missingColumn, missingColumnBeside, type ImportProblem, type ImportResult } from './import-problems.js';
import { textOfFile, type FileContent } from './text-file.js';
import { fileTextBeyondLimitProblem, type CellSize } from './file-limits.js';
import { EMPTY_TEXT_RESULT, prepareXlsx, type SheetSize } from './xlsx-size.js';
import { GROUP_COUNT, footnoteProblem } from './row-remarks.js';
import { chineseNumeralValue } from '../shared/numbers-by-value.js';

/*
 * Spreadsheets (XLSX, CSV) read as offices lay them out, into records of named cells with the
 * row each came from:
 *   - title rows and 填报单位/填报时间 rows above the header (the first single-text row is the
 *     sheet's title);
 *   - the header: the first row, among the first ten, that names two known columns; a second
 *     header row under it (责任单位 merged over 牵头单位 | 配合单位) refines it;
 *   - merged cells read as their top-left cell, so a vertically merged category fills its rows;
 *   - section rows (一、… / （一）…) become the sections of the records below them;
 *   - footnote rows (注：… / 说明：…) are skipped, with a notice;
 *   - an XLSX file is read over its visible sheets, or from the sheet named; hidden sheets that
 *     hold a table are named in a notice and in `hiddenSheets`, never read.
 */

interface SheetRow {
  readonly row: number;
  readonly cells: readonly Cell[];
  /** An XLSX row hidden in the sheet (a cancelled row hidden rather than deleted, or one a filter hides). */
  readonly hidden?: true;
  /** The XLSX cells of the row (letters: `C`) whose text is struck through, wholly or in part. */
  readonly struck?: readonly string[];
  /**
   * Positions of the cells a vertical merge from a row above fills in (a 牵头单位 merged down over the whole table): what the
   * row says of its own leaves them out — a section row crossed by such a merge is still a section row (breaker10q P13).
   */
  readonly fromAbove?: readonly number[];
  /** Positions of the XLSX cells whose number format shows nothing of what they hold (`concealedByFormat`: `;;;`). */
  readonly concealed?: readonly number[];
  /** XLSX date cells whose format shows the month and day but no year (`m"月"d"日"`), by position (`shownDayOf`). */
  readonly withoutYear?: readonly { readonly position: number; readonly shown: ShownDay }[];
  /** XLSX cells with text in a font the colour of the cell's fill (white on no fill), by position, with that text (`unseenTextOf`). */
  readonly unseen?: readonly { readonly position: number; readonly text: string }[];
  /** XLSX number cells whose number format shows them otherwise than the bare number (`shownNumberOf`: 001, 1.10), by position. */
  readonly shownNumbers?: readonly { readonly position: number; readonly text: string }[];
  /** CSV cells quoted over several lines (`QuotedLines`), for `strayQuoteProblem` to judge against the header's width. */
  readonly quotedLines?: readonly QuotedLines[];
}

/**
 * A CSV cell that holds line breaks (so it was quoted): where it is, the file's line its quote opens on, and how many cells each of
 * its lines would make read plainly, split at the file's separator — a line of the header's width inside it is a row swallowed by a
 * stray quote (breaker49-10 S6).
 */
interface QuotedLines {
  readonly position: number;
  /** The file's line (1 = the first, counting a `sep=` line) where the cell's quote opens. */
  readonly line: number;
  /** Per line of the cell, the cells it would make read plainly. */
  readonly fields: readonly number[];
  /** The cell's first characters, to quote. */
  readonly start: string;
}

/**
 * A date cell whose number format shows a month and day and no year — `m"月"d"日"`, `m/d`, `mm-dd` — as the sheet shows it (`text`:
 * 6月30日) beside what it stores (`stored`: 2025-06-30, the year Excel took from the day it was typed) and the cell (`cell`: E3).
 * The stored year is hidden: an import reads the cell by the year it knows of its own when it has one (breaker10r P25).
 */
export interface ShownDay {
  readonly text: string;
  readonly stored: string;
  readonly cell: string;
}

export interface SheetOptions {
  /** The XLSX sheet to read, by name; the first visible one when absent. */
  readonly sheet?: string;
}

/** A header cell no column of the import means. */
export interface UnusedColumn {
  readonly name: string;
  /** Names units, dates or measures (`isWeightyColumn`): the import must use it or refuse the file. */
  readonly weighty: boolean;
  /**
   * The column's distinct non-blank cell texts on record rows, the first `UNUSED_TEXTS_KEPT`: for
   * the import to judge by content what the header does not say (unit names under 责任主体).
   */
  readonly texts?: readonly string[];
  /**
   * Rectify's own export's record of progress (报告日期, 销号日期 …), set by the import that recognised the export: the app's
   * record, judged by no rule of an office's columns (its dates are no deadlines to read).
   */
  readonly appRecord?: true;
}

/** How many of an unused column's texts a table keeps (`UnusedColumn.texts`). */
const UNUSED_TEXTS_KEPT = 20;

/** What a sheet holds besides its records. */
export interface Table<Key extends string> {
  /** The XLSX sheet read, or null for CSV and for a workbook read over several sheets. */
  readonly sheet: string | null;
  /** Every XLSX sheet read, in the workbook's order; empty for CSV. */
  readonly sheets: readonly string[];
  /** The (first) header row. */
  readonly headerRow: number;
  /** The first title row above the header (青川市2026年政务公开工作要点任务分解表), if any. */
  readonly title: string | null;
  readonly records: readonly SourceRecord<Key>[];
  readonly unusedColumns: readonly UnusedColumn[];
  /**
   * The header names each key was read from (完成情况 and 是否完成 for a progress key), in the sheet's
   * order: for a result to list a column read only for what it says about its row as not imported,
   * by the name the file gives it. Absent for YAML and JSON.
   */
  readonly headers?: Readonly<Partial<Record<Key, readonly string[]>>>;
  /** Rows skipped on purpose (footnotes), for the result to mention. */
  readonly notices: readonly ImportProblem[];
  /**
   * Hidden XLSX sheets that hold a table with these columns, not read (a sheet hidden for printing,
   * or an old version kept out of sight); each is named in a notice. Absent or empty otherwise.
   */
  readonly hiddenSheets?: readonly string[];
  /**
   * Each sheet's title row (`title`), by sheet name, for a workbook read over several sheets: what each sheet says it is
   * (青川市2025年…任务分解表 beside the 2026 one), for a feature to judge sheets of another year (breaker46-10 S1). Absent
   * for one sheet and for CSV; a sheet without a title row is not in it.
   */
  readonly sheetTitles?: Readonly<Record<string, string>>;
}

/** Every record of a CSV file, numbered as a spreadsheet would show them (a quoted line break stays in its row). */
/**
 * A CSV cell as it was before the export escaped it: Rectify's CSV exports (tableToCsv, csv-stringify's
 * `escape_formulas`) write a text cell starting with = + - @, a tab or a carriage return (or ＝ ＋ － ＠)
 * with a leading apostrophe, so Excel does not run it as a formula; that one apostrophe is the
 * export's, not the office's (breaker10i P16: a re-imported plan read its measures as '-每周巡查一次
 * and changed them). Excel never stores its own text prefix ' in a cell, so a CSV saved from Excel
 * has none to lose; an apostrophe before anything else is kept.
 */
export const unescapedFormula = (cell: string): string => (/^'[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(cell) ? cell.slice(1) : cell);

/**
 * The separator of a CSV file's cells: a comma, or — in a file whose first lines have no comma outside quotes — a tab (Excel's
 * 「文本文件(制表符分隔)」 renamed .csv, a table pasted from a web page) or a semicolon (a CSV saved where the comma is the decimal
 * mark). breaker10q P19: such files were refused as having no header.
 */
function delimiterOf(text: string): string {
  const lines = text.split(/\r?\n/u).slice(0, 20).map((line) => line.replace(/"[^"]*"/gu, ''));
  const count = (mark: string) => lines.reduce((sum, line) => sum + line.split(mark).length - 1, 0);
  if (count(',') > 0) return ',';
  if (count('\t') > 0) return '\t';
  if (count(';') > 0) return ';';
  return ',';
}

/**
 * Excel's separator line (`sep=,`, `sep=;`, `sep=\t`) opening a CSV file: the separator it names and the text after it. Excel reads
 * that line as the separator and shows the file from the line after it, so the import does too (breaker46-10 M2: read as the title
 * 「sep=」). Null when the file has none.
 */
function separatorLineOf(text: string): { readonly delimiter: string; readonly rest: string } | null {
  const line = /^\uFEFF?"?sep=([^\r\n"])"?[ \t]*(?:\r\n|\n|\r|$)/iu.exec(text);
  return line ? { delimiter: line[1]!, rest: text.slice(line[0].length) } : null;
}

function csvRows(content: FileContent): ImportResult<'rows', { rows: SheetRow[]; notices: ImportProblem[] }> {
  const file = textOfFile(content);
  if (!file.ok) return file;
  const separatorLine = separatorLineOf(file.text);
  const text = separatorLine === null ? file : { ...file, text: separatorLine.rest };
  const delimiter = separatorLine?.delimiter ?? delimiterOf(text.text);
  try {
    const records = parseCsv(text.text, {
      bom: true,
      delimiter,
      relax_column_count: true,
      // A quote inside an unquoted field (hand-edited files) is kept as text.
      relax_quotes: true,
      skip_empty_lines: false,
      info: true,
    }) as unknown as { record: string[]; info: { records: number; lines: number } }[];
    const notices: ImportProblem[] = [];
    /** The file's line each record ends on (a `sep=` line is the file's first). */
    let lastLine = separatorLine === null ? 0 : 1;
    const rows = records.map(({ record, info }): SheetRow => {
      const quotedLines = quotedLinesOf(record, lastLine + 1, delimiter);
      lastLine = info.lines + (separatorLine === null ? 0 : 1);
      return {
        row: info.records,
        cells: record.map(unescapedFormula).map((cell, position) => {
          // 「1²」: a footnote's mark typed after a value is no part of it (breaker45-10 S3).
          const marked = scriptMarksIn(cell);
          if (marked) notices.push(footnoteMarkNotice(info.records, position, marked));
          return marked ? marked.kept : cell;
        }),
        ...(quotedLines.length === 0 ? {} : { quotedLines }),
      };
    });
    return { ok: true, rows: { rows, notices } };
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    const message = error instanceof Error ? error.message : String(error);
    // A quote never closed is reported at the file's last line: the row where it opens is the one to fix (breaker45-10 M2).
    const opened = (error as { code?: string }).code === 'CSV_QUOTE_NOT_CLOSED' ? unclosedQuoteRow(text.text, delimiter) : null;
    if (opened !== null) {
      return {
        ok: false,
        problems: [
          {
            row: opened,
            reason: `The CSV file cannot be read: a quote (") opened on row ${opened} is never closed. Add the closing quote (or remove the opening one) on that row, or save the file from Excel as "CSV UTF-8", then import again.`,
            reasonZh: `CSV 文件无法读取：第 ${opened} 行的引号（"）没有配对的结束引号。请在该行补上结束引号（或删去开头的引号），或用 Excel 另存为“CSV UTF-8”后再导入。`,
          },
        ],
      };
    }
    return {
      ok: false,
      problems: [{ row: line ?? null, reason: `The CSV file cannot be read: ${message}`, reasonZh: 'CSV 文件无法读取：引号或分隔符不成对，请用 Excel 另存为“CSV UTF-8”后再导入。' }],
    };
  }
}

/**
 * The row (as `csvRows` numbers them) whose quoted field opens and never closes, reading quotes as csv-parse does with
 * `relax_quotes` (a quote opens a field only at its start; `""` inside is a quote); null when every quote closes.
 */
function unclosedQuoteRow(text: string, delimiter: string): number | null {
  let row = 1;
  let quoted = false;
  let opened = 0;
  let fieldStart = true;
  for (let index = text.startsWith('\uFEFF') ? 1 : 0; index < text.length; index += 1) {
    const character = text[index]!;
    if (quoted) {
      if (character !== '"') continue;
      if (text[index + 1] === '"') index += 1;
      else quoted = false;
    } else if (character === '"' && fieldStart) {
      quoted = true;
      opened = row;
    } else if (character === delimiter) {
      fieldStart = true;
      continue;
    } else if (character === '\n' || character === '\r') {
      if (character === '\r' && text[index + 1] === '\n') index += 1;
      row += 1;
      fieldStart = true;
      continue;
    }
    fieldStart = false;
  }
  return quoted ? opened : null;
}

const LINE_BREAK = /\r\n|\r|\n/u;

/** The cells of a CSV record that hold line breaks (`QuotedLines`); `line` is the file's line the record starts on. */
function quotedLinesOf(record: readonly string[], line: number, delimiter: string): QuotedLines[] {
  const found: QuotedLines[] = [];
  let at = line;
  record.forEach((cell, position) => {
    const lines = cell.split(LINE_BREAK);
    if (lines.length > 1) found.push({ position, line: at, fields: lines.map((text) => text.split(delimiter).length), start: cell.slice(0, 24) });
    at += lines.length - 1;
  });
  return found;
}

/**
 * The refusal of a CSV row whose quoted cell swallowed rows after it (breaker49-10 S6: 「"按季度公开进展,…」 with no closing quote
 * until two rows down read those rows, items and units, as the cell's text): the quote's own line already holds the rest of its
 * row (as many cells as the header's `width` from the quote on), so the row was whole without the cell running on; and then a
 * line inside the cell is a whole row of the header's width (`fields` ≥ width), or the cell's last line holds the start of
 * the next row. A cell Excel writes over several lines (具体表现 with line breaks) leaves its row short on the quote's line, its
 * other cells coming after the closing quote — so it is read, even when a line inside it has as many commas as the header
 * (breaker50-10 S3: 「公开内容：⏎预算,决算,三公经费,绩效目标,评价结果,审计整改⏎均在门户网站公开",…」 was refused). Null when the row has none.
 */
function strayQuoteProblem(row: SheetRow, width: number, names: readonly string[]): ImportProblem | null {
  const stray = (row.quotedLines ?? []).find(({ position, fields }) => {
    const last = fields.length - 1;
    const rowWholeOnQuotesLine = position < width - 1 && fields[0]! >= width - position;
    const wholeRowInside = fields.some((count, index) => index > 0 && index < last && count >= width);
    return rowWholeOnQuotesLine && (wholeRowInside || fields[last]! >= position + 1);
  });
  if (!stray) return null;
  const lastLine = stray.line + stray.fields.length - 1;
  const column = names[stray.position] || columnLetter(stray.position);
  const start = stray.start.replace(LINE_BREAK, ' ');
  return {
    row: row.row,
    reason:
      `The CSV file's line ${stray.line} has a stray quote ("): the cell it opens (column "${column}", "${start}…") runs on to line ${lastLine}, ` +
      `taking in lines that are rows of their own (as many cells as the header). Nothing is read: remove that quote (or close it at the cell's end), or save the file from Excel as "CSV UTF-8", then import again.`,
    reasonZh:
      `CSV 文件第 ${stray.line} 行有一个多余的引号（"）：它开始的单元格（“${column}”列，“${start}…”）一直延续到第 ${lastLine} 行，` +
      `把其后本身就是完整一行（与表头列数相同）的内容也读进了这一个单元格，事项或单位会因此丢失。未读取任何内容：请删去该引号（如确需引号，请在该单元格末尾补上结束引号），或用 Excel 另存为“CSV UTF-8”后再导入。`,
  };
}

/**
 * The refusal of a row with cells past the header's last column (breaker49-10 S11: 「…,2026-10-31,青川市教育局,青川市民政局」 under a
 * header ending at 配合单位 lost 民政局): naming the row and those cells. A CSV row has them when a cell's commas were typed
 * unquoted (two units, or 「2026年6月底前,长期坚持」); an XLSX sheet's header spans the used columns, so there a blank header cell
 * is what `unnamedColumnProblem` refuses.
 */
function cellsPastHeaderProblem(row: SheetRow, width: number): ImportProblem | null {
  const past = row.cells.slice(width).flatMap((cell, index) => (textOf(cell) === '' ? [] : [{ cell: `${columnLetter(width + index)}${row.row}`, text: textOf(cell) }]));
  if (past.length === 0) return null;
  const shown = (text: string) => (text.length > 20 ? `${text.slice(0, 20)}…` : text);
  const header = columnLetter(width - 1);
  return {
    row: row.row,
    reason:
      `Row ${row.row} has cells past the header's last column (${header}): ${past.map((each) => `${each.cell} "${shown(each.text)}"`).join(', ')}. ` +
      `Nothing is read. If they belong to the cell before them (units or a deadline typed with a comma ","), separate them with 、 instead, or quote the cell; otherwise name their column in the header or delete them.`,
    reasonZh:
      `第 ${row.row} 行在表头最后一列（${header} 列）之后还有内容：${past.map((each) => `${each.cell}“${shown(each.text)}”`).join('、')}，这些内容没有列名，会被遗漏。未读取任何内容：` +
      `如果它们属于前一个单元格（几个单位或时限之间用了英文逗号“,”），请改用顿号“、”分隔，或给该单元格加上引号；否则请在表头填写列名，或删去多出的内容。`,
  };
}

interface Worksheet {
  readonly name: string;
  readonly rows: SheetRow[];
  /** Cells read otherwise than their stored value says, to be told (a date shown as a month only). */
  readonly notices: ImportProblem[];
  /** A hidden sheet, read only to tell whether it holds a table the import leaves out. */
  readonly hidden?: boolean;
  /** A very hidden sheet (`veryHidden`): Excel's 取消隐藏 does not list it. */
  readonly veryHidden?: true;
  /** Positions (0 = column A) of the columns hidden in the sheet (breaker10q P6). */
  readonly hiddenColumns?: readonly number[];
}

/**
 * The sheet asked for, or every visible sheet in the workbook's order (hidden ones are an office's
 * scratch space); merged cells read as their top-left cell, formulas as their result.
 */
/**
 * Told the workbook's sheets' sizes (`SheetSize`) before their cells are read, which can take the reader's whole time: the worker
 * sends them to the server, which names them if the read is stopped (breaker53-10 M2). Unset inline.
 */
let sheetSizesHeard: ((sizes: readonly SheetSize[]) => void) | undefined;

/** Sets where a workbook's sheet sizes go before its cells are read (`sheetSizesHeard`): the worker's parent. */
export const onSheetSizes = (heard: (sizes: readonly SheetSize[]) => void): void => {
  sheetSizesHeard = heard;
};

async function xlsxSheets(content: FileContent, options: SheetOptions): Promise<ImportResult<'worksheets', Worksheet[]>> {
  if (typeof content === 'string') {
    return { ok: false, problems: [{ row: null, reason: 'An XLSX file must be read as bytes, not text.', reasonZh: 'Excel 文件（.xlsx）必须按原始字节读取，不能当作文本。' }] };
  }
  const prepared = await prepareXlsx(content);
  if (!prepared.ok) return { ok: false, problems: [{ row: null, reason: prepared.problem.en, reasonZh: prepared.problem.zh }] };
  sheetSizesHeard?.(prepared.sizes);
  // exceljs is loaded on the first workbook read, not when the server starts: its 655 modules were most of a start's
  // module loading (and of every test file's that loads the app), for a step most starts never take.
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  try {
    // A copy into a plain ArrayBuffer: what exceljs's typings ask for, and JSZip reads.
    await workbook.xlsx.load(new Uint8Array(prepared.bytes).buffer);
  } catch {
    return {
      ok: false,
      problems: [
        {
          row: null,
          reason: 'The file is not an Excel workbook (.xlsx); old .xls files must be saved as .xlsx first.',
          reasonZh: '该文件不是 Excel 工作簿（.xlsx）；旧版 .xls 文件请先另存为 .xlsx。',
        },
      ],
    };
  }
  const names = workbook.worksheets.map((each) => each.name);
  const isHidden = (sheet: ExcelJS.Worksheet) => sheet.state === 'hidden' || sheet.state === 'veryHidden';
  const sheets =
    options.sheet === undefined
      ? workbook.worksheets.filter((each) => !isHidden(each))
      : workbook.worksheets.filter((each) => each.name.trim() === options.sheet!.trim()).slice(0, 1);
  // Hidden sheets are read too when no sheet is named, only to say which of them hold a table (breaker10c P22).
  const hidden = options.sheet === undefined ? workbook.worksheets.filter(isHidden) : [];
  if (sheets.length === 0) {
    const reason =
      options.sheet === undefined
        ? 'The workbook has no visible worksheet.'
        : `The workbook has no sheet "${options.sheet}"; its sheets are ${names.map((name) => `"${name}"`).join(', ')}.`;
    const reasonZh =
      options.sheet === undefined
        ? '工作簿中没有可见的工作表。'
        : `工作簿中没有名为“${options.sheet}”的工作表；现有工作表：${names.map((name) => `“${name}”`).join('、')}。`;
    return { ok: false, problems: [{ row: null, reason, reasonZh }] };
  }
  // A cell far right of the rest (a stray 备注 in column XFD) is refused at once, naming it: read as a column, every row was 16384
  // cells wide, and an 11 KB plan took 54 s and was refused for memory with remedies that do not work (breaker45-10 S4).
  const widths = new Map([...sheets, ...hidden].map((sheet) => [sheet, usedWidthOf(sheet)] as const));
  const far = sheets.flatMap((sheet) => {
    const width = widths.get(sheet)!;
    return width.far ? [{ sheet: sheet.name, ...width.far, width: width.columns }] : [];
  })[0];
  if (far) {
    const table = columnLetter(far.width - 1);
    const where = names.length > 1 ? `工作表“${far.sheet}”的` : '';
    return {
      ok: false,
      problems: [
        {
          row: null,
          reason: `${names.length > 1 ? `Sheet "${far.sheet}": c` : 'C'}ell ${far.cell} holds "${far.text}", far right of the table (which ends at column ${table}): delete that cell (or the columns after ${table}), save, and import again.`,
          reasonZh: `${where}单元格 ${far.cell} 有内容（“${far.text}”），远在表格之外（表格到第 ${table} 列为止）：请删除该单元格（或删去第 ${table} 列右侧的各列）并保存后重新导入。`,
        },
      ],
    };
  }
  return {
    ok: true,
    worksheets: [...sheets, ...hidden].map((sheet) => {
      const rows: SheetRow[] = [];
      const notices: ImportProblem[] = [];
      // Read once, from the cells there are (`usedWidthOf`): exceljs works `columnCount` out over every row each time it is asked,
      // so asking it per cell made a sheet's reading quadratic (breaker12c P10), and a hidden sheet's far cell is no column.
      const columnCount = widths.get(sheet)!.columns;
      const hiddenColumns: number[] = [];
      // A column of width 0 shows nothing as a hidden one does, whether or not it carries the hidden flag (breaker45-10 S2).
      for (let column = 1; column <= columnCount; column += 1) if (sheet.getColumn(column).hidden || sheet.getColumn(column).width === 0) hiddenColumns.push(column - 1);
      sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
        const cells: Cell[] = [];
        const struck: string[] = [];
        const fromAbove: number[] = [];
        const withoutYear: { position: number; shown: ShownDay }[] = [];
        const concealed: number[] = [];
        const shownNumbers: { position: number; text: string }[] = [];
        const unseen: { position: number; text: string }[] = [];
        // Whether the row says anything of its own, not only what cells merged down from a row above fill into it.
        let own = false;
        for (let column = 1; column <= columnCount; column += 1) {
          const cell = row.getCell(column);
          // Words struck out of a cell that keeps others (「市发改委、~~市财政局~~、市审计局」, a deadline struck beside its new one):
          // read as deleted, told — the row stands (breaker43-10 F8: refused as a cancelled row).
          const partly = partlyStruck(cell);
          if (partly) notices.push(partlyStruckNotice(rowNumber, column - 1, partly));
          // A superscript or subscript glued to a value (编号 「1²」, a footnote's mark) is no part of it (breaker45-10 S3: item 12).
          const marked = footnoteMarksOf(partly ? partly.kept : cell.value, cell);
          if (marked && marked.marks.length > 0) notices.push(footnoteMarkNotice(rowNumber, column - 1, marked));
          const value = marked ? marked.kept : partly ? partly.kept : cellOf(cell.value);
          const shown = shownPeriodOf(value, cell.numFmt);
          if (shown) notices.push(shownPeriodNotice(rowNumber, column - 1, shown));
          cells.push(shown?.text ?? shownYearMonthOf(value, cell.numFmt) ?? shownPercentOf(value, cell.numFmt) ?? value);
          const day = shown ? null : shownDayOf(value, cell.numFmt, `${columnLetter(column - 1)}${rowNumber}`);
          if (day) withoutYear.push({ position: column - 1, shown: day });
          const asShown = shownNumberOf(value, cell.numFmt);
          if (asShown !== null) shownNumbers.push({ position: column - 1, text: asShown });
          const mergedDown = cell.isMerged && Number(cell.master.row) !== rowNumber;
          if (mergedDown) fromAbove.push(column - 1);
          if (textOf(value) !== '' && !mergedDown) own = true;
          if (textOf(value) !== '' && isStruckThrough(cell)) struck.push(columnLetter(column - 1));
          if (textOf(value) !== '' && concealedByFormat(value, cell.numFmt)) concealed.push(column - 1);
          const invisible = textOf(value) === '' || mergedDown ? null : unseenTextOf(cell);
          if (invisible !== null) unseen.push({ position: column - 1, text: invisible });
        }
        // A blank row inside a block merged down over it (a 问题 merged over its units' rows, one unit's row emptied; a category
        // merged over its items with a blank row left in) is a blank row: read as a row it was a finding or item with no unit,
        // title or date (session 24).
        if (!own) return;
        // A row of height 0 shows nothing as a hidden one does, whether or not it carries the hidden flag (breaker45-10 S2).
        rows.push({ row: rowNumber, cells, ...(row.hidden || row.height === 0 ? { hidden: true as const } : {}), ...(concealed.length > 0 ? { concealed } : {}), ...(struck.length > 0 ? { struck } : {}), ...(fromAbove.length > 0 ? { fromAbove } : {}), ...(withoutYear.length > 0 ? { withoutYear } : {}), ...(shownNumbers.length > 0 ? { shownNumbers } : {}), ...(unseen.length > 0 ? { unseen } : {}) });
      });
      return { name: sheet.name, rows, notices, ...(isHidden(sheet) ? { hidden: true } : {}), ...(sheet.state === 'veryHidden' ? { veryHidden: true as const } : {}), ...(hiddenColumns.length > 0 ? { hiddenColumns } : {}) };
    }),
  };
}

/** How many empty columns set a cell apart from the table as a stray one (`usedWidthOf`). */
const FAR_COLUMNS = 100;

/**
 * How many columns of a sheet hold something (`columns`: the last such column's number, A = 1), reading only the cells there are,
 * and the first cell (`far`: its reference and text) of a column more than `FAR_COLUMNS` empty columns right of the rest — a stray
 * cell at XFD (breaker45-10 S4) — whose columns are not counted.
 */
function usedWidthOf(sheet: ExcelJS.Worksheet): { readonly columns: number; readonly far?: { readonly cell: string; readonly text: string } } {
  const used = new Map<number, { cell: string; text: string }>();
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      if (used.has(column)) return;
      const text = textOf(cellOf(cell.value));
      if (text !== '' || cell.isMerged) used.set(column, { cell: `${columnLetter(column - 1)}${rowNumber}`, text });
    });
  });
  const columns = [...used.keys()].sort((left, right) => left - right);
  let last = 0;
  for (const column of columns) {
    if (column - last - 1 > FAR_COLUMNS && last > 0) return { columns: last, far: used.get(column)! };
    last = column;
  }
  return { columns: last };
}

/**
 * Whether a cell's text is struck through (删除线) as a whole: its font, or every written run of its rich text (`partlyStruck` reads a
 * cell of which only some runs are). A merged cell's other cells are the first's (exceljs gives them its value), so only the
 * first is judged.
 */
function isStruckThrough(cell: ExcelJS.Cell): boolean {
  if (cell.isMerged && cell.master !== cell) return false;
  const value = cell.value;
  if (value !== null && typeof value === 'object' && 'richText' in value) {
    const written = value.richText.filter((run) => WRITTEN.test(run.text));
    return written.length > 0 && written.every((run) => (run.font?.strike ?? cell.font?.strike) === true);
  }
  return cell.font?.strike === true;
}

/** A rich-text cell some of whose words are struck through: what it keeps (`kept`) and what was struck (`struck`, each run's text). */
interface PartlyStruck {
  readonly kept: string;
  readonly struck: readonly string[];
}

/** Separators left at an edge, or doubled, where struck words are taken out of a list (「A、~~B~~」, 「~~A~~、B」, 「A、~~B~~、C」). */
const LEFT_SEPARATORS = /^[、，,；;/\s]+|[、，,；;/\s]+$/gu;
const DOUBLED_SEPARATOR = /([、，,；;/])(?:\s*[、，,；;/])+/gu;
/** A run that writes something — not only spaces or separators between names. */
const WRITTEN = /[^、，,；;/\s]/u;

/**
 * The cell's text without its struck-through runs, when some of its written runs are struck and some not — an office's revision
 * marks: a unit struck out of 配合单位, an old deadline struck beside the new one, words struck out of a task; null for a cell
 * struck as a whole (`isStruckThrough`: the row is refused as cancelled) or not struck at all. Separators the struck words leave
 * at an edge or doubled are taken out with them (「A、~~B~~、C」 → 「A、C」). Merged cells: the first's, as `isStruckThrough`.
 */
function partlyStruck(cell: ExcelJS.Cell): PartlyStruck | null {
  if (cell.isMerged && cell.master !== cell) return null;
  const value = cell.value;
  if (value === null || typeof value !== 'object' || !('richText' in value)) return null;
  const struckRun = (run: ExcelJS.RichText) => (run.font?.strike ?? cell.font?.strike) === true;
  const written = value.richText.filter((run) => WRITTEN.test(run.text));
  const struck = written.filter(struckRun);
  if (struck.length === 0 || struck.length === written.length) return null;
  const kept = value.richText
    .filter((run) => !struckRun(run))
    .map((run) => run.text)
    .join('')
    .replace(DOUBLED_SEPARATOR, '$1')
    .replace(LEFT_SEPARATORS, '');
  return { kept, struck: struck.map((run) => run.text.trim().replace(LEFT_SEPARATORS, '')) };
}

/** What a cell reads as without its footnote marks (`kept`) and the marks (`marks`, each as written, with whether it is set low). */
interface FootnoteMarked {
  readonly kept: string;
  readonly marks: readonly { readonly text: string; readonly low: boolean }[];
}

/** Unicode's superscript and subscript digits and signs, as footnote marks are typed (「1²」, 「青川市民政局³」). */
const SCRIPT_CHARACTERS = /[\u00B2\u00B3\u00B9\u2070-\u207F\u2080-\u208E]+/gu;
const SUBSCRIPT_CHARACTER = /[\u2080-\u208E]/u;
/** A Latin letter before a superscript makes it part of a measure or formula (m², km³, CO₂), never a footnote's mark. */
const LATIN_BEFORE = /[A-Za-z]$/u;

/**
 * A cell's text without the footnote marks glued to it (`marks` empty when it had none but a rich-text superscript after a Latin
 * letter, read as its Unicode character): rich-text runs set superscript or subscript (`vertAlign`) and Unicode's
 * superscript and subscript digits (「1²」, 「2026年6月¹」, 「青川市民政局³」), read as marks and told — glued in, 编号 「1²」 was
 * item 12 (breaker45-10 S3). One after a Latin letter stays (m², CO₂: a measure, not a mark; a rich-text one as its Unicode
 * character where there is one). Null for a cell with no mark. `value`: the cell's value, or the text `partlyStruck` kept.
 */
function footnoteMarksOf(value: ExcelJS.CellValue | string, cell: ExcelJS.Cell): FootnoteMarked | null {
  if (cell.isMerged && cell.master !== cell) return null;
  const marks: { text: string; low: boolean }[] = [];
  let text: string;
  if (value !== null && typeof value === 'object' && 'richText' in value) {
    text = '';
    for (const run of value.richText) {
      const align = run.font?.vertAlign ?? cell.font?.vertAlign;
      if ((align === 'superscript' || align === 'subscript') && run.text.trim() !== '') {
        if (LATIN_BEFORE.test(text)) text += [...run.text].map((character) => (align === 'superscript' ? SUPERSCRIPT_OF[character] : SUBSCRIPT_OF[character]) ?? character).join('');
        else marks.push({ text: run.text.trim(), low: align === 'subscript' });
      } else text += run.text;
    }
  } else if (typeof value === 'string') text = value;
  else return null;
  const read = scriptMarksIn(text);
  const converted = typeof value === 'object' && text !== cellOf(value);
  return marks.length === 0 && !read && !converted ? null : { kept: read?.kept ?? text, marks: [...marks, ...(read?.marks ?? [])] };
}

/** A text without its Unicode superscript and subscript marks (`footnoteMarksOf`), in a CSV cell too; null for a text with none. */
function scriptMarksIn(text: string): FootnoteMarked | null {
  if (!/[\u00B2\u00B3\u00B9\u2070-\u207F\u2080-\u208E]/u.test(text)) return null;
  const marks: { text: string; low: boolean }[] = [];
  const kept = text.replace(SCRIPT_CHARACTERS, (found, at: number) => {
    if (LATIN_BEFORE.test(text.slice(0, at))) return found;
    marks.push({ text: found, low: SUBSCRIPT_CHARACTER.test(found) });
    return '';
  });
  return marks.length === 0 ? null : { kept, marks };
}
const SUPERSCRIPT_OF: Readonly<Record<string, string>> = Object.fromEntries([...'0123456789+-=()n'].map((character, index) => [character, '⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ'[index]!]));
const SUBSCRIPT_OF: Readonly<Record<string, string>> = Object.fromEntries([...'0123456789+-=()'].map((character, index) => [character, '₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎'[index]!]));

/** 「单元格 C2 中的上标“2”按脚注标记读取，未计入内容：读作“1”。」: a cell read without its footnote marks (`footnoteMarksOf`). */
function footnoteMarkNotice(row: number, position: number, marked: FootnoteMarked): ImportProblem {
  const cell = `${columnLetter(position)}${row}`;
  const what = marked.marks.map((mark) => `${mark.low ? '下标' : '上标'}“${mark.text}”`).join('、');
  return {
    row,
    reason: `Cell ${cell}: the ${marked.marks.map((mark) => `${mark.low ? 'subscript' : 'superscript'} "${mark.text}"`).join(', ')} is read as a footnote mark, not part of the value; the cell is read as "${marked.kept.trim()}".`,
    reasonZh: `单元格 ${cell} 中的${what}按脚注标记读取，未计入内容：读作“${marked.kept.trim()}”。`,
  };
}

/** 「单元格 E3 中带删除线的“青川市教育局”按已删去读取，读作“青川市财政局”。」: a cell read without its struck words (`partlyStruck`). */
function partlyStruckNotice(row: number, position: number, partly: PartlyStruck): ImportProblem {
  const cell = `${columnLetter(position)}${row}`;
  return {
    row,
    reason: `Cell ${cell}: the struck-through ${partly.struck.map((text) => `"${text}"`).join(', ')} is read as deleted; the cell is read as "${partly.kept}".`,
    reasonZh: `单元格 ${cell} 中带删除线的${partly.struck.map((text) => `“${text}”`).join('、')}按已删去读取，读作“${partly.kept}”。`,
  };
}

/**
 * The problem of a row the office hid or struck through (breaker10i P6, breaker10g P12): offices strike or hide a
 * cancelled row rather than delete it (a 调整 version keeps the record), and a filter hides rows too; read as any row
 * it would be an open task, and left out unsaid a withdrawal. Refused, naming the row and its struck cells.
 */
function hiddenOrStruckProblem(row: SheetRow, sheet: string | null): ImportProblem | null {
  const where = sheet === null ? {} : { sheet };
  if (row.hidden) {
    return {
      row: row.row,
      reason: 'The row is hidden in the sheet (a cancelled row hidden rather than deleted, or hidden by a filter): an import reads no meaning into hiding. Unhide it (clear any filter), then delete the row if the item is cancelled (an item imported before is withdrawn on its page), or import it as it stands.',
      reasonZh: '该行在表格中被隐藏（可能是已取消而未删除的事项，也可能是筛选时隐藏）：导入不按隐藏理解其含义。请取消隐藏（或清除筛选）后确认：如该项已取消，请删去该行（已导入的事项请在事项页面撤销）；如仍要办理，取消隐藏后导入。',
      ...where,
    };
  }
  if (row.struck && row.struck.length > 0) {
    const cells = row.struck.map((letter) => `${letter}${row.row}`);
    return {
      row: row.row,
      reason: `Cell${cells.length > 1 ? 's' : ''} ${cells.join(', ')} ${cells.length > 1 ? 'are' : 'is'} struck through (a struck-through row usually means it is cancelled): an import records no cancellation. Delete the row if the item is cancelled (an item imported before is withdrawn on its page), or remove the strike-through if it stands.`,
      reasonZh: `单元格 ${cells.join('、')} 带删除线（通常表示该项已取消）：导入不记录取消。如该项已取消，请删去该行（已导入的事项请在事项页面撤销）；如仍要办理，请去掉删除线后导入。`,
      ...where,
    };
  }
  return null;
}

/**
 * The problem of each cell of `row` in a column the import reads (`read`) whose number format shows nothing (`SheetRow.concealed`:
 * `;;;`, Excel's 「隐藏单元格内容」): as a hidden row is, refused naming the cell — never read as if shown (breaker45-10 S2).
 */
function concealedProblems(row: SheetRow, read: ReadonlySet<number>, names: readonly string[], sheet: string | null): ImportProblem[] {
  // Text in the colour of its cell's fill (white on no fill): unseen on screen and in print as ;;; is (breaker46-10 S3).
  const unseen = (row.unseen ?? [])
    .filter(({ position }) => read.has(position))
    .map(({ position, text }) => {
      const cell = `${columnLetter(position)}${row.row}`;
      const whole = textOf(row.cells[position] ?? null);
      const part = text.trim() === whole.trim() ? '' : `, of "${whole}",`;
      const partZh = text.trim() === whole.trim() ? '' : `（单元格内容为“${whole}”）`;
      return {
        row: row.row,
        reason: `Cell ${cell} (${names[position] ?? ''}) holds "${text}"${part} in a font the colour of the cell's background (such as white on white), unseen on screen and in print: an import does not read what the sheet does not show. Delete that text if it is no longer used, or give it a visible font colour (such as 自动 / black) to import it.`,
        reasonZh: `单元格 ${cell}（“${names[position] ?? ''}”列）中的“${text}”${partZh}字体颜色与单元格底色相同（如白底白字），在屏幕上和打印时都看不到：导入不读取看不到的内容。如该内容已不再使用，请删去；如仍要导入，请把其字体颜色改为“自动”或黑色后导入。`,
        ...(sheet === null ? {} : { sheet }),
      };
    });
  return [...unseen, ...concealedOnly(row, read, names, sheet)];
}

/** `concealedProblems` of the cells whose number format shows nothing (`;;;`). */
function concealedOnly(row: SheetRow, read: ReadonlySet<number>, names: readonly string[], sheet: string | null): ImportProblem[] {
  return (row.concealed ?? [])
    .filter((position) => read.has(position))
    .map((position) => {
      const cell = `${columnLetter(position)}${row.row}`;
      const text = textOf(row.cells[position] ?? null);
      return {
        row: row.row,
        reason: `Cell ${cell} (${names[position] ?? ''}) holds "${text}" but its number format (such as ;;;) shows nothing on screen or in print: an import does not read what the sheet does not show. Delete the content if it is no longer used, or set the cell's format to General (常规) to import it.`,
        reasonZh: `单元格 ${cell}（“${names[position] ?? ''}”列）有内容“${text}”，但其数字格式（如 ;;;）使它在屏幕上和打印时都不显示：导入不读取看不到的内容。如该内容已不再使用，请删去；如仍要导入，请把该单元格的格式改为“常规”后导入。`,
        ...(sheet === null ? {} : { sheet }),
      };
    });
}

/** A theme colour's RGB as Office's default theme gives it: 0 (lt1, 背景) white, 1 (dk1, 文字) black; null for the others. */
const THEME_RGB: Readonly<Record<number, string>> = { 0: 'FFFFFF', 1: '000000' };

/** A colour's RGB (`FFFFFF`), from its ARGB or its default-theme index; null when the colour is not one of those. */
function rgbOf(color: Partial<ExcelJS.Color> | undefined): string | null {
  if (!color) return null;
  if (typeof color.argb === 'string' && /^[0-9a-f]{6,8}$/iu.test(color.argb)) return color.argb.slice(-6).toUpperCase();
  if (typeof color.theme === 'number' && !('tint' in color && (color as { tint?: number }).tint)) return THEME_RGB[color.theme] ?? null;
  return null;
}

/**
 * The text of a cell written in a font the colour of its background — white (or the theme's 背景 colour) on no fill, or on a solid
 * fill of the same colour: the old way of hiding a word, unseen on screen and in print (breaker46-10 S3: a unit typed in white after
 * another got a part silently). The whole cell's text, or the runs of rich text so written joined; null when all of it shows. A
 * conditional format is not judged (the file keeps the rule, not its outcome).
 */
function unseenTextOf(cell: ExcelJS.Cell): string | null {
  const fill = cell.fill;
  const background = fill && fill.type === 'pattern' && fill.pattern === 'solid' ? rgbOf(fill.fgColor) : fill && fill.type === 'pattern' && fill.pattern !== 'none' ? null : 'FFFFFF';
  if (background === null) return null;
  const unseen = (font: Partial<ExcelJS.Font> | undefined) => rgbOf(font?.color ?? cell.font?.color) === background;
  const value = cell.value;
  if (value !== null && typeof value === 'object' && 'richText' in value) {
    const hidden = value.richText.filter((run) => WRITTEN.test(run.text) && unseen(run.font));
    return hidden.length === 0 ? null : hidden.map((run) => run.text).join('').trim();
  }
  return unseen(undefined) ? textOf(cellOf(value)).trim() || null : null;
}

/** Excel counts days from 1899-12-30; serials in this range are the years 1954–2119. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * Whether a cell's number format shows nothing of its value: the section for it empty — `;;;` (Excel's 「隐藏单元格内容」: every
 * section empty), `;;;` after a number pattern for text (`0;-0;0;`), `;;` for numbers. Sections: positive; negative; zero; text —
 * one section serves every number, a text cell with fewer than four sections shows as written. Quoted text, escapes and
 * padding count as shown; a colour or condition alone (`[Red]`) does not (breaker45-10 S2: a 配合单位 cell formatted `;;;`, blank
 * on screen and in print, gave its unit a part).
 */
function concealedByFormat(value: Cell, numFmt: string | undefined): boolean {
  if (!numFmt || !numFmt.includes(';')) return false;
  const sections = numFmt.split(/;(?=(?:[^"]*"[^"]*")*[^"]*$)/u);
  const shows = (section: string | undefined) => section === undefined || section.replace(/\[[^\]]*\]/gu, '').trim() !== '';
  if (typeof value === 'string') return sections.length >= 4 && !shows(sections[3]);
  if (value instanceof Date) return !shows(sections[0]);
  if (typeof value !== 'number') return false;
  const section = value > 0 ? sections[0] : value < 0 ? sections[1] : sections.length >= 3 ? sections[2] : sections[0];
  return !shows(section ?? sections[0]);
}

/**
 * A date cell whose number format shows no day — `yyyy"年"m"月"` (or `m"月"`: the month, in the stored date's year), what Excel and WPS make of a
 * typed 2026年6月 (stored as the 1st) — as the text it shows, so that it reads as the month (its
 * last day, as the words 2026年6月 do) or the year it names, not as the 1st (breaker10 F31).
 * Null for any other cell.
 */
function shownPeriodOf(value: Cell, numFmt: string | undefined): { text: string; stored: string } | null {
  if (!numFmt) return null;
  const date =
    value instanceof Date ? value : typeof value === 'number' && value >= 20_000 && value < 80_000 ? new Date(EXCEL_EPOCH_MS + Math.floor(value) * 86_400_000) : null;
  if (!date || Number.isNaN(date.getTime())) return null;
  // The format's own tokens: without quoted text, [$-804]-style locale and colour brackets, escapes and the text section.
  const tokens = (numFmt.split(';')[0] ?? '').replace(/"[^"]*"|\[[^\]]*\]|\\./g, '').toLowerCase();
  // A month without its year (m"月", breaker10q P11: read as the 1st) is that month of the stored date's year.
  if ((!tokens.includes('y') && !tokens.includes('m')) || /[dahs]/.test(tokens)) return null;
  const year = date.getUTCFullYear();
  const stored = date.toISOString().slice(0, 10);
  return tokens.includes('m') ? { text: `${year}年${date.getUTCMonth() + 1}月`, stored } : { text: `${year}年`, stored };
}

/**
 * A year.month number shown with two decimals (format `0.00`: 2027.1 shown as 2027.10) as the text the cell shows, so
 * that its month is the one the office sees (import P3): in a General cell 2027.10 is kept as 2027.1 and cannot be told from January,
 * but a cell showing two decimals says which. Null for any other cell (General, a date, a whole number, a number outside the years
 * 1900–2199), which is read by its value.
 */
/** A positive number's pattern showing exactly two decimals, thousands separators or not: 0.00, #,##0.00, #0.00. */
const TWO_DECIMALS = /^[#0,]*0\.00$/u;

/**
 * The digits a format's first section (positive numbers) shows: without its padding (`_)`, `_ `), fill (`*-`), escaped or quoted
 * literals and bracketed colours or conditions (`[Red]`, `[红色]`). `0.00_ ` → `0.00`.
 */
function numberPatternOf(numFmt: string): string {
  return (numFmt.split(';')[0] ?? '').replace(/"[^"]*"|\[[^\]]*\]|[_*\\]./gu, '').trim();
}

/**
 * A number formatted as a percentage (`0%`, `0.0%`) as Excel shows it, rounded to the format's decimals: 1 → `100%`, 0.6 → `60%`,
 * 0.999 under `0%` → `100%` (breaker43-10 F3: a 完成情况 cell of 100% is the number 1, read as 1; breaker46-10 S4); null for any
 * other cell.
 */
function shownPercentOf(value: Cell, numFmt: string | undefined): string | null {
  if (!numFmt || typeof value !== 'number' || !numberPatternOf(numFmt).includes('%')) return null;
  // Rounded to the decimals the format shows (breaker46-10 S4: 0.999 under 0% shows 100% and was read as 99.9%, imported open).
  const decimals = /\.([0#]+)%/u.exec(numberPatternOf(numFmt))?.[1]?.length ?? 0;
  return `${Number((value * 100).toFixed(decimals))}%`;
}

/**
 * A number cell as its number format shows it, when that differs from the bare number and the format is digits only (`000`: 1 → 001;
 * `0.00`: 1.1 → 1.10; `#,##0`: 1234 → 1,234), for columns of identifiers (`ColumnSpec.asShown`; breaker46-10 S2, M3). Null for any other
 * cell: General, a date, a percentage, text, a negative number, or a format showing the number as it is.
 */
export function shownNumberOf(value: Cell, numFmt: string | undefined): string | null {
  if (!numFmt || typeof value !== 'number' || !Number.isFinite(value) || value < 0) return null;
  const pattern = numberPatternOf(numFmt);
  const parts = /^([#0,]*)(?:\.([0#]*))?$/u.exec(pattern);
  if (!parts || !pattern.includes('0')) return null;
  const [whole = '', decimals = ''] = [parts[1], parts[2]];
  const fixed = value.toFixed(decimals.length);
  let [digits = '', fraction = ''] = fixed.split('.');
  const least = (/^0*/u.exec(decimals)?.[0] ?? '').length;
  while (fraction.length > least && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  const zeros = (whole.match(/0/gu) ?? []).length;
  digits = digits.padStart(zeros, '0');
  if (zeros === 0 && digits === '0' && fraction !== '') digits = '';
  if (whole.includes(',')) digits = digits.replace(/\B(?=(\d{3})+(?!\d))/gu, ',');
  const text = fraction === '' ? digits : `${digits}.${fraction}`;
  return text === String(value) || text === '' ? null : text;
}

function shownYearMonthOf(value: Cell, numFmt: string | undefined): string | null {
  if (!numFmt || typeof value !== 'number' || Number.isInteger(value) || value < 1900 || value >= 2200) return null;
  // Two decimals only: a cell showing one (`0.0`) shows 2027.1 for 2027.10 too, and is read by its value (refused). Chinese Excel's own
  // two-decimal formats show the same digits: 0.00_ (space kept for a bracket), #,##0.00, 0.00_);[Red]\(0.00\) (breaker42-10 F1).
  return TWO_DECIMALS.test(numberPatternOf(numFmt)) ? value.toFixed(2) : null;
}

/**
 * A date cell formatted to show its month and day without a year (`m"月"d"日"`, `m/d`, `mm-dd`; breaker10r P25): the day as shown and
 * as stored (`ShownDay`); null for any other cell (a format with a year, or no day, or no date).
 */
function shownDayOf(value: Cell, numFmt: string | undefined, cell: string): ShownDay | null {
  if (!numFmt) return null;
  const date =
    value instanceof Date ? value : typeof value === 'number' && value >= 20_000 && value < 80_000 ? new Date(EXCEL_EPOCH_MS + Math.floor(value) * 86_400_000) : null;
  if (!date || Number.isNaN(date.getTime())) return null;
  const tokens = (numFmt.split(';')[0] ?? '').replace(/"[^"]*"|\[[^\]]*\]|\\./g, '').toLowerCase();
  if (tokens.includes('y') || !tokens.includes('m') || !tokens.includes('d') || /[ahs]/.test(tokens)) return null;
  return { text: `${date.getUTCMonth() + 1}月${date.getUTCDate()}日`, stored: date.toISOString().slice(0, 10), cell };
}

function shownPeriodNotice(row: number, position: number, shown: { text: string; stored: string }): ImportProblem {
  const cell = `${columnLetter(position)}${row}`;
  return {
    row,
    reason: `Cell ${cell} holds the date ${shown.stored} but shows only "${shown.text}": read as ${shown.text}, i.e. the end of that ${shown.text.endsWith('月') ? 'month' : 'year'}.`,
    reasonZh: `单元格 ${cell} 存的日期是 ${shown.stored}，但只显示“${shown.text}”：按“${shown.text}”读取，即该${shown.text.endsWith('月') ? '月' : '年'}最后一天。`,
  };
}

function cellOf(value: ExcelJS.CellValue | undefined): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) {
    return value;
  }
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    // A formula that failed (#N/A from a VLOOKUP that found nothing) shows its error, which the table refuses (breaker10c P5).
    if (result !== null && typeof result === 'object' && 'error' in result) return String(result.error);
    // A formula saved without its result (files a program wrote: Excel and WPS work it out on opening, the file holds none)
    // is no blank cell: refused as an error value is (breaker10q P2: =D3 under 配合单位 read as empty, two units' parts lost).
    if (result === undefined) return UNCALCULATED;
    // A formula whose result is the empty string (=IF(D3=D2,"",D2)) is an empty cell (breaker43-10 F5; `emptyTextResults`).
    if (result === EMPTY_TEXT_RESULT) return null;
    return typeof result === 'object' && !(result instanceof Date) ? null : result;
  }
  if ('text' in value) return String((value as ExcelJS.CellHyperlinkValue).text);
  if ('error' in value) return String(value.error);
  return null;
}

/** How many of the first rows may sit above the header (a sheet title, 填报单位, notes). */
const HEADER_SEARCH_ROWS = 10;
/** How far a header is looked for below rows of one text each (a 填报说明 of many lines). */
const HEADER_SEARCH_ROWS_BELOW_NOTES = 40;

/** How many texts a row above a header further down may hold: 填报单位 | 填报时间 | 联系人 | 联系电话. */
const NOTE_ROW_TEXTS = 4;

/**
 * A row further down than the header is looked for (`headerOf`) that names three or more of the columns — the header under
 * more rows of notes than the reader passes — as its row number and the columns it names; null when no row does. Told in the
 * refusal, with what to delete (breaker43-10 F6).
 */
function headerFurtherDown<Key extends string>(rows: readonly SheetRow[], columns: Columns<Key>): { row: number; names: string[] } | null {
  for (const row of rows.slice(0, HEADER_FURTHER_DOWN_ROWS)) {
    const names = [...new Set(row.cells.map((cell) => textOf(cell)).filter((text) => columnOf(columns, text, true) !== undefined))];
    if (names.length >= 3) return { row: row.row, names };
  }
  return null;
}
/** How far down a header too deep to read is looked for, to be named in the refusal. */
const HEADER_FURTHER_DOWN_ROWS = 500;

/** The distinct texts of a row: a merged title repeats one text across the row. */
const textsOf = (row: SheetRow): string[] => [...new Set(row.cells.map((cell) => textOf(cell)).filter((text) => text !== ''))];

/** Section numbers besides 一二三: Roman (Ⅰ、Ⅱ、 or II、) and the banker's numerals (壹、贰、) — breaker10q P21. */
const ROMAN = '(?:[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ]|XII|XI|IX|X|VIII|VII|VI|IV|V|III|II|I)';
const BANKERS = '[壹贰叁肆伍陆柒捌玖拾]+';
const SECTION_PATTERNS: readonly { level: 1 | 2; pattern: RegExp }[] = [
  { level: 1, pattern: /^([一二三四五六七八九十]+)\s*[、.．]\s*(.+)$/ },
  { level: 1, pattern: new RegExp(`^(${ROMAN}|${BANKERS})\\s*[、.．]\\s*(.+)$`, 'u') },
  // 第十一部分, and as offices number past ten, 第11部分 / 第１１部分; 第一章, 第1篇 too (newcomer45-10 S1).
  { level: 1, pattern: /^第\s*([一二三四五六七八九十]+|[0-9０-９]{1,2})\s*(?:部分|章|篇)\s*[、.．:：]?\s*(.+)$/u },
  { level: 2, pattern: /^[（(]\s*([一二三四五六七八九十]+)\s*[）)]\s*[、.．]?\s*(.+)$/ },
];

/**
 * A section number in Chinese numerals: digits 1–99 as 一 … 九十九 (`11` → 十一, `20` → 二十), so that 第11部分 and 第十一部分 are one
 * 大项 (one code across versions of a plan); anything else as written.
 */
function chineseSectionCode(code: string): string {
  const digits = code.normalize('NFKC');
  if (!/^\d{1,2}$/u.test(digits)) return code;
  const value = Number(digits);
  const DIGITS = '零一二三四五六七八九';
  if (value === 0) return code;
  if (value < 10) return DIGITS[value]!;
  const tens = Math.floor(value / 10);
  return `${tens === 1 ? '' : DIGITS[tens]}十${value % 10 === 0 ? '' : DIGITS[value % 10]}`;
}

/** Text that numbers a section (一、稳增长, （一）决策公开, 第一部分 …, 第11部分 …), as a section; null for any other text. */
export function sectionOfText(text: string): Omit<Section, 'row'> | null {
  for (const { level, pattern } of SECTION_PATTERNS) {
    const match = pattern.exec(text.trim());
    // 一、决策公开（共5项）: the count is the office's tally, not the section's title (breaker10l P2).
    if (match) return { level, code: chineseSectionCode(match[1]!), title: match[2]!.trim().replace(GROUP_COUNT, '').trim() || match[2]!.trim() };
  }
  return null;
}

/**
 * Numbering that makes a heading only when the row's shape says so (one text merged across the table, `mergedAcrossOf`): on a row
 * of its own it may be an item or a line of one. `11、` / `11.` / `11 ` and `一是` number like 一、 (`outer`); `（1）`, `(1)`, `1）`
 * like （一）. The code is in Chinese numerals (`chineseSectionCode`).
 */
const NUMBERED_HEADING_PATTERNS: readonly { outer: boolean; pattern: RegExp }[] = [
  { outer: true, pattern: /^([0-9０-９]{1,2})\s*(?:[、.．](?![0-9０-９])|\s)\s*(.+)$/u },
  { outer: true, pattern: /^([一二三四五六七八九十]+)是\s*[，,：:、]?\s*(.+)$/u },
  { outer: false, pattern: /^[（(]\s*([0-9０-９]{1,2})\s*[）)]\s*[、.．]?\s*(.+)$/u },
  { outer: false, pattern: /^([0-9０-９]{1,2})\s*[）)]\s*(.+)$/u },
];

/**
 * A heading row's section, its text one merged across the table (`mergedAcrossOf`): the numbering `sectionOfText` reads, or one of
 * `NUMBERED_HEADING_PATTERNS`. `11、` is a first level where it follows the first level before it (十、 then 11、) or no first level
 * has come; under a first level otherwise it is the second. Null when the text is not numbered.
 */
function mergedHeadingOf(text: string, sections: readonly Section[]): Omit<Section, 'row'> | null {
  const read = sectionOfText(text);
  if (read) return read;
  for (const { outer, pattern } of NUMBERED_HEADING_PATTERNS) {
    const match = pattern.exec(text.trim());
    if (!match) continue;
    const code = chineseSectionCode(match[1]!);
    const title = match[2]!.trim().replace(GROUP_COUNT, '').trim() || match[2]!.trim();
    const first = sections.find((each) => each.level === 1);
    const follows = first !== undefined && Number(chineseNumeralValue(code) ?? NaN) === Number(chineseNumeralValue(first.code) ?? NaN) + 1;
    return { level: outer && (first === undefined || follows) ? 1 : 2, code, title };
  }
  return null;
}

/**
 * The one text of a row merged across the table — or typed again in each of its cells: every column naming units (every column read,
 * when none does) holds it, in two cells or more. A heading, whatever its numbering (newcomer45-10 S1: 「第11部分、加强法治宣传」 merged
 * A:E was read as an item, its text the 牵头单位 and the 完成时限). Null for any other row.
 */
function mergedAcrossOf(row: SheetRow, naming: ReadonlySet<number>, read: readonly number[]): string | null {
  const own = ownRow(row);
  const texts = textsOf(own);
  if (texts.length !== 1) return null;
  const text = texts[0]!;
  const holds = (position: number) => textOf(own.cells[position] ?? null) === text;
  const covered = own.cells.filter((cell) => textOf(cell) === text).length;
  return covered >= 2 && (naming.size > 0 ? [...naming] : read).every(holds) ? text : null;
}

/** The row as it reads on its own: the cells a merge from above fills in left blank (`SheetRow.fromAbove`). */
const ownRow = (row: SheetRow): SheetRow => (row.fromAbove ? { ...row, cells: row.cells.map((cell, position) => (row.fromAbove!.includes(position) ? null : cell)) } : row);

/** A row with a single text that numbers a section: 一、稳增长 or （一）决策公开 — what merges from above fill in aside. */
function sectionOf(row: SheetRow): Omit<Section, 'row'> | null {
  const texts = textsOf(ownRow(row));
  return texts.length === 1 ? sectionOfText(texts[0]!) : null;
}

/** A section's number alone, as the 序号 cell of a section row has it: 一, 一、, （一）. */
const SECTION_NUMBER = new RegExp(`^(?:([一二三四五六七八九十]+|${ROMAN}|${BANKERS})\\s*[、.．]?|[（(]\\s*([一二三四五六七八九十]+)\\s*[）)]\\s*[、.．]?)$`, 'u');

/**
 * A section row written in the table's columns (breaker10 F38, F20): `一 | 深化五公开 | | |` (the
 * number under 序号, the title under the naming column, nothing else), or `一、平台建设 | | 青川市
 * 政务公开办公室 |` (a whole section title first, the naming cells empty). `naming`: the positions
 * of the columns that name a record; none, and only single-text rows are sections (`sectionOf`).
 * `dropped`: other texts the row holds, for a notice.
 */
function sectionInColumnsOf(row: SheetRow, naming: ReadonlySet<number>): { section: Omit<Section, 'row'>; dropped: string[]; droppedAt?: ReadonlyMap<number, string> } | null {
  if (naming.size === 0) return null;
  const filled = ownRow(row).cells.flatMap((cell, position) => (textOf(cell) === '' ? [] : [{ position, text: textOf(cell) }]));
  const [first, ...rest] = filled;
  if (!first) return null;
  // A merged title or lead repeats one text across cells: each text once.
  const others = rest.filter((each) => each.text !== first.text);
  const number = SECTION_NUMBER.exec(first.text);
  if (number && !naming.has(first.position)) {
    // The title under the naming column, the rest of the row empty — or one cell merged across the rest of the row (a single
    // text repeated, typed or by the merge), which covers the naming column: `一 | 深化决策公开（merged B:E）` (P1: the merge
    // read 深化决策公开 as the lead unit and the deadline, refused as a unit to register).
    const titles = [...new Set(others.map((each) => each.text))];
    if (titles.length !== 1 || !others.some((each) => naming.has(each.position))) return null;
    return { section: { level: number[1] ? 1 : 2, code: (number[1] ?? number[2])!, title: titles[0]! }, dropped: [] };
  }
  const section = sectionOfText(first.text);
  if (!section || others.length === 0 || others.some((each) => naming.has(each.position))) return null;
  return { section, dropped: [...new Set(others.map((each) => each.text))], droppedAt: new Map(others.map((each) => [each.position, each.text])) };
}

/**
 * An attachment's label, never a title: 附件, 附件1, 附件 2, 附件一, 附表3 (published plans are
 * attachments of a 通知, and their first row says so — breaker10b N2).
 */
export const isAttachmentLabel = (text: string): boolean => /^附\s*[件表]\s*[0-9０-９一二三四五六七八九十]*\s*[:：.、]?$/.test(text.trim());

/** `附件1：青川市…方案`, `附件1 青川市…方案` and a file's `附件1-青川市…方案` lose their label. */
export const withoutAttachmentLabel = (text: string): string => text.trim().replace(/^附\s*[件表]\s*[0-9０-９一二三四五六七八九十]*\s*[:：.、_\-—\s]\s*(?=\S)/, '');

/** Words a document's title carries: 方案, 清单, 台账, 分工, 要点, 计划, 任务, …表. */
const TITLE_WORDS = /方案|清单|台账|分解|分工|要点|计划|任务|名录|名单|问题|整改|表$/;

/**
 * A `标签：值` row (填报单位：…, 填报时间：2026年…): a short label without digits, then a colon. A title whose colon
 * comes after digits (…按北京时间 2026-03-10 10:00:00 前已录入的记录, the export's own) is still a title (breaker10g P22).
 */
const LABELLED = /^[^:：\d]{1,12}[:：]/;

/** A row that is not a title: a remark in brackets (（此件公开发布）) or an office's name (the issuing 青川市人民政府办公室). */
const NOT_A_TITLE = (text: string): boolean => isBracketedRemark(text) || /(?:办公室|办公厅|人民政府|政府|委员会|局|委|办|中心|小组)$/u.test(text);

/**
 * The sheet's title among the single-text rows above its header (not `标签：值` rows such as
 * 填报单位：…): the first that reads as a document's title (`TITLE_WORDS`), else the longest one
 * that is neither an attachment label, a bracketed remark nor an office's name; null when none.
 * An attachment label before it (附件1：…) is dropped.
 */
export function sheetTitleOf(rowsAbove: readonly (readonly string[])[]): string | null {
  const candidates = rowsAbove
    .filter((texts) => texts.length === 1)
    // A mark legend in the title's bracket (…工作要点（*为牵头单位）) is the sheet's legend, never its title's (breaker42-10 F2).
    .map((texts) => withoutLegendBrackets(withoutAttachmentLabel(texts[0]!)))
    .filter((text) => text !== '' && !LABELLED.test(text) && !isAttachmentLabel(text));
  const titled = candidates.find((text) => TITLE_WORDS.test(text) && !isBracketedRemark(text));
  if (titled) return titled;
  const plain = candidates.filter((text) => !NOT_A_TITLE(text));
  return plain.reduce<string | null>((longest, text) => (longest === null || text.length > longest.length ? text : longest), null);
}

/** A sheet that sums up the others (汇总, 总表, 汇总表, 全部任务): a copy of their rows, never a category or unit of its own. */
export const isSummarySheet = (name: string): boolean => /^(?:.*汇总.*|总表|总清单|全部(?:任务|事项|问题)?|合计)$/.test(name.trim());

/**
 * A totals row below the items (breaker10 F32): its first text the word itself — 合计, 小计：3项, 共计 12 项 — or 合计：… when
 * the row does not fill the columns a record must have; or 共3项 alone. A problem or task that merely begins with the word
 * (共计12条政策文件未配发解读材料, 小计量器具检定结果未公开, 合计划生育服务公开), with its units and deadline, is read (breaker10r P13).
 */
const TOTALS_WORD = '(?:合\\s*计|小\\s*计|总\\s*计|共\\s*计)';
const TOTALS_ALONE = new RegExp(`^${TOTALS_WORD}\\s*[:：]?\\s*(?:共?\\s*\\d+\\s*[项条个件处家]?\\s*)?$`, 'u');
const TOTALS_LABELLED = new RegExp(`^${TOTALS_WORD}\\s*[:：]`, 'u');
const isTotals = (row: SheetRow, requiredPositions: readonly number[]): boolean => {
  const texts = textsOf(row);
  if (texts.length === 0) return false;
  const fillsRecord = requiredPositions.length > 0 && requiredPositions.every((position) => textOf(row.cells[position] ?? null) !== '');
  return TOTALS_ALONE.test(texts[0]!) || (TOTALS_LABELLED.test(texts[0]!) && !fillsRecord) || (texts.length === 1 && /^共\s*\d+\s*[项条个]/.test(texts[0]!));
};

/**
 * The rows below a heading after two blank rows are more rows of the table (a second batch, 补充问题, 年中新增任务) when
 * the first of them is no header of another table (column names and no digit: 序号 | 单位 | 联络员 | 联系电话) and one of them
 * fills every column the table must have (breaker10r P14).
 */
function continuesTable<Key extends string>(below: readonly SheetRow[], names: readonly string[], columns: Columns<Key>, requiredPositions: readonly number[]): boolean {
  const first = below[0];
  if (!first || requiredPositions.length === 0) return false;
  if (!repeatsHeader(first, names)) {
    const named = textsOf(first).filter((text) => names.includes(text) || columnOf(columns, text, true) !== undefined);
    if (named.length >= 2 || (named.length === 1 && !textsOf(first).some((text) => /\d/.test(text)))) return false;
  }
  return below.some((row) => requiredPositions.every((position) => textOf(row.cells[position] ?? null) !== ''));
}

/**
 * Where a sheet says what a symbol before or after a unit's name means (注：*为牵头单位, 注：*为牵头单位，★为配合单位): the symbols with
 * their meanings, the row (the header's for a header), the words.
 */
interface LeadLegend {
  readonly symbols: Readonly<Record<string, SymbolMeaning>>;
  readonly row: number;
  readonly text: string;
  /** The legend is a row of its own (a footnote, a note above the header, the title's bracket), skipped as a row. */
  readonly ownRow: boolean;
  /** Every row of its own the legend was read from (two footnotes, each explaining a symbol), skipped as rows; empty for a header's. */
  readonly rows: readonly number[];
  /**
   * Symbols two legends of the sheet give different meanings (「注：*为牵头单位」 and 「注：*为配合单位」 on two rows, or one in the
   * header and another below): each with the two legends, for a refusal naming both (issue 10: the first won unsaid).
   */
  readonly conflicts: readonly { readonly symbol: string; readonly legends: readonly [LegendAt, LegendAt] }[];
}

/** Where one legend of a sheet is: its row (null for the header) and words, and the meaning it gives a symbol. */
interface LegendAt {
  readonly row: number | null;
  readonly text: string;
  readonly meaning: SymbolMeaning;
}

/**
 * The legend of the marks (`symbolLegendOf`): in a header cell (责任单位（★为牵头单位）), a note above the header (the title's bracket
 * too: …工作要点（*为牵头单位）), or a row of one text below it — a footnote (注：*为牵头单位, 注：*为配合单位) or the words alone
 * (★为牵头单位). Null when the sheet has none.
 */
function leadLegendOf(rows: readonly SheetRow[], names: readonly string[], headerRow: number, lastHeaderRow: number): LeadLegend | null {
  const inHeader = names.map((name) => ({ row: null, text: name, symbols: symbolLegendOf(name) })).filter((each) => Object.keys(each.symbols).length > 0);
  // Every such row is read (import4: 「注：*为牵头单位」 and 「注：★为配合单位」 on two rows — only the first was, the second's mark refused
  // as unexplained); a symbol two legends explain alike keeps it, two meanings are refused naming both (`conflicts`).
  const found: { row: number; text: string; symbols: Readonly<Record<string, SymbolMeaning>> }[] = [];
  for (const row of rows) {
    if (row.row >= headerRow && row.row <= lastHeaderRow) continue;
    const texts = textsOf(row);
    if (texts.length !== 1) continue;
    const symbols = symbolLegendOf(texts[0]!);
    // Below the header, only a footnote or the legend's words alone: a task's title may say 牵头 beside a symbol.
    if (Object.keys(symbols).length > 0 && (row.row < headerRow || isFootnote(row) || texts[0]!.normalize('NFKC').replace(/\s+/gu, '').length <= 16)) found.push({ row: row.row, text: texts[0]!, symbols });
  }
  const conflicts: { symbol: string; legends: [LegendAt, LegendAt] }[] = [];
  const firstOf = new Map<string, LegendAt>();
  for (const legend of [...inHeader, ...found]) {
    for (const [symbol, meaning] of Object.entries(legend.symbols)) {
      const first = firstOf.get(symbol);
      if (!first) firstOf.set(symbol, { row: legend.row, text: legend.text, meaning });
      else if (first.meaning !== meaning && !conflicts.some((conflict) => conflict.symbol === symbol)) conflicts.push({ symbol, legends: [first, { row: legend.row, text: legend.text, meaning }] });
    }
  }
  if (inHeader.length > 0) return { symbols: inHeader[0]!.symbols, row: headerRow, text: inHeader[0]!.text, ownRow: false, rows: [], conflicts };
  if (found.length === 0) return null;
  return {
    symbols: Object.fromEntries([...firstOf].map(([symbol, at]) => [symbol, at.meaning])),
    row: found[0]!.row,
    text: found.map((each) => each.text).join('；'),
    ownRow: true,
    rows: found.map((each) => each.row),
    conflicts,
  };
}

/** The refusal of a symbol two legends of the sheet give two meanings (`LeadLegend.conflicts`), naming both, on the later's row. */
function legendConflictProblem(symbol: string, [first, second]: readonly [LegendAt, LegendAt], headerRow: number, sheet: string | null): ImportProblem {
  const where = (at: LegendAt) => (at.row === null ? { en: `the header "${at.text}"`, zh: `表头“${at.text}”` } : { en: `row ${at.row} ("${at.text}")`, zh: `第 ${at.row} 行“${at.text}”` });
  return {
    row: second.row ?? headerRow,
    reason: `${where(first).en} makes "${symbol}" the mark of ${first.meaning === 'lead' ? 'the lead unit' : 'a unit taking part'}, ${where(second).en} of ${second.meaning === 'lead' ? 'the lead unit' : 'a unit taking part'}: keep the one that is right (or use another symbol for the other), then import again.`,
    reasonZh: `${where(first).zh}说明“${symbol}”为${meaningZh(first.meaning)}，${where(second).zh}却说明“${symbol}”为${meaningZh(second.meaning)}：两处说明相互矛盾，请只保留正确的一处（或另一处改用其他符号）后重新导入。`,
    ...(sheet === null ? {} : { sheet }),
  };
}

const meaningZh = (meaning: SymbolMeaning): string => (meaning === 'lead' ? '牵头单位' : '配合单位');

/** What a sheet's legend did: the marks it read, or — none there — the legend skipped as a footnote. */
function legendNotice(legend: LeadLegend, used: boolean): ImportProblem {
  const symbols = Object.entries(legend.symbols);
  if (used) {
    return {
      row: legend.row,
      reason: `"${legend.text}": ${symbols.map(([symbol, meaning]) => `a unit named with "${symbol}" before or after it is read as ${meaning === 'lead' ? 'the lead unit (牵头单位)' : 'a unit taking part (配合单位)'}`).join('; ')}, the mark not part of its name.`,
      reasonZh: `按“${legend.text}”，${symbols.map(([symbol, meaning]) => `单位名称前后标有“${symbol}”的单位按${meaningZh(meaning)}读取`).join('，')}（标记不计入单位名称）。`,
    };
  }
  const all = symbols.map(([symbol]) => symbol);
  return legend.ownRow
    ? { row: legend.row, reason: `Footnote skipped: ${legend.text}`, reasonZh: `已跳过注释行：${legend.text}` }
    : { row: legend.row, reason: `"${legend.text}": no unit is marked with "${all.join('", "')}".`, reasonZh: `“${legend.text}”：没有单位标有${all.map((symbol) => `“${symbol}”`).join('或')}。` };
}

/**
 * Reads the symbol marks (「青川市发展和改革委员会*」, 「★青川市财政局」) in the row's unit cells (`ColumnSpec.units`), in place, as the
 * legend says (`LeadLegend.symbols`). A lead's symbol: under a lead column dropped; under another the marked unit is marked （牵头） —
 * unless the row's lead cell names it already (it leads, listed again). A symbol of a unit taking part (注：*为配合单位): the unit is
 * marked （配合） — under a lead column refused by `marksAgainstColumn`, quoting the symbol. Each symbol read is kept in `leadSymbols`
 * (name → symbol) for a refusal to quote. `'read'` when a mark the legend explains was read; a problem naming the row, the units and
 * marks when a symbol has no legend, or a symbol and a role mark after the name say two roles (「★青川市教育局（配合）」 with
 * 注：★为牵头单位: breaker42-10 F3, issue 10); null when the row has no mark.
 */
function withLeadSymbolsRead<Key extends string>(
  cells: Partial<Record<Key, Cell>>,
  columns: Columns<Key>,
  legend: LeadLegend | null,
  row: number,
  sheet: string | null,
  leadSymbols: Record<string, string>,
  columnName: (key: Key) => string,
): 'read' | ImportProblem | null {
  // An error value (#N/A) is refused as one, never read for marks.
  const keys = (Object.keys(cells) as Key[]).filter((key) => columns[key].units !== undefined && !ERROR_VALUE.test(textOf(cells[key] ?? null)));
  const leadKey = keys.find((key) => columns[key].units === 'lead');
  const leads = leadKey === undefined ? [] : namesInCell(withSymbolMarksRead(cells[leadKey] ?? null, (found) => found.name + (found.role ?? '')).cell);
  const unexplained: SymbolMarked[] = [];
  const contradicting: { found: SymbolMarked; meaning: SymbolMeaning; column: string }[] = [];
  let read = false;
  for (const key of keys) {
    const found = withSymbolMarksRead(cells[key] ?? null, (marked) => {
      const meaning = legend?.symbols[marked.symbol];
      if (meaning === undefined) return marked.name + (marked.role ?? '');
      if (marked.role !== undefined) return meaning === marked.roleMeaning ? marked.name + marked.role : marked.name;
      if (meaning === 'lead' && (columns[key].units !== 'others' || leads.includes(marked.name))) return marked.name;
      // The symbol written, for a refusal of the mark to quote (issue 10: 「标注为（牵头）」 for a ★ the office wrote).
      leadSymbols[marked.name] = marked.symbol;
      return `${marked.name}${meaning === 'lead' ? '（牵头）' : '（配合）'}`;
    });
    if (found.marked.length === 0) continue;
    cells[key] = found.cell;
    for (const marked of found.marked) {
      const meaning = legend?.symbols[marked.symbol];
      if (meaning === undefined) unexplained.push(marked);
      else if (marked.roleMeaning !== undefined && marked.roleMeaning !== meaning) contradicting.push({ found: marked, meaning, column: columnName(key) });
      else read = true;
    }
  }
  if (unexplained.length === 0 && contradicting.length === 0) return read ? 'read' : null;
  const reasons: string[] = [];
  const reasonsZh: string[] = [];
  for (const { found, meaning, column } of contradicting) {
    reasons.push(`in column "${column}", "${found.name}" is marked "${found.symbol}" (by "${legend!.text}" ${meaning === 'lead' ? 'the lead' : 'a unit taking part'}) and also ${found.role}: the two marks contradict each other; keep the one that is right`);
    reasonsZh.push(`“${column}”列的“${found.name}”既标有“${found.symbol}”（按“${legend!.text}”为${meaningZh(meaning)}），又标注${found.role}：两个标记相互矛盾，请只保留正确的一个`);
  }
  if (unexplained.length > 0) {
    const symbol = unexplained[0]!.symbol;
    const names = unexplained.map((marked) => `“${marked.name}”标有“${marked.symbol}”`).join('、');
    // A legend the sheet has for other symbols is named: the clerk is never told the sheet says nothing (breaker42-10 F3).
    const read = legend ? `表格中的注释“${legend.text}”未说明“${symbol}”的含义` : '但表格中没有说明该标记的含义';
    reasons.push(`${unexplained.map((marked) => `"${marked.name}" is marked "${marked.symbol}"`).join(', ')}, but the sheet does not say what the mark means: if "${symbol}" marks the lead unit, add a footnote under the table (注：${symbol}为牵头单位) or say so in the header (责任单位（${symbol}为牵头单位）); if it marks a unit taking part, 注：${symbol}为配合单位; otherwise remove the mark`);
    reasonsZh.push(`${names}，${read}：如“${symbol}”表示牵头单位，请在表格下方加注“注：${symbol}为牵头单位”（或在表头写明，如“责任单位（${symbol}为牵头单位）”），如表示配合单位，请加注“注：${symbol}为配合单位”，然后重新导入；否则请删去该标记`);
  }
  return { row, reason: `${reasons.join('; ')}.`, reasonZh: `${reasonsZh.join('；')}。`, ...(sheet === null ? {} : { sheet }) };
}

/**
 * The notice of a second-level heading (（一）决策预公开, or a numbered heading `1 | 推进决策公开` over 1-1, 1-2) under a first-level
 * section (一、决策公开): the rows below it are filed under the first level, the heading itself is no category of its own.
 */
function subheadingNotice(row: number, section: Omit<Section, 'row'>, parent: Section): ImportProblem {
  const shown = /^[一二三四五六七八九十]+$/u.test(section.code) ? `（${section.code}）${section.title}` : `${section.code} ${section.title}`;
  const above = `${parent.code}、${parent.title}`;
  return {
    row,
    reason: `Second-level heading "${shown}" under "${above}": the rows below it are filed under "${above}"; the heading itself is not imported as a category.`,
    reasonZh: `二级标题“${shown}”在“${above}”之下：其下各行归入“${above}”，二级标题本身不作为类别导入。`,
  };
}

/** A footnote: 注：…, 备注：…, 说明：…, in the row's first cell with nothing else beside it. */
const isFootnote = (row: SheetRow): boolean => {
  const texts = textsOf(row);
  return texts.length === 1 && /^(?:注|备注|说明|附注)\s*\d*\s*[:：]/.test(texts[0]!);
};

/**
 * A signature row below a table: every text a `标签：值` of who filled it in and when — 填表人：张伟 |
 * 审核人：王芳 | 联系电话：…, 填报日期：2026年3月1日 (breaker10c P10, breaker10b N8).
 */
const SIGNATURE_LABEL = /^(?:填表人|填报人|制表人|审核人|审核|审批人|负责人|单位负责人|分管领导|经办人|联系人|联系电话|电话|手机|填报日期|填表日期|填报时间|制表日期|报送日期|报送时间|填报单位|盖章|单位盖章)\s*[:：]/;
const isSignature = (row: SheetRow): boolean => {
  const texts = textsOf(row);
  return texts.length > 0 && texts.every((text) => SIGNATURE_LABEL.test(text));
};

/** The header row again (a printed page's repeat): two or more cells, each the header's own name in its column. */
const repeatsHeader = (row: SheetRow, names: readonly string[]): boolean => {
  const same = row.cells.filter((cell, position) => textOf(cell) !== '' && textOf(cell) === names[position]).length;
  return same >= 2 && row.cells.every((cell, position) => textOf(cell) === '' || textOf(cell) === names[position]);
};

/** The word a header ends in (单位, 部门, 科室, 处室): what a short sub-header under it leaves out. */
const HEAD_WORD = /(单位|部门|科室|处室)$/;

/**
 * A sub-header as its column means it: `牵头` under `责任单位` is 牵头单位, when that is a known column
 * and `牵头` alone is not. Under a heading of responsibility that does not end in such a word
 * (责任主体, 整改责任, 责任分工: breaker10d P30), a short role word (牵头, 配合, 协办, 参与, 主责,
 * 责任) is that role's 单位.
 */
function withHeadWord<Key extends string>(name: string, above: string, columns: Columns<Key>): string {
  const level = underUnitHeading(name, above, columns);
  if (level !== undefined) return level;
  if (name === '' || columnOf(columns, name, true) !== undefined) return name;
  const headWord = HEAD_WORD.exec(above)?.[1] ?? (ROLE_WORD.test(name) ? '单位' : undefined);
  if (!headWord || name.endsWith(headWord)) return name;
  const composed = `${name}${headWord}`;
  return columnOf(columns, composed, true) === undefined ? name : composed;
}

/** The level a sub-header names before its role: 市级牵头单位, 区县级, 市直部门 (breaker10r P12). */
const LEVEL_WORDS = /^(?:市级|市直|县级|区级|区县级|县区级|县市区级?|区县|县区|乡镇级?|省级)/u;
/** A sub-header that names only a level or the unit itself: 区县, 区县级, 市直部门, 市级, 单位, 单位名称 (breaker10r P12). */
const LEVEL_ONLY = /^(?:(?:市级|市直|县级|区级|区县级|县区级|县市区级?|区县|县区|乡镇级?|省级)(?:部门|单位|政府|人民政府|部门单位)?|单位|部门|单位名称|名称)$/u;

/**
 * A sub-header under a unit heading merged above it that names a level or the unit itself (breaker10r P12: 配合单位 over 市直部门 | 区县,
 * 责任单位 over 市级牵头单位 | 市级配合单位 | 区县级, 牵头单位 over 单位 | 联系人 — read as data, their words refused as unknown units): the
 * heading's column (区县 under 配合单位 is 配合单位), or the role it names without its level (市级牵头单位 is 牵头单位). Undefined otherwise.
 */
function underUnitHeading<Key extends string>(sub: string, above: string, columns: Columns<Key>): string | undefined {
  if (sub === '' || above === '' || sub === above || !/单位|部门|主体/u.test(above) || columnOf(columns, above, true) === undefined) return undefined;
  const plain = sub.normalize('NFKC').replace(/\s+/gu, '');
  if (LEVEL_ONLY.test(plain)) return above;
  const rest = plain.replace(LEVEL_WORDS, '');
  return rest !== plain && rest !== '' && columnOf(columns, rest, true) !== undefined ? rest : undefined;
}

/** A role alone as a sub-header: 牵头 | 配合 under 责任主体. */
const ROLE_WORD = /^(牵头|配合|协办|参与|主责|责任)$/;

/** Whether the header cell at `position` is one heading merged over several columns (the same text beside it). */
const spansColumns = (names: readonly string[], position: number): boolean =>
  names[position] !== '' && (names[position - 1] === names[position] || names[position + 1] === names[position]);

/**
 * The header row, and the name of every column under it. A second header row refines the first
 * where it names known columns: 责任单位 | 责任单位 over 牵头单位 | 配合单位 reads as those two.
 */
function headerOf<Key extends string>(
  rows: readonly SheetRow[],
  columns: Columns<Key>,
): { headerRows: number[]; names: string[]; levels?: ReadonlyMap<number, string> } | null {
  const knownIn = (row: SheetRow): number =>
    new Set(row.cells.map((cell) => columnOf(columns, textOf(cell), true)).filter((key) => key !== undefined)).size;
  let index = rows.slice(0, HEADER_SEARCH_ROWS).findIndex((row) => knownIn(row) >= 2);
  // Below a long 填报说明 (附件1, a title and a dozen numbered lines, each a row of one text): the first row naming the columns after
  // rows of one text only (breaker10q P18: a header on row 13 was refused as 「前 10 行中没有找到表头」).
  // Below rows of a few texts each (说明 | 联系人, 填报单位 | 填报时间 | 联系电话): a header naming three columns or more (breaker43-10 F6:
  // a title and nine two-cell 说明/联系人 rows above the header were refused as 「前 10 行中没有找到表头」).
  if (index < 0) {
    const later = rows.slice(0, HEADER_SEARCH_ROWS_BELOW_NOTES).findIndex((row) => knownIn(row) >= 2);
    const above = rows.slice(0, Math.max(later, 0));
    if (later >= HEADER_SEARCH_ROWS && (above.every((row) => textsOf(row).length <= 1) || (knownIn(rows[later]!) >= 3 && above.every((row) => textsOf(row).length <= NOTE_ROW_TEXTS)))) index = later;
  }
  if (index < 0) return null;
  const header = rows[index]!;
  const names = header.cells.map((cell) => textOf(cell));
  const next = rows[index + 1];
  if (!next) return { headerRows: [header.row], names };
  // Short sub-headers under a merged 责任单位: 牵头 | 配合 read as 牵头单位 | 配合单位 (breaker10 F35).
  const below = next.cells.map((cell, position) => withHeadWord(textOf(cell), names[position] ?? '', columns));
  // A sub-header read as its heading (区县 under 配合单位) refines it too: the row is a header, not data (breaker10r P12).
  const raw = next.cells.map((cell) => textOf(cell));
  const refines = below.some((name, position) => name !== '' && (name !== names[position] || (raw[position] !== '' && raw[position] !== names[position])) && columnOf(columns, name, true) !== undefined);
  // Under a heading merged over several columns (整改责任 over 责任领导 | 责任单位 | 责任人) any name is a sub-header (breaker10d P30).
  const onlyNames = below.every(
    (name, position) => name === '' || name === names[position] || columnOf(columns, name, true) !== undefined || isWeightyColumn(name) || spansColumns(names, position),
  );
  if (!refines || !onlyNames) return { headerRows: [header.row], names };
  const width = Math.max(names.length, below.length);
  // The sub-headers that name a level under a unit heading (牵头单位 over 市级 | 区县): the heading's column at that level.
  const levels = new Map<number, string>();
  raw.forEach((sub, position) => {
    if (sub !== '' && sub !== names[position] && underUnitHeading(sub, names[position] ?? '', columns) !== undefined) levels.set(position, sub);
  });
  return {
    headerRows: [header.row, next.row],
    names: Array.from({ length: width }, (_, position) => underHeading(below[position] ?? '', names[position] ?? '', columns)),
    ...(levels.size > 0 ? { levels } : {}),
  };
}

/**
 * A sub-header's name under the heading merged above it: the sub-header, or the heading where it has none. A sub-header no
 * column means, under a heading of time, units or measures (时间安排 over 阶段目标 | 完成时限), keeps the heading in brackets —
 * 「阶段目标（时间安排）」 — so that it counts as what the heading says: never dropped as 「未导入：阶段目标」 (breaker10q P17: the
 * office's dated milestones lost with one word at the end of the line).
 */
function underHeading<Key extends string>(sub: string, heading: string, columns: Columns<Key>): string {
  if (sub === '' || sub === heading) return heading;
  if (heading === '' || columnOf(columns, sub, true) !== undefined || isWeightyColumn(sub) || isPersonColumn(sub) || !isWeightyColumn(heading)) return sub;
  return `${sub}（${heading}）`;
}

/** A spreadsheet column's letter, from its position (0 → A, 26 → AA). */
const columnLetter = (position: number): string =>
  (position >= 26 ? columnLetter(Math.floor(position / 26) - 1) : '') + String.fromCharCode(65 + (position % 26));

/** What `cellOf` reads a formula saved without its result as: refused by the import as an error value (`errorValueProblem`). */
const UNCALCULATED = '#UNCALCULATED';
/** Excel's error values, as a failed formula shows them (and as a CSV saved from Excel writes them), and `UNCALCULATED`. */
const ERROR_VALUE = /^#(?:N\/A|REF!|VALUE!|DIV\/0!|NAME\?|NULL!|NUM!|SPILL!|CALC!|GETTING_DATA|UNCALCULATED)$/;

/** A cell the import reads holding an error value: refused naming the cell, never read as a name or dropped (breaker10c P5). */
/**
 * The refusal of a row whose unit cell (`ColumnSpec.units`) holds a run of text longer than any unit's name (`longestNameRun` over
 * `MAX_UNIT_NAME_CHARS`): a paste accident, 「青川市甲务局」 and 200 000 characters after it, named by its column and cell (`F2`) with
 * how many characters it has, and what a unit cell holds; null when every unit cell of the row is within it. Said in the reader, so
 * such a cell never reaches the server's thread to be matched against the directory (breaker53-10 S4: 100 000 characters held
 * every request 4.8 s, 200 000 20 s). O(the row's text).
 */
function overlongUnitCellProblem<Key extends string>(
  row: SheetRow,
  positions: ReadonlyMap<Key, readonly number[]>,
  columns: Columns<Key>,
  headerNames: readonly (string | undefined)[],
  sheet: string | null,
): ImportProblem | null {
  for (const [key, at] of positions) {
    if (columns[key].units === undefined) continue;
    for (const position of at) {
      const text = textOf(row.cells[position] ?? null);
      const run = longestNameRun(text);
      const cell = `${columnLetter(position)}${row.row}`;
      const column = headerNames[position] ?? columns[key].label;
      // Many names, each short enough (40 000 of 99 characters joined by 、): the cell bounded as a whole (breaker54-10 S1).
      const beyond = run <= MAX_UNIT_NAME_CHARS ? unitCellBeyondLimit(text) : null;
      if (beyond) {
        const said = unitCellBeyondLimitWords(beyond);
        return {
          row: row.row,
          reason: `Column "${column}" (cell ${cell}) ${said.en}`,
          reasonZh: `“${column}”一格（单元格 ${cell}）${said.zh}`,
          ...(sheet === null ? {} : { sheet }),
        };
      }
      if (run <= MAX_UNIT_NAME_CHARS) continue;
      return {
        row: row.row,
        reason:
          `Column "${column}" (cell ${cell}) holds ${text.length} characters, with ${run} in a row without a separator ("${quotedStart(text)}"): ` +
          `no unit's name is longer than ${MAX_UNIT_NAME_CHARS} characters. Write only the units' names in it, separated by 、, and import again.`,
        reasonZh:
          `“${column}”一格（单元格 ${cell}）写了 ${text.length} 个字，其中连续 ${run} 个字没有分隔（“${quotedStart(text)}”），不像单位名称：` +
          `单位名称最多 ${MAX_UNIT_NAME_CHARS} 个字。请在该格中只写单位名称（多个单位用“、”分隔）后重新导入。`,
        ...(sheet === null ? {} : { sheet }),
      };
    }
  }
  return null;
}

function errorValueProblem(row: number, position: number, value: string): ImportProblem {
  const cell = `${columnLetter(position)}${row}`;
  if (value === UNCALCULATED) {
    return {
      row,
      reason: `Cell ${cell} holds a formula saved without its result (as files written by a program often are): open the file in Excel or WPS and save it, or type the value, then import it again.`,
      reasonZh: `单元格 ${cell} 是公式，但文件中没有保存它的计算结果（程序生成的表格常这样）：请用 Excel 或 WPS 打开该文件并保存后重新导入，或直接填写内容。`,
    };
  }
  return {
    row,
    reason: `Cell ${cell} holds the error value ${value} (a formula that failed, such as a VLOOKUP that found nothing): correct the formula or type the value.`,
    reasonZh: `单元格 ${cell} 是错误值“${value}”（公式未能算出结果，例如 VLOOKUP 没有找到）：请修正公式或直接填写内容。`,
  };
}

/** A column whose header cell is blank but whose rows hold something: refused, naming its letter and what it holds. */
function unnamedColumnProblem(headerRow: number, position: number, sample: string): ImportProblem {
  const letter = columnLetter(position);
  const shown = sample.length > 20 ? `${sample.slice(0, 20)}…` : sample;
  return {
    row: headerRow,
    reason: `Column ${letter} has no name in the header but holds data ("${shown}"): name it (e.g. 配合单位, 完成时限) or remove it, so that nothing is dropped unsaid.`,
    reasonZh: `第 ${letter} 列没有列名，但有内容（“${shown}”）：请在表头填写列名（如 配合单位、完成时限），或删去该列，以免内容被遗漏。`,
  };
}

/** Which position each key reads from: one, or several for a `several` column. */
function positionsOf<Key extends string>(
  names: readonly string[],
  columns: Columns<Key>,
  headerRow: number,
  levels: ReadonlyMap<number, string> = new Map(),
): {
  positions: Map<Key, number[]>;
  unused: (UnusedColumn & { readonly position: number })[];
  problems: ImportProblem[];
  withPeople: Set<number>;
  byLevel: { readonly key: Key; readonly name: string; readonly levels: readonly string[] }[];
} {
  const positions = new Map<Key, number[]>();
  const byLevel: { key: Key; name: string; levels: string[] }[] = [];
  const withPeople = new Set<number>();
  const problems: ImportProblem[] = [];
  const unmatched: number[] = [];
  names.forEach((name, position) => {
    if (name === '') return;
    const key = columnOf(columns, name);
    if (key === undefined) {
      unmatched.push(position);
      return;
    }
    // 配合单位（联系人及电话）: its brackets dropped it names the unit column; its cells add the people.
    if (unitHeaderBeforePerson(name) !== null) withPeople.add(position);
    const taken = positions.get(key);
    const leftIs = columns[key].leftOfTwoIs as Key | undefined;
    if (taken && !columns[key].several && leftIs !== undefined && leftIs in columns && !positions.has(leftIs) && !names.some((other) => columnOf(columns, other) === leftIs)) {
      // 重点任务 | 具体事项: the left names the row's task (its category), the right the row's own item.
      positions.set(leftIs, taken);
      positions.set(key, [position]);
    } else if (taken && !columns[key].several && levels.has(position) && taken.every((at) => levels.has(at) && names[at] === name)) {
      // 牵头单位 over 市级 | 区县 (session 35, import10e): one unit column split by level — the units of every level are the
      // column's (a lead at each level leads its level's work), read as one cell; never refused 「“牵头单位”列出现了两次」.
      positions.set(key, [...taken, position]);
      const told = byLevel.find((each) => each.name === name);
      if (told) told.levels.push(levels.get(position)!);
      else byLevel.push({ key, name, levels: [...taken.map((at) => levels.get(at)!), levels.get(position)!] });
    } else if (taken && !columns[key].several) {
      // The file's own headers, as the office typed them (breaker10n P8: 「“内容”列出现了两次」 for 具体内容 and 工作要求, a header the file does not have).
      const first = names[taken[0]!]!;
      const label = labelZh(columns[key].label);
      problems.push(
        first === name
          ? { row: headerRow, reason: `Column ${name} appears twice in the header.`, reasonZh: `表头中“${name}”列出现了两次。` }
          : {
              row: headerRow,
              reason: `Columns ${first} and ${name} both read as ${columns[key].label}: keep one, or rename the other to a header of its own.`,
              reasonZh: `表头中“${first}”和“${name}”两列都表示“${label}”：请只保留一列，或把另一列改为其他表头。`,
            },
      );
    } else {
      positions.set(key, [...(taken ?? []), position]);
    }
  });
  // 序号 is the item code only when no 编号 column is there.
  const unused: (UnusedColumn & { position: number })[] = [];
  for (const position of unmatched) {
    const name = names[position]!;
    const key = columnOf(columns, name, true);
    if (key !== undefined && !positions.has(key)) {
      positions.set(key, [position]);
      continue;
    }
    // 配合单位及联系人, 协办单位负责人, 责任单位及责任人: a unit column whose cells add a person after the unit — read as that unit
    // column, the person left aside (breaker10n P14: listed as a column of people, its units got no part).
    const unitsOf = unitHeaderBeforePerson(name);
    const unitKey = unitsOf === null ? undefined : columnOf(columns, unitsOf, true);
    if (unitKey !== undefined && (!positions.has(unitKey) || columns[unitKey].several)) {
      positions.set(unitKey, [...(positions.get(unitKey) ?? []), position]);
      withPeople.add(position);
    } else unused.push({ name, weighty: isWeightyColumn(name), position });
  }
  return { positions, unused, problems, withPeople, byLevel };
}

/** The header names each key reads from, one each (a name merged over two cells once). */
function headersOf<Key extends string>(positions: ReadonlyMap<Key, readonly number[]>, names: readonly string[]): Partial<Record<Key, readonly string[]>> {
  const headers: Partial<Record<Key, readonly string[]>> = {};
  for (const [key, at] of positions) headers[key] = [...new Set(at.map((position) => names[position]!))];
  return headers;
}

/**
 * The refusal of a block beside the table, after a column empty on the header row and every row of two texts or more below it (a
 * section or footnote row merged across the sheet says nothing of the columns), whose header names a column the import reads or
 * units, dates or measures (`isWeightyColumn`), when the table left of the empty column has every column it needs: another table
 * (a contacts list 责任单位 | 联系人 | 联系电话), whose 责任单位 gave the items sharing its rows their units (breaker45-10 S1). Null
 * otherwise: an empty column inside the table, before a column the table needs (牵头单位 | (empty) | 完成时限), is nothing.
 */
function detachedBlockProblem<Key extends string>(
  rows: readonly SheetRow[],
  header: { readonly headerRows: readonly number[]; readonly names: readonly string[] },
  columns: Columns<Key>,
  sheet: string | null,
): ImportProblem | null {
  const { names } = header;
  const start = names.findIndex((name) => columnOf(columns, name, true) !== undefined);
  if (start < 0) return null;
  const lastHeaderRow = header.headerRows.at(-1)!;
  const body = rows.filter((row) => row.row > lastHeaderRow && textsOf(row).length >= 2);
  const filled = (position: number) => (names[position] ?? '') !== '' || body.some((row) => textOf(row.cells[position] ?? null) !== '');
  const gap = names.findIndex((_, position) => position > start && !filled(position));
  if (gap < 0) return null;
  const read = names.findIndex((name, position) => position > gap && name !== '' && (columnOf(columns, name, true) !== undefined || isWeightyColumn(name)));
  if (read < 0) return null;
  const left = new Set(names.slice(0, gap).map((name) => columnOf(columns, name, true)));
  const needed = (Object.keys(columns) as Key[]).filter((key) => columns[key].required);
  if (!needed.every((key) => left.has(key) || (columns[key].orInstead ?? []).some((other) => left.has(other as Key)))) return null;
  const at = columnLetter(read);
  const gapLetter = columnLetter(gap);
  return {
    row: header.headerRows[0]!,
    reason: `Column ${at} ("${names[read]}") is separated from the table by the empty column ${gapLetter}: what lies right of an empty column is not read as the table's. If it belongs to the table, delete the empty column ${gapLetter}; if it is another table (a contacts list), move it to another sheet or delete it. Then import again.`,
    reasonZh: `第 ${at} 列“${names[read]}”与表格之间隔着空列 ${gapLetter}：空列右侧的内容不按本表的列读取。如它属于本表，请删去空列 ${gapLetter}；如是另一张表（如联系人名单），请移到另一个工作表或删去，然后重新导入。`,
    ...(sheet === null ? {} : { sheet }),
  };
}

/** A sheet's rows read as one table, or `noHeader` when none of its first rows names the columns (a cover sheet, 填表说明). */
function tableOf<Key extends string>(
  allRows: readonly SheetRow[],
  columns: Columns<Key>,
  sheetName: string | null,
  cellNotices: readonly ImportProblem[] = [],
  hiddenColumns: readonly number[] = [],
): ImportResult<'table', Table<Key>> | { readonly ok: 'noHeader' } | { readonly ok: 'summary'; readonly column: string } {
  const rows = allRows.filter((row) => !row.cells.every(isBlankCell));
  const header = headerOf(rows, columns);
  if (!header) return { ok: 'noHeader' };
  // A block beside the table, after an empty column (a contacts list 责任单位 | 联系人 | 联系电话 at H:J), is never read as the
  // table's columns (breaker45-10 S1).
  const detached = detachedBlockProblem(rows, header, columns, sheetName);
  if (detached) return { ok: false, problems: [detached] };
  const headerRow = header.headerRows[0]!;
  const lastHeaderRow = header.headerRows.at(-1)!;
  const { positions, unused, problems, withPeople, byLevel } = positionsOf(header.names, columns, headerRow, header.levels);
  // A summary sheet (按单位汇总: 牵头单位 | 工作任务（项） | 最早完成时限) counts tasks per unit: a naming column of numbers only is no
  // table of tasks or problems, never read as items titled 「1」 (breaker10q P23).
  const namingAt = [...positions].flatMap(([key, at]) => (columns[key].names ? at : []));
  const namingTexts = rows.filter((row) => row.row > lastHeaderRow && !isTotals(row, [])).flatMap((row) => namingAt.map((position) => textOf(row.cells[position] ?? null).normalize('NFKC').trim())).filter((text) => text !== '');
  if (namingAt.length > 0 && namingTexts.length > 0 && namingTexts.every((text) => /^\d+(?:\.\d+)?\s*[项个条]?$/u.test(text))) return { ok: 'summary', column: header.names[namingAt[0]!]! };
  const readInstead: ImportProblem[] = [];
  for (const key of Object.keys(columns) as Key[]) {
    const instead = (columns[key].orInstead ?? []).some((other) => positions.has(other as Key));
    if (!columns[key].required || positions.has(key) || instead) continue;
    // 工作目标 of deadlines only, no deadline column: the deadlines (issue 10).
    const goals = columns[key].orDeadlinesUnder ?? [];
    const below = (position: number) => rows.filter((row) => row.row > lastHeaderRow).map((row) => textOf(row.cells[position] ?? null));
    const goal = goals.length === 0 ? -1 : unused.findIndex((column) => isNamed(column.name, goals) && deadlineIn(below(column.position)) !== undefined);
    if (goal >= 0) {
      const [column] = unused.splice(goal, 1) as [(typeof unused)[number]];
      positions.set(key, [column.position]);
      const example = deadlineIn(below(column.position))!;
      readInstead.push({
        row: headerRow,
        reason: `Column "${column.name}" holds deadlines only (such as "${example}") and the file has no ${columns[key].label} column: read as it.`,
        reasonZh: `“${column.name}”列写的都是时限（如“${example}”），文件中没有“${labelZh(columns[key].label)}”列：按“${labelZh(columns[key].label)}”读取。`,
      });
      continue;
    }
    // 协同单位 alone is no 牵头单位: the refusal names the column the clerk may think stands in (breaker10i P9).
    const notInstead = (columns[key].neverInstead ?? []).flatMap((other) => (positions.get(other as Key) ?? []).map((position) => header.names[position]!));
    problems.push(notInstead.length === 0 ? missingColumn(headerRow, columns[key].label, columns[key].aliases, unused.map((column) => column.name)) : missingColumnBeside(headerRow, columns[key].label, notInstead, (columns[key].orInstead ?? []).map((other) => columns[other as Key].label)));
  }
  if (problems.length > 0) return { ok: false, problems };

  const title = sheetTitleOf(rows.filter((row) => row.row < headerRow).map(textsOf));
  const legend = leadLegendOf(rows, header.names, headerRow, lastHeaderRow);
  const legendConflicts = (legend?.conflicts ?? []).map(({ symbol, legends }) => legendConflictProblem(symbol, legends, headerRow, sheetName));

  const notices: ImportProblem[] = [
    ...cellNotices,
    ...readInstead,
    ...byLevel.map(({ name, levels: split }) => ({
      row: lastHeaderRow,
      reason: `The ${name} column is split by level (${split.join(' | ')}): the units of every level are read as ${name}, each leading (or taking part in) its own level's work.`,
      reasonZh: `表头“${name}”下分${split.map((level) => `“${level}”`).join('、')}${split.length}栏：各栏的单位都按“${name}”读取，各自负责本级的工作。`,
    })),
  ];
  const records: SourceRecord<Key>[] = [];
  let sections: Section[] = [];
  /**
   * The lead unit a 大项 row written in the table's columns names (「一、平台建设 | | 澜州市数据资源管理局」, breaker10r P24: its items, naming
   * no lead, were refused 「缺少牵头单位」 with no word of it): the items below it with an empty lead cell are led by it, told once.
   */
  let sectionLead: { text: string; row: number; title: string; code: string; told: boolean } | null = null;
  const leadPositions = positions.get('leadUnit' as Key) ?? [];
  const levelKeys = byLevel.map(({ key }) => key);
  /** A 大项's lead no item took (each named its own): said not imported, as any other text on the section row (breaker10 F20). */
  const unusedSectionLead = () => {
    if (!sectionLead || sectionLead.told) return;
    notices.push({
      row: sectionLead.row,
      reason: `Read as the section row ${sectionLead.code} ${sectionLead.title}; its "${sectionLead.text}" is not imported (give it on the items' rows).`,
      reasonZh: `按分节行（${sectionLead.code}、${sectionLead.title}）读取；该行的“${sectionLead.text}”未导入（如需导入，请写在各事项行中）。`,
    });
    sectionLead.told = true;
  };
  // A column with no name over data (a blank header cell, a deleted second header row) is never dropped unsaid.
  const unnamed = header.names.flatMap((name, position) => (name === '' ? [position] : []));
  const naming = new Set([...positions].flatMap(([key, at]) => (columns[key].names ? at : [])));
  // A lone numbered line under 具体要求 or 工作措施 (`lines` columns) is a line of the record above, never a section (breaker10b N26).
  const lineColumns = new Set([...positions].flatMap(([key, at]) => (columns[key].lines ? at.filter((position) => position > 0) : [])));
  const inTextColumn = (row: SheetRow): boolean => {
    const filled = ownRow(row).cells.flatMap((cell, position) => (textOf(cell) === '' ? [] : [position]));
    return filled.length === 1 && lineColumns.has(filled[0]!);
  };
  const unnamedFilled = new Map<number, string>();
  /** Whether a unit cell had a mark the legend explains (`withLeadSymbolsRead`). */
  let legendUsed = false;
  /** Per column of units with people (`withPeople`): the first row naming a person after a unit, and those people. */
  const peopleSeen = new Map<number, { row: number; people: readonly string[] }>();
  const unusedTexts: string[][] = [];
  for (const column of unused) unusedTexts[column.position] = [];
  const errorProblems: ImportProblem[] = [...legendConflicts];
  /** Per column of days (`ColumnSpec.days`), its cells holding a bare number read as Excel's day serial: told after the rows. */
  const serialDays = new Map<number, { cell: string; written: string; day: string }[]>();
  // A template's rows numbered in advance (序号 filled down, 1…50 or =ROW()-1) with nothing else: empty rows (breaker10f P16).
  const numberedOnly: number[] = [];
  const isNumberedOnly = (row: SheetRow): boolean => {
    const filled = row.cells.flatMap((cell, position) => (textOf(cell) === '' ? [] : [position]));
    return filled.length === 1 && /^(?:序号|编号|序|No\.?)$/iu.test(header.names[filled[0]!] ?? '') && /^\d+[.、]?$/u.test(textOf(row.cells[filled[0]!] ?? null).normalize('NFKC'));
  };
  const requiredPositions = (Object.keys(columns) as Key[]).filter((key) => columns[key].required).flatMap((key) => (positions.get(key) ?? []).slice(0, 1));
  // 「1 | 推进决策公开 | | |」 over rows numbered 1-1, 1-2 (or 1.1, 1.2): a heading, read as a section row (breaker10r P22: refused
  // as an item without lead or deadline). Only a number and a title, the next row numbered under it.
  const numberedHeadings = new Map<number, { code: string; title: string }>();
  for (const [index, row] of rows.entries()) {
    if (row.row <= lastHeaderRow || naming.size === 0) continue;
    const filled = ownRow(row).cells.flatMap((cell, position) => (textOf(cell) === '' ? [] : [{ position, text: textOf(cell).normalize('NFKC') }]));
    if (filled.length !== 2 || naming.has(filled[0]!.position) || !naming.has(filled[1]!.position)) continue;
    const number = /^(\d{1,3})[.、]?$/u.exec(filled[0]!.text);
    const next = rows[index + 1];
    const nextFirst = next ? ownRow(next).cells.map((cell) => textOf(cell).normalize('NFKC')).find((text) => text !== '') : undefined;
    if (number && nextFirst !== undefined && new RegExp(`^${number[1]}[-－—.．]\\d{1,3}[.、]?$`, 'u').test(nextFirst)) numberedHeadings.set(row.row, { code: number[1]!, title: filled[1]!.text });
  }
  /** The columns a cell the sheet does not show must not hide in: those read, and those naming units, dates or measures. */
  const readOrWeighty = new Set([...[...positions.values()].flat(), ...unused.filter((column) => column.weighty).map((column) => column.position)]);
  let previousRow = lastHeaderRow;
  /** How many cells the header names: up to its last column with a name (a CSV row's cells past it are read by nothing). */
  const headerWidth = header.names.reduce((width, name, position) => (name === '' ? width : position + 1), 0);
  for (const row of rows) {
    if (row.row <= lastHeaderRow) continue;
    const gap = row.row - previousRow - 1;
    previousRow = row.row;
    // A stray quote swallowing rows is refused before the row is read as anything (breaker49-10 S6).
    const strayQuote = strayQuoteProblem(row, headerWidth, header.names);
    if (strayQuote) {
      errorProblems.push(strayQuote);
      continue;
    }
    // The legend of a lead mark (注：*为牵头单位, or 「★为牵头单位」 alone below the table): told after the rows, with the marks it read.
    if (legend?.rows.includes(row.row)) continue;
    // Two blank rows, then a lone title (联络员名单, 附表): another table below the task table, not read (breaker10c P10).
    // But a heading over more rows of this table (补充问题（第二批反馈）, 年中新增任务: rows that fill its columns, no
    // header of their own) is no other table: those rows were dropped while the import said success (breaker10r P14).
    if (gap >= 2 && records.length > 0 && textsOf(row).length === 1 && !sectionOf(row) && !isFootnote(row)) {
      const below = rows.filter((other) => other.row > row.row);
      if (continuesTable(below, header.names, columns, requiredPositions)) {
        const heading = textsOf(row)[0]!;
        if (sections.length > 0) {
          // Under 一、/二、 sections the rows below would fall in the last one: the clerk numbers the heading or removes it.
          errorProblems.push({
            row: row.row,
            reason: `Row ${row.row} ("${heading}") follows two blank rows but the rows below it are more rows of this table: number it as a section (e.g. "三、${heading}") or delete the row.`,
            reasonZh: `${sheetName ? `工作表“${sheetName}”` : ''}第 ${row.row} 行（“${heading}”）在两个空行之后，但其下各行仍是本表的内容：请给它编号作为一个大项（如“三、${heading}”），或删去该行。`,
          });
        } else {
          notices.push({
            row: row.row,
            reason: `Row ${row.row} ("${heading}") after two blank rows is a heading: the rows below it are read as more rows of this table.`,
            reasonZh: `第 ${row.row} 行（“${heading}”）在两个空行之后，按小标题跳过；其下各行仍按本表读取。`,
          });
        }
        continue;
      }
      const left = rows.filter((other) => other.row >= row.row).length;
      notices.push({
        row: row.row,
        reason: `The table ends above: from row ${row.row} ("${textsOf(row)[0]}", ${left} row(s)) another table follows two blank rows, not read.`,
        reasonZh: `任务表到此为止：第 ${row.row} 行起（“${textsOf(row)[0]}”，共 ${left} 行）是空两行后的另一张表，未读取。`,
      });
      break;
    }
    if (isSignature(row)) {
      const texts = textsOf(row).join(' ');
      notices.push({ row: row.row, reason: `Signature row skipped: ${texts}`, reasonZh: `已跳过填报信息行：${texts}` });
      continue;
    }
    if (repeatsHeader(row, header.names)) {
      notices.push({ row: row.row, reason: 'A repeat of the header row (a printed page\'s) skipped.', reasonZh: '已跳过重复的表头行（打印分页时重复的表头）。' });
      continue;
    }
    if (isFootnote(row)) {
      // A footnote that finishes or cancels rows (注：第2项问题已整改完毕) is refused, never skipped (breaker10k P11).
      const said = footnoteProblem(row.row, textsOf(row)[0]!, sheetName);
      if (said) {
        errorProblems.push(said);
        continue;
      }
      notices.push({ row: row.row, reason: `Footnote skipped: ${textsOf(row)[0]}`, reasonZh: `已跳过注释行：${textsOf(row)[0]}` });
      continue;
    }
    if (isTotals(row, requiredPositions)) {
      const texts = textsOf(row).join(' ');
      notices.push({ row: row.row, reason: `Totals row skipped: ${texts}`, reasonZh: `已跳过合计行：${texts}` });
      continue;
    }
    if (isNumberedOnly(row)) {
      numberedOnly.push(row.row);
      continue;
    }
    const inColumns = sectionOf(row) === null ? sectionInColumnsOf(row, naming) : null;
    const heading = numberedHeadings.get(row.row);
    const numberedSection = heading ? { level: (sections.some((each) => each.level === 1 && !numberedHeadings.has(each.row)) ? 2 : 1) as 1 | 2, ...heading } : undefined;
    const written = (inTextColumn(row) ? null : sectionOf(row)) ?? inColumns?.section ?? numberedSection;
    const across = written ? null : mergedAcrossOf(row, naming, [...positions.values()].flat());
    const section = written ?? (across === null ? undefined : (mergedHeadingOf(across, sections) ?? undefined));
    if (across !== null && !section) {
      // Merged across the table with no number: a heading, never an item — numbered, it is read as one (newcomer45-10 S1).
      errorProblems.push({
        row: row.row,
        reason: `Row ${row.row} ("${across}") is one text merged across the table: a heading, not an item. Number it as a section (e.g. "三、${across}") or unmerge it and fill in the item's columns.`,
        reasonZh: `${sheetName ? `工作表“${sheetName}”` : ''}第 ${row.row} 行（“${across}”）是合并跨过整张表的一段文字，是标题而不是事项：请给它编号作为一个大项（如“三、${across}”），或取消合并、按列填写该事项。`,
      });
      continue;
    }
    if (section) {
      // A second-level heading under a first-level one ((一) under 一、): the rows below it stay under the first level — said, never
      // dropped unsaid (import P5).
      const parent = sections.find((each) => each.level === 1);
      if (section.level === 2 && parent) notices.push(subheadingNotice(row.row, section, parent));
      sections = [...sections.filter((each) => each.level < section.level), { ...section, row: row.row }];
      const leadText = leadPositions.length === 1 ? inColumns?.droppedAt?.get(leadPositions[0]!) : undefined;
      if (leadText !== undefined || section.level === 1) unusedSectionLead();
      sectionLead = leadText === undefined ? (section.level === 1 ? null : sectionLead) : { text: leadText, row: row.row, title: section.title, code: section.code, told: false };
      const dropped = (inColumns?.dropped ?? []).filter((text) => text !== leadText);
      if (inColumns && dropped.length > 0) {
        const texts = dropped.map((text) => `“${text}”`).join('、');
        notices.push({
          row: row.row,
          reason: `Read as the section row ${section.code} ${section.title}; its ${dropped.map((text) => `"${text}"`).join(', ')} is not imported (give it on the items' rows).`,
          reasonZh: `按分节行（${section.code}、${section.title}）读取；该行的${texts}未导入（如需导入，请写在各事项行中）。`,
        });
      }
      continue;
    }
    const errorValues = [...positions.values()].flat().flatMap((position) => {
      const text = textOf(row.cells[position] ?? null);
      return ERROR_VALUE.test(text) ? [errorValueProblem(row.row, position, text)] : [];
    });
    errorProblems.push(...errorValues);
    const hiddenOrStruck = hiddenOrStruckProblem(row, sheetName);
    if (hiddenOrStruck) errorProblems.push(hiddenOrStruck);
    if (!hiddenOrStruck) errorProblems.push(...concealedProblems(row, readOrWeighty, header.names, sheetName));
    // Left out of the table read beside the problems, as nothing to check: a row hidden or struck, or one with an error value (its
    // cell read as a name or a day would only echo the refusal: 「责任单位“#N”不在单位名录中」).
    if (hiddenOrStruck || errorValues.length > 0) continue;
    // A unit cell longer than any unit's name (a paste accident) is refused here, in the reader: matched against the directory on
    // the server's thread, 200 000 characters held every request 20 s (breaker53-10 S4).
    const overlong = overlongUnitCellProblem(row, positions, columns, header.names, sheetName);
    if (overlong) {
      errorProblems.push(overlong);
      continue;
    }
    const cells: Partial<Record<Key, Cell>> = {};
    // A unit column with a person after each unit (配合单位及联系人) gives its units; the people are said once per column.
    const cellAt = (position: number): Cell => {
      const cell = row.cells[position] ?? null;
      if (!withPeople.has(position) || textOf(cell) === '') return cell;
      const read = unitsWithoutPeople(textOf(cell));
      if (read.people.length > 0 && !peopleSeen.has(position)) peopleSeen.set(position, { row: row.row, people: read.people });
      return read.units;
    };
    for (const [key, at] of positions) {
      // An identifier as the sheet shows it (001, 1.10), never the bare number (breaker46-10 S2, M3).
      const shownNumber = columns[key].asShown && at.length === 1 ? row.shownNumbers?.find((each) => each.position === at[0])?.text : undefined;
      if (shownNumber !== undefined) cells[key] = shownNumber;
      else if (at.length === 1) cells[key] = cellAt(at[0]!);
      // Every column of a `several` key is read, the same header twice too (two 配合单位 columns; 责任单位 merged over two
      // columns, the left holding the lead and the right the others): the second was dropped unsaid (breaker10o P13). A
      // cell merged across them gives its text to each, read once.
      else cells[key] = [...new Set(at.map((position) => textOf(cellAt(position))).filter((text) => text !== ''))].join('\n') || null;
    }
    const leadSymbols: Record<string, string> = {};
    const symbolProblem = withLeadSymbolsRead(cells, columns, legend, row.row, sheetName, leadSymbols, (key) => header.names[positions.get(key)?.[0] ?? -1] ?? columns[key].label);
    if (symbolProblem === 'read') legendUsed = true;
    else if (symbolProblem) errorProblems.push(symbolProblem);
    // An item row (its task or code filled) with no lead under a 大项 row naming one: led by it (breaker10r P24), told once per 大项.
    if (sectionLead && leadPositions.length === 1 && textOf(cells['leadUnit' as Key] ?? null) === '' && [...naming].some((position) => textOf(row.cells[position] ?? null) !== '')) {
      cells['leadUnit' as Key] = sectionLead.text;
      if (!sectionLead.told) {
        sectionLead.told = true;
        notices.push({
          row: sectionLead.row,
          reason: `The section row ${sectionLead.title} names the lead unit ${sectionLead.text}: its items that name no lead unit are led by it.`,
          reasonZh: `第 ${sectionLead.row} 行的大项“${sectionLead.title}”写有牵头单位“${sectionLead.text}”：其下未写牵头单位的事项由其牵头。`,
        });
      }
    }
    for (const [key, at] of positions) {
      if (!columns[key].days || at.length !== 1) continue;
      const cell = row.cells[at[0]!] ?? null;
      const day = typeof cell === 'number' || typeof cell === 'string' ? excelSerialDayOf(textOf(cell)) : null;
      if (day) serialDays.set(at[0]!, [...(serialDays.get(at[0]!) ?? []), { cell: `${columnLetter(at[0]!)}${row.row}`, written: textOf(cell), day }]);
    }
    const others = unused.flatMap((column) => (textOf(row.cells[column.position] ?? null) === '' ? [] : [{ label: column.name, cell: row.cells[column.position] ?? null }]));
    const mergedDown = row.fromAbove ? [...positions].filter(([, at]) => at.length === 1 && row.fromAbove!.includes(at[0]!)).map(([key]) => key) : [];
    const daysWithoutYear = Object.fromEntries(
      (row.withoutYear ?? []).flatMap(({ position, shown }) => [...positions].filter(([, at]) => at.length === 1 && at[0] === position).map(([key]) => [key, shown] as const)),
    ) as Partial<Record<Key, ShownDay>>;
    const withoutYear = Object.keys(daysWithoutYear).length > 0 ? { withoutYear: daysWithoutYear } : {};
    records.push({
      ...withoutYear,
      row: row.row,
      cells,
      sections,
      ...(others.length === 0 ? {} : { others }),
      ...(mergedDown.length === 0 ? {} : { mergedDown }),
      ...(levelKeys.length === 0 ? {} : { byLevel: levelKeys }),
      ...(Object.keys(leadSymbols).length === 0 ? {} : { leadSymbols }),
    });
    for (const column of unused) {
      const text = textOf(row.cells[column.position] ?? null);
      if (text !== '' && !unusedTexts[column.position]!.includes(text) && unusedTexts[column.position]!.length < UNUSED_TEXTS_KEPT) unusedTexts[column.position]!.push(text);
    }
    for (const position of unnamed) {
      const text = textOf(row.cells[position] ?? null);
      if (text !== '' && !unnamedFilled.has(position)) unnamedFilled.set(position, text);
    }
    const pastHeader = cellsPastHeaderProblem(row, Math.max(header.names.length, headerWidth));
    if (pastHeader) errorProblems.push(pastHeader);
  }
  unusedSectionLead();
  if (legend) notices.push(legendNotice(legend, legendUsed));
  for (const [position, cells] of serialDays) notices.push(serialDaysNotice(header.names[position]!, cells));
  if (numberedOnly.length > 0) {
    const spans = numberSpans(numberedOnly);
    notices.push({
      row: numberedOnly[0]!,
      reason: `Rows ${spans.join(', ')} have only their number (序号), nothing else: skipped as empty rows.`,
      reasonZh: `第 ${spans.join('、')} 行只有序号，没有其他内容：按空行跳过。`,
    });
  }
  for (const [position, seen] of peopleSeen) {
    const name = header.names[position]!;
    notices.push({
      row: seen.row,
      reason: `Column "${name}" is read for its units; the people named after them (${seen.people.join(', ')} …) are not imported.`,
      reasonZh: `“${name}”列按单位读取；单位后的联系人（${seen.people.join('、')}等）未导入。`,
    });
  }
  const unnamedProblems = [...unnamedFilled].map(([position, text]) => unnamedColumnProblem(headerRow, position, text));
  const hiddenProblems = hiddenColumnProblems(hiddenColumns, header.names, headerRow, records.map((record) => record.row), rows, positions, unused, sheetName);
  const table: Table<Key> = { sheet: sheetName, sheets: sheetName === null ? [] : [sheetName], headerRow, title, records, unusedColumns: unused.map(({ name, weighty, position }) => ({ name, weighty, texts: unusedTexts[position]! })), headers: headersOf(positions, header.names), notices };
  // Problems of some rows or columns: refused, with the table read beside them (a row's unexplained mark read as its bare unit
  // name, a hidden or struck row left out) for the feature to check every row too — one refusal names every problem (issue 10).
  if (unnamedProblems.length > 0 || hiddenProblems.length > 0 || errorProblems.length > 0) return { ok: false, problems: [...unnamedProblems, ...hiddenProblems, ...errorProblems], table };
  return { ok: true, table };
}

/**
 * The problem of each hidden column the import would read (a column of the header's dictionary, or one naming units, dates or
 * measures) that holds something on a record's row: as a hidden row is, refused naming it, never read as if shown — an office
 * hides last year's 协办单位 or a draft column rather than delete it, and read it gave units work the printed table does not
 * (breaker10q P6). A hidden column of nothing the import reads (备注) is listed with the columns not imported, as a shown one is.
 */
function hiddenColumnProblems<Key extends string>(
  hidden: readonly number[],
  names: readonly string[],
  headerRow: number,
  recordRows: readonly number[],
  rows: readonly SheetRow[],
  positions: ReadonlyMap<Key, readonly number[]>,
  unused: readonly (UnusedColumn & { readonly position: number })[],
  sheet: string | null,
): ImportProblem[] {
  if (hidden.length === 0) return [];
  const read = new Set([...positions.values()].flat());
  const weighty = new Set(unused.filter((column) => column.weighty).map((column) => column.position));
  const onRecords = new Set(recordRows);
  return hidden.flatMap((position) => {
    if (!read.has(position) && !weighty.has(position)) return [];
    const filled = rows.find((row) => onRecords.has(row.row) && textOf(row.cells[position] ?? null) !== '');
    if (!filled) return [];
    const letter = columnLetter(position);
    const name = names[position] ?? '';
    const text = textOf(filled.cells[position] ?? null);
    return [
      {
        row: headerRow,
        reason: `Column ${letter} ("${name}") is hidden in the sheet but holds data (row ${filled.row}: "${text}"): an import reads no meaning into hiding, and does not read a column the printed table does not show. Unhide it, then delete the column if it is no longer used, or import it as it stands.`,
        reasonZh: `第 ${letter} 列“${name}”在表格中被隐藏，但有内容（第 ${filled.row} 行：“${text}”）：导入不按隐藏理解其含义，也不读取打印时看不到的列。请取消隐藏该列后确认：如该列已不再使用，请删去该列；如仍要导入，取消隐藏后导入。`,
        ...(sheet === null ? {} : { sheet }),
      },
    ];
  });
}

const quoted = (names: readonly string[]): string => names.map((name) => `“${name}”`).join('');

/**
 * The records of a CSV or XLSX file as laid out by an office (see the top of this file). A missing
 * required column or a column named twice is a problem of the whole file. Columns no key means
 * are returned as `unusedColumns`, for the feature to list or refuse.
 *
 * A workbook read without a sheet named is read whole: every visible sheet whose header names the
 * columns is a part of the one table (分解方案 often put each 大项 on its own sheet, 台账 each
 * unit), its records tagged with their sheet; sheets without such a header (填表说明, a cover)
 * are named in a notice, never skipped unsaid (breaker10 F33, F21).
 */
/** The refusal of worksheets whose cells hold more text than `MAX_FILE_TEXT_CHARS` in all, naming the longest cell; null within it. O(cells). */
function textBeyondLimit(worksheets: readonly { readonly name: string | null; readonly rows: readonly SheetRow[] }[]): ImportProblem | null {
  let total = 0;
  let longest: CellSize | null = null;
  for (const worksheet of worksheets) {
    for (const row of worksheet.rows) {
      row.cells.forEach((cell, position) => {
        const chars = typeof cell === 'string' ? cell.length : cell === null || cell === undefined ? 0 : textOf(cell).length;
        total += chars;
        if (chars > (longest?.chars ?? 0)) longest = { sheet: worksheet.name, cell: `${columnLetter(position)}${row.row}`, chars };
      });
    }
  }
  return fileTextBeyondLimitProblem(total, longest);
}

export async function readSpreadsheet<Key extends string>(
  content: FileContent,
  format: 'csv' | 'xlsx',
  columns: Columns<Key>,
  options: SheetOptions = {},
): Promise<ImportResult<'table', Table<Key>>> {
  let worksheets: readonly { name: string | null; rows: readonly SheetRow[]; notices: readonly ImportProblem[]; hiddenColumns?: readonly number[] }[];
  let hiddenSheets: string[] = [];
  let veryHidden = new Set<string>();
  if (format === 'csv') {
    const read = csvRows(content);
    if (!read.ok) return read;
    worksheets = [{ name: null, rows: read.rows.rows, notices: read.rows.notices }];
  } else {
    const read = await xlsxSheets(content, options);
    if (!read.ok) return read;
    // The sheet named is read, hidden or not: naming it is the way on the hidden sheet's refusal gives (newcomer51-10 M8: it was
    // refused again, the same way).
    const named = options.sheet !== undefined;
    worksheets = read.worksheets.filter((worksheet) => named || !worksheet.hidden);
    hiddenSheets = read.worksheets.filter((worksheet) => !named && worksheet.hidden && !['noHeader', 'summary'].includes(String(tableOf(worksheet.rows, columns, worksheet.name).ok))).map((worksheet) => worksheet.name);
    veryHidden = new Set(read.worksheets.filter((worksheet) => worksheet.veryHidden).map((worksheet) => worksheet.name));
  }
  // More text than any real file holds (an XLSX of 99 MB of cell text in 465 KB) is refused here, in the reader, before the rows go to
  // the server's thread (breaker52-10 S3: handing them over and checking them held other requests 5–8 s).
  const tooMuchText = textBeyondLimit(worksheets);
  if (tooMuchText) return { ok: false, problems: [tooMuchText] };
  // A very hidden sheet is not listed by Excel's 取消隐藏: its way on is naming it (breaker45-10 M5: told 「请先取消隐藏」).
  const unhideable = hiddenSheets.filter((name) => !veryHidden.has(name));
  const namedOnly = hiddenSheets.filter((name) => veryHidden.has(name));
  const hiddenNotice: ImportProblem[] = [
    ...(unhideable.length === 0
      ? []
      : [
          {
            row: null,
            reason: `Hidden sheet${unhideable.length > 1 ? 's' : ''} ${unhideable.map((name) => `"${name}"`).join(', ')} hold${unhideable.length > 1 ? '' : 's'} a table with these columns and ${unhideable.length > 1 ? 'were' : 'was'} not read; unhide ${unhideable.length > 1 ? 'them' : 'it'} to import ${unhideable.length > 1 ? 'them' : 'it'}.`,
            reasonZh: `隐藏的工作表${quoted(unhideable)}中也有含这些列的表格，未读取；如需导入，请先取消隐藏。`,
          },
        ]),
    ...(namedOnly.length === 0
      ? []
      : [
          {
            row: null,
            reason: `Very hidden sheet${namedOnly.length > 1 ? 's' : ''} ${namedOnly.map((name) => `"${name}"`).join(', ')} (not listed by Excel's Unhide) hold${namedOnly.length > 1 ? '' : 's'} a table with these columns and ${namedOnly.length > 1 ? 'were' : 'was'} not read; to import it, name the sheet ("${namedOnly[0]}": --sheet, or the import page's 工作表（Excel 文件）).`,
            reasonZh: `工作表${quoted(namedOnly)}中也有含这些列的表格，但它被设为深度隐藏（Excel 的“取消隐藏”中不列出），未读取；如需导入，请在“工作表（Excel 文件）”中填写“${namedOnly[0]}”。`,
          },
        ]),
  ];
  const hiddenPart = hiddenSheets.length === 0 ? {} : { hiddenSheets };
  const read = worksheets.map((worksheet) => ({ name: worksheet.name, result: tableOf(worksheet.rows, columns, worksheet.name, worksheet.notices, worksheet.hiddenColumns) }));
  const summaries = read.flatMap((each): { name: string | null; column: string }[] => (each.result.ok === 'summary' ? [{ name: each.name, column: each.result.column }] : []));
  const summaryNotice: ImportProblem[] = summaries.map((summary) => ({
    row: null,
    reason: `${summary.name === null ? 'The file' : `Sheet "${summary.name}"`} is a summary, not a table of its own: its column "${summary.column}" holds numbers only (counts). Not read.`,
    reasonZh: `${summary.name === null ? '本文件' : `工作表“${summary.name}”`}是汇总表：“${summary.column}”列都是数字（项数），不是任务或问题本身，未读取。`,
  }));
  const tables = read.filter((each) => each.result.ok !== 'noHeader' && each.result.ok !== 'summary');
  if (tables.length === 0) {
    const expected = (Object.values(columns) as ColumnSpec[]).filter((column) => column.required).map((column) => column.label);
    const names = worksheets.flatMap((worksheet) => (worksheet.name === null ? [] : [worksheet.name]));
    const inSheets = names.length === 0 ? '' : names.length === 1 ? `sheet "${names[0]}": ` : `any of the sheets ${names.map((name) => `"${name}"`).join(', ')}: `;
    const inSheetsZh = names.length === 0 ? '' : `工作表${quoted(names)}的`;
    if (summaries.length > 0 && summaries.length === read.length) return { ok: false, problems: summaryNotice };
    const deeper = worksheets.flatMap((worksheet) => {
      const found = headerFurtherDown(worksheet.rows, columns);
      return found ? [{ sheet: worksheet.name, ...found }] : [];
    })[0];
    return {
      ok: false,
      problems: [
        // A header further down (breaker43-10 F6): where it is and what to delete, never only 「没有找到表头」.
        ...(deeper === undefined
          ? []
          : [
              {
                row: null,
                reason: `${deeper.sheet === null ? '' : `Sheet "${deeper.sheet}" `}row ${deeper.row} looks like the header (it names ${deeper.names.join(', ')}), but the rows above it are too many to pass as a title and notes: delete the rows above it except the title (or move the notes below the table), then import again.`,
                reasonZh: `${deeper.sheet === null ? '' : `工作表“${deeper.sheet}”`}第 ${deeper.row} 行像是表头（有${deeper.names.join('、')}等列），但它上面的说明行太多，无法确定表格从哪里开始：请删去表头上方除标题外的各行（或把说明移到表格下方）后重新导入。`,
              },
            ]),
        {
          row: null,
          reason: `No header row found in the first ${HEADER_SEARCH_ROWS} rows of ${inSheets || 'the file: '}it should name the columns: ${expected.join(', ')}.`,
          reasonZh: `${inSheetsZh}前 ${HEADER_SEARCH_ROWS} 行中${names.length > 1 ? '都' : ''}没有找到表头；表头应包含这些列：${expected.map(labelZh).join('、')}。${names.length > 1 ? '如需只读取其中一个，请指定工作表。' : ''}`,
        },
        // The table on a hidden sheet (breaker10q P18): a clerk does not see hidden tabs, so the refusal names it and the way on.
        ...(hiddenSheets.length === 0
          ? []
          : [
              {
                row: null,
                reason: `Hidden sheet${hiddenSheets.length > 1 ? 's' : ''} ${hiddenSheets.map((name) => `"${name}"`).join(', ')} hold${hiddenSheets.length > 1 ? '' : 's'} a table with these columns, not read: unhide it in Excel or WPS (right-click a sheet tab → 取消隐藏), or name the sheet to import ("${hiddenSheets[0]}": --sheet, or the import page's 工作表（Excel 文件）).`,
                reasonZh: `工作表${quoted(hiddenSheets)}中有含这些列的表格，但该工作表已隐藏，未读取：如要导入，请在 Excel 或 WPS 中取消隐藏（右键工作表标签 → 取消隐藏），或指定要导入的工作表“${hiddenSheets[0]}”（导入页面的“工作表（Excel 文件）”）。`,
              },
            ]),
      ],
    };
  }
  const skipped = read
    .filter((each) => each.result.ok === 'noHeader' && worksheets.find((sheet) => sheet.name === each.name)!.rows.some((row) => !row.cells.every(isBlankCell)))
    .map((each) => each.name!);
  const skippedNotice: ImportProblem[] =
    skipped.length === 0
      ? []
      : [
          {
            row: null,
            reason: `Sheet${skipped.length > 1 ? 's' : ''} ${skipped.map((name) => `"${name}"`).join(', ')} ha${skipped.length > 1 ? 've' : 's'} no table with these columns and ${skipped.length > 1 ? 'were' : 'was'} not read.`,
            reasonZh: `工作表${quoted(skipped)}中没有含这些列的表格，未读取。`,
          },
        ];
  if (tables.length === 1) {
    const only = tables[0]!.result as ImportResult<'table', Table<Key>>;
    const withFileNotices = (table: Table<Key>): Table<Key> => ({ ...table, ...hiddenPart, notices: [...hiddenNotice, ...skippedNotice, ...summaryNotice, ...table.notices] });
    if (!only.ok) return { ...only, ...(tables[0]!.name === null ? {} : { sheet: tables[0]!.name }), ...(only.table === undefined ? {} : { table: withFileNotices(only.table) }) };
    return { ok: true, table: withFileNotices(only.table) };
  }

  // Several task sheets: one table over them, every record and problem naming its sheet.
  const inSheet = <Value extends object>(value: Value, sheet: string): Value & { sheet: string } => ({ ...value, sheet });
  const problems = tables.flatMap(({ name, result }) => (result.ok === false ? result.problems.map((problem) => inSheet(problem, name!)) : []));
  const parts = tables.map(({ name, result }) => ({ name: name!, table: (result as { table?: Table<Key> }).table }));
  const whole = parts.every((part) => part.table !== undefined) ? oneTableOf(parts as { name: string; table: Table<Key> }[], [...hiddenNotice, ...skippedNotice, ...summaryNotice], hiddenPart) : undefined;
  // The sheets read go with the refusal: it names no one sheet for every row, and hints at reading one alone (--sheet). The
  // table read beside rows' problems goes too, when every sheet was read (issue 10).
  if (problems.length > 0) return { ok: false, problems, sheets: tables.map(({ name }) => name!), ...(whole === undefined ? {} : { table: whole }) };
  return { ok: true, table: whole! };
}

/** The one table over several sheets' (`readSpreadsheet`), each record and notice naming its sheet, after `notices` of the file. */
function oneTableOf<Key extends string>(parts: readonly { name: string; table: Table<Key> }[], fileNotices: readonly ImportProblem[], hiddenPart: { hiddenSheets?: string[] }): Table<Key> {
  const inSheet = <Value extends object>(value: Value, sheet: string): Value & { sheet: string } => ({ ...value, sheet });
  const names = parts.map((part) => part.name);
  const unusedColumns = new Map<string, UnusedColumn>();
  for (const part of parts) {
    for (const column of part.table.unusedColumns) {
      const texts = [...new Set([...(unusedColumns.get(column.name)?.texts ?? []), ...(column.texts ?? [])])].slice(0, UNUSED_TEXTS_KEPT);
      unusedColumns.set(column.name, { ...column, texts });
    }
  }
  return {
      sheet: null,
      sheets: names,
      headerRow: parts[0]!.table.headerRow,
      title: parts.find((part) => part.table.title !== null)?.table.title ?? null,
      sheetTitles: Object.fromEntries(parts.flatMap((part) => (part.table.title === null ? [] : [[part.name, part.table.title] as const]))),
      records: parts.flatMap((part) => part.table.records.map((record) => inSheet(record, part.name))),
      unusedColumns: [...unusedColumns.values()],
      headers: parts.reduce<Partial<Record<Key, readonly string[]>>>((all, part) => {
        for (const [key, names] of Object.entries(part.table.headers ?? {}) as [Key, readonly string[]][]) all[key] = [...new Set([...(all[key] ?? []), ...names])];
        return all;
      }, {}),
      notices: [
        {
          row: null,
          // import-refusal.ts readSeveralSheets knows the file by this notice: keep its words.
          reason: `Read ${names.length} sheets: ${names.map((name) => `"${name}"`).join(', ')}.`,
          reasonZh: `已读取 ${names.length} 个工作表：${quoted(names)}。`,
        },
        ...fileNotices,
        ...parts.flatMap((part) => part.table.notices.map((notice) => inSheet(notice, part.name))),
      ],
      ...hiddenPart,
  };
}

/** How many cells a serial-days notice names before 「等」. */
const SERIAL_CELLS_NAMED = 5;

/**
 * The notice of a column of days whose cells hold bare numbers read as Excel's day serials (46203 → 2026-06-30: a date cell that
 * lost its format, or the CSV saved from it), naming the cells, the numbers and the days (issue 10: read silently).
 */
function serialDaysNotice(column: string, cells: readonly { cell: string; written: string; day: string }[]): ImportProblem {
  const named = cells.slice(0, SERIAL_CELLS_NAMED);
  const more = cells.length > named.length ? `等 ${cells.length} 个单元格` : '';
  return {
    row: Number(/\d+$/u.exec(cells[0]!.cell)![0]),
    reason: `Column "${column}": ${named.map((each) => `cell ${each.cell}'s number ${each.written} is read as Excel's day ${each.day}`).join('; ')}${cells.length > named.length ? ` (${cells.length} cells in all)` : ''}. If a day is not meant, write it as a date (2026-06-30) and import again.`,
    reasonZh: `“${column}”列${named.map((each) => `单元格 ${each.cell} 的数字 ${each.written} 按 Excel 的日期序号读作 ${each.day}`).join('，')}${more}；如不是${cells.length > 1 ? '这些日期' : '这一天'}，请改写为日期（如 2026-06-30）后重新导入。`,
  };
}

/** Row numbers, ascending, as spans: [4, 5, 6, 9] → ['4—6', '9']. */
function numberSpans(rows: readonly number[]): string[] {
  const spans: string[] = [];
  for (let start = 0; start < rows.length; ) {
    let end = start;
    while (end + 1 < rows.length && rows[end + 1] === rows[end]! + 1) end += 1;
    spans.push(end === start ? String(rows[start]) : `${rows[start]}—${rows[end]}`);
    start = end + 1;
  }
  return spans;
}

/** A person's role after a unit header: 配合单位及联系人, 协办单位负责人, 责任单位/责任人, 牵头单位（联系人及电话）. */
const PERSON_AFTER_UNITS = /^(.*(?:单位|部门|科室|处室))[（(]?(?:及|和|与|、|\/|／)?(?:联系人|负责人|责任人|经办人|联络员|分管领导|领导)(?:及?(?:电话|联系方式))?[）)]?$/u;

/** The unit header before a person's role (配合单位及联系人 → 配合单位), or null when the header is no such pair. */
export function unitHeaderBeforePerson(name: string): string | null {
  const match = PERSON_AFTER_UNITS.exec(name.replace(/\s+/gu, ''));
  return match ? match[1]! : null;
}

/**
 * A cell of a unit column with people (配合单位及联系人): each name of the list (、，； or a line each) without the person written
 * after its unit — after a colon (青川市教育局：李四) or a space (市交通运输局 王五), or in brackets (教育局（李四 138…）) — and the people
 * left aside. A name with no such mark (教育局李四) is kept as written: the unit lookup refuses it naming the cell, never guesses.
 */
export function unitsWithoutPeople(text: string): { readonly units: string; readonly people: readonly string[] } {
  const people: string[] = [];
  const units = text
    .split(/[、，,；;\n]+/u)
    .map((name) => name.trim())
    .filter((name) => name !== '')
    .map((name) => {
      const marked = /^(.+?(?:局|委|办|室|府|会|院|厅|处|科|所|队|站|中心|部))\s*[（(]([^）)]+)[）)]$/u.exec(name) ?? /^([^（(]+?)(?:\s*[：:]\s*|\s+)(\S.*)$/u.exec(name);
      // A role mark in brackets (（牵头）, （配合）) is the unit's, never a person.
      if (!marked || /^(?:牵头|配合|协办|参与|协助|主办|责任|联合牵头)/u.test(marked[2]!.trim())) return name;
      people.push(marked[2]!.trim());
      return marked[1]!.trim();
    });
  return { units: units.join('\n'), people };
}
