import { setImmediate as nextTurn } from 'node:timers/promises';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { MAX_PLAN_ROWS } from './plan-document.js';
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

  it(`refuses a file of more than ${MAX_PLAN_ROWS} item rows at once, saying how many and that no plan has so many`, async () => {
    const result = await importWorkPlan(planOf(MAX_PLAN_ROWS + 1), { format: 'csv', title: '大文件测试', year: 2026, lookupUnit });
    expect(result.ok ? result : result.problems.map((problem) => [problem.row, problem.reasonZh])).toEqual([
      [null, `该文件有 ${MAX_PLAN_ROWS + 1} 行事项，超过一个方案允许的 ${MAX_PLAN_ROWS} 项（工作方案通常为几十到几百项）：请核对是否选错了文件，或文件中的行是否重复粘贴了多遍。`],
    ]);
  });
});
