import { HEADER, typedTwice, type PlanOffice } from '../support/plan-office.js';

/*
 * Issue 8, 162ada7's path end to end (time's s23 Left 1, time2's s24 Left 2): the 单位名录 typed first — two units' parts of
 * a plan item pass to a third unit on one day (merged, or handed over) — then a revised plan file dated *before* that day,
 * which lists the third unit as a responsible unit of the item. By date the version gives the third unit its own part first,
 * and both parts that pass to it on the later day join that part. 162ada7 let the item's decider make that room, but the file's
 * revision never asked it: it read the unit as already holding a part (one it only received later) and added nothing — 丁 had
 * no part from 03-15 to 03-31 in every view (found by this spec, session 25). Now the revision adds it (`receivedOn`), the
 * item's decider undoes the two hand-overs, adds 丁's part and passes them again, and every view agrees.
 *
 * The same facts are typed into two servers, in date order and as the office typed them (both reorganisation papers, then
 * the version); the breakdown, 完成率, item pages, withdrawn list, scorecard, 待督查, export and who holds each part (with its
 * earlier holders) are compared on each day viewed. Office day 2026-06-10.
 */
const TITLE = '青川市2026年政务公开工作要点（改版早于同日移交）';
const ROWS = '一,公开平台,1,整合政府网站公开专栏,,青川市改版测试甲局,青川市改版测试乙局、青川市改版测试丙局,2026-09-30\n' + '一,公开平台,2,开设政务微信公众号,,青川市改版测试甲局,,2026-10-31\n';
/** The version of 03-15: unit 丁 joins item 1 as a responsible unit, nothing else changes. */
const VERSION_2 = HEADER + ROWS.replace('青川市改版测试乙局、青川市改版测试丙局', '青川市改版测试乙局、青川市改版测试丙局、青川市改版测试丁局');
const UNITS = { JIA: '青川市改版测试甲局', YI: '青川市改版测试乙局', BING: '青川市改版测试丙局', DING: '青川市改版测试丁局' };
const DAYS = ['2026-03-14', '2026-03-15', '2026-03-31', '2026-04-01', '2026-06-10', undefined] as const;

describe.each(['mergeUnit', 'handOverUnitParts'] as const)('a revised plan dated before two parts passed to a unit on one day (%s), typed after them (162ada7)', (how) => {
  const offices = typedTwice({ now: '2026-06-10T09:00:00+08:00', units: UNITS, planTitle: TITLE, csv: HEADER + ROWS, approvedOn: '2026-03-01', assignedOn: '2026-03-02' });
  const type = (office: PlanOffice, fact: 'version' | 'yi' | 'bing') =>
    ({
      version: () => office.revise(VERSION_2, '2026-03-15', TITLE),
      yi: () => office.reorganise(how, 'YI', 'DING', '2026-04-01'),
      bing: () => office.reorganise(how, 'BING', 'DING', '2026-04-01'),
    })[fact]();

  it('typed in date order and with the 单位名录 first (丙, then 乙, then the version), every paper is taken', async () => {
    // The two papers of one day in the same relative order: two joins of one day into a unit's own part list in typing order.
    for (const fact of ['version', 'bing', 'yi'] as const) expect(await type(offices.inDateOrder, fact)).toBeNull();
    for (const fact of ['bing', 'yi', 'version'] as const) expect(await type(offices.asTyped, fact)).toBeNull();
  });

  it.each(DAYS)('on %s the breakdown, 完成率, item pages, withdrawn list, scorecard, 待督查, export and the holders agree', async (asOf) => {
    expect(await offices.asTyped.views(asOf)).toEqual(await offices.inDateOrder.views(asOf));
    for (const code of ['1', '2']) expect(await offices.asTyped.holders(code, asOf)).toEqual(await offices.inDateOrder.holders(code, asOf));
  });

  it('丁 holds its own part of item 1 from 03-15, and 丙’s and 乙’s join it on 04-01', async () => {
    expect(await offices.asTyped.holders('1', '2026-03-14')).toEqual(['BING RESPONSIBLE ASSIGNED 2026-09-30', 'JIA LEAD ASSIGNED 2026-09-30', 'YI RESPONSIBLE ASSIGNED 2026-09-30']);
    expect(await offices.asTyped.holders('1', '2026-03-31')).toEqual(['BING RESPONSIBLE ASSIGNED 2026-09-30', 'DING RESPONSIBLE ASSIGNED 2026-09-30', 'JIA LEAD ASSIGNED 2026-09-30', 'YI RESPONSIBLE ASSIGNED 2026-09-30']);
    expect(await offices.asTyped.holders('1')).toEqual(['DING RESPONSIBLE ASSIGNED 2026-09-30 BING YI', 'JIA LEAD ASSIGNED 2026-09-30']);
  });
});
