import { unitLookupFrom } from '../organization/units/unit-lookup.js';
import { importFindings } from '../rectification/import-findings/findings-file.js';
import { importWorkPlan } from '../work-plan/import/work-plan-import.js';
import { readDeadline } from './deadline-text.js';

/*
 * breaker48-10 M1: 「2月29日」 without a year, in a plan or 台账 of 2026, was refused as 「日期 2026-02-29 不存在」 — a date the file never
 * wrote, with nothing said of the year it was read in. Now a day without a year is read in the plan's (台账's) year when that year has
 * it (2028 has 2月29日), else refused saying the year it was read in and why it has no such day; a day no year has (2月30日) says so.
 */
const directory = unitLookupFrom([{ id: 'unit-czj', code: 'CZJ', name: '青川市财政局' }]);
const planDue = async (due: string, year: number) => {
  const result = await importWorkPlan(`序号,工作任务,牵头单位,完成时限\n1,推进甲信息公开,青川市财政局,${due}\n`, { format: 'csv', title: '闰日', year, lookupUnit: directory });
  return result.ok ? result.plan.categories[0]!.items[0]!.dueDate : result.problems.map((problem) => `第 ${problem.row} 行：${problem.reasonZh}`);
};
const ledgerDue = async (due: string, year: number, today = `${year}-01-05`) => {
  const result = await importFindings(`序号,问题,具体表现,责任单位,整改时限\n1,门户网站存在错链,3处链接失效,青川市财政局,${due}\n`, { format: 'csv', lookupUnit: directory, today, year });
  return result.ok ? result.findings[0]!.parts[0]!.dueDate : result.problems.map((problem) => `第 ${problem.row} 行：${problem.reasonZh}`);
};

describe('2月29日 without a year', () => {
  it.each(['2月29日', '2月29日前', '2.29前'])('%s in a leap year’s plan or 台账 is that day', async (due) => {
    expect(readDeadline(due, { year: 2028 })).toEqual({ ok: true, deadline: { kind: 'BY_DATE', dueDate: '2028-02-29' } });
    expect(await planDue(due, 2028)).toBe('2028-02-29');
    expect(await ledgerDue(due, 2028)).toBe('2028-02-29');
  });

  it('in a year without one: refused naming the row, the column, the year it was read in and why', async () => {
    const why = '“2月29日”没有写年份，按所属年度 2026 年读，但 2026 年没有2月29日（2026 年不是闰年）：请写明年份和日期，如“2026年2月28日”或“2026年3月1日”';
    expect(readDeadline('2月29日', { year: 2026 })).toMatchObject({ ok: false, reasonZh: why });
    expect(await planDue('2月29日', 2026)).toEqual([expect.stringMatching(new RegExp(`^第 2 行：完成时限无法识别：${why}`))]);
    expect(await ledgerDue('2月29日', 2026)).toEqual([expect.stringMatching(new RegExp(`^第 2 行：整改时限无法识别：${why}`))]);
    expect(readDeadline('2月29日前', { year: 2026 })).toMatchObject({ ok: false, reason: expect.stringContaining('so it is read in 2026, which has no 2月29日 (2026 is no leap year)') });
  });

  it('in a 台账 drawn up after February of a year without one: next year’s, as any day already past', () => {
    expect(readDeadline('2月29日', { year: 2027, notBefore: '2027-10-08' })).toMatchObject({ ok: true, deadline: { kind: 'BY_DATE', dueDate: '2028-02-29' }, yearAfter: 2028 });
  });

  it('written with its year, the year is the file’s', () => {
    expect(readDeadline('2026年2月29日', { year: 2028 })).toMatchObject({ ok: false, reasonZh: '“2026年2月29日”：日期 2026-02-29 不存在' });
  });
});

describe('a day no year has, without a year', () => {
  it.each([
    ['2月30日', '“2月30日”：任何年份都没有2月30日（2026 年2月的最后一天是 2026-02-28）：请写一个存在的日期，如“2026-02-28”'],
    ['4月31日前', '“4月31日前”：任何年份都没有4月31日（2026 年4月的最后一天是 2026-04-30）：请写一个存在的日期，如“2026-04-30”'],
  ])('%s is refused saying so', async (due, why) => {
    expect(readDeadline(due, { year: 2026 })).toMatchObject({ ok: false, reasonZh: why });
    expect(await planDue(due, 2026)).toEqual([expect.stringContaining(why)]);
    expect(await ledgerDue(due, 2026)).toEqual([expect.stringContaining(why)]);
  });
});
