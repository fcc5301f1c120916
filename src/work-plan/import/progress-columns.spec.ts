import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importFindings } from '../../rectification/import-findings/findings-file.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * A column saying how far a row's work has got — 完成情况, 整改完成情况, 进展情况, 是否完成, 实际完成时间 — is read like 备注
 * (breaker10i P10): a row it says is done (已完成, 已整改, 是, a day finished) is refused with the 备注 rule's advice, never
 * imported as an open task; a row still under way imports, and the column is listed as not imported.
 */
const lookupUnit = unitLookupFrom([
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
]);
const DONE_ADVICE = '导入不记录完成情况，按此导入该项仍为未完成（到期即亮红灯）。请删去该说明后导入，再由责任单位报告完成情况、经核查后销号；如无须跟踪，请不列入文件。';

describe('a work plan with a progress column', () => {
  const plan = (header: string, first: string, second = '正在推进') =>
    `序号,工作任务,牵头单位,完成时限,${header}\n1,推进重大决策预公开,青川市财政局,2026-12-31,${first}\n2,完善政策解读机制,青川市教育局,2026-12-30,${second}\n`;

  it.each([
    ['完成情况', '已完成', '完成情况“已完成”注明该项已完成（“已完成”）'],
    ['整改完成情况', '已整改', '整改完成情况“已整改”注明该项已完成（“已整改”）'],
    ['进展情况', '已于6月完成', '进展情况“已于6月完成”注明该项已完成（“已于6月完成”）'],
    ['完成情况', '完成', '完成情况“完成”注明该项已完成（“完成”）'],
    ['是否完成', '是', '是否完成“是”注明该项已完成（“是”）'],
    ['是否完成', '√', '是否完成“√”注明该项已完成（“√”）'],
    ['完成情况', '已取消', '完成情况“已取消”注明该项已取消（“已取消”）'],
  ])('refuses a row whose %s says %s', async (header, said, zh) => {
    const result = await importWorkPlan(plan(header, said), { format: 'csv', title: '2026年完成情况测试', lookupUnit });
    expect(result.ok ? result : result.problems.map((problem) => [problem.row, problem.reasonZh.slice(0, zh.length)])).toEqual([[2, zh]]);
  });

  it.each([
    ['实际完成时间', '2026-05-30', '“实际完成时间”列写明该项已于“2026-05-30”完成：'],
    ['实际完成时间', '2026年5月', '“实际完成时间”列写明该项已于“2026年5月”完成：'],
  ])('refuses a row whose %s gives a day (%s)', async (header, day, zh) => {
    const result = await importWorkPlan(plan(header, day, ''), { format: 'csv', title: '2026年完成时间测试', lookupUnit });
    expect(result.ok ? result : result.problems.map((problem) => [problem.row, problem.reasonZh])).toEqual([[2, `${zh}${DONE_ADVICE}`]]);
  });

  it.each([
    ['完成情况', '正在推进', '已完成60%'],
    ['是否完成', '否', ''],
    ['实际完成时间', '', ''],
  ])('imports rows whose %s says the work goes on (%s / %s), listing the column as not imported', async (header, first, second) => {
    const result = await importWorkPlan(plan(header, first, second), { format: 'csv', title: '2026年进展测试', lookupUnit });
    expect(result.ok ? [result.plan.categories[0]!.items.length, result.notImported] : result.problems).toEqual([2, [header]]);
  });
});

describe('a 台账 with a progress column', () => {
  const options = { lookupUnit, today: '2026-03-10', year: 2026 } as const;

  it.each([
    ['整改完成情况', '已整改', '整改完成情况“已整改”注明该项已完成（“已整改”）'],
    ['是否整改到位', '是', '是否整改到位“是”注明该项已完成（“是”）'],
    ['实际完成时间', '2026-02-28', '“实际完成时间”列写明该项已于“2026-02-28”完成'],
  ])('refuses a finding whose %s says %s', async (header, said, zh) => {
    const csv = `问题,责任单位,整改时限,${header}\n门户网站存在错链,青川市教育局,2026-06-30,${said}\n年度报告发布滞后,青川市财政局,2026-06-30,\n`;
    const result = await importFindings(csv, { format: 'csv', ...options });
    expect(result.ok ? result : result.problems.map((problem) => [problem.row, problem.reasonZh.slice(0, zh.length)])).toEqual([[2, zh]]);
  });

  it('records findings still under way, listing the column as not imported', async () => {
    const csv = '问题,责任单位,整改时限,整改情况\n门户网站存在错链,青川市教育局,2026-06-30,正在整改\n年度报告发布滞后,青川市财政局,2026-06-30,\n';
    const result = await importFindings(csv, { format: 'csv', ...options });
    expect(result.ok ? [result.findings.length, result.notImported] : result.problems).toEqual([2, ['整改情况']]);
  });
});
