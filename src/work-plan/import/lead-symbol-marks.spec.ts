import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importFindings } from '../../rectification/import-findings/findings-file.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * P4: task lists mark the lead among the 责任单位 with a symbol and say so in a footnote or the header — 「青川市发展和改革委员会*」,
 * 「★青川市财政局」, 注：*为牵头单位 — and were refused as naming unknown units 「青川市发展和改革委员会*」. The legend's symbol is the
 * lead's mark, in plans and 台账 alike (the shared sheet reading, `ColumnSpec.units`); a symbol no legend explains is refused
 * asking for one, never read as part of the name or guessed.
 */

const lookupUnit = unitLookupFrom([
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-fgw', code: 'FGW', name: '青川市发展和改革委员会' },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
]);

const roles = (result: Awaited<ReturnType<typeof importWorkPlan>>) =>
  result.ok
    ? result.plan.categories.flatMap((category) => category.items.map((item) => `${item.code} 牵头 ${item.leadUnits.map((unit) => unit.unitId).join('、')}；责任 ${item.responsibleUnits.map((unit) => unit.unitId).join('、')}`))
    : result.problems.map((problem) => `${problem.row} ${problem.reasonZh}`);

const TITLE = '青川市2026年政务公开任务分工';

describe('a lead unit marked by a symbol the table explains (P4)', () => {
  it('a 责任单位 cell 「A、B*」 with 注：*为牵头单位 below: B leads, A is responsible; the footnote says how it was read', async () => {
    const csv =
      '序号,工作任务,责任单位,完成时限\n' +
      '1,公开重大决策事项目录,"青川市财政局、青川市发展和改革委员会*",2026-12-31\n' +
      '2,做好政策解读,"青川市教育局＊，青川市财政局",2026-09-30\n' +
      '注：*为牵头单位,,,\n';
    const result = await importWorkPlan(csv, { format: 'csv', title: TITLE, lookupUnit });
    expect(roles(result)).toEqual(['1 牵头 unit-fgw；责任 unit-czj', '2 牵头 unit-jyj；责任 unit-czj']);
    expect(result.ok && result.notices).toContainEqual(expect.objectContaining({ row: 4, reasonZh: '按“注：*为牵头单位”，单位名称前后标有“*”的单位按牵头单位读取（标记不计入单位名称）。' }));
  });

  it('「★青川市财政局」 under a header 责任单位（★为牵头单位）, in an XLSX', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('任务分工');
    sheet.addRow(['序号', '工作任务', '责任单位（★为牵头单位）', '完成时限']);
    sheet.addRow(['1', '公开重大决策事项目录', '青川市发展和改革委员会\n★青川市财政局', '2026年12月31日']);
    const result = await importWorkPlan(new Uint8Array(await workbook.xlsx.writeBuffer()), { format: 'xlsx', title: TITLE, lookupUnit });
    expect(roles(result)).toEqual(['1 牵头 unit-czj；责任 unit-fgw']);
  });

  it.each([['注：标“★”的为牵头单位。'], ['说明：带*号的单位为牵头单位'], ['★为牵头单位']])('the legend written %p', async (legend) => {
    const symbol = legend.includes('★') ? '★' : '*';
    const csv = `序号,工作任务,责任单位,完成时限\n1,公开重大决策事项目录,"青川市财政局、${symbol}青川市发展和改革委员会",2026-12-31\n${legend},,,\n`;
    expect(roles(await importWorkPlan(csv, { format: 'csv', title: TITLE, lookupUnit }))).toEqual(['1 牵头 unit-fgw；责任 unit-czj']);
  });

  it('beside a 牵头单位 column: the lead marked again among the 责任单位 leads, named once; the mark under 牵头单位 is dropped', async () => {
    const csv =
      '序号,工作任务,牵头单位,责任单位,完成时限\n' +
      '1,公开重大决策事项目录,青川市财政局*,"青川市财政局*、青川市发展和改革委员会",2026-12-31\n' +
      '注：*为牵头单位,,,,\n';
    expect(roles(await importWorkPlan(csv, { format: 'csv', title: TITLE, lookupUnit }))).toEqual(['1 牵头 unit-czj；责任 unit-fgw']);
  });

  it('a symbol the table does not explain is refused naming the unit and asking for the footnote — nothing imported, no unknown unit', async () => {
    const csv = '序号,工作任务,责任单位,完成时限\n1,公开重大决策事项目录,"青川市财政局、青川市发展和改革委员会*",2026-12-31\n';
    const result = await importWorkPlan(csv, { format: 'csv', title: TITLE, lookupUnit });
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          row: 2,
          reason: expect.stringContaining('the sheet does not say what the mark means'),
          reasonZh: '“青川市发展和改革委员会”标有“*”，但表格中没有说明该标记的含义：如“*”表示牵头单位，请在表格下方加注“注：*为牵头单位”（或在表头写明，如“责任单位（*为牵头单位）”），如表示配合单位，请加注“注：*为配合单位”，然后重新导入；否则请删去该标记。',
        },
      ],
    });
  });

  it('a 台账: the marked unit\'s part is the lead\'s', async () => {
    const csv =
      '序号,存在问题,责任单位,整改时限\n' +
      '1,预算公开不及时,"青川市财政局、★青川市发展和改革委员会",2026-06-30\n' +
      '注：★为牵头单位,,,\n';
    const result = await importFindings(csv, { format: 'csv', lookupUnit, today: '2026-03-01' });
    expect(result.ok ? result.findings.map((finding) => finding.parts.map((part) => `${part.unit.unitId} ${part.role}`)) : result.problems).toEqual([['unit-fgw LEAD', 'unit-czj RESPONSIBLE']]);
  });

  // issue 10: the refusal said 「“青川市教育局”标注为（牵头）」 — a mark the office never wrote: the ★ was read as （牵头） first.
  it.each([
    ['a plan', '配合单位'],
    ['a plan', '责任单位'],
    ['a 台账', '配合单位'],
  ])('%s with a 牵头单位 column and 「★青川市教育局」 under %s (注：★为牵头单位): refused naming the ★ written, never a （牵头）', async (kind, column) => {
    const header = kind === 'a plan' ? `序号,工作任务,牵头单位,${column},完成时限` : `序号,存在问题,牵头单位,${column},整改时限`;
    const csv = `${header}\n1,公开重大决策事项目录,青川市财政局,"青川市发展和改革委员会、★青川市教育局",2026-12-31\n注：★为牵头单位,,,,\n`;
    const result = kind === 'a plan' ? await importWorkPlan(csv, { format: 'csv', title: TITLE, lookupUnit }) : await importFindings(csv, { format: 'csv', lookupUnit, today: '2026-03-01' });
    expect(result.ok ? [] : result.problems.map((problem) => `${problem.row} ${problem.reasonZh}`)).toEqual([
      `2 “青川市教育局”标有“★”（按表中注释为牵头单位），却写在“${column}”列：牵头单位须写在“牵头单位”列。请把它移到牵头单位列（联合牵头的单位在该列一并列明）；如不由其牵头，请删去“★”。`,
    ]);
  });

  it('a unit marked （牵头） in words under 配合单位 is still refused quoting （牵头）, as written', async () => {
    const csv = '序号,工作任务,牵头单位,配合单位,完成时限\n1,公开重大决策事项目录,青川市财政局,青川市教育局（牵头）,2026-12-31\n';
    const result = await importWorkPlan(csv, { format: 'csv', title: TITLE, lookupUnit });
    expect(result.ok ? [] : result.problems.map((problem) => problem.reasonZh)).toEqual([expect.stringMatching(/^“青川市教育局”标注为（牵头），却写在“配合单位”列/u)]);
  });
});

