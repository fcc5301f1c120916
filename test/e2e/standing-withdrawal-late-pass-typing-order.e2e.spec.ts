import { HEADER, typedTwice, type PlanOffice } from '../support/plan-office.js';

/*
 * breaker11q P5 (breaker11o P2 for a withdrawal that still stands): a unit's report dated after an item's withdrawal, typed
 * before the office heard of it, made the late paper report and the late pass dated before the withdrawal impossible to
 * enter (「补录后一旦恢复事项…因此不能补录此记录」, then 「没有待督查的整改报告」), though in date order the item is closed (销号) on
 * the pass day. Now the late report goes in (the withdrawal stands, the later report counts nowhere) and the pass makes the
 * withdrawal not stand, setting the later report aside for good; taking a withdrawal back (撤销有误) does the same.
 *
 * Item 1 (甲局): report 10-13 typed first, withdrawal 10-12, then the late report 09-22 and the late pass 09-24.
 * Item 2 (乙局): report 10-13 typed first, withdrawal 10-12, the late report 09-22, then 撤销有误.
 * A finding (丙局), the same way as item 1 (breaker11q P5 for findings: the late report was refused 「补录后一旦恢复问题…」):
 * report 10-13 typed first, withdrawal 10-12, the late report 09-22 and the late pass 09-24 — closed (销号) on 09-24.
 * The same facts go to two servers, in date order and as typed; every view is compared on each day viewed. Office day 12-02.
 */
const TITLE = '青川市2026年政务公开工作要点（撤销未结束补录核验测试）';
const ROWS =
  '一,公开平台,1,整合政府网站公开专栏,,青川市立撤甲局,,2026-12-31\n' +
  '一,公开平台,2,开设政务微信公众号,,青川市立撤乙局,,2026-12-31\n' +
  '一,公开平台,3,公开政策解读,,青川市立撤乙局,,2026-12-31\n';
const UNITS = { JIA: '青川市立撤甲局', YI: '青川市立撤乙局', BING: '青川市立撤丙局' };
const DAYS = ['2026-09-23', '2026-09-25', '2026-10-12', '2026-10-14', '2026-12-01', undefined] as const;

type Fact = 'report1After' | 'withdraw1' | 'report1' | 'pass1' | 'report2After' | 'withdraw2' | 'report2' | 'undo2' | 'reportFAfter' | 'withdrawF' | 'reportF' | 'passF';

const type = (office: PlanOffice, fact: Fact): Promise<unknown> =>
  ({
    report1After: () => office.report('1', 'JIA', '2026-10-13'),
    withdraw1: () => office.withdraw('1', '2026-10-12'),
    report1: () => office.report('1', 'JIA', '2026-09-22'),
    pass1: () => office.pass('1', 'JIA', '2026-09-24'),
    report2After: () => office.report('2', 'YI', '2026-10-13'),
    withdraw2: () => office.withdraw('2', '2026-10-12'),
    report2: () => office.report('2', 'YI', '2026-09-22'),
    undo2: () => office.correctWithdrawal('2'),
    reportFAfter: () => office.reportFinding('BING', '2026-10-13'),
    withdrawF: () => office.withdrawFinding('2026-10-12'),
    reportF: () => office.reportFinding('BING', '2026-09-22'),
    passF: () => office.inspectFinding('BING', '2026-09-24', 'PASSED'),
  })[fact]();

