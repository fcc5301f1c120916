import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../organization/units/unit-lookup.js';
import { importWorkPlan } from '../work-plan/import/work-plan-import.js';

/*
 * breaker45-10 S4: an 11 KB plan of 300 rows, each with a stray 「x」 in column XFD under a header 备注, took 54 s and was refused as
 * needing more than 512 MB, 「请用 Excel 重新保存，或拆成几个文件」 — neither helps, and the far column went unnamed. The reader now reads
 * the cells there are; a cell more than 100 empty columns right of the rest is refused at once, naming it.
 */

const lookupUnit = unitLookupFrom([{ id: 'unit-czj', code: 'CZJ', name: '青川市财政局' }]);

async function planWith(far: (sheet: ExcelJS.Worksheet, rows: number) => void, rows = 300): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Sheet1');
  sheet.addRow(['类别编号', '类别', '编号', '事项', '牵头单位', '完成时限']);
  for (let item = 1; item <= rows; item += 1) sheet.addRow(['一', '决策公开', String(item), `事项${item}`, '青川市财政局', '2026-06-30']);
  far(sheet, rows);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe('a stray cell far right of the table (breaker45-10 S4)', () => {
  it('refuses at once naming the cell and where the table ends', async () => {
    const content = await planWith((sheet, rows) => {
      sheet.getCell('XFD1').value = '备注';
      for (let row = 2; row <= rows + 1; row += 1) sheet.getCell(`XFD${row}`).value = 'x';
    });
    const started = Date.now();
    const result = await importWorkPlan(content, { format: 'xlsx', title: '2026年任务', lookupUnit });
    expect(result.ok ? result : result.problems.map((problem) => problem.reasonZh)).toEqual([
      '单元格 XFD1 有内容（“备注”），远在表格之外（表格到第 F 列为止）：请删除该单元格（或删去第 F 列右侧的各列）并保存后重新导入。',
    ]);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('reads a table with a column a few columns right of it as before (its header listed as not imported)', async () => {
    const result = await importWorkPlan(await planWith((sheet) => (sheet.getCell('M1').value = '联系人'), 3), { format: 'xlsx', title: '2026年任务', lookupUnit });
    expect(result.ok ? result.plan.categories[0]!.items.length : result.problems).toBe(3);
  });
});
