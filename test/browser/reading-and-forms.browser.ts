import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { launchChromium } from './support/browser.js';
import { browserContexts, officeDay } from './support/suite.js';
import { chooseOption, setDayIn } from './support/form-fields.js';

/** Waits (generous ceiling, a loaded machine must not fail it) until the element's text contains `expected`. */
async function eventuallyText(locator: import('playwright-core').Locator, expected: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!((await locator.textContent().catch(() => '')) ?? '').includes(expected)) {
    if (Date.now() > deadline) throw new Error(`Not seen within ${timeoutMs} ms: "${expected}"`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}


/** Waits (generous ceiling, a loaded machine must not fail it) until `holds` answers true. */
async function eventually(holds: () => Promise<boolean>, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await holds().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`Not seen within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/*
 * Issue 11 (what the newcomer and the breaker met): a past day's page offers no actions; a
 * required field left empty, or a day that does not exist, is named beside it in Chinese before
 * anything is sent; a refused date sits beside its field; the imports page offers each role only
 * what it may import; a report entered late shows the day it happened, its entry beside it, and the
 * timeline runs by business day.
 */
describe('past days are for reading, forms check what they need, imports by role, late entries in their place', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts = browserContexts(() => ({ app, browser }));
  const open = async (token: string) => (await contexts.open({ token })).page;
  const SUPERVISOR = 'rct_demo_supervisor_qingchuan';
  let findingId: string;
  let unitName: string;
  /** A finding of the 市发改委 (the demo unit), reported late: entered after an urging dated later. */
  let lateFindingId: string;
  let fgwName: string;
  const FGW_UNIT = { authorization: 'Bearer rct_demo_unit_fgw_qingchuan' };

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({ demoData: true, now: new Date().toISOString() }), launchChromium()]);
    const { data } = await app.graphql(`{ findings(first: 200) { nodes { id assignments { status unit { name } } } } }`);
    const finding = data!.findings.nodes.find((candidate: { assignments: { status: string }[] }) => candidate.assignments.some((part) => part.status === 'REPORTED'));
    findingId = finding.id;
    unitName = finding.assignments.find((part: { status: string }) => part.status === 'REPORTED').unit.name;

    const listed = await app.graphql(`{ units { id code name } evaluations(first: 1) { nodes { id } } }`);
    const fgwUnit = listed.data!.units.find((unit: { code: string }) => unit.code === 'FGW');
    const fgw = fgwUnit.id;
    fgwName = fgwUnit.name;
    const act = async (mutation: string, input: Record<string, unknown>, headers?: Record<string, string>) => {
      const answer = await app.graphql(`mutation($input: ${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $input) { id } }`, { input: { idempotencyKey: `late-${mutation}`, ...input } }, headers);
      if (answer.errors) throw new Error(`${mutation}: ${JSON.stringify(answer.errors)}`);
      return answer.data![mutation].id as string;
    };
    lateFindingId = await act('recordFinding', { evaluationId: listed.data!.evaluations.nodes[0].id, title: '政策解读材料未同步发布', description: '政策文件发布时未同步解读', category: '政策解读', severity: 'MEDIUM', concernedUnitIds: [fgw], identifiedOn: officeDay(-30) });
    await act('assignFinding', { findingId: lateFindingId, assignedOn: officeDay(-10), units: [{ unitId: fgw, role: 'LEAD', dueDate: officeDay(20) }] });
    await act('urgeUnit', { findingId: lateFindingId, unitId: fgw, message: '请尽快报告', urgedOn: officeDay(-2) });
    await act('reportRectification', { findingId: lateFindingId, unitId: fgw, summary: '已同步发布解读材料', evidence: [{ title: '解读页面', link: 'https://www.qingchuan.gov.cn/jd' }], reportedOn: officeDay(-5) }, FGW_UNIT);
  });
  afterAll(() => contexts.closeAll());

  const buttons = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).count();

  it('offers 催办 and 退办 today, and no action at all on a past day’s page, saying why', async () => {
    const page = await open(SUPERVISOR);
    await page.goto(`/findings/${findingId}`);
    const part = page.locator(`[data-test="part-${unitName}"]`);
    await part.getByRole('button', { name: '退办' }).waitFor();
    expect(await buttons(page, '催办')).toBeGreaterThan(0);

    await page.goto(`/findings/${findingId}?asOf=${officeDay(-1)}`);
    await page.locator('[data-test="as-of-note"]', { hasText: '仅供查看' }).waitFor();
    await page.locator('[data-test="timeline"]').waitFor();
    for (const action of ['催办', '退办', '现场督查', '审批延期', '交办', '重新打开']) expect(await buttons(page, action)).toBe(0);

    await page.goto(`/circulars?asOf=${officeDay(-1)}`);
    await page.locator('[data-test="circulars"]').waitFor();
    expect(await buttons(page, '发通报')).toBe(0);
  });

  it('names an empty required field beside it in Chinese and sends nothing', async () => {
    const page = await open(SUPERVISOR);
    const mutations: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql') && (request.postData() ?? '').includes('mutation')) mutations.push(request.postData()!);
    });
    await page.goto(`/findings/${findingId}`);
    const part = page.locator(`[data-test="part-${unitName}"]`);
    await part.getByRole('button', { name: '退办' }).click();
    const form = page.locator('[data-test="form-sendBack"]');
    await form.getByRole('button', { name: '退办' }).click();
    const error = form.locator('.el-form-item', { has: page.getByLabel('退办理由') }).locator('.el-form-item__error');
    await error.waitFor();
    expect(await error.textContent()).toBe('请填写“退办理由”。');
    expect(mutations).toEqual([]);
  });

  it('offers the units import to administrators only, and findings to supervisors only', async () => {
    const supervisor = await open(SUPERVISOR);
    await supervisor.goto('/imports');
    await supervisor.getByText('工作方案（分解方案）').waitFor();
    // The import's kind, not the menu's 单位名录 page (newcomer37 S8).
    expect(await supervisor.getByRole('radiogroup', { name: '导入内容' }).getByText('单位名录').count()).toBe(0);
    expect(await supervisor.getByText('评估发现的问题 / 整改台账').count()).toBe(1);

    const admin = await open('rct_demo_admin_qingchuan');
    await admin.goto('/imports');
    await admin.getByText('工作方案（分解方案）').waitFor();
    expect(await admin.getByRole('radiogroup', { name: '导入内容' }).getByText('单位名录').count()).toBe(1);
    expect(await admin.getByText('评估发现的问题 / 整改台账').count()).toBe(0);
  });

  it('shows a late report under the day it happened with its entry beside it, and runs the timeline by business day', async () => {
    const page = await open(SUPERVISOR);
    await page.goto(`/findings/${lateFindingId}`);
    const report = page.locator('[data-test="report"]').first();
    await report.waitFor();
    expect(await report.textContent()).toContain(`报告日期 ${officeDay(-5)} · 录入时间 ${officeDay(0)}`);
    expect(await report.textContent()).toContain('（补录）');
    const rows = page.locator('[data-test="timeline"] .el-table__row');
    await rows.first().waitFor();
    const timeline = (await rows.allTextContents()).map((row) => row.trim());
    const days = timeline.map((row) => row.slice(0, 10));
    expect(days).toEqual([...days].sort());
    const reported = timeline.findIndex((row) => row.includes('报告整改完成'));
    const urged = timeline.findIndex((row) => row.includes('催办'));
    expect(reported).toBeGreaterThanOrEqual(0);
    expect(reported).toBeLessThan(urged);
  });

  it('refuses a day that does not exist beside its field, quoting what was typed, and places a refused date beside its field', async () => {
    const page = await open(SUPERVISOR);
    await page.goto(`/findings/${lateFindingId}`);
    await page.locator(`[data-test="part-${fgwName}"]`).getByRole('button', { name: '催办' }).click();
    const form = page.locator('[data-test="form-urge"]');
    const day = form.getByLabel('催办日期');
    await day.fill('2026-02-30');
    await day.press('Enter');
    await form.getByRole('button', { name: '催办' }).click();
    const dayError = form.locator('.el-form-item', { has: page.getByLabel('催办日期') }).locator('.el-form-item__error');
    await dayError.waitFor();
    expect(await dayError.textContent()).toBe('日期无效：2026-02-30 这一天不存在，请重新选择。');
    // The day is left unset (never rolled over to 2026-03-02); the message quotes what was typed.
    expect(await day.inputValue()).not.toBe('2026-03-02');

    // A day before the assignment: the API refuses it, naming the day; the refusal sits under 催办日期.
    await setDayIn(form, '催办日期', officeDay(-20), 30_000, 'Enter');
    await form.getByRole('button', { name: '催办' }).click();
    await eventuallyText(dayError, officeDay(-20));
    expect(await form.locator('.el-alert').count()).toBe(0);
  });

  it('asks for a failed inspection’s notes and for the password beside their fields', async () => {
    const page = await open(SUPERVISOR);
    await page.goto(`/findings/${findingId}`);
    await page.locator(`[data-test="part-${unitName}"]`).getByRole('button', { name: '现场督查' }).click();
    const form = page.locator('[data-test="form-inspect"]');
    await form.getByText('不通过（退回整改）').click();
    await form.getByRole('button', { name: '现场督查' }).click();
    const notesError = form.locator('.el-form-item', { has: page.getByLabel('督查情况（不通过时必填）') }).locator('.el-form-item__error');
    await notesError.waitFor();
    expect(await notesError.textContent()).toContain('请填写');

    const { page: signInPage } = await contexts.open();
    await signInPage.goto('/sign-in');
    await signInPage.getByLabel('登录名').fill('supervisor');
    await signInPage.getByRole('button', { name: '登录' }).click();
    const passwordError = signInPage.locator('.el-form-item', { has: signInPage.getByLabel('密码', { exact: true }) }).locator('.el-form-item__error');
    await passwordError.waitFor();
    expect(await passwordError.textContent()).toBe('请输入密码。');
  });

  it('runs one ledger export at a time, saying 正在生成…, and says a proxy’s 504 in Chinese (breaker11i P2)', async () => {
    const page = await open(SUPERVISOR);
    let requests = 0;
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/export/ledger.xlsx*', async (route) => {
      requests += 1;
      await released;
      await route.fulfill({ status: 504, contentType: 'text/html', body: '<html><body>504 Gateway Time-out</body></html>' });
    });
    await page.goto('/overview');
    const button = page.locator('[data-test="export-ledger-xlsx"]');
    // Before: each click sent a request and saved a file, the button unchanged.
    await button.dblclick();
    await eventuallyText(button, '正在生成…');
    await button.click({ force: true });
    release();
    await eventuallyText(page.locator('main [role="alert"]').first(), '导出未完成（HTTP 504：服务器或代理超时），请稍后重试；台账较大时生成需要一些时间。');
    expect(requests).toBe(1);
    await eventuallyText(button, '导出整改台账（Excel）');
  });

  it('says a plan viewed before its approval did not exist yet, and shows today with a notice for a day still to come', async () => {
    const { data } = await app.graphql(`{ workPlans { id approvedOn } }`);
    const dayBefore = new Date(Date.parse(`${data!.workPlans[0].approvedOn}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const page = await open(SUPERVISOR);
    await page.goto(`/work-plan?asOf=${dayBefore}`);
    // The API's sentence (breaker8t P5: the plan was an empty plan that day, and its export a sheet with no rows).
    const notYet = page.locator('[data-test="not-yet-recorded"]');
    await notYet.waitFor();
    expect(await notYet.textContent()).toMatch(new RegExp(`截至 ${dayBefore}，工作方案《.+》尚未批准（.+ 批准印发），还没有进展可看。`));
    expect(await page.locator('main').getByText('已完成').count()).toBe(0);

    const tomorrow = officeDay(1);
    await page.goto(`/work-plan?asOf=${tomorrow}`);
    const future = page.locator('[data-test="future-as-of"]');
    await future.waitFor();
    expect(await future.textContent()).toContain(`截至日期 ${tomorrow} 晚于今天`);
    await page.locator('[data-test="plan-rollup"]').waitFor();
    expect(await page.locator('main h1').first().textContent()).toContain('实时');

    // A day that does not exist: today, with a notice in the office's words (not the API's argument name).
    await page.goto('/overview?asOf=2026-02-30');
    const invalid = page.locator('[data-test="invalid-as-of"]');
    await invalid.waitFor();
    expect(await invalid.textContent()).toContain('截至日期“2026-02-30”不是有效日期');
    await page.getByRole('button', { name: '导出整改台账（Excel）' }).waitFor();
    expect(await page.locator('main').getByText('asOf').count()).toBe(0);
    // A month or day past the calendar's: the same notice, not a page that throws with none (breaker11i P5).
    await page.goto('/overview?asOf=2026-13-01');
    await eventuallyText(page.locator('[data-test="invalid-as-of"]'), '截至日期“2026-13-01”不是有效日期');
  });
  it('sorts 总览’s lights by 整改时限 and 逾期天数 on the server, over every open part, not only the rows loaded (breaker11h P6)', async () => {
    // Over a page of open parts: four more findings, each assigned to every unit.
    const { data } = await app.graphql(`{ units { id mergedIntoUnitId } evaluations(first: 1) { nodes { id } } }`);
    const unitIds = (data!.units as { id: string; mergedIntoUnitId: string | null }[]).filter((unit) => !unit.mergedIntoUnitId).map((unit) => unit.id);
    const titles = ['政府网站栏目长期未更新', '依申请公开答复超期', '重大决策预公开缺失', '财政预决算公开不细化'];
    for (const [index, title] of titles.entries()) {
      const recorded = await app.graphql(`mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`, {
        input: { idempotencyKey: `sort-${index}`, evaluationId: data!.evaluations.nodes[0].id, title, description: `${title}，详见评估报告。`, category: '主动公开', severity: 'MEDIUM', concernedUnitIds: unitIds },
      });
      expect(recorded.errors).toBeUndefined();
      const assigned = await app.graphql(`mutation($input: AssignFindingInput!) { assignFinding(input: $input) { id } }`, {
        input: { idempotencyKey: `sort-assign-${index}`, findingId: recorded.data!.recordFinding.id, units: unitIds.map((unitId, at) => ({ unitId, role: at === 0 ? 'LEAD' : 'RESPONSIBLE', dueDate: officeDay(10 + index * 5 + (at % 5)) })) },
      });
      expect(assigned.errors).toBeUndefined();
    }
    const whole = (await app.graphql(`{ dashboard { openParts { dueDate daysLeft trafficLight } } }`)).data!.dashboard.openParts as { dueDate: string; daysLeft: number; trafficLight: string }[];
    expect(whole.length).toBeGreaterThan(50);
    const latestDue = whole.map((part) => part.dueDate).sort().at(-1)!;
    const mostOverdue = Math.max(...whole.map((part) => (part.trafficLight === 'RED' ? -part.daysLeft : 0)));
    expect(mostOverdue).toBeGreaterThan(0);
    // The latest due day is not among the first 50 in urgency order (green parts come by due day, earliest first).
    expect(whole.slice(0, 50).some((part) => part.dueDate === latestDue)).toBe(false);

    const page = await open(SUPERVISOR);
    await page.goto('/overview');
    const shown = page.locator('[data-test="lights-shown"]');
    await eventuallyText(shown, `已显示 50 / 共 ${whole.length} 项`);
    const table = page.locator('[data-test="lights-table"]');
    /** The 整改时限 (6th) or 逾期天数 (7th) column of the rows shown, top to bottom. */
    const column = async (nth: 6 | 7) => (await table.locator(`tbody tr td:nth-child(${nth})`).allTextContents()).map((text) => text.trim());
    const header = (label: string) => table.locator('th', { hasText: label });

    // 整改时限, latest first: the server's latest due day tops the table, though it was not loaded.
    await header('整改时限').locator('.descending').click();
    await eventually(async () => (await column(6))[0] === latestDue, `整改时限 ${latestDue} first`);
    expect(await column(6)).toHaveLength(50);
    await page.locator('[data-test="more-lights"]').click();
    await eventuallyText(shown, `已显示 ${Math.min(100, whole.length)} / 共 ${whole.length} 项`);
    const dueDays = await column(6);
    expect(dueDays).toEqual([...dueDays].sort().reverse());

    // 逾期天数, most first, then fewest first (parts not overdue, 0, first).
    await header('逾期天数').locator('.descending').click();
    await eventually(async () => (await column(7))[0] === String(mostOverdue), `逾期天数 ${mostOverdue} first`);
    await header('逾期天数').locator('.ascending').click();
    await eventually(async () => (await column(7))[0] === '0', '逾期天数 0 first');
    const overdue = (await column(7)).map(Number);
    expect(overdue).toEqual([...overdue].sort((a, b) => a - b));
  });

  it('keeps 总览’s sort and light in the URL, so Back from a finding lists them again, header marked; a phone sorts with a 排序 select (breaker11j P1, P2)', async () => {
    const red = (await app.graphql(`{ dashboard { openPartsPage(light: RED, order: DUE_DATE_DESC, first: 1) { nodes { dueDate } } } }`)).data!.dashboard.openPartsPage.nodes as { dueDate: string }[];
    expect(red).toHaveLength(1);
    const latestRed = red[0]!.dueDate;
    const page = await open(SUPERVISOR);
    await page.goto('/overview');
    const table = page.locator('[data-test="lights-table"]');
    const firstDue = async () => (await table.locator('tbody tr td:nth-child(6)').first().textContent())?.trim();
    await page.locator('.el-radio-button', { hasText: '红灯' }).click();
    await table.locator('th', { hasText: '整改时限' }).locator('.descending').click();
    await eventually(async () => (await firstDue()) === latestRed, `红灯 整改时限 ${latestRed} first`);
    await eventually(async () => page.url().includes('order=DUE_DATE_DESC') && page.url().includes('light=RED'), 'order and light in the URL');
    await table.locator('tbody tr').first().locator('a[href^="/findings/"]').click();
    await page.waitForURL(/\/findings\//u);
    await page.goBack();
    await eventually(async () => (await firstDue()) === latestRed, `back: 红灯 整改时限 ${latestRed} first`);
    expect(await table.locator('th', { hasText: '整改时限' }).getAttribute('class')).toMatch(/descending/u);

    // On a phone the headers are hidden: the 排序 select asks the same orders.
    const phone = (await contexts.open({ token: SUPERVISOR, viewport: { width: 360, height: 740 } })).page;
    await phone.goto('/overview?light=RED');
    await chooseOption(phone.locator('[data-test="phone-sort"]'), phone, '整改时限 晚→早');
    const phoneTable = phone.locator('[data-test="lights-table"]');
    await eventually(async () => (await phoneTable.locator('tbody tr td:nth-child(6)').first().textContent())?.trim() === latestRed, `phone: 整改时限 ${latestRed} first`);
    expect(phone.url()).toContain('order=DUE_DATE_DESC');
  });
});
