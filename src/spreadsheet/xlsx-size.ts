import JSZip from 'jszip';
import { say, type Bilingual } from '../shared/domain-error.js';

/*
 * An XLSX file is a zip: 5 MB of it can inflate to gigabytes (a "zip bomb"), which exceljs would
 * try to hold in memory; and a 7 KB sheet with one whole-column merge expands to a million cells. The sizes the zip's central directory declares are checked before
 * anything is inflated; a directory that lies about them is caught by inflating the parts as a stream, counting and keeping
 * nothing, up to the limit.
 */

/** The most an XLSX's parts may hold uncompressed, in bytes (a 5 MB plan of text inflates to ~40 MB). */
export const MAX_XLSX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024;

/**
 * Why the workbook is too large to read, or null when it is not (or is no zip: exceljs says so). The sizes the zip's central
 * directory declares are summed first, nothing inflated; then the parts are inflated as a stream, counting bytes and keeping
 * none, and the count stops at `limit`: a zip that under-declares its sizes (a doctored bomb) is refused in the same words
 * instead of being inflated whole and heard as 「不是 Excel 工作簿」 (breaker43-10 F8). `limit` in bytes.
 */
export async function checkXlsxSize(content: Uint8Array, limit = MAX_XLSX_UNCOMPRESSED_BYTES): Promise<Bilingual | null> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(content);
  } catch {
    return null;
  }
  const entries = Object.values(zip.files).filter((entry) => !entry.dir);
  let total = 0;
  for (const entry of entries) {
    // JSZip keeps the central directory's declared size without inflating anything.
    const declared = (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
    total += declared;
    if (total > limit) return tooLarge(limit, `${entry.name} alone declares ${declared.toLocaleString('en')}`);
  }
  let inflated = 0;
  for (const entry of entries) {
    const over = await new Promise<boolean>((resolve) => {
      const stream = entry.nodeStream('nodebuffer');
      stream.on('data', (chunk: Uint8Array) => {
        inflated += chunk.byteLength;
        if (inflated > limit) {
          stream.pause();
          resolve(true);
        }
      });
      // A part whose length or checksum is wrong is a damaged file, said so when exceljs reads it.
      stream.on('error', () => resolve(false));
      stream.on('end', () => resolve(false));
    });
    if (over) return tooLarge(limit, `${entry.name} inflates past the size it declares`);
  }
  return null;
}

/** The refusal of a workbook past `limit` bytes uncompressed, the same whether its parts declared it or only inflating showed it. */
function tooLarge(limit: number, which: string): Bilingual {
  return say(
    `The workbook's parts hold more than ${limit.toLocaleString('en')} bytes uncompressed (${which}); no real plan, ledger or directory is that large. Save it again from Excel, or send it as CSV.`,
    `该工作簿解压后超过 ${limit.toLocaleString('en')} 字节，真实的方案、台账或单位名录都不会这么大：请用 Excel 重新保存，或改用 CSV 发送。`,
  );
}

/** A1-style column letters → 1-based column number (A → 1, XFD → 16384). */
const columnNumber = (letters: string) => [...letters].reduce((number, letter) => number * 26 + letter.charCodeAt(0) - 64, 0);
/** 1-based column number → A1-style letters. */
const columnLetters = (number: number): string => (number <= 26 ? String.fromCharCode(64 + number) : columnLetters(Math.floor((number - 1) / 26)) + String.fromCharCode(65 + ((number - 1) % 26)));

const MERGE_REF = /(<mergeCell\b[^>]*?\bref=")([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})(")/g;

/**
 * A worksheet's merged ranges clipped to the rows and columns that hold cells. Selecting a whole
 * column (or the sheet) and pressing 合并单元格 writes a merge such as `H1:H1048576`, which exceljs
 * expands into a million cells (over 512 MB for a 7 KB file); the cells past the last written
 * row and column hold nothing, so clipping changes nothing the import reads. Returns the XML
 * unchanged (the same string) when no merge reaches past the written cells.
 */
export function clipMergedRanges(sheetXml: string): string {
  if (!sheetXml.includes('<mergeCell')) return sheetXml;
  let lastRow = 0;
  for (const match of sheetXml.matchAll(/<row\b([^>]*)>/g)) {
    // A row without its number follows the one before it (ECMA-376 §18.3.1.73).
    const number = /\br="(\d+)"/.exec(match[1]!);
    lastRow = number ? Math.max(lastRow, Number(number[1])) : lastRow + 1;
  }
  let lastColumn = 0;
  for (const match of sheetXml.matchAll(/<c\b[^>]*?\br="([A-Z]{1,3})\d+"/g)) lastColumn = Math.max(lastColumn, columnNumber(match[1]!));
  return sheetXml.replace(MERGE_REF, (whole, before: string, firstColumn: string, firstRow: string, endColumn: string, endRow: string, after: string) => {
    const clippedRow = Math.max(Number(firstRow), Math.min(Number(endRow), lastRow));
    const clippedColumn = lastColumn === 0 ? columnNumber(endColumn) : Math.max(columnNumber(firstColumn), Math.min(columnNumber(endColumn), lastColumn));
    if (clippedRow === Number(endRow) && clippedColumn === columnNumber(endColumn)) return whole;
    return `${before}${firstColumn}${firstRow}:${columnLetters(clippedColumn)}${clippedRow}${after}`;
  });
}

