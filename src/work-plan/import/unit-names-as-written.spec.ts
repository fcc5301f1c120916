import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importFindings } from '../../rectification/import-findings/findings-file.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * breaker48-10 M4: unit names as offices write them in a 牵头单位 / 责任单位 cell were refused as unknown units — 「青川市发展和改革委员会牵头」
 * (a role word after the name, no bracket), 「青川市财政局及各区县政府」 (a collective name joined by 及), 「“青川市财政局”」 (in quotation
 * marks) — and 「各区县政府」 with no county in the directory said neither what it meant nor what to write. One reading (unit-lookup
 * `resolveNames`, cells `namesInCell`) serves plans and 整改台账 alike.
 */
const units = [
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局', kind: 'DEPARTMENT' },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局', kind: 'DEPARTMENT' },
  { id: 'unit-fgw', code: 'FGW', name: '青川市发展和改革委员会', kind: 'DEPARTMENT' },
];
const withCounties = unitLookupFrom([...units, { id: 'unit-dh', code: 'DH', name: '青川市东湖区人民政府', kind: 'COUNTY_OR_DISTRICT' }, { id: 'unit-xs', code: 'XS', name: '青川市西山县人民政府', kind: 'COUNTY_OR_DISTRICT' }]);
const noCounties = unitLookupFrom(units);

const planOf = async (cell: string, header = '牵头单位', directory = withCounties) => {
  const result = await importWorkPlan(`序号,工作任务,${header},完成时限\n1,推进甲信息公开,"${cell.replace(/"/g, '""')}",2026年12月31日\n`, { format: 'csv', title: '单位写法', year: 2026, lookupUnit: directory });
  if (!result.ok) return result.problems.map((problem) => `第 ${problem.row} 行：${problem.reasonZh}`);
  const item = result.plan.categories[0]!.items[0]!;
  return { lead: item.leadUnits.map((unit) => unit.unitId), others: item.responsibleUnits.map((unit) => unit.unitId) };
};
const ledgerOf = async (cell: string, header = '责任单位', directory = withCounties) => {
  const result = await importFindings(`序号,问题,具体表现,${header},整改时限,整改措施\n1,门户网站存在错链,3处链接失效,"${cell.replace(/"/g, '""')}",2026年12月31日,全面排查链接\n`, {
    format: 'csv',
    lookupUnit: directory,
    today: '2026-12-02',
    year: 2026,
  });
  return result.ok ? result.findings[0]!.parts.map((part) => `${part.unit.unitId}:${part.role}`) : result.problems.map((problem) => `第 ${problem.row} 行：${problem.reasonZh}`);
};

describe('a role word after the unit’s name, without a bracket', () => {
  it.each(['青川市发展和改革委员会牵头', '青川市发展和改革委员会负责', '青川市发展和改革委员会牵头负责', '青川市发展和改革委员会 牵头', '市发展和改革委员会牵头'])('%s in a 牵头单位 cell is the unit', async (cell) => {
    expect(await planOf(cell)).toEqual({ lead: ['unit-fgw'], others: [] });
    expect(await ledgerOf(cell, '牵头单位')).toEqual(['unit-fgw:LEAD']);
  });

  it('「…配合」 under 牵头单位, 「…牵头」 under 配合单位: refused naming the unit, as the bracketed mark is', async () => {
    expect(await planOf('青川市财政局配合')).toEqual([expect.stringMatching(/^第 2 行：“青川市财政局”标注为配合，却写在“牵头单位”列/)]);
    const both = await importWorkPlan('序号,工作任务,牵头单位,配合单位,完成时限\n1,推进甲信息公开,青川市发展和改革委员会,青川市财政局牵头,2026年12月31日\n', {
      format: 'csv',
      title: '单位写法',
      year: 2026,
      lookupUnit: withCounties,
    });
    expect(both.ok ? both : both.problems.map((problem) => `第 ${problem.row} 行：${problem.reasonZh}`)).toEqual([expect.stringMatching(/^第 2 行：“青川市财政局”标注为牵头，却写在“配合单位”列/)]);
  });

  it('「…配合」 under 配合单位 is that unit taking part', async () => {
    const result = await importWorkPlan('序号,工作任务,牵头单位,配合单位,完成时限\n1,推进甲信息公开,青川市发展和改革委员会牵头,青川市财政局配合,2026年12月31日\n', {
      format: 'csv',
      title: '单位写法',
      year: 2026,
      lookupUnit: withCounties,
    });
    expect(result.ok && result.plan.categories[0]!.items[0]!.responsibleUnits.map((unit) => unit.unitId)).toEqual(['unit-czj']);
  });
});

