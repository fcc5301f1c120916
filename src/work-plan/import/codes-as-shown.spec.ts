import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * breaker46-10 M3: an item code shown 1.10 (the number 1.1, format 0.00) was imported as item 1.1 — not the office's code, and
 * another than 1.1 beside it. A code is read as the sheet shows it: 1.10, a 序号 formatted 00 as 01.
 */

const directory = unitLookupFrom([{ id: 'unit-czj', code: 'CZJ', name: '青川市财政局' }]);

async function plan(header: readonly string[], rows: readonly (readonly unknown[])[], numFmt: string): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('任务');
  sheet.addRow([...header]);
  for (const row of rows) sheet.addRow([...row]);
  for (let row = 2; row <= rows.length + 1; row += 1) sheet.getCell(`${header.indexOf('编号') >= 0 ? 'C' : 'A'}${row}`).numFmt = numFmt;
  return new Uint8Array(await book.xlsx.writeBuffer());
}

const codesOf = (result: Awaited<ReturnType<typeof importWorkPlan>>) => (result.ok ? result.plan.categories.flatMap((category) => category.items.map((item) => item.code)) : result.problems);

describe('item codes as the sheet shows them (breaker46-10 M3)', () => {
  it('reads 1.1 shown 1.10 as item 1.10 (beside 1.11), never 1.1', async () => {
    const content = await plan(
      ['类别编号', '类别', '编号', '事项', '牵头单位', '完成时限'],
      [
        ['一', '决策公开', 1.1, '推进决策公开', '青川市财政局', '2026-12-31'],
        ['一', '决策公开', 1.2, '推进政策解读', '青川市财政局', '2026-12-31'],
        ['一', '决策公开', 1.11, '推进结果公开', '青川市财政局', '2026-12-31'],
      ],
      '0.00',
    );
    expect(codesOf(await importWorkPlan(content, { format: 'xlsx', title: '2026年任务', lookupUnit: directory }))).toEqual(['1.10', '1.20', '1.11']);
  });

  it('reads a 序号 formatted 00 as shown', async () => {
    const content = await plan(['序号', '事项', '牵头单位', '完成时限'], [[1, '推进决策公开', '青川市财政局', '2026-12-31'], [2, '推进政策解读', '青川市财政局', '2026-12-31']], '00');
    expect(codesOf(await importWorkPlan(content, { format: 'xlsx', title: '2026年任务', lookupUnit: directory }))).toEqual(['01', '02']);
  });
});
