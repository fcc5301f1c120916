import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { LineCounter, isMap, isScalar, isSeq, parseDocument, visit, type Node as YamlNode } from 'yaml';
import type { Cell } from './cells.js';
import type { ImportProblem, ImportResult } from './import-problems.js';

/*
 * Reading files into records: rows of named cells, each with the row (or line) it came from.
 * Spreadsheets (XLSX, CSV) go through a header row; YAML and JSON through their keys. Column
 * names are matched loosely — letter case, spaces, _ and -, and remarks in brackets such as
 * 完成时限（必填） do not matter — against the Chinese and English names each importer accepts.
 */

export type FileContent = Uint8Array | string;

export interface ColumnSpec {
  /** How problems name the column, e.g. `牵头单位 (lead unit)`. */
  readonly label: string;
  readonly aliases: readonly string[];
  readonly required: boolean;
}

export type Columns<Key extends string> = Readonly<Record<Key, ColumnSpec>>;

export interface SourceRecord<Key extends string> {
  readonly row: number;
  readonly cells: Readonly<Partial<Record<Key, Cell>>>;
}

const normalizedName = (name: string): string =>
  name
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[\s_\-*＊:：]/g, '')
    .toLowerCase();

function columnOf<Key extends string>(columns: Columns<Key>, name: string): Key | undefined {
  const wanted = normalizedName(name);
  if (wanted === '') return undefined;
  return (Object.keys(columns) as Key[]).find(
    (key) => normalizedName(key) === wanted || columns[key].aliases.some((alias) => normalizedName(alias) === wanted),
  );
}

const isBlankCell = (cell: Cell): boolean => cell === null || (typeof cell === 'string' && cell.trim() === '');

// ---------------------------------------------------------------------------------------------
// text

/** UTF-8 text with or without a BOM; anything else (such as GBK from an old Excel) is refused. */
export function textOfFile(content: FileContent): ImportResult<'text', string> {
  if (typeof content === 'string') return { ok: true, text: content.replace(/^\uFEFF/, '') };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(content) };
  } catch {
    return {
      ok: false,
      problems: [{ row: null, reason: 'The file is not UTF-8 text; save it as "CSV UTF-8" (or UTF-8 YAML/JSON) and import again.' }],
    };
  }
}

// ---------------------------------------------------------------------------------------------
// spreadsheets

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

// ---------------------------------------------------------------------------------------------
// YAML and JSON

/** A YAML or JSON value with the line it starts on. */
export type TreeNode =
  | { readonly kind: 'map'; readonly line: number; readonly entries: readonly TreeEntry[] }
  | { readonly kind: 'seq'; readonly line: number; readonly items: readonly TreeNode[] }
  | { readonly kind: 'scalar'; readonly line: number; readonly value: Cell };

export interface TreeEntry {
  readonly key: string;
  readonly line: number;
  readonly value: TreeNode;
}

