import { HEADER, typedTwice, type PlanOffice } from '../support/plan-office.js';

/*
 * breaker8n P4 (serious): 甲局's part passed 06-06; on 06-20, the finding and the item still open (乙局 working), the supervisor
 * reopens 甲局's part (整改不实, new due 07-15); 乙局 reports 08-01 and passes 08-05. In date order the finding stays open. The
 * reopening sheet typed after 乙局's pass was refused 「重新打开日期（2016-06-20）早于销号日期（2016-08-05）」 — a close-out that
 * did not exist on 06-20 — and the finding stayed closed. Now it is judged on the parent as it stood on its day: taken, 甲局's
 * part returned, the close-out of 08-05 no longer stands. Findings and work-plan items alike.
 *
 * The same papers go to two servers: in date order, and with the reopening typed last; every view is compared on each day.
 */
const TITLE = '青川市2026年政务公开工作要点（销号前重新打开测试）';
const CSV = HEADER + '一,公开平台,1,整合政府网站公开专栏,,青川县重开甲局,青川县重开乙局,2026-08-31\n';
const UNITS = { JIA: '青川县重开甲局', YI: '青川县重开乙局' };
const DAYS = ['2026-06-06', '2026-06-20', '2026-07-16', '2026-08-05', undefined] as const;

type Fact = 'reportJia' | 'passJia' | 'reopen' | 'reportYi' | 'passYi';

const type = async (office: PlanOffice, fact: Fact) => {
  const reopening = { reason: '甲局部分整改不实', reopenedOn: '2026-06-20', newDueDate: '2026-07-15' };
  const both = {
    reportJia: () => [office.report('1', 'JIA', '2026-05-30'), office.reportFinding('JIA', '2026-05-30')],
    passJia: () => [office.pass('1', 'JIA', '2026-06-06'), office.inspectFinding('JIA', '2026-06-06', 'PASSED')],
    reopen: () => [office.mutate('reopenWorkPlanItem', { itemId: office.items['1'], ...reopening }), office.mutate('reopenFinding', { findingId: office.findingId, ...reopening })],
    reportYi: () => [office.report('1', 'YI', '2026-08-01'), office.reportFinding('YI', '2026-08-01')],
    passYi: () => [office.pass('1', 'YI', '2026-08-05'), office.inspectFinding('YI', '2026-08-05', 'PASSED')],
  }[fact];
  const [item, finding] = both();
  return [await item, await finding];
};

describe('a reopening dated while the parent was open, typed after a later pass closed it, is taken (breaker8n P4)', () => {
  const offices = typedTwice({ now: '2026-11-30T09:00:00+08:00', units: UNITS, planTitle: TITLE, csv: CSV, approvedOn: '2026-04-01', assignedOn: '2026-04-02' });

  it('typed in date order and with the reopening last, every paper is taken (item and finding)', async () => {
    for (const office of [offices.inDateOrder, offices.asTyped]) await office.recordFinding({ title: '重新打开早于销号', unit: 'JIA', dueDate: '2026-05-31', responsible: { YI: '2026-08-31' } });
    for (const fact of ['reportJia', 'passJia', 'reopen', 'reportYi', 'passYi'] as const) expect([fact, await type(offices.inDateOrder, fact)]).toEqual([fact, [null, null]]);
    for (const fact of ['reportJia', 'passJia', 'reportYi', 'passYi', 'reopen'] as const) expect([fact, await type(offices.asTyped, fact)]).toEqual([fact, [null, null]]);
  });

  it.each(DAYS)('on %s the breakdown, item page, lights, scorecard, 待督查, the finding, dashboard and both exports agree', async (asOf) => {
    expect(await offices.asTyped.views(asOf)).toEqual(await offices.inDateOrder.views(asOf));
  });

  it('from 06-20 甲局 owes its work again (red from 07-16); 08-05 closes nothing', async () => {
    const views = await offices.asTyped.views('2026-08-05');
    expect(views.pages['1']).toMatchObject({ status: 'OPEN', completedOn: null });
    expect((views.pages['1'] as { parts: unknown[] }).parts).toEqual([
      expect.objectContaining({ unitId: offices.asTyped.units.JIA, status: 'RETURNED', dueDate: '2026-07-15', trafficLight: 'RED' }),
      expect.objectContaining({ unitId: offices.asTyped.units.YI, status: 'VERIFIED' }),
    ]);
    expect(views.finding).toMatchObject({ status: 'OPEN', closedOn: null });
    expect((await offices.asTyped.views()).finding).toMatchObject({ status: 'OPEN', closedOn: null });
  });
});
