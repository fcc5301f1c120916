import { admin, supervisor } from '../../shared/testing/actors.js';
import { given as givenDecider } from '../../shared/testing/decider-testing.js';
import { userDecider, type UserCommand } from './user.decider.js';
import { userEventSchemas, type UserEvent } from './user.events.js';
import { EventSchemaRegistry } from '../../shared/event-schemas.js';

const registered: UserEvent = { type: 'UserRegistered', data: { userId: 'u-1', name: '李娜', role: 'UNIT', unitId: 'unit-fgw' } };
const deactivated: UserEvent = { type: 'UserDeactivated', data: { userId: 'u-1', reason: '调离岗位' } };

const register = (overrides: Partial<Extract<UserCommand, { type: 'RegisterUser' }>> = {}): UserCommand => ({
  type: 'RegisterUser', actor: admin, userId: 'u-1', name: '李娜', role: 'UNIT', unitId: 'unit-fgw', unitExists: true, unitMerged: null, firstToken: null, initialPassword: null, sameAccount: null, ...overrides,
});
const issue = (overrides: Partial<Extract<UserCommand, { type: 'IssueAccessToken' }>> = {}): UserCommand => ({
  type: 'IssueAccessToken', actor: admin, tokenId: 't-1', tokenSha256: 'abc', expiresAt: '2026-12-31T00:00:00.000Z', now: '2026-04-01T00:00:00.000Z', ...overrides,
});
const deactivate = (reason = '调离岗位', actor = admin): UserCommand => ({ type: 'DeactivateUser', actor, reason });

const given = (events: UserEvent[]) => givenDecider(userDecider, events);

describe('no user yet', () => {
  it('registers a unit user bound to an existing unit', () => given([]).when(register()).then([registered]));
  it('issues the first token in the same decision', () =>
    given([]).when(register({ firstToken: { tokenId: 't-0', tokenSha256: 'f00', expiresAt: '2026-12-31T00:00:00.000Z' } })).then([
      registered,
      { type: 'AccessTokenIssued', data: { userId: 'u-1', tokenId: 't-0', tokenSha256: 'f00', expiresAt: '2026-12-31T00:00:00.000Z' } },
    ]));
  it('registers a supervisor without a unit', () =>
    given([]).when(register({ role: 'SUPERVISOR', unitId: null })).then([{ type: 'UserRegistered', data: { userId: 'u-1', name: '李娜', role: 'SUPERVISOR', unitId: null } }]));
  it('is for administrators and the command line only', () => given([]).when(register({ actor: supervisor })).thenRefused('FORBIDDEN'));
  it('refuses a unit user without a unit', () => given([]).when(register({ unitId: null })).thenRefused('BAD_USER_INPUT'));
  it('refuses an unknown unit', () => given([]).when(register({ unitExists: false })).thenRefused('NOT_FOUND'));
  // Staff of the supervising office belong to it; only a UNIT user is limited to its unit's parts.
  it('registers a supervisor of the openness office with that unit', () =>
    given([]).when(register({ role: 'SUPERVISOR', unitId: 'unit-openness' })).then([
      { type: 'UserRegistered', data: { userId: 'u-1', name: '李娜', role: 'SUPERVISOR', unitId: 'unit-openness' } },
    ]));
  it('refuses an empty name', () => given([]).when(register({ name: '  ' })).thenRefused('BAD_USER_INPUT'));
  it('refuses a second active account of the same name, role and unit, naming it (breaker9g P4)', () =>
    given([])
      .when(register({ sameAccount: { userId: 'u-0', name: '李娜', registeredOn: '2026-04-01', unitName: '青川市发展和改革委员会' } }))
      .thenRefused('CONFLICT', /already exists \(registered 2026-04-01\)/, /已有同名的有效单位经办人账号“李娜”（青川市发展和改革委员会）（登记于 2026-04-01）：未写入任何内容/));
  describe('with a login name and an initial password (the 用户管理 page)', () => {
    const initialPassword = { loginName: 'lina', passwordHash: '$argon2id$initial', changeRequired: true, loginNameTakenBy: null, loginNameLooksLike: null };
    it('sets them in the same decision', () =>
      given([]).when(register({ initialPassword })).then([
        registered,
        { type: 'InitialPasswordSet', data: { userId: 'u-1', loginName: 'lina', passwordHash: '$argon2id$initial', changeRequired: true } },
      ]));
    it('registers nothing when the login name is taken, naming the field', () =>
      given([]).when(register({ initialPassword: { ...initialPassword, loginNameTakenBy: 'u-2' } })).thenRefused('CONFLICT', /belongs to another account/));
    it('registers nothing when the login name looks like another account’s, naming that one (breaker9z P3)', () =>
      given([])
        .when(register({ initialPassword: { ...initialPassword, loginName: 'Ιina', loginNameLooksLike: { userId: 'u-2', loginName: 'lina' } } }))
        .thenRefused('CONFLICT', /looks almost the same as lina/, /^登录名“Ιina”与已有账号的登录名“lina”看起来几乎一样（含有形近的字符，如其他文字的字母、全角或繁体字、带声调的字母、数字0与字母O、数字1与字母l），容易被认错：请换一个登录名。$/));
  });
  it('cannot issue a token to nobody', () => given([]).when(issue()).thenRefused('NOT_FOUND'));
});

