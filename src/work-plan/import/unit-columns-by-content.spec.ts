import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importFindings } from '../../rectification/import-findings/findings-file.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * breaker10d P28 (issue 10 fault 1's kind): a column of unit names is used or refused whatever its
 * header. The headers published 任务分工 tables and 整改台账 use without 单位 (责任主体, 落实主体,
 * 整改主体, 责任方, 责任分工, 职责分工) are read as responsible units, 整改举措 as measures; a column
 * headed with a word the dictionary does not know whose cells name units of the directory is
 * refused naming it and a unit in it, never listed "not imported" while its units get no part.
 */

const directory = unitLookupFrom([
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
  { id: 'unit-mzj', code: 'MZJ', name: '青川市民政局' },
]);
const plan = (header: string, cell: string) => importWorkPlan(`类别,编号,事项,牵头单位,${header},完成时限\n公开,1,HD甲,青川市财政局,${cell},2026-12-31\n`, { format: 'csv', title: '表头测试', lookupUnit: directory });
const ledger = (header: string, cell: string) =>
  importFindings(`存在问题,整改措施,责任单位,整改时限,${header}\nHF问题,措施,青川市财政局,2026-12-31,${cell}\n`, { format: 'csv', lookupUnit: directory, today: '2026-10-08' });

describe('a work plan\'s column of unit names', () => {
  it.each(['责任主体', '落实主体', '整改主体', '责任方', '责任分工', '职责分工'])('headed %s gives those units their parts', async (header) => {
    const result = await plan(header, '青川市教育局、青川市民政局');
    expect(result.ok && result.plan.categories[0]!.items[0]!.responsibleUnits.map((unit) => unit.unitId)).toEqual(['unit-jyj', 'unit-mzj']);
    expect(result.ok && result.notImported).toBeFalsy();
  });

  it('headed 整改举措 is the item\'s measures', async () => {
    const result = await importWorkPlan('类别,编号,事项,牵头单位,整改举措,完成时限\n公开,1,HD甲,青川市财政局,按月调度,2026-12-31\n', { format: 'csv', title: '表头测试', lookupUnit: directory });
    expect(result.ok && result.plan.categories[0]!.items[0]!.measures).toBe('按月调度');
  });

  it('headed 进度安排 (a schedule) is refused naming it, as 时间安排 is', async () => {
    const result = await plan('进度安排', '6月完成初稿');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([expect.objectContaining({ row: null, reasonZh: expect.stringContaining('“进度安排”列') })]);
  });

  it.each(['具体承担', '落实', '经办'])('headed with a word no dictionary knows (%s) is refused, naming the column and a unit in it', async (header) => {
    const result = await plan(header, '牵头单位：青川市教育局；配合单位：青川市民政局');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([
      expect.objectContaining({ row: null, reasonZh: expect.stringMatching(new RegExp(`“${header}”列写的是单位（如“青川市教育局”）`)) }),
    ]);
  });

  it('of a text column whose cells name no unit stays "not imported"', async () => {
    const result = await plan('备注', '需财政资金支持');
    expect(result).toMatchObject({ ok: true, notImported: ['备注'] });
  });

  it('is judged on every sheet of a workbook read whole', async () => {
    const workbook = new ExcelJS.Workbook();
    for (const [name, cell] of [['决策公开', '需财政资金支持'], ['政策解读', '青川市民政局']] as const) {
      const sheet = workbook.addWorksheet(name);
      sheet.addRow(['编号', '事项', '牵头单位', '经办', '完成时限']);
      sheet.addRow([name === '决策公开' ? '1' : '2', `${name}事项`, '青川市财政局', cell, '2026-12-31']);
    }
    const result = await importWorkPlan(new Uint8Array(await workbook.xlsx.writeBuffer()), { format: 'xlsx', title: '表头测试', lookupUnit: directory });
    expect(!result.ok && result.problems.map((problem) => problem.reasonZh)).toEqual([expect.stringContaining('“经办”列写的是单位（如“青川市民政局”）')]);
  });
});

describe('a 整改台账\'s column of unit names', () => {
  it.each(['责任主体', '整改主体', '责任分工'])('headed %s gives those units their parts', async (header) => {
    const result = await ledger(header, '青川市教育局');
    expect(result.ok && result.findings[0]!.parts.map((part) => part.unit.unitId)).toEqual(['unit-czj', 'unit-jyj']);
  });

  it('headed with a word no dictionary knows is refused naming it', async () => {
    const result = await ledger('经办', '青川市教育局');
    expect(!result.ok && result.problems).toEqual([
      expect.objectContaining({ reasonZh: expect.stringContaining('“经办”列写的是单位（如“青川市教育局”）') }),
    ]);
  });
});
