// Restarts of two builds on one cached log, back to back: each build's first start on its own copy of the log (its
// read models rebuilt, a snapshot written as it stops), then `--rounds` restarts of each, the order alternating, each
// from spawn to /health/ready with the server's CPU time by then (/proc: on a loaded machine the figure to compare), its peak RSS (VmHWM), its RSS once ready, and the heap it keeps (heap used after two
// full collections, `heap-report-preload.cjs`), and what its log says of the snapshot's decode. For changes to what a
// restart holds (perf49: strings interned). Usage:
//   node bench/restarts.mjs --events 100000 --before <root> --after <root> [--rounds 3]
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCommandLine } from './cli-options.mjs';
import { cachedLog, copyLog } from './generate-log.mjs';
import { startRectify } from './server-process.mjs';

const USAGE = `Usage: node bench/restarts.mjs --before <root> --after <root> [options]

Each build's first start on a copy of one cached log (a snapshot written as it stops), then restarts of each build in
turn (the order alternating): time to serving, peak RSS, RSS once ready, heap kept after a full collection. A root holds
dist/ and node_modules/.

  --before <root>    the first build's checkout (required)
  --after <root>     the second build's checkout (required)
  --events <n>       log size (default 10000)
  --rounds <n>       restarts of each build (default 3)
  --folders <b>,<a>  the two folders an earlier run left (printed at its end): their copies and snapshots are
                     restarted again, no first starts
  --help, -h         this text; nothing is run`;
const line = readCommandLine(process.argv.slice(2), { usage: USAGE, values: ['--before', '--after', '--events', '--rounds', '--folders'], flags: [] });
const before = line.value('--before');
const after = line.value('--after');
const events = Number(line.value('--events') ?? '10000');
const rounds = Number(line.value('--rounds') ?? '3');
const folders = line.value('--folders')?.split(',') ?? null;
if (!before || !after || !Number.isInteger(events) || !Number.isInteger(rounds) || rounds < 1 || (folders !== null && folders.length !== 2)) {
  console.error(`--before and --after are required; --events and --rounds are whole numbers\n\n${USAGE}`);
  process.exit(2);
}
const PRELOAD = fileURLToPath(new URL('./heap-report-preload.cjs', import.meta.url));
const load = () => loadavg().map((figure) => figure.toFixed(2)).join(' / ');
const mib = (bytes) => (bytes === null || bytes === undefined ? 'n/a' : `${(bytes / 1048576).toFixed(0)} MiB`);
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const rssBytes = (pid) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((text) => text.startsWith('VmRSS:'));
  return status ? Number(status.replace(/\D+/g, '')) * 1024 : null;
};

const { path } = await cachedLog(events);
console.log(`# restarts at ${events} events (${path}); load average at start ${load()}`);
const builds = [before, after].map((root, index) => {
  const name = index === 0 ? 'before' : 'after';
  const directory = folders ? folders[index] : mkdtempSync(join(tmpdir(), `restarts-${name}-`));
  const sqlitePath = join(directory, 'rectify.db');
  if (!folders) copyLog(path, sqlitePath);
  return { name, root, directory, sqlitePath, logFile: join(directory, 'server.log') };
});

/** Starts the build, waits for ready, notes its figures, asks for its heap report, stops it. */
async function start(build) {
  const reportFile = join(build.directory, `heap-${Date.now()}.json`);
  const server = await startRectify({ ...build, cwd: build.directory, nodeOptions: ['--expose-gc', '--require', PRELOAD], env: { HEAP_REPORT_FILE: reportFile } });
  const rss = rssBytes(server.pid);
  const cpu = server.cpuMs();
  process.kill(server.pid, 'SIGUSR2');
  for (let waited = 0; !existsSync(reportFile) && waited < 120_000; waited += 50) await sleep(50);
  await sleep(50);
  const heap = existsSync(reportFile) ? JSON.parse(readFileSync(reportFile, 'utf8')) : null;
  const peak = server.peakRss();
  await server.stop();
  return { readyMs: server.readyMs, cpu, peak, rss, heap };
}
const said = (figures) =>
  `${seconds(figures.readyMs)} to serving (${seconds(figures.cpu)} of the server's CPU), peak RSS ${mib(figures.peak)}, RSS when ready ${mib(figures.rss)}; after a full collection: heap used ${mib(figures.heap?.heapUsed)}, RSS ${mib(figures.heap?.rss)}, external ${mib(figures.heap?.external)}`;

for (const build of folders ? [] : builds) {
  const figures = await start(build);
  const snapshot = `${build.sqlitePath}.read-models.snapshot`;
  console.log(`${build.name} first start: ${said(figures)}; snapshot ${existsSync(snapshot) ? mib(statSync(snapshot).size) : 'none'} (load ${load()})`);
}
const results = { before: [], after: [] };
for (let round = 0; round < rounds; round += 1) {
  for (const build of round % 2 === 0 ? builds : [...builds].reverse()) {
    const figures = await start(build);
    results[build.name].push(figures);
    console.log(`${build.name} restart ${round + 1}: ${said(figures)} (load ${load()})`);
  }
}
for (const build of builds) {
  const log = readFileSync(build.logFile, 'utf8').split('\n');
  const decoded = log.filter((text) => text.includes(' decoded in ')).slice(-1)[0];
  const restored = log.filter((text) => text.includes('Read models restored')).slice(-1)[0];
  console.log(`${build.name} log: ${restored?.replace(/^.*?(Read models restored)/, '$1') ?? 'no restore line'}${decoded ? `\n  ${decoded.replace(/^.*?(Snapshot )/, '$1')}` : ''}`);
  const median = (pick) => {
    const sorted = results[build.name].map(pick).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
  };
  console.log(`${build.name} median of ${rounds}: ${seconds(median((f) => f.readyMs))} to serving, ${seconds(median((f) => f.cpu))} of CPU, peak RSS ${mib(median((f) => f.peak))}, heap used after a full collection ${mib(median((f) => f.heap?.heapUsed ?? 0))}`);
}
console.log(`load average at end ${load()}; folders: ${builds.map((build) => build.directory).join(', ')}`);

