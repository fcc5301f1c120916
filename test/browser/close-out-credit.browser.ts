import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { launchChromium } from './support/browser.js';
import { browserContexts, eventually, officeDay, setUpMutations } from './support/suite.js';

/*
 * breaker49-8 S6, newcomer49-8 S1 S2: the pass that first closed a finding, reopened and closed again since, was typed a day
 * late; the supervisor corrects its day. The 时间线 read 「销号」 on the old day after the pass it followed (over the API marked
 * 不成立), and as of a day between there was no 销号 row under a header saying 已销号. Now the first 销号 reads on the corrected
 * day, 原录 the day typed, by the inspector whose pass it was — today and as of a day between.
 */
describe('a closing pass moved after a reopening: its 销号 moves with it on the timeline, by its inspector', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts = browserContexts(() => ({ app, browser }));
  const SUPERVISOR = 'rct_demo_supervisor_qingchuan';
  let findingId: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({ demoData: true, now: new Date().toISOString() }), launchChromium()]);
    const listed = await app.graphql(`{ units { id code name } evaluations(first: 1) { nodes { id } } }`);
    const fgw = listed.data!.units.find((unit: { code: string }) => unit.code === 'FGW');
    const act = (step: string) => setUpMutations(() => app, `b49s6-${step}`);
    const inspector = await app.as('INSPECTOR');
    const unit = await app.as('UNIT', fgw.id);
    findingId = await act('f')('recordFinding', { evaluationId: listed.data!.evaluations.nodes[0].id, title: '政府信息公开目录更新不及时', description: '目录未更新', category: '主动公开', severity: 'LOW', concernedUnitIds: [fgw.id], identifiedOn: officeDay(-20) });
    await act('a')('assignFinding', { findingId, assignedOn: officeDay(-18), units: [{ unitId: fgw.id, role: 'LEAD', dueDate: officeDay(20) }] });
    await act('r1')('reportRectification', { findingId, unitId: fgw.id, reportedOn: officeDay(-14), summary: '已更新目录', evidence: [{ title: '目录', documentRef: '发改〔2026〕2号' }] }, unit);
    await act('p1')('logInspection', { findingId, unitId: fgw.id, inspectedOn: officeDay(-10), outcome: 'PASSED', place: '市发改委', notes: '' }, inspector);
    await act('o')('reopenFinding', { findingId, reason: '复查发现目录又未更新', reopenedOn: officeDay(-7) });
    await act('r2')('reportRectification', { findingId, unitId: fgw.id, reportedOn: officeDay(-5), summary: '已再次更新', evidence: [{ title: '目录', documentRef: '发改〔2026〕3号' }] }, unit);
    await act('p2')('logInspection', { findingId, unitId: fgw.id, inspectedOn: officeDay(-3), outcome: 'PASSED', place: '市发改委', notes: '' }, inspector);
    await act('c')('correctRecordDate', { findingId, unitId: fgw.id, record: 'INSPECTION', previousOn: officeDay(-10), on: officeDay(-11), reason: '督查单日期为前一天' });
  });
  afterAll(() => contexts.closeAll());

  const rows = async (path: string) => {
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto(path);
    const lines = page.locator('[data-test="timeline"] tbody tr');
    await eventually(page, async () => (await lines.count()) > 3, 'the timeline');
    await eventually(page, async () => (await lines.allTextContents()).some((row) => row.includes('更正督查日期')) || path.includes('asOf'), 'the correction row');
    return (await lines.allTextContents()).map((row) => row.replace(/\s+/gu, ' ').trim());
  };

  it('today: 销号 on the corrected day with 原录, by the inspector, none on the day typed', async () => {
    const today = await rows(`/findings/${findingId}`);
    const closeOuts = today.filter((row) => row.includes('销号') && !row.includes('更正'));
    expect(closeOuts).toHaveLength(2);
    expect(closeOuts[0]).toMatch(new RegExp(`^${officeDay(-11)} ?销号（原录 ${officeDay(-10)}）`, 'u'));
    expect(closeOuts[0]).toContain('现场督查员');
    expect(closeOuts[0]).not.toContain('不成立');
    expect(closeOuts[1]).toMatch(new RegExp(`^${officeDay(-3)} ?销号`, 'u'));
  });

  it('as of a day between: the first 销号 is on the page, on its corrected day, by the inspector', async () => {
    const between = await rows(`/findings/${findingId}?asOf=${officeDay(-9)}`);
    const closeOuts = between.filter((row) => row.includes('销号'));
    expect(closeOuts).toHaveLength(1);
    expect(closeOuts[0]).toMatch(new RegExp(`^${officeDay(-11)} ?销号`, 'u'));
    expect(closeOuts[0]).toContain('现场督查员');
  });
});
