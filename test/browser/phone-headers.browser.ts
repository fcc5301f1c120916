import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { launchChromium } from './support/browser.js';
import { browserContexts } from './support/suite.js';

/*
 * newcomer38 P5: at 360 px a finding's and an item's header table (el-descriptions) kept 2 label/value pairs a row, the
 * labels squeezed to one character a line (「评/估/报/告」), the item's date broken over two lines; 工作方案's 大项 rows put
 * the expand arrow alone on a row above 「大项」, and 逾期 showed nothing for 0. On a phone the header is one pair a row,
 * each label on one line (theme.css, every bordered el-descriptions); at 1366 it keeps its pairs side by side.
 */
const PHONE = { width: 360, height: 740 };
const DESK = { width: 1366, height: 800 };
const SUPERVISOR = 'rct_demo_supervisor_qingchuan';

interface HeaderCells {
  labels: { text: string; left: number; top: number; lines: number }[];
}

/** Each label cell of the page's header table: its text, left and top (CSS px) and how many lines it takes. */
async function headerCells(page: Page): Promise<HeaderCells> {
  await page.locator('.el-descriptions__label').first().waitFor();
  return (await page.evaluate(`(() => ({
    labels: [...document.querySelectorAll('.el-descriptions__label')].map((cell) => {
      const box = cell.getBoundingClientRect();
      const style = getComputedStyle(cell);
      const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.5;
      // The text's own height (the cell stretches to its value's height).
      const range = document.createRange();
      range.selectNodeContents(cell);
      return { text: cell.textContent.trim(), left: Math.round(box.left), top: Math.round(box.top), lines: Math.round(range.getBoundingClientRect().height / lineHeight) };
    }),
  }))()`)) as HeaderCells;
}

describe('a finding’s and an item’s header on a phone: one label/value pair a row, labels on one line (newcomer38 P5)', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts = browserContexts(() => ({ app, browser }));
  let findingId: string;
  let itemId: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({ demoData: true, now: new Date().toISOString() }), launchChromium()]);
    const { data } = await app.graphql(`{ findings(first: 1) { nodes { id } } workPlans { id } }`);
    findingId = data!.findings.nodes[0].id;
    const plan = await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id } } } }`, { id: data!.workPlans[0].id });
    itemId = plan.data!.workPlan.categories[0].items[0].id;
  });
  afterAll(() => contexts.closeAll());

  it.each([
    ['finding', () => `/findings/${findingId}`],
    ['item', () => `/items/${itemId}`],
  ])('%s page', async (_kind, path) => {
    const phone = (await contexts.open({ token: SUPERVISOR, viewport: PHONE })).page;
    await phone.goto(path());
    const { labels } = await headerCells(phone);
    expect(labels.length).toBeGreaterThan(3);
    // One column: every label at the same left, each on its own row, each on one line.
    expect(new Set(labels.map((label) => label.left)).size).toBe(1);
    expect(new Set(labels.map((label) => label.top)).size).toBe(labels.length);
    expect(labels.filter((label) => label.lines > 1)).toEqual([]);

    // A wide screen keeps two pairs a row.
    const desk = (await contexts.open({ token: SUPERVISOR, viewport: DESK })).page;
    await desk.goto(path());
    const wide = await headerCells(desk);
    expect(new Set(wide.labels.map((label) => label.top)).size).toBeLessThan(wide.labels.length);
  });

  it('工作方案 on a phone: each 大项’s expand arrow on its name’s line; 逾期 says 0 个 for none', async () => {
    const { page } = await contexts.open({ token: SUPERVISOR, viewport: PHONE });
    await page.goto('/work-plan');
    const row = page.locator('[data-test="breakdown"] .el-table__body-wrapper tr.el-table__row').first();
    await row.waitFor();
    const arrow = (await row.locator('td.el-table__expand-column .el-table__expand-icon').boundingBox())!;
    const name = (await row.locator('td[data-label="大项"] strong').boundingBox())!;
    // Same line: the arrow's middle within the name's first line.
    expect(Math.abs(arrow.y + arrow.height / 2 - (name.y + Math.min(name.height, 24) / 2))).toBeLessThan(12);
    expect(arrow.x + arrow.width).toBeLessThanOrEqual(name.x + 1);
    const overdue = await page.locator('[data-test="breakdown"] .el-table__body-wrapper td[data-label="逾期"]').allInnerTexts();
    expect(overdue.length).toBeGreaterThan(0);
    for (const text of overdue) expect(text.trim()).toMatch(/^\d+ 个$/);
  });
});
