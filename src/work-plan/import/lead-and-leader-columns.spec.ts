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

  // breaker10i P9: 配合单位 / 协同单位 / 协办单位 never lead, whichever column comes first.
  it.each(['配合单位', '协同单位', '协办单位', '参与单位'])('refuses a plan whose only unit column is %s, naming it, instead of taking its first unit as the lead', async (header) => {
    const csv = `序号,工作任务,${header},完成时限\n1,推进重大决策预公开,青川市财政局,2026-12-31\n`;
    const result = await importWorkPlan(csv, { format: 'csv', title: '2026年配合列测试', lookupUnit });
    expect(result.ok ? result : result.problems.map((problem) => problem.reasonZh)).toEqual([
      `缺少“牵头单位”列：“${header}”列写的是配合的单位，不能作为牵头单位。请增加“牵头单位”列，或增加“责任单位”列并把牵头单位写在第一个。`,
    ]);
  });

  it('takes the lead from 责任单位, never from a 协同单位 column standing before it', async () => {
    const csv = '序号,工作任务,协同单位,责任单位,完成时限\n1,推进重大决策预公开,青川市教育局,青川市财政局,2026-12-31\n2,完善政策解读机制,青川市财政局,,2026-12-30\n';
    const result = await importWorkPlan(csv, { format: 'csv', title: '2026年配合列测试', lookupUnit });
    expect(result.ok ? result.plan.categories[0]!.items.map((item) => [item.leadUnits.map((unit) => unit.unitId), item.responsibleUnits.map((unit) => unit.unitId)]) : result.problems.map((problem) => [problem.row, problem.reasonZh])).toEqual(
      [[3, expect.stringContaining('牵头单位')]],
    );
  });

  it('reads 配合单位 in a YAML plan as responsible units', async () => {
    const yaml = 'title: 2026年配合键测试\nyear: 2026\ncategories:\n  - code: 一\n    title: 决策公开\n    items:\n      - code: 1\n        title: 推进重大决策预公开\n        牵头单位: 青川市财政局\n        配合单位: 青川市教育局\n        完成时限: 2026-12-31\n';
    const result = await importWorkPlan(yaml, { format: 'yaml', lookupUnit });
    expect(result.ok ? result.plan.categories[0]!.items.map((item) => [item.leadUnits.map((unit) => unit.unitId), item.responsibleUnits.map((unit) => unit.unitId)]) : result.problems).toEqual([[['unit-czj'], ['unit-jyj']]]);
  });
});
