import { chromium, type Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { CHROMIUM_PATH, openApp } from './support/browser.js';

/*
 * newcomer40 P3: an office reaches the server by its intranet address over plain http
 * (http://192.0.2.2:3001), which is not a secure origin — unlike localhost, where every other browser
 * spec runs. `crypto.randomUUID` does not exist there: the app stopped while starting and the sign-in
 * page stayed white. Here the browser reaches the test server by a name that is not localhost (mapped
 * to 127.0.0.1 by Chromium's resolver), so the page runs with no secure context, as at an office PC.
 */
const INTRANET_NAME = 'rectify.intranet.test';

describe('the web app at an intranet address over plain http (no secure context)', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([
      startTestApp({ demoData: true, now: new Date().toISOString() }),
      chromium.launch({
        executablePath: CHROMIUM_PATH,
        args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', `--host-resolver-rules=MAP ${INTRANET_NAME} 127.0.0.1`],
      }),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('starts, signs in with the form and shows the supervisor’s first page', async () => {
    const intranetUrl = app.url.replace(/\/\/(127\.0\.0\.1|localhost)/, `//${INTRANET_NAME}`);
    expect(intranetUrl).toContain(INTRANET_NAME);
    const { context, page, outsideRequests } = await openApp(browser, intranetUrl);
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    try {
      await page.goto('/sign-in');
      expect(await page.evaluate('window.isSecureContext')).toBe(false);
      await page.getByLabel('登录名').fill('supervisor');
      await page.getByLabel('密码', { exact: true }).fill('rectify-demo');
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL((url) => url.pathname !== '/sign-in');
      await page.locator('.page h1').first().waitFor();
      expect(pageErrors).toEqual([]);
      expect(outsideRequests).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
