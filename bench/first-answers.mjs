// Time travel's first answers (row 4) of two builds in one run: both servers start on copies of one cached log, then each
// query's first answer at its cut is asked of each build in turn (the order alternating), wall time and the server's CPU
// (/proc) per answer; the two builds' answers are compared (they must be equal). Usage:
//   node bench/first-answers.mjs --events 100000 --before <root> --after <root> [--queries dashboard:asOf,unitScorecard:knownAt]
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCommandLine } from './cli-options.mjs';
import { cachedLog, copyLog } from './generate-log.mjs';
import { graphql } from './load.mjs';
import { QUERIES, variablesOf } from './queries.mjs';
import { startRectify } from './server-process.mjs';

const USAGE = `Usage: node bench/first-answers.mjs --before <root> --after <root> [options]

Time travel's first answers of two builds in one run (both servers on copies of one cached log), wall and server CPU per
answer, and whether the two builds' answers are equal. A root holds dist/ and node_modules/.

  --before <root>    the first build's checkout (required)
  --after <root>     the second build's checkout (required)
  --events <n>       log size (default 10000)
  --queries <list>   comma-separated name:cut (default dashboard:asOf,unitScorecard:asOf,dashboard:knownAt,unitScorecard:knownAt)
  --help, -h         this text; nothing is run`;
const line = readCommandLine(process.argv.slice(2), { usage: USAGE, values: ['--before', '--after', '--events', '--queries'], flags: [] });
const values = {
  before: line.value('--before'),
  after: line.value('--after'),
  events: line.value('--events') ?? '10000',
  queries: line.value('--queries') ?? 'dashboard:asOf,unitScorecard:asOf,dashboard:knownAt,unitScorecard:knownAt',
};
if (!values.before || !values.after) {
  console.error(`--before and --after are required\n\n${USAGE}`);
  process.exit(2);
}
const load = () => loadavg().map((figure) => figure.toFixed(2)).join(' / ');
const { path, manifest } = await cachedLog(Number(values.events));
const builds = [];
for (const [name, root] of [['before', values.before], ['after', values.after]]) {
  const directory = mkdtempSync(join(tmpdir(), `first-answers-${name}-`));
  const sqlitePath = join(directory, 'rectify.db');
  copyLog(path, sqlitePath);
  builds.push({ name, root, sqlitePath, directory });
}
console.log(`# first answers at ${values.events} events; load average at start ${load()}`);
const started = Date.now();
// Started together: each start is stretched alike by the other.
const METRICS_TOKEN = 'first-answers-metrics-token-0123456789';
const servers = await Promise.all(builds.map((build) => startRectify({ sqlitePath: build.sqlitePath, cwd: build.directory, logFile: join(build.directory, 'server.log'), root: build.root, env: { METRICS_TOKEN } })));
console.log(`both ready in ${((Date.now() - started) / 1000).toFixed(1)} s; load ${load()}`);
// What a server does in the background after its start (refolding the parents whose facts the log holds out of business
// order: rectify_past_day_refolds_pending) is waited for, so the answers measure what a question asked later pays.
const pendingRefolds = async (server) => {
  const text = await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const line = text.split('\n').find((metric) => metric.startsWith('rectify_past_day_refolds_pending '));
  return line ? Number(line.split(' ')[1]) : 0;
};
await Promise.all(
  servers.map(async (server, index) => {
    const waitStart = Date.now();
    const cpuBefore = server.cpuMs();
    let pending = await pendingRefolds(server);
    const first = pending;
    while (pending > 0) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      pending = await pendingRefolds(server);
    }
    if (first > 0) console.log(`${builds[index].name}: ${first} parents refolded in the background after the start, ${((Date.now() - waitStart) / 1000).toFixed(2)} s wall, ${((server.cpuMs() - cpuBefore) / 1000).toFixed(2)} s CPU`);
  }),
);
const token = manifest.tokens.SUPERVISOR;
let flip = false;
for (const spec of values.queries.split(',')) {
  const [name, cut] = spec.split(':');
  const order = flip ? [1, 0] : [0, 1];
  flip = !flip;
  const answers = [];
  const said = [];
  for (const index of order) {
    const server = servers[index];
    const cpuBefore = server.cpuMs();
    const wallStart = performance.now();
    const body = await graphql(server.url, token, QUERIES[name](cut), variablesOf(name, manifest, cut));
    const wall = performance.now() - wallStart;
    const cpu = server.cpuMs() - cpuBefore;
    answers[index] = JSON.stringify(body);
    said.push(`${builds[index].name} ${(wall / 1000).toFixed(2)} s wall, ${(cpu / 1000).toFixed(2)} s CPU`);
  }
  console.log(`${name}(${cut}) first answer: ${said.join('; ')}; answers ${answers[0] === answers[1] ? 'equal' : 'DIFFER'} (${answers[0].length} chars); load ${load()}`);
}
await Promise.all(servers.map((server) => server.stop()));
