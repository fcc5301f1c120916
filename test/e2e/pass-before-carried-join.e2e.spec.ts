import { HEADER, typedTwice, type PlanOffice } from '../support/plan-office.js';

/*
 * breaker8o P2 (serious): a pass dated on or before the join that carried its part, typed after the join, was refused for good
 * (the join could not be undone). Item 1: 甲 (lead) reported and was verified in June; 乙 reported on 07-02 and was merged into
 * 甲 on 07-05 — as typed, the 单位名录's merge first, so the join carried 乙's open (reported) work and set 甲's verified record
 * aside; 乙's pass of 07-03 is typed after. Now that pass is taken as date order takes it: the carry comes off, and verified by
 * the join day, 乙's part stays with its unit (a reorganisation passes only work open on its day), the item completes on 07-03.
 * Item 2 is the same for a join that kept the successor's record (was refused: 'a joined part is not separated again').
 *
 * The same papers go to two servers, in date order and as typed; every view is compared on each day. Office day 2026-11-30.
 */
const TITLE = '青川市2026年政务公开工作要点（合并前验收后录入测试）';
// Item 2, a join that kept the successor's record (a join redone with a verified part): 丙 (lead) reported, not inspected; 丁
// reported 07-02 and merged into 丙 07-05 (both reported: the join kept 丙's record); 丁's pass of 07-03 typed after the merge.
const CSV =
  HEADER +
  '一,公开平台,1,整合政府网站公开专栏,,青川县验收甲局,青川县并入乙局,2026-07-10\n' +
  '一,公开平台,2,开设政务微信公众号,,青川县报告丙局,青川县并入丁局,2026-07-10\n';
const UNITS = { JIA: '青川县验收甲局', YI: '青川县并入乙局', BING: '青川县报告丙局', DING: '青川县并入丁局' };
const DAYS = ['2026-07-02', '2026-07-03', '2026-07-04', '2026-07-05', '2026-07-06', undefined] as const;

type Fact = 'reportJia' | 'passJia' | 'reportYi' | 'passYi' | 'mergeYi' | 'reportBing' | 'reportDing' | 'passDing' | 'mergeDing';

const type = (office: PlanOffice, fact: Fact) =>
  ({
    reportJia: () => office.report('1', 'JIA', '2026-06-20'),
    passJia: () => office.pass('1', 'JIA', '2026-06-25'),
    reportYi: () => office.report('1', 'YI', '2026-07-02'),
    passYi: () => office.pass('1', 'YI', '2026-07-03'),
    mergeYi: () => office.reorganise('mergeUnit', 'YI', 'JIA', '2026-07-05'),
    reportBing: () => office.report('2', 'BING', '2026-06-20'),
    reportDing: () => office.report('2', 'DING', '2026-07-02'),
    passDing: () => office.pass('2', 'DING', '2026-07-03'),
    mergeDing: () => office.reorganise('mergeUnit', 'DING', 'BING', '2026-07-05'),
  })[fact]();

describe('a pass dated before the join that carried its part, typed after the join (breaker8o P2)', () => {
  const offices = typedTwice({ now: '2026-11-30T09:00:00+08:00', units: UNITS, planTitle: TITLE, csv: CSV, approvedOn: '2026-04-01', assignedOn: '2026-04-02' });
  const both = () => [offices.inDateOrder, offices.asTyped];

  it('typed in date order and as the office did (the merge before the pass of 07-03), every paper is taken', async () => {
    for (const fact of ['reportJia', 'passJia', 'reportYi', 'passYi', 'mergeYi', 'reportBing', 'reportDing', 'passDing', 'mergeDing'] as const) expect([fact, await type(offices.inDateOrder, fact)]).toEqual([fact, null]);
    for (const fact of ['reportJia', 'passJia', 'reportYi', 'mergeYi', 'passYi', 'reportBing', 'reportDing', 'mergeDing', 'passDing'] as const) expect([fact, await type(offices.asTyped, fact)]).toEqual([fact, null]);
  });

  it.each(DAYS)('on %s the breakdown, item page, lights, scorecard, 待督查 and the export agree', async (asOf) => {
    expect(await offices.asTyped.views(asOf)).toEqual(await offices.inDateOrder.views(asOf));
  });

  it('乙 keeps its verified part (the merge of 07-05 passed nothing) and the item completed on 07-03, on both servers', async () => {
    for (const office of both()) {
      expect(await office.holders('1')).toEqual(['JIA LEAD VERIFIED 2026-07-10', 'YI RESPONSIBLE VERIFIED 2026-07-10']);
      const page = (await office.views()).pages['1'];
      expect(page).toMatchObject({ status: 'COMPLETED', completedOn: '2026-07-03' });
      // Before the pass, 乙's reported part awaits inspection; nothing is carried into 甲's verified part.
      expect(await office.holders('1', '2026-07-02')).toEqual(['JIA LEAD VERIFIED 2026-07-10', 'YI RESPONSIBLE REPORTED 2026-07-10']);
      // Item 2: the join kept 丙's record; 丁's pass of 07-03 takes it off and it is not made again — 丁 keeps its verified part, 丙's awaits inspection.
      expect(await office.holders('2')).toEqual(['BING LEAD REPORTED 2026-07-10', 'DING RESPONSIBLE VERIFIED 2026-07-10']);
    }
  });
});
