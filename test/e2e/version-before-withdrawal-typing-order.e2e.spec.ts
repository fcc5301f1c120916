import { HEADER, typedTwice, type PlanOffice } from '../support/plan-office.js';

/*
 * breaker11o P9: a version of the plan dated before an item's withdrawal, typed after that withdrawal, was
 * refused whole (「…恢复列入方案的日期须晚于撤销日期…请用“撤销有误，恢复事项”」): the office could not enter the
 * version's other changes without undoing a withdrawal that is right. In date order the version finds the
 * item in the plan and the later withdrawal takes it out. Now the version reads the item as in the plan on
 * its day (no 恢复列入方案), the withdrawal keeps its day, and the version's other changes are applied.
 *
 * The same facts are typed into two servers, in date order and as typed (the withdrawal of 06-05 first, then
 * the version of 06-01); every view is compared on each day viewed. The office day is 2026-06-10.
 */
const TITLE = '青川市2026年政务公开工作要点（新版本早于撤销测试）';
const ROWS =
  '一,公开平台,1,整合政府网站公开专栏,,青川市新版测试甲局,,2026-09-30\n' +
  '一,公开平台,2,开设政务微信公众号,,青川市新版测试乙局,,2026-09-30\n';
/** The version of 06-01 lists both items and moves item 2 to 10-31. */
const VERSION_2 = HEADER + ROWS.replace('开设政务微信公众号,,青川市新版测试乙局,,2026-09-30', '开设政务微信公众号,,青川市新版测试乙局,,2026-10-31');
const UNITS = { JIA: '青川市新版测试甲局', YI: '青川市新版测试乙局' };
const DAYS = ['2026-05-31', '2026-06-01', '2026-06-04', '2026-06-05', '2026-06-08', undefined] as const;

type Fact = 'withdraw1' | 'version2';

const type = (office: PlanOffice, fact: Fact) =>
  ({
    withdraw1: () => office.withdraw('1', '2026-06-05'),
    version2: () => office.revise(VERSION_2, '2026-06-01', TITLE),
  })[fact]();

describe('a version dated before an item’s withdrawal is taken, the withdrawal keeping its day, whatever the typing order (breaker11o P9)', () => {
  const offices = typedTwice({ now: '2026-06-10T09:00:00+08:00', units: UNITS, planTitle: TITLE, csv: HEADER + ROWS, approvedOn: '2026-03-01', assignedOn: '2026-03-02' });

  it('typed in date order and as the office did (the withdrawal of 06-05 first), both facts are taken', async () => {
    for (const fact of ['version2', 'withdraw1'] as const) expect(await type(offices.inDateOrder, fact)).toBeNull();
    for (const fact of ['withdraw1', 'version2'] as const) expect(await type(offices.asTyped, fact)).toBeNull();
  });

  it.each(DAYS)('on %s the breakdown, 完成率, item pages, withdrawn list, scorecard, 待督查 and export agree', async (asOf) => {
    expect(await offices.asTyped.views(asOf)).toEqual(await offices.inDateOrder.views(asOf));
  });

  it('item 1 is out of the plan from 06-05 (not listed again), item 2 is due 10-31 from 06-01', async () => {
    const now = await offices.asTyped.views();
    expect(now.pages['1']).toMatchObject({ status: 'WITHDRAWN', withdrawnOn: '2026-06-05' });
    expect(now.withdrawn).toEqual([{ code: '1', withdrawnOn: '2026-06-05' }]);
    expect(now.pages['2']).toMatchObject({ parts: [{ dueDate: '2026-10-31' }] });
    expect((await offices.asTyped.views('2026-06-04')).pages['1']).toMatchObject({ status: 'OPEN', withdrawnOn: null });
  });
});
