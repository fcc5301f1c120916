import { DEMO_PASSWORD, demoUsers } from '../../src/demo/demo-data.js';
import { TestApp, errorCode, freshDatabasePath, startTestApp } from '../support/test-app.js';

const SIGN_IN = `mutation($input: SignInInput!) { signIn(input: $input) { token user { loginName } } }`;
const ME = `{ me { role } }`;

/** A client behind the office's proxy: the proxy (this test, on the loopback address) names it in X-Forwarded-For. */
const from = (address: string) => ({ 'x-forwarded-for': address });

type Answer = Awaited<ReturnType<TestApp['graphql']>>;
const reasonOf = (answer: Answer) => answer.errors?.[0]?.extensions?.reason as string | undefined;

/**
 * breaker12d P1: every request without a valid token shared one RATE_LIMIT_PER_MINUTE window per
 * address, and `signIn` counted in it — behind an office's proxy or NAT, 300 anonymous `{ me }` a
 * minute kept every member of staff from signing in. `signIn` is now bounded apart (per login name,
 * and failed attempts per client address), and TRUST_PROXY says whose X-Forwarded-For names the client.
 */
describe('Sign-in limits apart from the request limit, and the client behind a trusted proxy', () => {
  let app: TestApp;
  const signIn = (loginName: string, password: string, headers: Record<string, string>) => app.graphql(SIGN_IN, { input: { loginName, password } }, headers);

  beforeAll(async () => {
    app = await startTestApp({
      demoData: true,
      settings: { RATE_LIMIT_PER_MINUTE: '5', SIGN_IN_FAILURES_PER_LOGIN_NAME_PER_MINUTE: '3', SIGN_IN_FAILURES_PER_ADDRESS_PER_MINUTE: '2', TRUST_PROXY: 'loopback' },
    });
  });

  afterAll(async () => {
    await app.close();
  });

  it('lets staff sign in while anonymous requests from their address have used its whole window; another client behind the proxy is not held', async () => {
    const office = from('203.0.113.1');
    for (let i = 1; i <= 5; i++) expect(errorCode(await app.graphql(ME, {}, office))).toBe('UNAUTHENTICATED');
    expect(errorCode(await app.graphql(ME, {}, office))).toBe('TOO_MANY_REQUESTS');

    for (const demo of demoUsers) {
      const session = await signIn(demo.loginName, DEMO_PASSWORD, office);
      expect(session.errors).toBeUndefined();
      expect(session.data!.signIn.user.loginName).toBe(demo.loginName);
    }
    // Signing in took nothing from the signed-in accounts' windows either.
    const signedIn = await signIn('supervisor', DEMO_PASSWORD, office);
    expect(signedIn.errors).toBeUndefined();
    expect((await app.graphql(ME, {}, { authorization: `Bearer ${signedIn.data!.signIn.token as string}`, ...office })).data).toEqual({ me: { role: 'SUPERVISOR' } });

    // The proxy forwards another client: its own window.
    expect(errorCode(await app.graphql(ME, {}, from('203.0.113.2')))).toBe('UNAUTHENTICATED');
  });

  it('bounds the failed attempts at one login name, from whatever address and however it is spelled, naming the reason in Chinese; an account many share signs in as often as it is used', async () => {
    for (let i = 1; i <= 6; i++) expect((await signIn('unit-fgw', DEMO_PASSWORD, from(`203.0.113.${20 + i}`))).errors).toBeUndefined();

    expect(errorCode(await signIn('nobody-here', 'guess-1', from('203.0.113.3')))).toBe('UNAUTHENTICATED');
    expect(errorCode(await signIn(' NOBODY-HERE', 'guess-2', from('203.0.113.4')))).toBe('UNAUTHENTICATED');
    expect(errorCode(await signIn('ｎｏｂｏｄｙ-here', 'guess-3', from('203.0.113.5')))).toBe('UNAUTHENTICATED');

    const before = await app.logPosition();
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...from('203.0.113.6') },
      body: JSON.stringify({ query: SIGN_IN, variables: { input: { loginName: 'nobody-here', password: 'guess-4' } } }),
    });
    const refused = (await response.json()) as Answer;
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS', reason: 'SIGN_IN_FAILURES_FOR_LOGIN_NAME' });
    expect(refused.errors![0]!.extensions!.messageZh).toMatch(/^此登录名登录失败的次数过多：每分钟最多 3 次，请 \d+ 秒后再试。$/);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await app.logPosition()).toBe(before);

    // Another name from the same address is not held.
    expect(errorCode(await signIn('somebody-else', 'guess', from('203.0.113.6')))).toBe('UNAUTHENTICATED');
  });

  it('bounds the failed sign-ins from one address, without counting the ones that signed in', async () => {
    const desk = from('203.0.113.7');
    // Successful sign-ins give their attempt back: four of them leave the address its two failures.
    for (const demo of demoUsers) expect((await signIn(demo.loginName, DEMO_PASSWORD, desk)).errors).toBeUndefined();

    for (const name of ['guess-a', 'guess-b']) expect(reasonOf(await signIn(name, 'x', desk))).toBe('WRONG_CREDENTIALS');
    const held = await signIn('guess-c', 'x', desk);
    expect(reasonOf(held)).toBe('SIGN_IN_FAILURES_FROM_ADDRESS');
    expect(held.errors![0]!.extensions!.messageZh).toMatch(/^从此地址登录失败的次数过多：每分钟最多 2 次，请 \d+ 秒后再试。$/);
    // breaker12e P2: the failures others caused at this address do not keep out a name that signed in from it before.
    expect((await signIn('inspector', DEMO_PASSWORD, desk)).errors).toBeUndefined();

    // Another desk behind the same proxy signs in.
    expect((await signIn('admin', DEMO_PASSWORD, from('203.0.113.8'))).errors).toBeUndefined();
  });
});

