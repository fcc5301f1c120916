import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createPerson, signIn, type Person } from './support/accounts.js';
import { launchChromium } from './support/browser.js';
import { browserContexts, eventually, officeDay } from './support/suite.js';
import { chooseOption } from './support/form-fields.js';

/*
 * Issue 10, breaker10 F24: the web 导入 page showed only "已导入 …": never the columns nothing imports
 * (备注), the rows skipped on purpose (注：… footnotes) or the sheet read; it had no 预览 (dry run), no
 * way to apply a new version of a plan (revise) or a rename of a unit (rename), no sheet choice and
 * no day fields for findings and units. Everything the import API offers is now in the browser.
 */

const PLAN_TITLE = '青川市政务公开重点任务分解方案（导入控件）';
const year = Number(officeDay().slice(0, 4));

/** A workbook whose first sheet is a cover and whose second holds the plan, with a 备注 column and a footnote row. */
async function planWorkbook(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('封面').addRow([`${year}年政务公开重点任务分解方案`]);
  const sheet = workbook.addWorksheet('分解方案');
  sheet.addRow(['类别编号', '类别', '序号', '工作事项', '牵头单位', '责任单位', '完成时限', '备注']);
  for (const row of rows) sheet.addRow(row);
  sheet.addRow(['注：完成时限以市政府办公室通知为准。']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
const firstVersion = () =>
  planWorkbook([
    ['一', '重点领域信息公开', 1, '推进财政预决算公开', 'CZJ', 'FGW', `${year}-12-31`, '按季报送'],
    ['一', '重点领域信息公开', 2, '公开重大建设项目信息', 'FGW', '', `${year}-12-31`, ''],
  ]);
/** The second version: item 2 brought forward to 30 December, item 3 added. */
const secondVersion = () =>
  planWorkbook([
    ['一', '重点领域信息公开', 1, '推进财政预决算公开', 'CZJ', 'FGW', `${year}-12-31`, '按季报送'],
    ['一', '重点领域信息公开', 2, '公开重大建设项目信息', 'FGW', '', `${year}-12-30`, ''],
    ['一', '重点领域信息公开', 3, '公开环境质量信息', 'HBJ', '', `${year}-12-31`, ''],
  ]);

/** Types a day into a date field and presses Enter, as a keyboard user does. */
async function typeDay(page: Page, label: string, day: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(day);
  await input.press('Enter');
}

describe('the 导入 page offers what the import API offers: preview, revise, rename, sheet and day fields, and shows what was left aside', () => {
  let app: TestApp;
  let browser: Browser;
  let supervisor: Person;
  let admin: Person;
  const contexts = browserContexts(() => ({ app, browser }));

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({ demoData: true, now: new Date().toISOString() }), launchChromium()]);
    supervisor = await createPerson(app, 'SUPERVISOR', '郑洁', 'import-controls-supervisor');
    admin = await createPerson(app, 'ADMIN', '冯刚', 'import-controls-admin');
  });

  afterAll(() => contexts.closeAll());

  const importsPage = async (person: Person) => {
    const { page } = await contexts.open();
    await signIn(page, person);
    await page.goto('/imports');
    await page.getByRole('heading', { name: '导入' }).waitFor();
    return page;
  };
  const choose = (page: Page, name: string, buffer: Buffer) => page.getByLabel('文件（.xlsx、.csv、.yaml 或 .json）').setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
  const headline = (page: Page) => page.locator('[data-test="import-result"]').textContent();
  /** Waits for the preview or the import's report, or a refusal (whose words the failing assertion then shows). */
  const answered = async (page: Page, testId: 'import-preview' | 'import-report') => {
    await page.locator(`[data-test="${testId}"], .el-alert--error, [data-test="refused-rows"]`).first().waitFor({ timeout: 60_000 });
    expect(await page.locator('.el-alert--error, [data-test="refused-rows"]').allInnerTexts()).toEqual([]);
  };
  /** The plan preview's item table, cell by cell. */
  const planItemRows = async (page: Page) =>
    page.locator('[data-test="import-plan-items"] .el-table__body tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => (cell.textContent ?? '').trim())));
  const planTitles = async () => (await app.graphql(`{ workPlans { title } }`)).data!.workPlans.map((plan: { title: string }) => plan.title);

  it('previews a plan from the sheet named, listing the column and the footnote left aside, writing nothing; then imports it and applies its new version as a revision', async () => {
    let page = await importsPage(supervisor);
    await page.getByLabel('方案标题', { exact: true }).fill(PLAN_TITLE);
    await page.getByLabel(/^工作表/).fill('分解方案');
    await typeDay(page, '方案批准日期', officeDay(-10));
    await choose(page, 'plan.xlsx', await firstVersion());
    await page.getByRole('button', { name: '预览（不写入）' }).click();
    await answered(page, 'import-preview');
    expect(await headline(page)).toBe(`预览（未写入）：将导入 ${year} 年《${PLAN_TITLE}》：1 大项、2 小项。`);
    expect(await page.locator('[data-test="import-sheet"]').textContent()).toBe('读取的工作表：分解方案');
    expect(await page.locator('[data-test="not-imported"]').textContent()).toContain('备注');
    expect(await page.locator('[data-test="import-notices"] li').allInnerTexts()).toEqual([expect.stringMatching(/注：完成时限以市政府办公室通知为准/)]);
    expect(await page.locator('[data-test="import-rows"] .el-table__row').allInnerTexts()).toEqual([expect.stringMatching(/一\s+重点领域信息公开\s+2 小项/)]);
    // Each item as read, with its lead and responsible units and its 完成时限, before anything is written (newcomer37 S1, breaker10r P8).
    expect(await planItemRows(page)).toEqual([
      ['1', '一 重点领域信息公开', '推进财政预决算公开', '青川市财政局', '青川市发展和改革委员会', `${year}-12-31`],
      ['2', '一 重点领域信息公开', '公开重大建设项目信息', '青川市发展和改革委员会', '—', `${year}-12-31`],
    ]);
    expect(await planTitles()).not.toContain(PLAN_TITLE);

    await page.getByRole('button', { name: '上传并导入' }).click();
    await answered(page, 'import-report');
    expect(await headline(page)).toBe(`已导入 ${year} 年《${PLAN_TITLE}》：1 大项、2 小项。`);
    expect(await page.locator('[data-test="not-imported"]').textContent()).toContain('备注');
    expect(await planTitles()).toContain(PLAN_TITLE);

    // Another day, the new version: naming the plan fills in the day it was approved (a plan keeps
    // it), while the assignment day stays today, the day the plan changes (breaker11c N6).
    page = await importsPage(supervisor);
    await page.getByLabel('方案标题', { exact: true }).fill(PLAN_TITLE);
    await page.getByLabel(/^工作表/).fill('分解方案');
    const approvedField = page.getByLabel('方案批准日期', { exact: true });
    await eventually(page, async () => (await approvedField.inputValue()) === officeDay(-10), 'the approval day of the plan named filled in');
    expect(await page.locator('#plan-approved-on-help').textContent()).toContain(`于 ${officeDay(-10)} 批准，新版本沿用这一天`);
    expect(await page.getByLabel('事项交办日期', { exact: true }).inputValue()).toBe(officeDay());

    // The new version is refused until 按新版本调整 is chosen, in the page's words; then previewed and applied.
    await choose(page, 'plan-v2.xlsx', await secondVersion());
    await page.getByRole('button', { name: '上传并导入' }).click();
    const refusal = page.locator('.form-error[role="alert"]');
    await refusal.first().waitFor();
    expect(await refusal.first().textContent()).toContain('请勾选“按新版本调整”后重新导入');
    expect(await refusal.first().textContent()).not.toMatch(/--|按调整导入|approvedOn/);
    await page.locator('[data-test="revise"]').click();
    await page.getByRole('button', { name: '预览（不写入）' }).click();
    await answered(page, 'import-preview');
    expect(await headline(page)).toMatch(new RegExp(`^预览（未写入）：${year} 年《${PLAN_TITLE.replace(/[()（）]/g, '.')}》按新版本调整将会：.*3.*`));
    // What the version changes, item by item, with the items as they will stand.
    expect(await planItemRows(page)).toEqual([
      ['1', '一 重点领域信息公开', '推进财政预决算公开', '青川市财政局', '青川市发展和改革委员会', `${year}-12-31`, '无变化'],
      ['2', '一 重点领域信息公开', '公开重大建设项目信息', '青川市发展和改革委员会', '—', `${year}-12-30`, `时限 ${year}-12-31 → ${year}-12-30`],
      ['3', '一 重点领域信息公开', '公开环境质量信息', expect.stringMatching(/^青川市.+局$/u), '—', `${year}-12-31`, '将新增'],
    ]);
    const itemsOf = async () => (await app.graphql(`{ workPlans { title progress { items } } }`)).data!.workPlans.find((candidate: { title: string }) => candidate.title === PLAN_TITLE).progress.items;
    expect(await itemsOf()).toBe(2);
    await page.getByRole('button', { name: '上传并导入' }).click();
    await answered(page, 'import-report');
    expect(await headline(page)).toMatch(/^已按新版本调整.*已有进度全部保留。$/);
    expect(await itemsOf()).toBe(3);
  });

  it('previews each item of a plan as read: a standing item’s words, 立行立改 with its day, a unit’s own deadline in its bracket beside it (newcomer37 S1, newcomer36 S5)', async () => {
    const title = '青川市政务公开重点任务分解方案（事项预览）';
    const csv = Buffer.from(
      `\ufeff类别编号,类别,序号,工作事项,牵头单位,责任单位,完成时限\n` +
        `一,解读回应,1,落实政策解读三同步,FGW,CZJ,长期坚持\n` +
        `一,解读回应,2,清理失效文件,CZJ,"FGW（12月20日前）",${year}年12月31日前\n` +
        `二,平台建设,3,更新政府网站栏目,FGW,,立行立改\n`,
    );
    const page = await importsPage(supervisor);
    await page.getByLabel('方案标题', { exact: true }).fill(title);
    await choose(page, 'items.csv', csv);
    await page.getByRole('button', { name: '预览（不写入）' }).click();
    await answered(page, 'import-preview');
    expect(await planItemRows(page)).toEqual([
      ['1', '一 解读回应', '落实政策解读三同步', '青川市发展和改革委员会', '青川市财政局', '长期坚持（每季度报送）'],
      ['2', '一 解读回应', '清理失效文件', '青川市财政局', `青川市发展和改革委员会（${year}-12-20）`, `${year}-12-31`],
      ['3', '二 平台建设', '更新政府网站栏目', '青川市发展和改革委员会', '—', `立行立改（${officeDay()}）`],
    ]);
    expect(await planTitles()).not.toContain(title);
  });

  it('a file refused with more than 100 problems lists the first 100 and says how many more (breaker53-10 S3)', async () => {
    const rows = Array.from({ length: 130 }, (_, index) => `一,平台建设,${index + 1},第${index + 1}项工作,青川市未登记局,,${year}-12-31`).join('\n');
    const page = await importsPage(supervisor);
    await page.getByLabel('方案标题', { exact: true }).fill('青川市一百三十项工作方案');
    await choose(page, 'many.csv', Buffer.from(`\ufeff类别编号,类别,序号,工作事项,牵头单位,责任单位,完成时限\n${rows}\n`));
    await page.getByRole('button', { name: '预览（不写入）' }).click();
    const refused = page.locator('[data-test="refused-rows"] .el-table__row');
    await refused.first().waitFor({ timeout: 60_000 });
    expect(await refused.count()).toBe(100);
    expect(await page.getByRole('heading', { name: /^未通过检查的行/ }).textContent()).toBe('未通过检查的行（共 130 个问题，下表列出前 100 个）');
    expect(await page.locator('[data-test="problems-not-listed"]').textContent()).toBe('另有 30 个问题未列出。其余问题多与所列同类：请在整个文件中改正同类问题后重新预览，即可看到其余问题。');
    expect(await refused.first().textContent()).toContain('青川市未登记局');
  });

  it('imports a plan over several years from the browser: 截止年度 (or 2026—2028 in 年度) lets items run to its last year; a 截止年度 not after 年度 is refused beside the field, nothing sent (issue 10)', async () => {
    const title = '青川市政务公开提质行动方案（截止年度）';
    const csv = Buffer.from(
      `\ufeff类别编号,类别,序号,工作事项,牵头单位,责任单位,完成时限\n一,平台建设,1,政府网站集约化,FGW,CZJ,${year}-12-31\n一,平台建设,2,政务新媒体矩阵,CZJ,,${year + 2}年6月底前\n`,
    );
    const page = await importsPage(supervisor);
    await page.getByLabel('方案标题', { exact: true }).fill(title);
    await page.getByLabel('年度', { exact: true }).fill(String(year));
    await choose(page, 'three-years.csv', csv);
    // A year's plan: the item due in its third year is outside it, refused.
    await page.getByRole('button', { name: '预览（不写入）' }).click();
    const refused = page.locator('[data-test="refused-rows"] .el-table__row');
    await refused.first().waitFor();
    expect(await refused.allInnerTexts()).toEqual([expect.stringMatching(new RegExp(`${year + 2}-06-30.*跨年度的方案（如三年行动计划）请写明截止年度`))]);

    // 截止年度 before 年度: refused beside the field, nothing sent.
    const lastYearField = page.getByLabel('截止年度', { exact: true });
    await lastYearField.fill(String(year - 1));
    const before = await app.logPosition();
    await page.getByRole('button', { name: '预览（不写入）' }).click();
    const beside = page.locator('.el-form-item', { has: lastYearField }).locator('.el-form-item__error');
    await beside.waitFor();
    expect(await beside.textContent()).toBe(`截止年度应晚于年度 ${year}，最多晚十年（如 ${year + 2}）；年度方案不填。`);
    expect(await page.locator('[data-test="refused-rows"]').count()).toBe(0);

    // The plan's last year given: the item in its third year is within it.
    await lastYearField.fill(`${year + 2}`.replace(/\d/g, (digit) => String.fromCharCode(digit.charCodeAt(0) + 0xfee0)));
    await page.getByRole('button', { name: '预览（不写入）' }).click();
    await answered(page, 'import-preview');
    // Said with its period, never only its first year.
    expect(await headline(page)).toBe(`预览（未写入）：将导入 ${year}—${year + 2} 年《${title}》：1 大项、2 小项。`);
    expect(await app.logPosition()).toBe(before);
    await page.getByRole('button', { name: '上传并导入' }).click();
    await answered(page, 'import-report');
    expect(await headline(page)).toBe(`已导入 ${year}—${year + 2} 年《${title}》：1 大项、2 小项。`);
    const plans = (await app.graphql(`{ workPlans { title year lastYear } }`)).data!.workPlans;
    expect(plans.filter((plan: { title: string }) => plan.title === title)).toEqual([{ title, year, lastYear: year + 2 }]);

    // The span typed into 年度 says the same.
    // Named again on the form (its year typed, within its period), the plan is said with its period.
    const named = await importsPage(supervisor);
    await named.getByLabel('方案标题', { exact: true }).fill(title);
    await named.getByLabel('年度', { exact: true }).fill(String(year + 1));
    await eventually(named, async () => ((await named.locator('#plan-approved-on-help').textContent()) ?? '').includes(`已导入的《${title}》（${year}—${year + 2} 年）`), 'the plan named with its period');

    // The work-plan page lists it with its period, and says it beside a title that does not.
    await named.goto('/work-plan');
    await named.getByRole('heading', { name: /工作方案分解/ }).waitFor();
    const planPeriod = named.locator('[data-test="plan-period"]');
    await chooseOption(named.locator('.el-select', { has: named.locator('#plan-picker') }), named, `${year}—${year + 2} ${title}`);
    await planPeriod.waitFor();
    expect(await planPeriod.textContent()).toBe(`（${year}—${year + 2}年）`);

    const spanned = await importsPage(supervisor);
    const other = '青川市政务公开提质行动方案（起止年度）';
    await spanned.getByLabel('方案标题', { exact: true }).fill(other);
    await spanned.getByLabel('年度', { exact: true }).fill(`${year}—${year + 2}`);
    // Other items: the same items under a second title are refused as a repeated plan (i52e, newcomer52-10 S3), not this case's point.
    await choose(spanned, 'three-years-span.csv', Buffer.from(csv.toString('utf8').replace('政府网站集约化', '政府网站适老化改造').replace('政务新媒体矩阵', '政务新媒体规范管理')));
    await spanned.getByRole('button', { name: '上传并导入' }).click();
    await answered(spanned, 'import-report');
    const again = (await app.graphql(`{ workPlans { title year lastYear } }`)).data!.workPlans;
    expect(again.filter((plan: { title: string }) => plan.title === other)).toEqual([{ title: other, year, lastYear: year + 2 }]);
  });

  it('shows a withdrawn item as withdrawn (its day and reason, no light, days or actions) and a revision’s changes in Chinese on the timelines (breaker11b G6)', async () => {
    const title = '青川市基层政务公开补充任务（撤销事项）';
    const importPlan = async (key: string, csv: string, revise: boolean) => {
      const answer = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId } }`, {
        input: { idempotencyKey: key, fileName: `${key}.csv`, title, year, approvedOn: officeDay(-20), ...(revise ? { revise, withdrawMissing: true, assignedOn: officeDay(-1) } : {}), contentBase64: Buffer.from(`\ufeff${csv}`).toString('base64') },
      });
      expect(answer.errors).toBeUndefined();
      return answer.data!.importWorkPlan.planId as string;
    };
    const header = '类别编号,类别,序号,工作事项,牵头单位,责任单位,完成时限\n';
    const planId = await importPlan('plan-small', `${header}一,基层政务公开,1,乡镇专栏规范化,CZJ,FGW,${year}-12-31\n一,基层政务公开,2,村务公开,FGW,,${year}-12-31\n`, false);
    const items = (await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id code } } } }`, { id: planId })).data!.workPlan.categories[0].items as { id: string; code: string }[];
    const idOf = (code: string) => items.find((item) => item.code === code)!.id;
    // The new version: item 1 re-dated with 发改委 taken off, item 2 withdrawn.
    await importPlan('plan-small-v2', `${header}一,基层政务公开,1,乡镇专栏规范化,CZJ,,${year}-12-30\n`, true);

    const { page } = await contexts.open();
    await signIn(page, supervisor);
    await page.goto(`/items/${idOf('2')}`);
    const notice = page.locator('[data-test="item-withdrawn"]');
    await notice.waitFor();
    expect(await notice.textContent()).toBe(`该事项已于 ${officeDay(-1)} 从方案中撤销（依据 plan-small-v2.csv 修订方案），不再办理；以下是撤销前的记录。撤销日期之前的报告、督查仍可补录（督查通过的，撤销不成立）。`);
    expect(await page.locator('[data-test="item-status"]').textContent()).toBe('已撤销');
    // The tab is named after the item (newcomer36 S19).
    expect(await page.title()).toBe('2 村务公开 · 整改台账');
    expect(await page.locator('.light').count()).toBe(0);
    expect(await page.locator('[data-test="part-withdrawn"]').allInnerTexts()).toEqual(['事项已撤销']);
    // No workflow action on a withdrawn part; a supervisor keeps the corrections of its records as they stood (breaker11l P10).
    const partButtons = await page.locator('.part').getByRole('button').allInnerTexts();
    // …and may still enter, from its paper, a report the unit made before the withdrawal (代录撤销前的报告, newcomer49-8 M5).
    expect(partButtons.filter((label) => !label.trim().startsWith('更正') && label.trim() !== '代录撤销前的报告')).toEqual([]);
    const timeline = page.locator('[data-test="timeline"]');
    expect(await timeline.textContent()).toContain('撤销事项：依据 plan-small-v2.csv 修订方案');
    const camelCase = /\b[A-Z][a-z]+[A-Z]\w*/;
    expect(await timeline.textContent()).not.toMatch(camelCase);

    await page.goto(`/items/${idOf('1')}`);
    await timeline.locator('.el-table__row').first().waitFor();
    await eventually(page, async () => ((await timeline.textContent()) ?? '').includes('移除单位（青川市发展和改革委员会）'), 'the unit taken off named');
    expect(await timeline.textContent()).toContain(`调整完成时限（${year}-12-31 → ${year}-12-30）`);
    expect(await timeline.textContent()).not.toMatch(camelCase);
    // The page names its plan (with its year, the title naming none) and its 大项, and leads to that plan (newcomer36 S6).
    expect(await page.locator('[data-test="item-plan"]').textContent()).toBe(`${title}（${year}年）`);
    expect(await page.locator('[data-test="item-category"]').textContent()).toBe(' · 基层政务公开');
    await page.locator('[data-test="item-plan"]').click();
    await page.waitForURL(/\/work-plan\?planId=/u);
    await eventually(page, async () => ((await page.locator('.el-select', { has: page.locator('#plan-picker') }).textContent()) ?? '').includes(title), 'the item’s plan chosen');
  });

  it('a revision whose file is named （修订稿） keeps the plan’s approval day: no approval day is asked, none refused (newcomer37 S2)', async () => {
    const title = '青川市政务公开重点任务（修订稿测试）';
    const header = '类别编号,类别,序号,工作事项,牵头单位,责任单位,完成时限\n';
    const first = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId } }`, {
      // An item no earlier case imported (a plan whose every item is another plan's is refused as repeated, i52e).
      input: { idempotencyKey: 's2-plan', fileName: 's2.csv', title, year, approvedOn: officeDay(-20), contentBase64: Buffer.from(`\ufeff${header}一,平台建设,1,政府网站栏目规范,FGW,,${year}-12-31\n`).toString('base64') },
    });
    expect(first.errors).toBeUndefined();
    const page = await importsPage(supervisor);
    await choose(page, `${title.replace('（修订稿测试）', '')}（修订稿测试）（修订稿）.csv`, Buffer.from(`\ufeff${header}一,平台建设,1,政府网站栏目规范,FGW,,${year}-12-31\n一,平台建设,2,政务新媒体矩阵,CZJ,,${year}-12-31\n`));
    await page.locator('[data-test="revise"]').click();
    await page.locator('[data-test="revise-keeps-approval"]').waitFor();
    expect(await page.getByLabel('方案批准日期', { exact: true }).count()).toBe(0);
    expect(await page.getByLabel('事项交办日期', { exact: true }).inputValue()).toBe(officeDay());
    // Never previewed: 上传并导入 previews it first and stops (breaker50-10 S6); pressed again, it imports what the preview showed.
    await page.getByRole('button', { name: '上传并导入' }).click();
    await answered(page, 'import-preview');
    await page.locator('[data-test="previewed-first"]').waitFor();
    await page.getByRole('button', { name: '上传并导入' }).click();
    await answered(page, 'import-report');
    expect(await headline(page)).toMatch(/^已按新版本调整.*已有进度全部保留。$/);
  });

  it('a new version named only by its title row (another file name, no 方案标题 typed) is previewed without the approval day typed again: none is sent unless picked (newcomer48-10 M3)', async () => {
    const title = '青川市标题行读取测试工作方案';
    const header = '类别编号,类别,序号,工作事项,牵头单位,责任单位,完成时限\n';
    const first = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId } }`, {
      input: { idempotencyKey: 'm3-plan', fileName: 'm3.csv', title, year, approvedOn: officeDay(-20), contentBase64: Buffer.from(`\ufeff${title}\n${header}一,平台建设,1,标题行测试网站公开,FGW,,${year}-12-31\n`).toString('base64') },
    });
    expect(first.errors).toBeUndefined();
    const page = await importsPage(supervisor);
    await choose(page, 'plan-own-v2.csv', Buffer.from(`\ufeff${title}\n${header}一,平台建设,1,标题行测试网站公开,FGW,,${year}-12-31\n一,平台建设,2,标题行测试新媒体公开,CZJ,,${year}-12-31\n`));
    await page.getByRole('button', { name: '预览（不写入）' }).click();
    await answered(page, 'import-preview');
    expect(await headline(page)).toMatch(/按新版本调整将会/);
    // The box the import needs is said in the preview, not only in the refusal after 上传并导入 (newcomer49-10 M15).
    expect(await headline(page)).toMatch(/导入时须勾选“按新版本调整”。$/);
  });

  it('a version that withdraws an item asks its 调整依据 beside the field and the tick confirming the withdrawal, writes nothing without them, and records the 调整依据 as the reason (newcomer24 S3, newcomer49-10 S4)', async () => {
    const title = '青川市基层政务公开补充任务（调整依据）';
    const header = '类别编号,类别,序号,工作事项,牵头单位,责任单位,完成时限\n';
    const rows = [`一,基层政务公开,1,乡镇专栏规范化,CZJ,,${year}-12-31\n`, `一,基层政务公开,2,村务公开目录,FGW,,${year}-12-31\n`];
    const first = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId } }`, {
      input: { idempotencyKey: 'basis-plan', fileName: 'basis.csv', title, year, approvedOn: officeDay(-20), contentBase64: Buffer.from(`\ufeff${header}${rows.join('')}`).toString('base64') },
    });
    expect(first.errors).toBeUndefined();
    const planId = first.data!.importWorkPlan.planId as string;
    const outline = await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id code } } } }`, { id: planId });
    const twoId = (outline.data!.workPlan.categories[0].items as { id: string; code: string }[]).find((item) => item.code === '2')!.id;
    const itemTwo = async () => ({ id: twoId, status: (await app.graphql(`query($id: ID!) { workPlanItem(id: $id) { status } }`, { id: twoId })).data!.workPlanItem.status as string });
    const page = await importsPage(supervisor);
    await page.getByLabel('方案标题', { exact: true }).fill(title);
    await choose(page, '第二批调整.csv', Buffer.from(`\ufeff${header}${rows[0]}`));
    await page.locator('[data-test="revise"]').click();
    const before = await app.logPosition();
    await page.getByRole('button', { name: '上传并导入' }).click();
    const basis = page.locator('.el-form-item', { has: page.getByLabel('调整依据（文件名称或文号）') }).locator('.el-form-item__error');
    await basis.waitFor();
    expect(await basis.textContent()).toBe('本版本将撤销事项（2）：请填写调整依据（文件名称或文号），记为这些事项撤销的理由。');
    expect(await headline(page)).toMatch(/^预览（未写入）：.*撤销 1 项（2）/);
    // The preview says the withdrawal needs its own tick, which names how many items it withdraws (newcomer49-10 S4).
    expect(await headline(page)).toContain('导入时须勾选“确认撤销文件中没有的事项”（文件中没有的 1 个事项将被撤销；');
    const tick = page.locator('[data-test="withdraw-missing"]');
    expect((await tick.textContent())?.trim()).toBe('撤销文件中没有的 1 个事项（预览中标为“将撤销”）');
    // The file's one item headed as one; the item it leaves out listed apart (newcomer55-10 M1: 「文件中的事项（2）」 of a one-item file).
    const headings = await page.locator('[data-test="import-preview"] h2').allInnerTexts();
    expect(headings).toEqual(expect.arrayContaining(['文件中的事项（1）', '方案中其他事项（文件中没有，1）']));
    expect((await planItemRows(page)).map((row) => row[0])).toEqual(['1']);
    expect(await page.locator('[data-test="import-plan-items-left-out"] .el-table__body tr').allInnerTexts()).toEqual([expect.stringMatching(/^2\s+村务公开目录\s+将撤销（文件中没有）$/)]);
    expect(await app.logPosition()).toBe(before);
    expect((await itemTwo()).status).not.toBe('WITHDRAWN');
    await page.getByLabel('调整依据（文件名称或文号）').fill('青政办〔2026〕12号调整通知');
    // Applied without the tick: refused beside it, saying how many of how many items the file leaves out; nothing written.
    await page.getByRole('button', { name: '上传并导入' }).click();
    const unticked = page.locator('.el-form-item', { has: tick }).locator('.el-form-item__error');
    await unticked.waitFor();
    expect(await unticked.textContent()).toContain('第二批调整.csv 未列出方案现有 2 个事项中的 1 个（2 村务公开目录），按新版本调整将撤销这 1 个事项。');
    expect(await app.logPosition()).toBe(before);
    await tick.click();
    await page.getByRole('button', { name: '上传并导入' }).click();
    await answered(page, 'import-report');
    expect(await headline(page)).toMatch(/^已按新版本调整.*撤销 1 项（2）.*已有进度全部保留。$/);
    const withdrawn = await itemTwo();
    expect(withdrawn.status).toBe('WITHDRAWN');
    await page.goto(`/items/${withdrawn.id}`);
    const notice = page.locator('[data-test="item-withdrawn"]');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('从方案中撤销（青政办〔2026〕12号调整通知）');
  });

  // breaker51-10 S3: the tick 确认撤销文件中没有的事项, given for sheet 全表's preview (item 3 withdrawn), went with sheet 调整表 and
  // withdrew items 1 and 3 — item 1 never previewed as 将撤销; 确认撤销后来的调整 was never cleared, not even by another file.
  it('a confirmation belongs to the preview it answered: another sheet, title or file clears 确认撤销文件中没有的事项 and 确认撤销后来的调整, and the version is then refused beside the tick, nothing written (breaker51-10 S3)', async () => {
    // A title of its own: items 1 and 2 are the （调整依据） plan's too (2 withdrawn there), so that plan's title with another remark is
    // asked as its new version (breaker57-10 S2: withdrawn items count as the plan's).
    const title = '青川市村级政务公开补充任务（确认随预览）';
    const header = ['类别编号', '类别', '序号', '工作事项', '牵头单位', '责任单位', '完成时限'];
    const item = (code: number, words: string, lead: string) => ['一', '基层政务公开', code, words, lead, '', `${year}-12-31`];
    const [one, two, three] = [item(1, '乡镇专栏规范化', 'CZJ'), item(2, '村务公开目录', 'FGW'), item(3, '社区公开栏更新', 'CZJ')];
    const csv = [header, one, two, three].map((row) => row.join(',')).join('\n');
    const first = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId } }`, {
      input: { idempotencyKey: 'tick-plan', fileName: 'tick.csv', title, year, approvedOn: officeDay(-20), contentBase64: Buffer.from(`\ufeff${csv}\n`).toString('base64') },
    });
    expect(first.errors).toBeUndefined();
    const workbook = new ExcelJS.Workbook();
    for (const [name, rows] of [['全表', [one, two]], ['调整表', [two]]] as const) {
      const sheet = workbook.addWorksheet(name);
      sheet.addRow(header);
      for (const row of rows) sheet.addRow(row);
    }
    const twoSheets = Buffer.from(await workbook.xlsx.writeBuffer());
    const page = await importsPage(supervisor);
    await page.getByLabel('方案标题', { exact: true }).fill(title);
    await page.locator('[data-test="revise"]').click();
    await choose(page, '调整.xlsx', twoSheets);
    const sheetField = page.getByLabel('工作表（Excel 文件）', { exact: true });
    await sheetField.fill('全表');
    await page.getByLabel('调整依据（文件名称或文号）').fill('青政办〔2026〕15号');
    await page.getByRole('button', { name: '预览（不写入）' }).click();
    await answered(page, 'import-preview');
    expect(await headline(page)).toMatch(/撤销 1 项（3）/);
    const tick = page.locator('[data-test="withdraw-missing"]');
    expect((await tick.textContent())?.trim()).toBe('撤销文件中没有的 1 个事项（预览中标为“将撤销”）');
    await tick.click();
    const undo = page.locator('[data-test="undo-later-revision"]');
    await undo.click();
    expect(await undo.locator('input').isChecked()).toBe(true);
    // Another sheet: both ticks go, the withdrawal tick with its count.
    await sheetField.fill('调整表');
    await tick.waitFor({ state: 'detached' });
    expect(await undo.locator('input').isChecked()).toBe(false);
    const before = await app.logPosition();
    // The sheet changed since the preview: 上传并导入 previews 调整表 first, nothing written (breaker50-10 S6); pressed again, the
    // withdrawal of 2 items not ticked for this preview is refused beside the tick.
    await page.getByRole('button', { name: '上传并导入' }).click();
    await page.locator('[data-test="previewed-first"]').waitFor();
    expect(await app.logPosition()).toBe(before);
    await page.getByRole('button', { name: '上传并导入' }).click();
    const unticked = page.locator('.el-form-item', { has: tick }).locator('.el-form-item__error');
    await unticked.waitFor();
    expect(await unticked.textContent()).toContain('按新版本调整将撤销这 2 个事项');
    expect((await tick.textContent())?.trim()).toBe('撤销文件中没有的 2 个事项（预览中标为“将撤销”）');
    expect(await app.logPosition()).toBe(before);
    // Ticked for this refusal, then another title typed: cleared again, the refusal beside it gone too.
    await tick.click();
    await page.getByLabel('方案标题', { exact: true }).fill(`${title}（另一方案）`);
    await tick.waitFor({ state: 'detached' });
    await page.getByLabel('方案标题', { exact: true }).fill(title);
    await undo.click();
    // Another file: 确认撤销后来的调整 goes too.
    await choose(page, '调整2.xlsx', twoSheets);
    await eventually(page, async () => !(await undo.locator('input').isChecked()), '确认撤销后来的调整 cleared by another file');
    expect(await app.logPosition()).toBe(before);
  });

  it('renames a unit only when 按更名导入 is chosen, previewing the rename first, registered new units on the day in the form', async () => {
    const page = await importsPage(admin);
    await page.getByRole('radiogroup', { name: '导入内容' }).getByText('单位名录').click();
    const csv = Buffer.from(`\ufeff编码,名称,类型,上级编码,联系人\nWJW,青川市卫生健康委员会,DEPARTMENT,,张三\nYJJ,青川市应急管理局,DEPARTMENT,,李四\n`);
    await choose(page, 'units.csv', csv);
    await page.getByRole('button', { name: '预览（不写入）' }).click();
    const refused = page.locator('[data-test="refused-rows"] .el-table__row');
    await refused.first().waitFor();
    expect(await refused.allInnerTexts()).toEqual([expect.stringContaining('按更名导入')]);

    await page.locator('[data-test="rename"]').click();
    expect(await page.getByLabel('登记日期', { exact: true }).inputValue()).toBe(officeDay());
    // The day the renames took effect (更名日期, the 机构改革's day), sent as renamedOn (newcomer37 S8: only today could be given).
    expect(await page.getByLabel('更名日期', { exact: true }).inputValue()).toBe(officeDay());
    await typeDay(page, '更名日期', officeDay(-3));
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql') && (request.postData() ?? '').includes('importUnits')) sent.push(request.postData() ?? '');
    });
    await page.getByRole('button', { name: '预览（不写入）' }).click();
    await answered(page, 'import-preview');
    // The rename's day said in the preview and the result (newcomer53-10 M6).
    expect(await headline(page)).toBe(`预览（未写入）：将新增 1 个单位、更名 1 个（更名自 ${officeDay(-3)} 起；0 个已在名录中）。`);
    // The column the directory does not keep is named, not dropped unsaid (breaker10b N16).
    expect(await page.locator('[data-test="not-imported"]').innerText()).toContain('联系人');
    expect(await page.locator('[data-test="import-rows"] .el-table__row').allInnerTexts()).toEqual([
      expect.stringMatching(new RegExp(`WJW 青川市卫生健康委员会（原名 青川市卫生和计划生育委员会）\\s+将更名（自 ${officeDay(-3)} 起）`)),
      expect.stringMatching(/YJJ 青川市应急管理局\s+将新增/),
    ]);
    await page.getByRole('button', { name: '上传并导入' }).click();
    await answered(page, 'import-report');
    expect(await headline(page)).toBe(`新增 1 个单位、更名 1 个（更名自 ${officeDay(-3)} 起；0 个已在名录中）。`);
    expect(sent.map((body) => JSON.parse(body).variables.input.renamedOn)).toEqual([officeDay(-3), officeDay(-3)]);
    const units = (await app.graphql(`{ units { code name registeredOn } }`)).data!.units;
    expect(units.find((unit: { code: string }) => unit.code === 'WJW').name).toBe('青川市卫生健康委员会');
    expect(units.find((unit: { code: string }) => unit.code === 'YJJ').registeredOn).toBe(officeDay());
  });

  it('按更名导入 imports what its preview showed: a unit renamed by a colleague after it is refused naming who and to what, and the page previews again (breaker52-9 S6)', async () => {
    const page = await importsPage(admin);
    await page.getByRole('radiogroup', { name: '导入内容' }).getByText('单位名录').click();
    await page.locator('[data-test="rename"]').click();
    await choose(page, 'units-jtj.csv', Buffer.from('编码,名称,类型\nJTJ,青川市交通运输委员会,部门\n'));
    const sent: Record<string, unknown>[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql') && (request.postData() ?? '').includes('importUnits')) sent.push(JSON.parse(request.postData() ?? '{}').variables.input);
    });
    const before = await app.logPosition();
    // Never previewed: 上传并导入 previews first, nothing written.
    await page.getByRole('button', { name: '上传并导入' }).click();
    await answered(page, 'import-preview');
    await page.locator('[data-test="previewed-first"]').waitFor();
    expect(await app.logPosition()).toBe(before);
    expect(await page.locator('[data-test="import-rows"] .el-table__row').allInnerTexts()).toEqual([expect.stringMatching(/JTJ 青川市交通运输委员会（原名 青川市交通运输局）\s+将更名/u)]);

    // Another administrator renames JTJ on the 单位名录 page meanwhile.
    const jtj = ((await app.graphql(`{ units { id code } }`)).data!.units as { id: string; code: string }[]).find((unit) => unit.code === 'JTJ')!.id;
    const renamed = await app.graphql(
      `mutation($i: RenameUnitInput!) { renameUnit(input: $i) { name } }`,
      { i: { idempotencyKey: 'jtj-renamed-by-colleague', unitId: jtj, name: '青川市交通运输管理局', expectedName: '青川市交通运输局', reason: '按编办批复' } },
      { authorization: 'Bearer rct_demo_admin_qingchuan' },
    );
    expect(renamed.errors).toBeUndefined();
    const afterColleague = await app.logPosition();
    await page.getByRole('button', { name: '上传并导入' }).click();
    const changed = page.locator('[data-test="directory-changed"]');
    await changed.waitFor({ timeout: 60_000 });
    expect(await changed.innerText()).toMatch(/^单位 JTJ 的名称刚由.+改为“青川市交通运输管理局”（北京时间 .+；理由：按编办批复；导入预览显示的是“青川市交通运输局”）.*页面已按最新的单位名录重新预览（未写入）/su);
    await answered(page, 'import-preview');
    expect(await page.locator('[data-test="import-rows"] .el-table__row').allInnerTexts()).toEqual([expect.stringMatching(/JTJ 青川市交通运输委员会（原名 青川市交通运输管理局）\s+将更名/u)]);
    expect(await app.logPosition()).toBe(afterColleague);
    expect(sent.map((input) => [input.dryRun ?? false, typeof input.expectedDirectoryVersion])).toEqual([
      [true, 'undefined'],
      [false, 'string'],
      [true, 'undefined'],
    ]);

    // Pressed again: the new preview's version, imported from the colleague's name.
    await page.getByRole('button', { name: '上传并导入' }).click();
    await answered(page, 'import-report');
    expect(await headline(page)).toBe(`新增 0 个单位、更名 1 个（更名自 ${officeDay()} 起；0 个已在名录中）。`);
    expect(await changed.count()).toBe(0);
    expect(typeof sent[3]!.expectedDirectoryVersion).toBe('string');
    expect(sent[3]!.expectedDirectoryVersion).not.toBe(sent[1]!.expectedDirectoryVersion);
    const units = (await app.graphql(`{ units { code name formerNames } }`)).data!.units as { code: string; name: string; formerNames: string[] }[];
    expect(units.find((unit) => unit.code === 'JTJ')).toMatchObject({ name: '青川市交通运输委员会', formerNames: ['青川市交通运输局', '青川市交通运输管理局'] });
  });

  it('previews a 整改台账 with its findings, parts and the column left aside, identified and assigned on the days picked', async () => {
    const page = await importsPage(supervisor);
    await page.getByText('评估发现的问题 / 整改台账').click();
    const identifiedOn = page.getByLabel('问题认定日期', { exact: true });
    await identifiedOn.click();
    await identifiedOn.fill(officeDay(-10));
    await identifiedOn.press('Enter');
    expect(await page.getByLabel('整改任务交办日期', { exact: true }).inputValue()).toBe(officeDay(-10));
    const csv = Buffer.from(`\ufeff问题,具体表现,类别,严重程度,牵头单位,责任单位,整改时限,整改措施,备注\n导入控件测试：政策解读栏目未更新,近半年无新解读,政策解读,一般,FGW,CZJ,${year}-12-31,每月更新解读,电话核实\n`);
    await choose(page, 'ledger.csv', csv);
    await page.getByRole('button', { name: '预览（不写入）' }).click();
    await answered(page, 'import-preview');
    // The evaluation the problems go under, named (newcomer36 S9).
    expect(await headline(page)).toMatch(/^预览（未写入）：将在《青川市\d{4}年度政务公开工作第三方评估报告》下登记 1 个问题，交办 2 项整改任务（此前已登记 0 个）。$/u);
    expect(await page.locator('[data-test="not-imported"]').textContent()).toContain('备注');
    expect(await page.locator('[data-test="import-rows"] .el-table__row').allInnerTexts()).toEqual([
      expect.stringMatching(/导入控件测试：政策解读栏目未更新（牵头：青川市发展和改革委员会，.*；责任：青川市财政局，.*）\s+将登记/),
    ]);
    await page.getByRole('button', { name: '上传并导入' }).click();
    await answered(page, 'import-report');
    const { data } = await app.graphql(`{ findings(titleContains: "导入控件测试") { nodes { identifiedOn assignments { assignedOn } } } }`);
    expect(data!.findings.nodes).toEqual([{ identifiedOn: officeDay(-10), assignments: [{ assignedOn: officeDay(-10) }, { assignedOn: officeDay(-10) }] }]);
  });

  it('chooses the evaluation received last for a 台账, as 登记问题 does, each listed with the day it came (newcomer36 S9: last year’s was preselected)', async () => {
    const newest = `导入控件测试：${year}年度第三方评估报告`;
    const registered = await app.graphql(`mutation($input: RegisterEvaluationInput!) { registerEvaluation(input: $input) { id } }`, {
      input: { idempotencyKey: 'import-controls-newest', title: newest, evaluator: '中部政府透明度研究院', commissionedBy: '国务院办公厅政务公开办公室', periodStart: `${year}-01-01`, periodEnd: officeDay(), receivedOn: officeDay() },
    });
    expect(registered.errors).toBeUndefined();
    const page = await importsPage(supervisor);
    await page.getByText('评估发现的问题 / 整改台账').click();
    const chosen = page.locator('.el-form-item', { has: page.locator('.el-form-item__label', { hasText: /^所属评估$/u }) }).locator('.el-select__selected-item:not(.is-hidden)');
    await chosen.filter({ hasText: newest }).waitFor();
    expect((await chosen.innerText()).trim()).toBe(`${newest}（${officeDay()} 收到）`);
  });
});
