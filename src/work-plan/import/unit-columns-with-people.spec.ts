import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importFindings } from '../../rectification/import-findings/findings-file.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * breaker10n P14 (serious): a 「配合单位及联系人」 / 「协办单位负责人」 column (cells 「青川市教育局：李四」, 「市交通运输局 王五」) was taken
 * for a column of people and listed 未导入, exit 0 — its units got no part. A header naming units before a person's role is
 * read as that unit column: each cell's units read, the people said once and left aside; a unit written with a person and no
 * mark between them (教育局李四) is refused naming the cell, never guessed.
 */
const lookupUnit = unitLookupFrom([
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
  { id: 'unit-jtj', code: 'JTJ', name: '青川市交通运输局' },
]);
const partsOf = (result: Awaited<ReturnType<typeof importWorkPlan>>) =>
  result.ok ? result.plan.categories.flatMap((category) => category.items.map((item) => [item.code, item.leadUnits.map((unit) => unit.unitId), item.responsibleUnits.map((unit) => unit.unitId)])) : result.problems;

describe('a unit column with a person after each unit', () => {
  it.each(['配合单位及联系人', '配合单位联系人', '配合单位（联系人及电话）', '协办单位负责人'])('reads %s as the responsible units, the people left aside with a notice', async (header) => {
    const csv = `序号,工作任务,牵头单位,${header},完成时限\n1,任务甲,青川市财政局,"青川市教育局：李四",2026年9月底前\n2,任务乙,青川市财政局,"市交通运输局 王五、市教育局（赵六 13800000000）",2026年9月底前\n3,任务丙,青川市教育局,,2026年9月底前\n`;
    const result = await importWorkPlan(csv, { format: 'csv', title: '测试H4', year: 2026, lookupUnit });
    expect(partsOf(result)).toEqual([
      ['1', ['unit-czj'], ['unit-jyj']],
      ['2', ['unit-czj'], ['unit-jtj', 'unit-jyj']],
      ['3', ['unit-jyj'], []],
    ]);
    expect(result.ok && (result.notImported ?? [])).toEqual([]);
    expect(result.ok && result.notices?.map((notice) => notice.reasonZh)).toContainEqual(`“${header}”列按单位读取；单位后的联系人（李四等）未导入。`);
  });

  it('reads 牵头单位及联系人 as the lead, and keeps a role mark in brackets as the unit\'s', async () => {
    const csv = '序号,工作任务,牵头单位及联系人,配合单位,完成时限\n1,任务甲,"青川市财政局：张三",青川市教育局,2026年9月底前\n';
    const result = await importWorkPlan(csv, { format: 'csv', title: '测试H5', year: 2026, lookupUnit });
    expect(partsOf(result)).toEqual([['1', ['unit-czj'], ['unit-jyj']]]);
  });

  it('refuses a unit written with a person and no mark between them, naming the cell (教育局李四)', async () => {
    const csv = '序号,工作任务,牵头单位,协办单位负责人,完成时限\n1,任务甲,青川市财政局,教育局李四,2026年9月底前\n';
    const result = await importWorkPlan(csv, { format: 'csv', title: '测试H6', year: 2026, lookupUnit });
    expect(result.ok ? result : result.problems.map((problem) => [problem.row, problem.reasonZh])).toEqual([[2, expect.stringContaining('教育局李四')]]);
  });

  it('still lists a column of people alone (联系人, 责任人) as not imported', async () => {
    const csv = '序号,工作任务,牵头单位,联系人,完成时限\n1,任务甲,青川市财政局,李四,2026年9月底前\n';
    const result = await importWorkPlan(csv, { format: 'csv', title: '测试H7', year: 2026, lookupUnit });
    expect(result.ok ? result.notImported : result.problems).toEqual(['联系人']);
  });
});

/*
 * breaker10o P2 (serious): a 责任人 / 联系人 column whose cells are 「青川市教育局：李四」, 「市交通运输局 王五」 — and a second
 * 「牵头单位及责任人」 beside 牵头单位 — was listed 未导入, exit 0, its units given nothing; one bare unit in the column made it refused.
 * A column nothing reads whose cells name units with their people is refused naming the column and a cell, in plans and 台账.
 */
describe('a column of people whose cells name units with their people (breaker10o P2)', () => {
  const refusal = (column: string, written: string, unit: string) =>
    expect.stringContaining(`“${column}”列写的是单位及其人员（如“${written}”中的“${unit}”），但该表头不是本导入读取的列名，其中的单位不会得到任务`);

  it.each([
    ['责任人', '"青川市教育局：李四"', '青川市教育局：李四', '青川市教育局'],
    ['联系人', '市交通运输局 王五', '市交通运输局 王五', '市交通运输局'],
    ['牵头单位及责任人', '"青川市教育局：李四"', '青川市教育局：李四', '青川市教育局'],
  ])('plan: %s beside 牵头单位 is refused naming the column', async (header, cell, written, unit) => {
    const csv = `序号,工作任务,牵头单位,${header},完成时限\n1,任务甲,青川市财政局,${cell},2026年6月底前\n`;
    const result = await importWorkPlan(csv, { format: 'csv', title: '测试P2', year: 2026, lookupUnit });
    expect(result.ok ? result : result.problems.map((problem) => problem.reasonZh)).toEqual([refusal(header, written, unit)]);
  });

  it('台账: 责任人 with 「单位：人」 beside 牵头单位 is refused naming the column', async () => {
    const csv = '问题,具体表现,牵头单位,责任人,整改时限\n问题P2甲,表现,青川市财政局,青川市教育局：李四,2026年6月底前\n';
    const result = await importFindings(csv, { format: 'csv', lookupUnit, today: '2026-03-20', year: 2026, identifiedOn: '2026-03-20' });
    expect(result.ok ? result : result.problems.map((problem) => problem.reasonZh)).toEqual([refusal('责任人', '青川市教育局：李四', '青川市教育局')]);
  });

  it('still lists a column of people only (李四, 王五) as not imported', async () => {
    const csv = '序号,工作任务,牵头单位,责任人,完成时限\n1,任务甲,青川市财政局,李四,2026年6月底前\n2,任务乙,青川市财政局,王 五,2026年6月底前\n';
    const result = await importWorkPlan(csv, { format: 'csv', title: '测试P2', year: 2026, lookupUnit });
    expect(result.ok ? result.notImported : result.problems).toEqual(['责任人']);
  });
});
