import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { testSigningKeyFile } from './signing-key.js';

/** The compiled server (`npm test` builds it first), started the way `npm start` does. */
export const SERVER = join(process.cwd(), 'dist/main.js');

/**
 * Ceiling for a server to start on a loaded machine: a condition is awaited (health answers, or the
 * process exits), this only stops a test that would otherwise hang. Never a guess of how long it takes.
 */
export const START_CEILING_MS = 300_000;

/**
 * Ceiling for one test that starts servers or command-line tools, often several in turn: 15 minutes.
 * Like START_CEILING_MS it only stops a test that hangs. At load 30–40 on 2 cores one server start
 * with the demo took about 45 s and a four-start test went past the old 180 s ceilings, failing a
 * correct build; on a quiet machine such a test takes seconds, so a generous figure costs nothing.
 */
export const PROCESS_TEST_CEILING_MS = 900_000;

export const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly port: number;
  /** Everything the server wrote to stdout and stderr so far ('' when they went to `options.output`). */
  output(): string;
}

/** Thrown when the server exits instead of starting: with its exit code and what it printed. */
export class ServerExited extends Error {
  constructor(
    readonly code: number | null,
    readonly output: string,
  ) {
    super(`server exited with ${code} before it started:\n${output}`);
  }
}

/**
 * Whether the process `pid` holds a listening TCP socket on `port` (Linux: /proc/net/tcp{,6} name the
 * socket's inode, /proc/<pid>/fd links to it); true where /proc cannot tell.
 *
 * Why: between `freePort` closing its probe and the child binding, a server started by another Jest
 * worker could take the port; its /health then answered for the child (which was refused the port
 * and was still starting), and the test read another server's store (CI on baf44df2:
 * clock-ahead-accepted saw a ready server with none of its notices).
 */
export function listensOn(pid: number, port: number): boolean {
  const inodes = new Set<string>();
  try {
    for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
      if (!existsSync(table)) continue;
      for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
        const fields = line.trim().split(/\s+/);
        // local_address is HEX_IP:HEX_PORT, st 0A is LISTEN, the inode the tenth field.
        if (fields.length > 9 && fields[3] === '0A' && parseInt(fields[1]!.split(':').at(-1)!, 16) === port) inodes.add(fields[9]!);
      }
    }
    if (inodes.size === 0) return false;
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return inodes.has(/^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1] ?? '');
      } catch {
        return false;
      }
    });
  } catch {
    return !existsSync('/proc/self/fd');
  }
}

/**
 * Starts the compiled server on `sqlitePath` and resolves once it answers /health on a port it
 * listens on itself; rejects with `ServerExited` when it exits first (a refused store, a bad setting).
 * Without `options.port`, a child refused its port because another process took it first starts
 * again on another (up to 5 tries). `script`: another build's main.js (default SERVER). `output`: a
 * file descriptor the server's stdout and stderr go to instead of pipes to the test (e.g. /dev/full,
 * where every line fails with ENOSPC).
 */
export async function startServer(
  sqlitePath: string,
  options: { port?: number; env?: Record<string, string>; args?: string[]; script?: string; output?: number } = {},
): Promise<ServerProcess> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startServerOn(options.port ?? (await freePort()), sqlitePath, options);
    } catch (error) {
      const portTaken = error instanceof ServerExited && /Port \d+ is already in use|端口 \d+ 已被占用/.test(error.output);
      if (options.port !== undefined || !portTaken || attempt >= 5) throw error;
    }
  }
}

async function startServerOn(
  port: number,
  sqlitePath: string,
  options: { env?: Record<string, string>; args?: string[]; script?: string; output?: number },
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [options.script ?? SERVER, ...(options.args ?? [])], {
    env: {
      ...process.env,
      PORT: String(port),
      SQLITE_PATH: sqlitePath,
      DEMO_DATA: 'false',
      NODE_ENV: 'test',
      RATE_LIMIT_PER_MINUTE: '0',
      SIGN_IN_FAILURES_PER_LOGIN_NAME_PER_MINUTE: '0',
      SIGN_IN_FAILURES_PER_ADDRESS_PER_MINUTE: '0',
      SIGN_INS_PER_LOGIN_NAME_PER_MINUTE: '0',
      SIGN_INS_PER_LOGIN_NAME_AND_ADDRESS_PER_MINUTE: '0',
      // The key the test process's in-process apps sign with: one store, one office key.
      LEDGER_SIGNING_KEY_FILE: testSigningKeyFile(),
      ...options.env,
    },
    stdio: options.output === undefined ? ['ignore', 'pipe', 'pipe'] : ['ignore', options.output, options.output],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new ServerExited(code, output))));
  exited.catch(() => undefined);
  const started = Date.now();
  while (Date.now() - started < START_CEILING_MS) {
    if (child.exitCode !== null || child.signalCode !== null) await exited;
    const answered = await fetch(`http://127.0.0.1:${port}/health`).then(
      () => true,
      () => false,
    );
    // An answer from another process on the port is not this server's: wait for it to listen, or to exit refused.
    if (answered && listensOn(child.pid!, port)) return { child, port, output: () => output };
    await Promise.race([new Promise((resolve) => setTimeout(resolve, 100)), exited]);
  }
  child.kill('SIGKILL');
  throw new Error(`server did not answer /health within ${START_CEILING_MS / 1000} s:\n${output}`);
}

/** Resolves with the exit of a server that is expected to refuse to start. */
export async function refusedStart(sqlitePath: string, options: { env?: Record<string, string>; args?: string[] } = {}): Promise<ServerExited> {
  try {
    const server = await startServer(sqlitePath, options);
    await killHard(server.child);
  } catch (error) {
    if (error instanceof ServerExited) return error;
    throw error;
  }
  throw new Error('the server started although it should have refused the store');
}

export const graphqlAt = async (port: number, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) => {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data: any; errors?: { message: string; extensions?: Record<string, unknown> }[] };
};

export const killHard = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
