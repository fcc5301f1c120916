import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Cell } from './cells.js';
import { columnOf, isBlankCell, type ColumnSpec, type Columns, type SourceRecord } from './columns.js';
import type { ImportProblem, ImportResult } from './import-problems.js';
import { textOfFile, type FileContent } from './text-file.js';

/*
 * Spreadsheets (XLSX, CSV) read into records: rows of named cells under a header row, each with
 * the row it came from.
 */

interface SheetRow {
  readonly row: number;
  readonly cells: readonly Cell[];
}

/** Every record of a CSV file, numbered as a spreadsheet would show them (a quoted line break stays in its row). */
function csvRows(content: FileContent): ImportResult<'rows', SheetRow[]> {
  const text = textOfFile(content);
  if (!text.ok) return text;
  try {
    const records = parseCsv(text.text, {
      bom: true,
      relax_column_count: true,
      // A quote inside an unquoted field (hand-edited files) is kept as text.
      relax_quotes: true,
      skip_empty_lines: false,
      info: true,
    }) as unknown as { record: string[]; info: { records: number } }[];
    return { ok: true, rows: records.map(({ record, info }) => ({ row: info.records, cells: record })) };
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [{ row: line ?? null, reason: `The CSV file cannot be read: ${message}` }] };
  }
}

/** The first worksheet's rows; merged cells read as their top-left cell, formulas as their result. */
async function xlsxRows(content: FileContent): Promise<ImportResult<'rows', SheetRow[]>> {
  if (typeof content === 'string') return { ok: false, problems: [{ row: null, reason: 'An XLSX file must be read as bytes, not text.' }] };
  const workbook = new ExcelJS.Workbook();
  try {
    // A copy into a plain ArrayBuffer: what exceljs's typings ask for, and JSZip reads.
    await workbook.xlsx.load(new Uint8Array(content).buffer);
  } catch {
    return {
      ok: false,
      problems: [{ row: null, reason: 'The file is not an Excel workbook (.xlsx); old .xls files must be saved as .xlsx first.' }],
    };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, problems: [{ row: null, reason: 'The workbook has no worksheet.' }] };
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    for (let column = 1; column <= sheet.columnCount; column += 1) cells.push(cellOf(row.getCell(column).value));
    rows.push({ row: rowNumber, cells });
  });
  return { ok: true, rows };
}

function cellOf(value: ExcelJS.CellValue | undefined): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) {
    return value;
  }
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    return result === undefined || (typeof result === 'object' && !(result instanceof Date)) ? null : result;
  }
  if ('text' in value) return String((value as ExcelJS.CellHyperlinkValue).text);
  if ('error' in value) return String(value.error);
  return null;
}

/** How many of the first rows may sit above the header (a sheet title, notes). */
const HEADER_SEARCH_ROWS = 10;

/**
 * The records of a CSV or XLSX file. The header is the first row, among the first ten non-blank
 * ones, that names at least two known columns. Unknown columns (备注, 序号 …) are ignored; a
 * missing required column or a column named twice is a problem of the whole file.
 */
export async function readSpreadsheet<Key extends string>(
  content: FileContent,
  format: 'csv' | 'xlsx',
  columns: Columns<Key>,
): Promise<ImportResult<'records', SourceRecord<Key>[]>> {
  const read = format === 'csv' ? csvRows(content) : await xlsxRows(content);
  if (!read.ok) return read;
  const rows = read.rows.filter((row) => !row.cells.every(isBlankCell));

  const candidates = rows.slice(0, HEADER_SEARCH_ROWS);
  const knownColumnsIn = (row: SheetRow): number =>
    new Set(row.cells.map((cell) => columnOf(columns, String(cell ?? ''))).filter((key) => key !== undefined)).size;
  const header = candidates.find((row) => knownColumnsIn(row) >= 2);
  const expected = (Object.values(columns) as ColumnSpec[]).filter((column) => column.required).map((column) => column.label);
  if (!header) {
    return {
      ok: false,
      problems: [{ row: null, reason: `No header row found; the first row should name the columns: ${expected.join(', ')}.` }],
    };
  }

  const problems: ImportProblem[] = [];
  const positions = new Map<Key, number>();
  header.cells.forEach((cell, position) => {
    const key = columnOf(columns, String(cell ?? ''));
    if (key === undefined) return;
    if (positions.has(key)) {
      problems.push({ row: header.row, reason: `Column ${columns[key].label} appears twice in the header.` });
    } else {
      positions.set(key, position);
    }
  });
  for (const key of Object.keys(columns) as Key[]) {
    if (columns[key].required && !positions.has(key)) {
      problems.push({ row: header.row, reason: `Missing column ${columns[key].label}.` });
    }
  }
  if (problems.length > 0) return { ok: false, problems };

  const records = rows
    .filter((row) => row.row > header.row)
    .map((row): SourceRecord<Key> => {
      const cells: Partial<Record<Key, Cell>> = {};
      for (const [key, position] of positions) cells[key] = row.cells[position] ?? null;
      return { row: row.row, cells };
    });
  return { ok: true, records };
}

