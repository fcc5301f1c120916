import { TestApp, errorCode, freshDatabasePath, startTestApp, type GraphqlResponse } from '../support/test-app.js';

/*
 * breaker9z P3 (= breaker9y P3): beside the demo's admin / supervisor / inspector / unit-fgw, an
 * administrator could register аdmin (Cyrillic а), unіt-fgw (Cyrillic і), inspectоr (Cyrillic о),
 * admín, ɑdmin, 李ー beside 李一 and 財务科 beside 财务科: names nobody tells apart in a list of
 * accounts or a history. Such a name is now refused CONFLICT on loginName, naming the account's
 * login name it looks like (`loginNameSkeleton`), also when two are given at once.
 */
describe('a login name that looks like another account’s', () => {
  let app: TestApp;
  let admin: Record<string, string>;
  let keys = 0;
  const key = () => `look-alike-${++keys}`;

  const register = (loginName: string, idempotencyKey = key()) =>
    app.graphql(
      `mutation($input: RegisterUserInput!) { registerUser(input: $input) { user { id loginName } } }`,
      { input: { idempotencyKey, name: `测试${idempotencyKey}`, role: 'SUPERVISOR', loginName, initialPassword: 'Chushi#2026' } },
      admin,
    );
  const refusal = (answer: GraphqlResponse) => ({ code: errorCode(answer), ...answer.errors?.[0]?.extensions });

  beforeAll(async () => {
    app = await startTestApp({ demoData: true, now: '2026-11-30T09:00:00+08:00' });
    admin = await app.as('ADMIN');
  });
  afterAll(() => app.close());

  it.each([
    ['аdmin', 'admin'],
    ['unіt-fgw', 'unit-fgw'],
    ['inspectоr', 'inspector'],
    ['supervіsor', 'supervisor'],
    ['admín', 'admin'],
    ['ɑdmin', 'admin'],
  ])('refuses %s beside the demo’s %s, naming it, and writes nothing', async (typed, existing) => {
    const before = await app.logPosition();
    const answer = await register(typed);
    expect(refusal(answer)).toMatchObject({ code: 'CONFLICT', field: 'loginName', reason: 'LOGIN_NAME_LOOKS_ALIKE' });
    expect(answer.errors![0]!.extensions!.messageZh).toBe(
      `登录名“${typed}”与已有账号的登录名“${existing}”看起来几乎一样（含有形近的字符，如其他文字的字母、全角或繁体字、带声调的字母、数字0与字母O、数字1与字母l），容易被认错：请换一个登录名。`,
    );
    expect(await app.logPosition()).toBe(before);
  });

  it('refuses 財务科 beside 财务科 and 李ー, 李－ beside 李一; a different name is given', async () => {
    expect((await register('财务科')).errors).toBeUndefined();
    expect((await register('李一')).errors).toBeUndefined();
    for (const [typed, existing] of [['財务科', '财务科'], ['財務科', '财务科'], ['李ー', '李一'], ['李－', '李一']] as const) {
      const answer = await register(typed);
      expect(refusal(answer)).toMatchObject({ code: 'CONFLICT', field: 'loginName' });
      expect(answer.errors![0]!.extensions!.messageZh).toContain(`与已有账号的登录名“${existing}”看起来几乎一样`);
    }
    expect((await register('财政科')).errors).toBeUndefined();
  });

  it('refuses giving an account (setInitialPassword) a login name that looks like another account’s; its own stays its own', async () => {
    const made = await register('zhangwei');
    expect(made.errors).toBeUndefined();
    const userId = made.data!.registerUser.user.id as string;
    const setLogin = (loginName: string) =>
      app.graphql(`mutation($input: SetInitialPasswordInput!) { setInitialPassword(input: $input) { id loginName } }`, { input: { idempotencyKey: key(), userId, loginName, password: 'Chushi#2026' } }, admin);
    expect(refusal(await setLogin('superviѕor'))).toMatchObject({ code: 'CONFLICT', field: 'loginName', reason: 'LOGIN_NAME_LOOKS_ALIKE' });
    // A reset that spells its own login name with a look-alike is the account's own affair.
    const own = await setLogin('zhangweí');
    expect(own.errors).toBeUndefined();
    expect(refusal(await register('zhangwei'))).toMatchObject({ code: 'CONFLICT', field: 'loginName', reason: 'LOGIN_NAME_LOOKS_ALIKE' });
    // A name it gave up is free again, to anyone: both its claims are taken over.
    expect((await setLogin('wangwei')).errors).toBeUndefined();
    expect((await register('zhangwei')).errors).toBeUndefined();
  });

  it('refuses a login name that mixes scripts although no account has the name it copies (аlice: Cyrillic а), naming the scripts', async () => {
    const before = await app.logPosition();
    const answer = await register('аlice');
    expect(refusal(answer)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'loginName', reason: 'LOGIN_NAME_MIXED_SCRIPTS' });
    expect(answer.errors![0]!.extensions!.messageZh).toBe(
      '登录名“аlice”混用了西里尔字母和拉丁字母：这样的登录名可以与只用一种文字写成的登录名看起来一模一样，容易被认错。请只用一种文字的字母（汉字可与拼音字母同用）。',
    );
    expect(await app.logPosition()).toBe(before);
    expect((await register('李na')).errors).toBeUndefined();
  });

  it('gives one of several look-alike login names registered at once, whatever the order they arrive in', async () => {
    // 16 names, each another spelling of one look in one script: o as o, 0, ò or ó; i as i, í, ì or î.
    const names = ['o', '0', 'ò', 'ó'].flatMap((o) => ['i', 'í', 'ì', 'î'].map((i) => `zh${o}um${i}n`));
    const answers = await Promise.all(names.map((name) => register(name)));
    expect(answers.filter((answer) => !answer.errors)).toHaveLength(1);
    expect(answers.filter((answer) => answer.errors).map((answer) => ({ code: errorCode(answer), field: answer.errors![0]!.extensions!.field }))).toEqual(
      Array.from({ length: names.length - 1 }, () => ({ code: 'CONFLICT', field: 'loginName' })),
    );
    const users = (await app.graphql(`{ users(first: 200) { nodes { loginName } } }`, {}, admin)).data!.users.nodes as { loginName: string | null }[];
    expect(users.filter((user) => user.loginName !== null && names.includes(user.loginName))).toHaveLength(1);
  });

  it('gives one of two look-alike login names registered at once on two servers of one store (each its own read models)', async () => {
    const sqlitePath = freshDatabasePath();
    const one = await startTestApp({ sqlitePath, now: '2026-11-30T09:00:00+08:00' });
    const two = await startTestApp({ sqlitePath, now: '2026-11-30T09:00:00+08:00' });
    try {
      const registerOn = async (server: TestApp, loginName: string, idempotencyKey: string) =>
        server.graphql(
          `mutation($input: RegisterUserInput!) { registerUser(input: $input) { user { id } } }`,
          { input: { idempotencyKey, name: `测试${idempotencyKey}`, role: 'INSPECTOR', loginName, initialPassword: 'Chushi#2026' } },
          await server.as('ADMIN'),
        );
      await Promise.all([one.as('ADMIN'), two.as('ADMIN')]);
      for (const [round, [first, second]] of [['lisi', 'lísi'], ['王财', '王財'], ['chen0', 'cheno']].entries()) {
        const answers = await Promise.all([registerOn(one, first!, `two-servers-${round}-a`), registerOn(two, second!, `two-servers-${round}-b`)]);
        expect(answers.filter((answer) => !answer.errors)).toHaveLength(1);
        expect(refusal(answers.find((answer) => answer.errors)!)).toMatchObject({ code: 'CONFLICT', field: 'loginName' });
      }
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
});
