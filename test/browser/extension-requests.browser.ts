import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { launchChromium } from './support/browser.js';
import { browserContexts, eventually, officeDay, setUpMutations } from './support/suite.js';
import { chooseIn, seenInForm, setDayIn, submitAndClose } from './support/form-fields.js';

/*
 * newcomer23 S3: 市发改委's clerk typed 申请延期至 2027-01-20 (meant 2026-12-22) and the card then offered no
 * way to take it back. Now the card shows 撤回延期申请 beside the pending request; withdrawn, the request
 * reads 已撤回 with its day and reason, the timeline has the line, and 申请延期 is offered again.
 */
describe('a unit takes back its own pending extension request in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts = browserContexts(() => ({ app, browser }));
  const FGW = 'rct_demo_unit_fgw_qingchuan';
  const SUPERVISOR = 'rct_demo_supervisor_qingchuan';
  let findingId: string;
  let redatedFindingId: string;
  let fgwName: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({ demoData: true, now: new Date().toISOString() }), launchChromium()]);
    const listed = await app.graphql(`{ units { id code name } evaluations(first: 1) { nodes { id } } }`);
    const fgw = listed.data!.units.find((unit: { code: string }) => unit.code === 'FGW');
    fgwName = fgw.name;
    const act = setUpMutations(() => app, 'ext');
    findingId = await act('recordFinding', { evaluationId: listed.data!.evaluations.nodes[0].id, title: '政策解读“三同步”未落实', description: '政策文件发布时未同步解读', category: '政策解读', severity: 'MEDIUM', concernedUnitIds: [fgw.id], identifiedOn: officeDay(-20) });
    await act('assignFinding', { findingId, assignedOn: officeDay(-10), units: [{ unitId: fgw.id, role: 'LEAD', dueDate: officeDay(6) }] });
    await act('requestExtension', { findingId, unitId: fgw.id, requestedDueDate: officeDay(49), reason: '需与市司法局会签，预计推迟两周。' }, { authorization: `Bearer ${FGW}` });
    // newcomer26 S7: a request taken back on paper dated 4 days ago, typed as 5 days ago's withdrawal would be; here typed right, then moved.
    const evaluationId = listed.data!.evaluations.nodes[0].id;
    const actAs = async (mutation: string, key: string, input: Record<string, unknown>, token?: string) => {
      const answer = await app.graphql(`mutation($input: ${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $input) { id assignments { extensionRequests { requestId } } } }`, { input: { idempotencyKey: `ext-s7-${key}`, ...input } }, token ? { authorization: `Bearer ${token}` } : undefined);
      if (answer.errors) throw new Error(`${mutation}: ${JSON.stringify(answer.errors)}`);
      return answer;
    };
    const recorded = await actAs('recordFinding', 'record', { evaluationId, title: '重大行政决策草案未公开征求意见', description: '决策草案未向社会公开征求意见', category: '政策解读', severity: 'MEDIUM', concernedUnitIds: [fgw.id], identifiedOn: officeDay(-20) });
    redatedFindingId = recorded.data!.recordFinding.id;
    await actAs('assignFinding', 'assign', { findingId: redatedFindingId, assignedOn: officeDay(-10), units: [{ unitId: fgw.id, role: 'LEAD', dueDate: officeDay(6) }] });
    const asked = await actAs('requestExtension', 'ask', { findingId: redatedFindingId, unitId: fgw.id, requestedDueDate: officeDay(60), reason: '需会签。', requestedOn: officeDay(-6) }, FGW);
    const requestId = asked.data!.requestExtension.assignments[0].extensionRequests[0].requestId;
    await actAs('withdrawExtensionRequest', 'withdraw', { findingId: redatedFindingId, unitId: fgw.id, requestId, reason: '时限填错。', withdrawnOn: officeDay(-4) }, FGW);
  });
  afterAll(() => contexts.closeAll());

  it('withdraws it with a reason, shows it as 已撤回 on the card and in the timeline, and offers 申请延期 again', async () => {
    const { page } = await contexts.open({ token: FGW });
    await page.goto(`/findings/${findingId}`);
    const card = page.locator(`[data-test="part-${fgwName}"]`);
    await card.getByText(`申请延至 ${officeDay(49)}`).waitFor();
    expect(await card.getByRole('button', { name: '申请延期', exact: true }).count()).toBe(0);
    await card.getByRole('button', { name: '撤回延期申请' }).click();
    const form = page.locator('[data-test="form-withdrawExtension"]');
    // Nothing is sent without a reason: named beside the field.
    await form.getByRole('button', { name: '撤回延期申请' }).click();
    await seenInForm(form, form.getByText('请填写“撤回理由”。'), 'what the form says after 撤回延期申请');
    await form.getByLabel('撤回理由').fill('申请延至的日期填错，撤回后重新申请。');
    await submitAndClose(form, '撤回延期申请');
    await card.locator('[data-test="extension-withdrawn"]', { hasText: `撤回日期 ${officeDay(0)}：申请延至的日期填错，撤回后重新申请。` }).waitFor();
    await card.getByText('已撤回', { exact: true }).waitFor();
    await page.locator('[data-test="timeline"]').getByText(`撤回延期申请（${fgwName}）：申请延至的日期填错，撤回后重新申请。`).waitFor();
    await card.getByRole('button', { name: '申请延期', exact: true }).waitFor();
    expect(await card.getByRole('button', { name: '撤回延期申请' }).count()).toBe(0);
  });

  it('lets a supervisor correct the day of a 撤回延期申请 like any other record, the list naming each request (newcomer26 S7)', async () => {
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto(`/findings/${redatedFindingId}`);
    await page.locator(`[data-test="part-${fgwName}"]`).getByRole('button', { name: '更正记录日期' }).click();
    const form = page.locator('[data-test="form-correctRecord"]');
    await form.locator('.el-form-item', { hasText: '要更正的记录' }).locator('.el-select__wrapper').click();
    // The request says what it asked and that it was taken back; its withdrawal is a record of its own.
    await page.locator('.el-select-dropdown__item:visible', { hasText: `延期申请（${officeDay(-6)}，申请延至 ${officeDay(60)}，已撤回）` }).waitFor();
    // Chosen from the list open (clicked again if the click fell while the list opened), the day held: else the failure says
    // what the form shows.
    await chooseIn(form, page, '要更正的记录', `撤回延期申请（${officeDay(-4)}，所撤回的申请延至 ${officeDay(60)}）`);
    await setDayIn(form, '实际日期（该记录实际发生的那一天）', officeDay(-2));
    await form.getByLabel('更正理由').fill('撤回函落款日期录错');
    await submitAndClose(form, '更正记录日期');
    const { data } = await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { extensionRequests { status withdrawnOn } } } }`, { id: redatedFindingId }, { authorization: `Bearer ${SUPERVISOR}` });
    expect(data!.finding.assignments[0].extensionRequests).toEqual([{ status: 'WITHDRAWN', withdrawnOn: officeDay(-2) }]);
    await page.locator('[data-test="timeline"]').getByText(`更正撤回延期申请日期（${fgwName}）（${officeDay(-4)} → ${officeDay(-2)}）：撤回函落款日期录错`).waitFor();
  });

  it('asks a unit to confirm an extension asked past the plan\'s limit, naming the limit (newcomer23 S3)', async () => {
    const { data } = await app.graphql(`query($id: ID!) { finding(id: $id) { dueDateLimit { latest setBy } } }`, { id: redatedFindingId }, { authorization: `Bearer ${SUPERVISOR}` });
    const { latest, setBy } = data!.finding.dueDateLimit as { latest: string; setBy: string };
    const past = new Date(Date.parse(`${latest}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const { page } = await contexts.open({ token: FGW });
    await page.goto(`/findings/${redatedFindingId}`);
    const card = page.locator(`[data-test="part-${fgwName}"]`);
    await card.getByRole('button', { name: '申请延期', exact: true }).click();
    const form = page.locator('[data-test="form-requestExtension"]');
    const asked = form.getByLabel('申请延期至');
    await asked.fill(past);
    await asked.press('Tab');
    await form.getByLabel('延期理由').fill('跨年度实施。');
    await form.getByRole('button', { name: '申请延期', exact: true }).click();
    const confirm = page.locator('[data-test="form-confirm"]');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain(`申请延至的 ${past} 晚于${setBy}（${latest}），请确认日期无误`);
    await submitAndClose(form, '确认申请延期');
    await card.getByText(`申请延至 ${past}`).waitFor();
  });
  it('tells the supervisor on 总览 and lists the request on 待审批延期, leading to the card where it is decided (newcomer36 S11)', async () => {
    const units = (await app.graphql(`{ units { id code } evaluations(first: 1) { nodes { id } } }`)).data!;
    const fgwId = units.units.find((unit: { code: string }) => unit.code === 'FGW').id;
    const act = async (mutation: string, input: Record<string, unknown>, token?: string) => {
      const answer = await app.graphql(`mutation($input: ${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $input) { id } }`, { input: { idempotencyKey: `s11-${mutation}`, ...input } }, token ? { authorization: `Bearer ${token}` } : undefined);
      if (answer.errors) throw new Error(`${mutation}: ${JSON.stringify(answer.errors)}`);
      return answer.data![mutation].id as string;
    };
    const asked = await act('recordFinding', { evaluationId: units.evaluations.nodes[0].id, title: '依申请公开答复超期', description: '部分依申请公开答复超过法定期限', category: '依申请公开', severity: 'MEDIUM', concernedUnitIds: [fgwId], identifiedOn: officeDay(-20) });
    await act('assignFinding', { findingId: asked, assignedOn: officeDay(-10), units: [{ unitId: fgwId, role: 'LEAD', dueDate: officeDay(3) }] });
    await act('requestExtension', { findingId: asked, unitId: fgwId, requestedDueDate: officeDay(30), reason: '答复流程须经法制审核。' }, FGW);
    const pending = (await app.graphql(`{ extensionsAwaitingDecision(first: 0) { totalCount } }`, {}, { authorization: `Bearer ${SUPERVISOR}` })).data!.extensionsAwaitingDecision.totalCount as number;
    expect(pending).toBeGreaterThan(0);

    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto('/overview');
    await page.locator('[data-test="pending-extensions-link"]', { hasText: `待审批延期 ${pending} 项` }).click();
    await page.waitForURL(/\/extensions/);
    const card = page.locator(`[data-test="pending-extension-${fgwName}"]`, { hasText: '依申请公开答复超期' });
    await card.getByText(`申请延至 ${officeDay(30)}（申请日期 ${officeDay(0)}）`).waitFor();
    await card.getByText('延期理由：答复流程须经法制审核。').waitFor();
    await card.getByText(`现时限 ${officeDay(3)}`).waitFor();
    await card.locator('[data-test="pending-extension-decide"]').click();
    await page.waitForURL(new RegExp(`/findings/${asked}`));
    await page.locator(`[data-test="part-${fgwName}"]`).getByRole('button', { name: '审批延期' }).waitFor();

    // A unit's clerk has no such page: sent home.
    const clerk = await contexts.open({ token: FGW });
    await clerk.page.goto('/extensions');
    await clerk.page.waitForURL((url) => url.pathname === '/workload');
    expect(await clerk.page.locator('nav[aria-label="主菜单"]').innerText()).not.toContain('待审批延期');
  });

  it('lets the office enter a unit’s paper request (代录延期申请), named on the card and the timeline, then decide it with 审批延期 (newcomer51-8 S2)', async () => {
    const listed = await app.graphql(`{ units { id code name } evaluations(first: 1) { nodes { id } } }`);
    const fgw = listed.data!.units.find((unit: { code: string }) => unit.code === 'FGW');
    const act = setUpMutations(() => app, 'ext-proxy');
    const id = await act('recordFinding', { evaluationId: listed.data!.evaluations.nodes[0].id, title: '纸质延期申请代录的问题', description: '目录未更新', category: '主动公开', severity: 'MEDIUM', concernedUnitIds: [fgw.id], identifiedOn: officeDay(-30) });
    await act('assignFinding', { findingId: id, assignedOn: officeDay(-20), units: [{ unitId: fgw.id, role: 'LEAD', dueDate: officeDay(10) }] });

    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto(`/findings/${id}`);
    const card = page.locator(`[data-test="part-${fgw.name}"]`);
    await card.getByRole('button', { name: '代录延期申请' }).click();
    await page.locator('[data-test="proxy-extension-note"]', { hasText: `依据${fgw.name}的纸质延期申请代为录入` }).waitFor();
    const form = page.locator('[data-test="form-requestExtension"]');
    const asked = form.getByLabel('申请日期');
    await asked.fill(officeDay(-5));
    await asked.press('Tab');
    const until = form.getByLabel('申请延期至');
    await until.fill(officeDay(40));
    await until.press('Tab');
    await form.getByLabel('延期理由').fill('需与市司法局会签（纸质申请）。');
    await submitAndClose(form, '代录延期申请');
    await card.locator('[data-test="extension-entered-by"]', { hasText: '（张伟（政务公开办） 代录，依据纸质申请）' }).waitFor();
    await page.locator('[data-test="timeline"]').getByText(`申请延期（${fgw.name}）（申请延至 ${officeDay(40)}）（张伟（政务公开办） 代录，依据纸质申请）`, { exact: false }).waitFor();
    expect(await card.getByRole('button', { name: '代录延期申请' }).count()).toBe(0);
    await card.getByRole('button', { name: '审批延期' }).waitFor();
    const { data } = await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { extensionRequests { requestedOn requestedDueDate status enteredByName } } } }`, { id }, { authorization: `Bearer ${SUPERVISOR}` });
    expect(data!.finding.assignments[0].extensionRequests).toEqual([{ requestedOn: officeDay(-5), requestedDueDate: officeDay(40), status: 'PENDING', enteredByName: '张伟（政务公开办）' }]);
  });
  it('审批延期 a colleague decided a moment before: the form says who granted it, when, to which date and why; the card keeps the grant’s words (newcomer52-9 M1)', async () => {
    const listed = await app.graphql(`{ units { id code name } evaluations(first: 1) { nodes { id } } }`);
    const fgw = listed.data!.units.find((unit: { code: string }) => unit.code === 'FGW');
    const act = setUpMutations(() => app, 'ext-race');
    const id = await act('recordFinding', { evaluationId: listed.data!.evaluations.nodes[0].id, title: '重大决策草案未公开征求意见（延期审批并发）', description: '草案未公开', category: '政策解读', severity: 'MEDIUM', concernedUnitIds: [fgw.id], identifiedOn: officeDay(-30) });
    await act('assignFinding', { findingId: id, assignedOn: officeDay(-20), units: [{ unitId: fgw.id, role: 'LEAD', dueDate: officeDay(10) }] });
    await act('requestExtension', { findingId: id, unitId: fgw.id, requestedDueDate: officeDay(40), reason: '需与市司法局会签。' }, { authorization: `Bearer ${FGW}` });

    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto(`/findings/${id}`);
    const card = page.locator(`[data-test="part-${fgw.name}"]`);
    await card.getByRole('button', { name: '审批延期' }).click();
    const form = page.locator('[data-test="form-decideExtension"]');
    await form.waitFor();
    // Meanwhile a colleague grants an earlier date, with words.
    const { data } = await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { extensionRequests { requestId } } } }`, { id }, { authorization: `Bearer ${SUPERVISOR}` });
    const requestId = data!.finding.assignments[0].extensionRequests[0].requestId as string;
    await act('decideExtension', { findingId: id, unitId: fgw.id, requestId, approve: true, newDueDate: officeDay(30), reason: '同意延至30日' });
    await form.getByText('批准', { exact: true }).click();
    await form.getByRole('button', { name: '审批延期' }).click();
    await eventually(page, async () => ((await form.textContent()) ?? '').includes(`的该项延期申请刚由`), 'the refusal naming who decided');
    const said = (await form.textContent()) ?? '';
    expect(said).toContain(`批准，时限延至 ${officeDay(30)}（北京时间`);
    expect(said).toContain('理由：同意延至30日）：本次未作修改。一项申请只审批一次');
    await card.getByText('（同意延至30日）').waitFor();
  });

  it('offers a paper request’s own day as 审批日期 when today could not grant the date it asks for, and grants it on that day (newcomer52-8 M4)', async () => {
    const listed = await app.graphql(`{ units { id code name } evaluations(first: 1) { nodes { id } } }`);
    const fgw = listed.data!.units.find((unit: { code: string }) => unit.code === 'FGW');
    const act = setUpMutations(() => app, 'ext-old-reply');
    const id = await act('recordFinding', { evaluationId: listed.data!.evaluations.nodes[0].id, title: '早前纸质批复补录的问题', description: '目录未更新', category: '主动公开', severity: 'MEDIUM', concernedUnitIds: [fgw.id], identifiedOn: officeDay(-70) });
    await act('assignFinding', { findingId: id, assignedOn: officeDay(-60), units: [{ unitId: fgw.id, role: 'LEAD', dueDate: officeDay(-40) }] });
    await act('requestExtension', { findingId: id, unitId: fgw.id, requestedOn: officeDay(-45), requestedDueDate: officeDay(-20), reason: '需会签（纸质申请）' });

    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto(`/findings/${id}`);
    const card = page.locator(`[data-test="part-${fgw.name}"]`);
    await card.getByRole('button', { name: '审批延期' }).click();
    const form = page.locator('[data-test="form-decideExtension"]');
    expect(await form.getByLabel('审批日期（批复的落款日期）').inputValue()).toBe(officeDay(-45));
    await form.getByText('批准', { exact: true }).click();
    await submitAndClose(form, '审批延期');
    const { data } = await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { extensionRequests { status decidedOn grantedDueDate } } } }`, { id }, { authorization: `Bearer ${SUPERVISOR}` });
    expect(data!.finding.assignments[0].extensionRequests).toEqual([{ status: 'GRANTED', decidedOn: officeDay(-45), grantedDueDate: officeDay(-20) }]);
  });
});
