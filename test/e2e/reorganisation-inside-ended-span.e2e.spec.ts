import { HEADER, typedTwice, type PlanOffice } from '../support/plan-office.js';

/*
 * note23 Left 5 (issue 11): a reorganisation (机构改革) dated inside the days an item was out of its plan, between a
 * withdrawal and a later version listing it again. Typed after that version it passed the part on its day; typed in date
 * order (while the item was withdrawn) it passed nothing and the version passed nothing either, so the unit that handed
 * its work over kept the part for good. Now the version passes the parts by the reorganisations of those days, on their
 * days: two servers (date order, and the hand-over typed after the version) read the same. Office day 2026-06-10.
 */
const PLAN_TITLE = '青川市2026年政务公开工作要点（撤销期间机构改革测试）';
const ROWS = '一,公开平台,1,整合政府网站公开专栏,,青川市改革测试甲局,,2026-09-30\n';
const VERSION_2 = HEADER + ROWS + '一,公开平台,2,开设政务微信公众号,,青川市改革测试乙局,,2026-10-31\n';
const UNITS = { JIA: '青川市改革测试甲局', YI: '青川市改革测试乙局' };

type Fact = 'withdraw' | 'listAgain' | 'handOver';

const type = (office: PlanOffice, fact: Fact) =>
  ({
    withdraw: () => office.withdraw('1', '2026-05-01'),
    listAgain: () => office.revise(VERSION_2, '2026-06-01', PLAN_TITLE),
    handOver: () => office.handOver('JIA', 'YI', '2026-05-15'),
  })[fact]();

describe('a hand-over dated while an item was out of its plan passes its part once a version lists it again, whatever the typing order (note23 Left 5)', () => {
  const offices = typedTwice({ now: '2026-06-10T09:00:00+08:00', units: UNITS, planTitle: PLAN_TITLE, csv: HEADER + ROWS, approvedOn: '2026-03-01', assignedOn: '2026-03-02' });

  it('both typing orders are taken', async () => {
    for (const fact of ['withdraw', 'handOver', 'listAgain'] as const) expect(await type(offices.inDateOrder, fact)).toBeNull();
    for (const fact of ['withdraw', 'listAgain', 'handOver'] as const) expect(await type(offices.asTyped, fact)).toBeNull();
  });

  it.each(['2026-05-20', '2026-06-02', undefined])('on %s the breakdown, item page, withdrawn list, scorecard, 待督查 and export agree; after the version 乙局 holds the part', async (asOf) => {
    const seen = await offices.asTyped.views(asOf);
    expect(seen).toEqual(await offices.inDateOrder.views(asOf));
    if (asOf !== '2026-05-20') expect((seen.pages['1'] as { parts: unknown[] }).parts).toEqual([expect.objectContaining({ unitId: offices.asTyped.units.YI })]);
  });
});