describe('a unit joined to a collective name by 及 / 和 / 与', () => {
  it.each(['青川市财政局及各区县政府', '青川市财政局和各区县政府', '青川市财政局与各区县政府', '青川市财政局以及各区县政府'])('%s: the unit and every county government', async (cell) => {
    expect(await planOf(cell, '责任单位')).toEqual({ lead: ['unit-czj'], others: ['unit-dh', 'unit-xs'] });
    expect(await planOf(cell)).toEqual({ lead: ['unit-czj', 'unit-dh', 'unit-xs'], others: [] });
    expect(await ledgerOf(cell)).toEqual(['unit-czj:LEAD', 'unit-dh:RESPONSIBLE', 'unit-xs:RESPONSIBLE']);
  });

  it('the collective name first, and two collective names', async () => {
    // Read as 「各区县政府、青川市财政局」 is.
    expect(await planOf('各区县政府和青川市财政局', '责任单位')).toEqual(await planOf('各区县政府、青川市财政局', '责任单位'));
    expect(await planOf('各区县政府和青川市财政局', '责任单位')).toMatchObject({ others: expect.arrayContaining(['unit-czj']) });
    expect(await planOf('青川市教育局牵头，各区县政府及市直各部门配合', '责任单位')).toMatchObject({ lead: ['unit-jyj'] });
  });

  it('市直各部门和单位 stays one collective name, 发展和改革委员会 one unit', async () => {
    expect(await planOf('市直各部门和单位', '责任单位')).toMatchObject({ lead: expect.arrayContaining(['unit-czj', 'unit-fgw']) });
    expect(await planOf('青川市发展和改革委员会')).toEqual({ lead: ['unit-fgw'], others: [] });
  });
});

describe('names in quotation marks or with spaces', () => {
  it.each(['“青川市财政局”', '"青川市财政局"', '‘青川市财政局’', '「青川市财政局」', '『青川市财政局』', '青川市　财政局', '　青川市财政局　', '青川市 财政局'])('%s is 青川市财政局, without a near-name notice', async (cell) => {
    const result = await importWorkPlan(`序号,类别,工作任务,牵头单位,完成时限\n1,甲,推进甲信息公开,"${cell.replace(/"/g, '""')}",2026年12月31日\n`, { format: 'csv', title: '单位写法', year: 2026, lookupUnit: withCounties });
    expect(result.ok && result.plan.categories[0]!.items[0]!.leadUnits.map((unit) => unit.unitId)).toEqual(['unit-czj']);
    expect(result.ok && (result.notices ?? [])).toEqual([]);
    expect(await ledgerOf(cell)).toEqual(['unit-czj:LEAD']);
  });

  it('each name of a cell in its own quotation marks, or the cell in one pair', async () => {
    expect(await planOf('“青川市财政局”、“青川市教育局”', '责任单位')).toEqual({ lead: ['unit-czj'], others: ['unit-jyj'] });
    expect(await ledgerOf('“青川市财政局、青川市教育局”')).toEqual(['unit-czj:LEAD', 'unit-jyj:RESPONSIBLE']);
  });
});

describe('a collective name the directory holds none of', () => {
  const refusal = /^第 2 行：(?:牵头|责任)单位：“各区县政府”指全部区县人民政府（单位名录中类型为“区县”的单位），但单位名录中没有这样的单位：请在该单元格中写明具体的区县人民政府（用“、”分隔），或先在单位名录中登记各区县人民政府（类型选“区县”）后再导入。$/;
  it('is refused naming the row, the column and what to write instead', async () => {
    expect(await planOf('各区县政府', '牵头单位', noCounties)).toEqual([expect.stringMatching(refusal)]);
    expect(await ledgerOf('青川市财政局及各区县政府', '责任单位', noCounties)).toEqual([expect.stringMatching(refusal)]);
    expect(await planOf('市直各部门', '牵头单位', unitLookupFrom([{ id: 'unit-dh', code: 'DH', name: '青川市东湖区人民政府', kind: 'COUNTY_OR_DISTRICT' }]))).toEqual([
      expect.stringMatching(/：请在该单元格中写明具体的部门（用“、”分隔），或先在单位名录中登记市直各部门（类型选“部门”）后再导入。$/),
    ]);
  });
});

describe('a quoted unit name with its own deadline in a bracket (breaker50-10 M2)', () => {
  it.each(['"青川市教育局"（2026年10月31日）', '“青川市教育局”（2026年10月31日）', '「青川市教育局」(2026年10月31日)'])('%s under 配合单位 is that unit, due on its own day', async (cell) => {
    const result = await importWorkPlan(`序号,工作任务,牵头单位,配合单位,完成时限\n1,推进甲信息公开,青川市财政局,"${cell.replace(/"/g, '""')}",2026年12月31日\n`, { format: 'csv', title: '单位写法', year: 2026, lookupUnit: withCounties });
    const item = result.ok ? result.plan.categories[0]!.items[0]! : null;
    expect(result.ok ? null : result.problems.map((problem) => problem.reasonZh)).toBeNull();
    expect(item?.responsibleUnits.map((unit) => unit.unitId)).toEqual(['unit-jyj']);
    expect(item?.partDueDates?.['unit-jyj']?.dueDate).toBe('2026-10-31');
  });

  it('in a 整改台账\'s 责任单位 too', async () => {
    expect(await ledgerOf('青川市财政局、"青川市教育局"（2026年10月31日）')).toEqual(['unit-czj:LEAD', 'unit-jyj:RESPONSIBLE']);
  });
});
