import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { launchChromium } from './support/browser.js';
import { browserContexts, eventually, officeDay } from './support/suite.js';

/*
 * Issue 11, the second round: 待督查 said "没有待督查的任务" for the 2–4 s a 1,200-item plan took to
 * load, and a person believes what a page says. The whole kind: every page that lists something says
 * 加载中 until its first answer — never its "nothing here" words, an empty table's text or a count of
 * 0. And the as-of picker judged "the future" by UTC: in a browser on China time (UTC+8) it let
 * tomorrow be picked.
 */

/** Pages that list nothing (forms): they need no 加载中. Every other page a role's menu offers must say it. */
const FORM_PAGES = new Set(['/imports', '/change-password']);

/**
 * Every "nothing here" text the app's pages and components can show, read from their sources
 * (`empty-text`, `el-empty` descriptions, `emptyText('…')`, and literal 没有… / 暂无… / 尚未… texts), so a
 * page added later is held to the same rule without editing this list.
 */
function emptyWordsOfTheApp(): string[] {
  const root = join(process.cwd(), 'web', 'src');
  const sources = (directory: string): string[] =>
    readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? sources(join(directory, entry.name)) : entry.name.endsWith('.vue') ? [join(directory, entry.name)] : [],
    );
  const words = new Set<string>();
  for (const file of sources(root)) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of [/[^:](?:empty-text|description)="([^"]+)"/g, /emptyText\('([^']+)'\)/g, /['"`]((?:没有|暂无|尚未|尚无)[^'"`$]*)['"`]/g, />\s*((?:没有|暂无|尚未|尚无)[^<{]*?)\s*</g]) {
      for (const match of text.matchAll(pattern)) words.add(match[1]!);
    }
  }
  return [...words];
}

/**
 * Holds every GraphQL request of the context but the session's `me` (so the page itself opens) and the ledger head statement until
 * `release()`: the page as a person sees it on a slow server, for as long as the test looks.
 */
async function holdAnswers(context: BrowserContext) {
  let release: () => void = () => undefined;
  let gate: Promise<void> = Promise.resolve();
  let held = 0;
  await context.route('**/graphql', async (route) => {
    // The session's `me`, and the app's own ledger head statement (asked on every page, src/ledger/head-statements.ts).
    if (/\{ me \{|ledgerHead\(/.test(route.request().postData() ?? '')) return route.continue();
    held += 1;
    await gate;
    await route.continue().catch(() => undefined); // the page may have moved on meanwhile
  });
  return {
    hold() {
      held = 0;
      gate = new Promise((resolve) => (release = resolve));
    },
    held: () => held,
    release: () => release(),
  };
}

describe('every list says 加载中 until its first answer; the as-of picker keeps to China days', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts = browserContexts(() => ({ app, browser }));
  const open = contexts.open;
  let detailPages: string[];

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({ demoData: true, now: new Date().toISOString() }), launchChromium()]);
    const { data } = await app.graphql(`{ findings(first: 1) { nodes { id } } workPlans { id } }`);
    const plan = (await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id } } } }`, { id: data!.workPlans[0].id })).data!.workPlan;
    detailPages = [`/findings/${data!.findings.nodes[0].id}`, `/items/${plan.categories[0].items[0].id}`];
  });
  afterAll(() => contexts.closeAll());

  const mainText = async (page: Page) => (await page.locator('main').innerText().catch(() => '')) ?? '';

  it.each([
    ['SUPERVISOR', 'rct_demo_supervisor_qingchuan'],
    ['UNIT', 'rct_demo_unit_fgw_qingchuan'],
    ['INSPECTOR', 'rct_demo_inspector_qingchuan'],
    ['ADMIN', 'rct_demo_admin_qingchuan'],
  ] as const)('as %s, every page of the menu (and a finding and an item) says 加载中 while its answer is on its way, and no empty words', async (role, token) => {
    const emptyWords = emptyWordsOfTheApp();
    expect(emptyWords).toEqual(expect.arrayContaining(['没有待督查的任务', '暂无通报', '没有待办事项']));
    const { context, page } = await open({ token });
    const answers = await holdAnswers(context);
    await page.goto('/');
    const menu = page.locator('nav[aria-label="主菜单"] a');
    await menu.first().waitFor();
    const hrefs = await menu.evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    const paths = hrefs.map((href) => new URL(href, app.url).pathname).filter((path) => path !== '/graphiql');
    expect(paths.length).toBeGreaterThan(0);
    const pages = role === 'ADMIN' ? paths : [...paths, ...detailPages];
    const seen: string[] = [];
    for (const path of pages) {
      answers.hold();
      await page.goto(path);
      await eventually(page, async () => answers.held() > 0 || FORM_PAGES.has(path), `${path} asks the API`);
      if (!FORM_PAGES.has(path)) await eventually(page, async () => (await mainText(page)).includes('加载中'), `${path} says 加载中 while its answer is held`);
      const text = await mainText(page);
      expect({ path, empty: emptyWords.filter((words) => text.includes(words)) }).toEqual({ path, empty: [] });
      expect({ path, zero: /[（(]0[）)]|共 ?0 ?[条个项家名]/.test(text) }).toEqual({ path, zero: false });
      expect({ path, elEmpty: await page.locator('main .el-empty').count() }).toEqual({ path, elEmpty: 0 });
      const tableWords = await page.locator('main .el-table__empty-text').allInnerTexts();
      expect({ path, tableWords: tableWords.filter((words) => words !== '加载中…') }).toEqual({ path, tableWords: [] });
      answers.release();
      // Once answered, 加载中 goes: it is the wait, not a state the page can be left in.
      await eventually(page, async () => !(await mainText(page)).includes('加载中'), `${path} stops saying 加载中 once answered`, 60_000);
      seen.push(path);
    }
    expect(seen).toEqual(pages);
  });

  it('after its answer, a list with nothing in it says so in its own words', async () => {
    const { page } = await open({ token: 'rct_demo_supervisor_qingchuan' });
    // Long before the demo campaign: no circular had been issued.
    await page.goto(`/circulars?asOf=${Number(officeDay().slice(0, 4)) - 5}-01-01`);
    await page.locator('[data-test="circulars"] .el-table__empty-text', { hasText: '暂无通报' }).waitFor();
    expect(await mainText(page)).toContain('共 0 条');
  });

  it('in a browser on China time, the as-of picker offers today and refuses tomorrow', async () => {
    const { page } = await open({ token: 'rct_demo_supervisor_qingchuan', timezoneId: 'Asia/Shanghai' });
    await page.goto('/overview');
    await page.locator('#as-of-picker').click();
    const cells = page.locator('.el-picker-panel .el-date-table td');
    await cells.first().waitFor();
    const classes = await cells.evaluateAll((tds) => tds.map((td) => td.className));
    const today = classes.findIndex((names) => names.split(' ').includes('today'));
    expect(today).toBeGreaterThanOrEqual(0);
    expect(classes[today]).not.toContain('disabled');
    expect(classes[today + 1]).toContain('disabled');
    // Picking today is allowed and shows today as of today; the day before is a past day.
    await cells.nth(today).click();
    await page.waitForURL((url) => url.searchParams.get('asOf') === officeDay());
  });
});
