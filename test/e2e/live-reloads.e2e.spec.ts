import { TestApp, errorCode, startTestApp } from '../support/test-app.js';

const LIVE = { 'x-rectify-live-reload': '1' };
const ME = '{ me { role } }';

/**
 * breaker12e P7: four open 我的任务 tabs of one unit account, while the city recorded one change a
 * second, reloaded on every push and spent the account's RATE_LIMIT_PER_MINUTE (108 of 472 answers
 * refused) — and then the office's own next action was refused too. The web marks the queries its
 * push-driven reloads send; they are counted in RATE_LIMIT_LIVE_RELOADS_PER_MINUTE, apart.
 */
describe('Live reloads counted apart from what people do', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ demoData: true, settings: { RATE_LIMIT_PER_MINUTE: '3', RATE_LIMIT_LIVE_RELOADS_PER_MINUTE: '5' } });
  });

  afterAll(async () => {
    await app.close();
  });

  it("leaves the account's own window whole however many reloads its tabs send, and bounds the reloads by their own window", async () => {
    const supervisor = await app.as('SUPERVISOR');
    for (let reload = 1; reload <= 5; reload++) expect((await app.graphql(ME, {}, { ...supervisor, ...LIVE })).errors).toBeUndefined();
    const refused = await app.graphql(ME, {}, { ...supervisor, ...LIVE });
    expect(errorCode(refused)).toBe('TOO_MANY_REQUESTS');
    expect(refused.errors![0]!.extensions!.messageZh).toMatch(/^页面自动刷新过于频繁：每分钟最多 5 次，请 \d+ 秒后再试。/);
    for (let asked = 1; asked <= 3; asked++) expect((await app.graphql(ME, {}, supervisor)).errors).toBeUndefined();
    expect(errorCode(await app.graphql(ME, {}, supervisor))).toBe('TOO_MANY_REQUESTS');
  });

  it('counts a mutation in the window people act with, whatever header it carries', async () => {
    const inspector = await app.as('INSPECTOR');
    const SIGN_OUT = 'mutation { signOut }';
    for (let each = 1; each <= 3; each++) expect(errorCode(await app.graphql(SIGN_OUT, {}, { ...inspector, ...LIVE }))).toBeUndefined();
    expect(errorCode(await app.graphql(ME, {}, inspector))).toBe('TOO_MANY_REQUESTS');
    expect((await app.graphql(ME, {}, { ...inspector, ...LIVE })).errors).toBeUndefined();
  });
});