/*
 * breaker12f P1: anyone who knew a login name locked the account for 15 minutes with five anonymous
 * wrong passwords, and the right password typed at the office was refused. P2: which names signed in
 * from an address was kept in memory, so after a restart 60 strangers' failures a minute from the
 * office's address again refused every colleague. Both now come from the ledger's sign-ins.
 */
describe("Strangers' wrong passwords lock the account for strangers only, before and after a restart", () => {
  const sqlitePath = freshDatabasePath();
  const settings = { SIGN_IN_FAILURES_PER_LOGIN_NAME_PER_MINUTE: '10', SIGN_IN_FAILURES_PER_ADDRESS_PER_MINUTE: '3', TRUST_PROXY: 'loopback' };
  let app: TestApp;
  const signIn = (loginName: string, password: string, headers: Record<string, string>) => app.graphql(SIGN_IN, { input: { loginName, password } }, headers);
  const office = from('10.1.1.1');

  afterAll(async () => {
    await app.close();
  });

  it('keeps the office signing in while strangers have locked the account, and after a restart', async () => {
    app = await startTestApp({ sqlitePath, demoData: true, settings });
    expect((await signIn('unit-fgw', DEMO_PASSWORD, office)).errors).toBeUndefined();
    const strangers = [1, 2, 3, 4, 5].map((each) => from(`203.0.113.${50 + each}`));
    for (const stranger of strangers.slice(0, 4)) expect(reasonOf(await signIn('unit-fgw', 'guess', stranger))).toBe('WRONG_CREDENTIALS');
    const locked = await signIn('unit-fgw', 'guess', strangers[4]!);
    expect(reasonOf(locked)).toBe('ACCOUNT_LOCKED');
    expect(locked.errors![0]!.extensions!.messageZh).toMatch(/^登录失败次数过多，账号已锁定至北京时间 /);
    expect(reasonOf(await signIn('unit-fgw', DEMO_PASSWORD, from('198.51.100.1')))).toBe('ACCOUNT_LOCKED');
    expect((await signIn('unit-fgw', DEMO_PASSWORD, office)).errors).toBeUndefined();

    await app.close();
    app = await startTestApp({ sqlitePath, demoData: true, settings });
    // The lock, and the office's address, are the ledger's: both outlive the restart.
    expect(reasonOf(await signIn('unit-fgw', DEMO_PASSWORD, from('198.51.100.2')))).toBe('ACCOUNT_LOCKED');
    expect((await signIn('unit-fgw', DEMO_PASSWORD, office)).errors).toBeUndefined();
    // Strangers sharing the office's address use up its failures: the name known there still signs in, a name new there waits.
    for (const name of ['nobody-1', 'nobody-2', 'nobody-3']) expect(reasonOf(await signIn(name, 'x', office))).toBe('WRONG_CREDENTIALS');
    expect(reasonOf(await signIn('nobody-4', 'x', office))).toBe('SIGN_IN_FAILURES_FROM_ADDRESS');
    expect((await signIn('unit-fgw', DEMO_PASSWORD, office)).errors).toBeUndefined();
    expect(reasonOf(await signIn('inspector', DEMO_PASSWORD, office))).toBe('SIGN_IN_FAILURES_FROM_ADDRESS');
  });
});

