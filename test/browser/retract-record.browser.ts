import type { Browser } from 'playwright-core';
import { startTestApp, type GraphqlResponse, type TestApp } from '../support/test-app.js';
import { launchChromium } from './support/browser.js';
import { browserContexts, officeDay, setUpMutations } from './support/suite.js';
import { submitAndClose } from './support/form-fields.js';


/** The demo office with Chromium beside it, and its units and first evaluation as each case's set-up reads them. */
interface DemoOffice {
  readonly app: TestApp;
  readonly browser: Browser;
  readonly listed: GraphqlResponse<Record<string, any>>;
}
const demoOffice = async (): Promise<DemoOffice> => {
  const [app, browser] = await Promise.all([startTestApp({ demoData: true, now: new Date().toISOString() }), launchChromium()]);
  const listed = await app.graphql(`{ units { id code name } evaluations(first: 1) { nodes { id } } }`);
  return { app, browser, listed };
};

/*
 * newcomer51-8 S1: a 重新打开 typed on the wrong finding left it open and red for good. On the finding page the supervisor now
 * has 撤销此记录 beside the reopening on the part's card: the dialog names the record, asks for the reason, says what the
 * retraction does and asks to confirm it; afterwards the finding is closed again and the timeline keeps the reopening marked 已撤销.
 */
describe('a supervisor retracts a reopening typed on the wrong finding (撤销此记录)', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts = browserContexts(() => ({ app, browser }));
  const SUPERVISOR = 'rct_demo_supervisor_qingchuan';
  let findingId: string;
  let fgwName: string;

  beforeAll(async () => {
    let listed: DemoOffice['listed'];
    ({ app, browser, listed } = await demoOffice());
    const fgw = listed.data!.units.find((unit: { code: string }) => unit.code === 'FGW');
    fgwName = fgw.name;
    const act = setUpMutations(() => app, 'n51s1');
    findingId = await act('recordFinding', { evaluationId: listed.data!.evaluations.nodes[0].id, title: '依申请公开答复超期', description: '部分申请超期答复', category: '依申请公开', severity: 'LOW', concernedUnitIds: [fgw.id], identifiedOn: officeDay(-20) });
    await act('assignFinding', { findingId, assignedOn: officeDay(-18), units: [{ unitId: fgw.id, role: 'LEAD', dueDate: officeDay(-8) }] });
    await act('reportRectification', { findingId, unitId: fgw.id, reportedOn: officeDay(-12), summary: '已整改', evidence: [{ title: '答复登记表', documentRef: '发改〔2026〕2号' }] }, await app.as('UNIT', fgw.id));
    await act('logInspection', { findingId, unitId: fgw.id, inspectedOn: officeDay(-10), outcome: 'PASSED', place: '市发改委', notes: '' }, await app.as('INSPECTOR'));
    // The slip: typed on this finding instead of another one.
    await act('reopenFinding', { findingId, reason: '测试', reopenedOn: officeDay(-9), newDueDate: officeDay(10) });
  });
  afterAll(() => contexts.closeAll());

  it('a record a later one builds on says so when the dialog opens — the server\'s refusal, no 确认 — and nothing is written (breaker52-8 M1)', async () => {
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto(`/findings/${findingId}`);
    const card = page.locator(`[data-test="part-${fgwName}"]`);
    const before = await app.logPosition();
    await card.locator('section', { hasText: '整改报告' }).getByRole('button', { name: '撤销此记录' }).first().click();
    await page.locator('[data-test="retracted-record"]', { hasText: `整改报告（${officeDay(-12)}）` }).waitFor();
    await page.locator('[data-test="retraction-refused"]', { hasText: `会使其后${fgwName} ${officeDay(-10)} 的督查不再成立` }).waitFor();
    expect(await page.locator('[data-test="form-retractRecord"]').count()).toBe(0);
    expect(await page.locator('[data-test="retraction-consequence"]').count()).toBe(0);
    await page.locator('[data-test="retraction-refused-close"]').click();
    await page.locator('[data-test="retraction-refused"]').waitFor({ state: 'detached' });
    expect(await app.logPosition()).toBe(before);
  });

  it('names the record, says the consequence before confirming, and leaves the finding closed with the reopening marked 已撤销', async () => {
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto(`/findings/${findingId}`);
    const card = page.locator(`[data-test="part-${fgwName}"]`);
    await card.locator('.entry', { hasText: '退回日期' }).getByRole('button', { name: '撤销此记录' }).click();
    await page.locator('[data-test="retracted-record"]', { hasText: `重新打开（${officeDay(-9)}）` }).waitFor();
    await page.locator('[data-test="retraction-consequence"]', { hasText: `撤销后：该问题恢复为 ${officeDay(-10)} 销号` }).waitFor();
    const form = page.locator('[data-test="form-retractRecord"]');
    await form.getByLabel('撤销理由（录入错误的原因）').fill('录入时选错了问题，纸质台账无此重新打开');
    await form.getByRole('button', { name: '撤销此记录（录入错误）' }).click();
    // Said once more and confirmed with a second press.
    await form.locator('[data-test="form-confirm"]', { hasText: `撤销后：该问题恢复为 ${officeDay(-10)} 销号` }).waitFor();
    await submitAndClose(form, /确认/u);
    const { data } = await app.graphql(`query($id: ID!) { finding(id: $id) { status closedOn assignments { status } } }`, { id: findingId }, { authorization: `Bearer ${SUPERVISOR}` });
    expect(data!.finding).toEqual({ status: 'CLOSED', closedOn: officeDay(-10), assignments: [{ status: 'VERIFIED' }] });
    await page.locator('[data-test="timeline"]').getByText(/已撤销（录入错误：录入时选错了问题，纸质台账无此重新打开，/u).first().waitFor();
    await page.locator('[data-test="timeline"]').getByText(`撤销误录（撤销 ${officeDay(-9)} 的重新打开）`).first().waitFor();
  });
});

