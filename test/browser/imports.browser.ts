import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createPerson, signIn, type Person } from './support/accounts.js';
import { launchChromium } from './support/browser.js';
import { browserContexts, eventually, officeDay } from './support/suite.js';
import { chooseOption } from './support/form-fields.js';
import { contrastFailures } from './support/contrast.js';

/*
 * Issue 11, items 3 and 7: the import form sent the file base64-encoded inside GraphQL, so any file
 * over about 75 KB hit the request limit; and a plan entered late could not say when it was approved
 * and assigned. The form now sends the file to POST /imports/files first and imports it by fileId,
 * and asks for the approval (印发) and assignment (交办) days.
 */


const UNITS = ['青川市财政局', '青川市教育局', '青川市发展和改革委员会', '青川市环境保护局'];

/** A plan CSV of 45 items due next year, each with long requirements and measures: over 1 MB of UTF-8. */
function planOverOneMegabyte(year: number): Buffer {
  const rows = ['类别编号,类别,编号,事项,内容,工作措施,牵头单位,责任单位,完成时限'];
  for (let item = 1; item <= 45; item += 1) {
    rows.push(
      [
        '一二'[item > 20 ? 1 : 0],
        item > 20 ? '政策解读与回应关切' : '重点领域信息公开',
        item,
        `第${item}项重点任务`,
        `按照年度工作要点，细化分解第${item}项任务，明确时间节点和工作标准，定期报送进展。`.repeat(110),
        `建立台账，逐项落实第${item}项任务的责任分工，按月调度，按季通报，确保按期完成。`.repeat(110),
        UNITS[item % 4],
        UNITS[(item + 1) % 4],
        `${year}年${(item % 12) + 1}月底前`,
      ].join(','),
    );
  }
  return Buffer.from(`\ufeff${rows.join('\n')}\n`);
}

/** A day as 二〇二六年十月五日: Chinese numerals, as some offices write dates. */
function chineseNumeralDay(isoDay: string): string {
  const DIGITS = '〇一二三四五六七八九';
  const small = (value: number) => (value < 10 ? DIGITS[value]! : `${value >= 20 ? DIGITS[Math.floor(value / 10)] : ''}十${value % 10 ? DIGITS[value % 10] : ''}`);
  const [year, month, day] = isoDay.split('-');
  return `${[...year!].map((digit) => DIGITS[Number(digit)]).join('')}年${small(Number(month))}月${small(Number(day))}日`;
}

/** Picks a day in an Element Plus date picker by typing it, as a keyboard user does. */
async function typeDay(page: Page, label: string, day: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(day);
  await input.press('Enter');
}

