import { HEADER, PlanOffice } from '../support/plan-office.js';

/*
 * breaker11p P3: item 1 withdrawn by hand on 11-30; a version of the plan dated 11-27 that leaves item 1 out, typed after
 * that withdrawal, changed nothing for item 1: it stayed in the plan 11-27…11-29, a report dated 11-28 was taken and
 * counted 按时 in 单位排名, 完成率 of 11-28 counted 3 items instead of 2, and the page said withdrawn 11-30. In date order
 * the version withdraws item 1 on 11-27 (its reason: the version's), the report of 11-28 is refused and the hand withdrawal
 * of 11-30 changes nothing. Now a withdrawal dated before the standing one moves it back to its day, and a version judges
 * an item withdrawn after its day as in the plan then (its work as it stood before that day: a report dated on or after
 * it, typed before the version, keeps nothing and is set aside, counted nowhere).
 *
 * The same facts are typed into three servers: in date order, as typed with the report last (先撤补报), and as typed with the
 * report first (先报后撤); every view is compared on each day viewed. Item 4 (乙局 reported 11-20, before the version) is kept
 * by the version (保留待督查事项) and withdrawn by hand on 11-30 in every order. The office day is 2026-12-02.
 */
const TITLE = '青川市2026年政务公开工作要点（新版本删去已撤销事项测试）';
const ROWS = [
  '一,公开平台,1,整合政府网站公开专栏,,青川市删去测试甲局,,2026-12-31\n',
  '一,公开平台,2,开设政务微信公众号,,青川市删去测试乙局,,2026-12-31\n',
  '一,公开平台,3,公开重大决策草案,,青川市删去测试甲局,,2026-12-31\n',
  '一,公开平台,4,公开政策解读,,青川市删去测试乙局,,2026-12-31\n',
];
/** The version of 11-27 lists items 2 and 3 only, and moves item 3 to 12-17. */
const VERSION_2 = HEADER + ROWS[1] + ROWS[2]!.replace('2026-12-31', '2026-12-17');
const UNITS = { JIA: '青川市删去测试甲局', YI: '青川市删去测试乙局' };
const DAYS = ['2026-11-26', '2026-11-27', '2026-11-28', '2026-11-30', '2026-12-01', undefined] as const;

type Fact = 'report4' | 'withdraw1' | 'withdraw4' | 'version2' | 'report1';

const type = (office: PlanOffice, fact: Fact) =>
  ({
    report4: () => office.report('4', 'YI', '2026-11-20'),
    withdraw1: () => office.withdraw('1', '2026-11-30'),
    withdraw4: () => office.withdraw('4', '2026-11-30'),
    version2: () => office.revise(VERSION_2, '2026-11-27', TITLE),
    report1: () => office.report('1', 'JIA', '2026-11-28'),
  })[fact]();

describe('a version dated before a hand withdrawal, typed after it, that leaves the item out withdraws it on its own day, whatever the typing order (breaker11p P3)', () => {
  let inDateOrder: PlanOffice;
  let reportLast: PlanOffice;
  let reportFirst: PlanOffice;

  beforeAll(async () => {
    const setUp = { now: '2026-12-02T09:00:00+08:00', units: UNITS, planTitle: TITLE, csv: HEADER + ROWS.join(''), approvedOn: '2026-09-20', assignedOn: '2026-09-21' };
    inDateOrder = await PlanOffice.open(setUp);
    reportLast = await PlanOffice.open(setUp);
    reportFirst = await PlanOffice.open(setUp);
  });

  afterAll(async () => {
    await inDateOrder?.app.close();
    await reportLast?.app.close();
    await reportFirst?.app.close();
  });

  it('typed in date order, the report of 11-28 is refused (item 1 left the plan on 11-27); typed with the report last, it is refused the same way', async () => {
    const taken = async (office: PlanOffice, facts: readonly Fact[]) => {
      const answers: Partial<Record<Fact, string | null>> = {};
      for (const fact of facts) answers[fact] = await type(office, fact);
      return answers;
    };
    const refusedReport = { report4: null, version2: null, withdraw1: null, withdraw4: null, report1: 'CONFLICT' };
    // In date order the hand withdrawal of 11-30 finds item 1 out of the plan since the version: refused (breaker11q P8).
    expect(await taken(inDateOrder, ['report4', 'version2', 'report1', 'withdraw1', 'withdraw4'])).toEqual({ ...refusedReport, withdraw1: 'CONFLICT' });
    expect(await taken(reportLast, ['report4', 'withdraw1', 'withdraw4', 'version2', 'report1'])).toEqual(refusedReport);
  });

  it('typed with the report of 11-28 first (before the withdrawal and the version), every fact is taken', async () => {
    for (const fact of ['report4', 'report1', 'withdraw1', 'withdraw4', 'version2'] as const) expect(await type(reportFirst, fact)).toBeNull();
  });

  it.each(DAYS)('on %s the breakdown, 完成率, item pages, withdrawn list, scorecard, 待督查 and export agree', async (asOf) => {
    const expected = await inDateOrder.views(asOf);
    expect(await reportLast.views(asOf)).toEqual(expected);
    // The one difference: item 1's export row names the report of 11-28, made after its withdrawal (counted nowhere); typed in
    // date order it was refused, so there is none to name.
    const seen = await reportFirst.views(asOf);
    const named = /\n撤销后的记录（不计入统计）：.*$/s;
    expect(seen.exported.some((row) => row.some((cell) => named.test(cell)))).toBe(asOf === undefined || asOf >= '2026-11-28');
    expect({ ...seen, exported: seen.exported.map((row) => row.map((cell) => cell.replace(named, ''))) }).toEqual(expected);
  });

  it('item 1 is out of the plan from 11-27 by the version; item 4, kept by the version, from 11-30; 完成率 of 11-28 is over 3 items', async () => {
    for (const office of [reportLast, reportFirst]) {
      const now = await office.views();
      expect(now.pages['1']).toMatchObject({ status: 'WITHDRAWN', withdrawnOn: '2026-11-27', parts: [{ status: 'ASSIGNED', reports: [] }] });
      expect(now.withdrawn).toEqual([{ code: '1', withdrawnOn: '2026-11-27' }, { code: '4', withdrawnOn: '2026-11-30' }]);
      const on28 = await office.views('2026-11-28');
      expect(on28.plan.progress).toMatchObject({ items: 3 });
      expect(on28.pages['1']).toMatchObject({ status: 'WITHDRAWN', withdrawnOn: '2026-11-27' });
      expect(now.exported.find((row) => row.some((cell) => cell.includes('整合政府网站公开专栏')))!.join(',')).toContain('已撤销（2026-11-27：依据 plan-2026-11-27.csv 修订方案）');
    }
  });
});
