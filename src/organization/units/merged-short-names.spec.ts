import { importFindings } from '../../rectification/import-findings/findings-file.js';
import { importWorkPlan } from '../../work-plan/import/work-plan-import.js';
import { nearReadingNotice, unitLookupFrom } from './unit-lookup.js';

/*
 * newcomer28 S9: after a merge (机构改革), files still name the merged units as offices shorten them — 市工商局 for
 * 青川市工商行政管理局, 市食药监局, 市质监局 — and these were refused as unknown, the clerk told to register them again. Given a
 * unit merged into a successor, when a file names it by a short name, then it is read as the successor, with a notice naming
 * both; a short name two successors could take is asked about, and before the merge it is the unit itself.
 */

const directory = [
  { id: 'unit-gsj', code: 'GSJ', name: '青川市工商行政管理局', mergedIntoUnitId: 'unit-scj', mergedOn: '2026-05-01' },
  { id: 'unit-zjj', code: 'ZJJ', name: '青川市质量技术监督局', mergedIntoUnitId: 'unit-scj', mergedOn: '2026-05-01' },
  { id: 'unit-scj', code: 'SCJ', name: '青川市市场监督管理局' },
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
];
const NOTICE = '“市工商局”不是单位名录中的名称，是“青川市工商行政管理局”的简称；该单位已于 2026-05-01 并入青川市市场监督管理局，已按青川市市场监督管理局读取，由其承担任务。';

describe('a short name of a unit merged away', () => {
  it.each([
    ['市工商局', 'unit-scj'],
    ['工商行政管理局', 'unit-scj'],
    ['市工商行政管理局', 'unit-scj'],
    ['市质监局', 'unit-scj'],
  ])('%p reads as the successor after the merge', (name, unitId) => {
    const named = unitLookupFrom(directory, '2026-06-01').resolveNames!(name);
    expect(named).toMatchObject({ ok: true, units: [{ name, unitId }], mergedFrom: { successorName: '青川市市场监督管理局', mergedOn: '2026-05-01' } });
  });

  it('is the unit itself before the merge, and says the merge after it', () => {
    expect(unitLookupFrom(directory, '2026-04-01').resolveNames!('市工商局')).toMatchObject({ ok: true, units: [{ unitId: 'unit-gsj' }] });
    expect(nearReadingNotice('市工商局', unitLookupFrom(directory, '2026-06-01').resolveNames!('市工商局'))?.reasonZh).toBe(NOTICE);
  });

  it('is refused naming both successors when units merged into two could be meant', () => {
    const split = [...directory, { id: 'unit-gsj2', code: 'GSJ2', name: '青川县工商行政管理局', mergedIntoUnitId: 'unit-xscj', mergedOn: '2026-05-01' }, { id: 'unit-xscj', code: 'XSCJ', name: '青川县市场监督管理局' }];
    expect(unitLookupFrom(split, '2026-06-01').resolveNames!('工商行政管理局')).toMatchObject({ ok: false, reasonZh: expect.stringContaining('可能指') });
  });

  it('imports a 台账 and a plan naming 市工商局 after the merge, as the successor\'s work, told', async () => {
    const lookupUnit = unitLookupFrom(directory, '2026-06-01');
    const ledger = await importFindings(Buffer.from('问题,牵头单位,配合单位,整改时限\n经营主体信息公开不全,市工商局,青川市财政局,2026-09-30\n', 'utf8'), { format: 'csv', lookupUnit, year: 2026, identifiedOn: '2026-06-01', today: '2026-06-01' });
    expect(ledger.ok && ledger.findings[0]!.parts.map((part) => [part.unit.unitId, part.role])).toEqual([['unit-scj', 'LEAD'], ['unit-czj', 'RESPONSIBLE']]);
    expect(ledger.ok && ledger.notices).toEqual(expect.arrayContaining([expect.objectContaining({ row: 2, reasonZh: NOTICE })]));
    const plan = await importWorkPlan('类别,编号,事项,牵头单位,完成时限\n市场,1,公开抽查结果,市工商局,2026-12-31\n', { format: 'csv', title: '合并后简称', year: 2026, lookupUnit, today: '2026-06-01' });
    expect(plan.ok && plan.plan.categories[0]!.items[0]!.leadUnits.map((unit) => unit.unitId)).toEqual(['unit-scj']);
    expect(plan.ok && plan.notices).toEqual(expect.arrayContaining([expect.objectContaining({ reasonZh: NOTICE })]));
  });
});
