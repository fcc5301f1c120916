import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { launchChromium } from './support/browser.js';
import { browserContexts, eventually, officeDay } from './support/suite.js';

/*
 * newcomer37 S23: 工作方案 viewed as of a past day opened the plan approved last — 「截至 … 尚未批准，还没有进展可看」 —
 * and the plan that was running that day had to be picked by hand. Now it opens a plan that existed that day.
 */
describe('工作方案 as of a past day', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts = browserContexts(() => ({ app, browser }));

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({ demoData: true, now: new Date().toISOString() }), launchChromium()]);
  });
  afterAll(() => contexts.closeAll());

  it('opens a plan that existed on the day viewed, not one approved after it', async () => {
    const year = Number(officeDay().slice(0, 4));
    // Next year's plan, approved today: it comes first in the list (newest year first), as the newcomer's 2027 plan did.
    const csv = `\ufeff类别编号,类别,序号,工作事项,牵头单位,责任单位,完成时限\n一,平台建设,1,政府网站集约化,FGW,CZJ,${year + 1}-06-30\n`;
    const imported = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId } }`, {
      input: { idempotencyKey: 'past-day-plan', fileName: `青川市${year + 1}年政务公开工作要点（今天批准）.csv`, contentBase64: Buffer.from(csv).toString('base64'), approvedOn: officeDay() },
    }, await app.as('SUPERVISOR'));
    expect(imported.errors).toBeUndefined();
    const plans = (await app.graphql(`{ workPlans { id title approvedOn } }`)).data!.workPlans as { id: string; title: string; approvedOn: string }[];
    const day = officeDay(-1);
    const running = plans.filter((plan) => plan.approvedOn <= day).sort((a, b) => b.approvedOn.localeCompare(a.approvedOn))[0]!;
    expect(running).toBeDefined();

    const { page } = await contexts.open({ token: 'rct_demo_supervisor_qingchuan' });
    // Today the plans come in their own order; as of yesterday, one approved by then.
    await page.goto(`/work-plan?asOf=${day}`);
    await page.locator('[data-test="breakdown"], [data-test="not-yet-recorded"]').first().waitFor();
    expect(await page.locator('[data-test="not-yet-recorded"]').count()).toBe(0);
    const chosen = page.locator('.el-select', { has: page.locator('#plan-picker') }).locator('.el-select__selected-item:not(.is-hidden)').first();
    await eventually(page, async () => (await chosen.innerText()).includes(running.title), 'the plan running that day chosen');
    expect(await chosen.innerText()).not.toContain(`${year + 1}年政务公开工作要点`);
  });
});
