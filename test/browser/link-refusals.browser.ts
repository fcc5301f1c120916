import type { Browser, Locator, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { launchChromium } from './support/browser.js';
import { browserContexts, eventually } from './support/suite.js';
import { seenInForm, submitAndClose } from './support/form-fields.js';

const UNIT_FGW = 'rct_demo_unit_fgw_qingchuan';

/*
 * A report's evidence link holding `<x>` was refused beside the field as 「…中间不能有空格…」 — the one
 * sentence every refused link got, whatever was wrong — and the words for a link typed without https://
 * ended without their 。. Each refusal now says its own reason, as a sentence, beside 材料1链接.
 */
describe('a refused evidence link says why, beside the field', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts = browserContexts(() => ({ app, browser }));
  let findingId: string;
  let fgwName: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({ demoData: true, now: new Date().toISOString() }), launchChromium()]);
    const { data } = await app.graphql(`{ units { id code name } findings(first: 50) { nodes { id assignments { unitId status } } } }`);
    const fgw = (data!.units as { id: string; code: string; name: string }[]).find((unit) => unit.code === 'FGW')!;
    fgwName = fgw.name;
    // A demo finding on which 发改委 has still to report.
    findingId = (data!.findings.nodes as { id: string; assignments: { unitId: string; status: string }[] }[]).find((finding) =>
      finding.assignments.some((part) => part.unitId === fgw.id && part.status === 'ASSIGNED'),
    )!.id;
  });
  afterAll(() => contexts.closeAll());

  const errorBeside = (form: Locator, page: Page) => form.locator('.el-form-item', { has: page.getByLabel('材料1链接') }).locator('.el-form-item__error');

  /*
   * web4 fault 1: the server named a field of the second evidence item 「佐证材料第 2 项的链接」 while the form labelled it 材料2链接.
   * The refusal names it as the form does and stands beside it; a row left empty goes when the report is sent, so the rows
   * are numbered as the server numbers what it was sent.
   */
  it('a refusal of the second item names 材料2链接, as its label, and stands beside it; empty rows go, the rest renumbered', async () => {
    const { page } = await contexts.open({ token: UNIT_FGW });
    await page.goto(`/findings/${findingId}`);
    const action = /报告整改完成|报送阶段进展/;
    await page.locator(`[data-test="part-${fgwName}"]`).getByRole('button', { name: action }).click();
    const form = page.locator('[data-test="form-report"]');
    await form.getByLabel('整改措施及成效').fill('已在门户网站补充政策解读。');
    await form.getByLabel('材料1名称').fill('政策解读专栏');
    await form.getByLabel('材料1链接').fill('https://www.qingchuan.gov.cn/fgw/zcjd');
    await form.getByRole('button', { name: '添加材料' }).click();
    await form.getByLabel('材料2名称').fill('公开目录');
    await form.getByLabel('材料2链接').fill('www.qingchuan.gov.cn/fgw/ml');
    const beside = (label: string) => form.locator('.el-form-item', { has: page.getByLabel(label, { exact: true }) }).locator('.el-form-item__error');
    await form.getByRole('button', { name: action }).click();
    await beside('材料2链接').waitFor();
    expect(((await beside('材料2链接').textContent()) ?? '').trim()).toBe('“材料2链接”缺少开头的 https://：是否指 https://www.qingchuan.gov.cn/fgw/ml？网址须以 http:// 或 https:// 开头。');
    expect(await beside('材料1链接').count()).toBe(0);

    // The decider's own refusal of an item names the form's fields too.
    await form.getByLabel('材料2链接').fill('');
    await form.getByRole('button', { name: action }).click();
    await eventually(page, async () => ((await beside('材料2链接').count()) ? (await beside('材料2链接').textContent())?.trim() : '') === '请填写“材料2链接”或“材料2文号”：每项佐证材料须有链接或文号。', 'the item without link or 文号 refused beside 材料2链接');

    // The first row emptied: it goes as the report is sent, and the row left is 材料1, refused as 材料1.
    await form.getByLabel('材料1名称').fill('');
    await form.getByLabel('材料1链接').fill('');
    await form.getByRole('button', { name: action }).click();
    await eventually(page, async () => (await form.getByLabel('材料2名称').count()) === 0, 'the empty row gone');
    expect(await form.getByLabel('材料1名称').inputValue()).toBe('公开目录');
    await eventually(page, async () => ((await beside('材料1链接').count()) ? (await beside('材料1链接').textContent())?.trim() : '') === '请填写“材料1链接”或“材料1文号”：每项佐证材料须有链接或文号。', 'refused beside 材料1链接');
  });

  it('`<x>` in the link, no https://, another scheme, a space: each its own reason, each a sentence', async () => {
    const { page } = await contexts.open({ token: UNIT_FGW });
    await page.goto(`/findings/${findingId}`);
    await page.locator(`[data-test="part-${fgwName}"]`).getByRole('button', { name: '报告整改完成' }).click();
    const form = page.locator('[data-test="form-report"]');
    await form.getByLabel('整改措施及成效').fill('已在门户网站补充政策解读。');
    await form.getByLabel('材料1名称').fill('政策解读专栏');
    const refusalOf = async (link: string): Promise<string> => {
      await form.getByLabel('材料1链接').fill(link);
      // The last refusal goes as the field changes; the new one is read once it is there.
      await errorBeside(form, page).waitFor({ state: 'detached' });
      const before = await app.logPosition();
      await form.getByRole('button', { name: '报告整改完成' }).click();
      await seenInForm(form, errorBeside(form, page), 'what the form says after 报告整改完成');
      expect(await app.logPosition()).toBe(before);
      return ((await errorBeside(form, page).textContent()) ?? '').trim();
    };

    const bracket = await refusalOf('https://www.qingchuan.gov.cn/fgw/zcjd/<x>');
    expect(bracket).toBe('“材料1链接”网址中不能有“<”或“>”符号（所填网址含有“<”）：请从浏览器地址栏重新复制链接。');
    expect(bracket).not.toContain('空格');

    expect(await refusalOf('www.qingchuan.gov.cn/fgw/zcjd')).toBe('“材料1链接”缺少开头的 https://：是否指 https://www.qingchuan.gov.cn/fgw/zcjd？网址须以 http:// 或 https:// 开头。');
    // http(s) without its // was taken and stored as typed (web2 fault 2).
    expect(await refusalOf('https:www.qingchuan.gov.cn/fgw/zcjd')).toBe('“材料1链接”网址开头的“https:”不对，应为“https://”：是否指 https://www.qingchuan.gov.cn/fgw/zcjd？网址须以 http:// 或 https:// 开头。');
    expect(await refusalOf('ftp://oa/zcjd')).toBe('“材料1链接”只能填写以 http:// 或 https:// 开头的网页地址，不能是“ftp:”开头的地址（如 https://www.example.gov.cn/xxgk/123 或内网的 http://oa/xxgk/123）。');
    expect(await refusalOf('https://www.qingchuan.gov.cn/fgw/zc jd')).toBe('“材料1链接”网址中间不能有空格：请删去空格，或从浏览器地址栏重新复制链接。');

    // A link it takes is recorded.
    await form.getByLabel('材料1链接').fill('https://www.qingchuan.gov.cn/fgw/zcjd');
    await submitAndClose(form, '报告整改完成');
    await eventually(page, async () => {
      const { data } = await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { unit { name } status } } }`, { id: findingId });
      return (data!.finding.assignments as { unit: { name: string }; status: string }[]).some((part) => part.unit.name === fgwName && part.status === 'REPORTED');
    }, 'the report recorded');
  });

});
