import { unitLookupFrom } from '../organization/units/unit-lookup.js';
import { importFindings } from '../rectification/import-findings/findings-file.js';
import { importWorkPlan } from '../work-plan/import/work-plan-import.js';
import { namesInCell } from './cells.js';

/*
 * breaker10r P5 (moderate): a 、 or ， inside a unit's bracket split the cell mid-bracket (H/BR01–BR07): 「澜州市财政局（含国库科、预算科）」 was
 * refused as 「“澜州市财政局（含国库科”…」 and 「“预算科）”不在单位名录中…请先登记」, 「各县（市、区）人民政府」 as 「“各县（市”…」. Now separators
 * inside brackets do not split; the bracket is read with its unit: another unit of the directory in it is refused naming both.
 */
const directory = unitLookupFrom([
  { id: 'LZGOV', code: 'LZGOV', name: '澜州市人民政府办公室', kind: 'OTHER' },
  { id: 'LZOPEN', code: 'LZOPEN', name: '澜州市政务公开办公室', kind: 'OTHER', parentUnitId: 'LZGOV' },
  { id: 'CZJ', code: 'CZJ', name: '澜州市财政局', kind: 'DEPARTMENT' },
  { id: 'JYJ', code: 'JYJ', name: '澜州市教育局', kind: 'DEPARTMENT' },
  { id: 'MZJ', code: 'MZJ', name: '澜州市民政局', kind: 'DEPARTMENT' },
  { id: 'SJJ', code: 'SJJ', name: '澜州市市场监督管理局', kind: 'DEPARTMENT' },
  { id: 'SJZY', code: 'SJZY', name: '澜州市数据资源管理局', kind: 'DEPARTMENT' },
  { id: 'YSK', code: 'YSK', name: '预算科', kind: 'OTHER', parentUnitId: 'CZJ' },
  { id: 'GKK', code: 'GKK', name: '国库科', kind: 'OTHER', parentUnitId: 'CZJ' },
  { id: 'BTQ', code: 'BTQ', name: '澜州市北塘区人民政府', kind: 'COUNTY_OR_DISTRICT' },
  { id: 'NPQ', code: 'NPQ', name: '澜州市南浦区人民政府', kind: 'COUNTY_OR_DISTRICT' },
]);
const planOf = async (cooperating: string) => {
  const csv = `澜州市2026年括号分隔测试方案\n序号,工作任务,牵头单位,配合单位,完成时限\n1,任务甲,澜州市市场监督管理局,"${cooperating}",2026年6月底前\n`;
  const result = await importWorkPlan(csv, { format: 'csv', title: '括号分隔', year: 2026, lookupUnit: directory });
  if (!result.ok) return { problems: result.problems.map((problem) => problem.reasonZh) };
  return { others: result.plan.categories[0]!.items[0]!.responsibleUnits.map((unit) => unit.unitId) };
};

describe('separators inside a unit’s bracket do not split the cell (breaker10r P5)', () => {
  it('namesInCell keeps each bracket with its name, and splits outside brackets', () => {
    expect(namesInCell('澜州市财政局（含国库科、预算科）、澜州市教育局')).toEqual(['澜州市财政局（含国库科、预算科）', '澜州市教育局']);
    expect(namesInCell('各县（市、区）人民政府，澜州市财政局[国库科、预算科]')).toEqual(['各县（市、区）人民政府', '澜州市财政局[国库科、预算科]']);
    expect(namesInCell('澜州市财政局(国库科,预算科)/澜州市教育局')).toEqual(['澜州市财政局(国库科,预算科)', '澜州市教育局']);
    // A bracket left open splits as before.
    expect(namesInCell('澜州市财政局（国库科、预算科')).toEqual(['澜州市财政局（国库科', '预算科']);
  });

  it.each([
    ['澜州市财政局（含国库科、预算科）', '澜州市财政局', '国库科'],
    ['澜州市人民政府办公室（市政务公开办、市数据资源管理局）', '澜州市人民政府办公室', '澜州市数据资源管理局'],
    ['澜州市财政局（预算科、国库科具体负责）', '澜州市财政局', '预算科'],
    ['澜州市教育局（北塘区、南浦区配合）', '澜州市教育局', '澜州市北塘区人民政府'],
    ['澜州市民政局（会同北塘区、南浦区）', '澜州市民政局', '澜州市北塘区人民政府'],
    ['澜州市财政局[国库科、预算科]', '澜州市财政局', '国库科'],
    ['澜州市财政局（国库科，预算科）', '澜州市财政局', '国库科'],
  ])('%s: refused naming both units, never its fragments', async (cell, main, other) => {
    const read = await planOf(cell);
    expect(read).toEqual({ problems: [expect.stringContaining(`“${cell}”写了两个单位：“${main}”和括号中的“${other}”，无法确定由哪个单位承担。`)] });
    expect(JSON.stringify(read)).not.toMatch(/请先在单位名录中登记该单位/u);
  });

  it('各县（市、区）人民政府 is the collective name it says', async () => {
    expect(await planOf('各县（市、区）人民政府')).toEqual({ others: ['BTQ', 'NPQ'] });
  });

  it('in a 台账 the same', async () => {
    const result = await importFindings('序号,问题,牵头单位,配合单位,整改时限\n1,门户网站存在错链,澜州市市场监督管理局,"澜州市财政局（含国库科、预算科）",2026年12月31日\n', {
      format: 'csv',
      lookupUnit: directory,
      today: '2026-01-23',
      year: 2026,
    });
    expect(result.ok ? result : result.problems.map((problem) => problem.reasonZh)).toEqual([expect.stringContaining('写了两个单位：“澜州市财政局”和括号中的“国库科”')]);
  });
});
