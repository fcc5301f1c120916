import type { Browser, Page } from 'playwright-core';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createPerson, signIn, type Person } from './support/accounts.js';
import { contrastFailures } from './support/contrast.js';
import { launchChromium } from './support/browser.js';
import { browserContexts } from './support/suite.js';

/*
 * newcomer38 S3: the 台账校验码 the office prints in its annual report is taken, read and checked in the
 * browser — an administrator signs one and checks printed codes; a supervisor reads them to copy.
 */
describe('台账校验码 page: the office takes, reads and checks its ledger codes in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let admin: Person;
  let supervisor: Person;
  const contexts = browserContexts(() => ({ app, browser }));

  const rows = (page: Page) => page.locator('[data-test="ledger-code-row"]');
  const codeShown = async (page: Page, index: number) => ((await rows(page).nth(index).locator('[data-test="ledger-code"]').textContent()) ?? '').trim();
  const verdict = (page: Page) => page.locator('[data-test="ledger-check-verdict"]');
  const apiCodes = async (): Promise<{ sequence: number; ledgerCode: string; treeSize: number; keyFingerprint: string }[]> =>
    (await app.graphql(`{ ledgerCheckpoints { sequence ledgerCode treeSize keyFingerprint } }`, {}, await app.as('ADMIN'))).data!.ledgerCheckpoints;
  const record = async (title: string) => expect((await app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ title }) })).errors).toBeUndefined();

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
    admin = await createPerson(app, 'ADMIN', '赵敏', 'ledger-admin');
    supervisor = await createPerson(app, 'SUPERVISOR', '张伟', 'ledger-supervisor');
  });
  afterAll(() => contexts.closeAll());

  it('lets an administrator sign a code from the menu, shows it as the API holds it, and says so when nothing new was recorded', async () => {
    await record('第一份评估报告');
    const { page } = await contexts.open();
    await signIn(page, admin);
    await page.getByRole('link', { name: '台账校验码' }).click();
    await page.waitForURL((url) => url.pathname === '/ledger');
    const before = (await apiCodes()).length;
    await page.locator('[data-test="ledger-take-now"]').click();
    const taken = await apiCodes();
    await page.locator('[data-test="ledger-take-message"]', { hasText: `已生成第 ${taken[0].sequence} 号台账校验码` }).waitFor();
    expect(taken.length).toBe(before + 1);
    expect(await codeShown(page, 0)).toBe(taken[0].ledgerCode);
    expect(((await rows(page).first().textContent()) ?? '')).toContain(`覆盖前 ${taken[0].treeSize} 条记录`);
    // newcomer50-9 M6: the key that signed it, which ledger:verify tells an auditor to take from the printout.
    expect(((await rows(page).first().locator('[data-test="ledger-code-key"]').textContent()) ?? '').trim()).toBe(`签署密钥 ${taken[0].keyFingerprint}`);

    // Nothing recorded since: the same code answered, not a second one of the same log.
    await page.locator('[data-test="ledger-take-now"]').click();
    await page.locator('[data-test="ledger-take-message"]', { hasText: '没有新的记录，台账校验码不变' }).waitFor();
    expect((await apiCodes()).length).toBe(taken.length);
    expect(await rows(page).count()).toBe(taken.length);
    expect(await contrastFailures(page)).toEqual([]);
  });

  it('checks a printed code after more was recorded: it matches; a miscopied one is named as not matching', async () => {
    const [printed] = await apiCodes();
    await record('此后又录入的评估报告');
    const { page } = await contexts.open();
    await signIn(page, admin);
    await page.goto('/ledger');
    await page.locator('textarea[data-test="ledger-check-codes"]').fill(`  ${printed.ledgerCode}  \n\n`);
    await page.locator('[data-test="ledger-check-now"]').click();
    await verdict(page).waitFor();
    expect(await verdict(page).getAttribute('class')).toContain('el-alert--success');
    expect(await verdict(page).textContent()).toContain('所填 1 个台账校验码均与按内容重新计算的结果相符');

    // One group of digits miscopied: the check fails and says which code, in Chinese.
    const groups = printed.ledgerCode.split('-');
    const last = groups[groups.length - 1];
    const miscopied = [...groups.slice(0, -1), `${last.slice(0, -1)}${last.endsWith('0') ? '1' : '0'}`].join('-');
    // newcomer46-9 S1: typed with the right code, each gets its own answer — the right one is confirmed, not passed over;
    // M1: one character off is said to be most likely miscopied, naming the character.
    await page.locator('textarea[data-test="ledger-check-codes"]').fill(`${miscopied}\n${printed.ledgerCode}`);
    await page.locator('[data-test="ledger-check-now"]').click();
    await page.locator('[data-test="ledger-check-verdict"].el-alert--error').waitFor();
    const words = (await verdict(page).textContent()) ?? '';
    expect(words).toMatch(/[\u4e00-\u9fff]/);
    expect(words).not.toContain('台账完好');
    expect(words).toContain('很可能抄错');
    expect(words).toContain(`第 8 组第 8 位`);
    const answers = page.locator('[data-test="ledger-check-code-answer"]');
    expect(await answers.allTextContents()).toEqual(expect.arrayContaining([`打印的台账校验码 ${printed.ledgerCode} 与按内容重新计算的前 ${printed.treeSize} 条事件相符。`]));

    // More codes than one check takes: said before anything is sent.
    await page.locator('textarea[data-test="ledger-check-codes"]').fill(Array.from({ length: 21 }, () => printed.ledgerCode).join('\n'));
    await page.locator('[data-test="ledger-check-now"]').click();
    await page.getByText('一次最多核对 20 个台账校验码，现有 21 个，请分次核对。').waitFor();
  });

  it('shows a supervisor the codes to copy into the report, without the administrator’s signing and checking', async () => {
    const codes = await apiCodes();
    const { page } = await contexts.open();
    await signIn(page, supervisor);
    await page.getByRole('link', { name: '台账校验码' }).click();
    await page.waitForURL((url) => url.pathname === '/ledger');
    await rows(page).first().waitFor();
    expect(await codeShown(page, 0)).toBe(codes[0].ledgerCode);
    expect(await page.locator('[data-test="ledger-take-now"]').count()).toBe(0);
    expect(await page.locator('[data-test="ledger-check-now"]').count()).toBe(0);
    expect(await page.locator('[data-test="ledger-check-by-admin"]').textContent()).toContain('由系统管理员在本页进行');
  });
});
