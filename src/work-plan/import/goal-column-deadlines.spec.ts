import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * Issue 10 (task item 4): a plan whose deadlines stand only under a 工作目标 column (no 完成时限 or other deadline column) was
 * refused 「缺少“完成时限”列」. Read as the deadlines when every filled cell reads as one — as a 整改台账's 整改目标 is — and told;
 * a 工作目标 of aims in words is still no deadline column, and beside a 完成时限 column it is not read for deadlines.
 */
const lookupUnit = unitLookupFrom([{ id: 'unit-czj', code: 'CZJ', name: '青川市财政局' }]);
const read = (csv: string) => importWorkPlan(csv, { format: 'csv', title: '青川市2026年目标列测试', year: 2026, lookupUnit, today: '2026-02-20' });

describe('a plan whose deadlines stand under 工作目标', () => {
  it.each(['工作目标', '目标任务', '完成目标'])('reads a %s column of deadlines as the deadlines, told', async (header) => {
    const result = await read(`序号,工作任务,牵头单位,${header}\n1,任务甲,青川市财政局,2026年6月底前\n2,任务乙,青川市财政局,常态化\n3,任务丙,青川市财政局,2026-09-30\n`);
    expect(result.ok ? result.plan.categories[0]!.items.map((item) => [item.code, item.dueDate, item.terms?.kind ?? 'BY_DATE']) : result.problems).toEqual([
      ['1', '2026-06-30', 'BY_DATE'],
      ['2', '2026-12-31', 'STANDING'],
      ['3', '2026-09-30', 'BY_DATE'],
    ]);
    expect(result.ok && result.notices?.map((notice) => notice.reasonZh)).toContainEqual(`“${header}”列写的都是时限（如“2026年6月底前”），文件中没有“完成时限”列：按“完成时限”读取。`);
  });

  it('still refuses a plan whose 工作目标 states aims in words, for its missing 完成时限 column', async () => {
    const result = await read('序号,工作任务,牵头单位,工作目标\n1,任务甲,青川市财政局,链接全部有效\n2,任务乙,青川市财政局,2026年6月底前\n');
    expect(result.ok ? result : result.problems.map((problem) => problem.reasonZh)).toEqual([expect.stringContaining('缺少“完成时限”列')]);
  });

  it('takes the deadlines from 完成时限 when the file has it', async () => {
    const result = await read('序号,工作任务,牵头单位,工作目标,完成时限\n1,任务甲,青川市财政局,全面公开,2026-10-31\n');
    expect(result.ok ? result.plan.categories[0]!.items.map((item) => item.dueDate) : result.problems).toEqual(['2026-10-31']);
  });
});
