import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * newcomer45-10 M2: a 任务分工 whose 牵头单位 is merged down over items 1–2, saved from Excel as CSV, keeps the lead in item 1's row
 * only; the import refused 「事项 2 缺少牵头单位。」 with no word of why or what to write. The refusal names the likely cause and both
 * ways on; an item with no lead in any other file says what to write.
 */
const lookupUnit = unitLookupFrom([
  { id: 'unit-gov', code: 'GOV', name: '青川市人民政府办公室' },
  { id: 'unit-fgw', code: 'FGW', name: '青川市发展和改革委员会' },
]);
const ROWS = [
  ['序号', '主要任务', '牵头单位', '配合单位', '完成时限'],
  ['一、强化政策解读', '', '', '', ''],
  ['1', '做好政策解读', '青川市人民政府办公室', '', '2026年6月底前'],
  ['2', '开展政策吹风', '', '青川市发展和改革委员会', '每季度'],
  ['3', '回应社会关切', '', '青川市发展和改革委员会', '2026年9月底前'],
];
const refusals = (result: Awaited<ReturnType<typeof importWorkPlan>>) => (result.ok ? [] : result.problems.map((problem) => `${problem.row} ${problem.reasonZh}`));

describe('an item with no lead unit says what to write (newcomer45-10 M2)', () => {
  it('in a CSV, below an item with a lead: the merged cell Excel kept in the first row only, and the two ways on', async () => {
    const csv = ROWS.map((row) => row.join(',')).join('\r\n');
    expect(refusals(await importWorkPlan(csv, { format: 'csv', title: '2026年任务分工', lookupUnit }))).toEqual([
      '4 事项 2 缺少牵头单位。如与上方第 3 行事项的牵头单位相同（原表中是合并单元格：Excel 另存为 CSV 时，合并单元格的内容只留在第一行），请在本行也填写牵头单位，或改为导入原 Excel 文件（.xlsx）。',
      '5 事项 3 缺少牵头单位。如与上方第 3 行事项的牵头单位相同（原表中是合并单元格：Excel 另存为 CSV 时，合并单元格的内容只留在第一行），请在本行也填写牵头单位，或改为导入原 Excel 文件（.xlsx）。',
    ]);
  });

  it('the workbook itself, its lead merged down, imports; the same cells left blank (no merge) are refused saying what to write', async () => {
    const workbook = async (merged: boolean) => {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('任务分工');
      for (const row of ROWS) sheet.addRow(row);
      if (merged) sheet.mergeCells('C3:C5');
      return new Uint8Array(await book.xlsx.writeBuffer());
    };
    expect((await importWorkPlan(await workbook(true), { format: 'xlsx', title: '2026年任务分工', lookupUnit })).ok).toBe(true);
    expect(refusals(await importWorkPlan(await workbook(false), { format: 'xlsx', title: '2026年任务分工', lookupUnit }))).toEqual([
      '4 事项 2 缺少牵头单位：请填写该事项的牵头单位（单位全称或编码）。',
      '5 事项 3 缺少牵头单位：请填写该事项的牵头单位（单位全称或编码）。',
    ]);
  });
});
