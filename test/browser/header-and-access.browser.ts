import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createPerson, signIn } from './support/accounts.js';
import { launchChromium } from './support/browser.js';
import { browserContexts } from './support/suite.js';

const UNIT = 'rct_demo_unit_fgw_qingchuan';

/**
 * The frame around every page: the header on a phone (breaker11b G10), a page not for one's role
 * (M5), and why one was signed out (M6).
 */
describe('the header, pages not for one’s role, and a session ended by an administrator', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts = browserContexts(() => ({ app, browser }));

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({ demoData: true, now: new Date().toISOString() }), launchChromium()]);
  });
  afterAll(() => contexts.closeAll());

  it('keeps a unit clerk’s header within a fifth of a phone screen, each menu entry on one line, at every common width', async () => {
    const { page } = await contexts.open({ token: UNIT, viewport: { width: 390, height: 844 } });
    await page.goto('/workload');
    await page.locator('nav[aria-label="主菜单"] a').first().waitFor();
    const measured: string[] = [];
    for (const width of [360, 375, 390, 393, 412, 414, 430, 600, 768]) {
      await page.setViewportSize({ width, height: 844 });
      const { header, wrapped, scrollWidth } = (await page.evaluate(`(() => {
        const links = [...document.querySelectorAll('nav[aria-label="主菜单"] a')];
        const wrapped = links.filter((link) => {
          const style = getComputedStyle(link);
          const content = link.getBoundingClientRect().height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
          return content >= 2 * parseFloat(style.fontSize);
        }).map((link) => link.textContent);
        return { header: document.querySelector('header').getBoundingClientRect().height, wrapped, scrollWidth: document.documentElement.scrollWidth };
      })()`)) as { header: number; wrapped: string[]; scrollWidth: number };
      measured.push(`${width}px: ${Math.round(header)}px`);
      expect({ width, wrapped }).toEqual({ width, wrapped: [] });
      expect(header).toBeLessThanOrEqual(844 / 5);
      expect(scrollWidth).toBeLessThanOrEqual(width);
    }
    console.log(`unit clerk's header height: ${measured.join(', ')}`);
  });

  it('sends a unit opening 单位排名 by its address to 我的任务, as every page not for its role', async () => {
    const { page } = await contexts.open({ token: UNIT });
    await page.goto('/scorecard');
    await page.waitForURL((url) => url.pathname === '/workload');
    expect(await page.locator('nav[aria-label="主菜单"]').innerText()).not.toContain('单位排名');
  });

  it('says why on the sign-in page when an administrator set a new password or deactivated the account', async () => {
    const admin = await app.as('ADMIN');
    const person = await createPerson(app, 'UNIT', '钱多', 'browser-reset', (await app.graphql(`{ units { id } }`)).data!.units[0].id);
    const { page } = await contexts.open();
    await signIn(page, person);
    await page.waitForURL('**/workload');

    const reset = await app.graphql(
      `mutation($input: SetInitialPasswordInput!) { setInitialPassword(input: $input) { id } }`,
      { input: { userId: person.userId, loginName: person.loginName, password: '管理员重设-2026', idempotencyKey: 'reset-browser-reset' } },
      admin,
    );
    expect(reset.errors).toBeUndefined();
    await page.reload();
    await page.waitForURL((url) => url.pathname === '/sign-in' && url.searchParams.get('next') === '/workload');
    expect(await page.locator('[data-test="session-ended"]').innerText()).toContain('此次登录已结束');

    person.initialPassword = '管理员重设-2026';
    await signIn(page, person);
    await page.waitForURL('**/workload');
    const deactivated = await app.graphql(
      `mutation($input: DeactivateUserInput!) { deactivateUser(input: $input) { id } }`,
      { input: { userId: person.userId, reason: '工作调动', idempotencyKey: 'deactivate-browser-reset' } },
      admin,
    );
    expect(deactivated.errors).toBeUndefined();
    await page.reload();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(await page.locator('[data-test="session-ended"]').innerText()).toContain('此账号已停用');
  });
});
