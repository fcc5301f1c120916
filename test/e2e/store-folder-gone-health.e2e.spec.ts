import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { PROCESS_TEST_CEILING_MS } from '../support/server-process.js';
import { operatorText } from '../support/store-refusal.js';
import { freshDatabasePath, startTestApp, type TestApp } from '../support/test-app.js';

/*
 * breaker54-9 M1: the data folder deleted whole under a running server (`rm -rf data`, no disk trouble). `rm` removes the
 * files one by one, and the server met the folder between the -shm and the .db: /health said for good that only the -shm
 * was deleted and 「台账数据文件本身还在」, the log 「rectify.db 仍在」 and 「若 …rectify.db 是有意恢复的备份，保留即可」 — no
 * rectify.db existed. Played here as rm does it: the -shm first, a look, then the rest.
 */

const health = async (app: TestApp) => (await (await fetch(`${app.url}/health`)).json()) as { problems: { cause: string; message: string; messageZh: string; adviceZh: string }[] };

describe('The data folder deleted whole under a running server (breaker54-9 M1, newcomer54-9 M14)', () => {
  it('is told as the store file gone once it is, not as the -shm alone', async () => {
    const sqlitePath = freshDatabasePath();
    const app = await startTestApp({ sqlitePath });
    try {
      const admin = await app.as('ADMIN');
      expect((await app.graphql(REGISTER_EVALUATION, { input: evaluationInput({}) })).errors).toBeUndefined();
      rmSync(`${sqlitePath}-shm`);
      const [shmGone] = (await health(app)).problems;
      expect(shmGone?.messageZh).toContain('台账数据文件本身还在');
      // newcomer54-9 M14: a deleted -shm or -wal cannot be "moved back": /health says what the write refusal says — stop.
      expect(shmGone?.adviceZh).not.toContain('移回原处');
      expect(shmGone?.adviceZh).toContain('写入不会自动恢复');
      rmSync(dirname(sqlitePath), { recursive: true, force: true });
      const [problem] = (await health(app)).problems;
      expect(problem?.cause).toBe('STORE_FILE_MISSING');
      expect(problem?.messageZh).not.toContain('本身还在');
      expect(problem?.adviceZh).toContain('移回原处');
      const whole = await operatorText(app, admin, 'STORE_FILE_MISSING');
      expect(whole.zh).not.toContain('仍在');
      expect(whole.zh).not.toContain('是有意恢复的备份');
      expect(whole.zh).toContain(`运行中事件库文件 ${sqlitePath} 被删除或移走`);
    } finally {
      await app.close();
    }
  }, PROCESS_TEST_CEILING_MS);
});
