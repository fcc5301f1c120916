import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { launchChromium } from './support/browser.js';
import { browserContexts, officeDay, setUpMutations } from './support/suite.js';
import { chooseIn, seenInForm, setDayIn, submitAndClose } from './support/form-fields.js';

/** The day field of 更正记录日期. */
const DAY = '实际日期（该记录实际发生的那一天）';

/*
 * h8b: a reopening typed with the wrong day that gave no new due date (the part's own had not passed) really happened after that
 * due date. 更正记录日期 now asks for 新的整改时限 in the same form once the corrected day is past the due date — and only
 * then — and the part is due by it from the corrected day, on the card and in the timeline.
 */
describe('a supervisor corrects a reopening’s day past the part’s due date in the browser, giving the new due date', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts = browserContexts(() => ({ app, browser }));
  const SUPERVISOR = 'rct_demo_supervisor_qingchuan';
  let findingId: string;
  let fgwName: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({ demoData: true, now: new Date().toISOString() }), launchChromium()]);
    const listed = await app.graphql(`{ units { id code name } evaluations(first: 1) { nodes { id } } }`);
    const fgw = listed.data!.units.find((unit: { code: string }) => unit.code === 'FGW');
    fgwName = fgw.name;
    const act = setUpMutations(() => app, 'h8b');
    findingId = await act('recordFinding', { evaluationId: listed.data!.evaluations.nodes[0].id, title: '价格听证结果未公开', description: '听证结果未在网站公开', category: '主动公开', severity: 'LOW', concernedUnitIds: [fgw.id], identifiedOn: officeDay(-20) });
    await act('assignFinding', { findingId, assignedOn: officeDay(-18), units: [{ unitId: fgw.id, role: 'LEAD', dueDate: officeDay(-8) }] });
    await act('reportRectification', { findingId, unitId: fgw.id, reportedOn: officeDay(-12), summary: '已公开', evidence: [{ title: '听证结果', documentRef: '发改〔2026〕1号' }] }, await app.as('UNIT', fgw.id));
    await act('logInspection', { findingId, unitId: fgw.id, inspectedOn: officeDay(-10), outcome: 'PASSED', place: '市发改委', notes: '' }, await app.as('INSPECTOR'));
    // Typed as of -9 (due -8 not passed: no new due date asked); the paper says -5.
    await act('reopenFinding', { findingId, reason: '听证结果页面被撤下', reopenedOn: officeDay(-9) });
  });
  afterAll(() => contexts.closeAll());

  it('shows 新的整改时限 only once the corrected day is past the due date, requires it then, and the part is due by it', async () => {
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto(`/findings/${findingId}`);
    await page.locator(`[data-test="part-${fgwName}"]`).getByRole('button', { name: '更正记录日期' }).click();
    const form = page.locator('[data-test="form-correctRecord"]');
    await chooseIn(form, page, '要更正的记录', `重新打开（${officeDay(-9)}）`);
    const newDueDate = form.locator('.el-form-item', { hasText: '新的整改时限' });
    // On the due date itself the part comes back due that day: nothing more asked.
    await setDayIn(form, DAY, officeDay(-8));
    await form.getByLabel('更正理由').fill('重新打开通知落款日期录错');
    expect(await newDueDate.count()).toBe(0);
    // Past it: asked for, and required.
    await setDayIn(form, DAY, officeDay(-5));
    await seenInForm(form, newDueDate, '新的整改时限 past the due date -8');
    await form.getByRole('button', { name: '更正记录日期' }).click();
    await seenInForm(form, form.getByText('请选择“新的整改时限”。'), 'the refusal of 新的整改时限 left empty');
    const given = form.getByLabel(`新的整改时限（更正后的重新打开日期晚于当时的时限 ${officeDay(-8)}，须填写，不早于更正后的日期）`);
    await seenInForm(form, given, '新的整改时限 judged by -8');
    await given.fill(officeDay(20));
    await given.press('Tab');
    await submitAndClose(form, '更正记录日期');
    const { data } = await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { status dueDate returns { returnedOn newDueDate } } } }`, { id: findingId }, { authorization: `Bearer ${SUPERVISOR}` });
    expect(data!.finding.assignments).toEqual([{ status: 'RETURNED', dueDate: officeDay(20), returns: [{ returnedOn: officeDay(-5), newDueDate: officeDay(20) }] }]);
    await page.locator('[data-test="timeline"]').getByText(`（重新整改时限 ${officeDay(20)}）`).first().waitFor();
    await page.locator(`[data-test="part-${fgwName}"] [data-test="return-new-due-date"]`, { hasText: `（重新整改时限 ${officeDay(20)}）` }).waitFor();
  });
});

/*
 * breaker49-8 S1: the form asked for 新的整改时限 by the part's due date now, not the one the server judges by — in force on the
 * corrected day (a later failed inspection gave a later one), or another unit's part returned by the same reopening — and the
 * server's refusal at that hidden field was shown nowhere. M2: a reopening's new due date replaces every unit's; the form says so.
 */
describe('更正记录日期 asks for a new due date exactly when the server does (breaker49-8 S1, M2)', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts = browserContexts(() => ({ app, browser }));
  const SUPERVISOR = 'rct_demo_supervisor_qingchuan';
  let sentBackFinding: string;
  let reopenedFinding: string;
  let failedFinding: string;
  let fgw: { id: string; name: string };
  let czj: { id: string; name: string };

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({ demoData: true, now: new Date().toISOString() }), launchChromium()]);
    const listed = await app.graphql(`{ units { id code name } evaluations(first: 1) { nodes { id } } }`);
    const units = listed.data!.units as { id: string; code: string; name: string }[];
    fgw = units.find((unit) => unit.code === 'FGW')!;
    czj = units.find((unit) => unit.code === 'CZJ')!;
    const evaluationId = listed.data!.evaluations.nodes[0].id;
    const evidence = [{ title: '公开页面', documentRef: '发改〔2026〕2号' }];
    // 市发改委 due -20; reported -25, 退办 -22 (not past the due date: none asked), re-reported -15, failed -12 with a new due date +10.
    const act = setUpMutations(() => app, 'b49s1');
    sentBackFinding = await act('recordFinding', { evaluationId, title: '收费目录未更新', description: '目录停留在上年', category: '主动公开', severity: 'LOW', concernedUnitIds: [fgw.id], identifiedOn: officeDay(-40) });
    await act('assignFinding', { findingId: sentBackFinding, assignedOn: officeDay(-30), units: [{ unitId: fgw.id, role: 'LEAD', dueDate: officeDay(-20) }] });
    const unit = await app.as('UNIT', fgw.id);
    await app.graphql(`mutation($input: ReportRectificationInput!) { reportRectification(input: $input) { id } }`, { input: { idempotencyKey: 'b49s1-r1', findingId: sentBackFinding, unitId: fgw.id, reportedOn: officeDay(-25), summary: '已更新', evidence } }, unit);
    await act('sendBackReport', { findingId: sentBackFinding, unitId: fgw.id, sentBackOn: officeDay(-22), reason: '链接打不开' });
    await app.graphql(`mutation($input: ReportRectificationInput!) { reportRectification(input: $input) { id } }`, { input: { idempotencyKey: 'b49s1-r2', findingId: sentBackFinding, unitId: fgw.id, reportedOn: officeDay(-15), summary: '已修复链接', evidence } }, unit);
    await act('logInspection', { findingId: sentBackFinding, unitId: fgw.id, inspectedOn: officeDay(-12), outcome: 'FAILED', place: '市发改委', notes: '目录仍缺两项', newDueDate: officeDay(10) }, await app.as('INSPECTOR'));
    // 市发改委 due -8 and 市财政局 due +10, both verified; reopened -9 (no due date passed: none asked).
    const reopen = setUpMutations(() => app, 'b49m2');
    reopenedFinding = await reopen('recordFinding', { evaluationId, title: '预算公开不全', description: '部门预算缺说明', category: '主动公开', severity: 'LOW', concernedUnitIds: [fgw.id, czj.id], identifiedOn: officeDay(-40) });
    await reopen('assignFinding', { findingId: reopenedFinding, assignedOn: officeDay(-30), units: [{ unitId: fgw.id, role: 'LEAD', dueDate: officeDay(-8) }, { unitId: czj.id, role: 'RESPONSIBLE', dueDate: officeDay(10) }] });
    for (const one of [fgw, czj]) {
      await app.graphql(`mutation($input: ReportRectificationInput!) { reportRectification(input: $input) { id } }`, { input: { idempotencyKey: `b49m2-r-${one.id}`, findingId: reopenedFinding, unitId: one.id, reportedOn: officeDay(-14), summary: '已公开', evidence } }, await app.as('UNIT', one.id));
      await app.graphql(`mutation($input: LogInspectionInput!) { logInspection(input: $input) { id } }`, { input: { idempotencyKey: `b49m2-i-${one.id}`, findingId: reopenedFinding, unitId: one.id, inspectedOn: officeDay(-11), outcome: 'PASSED', place: '现场', notes: '' } }, await app.as('INSPECTOR'));
    }
    await reopen('reopenFinding', { findingId: reopenedFinding, reason: '预算说明被撤下', reopenedOn: officeDay(-9) });
    // 市发改委 due -20; reported -25, 督查未通过 typed -22 (no new due date: not past it), re-reported -15 (breaker49-8 S5).
    const fail = setUpMutations(() => app, 'b49s5');
    failedFinding = await fail('recordFinding', { evaluationId, title: '行政许可事项清单未公开', description: '清单缺失', category: '主动公开', severity: 'LOW', concernedUnitIds: [fgw.id], identifiedOn: officeDay(-40) });
    await fail('assignFinding', { findingId: failedFinding, assignedOn: officeDay(-30), units: [{ unitId: fgw.id, role: 'LEAD', dueDate: officeDay(-20) }] });
    await app.graphql(`mutation($input: ReportRectificationInput!) { reportRectification(input: $input) { id } }`, { input: { idempotencyKey: 'b49s5-r1', findingId: failedFinding, unitId: fgw.id, reportedOn: officeDay(-25), summary: '已公开', evidence } }, unit);
    await fail('logInspection', { findingId: failedFinding, unitId: fgw.id, inspectedOn: officeDay(-22), outcome: 'FAILED', place: '市发改委', notes: '清单缺两项' }, await app.as('INSPECTOR'));
    await app.graphql(`mutation($input: ReportRectificationInput!) { reportRectification(input: $input) { id } }`, { input: { idempotencyKey: 'b49s5-r2', findingId: failedFinding, unitId: fgw.id, reportedOn: officeDay(-15), summary: '已补齐', evidence } }, unit);
  });
  afterAll(() => contexts.closeAll());

  const chooseRecord = async (page: import('playwright-core').Page, unitName: string, record: string) => {
    await page.locator(`[data-test="part-${unitName}"]`).getByRole('button', { name: '更正记录日期' }).click();
    const form = page.locator('[data-test="form-correctRecord"]');
    await chooseIn(form, page, '要更正的记录', record);
    return form;
  };
  const setDay = (form: import('playwright-core').Locator, day: string) => setDayIn(form, DAY, day);

  it('a send-back moved past the due date then in force (-20) asks for one, though the part is due +10 now; the correction is taken', async () => {
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto(`/findings/${sentBackFinding}`);
    const form = await chooseRecord(page, fgw.name, `退办（${officeDay(-22)}）`);
    await form.getByLabel('更正理由').fill('退办通知落款日期录错');
    const newDueDate = form.locator('.el-form-item', { hasText: '新的整改时限' });
    await setDay(form, officeDay(-20));
    expect(await newDueDate.count()).toBe(0);
    await setDay(form, officeDay(-18));
    const given = form.getByLabel(`新的整改时限（更正后的退办日期晚于当时的时限 ${officeDay(-20)}，须填写，不早于更正后的日期）`);
    await seenInForm(form, given, '新的整改时限 judged by the due date then in force, -20');
    await given.fill(officeDay(-5));
    await given.press('Tab');
    await submitAndClose(form, '更正记录日期');
    const { data } = await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { dueDate returns { cause returnedOn newDueDate } } } }`, { id: sentBackFinding }, { authorization: `Bearer ${SUPERVISOR}` });
    expect(data!.finding.assignments[0]).toEqual({ dueDate: officeDay(10), returns: [{ cause: 'SENT_BACK', returnedOn: officeDay(-18), newDueDate: officeDay(-5) }, { cause: 'INSPECTION_FAILED', returnedOn: officeDay(-12), newDueDate: officeDay(10) }] });
  });

  it('a failed inspection moved past the due date, the unit having re-reported, asks for one and is taken (breaker49-8 S5)', async () => {
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto(`/findings/${failedFinding}`);
    const form = await chooseRecord(page, fgw.name, `现场督查（${officeDay(-22)}）`);
    await form.getByLabel('更正理由').fill('督查记录表落款日期录错');
    await setDay(form, officeDay(-18));
    const given = form.getByLabel(`新的整改时限（更正后的督查未通过日期晚于当时的时限 ${officeDay(-20)}，须填写，不早于更正后的日期）`);
    await seenInForm(form, given, '新的整改时限 judged by -20');
    await given.fill(officeDay(-5));
    await given.press('Tab');
    await submitAndClose(form, '更正记录日期');
    const { data } = await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { status dueDate returns { cause returnedOn newDueDate } } } }`, { id: failedFinding }, { authorization: `Bearer ${SUPERVISOR}` });
    expect(data!.finding.assignments[0]).toEqual({ status: 'REPORTED', dueDate: officeDay(-5), returns: [{ cause: 'INSPECTION_FAILED', returnedOn: officeDay(-18), newDueDate: officeDay(-5) }] });
  });

  it('a reopening corrected from 市财政局’s card (due +10) asks for one past 市发改委’s -8, naming each unit whose due date it replaces', async () => {
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto(`/findings/${reopenedFinding}`);
    const form = await chooseRecord(page, czj.name, `重新打开（${officeDay(-9)}）`);
    await form.getByLabel('更正理由').fill('重新打开通知落款日期录错');
    await setDay(form, officeDay(-5));
    const given = form.getByLabel(`新的整改时限（更正后的重新打开日期晚于当时的时限，须填写，不早于更正后的日期；该次重新打开退回的各单位均改按此时限：${czj.name}原为 ${officeDay(10)}，${fgw.name}原为 ${officeDay(-8)}）`);
    await seenInForm(form, given, '新的整改时限 naming each unit whose due date it replaces');
    await given.fill(officeDay(20));
    await given.press('Tab');
    await submitAndClose(form, '更正记录日期');
    const { data } = await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { dueDate } } }`, { id: reopenedFinding }, { authorization: `Bearer ${SUPERVISOR}` });
    expect(data!.finding.assignments).toEqual([{ dueDate: officeDay(20) }, { dueDate: officeDay(20) }]);
  });

  it('any form refused at a field it hides shows the refusal above the form (was: shown nowhere, the dialog just stayed open)', async () => {
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto(`/findings/${sentBackFinding}`);
    // The server's answer stands in for any refusal at a field the form has but hides for the values given.
    await page.route('**/graphql', async (route) => {
      if (!(route.request().postData() ?? '').includes('correctRecordDate')) return route.continue();
      await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ data: null, errors: [{ message: 'needs a new due date', extensions: { code: 'BAD_USER_INPUT', field: 'newDueDate', messageZh: '请在本表中填写新的整改时限（试）。' } }] }) });
    });
    const form = await chooseRecord(page, fgw.name, `整改报告（${officeDay(-15)}）`);
    await form.getByLabel('更正理由').fill('报告日期录错');
    await setDay(form, officeDay(-14));
    await form.getByRole('button', { name: '更正记录日期' }).click();
    await seenInForm(form, form.getByRole('alert').filter({ hasText: '请在本表中填写新的整改时限（试）。' }), 'the refusal at the hidden 新的整改时限, above the form');
  });
});

