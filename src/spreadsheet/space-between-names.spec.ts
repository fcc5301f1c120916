import { importUnits } from '../organization/import-units/units-file.js';
import { unitLookupFrom } from '../organization/units/unit-lookup.js';
import { importFindings } from '../rectification/import-findings/findings-file.js';
import { importWorkPlan } from '../work-plan/import/work-plan-import.js';
import { namesInCell, unitRolesInCell } from './cells.js';

/*
 * breaker53-10 S2 (serious): a one-column 责任单位 cell 「青川市甲务局 青川市乙务局（牵头）」 — a space between the names — made BOTH units
 * lead, in 台账 and plans, while 「青川市甲务局、青川市乙务局（牵头）」 or a line break made only 乙 lead; the notice said only 「按 2 个单位读取」.
 * A space between whole names of units now separates them as 、 does (one rule, `namesAtSpaces`, for 台账, plans and the units
 * import); only 与/和/及 bind a mark to both (「A与B（牵头）」, as documented). A space inside one name stays one name.
 * breaker53-10 M3/M4 (units import): 「青川市子务局 （挂青川市丑务局牌子）」 was registered with its space; 「青川市教育局 招生考试办公室」 (a
 * section typed with a space) was refused as two units; 「青川市辰务局⏎（原⏎青川市巳务局）」 too.
 */
const units = [
  { id: 'unit-a', code: 'A01', name: '青川市甲务局' },
  { id: 'unit-b', code: 'A02', name: '青川市乙务局' },
  { id: 'unit-c', code: 'A03', name: '青川市丙务局' },
];
const lookupUnit = unitLookupFrom(units);
const encode = (text: string) => new TextEncoder().encode(text);

describe('a space between whole names of units separates them as 、 does (breaker53-10 S2)', () => {
  it.each([
    ['青川市甲务局 青川市乙务局（牵头）', ['青川市乙务局'], ['青川市甲务局']],
    ['青川市甲务局　青川市乙务局（牵头）', ['青川市乙务局'], ['青川市甲务局']],
    ['青川市甲务局、青川市乙务局（牵头）', ['青川市乙务局'], ['青川市甲务局']],
    ['青川市甲务局 青川市乙务局（牵头）青川市丙务局（配合）', ['青川市乙务局'], ['青川市甲务局', '青川市丙务局']],
    ['青川市甲务局（牵头） 青川市乙务局', ['青川市甲务局'], ['青川市乙务局']],
  ])('reads %s with only the marked unit leading', (cell, lead, others) => {
    expect(unitRolesInCell(cell)).toMatchObject({ lead, others });
  });

  it('keeps 「A与B（牵头）」 binding the mark to both, and a space inside one name one name', () => {
    expect(unitRolesInCell('青川市甲务局与青川市乙务局（牵头）')).toMatchObject({ lead: ['青川市甲务局与青川市乙务局'] });
    expect(namesInCell('中共青川市委 宣传部')).toEqual(['中共青川市委 宣传部']);
    expect(namesInCell('青川市教育局 招生考试办公室')).toEqual(['青川市教育局 招生考试办公室']);
    expect(namesInCell('青川市 教育局')).toEqual(['青川市 教育局']);
  });

  it('gives a 台账 row the lead only to the marked unit', async () => {
    const csv = '问题,具体表现,责任单位,整改时限,整改措施\n问题甲,表现甲,青川市甲务局 青川市乙务局（牵头）,2026-12-30,措施甲\n问题乙,表现乙,青川市甲务局与青川市乙务局（牵头）,2026-12-30,措施乙\n';
    const result = await importFindings(encode(csv), { format: 'csv', lookupUnit, today: '2026-10-01', year: 2026 });
    if (!result.ok) throw new Error(JSON.stringify(result.problems.map((problem) => problem.reasonZh)));
    expect(result.findings.map((finding) => finding.parts.map((part) => `${part.unit.name}:${part.role}`).sort())).toEqual([
      ['青川市乙务局:LEAD', '青川市甲务局:RESPONSIBLE'],
      ['青川市乙务局:LEAD', '青川市甲务局:LEAD'],
    ]);
    // Each cell told who leads, as read.
    expect(result.notices?.filter((notice) => notice.reasonZh.includes('读作：')).map((notice) => [notice.row, notice.reasonZh])).toEqual([
      [2, '“青川市甲务局 青川市乙务局（牵头）”读作：青川市乙务局牵头，青川市甲务局为责任单位（单位名称之间的空格按“、”读取，标注只属于紧挨其前的单位）。如分工不是这样，请改写该格（“A与B（牵头）”表示两者均牵头，“A、B（牵头）”表示仅 B 牵头）后重新导入。'],
      [3, '“青川市甲务局与青川市乙务局（牵头）”读作：青川市甲务局、青川市乙务局均牵头（用“与”“和”“及”连接的单位共用其后的标注）。如分工不是这样，请改写该格（“A与B（牵头）”表示两者均牵头，“A、B（牵头）”表示仅 B 牵头）后重新导入。'],
    ]);
  });

  it('gives a plan item the lead only to the marked unit', async () => {
    const csv = '类别编号,类别,编号,事项,责任单位,完成时限\n一,甲类,1,角色事项甲,青川市甲务局 青川市乙务局（牵头）,2026-06-30\n一,甲类,2,角色事项乙,青川市甲务局、青川市乙务局（牵头）,2026-06-30\n';
    const result = await importWorkPlan(csv, { format: 'csv', lookupUnit, title: '青川市2026年角色方案', year: 2026 });
    if (!result.ok) throw new Error(JSON.stringify(result.problems.map((problem) => problem.reasonZh)));
    const items = result.plan.categories.flatMap((category) => category.items);
    expect(items.map((item) => [item.leadUnits.map((unit) => unit.unitId), item.responsibleUnits.map((unit) => unit.unitId)])).toEqual([
      [['unit-b'], ['unit-a']],
      [['unit-b'], ['unit-a']],
    ]);
    expect(result.notices?.filter((notice) => notice.reasonZh.includes('读作：')).map((notice) => notice.row)).toEqual([2]);
  });
});

describe('the units import takes off a space inside one name (breaker53-10 M3, M4)', () => {
  const emptyDirectory = unitLookupFrom([]);
  it('registers 「青川市子务局 （挂青川市丑务局牌子）」 without the space, told', async () => {
    const result = await importUnits(encode('编码,名称,类型\nB11,青川市子务局 （挂青川市丑务局牌子）,部门\n'), { format: 'csv', lookupUnit: emptyDirectory });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.units.map((unit) => unit.name)).toEqual(['青川市子务局（挂青川市丑务局牌子）']);
    expect(result.notices?.map((notice) => notice.reasonZh)).toEqual([expect.stringContaining('已去掉引号或空格')]);
  });

  it('registers 「青川市教育局 招生考试办公室」 as one name, and a wrapped former-name bracket as the name\'s', async () => {
    const result = await importUnits(encode('编码,名称,类型\nZKB,青川市教育局 招生考试办公室,其他\nA06,"青川市辰务局\n（原\n青川市巳务局）",部门\n'), { format: 'csv', lookupUnit: emptyDirectory });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.units.map((unit) => unit.name)).toEqual(['青川市教育局招生考试办公室', '青川市辰务局']);
  });
});
