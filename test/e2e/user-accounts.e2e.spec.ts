import { TestApp, errorCode, startTestApp } from '../support/test-app.js';

const SIGN_IN = `mutation($input: SignInInput!) { signIn(input: $input) { token } }`;
const CHANGE_PASSWORD = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { mustChangePassword } }`;
const USER = 'id name role unitId unitName active deactivationReason';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
let keys = 0;
const key = () => `user-accounts-${++keys}`;

/**
 * breaker11b G7: an account stopped by mistake (or back from a secondment) is used again under the
 * same login name, and a wrong 姓名 / 所属单位 / 角色 is corrected — each an event with its reason —
 * so one person keeps one history.
 */
describe('correcting and reactivating accounts', () => {
  let app: TestApp;
  let admin: Record<string, string>;
  let units: { id: string; name: string }[];

  const ok = async (query: string, variables: Record<string, unknown>, headers = admin) => {
    const response = await app.graphql(query, variables, headers);
    expect(response.errors).toBeUndefined();
    return response.data!;
  };
  const signIn = async (loginName: string, password: string) => (await ok(SIGN_IN, { input: { loginName, password } }, {})).signIn.token as string;
  const me = (token: string) => app.graphql(`{ me { name role unitId } }`, {}, bearer(token));

  /** A unit clerk who signed in and chose a password; with an API token issued at registration. */
  const clerk = async (loginName: string, name = '王小明') => {
    const registered = await ok(`mutation($input: RegisterUserInput!) { registerUser(input: $input) { token user { id } } }`, {
      input: { idempotencyKey: key(), name, role: 'UNIT', unitId: units[0]!.id, loginName, initialPassword: 'Chushi#2026' },
    });
    const session = await signIn(loginName, 'Chushi#2026');
    await ok(CHANGE_PASSWORD, { input: { idempotencyKey: key(), currentPassword: 'Chushi#2026', newPassword: 'Xinmima#2026' } }, bearer(session));
    return { userId: registered.registerUser.user.id as string, apiToken: registered.registerUser.token as string, session };
  };

  beforeAll(async () => {
    app = await startTestApp({ demoData: true, now: '2026-11-30T09:00:00+08:00' });
    admin = await app.as('ADMIN');
    units = (await ok(`{ units { id name } }`, {})).units;
  });
  afterAll(() => app.close());

  it('reactivates a deactivated account with a reason: the same login name and password sign in again, earlier sessions and tokens stay void', async () => {
    const { userId, apiToken, session } = await clerk('wxm');
    await ok(`mutation($input: DeactivateUserInput!) { deactivateUser(input: $input) { id } }`, { input: { idempotencyKey: key(), userId, reason: '工作调动' } });
    expect((await app.graphql(SIGN_IN, { input: { loginName: 'wxm', password: 'Xinmima#2026' } }, {})).errors?.[0]?.extensions?.messageZh).toBe('此账号已停用。');

    const before = await app.logPosition();
    const refused = await app.graphql(`mutation($input: ReactivateUserInput!) { reactivateUser(input: $input) { id } }`, { input: { idempotencyKey: key(), userId, reason: '  ' } }, admin);
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(await app.logPosition()).toBe(before);

    const reactivation = { idempotencyKey: key(), userId, reason: '借调结束，回原岗位' };
    const { reactivateUser } = await ok(`mutation($input: ReactivateUserInput!) { reactivateUser(input: $input) { ${USER} } }`, { input: reactivation });
    expect(reactivateUser).toMatchObject({ id: userId, name: '王小明', active: true, deactivationReason: null });
    // A retry with the same key changes nothing more; a second reactivation is refused.
    const position = await app.logPosition();
    await ok(`mutation($input: ReactivateUserInput!) { reactivateUser(input: $input) { id } }`, { input: reactivation });
    expect(await app.logPosition()).toBe(position);
    expect(errorCode(await app.graphql(`mutation($input: ReactivateUserInput!) { reactivateUser(input: $input) { id } }`, { input: { ...reactivation, idempotencyKey: key() } }, admin))).toBe('CONFLICT');

    const again = await signIn('wxm', 'Xinmima#2026');
    expect((await me(again)).data!.me.name).toBe('王小明');
    expect((await me(session)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await me(apiToken)).errors?.[0]?.extensions?.messageZh).toBe('此访问令牌已随账号停用而失效，请向管理员申请新令牌。');
  });

  it('corrects a name everywhere, and moves a clerk to another unit, which ends their sessions', async () => {
    const { userId, session } = await clerk('zdc', '王晓铭');
    const change = `mutation($input: ChangeUserAccountInput!) { changeUserAccount(input: $input) { ${USER} } }`;
    const renamed = await ok(change, { input: { idempotencyKey: key(), userId, name: '王晓明', role: 'UNIT', unitId: units[0]!.id, reason: '姓名录入有误' } });
    expect(renamed.changeUserAccount).toMatchObject({ name: '王晓明', unitId: units[0]!.id });
    expect((await me(session)).data!.me).toEqual({ name: '王晓明', role: 'UNIT', unitId: units[0]!.id });

    const nothing = await app.graphql(change, { input: { idempotencyKey: key(), userId, name: '王晓明', role: 'UNIT', unitId: units[0]!.id, reason: '再改一次' } }, admin);
    expect(errorCode(nothing)).toBe('BAD_USER_INPUT');
    const noUnit = await app.graphql(change, { input: { idempotencyKey: key(), userId, name: '王晓明', role: 'UNIT', reason: '调岗' } }, admin);
    expect(noUnit.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', messageZh: '单位经办人账号必须属于一个单位。' });

    const moved = await ok(change, { input: { idempotencyKey: key(), userId, name: '王晓明', role: 'UNIT', unitId: units[1]!.id, reason: '调至另一单位' } });
    expect(moved.changeUserAccount).toMatchObject({ unitId: units[1]!.id, unitName: units[1]!.name });
    expect((await me(session)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await me(await signIn('zdc', 'Xinmima#2026'))).data!.me).toEqual({ name: '王晓明', role: 'UNIT', unitId: units[1]!.id });

    const inspector = await ok(change, { input: { idempotencyKey: key(), userId, name: '王晓明', role: 'INSPECTOR', reason: '改任现场督查员' } });
    expect(inspector.changeUserAccount).toMatchObject({ role: 'INSPECTOR', unitId: null, unitName: null });
  });

  /*
   * breaker9g P4: `user:create` refused a second active account of the same name, role and unit (a
   * command run twice), while `registerUser` made one — with another live token nobody kept — for a
   * request resent under a new key (a script's retry after a timeout), one after another or at once.
   */
  describe('one active account per name, role and unit, as user:create has it', () => {
    const REGISTER = `mutation($input: RegisterUserInput!) { registerUser(input: $input) { token user { id } } }`;
    const USERS = `{ users(first: 200) { nodes { id name role active } } }`;
    const named = async (name: string) => ((await ok(USERS, {})).users.nodes as { id: string; name: string; active: boolean }[]).filter((user) => user.name === name);

    it('refuses the same account registered again under a new key, naming it; nothing is written', async () => {
      const first = await ok(REGISTER, { input: { idempotencyKey: key(), name: '同名管理员', role: 'ADMIN' } });
      const before = await app.logPosition();
      const again = await app.graphql(REGISTER, { input: { idempotencyKey: key(), name: ' 同名管理员', role: 'ADMIN' } }, admin);
      expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'SAME_ACCOUNT', field: 'name', heldBy: first.registerUser.user.id });
      expect(again.errors?.[0]?.extensions?.messageZh).toMatch(/^已有同名的有效系统管理员账号“同名管理员”（登记于 2026-11-30）：未写入任何内容。/);
      expect(again.errors?.[0]?.extensions?.messageZh).not.toMatch(/T\d\d:|Z）/);
      expect(await app.logPosition()).toBe(before);
      expect(await named('同名管理员')).toHaveLength(1);
    });

    it('makes one account of four sent at once under four keys', async () => {
      const answers = await Promise.all([1, 2, 3, 4].map(() => app.graphql(REGISTER, { input: { idempotencyKey: key(), name: '同时登记的督查员', role: 'INSPECTOR' } }, admin)));
      expect(answers.filter((answer) => !answer.errors)).toHaveLength(1);
      expect(answers.filter((answer) => answer.errors).map(errorCode)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT']);
      expect(await named('同时登记的督查员')).toHaveLength(1);
    });

    it('makes a second one when told again: true, and a new one where the earlier was deactivated', async () => {
      const first = await ok(REGISTER, { input: { idempotencyKey: key(), name: '两位同名的督查员', role: 'INSPECTOR' } });
      await ok(REGISTER, { input: { idempotencyKey: key(), name: '两位同名的督查员', role: 'INSPECTOR', again: true } });
      expect(await named('两位同名的督查员')).toHaveLength(2);

      await ok(REGISTER, { input: { idempotencyKey: key(), name: '调离后新来的同名人', role: 'SUPERVISOR' } });
      const [left] = await named('调离后新来的同名人');
      await ok(`mutation($input: DeactivateUserInput!) { deactivateUser(input: $input) { id } }`, { input: { idempotencyKey: key(), userId: left!.id, reason: '工作调动' } });
      await ok(REGISTER, { input: { idempotencyKey: key(), name: '调离后新来的同名人', role: 'SUPERVISOR' } });
      expect((await named('调离后新来的同名人')).map((user) => user.active)).toEqual([false, true]);
      expect(first.registerUser.token).toMatch(/^rct_/);
    });
  });
});

/**
 * newcomer22 S8: after a 机构改革 merge, an account left in the merged unit was reminded of nothing and
 * told nothing, 用户管理 listed it unmarked, and new accounts were still made in the merged unit.
 */
describe('accounts of a unit merged into another', () => {
  let app: TestApp;
  let admin: Record<string, string>;
  const code = (units: { id: string; code: string }[], wanted: string) => units.find((unit) => unit.code === wanted)!.id;
  const REGISTER = `mutation($input: RegisterUserInput!) { registerUser(input: $input) { token user { id } } }`;
  const CHANGE = `mutation($input: ChangeUserAccountInput!) { changeUserAccount(input: $input) { id unitName unitMerge { successorName } } }`;

  beforeAll(async () => {
    app = await startTestApp({ demoData: true, now: '2026-11-30T09:00:00+08:00' });
    admin = await app.as('ADMIN');
  });
  afterAll(() => app.close());

  it('says the merge to the merged unit’s clerk and in 用户管理, refuses new accounts there, and moves the account to the successor', async () => {
    const units = (await app.graphql(`{ units { id code } }`)).data!.units as { id: string; code: string }[];
    const [hbj, fgw] = [code(units, 'HBJ'), code(units, 'FGW')];
    const clerk = await app.graphql(REGISTER, { input: { idempotencyKey: 'merged-unit-clerk', name: '孔明亮', role: 'UNIT', unitId: hbj } }, admin);
    expect(clerk.errors).toBeUndefined();
    const { token, user } = clerk.data!.registerUser as { token: string; user: { id: string } };
    const successor = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, {
      input: { idempotencyKey: 'merged-unit-sthjj', code: 'STHJJ', name: '青川市生态环境局', kind: 'DEPARTMENT', registeredOn: '2026-11-20' },
    }, admin);
    const sthjj = successor.data!.registerUnit.id as string;
    const merged = await app.graphql(`mutation($input: MergeUnitInput!) { mergeUnit(input: $input) { unit { mergedOn } } }`, {
      input: { idempotencyKey: 'merged-unit-merge', unitId: hbj, successorUnitId: sthjj, mergedOn: '2026-11-25', reason: '机构改革：组建市生态环境局' },
    }, admin);
    expect(merged.errors).toBeUndefined();

    const me = await app.graphql(`{ me { unitName unitMerge { successorUnitId successorName mergedOn } } }`, {}, { authorization: `Bearer ${token}` });
    expect(me.data!.me).toEqual({ unitName: '青川市环境保护局', unitMerge: { successorUnitId: sthjj, successorName: '青川市生态环境局', mergedOn: '2026-11-25' } });
    const listed = (await app.graphql(`{ users(first: 100) { nodes { id unitId unitMerge { successorName mergedOn } } } }`, {}, admin)).data!.users.nodes as {
      id: string;
      unitId: string | null;
      unitMerge: { successorName: string; mergedOn: string } | null;
    }[];
    expect(listed.find((account) => account.id === user.id)!.unitMerge).toEqual({ successorName: '青川市生态环境局', mergedOn: '2026-11-25' });
    expect(listed.filter((account) => account.unitId !== hbj).every((account) => account.unitMerge === null)).toBe(true);

    const position = await app.logPosition();
    const refusal = '青川市环境保护局已于 2026-11-25 并入青川市生态环境局，不再承担新的工作：请把账号设在青川市生态环境局。';
    const newAccount = await app.graphql(REGISTER, { input: { idempotencyKey: 'merged-unit-new', name: '孙亮', role: 'UNIT', unitId: hbj, loginName: 'sunliang', initialPassword: 'Chushi#2026' } }, admin);
    expect(newAccount.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'UNIT_MERGED', field: 'unitId', messageZh: refusal });
    const other = listed.find((account) => account.unitId === fgw)!;
    const movedIn = await app.graphql(CHANGE, { input: { idempotencyKey: 'merged-unit-move-in', userId: other.id, name: '发改委办事员', role: 'UNIT', unitId: hbj, reason: '调动' } }, admin);
    expect(movedIn.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'UNIT_MERGED', messageZh: refusal });
    expect(await app.logPosition()).toBe(position);

    const movedOut = await app.graphql(CHANGE, { input: { idempotencyKey: 'merged-unit-move-out', userId: user.id, name: '孔明亮', role: 'UNIT', unitId: sthjj, reason: '机构改革：随职能转入市生态环境局' } }, admin);
    expect(movedOut.errors).toBeUndefined();
    expect(movedOut.data!.changeUserAccount).toEqual({ id: user.id, unitName: '青川市生态环境局', unitMerge: null });
  });
});
