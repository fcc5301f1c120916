import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { launchChromium } from './support/browser.js';
import { browserContexts, tableRows } from './support/suite.js';

/*
 * breaker11c N5 and the tables left from breaker11 F8: on a 390 px phone the 导入 page was 682 px
 * wide (a checkbox's long text did not wrap) and the tables of 总览 (890 px), 问题清单 (1,140 px) and
 * others ran off the screen. Every page of every role, on a phone, fits its width: no sideways scroll
 * of the page, and no table wider than the screen (what identifies a row and what can be done with
 * it are in the columns shown; the rest stacks under the row's name).
 */
const PHONE = { width: 390, height: 844 };
/** The narrowest phone in common use (newcomer39 tried 360 × 740). */
const NARROW_PHONE = { width: 360, height: 740 };
const TOKENS = {
  SUPERVISOR: 'rct_demo_supervisor_qingchuan',
  INSPECTOR: 'rct_demo_inspector_qingchuan',
  UNIT: 'rct_demo_unit_fgw_qingchuan',
  ADMIN: 'rct_demo_admin_qingchuan',
};

/** How far the page and each table reach past the screen's width, in CSS px (0 when they fit). */
async function overflow(page: Page): Promise<{ page: number; tables: number[] }> {
  return (await page.evaluate(`(() => ({
    page: Math.max(0, document.documentElement.scrollWidth - window.innerWidth),
    tables: [...document.querySelectorAll('.el-table')].map((table) => {
      const wrap = table.querySelector('.el-table__body-wrapper .el-scrollbar__wrap') ?? table.querySelector('.el-table__body-wrapper');
      const inner = wrap ? wrap.scrollWidth - wrap.clientWidth : 0;
      return Math.max(0, inner, Math.round(table.getBoundingClientRect().right - window.innerWidth));
    }).filter((past) => past > 0),
  }))()`)) as { page: number; tables: number[] };
}

/**
 * Labels drawn away from the control they name (newcomer39 P1: 「方案」 alone at the end of 工作方案's
 * title row, its select at the start of the next line): the texts of those labels. A label is beside
 * its control when it is on the control's line, or right above it (a form's label on a phone) within
 * the control's width.
 */
async function labelsAwayFromControls(page: Page): Promise<string[]> {
  return (await page.evaluate(`(() => [...document.querySelectorAll('label[for]')].filter((label) => {
    const control = document.getElementById(label.htmlFor);
    const labelBox = label.getBoundingClientRect();
    if (!control || labelBox.width === 0 || label.classList.contains('sr-only')) return false;
    const controlBox = (control.closest('.el-select, .el-date-editor, .el-input, .el-textarea') ?? control).getBoundingClientRect();
    if (controlBox.width === 0) return false;
    const middle = labelBox.top + labelBox.height / 2;
    const onItsLine = middle >= controlBox.top && middle <= controlBox.bottom;
    const gapAbove = controlBox.top - labelBox.bottom;
    const rightAbove = gapAbove >= -2 && gapAbove <= 16 && labelBox.left >= controlBox.left - 8 && labelBox.left < controlBox.right;
    return !onItsLine && !rightAbove;
  }).map((label) => label.textContent.trim()))()`)) as string[];
}

/** The percent axis labels of each bar chart on the page, left to right, with their boxes (CSS px). */
async function percentAxes(page: Page): Promise<{ text: string; left: number; right: number }[][]> {
  return (await page.evaluate(`(() => [...document.querySelectorAll('.bar-chart')].map((chart) => {
    const ticks = [...chart.querySelectorAll('svg text')].map((text) => ({ text: text.textContent.trim(), box: text.getBoundingClientRect() }))
      .filter((tick) => /^\\d+%$/.test(tick.text));
    const bottom = Math.max(...ticks.map((tick) => tick.box.top));
    return ticks.filter((tick) => Math.abs(tick.box.top - bottom) < 2)
      .map((tick) => ({ text: tick.text, left: tick.box.left, right: tick.box.right }))
      .sort((a, b) => a.left - b.left);
  }))()`)) as { text: string; left: number; right: number }[][];
}

