import { copyFileSync } from 'node:fs';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { office } from '../support/office-folder.js';
import { refusalOf } from '../support/store-files.js';
import { type TestApp } from '../support/test-app.js';
import { PROCESS_TEST_CEILING_MS } from '../support/server-process.js';

/*
 * newcomer54-9 M13: another store's witness (another installation, another key) copied over this store's by mistake. The start
 * said the store was replaced (restore a backup: 2 records lost), then, accepted, that the key was replaced (restore the key,
 * or trust the other store's key). It is the witness that is another store's, and the copy beside this office's key saw this
 * very store here: said so, and accepting once takes the store with this office's key.
 */

const register = (app: TestApp, title: string) => app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ title }) });
const evaluationCount = async (app: TestApp) => (await app.graphql('{ evaluations { totalCount } }')).data!.evaluations.totalCount as number;

describe('Another store’s witness copied beside the store (newcomer54-9 M13)', () => {
  it('is said to be another store’s witness, not a replaced store or key; accepted once, the store starts with this office’s key', async () => {
    const production = office();
    const other = office();
    let app = await production.start();
    for (const title of ['正式一', '正式二']) expect((await register(app, title)).errors).toBeUndefined();
    await app.close();
    app = await other.start();
    expect((await register(app, '另一套')).errors).toBeUndefined();
    await app.close();

    copyFileSync(`${other.sqlitePath}.witness.json`, `${production.sqlitePath}.witness.json`);
    const refusal = await refusalOf(production.start());
    expect(refusal.messageZh).toContain(`事件库见证文件 ${production.sqlitePath}.witness.json 属于另一个事件库`);
    expect(refusal.messageZh).toContain('事件库本身并没有被替换');
    expect(refusal.messageZh).not.toContain('它已被替换');
    expect(refusal.messageZh).not.toContain('请从备份恢复密钥');

    app = await production.start({ ACCEPT_STORE_RESET: 'true' });
    await app.close();
    app = await production.start();
    try {
      expect(await evaluationCount(app)).toBe(2);
    } finally {
      await app.close();
    }
  }, PROCESS_TEST_CEILING_MS);
});
