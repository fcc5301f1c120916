import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTool } from '../support/cli-tool.js';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { testSigningKeyFile } from '../support/signing-key.js';
import { PROCESS_TEST_CEILING_MS, refusedStart, startServer, type ServerProcess } from '../support/server-process.js';
import { writtenInProcess } from '../support/test-app.js';

/*
 * breaker49-9 S7: an installation keeping its witness on another volume (STORE_WITNESS_PATH in .env, as the README
 * recommends) started a restore drill as the README says — only SQLITE_PATH, STORE_COPY_NAME and PORT on its command line —
 * and the drill read and wrote production's witness; the --accept-store-reset its refusal offered then made both servers
 * write that one witness in turn, both ready. A start whose STORE_WITNESS_PATH holds the witness of another SQLite file
 * that is still there is refused, whatever ACCEPT_STORE_RESET says, and the witness is left as it was.
 */

const stop = async (server: ServerProcess) => {
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
};

describe('A restore drill given production\'s witness by .env (breaker49-9 S7)', () => {
  it(
    'is refused, even with --accept-store-reset, saying to give it a witness of its own; production\'s witness is untouched, and the drill with its own witness starts',
    async () => {
      const root = mkdtempSync(join(tmpdir(), 'rectify-shared-witness-'));
      const production = join(root, 'data', 'rectify.db');
      const witness = join(root, 'witness-volume', 'witness.json');
      const env = { STORE_COPY_NAME: '正式', STORE_WITNESS_PATH: witness };
      const register = (titles: string[]) =>
        writtenInProcess(
          production,
          async (app) => {
            const supervisor = await app.as('SUPERVISOR');
            for (const title of titles) expect((await app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ title, idempotencyKey: `key-${title}` }) }, supervisor)).errors).toBeUndefined();
          },
          env,
        );
      await register(['备份之前']);
      const drillFolder = join(root, 'drill');
      const backup = await runTool('backup-store', [drillFolder], { env: { ...process.env, EVENT_STORE: 'sqlite', SQLITE_PATH: production, NODE_ENV: 'test', LEDGER_SIGNING_KEY_FILE: testSigningKeyFile(), ...env } });
      expect(backup.code).toBe(0);
      await register(['备份之后']);
      const before = readFileSync(witness, 'utf8');
      expect(JSON.parse(before)).toMatchObject({ copyName: '正式', location: production });

      // The README's drill line, run where .env names STORE_WITNESS_PATH: refused — and so with the reset its old refusal offered.
      const drill = join(drillFolder, 'rectify.db');
      for (const args of [[], ['--accept-store-reset']]) {
        const refused = await refusedStart(drill, { env: { STORE_COPY_NAME: '演练', STORE_WITNESS_PATH: witness }, args });
        expect(refused.code).toBe(3);
        expect(refused.output).toContain(`事件库见证文件 STORE_WITNESS_PATH=${witness} 记录的是另一个事件库文件 ${production}（副本“正式”）`);
        expect(refused.output).toContain(`请在同一命令行上为它指定自己的见证文件——STORE_WITNESS_PATH=${join(drillFolder, 'witness.json')}（`);
        expect(refused.output).toContain('请勿以 --accept-store-reset 启动');
        expect(refused.output).not.toContain('已确认写入的事件缺失');
        expect(readFileSync(witness, 'utf8')).toBe(before);
      }

      // s9f: the command-line tools on the drill, given production's witness by .env, are refused as the start is — nothing written, production's witness untouched.
      const toolEnv = { ...process.env, EVENT_STORE: 'sqlite', SQLITE_PATH: drill, NODE_ENV: 'test', LEDGER_SIGNING_KEY_FILE: testSigningKeyFile(), STORE_COPY_NAME: '演练', STORE_WITNESS_PATH: witness };
      for (const [tool, args] of [['create-user', ['--name', '演练账号', '--role', 'ADMIN']], ['backup-store', [join(root, 'drill-backup')]]] as const) {
        const refused = await runTool(tool, [...args], { env: toolEnv });
        expect(refused.code).not.toBe(0);
        const said = `${refused.stdout}${refused.stderr}`;
        expect(said).toContain(`事件库见证文件 STORE_WITNESS_PATH=${witness} 记录的是另一个事件库文件 ${production}（副本“正式”）`);
        expect(said).toContain('命令行工具与服务一样被拒绝');
        expect(readFileSync(witness, 'utf8')).toBe(before);
      }

      // The drill with a witness of its own — the one store:backup copied beside the file, as the refusal and the README's line say — starts at the backup's head; production after it, on its own witness.
      const drillServer = await startServer(drill, { env: { STORE_COPY_NAME: '演练', STORE_WITNESS_PATH: join(drillFolder, 'witness.json') } });
      expect(await (await fetch(`http://127.0.0.1:${drillServer.port}/health/ready`)).json()).toMatchObject({ status: 'ready' });
      await stop(drillServer);
      expect(readFileSync(witness, 'utf8')).toBe(before);
      const productionServer = await startServer(production, { env });
      expect(await (await fetch(`http://127.0.0.1:${productionServer.port}/health/ready`)).json()).toMatchObject({ status: 'ready' });
      await stop(productionServer);
    },
    PROCESS_TEST_CEILING_MS,
  );
});
