import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '../../support/test-app.js';
import { openApp, type AppContext } from './browser.js';

/** A China office day (UTC+8), `days` from today, `YYYY-MM-DD`: the app and the API count days on the office calendar. */
export const officeDay = (days = 0): string => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

/**
 * A spec's set-up mutations through the API: `act(name, input, headers?)` sends `name(input: NameInput!) { id }` with the
 * idempotency key `${prefix}-${name}` (each name once per spec), as the supervisor unless `headers` say otherwise, and returns
 * the id; a refusal throws naming the mutation and its errors.
 */
export function setUpMutations(app: () => TestApp, prefix: string) {
  return async (mutation: string, input: Record<string, unknown>, headers?: Record<string, string>): Promise<string> => {
    const answer = await app().graphql(`mutation($input: ${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $input) { id } }`, { input: { idempotencyKey: `${prefix}-${mutation}`, ...input } }, headers);
    if (answer.errors) throw new Error(`${mutation}: ${JSON.stringify(answer.errors)}`);
    return answer.data![mutation].id as string;
  };
}

/** Waits for a condition on the page with a generous ceiling (ms): a loaded CI machine must not fail it. */
export async function eventually(page: Page, check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Not seen within ${timeoutMs} ms: ${what}`);
    await page.waitForTimeout(25);
  }
}

/**
 * The browser contexts a suite opens (each a separate person's browser), closed at its end after
 * checking that none of them fetched anything from another origin; then the browser and the app.
 * `suite` answers the suite's app and browser once `beforeAll` has started them.
 */
export function browserContexts(suite: () => { app: TestApp; browser: Browser }) {
  const opened: AppContext[] = [];
  return {
    async open(options?: Parameters<typeof openApp>[2]): Promise<AppContext> {
      const { app, browser } = suite();
      const context = await openApp(browser, app.url, options);
      opened.push(context);
      return context;
    },
    /**
     * Closes every context, then the browser, then the app — each even when one before it failed to close (a context of a
     * crashed page) — and only then checks what the contexts fetched from elsewhere: a check that failed first left the
     * browser and the app running, and the worker that ran the file could not exit (CI 7 Dec, ci56a: 「A worker process
     * has failed to exit gracefully」).
     */
    async closeAll(): Promise<void> {
      const failures: unknown[] = [];
      const attempt = async (close: () => Promise<void> | undefined) => {
        try {
          await close();
        } catch (error) {
          failures.push(error);
        }
      };
      for (const { context } of opened) await attempt(() => context.close());
      const { app, browser } = suite();
      await attempt(() => browser?.close());
      await attempt(() => app?.close());
      for (const { outsideRequests } of opened) expect(outsideRequests).toEqual([]);
      if (failures.length > 0) throw failures[0];
    },
  };
}

/**
 * The body rows of an Element Plus table (`selector` names the el-table), not those of the tables nested in its
 * expanded rows: the 工作方案 breakdown holds a 大项's items, which hold each item's parts.
 */
export const tableRows = (page: Page, selector: string) =>
  page.locator(`${selector} > .el-table__inner-wrapper > .el-table__body-wrapper .el-table__body > tbody > .el-table__row`);
