import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { office } from '../support/office-folder.js';
import { refusalOf } from '../support/store-files.js';
import { type TestApp } from '../support/test-app.js';
import { PROCESS_TEST_CEILING_MS } from '../support/server-process.js';

/*
 * breaker54-9 M4: the data folder gone under a running server, the stop wrote what it alone held beside the signing key
 * (`rectify.db.rescued-<instant>.db`); put in place as STORE_MISSING said, the start was refused STORE_WITNESS_MISSING (the
 * witness went with the folder), needed --accept-store-reset, and ledger:verify then warned for ever that records may be
 * missing — though the copy matched the key's copy of the witness at its head. A copy that is the server's own stop copy,
 * ending where that copy vouches, is taken as it is. (The stop is played by copying the cleanly stopped store beside the key.)
 */

const register = (app: TestApp, title: string) => app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ title }) });
const evaluationCount = async (app: TestApp) => (await app.graphql('{ evaluations { totalCount } }')).data!.evaluations.totalCount as number;

describe('The stop’s complete copy put back in a new data folder (breaker54-9 M4)', () => {
  it('starts without --accept-store-reset and leaves no accepted reset on record; an older copy of an earlier loss does not pass', async () => {
    const { root, data, sqlitePath, start } = office();
    let app = await start();
    for (const title of ['停止之前一', '停止之前二', '停止之前三']) expect((await register(app, title)).errors).toBeUndefined();
    const head = await app.logPosition();
    await app.close();
    const stopCopy = join(root, 'keys', 'rectify.db.rescued-2026-12-07T11-46-00-562Z.db');
    copyFileSync(sqlitePath, stopCopy);

    // newcomer54-9 M1: STORE_MISSING names the copy that holds everything first, before "restore a backup" and "start over".
    rmSync(data, { recursive: true });
    mkdirSync(data);
    const missing = await refusalOf(start());
    expect(missing.reason).toBe('STORE_MISSING');
    expect(missing.messageZh.indexOf(stopCopy)).toBeGreaterThan(0);
    expect(missing.messageZh.indexOf(stopCopy)).toBeLessThan(missing.messageZh.indexOf('若数据确已丢失'));
    expect(missing.messageZh.indexOf(stopCopy)).toBeLessThan(missing.messageZh.indexOf('--accept-store-reset'));
    expect(missing.messageZh).toContain('无需 --accept-store-reset');

    // Written before the copy beside the key last saw the store: a copy of an earlier loss vouches for nothing since.
    copyFileSync(stopCopy, sqlitePath);
    utimesSync(stopCopy, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
    expect((await refusalOf(start())).reason).toBe('STORE_WITNESS_MISSING');

    // The stop's own copy: taken as it is.
    utimesSync(stopCopy, new Date(), new Date());
    rmSync(data, { recursive: true });
    mkdirSync(data);
    copyFileSync(stopCopy, sqlitePath);
    app = await start();
    try {
      expect(await app.logPosition()).toBe(head);
      expect(await evaluationCount(app)).toBe(3);
    } finally {
      await app.close();
    }
    const witness = JSON.parse(readFileSync(`${sqlitePath}.witness.json`, 'utf8')) as { resetAcceptedAt?: string };
    expect(witness.resetAcceptedAt).toBeUndefined();
    expect(existsSync(stopCopy)).toBe(true);
    expect(readdirSync(data).some((name) => name.includes('accept-store-reset'))).toBe(false);
  }, PROCESS_TEST_CEILING_MS);
});