describe('imports from the browser: files of any advertised size, and a late plan’s days', () => {
  let app: TestApp;
  let browser: Browser;
  let supervisor: Person;
  const contexts = browserContexts(() => ({ app, browser }));

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({ demoData: true, now: new Date().toISOString() }), launchChromium()]);
    supervisor = await createPerson(app, 'SUPERVISOR', '周涛', 'imports-supervisor');
  });

  afterAll(() => contexts.closeAll());

  const importsPage = async () => {
    const context = await contexts.open();
    await signIn(context.page, supervisor);
    await context.page.goto('/imports');
    await context.page.getByRole('heading', { name: '导入' }).waitFor();
    return context.page;
  };

  it('imports a plan of over 1 MB through the upload endpoint, approved and assigned on the days picked', async () => {
    const page = await importsPage();
    const graphqlBodies: string[] = [];
    const uploads: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql')) graphqlBodies.push(request.postData() ?? '');
      if (new URL(request.url()).pathname === '/imports/files') uploads.push(request.method());
    });
    const year = Number(officeDay().slice(0, 4)) + 1;
    const file = planOverOneMegabyte(year);
    expect(file.byteLength).toBeGreaterThan(1024 * 1024);

    // Both days start at today; the assignment day follows the approval day until set apart.
    expect(await page.getByLabel('方案批准日期', { exact: true }).inputValue()).toBe(officeDay());
    expect(await page.getByLabel('事项交办日期', { exact: true }).inputValue()).toBe(officeDay());
    expect(await contrastFailures(page)).toEqual([]);
    await typeDay(page, '方案批准日期', officeDay(-40));
    expect(await page.getByLabel('事项交办日期', { exact: true }).inputValue()).toBe(officeDay(-40));
    await typeDay(page, '事项交办日期', officeDay(-30));
    // A day after today cannot be picked: the typed future day is refused beside the field, not taken.
    await typeDay(page, '事项交办日期', officeDay(3));
    const assignedError = page.locator('.el-form-item', { has: page.getByLabel('事项交办日期', { exact: true }) }).locator('.el-form-item__error');
    await assignedError.waitFor();
    expect(await assignedError.textContent()).toBe(`不能选择 ${officeDay(3)}。`);
    await typeDay(page, '事项交办日期', officeDay(-30));
    await assignedError.waitFor({ state: 'detached' });
    expect(await page.getByLabel('事项交办日期', { exact: true }).inputValue()).toBe(officeDay(-30));

    await page.getByLabel('方案标题', { exact: true }).fill('青川市政务公开重点任务（补录）');
    await page.getByLabel('文件（.xlsx、.csv、.yaml 或 .json）').setInputFiles({ name: 'plan-large.csv', mimeType: 'text/csv', buffer: file });
    await page.getByRole('button', { name: '上传并导入' }).click();
    const result = page.locator('[data-test="import-result"]');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.textContent()).toContain(`已导入 ${year} 年《青川市政务公开重点任务（补录）》：2 大项、45 小项。`);

    // The bytes went to the upload endpoint; no GraphQL request carried them.
    expect(uploads).toEqual(['POST']);
    expect(graphqlBodies.some((body) => body.includes('contentBase64'))).toBe(false);
    expect(Math.max(...graphqlBodies.map((body) => body.length))).toBeLessThan(10_000);

    const { data } = await app.graphql(`{ workPlans { id title approvedOn } }`);
    const plan = data!.workPlans.find((candidate: { title: string }) => candidate.title === '青川市政务公开重点任务（补录）');
    expect(plan.approvedOn).toBe(officeDay(-40));
    const breakdown = (await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { parts { assignedOn } } } } }`, { id: plan.id })).data!.workPlan;
    const assignedDays = new Set(breakdown.categories.flatMap((category: any) => category.items.flatMap((item: any) => item.parts.map((part: any) => part.assignedOn))));
    expect([...assignedDays]).toEqual([officeDay(-30)]);
  });

  it('reads the days typed as offices type them (年月日, full-width digits, Chinese numerals) and refuses beside the field what is no day, sending nothing (breaker11c N1)', async () => {
    const page = await importsPage();
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql') && (request.postData() ?? '').includes('importWorkPlan')) sent.push(request.postData()!);
    });
    const approved = officeDay(-50);
    const assigned = officeDay(-45);
    const [year, month, day] = approved.split('-').map(Number) as [number, number, number];
    // ２０２６年１０月１０日, typed, then Tab: as breaker11c typed it.
    const approvedField = page.getByLabel('方案批准日期', { exact: true });
    await approvedField.click();
    await approvedField.fill(`${year}年${month}月${day}日`.replace(/[0-9]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) + 0xfee0)));
    await approvedField.press('Tab');
    await eventually(page, async () => (await approvedField.inputValue()) === approved, `方案批准日期 read as ${approved}`);
    const assignedField = page.getByLabel('事项交办日期', { exact: true });
    await assignedField.click();
    await assignedField.fill(chineseNumeralDay(assigned));
    await assignedField.press('Enter');
    await eventually(page, async () => (await assignedField.inputValue()) === assigned, `事项交办日期 read as ${assigned}`);

    // Text that is no day is refused beside its field, quoting it, and the import is not sent.
    await approvedField.click();
    await approvedField.fill('上个月');
    await approvedField.press('Tab');
    const approvedError = page.locator('.el-form-item', { has: approvedField }).locator('.el-form-item__error');
    await approvedError.waitFor();
    expect(await approvedError.textContent()).toBe('无法识别“上个月”：请按 2026-06-30 的格式填写，或在日历中选择。');
    const planYear = Number(officeDay().slice(0, 4)) + 1;
    await page.getByLabel('方案标题', { exact: true }).fill('青川市依申请公开平台建设方案（键入日期）');
    const csv = `\ufeff类别,序号,工作事项,牵头单位,责任单位,完成时限\n一、平台建设,1,建设依申请公开平台,青川市财政局,,${planYear}年6月底前\n`;
    await page.getByLabel('文件（.xlsx、.csv、.yaml 或 .json）').setInputFiles({ name: 'plan-typed-days.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: '上传并导入' }).click();
    await page.getByRole('button', { name: '预览（不写入）' }).click();
    expect(await approvedError.textContent()).toBe('无法识别“上个月”：请按 2026-06-30 的格式填写，或在日历中选择。');
    expect(sent).toEqual([]);

    await approvedField.click();
    await approvedField.fill(`${year}年${month}月${day}日`);
    await approvedField.press('Tab');
    await approvedError.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '上传并导入' }).click();
    const result = page.locator('[data-test="import-result"]');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.textContent()).toContain('已导入');
    const { data } = await app.graphql(`{ workPlans { id title approvedOn } }`);
    const plan = data!.workPlans.find((candidate: { title: string }) => candidate.title === '青川市依申请公开平台建设方案（键入日期）');
    expect(plan.approvedOn).toBe(approved);
    const breakdown = (await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { parts { assignedOn } } } } }`, { id: plan.id })).data!.workPlan;
    expect(breakdown.categories[0].items[0].parts.map((part: { assignedOn: string }) => part.assignedOn)).toEqual([assigned]);
  });

  it('refuses a file over the 5 MB an import takes beside the file field, in Chinese, before any import is tried', async () => {
    const page = await importsPage();
    let imports = 0;
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql') && (request.postData() ?? '').includes('importWorkPlan')) imports += 1;
    });
    const tooLarge = Buffer.alloc(5 * 1024 * 1024 + 1, 'a');
    await page.getByLabel('文件（.xlsx、.csv、.yaml 或 .json）').setInputFiles({ name: 'plan-huge.csv', mimeType: 'text/csv', buffer: tooLarge });
    await page.getByRole('button', { name: '上传并导入' }).click();
    const fileError = page.locator('.el-form-item', { has: page.getByLabel('文件（.xlsx、.csv、.yaml 或 .json）') }).locator('.el-form-item__error');
    await fileError.waitFor();
    expect(await fileError.textContent()).toContain('超过了一次导入允许的 5,242,880 字节（5 MB）');
    expect(imports).toBe(0);
  });

  it('says beside the year field, in Chinese, that a plan year is four digits, and sends nothing', async () => {
    const page = await importsPage();
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') sent.push(new URL(request.url()).pathname);
    });
    await page.getByLabel('年度', { exact: true }).fill('二〇二六');
    await page.getByLabel('文件（.xlsx、.csv、.yaml 或 .json）').setInputFiles({ name: 'plan.csv', mimeType: 'text/csv', buffer: Buffer.from('\ufeff类别,序号,工作事项,牵头单位,责任单位,完成时限\n') });
    await page.getByRole('button', { name: '上传并导入' }).click();
    const yearError = page.locator('.el-form-item', { has: page.getByLabel('年度', { exact: true }) }).locator('.el-form-item__error');
    await yearError.waitFor();
    expect(await yearError.textContent()).toContain('年度应为四位数字，如 2026');
    expect(sent).toEqual([]);
  });

  it('shows a refused day beside its field on the plan import, not above the form nor as a row', async () => {
    const page = await importsPage();
    const year = Number(officeDay().slice(0, 4)) + 1;
    await typeDay(page, '方案批准日期', officeDay(-10));
    await typeDay(page, '事项交办日期', officeDay(-20));
    await page.getByLabel('方案标题', { exact: true }).fill('青川市交办早于印发的方案');
    const csv = `\ufeff类别,序号,工作事项,牵头单位,责任单位,完成时限\n一、重点领域信息公开,1,推进财政预决算公开,青川市财政局,,${year}年6月底前\n`;
    await page.getByLabel('文件（.xlsx、.csv、.yaml 或 .json）').setInputFiles({ name: 'plan-days.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: '上传并导入' }).click();
    const assignedError = page.locator('.el-form-item', { has: page.getByLabel('事项交办日期', { exact: true }) }).locator('.el-form-item__error');
    await assignedError.waitFor();
    expect(await assignedError.textContent()).toContain(`事项交办日期（${officeDay(-20)}）早于方案批准日期（${officeDay(-10)}）`);
    expect(await page.locator('.form-error[role="alert"]').count()).toBe(0);
    expect(await page.locator('[data-test="refused-rows"]').count()).toBe(0);
  });

  it('imports a plan with an item due after its year once the supervisor gives the override’s reason; without one, lists that row', async () => {
    const page = await importsPage();
    const year = Number(officeDay().slice(0, 4));
    await typeDay(page, '方案批准日期', officeDay(-5));
    await page.getByLabel('方案标题', { exact: true }).fill('青川市跨年度平台建设方案');
    await page.getByLabel('年度', { exact: true }).fill(String(year));
    const csv = `\ufeff类别,序号,工作事项,牵头单位,责任单位,完成时限\n一、平台建设,1,建设政府信息公开平台,青川市财政局,,${year + 1}-03-31\n`;
    const choose = () => page.getByLabel('文件（.xlsx、.csv、.yaml 或 .json）').setInputFiles({ name: 'plan-cross-year.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await choose();
    await page.getByRole('button', { name: '上传并导入' }).click();
    const row = page.locator('[data-test="refused-rows"] .el-table__row');
    await row.first().waitFor();
    expect(await row.first().textContent()).toContain('请督办人员在上方“超出方案期限的特批理由”中填写理由后重新导入');

    await page.getByLabel('超出方案期限的特批理由').fill('平台建设跨年度，经分管领导同意');
    await choose();
    await page.getByRole('button', { name: '上传并导入' }).click();
    const result = page.locator('[data-test="import-result"]');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.textContent()).toContain(`已导入 ${year} 年《青川市跨年度平台建设方案》：1 大项、1 小项。`);
    expect(await page.locator('[data-test="refused-rows"]').count()).toBe(0);

    // newcomer48-10 M2: the item page shows the 特批 beside the part's due date — its reason, the day approved and the limit.
    const plan = (await app.graphql(`{ workPlans { id title } }`)).data!.workPlans.find((each: { title: string }) => each.title === '青川市跨年度平台建设方案');
    const itemId = (await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id } } } }`, { id: plan.id })).data!.workPlan.categories[0].items[0].id as string;
    await page.goto(`/items/${itemId}`);
    const approval = page.locator('[data-test="part-青川市财政局"] [data-test="part-due-approval"]');
    await approval.waitFor();
    expect(await approval.textContent()).toMatch(new RegExp(`^特批：平台建设跨年度，经分管领导同意（\\d{4}-\\d{2}-\\d{2} 批准，晚于期限 ${year}-12-31）$`));
  });

  // newcomer25 S8: 青川市教育体育局 (not registered) was imported as 青川市教育局's work with only a notice.
  it('refuses a plan naming a unit by a longer near name, and imports it as that unit once 按相近单位读取 is ticked on its row', async () => {
    const page = await importsPage();
    const year = Number(officeDay().slice(0, 4));
    const csv = `\ufeff序号,工作任务,牵头单位,配合单位,完成时限\n1,推进体育场馆开放信息公开,青川市教育体育局,,${year}年12月31日\n2,公开校园安全信息,青川市教育局,,${year}年12月31日\n`;
    await page.getByLabel('方案标题', { exact: true }).fill('近似名称测试方案');
    await page.getByLabel('文件（.xlsx、.csv、.yaml 或 .json）').setInputFiles({ name: 'near-names.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: '上传并导入' }).click();
    const rows = page.locator('[data-test="refused-rows"] .el-table__row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('它与已登记的“青川市教育局”（编码 JYJ）相近，但多出“体育”，不是其简称');
    expect(await page.locator('[data-test="near-help"]').textContent()).toContain('如确指该单位，请勾选“按相近单位读取”');
    await rows.first().locator('[data-test="confirm-near-row"]').click();
    await page.getByRole('button', { name: '上传并导入' }).click();
    const result = page.locator('[data-test="import-result"]');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.textContent()).toContain(`已导入 ${year} 年《近似名称测试方案》：1 大项、2 小项。`);
    expect(await page.locator('[data-test="import-notices"]').textContent()).toContain('“青川市教育体育局”不是单位名录中的名称，已按确认读作相近的“青川市教育局”。');
  });

  // newcomer52-10 S3: the plan's own file under a 方案标题 typed otherwise previewed 「将导入…」 with a notice only, and 上传并导入 made a
  // second plan duplicating every item. Now refused beside 方案标题 naming the plan; the tick 作为另一份方案导入 imports it on purpose.
  it('refuses the demo plan’s file under another 方案标题 beside that field, naming the plan, and reads it as a plan of its own once 作为另一份方案导入 is ticked', async () => {
    const page = await importsPage();
    await page.getByLabel('方案标题', { exact: true }).fill('2026年青川市政务公开工作要点');
    await typeDay(page, '方案批准日期', '2026-01-05');
    await page.getByLabel('文件（.xlsx、.csv、.yaml 或 .json）').setInputFiles({ name: 'work-plan-2026.xlsx', mimeType: 'application/octet-stream', buffer: readFileSync(join(process.cwd(), 'samples', 'work-plan-2026.xlsx')) });
    const graphqlBodies: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql') && request.postData()?.includes('importWorkPlan')) graphqlBodies.push(request.postData() ?? '');
    });
    for (const button of ['预览（不写入）', '上传并导入']) {
      const answered = page.waitForResponse((response) => response.url().endsWith('/graphql') && (response.request().postData() ?? '').includes('importWorkPlan'), { timeout: 60_000 });
      await page.getByRole('button', { name: button }).click();
      await answered;
      const titleError = page.locator('.el-form-item', { has: page.getByLabel('方案标题', { exact: true }) }).locator('.el-form-item__error');
      // The error is cleared at each press and set again by the answer: read once it holds the refusal (an empty one between).
      const refusal = '35 项事项都已是已导入的2026年方案“青川市2026年政务公开工作要点任务分解方案”的事项：作为另一份方案导入，每个事项都会重复一份';
      await eventually(page, async () => ((await titleError.count()) > 0 ? ((await titleError.first().textContent()) ?? '') : '').includes(refusal), `the refusal beside 方案标题 after ${button}`);
      expect(await page.locator('[data-test="import-result"]').count()).toBe(0);
    }
    const tick = page.locator('[data-test="separate-plan"]');
    await tick.waitFor();
    expect(await tick.textContent()).toContain('《青川市2026年政务公开工作要点任务分解方案》');
    await tick.click();
    await page.getByRole('button', { name: '预览（不写入）' }).click();
    // Taken as a plan of its own: no more the refusal naming the demo plan. (Its rows are then judged as a new plan's: the demo's units,
    // registered after 01-05, are refused on each row — a check past the one this test is about.)
    await page.locator('[data-test="import-preview"], .el-alert--error, [data-test="refused-rows"]').first().waitFor({ timeout: 90_000 });
    expect((await page.locator('.el-alert--error, [data-test="refused-rows"], .el-form-item__error').allInnerTexts()).join('')).not.toContain('都已是已导入的');
    expect(graphqlBodies.at(-1)).toContain('"separatePlan":true');
    expect(graphqlBodies.slice(0, -1).every((body) => !body.includes('separatePlan'))).toBe(true);
  });

  it('imports a 台账 whose row is one character from a recorded problem once 是另一个问题 is ticked, and a row past the limit with the override’s reason (breaker11e P11, 10d P26)', async () => {
    const page = await importsPage();
    expect(await page.locator('[data-test="import-sheet-help"]').textContent()).toContain('每个大项一张工作表');
    await page.getByText('评估发现的问题', { exact: false }).first().click();
    // The sheet help speaks of findings here, not of a plan's 大项 (newcomer19 S4).
    await page.locator('[data-test="import-sheet-help"]', { hasText: '问题清单或整改台账分几张工作表都可以' }).waitFor();
    expect(await page.locator('[data-test="import-sheet-help"]').textContent()).not.toContain('大项');
    const evaluations = await app.graphql(`{ evaluations(first: 1) { nodes { id title } } }`);
    const evaluation = evaluations.data!.evaluations.nodes[0] as { id: string; title: string };
    await chooseOption(page.locator('.el-form-item', { has: page.getByText('所属评估', { exact: true }) }).locator('.el-select'), page, evaluation.title);
    const year = Number(officeDay().slice(0, 4));
    const csv = `\ufeff存在问题,整改措施,责任单位,整改时限\n政务新媒体帐号长期未更新,整改,青川市财政局,${year}-12-31\n政务大厅无障碍设施缺失,改造,青川市教育局,${year + 2}-06-30\n`;
    const recorded = await app.graphql(`mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`, {
      input: { idempotencyKey: 'near-form', evaluationId: evaluation.id, title: '政务新媒体账号长期未更新', description: '微博账号半年未更新。', category: '政务新媒体', severity: 'MEDIUM' },
    });
    expect(recorded.errors).toBeUndefined();
    const choose = () => page.getByLabel('文件（.xlsx、.csv、.yaml 或 .json）').setInputFiles({ name: 'near-ledger.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await choose();
    await page.getByRole('button', { name: '上传并导入' }).click();
    const rows = page.locator('[data-test="refused-rows"] .el-table__row');
    await rows.first().waitFor();
    expect(await rows.first().textContent()).toContain('超出整改期限的特批理由');
    await page.getByLabel('超出整改期限的特批理由').fill('改造工程需跨年度完成');
    await page.getByRole('button', { name: '上传并导入' }).click();
    await page.locator('[data-test="refused-rows"]', { hasText: '只差 1 个字' }).waitFor();
    expect(await rows.first().textContent()).toContain('与已登记的问题“政务新媒体账号长期未更新”只差 1 个字');
    await rows.first().locator('[data-test="confirm-distinct-row"]').click();
    await page.getByRole('button', { name: '上传并导入' }).click();
    const result = page.locator('[data-test="import-result"]');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.textContent()).toMatch(/已在《.+》下登记 2 个问题，交办 2 项整改任务/u);
  });
});

// breaker48-10 S2: clerk A previewed a new version; clerk B applied another meanwhile; A's 上传并导入 then applied A's difference to
// B's plan (B's item withdrawn). The page sends the plan version its 预览 read: the import is refused, naming the change.
describe('a plan version imported from the page after its preview, the plan changed in between (breaker48-10 S2)', () => {
  let app: TestApp;
  let browser: Browser;
  let supervisor: Person;
  const contexts = browserContexts(() => ({ app, browser }));

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({ demoData: true, now: new Date().toISOString() }), launchChromium()]);
    supervisor = await createPerson(app, 'SUPERVISOR', '周涛', 'stale-preview-supervisor');
  });

  afterAll(() => contexts.closeAll());

  // Without 调整依据 the page previews again before importing; it still sends the version its clerk's preview read (breaker49-10 S5:
  // it sent the new check's version, and B's date change was undone unseen). A moves item 1's date, B item 2's: nothing withdrawn.
  // breaker50-10 S6: the 事项交办日期 corrected after the preview sent no version at all — B's change undone unseen.
  it.each([
    ['with 调整依据', '青政办〔2026〕12号', '预览后被修改测试方案', ['推进预算公开', '公开校园安全信息'], false],
    ['without 调整依据 (the page checks the file again first)', '', '页面复核后导入的工作要点', ['公开预算执行情况', '公开食品安全抽检结果'], false],
    ['with 事项交办日期 corrected after the preview (breaker50-10 S6)', '青政办〔2026〕40号', '预览后改日期测试方案', ['公开政府债务信息', '公开招生入学政策'], true],
  ] as const)('refuses the import with who changed the plan since the preview, and writes nothing: %s', async (_case, reason, title, [firstItem, secondItem], redate) => {
    const year = Number(officeDay().slice(0, 4)) + 1;
    const version = (first = '6月30日', second = '6月30日') =>
      `\ufeff序号,工作任务,牵头单位,配合单位,完成时限\n1,${firstItem},青川市财政局,,${year}年${first}\n2,${secondItem},青川市教育局,,${year}年${second}\n`;
    const send = (name: string, csv: string, revise: boolean) =>
      app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planVersion } }`, {
        input: { idempotencyKey: `stale-preview-${title}-${name}`, fileName: name, contentBase64: Buffer.from(csv).toString('base64'), title, year, ...(revise ? { revise: true, revisionReason: '其他科室的调整' } : { approvedOn: officeDay(-5) }) },
      });
    expect((await send('v1.csv', version(), false)).errors).toBeUndefined();

    const context = await contexts.open();
    const page = context.page;
    await signIn(page, supervisor);
    await page.goto('/imports');
    await page.getByRole('heading', { name: '导入' }).waitFor();
    await page.getByLabel('方案标题', { exact: true }).fill(title);
    await page.getByLabel('年度', { exact: true }).fill(String(year));
    await page.locator('[data-test="revise"]').click();
    if (reason) await page.getByLabel('调整依据（文件名称或文号）').fill(reason);
    await page.getByLabel('文件（.xlsx、.csv、.yaml 或 .json）').setInputFiles({ name: 'vA.csv', mimeType: 'text/csv', buffer: Buffer.from(version('5月31日')) });
    await page.getByRole('button', { name: '预览（不写入）' }).click();
    const result = page.locator('[data-test="import-result"]');
    await result.waitFor({ timeout: 60_000 });

    // Another clerk applies another version meanwhile.
    expect((await send('vB.csv', version('6月30日', '4月30日'), true)).errors).toBeUndefined();
    // The clerk corrects the day of the change after her preview (a typo noticed): the page still sends the preview's version.
    if (redate) await typeDay(page, '事项交办日期', officeDay(-1));

    await page.getByRole('button', { name: '上传并导入' }).click();
    await page.getByText('在预览之后已被修改').first().waitFor({ timeout: 60_000 });
    expect(await page.getByText('请重新预览（试导入）').count()).toBeGreaterThan(0);
    // Nothing of A's version was written: the plan holds its import and B's version.
    const { data } = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planVersion } }`, {
      input: { idempotencyKey: `stale-preview-check-${title}`, fileName: 'v1.csv', contentBase64: Buffer.from(version()).toString('base64'), title, year, revise: true, dryRun: true },
    });
    expect(data?.importWorkPlan.planVersion).toBe(2);
  });

  // breaker50-10 S6, the refused preview: a preview refused for a 特批 it lacked kept no version; the clerk typed the 特批理由 and pressed
  // 上传并导入, which sent no version and applied a difference she never saw. The page previews first and stops; pressed again, it sends
  // the version that preview read.
  it('after a refused preview, 上传并导入 previews the file first and writes nothing; pressed again, it imports with that preview’s version', async () => {
    const year = Number(officeDay().slice(0, 4)) + 1;
    const title = '预览未通过后导入测试方案';
    const version = (first: string) => `\ufeff序号,工作任务,牵头单位,配合单位,完成时限\n1,公开重点项目进展,青川市财政局,,${first}\n2,公开教育收费标准,青川市教育局,,${year}年6月30日\n`;
    const first = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planVersion } }`, {
      input: { idempotencyKey: 'refused-preview-v1', fileName: 'v1.csv', contentBase64: Buffer.from(version(`${year}年6月30日`)).toString('base64'), title, year, approvedOn: officeDay(-5) },
    });
    expect(first.errors).toBeUndefined();
    const context = await contexts.open();
    const page = context.page;
    const sent: { dryRun?: boolean; expectedPlanVersion?: number }[] = [];
    page.on('request', (request) => {
      const body = request.url().endsWith('/graphql') ? (request.postData() ?? '') : '';
      if (body.includes('importWorkPlan(input')) sent.push(JSON.parse(body).variables.input);
    });
    await signIn(page, supervisor);
    await page.goto('/imports');
    await page.getByRole('heading', { name: '导入' }).waitFor();
    await page.getByLabel('方案标题', { exact: true }).fill(title);
    await page.getByLabel('年度', { exact: true }).fill(String(year));
    await page.locator('[data-test="revise"]').click();
    await page.getByLabel('调整依据（文件名称或文号）').fill('青政办〔2026〕41号');
    // Item 1 moved past the plan's year: refused until a supervisor gives the 特批's reason.
    await page.getByLabel('文件（.xlsx、.csv、.yaml 或 .json）').setInputFiles({ name: 'vA.csv', mimeType: 'text/csv', buffer: Buffer.from(version(`${year + 1}年3月31日`)) });
    await page.getByRole('button', { name: '预览（不写入）' }).click();
    await page.locator('[data-test="refused-rows"]').waitFor({ timeout: 60_000 });
    await page.getByLabel('超出方案期限的特批理由').fill('市政府特批：项目跨年');
    const before = await app.logPosition();

    await page.getByRole('button', { name: '上传并导入' }).click();
    await page.locator('[data-test="previewed-first"]').waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-test="import-result"]').textContent()).toMatch(/^预览（未写入）：.*调整时限 1 项（1：/u);
    expect(sent.map((input) => input.dryRun ?? false)).toEqual([true, true]);
    expect(await app.logPosition()).toBe(before);

    await page.getByRole('button', { name: '上传并导入' }).click();
    await page.locator('[data-test="import-report"]').waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-test="import-result"]').textContent()).toMatch(/^已按新版本调整.*调整时限 1 项（1：/u);
    expect(sent.at(-1)).toMatchObject({ expectedPlanVersion: 1 });
    expect(sent.at(-1)?.dryRun).toBeUndefined();
  });
});