/** YAML, and JSON read as the YAML it also is, so that both report problems by line. */
export function readTree(content: FileContent, format: 'yaml' | 'json'): ImportResult<'tree', TreeNode> {
  const text = textOfFile(content);
  if (!text.ok) return text;
  const lineCounter = new LineCounter();
  const document = parseDocument(text.text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (document.errors.length > 0) {
    return {
      ok: false,
      problems: document.errors.map((error) => ({
        row: lineCounter.linePos(error.pos[0]).line,
        reason: /call stack/i.test(error.message)
          ? tooDeep(format)
          : `The ${format.toUpperCase()} file cannot be read: ${error.message.split('\n')[0]}`,
      })),
    };
  }
  // An alias repeats a node: a few hundred bytes of nested aliases expand past any memory
  // ("billion laughs"). A plan has no use for them.
  let alias: YamlNode | null = null;
  visit(document, {
    Alias(_key, node) {
      alias = node;
      return visit.BREAK;
    },
  });
  if (alias) {
    return { ok: false, problems: [{ row: lineCounter.linePos((alias as YamlNode).range?.[0] ?? 0).line, reason: `YAML aliases (*name) are not accepted in an import file: write the values out.` }] };
  }
  const lineOf = (offset: number | undefined): number => lineCounter.linePos(offset ?? 0).line;
  try {
    return { ok: true, tree: treeOf(document.contents, lineOf, 1, 0) };
  } catch (error) {
    if (!(error instanceof TooDeep)) throw error;
    return { ok: false, problems: [{ row: error.line, reason: tooDeep(format) }] };
  }
}

const tooDeep = (format: string) => `The ${format.toUpperCase()} file nests deeper than ${MAX_TREE_DEPTH} levels; a plan needs 5.`;

/** Plans nest plan → categories → items → units: nothing legitimate goes near this. */
const MAX_TREE_DEPTH = 32;

class TooDeep extends Error {
  constructor(readonly line: number) {
    super('tree too deep');
  }
}

function treeOf(resolved: unknown, lineOf: (offset: number | undefined) => number, line: number, depth: number): TreeNode {
  if (depth > MAX_TREE_DEPTH) throw new TooDeep(line);
  if (isMap(resolved)) {
    const entries = resolved.items.map((pair): TreeEntry => {
      const keyLine = isScalar(pair.key) || isMap(pair.key) || isSeq(pair.key) ? lineOf(pair.key.range?.[0]) : line;
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      return { key, line: keyLine, value: treeOf(pair.value, lineOf, keyLine, depth + 1) };
    });
    return { kind: 'map', line: lineOf(resolved.range?.[0]), entries };
  }
  if (isSeq(resolved)) {
    return {
      kind: 'seq',
      line: lineOf(resolved.range?.[0]),
      items: resolved.items.map((item) => treeOf(item, lineOf, lineOf(resolved.range?.[0]), depth + 1)),
    };
  }
  if (isScalar(resolved)) {
    const { value } = resolved;
    const cell: Cell =
      value === null || value === undefined
        ? null
        : typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date
          ? value
          : String(value);
    return { kind: 'scalar', line: lineOf((resolved as YamlNode).range?.[0]), value: cell };
  }
  return { kind: 'scalar', line, value: null };
}

/** The key is one of the names, loosely matched. */
export const isNamed = (key: string, names: readonly string[]): boolean =>
  names.some((name) => normalizedName(name) === normalizedName(key));

/** The entry whose key is one of `aliases`. */
export function entryOf(node: TreeNode & { kind: 'map' }, aliases: readonly string[]): TreeEntry | undefined {
  const wanted = aliases.map(normalizedName);
  return node.entries.find((entry) => wanted.includes(normalizedName(entry.key)));
}

const kindInWords = (node: TreeNode): string => (node.kind === 'map' ? 'a mapping' : node.kind === 'seq' ? 'a list' : 'a value');

/**
 * One record from a mapping of field → value. A list of plain values (responsible units, say)
 * becomes one cell with a value per line. Unknown keys are problems: in YAML and JSON a misspelt
 * key would otherwise silently drop a field.
 */
export function recordOfMap<Key extends string>(
  node: TreeNode,
  columns: Columns<Key>,
  what: string,
  ignoredKeys: readonly string[] = [],
): { record: SourceRecord<Key> | null; problems: ImportProblem[] } {
  if (node.kind !== 'map') {
    return { record: null, problems: [{ row: node.line, reason: `Each ${what} must be a mapping of fields, not ${kindInWords(node)}.` }] };
  }
  const problems: ImportProblem[] = [];
  const cells: Partial<Record<Key, Cell>> = {};
  const ignored = ignoredKeys.map(normalizedName);
  for (const entry of node.entries) {
    if (ignored.includes(normalizedName(entry.key))) continue;
    const key = columnOf(columns, entry.key);
    if (key === undefined) {
      const known = Object.keys(columns).join(', ');
      problems.push({ row: entry.line, reason: `Unknown field "${entry.key}" in ${what}; expected ${known} (or their Chinese column names).` });
      continue;
    }
    const value = entry.value;
    if (value.kind === 'scalar') {
      cells[key] = value.value;
    } else if (value.kind === 'seq' && value.items.every((item) => item.kind === 'scalar')) {
      cells[key] = value.items.map((item) => (item.kind === 'scalar' ? String(item.value ?? '') : '')).join('\n');
    } else {
      problems.push({ row: entry.line, reason: `Field "${entry.key}" must be text, not ${kindInWords(value)}.` });
    }
  }
  return { record: { row: node.line, cells }, problems };
}

/** The records of a YAML or JSON list: the document itself, or the list under one of `listKeys`. */
export function recordsOfList<Key extends string>(
  tree: TreeNode,
  listKeys: readonly string[],
  columns: Columns<Key>,
  what: string,
): ImportResult<'records', SourceRecord<Key>[]> {
  const list = tree.kind === 'map' ? entryOf(tree, listKeys)?.value : tree;
  if (!list || list.kind !== 'seq') {
    return {
      ok: false,
      problems: [{ row: tree.line, reason: `Expected a list of ${what}s, at the top or under "${listKeys[0]}".` }],
    };
  }
  const problems: ImportProblem[] = [];
  const records: SourceRecord<Key>[] = [];
  for (const item of list.items) {
    const { record, problems: found } = recordOfMap(item, columns, what);
    problems.push(...found);
    if (record) records.push(record);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, records };
}

/** The records of a flat list in any format: a spreadsheet's rows, or a YAML/JSON list of mappings. */
export async function readRecords<Key extends string>(
  content: FileContent,
  format: 'xlsx' | 'csv' | 'yaml' | 'json',
  columns: Columns<Key>,
  listKeys: readonly string[],
  what: string,
): Promise<ImportResult<'records', SourceRecord<Key>[]>> {
  if (format === 'csv' || format === 'xlsx') return readSpreadsheet(content, format, columns);
  const read = readTree(content, format);
  if (!read.ok) return read;
  const records = recordsOfList(read.tree, listKeys, columns, what);
  if (!records.ok) return records;
  const missing = (Object.keys(columns) as Key[]).filter((key) => columns[key].required);
  const problems = records.records.flatMap((record) =>
    missing
      .filter((key) => !(key in record.cells))
      .map((key) => ({ row: record.row, reason: `Missing field ${columns[key].label} in this ${what}.` })),
  );
  return problems.length > 0 ? { ok: false, problems } : records;
}
