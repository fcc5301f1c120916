import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../organization/units/unit-lookup.js';
import { importWorkPlan } from '../work-plan/import/work-plan-import.js';

/*
 * breaker10r P12 (moderate): two-row headers whose sub-headers name levels, not 牵头/配合 (T1: 配合单位 over 市直部门 | 区县; T2: 责任单位 over
 * 市级牵头单位 | 市级配合单位 | 区县级; T7: 牵头单位 over 单位 | 联系人) were read as a data row, the clerk told to register 「市级牵头单位」 and
 * 「牵头单位」 as units. Now such a sub-header is its heading's column, or the role it names without its level.
 */
const directory = unitLookupFrom([
  { id: 'GOV', code: 'LZGOV', name: '澜州市人民政府办公室', kind: 'OTHER' },
  { id: 'CZJ', code: 'CZJ', name: '澜州市财政局', kind: 'DEPARTMENT' },
  { id: 'JYJ', code: 'JYJ', name: '澜州市教育局', kind: 'DEPARTMENT' },
  { id: 'BTQ', code: 'BTQ', name: '澜州市北塘区人民政府', kind: 'COUNTY_OR_DISTRICT' },
  { id: 'NPQ', code: 'NPQ', name: '澜州市南浦区人民政府', kind: 'COUNTY_OR_DISTRICT' },
  { id: 'YLX', code: 'YLX', name: '云岭县人民政府', kind: 'COUNTY_OR_DISTRICT' },
]);
/** The layouts of breaker10r's gen22.mjs: a title row, two header rows with the merges offices use, then items. */
async function workbook(h1: string[], h2: string[], merges: string[], rows: string[][]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('任务');
  sheet.addRow(['澜州市2026年分栏测试方案']);
  sheet.addRow(h1);
  sheet.addRow(h2);
  for (const range of merges) sheet.mergeCells(range);
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await book.xlsx.writeBuffer());
}
const ROWS = [
  ['1', '任务甲', '澜州市人民政府办公室', '澜州市财政局', '各区县政府', '2026年6月底前'],
  ['2', '任务乙', '澜州市财政局', '澜州市教育局', '云岭县人民政府', '2026年9月底前'],
];
const T1 = () => workbook(['序号', '工作任务', '牵头单位', '配合单位', '', '完成时限'], ['', '', '', '市直部门', '区县', ''], ['A2:A3', 'B2:B3', 'C2:C3', 'D2:E2', 'F2:F3'], ROWS);
const T2 = () => workbook(['序号', '工作任务', '责任单位', '', '', '完成时限'], ['', '', '市级牵头单位', '市级配合单位', '区县级', ''], ['A2:A3', 'B2:B3', 'C2:E2', 'F2:F3'], ROWS);
const T7 = () =>
  workbook(['序号', '工作任务', '牵头单位', '', '配合单位', '完成时限'], ['', '', '单位', '联系人', '', ''], ['A2:A3', 'B2:B3', 'C2:D2', 'E2:E3', 'F2:F3'], [
    ['1', '任务甲', '澜州市人民政府办公室', '张伟', '澜州市财政局', '2026年6月底前'],
  ]);
const plan = async (content: Uint8Array) => {
  const result = await importWorkPlan(content, { format: 'xlsx', title: '分栏', year: 2026, lookupUnit: directory });
  if (!result.ok) return result.problems.map((problem) => problem.reasonZh);
  return result.plan.categories.flatMap((category) => category.items.map((item) => [item.leadUnits.map((unit) => unit.unitId), item.responsibleUnits.map((unit) => unit.unitId).sort()]));
};

describe('sub-headers naming levels under a unit heading (breaker10r P12)', () => {
  it('T1: 配合单位 over 市直部门 | 区县 — both columns cooperating units', async () => {
    expect(await plan(await T1())).toEqual([
      [['GOV'], ['BTQ', 'CZJ', 'NPQ', 'YLX']],
      [['CZJ'], ['JYJ', 'YLX']],
    ]);
  });

  it('T2: 责任单位 over 市级牵头单位 | 市级配合单位 | 区县级 — the lead, the cooperating and the county units', async () => {
    expect(await plan(await T2())).toEqual([
      [['GOV'], ['BTQ', 'CZJ', 'NPQ', 'YLX']],
      [['CZJ'], ['JYJ', 'YLX']],
    ]);
  });

  it('T7: 牵头单位 over 单位 | 联系人 — the unit column, the contact not imported', async () => {
    expect(await plan(await T7())).toEqual([[['GOV'], ['CZJ']]]);
  });
});
