import { HEADER, typedTwice, type PlanOffice } from '../support/plan-office.js';

/*
 * The watch rule (lead's decision; breaker8n P3, breaker10m P3, newcomer28 S6): after a merge (机构改革) 单位排名, 我的任务 and
 * the per-unit 逾期 counts made the successor late for days before it held the part — 「已逾期 155 天」 for work it received
 * 48 days before. Each unit is on its own watch: 物价局's part of item 1 and of the finding, due 2026-04-30 and never reported,
 * passes to 发改局 when 物价局 merges into it on 2026-07-01. 物价局 was late on its watch (61 days by then): its 单位排名 keeps
 * the parts due and not on time, never overdue now. 发改局 is overdue only from 07-01: on 08-18, 48 days. The finding and the
 * item as a whole are overdue as before (their pages, the dashboard's total). The same on the business day asked and now, in
 * either typing order (the merge typed first, or after the report dated before it); and again along a chain, when 发改局's
 * duties pass to 按时局 on 09-01 (a hand-over, 职能调整, into a unit with its own part of the finding). The office day is 2026-11-30.
 */
const TITLE = '青川市2026年政务公开工作要点（各管一段测试）';
const CSV = HEADER + '一,公开平台,1,整合政府网站公开专栏,,青川县物价测试局,,2026-04-30\n';
const UNITS = { PRICE: '青川县物价测试局', REFORM: '青川县发改测试局', OTHER: '青川县按时测试局' };

