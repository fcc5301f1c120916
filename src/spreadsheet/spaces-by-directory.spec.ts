import { importUnits } from '../organization/import-units/units-file.js';
import { nameToRegister, unitLookupFrom, unitNamesOf } from '../organization/units/unit-lookup.js';
import { importFindings } from '../rectification/import-findings/findings-file.js';
import { importWorkPlan } from '../work-plan/import/work-plan-import.js';
import { namesInCell, unitSpacesReadByDirectory } from './cells.js';
import { recordsWithUnitSpacesRead } from './records.js';

/*
 * breaker54-10 S2, S3, M1: the space rule (`namesAtSpaces`) went by the look — both pieces whole names beginning with a place — so
 * 「A01 A02（牵头）」 (codes), 「青川市甲务局 乙务局（牵头）」 (a short name), a no-break space U+00A0 beside a space, and
 * 「青川市教育局 招生考试办公室 青川市乙务局（牵头）」 (a section of the unit before it, then another unit) made every unit lead, the notice
 * saying only 「按 N 个单位读取」; a no-break space alone, or two full names run together, were refused 「可能指…无法确定，请写全称」.
 * The directory decides now: a space separates where the pieces on both sides each name a known unit and the whole does not.
 */
const units = [
  { id: 'unit-a', code: 'A01', name: '青川市甲务局' },
  { id: 'unit-b', code: 'A02', name: '青川市乙务局' },
  { id: 'unit-c', code: 'A03', name: '青川市丙务局', formerNames: ['青川市老丙局'] },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
  { id: 'unit-zkb', code: 'B02', name: '青川市教育局招生考试办公室', parentUnitId: 'unit-jyj' },
  { id: 'unit-rsj', code: 'RSJ', name: '青川市人社局' },
  { id: 'unit-rsb', code: 'B03', name: '青川市人社局综合办公室', parentUnitId: 'unit-rsj' },
];
const lookupUnit = unitLookupFrom(units);
const namesOneUnit = lookupUnit.namesOneUnit!;
const encode = (text: string) => new TextEncoder().encode(text);

describe('a name the directory knows as one unit (`UnitLookup.namesOneUnit`)', () => {
  it.each([
    ['青川市甲务局', true],
    ['A02', true],
    ['a02', true],
    ['青川市老丙局', true],
    ['乙务局', true],
    ['市乙务局', true],
    ['青川市教育局招生考试办公室', true],
    // A section's name without its unit (招生考试办公室: 青川市教育局's, not a place's) is no unit on its own.
    ['招生考试办公室', false],
    ['综合办公室', false],
    ['务局', false],
    ['青川市甲务局青川市乙务局', false],
    ['1', false],
  ])('%s → %s', (name, known) => {
    expect(namesOneUnit(name)).toBe(known);
  });
});

describe('a space between names the directory knows separates them as 、 (breaker54-10 S2, S3)', () => {
  it.each([
    ['A01 A02（牵头）', 'A01、A02（牵头）'],
    ['A01 青川市乙务局（牵头）', 'A01、青川市乙务局（牵头）'],
    ['青川市甲务局 乙务局（牵头）', '青川市甲务局、乙务局（牵头）'],
    ['甲务局 青川市乙务局（牵头）', '甲务局、青川市乙务局（牵头）'],
    ['青川市甲务局\u00a0 青川市乙务局（牵头）', '青川市甲务局、青川市乙务局（牵头）'],
    ['青川市甲务局 \u00a0青川市乙务局（牵头）', '青川市甲务局、青川市乙务局（牵头）'],
    ['青川市甲务局（配合） A02', '青川市甲务局（配合）、A02'],
    ['青川市教育局 招生考试办公室 青川市乙务局（牵头）', '青川市教育局 招生考试办公室、青川市乙务局（牵头）'],
    ['青川市乙务局 青川市教育局 招生考试办公室（牵头）', '青川市乙务局、青川市教育局 招生考试办公室（牵头）'],
    ['牵头单位：青川市甲务局 乙务局；配合单位：A03', '牵头单位：青川市甲务局、乙务局；配合单位：A03'],
  ])('%s → %s', (cell, read) => {
    expect(unitSpacesReadByDirectory(cell, namesOneUnit)).toBe(read);
  });

  it.each([
    // One unit's name written with a space, a section typed after its unit, a person after a unit, a mark after a space: as written.
    '青川市教育局 招生考试办公室（牵头）',
    '青川市 教育局',
    '青川市人社局 招生考试办公室',
    '青川市甲务局 王五',
    '青川市甲务局 （牵头）',
    '青川市甲务局、青川市乙务局',
    // Spaces inside a bracket are the bracket's.
    '青川市甲务局（含A02 A03）',
  ])('leaves %s as written', (cell) => {
    expect(unitSpacesReadByDirectory(cell, namesOneUnit)).toBeNull();
  });

  it('reads a no-break space alone between whole names as a space, without the directory too (breaker54-10 M1)', () => {
    expect(namesInCell('青川市甲务局\u00a0青川市乙务局')).toEqual(['青川市甲务局', '青川市乙务局']);
    expect(namesInCell('青川市甲务局\u2002青川市乙务局')).toEqual(['青川市甲务局', '青川市乙务局']);
  });
});

describe('the lookup reads a name with spaces by the same rule (breaker54-10 S3)', () => {
  it('never reads a section without its unit as another bureau\'s section', () => {
    const named = unitNamesOf(lookupUnit, '青川市人社局 招生考试办公室');
    expect(named.ok && named.units.map((unit) => unit.unitId)).not.toEqual(['unit-rsj', 'unit-zkb']);
    expect(unitNamesOf(lookupUnit, 'A01 乙务局')).toMatchObject({ ok: true, units: [{ unitId: 'unit-a' }, { unitId: 'unit-b' }] });
  });
});

