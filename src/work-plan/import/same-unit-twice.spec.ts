import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * breaker43-10 F8: 「青川市民政局、民政局」 under 配合单位 was refused 「写了两次（名称和编码各一次）」 though no code was written. Two
 * names of one unit are named as written.
 */
describe('one unit written twice among the responsible units', () => {
  const lookupUnit = unitLookupFrom([
    { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
    { id: 'unit-mzj', code: 'MZJ', name: '青川市民政局' },
  ]);
  const refusal = async (units: string) => {
    const result = await importWorkPlan(`编号,事项,牵头单位,配合单位,完成时限\n1,推进决策公开,青川市财政局,${units},2026-12-31\n`, { format: 'csv', title: '2026年任务', lookupUnit });
    return result.ok ? result : result.problems.map((problem) => problem.reasonZh);
  };

  it.each([
    ['青川市民政局、民政局', '责任单位“青川市民政局”和“民政局”是同一个单位，写了两次：请只写一次。'],
    ['青川市民政局、MZJ', '责任单位“青川市民政局”和“MZJ”是同一个单位，写了两次：请只写一次。'],
    ['青川市民政局、青川市民政局', '责任单位“青川市民政局”写了两次。'],
  ])('%s is refused naming both names', async (units, reason) => {
    expect(await refusal(`"${units}"`)).toEqual([reason]);
  });
});
