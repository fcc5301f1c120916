import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createPerson, signIn, type Person } from './support/accounts.js';
import { launchChromium } from './support/browser.js';
import { browserContexts, eventually, officeDay } from './support/suite.js';

/*
 * Issue 11, items 1 and 2: a unit's 我的任务 showed only the newest work plan, and its reminders
 * ignored work-plan items and were dated by the entry instant. Now every plan's open parts are
 * listed as of the day viewed, and the inbox covers items as it covers findings, dated by the office
 * day each thing happened. Second round, item 4: the items were grouped newest plan first, so last
 * year's overdue item sat below this year's green ones; now one list is most urgent first across
 * plans, each row naming its plan, and grouping by plan is a choice.
 */



describe("a unit's 我的任务 across every work plan, with reminders about items dated by office day", () => {
  let app: TestApp;
  let browser: Browser;
  let unit: Person;
  const contexts = browserContexts(() => ({ app, browser }));
  const lastYear = Number(officeDay().slice(0, 4)) - 1;
  const oldPlanTitle = `青川市${lastYear}年政务公开工作要点`;
  let demoPlanTitle: string;
  let oldItem: { id: string; code: string; title: string };
  let reportedItem: { id: string; code: string; title: string };
  let inspector: Person;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({ demoData: true, now: new Date().toISOString() }), launchChromium()]);
    const { data } = await app.graphql(`{ units { id code } workPlans { title year } }`);
    const fgw = data!.units.find((candidate: { code: string }) => candidate.code === 'FGW');
    demoPlanTitle = data!.workPlans[0].title;
    // The demo registers its units with the campaign; 发改委 existed last year: its registration is corrected first.
    const registered = await app.graphql(
      `mutation($input: CorrectUnitRegistrationInput!) { correctUnitRegistration(input: $input) { registeredOn } }`,
      { input: { idempotencyKey: 'fgw-registered-earlier', unitId: fgw.id, registeredOn: `${lastYear}-01-01`, reason: '单位早已存在，补录上年度工作要点前更正登记日期' } },
      await app.as('ADMIN'),
    );
    expect(registered.errors).toBeUndefined();
    // Last year's plan, entered late: approved and assigned in March, one item still open and overdue.
    const csv = `\ufeff类别,序号,工作事项,牵头单位,责任单位,完成时限\n一、重点领域信息公开,1,推进财政预决算公开,FGW,,${lastYear}年12月底前\n一、重点领域信息公开,2,公开重大建设项目批准和实施信息,FGW,,${lastYear}年12月底前\n`;
    const imported = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId } }`, {
      input: { idempotencyKey: 'old-plan', fileName: 'old-plan.csv', contentBase64: Buffer.from(csv).toString('base64'), title: oldPlanTitle, year: lastYear, approvedOn: `${lastYear}-03-01`, assignedOn: `${lastYear}-03-01` },
    });
    expect(imported.errors).toBeUndefined();
    const plan = (await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id code title } } } }`, { id: imported.data!.importWorkPlan.planId })).data!.workPlan;
    [oldItem, reportedItem] = plan.categories[0].items;
    // Urged three days ago, entered only now.
    const urged = await app.graphql(`mutation($input: UrgeWorkPlanItemUnitInput!) { urgeWorkPlanItemUnit(input: $input) { id } }`, {
      input: { idempotencyKey: 'urge-old-item', itemId: oldItem.id, unitId: fgw.id, message: '请于本周内报送上年度预决算公开整改情况', urgedOn: officeDay(-3) },
    });
    expect(urged.errors).toBeUndefined();
    // The other item reported two days ago: it waits for an inspector.
    const reported = await app.graphql(
      `mutation($input: ReportWorkPlanItemInput!) { reportWorkPlanItem(input: $input) { id } }`,
      { input: { idempotencyKey: 'report-old-item', itemId: reportedItem.id, unitId: fgw.id, summary: '已在门户网站公开重大建设项目批准和实施信息', evidence: [{ title: '重大建设项目专栏', link: 'https://www.qingchuan.gov.cn/zdxm' }], reportedOn: officeDay(-2) } },
      await app.as('UNIT', fgw.id),
    );
    expect(reported.errors).toBeUndefined();
    unit = await createPerson(app, 'UNIT', '孙丽', 'workload-fgw', fgw.id);
    inspector = await createPerson(app, 'INSPECTOR', '吴静', 'workload-inspector');
  });

  afterAll(() => contexts.closeAll());

  /** The plan named on each row of the one list (most urgent first). */
  const itemPlans = (page: Page) => page.locator('[data-test="open-items"] [data-test="item-plan"]').allInnerTexts();
  const planGroups = (page: Page) => page.locator('[data-test="open-items"][data-plan]').evaluateAll((tables) => tables.map((table) => table.getAttribute('data-plan')));

  it('lists the open items of every plan in one list, most urgent first whatever the plan (grouped by plan only when asked), and the inbox has the item’s urging on the day it happened', async () => {
    const context = await contexts.open();
    const { page } = context;
    await signIn(page, unit);
    await page.waitForURL((url) => url.pathname === '/workload');
    const rows = page.locator('[data-test="open-items"] .el-table__row');
    await rows.first().waitFor();
    // One list across plans, in the order the API gives (red, yellow, green, each by due day):
    // last year's overdue item first, though its plan is the older one.
    expect(await planGroups(page)).toEqual([]);
    const unitId = (await app.graphql(`{ units { id code } }`)).data!.units.find((candidate: { code: string }) => candidate.code === 'FGW').id;
    const { data } = await app.graphql(`query($unitId: ID!) { unitWorkload(unitId: $unitId) { workPlanParts { itemCode itemTitle planTitle planYear trafficLight dueDate } } }`, { unitId });
    const expected: { itemCode: string; itemTitle: string; planTitle: string; planYear: number; trafficLight: string; dueDate: string }[] = data!.unitWorkload.workPlanParts;
    const urgency = { RED: 0, YELLOW: 1, GREEN: 2 } as Record<string, number>;
    expect(expected.map((part) => urgency[part.trafficLight])).toEqual(expected.map((part) => urgency[part.trafficLight]).sort());
    expect(expected[0]).toMatchObject({ itemCode: oldItem.code, planTitle: oldPlanTitle, trafficLight: 'RED' });
    expect(new Set(expected.map((part) => part.planTitle))).toEqual(new Set([demoPlanTitle, oldPlanTitle]));
    await eventually(page, async () => (await rows.count()) === expected.length, 'every open item in the one list');
    const shown = await rows.evaluateAll((trs) => trs.map((tr) => [tr.querySelector('a')?.textContent?.trim(), tr.querySelector('[data-test="item-plan"]')?.textContent?.trim()]));
    expect(shown).toEqual(expected.map((part) => [`${part.itemCode} ${part.itemTitle}`, `${part.planYear}年 ${part.planTitle}`]));

    // Grouped by plan when the person asks for it: newest plan first.
    await page.getByText('按方案分组').click();
    await eventually(page, async () => (await planGroups(page)).length === 2, 'two plans on 我的任务');
    expect(await planGroups(page)).toEqual([expect.stringContaining(demoPlanTitle), `${lastYear}年 ${oldPlanTitle}`]);
    const oldPlan = page.locator(`[data-test="open-items"][data-plan="${lastYear}年 ${oldPlanTitle}"]`);
    expect(await oldPlan.locator('.el-table__row').count()).toBe(2);
    expect(await oldPlan.locator('.el-table__row').first().textContent()).toContain(`${oldItem.code} ${oldItem.title}`);

    const urging = page.locator('[data-test="reminders"] .el-table__row', { hasText: '请于本周内报送上年度预决算公开整改情况' });
    await urging.waitFor();
    expect(await urging.locator('[data-test="reminder-day"]').textContent()).toBe(officeDay(-3));
    expect(await urging.textContent()).toContain(`录入于 ${officeDay()}`);
    expect(await urging.textContent()).toContain(`工作方案：${oldPlanTitle}`);
    expect(await urging.getByRole('link').getAttribute('href')).toBe(`/items/${oldItem.id}`);
    // The overdue item is in the inbox too, as a deadline reminder of the day viewed.
    const overdue = page.locator('[data-test="reminders"] .el-table__row', { hasText: `${oldItem.code} ${oldItem.title}` }).filter({ hasText: '已逾期' });
    expect(await overdue.count()).toBeGreaterThanOrEqual(1);
  });

  it('as of a past day, lists the plans whose items the unit had then, and no later ones', async () => {
    const context = await contexts.open();
    const { page } = context;
    await signIn(page, unit);
    await page.goto(`/workload?asOf=${lastYear}-06-01`);
    await eventually(page, async () => ((await page.locator('main').textContent()) ?? '').includes(`截至 ${lastYear}-06-01`), 'the past day');
    await eventually(page, async () => (await itemPlans(page)).length === 2, 'only last year’s two items');
    expect(await itemPlans(page)).toEqual([`${lastYear}年 ${oldPlanTitle}`, `${lastYear}年 ${oldPlanTitle}`]);
    // Not yet urged then: the urging of three days ago is not in that day's inbox.
    expect(await page.locator('[data-test="reminders"] .el-table__row', { hasText: '请于本周内报送' }).count()).toBe(0);

    await page.goto(`/workload?asOf=${lastYear}-02-01`);
    await eventually(page, async () => ((await page.locator('main').textContent()) ?? '').includes(`截至 ${lastYear}-02-01`), 'the day before the plan');
    await page.locator('[data-test="open-items"] .el-table__empty-text', { hasText: '没有待办事项' }).waitFor();
    expect(await itemPlans(page)).toEqual([]);
  });

  it('offers an inspector the reported parts of every plan, last year’s too', async () => {
    const context = await contexts.open({ viewport: { width: 360, height: 740 } });
    const { page } = context;
    await signIn(page, inspector);
    await page.waitForURL((url) => url.pathname === '/inspections');
    const card = page.locator('.el-card', { hasText: `${reportedItem.code} ${reportedItem.title}（${lastYear}年 ${oldPlanTitle}）` });
    await card.waitFor();
    // The card's title links to the item (the unit's report beside it has its evidence links too).
    expect(await card.getByRole('link', { name: `${reportedItem.code} ${reportedItem.title}` }).getAttribute('href')).toBe(`/items/${reportedItem.id}`);
  });
  it('tells the clerk of new work: a finding assigned today is 新交办 in 提醒, with its role and 整改时限 (newcomer36 S1)', async () => {
    const { data } = await app.graphql(`{ units { id code } evaluations(first: 1) { nodes { id } } }`);
    const fgwId = data!.units.find((candidate: { code: string }) => candidate.code === 'FGW').id;
    const recorded = await app.graphql(`mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`, {
      input: { idempotencyKey: 'new-work-finding', evaluationId: data!.evaluations.nodes[0].id, title: '政务公开专栏栏目设置不规范', description: '专栏栏目设置与标准目录不一致', category: '平台建设', severity: 'MEDIUM', identifiedOn: officeDay(-1) },
    });
    expect(recorded.errors).toBeUndefined();
    const assigned = await app.graphql(`mutation($input: AssignFindingInput!) { assignFinding(input: $input) { id } }`, {
      input: { idempotencyKey: 'new-work-assign', findingId: recorded.data!.recordFinding.id, units: [{ unitId: fgwId, role: 'LEAD', dueDate: officeDay(40) }] },
    });
    expect(assigned.errors).toBeUndefined();
    const { page } = await contexts.open();
    await signIn(page, unit);
    const row = page.locator('[data-test="reminders"] .el-table__row', { hasText: `新交办（牵头单位），整改时限：${officeDay(40)}。` });
    await row.waitFor();
    expect(await row.textContent()).toContain('新交办');
    expect(await row.locator('[data-test="reminder-day"]').textContent()).toBe(officeDay(0));
  });
});
