import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createPerson, signIn, type Person } from './support/accounts.js';
import { contrastFailures } from './support/contrast.js';
import { launchChromium } from './support/browser.js';
import { browserContexts, eventually, officeDay } from './support/suite.js';
import { chooseOption, formShows, seenInForm } from './support/form-fields.js';
import { firstAnswerLost } from './support/lost-answer.js';

/** Issue 11: an administrator manages the accounts in the browser (用户管理), not in GraphQL. */
describe('用户管理: an administrator lists, creates, resets and unlocks accounts in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let admin: Person;
  const contexts = browserContexts(() => ({ app, browser }));

  const SIGN_IN = `mutation($input: SignInInput!) { signIn(input: $input) { token } }`;
  const row = (page: Page, text: string) => page.locator('[data-test="users"] .el-table__row', { hasText: text });
  const standing = async (page: Page, text: string) => ((await row(page, text).locator('[data-test="user-standing"]').textContent()) ?? '').trim();
  const fieldError = (page: Page, form: string, label: string) =>
    page.locator(`[data-test="${form}"] .el-form-item`, { has: page.getByLabel(label, { exact: true }) }).locator('.el-form-item__error');

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({ demoData: true, now: new Date().toISOString() }), launchChromium()]);
    admin = await createPerson(app, 'ADMIN', '赵敏', 'users-admin');
  });
  afterAll(() => contexts.closeAll());

  it('lands the administrator on 用户管理, with every account and where it stands; the header names the administrator once', async () => {
    const { page } = await contexts.open();
    await signIn(page, admin);
    await page.waitForURL((url) => url.pathname === '/users');
    await row(page, 'unit-fgw').waitFor();
    expect(await standing(page, 'unit-fgw')).toBe('正常');
    expect((await row(page, 'unit-fgw').textContent()) ?? '').toContain('青川市发展和改革委员会');
    expect(await standing(page, '杨帆（市政府办）')).toBe('未设置密码');
    // 设置密码 for an account that never had one says so, not 重设密码 with its sessions and lock (newcomer16 S5).
    await row(page, '杨帆（市政府办）').getByRole('button', { name: '设置密码' }).click();
    const dialog = page.locator('.el-dialog', { has: page.locator('[data-test="form-set-password"]') });
    await dialog.waitFor();
    expect(((await dialog.locator('.el-dialog__title').textContent()) ?? '').trim()).toBe('设置密码：杨帆（市政府办）');
    expect(await dialog.locator('[data-test="set-password-effect"]').textContent()).not.toContain('登录全部结束');
    expect(await dialog.getByLabel('初始密码（8 到 128 个字符，用户登录后须修改）').count()).toBe(1);
    await dialog.locator('.el-dialog__headerbtn').click();
    await dialog.waitFor({ state: 'hidden' });
    expect(((await page.locator('[data-test="signed-in-as"]').textContent()) ?? '').trim()).toBe('赵敏（系统管理员）');
    expect(await page.locator('#as-of-picker').count()).toBe(0);
    expect(await contrastFailures(page)).toEqual([]);
  });

  it('creates an account with its login name and initial password; the new user signs in and must change it', async () => {
    const { page } = await contexts.open();
    await signIn(page, admin);
    await page.getByRole('button', { name: '新建账号' }).click();
    const form = page.locator('[data-test="form-create-account"]');
    await form.getByLabel('姓名').fill('钱明');
    await form.getByText('单位经办人', { exact: true }).click();
    await form.getByLabel('登录名').fill('supervisor');
    await form.getByLabel('初始密码（8 到 128 个字符，用户首次登录时须修改）').fill('Chushi#2026');
    await form.getByRole('button', { name: '创建账号' }).click();
    // A unit user needs its unit, named beside the field before anything is sent.
    await fieldError(page, 'form-create-account', '所属单位').waitFor();
    expect(await fieldError(page, 'form-create-account', '所属单位').textContent()).toBe('请选择“所属单位”。');

    await chooseOption(form.locator('.el-select', { has: page.getByLabel('所属单位') }), page, '青川市财政局', async () => `the form shows: ${await formShows(form)}`);
    const before = await app.logPosition();
    await form.getByRole('button', { name: '创建账号' }).click();
    // The login name is taken: refused beside its field, and no account half made.
    await fieldError(page, 'form-create-account', '登录名').waitFor();
    expect(await fieldError(page, 'form-create-account', '登录名').textContent()).toBe('登录名“supervisor”已被其他账号使用。');
    expect(await app.logPosition()).toBe(before);

    await form.getByLabel('登录名').fill('qianming');
    await form.getByRole('button', { name: '创建账号' }).click();
    await row(page, 'qianming').waitFor();
    expect(await standing(page, 'qianming')).toBe('待首次登录改密');
    expect((await row(page, 'qianming').textContent()) ?? '').toContain('青川市财政局');

    const person: Person = { role: 'UNIT', loginName: 'qianming', initialPassword: 'Chushi#2026', password: 'Qianming-own-2026', userId: '' };
    const { page: newcomer } = await contexts.open();
    await signIn(newcomer, person);
    await newcomer.waitForURL((url) => url.pathname === '/workload');
    expect(((await newcomer.locator('[data-test="signed-in-as"]').textContent()) ?? '').trim()).toBe('钱明（青川市财政局）');
  });

  it('offers 仍要新建同名账号 once an account of the same name, role and unit is refused, and makes the second account when chosen (rely s19 Left 3)', async () => {
    const { page } = await contexts.open();
    await signIn(page, admin);
    await page.getByRole('button', { name: '新建账号' }).click();
    const form = page.locator('[data-test="form-create-account"]');
    expect(await form.getByText('确是另一位同名人员，仍要新建同名账号').count()).toBe(0);
    await form.getByLabel('姓名').fill('李娜（市发改委）');
    await form.getByText('单位经办人', { exact: true }).click();
    await chooseOption(form.locator('.el-select', { has: page.getByLabel('所属单位') }), page, '青川市发展和改革委员会', async () => `the form shows: ${await formShows(form)}`);
    await form.getByLabel('登录名').fill('lina-erke');
    await form.getByLabel('初始密码（8 到 128 个字符，用户首次登录时须修改）').fill('Chushi#2026');
    const before = await app.logPosition();
    await form.getByRole('button', { name: '创建账号' }).click();
    await seenInForm(form, fieldError(page, 'form-create-account', '姓名'), 'what the form says after 创建账号');
    expect(await fieldError(page, 'form-create-account', '姓名').textContent()).toContain('已有同名的有效单位经办人账号“李娜（市发改委）”');
    expect(await app.logPosition()).toBe(before);

    await form.getByText('确是另一位同名人员，仍要新建同名账号').click();
    await form.getByRole('button', { name: '创建账号' }).click();
    await row(page, 'lina-erke').waitFor();
    expect(await standing(page, 'lina-erke')).toBe('待首次登录改密');
    // Opened again, the form asks nothing about a same-named account until one is refused.
    await page.getByRole('button', { name: '新建账号' }).click();
    await form.getByLabel('姓名').waitFor();
    expect(await form.getByText('确是另一位同名人员，仍要新建同名账号').count()).toBe(0);
  });

  it('unlocks an account locked by five wrong passwords: the user signs in again at once with the same password', async () => {
    const inspector = await createPerson(app, 'INSPECTOR', '孙强', 'users-locked');
    for (let attempt = 1; attempt <= 5; attempt++) await app.graphql(SIGN_IN, { input: { loginName: 'users-locked', password: `wrong-${attempt}` } }, {});
    expect((await app.graphql(SIGN_IN, { input: { loginName: 'users-locked', password: inspector.initialPassword } }, {})).errors![0]!.extensions!.reason).toBe('ACCOUNT_LOCKED');

    const { page } = await contexts.open();
    await signIn(page, admin);
    await row(page, 'users-locked').waitFor();
    expect(await standing(page, 'users-locked')).toMatch(/^已锁定（至北京时间 \d{4}-\d{2}-\d{2} \d{2}:\d{2}）$/);
    await page.locator('[data-test="unlock-users-locked"]').click();
    await eventually(page, async () => (await standing(page, 'users-locked')) === '待首次登录改密', 'the account unlocked');
    expect(((await page.locator('[data-test="users-notice"]').textContent()) ?? '').trim()).toBe('已解锁“孙强”的账号，可用原密码登录。');
    expect(await page.locator('[data-test="unlock-users-locked"]').count()).toBe(0);
    expect((await app.graphql(SIGN_IN, { input: { loginName: 'users-locked', password: inspector.initialPassword } }, {})).errors).toBeUndefined();
  });

  it('resets a forgotten password: the old one stops working, the new initial one signs in and must be changed', async () => {
    const unit = await createPerson(app, 'SUPERVISOR', '冯雪', 'users-forgot');
    const { page } = await contexts.open();
    await signIn(page, admin);
    await row(page, 'users-forgot').getByRole('button', { name: '重设密码' }).click();
    const form = page.locator('[data-test="form-set-password"]');
    expect(await form.getByLabel('登录名').inputValue()).toBe('users-forgot');
    await form.getByLabel('新的初始密码（8 到 128 个字符，用户登录后须修改）').fill('short');
    await form.getByRole('button', { name: '保存' }).click();
    await seenInForm(form, fieldError(page, 'form-set-password', '新的初始密码（8 到 128 个字符，用户登录后须修改）'), 'what the form says after 保存');
    expect(await fieldError(page, 'form-set-password', '新的初始密码（8 到 128 个字符，用户登录后须修改）').textContent()).toBe('“初始密码”长度应为 8 到 128 个字符（现有 5 个）。');

    await form.getByLabel('新的初始密码（8 到 128 个字符，用户登录后须修改）').fill(' Reset 2026 ');
    await form.getByRole('button', { name: '保存' }).click();
    await eventually(page, async () => ((await page.locator('[data-test="users-notice"]').textContent()) ?? '').includes('初始密码已设置'), 'the password reset');
    expect(await standing(page, 'users-forgot')).toBe('待首次登录改密');
    expect((await app.graphql(SIGN_IN, { input: { loginName: 'users-forgot', password: unit.initialPassword } }, {})).errors![0]!.extensions!.reason).toBe('WRONG_CREDENTIALS');
    // Taken exactly as typed, spaces included.
    expect((await app.graphql(SIGN_IN, { input: { loginName: 'users-forgot', password: ' Reset 2026 ' } }, {})).errors).toBeUndefined();
  });

  // breaker11h P2: after a 502 (the server had set the password) the administrator typed another
  // password and pressed again under the kept key: told 初始密码已设置 while the account kept the first.
  it('after a 502 on 重设密码, another password pressed again is refused in a password’s words; 改用现在填写的内容 sets it', async () => {
    await createPerson(app, 'SUPERVISOR', '黄丽', 'users-502');
    const { page, context } = await contexts.open();
    await signIn(page, admin);
    await firstAnswerLost(context, 'setInitialPassword', { reachesServer: true });
    await row(page, 'users-502').getByRole('button', { name: '重设密码' }).click();
    const form = page.locator('[data-test="form-set-password"]');
    const password = form.getByLabel('新的初始密码（8 到 128 个字符，用户登录后须修改）');
    await password.fill('Qingchuan-2026a');
    await form.getByRole('button', { name: '保存' }).click();
    await seenInForm(form, form.getByText('服务器没有给出明确答复（HTTP 502）'), 'what the form says after 保存');
    await password.fill('Another-pass-2026');
    await form.getByRole('button', { name: '保存' }).click();
    await seenInForm(form, form.getByText('账号用的是那次填写的密码'), 'what the form says after 保存');
    expect(await page.locator('[data-test="users-notice"]', { hasText: '初始密码已设置' }).count()).toBe(0);
    expect((await app.graphql(SIGN_IN, { input: { loginName: 'users-502', password: 'Another-pass-2026' } }, {})).errors![0]!.extensions!.reason).toBe('WRONG_CREDENTIALS');
    expect(await form.locator('[data-test="put-back-handled"]').count()).toBe(0);

    await form.locator('[data-test="send-as-new"]').click();
    await eventually(page, async () => ((await page.locator('[data-test="users-notice"]').textContent()) ?? '').includes('初始密码已设置'), 'the password set again');
    expect((await app.graphql(SIGN_IN, { input: { loginName: 'users-502', password: 'Another-pass-2026' } }, {})).errors).toBeUndefined();
  });

  it('names a signed-in unit user once: the demo clerk 李娜（市发改委） is not followed by her unit again', async () => {
    const { page } = await contexts.open({ token: 'rct_demo_unit_fgw_qingchuan' });
    await page.goto('/workload');
    const header = page.locator('[data-test="signed-in-as"]');
    await header.waitFor();
    expect(((await header.textContent()) ?? '').trim()).toBe('李娜（市发改委）');
    const supervisor = (await contexts.open({ token: 'rct_demo_supervisor_qingchuan' })).page;
    await supervisor.goto('/overview');
    await supervisor.locator('[data-test="signed-in-as"]').waitFor();
    expect(((await supervisor.locator('[data-test="signed-in-as"]').textContent()) ?? '').trim()).toBe('张伟（政务公开办）');
  });
  it('stops an account and starts it again with a reason, the same login name signing in; corrects 姓名, and 所属单位 goes with the role (breaker11b G7)', async () => {
    const unitId = (await app.graphql(`{ units { id name } }`)).data!.units.find((unit: { name: string }) => unit.name === '青川市交通运输局').id;
    const clerk = await createPerson(app, 'UNIT', '王小明', 'users-wxm', unitId);
    const { page } = await contexts.open();
    await signIn(page, admin);
    await row(page, 'users-wxm').getByRole('button', { name: '停用' }).click();
    await page.locator('[data-test="form-deactivate"]').getByLabel('停用原因').fill('工作调动');
    await page.locator('[data-test="form-deactivate"]').getByRole('button', { name: '停用' }).click();
    await eventually(page, async () => (await standing(page, 'users-wxm')) === '已停用', 'the account stopped');

    await page.locator('[data-test="reactivate-users-wxm"]').click();
    const reactivate = page.locator('[data-test="form-reactivate"]');
    await reactivate.getByRole('button', { name: '启用' }).click();
    await seenInForm(reactivate, fieldError(page, 'form-reactivate', '启用原因'), 'what the form says after 启用');
    await reactivate.getByLabel('启用原因').fill('误停用');
    await reactivate.getByRole('button', { name: '启用' }).click();
    await eventually(page, async () => (await standing(page, 'users-wxm')) === '待首次登录改密', 'the account in use again');
    expect((await app.graphql(SIGN_IN, { input: { loginName: 'users-wxm', password: clerk.initialPassword } }, {})).errors).toBeUndefined();

    await page.locator('[data-test="change-users-wxm"]').click();
    const change = page.locator('[data-test="form-change-account"]');
    expect(await change.getByLabel('姓名').inputValue()).toBe('王小明');
    await change.getByLabel('姓名').fill('王晓明');
    // 现场督查员 has no unit: the field goes, and nothing of it is sent.
    await change.getByText('现场督查员', { exact: true }).click();
    expect(await change.getByLabel('所属单位', { exact: true }).count()).toBe(0);
    await change.getByLabel('修改原因').fill('姓名录入有误，改任现场督查员');
    await change.getByRole('button', { name: '保存修改' }).click();
    await eventually(page, async () => ((await row(page, 'users-wxm').textContent()) ?? '').includes('王晓明'), 'the corrected name');
    const account = (await app.graphql(`{ users(first: 200) { nodes { loginName name role unitId } } }`, {}, await app.as('ADMIN'))).data!.users.nodes.find(
      (user: { loginName: string | null }) => user.loginName === 'users-wxm',
    );
    expect(account).toEqual({ loginName: 'users-wxm', name: '王晓明', role: 'INSPECTOR', unitId: null });
  });

  it('refuses a change from a 修改 form read before another administrator changed the account, naming who, and keeps that change (newcomer50-9 S4)', async () => {
    const unitId = (await app.graphql(`{ units { id name } }`)).data!.units.find((unit: { name: string }) => unit.name === '青川市交通运输局').id;
    await createPerson(app, 'UNIT', '陈小红', 'users-cxh', unitId);
    const { page } = await contexts.open();
    await signIn(page, admin);
    await page.locator('[data-test="change-users-cxh"]').click();
    const change = page.locator('[data-test="form-change-account"]');
    expect(await change.getByLabel('姓名').inputValue()).toBe('陈小红');
    // Meanwhile another administrator corrects the name.
    const userId = (await app.graphql(`{ users(first: 200) { nodes { id loginName } } }`, {}, await app.as('ADMIN'))).data!.users.nodes.find((user: { loginName: string | null }) => user.loginName === 'users-cxh').id;
    const other = await app.graphql(`mutation($input: ChangeUserAccountInput!) { changeUserAccount(input: $input) { id } }`, { input: { idempotencyKey: 'other-admin-cxh', userId, name: '陈晓红', role: 'UNIT', unitId, reason: '姓名录入有误' } }, await app.as('ADMIN'));
    expect(other.errors).toBeUndefined();
    await change.getByText('现场督查员', { exact: true }).click();
    await change.getByLabel('修改原因').fill('改任现场督查员');
    await change.getByRole('button', { name: '保存修改' }).click();
    await eventually(page, async () => ((await page.textContent('body')) ?? '').includes('用户 陈晓红 的账号刚由ADMIN改为 陈晓红，单位经办人，青川市交通运输局（'), 'the refusal naming the other administrator');
    const account = (await app.graphql(`{ users(first: 200) { nodes { loginName name role } } }`, {}, await app.as('ADMIN'))).data!.users.nodes.find((user: { loginName: string | null }) => user.loginName === 'users-cxh');
    expect(account).toEqual({ loginName: 'users-cxh', name: '陈晓红', role: 'UNIT' });
    // The page read the account again (newcomer51-9 M5): the list behind shows the other administrator's name, the form keeps what
    // was typed and says so, and a second press — the admin still wants the role change — is recorded on top of that change.
    await change.locator('[data-test="form-reread"]').waitFor();
    expect(await row(page, 'users-cxh').textContent()).toContain('陈晓红');
    expect(await change.getByLabel('修改原因').inputValue()).toBe('改任现场督查员');
    await change.getByLabel('姓名').fill('陈晓红');
    await change.getByRole('button', { name: '保存修改' }).click();
    await eventually(page, async () => ((await row(page, 'users-cxh').textContent()) ?? '').includes('现场督查员'), 'the role changed by the second press');
    const changed = (await app.graphql(`{ users(first: 200) { nodes { loginName name role } } }`, {}, await app.as('ADMIN'))).data!.users.nodes.find((user: { loginName: string | null }) => user.loginName === 'users-cxh');
    expect(changed).toEqual({ loginName: 'users-cxh', name: '陈晓红', role: 'INSPECTOR' });
  });

  it('refuses 设置密码 from a dialog opened before another administrator set one, naming who and the login name; the handed-over one keeps working (breaker52-9 S1)', async () => {
    const REGISTER = `mutation($i: RegisterUserInput!) { registerUser(input: $i) { user { id } } }`;
    const userId = (await app.graphql(REGISTER, { i: { idempotencyKey: 'users-zhoutao', name: '周涛', role: 'SUPERVISOR' } }, await app.as('ADMIN'))).data!.registerUser.user.id as string;
    const { page } = await contexts.open();
    await signIn(page, admin);
    await row(page, '周涛').getByRole('button', { name: '设置密码' }).click();
    const dialog = page.locator('.el-dialog', { has: page.locator('[data-test="form-set-password"]') });
    const form = dialog.locator('[data-test="form-set-password"]');
    await form.waitFor();
    // Meanwhile another administrator, whose dialog showed the same 「未设置密码」, sets zhoutao and hands it over.
    const other = await app.graphql(
      `mutation($i: SetInitialPasswordInput!) { setInitialPassword(input: $i) { id } }`,
      { i: { idempotencyKey: 'users-zhoutao-other', userId, loginName: 'zhoutao', password: 'Chushi#2026a', expectedPasswordSet: false } },
      await app.as('ADMIN'),
    );
    expect(other.errors).toBeUndefined();
    await form.getByLabel('登录名').fill('zhout2');
    await form.getByLabel('初始密码（8 到 128 个字符，用户登录后须修改）').fill('Chushi#2026b');
    await form.getByRole('button', { name: '保存' }).click();
    await eventually(page, async () => ((await form.textContent()) ?? '').includes('用户 周涛 的登录名和密码刚由ADMIN改为 登录名 zhoutao（北京时间'), 'the refusal naming the other administrator');
    expect((await app.graphql(SIGN_IN, { input: { loginName: 'zhoutao', password: 'Chushi#2026a' } }, {})).errors).toBeUndefined();
    // The page read the account again: the dialog is now 重设密码 on zhoutao; what was typed stays; a second press resets it.
    await form.locator('[data-test="form-reread"]').waitFor();
    expect(((await dialog.locator('.el-dialog__title').textContent()) ?? '').trim()).toBe('重设密码：周涛');
    expect(await form.getByLabel('登录名').inputValue()).toBe('zhout2');
    const password = form.getByLabel('新的初始密码（8 到 128 个字符，用户登录后须修改）');
    if ((await password.inputValue()) === '') await password.fill('Chushi#2026b');
    await form.getByRole('button', { name: '保存' }).click();
    await eventually(page, async () => ((await row(page, '周涛').textContent()) ?? '').includes('zhout2'), 'the login name set by the second press');
    expect((await app.graphql(SIGN_IN, { input: { loginName: 'zhout2', password: 'Chushi#2026b' } }, {})).errors).toBeUndefined();
  });

  it('reaches every account’s state and actions on a phone without sideways scrolling (breaker11 F8)', async () => {
    const inspector = await createPerson(app, 'INSPECTOR', '孙丽', 'users-phone-locked');
    for (let attempt = 1; attempt <= 5; attempt++) await app.graphql(SIGN_IN, { input: { loginName: inspector.loginName, password: `wrong-${attempt}` } }, {});
    const { page } = await contexts.open({ viewport: { width: 390, height: 844 } });
    await signIn(page, admin);
    await row(page, 'users-phone-locked').waitFor();
    const unlock = page.locator('[data-test="unlock-users-phone-locked"]');
    await unlock.scrollIntoViewIfNeeded();
    const box = (await unlock.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    const scroll = (await page.evaluate(`(() => { const wrap = document.querySelector('[data-test="users"] .el-scrollbar__wrap'); return { scroll: wrap.scrollWidth, width: wrap.clientWidth }; })()`)) as { scroll: number; width: number };
    expect(scroll.scroll).toBeLessThanOrEqual(scroll.width + 1);
    expect(await standing(page, 'users-phone-locked')).toMatch(/^已锁定/);
    await unlock.click();
    await eventually(page, async () => (await standing(page, 'users-phone-locked')) === '待首次登录改密', 'the account unlocked from the phone');
  });

  it('tells a merged unit’s clerk where the work went, marks the account in 用户管理, and offers no merged unit for a new one (newcomer22 S8)', async () => {
    const { data } = await app.graphql(`{ units { id code } }`);
    const hbj = data!.units.find((unit: { code: string }) => unit.code === 'HBJ').id as string;
    const clerk = await createPerson(app, 'UNIT', '孔明亮', 'users-merged-clerk', hbj);
    const adminToken = await app.as('ADMIN');
    const successor = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, {
      input: { idempotencyKey: 'users-sthjj', code: 'STHJJ', name: '青川市生态环境局', kind: 'DEPARTMENT', registeredOn: officeDay(-3) },
    }, adminToken);
    expect(successor.errors).toBeUndefined();
    const merged = await app.graphql(`mutation($input: MergeUnitInput!) { mergeUnit(input: $input) { unit { mergedOn } } }`, {
      input: { idempotencyKey: 'users-merge-hbj', unitId: hbj, successorUnitId: successor.data!.registerUnit.id, mergedOn: officeDay(-1), reason: '机构改革：组建市生态环境局' },
    }, adminToken);
    expect(merged.errors).toBeUndefined();

    const { page: clerkPage } = await contexts.open();
    await signIn(clerkPage, clerk);
    await clerkPage.goto('/workload');
    const notice = clerkPage.locator('[data-test="unit-merged"]');
    await notice.waitFor();
    expect(((await notice.textContent()) ?? '').trim()).toBe(
      `青川市环境保护局已于 ${officeDay(-1)} 并入青川市生态环境局，原有任务已移交青川市生态环境局；请联系管理员把本账号调整到青川市生态环境局。`,
    );
    expect(await contrastFailures(clerkPage)).toEqual([]);

    const { page } = await contexts.open();
    await signIn(page, admin);
    await row(page, 'users-merged-clerk').waitFor();
    expect(((await row(page, 'users-merged-clerk').locator('[data-test="unit-merged"]').textContent()) ?? '').trim()).toBe(`所属单位已于 ${officeDay(-1)} 并入青川市生态环境局`);
    expect(await row(page, 'unit-fgw').locator('[data-test="unit-merged"]').count()).toBe(0);
    expect(await contrastFailures(page)).toEqual([]);
    await page.getByRole('button', { name: '新建账号' }).click();
    const form = page.locator('[data-test="form-create-account"]');
    await form.getByText('单位经办人', { exact: true }).click();
    await form.getByLabel('所属单位').click();
    const offered = page.locator('.el-select-dropdown__item:visible');
    await offered.first().waitFor();
    const names = (await offered.allTextContents()).map((name) => name.trim());
    expect(names).toContain('青川市生态环境局');
    expect(names).not.toContain('青川市环境保护局');
  });
});