describe('Without TRUST_PROXY, X-Forwarded-For names nobody', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ settings: { RATE_LIMIT_PER_MINUTE: '3' } });
  });

  afterAll(async () => {
    await app.close();
  });

  // breaker12g P5: behind a proxy with TRUST_PROXY unset, nothing said so; every account was "known" at the proxy's address.
  it('says on /health that requests carry X-Forwarded-For from a peer TRUST_PROXY does not list', async () => {
    const before = (await (await fetch(`${app.url}/health`)).json()) as { notices: { cause: string; messageZh: string }[] };
    expect(before.notices.map((notice) => notice.cause)).not.toContain('FORWARDED_FOR_NOT_TRUSTED');
    // /health itself (counted apart from RATE_LIMIT_PER_MINUTE), sent through the proxy.
    await fetch(`${app.url}/health`, { headers: from('198.51.100.20') });
    const after = (await (await fetch(`${app.url}/health`)).json()) as { notices: { cause: string; messageZh: string }[] };
    const notice = after.notices.find((each) => each.cause === 'FORWARDED_FOR_NOT_TRUSTED');
    expect(notice?.messageZh).toMatch(/TRUST_PROXY/);
    expect(notice?.messageZh).toMatch(/登录锁定/);
  });

  it('counts every anonymous request by the socket address, whatever address the request claims', async () => {
    for (let i = 1; i <= 3; i++) expect(errorCode(await app.graphql(ME, {}, from(`198.51.100.${i}`)))).toBe('UNAUTHENTICATED');
    expect(errorCode(await app.graphql(ME, {}, from('198.51.100.9')))).toBe('TOO_MANY_REQUESTS');
  });
});

/*
 * breaker12g P2: a right password typed where the account had not signed in from in 30 days — a
 * colleague's own desk, home, a phone, the 33rd desk of a shared account, a unit's clerk signing in
 * each quarter from an office address that changed — was refused for 15 minutes after five anonymous
 * wrong passwords. A browser the account signed in on keeps a device cookie (rectify_device, HttpOnly,
 * 400 days) and counts apart from strangers wherever it is.
 */
describe("A browser the account signed in on is not held by strangers' lock, at any address", () => {
  let app: TestApp;
  const settings = { SIGN_IN_FAILURES_PER_LOGIN_NAME_PER_MINUTE: '10', SIGN_IN_FAILURES_PER_ADDRESS_PER_MINUTE: '10', TRUST_PROXY: 'loopback' };

  /** signIn over HTTP as a browser: the cookie it sends (if any), and the device cookie it is given back. */
  const signIn = async (loginName: string, password: string, address: string, cookie?: string) => {
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...from(address), ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({ query: SIGN_IN, variables: { input: { loginName, password } } }),
    });
    const answer = (await response.json()) as Answer;
    const given = response.headers.getSetCookie().find((each) => each.startsWith('rectify_device='));
    return { answer, given, cookie: given?.split(';')[0] };
  };

  afterAll(async () => {
    await app?.close();
  });

  it('signs in on its own browser from a new address while strangers have locked the account; a browser it never used waits', async () => {
    app = await startTestApp({ demoData: true, settings });
    const desk = await signIn('supervisor', DEMO_PASSWORD, '10.1.1.1');
    expect(desk.answer.errors).toBeUndefined();
    expect(desk.given).toMatch(/^rectify_device=[A-Za-z0-9_-]{43}; Max-Age=34560000; Path=\/; HttpOnly; SameSite=Strict$/);
    for (let i = 1; i <= 4; i++) expect(reasonOf((await signIn('supervisor', 'guess', '203.0.113.9')).answer)).toBe('WRONG_CREDENTIALS');
    expect(reasonOf((await signIn('supervisor', 'guess', '203.0.113.9')).answer)).toBe('ACCOUNT_LOCKED');

    // The same browser, next day at another desk or at home: its own place, not the strangers'.
    const elsewhere = await signIn('supervisor', DEMO_PASSWORD, '10.1.1.2', desk.cookie);
    expect(elsewhere.answer.errors).toBeUndefined();
    expect(elsewhere.cookie).toBe(desk.cookie);
    // A browser without the cookie at that address is a stranger: still locked.
    expect(reasonOf((await signIn('supervisor', DEMO_PASSWORD, '10.1.1.3')).answer)).toBe('ACCOUNT_LOCKED');
    // A cookie made up by a stranger is no browser the account knows.
    expect(reasonOf((await signIn('supervisor', DEMO_PASSWORD, '203.0.113.9', `rectify_device=${'A'.repeat(43)}`)).answer)).toBe('ACCOUNT_LOCKED');

    // Wrong passwords typed on the known browser lock that browser only.
    for (let i = 1; i <= 4; i++) expect(reasonOf((await signIn('supervisor', 'typo', '10.1.1.2', desk.cookie)).answer)).toBe('WRONG_CREDENTIALS');
    expect(reasonOf((await signIn('supervisor', 'typo', '10.1.1.2', desk.cookie)).answer)).toBe('ACCOUNT_LOCKED');
    expect((await signIn('supervisor', DEMO_PASSWORD, '10.1.1.1')).answer.errors).toBeUndefined();
  });
});
