import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { writeNewSigningKey } from '../support/office-folder.js';
import { PROCESS_TEST_CEILING_MS } from '../support/server-process.js';
import { refusalOf } from '../support/store-files.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/*
 * breaker9m P2 (serious, breaker9l P3's kind one level up): the installation's folder itself a
 * symbolic link (`current -> releases/v2`) re-pointed at an older release that holds an older copy of
 * its data folder — data, witness, keys and the copies beside the key all older together — started
 * silently at the older data. The server now keeps what it saw by the path the operator reaches the
 * store by outside the installation ($XDG_STATE_HOME/rectify/served-paths), and is judged by it.
 */

let titles = 0;
const registerEvaluation = async (app: TestApp) => {
  const answer = await app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ title: `程序文件夹换链接第${(titles += 1)}份评估` }) });
  expect(answer.errors).toBeUndefined();
};

describe('The installation folder reached through a symbolic link re-pointed at an older release', () => {
  const before = { cwd: process.cwd(), pwd: process.env.PWD, state: process.env.XDG_STATE_HOME };
  afterEach(() => {
    process.chdir(before.cwd);
    for (const [name, value] of [['PWD', before.pwd], ['XDG_STATE_HOME', before.state]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it(
    'is refused STORE_SHORTER, names the copy kept outside the installation, and takes an accepted reset for good',
    async () => {
      const root = realpathSync(mkdtempSync(join(tmpdir(), 'rectify-releases-')));
      const v1 = join(root, 'releases', 'v1');
      mkdirSync(join(v1, 'keys'), { recursive: true });
      mkdirSync(join(v1, 'data'));
      writeNewSigningKey(join(v1, 'keys', 'ledger-signing-key.pem'));
      const current = join(root, 'current');
      symlinkSync(v1, current);
      process.env.XDG_STATE_HOME = join(root, 'state');
      /** As an operator's `cd /srv/rectify && npm start`: the shell's PWD is the link, Node's working folder the release it names now. */
      const startInCurrent = (settings: Record<string, string> = {}) => {
        process.chdir(current);
        process.env.PWD = current;
        return startTestApp({ sqlitePath: './data/rectify.db', settings: { LEDGER_SIGNING_KEY_FILE: './keys/ledger-signing-key.pem', ...settings } });
      };
      const repoint = (release: string) => {
        rmSync(current);
        symlinkSync(release, current);
      };

      let app = await startInCurrent();
      await registerEvaluation(app);
      await app.close();
      // A new release: the whole installation copied (data and keys with it), the link re-pointed.
      const v2 = join(root, 'releases', 'v2');
      execFileSync('cp', ['-a', v1, v2]);
      repoint(v2);
      app = await startInCurrent();
      for (let write = 0; write < 2; write += 1) await registerEvaluation(app);
      await app.close();

      // Rolled back to v1: everything in it is older, together.
      repoint(v1);
      const older = await refusalOf(startInCurrent());
      expect(older.reason).toBe('STORE_SHORTER');
      expect(older.message).toContain(`kept for the path ${join(current, 'data', 'rectify.db')} outside the installation`);
      expect(older.messageZh).toContain('路径上的符号链接（程序文件夹或数据文件夹）是否被改指向较旧的安装副本');
      expect(older.messageZh).toContain('--accept-store-reset');

      // Accepted once, the older release is the store from then on.
      app = await startInCurrent({ ACCEPT_STORE_RESET: 'true' });
      await registerEvaluation(app);
      await app.close();
      app = await startInCurrent();
      await registerEvaluation(app);
      await app.close();
      // And flipping to v2 again, which lacks what was written since, is refused.
      repoint(v2);
      expect((await refusalOf(startInCurrent())).reason).toMatch(/STORE_SHORTER|STORE_REWRITTEN/);
    },
    PROCESS_TEST_CEILING_MS,
  );
});
