import { HEADER, typedTwice, type PlanOffice } from '../support/plan-office.js';

/*
 * breaker11o P3: a withdrawal dated before a version of the plan that lists the item, typed after that
 * version was applied, stood for good — the item out of the plan on every later day, 完成率 without it,
 * its reports refused — while in date order the version lists the withdrawn item again (恢复列入方案).
 * Now the withdrawal ends on that version's day, as in date order.
 *
 * The same facts are typed into two servers, in date order and as typed (the version of 06-01 first, then
 * the withdrawal of 05-01); every view is compared on each day viewed. The office day is 2026-06-10.
 */
const TITLE = '青川市2026年政务公开工作要点（撤销早于新版本测试）';
const ROWS =
  '一,公开平台,1,整合政府网站公开专栏,,青川市版本测试甲局,,2026-09-30\n' +
  '一,公开平台,2,开设政务微信公众号,,青川市版本测试乙局,,2026-09-30\n';
/** The version of 06-01 lists both items and moves item 2 to 10-31. */
const VERSION_2 = HEADER + ROWS.replace('开设政务微信公众号,,青川市版本测试乙局,,2026-09-30', '开设政务微信公众号,,青川市版本测试乙局,,2026-10-31');
const UNITS = { JIA: '青川市版本测试甲局', YI: '青川市版本测试乙局' };
const DAYS = ['2026-04-30', '2026-05-01', '2026-05-09', '2026-05-15', '2026-05-31', '2026-06-01', '2026-06-05', undefined] as const;

type Fact = 'withdraw1' | 'version2' | 'reportInside' | 'reportAfter';

const type = (office: PlanOffice, fact: Fact) =>
  ({
    withdraw1: () => office.withdraw('1', '2026-05-01'),
    version2: () => office.revise(VERSION_2, '2026-06-01', TITLE),
    // Inside item 1's days out of the plan (05-01 until 06-01).
    reportInside: () => office.report('1', 'JIA', '2026-05-10'),
    reportAfter: () => office.report('1', 'JIA', '2026-06-05'),
  })[fact]();

describe('a withdrawal dated before a version that lists the item ends on that version’s day, whatever the typing order (breaker11o P3)', () => {
  const offices = typedTwice({ now: '2026-06-10T09:00:00+08:00', units: UNITS, planTitle: TITLE, csv: HEADER + ROWS, approvedOn: '2026-03-01', assignedOn: '2026-03-02' });

  it('typed in date order: the version lists the withdrawn item again; the report of its days out of the plan is refused', async () => {
    const taken: Partial<Record<Fact, string | null>> = {};
    for (const fact of ['withdraw1', 'reportInside', 'version2', 'reportAfter'] as const) taken[fact] = await type(offices.inDateOrder, fact);
    expect(taken).toEqual({ withdraw1: null, reportInside: 'CONFLICT', version2: null, reportAfter: null });
  });

  it('typed as the office did (甲局’s report of 05-10 and the version of 06-01 first, the withdrawal of 05-01 last): taken, the report of 06-05 after it too', async () => {
    for (const fact of ['reportInside', 'version2', 'withdraw1', 'reportAfter'] as const) expect(await type(offices.asTyped, fact)).toBeNull();
    // A record of the days out of the plan is refused now, naming both days.
    expect(await type(offices.asTyped, 'reportInside')).toBe('CONFLICT');
  });

  it.each(DAYS)('on %s the breakdown, 完成率, item pages, withdrawn list, scorecard, 待督查 and export agree', async (asOf) => {
    const expected = await offices.inDateOrder.views(asOf);
    const seen = await offices.asTyped.views(asOf);
    // The one difference: while item 1 is out of the plan, its export row names 甲局’s report of 05-10, typed before the withdrawal
    // and counted nowhere (breaker11h P8); typed in date order it was refused, so there is none to name.
    const named = '\n撤销后的记录（不计入统计）：2026-05-10 报送整改报告';
    expect(seen.exported.some((row) => row.some((cell) => cell.endsWith(named)))).toBe(asOf !== undefined && asOf >= '2026-05-10' && asOf < '2026-06-01');
    expect({ ...seen, exported: seen.exported.map((row) => row.map((cell) => cell.replace(named, ''))) }).toEqual(expected);
  });

  it('item 1 is out of the plan from 05-01 until 06-01 only, and back in the plan today with 甲局’s report of 06-05', async () => {
    const may = await offices.asTyped.views('2026-05-15');
    expect(may.pages['1']).toMatchObject({ status: 'WITHDRAWN', withdrawnOn: '2026-05-01' });
    expect(may.plan.progress).toMatchObject({ items: 1 });
    const now = await offices.asTyped.views();
    expect(now.pages['1']).toMatchObject({ status: 'OPEN', withdrawnOn: null, parts: [{ status: 'REPORTED', reports: [{ reportedOn: '2026-06-05' }] }] });
    expect(now.withdrawn).toEqual([]);
    expect(now.plan.progress).toMatchObject({ items: 2 });
  });
});
