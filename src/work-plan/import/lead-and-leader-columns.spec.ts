import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * The lead column as 任务分工 tables head it, and the leaders' column beside it (breaker10i P9): 牵头责任单位 / 主办单位
 * name the lead; 牵头领导 / 责任领导 / 分管领导 name people (张副市长), listed as not imported, never refused as units.
 */
const lookupUnit = unitLookupFrom([
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
]);

describe('lead and leader columns of a 任务分工 table', () => {
  it.each(['牵头责任单位', '牵头责任部门', '主办单位'])('reads %s as the lead unit, a 协同单位 column beside it as responsible units', async (header) => {
    const csv = `序号,重点任务,${header},协同单位,时间节点\n1,推进重大决策预公开,青川市财政局,青川市教育局,2026-12-31\n2,完善政策解读机制,青川市教育局,,2026-12-30\n`;
    const result = await importWorkPlan(csv, { format: 'csv', title: '2026年牵头列测试', lookupUnit });
    expect(result.ok ? result.plan.categories.flatMap((category) => category.items.map((item) => [item.leadUnits.map((unit) => unit.unitId), item.responsibleUnits.map((unit) => unit.unitId)])) : result.problems).toEqual([
      [['unit-czj'], ['unit-jyj']],
      [['unit-jyj'], []],
    ]);
  });

  it.each(['牵头领导', '责任领导', '分管领导', '责任人'])('lists a %s column of people as not imported, not refused as naming units', async (header) => {
    const csv = `序号,工作任务,${header},牵头单位,完成时限\n1,推进重大决策预公开,张副市长,青川市财政局,2026-12-31\n2,完善政策解读机制,李副市长,青川市教育局,2026-12-30\n`;
    const result = await importWorkPlan(csv, { format: 'csv', title: '2026年领导列测试', lookupUnit });
    expect(result.ok ? result.notImported : result.problems).toEqual([header]);
  });

  it('still refuses a leaders\' column whose cells name directory units', async () => {
    const csv = '序号,工作任务,责任领导,牵头单位,完成时限\n1,推进重大决策预公开,青川市教育局,青川市财政局,2026-12-31\n';
    const result = await importWorkPlan(csv, { format: 'csv', title: '2026年领导列测试', lookupUnit });
    expect(result.ok ? result : result.problems.map((problem) => problem.reasonZh)).toEqual([expect.stringMatching(/^“责任领导”列写的是单位（如“青川市教育局”）/)]);
  });
});
