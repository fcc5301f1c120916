import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { otherStoreHereProblem } from '../../src/cli/other-store-here.js';
import { SqliteStoreInspection } from '../../src/event-store/sqlite-store-inspection.js';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { office } from '../support/office-folder.js';
import { refusalOf } from '../support/store-files.js';
import { type TestApp } from '../support/test-app.js';
import { PROCESS_TEST_CEILING_MS } from '../support/server-process.js';

/*
 * breaker54-9 S1: the data folder lost, an empty file put at its path (STORE_EMPTY here), then one start of the previous
 * release made a new store there (it judged no copy beside the key) and wrote that store's witness beside it and its copy
 * beside the key. This build then started `ready` on it, though the key folder still held the lost store's copy for this very
 * place (head 236), and ledger:verify called it intact. The older release's start is played here by this build started while
 * the lost store's copy was out of the key folder — what it leaves is the same: the new store's witnesses, and the old copy.
 */

const register = (app: TestApp, title: string) => app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ title }) });

/** The store id written in the file at `sqlitePath` (what ledger:verify reads before judging the copies). */
const storeIdOf = (sqlitePath: string): string | null => {
  const inspection = new SqliteStoreInspection(sqlitePath);
  try {
    return inspection.identity()?.storeId ?? null;
  } finally {
    inspection.close();
  }
};

describe('A store at a place the key folder saw another store at (breaker54-9 S1)', () => {
  it('is refused STORE_REPLACED on the lost store’s copy beside the key, and ledger:verify says so; accepted, later starts take it', async () => {
    const { root, data, sqlitePath, start, copies, keyFile } = office();
    let app = await start();
    for (const title of ['丢失之前一', '丢失之前二']) expect((await register(app, title)).errors).toBeUndefined();
    const head = await app.logPosition();
    await app.close();
    const [lostCopyName] = readdirSync(copies);
    const lostCopy = join(copies, lostCopyName!);
    const { storeId: lostStoreId } = JSON.parse(readFileSync(lostCopy, 'utf8')) as { storeId: string };

    // The data folder lost; an empty file at its path; a start that judges no copy beside the key makes a new store there.
    rmSync(data, { recursive: true });
    mkdirSync(data);
    writeFileSync(sqlitePath, '');
    const aside = join(root, 'lost-copy-aside.json');
    renameSync(lostCopy, aside);
    app = await start();
    expect((await register(app, '旧版本写入')).errors).toBeUndefined();
    await app.close();
    renameSync(aside, lostCopy);
    expect(readdirSync(copies)).toHaveLength(2);

    const refusal = await refusalOf(start());
    expect(refusal.reason).toBe('STORE_REPLACED');
    expect(refusal.messageZh).toContain(`不是本服务上次看到的事件库 ${lostStoreId}，日志位置 ${head}`);
    expect(refusal.messageZh).toContain(`本位置专有的事件库见证副本 ${lostCopy}`);
    expect(refusal.message).toContain('--accept-store-reset');

    // ledger:verify says the same of the file (the witness beside it is the new store's own).
    const problem = otherStoreHereProblem({ path: sqlitePath, storeId: storeIdOf(sqlitePath), witnessPath: `${sqlitePath}.witness.json`, keyFile, copyName: null });
    expect(problem?.kind).toBe('STORE_REPLACED');
    expect(problem?.message.zh).toContain(`事件库 ${lostStoreId}`);
    expect(problem?.message.zh).toContain(lostCopy);

    // breaker55-9 M2: the new store's witnesses removed too (beside the data, and its own copy beside the key): still
    // STORE_REPLACED naming the lost store — not STORE_UNWITNESSED, whose one way on is the reset that drops it.
    const newCopyName = readdirSync(copies).find((name) => name !== lostCopyName)!;
    renameSync(`${sqlitePath}.witness.json`, join(root, 'new-witness-aside.json'));
    renameSync(join(copies, newCopyName), join(root, 'new-copy-aside.json'));
    const unwitnessed = await refusalOf(start());
    expect(unwitnessed.reason).toBe('STORE_REPLACED');
    expect(unwitnessed.messageZh).toContain(`不是本服务上次看到的事件库 ${lostStoreId}，日志位置 ${head}`);
    renameSync(join(root, 'new-witness-aside.json'), `${sqlitePath}.witness.json`);
    renameSync(join(root, 'new-copy-aside.json'), join(copies, newCopyName));

    // Accepted by the operator: taken, and taken again by a plain start; ledger:verify no longer names the lost store's copy.
    app = await start({ ACCEPT_STORE_RESET: 'true' });
    await app.close();
    app = await start();
    await app.close();
    expect(otherStoreHereProblem({ path: sqlitePath, storeId: storeIdOf(sqlitePath), witnessPath: `${sqlitePath}.witness.json`, keyFile, copyName: null })).toBeNull();
  }, PROCESS_TEST_CEILING_MS);
});
