import { HEADER, typedTwice, type PlanOffice } from '../support/plan-office.js';

/*
 * breaker11q P1: an item withdrawn before its unit was merged (机构改革 dated while the item was out of the plan) could never be
 * listed again: every plan version — naming the successor, as the office writes it after the merge — was refused whole
 * 「<合并前单位>在事项 1 中没有任务。」 (the version read the item's part as the merged unit's, and the part had passed to the
 * successor on coming back). Now a version listing the item again reads the merged unit as its successor, in every typing order.
 *
 * 甲局 leads items 1 and 2; item 1 is withdrawn on 10-25; 甲局 merges into 乙局 on 11-01; the version of 11-10 lists both items
 * with 乙局 as lead and moves item 2 to 12-19. The same with a hand-over (职能调整): 丙局 leads item 3, withdrawn on 10-25, and hands
 * its work over to 乙局 on 11-01; the version lists item 3 with 乙局. The same facts go to two servers, in date order and as typed (the merge first);
 * every view is compared on each day viewed. Office day 12-02.
 */
const TITLE = '青川市2026年政务公开工作要点（撤销期间机构合并测试）';
const ROWS =
  '一,公开平台,1,整合政府网站公开专栏,,青川市撤并甲局,,2026-12-31\n' +
  '一,公开平台,2,开设政务微信公众号,,青川市撤并甲局,,2026-12-31\n' +
  '一,公开平台,3,公开政策解读,,青川市撤并丙局,,2026-12-31\n';
const VERSION = HEADER + ROWS.replaceAll('青川市撤并甲局', '青川市撤并乙局').replaceAll('青川市撤并丙局', '青川市撤并乙局').replace('开设政务微信公众号,,青川市撤并乙局,,2026-12-31', '开设政务微信公众号,,青川市撤并乙局,,2026-12-19');
const UNITS = { JIA: '青川市撤并甲局', YI: '青川市撤并乙局', BING: '青川市撤并丙局' };
const DAYS = ['2026-10-27', '2026-11-06', '2026-11-11', '2026-12-01', undefined] as const;

type Fact = 'withdraw' | 'merge' | 'withdraw3' | 'handOver' | 'version';

const type = (office: PlanOffice, fact: Fact): Promise<string | null> =>
  ({
    withdraw: () => office.withdraw('1', '2026-10-25'),
    merge: () => office.reorganise('mergeUnit', 'JIA', 'YI', '2026-11-01'),
    withdraw3: () => office.withdraw('3', '2026-10-25'),
    handOver: () => office.reorganise('handOverUnitParts', 'BING', 'YI', '2026-11-01'),
    version: () => office.revise(VERSION, '2026-11-10', TITLE),
  })[fact]();

describe('a version lists again an item withdrawn before its unit was merged, reading the merged unit as its successor, in either typing order (breaker11q P1)', () => {
  const offices = typedTwice({ now: '2026-12-02T09:00:00+08:00', units: UNITS, planTitle: TITLE, csv: HEADER + ROWS, approvedOn: '2026-09-20', assignedOn: '2026-09-21' });

  it('typed in date order and with the merge first, the withdrawal, the merge and the version naming the successor are all taken', async () => {
    for (const fact of ['withdraw', 'withdraw3', 'merge', 'handOver', 'version'] as const) expect([fact, await type(offices.inDateOrder, fact)]).toEqual([fact, null]);
    for (const fact of ['merge', 'handOver', 'withdraw', 'withdraw3', 'version'] as const) expect([fact, await type(offices.asTyped, fact)]).toEqual([fact, null]);
  });

  it.each(DAYS)('on %s the breakdown, 完成率, item pages, withdrawn list, scorecard, 待督查 and export agree', async (asOf) => {
    expect(await offices.asTyped.views(asOf)).toEqual(await offices.inDateOrder.views(asOf));
  });

  it('items 1 and 3 are back in the plan from 11-10 with their parts 乙局’s; item 2 is due 12-19; 完成率 counts all three', async () => {
    for (const office of [offices.inDateOrder, offices.asTyped]) {
      const now = await office.views();
      expect(now.pages['1']).toMatchObject({ status: 'OPEN', withdrawnOn: null });
      expect(await office.holders('1')).toEqual([expect.stringMatching(/^YI LEAD ASSIGNED 2026-12-31/)]);
      expect(await office.holders('3')).toEqual([expect.stringMatching(/^YI LEAD ASSIGNED 2026-12-31/)]);
      expect(now.pages['2']).toMatchObject({ parts: [expect.objectContaining({ dueDate: '2026-12-19' })] });
      expect(now.plan.progress).toMatchObject({ items: 3 });
      expect((await office.views('2026-11-06')).pages['1']).toMatchObject({ status: 'WITHDRAWN', withdrawnOn: '2026-10-25' });
    }
  });
});
