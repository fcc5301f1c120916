import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { PROCESS_TEST_CEILING_MS } from '../support/server-process.js';
import { refusalOf } from '../support/store-files.js';
import { freshDatabasePath, startTestApp, type TestApp } from '../support/test-app.js';

/*
 * breaker9x P5: ACCEPT_STORE_RESET=true left in .env (as every refusal offers it) silently accepted the next
 * loss of the whole store. Like ACCEPT_CLOCK_AHEAD_RECORDS it is honoured by one start: a later start with it
 * still set and a store it does not recognise is refused until the setting is removed.
 */

const notices = async (app: TestApp) => ((await (await fetch(`${app.url}/health`)).json()) as { notices: { cause: string }[] }).notices.map((notice) => notice.cause);

/** The store's files moved away, as a lost volume or a deleted folder would take them (the witness stays). */
const lose = (sqlitePath: string, where: string) => {
  mkdirSync(where, { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(`${sqlitePath}${suffix}`)) renameSync(`${sqlitePath}${suffix}`, join(where, `rectify.db${suffix}`));
};

describe('ACCEPT_STORE_RESET is honoured by one start (breaker9x P5)', () => {
  it('left set after a start that used it, the next loss of the store is refused until it is removed; then it counts once more', async () => {
    const sqlitePath = freshDatabasePath();
    let app = await startTestApp({ sqlitePath });
    expect((await app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ title: '评估一', idempotencyKey: 'k-1' }) })).errors).toBeUndefined();
    await app.close();
    // Put in .env and forgotten: this start needs nothing accepted (said in /health), and it has used the setting.
    app = await startTestApp({ sqlitePath, settings: { ACCEPT_STORE_RESET: 'true' } });
    expect(await notices(app)).toEqual(['ACCEPT_STORE_RESET_LEFT_SET']);
    await app.close();
    // Later the store is lost: with the setting still set, the start is refused — not a new empty store, ready.
    lose(sqlitePath, join(dirname(sqlitePath), 'lost'));
    const leftSet = await refusalOf(startTestApp({ sqlitePath, settings: { ACCEPT_STORE_RESET: 'true' } }));
    expect(leftSet.reason).toBe('ACCEPT_STORE_RESET_LEFT_SET');
    expect(leftSet.message).toContain('already used it and no start without it has followed');
    expect(leftSet.messageZh).toContain('接受一个未能识别的事件库只能一次性进行');
    expect(existsSync(sqlitePath)).toBe(false);
    // Again, the same.
    expect((await refusalOf(startTestApp({ sqlitePath, settings: { ACCEPT_STORE_RESET: 'true' } }))).reason).toBe('ACCEPT_STORE_RESET_LEFT_SET');
    // Removed: refused as the store it is (missing), and the earlier use forgotten …
    expect((await refusalOf(startTestApp({ sqlitePath }))).reason).not.toBe('ACCEPT_STORE_RESET_LEFT_SET');
    // … so that the operator who means it can accept the loss with one start.
    app = await startTestApp({ sqlitePath, settings: { ACCEPT_STORE_RESET: 'true' } });
    expect(await notices(app)).toEqual(['STORE_RESET_ACCEPTED']);
    await app.close();
    // A plain start goes on, and clears the mark.
    app = await startTestApp({ sqlitePath });
    expect(await notices(app)).toEqual([]);
    await app.close();
  }, PROCESS_TEST_CEILING_MS);
});
