import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importFindings } from '../../rectification/import-findings/findings-file.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * breaker10o P18, breaker10n P5: a workbook laid out one sheet per unit (sheets named 青川市财政局, 青川市教育局, as a 任务分工 or
 * a 问题清单 is often sent back unit by unit). A plan made each unit a category and took the lead from 责任单位, the sheet's unit
 * getting nothing; a 问题清单 recorded its problems with no unit. No import takes a unit from a sheet's name: such a sheet whose
 * rows do not name its unit is refused, naming the sheet and the rows.
 */

const directory = unitLookupFrom([
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
  { id: 'unit-jtj', code: 'JTJ', name: '青川市交通运输局' },
]);

async function workbook(sheets: readonly { name: string; rows: readonly (readonly unknown[])[] }[]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  for (const { name, rows } of sheets) {
    const sheet = book.addWorksheet(name);
    for (const row of rows) sheet.addRow([...row]);
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}

const planOptions = { format: 'xlsx' as const, title: 'T', year: 2026, lookupUnit: directory, today: '2026-02-20' };

describe('a workbook kept one sheet per unit (breaker10o P18, breaker10n P5)', () => {
  it('a plan whose unit sheets\' rows are led by other units is refused, naming each sheet and its rows', async () => {
    const content = await workbook([
      { name: '青川市财政局', rows: [['序号', '工作任务', '责任单位', '完成时限'], [1, '任务甲', '青川市教育局', '2026年6月底前']] },
      { name: '青川市教育局', rows: [['序号', '工作任务', '责任单位', '完成时限'], [2, '任务乙', '青川市交通运输局、青川市财政局', '2026年9月底前']] },
    ]);
    const result = await importWorkPlan(content, planOptions);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.filter((problem) => problem.reasonZh.includes('导入不按工作表名称确定单位'))).toEqual([
      expect.objectContaining({ sheet: '青川市财政局', reasonZh: expect.stringContaining('工作表“青川市财政局”以单位“青川市财政局”命名，但其中第 2 行的“牵头单位”没有写该单位') }),
      expect.objectContaining({ sheet: '青川市教育局', reasonZh: expect.stringContaining('工作表“青川市教育局”') }),
    ]);
  });

  it('a plan whose unit sheets\' rows each name their sheet\'s unit as lead imports', async () => {
    const content = await workbook([
      { name: '青川市财政局', rows: [['序号', '工作任务', '牵头单位', '配合单位', '完成时限'], [1, '任务甲', '青川市财政局', '青川市教育局', '2026年6月底前']] },
      { name: '青川市教育局', rows: [['序号', '工作任务', '牵头单位', '配合单位', '完成时限'], [2, '任务乙', '青川市教育局', '', '2026年9月底前']] },
    ]);
    const result = await importWorkPlan(content, planOptions);
    expect(result.ok && result.plan.categories.flatMap((category) => category.items.map((item) => item.leadUnits.map((unit) => unit.unitId)))).toEqual([['unit-czj'], ['unit-jyj']]);
  });

  it('sheets not named after units are read as before (大项 sheets)', async () => {
    const content = await workbook([
      { name: '一、决策公开', rows: [['序号', '工作任务', '责任单位', '完成时限'], [1, '任务甲', '青川市教育局', '2026年6月底前']] },
      { name: '二、政策解读', rows: [['序号', '工作任务', '责任单位', '完成时限'], [2, '任务乙', '青川市财政局', '2026年9月底前']] },
    ]);
    expect((await importWorkPlan(content, planOptions)).ok).toBe(true);
  });

  // With no unit column at all each sheet's unit is the problem's (breaker10n P5, src/rectification/import-findings/
  // sheets-named-after-units.spec.ts); with one, a row naming another unit under a unit's sheet is refused.
  it('a 问题清单 with a sheet per unit whose rows name another unit is refused, naming the sheets', async () => {
    const header = ['序号', '存在问题', '具体表现', '类别', '严重程度', '责任单位'];
    const content = await workbook([
      { name: '青川市财政局', rows: [header, [1, '预算公开不及时', '未按时公开', '主动公开', '高', '青川市教育局']] },
      { name: '青川市教育局', rows: [header, [1, '招生信息未公开', '未公开', '主动公开', '中', '青川市财政局']] },
    ]);
    const result = await importFindings(content, { format: 'xlsx', lookupUnit: directory, today: '2026-02-20', year: 2026 });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.filter((problem) => problem.reasonZh.includes('导入不按工作表名称确定单位')).map((problem) => problem.sheet)).toEqual(['青川市财政局', '青川市教育局']);
  });

  it('a 台账 with a sheet per unit whose rows name the unit imports', async () => {
    const content = await workbook([
      { name: '青川市财政局', rows: [['序号', '存在问题', '整改措施', '责任单位', '整改时限'], [1, '预算公开不及时', '按时公开', '青川市财政局', '2026年6月底前']] },
      { name: '青川市教育局', rows: [['序号', '存在问题', '整改措施', '责任单位', '整改时限'], [1, '招生信息未公开', '公开', '青川市教育局', '2026年6月底前']] },
    ]);
    const result = await importFindings(content, { format: 'xlsx', lookupUnit: directory, today: '2026-02-20', year: 2026 });
    expect(result.ok && result.findings.map((finding) => finding.parts.map((part) => part.unit.unitId))).toEqual([['unit-czj'], ['unit-jyj']]);
  });
});
