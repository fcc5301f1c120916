import fc from 'fast-check';
import { unitLookupFrom } from '../organization/units/unit-lookup.js';
import { importFindings } from '../rectification/import-findings/findings-file.js';
import { importWorkPlan } from '../work-plan/import/work-plan-import.js';

/*
 * breaker43-10 F8: 各区县政府 written as 牵头单位 was refused (plan 「须写具体单位」, 台账 「只能是一个单位」) while the same counties named
 * one by one were read as joint leads (联合牵头), and a lead written per level (区县：各区县政府) was read so too. Decided: real 分工方案
 * write 各县（市、区）政府 as the lead of the work each county does on its own ground, so a collective lead is its units leading
 * jointly, told with the units it stands for — in a plan and in a 台账 alike.
 */
describe('a collective name written as 牵头单位', () => {
  const lookupUnit = unitLookupFrom([
    { id: 'unit-czj', code: 'CZJ', name: '青川市财政局', kind: 'DEPARTMENT', parentUnitId: null },
    { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局', kind: 'DEPARTMENT', parentUnitId: null },
    { id: 'unit-donghu', code: 'DONGHU', name: '青川市东湖区人民政府', kind: 'COUNTY_OR_DISTRICT', parentUnitId: null },
    { id: 'unit-xishan', code: 'XISHAN', name: '西山县人民政府', kind: 'COUNTY_OR_DISTRICT', parentUnitId: null },
  ]);
  const counties = ['unit-donghu', 'unit-xishan'];
  /** What a lead cell may hold: a collective name, a county or department by name. */
  const NAMES: Record<string, readonly string[]> = {
    各区县政府: counties,
    市直各部门: ['unit-czj', 'unit-jyj'],
    西山县人民政府: ['unit-xishan'],
    青川市财政局: ['unit-czj'],
  };
  const planLeads = async (cell: string, others = '') => {
    const result = await importWorkPlan(`类别,编号,事项,牵头单位,配合单位,完成时限\n稳增长,1,预算公开,"${cell}",${others},2026-12-31\n`, { format: 'csv', title: 'T', lookupUnit });
    if (!result.ok) return { problems: result.problems.map((problem) => problem.reasonZh) };
    const item = result.plan.categories[0]!.items[0]!;
    return { leads: item.leadUnits.map((unit) => unit.unitId).sort(), others: item.responsibleUnits.map((unit) => unit.unitId).sort() };
  };
  const ledgerLeads = async (cell: string, others = '') => {
    const result = await importFindings(`问题,牵头单位,配合单位,整改时限\n门户网站存在错链,"${cell}",${others},2026-06-30\n`, { format: 'csv', lookupUnit, today: '2026-03-10', year: 2026 });
    if (!result.ok) return { problems: result.problems.map((problem) => problem.reasonZh) };
    const parts = result.findings[0]!.parts ?? [];
    return {
      leads: parts.filter((part) => part.role === 'LEAD').map((part) => part.unit.unitId).sort(),
      others: parts.filter((part) => part.role !== 'LEAD').map((part) => part.unit.unitId).sort(),
    };
  };

  it('leads as its units, in a plan and in a 台账, whatever else the cell names beside it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.constantFrom(...Object.keys(NAMES)), { minLength: 1, maxLength: 3 }), fc.constantFrom('、', '，', '；'), async (names, separator) => {
        fc.pre(names.some((name) => name.startsWith('各') || name.startsWith('市直')));
        const expected = { leads: [...new Set(names.flatMap((name) => NAMES[name]!))].sort(), others: [] };
        const cell = names.join(separator);
        expect(await planLeads(cell)).toEqual(expected);
        expect(await ledgerLeads(cell)).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });

  it('is told by its units, as leading, in both', async () => {
    const told = '“各区县政府”即 2 个单位：青川市东湖区人民政府、西山县人民政府，均为牵头单位（联合牵头）。';
    const plan = await importWorkPlan('类别,编号,事项,牵头单位,配合单位,完成时限\n稳增长,1,预算公开,各区县政府,青川市财政局,2026-12-31\n', { format: 'csv', title: 'T', lookupUnit });
    expect(plan.ok && plan.notices?.map((notice) => [notice.row, notice.reasonZh])).toEqual([[2, told]]);
    const ledger = await importFindings('问题,牵头单位,配合单位,整改时限\n门户网站存在错链,各区县政府,青川市财政局,2026-06-30\n', { format: 'csv', lookupUnit, today: '2026-03-10', year: 2026 });
    expect(ledger.ok && (ledger.notices ?? []).filter((notice) => notice.reasonZh.includes('即')).map((notice) => [notice.row, notice.reasonZh])).toEqual([[2, told]]);
  });

  it('names the units registered after the assignment day it leaves out, as lead and as other unit, in both (breaker43-10 F4)', async () => {
    const asOfMarch = unitLookupFrom(
      [
        { id: 'unit-czj', code: 'CZJ', name: '青川市财政局', kind: 'DEPARTMENT', parentUnitId: null, registeredOn: '2026-01-05' },
        { id: 'unit-nyj', code: 'NYJ', name: '青川市农业农村局', kind: 'DEPARTMENT', parentUnitId: null, registeredOn: '2026-04-01' },
        { id: 'unit-donghu', code: 'DONGHU', name: '青川市东湖区人民政府', kind: 'COUNTY_OR_DISTRICT', parentUnitId: null, registeredOn: '2026-01-05' },
        { id: 'unit-xishan', code: 'XISHAN', name: '西山县人民政府', kind: 'COUNTY_OR_DISTRICT', parentUnitId: null, registeredOn: '2026-01-05' },
        { id: 'unit-xinqu', code: 'XINQU', name: '青川市新区人民政府', kind: 'COUNTY_OR_DISTRICT', parentUnitId: null, registeredOn: '2026-04-01' },
      ],
      '2026-03-10',
    );
    const told = [
      '“各区县政府”即 2 个单位：青川市东湖区人民政府、西山县人民政府，均为牵头单位（联合牵头）。交办日期 2026-03-10 之后登记的青川市新区人民政府（2026-04-01 登记）不在其中。',
      '“市直各部门”即 1 个单位：青川市财政局。交办日期 2026-03-10 之后登记的青川市农业农村局（2026-04-01 登记）不在其中。',
    ];
    const plan = await importWorkPlan('类别,编号,事项,牵头单位,配合单位,完成时限\n稳增长,1,预算公开,各区县政府,市直各部门,2026-12-31\n', { format: 'csv', title: 'T', lookupUnit: asOfMarch });
    expect(plan.ok ? plan.notices?.map((notice) => notice.reasonZh).filter((zh) => zh.includes('即')) : plan.problems).toEqual(told);
    const ledger = await importFindings('问题,牵头单位,配合单位,整改时限\n门户网站存在错链,各区县政府,市直各部门,2026-06-30\n', { format: 'csv', lookupUnit: asOfMarch, today: '2026-03-10', year: 2026 });
    expect(ledger.ok ? (ledger.notices ?? []).map((notice) => notice.reasonZh).filter((zh) => zh.includes('即')) : ledger.problems).toEqual(told);
  });

  it('keeps its units off the other units', async () => {
    expect(await planLeads('各区县政府', '西山县人民政府、青川市财政局')).toEqual({ leads: counties, others: ['unit-czj'] });
    expect(await ledgerLeads('各区县政府', '西山县人民政府、青川市财政局')).toEqual({ leads: counties, others: ['unit-czj'] });
    // Among the other units, a county named before or after 各区县政府 is one of its units, in both.
    for (const others of ['"西山县人民政府、各区县政府"', '"各区县政府、西山县人民政府"']) {
      expect(await planLeads('青川市财政局', others)).toEqual({ leads: ['unit-czj'], others: counties });
      expect(await ledgerLeads('青川市财政局', others)).toEqual({ leads: ['unit-czj'], others: counties });
    }
  });

  it('leads when it is the first unit of a one-column 责任单位 (no 牵头单位 column), in both', async () => {
    const plan = await importWorkPlan('类别,编号,事项,责任单位,完成时限\n稳增长,1,预算公开,"各区县政府、青川市财政局",2026-12-31\n', { format: 'csv', title: 'T', lookupUnit });
    expect(plan.ok ? [plan.plan.categories[0]!.items[0]!.leadUnits.map((unit) => unit.unitId), plan.plan.categories[0]!.items[0]!.responsibleUnits.map((unit) => unit.unitId)] : plan.problems).toEqual([
      counties,
      ['unit-czj'],
    ]);
    const ledger = await importFindings('问题,责任单位,整改时限\n门户网站存在错链,"各区县政府、青川市财政局",2026-06-30\n', { format: 'csv', lookupUnit, today: '2026-03-10', year: 2026 });
    expect(ledger.ok ? (ledger.findings[0]!.parts ?? []).map((part) => [part.unit.unitId, part.role]) : ledger.problems).toEqual([
      ['unit-donghu', 'LEAD'],
      ['unit-xishan', 'LEAD'],
      ['unit-czj', 'RESPONSIBLE'],
    ]);
  });
});
