import { generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { freePort } from '../support/server-process.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { launchChromium } from './support/browser.js';
import { browserContexts, eventually } from './support/suite.js';

/*
 * breaker9c P8 in the browser: the store and both its signed witnesses put back from an older backup
 * start `ready`; the browser that was handed the server's signed statement of the longer log hands
 * it back and shows the rollback in red, on the sign-in page too (nobody need be signed in).
 */
describe('the browser as a witness of the ledger head', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts = browserContexts(() => ({ app, browser }));
  const root = mkdtempSync(join(tmpdir(), 'rectify-browser-heads-'));
  const keys = join(root, 'keys');
  const data = join(root, 'data');
  const keyFile = join(keys, 'ledger-signing-key.pem');
  let port: number;
  const start = () => startTestApp({ sqlitePath: join(data, 'rectify.db'), port, settings: { LEDGER_SIGNING_KEY_FILE: keyFile } });
  /** The position of the statement the page keeps (0 for none). */
  const keptPosition = (page: Page) => page.evaluate<number>("Number(JSON.parse(localStorage.getItem('rectify.ledgerHeads') ?? '[]')[0]?.position ?? 0)");

  beforeAll(async () => {
    mkdirSync(keys);
    writeFileSync(keyFile, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
    port = await freePort();
    [app, browser] = await Promise.all([start(), launchChromium()]);
  });
  afterAll(() => contexts.closeAll());

  it('shows in red, on the sign-in page, a store put back older with its witnesses', async () => {
    expect((await app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ title: '备份之前' }) })).errors).toBeUndefined();
    await app.close();
    const backup = join(root, 'backup');
    cpSync(data, join(backup, 'data'), { recursive: true });
    cpSync(join(keys, 'store-witnesses'), join(backup, 'store-witnesses'), { recursive: true });

    app = await start();
    for (const title of ['备份之后一', '备份之后二']) expect((await app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ title }) })).errors).toBeUndefined();
    const head = Number(await app.logPosition());
    const { page } = await contexts.open();
    await page.goto('/sign-in');
    await eventually(page, async () => (await keptPosition(page)) === head, 'the statement of the head kept by the browser', 60_000);
    expect(await page.locator('[data-test="ledger-alert"]').count()).toBe(0);
    await app.close();

    rmSync(data, { recursive: true });
    cpSync(join(backup, 'data'), data, { recursive: true });
    rmSync(join(keys, 'store-witnesses'), { recursive: true });
    cpSync(join(backup, 'store-witnesses'), join(keys, 'store-witnesses'), { recursive: true });
    app = await start();
    expect(Number(await app.logPosition())).toBeLessThan(head);
    await page.reload();
    const alert = page.locator('[data-test="ledger-alert"]');
    await alert.waitFor({ timeout: 60_000 });
    expect(await alert.innerText()).toContain('台账被回退');
    expect(await alert.innerText()).toContain(`已到达位置 ${head}`);
    // The proof stays with the browser: the server's shorter head does not take its place.
    expect(await keptPosition(page)).toBe(head);
    expect(((await (await fetch(`${app.url}/health`)).json()) as { status: string }).status).toBe('degraded');
  });
});
