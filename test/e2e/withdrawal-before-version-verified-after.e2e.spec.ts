import { HEADER, typedTwice, type PlanOffice } from '../support/plan-office.js';

/*
 * withdraw s24 Left 2 (breaker11o P3's edge): a withdrawal dated 05-01, before a version of 06-01 that lists the item, typed
 * after that version and after 甲局's work of 06-05 was verified on 06-06, was refused as withdrawing verified work — though
 * in date order the withdrawal stands for 05-01…05-31 only, the version lists the item again and the work after it is taken.
 * Now the verified work is judged as it stood before the version's day: the withdrawal is taken and ends on 06-01.
 *
 * The same facts are typed into two servers, in date order and as typed; every view is compared on each day viewed.
 * The office day is 2026-06-10.
 */
const TITLE = '青川市2026年政务公开工作要点（撤销早于新版本已核验测试）';
const ROWS =
  '一,公开平台,1,整合政府网站公开专栏,,青川市核验版本甲局,,2026-09-30\n' +
  '一,公开平台,2,开设政务微信公众号,,青川市核验版本乙局,,2026-09-30\n';
/** The version of 06-01 lists both items and moves item 2 to 10-31. */
const VERSION_2 = HEADER + ROWS.replace('开设政务微信公众号,,青川市核验版本乙局,,2026-09-30', '开设政务微信公众号,,青川市核验版本乙局,,2026-10-31');
const UNITS = { JIA: '青川市核验版本甲局', YI: '青川市核验版本乙局' };
const DAYS = ['2026-04-30', '2026-05-15', '2026-06-02', '2026-06-05', '2026-06-07', undefined] as const;

type Fact = 'withdraw1' | 'version2' | 'report' | 'pass';

const type = (office: PlanOffice, fact: Fact) =>
  ({
    withdraw1: () => office.withdraw('1', '2026-05-01'),
    version2: () => office.revise(VERSION_2, '2026-06-01', TITLE),
    report: () => office.report('1', 'JIA', '2026-06-05'),
    pass: () => office.pass('1', 'JIA', '2026-06-06'),
  })[fact]();

describe('a withdrawal dated before a listing version, typed after work verified since that version, is taken and ends on the version’s day (withdraw s24 Left 2)', () => {
  const offices = typedTwice({ now: '2026-06-10T09:00:00+08:00', units: UNITS, planTitle: TITLE, csv: HEADER + ROWS, approvedOn: '2026-03-01', assignedOn: '2026-03-02' });

  it('typed in date order and as the office did (the version, the report and the pass first, the withdrawal last), every fact is taken', async () => {
    for (const fact of ['withdraw1', 'version2', 'report', 'pass'] as const) expect(await type(offices.inDateOrder, fact)).toBeNull();
    for (const fact of ['version2', 'report', 'pass', 'withdraw1'] as const) expect(await type(offices.asTyped, fact)).toBeNull();
  });

  it.each(DAYS)('on %s the breakdown, 完成率, item pages, withdrawn list, scorecard, 待督查 and export agree', async (asOf) => {
    expect(await offices.asTyped.views(asOf)).toEqual(await offices.inDateOrder.views(asOf));
  });

  it('item 1 is out of the plan 05-01…05-31 only, 销号 on 06-06', async () => {
    expect((await offices.asTyped.views('2026-05-15')).pages['1']).toMatchObject({ status: 'WITHDRAWN', withdrawnOn: '2026-05-01' });
    expect((await offices.asTyped.views()).pages['1']).toMatchObject({ status: 'COMPLETED', completedOn: '2026-06-06', withdrawnOn: null });
  });
});
