import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importWorkPlan } from '../../work-plan/import/work-plan-import.js';
import { importFindings } from './findings-file.js';

/*
 * breaker10r P10 (serious): a 台账 listing one problem's measures row by row (L2-ledger-measures-rows.csv), the lead written again on a
 * continuing row with its own later deadline, kept the first row's deadline, silently: the lead red on 1 April with its June measure
 * open. Same in a plan with the lead typed again (H/LC1.csv; only a merged-down lead cell was read so). Now the lead is due on the
 * latest of its rows, told naming both rows — except in Rectify's own exports, whose every row repeats the leads beside one unit's part.
 */
const directory = unitLookupFrom([
  { id: 'unit-sjj', code: 'SJJ', name: '澜州市数据资源管理局' },
  { id: 'unit-jyj', code: 'JYJ', name: '澜州市教育局' },
  { id: 'unit-mzj', code: 'MZJ', name: '澜州市民政局' },
  { id: 'unit-gkb', code: 'GKB', name: '澜州市政务公开办公室' },
  { id: 'unit-czj', code: 'CZJ', name: '澜州市财政局' },
]);

describe('the lead named again on a continuing row with a later deadline (breaker10r P10)', () => {
  it('in a 台账 (L2): the lead due on the latest of its rows, told naming both rows; the other units keep their rows’ deadlines', async () => {
    const csv =
      '问题,具体表现,类别,严重程度,整改措施,牵头单位,配合单位,整改时限\n' +
      '网站栏目空白,部分栏目长期无内容,主动公开,一般,清理空白栏目,澜州市数据资源管理局,,2026年3月底前\n' +
      ',,,,建立栏目内容保障机制,澜州市数据资源管理局,澜州市教育局,2026年6月底前\n' +
      ',,,,开展季度检查,,澜州市民政局,2026年9月底前\n';
    const result = await importFindings(csv, { format: 'csv', lookupUnit: directory, today: '2026-01-23', identifiedOn: '2026-01-20', year: 2026 });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.findings[0]!.parts.map((part) => [part.unit.unitId, part.role, part.dueDate])).toEqual([
      ['unit-sjj', 'LEAD', '2026-06-30'],
      ['unit-jyj', 'RESPONSIBLE', '2026-06-30'],
      ['unit-mzj', 'RESPONSIBLE', '2026-09-30'],
    ]);
    expect((result.notices ?? []).map((notice) => notice.reasonZh)).toEqual(
      expect.arrayContaining(['牵头单位“澜州市数据资源管理局”在第 3 行（续第 2 行）再次列明，时限较晚：其任务按其各行中最晚的时限 2026-06-30 计（第 2 行为 2026-03-31）。']),
    );
  });

  it('in a CSV, a continuing row with its 牵头单位 blank and a later deadline — a merged lead cell lost by 另存为 CSV — says the lead’s deadline and the way to the workbook’s reading (newcomer46-10 S3)', async () => {
    const csv =
      '序号,存在问题,整改措施,牵头单位,配合单位,整改时限\n' +
      '4,网民留言答复不及时,建立留言办理督办机制,澜州市政务公开办公室,澜州市民政局,立行立改\n' +
      ',,对超期留言逐件督办,,澜州市教育局,2026年4月30日前\n';
    const result = await importFindings(csv, { format: 'csv', lookupUnit: directory, today: '2026-03-12', identifiedOn: '2026-03-10', year: 2026 });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.findings[0]!.parts.map((part) => [part.unit.unitId, part.role, part.dueDate])).toEqual([
      ['unit-gkb', 'LEAD', '2026-03-12'],
      ['unit-mzj', 'RESPONSIBLE', '2026-03-12'],
      ['unit-jyj', 'RESPONSIBLE', '2026-04-30'],
    ]);
    expect((result.notices ?? []).filter((notice) => notice.row === 3).map((notice) => notice.reasonZh)).toContain(
      '本行续第 2 行的问题，牵头单位空白：牵头单位“澜州市政务公开办公室”的任务按 立行立改（2026-03-12） 计，不含本行的时限 2026-04-30。如原表中牵头单位是合并单元格（Excel 另存为 CSV 时，合并单元格的内容只留在第一行），其任务应按各行中最晚的时限 2026-04-30 计：请在本行也填写牵头单位，或改为导入原 Excel 文件（.xlsx）。',
    );
    // Written on the row too, it reads as the workbook does: the lead due on the latest of its rows, no advice.
    const typed = await importFindings(csv.replace(',,对超期留言逐件督办,,', ',,对超期留言逐件督办,澜州市政务公开办公室,'), { format: 'csv', lookupUnit: directory, today: '2026-03-12', identifiedOn: '2026-03-10', year: 2026 });
    if (!typed.ok) throw new Error(JSON.stringify(typed.problems));
    expect(typed.findings[0]!.parts[0]).toMatchObject({ unit: { unitId: 'unit-gkb' }, role: 'LEAD', dueDate: '2026-04-30' });
    expect((typed.notices ?? []).map((notice) => notice.reasonZh).filter((words) => words.includes('牵头单位空白'))).toEqual([]);
  });

  it('an earlier deadline on the continuing row leaves the lead’s later one', async () => {
    const csv =
      '问题,具体表现,整改措施,牵头单位,配合单位,整改时限\n' +
      '网站栏目空白,部分栏目长期无内容,清理空白栏目,澜州市数据资源管理局,,2026年9月底前\n' +
      ',,建立机制,澜州市数据资源管理局,澜州市教育局,2026年6月底前\n';
    const result = await importFindings(csv, { format: 'csv', lookupUnit: directory, today: '2026-01-23', year: 2026 });
    expect(result.ok && result.findings[0]!.parts.map((part) => [part.unit.unitId, part.dueDate])).toEqual([
      ['unit-sjj', '2026-09-30'],
      ['unit-jyj', '2026-06-30'],
    ]);
  });

  it('in a plan with the lead typed again (LC1): the lead and the item due on its last row, told', async () => {
    const csv =
      '澜州市2026年牵头续行时限测试方案\n序号,工作任务,牵头单位,配合单位,完成时限\n' +
      '1,推进政务公开标准化,澜州市政务公开办公室,澜州市财政局,2026年3月底前\n' +
      ',,澜州市政务公开办公室,澜州市教育局,2026年9月底前\n' +
      '2,任务乙,澜州市财政局,,2026年9月底前\n';
    const result = await importWorkPlan(csv, { format: 'csv', title: '牵头续行', year: 2026, lookupUnit: directory });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const item = result.plan.categories[0]!.items[0]!;
    expect(item.dueDate).toBe('2026-09-30');
    expect(item.partDueDates).toMatchObject({ 'unit-czj': { dueDate: '2026-03-31', terms: { kind: 'BY_DATE' } } });
    expect((result.notices ?? []).map((notice) => notice.reasonZh)).toEqual(expect.arrayContaining([expect.stringMatching(/^事项 1（第 3 行）的牵头单位在第 4 行也有列名：牵头单位和该事项按其最后一行的时限 2026-09-30 计/u)]));
  });
});