describe('an active user', () => {
  it('cannot be registered twice', () => given([registered]).when(register()).thenRefused('CONFLICT'));
  it('gets tokens, recorded only as hashes', () =>
    given([registered]).when(issue()).then([{ type: 'AccessTokenIssued', data: { userId: 'u-1', tokenId: 't-1', tokenSha256: 'abc', expiresAt: '2026-12-31T00:00:00.000Z' } }]));
  it('refuses a token that is already expired', () => given([registered]).when(issue({ expiresAt: '2026-03-01T00:00:00.000Z' })).thenRefused('BAD_USER_INPUT'));
  it('is deactivated with a reason', () => given([registered]).when(deactivate()).then([deactivated]));
  it('needs a reason to be deactivated', () => given([registered]).when(deactivate(' ')).thenRefused('BAD_USER_INPUT'));
  it('cannot be deactivated by themselves: the last administrator would lock everyone out', () => {
    const ownAccount: UserEvent = { type: 'UserRegistered', data: { userId: admin.id, name: '系统管理员', role: 'ADMIN', unitId: null } };
    given([ownAccount]).when(deactivate('离职', admin)).thenRefused('FORBIDDEN', /your own account/);
  });
});

describe('a deactivated user', () => {
  it('gets no new token', () => given([registered, deactivated]).when(issue()).thenRefused('CONFLICT'));
  it('cannot be deactivated twice', () => given([registered, deactivated]).when(deactivate()).thenRefused('CONFLICT'));
});