describe('whose lateness after a merge: each unit on its own watch', () => {
  const offices = typedTwice({ now: '2026-11-30T09:00:00+08:00', units: UNITS, planTitle: TITLE, csv: CSV, approvedOn: '2026-04-01', assignedOn: '2026-04-02' });
  const both = () => [offices.inDateOrder, offices.asTyped];

  const scorecard = async (office: PlanOffice, asOf?: string) => {
    const answer = await office.app.graphql(`query($asOf: String) { unitScorecard(asOf: $asOf) { unitName parts due onTime overdue } }`, { asOf });
    expect(answer.errors).toBeUndefined();
    const rows = answer.data!.unitScorecard as { unitName: string; parts: number; due: number; onTime: number; overdue: number }[];
    return Object.fromEntries(rows.map(({ unitName, ...figures }) => [unitName, figures]));
  };
  const workload = async (office: PlanOffice, unit: keyof typeof UNITS, asOf?: string) => {
    const answer = await office.app.graphql(
      `query($unitId: ID!, $asOf: String) { unitWorkload(unitId: $unitId, asOf: $asOf) {
        openParts { daysLeft trafficLight dueDate } workPlanParts { daysLeft trafficLight dueDate } reminders { kind message } } }`,
      { unitId: office.units[unit], asOf },
      await office.app.as('SUPERVISOR'),
    );
    expect(answer.errors).toBeUndefined();
    return answer.data!.unitWorkload as { openParts: unknown[]; workPlanParts: unknown[]; reminders: { kind: string; message: string }[] };
  };
  const perUnitOverdue = async (office: PlanOffice, asOf?: string) => {
    const answer = await office.app.graphql(`query($asOf: String) { dashboard(asOf: $asOf) { parts { overdue } perUnit { unitName overdue } } }`, { asOf });
    expect(answer.errors).toBeUndefined();
    const dashboard = answer.data!.dashboard as { parts: { overdue: number }; perUnit: { unitName: string; overdue: number }[] };
    return { total: dashboard.parts.overdue, ...Object.fromEntries(dashboard.perUnit.map((row) => [row.unitName, row.overdue])) };
  };

  it('takes the same papers in date order and with the merge typed first', async () => {
    for (const office of both()) await office.recordFinding({ title: '网上申请渠道未开通', unit: 'PRICE', dueDate: '2026-04-30', responsible: { OTHER: '2026-04-30' } });
    expect(await offices.inDateOrder.reportFinding('OTHER', '2026-04-20')).toBeNull();
    // In date order the merge is recorded an hour later, so a knownAt between shows the day as known before it.
    offices.inDateOrder.app.clock.set('2026-11-30T10:00:00+08:00');
    expect(await offices.inDateOrder.reorganise('mergeUnit', 'PRICE', 'REFORM', '2026-07-01')).toBeNull();
    expect(await offices.asTyped.reorganise('mergeUnit', 'PRICE', 'REFORM', '2026-07-01')).toBeNull();
    expect(await offices.asTyped.reportFinding('OTHER', '2026-04-20')).toBeNull();
  });

  it('before the merge, the lateness is 物价局’s', async () => {
    for (const office of both()) {
      expect(await scorecard(office, '2026-06-30')).toMatchObject({ [UNITS.PRICE]: { parts: 2, due: 2, onTime: 0, overdue: 2 }, [UNITS.OTHER]: { parts: 1, due: 1, onTime: 1, overdue: 0 } });
      expect(await workload(office, 'PRICE', '2026-06-30')).toMatchObject({ openParts: [{ daysLeft: -61, trafficLight: 'RED' }], workPlanParts: [{ daysLeft: -61, trafficLight: 'RED' }] });
      expect(await workload(office, 'REFORM', '2026-06-30')).toMatchObject({ openParts: [], workPlanParts: [], reminders: [] });
    }
  });

  it('on the merge day 发改局 holds the parts and is not yet late; 物价局 keeps its lateness, overdue no more', async () => {
    for (const office of both()) {
      expect(await scorecard(office, '2026-07-01')).toMatchObject({ [UNITS.PRICE]: { parts: 2, due: 2, onTime: 0, overdue: 0 }, [UNITS.REFORM]: { parts: 2, due: 0, onTime: 0, overdue: 0 } });
      expect(await workload(office, 'REFORM', '2026-07-01')).toMatchObject({ openParts: [{ daysLeft: 0, trafficLight: 'YELLOW', dueDate: '2026-04-30' }], workPlanParts: [{ daysLeft: 0, trafficLight: 'YELLOW' }] });
      expect(await perUnitOverdue(office, '2026-07-01')).toMatchObject({ total: 1, [UNITS.REFORM]: 0 });
    }
  });

  it('48 days after the merge, 发改局 is 48 days overdue, not 110; the finding and the item are overdue as before', async () => {
    for (const office of both()) {
      expect(await scorecard(office, '2026-08-18')).toMatchObject({ [UNITS.PRICE]: { parts: 2, due: 2, onTime: 0, overdue: 0 }, [UNITS.REFORM]: { parts: 2, due: 2, onTime: 0, overdue: 2 } });
      const reform = await workload(office, 'REFORM', '2026-08-18');
      expect(reform).toMatchObject({ openParts: [{ daysLeft: -48, trafficLight: 'RED', dueDate: '2026-04-30' }], workPlanParts: [{ daysLeft: -48, trafficLight: 'RED', dueDate: '2026-04-30' }] });
      expect(reform.reminders.filter((reminder) => reminder.kind === 'OVERDUE').map((reminder) => reminder.message)).toEqual([
        '已逾期 48 天（截止日期 2026-04-30，2026-07-01 移交本单位，自移交之日起计）。',
        '已逾期 48 天（截止日期 2026-04-30，2026-07-01 移交本单位，自移交之日起计）。',
      ]);
      expect(await perUnitOverdue(office, '2026-08-18')).toMatchObject({ total: 1, [UNITS.REFORM]: 1 });
      const views = await office.views('2026-08-18');
      expect((views.pages['1'] as { parts: { trafficLight: string }[] }).parts).toEqual([expect.objectContaining({ trafficLight: 'RED', dueDate: '2026-04-30' })]);
      expect(views.finding).toMatchObject({ status: 'OPEN' });
    }
  });

  it('now the same as on the business day: the figures kept as events arrive agree with the day folded', async () => {
    for (const office of both()) {
      expect(await scorecard(office)).toEqual(await scorecard(office, '2026-11-30'));
      expect(await workload(office, 'REFORM')).toEqual(await workload(office, 'REFORM', '2026-11-30'));
      expect(await perUnitOverdue(office)).toEqual(await perUnitOverdue(office, '2026-11-30'));
      expect(await scorecard(office)).toMatchObject({ [UNITS.PRICE]: { due: 2, onTime: 0, overdue: 0 }, [UNITS.REFORM]: { due: 2, overdue: 2 } });
    }
    expect(await offices.asTyped.views('2026-08-18')).toEqual(await offices.inDateOrder.views('2026-08-18'));
  });

  it('known before the merge was recorded, the lateness of 08-18 is all 物价局’s; known after, each unit’s own', async () => {
    const office = offices.inDateOrder;
    const known = async (knownAt: string) => {
      const answer = await office.app.graphql(`query($asOf: String, $knownAt: String) { unitScorecard(asOf: $asOf, knownAt: $knownAt) { unitName parts due onTime overdue } }`, { asOf: '2026-08-18', knownAt });
      expect(answer.errors).toBeUndefined();
      return Object.fromEntries((answer.data!.unitScorecard as { unitName: string }[]).map(({ unitName, ...figures }) => [unitName, figures]));
    };
    const before = await known('2026-11-30T09:30:00+08:00');
    expect(before).toMatchObject({ [UNITS.PRICE]: { parts: 2, due: 2, onTime: 0, overdue: 2 } });
    expect(before[UNITS.REFORM]).toBeUndefined();
    expect(await known('2026-11-30T10:30:00+08:00')).toMatchObject({ [UNITS.PRICE]: { parts: 2, due: 2, onTime: 0, overdue: 0 }, [UNITS.REFORM]: { parts: 2, due: 2, overdue: 2 } });
  });

  it('the successor’s report 9 days after the merge is 9 days late for it; the 台账 row says so', async () => {
    for (const office of both()) {
      expect(await office.report('1', 'REFORM', '2026-07-10')).toBeNull();
      expect(await scorecard(office)).toMatchObject({ [UNITS.PRICE]: { due: 2, onTime: 0 }, [UNITS.REFORM]: { due: 2, onTime: 0, overdue: 1 } });
      const exported = (await office.views()).exported;
      // The row says why its 9 days are not the 71 its own two dates show (breaker8p P8).
      expect(exported.find((row) => row.includes(UNITS.REFORM))).toEqual(
        expect.arrayContaining([`已报告待督查（逾期 9 天后报送：2026-07-01 由${UNITS.PRICE}移交本单位，自移交之日起计；按原时限逾期 71 天）`]),
      );
    }
  });

  it('handed on again (发改局’s duties to 按时局 on 09-01, 职能调整), each of the three is judged on its own days', async () => {
    for (const office of both()) {
      expect(await office.reorganise('handOverUnitParts', 'REFORM', 'OTHER', '2026-09-01')).toBeNull();
      // 发改局 was late on its days for both parts: the finding's never reported, item 1's reported on 07-10, 9 days after it held it.
      // 按时局 holds both from 09-01: item 1 stands reported (on time for it), the finding's owes its report, 10 days overdue on 09-11.
      expect(await scorecard(office, '2026-09-11')).toMatchObject({
        [UNITS.PRICE]: { parts: 2, due: 2, onTime: 0, overdue: 0 },
        [UNITS.REFORM]: { parts: 2, due: 2, onTime: 0, overdue: 0 },
        [UNITS.OTHER]: { parts: 3, due: 2, onTime: 1, overdue: 1 },
      });
      expect(await workload(office, 'OTHER', '2026-09-11')).toMatchObject({ openParts: [{ daysLeft: -10, trafficLight: 'RED', dueDate: '2026-04-30' }] });
      expect(await scorecard(office)).toEqual(await scorecard(office, '2026-11-30'));
    }
  });
});
