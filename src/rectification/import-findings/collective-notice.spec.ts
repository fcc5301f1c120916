import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importFindings } from './findings-file.js';

/*
 * breaker43-10 F8: a 台账 naming 各区县政府 gave each county a part without a word, where a plan says 「“各区县政府”即 N 个单位：…」.
 */
describe('a collective name in a findings file', () => {
  const lookupUnit = unitLookupFrom([
    { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局', kind: 'DEPARTMENT', parentUnitId: null },
    { id: 'unit-donghu', code: 'DONGHU', name: '青川市东湖区人民政府', kind: 'COUNTY_OR_DISTRICT', parentUnitId: null },
    { id: 'unit-xishan', code: 'XISHAN', name: '西山县人民政府', kind: 'COUNTY_OR_DISTRICT', parentUnitId: null },
  ]);
  const told = '“各区县政府”即 2 个单位：青川市东湖区人民政府、西山县人民政府。';

  it('is told by its units in a 台账 and in a list of findings', async () => {
    const ledger = await importFindings('问题,牵头单位,责任单位,整改时限\n门户网站存在错链,青川市教育局,各区县政府,2026-06-30\n', { format: 'csv', lookupUnit, today: '2026-03-10', year: 2026 });
    expect(ledger.ok && [ledger.findings[0]!.parts?.map((part) => part.unit.unitId), (ledger.notices ?? []).map((notice) => [notice.row, notice.reasonZh]).filter(([, zh]) => String(zh).includes('即'))]).toEqual([
      ['unit-jyj', 'unit-donghu', 'unit-xishan'],
      [[2, told]],
    ]);
    const list = await importFindings('问题,具体表现,类别,严重程度,涉及单位\n门户网站存在错链,3处链接失效,网站建设,一般,各区县政府\n', { format: 'csv', lookupUnit, today: '2026-03-10' });
    expect(list.ok ? (list.notices ?? []).map((notice) => [notice.row, notice.reasonZh]).filter(([, zh]) => String(zh).includes('即')) : list.problems).toEqual([[2, told]]);
  });

  it('names the units registered after the assignment day it leaves out, with their day (breaker43-10 F4)', async () => {
    const asOfMarch = unitLookupFrom(
      [
        { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局', kind: 'DEPARTMENT', parentUnitId: null, registeredOn: '2026-01-05' },
        { id: 'unit-donghu', code: 'DONGHU', name: '青川市东湖区人民政府', kind: 'COUNTY_OR_DISTRICT', parentUnitId: null, registeredOn: '2026-01-05' },
        { id: 'unit-xinqu', code: 'XINQU', name: '青川市新区人民政府', kind: 'COUNTY_OR_DISTRICT', parentUnitId: null, registeredOn: '2026-04-01' },
      ],
      '2026-03-10',
    );
    const ledger = await importFindings('问题,牵头单位,责任单位,整改时限\n门户网站存在错链,青川市教育局,各区县政府,2026-06-30\n', { format: 'csv', lookupUnit: asOfMarch, today: '2026-03-10', year: 2026 });
    expect(ledger.ok && [ledger.findings[0]!.parts?.map((part) => part.unit.unitId), (ledger.notices ?? []).map((notice) => notice.reasonZh).filter((zh) => zh.includes('即'))]).toEqual([
      ['unit-jyj', 'unit-donghu'],
      ['“各区县政府”即 1 个单位：青川市东湖区人民政府。交办日期 2026-03-10 之后登记的青川市新区人民政府（2026-04-01 登记）不在其中。'],
    ]);
  });
});