describe('a late report and pass dated before a withdrawal that still stands go in when a later record was typed first; what no longer holds is set aside for good (breaker11q P5)', () => {
  const offices = typedTwice({ now: '2026-12-02T09:00:00+08:00', units: UNITS, planTitle: TITLE, csv: HEADER + ROWS, approvedOn: '2026-09-20', assignedOn: '2026-09-21' });

  it('typed in date order, the withdrawals of item 1 and of the finding and the reports of 10-13 are refused; typed as the office did, every fact is taken', async () => {
    for (const office of [offices.inDateOrder, offices.asTyped]) await office.recordFinding({ title: '依申请公开答复未载明救济途径', unit: 'BING', dueDate: '2026-12-31' });
    const inDateOrder: Partial<Record<Fact, unknown>> = {};
    for (const fact of ['report1', 'pass1', 'withdraw1', 'report1After', 'report2', 'withdraw2', 'report2After', 'undo2', 'reportF', 'passF', 'withdrawF', 'reportFAfter'] as const) inDateOrder[fact] = await type(offices.inDateOrder, fact);
    expect(inDateOrder).toEqual({
      report1: null,
      pass1: null,
      withdraw1: 'CONFLICT',
      report1After: 'CONFLICT',
      report2: null,
      withdraw2: null,
      report2After: 'CONFLICT',
      undo2: null,
      reportF: null,
      passF: null,
      withdrawF: 'CONFLICT',
      reportFAfter: 'CONFLICT',
    });
    for (const fact of ['report1After', 'withdraw1', 'report1', 'pass1', 'report2After', 'withdraw2', 'report2', 'undo2', 'reportFAfter', 'withdrawF', 'reportF', 'passF'] as const) {
      expect([fact, await type(offices.asTyped, fact)]).toEqual([fact, null]);
    }
  });

  it.each(DAYS)('on %s the breakdown, 完成率, item pages, withdrawn list, scorecard, 待督查, export, finding page, dashboard and 整改台账 agree', async (asOf) => {
    expect(await offices.asTyped.views(asOf)).toEqual(await offices.inDateOrder.views(asOf));
  });

  it('item 1 is closed (销号) on 09-24 on every day after it, item 2 awaits inspection of its report of 09-22; each set-aside report is listed 不计入统计', async () => {
    for (const asOf of ['2026-10-14', undefined]) {
      const { pages, awaiting } = await offices.asTyped.views(asOf);
      expect(pages['1']).toMatchObject({ status: 'COMPLETED', completedOn: '2026-09-24', withdrawnOn: null, parts: [expect.objectContaining({ status: 'VERIFIED', reports: [{ reportedOn: '2026-09-22' }] })] });
      expect(pages['2']).toMatchObject({ status: 'OPEN', withdrawnOn: null, parts: [expect.objectContaining({ status: 'REPORTED', reports: [{ reportedOn: '2026-09-22' }] })] });
      expect(awaiting).toEqual([{ itemCode: '2', part: expect.objectContaining({ status: 'REPORTED' }) }]);
    }
    const why = { '1': '该事项的撤销因更早的核验而不成立，此记录随之不再成立，不计入统计', '2': '该事项的撤销已更正，此记录与补录的更早记录冲突，随之不再成立，不计入统计' };
    for (const [code, reason] of Object.entries(why)) {
      const page = await offices.asTyped.app.graphql(`query($id: ID!) { workPlanItem(id: $id) { parts { recordsSetAside } } }`, { id: offices.asTyped.items[code] });
      expect(page.errors).toBeUndefined();
      expect(page.data!.workPlanItem.parts[0].recordsSetAside).toEqual([`2026-10-13 报送整改报告（${reason}）`]);
    }
  });

  it('the finding is closed (销号) on 09-24 on every day after it, its report of 10-13 counted nowhere and listed 不计入统计 (breaker11q P5 for findings)', async () => {
    for (const asOf of ['2026-10-14', undefined]) {
      const { finding, findingTotals } = await offices.asTyped.views(asOf);
      expect(finding).toMatchObject({ status: 'CLOSED', closedOn: '2026-09-24', withdrawnOn: null, assignments: [expect.objectContaining({ status: 'VERIFIED', inspections: [{ inspectedOn: '2026-09-24', outcome: 'PASSED' }] })] });
      expect(findingTotals).toMatchObject({ closed: 1, open: 0 });
    }
    const page = await offices.asTyped.app.graphql(`query($id: ID!) { finding(id: $id) { assignments { recordsSetAside } } }`, { id: offices.asTyped.findingId });
    expect(page.errors).toBeUndefined();
    expect(page.data!.finding.assignments[0].recordsSetAside).toEqual(['2026-10-13 报送整改报告（该问题的撤销因更早的核验而不成立，此记录随之不再成立，不计入统计）']);
  });
});
