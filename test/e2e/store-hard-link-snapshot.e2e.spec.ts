import { execFileSync } from 'node:child_process';
import { linkSync, mkdirSync, realpathSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { runTool } from '../support/cli-tool.js';
import { office } from '../support/office-folder.js';
import { PROCESS_TEST_CEILING_MS, refusedStart } from '../support/server-process.js';
import { refusalOf } from '../support/store-files.js';
import type { TestApp } from '../support/test-app.js';

/*
 * breaker9m P5 (serious): a hard-link snapshot drill — `cp -al data/ snap/`, then a second server
 * on snap/rectify.db — ran a second server on the very file production serves, under another name:
 * the registry of servers was kept by path, so each took itself for the only one, each kept a -wal
 * of its own over the one file, and production became malformed while /health said ready. A store
 * file is known by its device and inode now: a start (or a tool) on another name of it is refused
 * in both languages, production keeps writing and says in /health that its file has other names.
 */

let titles = 0;
const registerEvaluation = async (app: TestApp) => {
  const answer = await app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ title: `硬链接快照演练第${(titles += 1)}份评估` }) });
  expect(answer.errors).toBeUndefined();
};
const notices = async (app: TestApp) => {
  const response = await fetch(`${app.url}/health`);
  const body = (await response.json()) as { status: string; notices: { cause: string; messageZh: string }[] };
  return { status: response.status, causes: body.notices.map((notice) => notice.cause) };
};
const integrityOf = (path: string) => {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return db.pragma('integrity_check', { simple: true });
  } finally {
    db.close();
  }
};

describe('A hard-link "snapshot" of the data folder (cp -al data/ snap/)', () => {
  it(
    'refuses a second server on the snapshot while production runs and after it stopped, refuses a tool there, and production keeps writing and says its file has other names',
    async () => {
      const office1 = office();
      let production = await office1.start();
      await registerEvaluation(production);
      const snap = join(office1.root, 'snap');
      execFileSync('cp', ['-al', office1.data, snap]);
      const snapPath = join(snap, 'rectify.db');
      const store = realpathSync(office1.sqlitePath);

      // In this process, while production serves the file by its own name.
      const whileServed = await refusalOf(office1.start({}, snapPath));
      expect(whileServed.reason).toBe('STORE_FILE_HAS_OTHER_NAMES');
      expect(whileServed.messageZh).toMatch(/^未写入任何内容：事件库文件 .*snap\/rectify\.db 与 .*data\/rectify\.db 是同一个文件/);
      expect(whileServed.messageZh).toContain(`正以 ${store} 的名称使用它`);
      expect(whileServed.messageZh).toContain('硬链接（cp -al、cp -l、ln）不是副本');
      expect(whileServed.messageZh).toContain('npm run store:backup');
      // A server process of its own, as the drill ran it: exit status 3, in Chinese.
      const drill = await refusedStart(snapPath, { env: { LEDGER_SIGNING_KEY_FILE: office1.keyFile } });
      expect(drill.code).toBe(3);
      expect(drill.output).toContain('STORE_FILE_HAS_OTHER_NAMES');
      expect(drill.output).toContain('不是副本');
      // A writing tool on the other name is refused the same way, and writes nothing.
      const tool = await runTool('create-user', ['--name', '演练账号', '--role', 'ADMIN'], {
        env: { PATH: process.env.PATH, NODE_ENV: 'test', LANG: 'C.UTF-8', EVENT_STORE: 'sqlite', SQLITE_PATH: snapPath, LEDGER_SIGNING_KEY_FILE: office1.keyFile },
      });
      expect(tool.code).not.toBe(0);
      expect(tool.stderr).toContain('未写入任何内容：事件库文件');

      // Production goes on, whole, and says why the other name must go.
      const health = await notices(production);
      expect(health.status).toBe(200);
      expect(health.causes).toContain('STORE_FILE_HAS_OTHER_NAMES');
      await registerEvaluation(production);
      expect(integrityOf(office1.sqlitePath)).toBe('ok');
      await production.close();

      // Production stopped: the snapshot's name is still not a copy — the witness it carried says where the store is served.
      const whileStopped = await refusalOf(office1.start({}, snapPath));
      expect(whileStopped.reason).toBe('STORE_FILE_HAS_OTHER_NAMES');
      expect(whileStopped.messageZh).toContain(`本安装是以 ${store} 使用该事件库的`);

      // Production starts by its own name; once the other name is removed the notice goes, without a restart.
      production = await office1.start();
      expect((await notices(production)).causes).toContain('STORE_FILE_HAS_OTHER_NAMES');
      await registerEvaluation(production);
      rmSync(snap, { recursive: true, force: true });
      expect((await notices(production)).causes).not.toContain('STORE_FILE_HAS_OTHER_NAMES');
      await registerEvaluation(production);
      await production.close();
      expect(integrityOf(office1.sqlitePath)).toBe('ok');
    },
    PROCESS_TEST_CEILING_MS,
  );

  it(
    'refuses a start on a lone hard link (ln) whose folder holds no witness, judged by the copy of the witness beside the key',
    async () => {
      const office1 = office();
      const production = await office1.start();
      await registerEvaluation(production);
      await production.close();
      const elsewhere = join(office1.root, 'elsewhere');
      mkdirSync(elsewhere);
      const linked = join(elsewhere, 'drill.db');
      linkSync(office1.sqlitePath, linked);
      const refused = await refusalOf(office1.start({}, linked));
      expect(refused.reason).toBe('STORE_FILE_HAS_OTHER_NAMES');
      expect(refused.messageZh).toContain(`本安装是以 ${realpathSync(office1.sqlitePath)} 使用该事件库的`);
      expect(refused.message).toContain(`rm ${realpathSync(linked)}`);
    },
    PROCESS_TEST_CEILING_MS,
  );
});
