import { unitLookupFrom } from '../units/unit-lookup.js';
import { importUnits } from './units-file.js';

/*
 * breaker50-10 S4: the units import registered names as offices write them in plans — 「各区县政府」, 「青川市水务局牵头」, 「“青川市审计局”」,
 * 「青川市统计局（原青川市统计办）」 — literally; from then on 各区县政府 in every plan and 台账 meant that one phantom unit, and 「青川市审计局」
 * was refused as unregistered. The units import reads a name by the rules plans read it by (one reader, `nameToRegister`): a
 * collective name refused, quotes, a role word and a former-name bracket taken off, told.
 */
const emptyDirectory = unitLookupFrom([]);
const text = (csv: string) => new TextEncoder().encode(csv);

describe('the units import reads names as plans read them (breaker50-10 S4)', () => {
  it('registers the names without quotes, 牵头 or a former-name bracket, and says so for each row', async () => {
    const csv = '编码,名称,类型\nSJJ,“青川市审计局”,部门\nTJJ,青川市统计局（原青川市统计办）,部门\nLYJ,"""青川市林业局""",部门\nSWJ,青川市水务局牵头,部门\nGAJ, 青川市公安局　,部门\n';
    const result = await importUnits(text(csv), { format: 'csv', lookupUnit: emptyDirectory });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.units.map((unit) => unit.name)).toEqual(['青川市审计局', '青川市统计局', '青川市林业局', '青川市水务局', '青川市公安局']);
    expect(result.notices?.map((notice) => [notice.row, notice.reasonZh])).toEqual([
      [2, '““青川市审计局””按“青川市审计局”登记：已去掉引号或空格，与方案、台账读取单位名称的规则一致。'],
      [3, '“青川市统计局（原青川市统计办）”按“青川市统计局”登记：已去掉原名称说明“(原青川市统计办)”（曾用名请通过单位更名登记），与方案、台账读取单位名称的规则一致。'],
      [4, '“"青川市林业局"”按“青川市林业局”登记：已去掉引号或空格，与方案、台账读取单位名称的规则一致。'],
      [5, '“青川市水务局牵头”按“青川市水务局”登记：已去掉表示分工的“牵头”，与方案、台账读取单位名称的规则一致。'],
    ]);
  });

  it.each(['各区县政府', '市直各部门', '各区县人民政府', '青川市财政局各科室'])('refuses the collective name %s as no unit’s name', async (name) => {
    const result = await importUnits(text(`编码,名称,类型\nXQ,${name},区县\nCZJ,青川市财政局,部门\n`), { format: 'csv', lookupUnit: emptyDirectory });
    expect(result.ok ? result.units : result.problems.map((problem) => [problem.row, problem.reasonZh.slice(0, name.length + 8)])).toEqual([[2, `“${name}”是集合名称（`]]);
  });

  it('registers ordinary names as they are, without a notice', async () => {
    const result = await importUnits(text('编码,名称,类型\nCZJ,青川市财政局,部门\nDH,青川市东湖区人民政府,区县\nPJ,青川市牵头办,其他\n'), { format: 'csv', lookupUnit: emptyDirectory });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.units.map((unit) => unit.name)).toEqual(['青川市财政局', '青川市东湖区人民政府', '青川市牵头办']);
    expect(result.notices ?? []).toEqual([]);
  });
});