describe('立行立改（YYYY-MM-DD） in an office’s file (import10b "Left")', () => {
  it('a 台账 assigned on 2026-01-23 refuses 立行立改（2026-09-30）; a plan the same', async () => {
    const ledger = await importFindings('问题,牵头单位,整改时限\n网站栏目空白,澜州市教育局,立行立改（2026-09-30）\n', { format: 'csv', lookupUnit: directory, today: '2026-01-23', year: 2026 });
    expect(!ledger.ok && ledger.problems.map((problem) => problem.reasonZh)).toEqual([expect.stringContaining('的括号中写有另一个时限（2026-09-30）')]);
    const plan = await importWorkPlan('序号,工作任务,牵头单位,完成时限\n1,任务甲,澜州市教育局,立行立改（2026-09-30）\n', { format: 'csv', title: '立行立改', year: 2026, lookupUnit: directory, today: '2026-02-25' });
    expect(!plan.ok && plan.problems.map((problem) => problem.reasonZh)).toEqual([expect.stringContaining('的括号中写有另一个时限（2026-09-30）')]);
    const sameDay = await importWorkPlan('序号,工作任务,牵头单位,完成时限\n1,任务甲,澜州市教育局,立行立改（2026-02-25）\n', { format: 'csv', title: '立行立改', year: 2026, lookupUnit: directory, today: '2026-02-25' });
    expect(sameDay.ok && sameDay.plan.categories[0]!.items[0]!.terms).toEqual({ kind: 'AT_ONCE' });
  });
});
