import { HEADER, typedTwice, withCorrectionLines, type PlanOffice, type Refusal } from '../support/plan-office.js';

/*
 * breaker11o P7: a pass dated before an item's withdrawals, typed after them, makes them not stand (撤销不成立:
 * verified work is not withdrawn). When that pass is then corrected — its day moved after the withdrawals
 * (更正督查记录), or its outcome to FAILED — nothing was verified on the withdrawal days any more, yet the
 * withdrawals stayed undone: the item read "in the plan" on days it was out, unlike the same facts typed in
 * date order.
 *
 * Two servers, each on its own SQLite file, office day 2026-06-10:
 * - item 1 (甲局): reported 04-20, withdrawn 05-01, listed again by the version of 06-01, passed on 06-03;
 * - item 2 (乙局): reported 04-22, withdrawn 05-01, listed again 06-01, withdrawn again 06-04, inspected 04-25 and FAILED.
 * In date order those are typed as they happened. As typed, the office enters item 1's pass as of 04-25 and item 2's
 * inspection as PASSED after every withdrawal (both undo their withdrawals), then corrects them: item 1's to 06-03,
 * item 2's to FAILED. Every view — breakdown with 完成率, item pages, withdrawn list, scorecard, export — must then
 * read the same on every day viewed.
 *
 * breaker11o P8, the same for a finding (甲局's part): reported 04-20, withdrawn 05-01; as typed, a pass of 04-25 entered
 * after the withdrawal (撤销不成立), then corrected to FAILED — in date order the failure came before the withdrawal, which
 * stands. A correction of that pass to a day on or after the withdrawal is refused, as the pass typed in date order.
 */
const PLAN_TITLE = '青川市2026年政务公开工作要点（更正督查测试）';
const ROWS = '一,公开平台,1,整合政府网站公开专栏,,青川市更正督查甲局,,2026-09-30\n' + '一,公开平台,2,开设政务微信公众号,,青川市更正督查乙局,,2026-09-30\n';
/** The version of 06-01 lists items 1 and 2 again (恢复列入方案) and adds item 3. */
const VERSION_2 = HEADER + ROWS + '一,公开平台,3,公开财政预决算,,青川市更正督查甲局,,2026-10-31\n';
const UNITS = { JIA: '青川市更正督查甲局', YI: '青川市更正督查乙局' };
const DAYS = ['2026-04-26', '2026-05-15', '2026-06-02', '2026-06-03', '2026-06-05', undefined] as const;
/** Item 1 is 甲局's, item 2 乙局's. */
const unitOf = (code: '1' | '2') => (code === '1' ? 'JIA' : 'YI');

type Fact =
  | 'report1'
  | 'report2'
  | 'withdraw1'
  | 'withdraw2'
  | 'listAgain'
  | 'withdraw2Again'
  | 'pass1OnItsDay'
  | 'fail2OnItsDay'
  | 'pass1Late'
  | 'pass2Late'
  | 'pass1IntoWithdrawnDays'
  | 'pass1Redated'
  | 'pass2Failed'
  | 'findingReport'
  | 'findingWithdraw'
  | 'findingFailOnItsDay'
  | 'findingPassLate'
  | 'findingPassAfterWithdrawal'
  | 'findingPassFailed';

/** Types one fact into `office`; answers null when it was taken, else its refusal's code (a correction's: code and Chinese message). */
const type = (office: PlanOffice, fact: Fact): Promise<string | Refusal | null> =>
  ({
    findingReport: () => office.reportFinding('JIA', '2026-04-20'),
    findingWithdraw: () => office.withdrawFinding('2026-05-01'),
    findingFailOnItsDay: () => office.inspectFinding('JIA', '2026-04-25', 'FAILED'),
    findingPassLate: () => office.inspectFinding('JIA', '2026-04-25', 'PASSED'),
    findingPassAfterWithdrawal: () => office.correctFindingInspection('JIA', { inspectedOn: '2026-05-15' }),
    findingPassFailed: () => office.correctFindingInspection('JIA', { outcome: 'FAILED', newDueDate: '2026-09-30' }),
    report1: () => office.report('1', unitOf('1'), '2026-04-20'),
    report2: () => office.report('2', unitOf('2'), '2026-04-22'),
    withdraw1: () => office.withdraw('1', '2026-05-01'),
    withdraw2: () => office.withdraw('2', '2026-05-01'),
    listAgain: () => office.revise(VERSION_2, '2026-06-01', PLAN_TITLE),
    withdraw2Again: () => office.withdraw('2', '2026-06-04'),
    pass1OnItsDay: () => office.inspect('1', unitOf('1'), '2026-06-03', 'PASSED'),
    fail2OnItsDay: () => office.inspect('2', unitOf('2'), '2026-04-25', 'FAILED'),
    pass1Late: () => office.inspect('1', unitOf('1'), '2026-04-25', 'PASSED'),
    pass2Late: () => office.inspect('2', unitOf('2'), '2026-04-25', 'PASSED'),
    // Inside item 1's withdrawn days (05-01 until 06-01) once its withdrawal stands again: refused, as that pass typed in date order.
    pass1IntoWithdrawnDays: () => office.correctInspection('1', unitOf('1'), { inspectedOn: '2026-05-15' }),
    pass1Redated: () => office.correctInspection('1', unitOf('1'), { inspectedOn: '2026-06-03' }),
    pass2Failed: () => office.correctInspection('2', unitOf('2'), { outcome: 'FAILED', newDueDate: '2026-09-30' }),
  })[fact]();

