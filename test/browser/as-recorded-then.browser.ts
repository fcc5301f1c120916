import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { contrastFailures } from './support/contrast.js';
import { launchChromium } from './support/browser.js';
import { browserContexts, eventually, officeDay } from './support/suite.js';

const SUPERVISOR = 'rct_demo_supervisor_qingchuan';
const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').trim();

/**
 * breaker11b G8: beside 截至日期, 按当时已录入的记录 redraws a past day as the office had entered it
 * by that day's end (knownAt), not as known now; links and exports keep that reading. The demo's
 * facts are all entered at seeding (today), dated on their own past days: yesterday as known now
 * has findings and parts, yesterday as entered by then has none.
 */
describe('按当时已录入的记录: a past day as it had been entered by then', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts = browserContexts(() => ({ app, browser }));
  const yesterday = officeDay(-1);
  const knownAt = `${yesterday}T23:59:59.999+08:00`;
  const totals = async (travel: Record<string, string>) => {
    const { data } = await app.graphql(`query($asOf: String, $knownAt: String) { dashboard(asOf: $asOf, knownAt: $knownAt) { findings { total open closed } } }`, travel);
    const { total, open, closed } = data!.dashboard.findings;
    return `${total} / ${open} / ${closed}`;
  };

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({ demoData: true, now: new Date().toISOString() }), launchChromium()]);
  });
  afterAll(() => contexts.closeAll());

  it('switches the overview between the day as known now and as entered then, keeps the reading across the menu, and says which it shows', async () => {
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto(`/overview?asOf=${yesterday}`);
    const asKnownNow = await totals({ asOf: yesterday });
    expect(asKnownNow).not.toBe('0 / 0 / 0');
    await eventually(page, async () => (await text(page, '[data-test="finding-totals"]')) === asKnownNow, 'the day as known now');

    await page.getByText('按当时已录入的记录', { exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('recorded') === 'then' && url.searchParams.get('asOf') === yesterday);
    expect(await totals({ asOf: yesterday, knownAt })).toBe('0 / 0 / 0');
    await eventually(page, async () => (await text(page, '[data-test="finding-totals"]')) === '0 / 0 / 0', 'the day as entered by its end');
    expect(await text(page, 'h1')).toBe(`总览（截至 ${yesterday}，按当时已录入的记录）`);
    // Nothing had been entered by then: said so, not 「尚无问题」 of a day the page showed findings for a moment ago (newcomer40 S2).
    expect(await text(page, '[data-test="no-findings-yet"]')).toBe(`截至 ${yesterday} 当天结束时尚未录入任何问题（之后补录的不计在内）`);
    expect(await contrastFailures(page)).toEqual([]);

    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '问题清单' }).click();
    await page.waitForURL((url) => url.pathname === '/findings' && url.searchParams.get('recorded') === 'then');
    await eventually(page, async () => (await text(page, '[data-test="findings-count"]')) === '共 0 个问题，已显示 0 个', 'the list as entered by then');
    expect(await text(page, '[data-test="findings"] .el-table__empty-text')).toBe(`截至 ${yesterday} 当天结束时尚未录入任何问题（之后补录的不计在内）`);

    // Unticked, the same day as known now again.
    await page.getByText('按当时已录入的记录', { exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('recorded') === null && url.searchParams.get('asOf') === yesterday);
    const { data } = await app.graphql(`query($asOf: String) { findings(asOf: $asOf, first: 0) { totalCount } }`, { asOf: yesterday });
    expect(data!.findings.totalCount).toBeGreaterThan(0);
    await eventually(page, async () => (await text(page, '[data-test="findings-count"]')).startsWith(`共 ${data!.findings.totalCount} 个问题`), 'the list as known now');
  });

  // newcomer55-8 M3: "as known at" was only the end of the 截至 day — no way to see the ledger as it stood this morning, before
  // today's corrections of a campaign entered late.
  it('reads the day as entered by a chosen minute (China time), kept in the URL, named in the title; cleared, the day\'s end again', async () => {
    const { page } = await contexts.open({ token: SUPERVISOR });
    const chinaMinute = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 16);
    const afterSeeding = chinaMinute(Date.now());
    const asKnownNow = await totals({ asOf: yesterday });
    await page.goto(`/overview?asOf=${yesterday}&recorded=${afterSeeding}`);
    await eventually(page, async () => (await text(page, '[data-test="finding-totals"]')) === asKnownNow, 'the day as entered by this minute (the demo seeded before it)');
    expect(await text(page, 'h1')).toBe(`总览（截至 ${yesterday}，按北京时间 ${afterSeeding.replace('T', ' ')} 前已录入的记录）`);
    const minuteField = page.getByLabel('录入截至（北京时间）');
    expect(await minuteField.inputValue()).toBe(afterSeeding);

    const beforeSeeding = `${yesterday}T12:00`;
    await page.goto(`/overview?asOf=${yesterday}&recorded=${beforeSeeding}`);
    await eventually(page, async () => (await text(page, '[data-test="finding-totals"]')) === '0 / 0 / 0', 'the day as entered by yesterday noon');
    expect(await text(page, '[data-test="no-findings-yet"]')).toBe(`北京时间 ${yesterday} 12:00 前尚未录入任何问题（之后补录的不计在内）`);
    // A link keeps the minute.
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '问题清单' }).click();
    await page.waitForURL((url) => url.pathname === '/findings' && url.searchParams.get('recorded') === beforeSeeding);

    // Cleared: the end of the 截至 day, as the plain switch reads it.
    await page.getByLabel('录入截至（北京时间）').fill('');
    await page.waitForURL((url) => url.searchParams.get('recorded') === 'then');
  });

  it('says a plan or finding entered later was not entered yet that day, never “可能已不存在” (breaker11d P2)', async () => {
    const { page } = await contexts.open({ token: SUPERVISOR });
    const then = `asOf=${yesterday}&recorded=then`;
    await page.goto(`/inspections?${then}`);
    await page.getByText('没有待督查的任务').waitFor();
    expect(await page.getByText('找不到').count()).toBe(0);

    await page.goto(`/work-plan?${then}`);
    const planNotice = page.locator('[data-test="not-yet-recorded"]');
    await planNotice.waitFor();
    expect(await planNotice.textContent()).toContain(`截至 ${yesterday}，按当时已录入的记录，该工作方案尚未录入`);

    const { data } = await app.graphql(`{ findings(first: 1) { nodes { id } } }`);
    await page.goto(`/findings/${data!.findings.nodes[0].id}?${then}`);
    const findingNotice = page.locator('[data-test="not-yet-recorded"]');
    await findingNotice.waitFor();
    expect(await findingNotice.textContent()).toContain(`截至 ${yesterday}，按当时已录入的记录，该问题尚未录入`);
    expect(await page.getByText('可能已不存在').count()).toBe(0);
  });

  it('exports the 整改台账 in the reading shown, its title row saying which', async () => {
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto(`/overview?asOf=${yesterday}&recorded=then`);
    await eventually(page, async () => (await text(page, '[data-test="finding-totals"]')) === '0 / 0 / 0', 'the day as entered by its end');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出整改台账（Excel）' }).click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const title = String(workbook.worksheets[0]!.getRow(1).getCell(1).value ?? '');
    expect(title).toContain(`截至 ${yesterday}，按北京时间 `);
    expect(title).toContain('前已录入的记录');
  });
});
