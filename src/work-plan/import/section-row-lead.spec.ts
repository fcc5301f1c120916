import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * breaker10r P24 (moderate): a 大项 row naming the lead for its items (H/SL1.csv: 「一、平台建设,,澜州市数据资源管理局,,」 over items with
 * only the units carrying them out) was not inherited: every item refused 「缺少牵头单位」, the 大项's lead said nowhere. Now the items
 * with an empty 牵头单位 under such a row are led by it, told once; an item naming its own lead keeps it.
 */
const directory = unitLookupFrom([
  { id: 'SJZY', code: 'SJZY', name: '澜州市数据资源管理局', kind: 'DEPARTMENT' },
  { id: 'LZOPEN', code: 'LZOPEN', name: '澜州市政务公开办公室', kind: 'OTHER' },
  { id: 'CZJ', code: 'CZJ', name: '澜州市财政局', kind: 'DEPARTMENT' },
  { id: 'BTQ', code: 'BTQ', name: '澜州市北塘区人民政府', kind: 'COUNTY_OR_DISTRICT' },
  { id: 'NPQ', code: 'NPQ', name: '澜州市南浦区人民政府', kind: 'COUNTY_OR_DISTRICT' },
]);

describe('a 大项 row naming the lead of its items (breaker10r P24)', () => {
  it('SL1: items without a lead are led by it, told once; an item with its own lead keeps it; the next 大项 without one does not inherit', async () => {
    const csv =
      '澜州市2026年大项牵头测试方案\n序号,工作任务,牵头单位,配合单位,完成时限\n' +
      '一、平台建设,,澜州市数据资源管理局,,\n' +
      '1,推进网站集约化,,各区县政府,2026年9月底前\n' +
      '2,规范政务新媒体,,澜州市政务公开办公室,2026年10月底前\n' +
      '3,推进预算公开,澜州市财政局,,2026年10月底前\n';
    const result = await importWorkPlan(csv, { format: 'csv', title: '大项牵头', year: 2026, lookupUnit: directory });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.plan.categories.map((category) => [category.title, category.items.map((item) => [item.code, item.leadUnits.map((unit) => unit.unitId)])])).toEqual([
      ['平台建设', [['一.1', ['SJZY']], ['一.2', ['SJZY']], ['一.3', ['CZJ']]].map(([code, lead]) => [expect.stringMatching(new RegExp(`${String(code).slice(-1)}$`)), lead])],
    ]);
    expect((result.notices ?? []).map((notice) => notice.reasonZh)).toEqual(expect.arrayContaining(['第 3 行的大项“平台建设”写有牵头单位“澜州市数据资源管理局”：其下未写牵头单位的事项由其牵头。']));
    expect((result.notices ?? []).map((notice) => notice.reasonZh).join('')).not.toMatch(/未导入（如需导入/u);
  });

  it('a 大项 row without a lead leaves its items’ empty lead refused as before', async () => {
    const csv = '序号,工作任务,牵头单位,配合单位,完成时限\n一、平台建设,,澜州市数据资源管理局,,\n1,推进网站集约化,,各区县政府,2026年9月底前\n二、政策解读,,,,\n2,推进解读,,澜州市财政局,2026年9月底前\n';
    const result = await importWorkPlan(csv, { format: 'csv', title: '大项牵头', year: 2026, lookupUnit: directory });
    expect(!result.ok && result.problems.map((problem) => [problem.row, problem.reasonZh])).toEqual([[5, expect.stringMatching(/缺少牵头单位/u)]]);
  });
});
