import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { PROCESS_TEST_CEILING_MS } from '../support/server-process.js';
import { testSigningKeyFile } from '../support/signing-key.js';
import { freshDatabasePath, startTestApp } from '../support/test-app.js';

/*
 * breaker9h P2: the start refuses a log whose file numbered events past its newest one (events
 * deleted from the end, both witnesses rolled back with them: breaker9g P9) — but after one accepted
 * reset (ACCEPT_STORE_RESET) it skipped that check for good, and the stores that had an incident are
 * the ones this matters for. The witness now keeps the numbering the accepted store had; only that
 * much is excused.
 */

describe('events deleted from the end of a store that once had a reset accepted', () => {
  it('are refused STORE_SHORTER as on a store never reset', async () => {
    const sqlitePath = freshDatabasePath();
    const witnessPath = `${sqlitePath}.witness.json`;
    const accepted = await startTestApp({ sqlitePath, settings: { ACCEPT_STORE_RESET: 'true' } });
    expect((await accepted.graphql(REGISTER_EVALUATION, { input: evaluationInput() })).errors).toBeUndefined();
    await accepted.close();

    // Both witnesses as they are now: the data folder's and its copy beside the key.
    const { storeId, head } = JSON.parse(readFileSync(witnessPath, 'utf8')) as { storeId: string; head: string };
    const keptFolder = join(dirname(testSigningKeyFile()), 'store-witnesses');
    const saved = mkdtempSync(join(tmpdir(), 'rectify-saved-witnesses-'));
    const copies = readdirSync(keptFolder).filter((name) => name.startsWith(storeId));
    expect(copies.length).toBeGreaterThan(0);
    copyFileSync(witnessPath, join(saved, 'data.witness.json'));
    for (const name of copies) copyFileSync(join(keptFolder, name), join(saved, name));

    const later = await startTestApp({ sqlitePath });
    for (let round = 0; round < 2; round += 1) expect((await later.graphql(REGISTER_EVALUATION, { input: evaluationInput() })).errors).toBeUndefined();
    await later.close();

    // The newest events deleted, and both witnesses put back to before them.
    const db = new Database(sqlitePath);
    db.prepare('DELETE FROM events WHERE position > ?').run(Number(head));
    db.close();
    copyFileSync(join(saved, 'data.witness.json'), witnessPath);
    for (const name of copies) copyFileSync(join(saved, name), join(keptFolder, name));

    const refused = await startTestApp({ sqlitePath }).then(
      async (started) => {
        await started.close();
        return null;
      },
      (error: unknown) => error,
    );
    expect(refused).toMatchObject({ reason: 'STORE_SHORTER', message: expect.stringMatching(/the file itself numbered events up to position \d+/) });
  }, PROCESS_TEST_CEILING_MS);

  it('still start on the store as accepted: what the accepted store had numbered past its head is not asked about again', async () => {
    const sqlitePath = freshDatabasePath();
    const first = await startTestApp({ sqlitePath });
    expect((await first.graphql(REGISTER_EVALUATION, { input: evaluationInput() })).errors).toBeUndefined();
    const { head } = JSON.parse(readFileSync(`${sqlitePath}.witness.json`, 'utf8')) as { head: string };
    await first.close();
    // The newest events lost (the witnesses not rolled back): refused, then accepted as it is.
    const db = new Database(sqlitePath);
    db.prepare('DELETE FROM events WHERE position > ?').run(Number(head) - 2);
    db.close();
    await expect(startTestApp({ sqlitePath })).rejects.toMatchObject({ reason: 'STORE_SHORTER' });
    const accepting = await startTestApp({ sqlitePath, settings: { ACCEPT_STORE_RESET: 'true' } });
    await accepting.close();
    const again = await startTestApp({ sqlitePath });
    const health = (await (await fetch(`${again.url}/health`)).json()) as { status: string };
    await again.close();
    expect(health.status).toBe('ready');
  }, PROCESS_TEST_CEILING_MS);
});
