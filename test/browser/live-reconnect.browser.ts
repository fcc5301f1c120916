import type { Browser, Page } from 'playwright-core';
import { freshDatabasePath, startTestApp, type TestApp } from '../support/test-app.js';
import { freePort } from '../support/server-process.js';
import { launchChromium } from './support/browser.js';
import { browserContexts, eventually } from './support/suite.js';

const SUPERVISOR = { authorization: 'Bearer rct_demo_supervisor_qingchuan' };
const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').trim();

/**
 * breaker11b G9: offices keep 总览 open all day; an upgrade or a nightly restart must not leave it
 * frozen while it still says 实时. At shutdown the server completes every subscription; the page
 * says it is reconnecting, subscribes again once the server is back, loads once (what changed while
 * it was away) and follows the changes from then on.
 */
describe('an open page across a server restart', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts = browserContexts(() => ({ app, browser }));
  const sqlitePath = freshDatabasePath();
  let port: number;
  let evaluationId: string;
  let unitId: string;

  const start = () => startTestApp({ sqlitePath, port, demoData: true, now: new Date().toISOString() });
  const findingTotal = async () => (await app.graphql(`{ dashboard { findings { total } } }`, {}, SUPERVISOR)).data!.dashboard.findings.total as number;
  const recordFinding = async (title: string) => {
    const answer = await app.graphql(`mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`, {
      input: { idempotencyKey: title, evaluationId, title, description: '重启后记录', category: '主动公开', severity: 'MEDIUM', concernedUnitIds: [unitId] },
    }, SUPERVISOR);
    expect(answer.errors).toBeUndefined();
  };

  beforeAll(async () => {
    port = await freePort();
    [app, browser] = await Promise.all([start(), launchChromium()]);
    const { data } = await app.graphql(`{ units { id } evaluations { nodes { id } } }`, {}, SUPERVISOR);
    unitId = data!.units[0].id;
    evaluationId = data!.evaluations.nodes[0].id;
  });
  afterAll(() => contexts.closeAll());

  it('shows a change made between its first load and the start of its subscription (breaker11i P1)', async () => {
    const { context, page } = await contexts.open({ token: SUPERVISOR.authorization.slice('Bearer '.length) });
    // The server's connection_ack is held back until released: the page loads, but is not subscribed yet.
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    await context.routeWebSocket(/\/graphql$/, (socket) => {
      const server = socket.connectToServer();
      socket.onMessage((message) => server.send(message));
      server.onMessage((message) => {
        if (String(message).includes('"connection_ack"')) void released.then(() => socket.send(message));
        else socket.send(message);
      });
    });
    await page.goto('/overview');
    const before = await findingTotal();
    await eventually(page, async () => (await text(page, '[data-test="finding-totals"]')).startsWith(`${before} /`), 'the overview');
    await recordFinding('订阅开始前登记的问题');
    release();
    // Before: never shown — its push went to nobody and nothing loaded again.
    await eventually(page, async () => (await text(page, '[data-test="finding-totals"]')).startsWith(`${before + 1} /`), 'the finding recorded before the subscription started', 60_000);
  });

  it('says it is reconnecting while the server is down, then shows changes made after the restart', async () => {
    const { page } = await contexts.open({ token: SUPERVISOR.authorization.slice('Bearer '.length) });
    await page.goto('/overview');
    const before = await findingTotal();
    await eventually(page, async () => (await text(page, '[data-test="finding-totals"]')).startsWith(`${before} /`), 'the overview');
    // Both of the page's subscriptions (dashboard, work plan) are open on the server.
    await app.subscriptionsOpened(1);
    expect(await page.locator('h1', { hasText: '总览' }).innerText()).toContain('实时');

    await app.close();
    await page.locator('[data-test="connection-lost"]').waitFor();
    expect(await text(page, '[data-test="connection-lost"]')).toContain('连接已断开，正在重连…');
    expect(await page.locator('h1', { hasText: '总览' }).innerText()).toContain('连接已断开');

    app = await start();
    // Made at once: the page may not have reconnected yet (it loads again when it does) or has (a push).
    await recordFinding('重启后第一条问题');
    await eventually(page, async () => (await text(page, '[data-test="finding-totals"]')).startsWith(`${before + 1} /`), 'the finding recorded after the restart', 60_000);
    await page.locator('[data-test="connection-lost"]').waitFor({ state: 'detached', timeout: 60_000 });
    expect(await page.locator('h1', { hasText: '总览' }).innerText()).toContain('实时');

    // Live again, not only loaded once: a later change is pushed to the open page.
    await app.subscriptionsOpened(1);
    await recordFinding('重启后第二条问题');
    await eventually(page, async () => (await text(page, '[data-test="finding-totals"]')).startsWith(`${before + 2} /`), 'the second finding, pushed', 60_000);
  });
});
