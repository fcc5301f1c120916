import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { DEMO_PASSWORD, demoUsers } from '../../src/demo/demo-data.js';
import { TestApp, errorCode, freshDatabasePath, startTestApp } from '../support/test-app.js';

const SIGN_IN = `mutation($input: SignInInput!) { signIn(input: $input) { token expiresAt mustChangePassword user { id name role unitId unitName loginName mustChangePassword } } }`;
const ME = `{ me { id name role loginName mustChangePassword } }`;
const CHANGE_PASSWORD = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { mustChangePassword } }`;
const SET_INITIAL_PASSWORD = `mutation($input: SetInitialPasswordInput!) { setInitialPassword(input: $input) { id loginName mustChangePassword lockedUntil } }`;
const SIGN_OUT = `mutation { signOut }`;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
let keys = 0;
const key = () => `sign-in-${++keys}`;

/** Issue 11: staff sign in with a login name and password; API tokens stay for scripts. */
describe('Sign-in with a login name and password', () => {
  let app: TestApp;
  let sqlitePath: string;
  let admin: Record<string, string>;

  const signIn = (loginName: string, password: string) => app.graphql(SIGN_IN, { input: { loginName, password } }, {});
  const signedIn = async (loginName: string, password: string) => {
    const response = await signIn(loginName, password);
    expect(response.errors).toBeUndefined();
    return response.data!.signIn as { token: string; expiresAt: string; mustChangePassword: boolean; user: Record<string, unknown> };
  };
  /** A new INSPECTOR account with an administrator's initial password. */
  const newAccount = async (loginName: string, password = 'Chushi#2026') => {
    const registered = await app.graphql(`mutation($input: RegisterUserInput!) { registerUser(input: $input) { user { id } } }`, { input: { idempotencyKey: key(), name: `检查员 ${loginName}`, role: 'INSPECTOR' } }, admin);
    const userId = registered.data!.registerUser.user.id as string;
    const set = await app.graphql(SET_INITIAL_PASSWORD, { input: { idempotencyKey: key(), userId, loginName, password } }, admin);
    expect(set.errors).toBeUndefined();
    expect(set.data!.setInitialPassword).toEqual({ id: userId, loginName, mustChangePassword: true, lockedUntil: null });
    return userId;
  };

  beforeAll(async () => {
    sqlitePath = freshDatabasePath();
    app = await startTestApp({ demoData: true, sqlitePath, now: '2026-04-10T09:00:00+08:00' });
    admin = await app.as('ADMIN');
  });

  afterAll(async () => {
    await app.close();
  });

  it('signs every demo account in with the password printed at start, without a change first', async () => {
    for (const demo of demoUsers) {
      const session = await signedIn(demo.loginName, DEMO_PASSWORD);
      expect(session).toMatchObject({ mustChangePassword: false, user: { name: demo.name, role: demo.role, loginName: demo.loginName } });
      expect(session.expiresAt).toBe('2026-04-10T13:00:00.000Z'); // 12 hours after 09:00 in Beijing
      const me = await app.graphql(ME, {}, bearer(session.token));
      expect(me.data!.me).toMatchObject({ name: demo.name, role: demo.role });
    }
    const unit = await signedIn('unit-fgw', DEMO_PASSWORD);
    expect(unit.user.unitName).toBe('青川市发展和改革委员会');
  });

  it('takes the login name whatever its case or full-width letters, the password exactly as typed', async () => {
    await signedIn('  SUPERVISOR ', DEMO_PASSWORD);
    await signedIn('ｓｕｐｅｒｖｉｓｏｒ', DEMO_PASSWORD);
    expect((await signIn('supervisor', ` ${DEMO_PASSWORD}`)).errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'WRONG_CREDENTIALS' });
  });

  it('answers an unknown name like a wrong password, and records nothing for it', async () => {
    const before = await app.logPosition();
    const unknown = await signIn('nobody', 'whatever-password');
    expect(unknown.errors![0]).toMatchObject({ message: 'The login name or password is wrong.', extensions: { code: 'UNAUTHENTICATED', reason: 'WRONG_CREDENTIALS', messageZh: '登录名或密码错误。' } });
    expect(await app.logPosition()).toBe(before);
  });

  it('makes a new user choose their own password before anything else, then ends their other sessions', async () => {
    await newAccount('wangli');
    const first = await signedIn('wangli', 'Chushi#2026');
    const second = await signedIn('wangli', 'Chushi#2026');
    expect(first.mustChangePassword).toBe(true);

    const blocked = await app.graphql(`{ evaluations { totalCount } }`, {}, bearer(first.token));
    expect(blocked.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PASSWORD_CHANGE_REQUIRED', messageZh: '您使用的是初始密码，请先修改密码。' });
    expect((await app.graphql(ME, {}, bearer(first.token))).data!.me).toMatchObject({ loginName: 'wangli', mustChangePassword: true });

    const wrongCurrent = await app.graphql(CHANGE_PASSWORD, { input: { idempotencyKey: key(), currentPassword: 'guess', newPassword: 'Wangli-own-2026' } }, bearer(first.token));
    expect(wrongCurrent.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currentPassword', messageZh: '当前密码不正确。' });
    const same = await app.graphql(CHANGE_PASSWORD, { input: { idempotencyKey: key(), currentPassword: 'Chushi#2026', newPassword: 'Chushi#2026' } }, bearer(first.token));
    expect(same.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });
    const short = await app.graphql(CHANGE_PASSWORD, { input: { idempotencyKey: key(), currentPassword: 'Chushi#2026', newPassword: 'short' } }, bearer(first.token));
    expect(short.errors![0]!.extensions!.fieldErrors).toEqual([{ field: 'newPassword', message: 'newPassword must be 8 to 128 characters long', messageZh: '“新密码”长度应为 8 到 128 个字符（现有 5 个）。' }]);
    // Past the 1,024-character limit of the current password, the message says the limit (it lost its number once).
    const long = await app.graphql(CHANGE_PASSWORD, { input: { idempotencyKey: key(), currentPassword: 'x'.repeat(1025), newPassword: 'Wangli-own-2026' } }, bearer(first.token));
    expect(long.errors![0]!.extensions!.fieldErrors).toEqual([{ field: 'currentPassword', message: expect.any(String), messageZh: '“当前密码”最多 1024 个字符（现有 1025 个）。' }]);

    const changed = await app.graphql(CHANGE_PASSWORD, { input: { idempotencyKey: key(), currentPassword: 'Chushi#2026', newPassword: 'Wangli-own-2026' } }, bearer(first.token));
    expect(changed.data!.changePassword).toEqual({ mustChangePassword: false });
    expect((await app.graphql(`{ evaluations { totalCount } }`, {}, bearer(first.token))).errors).toBeUndefined();
    expect(errorCode(await app.graphql(ME, {}, bearer(second.token)))).toBe('UNAUTHENTICATED');
    expect(errorCode(await signIn('wangli', 'Chushi#2026'))).toBe('UNAUTHENTICATED');
    expect((await signedIn('wangli', 'Wangli-own-2026')).mustChangePassword).toBe(false);
  });

  it('locks the account for 15 minutes at the fifth wrong password in a row, as an event; a right password waits too', async () => {
    const userId = await newAccount('zhaolei');
    for (let attempt = 1; attempt <= 4; attempt++) expect((await signIn('zhaolei', `wrong-${attempt}`)).errors![0]!.extensions!.reason).toBe('WRONG_CREDENTIALS');
    const fifth = await signIn('zhaolei', 'wrong-5');
    expect(fifth.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'ACCOUNT_LOCKED', lockedUntil: '2026-04-10T01:15:00.000Z' });
    // People read the office's clock, not UTC: 01:15Z is 09:15 in China.
    expect(fifth.errors![0]!.extensions!.messageZh).toBe('登录失败次数过多，账号已锁定至北京时间 2026-04-10 09:15。请稍后再试，或请管理员解锁（忘记密码时请管理员重设密码）。');

    const before = await app.logPosition();
    expect((await signIn('zhaolei', 'Chushi#2026')).errors![0]!.extensions!.reason).toBe('ACCOUNT_LOCKED');
    expect(await app.logPosition()).toBe(before);
    const users = await app.graphql(`{ users(first: 200) { nodes { id lockedUntil } } }`, {}, admin);
    expect(users.data!.users.nodes.find((user: { id: string }) => user.id === userId).lockedUntil).toBe('2026-04-10T01:15:00.000Z');

    app.clock.set('2026-04-10T09:15:00+08:00');
    expect((await signedIn('zhaolei', 'Chushi#2026')).mustChangePassword).toBe(true);
    app.clock.set('2026-04-10T09:00:00+08:00');

    const events = new Database(sqlitePath, { readonly: true })
      .prepare(`SELECT type FROM events WHERE stream_id = ? ORDER BY position`)
      .all(`user-${userId}`)
      .map((row) => (row as { type: string }).type);
    expect(events).toEqual(['UserRegistered', 'AccessTokenIssued', 'InitialPasswordSet', ...Array(5).fill('SignInFailed'), 'AccountLocked', 'SessionStarted']);
  });

  it('is unlocked by an administrator before the 15 minutes are over, as an event; the password stays', async () => {
    const userId = await newAccount('sunli');
    const USERS = `{ users(first: 200) { nodes { id locked lockedUntil } } }`;
    const listed = async () => (await app.graphql(USERS, {}, admin)).data!.users.nodes.find((user: { id: string }) => user.id === userId);
    const UNLOCK = `mutation($input: UnlockAccountInput!) { unlockAccount(input: $input) { id locked lockedUntil } }`;

    const notLocked = await app.graphql(UNLOCK, { input: { idempotencyKey: key(), userId } }, admin);
    expect(notLocked.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', messageZh: '用户 检查员 sunli 的账号没有被锁定，无需解锁。' });
    for (let attempt = 1; attempt <= 5; attempt++) await signIn('sunli', `wrong-${attempt}`);
    expect(await listed()).toEqual({ id: userId, locked: true, lockedUntil: '2026-04-10T01:15:00.000Z' });
    const supervisor = await app.as('SUPERVISOR');
    expect(errorCode(await app.graphql(UNLOCK, { input: { idempotencyKey: key(), userId } }, supervisor))).toBe('FORBIDDEN');

    const unlockKey = key();
    const unlocked = await app.graphql(UNLOCK, { input: { idempotencyKey: unlockKey, userId } }, admin);
    expect(unlocked.data!.unlockAccount).toEqual({ id: userId, locked: false, lockedUntil: null });
    const position = await app.logPosition();
    expect((await app.graphql(UNLOCK, { input: { idempotencyKey: unlockKey, userId } }, admin)).errors).toBeUndefined();
    expect(await app.logPosition()).toBe(position);
    expect((await signedIn('sunli', 'Chushi#2026')).mustChangePassword).toBe(true);

    const events = new Database(sqlitePath, { readonly: true })
      .prepare(`SELECT type, data FROM events WHERE stream_id = ? ORDER BY position`)
      .all(`user-${userId}`) as { type: string; data: string }[];
    expect(events.map((event) => event.type)).toEqual(['UserRegistered', 'AccessTokenIssued', 'InitialPasswordSet', ...Array(5).fill('SignInFailed'), 'AccountLocked', 'AccountUnlocked', 'SessionStarted']);
    expect(JSON.parse(events.find((event) => event.type === 'AccountUnlocked')!.data)).toEqual({ userId, unlockedOn: '2026-04-10' });
  });

  it('creates an account with its login name and initial password in one step, or not at all', async () => {
    const REGISTER = `mutation($input: RegisterUserInput!) { registerUser(input: $input) { user { id name role loginName mustChangePassword locked unitName } } }`;
    const fgw = (await app.graphql(`{ units { id code } }`, {}, admin)).data!.units.find((unit: { code: string }) => unit.code === 'FGW').id;
    const created = await app.graphql(REGISTER, { input: { idempotencyKey: key(), name: '钱明', role: 'UNIT', unitId: fgw, loginName: 'qianming', initialPassword: 'Chushi#2026' } }, admin);
    expect(created.data!.registerUser.user).toMatchObject({ name: '钱明', role: 'UNIT', loginName: 'qianming', mustChangePassword: true, locked: false, unitName: '青川市发展和改革委员会' });
    expect((await signedIn('qianming', 'Chushi#2026')).mustChangePassword).toBe(true);

    const before = await app.logPosition();
    const taken = await app.graphql(REGISTER, { input: { idempotencyKey: key(), name: '钱明二', role: 'INSPECTOR', loginName: 'QianMing', initialPassword: 'Chushi#2026' } }, admin);
    expect(taken.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', field: 'loginName', messageZh: '登录名“QianMing”已被其他账号使用。' });
    const half = await app.graphql(REGISTER, { input: { idempotencyKey: key(), name: '钱明三', role: 'INSPECTOR', loginName: 'qianming3' } }, admin);
    expect(half.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'initialPassword', messageZh: '填写了登录名，请同时填写初始密码。' });
    expect(await app.logPosition()).toBe(before);
  });

  // breaker11h P2: after a 502 the web form sent another password under the kept key; the server left
  // passwords out of the request's digest and answered "saved" while the account kept the first.
  it('counts the password in the request under a key: another password sent again under it is CONFLICT, the first stands (set, create, change)', async () => {
    const userId = (await app.graphql(`mutation($input: RegisterUserInput!) { registerUser(input: $input) { user { id } } }`, { input: { idempotencyKey: key(), name: '黄丽', role: 'INSPECTOR' } }, admin)).data!.registerUser.user.id as string;
    const setKey = key();
    const set = (password: string) => app.graphql(SET_INITIAL_PASSWORD, { input: { idempotencyKey: setKey, userId, loginName: 'huangli', password } }, admin);
    expect((await set('Qingchuan-2026a')).errors).toBeUndefined();
    expect((await set('Qingchuan-2026a')).errors).toBeUndefined(); // a retry: the first result
    const before = await app.logPosition();
    expect((await set('Another-pass-2026')).errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'REQUEST_KEY_REUSED', messageZh: expect.stringContaining('账号用的是那次填写的密码') });
    expect(await app.logPosition()).toBe(before);
    expect(errorCode(await signIn('huangli', 'Another-pass-2026'))).toBe('UNAUTHENTICATED');
    const session = await signedIn('huangli', 'Qingchuan-2026a');

    const REGISTER = `mutation($input: RegisterUserInput!) { registerUser(input: $input) { user { id } } }`;
    const createKey = key();
    const create = (initialPassword: string) => app.graphql(REGISTER, { input: { idempotencyKey: createKey, name: '周敏', role: 'INSPECTOR', loginName: 'zhoumin', initialPassword } }, admin);
    expect((await create('First-pass-2026')).errors).toBeUndefined();
    expect((await create('Second-pass-2026')).errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'REQUEST_KEY_REUSED' });
    expect(errorCode(await signIn('zhoumin', 'Second-pass-2026'))).toBe('UNAUTHENTICATED');
    await signedIn('zhoumin', 'First-pass-2026');

    const changeKey = key();
    const change = (newPassword: string) => app.graphql(CHANGE_PASSWORD, { input: { idempotencyKey: changeKey, currentPassword: 'Qingchuan-2026a', newPassword } }, bearer(session.token));
    expect((await change('Huangli-new-2026')).errors).toBeUndefined();
    expect((await change('Huangli-new-2026')).errors).toBeUndefined();
    expect((await change('Huangli-other-2026')).errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'REQUEST_KEY_REUSED', messageZh: expect.stringContaining('现在生效的是那次填写的新密码') });
    expect(errorCode(await signIn('huangli', 'Huangli-other-2026'))).toBe('UNAUTHENTICATED');
    await signedIn('huangli', 'Huangli-new-2026');

    // Counted, never readable: the log holds neither password nor a fast hash of one.
    const log = new Database(sqlitePath, { readonly: true }).prepare(`SELECT data || metadata AS data FROM events`).all().map((row) => (row as { data: string }).data).join('\n');
    for (const password of ['Qingchuan-2026a', 'First-pass-2026', 'Huangli-new-2026']) {
      expect(log).not.toContain(password);
      expect(log).not.toContain(createHash('sha256').update(password).digest('hex'));
    }
  });

  it('ends the session at sign-out; API tokens are not ended by it', async () => {
    const session = await signedIn('inspector', DEMO_PASSWORD);
    expect((await app.graphql(SIGN_OUT, {}, bearer(session.token))).data).toEqual({ signOut: true });
    const after = await app.graphql(ME, {}, bearer(session.token));
    expect(after.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', messageZh: '此次登录已结束，请重新登录。' });

    const apiToken = bearer(demoUsers.find((user) => user.role === 'INSPECTOR')!.token);
    expect((await app.graphql(SIGN_OUT, {}, apiToken)).data).toEqual({ signOut: false });
    expect((await app.graphql(ME, {}, apiToken)).errors).toBeUndefined();
  });

  it('lets a session expire after 12 hours', async () => {
    const session = await signedIn('supervisor', DEMO_PASSWORD);
    app.clock.set('2026-04-10T21:00:01+08:00');
    try {
      expect((await app.graphql(ME, {}, bearer(session.token))).errors![0]!.message).toBe('This session expired at 2026-04-10T13:00:00.000Z. Sign in again.');
    } finally {
      app.clock.set('2026-04-10T09:00:00+08:00');
    }
  });

  it('lets a stale token in the browser stand in the way of nothing: sign-in works with it', async () => {
    const response = await app.graphql(SIGN_IN, { input: { loginName: 'supervisor', password: DEMO_PASSWORD } }, bearer(`rct_${'x'.repeat(43)}`));
    expect(response.errors).toBeUndefined();
  });

  it('gives one login name to one account, and keeps only an argon2id hash: no password in the log', async () => {
    const taken = await app.graphql(
      `mutation($input: RegisterUserInput!) { registerUser(input: $input) { user { id } } }`,
      { input: { idempotencyKey: key(), name: '重名者', role: 'SUPERVISOR' } },
      admin,
    );
    const refused = await app.graphql(SET_INITIAL_PASSWORD, { input: { idempotencyKey: key(), userId: taken.data!.registerUser.user.id, loginName: 'Supervisor', password: 'Another#2026' } }, admin);
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', messageZh: '登录名“Supervisor”已被其他账号使用。' });

    const log = new Database(sqlitePath, { readonly: true }).prepare(`SELECT data || metadata AS data FROM events`).all().map((row) => (row as { data: string }).data).join('\n');
    expect(log).not.toContain('Chushi#2026');
    expect(log).not.toContain('Wangli-own-2026');
    expect(log).not.toContain(DEMO_PASSWORD);
    expect(log).toMatch(/"passwordHash":"\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('is for administrators to set, and refuses a weak initial password field by field', async () => {
    const supervisor = await app.as('SUPERVISOR');
    const userId = await app.userId('INSPECTOR');
    expect(errorCode(await app.graphql(SET_INITIAL_PASSWORD, { input: { idempotencyKey: key(), userId, loginName: 'someone', password: 'Long-enough-1' } }, supervisor))).toBe('FORBIDDEN');
    const weak = await app.graphql(SET_INITIAL_PASSWORD, { input: { idempotencyKey: key(), userId, loginName: 'two words', password: '1234' } }, admin);
    expect(weak.errors![0]!.extensions!.fieldErrors).toEqual([
      { field: 'loginName', message: 'loginName must be 2 to 50 characters without spaces', messageZh: '“登录名”应为 2 到 50 个字符，不能含空格。' },
      { field: 'password', message: 'password must be 8 to 128 characters long', messageZh: '“初始密码”长度应为 8 到 128 个字符（现有 4 个）。' },
    ]);
  });
});
