import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { launchChromium } from './support/browser.js';
import { browserContexts } from './support/suite.js';

/*
 * newcomer38 P2: a refusal of more than one line shown beside a field (el-form-item's error) was drawn
 * absolutely, over the next field: at 1366 px 导入's 方案标题 refusal ran over the 「年度」 label, at 360 px
 * its second half (what to type where) was hidden under the 年度 input; the unit's 材料1链接 refusal the
 * same over 「材料1文号」. Every field refusal now takes its own space (theme.css, one rule for every
 * form): it lies inside its own form item, above the next one, wholly readable — at both widths.
 */
const WIDTHS = [
  { width: 1366, height: 800 },
  { width: 360, height: 740 },
];
const TOKENS = { SUPERVISOR: 'rct_demo_supervisor_qingchuan', UNIT: 'rct_demo_unit_fgw_qingchuan' };

interface Placement {
  text: string;
  lines: number;
  /** CSS px the error reaches below its own form item's box (0 when inside it). */
  pastOwnItem: number;
  /** CSS px the error reaches into the next form item (0 when it ends above it). */
  intoNextItem: number;
  /** Whether the error's text is clipped by its box. */
  clipped: boolean;
}

/** Where each visible field refusal inside the element `scope` (a CSS selector) lies against its own form item and the next one. */
async function placements(page: Page, scope: string): Promise<Placement[]> {
  // A string, as the other browser specs do (the Node typecheck has no DOM types).
  return (await page.evaluate(`((root) => [...root.querySelectorAll('.el-form-item__error')]
    .filter((error) => error.offsetParent !== null && (error.textContent ?? '').trim() !== '')
    .map((error) => {
      const item = error.closest('.el-form-item');
      const box = error.getBoundingClientRect();
      const items = [...root.querySelectorAll('.el-form-item')].filter((other) => other.offsetParent !== null);
      const next = items[items.indexOf(item) + 1];
      const lineHeight = parseFloat(getComputedStyle(error).lineHeight) || 16;
      return {
        text: (error.textContent ?? '').trim(),
        lines: Math.round(box.height / lineHeight),
        pastOwnItem: Math.max(0, Math.round(box.bottom - item.getBoundingClientRect().bottom)),
        intoNextItem: next ? Math.max(0, Math.round(box.bottom - next.getBoundingClientRect().top)) : 0,
        clipped: error.scrollHeight > error.clientHeight + 1,
      };
    }))(document.querySelector(${JSON.stringify(scope)}))`)) as Placement[];
}

describe('a field refusal of several lines takes its own space, above the next field, at 1366 and 360 px (newcomer38 P2)', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts = browserContexts(() => ({ app, browser }));
  let report: { findingId: string; unitName: string };

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({ demoData: true, now: new Date().toISOString() }), launchChromium()]);
    const fgw = (await app.graphql(`{ units { id code name } }`)).data!.units.find((unit: { code: string }) => unit.code === 'FGW');
    const { data } = await app.graphql(`query($unitId: ID!) { unitWorkload(unitId: $unitId) { openParts { findingId status } } }`, { unitId: fgw.id });
    const open = data!.unitWorkload.openParts.find((part: { findingId: string | null; status: string }) => part.findingId && (part.status === 'ASSIGNED' || part.status === 'RETURNED'));
    report = { findingId: open.findingId, unitName: fgw.name };
  });
  afterAll(() => contexts.closeAll());

  const expectOwnSpace = (found: Placement[]) => {
    expect(found.length).toBeGreaterThan(0);
    // Several lines: the case that used to run over the next field.
    expect(found.some((placement) => placement.lines >= 2)).toBe(true);
    expect(found.map(({ text, pastOwnItem, intoNextItem, clipped }) => ({ text, pastOwnItem, intoNextItem, clipped }))).toEqual(
      found.map(({ text }) => ({ text, pastOwnItem: 0, intoNextItem: 0, clipped: false })),
    );
  };

  it.each(WIDTHS)('the unit’s 材料1链接 refusal at $width px', async (viewport) => {
    const { page } = await contexts.open({ token: TOKENS.UNIT, viewport });
    await page.goto(`/findings/${report.findingId}`);
    await page.locator(`[data-test="part-${report.unitName}"]`).getByRole('button', { name: /报告整改完成|报送阶段进展/ }).click();
    const form = page.locator('[data-test="form-report"]');
    await form.getByLabel('整改措施及成效').fill('已在门户网站公开目录。');
    await form.getByLabel('材料1名称').fill('目录');
    await form.getByLabel('材料1链接').fill('www.qc.gov.cn/x');
    await form.getByRole('button', { name: /报告整改完成|报送阶段进展/ }).click();
    await form.locator('.el-form-item', { has: page.getByLabel('材料1链接') }).locator('.el-form-item__error').waitFor();
    await settled(page);
    const found = await placements(page, '[data-test="form-report"]');
    expect(found.map((placement) => placement.text)).toEqual([expect.stringContaining('http://')]);
    expectOwnSpace(found);
  });

  it.each(WIDTHS)('导入’s 方案标题 refusal at $width px (README’s sample plan, already imported under its title)', async (viewport) => {
    const { page } = await contexts.open({ token: TOKENS.SUPERVISOR, viewport });
    await page.goto('/imports');
    await page.getByRole('heading', { name: '导入' }).waitFor();
    await page.getByLabel('文件（.xlsx、.csv、.yaml 或 .json）').setInputFiles({
      name: 'work-plan-2026.xlsx',
      mimeType: 'application/octet-stream',
      buffer: readFileSync(join(process.cwd(), 'samples', 'work-plan-2026.xlsx')),
    });
    await page.getByRole('button', { name: '预览（不写入）' }).click();
    const titleError = page.locator('.el-form-item', { has: page.getByLabel('方案标题', { exact: true }) }).locator('.el-form-item__error');
    await titleError.waitFor({ timeout: 60_000 });
    await settled(page);
    expect(await titleError.textContent()).toContain('方案标题');
    expectOwnSpace(await placements(page, 'form.el-form'));
  });
});

/** Lets the error's entry transition (el-zoom-in-top) end before measuring. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(`[...document.querySelectorAll('.el-form-item__error')].every((error) => error.getAnimations().length === 0)`);
}
