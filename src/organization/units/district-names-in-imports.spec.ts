import { unitLookupFrom } from './unit-lookup.js';
import { importFindings } from '../../rectification/import-findings/findings-file.js';
import { importWorkPlan } from '../../work-plan/import/work-plan-import.js';

/*
 * newcomer31 S1 (moderate): a plan whose 配合单位 reads 「东湖区、西山县」 or 「东湖区政府、西山县政府」 — the district and county
 * as offices write them — was refused 「责任单位“东湖区”不在单位名录中…请…先在单位名录中登记该单位」 (a second 东湖区 unit), while
 * 西山县政府 alone was read. Every such form is read as the registered government and told; another body of the district
 * (东湖区委) is refused naming the district's registered units.
 */
const lookupUnit = unitLookupFrom([
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局', kind: 'DEPARTMENT', parentUnitId: null },
  { id: 'unit-donghu', code: 'DONGHU', name: '青川市东湖区人民政府', kind: 'COUNTY_OR_DISTRICT', parentUnitId: null },
  { id: 'unit-xishan', code: 'XISHAN', name: '西山县人民政府', kind: 'COUNTY_OR_DISTRICT', parentUnitId: null },
]);

describe('a plan naming districts and counties as offices write them', () => {
  it.each(['东湖区、西山县', '东湖区政府、西山县政府', '青川市东湖区、西山县人民政府', '东湖区人民政府、青川市西山县'])('reads 配合单位 「%s」 as both governments, telling how each was read', async (cell) => {
    const csv = `序号,工作任务,牵头单位,配合单位,完成时限\n1,任务甲,青川市财政局,${cell},2026年9月底前\n`;
    const result = await importWorkPlan(csv, { format: 'csv', title: '测试S1', year: 2026, lookupUnit });
    expect(result.ok ? result.plan.categories[0]!.items.map((item) => item.responsibleUnits.map((unit) => unit.unitId)) : result.problems).toEqual([['unit-donghu', 'unit-xishan']]);
    const told = (result.ok && result.notices?.map((notice) => notice.reasonZh)) || [];
    // A full name without the city before it (东湖区人民政府) is a short name, read silently as 市财政局 is.
    for (const name of cell.split('、').filter((name) => !name.endsWith('人民政府'))) {
      expect(told).toContainEqual(expect.stringContaining(`“${name}”不是单位名录中的名称`));
    }
  });

  it('refuses 东湖区委 naming the registered unit of 东湖区, never the bare advice to register it', async () => {
    const csv = '序号,工作任务,牵头单位,配合单位,完成时限\n1,任务甲,青川市财政局,东湖区委,2026年9月底前\n';
    const result = await importWorkPlan(csv, { format: 'csv', title: '测试S1', year: 2026, lookupUnit });
    expect(result.ok ? result : result.problems.map((problem) => [problem.row, problem.reasonZh])).toEqual([
      [
        2,
        '责任单位“东湖区委”不在单位名录中：既不是单位的正式名称，也不是单位编码。名录中相近的单位：青川市东湖区人民政府（编码 DONGHU）。如指其中之一，请写该单位的全称或编码；如是该单位的简称或曾用名，请为该单位登记（在“单位名录”页面点该单位的“简称/曾用名”，或在单位名录导入文件的“简称”“曾用名”列中填写）后再导入，无须登记新单位；确是另一个单位的，才请先在单位名录中登记该单位。',
      ],
    ]);
  });
});

describe('a 台账 naming a district as offices write it', () => {
  it('reads 责任单位 「东湖区政府」 as 青川市东湖区人民政府', async () => {
    const csv = '问题,具体表现,责任单位,整改时限\n门户网站存在错链,3处链接失效,东湖区政府,2026年9月底前\n';
    const result = await importFindings(csv, { format: 'csv', lookupUnit, today: '2026-06-20', year: 2026, identifiedOn: '2026-06-20' });
    expect(result.ok ? result.findings.map((finding) => finding.parts.map((part) => part.unit.unitId)) : result.problems).toEqual([['unit-donghu']]);
  });
});
