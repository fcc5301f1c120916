import type { Browser, Locator, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { launchChromium } from './support/browser.js';
import { browserContexts, eventually, officeDay } from './support/suite.js';
import { firstAnswerLost } from './support/lost-answer.js';
import { chooseOption, formShows, seenInForm } from './support/form-fields.js';

const SUPERVISOR = 'rct_demo_supervisor_qingchuan';
const errorBeside = (form: Locator, page: Page, label: string) => form.locator('.el-form-item', { has: page.getByLabel(label, { exact: true }) }).locator('.el-form-item__error');

/** Opens 登记评估报告 on the current page and fills it as a clerk types it (days as typed, each confirmed with Enter); returns the form, not yet sent. */
async function openEvaluationForm(page: Page, evaluation: EvaluationTyped): Promise<Locator> {
  await page.getByRole('button', { name: '登记评估报告' }).click();
  const form = page.locator('[data-test="form-register-evaluation"]');
  await fillEvaluationForm(form, evaluation);
  return form;
}

interface EvaluationTyped { title: string; evaluator: string; commissionedBy: string; periodStart: string; periodEnd: string }

/** Fills the open 登记评估报告 form as a clerk types it (days as typed, each confirmed with Enter). */
async function fillEvaluationForm(form: Locator, evaluation: EvaluationTyped): Promise<void> {
  await form.getByLabel('评估报告名称').fill(evaluation.title);
  await form.getByLabel('评估机构').fill(evaluation.evaluator);
  await form.getByLabel('委托单位').fill(evaluation.commissionedBy);
  for (const [label, day] of [['评估期开始日期', evaluation.periodStart], ['评估期结束日期', evaluation.periodEnd]] as const) {
    const field = form.getByLabel(label);
    await field.fill(day);
    await field.press('Enter');
  }
}

/** Picks `option` in the select labelled `label`, clicked until shown chosen (chooseOption: a click while the list opens can choose nothing). */
async function pick(form: Locator, page: Page, label: string, option: string): Promise<void> {
  await chooseOption(form.locator('.el-form-item', { has: page.getByLabel(label, { exact: true }) }).locator('.el-select'), page, option, async () => `the form shows: ${await formShows(form)}`);
}

/**
 * breaker11 F2: a supervisor who receives an evaluation and one new finding records both in the
 * app — the evaluation, then the finding with its lead unit and due date (交办) in the same form —
 * and lands on the finding's page, already 整改中; a refusal shows beside the field it concerns.
 */
describe('登记评估报告 and 登记问题 with its 交办, from the 问题清单', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts = browserContexts(() => ({ app, browser }));
  const EVALUATION = '2026年政务公开专项抽查报告';
  const TITLE = '依申请公开答复书未告知救济渠道';
  let findingId = '';

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({ demoData: true, now: new Date().toISOString() }), launchChromium()]);
  });
  afterAll(() => contexts.closeAll());

  it('a day field’s default is the day the form is opened, not the day the page loaded: a page left open past China midnight offers the new day (breaker8r P6)', async () => {
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.clock.install({ time: new Date(`${officeDay(-1)}T23:58:00+08:00`) });
    await page.goto('/findings');
    const received = () => page.locator('[data-test="form-register-evaluation"]').getByLabel('收到评估报告日期').inputValue();
    await page.getByRole('button', { name: '登记评估报告' }).click();
    await page.locator('[data-test="form-register-evaluation"]').waitFor();
    expect(await received()).toBe(officeDay(-1));
    await page.keyboard.press('Escape');
    await page.locator('[data-test="form-register-evaluation"]').waitFor({ state: 'detached' });
    await page.clock.fastForward('05:00');
    await page.getByRole('button', { name: '登记评估报告' }).click();
    await page.locator('[data-test="form-register-evaluation"]').waitFor();
    expect(await received()).toBe(officeDay(0));
  });

  it('while the server cannot be reached, 登记问题 says so — never 「尚未登记评估报告」 — and 重试 opens the form once it answers (newcomer57-9 M1)', async () => {
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto('/findings');
    await page.locator('[data-test="findings"]').waitFor();
    // The power cut: every request to the server fails, as a stopped server's do.
    await page.route('**/graphql', (route) => route.abort('connectionrefused'));
    await page.getByRole('button', { name: '登记问题' }).click();
    const failure = page.locator('[data-test="choices-not-loaded"]');
    await failure.waitFor();
    expect(await failure.innerText()).toContain('无法连接服务器，未能读取评估报告');
    expect(await failure.innerText()).toContain('并不表示没有');
    expect(await page.locator('[data-test="no-evaluation"]').count()).toBe(0);
    expect(await page.locator('[data-test="form-record-finding"]').count()).toBe(0);
    await page.unroute('**/graphql');
    await failure.getByRole('button', { name: '重试' }).click();
    await page.locator('[data-test="form-record-finding"]').waitFor();
    expect(await page.locator('[data-test="choices-not-loaded"]').count()).toBe(0);
  });

  it('registers the evaluation, then records a finding of it given to its lead unit, and opens the finding', async () => {
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto('/findings');
    const evaluationForm = await openEvaluationForm(page, { title: EVALUATION, evaluator: '中部政府透明度研究院', commissionedBy: '青川市人民政府办公室', periodStart: '2026年1月1日', periodEnd: '２０２６－０６－３０' });
    await evaluationForm.getByRole('button', { name: '登记评估报告' }).click();

    // The finding form opens next, on the evaluation just registered.
    const form = page.locator('[data-test="form-record-finding"]');
    await form.waitFor();
    expect(await form.locator('.el-form-item', { has: page.getByLabel('所属评估报告', { exact: true }) }).textContent()).toContain(EVALUATION);
    await form.getByLabel('问题', { exact: true }).fill(TITLE);
    await form.getByLabel('具体表现').fill('抽查的 10 份答复书中 4 份未告知申请人救济渠道。');
    await form.getByLabel('类别').fill('依申请公开');
    await form.getByText('严重', { exact: true }).click();
    await pick(form, page, '交办：牵头单位（可暂不交办，之后在问题页面交办）', '青川市发展和改革委员会');
    const due = form.getByLabel('整改时限');
    await due.fill(officeDay(30));
    await due.press('Enter');
    await form.getByRole('button', { name: '登记问题' }).click();

    await page.waitForURL((url) => url.pathname.startsWith('/findings/') && url.pathname.length > '/findings/'.length);
    await page.locator('[data-test="finding-status"]').waitFor();
    expect((await page.locator('h1').first().textContent())?.trim()).toBe(TITLE);
    expect((await page.locator('[data-test="finding-status"]').textContent())?.trim()).toBe('整改中');
    findingId = page.url().split('/findings/')[1]!.split('?')[0]!;
    const { data } = await app.graphql(`query($id: ID!) { finding(id: $id) { severity category evaluation { title } assignments { role dueDate unit { name } } } }`, { id: findingId });
    expect(data!.finding).toEqual({
      severity: 'HIGH',
      category: '依申请公开',
      evaluation: { title: EVALUATION },
      assignments: [{ role: 'LEAD', dueDate: officeDay(30), unit: { name: '青川市发展和改革委员会' } }],
    });
  });

  it('shows the units the evaluation names (点名单位) on the finding’s page and offers them for 交办, preselected (newcomer13 R8)', async () => {
    const { data } = await app.graphql(`{ units { id name } evaluations(first: 1) { nodes { id } } }`);
    const unitNamed = (name: string) => data!.units.find((unit: { name: string }) => unit.name === name).id;
    const recorded = await app.graphql(`mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`, {
      input: {
        idempotencyKey: 'r8-concerned-units',
        evaluationId: data!.evaluations.nodes[0].id,
        title: '政务服务事项办理时限公开不全',
        description: '抽查的事项中部分未公开承诺办理时限。',
        category: '主动公开',
        severity: 'MEDIUM',
        concernedUnitIds: [unitNamed('青川市财政局'), unitNamed('青川市教育局')],
      },
    });
    const id = recorded.data!.recordFinding.id;
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto(`/findings/${id}`);
    await page.locator('[data-test="concerned-units"]').waitFor();
    expect((await page.locator('[data-test="concerned-units"]').textContent())?.trim()).toBe('青川市财政局、青川市教育局');
    // The tab is named after the finding, not 「问题详情」 for every one (newcomer36 S19).
    expect(await page.title()).toBe('政务服务事项办理时限公开不全 · 整改台账');
    await page.getByRole('button', { name: '交办', exact: true }).click();
    const form = page.locator('[data-test="form-assign"]');
    await form.waitFor();
    const responsible = form.locator('.el-form-item', { has: page.getByLabel('责任单位（可多选）', { exact: true }) });
    expect(await responsible.locator('.el-tag').allTextContents()).toEqual(['青川市财政局（评估点名）', '青川市教育局（评估点名）']);
    await pick(form, page, '牵头单位', '青川市财政局（评估点名）');
    const due = form.getByLabel('整改时限');
    await due.fill(officeDay(30));
    await due.press('Enter');
    await form.getByRole('button', { name: '交办' }).click();
    await page.locator('[data-test="finding-status"]', { hasText: '整改中' }).waitFor();
    const assigned = await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { role unit { name } } } }`, { id });
    expect(assigned.data!.finding.assignments).toEqual([
      { role: 'LEAD', unit: { name: '青川市财政局' } },
      { role: 'RESPONSIBLE', unit: { name: '青川市教育局' } },
    ]);
  });

  it('tells a unit user that its timeline holds its own part’s records only, and shows it no other unit’s 催办 text (breaker11i P4); a supervisor’s page has no such note and shows it (newcomer13 R10)', async () => {
    const { data } = await app.graphql(`{ findings(first: 200) { nodes { id title } } }`);
    const shared = data!.findings.nodes.find((finding: { title: string }) => finding.title === '部分单位主动公开信息更新不及时').id;
    // The demo urged 青川市民政局 on this finding; 市发改委, whose clerk looks, has a part of its own in it.
    const urging = '请于截止日期前报送整改情况，逾期将予以通报。';
    const unit = await contexts.open({ token: 'rct_demo_unit_fgw_qingchuan' });
    const refused: string[] = [];
    unit.page.on('response', async (response) => {
      const body = response.url().endsWith('/graphql') ? await response.json().catch(() => null) : null;
      if (body?.errors?.length) refused.push(JSON.stringify(body.errors));
    });
    await unit.page.goto(`/findings/${shared}`);
    await unit.page.locator('[data-test="timeline"]').waitFor();
    await unit.page.waitForLoadState('networkidle');
    // The page asks for its own part's 催办 and 延期 only: nothing it reads is refused.
    expect(refused).toEqual([]);
    expect(await unit.page.locator('[data-test="timeline-scope"]').textContent()).toContain('其他单位的交办、报告、督查、催办和延期申请记录不向本单位显示');
    expect(await unit.page.locator('main').textContent()).toContain('青川市民政局');
    expect(await unit.page.locator('main').textContent()).not.toContain(urging);
    const supervisor = await contexts.open({ token: SUPERVISOR });
    await supervisor.page.goto(`/findings/${shared}`);
    await supervisor.page.locator('[data-test="timeline"]').waitFor();
    expect(await supervisor.page.locator('[data-test="timeline-scope"]').count()).toBe(0);
    expect(await supervisor.page.locator('main').textContent()).toContain(urging);
  });

  // breaker9d P2: behind a proxy whose read timeout is shorter than a busy server's answer, the form
  // got a 504 page (or an answer cut off) for a command the server went on to record, made a new
  // idempotency key, and the person's second press recorded the evaluation twice.
  it('keeps its idempotency key after a proxy’s 504 page and an answer cut off: pressing again records the evaluation once', async () => {
    const { page, context } = await contexts.open({ token: SUPERVISOR });
    const TWICE = '2026年第四季度政务公开第三方评估';
    const keys: string[] = [];
    const broken = ['gateway-timeout', 'cut-off'];
    await context.route('**/graphql', async (route) => {
      const body = route.request().postData() ?? '';
      if (!body.includes('registerEvaluation')) return route.continue();
      keys.push((JSON.parse(body) as { variables: { input: { idempotencyKey: string } } }).variables.input.idempotencyKey);
      const failure = broken.shift();
      if (!failure) return route.continue();
      // The server gets the request and records it; the browser never sees its answer.
      const answered = await route.fetch();
      expect(answered.status()).toBe(200);
      if (failure === 'gateway-timeout') await route.fulfill({ status: 504, contentType: 'text/html', body: '<html><head><title>504 Gateway Time-out</title></head><body><center><h1>504 Gateway Time-out</h1></center><hr><center>nginx</center></body></html>' });
      else await route.fulfill({ status: 200, contentType: 'application/json', body: (await answered.text()).slice(0, 20) });
    });
    await page.goto('/findings');
    const form = await openEvaluationForm(page, { title: TWICE, evaluator: '某评估中心', commissionedBy: '市政务公开办', periodStart: '2026-10-01', periodEnd: '2026-10-31' });
    for (const status of [504, 200]) {
      await form.getByRole('button', { name: '登记评估报告' }).click();
      await seenInForm(form, form.getByText(`服务器没有给出明确答复（HTTP ${status}）`), 'what the form says after 登记评估报告');
      expect(await form.textContent()).toContain('同一次提交重复发送只会记录一次');
    }
    await form.getByRole('button', { name: '登记评估报告' }).click();
    await page.locator('[data-test="form-record-finding"]').waitFor();
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    const { data } = await app.graphql(`{ evaluations { nodes { title } } }`);
    expect(data!.evaluations.nodes.filter(({ title }: { title: string }) => title === TWICE)).toHaveLength(1);
  });

  // breaker9e P1: after a 502 (the server recorded the evaluation, the browser never saw its answer)
  // the person corrected the form and pressed again: CONFLICT in developer words, the form made a
  // new key, and the next press recorded a second evaluation.
  it('after a 502, an edited form pressed again is told the first press was handled, in office words, and pressing again records nothing new', async () => {
    const { page, context } = await contexts.open({ token: SUPERVISOR });
    const FIRST = '2026年第三季度政务公开第三方评估';
    const EDITED = '2026年第三季度政务公开工作第三方评估（更正）';
    const keys = await firstAnswerLost(context, 'registerEvaluation', { reachesServer: true });
    await page.goto('/findings');
    const form = await openEvaluationForm(page, { title: FIRST, evaluator: '某评估中心', commissionedBy: '市政务公开办', periodStart: '2026-07-01', periodEnd: '2026-09-30' });
    await form.getByRole('button', { name: '登记评估报告' }).click();
    await seenInForm(form, form.getByText('服务器没有给出明确答复（HTTP 502）'), 'what the form says after 登记评估报告');
    await form.getByLabel('评估报告名称').fill(EDITED);
    for (let press = 0; press < 2; press += 1) {
      await form.getByRole('button', { name: '登记评估报告' }).click();
      await seenInForm(form, form.getByText('此前用同一次提交发出的请求已经办理'), 'what the form says after 登记评估报告');
      expect(await form.textContent()).not.toContain('标识');
      // The record the first press made is named (breaker11i P8).
      expect(await form.locator('[data-test="handled-record"]').textContent()).toContain(`已办理的是“${FIRST}”。`);
    }
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    const { data } = await app.graphql(`{ evaluations { nodes { title } } }`);
    const titles = data!.evaluations.nodes.map(({ title }: { title: string }) => title);
    expect(titles.filter((title: string) => title === FIRST)).toHaveLength(1);
    expect(titles).not.toContain(EDITED);

    // breaker11h P4: the form's content is another record (the next one of a paper report), said so
    // with one press: sent at once under a new key, recorded once.
    await form.locator('[data-test="send-as-new"]').click();
    await page.locator('[data-test="form-record-finding"]').waitFor();
    expect(keys).toHaveLength(4);
    expect(new Set(keys).size).toBe(2);
    const after = (await app.graphql(`{ evaluations { nodes { title } } }`)).data!.evaluations.nodes.map(({ title }: { title: string }) => title);
    expect(after.filter((title: string) => title === EDITED)).toHaveLength(1);
    expect(after.filter((title: string) => title === FIRST)).toHaveLength(1);
  });

  // breaker11g P1: the key above lived only while the dialog stayed open. Closed (the page left, or
  // refreshed as the message said) and opened again, the form made a new key and the edited
  // evaluation was recorded beside the first. The unanswered request now waits in the tab under the
  // form, and goes out again under its key while the server has not handled it.
  it('after a 502 from a proxy that never reached the server, the page refreshed or left and the form opened again sends the same request under its key: one evaluation', async () => {
    const { page, context } = await contexts.open({ token: SUPERVISOR });
    const FIRST = '2026年11月政务公开第三方评估';
    const keys = await firstAnswerLost(context, 'registerEvaluation', { reachesServer: false });
    await page.goto('/findings');
    const form = await openEvaluationForm(page, { title: FIRST, evaluator: '某评估中心', commissionedBy: '市政务公开办', periodStart: '2026-10-01', periodEnd: '2026-11-30' });
    await form.getByRole('button', { name: '登记评估报告' }).click();
    await seenInForm(form, form.getByText('服务器没有给出明确答复（HTTP 502）'), 'what the form says after 登记评估报告');

    // Refreshed, as people do after a 502: the form opened again holds what was sent, and says so.
    await page.reload();
    await page.getByRole('button', { name: '登记评估报告' }).click();
    await form.locator('[data-test="request-resumed"]').waitFor();
    expect(await form.getByLabel('评估报告名称').inputValue()).toBe(FIRST);
    // The dialog closed (×), another page of the app, and back: still the same request.
    await page.getByRole('dialog', { name: '登记评估报告' }).locator('.el-dialog__headerbtn').click();
    await form.waitFor({ state: 'detached' });
    await page.locator('.nav').getByRole('link', { name: '工作方案' }).click();
    await page.waitForURL('**/work-plan**');
    await page.locator('.nav').getByRole('link', { name: '问题清单' }).click();
    await page.getByRole('button', { name: '登记评估报告' }).click();
    await form.locator('[data-test="request-resumed"]').waitFor();
    expect(await form.getByLabel('评估报告名称').inputValue()).toBe(FIRST);
    await form.getByRole('button', { name: '登记评估报告' }).click();
    await page.locator('[data-test="form-record-finding"]').waitFor();

    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(1);
    const { data } = await app.graphql(`{ evaluations { nodes { title } } }`);
    expect(data!.evaluations.nodes.filter(({ title }: { title: string }) => title === FIRST)).toHaveLength(1);
  });

  // breaker11h P4: the waiting key outlived its record. After a 502 whose request the server had
  // recorded, the refreshed page showed the record, yet the form opened again with it and sent the
  // next record typed in it under its key: refused (REQUEST_KEY_REUSED) or answered with the first
  // one's result, nothing recorded. The form now asks the server first (requestHandled).
  it('after a 502 whose request was recorded, the form opened again after a refresh says so and starts empty: the next evaluation typed is recorded under a new key', async () => {
    const { page, context } = await contexts.open({ token: SUPERVISOR });
    const FIRST = '2026年10月政务公开第三方评估';
    const NEXT = '2026年10月政府网站专项检查报告';
    const keys = await firstAnswerLost(context, 'registerEvaluation', { reachesServer: true });
    await page.goto('/findings');
    const form = await openEvaluationForm(page, { title: FIRST, evaluator: '某评估中心', commissionedBy: '市政务公开办', periodStart: '2026-09-01', periodEnd: '2026-10-31' });
    await form.getByRole('button', { name: '登记评估报告' }).click();
    await seenInForm(form, form.getByText('服务器没有给出明确答复（HTTP 502）'), 'what the form says after 登记评估报告');

    await page.reload();
    await page.getByRole('button', { name: '登记评估报告' }).click();
    await form.locator('[data-test="request-handled"]').waitFor();
    expect(await form.locator('[data-test="request-handled"]').textContent()).toContain('上次提交的“登记评估报告”已经办理');
    expect(await form.locator('[data-test="request-resumed"]').count()).toBe(0);
    expect(await form.getByLabel('评估报告名称').inputValue()).toBe('');
    await fillEvaluationForm(form, { title: NEXT, evaluator: '某评估中心', commissionedBy: '市政务公开办', periodStart: '2026-09-01', periodEnd: '2026-10-31' });
    await form.getByRole('button', { name: '登记评估报告' }).click();
    await page.locator('[data-test="form-record-finding"]').waitFor();

    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(2);
    const { data } = await app.graphql(`{ evaluations { nodes { title } } }`);
    const titles = data!.evaluations.nodes.map(({ title }: { title: string }) => title);
    expect(titles.filter((title: string) => title === FIRST)).toHaveLength(1);
    expect(titles.filter((title: string) => title === NEXT)).toHaveLength(1);
  });

  it('a finding entered late: 交办日期 follows 问题发现日期 until set apart, and the parts are assigned on it (newcomer23 S9)', async () => {
    const LATE = '2026年政务公开专项抽查报告（补录）';
    const registered = await app.graphql(`mutation($input: RegisterEvaluationInput!) { registerEvaluation(input: $input) { id } }`, {
      input: { idempotencyKey: 'late-evaluation', title: LATE, evaluator: '中部政府透明度研究院', commissionedBy: '青川市人民政府办公室', periodStart: '2026-01-01', periodEnd: '2026-06-30', receivedOn: officeDay(-20) },
    });
    expect(registered.errors).toBeUndefined();
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto('/findings');
    await page.getByRole('button', { name: '登记问题' }).click();
    const form = page.locator('[data-test="form-record-finding"]');
    await form.waitFor();
    await pick(form, page, '所属评估报告', LATE);
    await form.getByLabel('问题', { exact: true }).fill('政务新媒体账号长期不更新');
    await form.getByLabel('具体表现').fill('“青川发布”公众号近三个月无更新。');
    await form.getByLabel('类别').fill('政务新媒体');
    const identified = form.getByLabel('问题发现日期');
    await identified.fill(officeDay(-13));
    await identified.press('Enter');
    await pick(form, page, '交办：牵头单位（可暂不交办，之后在问题页面交办）', '青川市发展和改革委员会');
    const assigned = form.getByLabel('交办日期');
    expect(await assigned.inputValue()).toBe(officeDay(-13));
    await identified.fill(officeDay(-12));
    await identified.press('Enter');
    await eventually(page, async () => (await assigned.inputValue()) === officeDay(-12), '交办日期 following 问题发现日期');
    // Set apart, it keeps its own day.
    await assigned.fill(officeDay(-10));
    await assigned.press('Enter');
    await identified.fill(officeDay(-11));
    await identified.press('Enter');
    expect(await assigned.inputValue()).toBe(officeDay(-10));
    const due = form.getByLabel('整改时限');
    await due.fill(officeDay(30));
    await due.press('Enter');
    await form.getByRole('button', { name: '登记问题' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/findings/') && url.pathname.length > '/findings/'.length);
    const id = page.url().split('/findings/')[1]!.split('?')[0]!;
    const { data } = await app.graphql(`query($id: ID!) { finding(id: $id) { identifiedOn assignments { assignedOn } } }`, { id });
    expect(data!.finding).toEqual({ identifiedOn: officeDay(-11), assignments: [{ assignedOn: officeDay(-10) }] });
  });

  it('shows the API’s refusal beside the field it concerns: a finding identified before its evaluation arrived', async () => {
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto('/findings');
    await page.getByRole('button', { name: '登记问题' }).click();
    const form = page.locator('[data-test="form-record-finding"]');
    await form.waitFor();
    await pick(form, page, '所属评估报告', EVALUATION);
    await form.getByLabel('问题', { exact: true }).fill('政府信息公开指南未更新');
    await form.getByLabel('具体表现').fill('指南仍为 2019 年版本。');
    await form.getByLabel('类别').fill('主动公开');
    const identified = form.getByLabel('问题发现日期');
    await identified.fill(officeDay(-1));
    await identified.press('Enter');
    const before = await app.logPosition();
    await form.getByRole('button', { name: '登记问题' }).click();
    const error = errorBeside(form, page, '问题发现日期');
    await error.waitFor();
    // The step that puts it right when the evaluation's day is the wrong one (breaker8r P11).
    expect(await error.textContent()).toBe(`问题发现日期（${officeDay(-1)}）早于收到评估报告日期（${officeDay(0)}），日期顺序不对。如收到日期有误，请先更正评估报告的收到日期。`);
    expect(await app.logPosition()).toBe(before);
  });

  it('names every problem the browser can see at the first press: blank text, a text too long, a future day (breaker11d P8)', async () => {
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto('/findings');
    await page.getByRole('button', { name: '登记问题' }).click();
    const form = page.locator('[data-test="form-record-finding"]');
    await form.waitFor();
    await pick(form, page, '所属评估报告', EVALUATION);
    await form.getByLabel('问题', { exact: true }).fill('长'.repeat(600));
    await form.getByLabel('具体表现').fill('\u3000\u3000');
    await form.getByLabel('类别').fill('主动公开');
    const identified = form.getByLabel('问题发现日期');
    await identified.fill(officeDay(25));
    await identified.press('Tab');
    const before = await app.logPosition();
    await form.getByRole('button', { name: '登记问题' }).click();
    await seenInForm(form, errorBeside(form, page, '问题发现日期'), 'what the form says after 登记问题');
    expect(await errorBeside(form, page, '问题').textContent()).toBe('“问题”最多 200 个字符（现有 600 个）。');
    expect(await errorBeside(form, page, '具体表现').textContent()).toBe('请填写“具体表现”。');
    expect(await errorBeside(form, page, '问题发现日期').textContent()).toBe(`问题发现日期（${officeDay(25)}）是将来的日期：今天是 ${officeDay(0)}。`);
    expect(await app.logPosition()).toBe(before);
  });

  it('lists on the finding’s page the circulars that cite it', async () => {
    const { data } = await app.graphql(`{ units { id code } }`);
    const fgw = data!.units.find((unit: { code: string }) => unit.code === 'FGW').id;
    const CIRCULAR = '关于市发改委及时整改依申请公开问题的通报';
    const issued = await app.graphql(`mutation($input: IssueCircularInput!) { issueCircular(input: $input) { id } }`, {
      input: { idempotencyKey: 'commend-fgw', unitId: fgw, kind: 'COMMENDATION', title: CIRCULAR, reason: '接到问题当日即制定整改方案。', references: [{ kind: 'FINDING', id: findingId }], issuedOn: officeDay(0) },
    });
    expect(issued.errors).toBeUndefined();
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto(`/findings/${findingId}`);
    const cited = page.locator('[data-test="citing-circulars"]');
    await cited.waitFor();
    const shown = (await cited.textContent())?.replace(/\s+/g, '') ?? '';
    expect(shown).toContain(`表扬${CIRCULAR}（青川市发展和改革委员会，${officeDay(0)}发布）`);
  });

  it('a title a few characters from a recorded one is asked about beside 问题, and recorded once 这是另一个问题 is ticked (breaker11e P1)', async () => {
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto('/findings');
    await page.getByRole('button', { name: '登记问题' }).click();
    const form = page.locator('[data-test="form-record-finding"]');
    await form.waitFor();
    await pick(form, page, '所属评估报告', EVALUATION);
    const NEAR = '依申请公开答复书未告知救济途径';
    await form.getByLabel('问题', { exact: true }).fill(NEAR);
    await form.getByLabel('具体表现').fill('行政复议告知书未写明复议机关。');
    await form.getByLabel('类别').fill('依申请公开');
    const before = await app.logPosition();
    await form.getByRole('button', { name: '登记问题' }).click();
    const error = errorBeside(form, page, '问题');
    await error.waitFor();
    expect(await error.textContent()).toMatch(new RegExp(`^该评估已登记问题「${TITLE}」，与本问题只差 2 个字：是否同一问题？`));
    const near = page.locator('[data-test="near-finding"]');
    expect(await near.textContent()).toContain(`已登记的问题「${TITLE}」与所填问题只差几个字`);
    expect(await app.logPosition()).toBe(before);
    await near.locator('[data-test="confirm-distinct"]').click();
    await form.getByRole('button', { name: '登记问题' }).click();
    await page.waitForURL(/\/findings\/[0-9a-f-]{36}$/);
    const { data } = await app.graphql(`{ findings(first: 10, titleContains: "答复书未告知救济") { nodes { title } } }`);
    expect(data!.findings.nodes.map((node: { title: string }) => node.title).sort()).toEqual([NEAR, TITLE].sort());
  });

  it('a problem typed in twice is refused beside 问题; one recorded twice anyway is withdrawn from its page with a reason, and reads 已撤销 (breaker11d P5/P10)', async () => {
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto('/findings');
    await page.getByRole('button', { name: '登记问题' }).click();
    const form = page.locator('[data-test="form-record-finding"]');
    await form.waitFor();
    await pick(form, page, '所属评估报告', EVALUATION);
    await form.getByLabel('问题', { exact: true }).fill(`${TITLE}。`);
    await form.getByLabel('具体表现').fill('同一问题再次录入。');
    await form.getByLabel('类别').fill('依申请公开');
    await form.getByRole('button', { name: '登记问题' }).click();
    const error = errorBeside(form, page, '问题');
    await error.waitFor();
    expect(await error.textContent()).toBe(`该评估已登记问题「${TITLE}」，同一问题不重复登记。`);

    await page.goto(`/findings/${findingId}`);
    await page.locator('[data-test="withdraw-finding"]').click();
    const withdraw = page.locator('[data-test="form-withdraw"]');
    await withdraw.waitFor();
    await withdraw.getByLabel('撤销理由（如：与某问题重复登记、评估机构来函撤回）').fill('评估机构来函撤回该问题');
    await withdraw.getByRole('button', { name: '确认撤销' }).click();
    await page.locator('[data-test="withdrawn-note"]').waitFor();
    expect((await page.locator('[data-test="finding-status"]').textContent())?.trim()).toBe('已撤销');
    expect(await page.locator('[data-test="withdrawn-note"]').textContent()).toContain(`该问题已于 ${officeDay(0)} 撤销：评估机构来函撤回该问题。`);
    expect(await page.locator('[data-test="withdraw-finding"]').count()).toBe(0);
    // The units it had stay on its page as they stood, read-only, and nothing offers 交办 (breaker11e P5).
    expect(await page.locator('[data-test="assign-finding"]').count()).toBe(0);
    expect(await page.locator('[data-test="part-withdrawn"]').first().textContent()).toBe('问题已撤销');
    const { data } = await app.graphql(`query($id: ID!) { finding(id: $id) { status withdrawalReason assignments { role } } }`, { id: findingId });
    expect(data!.finding).toEqual({ status: 'WITHDRAWN', withdrawalReason: '评估机构来函撤回该问题', assignments: [{ role: 'LEAD' }] });
  });
});