/** Excel's day 0 (serial numbers count days from it), in the 1900 and the 1904 date systems. */
/**
 * A worksheet's XML with a reference on every row and cell that has none (`r` is optional in SpreadsheetML, ECMA-376 §18.3.1.73 and
 * §18.3.1.4: a row without one follows the row before it, a cell the cell before it; some streaming writers leave them all out).
 * exceljs cannot read such a sheet (breaker45-10 M1: refused as 「不是 Excel 工作簿」). The same XML when every row and cell has one.
 */
export function withCellReferences(sheetXml: string): string {
  if (!/<(?:row|c)\b(?![^>]*\br=")[^>]*>/u.test(sheetXml)) return sheetXml;
  let row = 0;
  let column = 0;
  return sheetXml.replace(/<(row|c)\b([^>]*?)(\/?)>/gu, (whole, tag: string, attributes: string, end: string) => {
    const reference = /\br="([A-Z]{0,3})(\d*)"/u.exec(attributes);
    if (tag === 'row') {
      row = reference?.[2] ? Number(reference[2]) : row + 1;
      column = 0;
      return reference ? whole : `<row r="${row}"${attributes}${end}>`;
    }
    column = reference?.[1] ? columnNumber(reference[1]) : column + 1;
    return reference ? whole : `<c r="${columnLetters(column)}${row}"${attributes}${end}>`;
  });
}

/**
 * A worksheet's XML with every row of height 0 marked hidden: a row of height 0 shows nothing, as a hidden row does, though only
 * some writers flag it so — and exceljs drops a height of 0 (breaker45-10 S2: such a row was imported though nobody sees it).
 */
export function zeroHeightRowsHidden(sheetXml: string): string {
  if (!/\bht="0(?:\.0*)?"/u.test(sheetXml)) return sheetXml;
  return sheetXml.replace(/<row\b([^>]*?)(\/?)>/gu, (whole, attributes: string, end: string) =>
    /\bht="0(?:\.0*)?"/u.test(attributes) && !/\bhidden="(?:1|true)"/u.test(attributes) ? `<row${attributes.replace(/\s*\bhidden="[^"]*"/u, '')} hidden="1"${end}>` : whole,
  );
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAYS_1900_TO_1904 = 1462;

const ISO_DATE_TIME = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?\s*$/;

/**
 * What a formula cell whose cached result is the empty string holds once the workbook is prepared (`emptyTextResults`): a
 * character of Unicode's private use area, which no office types, read as an empty cell (`sheet.ts` cellOf).
 */
export const EMPTY_TEXT_RESULT = '\uE000';

/** A text formula cell (`t="str"`) with its formula and an empty cached value: `<v></v>` or `<v/>`. */
const EMPTY_TEXT_FORMULA_CELL = /(<c\b[^>]*\bt="str"[^>]*>)(<f\b[^>]*\/>|<f\b[^>]*>[^<]*<\/f>)(?:<v\s*\/>|<v><\/v>)(?=<\/c>)/gu;

/**
 * Formula cells whose cached result is the empty string (`<c t="str"><f>IF(D3=D2,"",D2)</f><v></v></c>`, as Excel saves
 * them) given `EMPTY_TEXT_RESULT` as their value: exceljs reads an empty `<v>` as no result at all, the same as a formula a
 * program saved uncalculated (no `<v>`), which the reader refuses (breaker43-10 F5: a blank 配合单位 worked out by formula
 * was refused, and saving again in Excel did not help). A formula with no `<v>` is left as it is. Returns the XML unchanged
 * when it has no such cell.
 */
export function emptyTextResults(sheetXml: string): string {
  if (!sheetXml.includes('t="str"')) return sheetXml;
  return sheetXml.replace(EMPTY_TEXT_FORMULA_CELL, `$1$2<v>${EMPTY_TEXT_RESULT}</v>`);
}

/**
 * ISO 8601 date cells (`t="d"`, ECMA-376 §18.18.11: what SheetJS writes with cellDates and what
 * web systems' "导出Excel" produce) as the serial-number cells exceljs reads: exceljs takes their
 * value's leading year for a serial and reads 2026-06-30 as 1905-07-18 (breaker10b N14). The date
 * and time are taken as written, whatever zone suffix follows (the cell shows that wall-clock day).
 * A value that is no ISO date is left as it is. Returns the XML unchanged when it has no such cell.
 */
export function isoDateCellsAsSerials(sheetXml: string, date1904 = false): string {
  if (!/\bt="d"/.test(sheetXml)) return sheetXml;
  return sheetXml.replace(/<c\b([^>]*)>(\s*)<v>([^<]*)<\/v>/g, (whole, attributes: string, space: string, value: string) => {
    if (!/\bt="d"/.test(attributes)) return whole;
    const match = ISO_DATE_TIME.exec(value);
    if (!match) return whole;
    const [, year, month, day, hours = '0', minutes = '0', seconds = '0'] = match;
    const ms = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hours), Number(minutes), Number(seconds));
    const serial = (ms - EXCEL_EPOCH_MS) / 86_400_000 - (date1904 ? DAYS_1900_TO_1904 : 0);
    return `<c${attributes.replace(/\s*\bt="d"/, '')}>${space}<v>${serial}</v>`;
  });
}

/**
 * The number formats Excel's zh-CN locale builds in without declaring them (ECMA-376 Part 1 §18.8.30, the 简体中文 ids
 * 27–36 and 50–58): a cell's style names only the id. Chinese Excel saves a typed 2026年6月 as the 1st of June with id 57
 * (or 27 / 36 / 50 / 52, all yyyy"年"m"月"); exceljs knows no code for these ids and reads the cell as a bare number, so
 * the month read as its 1st, a month early (breaker10o P8). Only the date formats are listed; the time ones (32–35, 55,
 * 56) name no day or month the import reads. zh-CN is taken for the locale: Rectify's offices write 简体中文 (zh-TW's
 * ids 27… are 民国 era dates).
 */
export const ZH_CN_BUILT_IN_DATE_FORMATS: Readonly<Record<number, string>> = {
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
  36: 'yyyy"年"m"月"',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

const xmlAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * styles.xml with the zh-CN built-in date formats its cell styles use (`ZH_CN_BUILT_IN_DATE_FORMATS`) declared, so that
 * the reader sees their codes (a yyyy"年"m"月" cell then reads as its month's end, with a notice). A format the file
 * declares itself under such an id is left as declared. Returns the XML unchanged (the same string) when no style uses one.
 */
export function declareBuiltInDateFormats(stylesXml: string): string {
  const used = new Set<number>();
  for (const match of stylesXml.matchAll(/<xf\b[^>]*?\bnumFmtId="(\d+)"/g)) used.add(Number(match[1]));
  const declared = new Set<number>();
  for (const match of stylesXml.matchAll(/<numFmt\b[^>]*?\bnumFmtId="(\d+)"/g)) declared.add(Number(match[1]));
  const missing = [...used].filter((id) => ZH_CN_BUILT_IN_DATE_FORMATS[id] !== undefined && !declared.has(id)).sort((a, b) => a - b);
  if (missing.length === 0) return stylesXml;
  const added = missing.map((id) => `<numFmt numFmtId="${id}" formatCode="${xmlAttribute(ZH_CN_BUILT_IN_DATE_FORMATS[id]!)}"/>`).join('');
  if (/<numFmts\b[^>]*\/>/.test(stylesXml)) return stylesXml.replace(/<numFmts\b[^>]*\/>/, `<numFmts count="${missing.length}">${added}</numFmts>`);
  if (/<numFmts\b[^>]*>/.test(stylesXml)) {
    return stylesXml.replace(/<numFmts\b([^>]*)>/, (_whole, attributes: string) => {
      const count = /\bcount="(\d+)"/.exec(attributes);
      const others = count ? attributes.replace(/\bcount="\d+"/, `count="${Number(count[1]) + missing.length}"`) : attributes;
      return `<numFmts${others}>${added}`;
    });
  }
  // numFmts is the stylesheet's first child (ECMA-376 §18.8.39).
  return stylesXml.replace(/(<styleSheet\b[^>]*>)/, `$1<numFmts count="${missing.length}">${added}</numFmts>`);
}

/**
 * The workbook as the reader should load it: refused when it would inflate past `limit` bytes
 * (`checkXlsxSize`), otherwise the same bytes, or re-zipped with every worksheet's merged ranges
 * clipped to its written cells (`clipMergedRanges`), its ISO date cells made serial numbers
 * (`isoDateCellsAsSerials`) and its formulas' empty text results marked (`emptyTextResults`) when it had some, and the zh-CN built-in date formats its styles use declared
 * (`declareBuiltInDateFormats`).
 */
export async function prepareXlsx(
  content: Uint8Array,
  limit = MAX_XLSX_UNCOMPRESSED_BYTES,
): Promise<{ ok: true; bytes: Uint8Array; sizes: readonly SheetSize[] } | { ok: false; problem: Bilingual }> {
  const tooLarge = await checkXlsxSize(content, limit);
  if (tooLarge) return { ok: false, problem: tooLarge };
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(content);
  } catch {
    return { ok: true, bytes: content, sizes: [] };
  }
  let clipped = false;
  const workbookXml = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
  const date1904 = /\bdate1904="(?:1|true)"/.test(workbookXml);
  const names = sheetNamesByPart(workbookXml, (await zip.file('xl/_rels/workbook.xml.rels')?.async('string')) ?? '');
  const sizes: SheetSize[] = [];
  for (const entry of Object.values(zip.files)) {
    if (entry.dir || !/^xl\/worksheets\/[^/]+\.xml$/i.test(entry.name)) continue;
    const xml = await entry.async('string');
    sizes.push({ sheet: names.get(entry.name) ?? entry.name.replace(/^.*\//u, ''), ...sheetSizeOf(xml) });
    const clippedXml = emptyTextResults(isoDateCellsAsSerials(clipMergedRanges(zeroHeightRowsHidden(withCellReferences(xml))), date1904));
    if (clippedXml !== xml) {
      zip.file(entry.name, clippedXml);
      clipped = true;
    }
  }
  const stylesXml = await zip.file('xl/styles.xml')?.async('string');
  if (stylesXml !== undefined) {
    const declaredXml = declareBuiltInDateFormats(stylesXml);
    if (declaredXml !== stylesXml) {
      zip.file('xl/styles.xml', declaredXml);
      clipped = true;
    }
  }
  return { ok: true, bytes: clipped ? await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }) : content, sizes };
}

/** How much one worksheet holds, as its XML says (`sheetSizeOf`): rows and cells written, and the columns the widest row reaches. */
export interface SheetSize {
  /** The sheet's name (its tab), or its part's file name when the workbook does not name it. */
  readonly sheet: string;
  /** Rows written (`<row>` elements), blank or not. */
  readonly rows: number;
  /** Cells written (`<c>` elements), blank or not. */
  readonly cells: number;
  /** The columns the sheet reaches: its `<dimension>`'s when it has one, else the rightmost cell's. */
  readonly columns: number;
}

/**
 * A worksheet's size from its XML (`SheetSize` less its name): rows and cells counted, columns from `<dimension ref="A1:ADT2501"/>`
 * or else the rightmost cell reference. What the reader says when a sheet takes too long to read (breaker53-10 M2: 800 unused number
 * columns were blamed on the rows). Pure; O(length), no backtracking.
 */
export function sheetSizeOf(xml: string): Omit<SheetSize, 'sheet'> {
  const rows = xml.match(/<row[\s>/]/gu)?.length ?? 0;
  let cells = 0;
  let columns = 0;
  for (const found of xml.matchAll(/<c[\s>/](?:[^>]*?\sr="([A-Z]{1,3})\d+")?/gu)) {
    cells += 1;
    if (found[1] !== undefined) columns = Math.max(columns, columnNumber(found[1]));
  }
  const dimension = /<dimension\s+ref="[A-Z]{1,3}\d+:([A-Z]{1,3})\d+"/u.exec(xml.slice(0, 2000));
  if (dimension) columns = Math.max(columns, columnNumber(dimension[1]!));
  return { rows, cells, columns };
}

/** The sheets' names by their parts (`xl/worksheets/sheet1.xml` → 方案), from the workbook's XML and its relationships. */
function sheetNamesByPart(workbookXml: string, relsXml: string): Map<string, string> {
  const targets = new Map<string, string>();
  for (const rel of relsXml.matchAll(/<Relationship\b[^>]*>/gu)) {
    const id = /\sId="([^"]+)"/u.exec(rel[0])?.[1];
    const target = /\sTarget="([^"]+)"/u.exec(rel[0])?.[1];
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const names = new Map<string, string>();
  for (const sheet of workbookXml.matchAll(/<sheet\b[^>]*>/gu)) {
    const name = /\sname="([^"]*)"/u.exec(sheet[0])?.[1];
    const id = /\sr:id="([^"]+)"/u.exec(sheet[0])?.[1];
    const part = id === undefined ? undefined : targets.get(id);
    if (name !== undefined && part !== undefined) names.set(part, unescapeXml(name));
  }
  return names;
}

/** XML's five escapes undone (a sheet named 收&支 is written 收&amp;支). */
const unescapeXml = (text: string): string =>
  text.replace(/&(lt|gt|quot|apos|amp);/gu, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name]!);