describe('passwords and sessions', () => {
  const now = '2026-04-10T01:00:00.000Z';
  const owner = { id: 'u-1', role: 'UNIT', unitId: 'unit-fgw' } as const;
  const passwordSet: UserEvent = { type: 'InitialPasswordSet', data: { userId: 'u-1', loginName: 'lina', passwordHash: '$argon2id$initial', changeRequired: true } };
  const session = { sessionId: 's-1', tokenSha256: 'beef', expiresAt: '2026-04-10T13:00:00.000Z' };
  const started: UserEvent = { type: 'SessionStarted', data: { userId: 'u-1', ...session, address: null, addressKnown: false, device: null, deviceKnown: false } };
  const failed = (failedAttempts: number, at: string | null = null): UserEvent => ({ type: 'SignInFailed', data: { userId: 'u-1', failedAttempts, at } });
  const setPassword = (overrides: Partial<Extract<UserCommand, { type: 'SetInitialPassword' }>> = {}): UserCommand => ({
    type: 'SetInitialPassword', actor: admin, loginName: 'lina', passwordHash: '$argon2id$initial', changeRequired: true, loginNameTakenBy: null, loginNameLooksLike: null, ...overrides,
  });
  type Place = { address: string | null; addressKnown: boolean; device?: string | null; deviceKnown?: boolean };
  const signIn = (passwordMatches: boolean, at = now, from: Place = { address: null, addressKnown: false }): UserCommand => ({
    type: 'SignIn', actor: owner, passwordMatches, session, device: null, deviceKnown: false, ...from, now: at,
  });
  const change = (overrides: Partial<Extract<UserCommand, { type: 'ChangePassword' }>> = {}): UserCommand => ({
    type: 'ChangePassword', actor: owner, currentPasswordMatches: true, newPasswordIsCurrent: false, passwordHash: '$argon2id$own', sessionId: 's-1', ...overrides,
  });

  it('lets an administrator set a login name and an initial password', () => given([registered]).when(setPassword()).then([passwordSet]));
  it('is for administrators only', () => given([registered]).when(setPassword({ actor: supervisor })).thenRefused('FORBIDDEN'));
  it('gives a login name to one account', () => given([registered]).when(setPassword({ loginNameTakenBy: 'u-2' })).thenRefused('CONFLICT', /belongs to another account/));
  it('keeps the login name an account already has', () => given([registered, passwordSet]).when(setPassword({ loginNameTakenBy: 'u-1' })).then([passwordSet]));
  describe('a login name and password another administrator set since the form was read (breaker52-9 S1)', () => {
    const setByColleague: UserEvent = { type: 'InitialPasswordSet', data: { userId: 'u-1', loginName: 'liuyang', passwordHash: '$argon2id$a', changeRequired: true } };
    it('given none when the form was opened and 设置密码 since, when the second form sets another: CONFLICT naming who set which login name when, nothing changed', () =>
      given([registered, setByColleague])
        .when(setPassword({ loginName: 'liuy2', expected: { passwordSet: false } }))
        .thenChangedMeanwhile({
          field: 'expectedLoginName',
          types: ['InitialPasswordSet'],
          zh: '用户 李娜 的登录名和密码刚由张伟改为 登录名 liuyang（北京时间 2026-12-07 06:28；表单显示的是 未设置密码）：请确认后再调整，本次未作修改。',
        }));
    it('given a reset to another login name since the 重设密码 form showed lina: CONFLICT naming the login name now and the one shown', () =>
      given([registered, passwordSet, setByColleague])
        .when(setPassword({ loginName: 'lina', expected: { passwordSet: true, loginName: 'lina' } }))
        .thenChangedMeanwhile({
          field: 'expectedLoginName',
          types: ['InitialPasswordSet'],
          zh: '用户 李娜 的登录名和密码刚由张伟改为 登录名 liuyang（北京时间 2026-12-07 06:28；表单显示的是 登录名 lina）：请确认后再调整，本次未作修改。',
        }));
    it('given the account as the form showed it (none; or set under that login name): applied', () => {
      given([registered]).when(setPassword({ expected: { passwordSet: false } })).then([passwordSet]);
      given([registered, passwordSet]).when(setPassword({ expected: { passwordSet: true, loginName: 'lina' } })).then([passwordSet]);
    });
    it('given a form that showed a password the account does not have: CONFLICT', () =>
      given([registered]).when(setPassword({ expected: { passwordSet: true, loginName: 'lina' } })).thenRefused('CONFLICT', /changed meanwhile/, /其间已被修改。本次未作修改/));
    it('without it (a script): unchecked, as before', () => given([registered, setByColleague]).when(setPassword()).then([passwordSet]));
  });

  describe('a login name that mixes scripts (breaker9z P3: a look-alike before the name it copies exists)', () => {
    it('is refused BAD_USER_INPUT on loginName, naming the scripts', () =>
      given([registered])
        .when(setPassword({ loginName: 'аlice' }))
        .thenRefused('BAD_USER_INPUT', /mixes Cyrillic and Latin letters/, /^登录名“аlice”混用了西里尔字母和拉丁字母：这样的登录名可以与只用一种文字写成的登录名看起来一模一样，容易被认错。请只用一种文字的字母（汉字可与拼音字母同用）。$/));
    it('names the field and the reason', () =>
      expect(given([registered]).when(setPassword({ loginName: 'аlice' })).decision).toThrow(
        expect.objectContaining({ code: 'BAD_USER_INPUT', details: { reason: 'LOGIN_NAME_MIXED_SCRIPTS', field: 'loginName' } }),
      ));
    it('is refused with the account’s registration too, and nothing is registered', () =>
      given([]).when(register({ initialPassword: { loginName: 'supеr', passwordHash: '$argon2id$initial', changeRequired: true, loginNameTakenBy: null, loginNameLooksLike: null } })).thenRefused('BAD_USER_INPUT'));
    it('gives 汉字 with pinyin letters', () =>
      given([registered]).when(setPassword({ loginName: '李na' })).then([{ type: 'InitialPasswordSet', data: { userId: 'u-1', loginName: '李na', passwordHash: '$argon2id$initial', changeRequired: true } }]));
    it('keeps an account’s own login name given before the rule, at a reset', () => {
      const legacy: UserEvent = { type: 'InitialPasswordSet', data: { userId: 'u-1', loginName: 'аlice', passwordHash: '$argon2id$old', changeRequired: false } };
      given([registered, legacy]).when(setPassword({ loginName: 'аlice' })).then([{ type: 'InitialPasswordSet', data: { userId: 'u-1', loginName: 'аlice', passwordHash: '$argon2id$initial', changeRequired: true } }]);
    });
  });

  describe('a login name that looks like another account’s (breaker9z P3)', () => {
    const lookAlike = { loginName: '財务科', loginNameLooksLike: { userId: 'u-2', loginName: '财务科' } };
    it('is refused CONFLICT on loginName, naming the other login name', () =>
      given([registered]).when(setPassword(lookAlike)).thenRefused('CONFLICT', /財务科 looks almost the same as 财务科/, /^登录名“財务科”与已有账号的登录名“财务科”看起来几乎一样/));
    it('names the field and the reason', () => {
      const decision = given([registered]).when(setPassword(lookAlike)).decision;
      expect(decision).toThrow(expect.objectContaining({ code: 'CONFLICT', details: { reason: 'LOGIN_NAME_LOOKS_ALIKE', field: 'loginName', heldBy: 'u-2' } }));
    });
    it('is the account’s own look-alike of its own name: given (a reset spelled differently)', () =>
      given([registered, passwordSet])
        .when(setPassword({ loginName: 'lína', loginNameLooksLike: { userId: 'u-1', loginName: 'lina' } }))
        .then([{ type: 'InitialPasswordSet', data: { userId: 'u-1', loginName: 'lína', passwordHash: '$argon2id$initial', changeRequired: true } }]));
    it('is refused as taken first when it is the other account’s very name', () =>
      given([registered]).when(setPassword({ loginNameTakenBy: 'u-2', loginNameLooksLike: { userId: 'u-3', loginName: 'Iina' } })).thenRefused('CONFLICT', /belongs to another account/));
  });

  it('starts a session for the right password', () => given([registered, passwordSet]).when(signIn(true)).then([started]));
  it('records a wrong password', () => given([registered, passwordSet]).when(signIn(false)).then([failed(1)]));
  it('locks the account for 15 minutes at the fifth wrong password in a row', () =>
    given([registered, passwordSet, failed(1), failed(2), failed(3), failed(4)]).when(signIn(false)).then([
      failed(5),
      { type: 'AccountLocked', data: { userId: 'u-1', lockedUntil: '2026-04-10T01:15:00.000Z', failedAttempts: 5, at: null } },
    ]));
  it('counts again from zero after a successful sign-in', () =>
    given([registered, passwordSet, failed(1), failed(2), failed(3), failed(4), started]).when(signIn(false)).then([failed(1)]));
  describe('while locked', () => {
    const locked: UserEvent[] = [registered, passwordSet, failed(1), failed(2), failed(3), failed(4), failed(5), { type: 'AccountLocked', data: { userId: 'u-1', lockedUntil: '2026-04-10T01:15:00.000Z', failedAttempts: 5, at: null } }];
    it('refuses even the right password, recording nothing', () => given(locked).when(signIn(true)).thenRefused('UNAUTHENTICATED', /locked until 2026-04-10T01:15:00.000Z/));
    it('signs in again once the 15 minutes are over', () => given(locked).when(signIn(true, '2026-04-10T01:15:00.000Z')).then([started]));
    it('is unlocked by a new initial password', () => given([...locked, passwordSet]).when(signIn(true)).then([started]));
    const unlock = (actor = admin, at = now): UserCommand => ({ type: 'UnlockAccount', actor, now: at });
    const unlocked: UserEvent = { type: 'AccountUnlocked', data: { userId: 'u-1', unlockedOn: '2026-04-10' } };
    it('is unlocked by an administrator on the office day, keeping the password', () => {
      given(locked).when(unlock()).then([unlocked]);
      given([...locked, unlocked]).when(signIn(true)).then([started]);
    });
    it('counts wrong passwords from zero after an unlock', () => given([...locked, unlocked]).when(signIn(false)).then([failed(1)]));
    it('is unlocked by administrators only', () => given(locked).when(unlock(supervisor)).thenRefused('FORBIDDEN'));
    it('is not unlocked twice, nor once the 15 minutes are over', () => {
      given([...locked, unlocked]).when(unlock()).thenRefused('CONFLICT', /not locked/);
      given(locked).when(unlock(admin, '2026-04-10T01:15:00.000Z')).thenRefused('CONFLICT', /not locked/);
    });
    it('refuses to unlock a deactivated account', () => given([...locked, deactivated]).when(unlock()).thenRefused('CONFLICT', /deactivated/));
  });
  it('refuses to unlock an account never locked, in Chinese too', () =>
    given([registered, passwordSet]).when({ type: 'UnlockAccount', actor: admin, now }).thenRefused('CONFLICT', /not locked/, /没有被锁定，无需解锁/));
  it('refuses a deactivated account, once the password is right', () => given([registered, passwordSet, deactivated]).when(signIn(true)).thenRefused('UNAUTHENTICATED', /deactivated/));
  it('refuses an account without a password', () => given([registered]).when(signIn(true)).thenRefused('UNAUTHENTICATED'));

  it('changes the password, keeping the session it is done in', () =>
    given([registered, passwordSet, started]).when(change()).then([{ type: 'PasswordChanged', data: { userId: 'u-1', passwordHash: '$argon2id$own', keptSessionId: 's-1' } }]));
  it('needs the current password', () => given([registered, passwordSet]).when(change({ currentPasswordMatches: false })).thenRefused('BAD_USER_INPUT', /current password is wrong/));
  it('needs a new password', () => given([registered, passwordSet]).when(change({ newPasswordIsCurrent: true })).thenRefused('BAD_USER_INPUT', /differ/));
  it("is the owner's alone", () => given([registered, passwordSet]).when(change({ actor: admin })).thenRefused('FORBIDDEN'));

  it('ends a session at sign-out, and a second sign-out changes nothing', () => {
    given([registered, passwordSet, started]).when({ type: 'SignOut', actor: owner, sessionId: 's-1', sessionOpen: true }).then([{ type: 'SessionEnded', data: { userId: 'u-1', sessionId: 's-1' } }]);
    given([registered, passwordSet, started, { type: 'SessionEnded', data: { userId: 'u-1', sessionId: 's-1' } }]).when({ type: 'SignOut', actor: owner, sessionId: 's-1', sessionOpen: false }).then([]);
  });
  it("signs out of one's own account only", () => given([registered, passwordSet, started]).when({ type: 'SignOut', actor: admin, sessionId: 's-1', sessionOpen: true }).thenRefused('FORBIDDEN'));

  /*
   * breaker12f P1: anyone who knew a login name locked the account for 15 minutes with five anonymous
   * wrong passwords, and the right password typed at the office was refused. Wrong passwords now
   * count, and lock, where they were typed: at an address the account signed in from lately, that
   * address; anywhere else, every address not known for it, together.
   */
  describe('where wrong passwords lock', () => {
    const office = { address: '10.1.1.1', addressKnown: true };
    const stranger = { address: '203.0.113.9', addressKnown: false };
    const otherStranger = { address: '198.51.100.7', addressKnown: false };
    const strangersLock: UserEvent = { type: 'AccountLocked', data: { userId: 'u-1', lockedUntil: '2026-04-10T01:15:00.000Z', failedAttempts: 5, at: null } };
    const byStrangers: UserEvent[] = [registered, passwordSet, failed(1), failed(2), failed(3), failed(4), failed(5), strangersLock];
    const startedFrom = (from: Place): UserEvent => ({ type: 'SessionStarted', data: { userId: 'u-1', ...session, device: null, deviceKnown: false, ...from } });

    it('locks for strangers when the fifth wrong password in a row comes from addresses the account has not signed in from', () =>
      given([registered, passwordSet, failed(1), failed(2), failed(3), failed(4)]).when(signIn(false, now, stranger)).then([failed(5), strangersLock]));
    it('lets the right password in from an address it signed in from lately, and records where', () =>
      given(byStrangers).when(signIn(true, now, office)).then([startedFrom(office)]));
    it('keeps refusing the right password from strangers’ addresses, new ones too', () => {
      given(byStrangers).when(signIn(true, now, stranger)).thenRefused('UNAUTHENTICATED', /locked until 2026-04-10T01:15:00.000Z/, /账号已锁定/);
      given(byStrangers).when(signIn(true, now, otherStranger)).thenRefused('UNAUTHENTICATED', /locked until/);
      given([...byStrangers, startedFrom(office)]).when(signIn(true, now, stranger)).thenRefused('UNAUTHENTICATED', /locked until/);
    });
    it('counts wrong passwords at a known address apart, and locks there alone', () => {
      given([registered, passwordSet, failed(1), failed(2), failed(3)]).when(signIn(false, now, office)).then([failed(1, '10.1.1.1')]);
      const officeLock: UserEvent = { type: 'AccountLocked', data: { userId: 'u-1', lockedUntil: '2026-04-10T01:15:00.000Z', failedAttempts: 5, at: '10.1.1.1' } };
      const atOffice = [1, 2, 3, 4].map((count) => failed(count, '10.1.1.1'));
      given([registered, passwordSet, ...atOffice]).when(signIn(false, now, office)).then([failed(5, '10.1.1.1'), officeLock]);
      given([registered, passwordSet, ...atOffice, failed(5, '10.1.1.1'), officeLock]).when(signIn(true, now, office)).thenRefused('UNAUTHENTICATED', /locked until/);
      given([registered, passwordSet, ...atOffice, failed(5, '10.1.1.1'), officeLock]).when(signIn(true, now, stranger)).then([startedFrom(stranger)]);
    });
    it('ends the run where the right password came from only', () => {
      given([registered, passwordSet, failed(1), failed(2), failed(3), failed(4), startedFrom(office)]).when(signIn(false, now, stranger)).then([failed(5), strangersLock]);
      given([registered, passwordSet, failed(1), failed(2), failed(3), failed(4), startedFrom(stranger)]).when(signIn(false, now, stranger)).then([failed(1)]);
    });
    it('is unlocked everywhere by an administrator', () => {
      const unlocked: UserEvent = { type: 'AccountUnlocked', data: { userId: 'u-1', unlockedOn: '2026-04-10' } };
      given(byStrangers).when({ type: 'UnlockAccount', actor: admin, now }).then([unlocked]);
      given([...byStrangers, unlocked]).when(signIn(true, now, stranger)).then([startedFrom(stranger)]);
    });
    it('reads failures, locks and sign-ins recorded before addresses were (v1) as the strangers’ run', () => {
      const registry = new EventSchemaRegistry().register(userEventSchemas);
      const v1 = [
        { type: 'SignInFailed', schemaVersion: 1, data: { userId: 'u-1', failedAttempts: 5 } },
        { type: 'AccountLocked', schemaVersion: 1, data: { userId: 'u-1', lockedUntil: '2026-04-10T01:15:00.000Z', failedAttempts: 5 } },
      ].map((stored) => registry.upcast<UserEvent>(stored));
      expect(v1).toEqual([failed(5), strangersLock]);
      expect(registry.upcast<UserEvent>({ type: 'SessionStarted', schemaVersion: 1, data: { userId: 'u-1', ...session } })).toEqual(started);
      given([registered, passwordSet, ...v1]).when(signIn(true, now, office)).then([startedFrom(office)]);
      given([registered, passwordSet, ...v1]).when(signIn(true, now, stranger)).thenRefused('UNAUTHENTICATED', /locked until/);
    });
    // breaker12g P2: a browser the account signed in on (its device cookie) is a place of its own, wherever it is.
    describe('on a browser it signed in on lately', () => {
      const deskBrowser = { address: '10.1.1.2', addressKnown: false, device: 'device:0123456789abcdef0123456789abcdef', deviceKnown: true };
      const deskBrowserAtHome = { ...deskBrowser, address: '203.0.113.77' };
      it('lets the right password in through strangers’ lock, from any address, and records the browser', () => {
        given(byStrangers).when(signIn(true, now, deskBrowser)).then([startedFrom(deskBrowser)]);
        given(byStrangers).when(signIn(true, now, deskBrowserAtHome)).then([startedFrom(deskBrowserAtHome)]);
      });
      it('does not for a browser it has not signed in on', () =>
        given(byStrangers).when(signIn(true, now, { ...deskBrowser, deviceKnown: false })).thenRefused('UNAUTHENTICATED', /locked until/));
      it('counts wrong passwords on that browser apart, and locks it alone', () => {
        const at = deskBrowser.device;
        const onBrowser = [1, 2, 3, 4].map((count) => failed(count, at));
        const browserLock: UserEvent = { type: 'AccountLocked', data: { userId: 'u-1', lockedUntil: '2026-04-10T01:15:00.000Z', failedAttempts: 5, at } };
        given([registered, passwordSet, failed(1), failed(2), failed(3), failed(4)]).when(signIn(false, now, deskBrowser)).then([failed(1, at)]);
        given([registered, passwordSet, ...onBrowser]).when(signIn(false, now, deskBrowser)).then([failed(5, at), browserLock]);
        given([registered, passwordSet, ...onBrowser, failed(5, at), browserLock]).when(signIn(true, now, office)).then([startedFrom(office)]);
      });
      it('reads sign-ins recorded before browsers were (v2) as made on no browser', () => {
        const registry = new EventSchemaRegistry().register(userEventSchemas);
        expect(registry.upcast<UserEvent>({ type: 'SessionStarted', schemaVersion: 2, data: { userId: 'u-1', ...session, ...office } })).toEqual(startedFrom(office));
      });
    });
    it('keeps a state that does not grow with strangers’ addresses', () => {
      const fold = (events: UserEvent[]) => events.reduce(userDecider.evolve, userDecider.initialState());
      const guesses = (count: number): UserEvent[] => Array.from({ length: count }, (_, index) => failed((index % 4) + 1));
      expect(Object.keys((fold([registered, passwordSet, ...guesses(1_000)]) as { atKnownAddresses: object }).atKnownAddresses)).toEqual([]);
    });
  });

  // breaker12e P3: an office account signed in 5,400 times made every sign-in copy all its sessions,
  // twice (7–10 s with the server held). The state is the same after one session as after thousands.
  it("keeps a state that does not grow with the account's sessions", () => {
    const sessions = (count: number): UserEvent[] =>
      Array.from({ length: count }, (_, index) => ({ type: 'SessionStarted', data: { userId: 'u-1', sessionId: `s-${index}`, tokenSha256: `t-${index}`, expiresAt: '2026-04-10T13:00:00.000Z', address: '10.1.1.1', addressKnown: index > 0, device: null, deviceKnown: false } }));
    const fold = (events: UserEvent[]) => events.reduce(userDecider.evolve, userDecider.initialState());
    const afterOne = fold([registered, passwordSet, failed(1), ...sessions(1)]);
    expect(fold([registered, passwordSet, failed(1), ...sessions(10_000)])).toEqual(afterOne);
    expect(fold([registered, passwordSet, ...sessions(3), { type: 'SessionEnded', data: { userId: 'u-1', sessionId: 's-1' } }])).toEqual(afterOne);
  });
});

