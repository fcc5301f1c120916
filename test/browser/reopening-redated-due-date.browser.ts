import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { launchChromium } from './support/browser.js';
import { browserContexts, officeDay, setUpMutations } from './support/suite.js';

/*
 * h8b: a reopening typed with the wrong day that gave no new due date (the part's own had not passed) really happened after that
 * due date. 更正其他记录日期 now asks for 新的整改时限 in the same form once the corrected day is past the due date — and only
 * then — and the part is due by it from the corrected day, on the card and in the timeline.
 */
describe('a supervisor corrects a reopening’s day past the part’s due date in the browser, giving the new due date', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts = browserContexts(() => ({ app, browser }));
  const SUPERVISOR = 'rct_demo_supervisor_qingchuan';
  let findingId: string;
  let fgwName: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({ demoData: true, now: new Date().toISOString() }), launchChromium()]);
    const listed = await app.graphql(`{ units { id code name } evaluations(first: 1) { nodes { id } } }`);
    const fgw = listed.data!.units.find((unit: { code: string }) => unit.code === 'FGW');
    fgwName = fgw.name;
    const act = setUpMutations(() => app, 'h8b');
    findingId = await act('recordFinding', { evaluationId: listed.data!.evaluations.nodes[0].id, title: '价格听证结果未公开', description: '听证结果未在网站公开', category: '主动公开', severity: 'LOW', concernedUnitIds: [fgw.id], identifiedOn: officeDay(-20) });
    await act('assignFinding', { findingId, assignedOn: officeDay(-18), units: [{ unitId: fgw.id, role: 'LEAD', dueDate: officeDay(-8) }] });
    await act('reportRectification', { findingId, unitId: fgw.id, reportedOn: officeDay(-12), summary: '已公开', evidence: [{ title: '听证结果', documentRef: '发改〔2026〕1号' }] }, await app.as('UNIT', fgw.id));
    await act('logInspection', { findingId, unitId: fgw.id, inspectedOn: officeDay(-10), outcome: 'PASSED', place: '市发改委', notes: '' }, await app.as('INSPECTOR'));
    // Typed as of -9 (due -8 not passed: no new due date asked); the paper says -5.
    await act('reopenFinding', { findingId, reason: '听证结果页面被撤下', reopenedOn: officeDay(-9) });
  });
  afterAll(() => contexts.closeAll());

  it('shows 新的整改时限 only once the corrected day is past the due date, requires it then, and the part is due by it', async () => {
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto(`/findings/${findingId}`);
    await page.locator(`[data-test="part-${fgwName}"]`).getByRole('button', { name: '更正其他记录日期' }).click();
    const form = page.locator('[data-test="form-correctRecord"]');
    await form.locator('.el-form-item', { hasText: '要更正的记录' }).locator('.el-select__wrapper').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: `重新打开（${officeDay(-9)}）` }).click();
    const day = form.getByLabel('实际日期（该记录实际发生的那一天）');
    const newDueDate = form.locator('.el-form-item', { hasText: '新的整改时限' });
    // On the due date itself the part comes back due that day: nothing more asked.
    await day.fill(officeDay(-8));
    await day.press('Tab');
    await form.getByLabel('更正理由').fill('重新打开通知落款日期录错');
    expect(await newDueDate.count()).toBe(0);
    // Past it: asked for, and required.
    await day.fill(officeDay(-5));
    await day.press('Tab');
    await newDueDate.waitFor();
    await form.getByRole('button', { name: '更正记录日期' }).click();
    await form.getByText('请选择“新的整改时限”。').waitFor();
    const given = form.getByLabel(`新的整改时限（更正后的重新打开或退办日期晚于原时限 ${officeDay(-8)}，须填写，不早于更正后的日期）`);
    await given.fill(officeDay(20));
    await given.press('Tab');
    await form.getByRole('button', { name: '更正记录日期' }).click();
    await form.waitFor({ state: 'detached' });
    const { data } = await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { status dueDate returns { returnedOn newDueDate } } } }`, { id: findingId }, { authorization: `Bearer ${SUPERVISOR}` });
    expect(data!.finding.assignments).toEqual([{ status: 'RETURNED', dueDate: officeDay(20), returns: [{ returnedOn: officeDay(-5), newDueDate: officeDay(20) }] }]);
    await page.locator('[data-test="timeline"]').getByText(`（重新整改时限 ${officeDay(20)}）`).first().waitFor();
    await page.locator(`[data-test="part-${fgwName}"] [data-test="return-new-due-date"]`, { hasText: `（重新整改时限 ${officeDay(20)}）` }).waitFor();
  });
});