/**
 * The labels of a phone-row table (v-phone-rows) drawn with nothing beside them: each visible cell whose column has a
 * name and whose value is empty, as 「列名」 (newcomer40 P4: a bare 「逾期」 on every 小项 and unit of 工作方案 at 360 px).
 */
async function bareLabels(page: Page): Promise<string[]> {
  return (await page.evaluate(`[...document.querySelectorAll('[data-phone-rows] .el-table__body-wrapper td[data-label]')]
    .filter((cell) => cell.dataset.label !== '' && cell.getClientRects().length > 0 && cell.innerText.trim() === '')
    .map((cell) => cell.dataset.label)`)) as string[];
}

describe('every page fits a 390 px phone: no sideways scroll, no table wider than the screen', () => {
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

  const PAGES: [keyof typeof TOKENS, string, string][] = [
    ['SUPERVISOR', '/overview', '总览'],
    ['SUPERVISOR', '/findings', '问题清单'],
    ['SUPERVISOR', '/work-plan', '工作方案'],
    ['SUPERVISOR', '/scorecard', '单位排名'],
    ['SUPERVISOR', '/circulars', '通报'],
    ['SUPERVISOR', '/imports', '导入'],
    ['SUPERVISOR', '/inspections', '待督查'],
    ['SUPERVISOR', '/extensions', '待审批延期'],
    ['SUPERVISOR', '/ledger', '台账校验码'],
    ['SUPERVISOR', 'finding', '问题详情'],
    ['SUPERVISOR', 'item', '事项详情'],
    ['UNIT', '/workload', '我的任务'],
    ['INSPECTOR', '/inspections', '待督查'],
    ['ADMIN', '/users', '用户管理'],
    ['ADMIN', '/imports', '导入'],
    ['ADMIN', '/ledger', '台账校验码'],
  ];

  it('shows a unit on a phone what each reminder says and its day, on the screen (newcomer12 Q19)', async () => {
    const fgw = (await app.graphql(`{ units { id code } }`)).data!.units.find((unit: { code: string }) => unit.code === 'FGW');
    const { data } = await app.graphql(`query($unitId: ID!) { unitWorkload(unitId: $unitId) { openParts { findingId status } } }`, { unitId: fgw.id });
    const open = data!.unitWorkload.openParts.find((part: { status: string }) => part.status !== 'VERIFIED');
    const message = '请于12月3日前重新报送整改情况，并附网页截图。';
    const urged = await app.graphql(`mutation($input: UrgeUnitInput!) { urgeUnit(input: $input) { id } }`, {
      input: { idempotencyKey: 'phone-urge', findingId: open.findingId, unitId: fgw.id, message },
    });
    expect(urged.errors).toBeUndefined();
    const { page } = await contexts.open({ token: TOKENS.UNIT, viewport: PHONE });
    await page.goto('/workload');
    const content = page.locator('[data-test="reminders"]').getByText(message);
    await content.waitFor();
    const onScreen = async (locator: ReturnType<Page['locator']>) => {
      const box = (await locator.boundingBox())!;
      return box.x >= 0 && box.x + box.width <= PHONE.width;
    };
    expect(await onScreen(content)).toBe(true);
    const row = page.locator('[data-test="reminders"] tr', { hasText: message });
    expect(await onScreen(row.locator('[data-test="reminder-day"]'))).toBe(true);
    // The work-plan items' due dates and days left likewise (they were in columns off to the right).
    for (const column of ['状态', '完成时限', '剩余天数']) {
      const cell = page.locator(`[data-test="open-items"] td[data-label="${column}"]`).first();
      await cell.waitFor();
      expect(await onScreen(cell)).toBe(true);
    }
    expect(await overflow(page)).toEqual({ page: 0, tables: [] });
  });

  it('opens a select’s list within the screen, long options wrapping (breaker11i P3: 所属评估报告 ran 196 px off a phone)', async () => {
    for (const [index, title] of ['青川市2025年度政务公开工作第三方评估报告（第二批，2026年1月补充评估）', '青川市2025年度政务公开工作第三方评估报告（第三批，2026年2月补充评估）'].entries()) {
      const registered = await app.graphql(`mutation($input: RegisterEvaluationInput!) { registerEvaluation(input: $input) { id } }`, {
        input: { idempotencyKey: `phone-select-${index}`, title, evaluator: '中部政府透明度研究院', commissionedBy: '青川市人民政府办公室', periodStart: '2025-01-01', periodEnd: '2025-12-31', receivedOn: `2026-0${index + 1}-15` },
      });
      expect(registered.errors).toBeUndefined();
    }
    const { page } = await contexts.open({ token: TOKENS.SUPERVISOR, viewport: PHONE });
    await page.goto('/findings');
    await page.getByRole('button', { name: '登记问题' }).first().click();
    await page.getByLabel('所属评估报告').click();
    const option = page.locator('.el-select-dropdown__item', { hasText: '第三批' });
    await option.waitFor();
    const box = (await option.boundingBox())!;
    expect({ left: box.x >= 0, right: box.x + box.width <= PHONE.width }).toEqual({ left: true, right: true });
    // The words that tell the two reports apart are on the screen, not cut off.
    expect(await option.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
    expect((await overflow(page)).page).toBe(0);
  });

  it.each(PAGES)('%s: %s (%s) fits', async (role, path, _title) => {
    const { page } = await contexts.open({ token: TOKENS[role], viewport: PHONE });
    const url = path === 'finding' ? `/findings/${findingId}` : path === 'item' ? `/items/${itemId}` : path;
    await page.goto(url);
    await page.locator('.page h1').first().waitFor();
    // The page's data drawn: no request left open, nothing still loading.
    await page.waitForLoadState('networkidle');
    await page.waitForFunction(`document.querySelectorAll('.el-loading-mask, [data-test="loading"]').length === 0`, undefined, { timeout: 30_000 });
    expect(await overflow(page)).toEqual({ page: 0, tables: [] });
    expect(await labelsAwayFromControls(page)).toEqual([]);
    await page.setViewportSize(NARROW_PHONE);
    expect(await labelsAwayFromControls(page)).toEqual([]);
    expect(await bareLabels(page)).toEqual([]);
  });

  it('draws no label without its value in 工作方案分解 on a 360 px phone: 逾期 of a 小项 and of a unit included (newcomer40 P4)', async () => {
    const { page } = await contexts.open({ token: TOKENS.SUPERVISOR, viewport: NARROW_PHONE });
    await page.goto('/work-plan');
    await tableRows(page, '[data-test="breakdown"]').first().locator('.el-table__expand-icon').click();
    const items = tableRows(page, '[data-test="breakdown"] [data-test="items"]');
    await items.first().waitFor();
    await items.first().locator('.el-table__expand-icon').click();
    await page.locator('[data-test="parts"] [data-test="part-due"]').first().waitFor();
    expect(await items.first().locator('td[data-label="逾期"]').innerText()).toMatch(/^\d+ 个$/u);
    expect(await bareLabels(page)).toEqual([]);
  });

  it('reads each chart’s percent axis on a 360 px phone: 0 % to 100 %, no two labels touching (newcomer39 P3)', async () => {
    const { page } = await contexts.open({ token: TOKENS.SUPERVISOR, viewport: NARROW_PHONE });
    await page.goto('/overview');
    await page.locator('.bar-chart svg text').first().waitFor();
    const axes = await percentAxes(page);
    expect(axes.length).toBe(3);
    for (const axis of axes) {
      expect([axis[0]?.text, axis.at(-1)?.text]).toEqual(['0%', '100%']);
      const touching = axis.slice(1).filter((tick, index) => tick.left < axis[index]!.right + 4);
      expect(touching).toEqual([]);
    }
    // 按单位 names every unit whole, over two lines (newcomer40: cut to 7 characters, 「青川市发展和改…」).
    const unitChart = page.locator('.bar-chart', { hasText: '按单位' }).locator('svg');
    const drawn = (await unitChart.evaluate((svg) => [...svg.querySelectorAll('text')].map((text) => text.textContent).join(''))) as string;
    expect(drawn).toContain('青川市发展和改革委员会');
    expect(drawn).not.toContain('…');
  });
});
