import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { contrastFailures } from './support/contrast.js';
import { launchChromium } from './support/browser.js';
import { browserContexts, eventually, officeDay } from './support/suite.js';
import { addChoice, chooseOption, formShows } from './support/form-fields.js';

const SUPERVISOR = 'rct_demo_supervisor_qingchuan';
const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').trim();

/**
 * Issue 11: a finding no unit was given yet is reachable in the app (问题清单, and the overview's
 * link to it) and reads 待交办 wherever it shows; a circular cites the findings and work-plan items
 * it is about, picked in its form and shown beside it.
 */
describe('问题清单 and circulars that cite what they are about', () => {
  let app: TestApp;
  let browser: Browser;
  let fgw: { id: string; name: string };
  let unassignedId: string;
  const TITLE = '门户网站政策解读栏目长期未更新';
  const contexts = browserContexts(() => ({ app, browser }));

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({ demoData: true, now: new Date().toISOString() }), launchChromium()]);
    const { data } = await app.graphql(`{ units { id code name } evaluations { nodes { id } } }`);
    fgw = data!.units.find((unit: { code: string }) => unit.code === 'FGW');
    const recorded = await app.graphql(`mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id status } }`, {
      input: { idempotencyKey: 'unassigned-finding', evaluationId: data!.evaluations.nodes[0].id, title: TITLE, description: '政策解读栏目最近一次更新在半年前', category: '政策解读', severity: 'MEDIUM', concernedUnitIds: [fgw.id] },
    });
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data!.recordFinding.status).toBe('UNASSIGNED');
    unassignedId = recorded.data!.recordFinding.id;
  });
  afterAll(() => contexts.closeAll());

  it('reaches a finding not yet assigned from the overview, lists it under 待交办, and says 待交办 on its page', async () => {
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto('/overview');
    const link = page.locator('[data-test="unassigned-link"]');
    await link.waitFor();
    const { data } = await app.graphql(`{ findings(status: UNASSIGNED, first: 0) { totalCount } }`);
    expect(await link.textContent()).toBe(`待交办 ${data!.findings.totalCount} 个问题`);
    await link.click();
    await page.waitForURL((url) => url.pathname === '/findings' && url.searchParams.get('status') === 'UNASSIGNED');
    const row = page.locator('[data-test="findings"] .el-table__row', { hasText: TITLE });
    await row.waitFor();
    expect(await text(page, '[data-test="status-filter"] .is-active')).toBe(`待交办（${data!.findings.totalCount}）`);
    const statuses = await page.locator('[data-test="finding-row-status"]').allTextContents();
    expect(new Set(statuses.map((status) => status.trim()))).toEqual(new Set(['待交办']));
    expect(await contrastFailures(page)).toEqual([]);

    await row.getByRole('link', { name: TITLE }).click();
    await page.waitForURL((url) => url.pathname === `/findings/${unassignedId}`);
    await page.locator('[data-test="finding-status"]').waitFor();
    expect(await text(page, '[data-test="finding-status"]')).toBe('待交办');
    expect(await text(page, '[data-test="no-parts"]')).toContain('待交办');
    await page.getByRole('button', { name: '交办' }).waitFor();
  });

  it('finds by title and status in the URL, and lists a past day as it stood (the finding recorded today not yet there)', async () => {
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto('/findings');
    await page.getByLabel('问题标题包含').fill('政策解读栏目');
    await page.getByRole('button', { name: '查找' }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === '政策解读栏目');
    await eventually(page, async () => (await page.locator('[data-test="findings"] .el-table__row').count()) === 1, 'one finding with the text');
    expect(await text(page, '[data-test="findings"] .el-table__row')).toContain(TITLE);

    await page.goto(`/findings?q=${encodeURIComponent('政策解读栏目')}&asOf=${officeDay(-1)}`);
    await page.locator('[data-test="findings-count"]').waitFor();
    expect(await text(page, '[data-test="findings-count"]')).toBe('共 0 个问题，已显示 0 个');
    expect(await text(page, '[data-test="findings"] .el-table__empty-text')).toBe('没有符合条件的问题');
  });

  it('issues a circular citing a finding and a work-plan item of the unit, picked in the form, and shows them beside it', async () => {
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto('/circulars');
    await page.getByRole('button', { name: '发通报' }).click();
    const form = page.locator('[data-test="form-circular"]');
    await form.getByText('通报批评').click();
    // The unit clicked until shown chosen (chooseOption); failing, says what the form shows.
    const unit = form.locator('.el-select', { has: page.getByLabel('单位') });
    const shows = async () => `the form shows: ${await formShows(form)}`;
    await chooseOption(unit, page, fgw.name, shows);
    await form.getByLabel('标题').fill('关于市发改委政策解读工作滞后的通报');
    await form.getByLabel('事由').fill('政策解读栏目长期未更新，工作方案事项进展缓慢。');
    const citations = form.locator('.el-form-item', { hasText: '所涉问题或工作事项（可多选，可不选）' });
    // Each pick clicked until shown chosen (addChoice): a click falling while the list opens picks nothing.
    const citationSelect = citations.locator('.el-select');
    await addChoice(citationSelect, page, `问题：${TITLE}`, shows);
    await page.keyboard.press('Escape');
    // Another unit chosen: the picks made for the first are gone, never published against the other (breaker11b G1).
    await chooseOption(unit, page, '青川市财政局', shows);
    await eventually(page, async () => (await citations.locator('.el-tag').count()) === 0, 'the first unit’s picks cleared');
    await chooseOption(unit, page, fgw.name, shows);
    await addChoice(citationSelect, page, `问题：${TITLE}`, shows);
    const itemLabel = ((await page.locator('.el-select-dropdown__item:visible', { hasText: '工作事项：' }).first().textContent()) ?? '').trim();
    await addChoice(citationSelect, page, itemLabel, shows);
    await page.keyboard.press('Escape');
    // newcomer40 S3: a title naming another unit than the one chosen is said first in the confirmation, before anything is sent.
    await form.getByLabel('标题').fill('关于青川市财政局政策解读工作滞后的通报');
    await form.getByRole('button', { name: '发布' }).click();
    expect(await text(page, '[data-test="form-confirm"]')).toContain(`请注意：标题写的是“青川市财政局”，而所选单位是“${fgw.name}”，请核对标题或单位。`);
    await form.getByLabel('标题').fill('关于市发改委政策解读工作滞后的通报');
    await form.getByRole('button', { name: '发布' }).click();
    await eventually(page, async () => !(await text(page, '[data-test="form-confirm"]')).includes('请注意'), 'the title’s note gone once it names the unit');
    // 发布 asks once more, naming the unit, the kind and the day (newcomer26 S9); nothing is sent before.
    expect(await text(page, '[data-test="form-confirm"]')).toContain(`确认发布通报批评：${fgw.name} —《关于市发改委政策解读工作滞后的通报》，发文日期 ${officeDay(0)}。`);
    await form.getByRole('button', { name: '确认发布' }).click();

    const row = page.locator('[data-test="circulars"] .el-table__row', { hasText: '关于市发改委政策解读工作滞后的通报' });
    await row.waitFor();
    const cited = (await row.locator('[data-test="circular-references"] li').allTextContents()).map((line) => line.trim());
    expect(cited).toEqual([`问题：${TITLE}`, expect.stringMatching(/^工作事项：\S/)]);
    // The list names the item with its plan, number and title, as the picker did (M8).
    expect(cited[1]).toBe(itemLabel);
    await row.getByRole('link', { name: `问题：${TITLE}` }).click();
    await page.waitForURL((url) => url.pathname === `/findings/${unassignedId}`);
  });

  it('tells a unit clerk the list holds its own unit’s circulars, not the whole city’s (newcomer21 S1)', async () => {
    const { page: supervisor } = await contexts.open({ token: SUPERVISOR });
    await supervisor.goto('/circulars');
    await supervisor.locator('[data-test="circulars"] .el-table__row').first().waitFor();
    expect(await text(supervisor, '[data-test="circulars-scope"]')).toBe('（全部）');

    const { page } = await contexts.open({ token: 'rct_demo_unit_fgw_qingchuan' });
    await page.goto('/circulars');
    await page.locator('[data-test="circulars"] .el-table__row', { hasText: '关于市发改委政策解读工作滞后的通报' }).waitFor();
    expect(await text(page, '[data-test="circulars-scope"]')).toBe('（本单位）');
    await page.goto(`/circulars?asOf=${officeDay(-1)}`);
    await eventually(page, async () => (await text(page, '[data-test="circulars"] .el-table__empty-text')) === '暂无对本单位的通报', 'the empty list said to be the unit’s own');
    expect(await text(page, '[data-test="circulars-scope"]')).toBe(`（本单位，截至 ${officeDay(-1)}）`);
  });

  it('issues a circular with its 文号, then withdraws it as sent about the wrong unit: kept in the list, marked, no longer counted (newcomer26 S9)', async () => {
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto(`/circulars?unitId=${fgw.id}&kind=CRITICISM`);
    const form = page.locator('[data-test="form-circular"]');
    await form.getByLabel('标题').fill('关于市发改委整改进度滞后的通报');
    await form.getByLabel('事由').fill('逾期未报送整改情况。');
    await form.getByLabel('文号（可不填）').fill('青政公开〔2026〕7号');
    await form.getByRole('button', { name: '发布' }).click();
    expect(await text(page, '[data-test="form-confirm"]')).toContain(`确认发布通报批评：${fgw.name} —《关于市发改委整改进度滞后的通报》（青政公开〔2026〕7号）`);
    await form.getByRole('button', { name: '确认发布' }).click();
    const row = page.locator('[data-test="circulars"] .el-table__row', { hasText: '关于市发改委整改进度滞后的通报' });
    await row.getByText('青政公开〔2026〕7号').waitFor();

    await row.locator('[data-test="circular-withdraw"]').click();
    const withdrawal = page.locator('[data-test="form-withdraw-circular"]');
    await withdrawal.getByLabel('撤回理由（如：发错单位、未印发）').fill('发错单位：应为市教育局。');
    await withdrawal.getByRole('button', { name: '撤回通报' }).click();
    expect(await text(page, '[data-test="form-confirm"]')).toContain('确认撤回通报批评“关于市发改委整改进度滞后的通报”');
    await withdrawal.getByRole('button', { name: '确认撤回通报' }).click();
    await row.locator('[data-test="circular-mark"]', { hasText: `已撤回（${officeDay(0)}：发错单位：应为市教育局。）` }).waitFor();
    expect(await row.locator('[data-test="circular-withdraw"]').count()).toBe(0);
    const { data } = await app.graphql(`{ circulars(first: 50) { nodes { title withdrawal { reason } } } }`);
    expect(data!.circulars.nodes.find((circular: { title: string }) => circular.title === '关于市发改委整改进度滞后的通报').withdrawal).toEqual({ reason: '发错单位：应为市教育局。' });
  });
});
