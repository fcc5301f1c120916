import { HEADER, typedTwice, type PlanOffice, type Refusal } from '../support/plan-office.js';

/*
 * breaker11q P8: a hand withdrawal dated after a plan version already took the item out was accepted as a no-op and merged
 * with the version's withdrawal, so 撤销有误 put the item back in the plan from the version's day and 更正撤销日期 moved the
 * version's withdrawal. Now a command that would record nothing new about an item already out never acts on a version's
 * withdrawal: a second withdrawal is refused naming what took the item out, the version's withdrawal is neither taken back
 * nor re-dated by hand, and taking back a hand withdrawal dated before the version leaves the item out from the version's day.
 *
 * Item 1: the version of 11-27 leaves it out; a hand withdrawal of 11-30 is typed too.
 * Item 3: withdrawn by hand on 11-20; the version of 11-27 leaves it out as well; the hand withdrawal is then taken back
 * (撤销有误), and its unit reports on 11-22 (in the plan again then) — and on 11-28 (out by the version: refused).
 * Item 4 (breaker11r P4): its unit reported on 11-18 (awaiting inspection), it was withdrawn by hand on 11-20, and the version of
 * 11-27 leaves it out too — but finding it in the plan with that report it keeps it (保留待督查): it withdrew nothing. Taken back,
 * the hand withdrawal leaves the item in the plan on every day (it came out 「by the version」 from 11-27, its report never
 * to be inspected), and the report is inspected on 12-01.
 * Item 5 (ext s27): its unit reported and passed on 11-18 (销号), the item was reopened on 11-21, and a hand withdrawal dated
 * 11-19 — while it stood completed — is typed after the reopening: refused as in date order (it was taken, and the views
 * folded by day kept the item completed and withdrawn while the live one had it reopened). The version lists item 5.
 * The same facts go to two servers, in date order and as typed; every view is compared on each day viewed. Office day 12-02.
 */
const TITLE = '青川市2026年政务公开工作要点（版本已撤销再撤销测试）';
const ROWS =
  '一,公开平台,1,整合政府网站公开专栏,,青川市版撤甲局,,2026-12-31\n' +
  '一,公开平台,2,开设政务微信公众号,,青川市版撤乙局,,2026-12-31\n' +
  '一,公开平台,3,规范依申请公开渠道,,青川市版撤丙局,,2026-12-31\n' +
  '一,公开平台,4,公开重大建设项目批准信息,,青川市版撤丁局,,2026-12-31\n' +
  '一,公开平台,5,公开财政预决算,,青川市版撤戊局,,2026-12-31\n';
/** The version of 11-27 leaves items 1, 3 and 4 out and moves item 2 to 12-17. */
const VERSION = HEADER + '一,公开平台,2,开设政务微信公众号,,青川市版撤乙局,,2026-12-17\n' + '一,公开平台,5,公开财政预决算,,青川市版撤戊局,,2026-12-31\n';
const UNITS = { JIA: '青川市版撤甲局', YI: '青川市版撤乙局', BING: '青川市版撤丙局', DING: '青川市版撤丁局', WU: '青川市版撤戊局' };
const DAYS = ['2026-11-19', '2026-11-21', '2026-11-26', '2026-11-28', '2026-11-30', '2026-12-01', undefined] as const;

const BY_VERSION = /已由 2026-11-27 的新版方案撤销（依据 plan-2026-11-27\.csv 修订方案）/;

type Fact = 'version' | 'hand1' | 'hand3' | 'undo1' | 'redate1' | 'undo3' | 'report3' | 'report3Out' | 'report4' | 'hand4' | 'undo4' | 'pass4' | 'done5' | 'reopen5' | 'hand5';

const type = (office: PlanOffice, fact: Fact): Promise<Refusal | string | null> =>
  ({
    version: () => office.revise(VERSION, '2026-11-27', TITLE),
    hand1: () => office.refusal('withdrawWorkPlanItem', { itemId: office.items['1'], reason: '手工撤销', withdrawnOn: '2026-11-30' }),
    hand3: () => office.withdraw('3', '2026-11-20'),
    undo1: () => office.correctWithdrawal('1'),
    redate1: () => office.correctWithdrawal('1', '2026-12-01'),
    undo3: () => office.correctWithdrawal('3'),
    report3: () => office.report('3', 'BING', '2026-11-22'),
    report3Out: () => office.report('3', 'BING', '2026-11-28'),
    report4: () => office.report('4', 'DING', '2026-11-18'),
    hand4: () => office.withdraw('4', '2026-11-20'),
    undo4: () => office.correctWithdrawal('4'),
    pass4: () => office.pass('4', 'DING', '2026-12-01'),
    done5: async () => (await office.report('5', 'WU', '2026-11-18')) ?? (await office.pass('5', 'WU', '2026-11-18')),
    reopen5: () => office.mutate('reopenWorkPlanItem', { itemId: office.items['5'], reason: '复查发现专栏未更新', reopenedOn: '2026-11-21', newDueDate: '2026-12-31' }),
    hand5: () => office.refusal('withdrawWorkPlanItem', { itemId: office.items['5'], reason: '手工撤销', withdrawnOn: '2026-11-19' }),
  })[fact]();