describe('two full names run together (breaker54-10 M1)', () => {
  it('asks for 、 between them, not for full names the clerk already wrote', () => {
    const named = unitNamesOf(lookupUnit, '青川市甲务局青川市乙务局');
    expect(named.ok).toBe(false);
    expect(!named.ok && named.reasonZh).toBe('“青川市甲务局青川市乙务局”连写了 2 个单位的名称（青川市甲务局、青川市乙务局）：如是 2 个单位，请用“、”分隔');
  });
});

describe('plans, 台账 and the units import read the space by the directory (breaker54-10 S2, S3)', () => {
  it('gives a plan item the lead only to the marked unit, told who leads and who is responsible', async () => {
    const csv =
      '类别编号,类别,编号,事项,责任单位,完成时限\n' +
      '一,甲类,1,空格事项一,A01 A02（牵头）,2026-06-30\n' +
      '一,甲类,2,空格事项二,青川市教育局 招生考试办公室 青川市乙务局（牵头）,2026-06-30\n' +
      '一,甲类,3,空格事项三,青川市甲务局\u00a0 乙务局（牵头）,2026-06-30\n';
    const result = await importWorkPlan(csv, { format: 'csv', lookupUnit, title: '青川市2026年空格方案', year: 2026 });
    if (!result.ok) throw new Error(JSON.stringify(result.problems.map((problem) => problem.reasonZh)));
    const items = result.plan.categories.flatMap((category) => category.items);
    expect(items.map((item) => [item.leadUnits.map((unit) => unit.unitId), item.responsibleUnits.map((unit) => unit.unitId)])).toEqual([
      [['unit-b'], ['unit-a']],
      [['unit-b'], ['unit-zkb']],
      [['unit-b'], ['unit-a']],
    ]);
    expect(result.notices?.filter((notice) => notice.reasonZh.includes('读作：')).map((notice) => [notice.row, notice.reasonZh])).toEqual([
      [2, '“A01 A02（牵头）”读作：A02牵头，A01为责任单位（单位名称之间的空格按“、”读取，标注只属于紧挨其前的单位）。如分工不是这样，请改写该格（“A与B（牵头）”表示两者均牵头，“A、B（牵头）”表示仅 B 牵头）后重新导入。'],
      [3, expect.stringContaining('读作：青川市乙务局牵头，青川市教育局 招生考试办公室为责任单位（单位名称之间的空格按“、”读取')],
      [4, expect.stringContaining('读作：乙务局牵头，青川市甲务局为责任单位')],
    ]);
    expect(result.notices?.map((notice) => notice.reasonZh).filter((words) => words.includes('个单位读取'))).toEqual([]);
  });

  it('gives a 台账 row the lead only to the marked unit', async () => {
    const csv =
      '问题,具体表现,责任单位,整改时限,整改措施\n' +
      '问题甲,表现甲,A01 A02（牵头）,2026-12-30,措施甲\n' +
      '问题乙,表现乙,青川市丙务局 青川市教育局 招生考试办公室（牵头）,2026-12-30,措施乙\n';
    const result = await importFindings(encode(csv), { format: 'csv', lookupUnit, today: '2026-10-01', year: 2026 });
    if (!result.ok) throw new Error(JSON.stringify(result.problems.map((problem) => problem.reasonZh)));
    expect(result.findings.map((finding) => finding.parts.map((part) => `${part.unit.name}:${part.role}`).sort())).toEqual([
      ['A01:RESPONSIBLE', 'A02:LEAD'],
      ['青川市丙务局:RESPONSIBLE', '青川市教育局 招生考试办公室:LEAD'],
    ]);
    expect(result.notices?.filter((notice) => notice.reasonZh.includes('读作：')).map((notice) => notice.row)).toEqual([2, 3]);
  });

  it('refuses a units-import name the directory reads as two units, and keeps a section typed with a space one name', async () => {
    expect(nameToRegister('青川市甲务局 乙务局', namesOneUnit)).toMatchObject({ ok: false, reasonZh: expect.stringContaining('写了 2 个单位（青川市甲务局、乙务局）') });
    const result = await importUnits(encode('编码,名称,类型\nC01,A01 A02,部门\nC02,青川市人社局 招生考试办公室,其他\n'), { format: 'csv', lookupUnit, directory: units });
    expect(result.ok ? result.units.map((unit) => unit.name) : result.problems.map((problem) => [problem.row, problem.reasonZh])).toEqual([[2, expect.stringContaining('写了 2 个单位（A01、A02）')]]);
  });
});

describe('the records of a large file (breaker54-10 S1\'s kind)', () => {
  it('are read by the directory in slices, other work answered between them', async () => {
    const slowly = (name: string) => {
      const until = performance.now() + 0.1;
      while (performance.now() < until);
      return namesOneUnit(name);
    };
    const records = Array.from({ length: 100 }, (_, index) => ({ row: index + 2, cells: { units: 'A01 A02（牵头）' } }));
    let answered = false;
    setImmediate(() => (answered = true));
    const read = await recordsWithUnitSpacesRead(records, ['units'], slowly);
    expect(answered).toBe(true);
    expect(read[99]).toEqual({ row: 101, cells: { units: 'A01、A02（牵头）' }, spacedUnits: { units: 'A01 A02（牵头）' } });
  });
});
