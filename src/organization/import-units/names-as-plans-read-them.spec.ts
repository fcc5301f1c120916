import { unitLookupFrom } from '../units/unit-lookup.js';
import { unitIdForCode } from '../units/unit-id.js';
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

  it('takes a space inside one name off and registers the name (「青川市 教育局」, 「青川市人民政府 办公室」, 「青川市教育局 教研室」)', async () => {
    const result = await importUnits(text('编码,名称,类型\nJYJ,青川市 教育局,部门\nZFB,青川市人民政府 办公室,部门\nJYS,青川市教育局 教研室,其他\n'), { format: 'csv', lookupUnit: emptyDirectory });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.units.map((unit) => unit.name)).toEqual(['青川市教育局', '青川市人民政府办公室', '青川市教育局教研室']);
  });

  it('registers ordinary names as they are, without a notice', async () => {
    const result = await importUnits(text('编码,名称,类型\nCZJ,青川市财政局,部门\nDH,青川市东湖区人民政府,区县\nPJ,青川市牵头办,其他\n'), { format: 'csv', lookupUnit: emptyDirectory });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.units.map((unit) => unit.name)).toEqual(['青川市财政局', '青川市东湖区人民政府', '青川市牵头办']);
    expect(result.notices ?? []).toEqual([]);
  });

  // breaker51-10 S2: only the bare 牵头 was taken off; 「…（牵头）」, 「…【牵头】」, 「…（配合）」, 「…（牵头单位）」, 「…（主责）」 were registered as
  // the unit's name (a plan naming 青川市庚务局 then matched it by the near-name guess only), and 「A、B」 as one unit no plan can name.
  it('takes a role mark in any bracket, or wrapped onto its own line, off the name and says so', async () => {
    const csv = '编码,名称,类型\nB02,青川市庚务局（牵头）,部门\nC01,青川市子务局(牵头),部门\nC02,青川市丑务局【牵头】,部门\nC03,青川市寅务局（配合）,部门\nC05,青川市辰务局（牵头单位）,部门\nC08,青川市未务局（主责）,部门\nC09,"青川市申务局\n（牵头）",部门\n';
    const result = await importUnits(text(csv), { format: 'csv', lookupUnit: emptyDirectory });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.units.map((unit) => unit.name)).toEqual(['青川市庚务局', '青川市子务局', '青川市丑务局', '青川市寅务局', '青川市辰务局', '青川市未务局', '青川市申务局']);
    expect(result.notices?.map((notice) => [notice.row, notice.reasonZh])).toEqual([
      [2, '“青川市庚务局（牵头）”按“青川市庚务局”登记：已去掉表示分工的“（牵头）”，与方案、台账读取单位名称的规则一致。'],
      [3, '“青川市子务局(牵头)”按“青川市子务局”登记：已去掉表示分工的“(牵头)”，与方案、台账读取单位名称的规则一致。'],
      [4, '“青川市丑务局【牵头】”按“青川市丑务局”登记：已去掉表示分工的“【牵头】”，与方案、台账读取单位名称的规则一致。'],
      [5, '“青川市寅务局（配合）”按“青川市寅务局”登记：已去掉表示分工的“（配合）”，与方案、台账读取单位名称的规则一致。'],
      [6, '“青川市辰务局（牵头单位）”按“青川市辰务局”登记：已去掉表示分工的“（牵头单位）”，与方案、台账读取单位名称的规则一致。'],
      [7, '“青川市未务局（主责）”按“青川市未务局”登记：已去掉表示分工的“（主责）”，与方案、台账读取单位名称的规则一致。'],
      [8, '“青川市申务局 （牵头）”按“青川市申务局”登记：已去掉表示分工的“（牵头）”，与方案、台账读取单位名称的规则一致。'],
    ]);
  });

  // breaker52-10 M1: only the last mark was taken off, 「青川市卯务局（牵头）（配合）」 registered as 「青川市卯务局（牵头）」.
  it('takes every role mark after the name off, not only the last', async () => {
    const result = await importUnits(text('编码,名称,类型\nD04,青川市卯务局（牵头）（配合）,部门\nD05,青川市辰务局【牵头】（牵头单位）,部门\n'), { format: 'csv', lookupUnit: emptyDirectory });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.units.map((unit) => unit.name)).toEqual(['青川市卯务局', '青川市辰务局']);
    expect(result.notices?.map((notice) => [notice.row, notice.reasonZh])).toEqual([
      [2, '“青川市卯务局（牵头）（配合）”按“青川市卯务局”登记：已去掉表示分工的“（牵头）”“（配合）”，与方案、台账读取单位名称的规则一致。'],
      [3, '“青川市辰务局【牵头】（牵头单位）”按“青川市辰务局”登记：已去掉表示分工的“【牵头】”“（牵头单位）”，与方案、台账读取单位名称的规则一致。'],
    ]);
  });

  // breaker52-10 M8: a narrow 名称 column wraps the former-name bracket onto its own line; it was refused as a second unit 「（原青川市戊务局）」.
  it('reads a former-name bracket on a line of its own as on the name\'s line', async () => {
    const result = await importUnits(text('编码,名称,类型\nA05,"青川市新戊局\n（原青川市戊务局）",部门\n'), { format: 'csv', lookupUnit: emptyDirectory });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.units.map((unit) => unit.name)).toEqual(['青川市新戊局']);
    expect(result.notices?.map((notice) => notice.reasonZh)).toEqual([expect.stringContaining('按“青川市新戊局”登记：已去掉原名称说明')]);
  });

  // breaker52-10 S1: two names with a space between were registered glued (「青川市巳务局青川市午务局」) while plans read them as two units.
  it.each(['青川市巳务局、青川市午务局', '"青川市巳务局\n青川市午务局"', '"青川市巳务局，青川市午务局"', '青川市巳务局 青川市午务局', '青川市巳务局　青川市午务局'])('refuses two names in one cell (%s), naming both', async (cell) => {
    const result = await importUnits(text(`编码,名称,类型\nC06,${cell},部门\nCZJ,青川市财政局,部门\n`), { format: 'csv', lookupUnit: emptyDirectory });
    expect(result.ok ? result.units : result.problems.map((problem) => [problem.row, problem.reasonZh.replace(/^名称“[^”]*”/u, '')])).toEqual([
      [2, '写了 2 个单位（青川市巳务局、青川市午务局）：每行只登记一个单位，方案和台账也会把它们分别读作各自的单位。请每个单位各占一行、各用一个编码登记。'],
    ]);
  });

  // breaker51-10 S2 with --rename: 「A02,青川市乙务局（牵头）」 would have renamed 乙务局 to 「青川市乙务局（牵头）」, and 「A03,青川市丙务局、青川市丁务局」
  // (with --distinct A03) 丙务局 to the two names.
  it('renames to no name with a role mark or two names in it', async () => {
    const directory = [
      { id: unitIdForCode('A02'), code: 'A02', name: '青川市乙务局' },
      { id: unitIdForCode('A03'), code: 'A03', name: '青川市丙务局' },
    ];
    const options = { format: 'csv' as const, lookupUnit: unitLookupFrom(directory), nameOf: (id: string) => directory.find((unit) => unit.id === id)?.name, rename: true, distinctCodes: ['A03'] };
    const result = await importUnits(text('编码,名称,类型\nA02,青川市乙务局（牵头）,部门\nA03,"青川市丙务局、青川市丁务局",部门\n'), options);
    expect(result.ok ? result.units : result.problems.map((problem) => [problem.row, problem.reasonZh.slice(0, 30)])).toEqual([[3, '名称“青川市丙务局、青川市丁务局”写了 2 个单位（青川市丙']]);
    const first = await importUnits(text('编码,名称,类型\nA02,青川市乙务局（牵头）,部门\n'), options);
    expect(first).toMatchObject({ ok: true, units: [{ code: 'A02', name: '青川市乙务局', alreadyRegistered: true, renamedFrom: null }] });
  });
});
