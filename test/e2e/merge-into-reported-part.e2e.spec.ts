import { HEADER, typedTwice, type PlanOffice } from '../support/plan-office.js';

/*
 * breaker8n P1 (serious): a part still owing its report that joins a reported one was swallowed — its unreported, overdue
 * share vanished from the lights, 逾期, 单位排名 and the 整改台账, and one pass of the other unit's report closed the finding.
 * Two shapes: two units merged into a new one on one day with equal due dates, the lead's part reported (the lead's record
 * was kept), and the ordinary case — a unit owing its report merged into a unit whose own part is reported.
 * Now the joined part carries the open work (the successor owes a report for both; the report made before the join answered
 * its own share only), and the pass of that report is refused; the successor reports again and the pass closes.
 *
 * The same papers go to two servers: in date order, and as an office typed them (the 单位名录's merges first, the paper
 * reports dated before them after); every view is compared on each day. The office day is 2026-11-30.
 */
const TITLE = '青川市2026年政务公开工作要点（合并入已报告任务测试）';
const CSV =
  HEADER +
  // Item 1: 甲 (lead) and 乙 both merge into 丙 on 07-01; item 2: 丁 (lead) reports, 戊 merges into 丁 on 07-01.
  '一,公开平台,1,整合政府网站公开专栏,,青川县报告甲局,青川县未报乙局,2026-06-30\n' +
  '一,公开平台,2,开设政务微信公众号,,青川县报告丁局,青川县未报戊局,2026-06-30\n';
const UNITS = { JIA: '青川县报告甲局', YI: '青川县未报乙局', BING: '青川县合并丙局', DING: '青川县报告丁局', WU: '青川县未报戊局' };
const DAYS = ['2026-06-30', '2026-07-01', '2026-07-04', '2026-07-05', '2026-07-07', undefined] as const;

type Fact = 'reportJia' | 'reportFindingJia' | 'reportDing' | 'mergeJia' | 'mergeYi' | 'mergeWu';

const type = (office: PlanOffice, fact: Fact) =>
  ({
    reportJia: () => office.report('1', 'JIA', '2026-06-29'),
    reportFindingJia: () => office.reportFinding('JIA', '2026-06-29'),
    reportDing: () => office.report('2', 'DING', '2026-06-29'),
    mergeJia: () => office.reorganise('mergeUnit', 'JIA', 'BING', '2026-07-01'),
    mergeYi: () => office.reorganise('mergeUnit', 'YI', 'BING', '2026-07-01'),
    mergeWu: () => office.reorganise('mergeUnit', 'WU', 'DING', '2026-07-01'),
  })[fact]();

describe('a part still owing its report that joins a reported part carries the open work (breaker8n P1)', () => {
  const offices = typedTwice({ now: '2026-11-30T09:00:00+08:00', units: UNITS, planTitle: TITLE, csv: CSV, approvedOn: '2026-04-01', assignedOn: '2026-04-02' });
  const both = () => [offices.inDateOrder, offices.asTyped];

  it('typed in date order and as the office did (the merges first, the reports dated before them after), every paper is taken', async () => {
    for (const office of both()) await office.recordFinding({ title: '网上申请渠道未开通', unit: 'JIA', dueDate: '2026-06-30', responsible: { YI: '2026-06-30' } });
    for (const fact of ['reportJia', 'reportFindingJia', 'reportDing', 'mergeJia', 'mergeYi', 'mergeWu'] as const) expect([fact, await type(offices.inDateOrder, fact)]).toEqual([fact, null]);
    for (const fact of ['mergeYi', 'mergeJia', 'mergeWu', 'reportJia', 'reportDing', 'reportFindingJia'] as const) expect([fact, await type(offices.asTyped, fact)]).toEqual([fact, null]);
  });

  it.each(DAYS)('on %s the breakdown, item pages, lights, scorecard, 待督查, the finding, dashboard and both exports agree', async (asOf) => {
    expect(await offices.asTyped.views(asOf)).toEqual(await offices.inDateOrder.views(asOf));
  });

  it('from 07-01 the joined parts owe the report: red, overdue in 单位排名 from 07-02 (the watch rule), not awaiting inspection; the 台账 shows the finding open', async () => {
    for (const office of both()) {
      const views = await office.views('2026-07-01');
      const parts = (code: string) => (views.pages[code] as { parts: { unitId: string; status: string; trafficLight: string; reports: unknown[] }[] }).parts;
      expect(parts('1')).toEqual([expect.objectContaining({ unitId: office.units.BING, status: 'ASSIGNED', trafficLight: 'RED', reports: [] })]);
      expect(parts('2')).toEqual([expect.objectContaining({ unitId: office.units.DING, status: 'ASSIGNED', trafficLight: 'RED', reports: [] })]);
      // 单位排名 by the watch rule: the successors came to hold the parts on 07-01, so they are overdue from 07-02, not from 06-30.
      const overdue = (scorecard: unknown) => Object.fromEntries((scorecard as { unitName: string; overdue: number }[]).map((row) => [row.unitName, row.overdue]));
      expect(overdue(views.scorecard)).toMatchObject({ [UNITS.BING]: 0, [UNITS.DING]: 0 });
      expect(overdue((await office.views('2026-07-02')).scorecard)).toMatchObject({ [UNITS.BING]: 2, [UNITS.DING]: 1 });
      expect(views.awaiting).toEqual([]);
      expect(views.finding).toMatchObject({ status: 'OPEN', assignments: [{ status: 'ASSIGNED', dueDate: '2026-06-30' }] });
      // The day before, each unit's own part as it stood: 甲 reported, 乙 owing (due that day).
      expect(((await office.views('2026-06-30')).pages['1'] as { parts: { status: string }[] }).parts.map((part) => part.status)).toEqual(['REPORTED', 'ASSIGNED']);
    }
  });

  it('the pass of 07-05 is refused (no report awaits inspection) on both servers; the successor reports for both and the pass closes', async () => {
    for (const office of both()) {
      expect(await office.pass('1', 'BING', '2026-07-05')).toBe('CONFLICT');
      expect(await office.pass('2', 'DING', '2026-07-05')).toBe('CONFLICT');
      expect(await office.inspectFinding('BING', '2026-07-05', 'PASSED')).toBe('CONFLICT');
      expect(await office.report('1', 'BING', '2026-07-06')).toBeNull();
      expect(await office.pass('1', 'BING', '2026-07-07')).toBeNull();
      expect(await office.reportFinding('BING', '2026-07-06')).toBeNull();
      expect(await office.inspectFinding('BING', '2026-07-07', 'PASSED')).toBeNull();
    }
    for (const asOf of ['2026-07-05', '2026-07-07', undefined]) expect(await offices.asTyped.views(asOf)).toEqual(await offices.inDateOrder.views(asOf));
    const now = await offices.asTyped.views();
    expect(now.pages['1']).toMatchObject({ status: 'COMPLETED', completedOn: '2026-07-07' });
    expect(now.finding).toMatchObject({ status: 'CLOSED', closedOn: '2026-07-07' });
  });
});
