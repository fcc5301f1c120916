import type { Browser, Locator, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createPerson, signIn, type Person } from './support/accounts.js';
import { launchChromium } from './support/browser.js';
import { browserContexts, eventually, officeDay } from './support/suite.js';
import { addChoice, chooseIn, formShows, submitAndClose } from './support/form-fields.js';

/** A day as a Chinese IME in full-width mode types it: ２０２６－１１－２９. */
const fullWidth = (day: string) => day.replace(/[0-9-]/g, (character) => String.fromCharCode(character.charCodeAt(0) + 0xfee0));

const errorBeside = (form: Locator, page: Page, label: string) => form.locator('.el-form-item', { has: page.getByLabel(label, { exact: true }) }).locator('.el-form-item__error');

/*
 * Issue 11, breaker11: dates typed as offices type them (F1, F6), a due date before its assignment
 * day (F14), a session that ends mid-form (F9), one sign-in per browser (F7), navigation offline
 * (F12) and the as-of picker only where it means something (F13).
 */
describe('typed dates, due dates in order, sessions that end mid-form, tabs and offline links', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts = browserContexts(() => ({ app, browser }));
  const SUPERVISOR = 'rct_demo_supervisor_qingchuan';
  /** A demo finding with a lead unit's part still open, and that unit's name. */
  let findingId: string;
  let partUnit: string;
  let assignedUnitIds: string[];
  let supervisor: Person;
  let overdueFindingId: string;
  let overdueUnit: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({ demoData: true, now: new Date().toISOString() }), launchChromium()]);
    const { data } = await app.graphql(`{ findings(first: 200) { nodes { id status assignments { unitId role status unit { name } } } } }`);
    type Listed = { id: string; status: string; assignments: { unitId: string; role: string; status: string; unit: { name: string } }[] };
    const finding = (data!.findings.nodes as Listed[]).find((candidate) => candidate.status !== 'CLOSED' && candidate.assignments.some((part) => part.role === 'LEAD' && part.status === 'ASSIGNED'))!;
    findingId = finding.id;
    partUnit = finding.assignments.find((part) => part.role === 'LEAD' && part.status === 'ASSIGNED')!.unit.name;
    assignedUnitIds = finding.assignments.map((part) => part.unitId);
    supervisor = await createPerson(app, 'SUPERVISOR', '周敏（政务公开办）', 'zhoumin');

    // A part reported after its due date, waiting for its on-site check.
    const listed = await app.graphql(`{ units { id code name } evaluations(first: 1) { nodes { id } } }`);
    const fgw = listed.data!.units.find((unit: { code: string }) => unit.code === 'FGW');
    const act = (mutation: string, input: Record<string, unknown>, token: string) => actAs(`overdue-${mutation}`, mutation, input, token);
    overdueFindingId = await act('recordFinding', { evaluationId: listed.data!.evaluations.nodes[0].id, title: '依申请公开答复超期', description: '部分申请未在法定期限内答复', category: '依申请公开', severity: 'MEDIUM', concernedUnitIds: [fgw.id], identifiedOn: officeDay(-30) }, SUPERVISOR);
    await act('assignFinding', { findingId: overdueFindingId, assignedOn: officeDay(-20), units: [{ unitId: fgw.id, role: 'LEAD', dueDate: officeDay(-5) }] }, SUPERVISOR);
    await act('reportRectification', { findingId: overdueFindingId, unitId: fgw.id, summary: '已补答复', evidence: [{ title: '答复台账', link: 'https://www.qingchuan.gov.cn/ysq' }], reportedOn: officeDay(-2) }, 'rct_demo_unit_fgw_qingchuan');
    overdueUnit = fgw.name;
  });
  afterAll(() => contexts.closeAll());

  /** Runs `mutation` (one whose answer has an `id`) with `input` as the holder of `token`; throws on a refusal. */
  const actAs = async (idempotencyKey: string, mutation: string, input: Record<string, unknown>, token: string) => {
    const answer = await app.graphql(`mutation($input: ${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $input) { id } }`, { input: { idempotencyKey, ...input } }, { authorization: `Bearer ${token}` });
    if (answer.errors) throw new Error(`${mutation}: ${JSON.stringify(answer.errors)}`);
    return answer.data![mutation].id as string;
  };

  const openUrge = async (page: Page) => {
    await page.goto(`/findings/${findingId}`);
    await page.locator(`[data-test="part-${partUnit}"]`).getByRole('button', { name: '催办' }).click();
    return page.locator('[data-test="form-urge"]');
  };

  it('reads a day typed with full-width digits as that day, and drops the refusal of the day typed before (F1)', async () => {
    const { page } = await contexts.open({ token: SUPERVISOR });
    const form = await openUrge(page);
    const day = form.getByLabel('催办日期');
    await day.fill('2026-02-30');
    await day.press('Enter');
    const error = errorBeside(form, page, '催办日期');
    await error.waitFor();
    expect(await error.textContent()).toBe('日期无效：2026-02-30 这一天不存在，请重新选择。');

    const yesterday = officeDay(-1);
    await day.fill(fullWidth(yesterday));
    await day.press('Enter');
    await eventually(page, async () => (await error.count()) === 0, 'the refusal of 2026-02-30 gone');
    await form.getByLabel('催办内容').fill('请于本周内报告整改进展（全角日期）。');
    await submitAndClose(form, '催办');
    const { data } = await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { unit { name } urges { message urgedOn } } } }`, { id: findingId });
    const urges = data!.finding.assignments.find((part: { unit: { name: string } }) => part.unit.name === partUnit).urges;
    expect(urges).toContainEqual({ message: '请于本周内报告整改进展（全角日期）。', urgedOn: yesterday });
  });

  it('refuses text that is no day beside the field, quoting it, instead of keeping the day shown before (F1)', async () => {
    const { page } = await contexts.open({ token: SUPERVISOR });
    const form = await openUrge(page);
    const day = form.getByLabel('催办日期');
    await day.fill('昨天');
    await day.press('Tab');
    const error = errorBeside(form, page, '催办日期');
    await error.waitFor();
    expect(await error.textContent()).toBe('无法识别“昨天”：请按 2026-06-30 的格式填写，或在日历中选择。');
    expect(await day.inputValue()).not.toBe(officeDay(0));
  });

  it('refuses a due date before the assignment day beside 整改时限, and offers no unit already on the finding (F14)', async () => {
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto(`/findings/${findingId}`);
    await page.getByRole('button', { name: '交办', exact: true }).click();
    const form = page.locator('[data-test="form-assign"]');
    await form.waitFor();
    // The finding has its lead: only responsible units are added, and none already on it is offered.
    expect(await form.getByLabel('牵头单位', { exact: true }).count()).toBe(0);
    const responsible = form.locator('.el-form-item', { hasText: '责任单位（可多选）' }).locator('.el-select');
    await responsible.locator('.el-select__wrapper').click();
    const options = page.locator('.el-select-dropdown__item:visible');
    await options.first().waitFor();
    const offered = await options.allTextContents();
    const { data } = await app.graphql(`{ units { id name } }`);
    const onFinding = (data!.units as { id: string; name: string }[]).filter((unit) => assignedUnitIds.includes(unit.id)).map((unit) => unit.name);
    expect(onFinding.length).toBeGreaterThan(0);
    for (const name of onFinding) expect(offered).not.toContain(name);
    // The first offered, clicked until shown chosen (from the list open).
    await addChoice(responsible, page, offered[0]!.trim(), async () => `the form shows: ${await formShows(form)}`);
    await page.keyboard.press('Escape');

    const due = form.getByLabel('整改时限');
    await due.fill(officeDay(-29));
    await due.press('Enter');
    await form.getByRole('button', { name: '交办' }).click();
    const error = errorBeside(form, page, '整改时限');
    await error.waitFor();
    expect(await error.textContent()).toBe(`整改时限（${officeDay(-29)}）早于交办日期（${officeDay(0)}），日期顺序不对。`);
  });

  it('lets the inspector fail an overdue report from 待督查, asking beside the field for the new due date it needs (breaker11b G2)', async () => {
    const { page } = await contexts.open({ token: 'rct_demo_inspector_qingchuan', viewport: { width: 390, height: 844 } });
    await page.goto('/inspections');
    const card = page.locator(`[data-test="awaiting-${overdueUnit}"]`, { hasText: '依申请公开答复超期' });
    await card.getByRole('button', { name: '督查' }).click();
    const form = card.locator('[data-test="form-inspect"]');
    expect(await form.getByText('重新整改的时限').count()).toBe(0);
    await form.getByText('不通过（退回整改）', { exact: true }).click();
    // Only a supervisor overrides the plan's limit: the inspector is not offered its reason (newcomer37 S12).
    await form.getByLabel('督查情况（不通过时必填）').waitFor();
    expect(await form.getByText(/超出.*理由/).count()).toBe(0);
    await form.getByLabel('督查地点').fill('市住建局');
    await form.getByLabel('督查情况（不通过时必填）').fill('答复台账缺少5月份的记录。');
    const label = `重新整改的时限（原时限 ${officeDay(-5)} 已过则必填；未过可不填，沿用原时限）`;
    await form.getByRole('button', { name: '提交督查结果' }).click();
    const error = errorBeside(form, page, label);
    await error.waitFor();
    // The label beside the field keeps its hint; the message names the field only (breaker11e P7).
    expect(await error.textContent()).toBe('请选择“重新整改的时限”。');
    const due = form.getByLabel(label);
    await due.fill(officeDay(14));
    await due.press('Enter');
    await form.getByRole('button', { name: '提交督查结果' }).click();
    await page.getByText('已记录督查：依申请公开答复超期').waitFor();
    // What happened, said (newcomer37 S6): sent back to the unit, by the new day.
    expect(await page.locator('[data-test="inspection-recorded"]', { hasText: '依申请公开答复超期' }).textContent()).toBe(`已记录督查：依申请公开答复超期——不通过，已退回${overdueUnit}重新整改（新时限 ${officeDay(14)}）。`);
    const { data } = await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { status dueDate } } }`, { id: overdueFindingId });
    expect(data!.finding.assignments).toEqual([{ status: 'RETURNED', dueDate: officeDay(14) }]);
    // The finding's page says where the part's new due date came from: its 退回记录 and the timeline line (newcomer23 S1).
    await page.goto(`/findings/${overdueFindingId}`);
    await page.locator(`[data-test="part-${overdueUnit}"] [data-test="return-new-due-date"]`, { hasText: `重新整改时限 ${officeDay(14)}` }).waitFor();
    await page.locator('[data-test="timeline"]').getByText(`不通过（重新整改时限 ${officeDay(14)}）`).waitFor();
  });

  it('keeps the text of a form open when the session ends, and signing in again returns to the page (F9)', async () => {
    const { page } = await contexts.open();
    await signIn(page, supervisor);
    const form = await openUrge(page);
    const message = '请市里各单位在周五前报告，未按期报告的将予以通报。';
    await form.getByLabel('催办内容').fill(message);
    // The session ends on the server (as after 12 hours, or a sign-out elsewhere).
    const token = await page.evaluate<string | null>("localStorage.getItem('rectify.token')");
    const ended = await app.graphql('mutation { signOut }', {}, { authorization: `Bearer ${token}` });
    expect(ended.errors).toBeUndefined();
    // Either the live connection learns first that the session ended and the page goes to sign-in
    // by itself, or the send is refused: both must keep the text and return to the page.
    await Promise.race([page.waitForURL((url) => url.pathname === '/sign-in'), form.getByRole('button', { name: '催办' }).click().catch(() => undefined)]);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe(`/findings/${findingId}`);

    await page.getByLabel('登录名').fill(supervisor.loginName);
    await page.getByLabel('密码', { exact: true }).fill(supervisor.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => url.pathname === `/findings/${findingId}`);
    await page.locator('[data-test="drafts-kept"]', { hasText: '“催办”已保存' }).waitFor();
    await page.locator(`[data-test="part-${partUnit}"]`).getByRole('button', { name: '催办' }).click();
    const again = page.locator('[data-test="form-urge"]');
    await again.locator('[data-test="draft-restored"]').waitFor();
    expect(await again.getByLabel('催办内容').inputValue()).toBe(message);
    expect(await page.locator('[data-test="drafts-kept"]').count()).toBe(0);
  });

  it('closes an open form on Back (the phone’s back gesture) instead of leaving the page, keeping its text; Back again leaves (breaker11b M10)', async () => {
    const { page } = await contexts.open({ token: SUPERVISOR, viewport: { width: 390, height: 844 } });
    // Opened from the list, within the app (Back then stays in the app, as on a phone).
    await page.goto('/findings');
    await page.locator(`a[href="/findings/${findingId}"]`).first().click();
    await page.waitForURL((url) => url.pathname === `/findings/${findingId}`);
    await page.locator(`[data-test="part-${partUnit}"]`).getByRole('button', { name: '催办' }).click();
    const form = page.locator('[data-test="form-urge"]');
    const message = '请于本周五前报告整改进展（手机返回键）。';
    await form.getByLabel('催办内容').fill(message);
    await page.goBack();
    await form.waitFor({ state: 'detached' });
    // The router puts the address back after the cancelled Back (history.go, asynchronous): wait for it, never read it at once.
    await page.waitForURL((url) => url.pathname === `/findings/${findingId}`);
    await page.locator('[data-test="drafts-kept"]', { hasText: '关闭前未提交的“催办”已保存' }).waitFor();

    await page.locator(`[data-test="part-${partUnit}"]`).getByRole('button', { name: '催办' }).click();
    const again = page.locator('[data-test="form-urge"]');
    expect(await again.locator('[data-test="draft-restored"]').textContent()).toBe('已恢复关闭前未提交的内容，请检查后提交。');
    expect(await again.getByLabel('催办内容').inputValue()).toBe(message);
    await again.locator('xpath=ancestor::div[contains(@class, "el-dialog")]').locator('.el-dialog__headerbtn').click();
    await again.waitFor({ state: 'detached' });
    // No dialog open: Back leaves the page as usual.
    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/findings');
  });

  it('signs in once for every tab of the browser, and signs every tab out together (F7)', async () => {
    const { context, page } = await contexts.open();
    await signIn(page, supervisor);
    await page.goto('/overview');
    const second = await context.newPage();
    await second.goto(`/findings/${findingId}`);
    await second.locator(`[data-test="part-${partUnit}"]`).waitFor();
    expect(new URL(second.url()).pathname).toBe(`/findings/${findingId}`);
    await second.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
  });

  it('lets the inspector pass a part reported after its due date, and sends a form only from its button, never on Enter (breaker8c P18, breaker11d P4)', async () => {
    const listed = await app.graphql(`{ units { id code name } evaluations(first: 1) { nodes { id } } }`);
    const fgw = listed.data!.units.find((unit: { code: string }) => unit.code === 'FGW');
    const act = (mutation: string, input: Record<string, unknown>, token: string) => actAs(`late-pass-${mutation}`, mutation, input, token);
    const title = '政府信息公开年报发布滞后';
    const latePassId = await act('recordFinding', { evaluationId: listed.data!.evaluations.nodes[0].id, title, description: '年报晚于法定期限发布', category: '年度报告', severity: 'MEDIUM', concernedUnitIds: [fgw.id], identifiedOn: officeDay(-30) }, SUPERVISOR);
    await act('assignFinding', { findingId: latePassId, assignedOn: officeDay(-20), units: [{ unitId: fgw.id, role: 'LEAD', dueDate: officeDay(-5) }] }, SUPERVISOR);
    await act('reportRectification', { findingId: latePassId, unitId: fgw.id, summary: '年报已发布', evidence: [{ title: '年报', link: 'https://www.qingchuan.gov.cn/nb' }], reportedOn: officeDay(-2) }, 'rct_demo_unit_fgw_qingchuan');

    const { page } = await contexts.open({ token: 'rct_demo_inspector_qingchuan', viewport: { width: 390, height: 844 } });
    await page.goto('/inspections');
    const card = page.locator(`[data-test="awaiting-${fgw.name}"]`, { hasText: title });
    // What the unit reported is on the card, beside the check to be made (newcomer12 Q6).
    const report = card.locator('[data-test="latest-report"]');
    await report.getByText('年报已发布').waitFor();
    expect(await report.getByRole('link', { name: '年报' }).getAttribute('href')).toBe('https://www.qingchuan.gov.cn/nb');
    expect(await report.textContent()).toContain(`报告日期 ${officeDay(-2)}`);
    await card.getByRole('button', { name: '督查' }).click();
    const form = card.locator('[data-test="form-inspect"]');
    const before = await app.logPosition();
    // Nothing is preselected: the button alone records nothing and asks for the outcome and the place (newcomer12 Q5).
    expect(await form.getByRole('radio', { checked: true }).count()).toBe(0);
    const submit = form.getByRole('button', { name: '提交督查结果' });
    await submit.click();
    await form.locator('.el-form-item__error', { hasText: '请选择“督查结果”。' }).waitFor();
    expect(await errorBeside(form, page, '督查地点').textContent()).toBe('请填写“督查地点”。');
    await form.getByText('通过', { exact: true }).click();
    // A refusal goes as soon as its field is answered; the others stay until theirs are (newcomer23 S6).
    await form.locator('.el-form-item__error', { hasText: '请选择“督查结果”。' }).waitFor({ state: 'detached' });
    expect(await errorBeside(form, page, '督查地点').textContent()).toBe('请填写“督查地点”。');
    // The day is today, after the due date: the hidden new due date must not stand in the way.
    const place = form.getByLabel('督查地点');
    await place.fill('市发改委政务公开专栏');
    await form.locator('.el-form-item__error', { hasText: '请填写“督查地点”。' }).waitFor({ state: 'detached' });
    await place.press('Enter');
    expect(await form.isVisible()).toBe(true);
    // The pass is confirmed with what it does: the finding's only part, so it closes the finding.
    await submit.click();
    const confirmation = form.locator('[data-test="form-confirm"]');
    await confirmation.waitFor();
    expect(await confirmation.textContent()).toContain(`问题“${title}”将随即销号`);
    expect(await app.logPosition()).toBe(before);
    // Under load the server's push of the pass can reach the page before the answer to it, and the list drops the card (and
    // its form) first — then 已记录督查 never came (sessions 26–27: 120 s). Held here until the card is gone, the page still says it.
    await page.route('**/graphql', async (route) => {
      if (!(route.request().postData() ?? '').includes('logInspection')) return route.continue();
      const answer = await route.fetch();
      await card.waitFor({ state: 'detached' });
      await route.fulfill({ response: answer });
    });
    await form.getByRole('button', { name: '确认提交督查结果' }).click();
    await page.getByText(`已记录督查：${title}`).waitFor();
    expect(await page.locator('[data-test="inspection-recorded"]', { hasText: title }).textContent()).toMatch(/——通过，.+的整改已核验，问题已销号。$/u);
    const { data } = await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { status inspections { outcome place } } } }`, { id: latePassId });
    expect(data!.finding.assignments).toEqual([{ status: 'VERIFIED', inspections: [{ outcome: 'PASSED', place: '市发改委政务公开专栏' }] }]);
  });

  it('says so when a typed as-of day is after today, and hides the as-of picker on the imports page (F6, F13)', async () => {
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto('/overview');
    const picker = page.locator('#as-of-picker');
    await picker.fill(fullWidth(officeDay(1)));
    await picker.press('Enter');
    const future = page.locator('[data-test="future-as-of"]');
    await future.waitFor();
    expect(await future.textContent()).toContain(`截至日期 ${officeDay(1)} 晚于今天`);

    await picker.fill(fullWidth(officeDay(-3)));
    await picker.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('asOf') === officeDay(-3));

    await page.goto(`/imports?asOf=${officeDay(-3)}`);
    await page.getByText('工作方案（分解方案）').waitFor();
    expect(await page.locator('#as-of-picker').count()).toBe(0);
  });

  it('lets a supervisor correct the day of any dated record of a part, here a mistyped 交办, and marks the original on the timeline (breaker8c P1, P6)', async () => {
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto(`/findings/${overdueFindingId}`);
    await page.locator(`[data-test="part-${overdueUnit}"]`).getByRole('button', { name: '更正记录日期' }).click();
    const form = page.locator('[data-test="form-correctRecord"]');
    // The dialog says which records it changes, and where a wrong 督查结论 goes (newcomer51-8 M8).
    expect(await page.locator('[data-test="correction-scope"]').textContent()).toMatch(/^更正所选一条记录（交办、整改报告、退办、现场督查、重新打开.*）的日期.*督查结论录错，请用“更正督查记录”。$/);
    await chooseIn(form, page, '要更正的记录', `交办（${officeDay(-20)}）`);
    const day = form.getByLabel('实际日期（该记录实际发生的那一天）');
    // A day after today is refused in the form, as the server would (breaker49-8 M3: the picker took it).
    await day.fill(officeDay(1));
    await day.press('Tab');
    await form.getByText(`实际日期（${officeDay(1)}）是将来的日期：今天是 ${officeDay(0)}。`).waitFor();
    await day.fill(officeDay(-21));
    await day.press('Tab');
    await form.getByLabel('更正理由').fill('交办通知落款早一天');
    await submitAndClose(form, '更正记录日期');
    const { data } = await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { assignedOn } } }`, { id: overdueFindingId }, { authorization: `Bearer ${SUPERVISOR}` });
    expect(data!.finding.assignments[0].assignedOn).toBe(officeDay(-21));
    const timeline = page.locator('[data-test="timeline"]');
    await timeline.getByText(`更正交办日期（${overdueUnit}）（${officeDay(-20)} → ${officeDay(-21)}）：交办通知落款早一天`).waitFor();
    // The 交办 row reads on its corrected day, with the day first entered (newcomer23 S4).
    const assignedRow = timeline.locator('.el-table__body-wrapper tbody > tr', { hasText: `（原录 ${officeDay(-20)}）` });
    await assignedRow.waitFor();
    expect(((await assignedRow.locator('td').allTextContents()) as string[]).map((cell) => cell.trim()).slice(0, 2)).toEqual([officeDay(-21), `交办（${overdueUnit}）（原录 ${officeDay(-20)}）`]);
  });

  it('offers a reopening among the records whose day a supervisor corrects, and moves it on the part and the timeline (breaker46-8 S1)', async () => {
    // Passed 8 days ago, reopened on paper 6 days ago, typed as of 3 days ago.
    const listed = await app.graphql(`{ units { id code name } evaluations(first: 1) { nodes { id } } }`);
    const fgw = listed.data!.units.find((unit: { code: string }) => unit.code === 'FGW');
    const act = (mutation: string, input: Record<string, unknown>, token: string) => actAs(`reopening-${mutation}`, mutation, input, token);
    const id = await act('recordFinding', { evaluationId: listed.data!.evaluations.nodes[0].id, title: '重新打开日期录错的问题', description: '复查发现栏目又停更', category: '主动公开', severity: 'MEDIUM', concernedUnitIds: [fgw.id], identifiedOn: officeDay(-30) }, SUPERVISOR);
    await act('assignFinding', { findingId: id, assignedOn: officeDay(-20), units: [{ unitId: fgw.id, role: 'LEAD', dueDate: officeDay(10) }] }, SUPERVISOR);
    await act('reportRectification', { findingId: id, unitId: fgw.id, summary: '已更新栏目', evidence: [{ title: '栏目截图', link: 'https://www.qingchuan.gov.cn/lm' }], reportedOn: officeDay(-10) }, 'rct_demo_unit_fgw_qingchuan');
    await act('logInspection', { findingId: id, unitId: fgw.id, outcome: 'PASSED', inspectedOn: officeDay(-8), place: '现场' }, 'rct_demo_inspector_qingchuan');
    await act('reopenFinding', { findingId: id, reason: '复查发现栏目又停更', reopenedOn: officeDay(-3) }, SUPERVISOR);
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto(`/findings/${id}`);
    await page.locator(`[data-test="part-${fgw.name}"]`).getByRole('button', { name: '更正记录日期' }).click();
    const form = page.locator('[data-test="form-correctRecord"]');
    await chooseIn(form, page, '要更正的记录', `重新打开（${officeDay(-3)}）`);
    const day = form.getByLabel('实际日期（该记录实际发生的那一天）');
    await day.fill(officeDay(-6));
    await day.press('Tab');
    await form.getByLabel('更正理由').fill('重新打开通知落款日期录错');
    await submitAndClose(form, '更正记录日期');
    const { data } = await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { returns { cause returnedOn } } } }`, { id }, { authorization: `Bearer ${SUPERVISOR}` });
    expect(data!.finding.assignments[0].returns).toEqual([{ cause: 'REOPENED', returnedOn: officeDay(-6) }]);
    await page.locator('[data-test="timeline"]').getByText(`更正重新打开日期（${fgw.name}）（${officeDay(-3)} → ${officeDay(-6)}）：重新打开通知落款日期录错`).waitFor();
    // The card's 退回记录 says the day first entered, as the timeline does (newcomer51-8 M4).
    expect(await page.locator(`[data-test="part-${fgw.name}"] [data-test="return-as-entered"]`).textContent()).toBe(`（原录 ${officeDay(-3)}）`);
  });

  it('shows a corrected report’s day with the day first entered on the card, and offers the records to correct in date order (newcomer49-8 M2, M3)', async () => {
    const listed = await app.graphql(`{ units { id code name } evaluations(first: 1) { nodes { id } } }`);
    const fgw = listed.data!.units.find((unit: { code: string }) => unit.code === 'FGW');
    const act = (mutation: string, input: Record<string, unknown>, token: string) => actAs(`report-day-${mutation}-${input.reportedOn ?? ''}`, mutation, input, token);
    const id = await act('recordFinding', { evaluationId: listed.data!.evaluations.nodes[0].id, title: '报告日期录错的问题', description: '栏目停更', category: '主动公开', severity: 'MEDIUM', concernedUnitIds: [fgw.id], identifiedOn: officeDay(-30) }, SUPERVISOR);
    await act('assignFinding', { findingId: id, assignedOn: officeDay(-20), units: [{ unitId: fgw.id, role: 'LEAD', dueDate: officeDay(10) }] }, SUPERVISOR);
    const evidence = [{ title: '栏目截图', link: 'https://www.qingchuan.gov.cn/lm' }];
    await act('reportRectification', { findingId: id, unitId: fgw.id, summary: '已更新栏目', evidence, reportedOn: officeDay(-12) }, 'rct_demo_unit_fgw_qingchuan');
    await act('sendBackReport', { findingId: id, unitId: fgw.id, reason: '链接打不开', sentBackOn: officeDay(-10) }, SUPERVISOR);
    await act('reportRectification', { findingId: id, unitId: fgw.id, summary: '已修复链接', evidence, reportedOn: officeDay(-8) }, 'rct_demo_unit_fgw_qingchuan');
    await act('correctReportDate', { findingId: id, unitId: fgw.id, reportedOn: officeDay(-7), reason: '报告落款日期录错' }, SUPERVISOR);
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto(`/findings/${id}`);
    const card = page.locator(`[data-test="part-${fgw.name}"]`);
    await card.locator('[data-test="report"]', { hasText: `报告日期 ${officeDay(-7)}（原录 ${officeDay(-8)}）` }).waitFor();
    await card.getByRole('button', { name: '更正记录日期' }).click();
    const form = page.locator('[data-test="form-correctRecord"]');
    await form.locator('.el-form-item', { hasText: '要更正的记录' }).locator('.el-select__wrapper').click();
    const options = page.locator('.el-select-dropdown__item:visible');
    await options.first().waitFor();
    expect((await options.allTextContents()).map((text) => text.trim())).toEqual([`交办（${officeDay(-20)}）`, `整改报告（${officeDay(-12)}）`, `退办（${officeDay(-10)}）`, `整改报告（${officeDay(-7)}）`]);
  });

  it('lets the office enter a unit’s paper report (代录) on its card, with its day and evidence, named on the card and the timeline; an inspector is not offered it (newcomer49-8 M5)', async () => {
    const listed = await app.graphql(`{ units { id code name } evaluations(first: 1) { nodes { id } } }`);
    const fgw = listed.data!.units.find((unit: { code: string }) => unit.code === 'FGW');
    const act = (mutation: string, input: Record<string, unknown>, token: string) => actAs(`proxy-report-${mutation}`, mutation, input, token);
    const id = await act('recordFinding', { evaluationId: listed.data!.evaluations.nodes[0].id, title: '纸质报告代录的问题', description: '目录未更新', category: '主动公开', severity: 'MEDIUM', concernedUnitIds: [fgw.id], identifiedOn: officeDay(-30) }, SUPERVISOR);
    await act('assignFinding', { findingId: id, assignedOn: officeDay(-20), units: [{ unitId: fgw.id, role: 'LEAD', dueDate: officeDay(10) }] }, SUPERVISOR);

    const inspector = await contexts.open({ token: 'rct_demo_inspector_qingchuan' });
    await inspector.page.goto(`/findings/${id}`);
    const inspectorCard = inspector.page.locator(`[data-test="part-${fgw.name}"]`);
    await inspectorCard.waitFor();
    expect(await inspectorCard.getByRole('button', { name: '代录整改报告' }).count()).toBe(0);

    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto(`/findings/${id}`);
    const card = page.locator(`[data-test="part-${fgw.name}"]`);
    await card.getByRole('button', { name: '代录整改报告' }).click();
    await page.locator('[data-test="proxy-report-note"]', { hasText: `依据${fgw.name}的纸质整改报告代为录入` }).waitFor();
    const form = page.locator('[data-test="form-report"]');
    await form.getByLabel('整改措施及成效').fill('已更新政府信息公开目录');
    await form.getByLabel('材料1名称').fill('整改报告（纸质）');
    await form.getByLabel('材料1文号').fill('青发改〔2026〕3号');
    const day = form.getByLabel('完成报告日期');
    await day.fill(officeDay(-9));
    await day.press('Tab');
    await submitAndClose(form, '代录整改报告');
    await card.locator('[data-test="report"]', { hasText: `报告日期 ${officeDay(-9)}（张伟（政务公开办） 代录，依据纸质报告）` }).waitFor();
    await page.locator('[data-test="timeline"]').getByText(`报告整改完成（${fgw.name}）（张伟（政务公开办） 代录，依据纸质报告）：已更新政府信息公开目录`).waitFor();
    const { data } = await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { status reports { reportedOn enteredByName } } } }`, { id }, { authorization: `Bearer ${SUPERVISOR}` });
    expect(data!.finding.assignments[0]).toEqual({ status: 'REPORTED', reports: [{ reportedOn: officeDay(-9), enteredByName: '张伟（政务公开办）' }] });
  });

  it('says a page cannot be opened while offline instead of doing nothing (F12)', async () => {
    const { context, page } = await contexts.open({ token: SUPERVISOR });
    await page.goto(`/findings/${findingId}`);
    await page.locator(`[data-test="part-${partUnit}"]`).waitFor();
    await context.setOffline(true);
    await page.locator('nav').getByRole('link', { name: '单位排名' }).click();
    const failure = page.locator('[data-test="navigation-failure"]');
    await failure.waitFor();
    expect(await failure.textContent()).toContain('无法打开“单位排名”：无法连接服务器');
    await context.setOffline(false);
    await page.locator('nav').getByRole('link', { name: '单位排名' }).click();
    await page.waitForURL((url) => url.pathname === '/scorecard');
    expect(await failure.count()).toBe(0);
  });
});
