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

  it('asks "是否指 001？" of a 上级编码 typed 1 (a text, or a General number) while the 编码 column shows 001, and of one typed 10 beside a registered 010 — never registers the child under no parent', async () => {
    const content = await directory(
      [
        [1, '青川市审计局', '部门', ''],
        [2, '青川市审计局办公室', '其他', '1'],
        [3, '青川市统计局综合科', '其他', 10],
      ],
      { A2: '000', A3: '000', A4: '000' },
    );
    const statistics = { id: unitIdForCode('010'), code: '010', name: '青川市统计局', kind: 'DEPARTMENT' as const };
    const result = await importUnits(content, { format: 'xlsx', lookupUnit: unitLookupFrom([statistics]), directory: [statistics] });
    expect(result.ok === false && result.problems.map((problem) => [problem.row, problem.reasonZh])).toEqual([
      [3, '上级单位编码“1”既不在本文件中，也不在单位名录中。是否指 001（青川市审计局）？编码按表格显示的样子读取：请把上级编码写成与编码列所显示的一致。'],
      [4, '上级单位编码“10”既不在本文件中，也不在单位名录中。是否指 010（青川市统计局）？编码按表格显示的样子读取：请把上级编码写成与编码列所显示的一致。'],
    ]);
  });

  it('asks nothing of an unknown parent code no code matches by its digits (7, or letters)', async () => {
    const content = await directory([[1, '青川市审计局', '部门', ''], [2, '青川市审计局办公室', '其他', '7'], [3, '青川市统计局', '部门', 'TJJ']], { A2: '000', A3: '000', A4: '000' });
    const result = await importUnits(content, { format: 'xlsx', lookupUnit: emptyDirectory });
    expect(result.ok === false && result.problems.map((problem) => problem.reasonZh)).toEqual(['上级单位编码“7”既不在本文件中，也不在单位名录中。', '上级单位编码“TJJ”既不在本文件中，也不在单位名录中。']);
  });
});
