import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createPerson, signIn, type Person } from './support/accounts.js';
import { launchChromium } from './support/browser.js';
import { browserContexts, eventually, officeDay, tableRows } from './support/suite.js';
import { chooseOption, submitAndClose } from './support/form-fields.js';

/*
 * Issue 10, newcomer32 S3: the 工作方案 breakdown and a unit's 我的任务 showed a standing task (长期坚持, 每年) by the last
 * day of the plan it is kept up for — 「2028-12-31 759」, sorted last, no reminder — and a 立行立改 task as a bare day,
 * while the item page and the export wrote 常态化（每年报送） 下次报送 … and 立行立改（day）. Now every list writes the
 * export's words (the API's dueText), a standing task's next report beside them, 剩余天数 counted to that report.
 */

describe('standing and 立行立改 tasks on the breakdown and on 我的任务, in the export’s words', () => {
  let app: TestApp;
  let browser: Browser;
  let supervisor: Person;
  let unit: Person;
  let planId: string;
  const contexts = browserContexts(() => ({ app, browser }));
  const year = Number(officeDay().slice(0, 4));
  const lastYear = year + 2;
  const TITLE = `青川市政务公开三年行动计划（${year}—${lastYear}年）常态化任务`;
  const assignedOn = officeDay(-1);

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({ demoData: true, now: new Date().toISOString() }), launchChromium()]);
    const csv = `\ufeff类别,序号,工作事项,牵头单位,责任单位,完成时限\n一、常态化工作,1,建立政策解读评价机制,FGW,,每年\n一、常态化工作,2,整改门户网站错链,FGW,,立行立改\n一、常态化工作,3,编制公开目录,FGW,,${lastYear}年12月底前\n`;
    const imported = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId } }`, {
      input: { idempotencyKey: 'standing-plan', fileName: 'standing.csv', contentBase64: Buffer.from(csv).toString('base64'), title: TITLE, year, approvedOn: assignedOn, assignedOn },
    });
    expect(imported.errors).toBeUndefined();
    planId = imported.data!.importWorkPlan.planId;
    supervisor = await createPerson(app, 'SUPERVISOR', '周敏', 'standing-supervisor');
    const fgw = (await app.graphql(`{ units { id code } }`)).data!.units.find((candidate: { code: string }) => candidate.code === 'FGW').id;
    unit = await createPerson(app, 'UNIT', '孙丽', 'standing-fgw', fgw);
  }, 300_000);

  afterAll(() => contexts.closeAll());


  /** The standing item's part as the API reads it: its next report day and the days to it. */
  async function standingPart(): Promise<{ nextReportDue: string; nextReportDaysLeft: number }> {
    const { data } = await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { code parts { nextReportDue } } } } }`, { id: planId });
    const nextReportDue: string = data!.workPlan.categories[0].items.find((item: { code: string }) => item.code.endsWith('1')).parts[0].nextReportDue;
    return { nextReportDue, nextReportDaysLeft: Math.round((Date.parse(nextReportDue) - Date.parse(officeDay())) / 86_400_000) };
  }

  it('the breakdown writes 每年 (the word the file wrote, newcomer46-10 M2) with the next report, and 立行立改 with its day, on the items and their units', async () => {
    const { page } = await contexts.open();
    await signIn(page, supervisor);
    await page.goto('/work-plan');
    await chooseOption(page.locator('.el-select', { has: page.locator('#plan-picker') }), page, TITLE);
    await eventually(page, async () => ((await page.locator('[data-test="plan-rollup"]').textContent()) ?? '').includes('/3 项完成'), 'the plan');
    await tableRows(page, '[data-test="breakdown"]').first().locator('.el-table__expand-icon').click();
    const items = tableRows(page, '[data-test="category-items-一"] [data-test="items"]');
    await eventually(page, async () => (await items.count()) === 3, 'the three items');
    expect(await items.locator('[data-test="item-due"]').allInnerTexts()).toEqual(['每年', `立行立改（${assignedOn}）`, `${lastYear}-12-31`]);
    const { nextReportDue } = await standingPart();
    await items.first().locator('.el-table__expand-icon').click();
    const part = page.locator('[data-test="category-items-一"] [data-test="parts"] .el-table__row').first();
    await part.locator('[data-test="part-due"]').waitFor();
    expect(await part.locator('[data-test="part-due"]').textContent()).toBe('每年');
    expect(await part.locator('[data-test="part-next-report"]').textContent()).toBe(`下次报送 ${nextReportDue}`);
  });

  it('我的任务 lists the standing task by its next report — words, day and days to it — before a task due at the plan’s end', async () => {
    const { page } = await contexts.open();
    await signIn(page, unit);
    await page.waitForURL((url) => url.pathname === '/workload');
    const { nextReportDue, nextReportDaysLeft } = await standingPart();
    const row = page.locator('[data-test="open-items"] .el-table__row', { hasText: '建立政策解读评价机制' });
    await row.waitFor();
    expect(await row.locator('[data-test="item-due"]').textContent()).toBe('每年');
    expect(await row.locator('[data-test="item-next-report"]').textContent()).toBe(`下次报送 ${nextReportDue}`);
    expect(await row.locator('[data-test="item-days-left"]').textContent()).toBe(nextReportDaysLeft === 0 ? '今天报送' : `${nextReportDaysLeft}（至报送）`);
    const atOnce = page.locator('[data-test="open-items"] .el-table__row', { hasText: '整改门户网站错链' });
    expect(await atOnce.locator('[data-test="item-due"]').textContent()).toBe(`立行立改（${assignedOn}）`);
    // Ordered by what is owed next: the annual report (due by year end) before the catalogue due at the plan's end.
    const titles = await page.locator('[data-test="open-items"] .el-table__row a').allInnerTexts();
    const standingAt = titles.findIndex((title) => title.includes('建立政策解读评价机制'));
    const datedAt = titles.findIndex((title) => title.includes('编制公开目录'));
    expect(standingAt).toBeGreaterThanOrEqual(0);
    expect(standingAt).toBeLessThan(datedAt);
  });

  it('总览’s 红黄绿灯 writes a 立行立改 part’s 整改时限 as the finding page does, 立行立改（day） (newcomer36 S10: a bare day)', async () => {
    const evaluationId = (await app.graphql('{ evaluations { nodes { id } } }')).data!.evaluations.nodes[0].id as string;
    const ledger = `\ufeff问题,具体表现,类别,严重程度,责任单位,整改时限\n政务新媒体错别字,首页3处错别字,政务新媒体,一般,FGW,立行立改\n`;
    const imported = await app.graphql(`mutation($input: ImportFindingsInput!) { importFindings(input: $input) { recordedCount } }`, {
      input: { idempotencyKey: 'at-once-ledger', evaluationId, fileName: 'ledger.csv', contentBase64: Buffer.from(ledger).toString('base64'), identifiedOn: assignedOn, assignedOn },
    });
    expect(imported.errors).toBeUndefined();
    const { page } = await contexts.open();
    await signIn(page, supervisor);
    await page.goto('/overview');
    const row = page.locator('[data-test="lights-table"] tbody tr', { hasText: '政务新媒体错别字' });
    await row.waitFor();
    expect(await row.locator('[data-test="light-due"]').textContent()).toBe(`立行立改（${assignedOn}）`);
  });
  it('a standing task’s report is 报送阶段进展: the part stays 整改中 and nothing asks an extension (newcomer37 S16, S17)', async () => {
    const { data } = await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id code } } } }`, { id: planId });
    const standing = data!.workPlan.categories[0].items.find((item: { code: string }) => item.code.endsWith('1')).id as string;
    const fgwName = (await app.graphql(`{ units { code name } }`)).data!.units.find((candidate: { code: string }) => candidate.code === 'FGW').name as string;
    const { page } = await contexts.open();
    await signIn(page, unit);
    await page.goto(`/items/${standing}`);
    const card = page.locator(`[data-test="part-${fgwName}"]`);
    await card.getByRole('button', { name: '报送阶段进展' }).click();
    expect(await card.getByRole('button', { name: '申请延期', exact: true }).count()).toBe(0);
    expect(await card.getByRole('button', { name: '报告整改完成' }).count()).toBe(0);
    const form = page.locator('[data-test="form-report"]');
    await form.getByLabel('整改措施及成效').fill('本季度印发规范性文件2件，均同步发布解读。');
    await form.getByLabel('材料1名称').fill('政策解读专栏');
    await form.getByLabel('材料1链接').fill('https://www.qingchuan.gov.cn/zcjd');
    await submitAndClose(form, '报送阶段进展');
    await eventually(page, async () => (await app.graphql(`query($id: ID!) { workPlanItem(id: $id) { parts { status reports { summary } } } }`, { id: standing })).data!.workPlanItem.parts[0].reports.length === 1, 'the progress report');
    const { data: after } = await app.graphql(`query($id: ID!) { workPlanItem(id: $id) { parts { status } } }`, { id: standing });
    expect(after!.workPlanItem.parts[0].status).toBe('ASSIGNED');
    // Ready for the next quarter's: the same button again.
    await card.getByRole('button', { name: '报送阶段进展' }).waitFor();
  });
});
