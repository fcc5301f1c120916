import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Debian's Chromium (`apt-get install chromium`; `.ci/run` installs it when missing). Playwright never
 * downloads a browser here: only playwright-core is installed.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'] });
}

export interface AppContext {
  context: BrowserContext;
  page: Page;
  /** Every request the page made to another origin (must stay empty: the app works offline). */
  outsideRequests: string[];
}

/**
 * A fresh browser context (its own cookies and storage, like a separate person's browser)
 * on the app at `baseUrl`; with `token`, the tab starts signed in with it; with `timezoneId` (an IANA
 * zone, e.g. `Asia/Shanghai`), the browser's clock and date pickers run in that zone.
 */
export async function openApp(
  browser: Browser,
  baseUrl: string,
  options: { token?: string; viewport?: { width: number; height: number }; timezoneId?: string } = {},
): Promise<AppContext> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: options.viewport ?? { width: 1366, height: 900 },
    locale: 'zh-CN',
    acceptDownloads: true,
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
  });
  // Playwright's 30 s default for a click or a wait is a guess that a loaded machine outruns; the test's own ceiling decides.
  context.setDefaultTimeout(120_000);
  // Signed in once, as the app itself would be (one sign-in per browser); a later sign-out in the test stays signed out.
  if (options.token) {
    await context.addInitScript({
      content: `if (!sessionStorage.getItem('test.signedIn')) { localStorage.setItem('rectify.token', ${JSON.stringify(options.token)}); sessionStorage.setItem('test.signedIn', '1'); }`,
    });
  }
  const origin = new URL(baseUrl).host;
  const outsideRequests: string[] = [];
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol !== 'data:' && url.protocol !== 'blob:' && url.host !== origin) outsideRequests.push(request.url());
  });
  const page = await context.newPage();
  return { context, page, outsideRequests };
}

/**
 * Where screenshots go: test-results/screenshots on every run; docs/screenshots (the README's,
 * committed) when UPDATE_SCREENSHOTS=1, so an ordinary run leaves the work tree unchanged.
 */
export const SCREENSHOTS = join(process.cwd(), ...(process.env.UPDATE_SCREENSHOTS === '1' ? ['docs', 'screenshots'] : ['test-results', 'screenshots']));

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Writes a measurement (data for the README and CI logs, never a pass/fail criterion) to test-results/. */
export function writeMeasurement(fileName: string, data: Record<string, unknown>): void {
  const directory = join(process.cwd(), 'test-results');
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, fileName), JSON.stringify({ ...data, at: new Date().toISOString() }, null, 2));
}
