import { copyFileSync, existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { office } from '../support/office-folder.js';
import { refusalOf } from '../support/store-files.js';
import { PROCESS_TEST_CEILING_MS } from '../support/server-process.js';
import type { TestApp } from '../support/test-app.js';

/*
 * breaker9l P3 (a regression of 9212118, where a store became known by its real file): with
 * SQLITE_PATH a symbolic link, re-pointing the link at another copy of the store (a restore, or
 * flipping back) started `ready` at whatever that copy held — 237 → 234 → 237 — acknowledged events
 * dropped out of the served store without STORE_SHORTER, and the ledger forked. The copy of the
 * witness beside the key now says which path the server was given, and a start on that path is
 * judged by the newest such copy too, whatever file the link names now.
 */

let titles = 0;
const registerEvaluation = async (app: TestApp) => {
  const answer = await app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ title: `换链接恢复的事件库第${(titles += 1)}份评估` }) });
  expect(answer.errors).toBeUndefined();
};
const pointLink = (link: string, at: string) => {
  rmSync(link, { force: true });
  symlinkSync(at, link);
};

describe('A store reached through a symbolic link re-pointed at another copy of it', () => {
  it(
    'is refused STORE_SHORTER when the copy is older, takes an accepted reset for good, and refuses the link pointed back at a file that lacks what was written since',
    async () => {
      const office1 = office();
      const fileA = join(office1.root, 'volume-a', 'rectify.db');
      const fileB = join(office1.root, 'volume-b', 'rectify.db');
      for (const file of [fileA, fileB]) mkdirSync(dirname(file), { recursive: true });
      mkdirSync(office1.data, { recursive: true });
      pointLink(office1.sqlitePath, fileA);

      let app = await office1.start();
      for (let write = 0; write < 2; write += 1) await registerEvaluation(app);
      await app.close();
      // A backup of the stopped store (its -wal checkpointed at the stop), with its witness.
      // (The witness is beside the link: the real file did not exist yet at the first start.)
      copyFileSync(fileA, fileB);
      copyFileSync(existsSync(`${fileA}.witness.json`) ? `${fileA}.witness.json` : `${office1.sqlitePath}.witness.json`, `${fileB}.witness.json`);
      app = await office1.start();
      await registerEvaluation(app);
      await app.close();

      pointLink(office1.sqlitePath, fileB);
      const older = await refusalOf(office1.start());
      expect(older.reason).toBe('STORE_SHORTER');
      expect(older.messageZh).toContain('--accept-store-reset');

      app = await office1.start({ ACCEPT_STORE_RESET: 'true' });
      for (let write = 0; write < 2; write += 1) await registerEvaluation(app);
      await app.close();
      // The reset accepted is not asked again at the next start on B.
      app = await office1.start();
      await registerEvaluation(app);
      await app.close();

      pointLink(office1.sqlitePath, fileA);
      const back = await refusalOf(office1.start());
      expect(back.reason).toBe('STORE_SHORTER');
    },
    PROCESS_TEST_CEILING_MS,
  );
});
