import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../organization/units/unit-lookup.js';
import { importFindings } from '../rectification/import-findings/findings-file.js';
import { importWorkPlan } from '../work-plan/import/work-plan-import.js';

/*
 * breaker10d P30: a two-row header whose top cell is a heading merged over its sub-columns, whatever
 * the heading's word — 整改责任 over 责任领导 | 责任单位 | 责任人, 责任主体 over 牵头 | 配合 — is read as
 * one header: the sub-header row is never read as a record, and the units under it get their parts.
 */

const directory = unitLookupFrom([
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
]);

/** A sheet with a title row, a two-row header (`top` over `sub`, `merges` of the header) and the rows. */
async function workbook(top: readonly string[], sub: readonly (string | number)[], merges: readonly string[], rows: readonly (string | number)[][]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('台账');
  sheet.addRow(['青川市2026年整改台账']);
  sheet.addRow([...top]);
  sheet.addRow([...sub]);
  for (const row of rows) sheet.addRow([...row]);
  for (const range of merges) sheet.mergeCells(range);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe('a two-row header under a heading merged over its sub-columns', () => {
  it('整改责任 over 责任领导 | 责任单位 | 责任人: the 台账 row gets its units, the sub-header row is no record', async () => {
    const content = await workbook(
      ['序号', '存在问题', '整改措施', '整改责任', '', '', '整改时限'],
      ['', '', '', '责任领导', '责任单位', '责任人', ''],
      ['D2:F2', 'A2:A3', 'B2:B3', 'C2:C3', 'G2:G3'],
      [[1, 'TA栏目空白', '补充内容', '张副市长', '青川市财政局、青川市教育局', '李四', '2026年12月底前']],
    );
    const result = await importFindings(content, { format: 'xlsx', lookupUnit: directory, today: '2026-10-08' });
    expect(result).toMatchObject({ ok: true, findings: [{ title: 'TA栏目空白', parts: [{ unit: { unitId: 'unit-czj' }, dueDate: '2026-12-31' }, { unit: { unitId: 'unit-jyj' } }] }] });
    expect(result.ok && result.findings).toHaveLength(1);
    expect(result.ok && result.notImported).toEqual(['序号', '责任领导', '责任人']);
  });

  it('责任主体 over 牵头 | 配合: the lead and the responsible unit', async () => {
    const content = await workbook(
      ['序号', '工作任务', '责任主体', '', '完成时限'],
      ['', '', '牵头', '配合', ''],
      ['C2:D2', 'A2:A3', 'B2:B3', 'E2:E3'],
      [[1, 'TB推进财政预算公开', '青川市财政局', '青川市教育局', '2026年12月底前']],
    );
    const result = await importWorkPlan(content, { format: 'xlsx', title: '两行表头', lookupUnit: directory });
    expect(result.ok && result.plan.categories[0]!.items).toEqual([
      expect.objectContaining({ title: 'TB推进财政预算公开', leadUnits: [expect.objectContaining({ unitId: 'unit-czj' })], responsibleUnits: [expect.objectContaining({ unitId: 'unit-jyj' })] }),
    ]);
  });

  it('a data row under a merged heading is still a record, not a second header row', async () => {
    const content = await workbook(
      ['序号', '工作任务', '责任单位', '', '完成时限'],
      [1, 'TC推进政策解读', '青川市财政局', '青川市教育局', '2026年12月底前'],
      ['C2:D2'],
      [],
    );
    const result = await importWorkPlan(content, { format: 'xlsx', title: '合并表头', lookupUnit: directory });
    expect(result.ok && result.plan.categories[0]!.items.map((item) => item.title)).toEqual(['TC推进政策解读']);
  });
});

describe('a 台账 without any column of units', () => {
  it('is refused for the missing column (and the column holding the units named), never row by row as if each row left a cell blank', async () => {
    const csv = '存在问题,整改措施,整改责任,整改时限\nTD问题甲,措施,青川市财政局,2026-12-31\nTD问题乙,措施,青川市教育局,2026-12-31\n';
    const result = await importFindings(csv, { format: 'csv', lookupUnit: directory, today: '2026-10-08' });
    expect(!result.ok && result.problems.map((problem) => problem.reasonZh)).toEqual([
      expect.stringContaining('“整改责任”列写的是单位（如“青川市财政局”）'),
      expect.stringMatching(/^缺少“涉及单位 \/ 责任单位”列：.*本表中未读取的列：“整改责任”。/),
    ]);
  });
});

/*
 * breaker10q P17 (AC-two-row-header-time.xlsx): 时间安排 merged over 阶段目标 | 完成时限 — the milestones (6月底前完成目录编制) were
 * dropped as 「未导入的列：阶段目标」, the rule that refuses a column of time applied to the sub-header alone. The heading counts.
 */
describe('a sub-header under a heading of time (breaker10q P17)', () => {
  it('refuses 阶段目标 under 时间安排 naming both, never lists it as not imported', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('任务');
    sheet.addRow(['青川市2026年双层表头方案']);
    sheet.addRow(['序号', '工作任务', '责任单位', '', '时间安排', '']);
    sheet.addRow(['', '', '牵头', '配合', '阶段目标', '完成时限']);
    for (const range of ['A2:A3', 'B2:B3', 'C2:D2', 'E2:F2']) sheet.mergeCells(range);
    sheet.addRow([1, '推进决策公开', '青川市财政局', '青川市教育局', '6月底前完成目录编制', '2026年12月底前']);
    const result = await importWorkPlan(new Uint8Array(await book.xlsx.writeBuffer()), { format: 'xlsx', lookupUnit: directory });
    expect(result.ok ? result.notices : result.problems.map((problem) => problem.reasonZh)).toEqual([expect.stringMatching(/^“阶段目标（时间安排）”列写的是单位、时间或措施，但本导入不使用它/)]);
  });

  it('still reads 牵头 | 配合 under 责任单位 and a known sub-header under any heading as before', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('任务');
    sheet.addRow(['序号', '工作任务', '责任单位', '', '时间安排']);
    sheet.addRow(['', '', '牵头', '配合', '完成时限']);
    for (const range of ['A1:A2', 'B1:B2', 'C1:D1']) sheet.mergeCells(range);
    sheet.addRow([1, '推进决策公开', '青川市财政局', '青川市教育局', '2026年12月底前']);
    const result = await importWorkPlan(new Uint8Array(await book.xlsx.writeBuffer()), { format: 'xlsx', title: '2026年方案', lookupUnit: directory });
    expect(result.ok && result.plan.categories[0]!.items.map((item) => [item.leadUnits[0]!.unitId, item.responsibleUnits.map((unit) => unit.unitId), item.dueDate])).toEqual([['unit-czj', ['unit-jyj'], '2026-12-31']]);
  });
});