describe('correcting and reactivating an account (breaker11b G7)', () => {
  const now = '2026-11-30T02:00:00.000Z';
  const reactivate = (reason = '误停用'): UserCommand => ({ type: 'ReactivateUser', actor: admin, reason, now });
  const change = (overrides: Partial<Extract<UserCommand, { type: 'ChangeUserAccount' }>> = {}): UserCommand => ({
    type: 'ChangeUserAccount', actor: admin, name: '李娜', role: 'UNIT', unitId: 'unit-fgw', unitExists: true, unitMerged: null, reason: '录入有误', now, ...overrides,
  });

  describe('a deactivated user', () => {
    it('is used again, with the reason and the office day', () =>
      given([registered, deactivated]).when(reactivate(' 借调结束 ')).then([{ type: 'UserReactivated', data: { userId: 'u-1', reason: '借调结束', reactivatedOn: '2026-11-30' } }]));
    it('needs a reason to be used again', () => given([registered, deactivated]).when(reactivate('  ')).thenRefused('BAD_USER_INPUT'));
    it('is reactivated by administrators only', () => given([registered, deactivated]).when({ ...reactivate(), actor: supervisor }).thenRefused('FORBIDDEN'));
    it('gets a password again once reactivated', () =>
      given([registered, deactivated, { type: 'UserReactivated', data: { userId: 'u-1', reason: '误停用', reactivatedOn: '2026-11-30' } }])
        .when({ type: 'SetInitialPassword', actor: admin, loginName: 'lina', passwordHash: '$argon2id$x', changeRequired: true, loginNameTakenBy: null, loginNameLooksLike: null })
        .then([{ type: 'InitialPasswordSet', data: { userId: 'u-1', loginName: 'lina', passwordHash: '$argon2id$x', changeRequired: true } }]));
    it('refuses a password while deactivated, saying to reactivate first', () =>
      given([registered, deactivated])
        .when({ type: 'SetInitialPassword', actor: admin, loginName: 'lina', passwordHash: '$argon2id$x', changeRequired: true, loginNameTakenBy: null, loginNameLooksLike: null })
        .thenRefused('CONFLICT', /reactivate the account first/));
  });

  describe('an account another administrator changed since the form was read (newcomer50-9 S4’s kind)', () => {
    const promoted: UserEvent = { type: 'UserRoleChanged', data: { userId: 'u-1', role: 'UNIT', unitId: 'unit-czj', reason: '调至财政局', changedOn: '2026-11-30' } };
    it('given a move to 财政局, when a form that showed the account as before renames it: CONFLICT, nothing changed', () =>
      given([registered, promoted])
        .when(change({ name: '李 娜', expected: { name: '李娜', role: 'UNIT', unitId: 'unit-fgw' } }))
        .thenRefused('CONFLICT', /changed meanwhile/, /其间已被修改。本次未作修改/));
    it('given the same, when the form showed the account as it is: applied', () =>
      given([registered, promoted]).when(change({ name: '李 娜', unitId: 'unit-czj', expected: { name: '李娜', role: 'UNIT', unitId: 'unit-czj' } })).then([
        { type: 'UserRenamed', data: { userId: 'u-1', name: '李 娜', reason: '录入有误', renamedOn: '2026-11-30' } },
      ]));
    it('without it (a script): unchecked, as before', () => {
      expect(given([registered, promoted]).when(change({ name: '李 娜', unitId: 'unit-czj' })).decision()).toHaveLength(1);
    });
    it('names the unit on both sides, not 「所属单位不同」 (newcomer52-9 M2)', () =>
      given([registered, promoted])
        .when(change({ name: '李娜', unitId: 'unit-fgw', expected: { name: '李娜（市发改委）', role: 'UNIT', unitId: 'unit-fgw' }, unitNames: { 'unit-fgw': '青川市发展和改革委员会', 'unit-czj': '青川市财政局' } }))
        .thenChangedMeanwhile({
          field: 'expectedRole',
          types: ['UserRenamed', 'UserRoleChanged'],
          reason: '调往市财政局',
          zh: '用户 李娜 的账号刚由张伟改为 李娜，单位经办人，青川市财政局（北京时间 2026-12-07 06:28；理由：调往市财政局；表单显示的是 李娜（市发改委），单位经办人，青川市发展和改革委员会）：请确认后再调整，本次未作修改。',
        }));
    it('says 另一单位 for a unit the directory it was given does not name, and no unit for a role without one', () =>
      given([registered, { type: 'UserRoleChanged', data: { userId: 'u-1', role: 'INSPECTOR', unitId: null, reason: '改任', changedOn: '2026-11-30' } }])
        .when(change({ expected: { name: '李娜', role: 'UNIT', unitId: 'unit-fgw' }, unitNames: {} }))
        .thenChangedMeanwhile({
          field: 'expectedRole',
          types: ['UserRenamed', 'UserRoleChanged'],
          zh: '用户 李娜 的账号刚由张伟改为 李娜，现场督查员（北京时间 2026-12-07 06:28；表单显示的是 李娜，单位经办人，另一单位）：请确认后再调整，本次未作修改。',
        }));
  });

  describe('an active user', () => {
    it('cannot be reactivated', () => given([registered]).when(reactivate()).thenRefused('CONFLICT'));
    it('has a mistyped name corrected', () =>
      given([registered]).when(change({ name: ' 李 娜 ' })).then([{ type: 'UserRenamed', data: { userId: 'u-1', name: '李 娜', reason: '录入有误', renamedOn: '2026-11-30' } }]));
    it('moves to another unit', () =>
      given([registered]).when(change({ unitId: 'unit-czj', reason: '调至财政局' })).then([
        { type: 'UserRoleChanged', data: { userId: 'u-1', role: 'UNIT', unitId: 'unit-czj', reason: '调至财政局', changedOn: '2026-11-30' } },
      ]));
    it('becomes an inspector without a unit, renamed in the same decision', () =>
      given([registered]).when(change({ name: '李娜娜', role: 'INSPECTOR', unitId: null })).then([
        { type: 'UserRenamed', data: { userId: 'u-1', name: '李娜娜', reason: '录入有误', renamedOn: '2026-11-30' } },
        { type: 'UserRoleChanged', data: { userId: 'u-1', role: 'INSPECTOR', unitId: null, reason: '录入有误', changedOn: '2026-11-30' } },
      ]));
    it('refuses a change that changes nothing', () => given([registered]).when(change()).thenRefused('BAD_USER_INPUT', /Nothing to change/));
    it('refuses a unit user without a unit', () => given([registered]).when(change({ unitId: null })).thenRefused('BAD_USER_INPUT'));
    it('refuses an unknown unit', () => given([registered]).when(change({ unitId: 'unit-x', unitExists: false })).thenRefused('NOT_FOUND'));
    it('needs a reason', () => given([registered]).when(change({ name: '李娜娜', reason: ' ' })).thenRefused('BAD_USER_INPUT'));
    it('is changed by administrators only', () => given([registered]).when(change({ name: '李娜娜', actor: supervisor })).thenRefused('FORBIDDEN'));
    it('cannot take away one’s own administrator role', () => {
      const ownAccount: UserEvent = { type: 'UserRegistered', data: { userId: admin.id, name: '系统管理员', role: 'ADMIN', unitId: null } };
      given([ownAccount]).when(change({ name: '系统管理员', role: 'SUPERVISOR', unitId: null })).thenRefused('FORBIDDEN', /your own role/);
    });
    it('reads the corrected name and unit as current', () =>
      given([registered, { type: 'UserRenamed', data: { userId: 'u-1', name: '李娜娜', reason: 'x', renamedOn: '2026-11-30' } }, { type: 'UserRoleChanged', data: { userId: 'u-1', role: 'UNIT', unitId: 'unit-czj', reason: 'x', changedOn: '2026-11-30' } }])
        .when(change({ name: '李娜娜', unitId: 'unit-czj' }))
        .thenRefused('BAD_USER_INPUT', /Nothing to change/));
  });
});

