import { copyFileSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { office } from '../support/office-folder.js';
import { PROCESS_TEST_CEILING_MS } from '../support/server-process.js';
import { editStore, refusalOf } from '../support/store-files.js';
import type { TestApp } from '../support/test-app.js';

/*
 * breaker9m P1 (serious): the copy a server keeps when its file is restored under it
 * (`rectify.db.rescued-<instant>.db`) was still offered by every later start refusal after the
 * operator had accepted the restored store (ACCEPT_STORE_RESET) and the office had entered new
 * records — "rename the copy to rectify.db … before accepting a reset" — and following it lost those
 * records. The copy's advice now follows the store: once the store holds events the copy lacks, the
 * copy is never offered in its place, and the refusal says what each holds alone.
 */

let titles = 0;
const registerEvaluation = async (app: TestApp) => {
  const answer = await app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ title: `救回副本与接受重置第${(titles += 1)}份评估` }) });
  expect(answer.errors).toBeUndefined();
};
const rescuedCopies = (folder: string) => readdirSync(folder).filter((name) => /\.rescued-.*\.db$/.test(name));

describe('A rescued copy made before an accepted reset', () => {
  it(
    'is offered while it holds the store and more, and no longer once new records were entered after the reset',
    async () => {
      const office1 = office();
      let app = await office1.start();
      await registerEvaluation(app);
      await app.close();
      const backup = join(office1.root, 'backup.db');
      copyFileSync(office1.sqlitePath, backup);

      app = await office1.start();
      for (let write = 0; write < 2; write += 1) await registerEvaluation(app);
      // The backup restored under the running server: it notices at the next write, refuses it and keeps what it holds.
      renameSync(backup, office1.sqlitePath);
      const refused = await app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ title: '恢复之后的登记' }) });
      expect(refused.errors![0]!.extensions).toMatchObject({ code: 'STORE_UNAVAILABLE', cause: 'STORE_FILE_REPLACED' });
      await app.close();
      expect(rescuedCopies(office1.data)).toHaveLength(1);
      const copy = join(office1.data, rescuedCopies(office1.data)[0]!);

      // Before anything else is written, the copy holds the restored store and more: it is offered.
      const shorter = await refusalOf(office1.start());
      expect(shorter.reason).toBe('STORE_SHORTER');
      expect(shorter.message).toContain(`Beside it lies ${copy}: what a server still held`);
      expect(shorter.message).toContain(`rename the copy to ${office1.sqlitePath}`);

      // The operator accepts the restored store instead, and the office enters new records.
      app = await office1.start({ ACCEPT_STORE_RESET: 'true' });
      for (let write = 0; write < 2; write += 1) await registerEvaluation(app);
      await app.close();
      // Later the newest record goes missing (a -wal lost after a crash): the start is refused again.
      editStore(office1.sqlitePath, (db) => db.exec('DELETE FROM events WHERE position = (SELECT MAX(position) FROM events)'));
      const again = await refusalOf(office1.start());
      expect(again.reason).toBe('STORE_SHORTER');
      // The copy is named, but never as what to put in place: the store went on past it.
      expect(again.message).toContain(`Beside it lies ${copy}`);
      expect(again.message).toContain('but the store has gone on since');
      expect(again.message).toContain('(ACCEPT_STORE_RESET)');
      expect(again.message).toContain('Do not put the copy in place of the store');
      expect(again.messageZh).toContain('请勿用副本替换事件库：那会丢失事件库此后写入的内容');
      expect(`${again.message} ${again.messageZh}`).not.toMatch(/rename the copy|改名为/);
    },
    PROCESS_TEST_CEILING_MS,
  );
});
