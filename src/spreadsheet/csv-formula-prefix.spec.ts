import { tableToCsv } from '../exports/export-files.js';
import type { ExportTable } from '../exports/export-table.js';
import { readSpreadsheet } from './sheet.js';

/*
 * breaker10i P16 (10h P13): an unedited CSV export of a plan, re-imported as a new version, rewrote
 * every measure starting with - + = @ — the export writes such a cell with a leading apostrophe (so
 * Excel does not run it as a formula: OWASP "CSV injection"), and the import read the apostrophe
 * back as text ('-每周巡查一次 → 修改表述 2 项). Every cell the export escapes reads back as it was.
 */
describe('a CSV cell the export wrote with a leading apostrophe', () => {
  const ESCAPED = ['-每周巡查一次', '+每月通报', '=年底前完成', '@市政府办公室', '\t缩进的措施', '\r回车开头', '－全角减号', '＋全角加号', '＝全角等号', '＠全角'];
  const table: ExportTable = {
    title: '青川市2026年政务公开工作要点进展（截至 2026-11-10）',
    asOf: '2026-11-10',
    knownAt: null,
    titleInCsv: true,
    columns: [
      { header: '序号', width: 6 },
      { header: '工作措施', width: 30 },
    ],
    rows: ESCAPED.map((measure, index) => ({ cells: [index + 1, measure], light: null })),
  };
  const columns = {
    code: { label: '序号', aliases: ['序号'], required: true },
    measures: { label: '工作措施', aliases: ['工作措施'], required: true },
  };

  it('reads back as the cell was, whatever character the export escaped', async () => {
    const csv = tableToCsv(table);
    // The export did escape them (each is written '…).
    expect(csv.toString('utf8')).toContain("'-每周巡查一次");
    const read = await readSpreadsheet(new Uint8Array(csv), 'csv', columns);
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    // Cells are read as written: leading spaces and tabs belong to textOf, not to the reading.
    expect(read.table.records.map((record) => record.cells.measures)).toEqual(ESCAPED);
  });

  it('keeps an apostrophe that escapes no formula character, and one inside a cell', async () => {
    const csv = '序号,工作措施\n1,\'见附件\n2,\'\'-两个撇号\n3,它\'-在中间\n';
    const read = await readSpreadsheet(csv, 'csv', columns);
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    expect(read.table.records.map((record) => record.cells.measures)).toEqual(["'见附件", "''-两个撇号", "它'-在中间"]);
  });
});