/*
 * h52a: a 审批延期 typed on the wrong unit could not be taken back (its granted date made the unit's late report read on time).
 * Beside the decision on the card the supervisor now has 撤销审批: the dialog names it, says the granted date goes and the request
 * awaits a decision again, asks to confirm; afterwards the part is due on its own date and the request reads 待审批.
 */
describe('a supervisor retracts an extension decision entered by mistake (撤销审批)', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts = browserContexts(() => ({ app, browser }));
  const SUPERVISOR = 'rct_demo_supervisor_qingchuan';
  let findingId: string;
  let fgwName: string;

  beforeAll(async () => {
    let listed: DemoOffice['listed'];
    ({ app, browser, listed } = await demoOffice());
    const fgw = listed.data!.units.find((unit: { code: string }) => unit.code === 'FGW');
    fgwName = fgw.name;
    const act = setUpMutations(() => app, 'h52a');
    findingId = await act('recordFinding', { evaluationId: listed.data!.evaluations.nodes[0].id, title: '政策解读材料未同步发布', description: '部分政策文件未同步发布解读', category: '政策解读', severity: 'LOW', concernedUnitIds: [fgw.id], identifiedOn: officeDay(-20) });
    await act('assignFinding', { findingId, assignedOn: officeDay(-18), units: [{ unitId: fgw.id, role: 'LEAD', dueDate: officeDay(10) }] });
    await act('requestExtension', { findingId, unitId: fgw.id, requestedOn: officeDay(-5), requestedDueDate: officeDay(30), reason: '需等待系统升级' });
    const requests = await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { extensionRequests { requestId } } } }`, { id: findingId }, { authorization: `Bearer ${SUPERVISOR}` });
    const requestId = requests.data!.finding.assignments[0].extensionRequests[0].requestId as string;
    // The slip: the approval was another unit's.
    await act('decideExtension', { findingId, unitId: fgw.id, requestId, approve: true, decidedOn: officeDay(-4), reason: '同意' });
  });
  afterAll(() => contexts.closeAll());

  it('names the decision, says the granted date goes before confirming, and leaves the request awaiting a decision', async () => {
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto(`/findings/${findingId}`);
    const card = page.locator(`[data-test="part-${fgwName}"]`);
    await card.locator('[data-test="retract-decision"]').click();
    await page.locator('[data-test="retracted-record"]', { hasText: `延期审批（${officeDay(-4)}，已批准）` }).waitFor();
    await page.locator('[data-test="retraction-consequence"]', { hasText: `撤销后：该延期申请恢复为待审批，批准的新时限 ${officeDay(30)} 不再有效` }).waitFor();
    const form = page.locator('[data-test="form-retractRecord"]');
    await form.getByLabel('撤销理由（录入错误的原因）').fill('该批复是另一单位的，录入时选错了单位');
    await form.getByRole('button', { name: '撤销此记录（录入错误）' }).click();
    await submitAndClose(form, /确认/u);
    const { data } = await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { dueDate extensionRequests { status grantedDueDate } } } }`, { id: findingId }, { authorization: `Bearer ${SUPERVISOR}` });
    expect(data!.finding.assignments).toEqual([{ dueDate: officeDay(10), extensionRequests: [{ status: 'PENDING', grantedDueDate: null }] }]);
    await card.getByText('待审批').first().waitFor();
    await page.locator('[data-test="timeline"]').getByText(/已撤销（录入错误：该批复是另一单位的，录入时选错了单位，/u).first().waitFor();
  });
});

