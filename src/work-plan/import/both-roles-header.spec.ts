import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importFindings } from '../../rectification/import-findings/findings-file.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * breaker10r P3 (moderate): a header 「牵头（配合）单位」 was read as 牵头单位 — every unit in it a joint lead, no notice; 「牵头单位/配合单位」,
 * 「牵头单位及配合单位」, 「主办/协办单位」, 「牵头单位、配合单位」 were refused 「缺少“牵头单位”列」 (H/H01–H06). A header naming both roles is read
 * as 责任单位（牵头/配合） is: the first unit named leads, the others take part.
 */
const directory = unitLookupFrom([
  { id: 'CZJ', code: 'CZJ', name: '澜州市财政局' },
  { id: 'JYJ', code: 'JYJ', name: '澜州市教育局' },
  { id: 'MZJ', code: 'MZJ', name: '澜州市民政局' },
  { id: 'SJJ', code: 'SJJ', name: '澜州市市场监督管理局' },
]);

describe('a header naming both roles (breaker10r P3)', () => {
  it.each(['牵头（配合）单位', '牵头(配合)单位', '牵头单位/配合单位', '牵头单位及配合单位', '主办/协办单位', '牵头单位、配合单位', '牵头/配合单位', '责任单位（牵头/配合）'])(
    '%s: the first unit leads, the others take part',
    async (header) => {
      const csv = `序号,工作任务,${header},完成时限\n1,任务甲,澜州市财政局/澜州市教育局,2026年6月底前\n2,任务乙,"澜州市民政局、澜州市市场监督管理局",2026年9月底前\n`;
      const result = await importWorkPlan(csv, { format: 'csv', title: '双角色表头', year: 2026, lookupUnit: directory });
      if (!result.ok) throw new Error(JSON.stringify(result.problems));
      expect(result.plan.categories[0]!.items.map((item) => [item.leadUnits.map((unit) => unit.unitId), item.responsibleUnits.map((unit) => unit.unitId)])).toEqual([
        [['CZJ'], ['JYJ']],
        [['MZJ'], ['SJJ']],
      ]);
    },
  );

  it('in a 台账 too', async () => {
    const result = await importFindings('问题,牵头（配合）单位,整改时限\n门户网站存在错链,"澜州市财政局、澜州市教育局",2026年12月31日\n', { format: 'csv', lookupUnit: directory, today: '2026-01-23', year: 2026 });
    expect(result.ok && result.findings[0]!.parts.map((part) => `${part.unit.unitId}:${part.role}`)).toEqual(['CZJ:LEAD', 'JYJ:RESPONSIBLE']);
  });

  it('牵头单位 and 配合单位 alone read as before', async () => {
    const csv = '序号,工作任务,牵头单位,配合单位,完成时限\n1,任务甲,"澜州市财政局、澜州市教育局",澜州市民政局,2026年6月底前\n';
    const result = await importWorkPlan(csv, { format: 'csv', title: '双角色表头', year: 2026, lookupUnit: directory });
    expect(result.ok && result.plan.categories[0]!.items[0]!.leadUnits.map((unit) => unit.unitId)).toEqual(['CZJ', 'JYJ']);
  });
});
