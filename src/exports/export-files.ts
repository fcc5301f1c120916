import { stringify } from 'csv-stringify/sync';
import type { TrafficLight } from '../assignments/read-model/part-view.js';
import { isCalendarDate, officeClockExact } from '../shared/calendar-date.js';
import { LIGHT_HEADER, type ExportTable } from './export-table.js';

export type ExportKind = 'ledger' | 'work-plan';
export type ExportFormat = 'xlsx' | 'csv';

/** The file (and sheet) name of each export, as offices name them. */
export const EXPORT_FILE_STEM: Readonly<Record<ExportKind, string>> = { ledger: '整改台账', 'work-plan': '工作方案进展' };

/**
 * `整改台账-2026-11-29.xlsx`: the stem, the business day described, the format; a record-time
 * reading (`knownAt`, ISO instant) adds the instant as the office's clock read it,
 * `整改台账-2016-06-13-记录截至北京时间20261130-183100.csv`, so it cannot be taken for the corrected
 * ledger of the same day (breaker8b N5), and reads as the title does (Beijing time, breaker8c P4).
 * A unit's own rows (`unitName`) name the unit after the stem, `整改台账-青川市财政局-2026-11-29.xlsx`,
 * so that a unit's download is not filed as the office's whole ledger (newcomer22 S3).
 */
export const exportFileName = (kind: ExportKind, asOf: string, format: ExportFormat, knownAt: string | null = null, unitName?: string) =>
  `${EXPORT_FILE_STEM[kind]}${unitName ? `-${fileNameSafe(unitName)}` : ''}-${asOf}${knownAt ? `-记录截至北京时间${compactOfficeClock(knownAt)}` : ''}.${format}`;

/** A unit's name as part of a file name: the characters Windows refuses in one (\ / : * ? " < > |) become `_`. */
const fileNameSafe = (name: string) => name.replace(/[\\/:*?"<>|]/gu, '_');

/** The ASCII stems of `asciiExportFileName`. */
const ASCII_FILE_STEM: Readonly<Record<ExportKind, string>> = { ledger: 'ledger', 'work-plan': 'work-plan' };

/**
 * `ledger-2026-11-29.xlsx` (`work-plan-…`, with `knownAt` `ledger-2016-06-13-recorded-by-20261130-183100.csv`, Beijing time;
 * a unit's own rows `ledger-unit-2026-11-29.xlsx`):
 * the name in the plain `filename=` of the download, for clients that read only that one — `curl -OJ`
 * ignores `filename*` (newcomer13 R3) and would otherwise save under the address's last segment.
 * Browsers take `filename*`, the Chinese name (RFC 6266 §4.3).
 */
export const asciiExportFileName = (kind: ExportKind, asOf: string, format: ExportFormat, knownAt: string | null = null, ownRows = false) =>
  `${ASCII_FILE_STEM[kind]}${ownRows ? '-unit' : ''}-${asOf}${knownAt ? `-recorded-by-${compactOfficeClock(knownAt)}` : ''}.${format}`;

/**
 * `2026-11-30T10:31:00.000Z` → `20261130-183100`, `2026-11-30T10:31:00.123Z` → `20261130-183100.123` (Beijing time, to the
 * millisecond when not a whole second, as the title says it: two readings 1 ms apart never share a name, newcomer46 S2; no
 * `:`, which Windows file names may not hold).
 */
const compactOfficeClock = (instant: string) => officeClockExact(instant).replace(/[-:]/g, '').replace(' ', '-');

/** ARGB fills of the light column, the colours offices use for 红黄绿灯. */
export const LIGHT_FILL: Readonly<Record<TrafficLight, string>> = { RED: 'FFFF4D4F', YELLOW: 'FFFFD666', GREEN: 'FF95DE64' };

/**
 * The most characters (UTF-16 code units) Excel holds in one cell ("Excel specifications and limits": 32,767). A longer
 * cell makes Excel offer to repair the XLSX and cuts a CSV cell, spilling its rest into the next row.
 */
export const EXCEL_CELL_LIMIT = 32_767;

/**
 * A cell as Excel can hold it (breaker11s P1: a part returned 17 times with 2,000-character reasons made its 退回情况
 * cell 34,271 characters long): text of `EXCEL_CELL_LIMIT` characters or more is cut, never inside a surrogate pair, and ends saying
 * how much was left out, so the file opens as it is and the reader knows to look in Rectify; one character is left
 * spare for the apostrophe the CSV puts before formula-like text. Numbers and shorter text are returned as they are.
 */
export function fitExcelCell<T>(cell: T): T | string {
  if (typeof cell !== 'string' || cell.length < EXCEL_CELL_LIMIT) return cell;
  const room = EXCEL_CELL_LIMIT - 1;
  const noteFor = (leftOut: number) => `……（超出 Excel 单元格 ${EXCEL_CELL_LIMIT} 字上限，余下 ${leftOut} 字未列出，详见系统）`;
  // The note for the whole length is the longest it can be: what is left out has no more digits.
  let kept = room - noteFor(cell.length).length;
  if (/[\uD800-\uDBFF]/.test(cell[kept - 1] ?? '')) kept -= 1;
  const note = noteFor(cell.length - kept);
  return cell.slice(0, kept) + note;
}

/** Excel's own byte-order mark, without which Excel on Chinese Windows reads UTF-8 as GBK. */
const BOM = '\uFEFF';

/**
 * The table as an XLSX workbook (exceljs): row 1 the title (merged across the columns), row 2 the
 * header, frozen with the title above it and printed on every page (A4 landscape, one page wide), column widths as the table gives them, the light
 * cell of each row filled red, yellow or green, and a plain day in a day column (报告日期, 销号日期,
 * 整改时限 when it is a day) written as a real date cell formatted `yyyy-mm-dd` (breaker8c P10) — a corrected day too, its
 * 原录 in the cell's note (newcomer52-8 M1);
 * the office's words (立行立改（2026-04-01）…) stay text.
 */
export async function tableToXlsx(table: ExportTable, sheetName: string): Promise<Buffer> {
  // Loaded on the first XLSX export, not at start (655 modules; see xlsxSheets in src/spreadsheet/sheet.ts).
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  workbook.creator = 'Rectify';
  // Printed and filed (盖章存档, newcomer52-8 M10): A4 landscape, fitted to one page wide (as many pages down as it takes), the
  // title and header rows repeated on every page.
  const sheet = workbook.addWorksheet(sheetName, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 2 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:2' },
  });
  sheet.columns = table.columns.map((column) => ({ width: column.width }));
  const title = sheet.addRow([table.title]);
  title.font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, table.columns.length);
  const header = sheet.addRow(table.columns.map((column) => column.header));
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
  });
  const lightColumn = table.columns.findIndex((column) => column.header === LIGHT_HEADER) + 1;
  for (const row of table.rows) {
    const added = sheet.addRow(row.cells.map(fitExcelCell));
    table.columns.forEach((column, index) => {
      const cell = row.cells[index];
      if (!column.day) return;
      // A day a date correction moved (「2016-06-20（原录 2016-06-02）」, as the CSV and the card say it) stays a date cell like
      // the column's others, the day first entered in the cell's note (newcomer52-8 M1: a text cell among dates fell out of
      // Excel's 日期筛选 and sorted apart).
      const corrected = typeof cell === 'string' ? CORRECTED_DAY.exec(cell) : null;
      const day = corrected ? corrected[1]! : cell;
      if (!isCalendarDate(day)) return;
      added.getCell(index + 1).value = excelDay(day);
      added.getCell(index + 1).numFmt = 'yyyy-mm-dd';
      if (corrected) added.getCell(index + 1).note = `${column.header}经更正，原录 ${corrected[2]}`;
    });
    added.alignment = { vertical: 'top', wrapText: true };
    if (row.light && lightColumn > 0) {
      added.getCell(lightColumn).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: LIGHT_FILL[row.light] } };
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A day cell of a corrected record, as the 整改台账 writes it (export-table.ts `partProgress`): the day now, the day first entered. */
const CORRECTED_DAY = /^(\d{4}-\d{2}-\d{2})（原录 (\d{4}-\d{2}-\d{2})）$/u;

