import ExcelJS from 'exceljs';
import { unitIdForCode } from '../units/unit-id.js';
import { unitLookupFrom } from '../units/unit-lookup.js';
import { importUnits } from './units-file.js';

const emptyDirectory = unitLookupFrom([]);

/*
 * Unit codes as the sheet shows them (breaker46-10 S2): a 编码 column formatted 000 shows 001, 002, 010, but the codes registered were
 * 1, 2 and 10 — the codes the office sees existed nowhere — and a text 010 typed beside a number shown 010 became a second code.
 * A code is read as Excel shows it; two rows showing the same code are refused as one code twice.
 */

async function directory(rows: readonly (readonly unknown[])[], format: Readonly<Record<string, string>>): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('单位名录');
  sheet.addRow(['编码', '名称', '类型', '上级编码']);
  for (const row of rows) sheet.addRow([...row]);
  for (const [cell, numFmt] of Object.entries(format)) sheet.getCell(cell).numFmt = numFmt;
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe('unit codes formatted to show leading zeros (breaker46-10 S2)', () => {
  it('registers the codes the sheet shows: 001, 002, 010, a parent code formatted so too', async () => {
    const content = await directory(
      [
        [1, '青川市审计局', '部门', ''],
        [2, '青川市审计局办公室', '其他', 1],
        [10, '青川市统计局', '部门', ''],
      ],
      { A2: '000', A3: '000', A4: '000', D3: '000' },
    );
    const result = await importUnits(content, { format: 'xlsx', lookupUnit: emptyDirectory });
    expect(result.ok ? result.units.map((unit) => [unit.code, unit.parentUnitId]) : result.problems).toEqual([
      ['001', null],
      ['002', unitIdForCode('001')],
      ['010', null],
    ]);
  });

  it('refuses a text 010 beside a number shown 010 as the same code twice', async () => {
    const content = await directory(
      [
        [10, '青川市统计局', '部门', ''],
        ['010', '青川市统计局综合科', '其他', ''],
      ],
      { A2: '000' },
    );
    const result = await importUnits(content, { format: 'xlsx', lookupUnit: emptyDirectory });
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.problems.map((problem) => [problem.row, problem.reasonZh.includes('010')])).toEqual([[3, true]]);
  });

  it('keeps a code a General cell shows as its number', async () => {
    const result = await importUnits(await directory([[7, '青川市审计局', '部门', '']], {}), { format: 'xlsx', lookupUnit: emptyDirectory });
    expect(result.ok && result.units.map((unit) => unit.code)).toEqual(['7']);
  });
});
