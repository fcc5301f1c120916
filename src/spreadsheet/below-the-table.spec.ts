import { unitLookupFrom } from '../organization/units/unit-lookup.js';
import { importFindings } from '../rectification/import-findings/findings-file.js';
import { importWorkPlan } from '../work-plan/import/work-plan-import.js';

/*
 * What offices put below or inside a task table that is not a task (breaker10c P10, breaker10b
 * N8, N12): the 填表人/审核人/填报日期 rows, a second table (联络员名单) after two blank rows, and
 * the header repeated where a printed page breaks. Each is skipped with a notice, never read as
 * items nor refused as bad ones.
 */

const lookupUnit = unitLookupFrom([
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
  { id: 'unit-mzj', code: 'MZJ', name: '青川市民政局' },
]);

const PLAN =
  '序号,工作任务,牵头单位,完成时限\n' +
  '1,推进决策公开,青川市财政局,2026-06-30\n' +
  '序号,工作任务,牵头单位,完成时限\n' +
  '2,推进政策解读,青川市教育局,2026-09-30\n' +
  '填表人：张伟,,审核人：王芳,联系电话：0812-1234567\n' +
  '填报日期：2026年3月1日,,,\n' +
  ',,,\n' +
  ',,,\n' +
  '联络员名单,,,\n' +
  '序号,单位,联络员,联系电话\n' +
  '1,青川市财政局,李明,13800000000\n';

describe('rows that are not tasks, below or inside the table', () => {
  it('reads a plan\'s two items and tells each row it skipped', async () => {
    const result = await importWorkPlan(PLAN, { format: 'csv', title: '2026年任务', lookupUnit });
    expect(result.ok ? result.plan.categories.flatMap((category) => category.items.map((item) => item.title)) : result.problems).toEqual(['推进决策公开', '推进政策解读']);
    expect(result.ok && result.notices?.map((notice) => [notice.row, notice.reasonZh])).toEqual(
      expect.arrayContaining([
        [3, '已跳过重复的表头行（打印分页时重复的表头）。'],
        [5, '已跳过填报信息行：填表人：张伟 审核人：王芳 联系电话：0812-1234567'],
        [6, '已跳过填报信息行：填报日期：2026年3月1日'],
        [9, '任务表到此为止：第 9 行起（“联络员名单”，共 3 行）是空两行后的另一张表，未读取。'],
      ]),
    );
  });

  it('skips a template\'s rows that have only their 序号, with one notice naming them, in a ledger and a plan (breaker10f P16)', async () => {
    const ledger = '序号,问题,具体表现,牵头单位,整改时限\n1,行政规范性文件未统一公开,x,青川市财政局,2026-12-31\n2,,,,\n3,,,,\n4,,,,\n';
    const findings = await importFindings(ledger, { format: 'csv', lookupUnit, today: '2026-03-01' });
    expect(findings.ok ? findings.findings.map((finding) => finding.title) : findings.problems).toEqual(['行政规范性文件未统一公开']);
    expect(findings.ok && findings.notices?.map((notice) => notice.reasonZh)).toContainEqual('第 3—5 行只有序号，没有其他内容：按空行跳过。');
    const plan = await importWorkPlan('序号,工作任务,牵头单位,完成时限\n1,推进决策公开,青川市财政局,2026-06-30\n2,,,\n3.,,,\n', { format: 'csv', title: '2026年任务', lookupUnit });
    expect(plan.ok ? plan.plan.categories.flatMap((category) => category.items.map((item) => item.title)) : plan.problems).toEqual(['推进决策公开']);
    expect(plan.ok && plan.notices?.map((notice) => notice.reasonZh)).toContainEqual('第 3—4 行只有序号，没有其他内容：按空行跳过。');
  });

  it('reads a ledger the same way', async () => {
    const csv = '存在问题,整改措施,责任单位,整改时限\n栏目更新不及时,加强更新,青川市财政局,2026-06-30\n填表人：张伟,,审核人：王芳,\n';
    const result = await importFindings(csv, { format: 'csv', lookupUnit, today: '2026-03-01' });
    expect(result.ok ? result.findings.map((finding) => finding.title) : result.problems).toEqual(['栏目更新不及时']);
  });

  // breaker10r P14 (H/GAP1.csv, L4-ledger-second-batch.xlsx): two blank rows, then a heading over more rows of the same
  // table (年中新增任务, 补充问题（第二批反馈）) — the rows below were dropped on a notice while the import said success.
  it('reads a plan\'s second batch below two blank rows and a heading, telling the heading (breaker10r P14)', async () => {
    const csv =
      '青川市2026年空行后续表测试方案\n序号,工作任务,牵头单位,配合单位,完成时限\n' +
      '1,任务甲,青川市财政局,青川市教育局,2026年6月底前\n2,任务乙,青川市财政局,,2026年9月底前\n,,,,\n,,,,\n' +
      ',年中新增任务,,,\n3,任务丙,青川市教育局,青川市民政局,2026年10月底前\n4,任务丁,青川市民政局,,2026年11月底前\n';
    const result = await importWorkPlan(csv, { format: 'csv', title: '2026年任务', lookupUnit });
    expect(result.ok ? result.plan.categories.flatMap((category) => category.items.map((item) => item.title)) : result.problems).toEqual(['任务甲', '任务乙', '任务丙', '任务丁']);
    expect(result.ok && result.notices?.map((notice) => [notice.row, notice.reasonZh])).toContainEqual([7, '第 7 行（“年中新增任务”）在两个空行之后，按小标题跳过；其下各行仍按本表读取。']);
  });

  it('reads a ledger\'s second batch of problems below two blank rows and a heading (breaker10r P14)', async () => {
    const csv =
      '青川市2025年度评估反馈问题整改台账,,,,,,,\n序号,问题,具体表现,类别,严重程度,牵头单位,配合单位,整改时限\n' +
      '1,门户网站存在错链,首页3处链接失效,主动公开,一般,青川市财政局,,2026年3月底前\n' +
      '2,解读不同步,解读晚于文件发布,政策解读,一般,青川市教育局,青川市财政局,2026年6月底前\n,,,,,,,\n,,,,,,,\n' +
      ',补充问题（第二批反馈）,,,,,,\n' +
      '3,依申请答复超期,2件申请答复超过法定期限,依申请公开,较重,青川市民政局,青川市教育局,2026年4月底前\n' +
      '4,年报数据错误,年报表格数据前后不一致,年度报告,一般,青川市财政局,,2026年3月底前\n';
    const result = await importFindings(csv, { format: 'csv', lookupUnit, today: '2026-01-20' });
    expect(result.ok ? result.findings.map((finding) => finding.title) : result.problems).toEqual(['门户网站存在错链', '解读不同步', '依申请答复超期', '年报数据错误']);
  });

  it('refuses such a heading when the table has 一、/二、 sections: the rows below would fall in the last one (breaker10r P14)', async () => {
    const csv =
      '序号,工作任务,牵头单位,完成时限\n一、决策公开,,,\n1,任务甲,青川市财政局,2026年6月底前\n二、平台建设,,,\n2,任务乙,青川市财政局,2026年9月底前\n,,,\n,,,\n' +
      '年中新增任务,,,\n3,任务丙,青川市教育局,2026年10月底前\n';
    const result = await importWorkPlan(csv, { format: 'csv', title: '2026年任务', lookupUnit });
    expect(result.ok ? result.plan : result.problems.map((problem) => problem.reasonZh)).toContainEqual('第 8 行（“年中新增任务”）在两个空行之后，但其下各行仍是本表的内容：请给它编号作为一个大项（如“三、年中新增任务”），或删去该行。');
  });
});
