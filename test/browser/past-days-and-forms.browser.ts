import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { launchChromium, openApp, type AppContext } from './support/browser.js';

/** A China office day, `days` from today. */
const officeDay = (days = 0) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

/*
 * Issue 11 (the newcomer's and breaker's smaller faults): a past day's page offers no actions; a
 * required field left empty is named beside it in Chinese before anything is sent; the imports page
 * offers each role only what it may import.
 */
describe('past days are for reading, forms check what they need, imports by role', () => {
  let app: TestApp;
  let browser: Browser;
  const opened: AppContext[] = [];
  const open = async (token: string) => {
    const context = await openApp(browser, app.url, { token });
    opened.push(context);
    return context.page;
  };
  const SUPERVISOR = 'rct_demo_supervisor_qingchuan';
  let findingId: string;
  let unitName: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({ demoData: true, now: new Date().toISOString() }), launchChromium()]);
    const { data } = await app.graphql(`{ findings(first: 200) { nodes { id assignments { status unit { name } } } } }`);
    const finding = data!.findings.nodes.find((candidate: { assignments: { status: string }[] }) => candidate.assignments.some((part) => part.status === 'REPORTED'));
    findingId = finding.id;
    unitName = finding.assignments.find((part: { status: string }) => part.status === 'REPORTED').unit.name;
  });
  afterAll(async () => {
    for (const { context, outsideRequests } of opened) {
      expect(outsideRequests).toEqual([]);
      await context.close();
    }
    await browser?.close();
    await app?.close();
  });

  const buttons = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).count();

  it('offers 催办 and 退办 today, and no action at all on a past day’s page, saying why', async () => {
    const page = await open(SUPERVISOR);
    await page.goto(`/findings/${findingId}`);
    const part = page.locator(`[data-test="part-${unitName}"]`);
    await part.getByRole('button', { name: '退办' }).waitFor();
    expect(await buttons(page, '催办')).toBeGreaterThan(0);

    await page.goto(`/findings/${findingId}?asOf=${officeDay(-1)}`);
    await page.locator('[data-test="as-of-note"]', { hasText: '仅供查看' }).waitFor();
    await page.locator('[data-test="timeline"]').waitFor();
    for (const action of ['催办', '退办', '现场督查', '审批延期', '交办', '重新打开']) expect(await buttons(page, action)).toBe(0);

    await page.goto(`/circulars?asOf=${officeDay(-1)}`);
    await page.locator('[data-test="circulars"]').waitFor();
    expect(await buttons(page, '发通报')).toBe(0);
  });

  it('names an empty required field beside it in Chinese and sends nothing', async () => {
    const page = await open(SUPERVISOR);
    const mutations: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql') && (request.postData() ?? '').includes('mutation')) mutations.push(request.postData()!);
    });
    await page.goto(`/findings/${findingId}`);
    const part = page.locator(`[data-test="part-${unitName}"]`);
    await part.getByRole('button', { name: '退办' }).click();
    const form = page.locator('[data-test="form-sendBack"]');
    await form.getByRole('button', { name: '退办' }).click();
    const error = form.locator('.el-form-item', { has: page.getByLabel('退办理由') }).locator('.el-form-item__error');
    await error.waitFor();
    expect(await error.textContent()).toBe('请填写“退办理由”。');
    expect(mutations).toEqual([]);
  });

  it('offers the units import to administrators only, and findings to supervisors only', async () => {
    const supervisor = await open(SUPERVISOR);
    await supervisor.goto('/imports');
    await supervisor.getByText('工作方案（分解方案）').waitFor();
    expect(await supervisor.getByText('单位名录').count()).toBe(0);
    expect(await supervisor.getByText('评估发现的问题 / 整改台账').count()).toBe(1);

    const admin = await open('rct_demo_admin_qingchuan');
    await admin.goto('/imports');
    await admin.getByText('工作方案（分解方案）').waitFor();
    expect(await admin.getByText('单位名录').count()).toBe(1);
    expect(await admin.getByText('评估发现的问题 / 整改台账').count()).toBe(0);
  });
});