/**
 * A day as a date cell Excel can filter, sort and count with: the day's midnight in UTC, which exceljs
 * turns into the date's serial number unshifted (Excel dates have no time zone).
 */
const excelDay = (day: string): Date => new Date(`${day}T00:00:00Z`);

/**
 * The table as CSV (csv-stringify): UTF-8 with a BOM, the title row (`table.titleInCsv`, or a record-time reading's
 * `table.knownAt`), the header, then the rows. A record-time reading says so inside the file (…按北京时间 <instant> 前已录入的记录),
 * not only in its name (breaker8b N5); the 整改台账 its day and reading (`…整改台账（截至 2016-07-31，含事后补录的记录）`,
 * newcomer51-8 M7); the work-plan export `…进展（截至 2026-11-10，…）`, a unit's `…进展（青川市财政局的任务，截至 …）`: a kept
 * download re-imported as 新版本 is then known for the day and the rows it shows (breaker10g P22, P1).
 * Text cells that Excel or WPS would run as a formula (starting with = + - @, a tab or a carriage return) are written
 * with a leading apostrophe (`escape_formulas`, the OWASP "CSV injection" advice): imported files come from outside
 * the office, and the CSV is opened on leaders' desktops. Numbers stay numbers, negative ones included.
 * A cell holding any line break — a bare `\n` from the 报告 textarea or an Alt+Enter cell, a `\r`, `\r\n` — is quoted
 * (`quote_record_delimiter`: with a `record_delimiter` given, csv-stringify otherwise quotes only that delimiter), so
 * Excel, WPS and any reader that ends a row at a bare `\n` keep the row whole (breaker10h P6). A cell longer than Excel
 * holds is cut saying so (`fitExcelCell`), as in the XLSX.
 */
export function tableToCsv(table: ExportTable): Buffer {
  const title = table.knownAt || table.titleInCsv ? [[table.title]] : [];
  const records = [...title, table.columns.map((column) => column.header), ...table.rows.map((row) => row.cells.map(fitExcelCell))];
  return Buffer.from(BOM + stringify(records, { record_delimiter: 'windows', quote_record_delimiter: true, escape_formulas: true }), 'utf8');
}
