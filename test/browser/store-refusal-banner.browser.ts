import { rmSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { USERS_WORDS } from '../../src/event-store/store-health.js';
import { freshDatabasePath, startTestApp, type TestApp } from '../support/test-app.js';
import { createPerson, signIn, type Person } from './support/accounts.js';
import { launchChromium } from './support/browser.js';
import { browserContexts, eventually } from './support/suite.js';

/*
 * breaker9x S1 (issue 9): with the store file gone under the running server, a unit's clerk saw nothing amiss on 我的任务
 * or a finding's page, typed a whole report, and learned only on submitting that nothing could be saved. Every page now
 * says so in a banner while the server refuses writes, in the short words office staff read (USERS_WORDS), no path.
 */
describe('a banner on every page while the server refuses writes', () => {
  let app: TestApp;
  let browser: Browser;
  let clerk: Person;
  const sqlitePath = freshDatabasePath();
  const contexts = browserContexts(() => ({ app, browser }));

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({ sqlitePath, demoData: true }), launchChromium()]);
    const fgw = (await app.graphql('{ units { id code } }')).data!.units.find((unit: { code: string }) => unit.code === 'FGW').id as string;
    clerk = await createPerson(app, 'UNIT', '李娜', 'banner-fgw', fgw);
  }, 300_000);
  afterAll(() => contexts.closeAll());

  it('is absent while writes are taken, and says what happened and whom to tell once the store file is gone, on the next page opened', async () => {
    const { page } = await contexts.open();
    await signIn(page, clerk);
    await page.waitForURL((url) => url.pathname === '/workload');
    await page.locator('[data-test="open-findings"], [data-test="open-items"]').first().waitFor();
    expect(await page.locator('[data-test="store-refusal"]').count()).toBe(0);

    // The database file itself with its companions: a -wal or -shm gone alone is named as that (breaker45-9 M3), not as the file gone.
    for (const file of [sqlitePath, `${sqlitePath}-wal`, `${sqlitePath}-shm`]) rmSync(file, { force: true });
    await page.locator('[data-test="open-findings"] .el-table__row a').first().click();
    await page.waitForURL(/\/findings\//u);
    const banner = page.locator('[data-test="store-refusal"]');
    await eventually(page, async () => (await banner.count()) === 1, 'the banner');
    expect((await banner.textContent())?.trim()).toBe(USERS_WORDS.STORE_FILE_MISSING.zh);
    expect(await banner.textContent()).not.toContain(sqlitePath);
  });
});