describe('accounts and units merged away (机构改革; newcomer22 S8)', () => {
  const now = '2026-12-02T02:00:00.000Z';
  const merged = { unitName: '青川市环境保护局', successorName: '青川市生态环境局', mergedOn: '2026-12-02' };
  const change = (overrides: Partial<Extract<UserCommand, { type: 'ChangeUserAccount' }>> = {}): UserCommand => ({
    type: 'ChangeUserAccount', actor: admin, name: '周杰', role: 'UNIT', unitId: 'unit-hbj', unitExists: true, unitMerged: null, reason: '机构改革', now, ...overrides,
  });
  const inMergedUnit: UserEvent = { type: 'UserRegistered', data: { userId: 'u-1', name: '周杰', role: 'UNIT', unitId: 'unit-hbj' } };
  const refusal = /^青川市环境保护局已于 2026-12-02 并入青川市生态环境局，不再承担新的工作：请把账号设在青川市生态环境局。$/;

  it('refuses an account registered in a unit merged into another, naming the successor', () =>
    given([]).when(register({ unitId: 'unit-hbj', unitMerged: merged })).thenRefused('CONFLICT', /merged into/, refusal));

  it('lets the operator’s tools make an account in a merged unit, for a clerk entering its papers dated before the merge', () =>
    given([])
      .when(register({ actor: { id: 'cli:root', role: 'SYSTEM', unitId: null }, unitId: 'unit-hbj', unitMerged: merged }))
      .then([{ type: 'UserRegistered', data: { userId: 'u-1', name: '李娜', role: 'UNIT', unitId: 'unit-hbj' } }]));

  it('refuses moving an account into a merged unit', () => given([registered]).when(change({ name: '李娜', unitMerged: merged })).thenRefused('CONFLICT', /merged into/, refusal));

  it('moves an account out of a merged unit to its successor', () =>
    given([inMergedUnit])
      .when(change({ unitId: 'unit-sthj' }))
      .then([{ type: 'UserRoleChanged', data: { userId: 'u-1', role: 'UNIT', unitId: 'unit-sthj', reason: '机构改革', changedOn: '2026-12-02' } }]));

  it('corrects the name of an account left in a merged unit (it is not moved in again)', () =>
    given([inMergedUnit])
      .when(change({ name: '周 杰', unitMerged: merged }))
      .then([{ type: 'UserRenamed', data: { userId: 'u-1', name: '周 杰', reason: '机构改革', renamedOn: '2026-12-02' } }]));
});
