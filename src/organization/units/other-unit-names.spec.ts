import { otherNameNotice, renamedNameNotice, unitLookupFrom, unitNamesOf, unknownUnitProblem } from './unit-lookup.js';

// newcomer57-10 S1: 市大数据局 (the office's 简称) and 青川市环境保护局 (a 曾用名 from before the directory) read as their units.
const directory = [
  { id: 'sjj', code: 'SJJ', name: '青川市政务服务和大数据管理局', otherNames: [{ name: '市大数据局', kind: 'SHORT_NAME' as const }] },
  { id: 'sthjj', code: 'STHJJ', name: '青川市生态环境局', otherNames: [{ name: '青川市环境保护局', kind: 'EARLIER_NAME' as const }] },
  {
    id: 'wjw',
    code: 'WJW',
    name: '青川市卫生健康委员会',
    otherNames: [{ name: '青川市卫生和计划生育委员会', kind: 'EARLIER_NAME' as const }],
  },
  // A dated rename: its former name is read by the day, as before.
  { id: 'sjj2', code: 'SJ2', name: '青川市数据局', formerNames: ['青川市数据中心'], names: [{ name: '青川市数据中心', from: '2016-01-01' }, { name: '青川市数据局', from: '2026-04-01' }] },
];

describe('a unit’s recorded 简称 and 曾用名 in imports', () => {
  it('reads each exactly as its unit on any day, with a notice naming the unit', () => {
    for (const day of ['2016-01-01', '2026-12-08']) {
      const lookup = unitLookupFrom(directory, day);
      expect(unitNamesOf(lookup, '市大数据局')).toMatchObject({ ok: true, units: [{ unitId: 'sjj' }] });
      expect(unitNamesOf(lookup, '青川市环境保护局')).toMatchObject({ ok: true, units: [{ unitId: 'sthjj' }] });
    }
    const lookup = unitLookupFrom(directory, '2026-12-08');
    expect(otherNameNotice(lookup, '市大数据局')?.reasonZh).toBe('“市大数据局”是单位名录中登记的青川市政务服务和大数据管理局的简称，已按青川市政务服务和大数据管理局读取。');
    expect(otherNameNotice(lookup, '青川市环境保护局')?.reasonZh).toBe('“青川市环境保护局”是单位名录中登记的青川市生态环境局的曾用名，已按青川市生态环境局读取。');
  });

  it('reads a short form of a recorded 曾用名 by nearness (市卫计委)', () => {
    expect(unitNamesOf(unitLookupFrom(directory, '2026-12-08'), '市卫计委')).toMatchObject({ ok: true, units: [{ unitId: 'wjw' }] });
  });

  it('leaves a dated rename’s former name to the rename rules', () => {
    const lookup = unitLookupFrom(directory, '2026-12-08');
    expect(otherNameNotice(lookup, '青川市数据中心')).toBeNull();
    expect(renamedNameNotice(lookup, '青川市数据中心')?.reasonZh).toBe('“青川市数据中心”是青川市数据局 2026-04-01 更名前的名称，已按该单位读取。');
  });

  it('advises recording a 简称 or 曾用名 for a registered unit before registering a new one', () => {
    expect(unknownUnitProblem('市司法局', 'lead unit', '牵头单位').reasonZh).toMatch(/如是已登记单位的简称或曾用名，请为该单位登记（在“单位名录”页面点该单位的“简称\/曾用名”.*无须登记新单位；确是另一个单位的，才请先在单位名录中登记该单位。$/);
  });
});
