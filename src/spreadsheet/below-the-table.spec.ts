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
});