/*
 * newcomer53-8 S1: after 撤销审批 on a part verified since, the request read 已失效 and the card offered no 审批延期, although the
 * dialog promised 「可重新录入审批」 and the server took the decision of the paper's day. The card now offers 审批延期 whenever the
 * server would take it (`decidable`, one rule with decideExtension): dated no later than the pass that verified the part.
 */
describe('审批延期 entered again after 撤销审批 on a part verified since (newcomer53-8 S1)', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts = browserContexts(() => ({ app, browser }));
  const SUPERVISOR = 'rct_demo_supervisor_qingchuan';
  let findingId: string;
  let fgwName: string;

  beforeAll(async () => {
    let listed: DemoOffice['listed'];
    ({ app, browser, listed } = await demoOffice());
    const fgw = listed.data!.units.find((unit: { code: string }) => unit.code === 'FGW');
    fgwName = fgw.name;
    const act = setUpMutations(() => app, 'n53s1');
    findingId = await act('recordFinding', { evaluationId: listed.data!.evaluations.nodes[0].id, title: '低保审批结果未公开', description: '审批结果未按月公开', category: '重点领域', severity: 'LOW', concernedUnitIds: [fgw.id], identifiedOn: officeDay(-30) });
    await act('assignFinding', { findingId, assignedOn: officeDay(-28), units: [{ unitId: fgw.id, role: 'LEAD', dueDate: officeDay(-10) }] });
    await act('requestExtension', { findingId, unitId: fgw.id, requestedOn: officeDay(-15), requestedDueDate: officeDay(-5), reason: '需等待系统升级' });
    const requests = await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { extensionRequests { requestId } } } }`, { id: findingId }, { authorization: `Bearer ${SUPERVISOR}` });
    const requestId = requests.data!.finding.assignments[0].extensionRequests[0].requestId as string;
    // The slip: 不批准 typed for the paper's 批准.
    await act('decideExtension', { findingId, unitId: fgw.id, requestId, approve: false, decidedOn: officeDay(-14), reason: '理由不充分' });
    await act('reportRectification', { findingId, unitId: fgw.id, reportedOn: officeDay(-7), summary: '已按月公开', evidence: [{ title: '公开目录', documentRef: '发改〔2026〕5号' }] }, await app.as('UNIT', fgw.id));
    await act('logInspection', { findingId, unitId: fgw.id, inspectedOn: officeDay(-3), outcome: 'PASSED', place: '市发改委', notes: '' }, await app.as('INSPECTOR'));
    await act('retractRecord', { findingId, unitId: fgw.id, record: 'EXTENSION_DECISION', on: officeDay(-14), reason: '批复为批准，录成了不批准' });
  });
  afterAll(() => contexts.closeAll());

  it('the card offers 审批延期 on the request the pass lapsed, dated no later than the pass, and the decision goes in', async () => {
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto(`/findings/${findingId}`);
    const card = page.locator(`[data-test="part-${fgwName}"]`);
    await card.locator('[data-test="extension-decidable"]', { hasText: `未审批（任务已于 ${officeDay(-3)} 确认完成；可录入该日及之前的审批）` }).waitFor();
    await card.getByRole('button', { name: '审批延期' }).click();
    const form = page.locator('[data-test="form-decideExtension"]');
    await form.getByText('批准', { exact: true }).click();
    const day = form.getByLabel(/审批日期/u);
    expect(await day.inputValue()).toBe(officeDay(-15));
    await day.fill(officeDay(-14));
    await day.press('Tab');
    await submitAndClose(form, '审批延期');
    const { data } = await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { extensionRequests { status decidedOn grantedDueDate decidable } } } }`, { id: findingId }, { authorization: `Bearer ${SUPERVISOR}` });
    expect(data!.finding.assignments[0].extensionRequests).toEqual([{ status: 'GRANTED', decidedOn: officeDay(-14), grantedDueDate: officeDay(-5), decidable: false }]);
    await card.getByText('已批准').first().waitFor();
  });
});

