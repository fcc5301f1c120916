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

/*
 * newcomer43-10 #4: a code cell typed 1.10 in a number-formatted column is stored 1.1, and the plan was refused 「事项编号 1.1 重复：
 * 第 3 行已使用」 without a word of why; the refusal now says Excel drops a trailing 0, as the deadline reader does of 2027.1.
 */
describe('an item code Excel shortened', () => {
  it('says a trailing 0 may have been dropped when a dotted code repeats, and nothing of it for other codes', async () => {
    const lookupUnit = unitLookupFrom([{ id: 'unit-czj', code: 'CZJ', name: '青川市财政局' }]);
    const refusal = async (first: string, second: string) => {
      const result = await importWorkPlan(`编号,事项,牵头单位,完成时限\n${first},推进决策公开,青川市财政局,2026-12-31\n${second},推进政策解读,青川市财政局,2026-12-31\n`, { format: 'csv', title: '2026年任务', lookupUnit });
      return result.ok ? result : result.problems.map((problem) => problem.reasonZh);
    };
    expect(await refusal('1.1', '1.1')).toEqual(['事项编号 1.1 重复：第 2 行已使用。如编号列是数字格式，Excel 会去掉编号末尾的 0（如 1.10 存为 1.1）：请把编号列设为文本格式后重新输入编号。']);
    expect(await refusal('3', '3')).toEqual(['事项编号 3 重复：第 2 行已使用。']);
  });
});
