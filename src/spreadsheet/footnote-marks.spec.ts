import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../organization/units/unit-lookup.js';
import { importWorkPlan } from '../work-plan/import/work-plan-import.js';

/*
 * breaker45-10 S3: a 编号 cell showing 「1²」 — 1, then a run set superscript holding the footnote's number — was read as item 12,
 * silently, and a later version kept 12 for good. A superscript or subscript glued to a value (a rich-text run, or Unicode's ²₃)
 * is a footnote's mark: read without it, told naming the cell. After a Latin letter (m², CO₂) it is part of the text.
 */

const lookupUnit = unitLookupFrom([
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-mzj', code: 'MZJ', name: '青川市民政局' },
]);

const superscript = (text: string): ExcelJS.RichText => ({ text, font: { vertAlign: 'superscript' } });

describe('footnote marks glued to a value (breaker45-10 S3)', () => {
  it('reads an XLSX code, unit and deadline without their superscript marks, telling each cell; m² stays in a title', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Sheet1');
    sheet.addRow(['编号', '事项', '牵头单位', '完成时限']);
    sheet.addRow([null, null, null, null]);
    sheet.getCell('A2').value = { richText: [{ text: '1' }, superscript('2')] };
    sheet.getCell('B2').value = { richText: [{ text: '新建政务公开专区200m' }, superscript('2')] };
    sheet.getCell('C2').value = { richText: [{ text: '青川市民政局' }, superscript('3')] };
    sheet.getCell('D2').value = { richText: [{ text: '2026年6月' }, superscript('1')] };
    sheet.addRow(['注：上标数字为脚注，见文末说明。']);
    const result = await importWorkPlan(new Uint8Array(await book.xlsx.writeBuffer()), { format: 'xlsx', title: '2026年任务', lookupUnit });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const item = result.plan.categories[0]!.items[0]!;
    expect([item.code, item.title, item.leadUnits.map((unit) => unit.unitId), item.dueDate]).toEqual(['1', '新建政务公开专区200m²', ['unit-mzj'], '2026-06-30']);
    expect(result.notices?.map((notice) => notice.reasonZh)).toEqual(
      expect.arrayContaining([
        '单元格 A2 中的上标“2”按脚注标记读取，未计入内容：读作“1”。',
        '单元格 C2 中的上标“3”按脚注标记读取，未计入内容：读作“青川市民政局”。',
        '单元格 D2 中的上标“1”按脚注标记读取，未计入内容：读作“2026年6月”。',
      ]),
    );
    expect(result.notices?.map((notice) => notice.reasonZh).filter((text) => text.startsWith('单元格 B2'))).toEqual([]);
  });

  it('reads Unicode superscript digits typed after a CSV code the same way', async () => {
    const result = await importWorkPlan('编号,事项,牵头单位,完成时限\n1²,推进决策公开,青川市财政局₁,2026-06-30\n', { format: 'csv', title: '2026年任务', lookupUnit });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.plan.categories[0]!.items.map((item) => [item.code, item.leadUnits.map((unit) => unit.unitId)])).toEqual([['1', ['unit-czj']]]);
    expect(result.notices?.map((notice) => notice.reasonZh)).toEqual(
      expect.arrayContaining(['单元格 A2 中的上标“²”按脚注标记读取，未计入内容：读作“1”。', '单元格 C2 中的下标“₁”按脚注标记读取，未计入内容：读作“青川市财政局”。']),
    );
  });
});
