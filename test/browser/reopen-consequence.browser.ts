import type { Browser, Locator, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { launchChromium } from './support/browser.js';
import { browserContexts, eventually, officeDay } from './support/suite.js';
import { submitAndClose } from './support/form-fields.js';

const SUPERVISOR = 'rct_demo_supervisor_qingchuan';
const INSPECTOR = 'rct_demo_inspector_qingchuan';

/*
 * The 重新打开 dialog worded its consequence from today's state: every reported unit 「都将退回」 and
 * 「问题销号不再成立」 — on an open finding too (only its verified parts come back; it was never closed),
 * and blind to an earlier 重新打开的日期 chosen in the dialog (only the parts verified by that day come
 * back). It now words it from the status and the day chosen, asking the server for that day's parts
 * when the page does not hold them, and says what the server then records. A work-plan item likewise.
 */
describe('重新打开 says what it does on the day chosen', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts = browserContexts(() => ({ app, browser }));
  let fgw: { id: string; name: string };
  let czj: { id: string; name: string };
  let evaluationId: string;

  const act = async (mutation: string, input: Record<string, unknown>, headers: Record<string, string> = { authorization: `Bearer ${SUPERVISOR}` }) => {
    const answer = await app.graphql(`mutation($input: ${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $input) { id } }`, { input: { idempotencyKey: `${mutation}-${Math.random()}`, ...input } }, headers);
    if (answer.errors) throw new Error(`${mutation}: ${JSON.stringify(answer.errors)}`);
    return answer.data![mutation].id as string;
  };
  const asInspector = { authorization: `Bearer ${INSPECTOR}` };
  const consequence = (page: Page) => page.locator('[data-test="reopen-consequence"]');
  /** The consequence once it is worded (never its 加载中 while the day's parts are asked for). */
  const worded = async (page: Page, expected: string) => {
    await eventually(page, async () => (await consequence(page).getAttribute('data-loading')) === 'false' && (await consequence(page).textContent())?.trim() === expected, `the consequence: ${expected}`);
  };
  const chooseDay = async (form: Locator, day: string) => {
    const field = form.getByLabel('重新打开的日期');
    await field.fill(day);
    await field.press('Enter');
  };

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({ demoData: true, now: new Date().toISOString() }), launchChromium()]);
    const listed = await app.graphql(`{ units { id code name } evaluations(first: 1) { nodes { id } } }`);
    fgw = listed.data!.units.find((unit: { code: string }) => unit.code === 'FGW');
    czj = listed.data!.units.find((unit: { code: string }) => unit.code === 'CZJ');
    evaluationId = listed.data!.evaluations.nodes[0].id;
  });
  afterAll(() => contexts.closeAll());

  it('a finding closed on a later day: before its close-out only the parts verified that day come back; open, only its verified parts', async () => {
    const findingId = await act('recordFinding', { evaluationId, title: '政务公开专栏栏目设置不规范', description: '浏览器测试：重新打开', category: '主动公开', severity: 'MEDIUM', concernedUnitIds: [fgw.id, czj.id], identifiedOn: officeDay(-30) });
    await act('assignFinding', { findingId, assignedOn: officeDay(-25), units: [{ unitId: fgw.id, role: 'LEAD', dueDate: officeDay(30) }, { unitId: czj.id, role: 'RESPONSIBLE', dueDate: officeDay(30) }] });
    for (const unit of [fgw, czj]) {
      await act('reportRectification', { findingId, unitId: unit.id, summary: '已规范栏目设置', evidence: [{ title: '栏目截图', link: 'https://www.qingchuan.gov.cn/zwgk' }], reportedOn: officeDay(-20) }, await app.as('UNIT', unit.id));
    }
    await act('logInspection', { findingId, unitId: fgw.id, outcome: 'PASSED', notes: '已核实', inspectedOn: officeDay(-10), place: '市发改委' }, asInspector);
    await act('logInspection', { findingId, unitId: czj.id, outcome: 'PASSED', notes: '已核实', inspectedOn: officeDay(-4), place: '市财政局' }, asInspector);

    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto(`/findings/${findingId}`);
    await page.locator('[data-test="reopen-finding"]').click();
    const form = page.locator('[data-test="form-reopen"]');
    // Today, after the close-out: both parts come back, the close-out goes.
    await worded(page, `重新打开后，${fgw.name}、${czj.name}的任务都将退回（共 2 个单位），须重新报告、重新督查；问题销号不再成立。`);
    // A day before the close-out: the finding was open; only 发改委's part stood verified then (asked of the server).
    await chooseDay(form, officeDay(-7));
    await worded(page, `问题在 ${officeDay(-7)} 尚未销号（${officeDay(-4)} 销号）：重新打开后，当日已核验的${fgw.name}的任务将退回（共 1 个单位），须重新报告、重新督查；其余单位的任务不受影响；${officeDay(-4)} 的销号不再成立。`);
    // A day nothing stood verified: said before anything is sent.
    await chooseDay(form, officeDay(-12));
    await worded(page, `问题在 ${officeDay(-12)} 尚未销号（${officeDay(-4)} 销号），当日也没有已核验的任务：没有可以重新打开的内容。请改选重新打开的日期。`);

    // Sent on the day said: the server records what the dialog said.
    await chooseDay(form, officeDay(-7));
    await worded(page, `问题在 ${officeDay(-7)} 尚未销号（${officeDay(-4)} 销号）：重新打开后，当日已核验的${fgw.name}的任务将退回（共 1 个单位），须重新报告、重新督查；其余单位的任务不受影响；${officeDay(-4)} 的销号不再成立。`);
    await form.getByLabel('重新打开的理由').fill('复查发现栏目仍不规范');
    await submitAndClose(form, '重新打开');
    const after = async () => (await app.graphql(`query($id: ID!) { finding(id: $id) { status assignments { unitId status } } }`, { id: findingId })).data!.finding as { status: string; assignments: { unitId: string; status: string }[] };
    const reopened = await after();
    expect(reopened.status).toBe('OPEN');
    expect(Object.fromEntries(reopened.assignments.map((part) => [part.unitId, part.status]))).toEqual({ [fgw.id]: 'RETURNED', [czj.id]: 'VERIFIED' });

    // Open now, with 财政局's part verified: only it comes back; no close-out is spoken of; a day before its pass is named.
    await page.locator('[data-test="finding-status"]', { hasText: '整改中' }).waitFor();
    await page.locator('[data-test="reopen-finding"]').click();
    await worded(page, `问题尚未销号：重新打开后，只有已核验的${czj.name}的任务将退回（共 1 个单位），须重新报告、重新督查；其余单位的任务不受影响。`);
    await chooseDay(form, officeDay(-5));
    await worded(page, `${czj.name}的任务于 ${officeDay(-4)} 才核验：${officeDay(-5)} 时尚未核验，没有可以退回的。重新打开的日期不能早于核验日期，请改为 ${officeDay(-4)} 或之后。`);
    await chooseDay(form, officeDay(0));
    await worded(page, `问题尚未销号：重新打开后，只有已核验的${czj.name}的任务将退回（共 1 个单位），须重新报告、重新督查；其余单位的任务不受影响。`);
    await form.getByLabel('重新打开的理由').fill('复查发现财政局栏目仍不规范');
    await submitAndClose(form, '重新打开');
    const again = await after();
    expect(again.status).toBe('OPEN');
    expect(Object.fromEntries(again.assignments.map((part) => [part.unitId, part.status]))).toEqual({ [fgw.id]: 'RETURNED', [czj.id]: 'RETURNED' });
  });

  it('a completed work-plan item says the same, in its own words (完成, not 销号)', async () => {
    const { data } = await app.graphql(`{ workPlans { id } }`);
    const plan = await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id code partCount parts { unitId unit { name } } } } } }`, { id: data!.workPlans[0].id });
    type Item = { id: string; code: string; partCount: number; parts: { unitId: string; unit: { name: string } }[] };
    const item = (plan.data!.workPlan.categories as { items: Item[] }[]).flatMap((category) => category.items).find((candidate) => candidate.partCount === 2)!;
    const [first, second] = item.parts as [Item['parts'][number], Item['parts'][number]];
    for (const part of item.parts) {
      await act('reportWorkPlanItem', { itemId: item.id, unitId: part.unitId, summary: '已完成', evidence: [{ title: '工作总结', link: 'https://www.qingchuan.gov.cn/gzzj' }], reportedOn: officeDay(-20) }, await app.as('UNIT', part.unitId));
    }
    await act('logWorkPlanItemInspection', { itemId: item.id, unitId: first.unitId, outcome: 'PASSED', notes: '已核实', inspectedOn: officeDay(-10), place: '现场' }, asInspector);
    await act('logWorkPlanItemInspection', { itemId: item.id, unitId: second.unitId, outcome: 'PASSED', notes: '已核实', inspectedOn: officeDay(-4), place: '现场' }, asInspector);

    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto(`/items/${item.id}`);
    await page.locator('[data-test="reopen-item"]').click();
    const form = page.locator('[data-test="form-reopen"]');
    await worded(page, `重新打开后，${first.unit.name}、${second.unit.name}的任务都将退回（共 2 个单位），须重新报告、重新督查；事项不再记为已完成。`);
    await chooseDay(form, officeDay(-7));
    await worded(page, `事项在 ${officeDay(-7)} 尚未完成（${officeDay(-4)} 完成）：重新打开后，当日已核验的${first.unit.name}的任务将退回（共 1 个单位），须重新报告、重新督查；其余单位的任务不受影响；${officeDay(-4)} 的完成不再成立。`);
  });
});