/*
 * breaker53-9 S1: 更正记录日期 keeping a return's day to type in its paper's 重新整改时限 sent no expected value, so a second
 * supervisor's form, opened before a colleague gave the date, replaced it unsaid. The form sends the date the card showed; refused,
 * it reads the part again and the next press is judged on the date given meanwhile.
 */
describe('更正记录日期 giving a return its paper’s 重新整改时限 from a form opened before a colleague gave one (breaker53-9 S1)', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts = browserContexts(() => ({ app, browser }));
  const SUPERVISOR = 'rct_demo_supervisor_qingchuan';
  let findingId: string;
  let fgw: { id: string; name: string };

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({ demoData: true, now: new Date().toISOString() }), launchChromium()]);
    const listed = await app.graphql(`{ units { id code name } evaluations(first: 1) { nodes { id } } }`);
    fgw = (listed.data!.units as { id: string; code: string; name: string }[]).find((unit) => unit.code === 'FGW')!;
    const act = setUpMutations(() => app, 'b53s1');
    findingId = await act('recordFinding', { evaluationId: listed.data!.evaluations.nodes[0].id, title: '政府信息公开年报发布滞后', description: '年报未按时发布', category: '主动公开', severity: 'LOW', concernedUnitIds: [fgw.id], identifiedOn: officeDay(-40) });
    await act('assignFinding', { findingId, assignedOn: officeDay(-30), units: [{ unitId: fgw.id, role: 'LEAD', dueDate: officeDay(-20) }] });
    await app.graphql(`mutation($input: ReportRectificationInput!) { reportRectification(input: $input) { id } }`, { input: { idempotencyKey: 'b53s1-r1', findingId, unitId: fgw.id, reportedOn: officeDay(-25), summary: '已发布', evidence: [{ title: '年报', documentRef: '发改〔2026〕3号' }] } }, await app.as('UNIT', fgw.id));
    await act('logInspection', { findingId, unitId: fgw.id, inspectedOn: officeDay(-22), outcome: 'FAILED', place: '市发改委', notes: '年报缺数据', newDueDate: officeDay(10) }, await app.as('INSPECTOR'));
  });
  afterAll(() => contexts.closeAll());

  it('the colleague’s date is named, not replaced; read again, a second press gives the paper’s date', async () => {
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto(`/findings/${findingId}`);
    await page.locator(`[data-test="part-${fgw.name}"]`).getByRole('button', { name: '更正记录日期' }).click();
    const form = page.locator('[data-test="form-correctRecord"]');
    await chooseIn(form, page, '要更正的记录', `现场督查（${officeDay(-22)}`);
    await setDayIn(form, DAY, officeDay(-22));
    await form.getByLabel('更正理由').fill('按纸质通知');
    const given = form.getByLabel('新的整改时限（日期不变：补填该次督查未通过纸质记录上的重新整改时限，此后即为其本身的时限）');
    await seenInForm(form, given, '新的整改时限 of the day kept');
    await given.fill(officeDay(25));
    await given.press('Tab');
    // Meanwhile another supervisor types in the paper's date from a form that showed +10.
    const other = await app.as('SUPERVISOR');
    const meanwhile = await app.graphql(
      `mutation($i: CorrectRecordDateInput!) { correctRecordDate(input: $i) { id } }`,
      { i: { idempotencyKey: 'b53s1-colleague', findingId, unitId: fgw.id, record: 'INSPECTION', previousOn: officeDay(-22), on: officeDay(-22), newDueDate: officeDay(20), expectedNewDueDate: officeDay(10), reason: '纸质通知为该日' } },
      other,
    );
    expect(meanwhile.errors).toBeUndefined();
    await form.getByRole('button', { name: '更正记录日期' }).click();
    await seenInForm(form, form.getByText(new RegExp(`督查的重新整改时限刚由.+改为 ${officeDay(20)}（北京时间 .+；理由：纸质通知为该日；表单显示的是 ${officeDay(10)}）：请确认后再调整，本次未作修改。`)), 'the refusal naming the colleague’s date');
    await seenInForm(form, form.locator('[data-test="form-reread"]'), 'the notice that the part was read again');
    const returns = async () => (await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { returns { newDueDate } } } }`, { id: findingId }, { authorization: `Bearer ${SUPERVISOR}` })).data!.finding.assignments[0].returns;
    expect(await returns()).toEqual([{ newDueDate: officeDay(20) }]);
    await submitAndClose(form, '更正记录日期');
    expect(await returns()).toEqual([{ newDueDate: officeDay(25) }]);
  });
});