describe('a command that would record nothing new about an item a version took out never acts on the version’s withdrawal, in either typing order (breaker11q P8)', () => {
  const offices = typedTwice({ now: '2026-12-02T09:00:00+08:00', units: UNITS, planTitle: TITLE, csv: HEADER + ROWS, approvedOn: '2026-09-20', assignedOn: '2026-09-21' });
  const answers: Record<'inDateOrder' | 'asTyped', Partial<Record<Fact, Refusal | string | null>>> = { inDateOrder: {}, asTyped: {} };

  it('typed in date order and as the office did, the same facts are taken and the same refused, naming the version', async () => {
    for (const fact of ['report4', 'done5', 'hand5', 'reopen5', 'hand3', 'hand4', 'version', 'hand1', 'undo1', 'redate1', 'undo3', 'report3', 'report3Out', 'undo4', 'pass4'] as const) answers.inDateOrder[fact] = await type(offices.inDateOrder, fact);
    // As typed: the hand withdrawal of item 1 before the version, those of items 3 and 4 after it (item 4 kept by it, 保留待督查);
    // that of item 5 (dated 11-19) after its reopening of 11-21.
    for (const fact of ['report4', 'done5', 'reopen5', 'hand5', 'hand1', 'version', 'hand3', 'hand4', 'undo1', 'redate1', 'undo3', 'report3', 'report3Out', 'undo4', 'pass4'] as const) answers.asTyped[fact] = await type(offices.asTyped, fact);
    expect(answers.inDateOrder).toMatchObject({
      hand3: null,
      version: null,
      hand1: { code: 'CONFLICT', zh: expect.stringMatching(new RegExp(`工作事项 1「整合政府网站公开专栏」${BY_VERSION.source}，不在方案中，无需再次撤销。`)) },
      undo3: null,
      report3: null,
      report3Out: 'CONFLICT',
      report4: null,
      hand4: null,
      undo4: null,
      pass4: null,
      done5: null,
      reopen5: null,
    });
    // Verified work is not withdrawn — judged on 11-19, when item 5 stood completed, in either typing order (ext s27).
    for (const answers_ of [answers.inDateOrder, answers.asTyped]) {
      expect(answers_.hand5).toEqual({ code: 'CONFLICT', zh: expect.stringMatching(/^工作事项 5「公开财政预决算」中青川市版撤戊局的任务已于 2026-11-18 核验，该事项已于 2026-11-18 销号：撤销会使已核验的任务不再计入完成率和单位排名/) });
    }
    expect(answers.asTyped).toMatchObject({ hand1: null, version: null, hand3: null, undo3: null, report3: null, report3Out: 'CONFLICT', report4: null, hand4: null, undo4: null, pass4: null });
    for (const answers_ of [answers.inDateOrder, answers.asTyped]) {
      for (const fact of ['undo1', 'redate1'] as const) {
        expect(answers_[fact]).toEqual({ code: 'CONFLICT', zh: expect.stringMatching(/工作事项 1「整合政府网站公开专栏」是由 2026-11-27 的新版方案撤销的（依据 plan-2026-11-27\.csv 修订方案），不是手工撤销，不能在此恢复或更正撤销日期/) });
      }
    }
  });

  it.each(DAYS)('on %s the breakdown, 完成率, item pages, withdrawn list, scorecard, 待督查 and export agree', async (asOf) => {
    expect(await offices.asTyped.views(asOf)).toEqual(await offices.inDateOrder.views(asOf));
  });

  it('item 1 is out from the version’s day on every day after it; item 3 is in the plan 11-20…11-26 again and out from 11-27 by the version', async () => {
    for (const office of [offices.inDateOrder, offices.asTyped]) {
      expect((await office.views('2026-11-26')).pages['1']).toMatchObject({ status: 'OPEN', withdrawnOn: null });
      for (const asOf of ['2026-11-28', '2026-12-01', undefined]) {
        const { pages, plan } = await office.views(asOf);
        expect(pages['1']).toMatchObject({ status: 'WITHDRAWN', withdrawnOn: '2026-11-27' });
        expect(pages['3']).toMatchObject({ status: 'WITHDRAWN', withdrawnOn: '2026-11-27' });
        // Items 2, 4 and 5: the version kept item 4 (保留待督查), so taking its hand withdrawal back leaves it in the plan.
        expect(plan.progress).toMatchObject({ items: 3 });
      }
      const before = await office.views('2026-11-21');
      expect(before.pages['3']).toMatchObject({ status: 'OPEN', withdrawnOn: null });
      expect(before.plan.progress).toMatchObject({ items: 5 });
      expect((await office.views('2026-11-26')).pages['3']).toMatchObject({ status: 'OPEN', parts: [expect.objectContaining({ status: 'REPORTED', reports: [{ reportedOn: '2026-11-22' }] })] });
    }
  });

  it('item 4, kept by the version for its report awaiting inspection, is in the plan on every day once its hand withdrawal is taken back, and its report passed on 12-01 completes it (breaker11r P4)', async () => {
    for (const office of [offices.inDateOrder, offices.asTyped]) {
      for (const asOf of ['2026-11-21', '2026-11-28', '2026-11-30']) {
        expect((await office.views(asOf)).pages['4']).toMatchObject({ status: 'OPEN', withdrawnOn: null, parts: [expect.objectContaining({ status: 'REPORTED', reports: [{ reportedOn: '2026-11-18' }] })] });
      }
      const now = await office.views();
      expect(now.pages['4']).toMatchObject({ status: 'COMPLETED', withdrawnOn: null, completedOn: '2026-12-01' });
      expect(now.withdrawn).not.toContainEqual(expect.objectContaining({ code: '4' }));
    }
  });

  it('item 5, completed on 11-18 and reopened on 11-21, is never withdrawn: open from the reopening, completed before it, on every view (ext s27)', async () => {
    for (const office of [offices.inDateOrder, offices.asTyped]) {
      expect((await office.views('2026-11-19')).pages['5']).toMatchObject({ status: 'COMPLETED', completedOn: '2026-11-18', withdrawnOn: null });
      expect((await office.views()).pages['5']).toMatchObject({ status: 'OPEN', completedOn: null, withdrawnOn: null });
    }
  });
});
