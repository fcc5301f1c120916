import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { launchChromium } from './support/browser.js';
import { browserContexts, eventually } from './support/suite.js';

const SUPERVISOR = 'rct_demo_supervisor_qingchuan';

/*
 * newcomer40 P1: the import page refused a plan's new version whose items fall due before the plan's approval day with
 * 「…如该方案的批准日期有误，请先更正方案批准日期。」 — and the web app had no way to correct it. 工作方案分解 has 更正批准日期
 * for a supervisor, and the refusal names it.
 */
describe('correcting a plan’s approval day in the web app', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts = browserContexts(() => ({ app, browser }));

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({ demoData: true, now: new Date().toISOString() }), launchChromium()]);
  });
  afterAll(() => contexts.closeAll());

  it('a supervisor corrects the approval day of the plan shown, with a reason', async () => {
    const { data } = await app.graphql(`{ workPlans { id title approvedOn } }`, {}, { authorization: `Bearer ${SUPERVISOR}` });
    const plan = data!.workPlans[0] as { id: string; title: string; approvedOn: string };
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto(`/work-plan?planId=${plan.id}`);
    await page.locator('[data-test="correct-approval"]').click();
    const form = page.locator('[data-test="form-correct-approval"]');
    const day = form.getByLabel('方案批准日期（更正后）');
    // The day before the demo plan's approval: a plan not changed since may take any earlier day.
    const earlier = new Date(Date.parse(`${plan.approvedOn}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    await day.fill(earlier);
    await day.press('Enter');
    await form.getByLabel('更正理由').fill('按印发文件核对，批准日期录入有误。');
    await form.getByRole('button', { name: '更正' }).click();
    await eventually(
      page,
      async () => {
        const { data: after } = await app.graphql(`{ workPlans { id approvedOn } }`, {}, { authorization: `Bearer ${SUPERVISOR}` });
        return (after!.workPlans as { id: string; approvedOn: string }[]).find((candidate) => candidate.id === plan.id)?.approvedOn === earlier;
      },
      'the plan’s approval day corrected',
    );
    await form.waitFor({ state: 'hidden' });
    // Opened again, the dialog says the corrected day.
    await page.locator('[data-test="correct-approval"]').click();
    await page.getByText(`现为 ${earlier}。`).waitFor();
  });

  it('a day a colleague corrected while the dialog was open is not replaced: the form says who set which day when, and keeps what was typed (issue 9)', async () => {
    const { data } = await app.graphql(`{ workPlans { id title approvedOn } }`, {}, { authorization: `Bearer ${SUPERVISOR}` });
    const plan = data!.workPlans[0] as { id: string; title: string; approvedOn: string };
    const dayBefore = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto(`/work-plan?planId=${plan.id}`);
    await page.locator('[data-test="correct-approval"]').click();
    const form = page.locator('[data-test="form-correct-approval"]');
    const day = form.getByLabel('方案批准日期（更正后）');
    await day.fill(dayBefore(plan.approvedOn, 2));
    await day.press('Enter');
    await form.getByLabel('更正理由').fill('按收文登记簿。');
    // Meanwhile another supervisor (the API's test account) corrects it from a form that showed the same day.
    const colleague = await app.graphql(`mutation($i: CorrectWorkPlanApprovalInput!) { correctWorkPlanApproval(input: $i) { id } }`, {
      i: { idempotencyKey: 'browser-approval-colleague', planId: plan.id, approvedOn: dayBefore(plan.approvedOn, 1), expectedApprovedOn: plan.approvedOn, reason: '按印发文件' },
    });
    expect(colleague.errors).toBeUndefined();
    await form.getByRole('button', { name: '更正' }).click();
    await form
      .getByRole('alert')
      .filter({ hasText: `的批准日期刚由` })
      .filter({ hasText: `改为 ${dayBefore(plan.approvedOn, 1)}（北京时间` })
      .filter({ hasText: `理由：按印发文件；表单显示的是 ${plan.approvedOn}）：请确认后再调整，本次未作修改。` })
      .first()
      .waitFor();
    expect(await form.getByLabel('更正理由').inputValue()).toBe('按收文登记簿。');
    const { data: after } = await app.graphql(`{ workPlans { id approvedOn } }`, {}, { authorization: `Bearer ${SUPERVISOR}` });
    expect((after!.workPlans as { id: string; approvedOn: string }[]).find((candidate) => candidate.id === plan.id)?.approvedOn).toBe(dayBefore(plan.approvedOn, 1));
    // The page read the plan again (newcomer51-9 M5's kind): pressed again, knowing the colleague's day, the form's day is recorded.
    await form.locator('[data-test="form-reread"]').waitFor();
    await form.getByRole('button', { name: '更正' }).click();
    await eventually(page, async () => {
      const { data: last } = await app.graphql(`{ workPlans { id approvedOn } }`, {}, { authorization: `Bearer ${SUPERVISOR}` });
      return (last!.workPlans as { id: string; approvedOn: string }[]).find((candidate) => candidate.id === plan.id)?.approvedOn === dayBefore(plan.approvedOn, 2);
    }, 'the second press recorded on top of the colleague’s day');
  });
});
