import { jest } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { Columns } from './columns.js';
import { readSpreadsheet } from './sheet.js';

/*
 * breaker12c P10: a dry run of importing the platform's own 整改台账 export (17,661 rows, 1.09 MB) had not
 * answered after 12.5 minutes: the reader asked exceljs for the sheet's column count — worked out over
 * every row each time — once per cell, so reading grew with the square of the rows (2,000 rows 27 s,
 * 4,000 rows 79 s). Each sheet's size is now asked once.
 */
const columns: Columns<'code' | 'title'> = {
  code: { label: '编号', aliases: ['编号'], required: true },
  title: { label: '事项', aliases: ['事项'], required: true },
};

describe('a long sheet', () => {
  it('is read asking its size once, not once per cell: reading grows with its rows, not their square', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('问题清单');
    sheet.addRow(['编号', '事项']);
    for (let row = 1; row <= 200; row += 1) sheet.addRow([String(row), `第${row}项整改事项`]);
    const content = new Uint8Array(await workbook.xlsx.writeBuffer());
    const worksheet = Object.getPrototypeOf(new ExcelJS.Workbook().addWorksheet('看')) as object;
    const sized = jest.spyOn(worksheet as { columnCount: number }, 'columnCount', 'get');
    try {
      const read = await readSpreadsheet(content, 'xlsx', columns);
      expect(read.ok && read.table.records).toHaveLength(200);
      expect(sized.mock.calls.length).toBeLessThanOrEqual(2);
    } finally {
      sized.mockRestore();
    }
  });
});
