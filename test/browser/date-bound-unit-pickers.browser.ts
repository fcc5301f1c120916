import type { Browser, Locator } from 'playwright-core';
import { addDays } from '../../src/shared/calendar-date.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { launchChromium } from './support/browser.js';
import { chooseOption, chosenIn, demoRegistration, formItem, formShows, typeDay } from './support/form-fields.js';
import { browserContexts, eventually } from './support/suite.js';

const ADMIN = 'rct_demo_admin_qingchuan';
const SUPERVISOR = 'rct_demo_supervisor_qingchuan';

const dayAfter = addDays;

/*
 * web3 fault 1: the unit pickers bound to another day than the 交办日期 — 单位名录's 并入其他单位 (并入日期) and 发通报's 单位
 * (发文日期) — offered the units standing today whatever the day said; the server refused the unit after submitting. Like the
 * 交办 pickers, each offers the units standing on its day, says in words when none stood, and shows a unit chosen that the day
 * does not allow marked with why. (No picker is read before the directory has loaded: the waits are on the unit's own label.)
 */
describe('a unit picker bound to a day offers the units standing on it', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts = browserContexts(() => ({ app, browser }));
  let registeredOn: string;
  let fgw: { id: string; name: string };

  const shown = async (locator: Locator) => ((await locator.count()) ? ((await locator.first().textContent()) ?? '').trim() : '');

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({ demoData: true, now: new Date().toISOString() }), launchChromium()]);
    ({ registeredOn, fgw } = await demoRegistration(app));
  });
  afterAll(() => contexts.closeAll());

  it('并入其他单位: 并入日期 first; before the registration no successor is offered, said why, and one chosen is shown marked', async () => {
    const { page } = await contexts.open({ token: ADMIN });
    await page.goto('/units');
    await page.locator('[data-test="merge-SYJ"]').click();
    const form = page.locator('[data-test="form-merge-unit"]');
    await form.waitFor();
    // The day comes before the picker it governs.
    const labels = (await form.locator('.el-form-item__label').allTextContents()).map((label) => label.trim());
    expect(labels.indexOf('并入日期')).toBeLessThan(labels.indexOf('并入的单位'));

    const early = dayAfter(registeredOn, -10);
    await typeDay(form, '并入日期', early);
    const note = form.locator('[data-test="no-options-successorUnitId"]');
    await note.waitFor();
    expect((await note.textContent())?.trim()).toBe(`${early} 时尚无已登记的单位（各单位于 ${registeredOn} 登记）；请把并入日期改为 ${registeredOn} 或之后。`);

    // On the registration day the units are offered (not the unit merging); the one chosen, then the day moved back: marked.
    await typeDay(form, '并入日期', registeredOn);
    await note.waitFor({ state: 'detached' });
    await chooseOption(formItem(form, page, '并入的单位').locator('.el-select'), page, fgw.name, async () => `the form shows: ${await formShows(form)}`);
    const successor = chosenIn(form, page, '并入的单位');
    await eventually(page, async () => (await shown(successor)) === fgw.name, 'the successor chosen');
    await typeDay(form, '并入日期', early);
    await eventually(page, async () => (await shown(successor)) === `${fgw.name}（${early} 时尚不存在：于 ${registeredOn} 登记，不能在这一天承接）`, 'the successor shown marked');
    await note.waitFor();
    await typeDay(form, '并入日期', registeredOn);
    await eventually(page, async () => (await shown(successor)) === fgw.name, 'the successor named again');
  });

  it('发通报: before the registration no unit is offered, said why; the unit preselected from a link is shown marked, as it was once the day allows it', async () => {
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto(`/circulars?unitId=${fgw.id}&kind=CRITICISM`);
    const form = page.locator('[data-test="form-circular"]');
    await form.waitFor();
    const unit = chosenIn(form, page, '单位');
    await eventually(page, async () => (await shown(unit)) === fgw.name, 'the unit preselected named');

    const early = dayAfter(registeredOn, -10);
    await typeDay(form, '发文日期', early);
    await eventually(page, async () => (await shown(unit)) === `${fgw.name}（${early} 时尚不存在：于 ${registeredOn} 登记，不能在这一天通报）`, 'the unit shown marked');
    const note = form.locator('[data-test="no-options-unitId"]');
    await note.waitFor();
    expect((await note.textContent())?.trim()).toBe(`${early} 时尚无已登记的单位（各单位于 ${registeredOn} 登记）；请把发文日期改为 ${registeredOn} 或之后。`);
    // The list opened offers no other unit, only the one chosen, marked.
    await formItem(form, page, '单位').locator('.el-select__wrapper').click();
    const list = await formItem(form, page, '单位').locator('input[role="combobox"]').getAttribute('aria-controls');
    const items = page.locator(`[id="${list}"] .el-select-dropdown__item`);
    await eventually(page, async () => (await items.count()) > 0, 'the list open');
    expect((await items.allTextContents()).map((text) => text.trim())).toEqual([`${fgw.name}（${early} 时尚不存在：于 ${registeredOn} 登记，不能在这一天通报）`]);
    await page.keyboard.press('Escape');

    await typeDay(form, '发文日期', registeredOn);
    await note.waitFor({ state: 'detached' });
    await eventually(page, async () => (await shown(unit)) === fgw.name, 'the unit named again');
  });

  /*
   * web4 fault 3: a circular refused for a unit its 发文日期 does not allow (registered later, merged earlier) was said at the top
   * of the dialog. It is said beside 发文日期 — before sending, as the 交办 dialog says it beside 交办日期, and when the server
   * refuses it (更正通报: the corrected day before the unit's registration).
   */
  it('发通报 / 更正通报: a unit the 发文日期 does not allow is refused beside 发文日期, never at the top', async () => {
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto(`/circulars?unitId=${fgw.id}&kind=CRITICISM`);
    const form = page.locator('[data-test="form-circular"]');
    await form.waitFor();
    await eventually(page, async () => (await shown(chosenIn(form, page, '单位'))) === fgw.name, 'the unit preselected named');
    await form.getByLabel('标题', { exact: true }).fill('关于市发改委政务公开工作滞后的通报');
    await form.getByLabel('事由', { exact: true }).fill('未按期更新政策文件栏目。');
    const early = dayAfter(registeredOn, -10);
    await typeDay(form, '发文日期', early);
    await form.getByRole('button', { name: '发布' }).click();
    const dayError = formItem(form, page, '发文日期').locator('.el-form-item__error');
    await dayError.waitFor();
    expect((await dayError.textContent())?.trim()).toBe(`${fgw.name}于 ${registeredOn} 登记，${early} 时尚不存在。`);
    expect(await form.locator('.el-alert').allTextContents()).toEqual([]);

    // The server's own refusal: a circular of the registration day, its day corrected to before it.
    const issued = await app.graphql(
      `mutation($input: IssueCircularInput!) { issueCircular(input: $input) { id } }`,
      { input: { idempotencyKey: 'web4-3-circular', unitId: fgw.id, kind: 'CRITICISM', title: '关于市发改委信息公开不及时的通报', reason: '未按期公开。', issuedOn: registeredOn, references: [] } },
      { authorization: `Bearer ${SUPERVISOR}` },
    );
    expect(issued.errors).toBeUndefined();
    await page.goto('/circulars');
    await page.locator('.el-table__row', { hasText: '关于市发改委信息公开不及时的通报' }).locator('[data-test="circular-correct"]').click();
    const correct = page.locator('[data-test="form-correct-circular"]');
    await correct.waitFor();
    await typeDay(correct, '发文日期（更正后）', early);
    await correct.getByLabel('更正理由', { exact: true }).fill('发文日期录错。');
    await correct.getByRole('button', { name: '更正通报' }).click();
    const correctedError = formItem(correct, page, '发文日期（更正后）').locator('.el-form-item__error');
    await correctedError.waitFor();
    expect((await correctedError.textContent())?.trim()).toBe(`发文日期（${early}）早于${fgw.name}的登记日期（${registeredOn}），日期顺序不对。`);
    expect(await correct.locator('.el-alert').allTextContents()).toEqual([]);
  });

  /*
   * web4 fault 4: the 并入其他单位 picker hid a successor merged away on the 并入日期 itself, which the server takes (its own merge
   * passes the work on that day). It offers it, said merged, and the merge into it is recorded.
   */
  it('并入其他单位: a successor merged away on the 并入日期 itself is offered, and taken', async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const { data } = await app.graphql(`{ units { id code name } }`);
    const hbj = (data!.units as { id: string; code: string; name: string }[]).find((unit) => unit.code === 'HBJ')!;
    const merged = await app.graphql(
      `mutation($input: MergeUnitInput!) { mergeUnit(input: $input) { unit { mergedOn } } }`,
      { input: { idempotencyKey: 'web4-4-merge', unitId: hbj.id, successorUnitId: fgw.id, mergedOn: today, reason: '机构改革方案' } },
      { authorization: `Bearer ${ADMIN}` },
    );
    expect(merged.errors).toBeUndefined();
    const { page } = await contexts.open({ token: ADMIN });
    await page.goto('/units');
    await page.locator('[data-test="merge-SYJ"]').click();
    const form = page.locator('[data-test="form-merge-unit"]');
    await form.waitFor();
    await typeDay(form, '并入日期', today);
    const label = `${hbj.name}（已于 ${today} 并入${fgw.name}）`;
    await chooseOption(formItem(form, page, '并入的单位').locator('.el-select'), page, label, async () => `the form shows: ${await formShows(form)}`);
    await eventually(page, async () => (await shown(chosenIn(form, page, '并入的单位'))) === label, 'the successor merged that day chosen, unmarked');
    await form.getByLabel('并入依据', { exact: true }).fill('青川市机构改革方案');
    await form.getByRole('button', { name: '并入' }).click();
    // The parts' fate listed first when it holds any (newcomer51-10 S1): a second press merges.
    const confirmation = form.locator('[data-test="form-confirm"]');
    await eventually(page, async () => (await confirmation.count()) > 0 || (await form.count()) === 0, 'the parts’ fate listed, or merged with none');
    if ((await confirmation.count()) > 0) await form.getByRole('button', { name: '确认并入' }).click();
    await form.waitFor({ state: 'detached' });
    const { data: after } = await app.graphql(`{ units { code mergedIntoUnitId mergedOn } }`);
    expect((after!.units as { code: string; mergedIntoUnitId: string | null; mergedOn: string | null }[]).find((unit) => unit.code === 'SYJ')).toEqual({ code: 'SYJ', mergedIntoUnitId: hbj.id, mergedOn: today });
  });
});
