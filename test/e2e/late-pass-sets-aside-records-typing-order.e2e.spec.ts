import { HEADER, typedTwice, type PlanOffice } from '../support/plan-office.js';

/*
 * breaker11o P2: a pass dated before a withdrawal that a later version ended could not be entered when a unit's record
 * inside that span had been entered before the withdrawal and no longer held once the pass counted (甲局 reported again
 * on 10-13 after a pass of 09-24): 「…请先更正撤销日期之前补录的记录」 — and no correction could reach that record. In date
 * order the pass is taken, the report of 10-13 refused (the part is verified), the withdrawal refused (verified work) and
 * the version changes nothing. Now the pass is taken as typed: the withdrawal does not stand, and the undoing carries the
 * records that no longer hold (WorkPlanItemWithdrawalUndone.recordsSetAside), which every view leaves out for good;
 * records of those days that hold (乙局's report of 10-15) count again, as taken in date order.
 *
 * The same facts are typed into two servers, in date order and as the office typed them; every view is compared on
 * each day viewed. The office day is 2026-12-02.
 */
const TITLE = '青川市2026年政务公开工作要点（补录核验撤销测试）';
const ROWS = '一,公开平台,1,整合政府网站公开专栏,,青川市补核测试甲局,青川市补核测试乙局,2026-12-31\n' + '一,公开平台,2,开设政务微信公众号,,青川市补核测试乙局,,2026-12-31\n';
/** The version of 10-26 lists both items (item 1 again) and moves item 2 to 12-20. */
const VERSION_2 = HEADER + ROWS.replace('开设政务微信公众号,,青川市补核测试乙局,,2026-12-31', '开设政务微信公众号,,青川市补核测试乙局,,2026-12-20');
const UNITS = { JIA: '青川市补核测试甲局', YI: '青川市补核测试乙局' };
const DAYS = ['2026-09-23', '2026-09-25', '2026-10-12', '2026-10-14', '2026-10-16', '2026-10-27', undefined] as const;

type Fact = 'report09' | 'pass09' | 'report13' | 'reportYi15' | 'withdraw' | 'version';

const type = (office: PlanOffice, fact: Fact) =>
  ({
    report09: () => office.report('1', 'JIA', '2026-09-22'),
    pass09: () => office.pass('1', 'JIA', '2026-09-24'),
    report13: () => office.report('1', 'JIA', '2026-10-13'),
    reportYi15: () => office.report('1', 'YI', '2026-10-15'),
    withdraw: () => office.withdraw('1', '2026-10-12'),
    version: () => office.revise(VERSION_2, '2026-10-26', TITLE),
  })[fact]();

describe('a late pass dated before a withdrawal a later version ended sets aside the records that no longer hold, whatever the typing order (breaker11o P2)', () => {
  const offices = typedTwice({ now: '2026-12-02T09:00:00+08:00', units: UNITS, planTitle: TITLE, csv: HEADER + ROWS, approvedOn: '2026-09-20', assignedOn: '2026-09-21' });

  it('typed in date order, the withdrawal (verified work) and 甲局’s report of 10-13 (part verified) are refused', async () => {
    const taken: Partial<Record<Fact, string | null>> = {};
    for (const fact of ['report09', 'pass09', 'withdraw', 'report13', 'reportYi15', 'version'] as const) taken[fact] = await type(offices.inDateOrder, fact);
    expect(taken).toEqual({ report09: null, pass09: null, withdraw: 'CONFLICT', report13: 'CONFLICT', reportYi15: null, version: null });
  });

  it('typed as the office did (the reports of 10-13 and 10-15 first, then the withdrawal, the version, the late report and the late pass), every fact is taken', async () => {
    for (const fact of ['report13', 'reportYi15', 'withdraw', 'version', 'report09', 'pass09'] as const) expect(await type(offices.asTyped, fact)).toBeNull();
  });

  it.each(DAYS)('on %s the breakdown, 完成率, item pages, withdrawn list, scorecard, 待督查 and export agree', async (asOf) => {
    expect(await offices.asTyped.views(asOf)).toEqual(await offices.inDateOrder.views(asOf));
  });

  it('甲局’s part is verified on 09-24 with its report of 09-22 only; 乙局’s report of 10-15 counts; item 1 never left the plan', async () => {
    const now = await offices.asTyped.views();
    expect(now.pages['1']).toMatchObject({ status: 'OPEN', withdrawnOn: null });
    expect(now.withdrawn).toEqual([]);
    const parts = (now.pages['1'] as { parts: { status: string; verifiedOn: string | null; reports: { reportedOn: string }[] }[] }).parts;
    expect(parts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ status: 'VERIFIED', verifiedOn: '2026-09-24', reports: [{ reportedOn: '2026-09-22' }] }),
        expect.objectContaining({ status: 'REPORTED', reports: [{ reportedOn: '2026-10-15' }] }),
      ]),
    );
    expect((await offices.asTyped.views('2026-10-14')).pages['1']).toMatchObject({ status: 'OPEN', withdrawnOn: null });
  });
});
