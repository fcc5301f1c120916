import type { Browser } from 'playwright-core';
import { contrastFailures } from './support/contrast.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { launchChromium, openApp, writeMeasurement } from './support/browser.js';

describe('the web app is served at / by the API server', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({ demoData: true }), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('opens on the sign-in page, in Chinese, with a label on every field and nothing fetched from outside', async () => {
    const { page, context, outsideRequests } = await openApp(browser, app.url);
    await page.goto('/');
    await page.waitForURL('**/sign-in');
    await page.getByLabel('登录名').waitFor();
    // When the sign-in form was mounted and took input, by the browser's own clock from the start of
    // navigation; recorded as data, never asserted (CI machines are shared and loaded).
    // (Expressions as text: the browser's globals are not in this project's Node type library.)
    const readyMs: number = await page.evaluate(`performance.getEntriesByName('rectify:sign-in-ready')[0].startTime`);
    const domInteractiveMs: number = await page.evaluate(`performance.getEntriesByType('navigation')[0].domInteractive`);
    writeMeasurement('first-view.json', { readyMs: Math.round(readyMs), domInteractiveMs: Math.round(domInteractiveMs) });
    console.log(`first view: the sign-in form took input ${Math.round(readyMs)} ms after navigation started (DOM interactive at ${Math.round(domInteractiveMs)} ms)`);
    await expect(page.getByLabel('登录名').isVisible()).resolves.toBe(true);
    await expect(page.getByLabel('密码', { exact: true }).isVisible()).resolves.toBe(true);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
    await expect(page.getByRole('button', { name: '登录' }).isVisible()).resolves.toBe(true);
    expect(await contrastFailures(page)).toEqual([]);
    expect(outsideRequests).toEqual([]);
    await context.close();
  });

  it('reloading a page of the app serves the app; an unknown path stays a 404 of the API', async () => {
    const { page, context } = await openApp(browser, app.url);
    const overview = await page.goto('/overview');
    expect(overview?.status()).toBe(200);
    await page.waitForURL((url) => url.pathname === '/sign-in' && url.searchParams.get('next') === '/overview');
    const unknown = await page.goto('/no-such-page');
    expect(unknown?.status()).toBe(404);
    await context.close();
  });

  it('serves a bundled GraphiQL at /graphiql, and a browser opening /graphql is sent there', async () => {
    const { page, context, outsideRequests } = await openApp(browser, app.url);
    await page.goto('/graphql');
    await page.waitForURL('**/graphiql');
    await page.locator('.graphiql-container').waitFor();
    expect(outsideRequests).toEqual([]);
    await context.close();
  });

  it('offers no 接口调试（GraphiQL） to an administrator where the server does not serve it (production: newcomer48-9 M1)', async () => {
    const production = await startTestApp({ demoData: true, settings: { GRAPHQL_INTROSPECTION: 'false' } });
    try {
      const { page, context } = await openApp(browser, production.url, { token: 'rct_demo_admin_qingchuan' });
      await page.goto('/users');
      const menu = page.locator('nav[aria-label="主菜单"]');
      await menu.getByRole('link', { name: '用户管理' }).waitFor();
      expect(await menu.innerText()).not.toMatch(/GraphiQL|接口调试/);
      expect((await page.request.get(`${production.url}/graphiql`, { headers: { accept: 'text/html' } })).status()).toBe(404);
      await context.close();
    } finally {
      await production.close();
    }
  });
});
