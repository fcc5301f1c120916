import { execFileSync, spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { PROCESS_TEST_CEILING_MS, SERVER } from '../support/server-process.js';
import { testSigningKeyFile } from '../support/signing-key.js';
import { toolOnStore } from '../support/cli-tool.js';
import { join } from 'node:path';
import { freshDatabasePath, writtenInProcess } from '../support/test-app.js';

/*
 * newcomer18 S7: `npm start` on a port already taken — the commonest first start on a shared
 * machine — printed graphql-ws's "Internal error emitted on the WebSocket server", an English Node
 * stack and JSON lines, no Chinese and no PORT= hint; its log had said the store was admitted and
 * "Nest application successfully started" first. S8: a start refused for a bad setting printed JSON,
 * English first, with \n escapes, in a terminal too. The port is now tried before anything opens,
 * and a refused start read in a terminal is plain lines, Chinese first (JSON lines for a log file).
 */

/** `script` (util-linux) runs the server in a pseudo-terminal, as a person's `npm start`; without it the terminal cases are skipped. */
const hasScript = (() => {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** A port held by another program for the test's length, on every address (as the server listens). */
function holdPort(): Promise<{ port: number; release: () => Promise<void> }> {
  return new Promise((resolve) => {
    const holder = createServer().listen(0, () => {
      const { port } = holder.address() as { port: number };
      resolve({ port, release: () => new Promise((done) => holder.close(() => done())) });
    });
  });
}

interface Exit {
  readonly code: number | null;
  readonly output: string;
}

/**
 * Runs the built server until it exits, with `env` over a test's settings: through pipes (what a
 * log collector gets), or `inTerminal` under `script`. A server that starts after all is ended and
 * the run fails (it should have refused).
 */
function runServer(env: Record<string, string>, inTerminal: boolean): Promise<Exit> {
  const settings = { ...process.env, DEMO_DATA: 'false', NODE_ENV: 'test', LEDGER_SIGNING_KEY_FILE: testSigningKeyFile(), ...env };
  const child = inTerminal
    ? spawn('script', ['-qec', `'${process.execPath}' '${SERVER}'`, '/dev/null'], { env: settings, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(process.execPath, [SERVER], { env: settings, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const take = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (/Rectify 已启动|GraphQL at http/.test(output)) {
        child.kill('SIGKILL');
        reject(new Error(`the server started although its start should have been refused:\n${output}`));
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('close', (code) => resolve({ code, output: output.replaceAll('\r\n', '\n') }));
  });
}

describe('A refused start', () => {
  it(
    'on a port another program holds opens nothing and says so in Chinese and English, with the way out, and no stack (log lines through a pipe)',
    async () => {
      const held = await holdPort();
      const sqlitePath = freshDatabasePath();
      try {
        const { code, output } = await runServer({ PORT: String(held.port), SQLITE_PATH: sqlitePath }, false);
        expect(code).toBe(1);
        expect(output).toContain(`端口 ${held.port} 已被占用`);
        expect(output).toContain(`PORT=${held.port + 1} npm start`);
        expect(output).toContain(`Port ${held.port} is already in use`);
        // Tried before the store or the app: nothing opened, nothing claimed to have started.
        expect(existsSync(sqlitePath)).toBe(false);
        expect(output).not.toMatch(/admitted at position|successfully started|Internal error emitted|\n\s+at /);
        // Read by a log collector: every line is one JSON object.
        for (const line of output.split('\n').filter((candidate) => candidate.trim() !== '')) expect(() => JSON.parse(line) as unknown).not.toThrow();
      } finally {
        await held.release();
      }
    },
    PROCESS_TEST_CEILING_MS,
  );

  (hasScript ? it : it.skip)(
    'on a port another program holds, read in a terminal: plain lines, Chinese first, then English',
    async () => {
      const held = await holdPort();
      try {
        const { code, output } = await runServer({ PORT: String(held.port), SQLITE_PATH: freshDatabasePath() }, true);
        expect(code).toBe(1);
        const lines = output.split('\n').filter((line) => line.trim() !== '');
        expect(lines[0]).toMatch(new RegExp(`^端口 ${held.port} 已被占用.*PORT=${held.port + 1} npm start$`));
        expect(lines[1]).toMatch(new RegExp(`^Port ${held.port} is already in use`));
        expect(lines).toHaveLength(2);
      } finally {
        await held.release();
      }
    },
    PROCESS_TEST_CEILING_MS,
  );

  (hasScript ? it : it.skip)(
    'for a bad setting, read in a terminal: plain lines, Chinese first, each bad variable on its own line, no JSON and no escapes',
    async () => {
      const { code, output } = await runServer({ PORT: 'abc', SQLITE_PATH: freshDatabasePath() }, true);
      expect(code).toBe(1);
      const lines = output.split('\n').filter((line) => line.trim() !== '');
      expect(lines[0]).toBe('配置有误，服务未启动：');
      expect(lines[1]).toMatch(/^ {2}- PORT 必须是 0 至 65535 之间的整数（现为“abc”）/);
      expect(lines).toContain('Invalid configuration:');
      expect(output).not.toMatch(/\{"level"|\\n/);
    },
    PROCESS_TEST_CEILING_MS,
  );
});

/*
 * newcomer27 S2 (moderate): a start that cannot write — here a clock set back two days behind the newest
 * record (CLOCK_BEHIND_LOG) — said only 「Rectify 已启动」 in the terminal; the office learned it at its
 * first 登记. The terminal now says first, Chinese then English, that the server serves reading only and why.
 */
describe('A start whose store takes no writes', () => {
  (hasScript ? it : it.skip)(
    'says so in the terminal, Chinese first: reading only, the reason and its cause code (newcomer27 S2)',
    async () => {
      const sqlitePath = freshDatabasePath();
      expect((await toolOnStore('create-user', ['--name', '张伟', '--role', 'ADMIN', '--new-store'], sqlitePath)).code).toBe(0);
      const held = await holdPort();
      await held.release();
      const settings = {
        ...process.env,
        DEMO_DATA: 'false',
        NODE_ENV: 'test',
        LEDGER_SIGNING_KEY_FILE: testSigningKeyFile(),
        SQLITE_PATH: sqlitePath,
        PORT: String(held.port),
        // The server's clock two days behind the record the tool just wrote (test/support/clock-set-back.cjs).
        NODE_OPTIONS: `--require ${join(process.cwd(), 'test/support/clock-set-back.cjs')}`,
        CLOCK_OFFSET_MS: String(-2 * 24 * 3_600_000),
      };
      const child = spawn('script', ['-qec', `'${process.execPath}' '${SERVER}'`, '/dev/null'], { env: settings, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
      const banner = await new Promise<string>((resolve, reject) => {
        const take = (chunk: Buffer) => {
          output += chunk.toString('utf8').replaceAll('\r\n', '\n');
          if (/当前状态 \/ Current state|Rectify 已启动：/.test(output)) resolve(output);
        };
        child.stdout.on('data', take);
        child.stderr.on('data', take);
        child.on('close', () => reject(new Error(`the server stopped before its banner:\n${output}`)));
      });
      child.kill('SIGTERM');
      await closed;
      const lines = banner.split('\n').filter((line) => !line.startsWith('{'));
      const first = lines.findIndex((line) => line.startsWith('Rectify 已启动'));
      expect(lines[first]).toMatch(new RegExp(`^Rectify 已启动，但不接受写入（STORE_UNAVAILABLE）：只能查看.*http://localhost:${held.port}/`));
      expect(lines[first + 1]).toBe('原因：');
      expect(lines[first + 2]).toMatch(/^ {2}服务器时钟（北京时间 .*）比台账中最新记录的录入时间.*（CLOCK_BEHIND_LOG）$/);
      expect(lines[first + 3]).toMatch(/^Rectify started but takes no writes \(STORE_UNAVAILABLE\)/);
      expect(lines[first + 4]).toMatch(/\(CLOCK_BEHIND_LOG\)$/);
    },
    PROCESS_TEST_CEILING_MS,
  );

  // breaker49-9 M1: a refused store's start in a terminal opened with Nest's ExceptionHandler line — English JSON and a stack.
  (hasScript ? it : it.skip)(
    'for a store it does not recognise, read in a terminal: no ExceptionHandler line and no stack before the Chinese refusal',
    async () => {
      const sqlitePath = freshDatabasePath();
      await writtenInProcess(sqlitePath, () => Promise.resolve());
      for (const file of [sqlitePath, `${sqlitePath}-wal`, `${sqlitePath}-shm`]) rmSync(file, { force: true });
      const { code, output } = await runServer({ SQLITE_PATH: sqlitePath }, true);
      expect(code).toBe(3);
      expect(output).toContain(`位于 ${sqlitePath} 的事件库不存在`);
      expect(output).not.toContain('ExceptionHandler');
      expect(output).not.toMatch(/"stack"|at [\w.]+ \(file:/);
      const firstPlain = output.split('\n').find((line) => line.trim() !== '' && !line.startsWith('{'));
      expect(firstPlain).toMatch(/[\u4e00-\u9fff]/);
    },
    PROCESS_TEST_CEILING_MS,
  );
});
