import { HEADER, typedTwice, type PlanOffice } from '../support/plan-office.js';

/*
 * breaker11o P4: 单位排名 (unitScorecard) now counted a withdrawn item's part with a report dated after
 * the withdrawal, typed before it, as 按时报送 — a report that in date order is refused, and that the
 * scorecard of any past day did not count: typing order changed the ranking. And a withdrawn item's part,
 * due after its withdrawal, became due and overdue once its old due date passed.
 *
 * The rule (README, 撤销事项): a withdrawn item's parts count in 单位排名 as they stood on the withdrawal —
 * their records made before it, their lateness judged on that day; nothing dated on or after it counts.
 * The same facts are typed into two servers, in date order and as an office typed them; every view is
 * compared on each day viewed. The office day is 2026-10-10, after every due date.
 */
const TITLE = '青川市2026年政务公开工作要点（撤销排名测试）';
const CSV =
  HEADER +
  '一,公开平台,1,整合政府网站公开专栏,,青川市排名测试甲局,,2026-09-30\n' +
  '一,公开平台,2,公开财政预决算,,青川市排名测试甲局,,2026-04-30\n' +
  '一,公开平台,3,开设政务微信公众号,,青川市排名测试乙局,,2026-09-30\n' +
  '一,公开平台,4,公开重大决策草案,,青川市排名测试乙局,,2026-09-30\n' +
  '一,公开平台,5,公开政策解读,,青川市排名测试乙局,,2026-09-30\n';
const UNITS = { JIA: '青川市排名测试甲局', YI: '青川市排名测试乙局' };
const DAYS = ['2026-04-26', '2026-05-01', '2026-05-06', '2026-05-11', '2026-06-01', '2026-10-01', '2026-10-10', undefined] as const;

type Fact = 'report1After' | 'report3After' | 'report5Before' | 'report4' | 'withdraw1' | 'withdraw2' | 'withdraw3' | 'withdraw5';

/**
 * Items 1–3 and 5 are withdrawn on 05-01. Item 1: 甲局 reports on 05-10, after the withdrawal. Item 2 (due 04-30): never
 * reported, withdrawn overdue. Item 3: 乙局 reports on 05-05, after the withdrawal. Item 5: 乙局 reports on 04-25, before it.
 * Item 4 stays in the plan (乙局 reports on 05-02).
 */
const type = (office: PlanOffice, fact: Fact) =>
  ({
    report1After: () => office.report('1', 'JIA', '2026-05-10'),
    report3After: () => office.report('3', 'YI', '2026-05-05'),
    report5Before: () => office.report('5', 'YI', '2026-04-25'),
    report4: () => office.report('4', 'YI', '2026-05-02'),
    withdraw1: () => office.withdraw('1', '2026-05-01'),
    withdraw2: () => office.withdraw('2', '2026-05-01'),
    withdraw3: () => office.withdraw('3', '2026-05-01'),
    withdraw5: () => office.withdraw('5', '2026-05-01'),
  })[fact]();

describe('单位排名 counts a withdrawn item as it stood on its withdrawal, whatever the typing order (breaker11o P4)', () => {
  const offices = typedTwice({ now: '2026-10-10T09:00:00+08:00', units: UNITS, planTitle: TITLE, csv: CSV, approvedOn: '2026-03-01', assignedOn: '2026-03-02' });

  it('typed in date order, the reports dated after the withdrawal are refused', async () => {
    const taken: Partial<Record<Fact, string | null>> = {};
    for (const fact of ['report5Before', 'withdraw1', 'withdraw2', 'withdraw3', 'withdraw5', 'report4', 'report1After', 'report3After'] as const) taken[fact] = await type(offices.inDateOrder, fact);
    expect(taken).toEqual({ report5Before: null, withdraw1: null, withdraw2: null, withdraw3: null, withdraw5: null, report4: null, report1After: 'CONFLICT', report3After: 'CONFLICT' });
  });

  it('typed as the office did (the units’ reports of 05-05 and 05-10 before the withdrawals, 乙局’s report of 04-25 after them), every fact is taken', async () => {
    for (const fact of ['report1After', 'report3After', 'report4', 'withdraw1', 'withdraw2', 'withdraw3', 'withdraw5', 'report5Before'] as const) expect(await type(offices.asTyped, fact)).toBeNull();
  });

  it.each(DAYS)('on %s the scorecard, breakdown, 完成率, item pages, withdrawn list, 待督查 and export agree', async (asOf) => {
    const expected = await offices.inDateOrder.views(asOf);
    const seen = await offices.asTyped.views(asOf);
    // The one difference: a withdrawn item's export row names the records made after its withdrawal (counted nowhere); typed in
    // date order they were refused, so there is none to name.
    const named = /\n撤销后的记录（不计入统计）：.*$/s;
    expect(seen.exported.some((row) => row.some((cell) => named.test(cell)))).toBe(asOf === undefined || asOf >= '2026-05-05');
    expect({ ...seen, exported: seen.exported.map((row) => row.map((cell) => cell.replace(named, ''))) }).toEqual(expected);
  });

  it('甲局: items 1 and 2 stay in its 任务数; only item 2, overdue when withdrawn, is due — item 1’s report of 05-10 is not 按时, nor is item 1 overdue after 09-30; 乙局: item 3’s report of 05-05 is not counted, item 5’s of 04-25 is', async () => {
    for (const asOf of ['2026-10-01', '2026-10-10', undefined]) {
      const { scorecard } = await offices.asTyped.views(asOf);
      expect(scorecard.find((row: { unitName: string }) => row.unitName === UNITS.JIA)).toEqual({ unitName: UNITS.JIA, parts: 2, due: 1, onTime: 0, onTimeRate: 0, overdue: 1, returned: 0 });
      expect(scorecard.find((row: { unitName: string }) => row.unitName === UNITS.YI)).toEqual({ unitName: UNITS.YI, parts: 3, due: 2, onTime: 2, onTimeRate: 100, overdue: 0, returned: 0 });
    }
  });
});
