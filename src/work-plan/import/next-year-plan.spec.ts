import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * breaker10m P14: next year's plan, approved and told to its units in December, has 立行立改 items (due the day the units
 * are told) and tasks due this December (印发年度工作要点 by 12-31). Its period starts on that day, not on 01-01 of its year;
 * a day before it is still refused, naming the period.
 */

const directory = unitLookupFrom([
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
  { id: 'unit-openness', code: 'OPENNESS', name: '青川市政务公开办公室' },
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
]);
const csv =
  '序号,工作任务,牵头单位,完成时限\n' +
  '1,整改网站错链,青川市教育局,立行立改\n' +
  '2,印发年度工作要点,青川市政务公开办公室,2026年12月31日前\n' +
  '3,推进财政公开,青川市财政局,2027年6月30日\n';
const options = { format: 'csv', title: '青川市2027年政务公开工作要点任务分解', year: 2027, lookupUnit: directory } as const;

describe('next year\'s plan told to its units in December (breaker10m P14)', () => {
  it('takes 立行立改 as due the day the units are told, and a task due this December', async () => {
    const result = await importWorkPlan(csv, { ...options, today: '2026-12-02' });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.plan.categories.flatMap((category) => category.items.map((item) => [item.code, item.dueDate]))).toEqual([
      ['1', '2026-12-02'],
      ['2', '2026-12-31'],
      ['3', '2027-06-30'],
    ]);
  });

  it('still refuses a day before the units are told, naming the period from that day', async () => {
    const early = csv.replace('2026年12月31日前', '2026年11月30日');
    const result = await importWorkPlan(early, { ...options, today: '2026-12-02' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((problem) => [problem.row, problem.reasonZh])).toEqual([
      [3, '完成时限 2026-11-30 早于工作方案的期限（自交办之日起）：应在 2026-12-02 至 2027-12-31 之间。'],
    ]);
  });

  it('told in the plan\'s own year, the period starts on 01-01 as before', async () => {
    const result = await importWorkPlan(csv, { ...options, today: '2027-01-05' });
    expect(!result.ok && result.problems.map((problem) => problem.reasonZh)).toEqual(['完成时限 2026-12-31 早于工作方案的年度：应在 2027-01-01 至 2027-12-31 之间。']);
  });
});

// newcomer52-10 M7: 「明年3月底前」 in a 2027 plan drafted in December 2026 was refused as 「完成时限 2028-03-31 晚于…」, never quoting the cell
// nor saying 明年 was taken from the plan's year.
describe('a deadline refused for the plan\'s period quotes the cell as written and how it was read', () => {
  it('明年3月底前 in a 2027 plan: the year after the plan\'s year, said so', async () => {
    const nextYear = csv.replace('2027年6月30日', '明年3月底前');
    const result = await importWorkPlan(nextYear, { ...options, today: '2026-12-02' });
    expect(!result.ok && result.problems.map((problem) => [problem.row, problem.reasonZh])).toEqual([
      [4, expect.stringMatching(/^完成时限“明年3月底前”（“明年”按方案年度 2027 年的次年读取，读作 2028-03-31）晚于工作方案「青川市2027年政务公开工作要点任务分解」的期限（2027-12-31）/)],
    ]);
  });

  it('a cell giving the day itself is named by the day alone, as before', async () => {
    const result = await importWorkPlan(csv.replace('2027年6月30日', '2028-03-31'), { ...options, today: '2026-12-02' });
    expect(!result.ok && result.problems.map((problem) => problem.reasonZh)).toEqual([expect.stringMatching(/^完成时限 2028-03-31 晚于工作方案/)]);
  });
});