/*
 * breaker53-8 S2: a 交办 typed on the wrong unit, which asked for an extension and withdrew it, could never be retracted; its card
 * offered neither 撤销交办 nor 撤销此申请. The card now offers 撤销交办 on every part; the dialog says the request goes with it.
 */
describe('撤销交办 of a wrong unit that asked for an extension and withdrew it (breaker53-8 S2)', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts = browserContexts(() => ({ app, browser }));
  const SUPERVISOR = 'rct_demo_supervisor_qingchuan';
  let findingId: string;
  let fgwName: string;
  let czjId: string;

  beforeAll(async () => {
    let listed: DemoOffice['listed'];
    ({ app, browser, listed } = await demoOffice());
    const fgw = listed.data!.units.find((unit: { code: string }) => unit.code === 'FGW');
    czjId = listed.data!.units.find((unit: { code: string }) => unit.code === 'CZJ').id;
    fgwName = fgw.name;
    const act = setUpMutations(() => app, 'b53s2');
    findingId = await act('recordFinding', { evaluationId: listed.data!.evaluations.nodes[0].id, title: '交通建设项目批复未公开', description: '部分批复未公开', category: '重点领域', severity: 'LOW', concernedUnitIds: [czjId, fgw.id], identifiedOn: officeDay(-20) });
    await act('assignFinding', { findingId, assignedOn: officeDay(-18), units: [{ unitId: czjId, role: 'LEAD', dueDate: officeDay(20) }, { unitId: fgw.id, role: 'RESPONSIBLE', dueDate: officeDay(20) }] });
    const unit = await app.as('UNIT', fgw.id);
    await act('requestExtension', { findingId, unitId: fgw.id, requestedOn: officeDay(-10), requestedDueDate: officeDay(40), reason: '不是我们的事' }, unit);
    const requests = await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { unitId extensionRequests { requestId } } } }`, { id: findingId }, { authorization: `Bearer ${SUPERVISOR}` });
    const requestId = requests.data!.finding.assignments.find((part: { unitId: string }) => part.unitId === fgw.id).extensionRequests[0].requestId as string;
    await act('withdrawExtensionRequest', { findingId, unitId: fgw.id, requestId, withdrawnOn: officeDay(-8), reason: '日期填错' }, unit);
  });
  afterAll(() => contexts.closeAll());

  it('the card offers 撤销交办, says the request goes with it, and the unit is off the finding', async () => {
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto(`/findings/${findingId}`);
    const card = page.locator(`[data-test="part-${fgwName}"]`);
    await card.locator('[data-test="retract-assignment"]').click();
    await page.locator('[data-test="retraction-consequence"]', { hasText: `撤销后：${fgwName}视为从未交办` }).waitFor();
    await page.locator('[data-test="retraction-consequence"]', { hasText: '其延期申请（连同撤回、审批）记录一并撤销' }).waitFor();
    const form = page.locator('[data-test="form-retractRecord"]');
    await form.getByLabel('撤销理由（录入错误的原因）').fill('录入时选错了单位');
    await form.getByRole('button', { name: '撤销此记录（录入错误）' }).click();
    await submitAndClose(form, /确认/u);
    const { data } = await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { unitId } } }`, { id: findingId }, { authorization: `Bearer ${SUPERVISOR}` });
    expect(data!.finding.assignments).toEqual([{ unitId: czjId }]);
  });
});
