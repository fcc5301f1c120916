import { unitLookupFrom } from './unit-lookup.js';

describe('unit lookup over a directory', () => {
  const lookup = unitLookupFrom([
    { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
    { id: 'unit-xishan', code: 'XISHAN', name: '西山县人民政府' },
  ]);

  it('finds a unit by its exact official name or by its code in any case', () => {
    expect(lookup('青川市财政局')).toBe('unit-czj');
    expect(lookup('CZJ')).toBe('unit-czj');
    expect(lookup('xishan')).toBe('unit-xishan');
  });

  it('does not guess from a partial name', () => {
    expect(lookup('市财政局')).toBeUndefined();
    expect(lookup('财政局')).toBeUndefined();
  });
});

describe('units as offices name them (issue 10)', () => {
  const lookup = unitLookupFrom([
    { id: 'unit-czj', code: 'CZJ', name: '青川市财政局', kind: 'DEPARTMENT', parentUnitId: null },
    { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局', kind: 'DEPARTMENT', parentUnitId: null },
    { id: 'unit-dh-jyj', code: 'DH-JYJ', name: '东湖区教育局', kind: 'OTHER', parentUnitId: 'unit-donghu' },
    { id: 'unit-donghu', code: 'DONGHU', name: '青川市东湖区人民政府', kind: 'COUNTY_OR_DISTRICT', parentUnitId: null },
    { id: 'unit-xishan', code: 'XISHAN', name: '西山县人民政府', kind: 'COUNTY_OR_DISTRICT', parentUnitId: null },
    { id: 'unit-office', code: 'BGS', name: '综合科', kind: 'OTHER', parentUnitId: 'unit-czj' },
    { id: 'unit-audit', code: 'SJK', name: '审计科', kind: 'OTHER', parentUnitId: 'unit-czj' },
  ]);
  const ids = (name: string) => {
    const named = lookup.resolveNames!(name);
    return named.ok ? named.units.map((unit) => unit.unitId) : named.reason;
  };

  it.each([
    ['各区县政府', ['unit-donghu', 'unit-xishan']],
    ['各县市区', ['unit-donghu', 'unit-xishan']],
    ['市直各部门', ['unit-czj', 'unit-jyj']],
    ['各科室', ['unit-office', 'unit-audit']],
  ])('%s expands to the units of that kind or parent', (name, expected) => {
    expect(ids(name)).toEqual(expected);
  });

  it('resolves a short name to the one unit whose name ends with it', () => {
    expect(ids('市财政局')).toEqual(['unit-czj']);
    expect(ids('西山县人民政府')).toEqual(['unit-xishan']);
  });

  it('refuses an ambiguous short name, naming the candidates', () => {
    expect(ids('教育局')).toBe('"教育局" is ambiguous: it could be 青川市教育局, 东湖区教育局; write the full name');
  });
});

describe('names as of the day a file’s work was given (a unit merged later is still itself then)', () => {
  const directory = [
    { id: 'unit-hbj', code: 'HBJ', name: '青川市环境保护局', kind: 'DEPARTMENT', parentUnitId: null, mergedIntoUnitId: 'unit-sthjj', mergedOn: '2016-07-01' },
    { id: 'unit-sthjj', code: 'STHJJ', name: '青川市生态环境局', kind: 'DEPARTMENT', parentUnitId: null },
    { id: 'unit-czj', code: 'CZJ', name: '青川市财政局', kind: 'DEPARTMENT', parentUnitId: null },
  ];
  const ids = (lookup: ReturnType<typeof unitLookupFrom>, name: string) => {
    const named = lookup.resolveNames!(name);
    return named.ok ? named.units.map((unit) => unit.unitId) : named.reason;
  };

  it('resolves the merged unit’s name to itself on a day before its merge, to its successor from the merge day', () => {
    expect(unitLookupFrom(directory, '2016-04-26')('青川市环境保护局')).toBe('unit-hbj');
    expect(unitLookupFrom(directory, '2016-07-01')('青川市环境保护局')).toBe('unit-sthjj');
    expect(unitLookupFrom(directory)('青川市环境保护局')).toBe('unit-sthjj');
    expect(unitLookupFrom(directory).on!('2016-06-30')('青川市环境保护局')).toBe('unit-hbj');
  });

  it('counts the unit among collective names and short names only while it stands', () => {
    expect(ids(unitLookupFrom(directory, '2016-04-26'), '市直各部门')).toEqual(['unit-hbj', 'unit-sthjj', 'unit-czj']);
    expect(ids(unitLookupFrom(directory, '2016-07-01'), '市直各部门')).toEqual(['unit-sthjj', 'unit-czj']);
    expect(ids(unitLookupFrom(directory, '2016-04-26'), '市环境保护局')).toEqual(['unit-hbj']);
  });
});
