import { setImmediate as nextTurn } from 'node:timers/promises';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { MAX_FILE_ROWS } from '../../spreadsheet/file-limits.js';
import { MAX_PLAN_ITEMS } from './plan-document.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * breaker51-10 S7: a 5 MB plan CSV (37 288 rows) taken by POST /imports/files made /health wait 26–30 s during its dry run: the file
 * was read in a worker, but every row was then read into the plan and checked on the server's own thread in one go. The rows are now
 * read and checked in slices (other requests answered between them), and a file of more rows than any plan has is refused at once,
 * before any row is checked.
 */
const lookupUnit = unitLookupFrom([
  { id: 'unit-a', code: 'A01', name: '青川市甲务局' },
  { id: 'unit-b', code: 'A02', name: '青川市乙务局' },
  { id: 'unit-c', code: 'A03', name: '青川市丙务局' },
]);
const planOf = (rows: number) => {
  let csv = '类别编号,类别,编号,事项,牵头单位,责任单位,完成时限\n';
  for (let code = 1; code <= rows; code += 1) csv += `一,测试,${code},大文件事项第${code}项推进政务公开,青川市甲务局,青川市乙务局、青川市丙务局,2026-09-30\n`;
  return new TextEncoder().encode(csv);
};

describe('a large plan file (breaker51-10 S7)', () => {
  it('is read and checked in slices: a request that comes while its rows are checked is answered before the import is done', async () => {
    let done = false;
    const importing = importWorkPlan(planOf(3_000), { format: 'csv', title: '大文件测试', year: 2026, lookupUnit }).then((result) => {
      done = true;
      return result;
    });
    // Another request: it waits for the event loop, as /health does. Answered while the import still runs.
    let answeredWhileImporting = 0;
    while (!done) {
      await nextTurn();
      if (!done) answeredWhileImporting += 1;
    }
    const result = await importing;
    expect(result.ok && result.plan.categories[0]!.items.length).toBe(3_000);
    expect(answeredWhileImporting).toBeGreaterThan(10);
  });

  it(`refuses a file of more than ${MAX_PLAN_ITEMS} items at once, saying how many items and that no plan has so many`, async () => {
    const result = await importWorkPlan(planOf(MAX_PLAN_ITEMS + 1), { format: 'csv', title: '大文件测试', year: 2026, lookupUnit });
    expect(result.ok ? result : result.problems.map((problem) => [problem.row, problem.reasonZh])).toEqual([
      [null, `该文件有 ${MAX_PLAN_ITEMS + 1} 项事项，超过一个方案允许的 ${MAX_PLAN_ITEMS} 项（工作方案通常为几十到几百项）：请核对是否选错了文件，或文件中的行是否重复粘贴了多遍。`],
    ]);
  });

  // breaker52-10 M2: the limit counted rows, so a plan in its export's layout (a row per unit) of 3 000 items — 6 000 rows — was
  // refused as 「该文件有 6000 行事项，超过一个方案允许的 5000 项」, and a 5 000-item plan's own export could never come back.
  it('counts items, not rows: 3 000 items written a row per unit (6 000 rows) import', async () => {
    let csv = '类别编号,类别,编号,事项,牵头单位,责任单位,完成时限\n';
    for (let code = 1; code <= 3_000; code += 1) {
      for (const unit of ['青川市乙务局', '青川市丙务局']) csv += `一,测试,${code},大文件事项第${code}项推进政务公开,青川市甲务局,${unit},2026-09-30\n`;
    }
    const result = await importWorkPlan(new TextEncoder().encode(csv), { format: 'csv', title: '大文件测试', year: 2026, lookupUnit });
    expect(result.ok ? result.plan.categories[0]!.items.length : result.problems.slice(0, 3).map((problem) => problem.reasonZh)).toBe(3_000);
  }, 120_000);

  it('counts the items of the plan\'s own export (序号 numbering rows, a row per unit): 5 001 items in 10 002 rows are 5001 项事项', async () => {
    let csv = '序号,类别,工作事项,牵头单位,责任单位,完成时限,状态,红黄绿灯\n';
    let row = 0;
    for (let code = 1; code <= MAX_PLAN_ITEMS + 1; code += 1) {
      for (const unit of ['青川市甲务局', '青川市乙务局']) csv += `${(row += 1)},一 测试,${code} 大文件事项第${code}项,青川市甲务局,${unit},2026-09-30,整改中,绿灯\n`;
    }
    const result = await importWorkPlan(new TextEncoder().encode(csv), { format: 'csv', title: '大文件测试', year: 2026, lookupUnit });
    expect(result.ok ? result : result.problems.map((problem) => problem.reasonZh)).toEqual([expect.stringMatching(new RegExp(`^该文件有 ${MAX_PLAN_ITEMS + 1} 项事项，`))]);
  });

  it(`refuses a file of more than ${MAX_FILE_ROWS} rows at once, saying rows (行), however few items they repeat (breaker52-10 M2)`, async () => {
    let csv = '类别编号,类别,编号,事项,牵头单位,责任单位,完成时限\n';
    for (let row = 1; row <= MAX_FILE_ROWS + 1; row += 1) csv += `一,测试,${row % 10},大文件事项第${row % 10}项推进政务公开,青川市甲务局,青川市乙务局,2026-09-30\n`;
    const result = await importWorkPlan(new TextEncoder().encode(csv), { format: 'csv', title: '大文件测试', year: 2026, lookupUnit });
    expect(result.ok ? result : result.problems.map((problem) => [problem.row, problem.reasonZh])).toEqual([
      [null, `该文件有 ${MAX_FILE_ROWS + 1} 行，超过一个方案文件允许的 ${MAX_FILE_ROWS} 行（工作方案通常为几十到几百项，导出表每个单位一行）：请核对是否选错了文件，或文件中的行是否重复粘贴了多遍。`],
    ]);
  });
});
