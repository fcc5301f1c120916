import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * breaker10r P22 (moderate): heading rows numbered 1 over sub-items 1-1, 1-2 (H/SUB1.csv) or 1.1, 1.2 (H/SUB2.csv), the heading giving
 * only its title, were refused 「事项 1 缺少牵头单位」「缺少完成时限」. Now such a row — a number and a title, the next row numbered under
 * it — is a heading: the 大项 of the rows below it.
 */
const directory = unitLookupFrom([
  { id: 'GOV', code: 'GOV', name: '澜州市人民政府办公室' },
  { id: 'FGW', code: 'FGW', name: '澜州市发展和改革委员会' },
  { id: 'SJJ', code: 'SJJ', name: '澜州市市场监督管理局' },
]);
const outline = async (csv: string) => {
  const result = await importWorkPlan(csv, { format: 'csv', title: '子项编号', year: 2026, lookupUnit: directory });
  if (!result.ok) return result.problems.map((problem) => problem.reasonZh);
  return result.plan.categories.map((category) => `${category.code} ${category.title}: ${category.items.map((item) => `${item.code} ${item.title}`).join('; ')}`);
};

describe('numbered heading rows over sub-items (breaker10r P22)', () => {
  it.each(['-', '.'])('1 / 1%s1: the heading is the 大项 of its sub-items', async (mark) => {
    const csv =
      '澜州市2026年子项编号测试方案\n序号,工作任务,牵头单位,配合单位,完成时限\n' +
      '1,推进决策公开,,,\n' +
      `1${mark}1,公布决策事项目录,澜州市人民政府办公室,,2026年3月底前\n` +
      `1${mark}2,开展意见征集,澜州市发展和改革委员会,,2026年6月底前\n` +
      '2,推进管理服务公开,,,\n' +
      `2${mark}1,公开权责清单,澜州市市场监督管理局,,2026年9月底前\n`;
    expect(await outline(csv)).toEqual([`1 推进决策公开: 1${mark}1 公布决策事项目录; 1${mark}2 开展意见征集`, `2 推进管理服务公开: 2${mark}1 公开权责清单`]);
  });

  it('a numbered row without sub-items below is an item, refused for its missing lead as before', async () => {
    const csv = '序号,工作任务,牵头单位,配合单位,完成时限\n1,推进决策公开,,,\n2,公开权责清单,澜州市市场监督管理局,,2026年9月底前\n';
    expect(await outline(csv)).toEqual(expect.arrayContaining([expect.stringMatching(/缺少牵头单位/u)]));
  });
});