/*
 * breaker42-10 F2, F3 and issue 10: a mark legend is read for what it says — 注：*为配合单位 makes * the mark of a unit taking part, not
 * a mark "the sheet does not explain"; a legend in the title's bracket (…工作要点（*为牵头单位）) is the legend, not part of the plan's
 * title; a symbol and a role mark after one name (「★青川市教育局（配合）」) that say two roles are refused naming row, column and both
 * marks, never read as lead silently nor refused as an unknown unit 「青川市教育局*」.
 */
describe('what a mark legend says (breaker42-10 F2, F3; issue 10)', () => {
  it('注：*为配合单位 (and its negative forms): the marked unit takes part, the other leads; told how it was read', async () => {
    for (const legend of ['注：*为配合单位', '注：*为非牵头单位', '注：带*的单位不为牵头单位，仅配合。']) {
      const csv = `序号,工作任务,责任单位,完成时限\n1,公开重大决策事项目录,"青川市财政局、青川市教育局*",2026-12-31\n${legend},,,\n`;
      const result = await importWorkPlan(csv, { format: 'csv', title: TITLE, lookupUnit });
      expect(roles(result)).toEqual(['1 牵头 unit-czj；责任 unit-jyj']);
      expect(result.ok && result.notices).toContainEqual(expect.objectContaining({ row: 3, reasonZh: `按“${legend}”，单位名称前后标有“*”的单位按配合单位读取（标记不计入单位名称）。` }));
    }
  });

  it('注：*为牵头单位，★为配合单位: both symbols read', async () => {
    const csv = '序号,工作任务,责任单位,完成时限\n1,公开重大决策事项目录,"青川市财政局★、青川市教育局*、青川市发展和改革委员会",2026-12-31\n"注：*为牵头单位，★为配合单位",,,\n';
    expect(roles(await importWorkPlan(csv, { format: 'csv', title: TITLE, lookupUnit }))).toEqual(['1 牵头 unit-jyj；责任 unit-czj、unit-fgw']);
  });

  it('two footnote rows each explaining a symbol: both read, in a plan and a 台账, told once (import4 leftover: the second was not)', async () => {
    const csv = '序号,工作任务,责任单位,完成时限\n1,公开重大决策事项目录,"青川市财政局★、青川市教育局*、青川市发展和改革委员会",2026-12-31\n注：*为牵头单位,,,\n注：★为配合单位,,,\n';
    const plan = await importWorkPlan(csv, { format: 'csv', title: TITLE, lookupUnit });
    expect(roles(plan)).toEqual(['1 牵头 unit-jyj；责任 unit-czj、unit-fgw']);
    expect(plan.ok && plan.notices?.filter((notice) => notice.reasonZh.includes('注：'))).toEqual([
      expect.objectContaining({ row: 3, reasonZh: '按“注：*为牵头单位；注：★为配合单位”，单位名称前后标有“*”的单位按牵头单位读取，单位名称前后标有“★”的单位按配合单位读取（标记不计入单位名称）。' }),
    ]);
    const ledger = await importFindings(
      '问题,责任单位,整改时限\n门户网站存在错链,"青川市财政局★、青川市教育局*",2026-12-31\n注：*为牵头单位,,\n注：★为配合单位,,\n',
      { format: 'csv', lookupUnit, today: '2026-03-10', year: 2026 },
    );
    expect(ledger.ok ? (ledger.findings[0]!.parts ?? []).map((part) => [part.unit.unitId, part.role]) : ledger.problems).toEqual([
      ['unit-jyj', 'LEAD'],
      ['unit-czj', 'RESPONSIBLE'],
    ]);
  });

  it('a unit marked by the 配合 symbol under 牵头单位 is refused quoting the symbol written, never a （配合） the office did not write', async () => {
    const csv = '序号,工作任务,牵头单位,责任单位,完成时限\n1,公开重大决策事项目录,青川市教育局*,青川市财政局,2026-12-31\n注：*为配合单位,,,,\n';
    expect(roles(await importWorkPlan(csv, { format: 'csv', title: TITLE, lookupUnit }))).toEqual([
      '2 “青川市教育局”标有“*”（按表中注释为配合单位），却写在“牵头单位”列：配合单位不能牵头。请把它移到配合单位（或责任单位）列；如确由其牵头，请删去“*”。',
    ]);
  });

  it('a symbol the legend does not explain, beside one it does: the refusal names the legend read, and how to write either meaning', async () => {
    const csv = '序号,工作任务,责任单位,完成时限\n1,公开重大决策事项目录,"青川市财政局*、青川市教育局▲",2026-12-31\n注：*为牵头单位,,,\n';
    expect(roles(await importWorkPlan(csv, { format: 'csv', title: TITLE, lookupUnit }))).toEqual([
      '2 “青川市教育局”标有“▲”，表格中的注释“注：*为牵头单位”未说明“▲”的含义：如“▲”表示牵头单位，请在表格下方加注“注：▲为牵头单位”（或在表头写明，如“责任单位（▲为牵头单位）”），如表示配合单位，请加注“注：▲为配合单位”，然后重新导入；否则请删去该标记。',
    ]);
  });

  it.each([
    ['★青川市教育局（配合）', '注：★为牵头单位', '★', '（配合）', '牵头单位'],
    ['青川市教育局*（配合）', '注：*为牵头单位', '*', '（配合）', '牵头单位'],
    ['青川市教育局*【牵头】', '注：*为配合单位', '*', '【牵头】', '配合单位'],
  ])('%p with %p: refused naming the row, the column and both marks — never read silently, never an unknown unit with the mark in its name', async (cell, legend, symbol, mark, meaning) => {
    const csv = `序号,工作任务,责任单位,完成时限\n1,公开重大决策事项目录,"青川市财政局、${cell}",2026-12-31\n${legend},,,\n`;
    expect(roles(await importWorkPlan(csv, { format: 'csv', title: TITLE, lookupUnit }))).toEqual([
      `2 “责任单位”列的“青川市教育局”既标有“${symbol}”（按“${legend}”为${meaning}），又标注${mark}：两个标记相互矛盾，请只保留正确的一个。`,
    ]);
  });

  it('a symbol and a role mark that agree (「★青川市教育局（牵头）」, 注：★为牵头单位) are read once', async () => {
    const csv = '序号,工作任务,责任单位,完成时限\n1,公开重大决策事项目录,"青川市财政局、★青川市教育局（牵头）",2026-12-31\n注：★为牵头单位,,,\n';
    expect(roles(await importWorkPlan(csv, { format: 'csv', title: TITLE, lookupUnit }))).toEqual(['1 牵头 unit-jyj；责任 unit-czj']);
  });

  it('a legend in the title row is the legend, not part of the plan title (the next version without it is the same plan)', async () => {
    const csv = '青川市2026年政务公开工作要点（*为牵头单位）,,,\n序号,工作任务,责任单位,完成时限\n1,公开重大决策事项目录,"青川市财政局、青川市教育局*",2026-12-31\n';
    const result = await importWorkPlan(csv, { format: 'csv', lookupUnit });
    expect(result.ok && result.plan.title).toBe('青川市2026年政务公开工作要点');
    expect(roles(result)).toEqual(['1 牵头 unit-jyj；责任 unit-czj']);
  });

  it('台账: a symbol and a role mark saying two roles are refused there too', async () => {
    const csv = '序号,问题描述,责任单位,整改时限\n1,网站栏目更新不及时,"青川市财政局、★青川市教育局（配合）",2026-12-31\n注：★为牵头单位,,,\n';
    const result = await importFindings(csv, { format: 'csv', lookupUnit, today: '2026-03-01' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((problem) => problem.reasonZh)).toContainEqual(expect.stringContaining('“责任单位”列的“青川市教育局”既标有“★”（按“注：★为牵头单位”为牵头单位），又标注（配合）'));
  });
});

describe('two legends giving one symbol two meanings (issue 10: the first won unsaid)', () => {
  it('「注：*为牵头单位」 and 「注：*为配合单位」 on two rows: refused naming both rows, the other rows still checked', async () => {
    const csv =
      '序号,工作任务,责任单位,完成时限\n' +
      '1,公开重大决策事项目录,"青川市财政局、青川市发展和改革委员会*",2026-12-31\n' +
      '2,做好政策解读,青川市不存在局,2026-09-30\n' +
      '注：*为牵头单位,,,\n' +
      '注：*为配合单位,,,\n';
    expect(roles(await importWorkPlan(csv, { format: 'csv', title: TITLE, lookupUnit }))).toEqual([
      expect.stringMatching(/^3 .*“青川市不存在局”不在单位名录中/),
      '5 第 4 行“注：*为牵头单位”说明“*”为牵头单位，第 5 行“注：*为配合单位”却说明“*”为配合单位：两处说明相互矛盾，请只保留正确的一处（或另一处改用其他符号）后重新导入。',
    ]);
  });

  it('a header saying 「责任单位（★为牵头单位）」 and a footnote 「注：★为配合单位」: refused naming both; two rows saying the same read', async () => {
    const csv = '序号,工作任务,责任单位（★为牵头单位）,完成时限\n1,公开重大决策事项目录,"青川市财政局、★青川市教育局",2026-12-31\n注：★为配合单位,,,\n';
    expect(roles(await importWorkPlan(csv, { format: 'csv', title: TITLE, lookupUnit }))).toEqual([
      '3 表头“责任单位（★为牵头单位）”说明“★”为牵头单位，第 3 行“注：★为配合单位”却说明“★”为配合单位：两处说明相互矛盾，请只保留正确的一处（或另一处改用其他符号）后重新导入。',
    ]);
    const same = '序号,工作任务,责任单位,完成时限\n1,公开重大决策事项目录,"青川市财政局、青川市教育局*",2026-12-31\n注：*为牵头单位,,,\n说明：带*号的单位为牵头单位,,,\n';
    expect(roles(await importWorkPlan(same, { format: 'csv', title: TITLE, lookupUnit }))).toEqual(['1 牵头 unit-jyj；责任 unit-czj']);
  });

  it('台账 alike', async () => {
    const csv = '问题描述,责任单位,整改时限\n网站栏目更新不及时,"青川市财政局*、青川市教育局",2026-06-30\n注：*为牵头单位,,\n注：*为配合单位,,\n';
    const result = await importFindings(csv, { format: 'csv', lookupUnit, today: '2026-03-01' });
    expect(result.ok ? [] : result.problems.map((problem) => `${problem.row} ${problem.reasonZh}`)).toEqual([expect.stringMatching(/^4 第 3 行“注：\*为牵头单位”说明“\*”为牵头单位，第 4 行“注：\*为配合单位”却说明/)]);
  });
});
