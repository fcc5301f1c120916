import type { Browser } from 'playwright-core';
import { addDays } from '../../src/shared/calendar-date.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { launchChromium } from './support/browser.js';
import { addChoice, chooseIn, chooseOption, chosenIn, demoRegistration, formItem, formShows, typeDay } from './support/form-fields.js';
import { browserContexts, eventually, officeDay } from './support/suite.js';

const SUPERVISOR = 'rct_demo_supervisor_qingchuan';

const dayAfter = addDays;

/*
 * 登记问题 with 交办: a 发现日期 before the units' registration day left both unit pickers 「无数据」 with no
 * reason, and the 交办日期 that governs them appeared only once a lead was chosen — a dead end. The
 * 交办日期 is shown from the start, and with no unit registered by it the pickers say so, naming the
 * day to choose. The 交办 dialog of a finding's page, whose pickers follow its 交办日期 too, likewise.
 */
describe('a 交办 dated before the units were registered says why no unit is offered', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts = browserContexts(() => ({ app, browser }));
  let registeredOn: string;
  let fgw: { id: string; name: string };

  const noUnitsSaid = (day: string) => `${day} 时尚无已登记的单位（各单位于 ${registeredOn} 登记）；请把交办日期改为 ${registeredOn} 或之后。`;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({ demoData: true, now: new Date().toISOString() }), launchChromium()]);
    ({ registeredOn, fgw } = await demoRegistration(app));
  });
  afterAll(() => contexts.closeAll());

  it('登记问题: 交办日期 is there from the start; before the registration both pickers say why they are empty; on the day, the finding is recorded and assigned', async () => {
    const received = dayAfter(registeredOn, -40);
    const registered = await app.graphql(`mutation($input: RegisterEvaluationInput!) { registerEvaluation(input: $input) { id } }`, {
      input: { idempotencyKey: 'early-evaluation', title: '2026年政务公开专项评估（补录）', evaluator: '中部政府透明度研究院', commissionedBy: '青川市人民政府办公室', periodStart: '2026-01-01', periodEnd: '2026-06-30', receivedOn: received },
    });
    expect(registered.errors).toBeUndefined();
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto('/findings');
    await page.getByRole('button', { name: '登记问题' }).click();
    const form = page.locator('[data-test="form-record-finding"]');
    await form.waitFor();
    // Before anything is chosen: the day that governs the pickers is in the form.
    const assigned = form.getByLabel('交办日期', { exact: true });
    await assigned.waitFor();
    expect(await assigned.inputValue()).toBe(officeDay(0));
    expect(await form.locator('[data-test^="no-options-"]').count()).toBe(0);

    await chooseIn(form, page, '所属评估报告', '2026年政务公开专项评估（补录）');
    await form.getByLabel('问题', { exact: true }).fill('依申请公开答复未告知救济渠道');
    await form.getByLabel('具体表现').fill('抽查的答复书未告知申请人救济渠道。');
    await form.getByLabel('类别').fill('依申请公开');
    const early = dayAfter(registeredOn, -20);
    await typeDay(form, '问题发现日期', early);
    await eventually(page, async () => (await assigned.inputValue()) === early, '交办日期 following 问题发现日期');
    // Both pickers say, in words, why they offer nothing and what to change.
    const lead = form.locator('[data-test="no-options-leadUnitId"]');
    const responsible = form.locator('[data-test="no-options-responsibleUnitIds"]');
    await lead.waitFor();
    expect((await lead.textContent())?.trim()).toBe(noUnitsSaid(early));
    expect((await responsible.textContent())?.trim()).toBe(noUnitsSaid(early));
    // The list opened says it too, not 「无数据」.
    await formItem(form, page, '交办：牵头单位（可暂不交办，之后在问题页面交办）').locator('.el-select__wrapper').click();
    await page.locator('.el-select-dropdown__empty:visible', { hasText: noUnitsSaid(early) }).waitFor();
    await page.keyboard.press('Escape');

    // On the registration day, the units are offered and the notes go.
    await typeDay(form, '交办日期', registeredOn);
    await lead.waitFor({ state: 'detached' });
    expect(await responsible.count()).toBe(0);
    await chooseOption(formItem(form, page, '交办：牵头单位（可暂不交办，之后在问题页面交办）').locator('.el-select'), page, fgw.name, async () => `the form shows: ${await formShows(form)}`);
    await typeDay(form, '整改时限', officeDay(30));
    await form.getByRole('button', { name: '登记问题' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/findings/') && url.pathname.length > '/findings/'.length);
    const id = page.url().split('/findings/')[1]!.split('?')[0]!;
    const { data } = await app.graphql(`query($id: ID!) { finding(id: $id) { identifiedOn status assignments { unitId assignedOn } } }`, { id });
    expect(data!.finding).toEqual({ identifiedOn: early, status: 'OPEN', assignments: [{ unitId: fgw.id, assignedOn: registeredOn }] });
  });

  it('a finding’s 交办 dialog: 交办日期 first, and a day before the registration said beside the pickers', async () => {
    const { data } = await app.graphql(`{ evaluations(first: 1) { nodes { id receivedOn } } }`);
    const evaluation = (data!.evaluations.nodes as { id: string; receivedOn: string }[])[0]!;
    const recorded = await app.graphql(`mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`, {
      input: { idempotencyKey: 'unassigned-early', evaluationId: evaluation.id, title: '政府信息公开指南未及时更新', description: '指南仍为旧版本。', category: '主动公开', severity: 'LOW', concernedUnitIds: [fgw.id] },
    });
    expect(recorded.errors).toBeUndefined();
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto(`/findings/${recorded.data!.recordFinding.id}`);
    await page.locator('[data-test="assign-finding"]').click();
    const form = page.locator('[data-test="form-assign"]');
    await form.waitFor();
    // The day comes before the pickers it governs.
    const labels = (await form.locator('.el-form-item__label').allTextContents()).map((label) => label.trim());
    expect(labels.indexOf('交办日期')).toBeLessThan(labels.indexOf('牵头单位'));
    const early = dayAfter(registeredOn, -10);
    await typeDay(form, '交办日期', early);
    const lead = form.locator('[data-test="no-options-leadUnitId"]');
    await lead.waitFor();
    expect((await lead.textContent())?.trim()).toBe(noUnitsSaid(early));
    expect((await form.locator('[data-test="no-options-responsibleUnitIds"]').textContent())?.trim()).toBe(noUnitsSaid(early));
    await typeDay(form, '交办日期', registeredOn);
    await lead.waitFor({ state: 'detached' });
    await formItem(form, page, '牵头单位').locator('.el-select__wrapper').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: fgw.name }).first().waitFor();
  });

  /*
   * web2 fault 3: the 点名单位 preselected as 牵头单位 stayed shown by its bare name once 交办日期 was moved before the units'
   * registration — as if it could be sent — while a note said no unit stood then and sending was refused beside 交办日期.
   * Every unit picker that follows a day shows a choice the day does not allow marked with why; back on an allowed day, as
   * it was. (Neither picker is read before the directory has loaded: the wait is on the unit's own label.)
   */
  const notAllowed = (day: string) => `${fgw.name}（${day} 时尚不存在：于 ${registeredOn} 登记，不能在这一天交办）`;

  it('a finding’s 交办 dialog: the preselected lead is shown marked once 交办日期 is before the registration, and sending is refused beside the day', async () => {
    const { data } = await app.graphql(`{ evaluations(first: 1) { nodes { id } } }`);
    const recorded = await app.graphql(`mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`, {
      input: { idempotencyKey: 'preselected-early', evaluationId: data!.evaluations.nodes[0].id, title: '政策解读材料未与文件同步发布', description: '抽查的文件未同步发布解读。', category: '政策解读', severity: 'LOW', concernedUnitIds: [fgw.id] },
    });
    expect(recorded.errors).toBeUndefined();
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto(`/findings/${recorded.data!.recordFinding.id}`);
    await page.locator('[data-test="assign-finding"]').click();
    const form = page.locator('[data-test="form-assign"]');
    await form.waitFor();
    const lead = chosenIn(form, page, '牵头单位');
    // The one 点名单位 is preselected as the lead, by its label once the directory is there.
    await eventually(page, async () => ((await lead.textContent()) ?? '').trim() === `${fgw.name}（评估点名）`, 'the preselected lead named');

    const early = dayAfter(registeredOn, -10);
    await typeDay(form, '交办日期', early);
    await form.locator('[data-test="no-options-leadUnitId"]').waitFor();
    await eventually(page, async () => ((await lead.textContent()) ?? '').trim() === notAllowed(early), 'the lead shown marked');
    const before = await app.logPosition();
    await form.getByRole('button', { name: '交办' }).click();
    const dayError = formItem(form, page, '交办日期').locator('.el-form-item__error');
    await dayError.waitFor();
    expect((await dayError.textContent())?.trim()).toBe(`${fgw.name}于 ${registeredOn} 登记，${early} 时尚不存在。`);
    expect(await app.logPosition()).toBe(before);

    // Back on the registration day, the lead reads as it did, and is sent.
    await typeDay(form, '交办日期', registeredOn);
    await eventually(page, async () => ((await lead.textContent()) ?? '').trim() === `${fgw.name}（评估点名）`, 'the lead named again');
    expect(await form.locator('[data-test="no-options-leadUnitId"]').count()).toBe(0);
  });

  it('登记问题: a lead and responsible unit chosen, then a 发现日期 before the registration: both pickers show them marked; sending is refused, nothing written', async () => {
    const { data } = await app.graphql(`{ units { id code name } }`);
    const czj = (data!.units as { id: string; code: string; name: string }[]).find((unit) => unit.code === 'CZJ')!;
    const evaluation = await app.graphql(`mutation($input: RegisterEvaluationInput!) { registerEvaluation(input: $input) { id } }`, {
      input: { idempotencyKey: 'early-evaluation-2', title: '2026年政务公开第三方评估（补录二）', evaluator: '中部政府透明度研究院', commissionedBy: '青川市人民政府办公室', periodStart: '2026-01-01', periodEnd: '2026-06-30', receivedOn: dayAfter(registeredOn, -40) },
    });
    expect(evaluation.errors).toBeUndefined();
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto('/findings');
    await page.getByRole('button', { name: '登记问题' }).click();
    const form = page.locator('[data-test="form-record-finding"]');
    await form.waitFor();
    await chooseIn(form, page, '所属评估报告', '2026年政务公开第三方评估（补录二）');
    await form.getByLabel('问题', { exact: true }).fill('主动公开目录未按期更新');
    await form.getByLabel('具体表现').fill('目录仍停留在上一年度。');
    await form.getByLabel('类别').fill('主动公开');
    const leadLabel = '交办：牵头单位（可暂不交办，之后在问题页面交办）';
    // Each clicked until shown chosen (chooseOption, addChoice), each in its own list: the lead's may still be closing when
    // the next opens.
    const shows = async () => `the form shows: ${await formShows(form)}`;
    await chooseOption(formItem(form, page, leadLabel).locator('.el-select'), page, fgw.name, shows);
    await addChoice(formItem(form, page, '交办：责任单位（可多选）').locator('.el-select'), page, czj.name, shows);
    await page.keyboard.press('Escape');
    const lead = chosenIn(form, page, leadLabel);
    const responsible = formItem(form, page, '交办：责任单位（可多选）').locator('.el-tag');
    await eventually(page, async () => ((await lead.textContent()) ?? '').trim() === fgw.name && (await responsible.allTextContents()).join() === czj.name, 'the units chosen');

    const early = dayAfter(registeredOn, -20);
    await typeDay(form, '问题发现日期', early);
    await eventually(page, async () => (await form.getByLabel('交办日期', { exact: true }).inputValue()) === early, '交办日期 following 问题发现日期');
    await eventually(page, async () => ((await lead.textContent()) ?? '').trim() === notAllowed(early), 'the lead shown marked');
    expect((await responsible.allTextContents()).map((text) => text.trim())).toEqual([`${czj.name}（${early} 时尚不存在：于 ${registeredOn} 登记，不能在这一天交办）`]);
    expect((await form.locator('[data-test="no-options-leadUnitId"]').textContent())?.trim()).toBe(noUnitsSaid(early));
    const before = await app.logPosition();
    await form.getByRole('button', { name: '登记问题' }).click();
    const leadError = formItem(form, page, leadLabel).locator('.el-form-item__error');
    await leadError.waitFor();
    expect((await leadError.textContent())?.trim()).toBe(`${fgw.name}于 ${registeredOn} 登记，${early} 时尚不存在；${czj.name}于 ${registeredOn} 登记，${early} 时尚不存在。`);
    expect(await app.logPosition()).toBe(before);
  });
});
