// Starts the server under test (or the bare reference server) as a child process, so its start-up
// and memory are its own and the load tool never shares its event loop. Readiness is waited on
// (GET /health/ready answering 200), never guessed.
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, openSync, closeSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** How long a start may take before the benchmark gives up: a million events on a loaded machine. */
const READY_CEILING_MS = 30 * 60_000;

/**
 * Servers started by this run and not yet exited. A run that fails (a thrown error, a query that never
 * answers, Ctrl-C, a `kill` of the bench process) must not leave a million-event server running on a
 * shared machine: they are killed when the bench process exits or is told to stop.
 */
const liveChildren = new Set();
process.once('exit', () => {
  for (const child of liveChildren) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    for (const child of liveChildren) child.kill('SIGKILL');
    // 128 + the signal's number, as a shell reports a process stopped by it.
    process.exit(128 + ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15 })[signal]);
  });
}

/** A TCP port nobody listens on now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Peak resident set size of a live process (VmHWM, bytes), from /proc; null where there is none. */
export function peakRssBytes(pid) {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((text) => text.startsWith('VmHWM:'));
    return line ? Number(line.replace(/\D+/g, '')) * 1024 : null;
  } catch {
    return null;
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Spawns `node <nodeOptions…> <script>` with `env` (the parent's PATH and HOME only, nothing from a `.env`: cwd is
 * `cwd`), its output appended to `logFile`; resolves once `readyPath` answers 200. Returns
 * `{ url, pid, readyMs, peakRss(), cpuMs(), stop() }`; `readyMs` runs from spawn to the first 200.
 */
export async function startProcess({ script, env, cwd, logFile, readyPath = '/health/ready', nodeOptions = [] }) {
  const port = await freePort();
  const out = openSync(logFile, 'a');
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeOptions, script], {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env, PORT: String(port) },
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  liveChildren.add(child);
  let exited = null;
  const exit = new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      liveChildren.delete(child);
      resolve((exited = { code, signal }));
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (exited) throw new Error(`${script} exited (${exited.code ?? exited.signal}) before it was ready; see ${logFile}`);
    try {
      const response = await fetch(`${url}${readyPath}`);
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > READY_CEILING_MS) {
      child.kill('SIGKILL');
      throw new Error(`${script} was not ready within ${READY_CEILING_MS / 60_000} minutes; see ${logFile}`);
    }
    await sleep(25);
  }
  const readyMs = performance.now() - started;
  return {
    url,
    pid: child.pid,
    readyMs,
    peakRss: () => peakRssBytes(child.pid),
    cpuMs: () => cpuMs(child.pid),
    /** SIGTERM (the server drains and closes its store), then SIGKILL if it has not gone after a minute. */
    async stop() {
      if (exited) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      const result = await exit;
      clearTimeout(timer);
      return result;
    },
  };
}

/** CPU time a live process has used so far (user + system, ms), from /proc; null where there is none. */
export function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of stat (1-based), in clock ticks (100 per second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

/**
 * Where the ledger signing key of a benchmark store lies, named by LEDGER_SIGNING_KEY_FILE: the
 * benchmark runs the server in the store's own folder, where the default ./keys would lie inside
 * the database's folder (refused). A copied bench log brings the key its rows are sealed with
 * (`copyLog`); an empty store gets one made on its first start, so a restart signs with the key
 * its witness names.
 */
export const benchSigningKeyPath = (sqlitePath) => `${sqlitePath}.bench-signing-key.pem`;

function benchSigningKey(sqlitePath) {
  const path = benchSigningKeyPath(sqlitePath);
  if (!existsSync(path)) writeFileSync(path, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  return path;
}

/** The built Rectify server (of the checkout at `root`, by default this one) on a SQLite file; settings as production leaves them, limits that would refuse the load off. */
export function startRectify({ sqlitePath, cwd, logFile, env = {}, nodeOptions = [], root = ROOT }) {
  return startProcess({
    script: join(root, 'dist/main.js'),
    cwd,
    logFile,
    nodeOptions,
    env: {
      // As deployed: graphql-js checks every type test twice outside production (bench/results/profiles.md).
      NODE_ENV: 'production',
      EVENT_STORE: 'sqlite',
      SQLITE_PATH: sqlitePath,
      DEMO_DATA: 'false',
      RATE_LIMIT_PER_MINUTE: '0',
      GRAPHQL_MAX_COST: '1000000',
      LOG_LEVEL: 'log',
      LEDGER_CHECKPOINT_MINUTES: '0',
      // A generated log copied to a fresh path has no store witness: a deliberate new start, accepted.
      ACCEPT_STORE_RESET: 'true',
      LEDGER_SIGNING_KEY_FILE: benchSigningKey(sqlitePath),
      ...env,
    },
  });
}

/** The bare Apollo server of bench/reference-server.mjs: the same HTTP integration, nothing behind it. */
export function startReference({ cwd, logFile }) {
  return startProcess({ script: `${ROOT}bench/reference-server.mjs`, cwd, logFile, env: { NODE_ENV: 'production' } });
}

/** Lines of a server's log that report a projection failing on an event. */
export const projectionErrors = (logFile) =>
  readFileSync(logFile, 'utf8').split('\n').filter((line) => line.includes('Projection failed')).length;