/**
 * The one thing the typing orders do not share: as typed, every inspection was corrected on the office day 2026-06-10, and the
 * exports' 督查结果 cell lists that correction under the inspection (who — the supervisor as the history names them — when, what
 * changed, why: newcomer46-8 M2). Keyed by the cell as typed in date order: item 2's and the finding's failure, item 1's pass of 06-03.
 */
const CORRECTION_LINES = {
  '未通过（2026-04-25）：督查结论录错：专栏未开通': '更正（2026-06-10，SUPERVISOR）：结论由通过改为不通过；理由：督查结论录错：专栏未开通',
  '通过（2026-06-03）': '更正（2026-06-10，SUPERVISOR）：督查日期由 2026-04-25 改为 2026-06-03；理由：督查结论录错：专栏未开通',
};

describe('correcting the pass that made an item’s or a finding’s withdrawals not stand judges them again, whatever the typing order (breaker11o P7, P8)', () => {
  const offices = typedTwice({ now: '2026-06-10T09:00:00+08:00', units: UNITS, planTitle: PLAN_TITLE, csv: HEADER + ROWS, approvedOn: '2026-03-01', assignedOn: '2026-03-02' });

  beforeAll(async () => {
    // 甲局's part of one finding, assigned 04-02 and due 09-30, beside the plan.
    for (const office of [offices.inDateOrder, offices.asTyped]) await office.recordFinding({ title: '依申请公开答复超期', unit: 'JIA', dueDate: '2026-09-30' });
  });

  it('typed in date order, every fact is taken', async () => {
    for (const fact of ['report1', 'report2', 'findingReport', 'fail2OnItsDay', 'findingFailOnItsDay', 'withdraw1', 'withdraw2', 'findingWithdraw', 'listAgain', 'pass1OnItsDay', 'withdraw2Again'] as const) {
      expect(await type(offices.inDateOrder, fact)).toBeNull();
    }
  });

  it('as typed, the late passes undo the withdrawals; a correction into item 1’s withdrawn days is then refused, writing nothing; the corrections are taken', async () => {
    for (const fact of ['report1', 'report2', 'withdraw1', 'withdraw2', 'listAgain', 'withdraw2Again', 'pass1Late', 'pass2Late'] as const) expect(await type(offices.asTyped, fact)).toBeNull();
    expect((await offices.asTyped.views()).withdrawn).toEqual([]);
    const head = await offices.asTyped.app.logPosition();
    const refused = await type(offices.asTyped, 'pass1IntoWithdrawnDays');
    expect(refused).toEqual({ code: 'CONFLICT', zh: expect.stringMatching(/2026-05-01 的撤销依日期重新成立：该事项 2026-05-01 撤销，2026-06-01 起才恢复列入方案，2026-05-15 不在方案中/) });
    expect(await offices.asTyped.app.logPosition()).toBe(head);
    expect(await type(offices.asTyped, 'pass1Redated')).toBeNull();
    expect(await type(offices.asTyped, 'pass2Failed')).toBeNull();
  });

  it('as typed, the finding’s late pass undoes its withdrawal; re-dating that pass after the withdrawal is refused, writing nothing; re-marked FAILED it is taken', async () => {
    for (const fact of ['findingReport', 'findingWithdraw', 'findingPassLate'] as const) expect(await type(offices.asTyped, fact)).toBeNull();
    expect((await offices.asTyped.views()).finding).toMatchObject({ status: 'CLOSED', withdrawnOn: null });
    const head = await offices.asTyped.app.logPosition();
    expect(await type(offices.asTyped, 'findingPassAfterWithdrawal')).toEqual({ code: 'CONFLICT', zh: expect.stringMatching(/在 2026-05-01 时并无核验通过的整改，当日的撤销（评估机构来函撤回该问题）依日期重新成立：2026-05-15 该问题已撤销/) });
    expect(await offices.asTyped.app.logPosition()).toBe(head);
    expect(await type(offices.asTyped, 'findingPassFailed')).toBeNull();
    expect((await offices.asTyped.views()).finding).toMatchObject({ status: 'WITHDRAWN', withdrawnOn: '2026-05-01' });
  });

  it.each(DAYS)('on %s the breakdown, 完成率, item pages, withdrawn list, scorecard, 待督查, export, the finding and the 整改台账 agree', async (asOf) => {
    expect(await offices.asTyped.views(asOf)).toEqual(withCorrectionLines(await offices.inDateOrder.views(asOf), CORRECTION_LINES));
  });

  it('item 1 is out of the plan from 05-01 until 06-01 and completed on 06-03; item 2 is withdrawn again from 06-04 with its failed inspection', async () => {
    const may = await offices.asTyped.views('2026-05-15');
    expect(may.pages['1']).toMatchObject({ status: 'WITHDRAWN', withdrawnOn: '2026-05-01' });
    expect(may.withdrawn).toEqual([
      { code: '1', withdrawnOn: '2026-05-01' },
      { code: '2', withdrawnOn: '2026-05-01' },
    ]);
    const now = await offices.asTyped.views();
    expect(now.pages['1']).toMatchObject({ status: 'COMPLETED', withdrawnOn: null, completedOn: '2026-06-03' });
    expect(now.pages['2']).toMatchObject({ status: 'WITHDRAWN', withdrawnOn: '2026-06-04', parts: [{ status: 'RETURNED', inspections: [{ inspectedOn: '2026-04-25', outcome: 'FAILED' }] }] });
    expect(now.withdrawn).toEqual([{ code: '2', withdrawnOn: '2026-06-04' }]);
  });
});
