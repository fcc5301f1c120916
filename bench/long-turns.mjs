// What holds the server's event loop longest during time travel's first answers (issue 12 row 4, "no request blocks
// others"): starts Rectify on a cached bench log under `node --cpu-prof` with bench/long-turns-preload.cjs (a 1 ms timer
// noting each stretch the loop was held longer than --over ms), asks each row-4 query its first answers at days or
// instants nobody asked before (alone, then --connections at once), stops the server and prints the longest stretches,
// each (the most CPU time first) with the frames that ran in it (self time, and our functions' inclusive time). Usage:
//   node bench/long-turns.mjs --events 10000 [--connections 4] [--over 12] [--top 12] [--root <checkout>] [--keep <dir>]
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCommandLine } from './cli-options.mjs';
import { cachedLog, copyLog } from './generate-log.mjs';
import { busyRequests, firstAnswers } from './load.mjs';
import { QUERIES, firstAnswerVariables, busyCut } from './queries.mjs';
import { startRectify } from './server-process.mjs';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const USAGE = `Usage: node bench/long-turns.mjs [options]

The server's longest event-loop turns during time travel's first answers, and what ran in each.

  --events <n>        log size (default 10000)
  --connections <n>   connections asking dashboard at new days / instants at once after the one-at-a-time pass (default 4)
  --seconds <n>       length of that busy window (default 6)
  --over <ms>         stretches longer than this are noted (default 12)
  --top <n>           stretches printed (default 12)
  --root <dir>        another checkout's dist/
  --keep <dir>        keep the .cpuprofile there
  --help, -h          this text; nothing is run`;
const line = readCommandLine(process.argv.slice(2), { usage: USAGE, values: ['--events', '--connections', '--seconds', '--over', '--top', '--root', '--keep'], flags: [] });
const events = Number(line.value('--events') ?? '10000');
const connections = Number(line.value('--connections') ?? '4');
const seconds = Number(line.value('--seconds') ?? '6');
const over = Number(line.value('--over') ?? '12');
const top = Number(line.value('--top') ?? '12');
const keep = line.value('--keep');
const { path, manifest } = await cachedLog(events);
const directory = keep ?? mkdtempSync(join(tmpdir(), 'long-turns-'));
mkdirSync(directory, { recursive: true });
const sqlitePath = join(directory, 'rectify.db');
copyLog(path, sqlitePath);
const turnsFile = join(directory, 'long-turns.json');
const server = await startRectify({
  sqlitePath,
  cwd: directory,
  logFile: join(directory, 'server.log'),
  root: line.value('--root') ?? undefined,
  nodeOptions: ['--cpu-prof', `--cpu-prof-dir=${directory}`, '--require', join(HERE, 'long-turns-preload.cjs')],
  env: { LONG_TURNS_FILE: turnsFile, LONG_TURN_MS: String(over) },
});
const from = Number(process.hrtime.bigint() / 1000n);
const token = manifest.tokens.SUPERVISOR;
const load = () => loadavg().map((figure) => figure.toFixed(2)).join(' / ');
console.log(`# long turns at ${events} events; load ${load()}`);
const names = Object.keys(QUERIES);
for (const cut of ['asOf', 'knownAt']) {
  for (const [index, name] of names.entries()) {
    // Days of their own (index + 20: not the bench's first answers' days, whose cache this server never had anyway).
    const result = await firstAnswers({ url: server.url, token, query: QUERIES[name](cut), variablesList: firstAnswerVariables(name, index, manifest, cut, 3) });
    console.log(`${name}(${cut}) first answers: ${result.times.map((time) => Math.round(time)).join(', ')} ms`);
  }
}
const spanDays = Math.max(10, Math.round((Date.parse(manifest.lastDay) - Date.parse(manifest.asOf)) / 86_400_000) - 1);
const busy = await busyRequests({
  url: server.url,
  token,
  connections,
  seconds,
  requestOf: (n) => {
    const cut = n % 2 ? 'knownAt' : 'asOf';
    return { query: QUERIES.dashboard(cut), variables: busyCut(manifest, cut, Math.floor(n / 2), spanDays) };
  },
});
console.log(`busy: ${busy.requests} answers, p50 / p99 ${Math.round(busy.p50)} / ${Math.round(busy.p99)} ms, ${busy.failed} failed${busy.refusal ? `: ${busy.refusal}` : ''}; load ${load()}`);
await server.stop();

const stretches = JSON.parse(readFileSync(turnsFile, 'utf8')).filter(([start]) => start >= from);
const profile = JSON.parse(readFileSync(join(directory, readdirSync(directory).find((name) => name.endsWith('.cpuprofile'))), 'utf8'));
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const frameOf = (node) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^file:\/\//, '').replace(/^.*\/(dist|node_modules)\//, '$1/');
  return `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
};
const samples = [];
let at = profile.startTime;
for (let index = 0; index < profile.samples.length; index += 1) {
  at += profile.timeDeltas[index];
  samples.push({ at, node: profile.samples[index], ms: (profile.timeDeltas[index + 1] ?? 0) / 1000 });
}
// By CPU time: on a loaded machine the longest by the clock are those the process waited longest to be scheduled in.
const ranked = [...stretches].sort((a, b) => b[2] - a[2]);
console.log(`\n${stretches.length} stretches over ${over} ms after the start; the ${Math.min(top, ranked.length)} of the most CPU time (the process's, all threads):`);
const overall = new Map();
for (const [start, end, cpu] of ranked.slice(0, top)) {
  const self = new Map();
  const ours = new Map();
  for (const sample of samples) {
    if (sample.at < start || sample.at > end) continue;
    const node = nodes.get(sample.node);
    self.set(frameOf(node), (self.get(frameOf(node)) ?? 0) + sample.ms);
    const seen = new Set();
    for (let id = sample.node; id !== undefined; id = parent.get(id)) {
      const frame = frameOf(nodes.get(id));
      if (!frame.includes('dist/') || seen.has(frame)) continue;
      seen.add(frame);
      ours.set(frame, (ours.get(frame) ?? 0) + sample.ms);
    }
  }
  for (const [frame, ms] of ours) overall.set(frame, (overall.get(frame) ?? 0) + ms);
  const list = (map, count) => [...map].sort((a, b) => b[1] - a[1]).slice(0, count).map(([frame, ms]) => `    ${ms.toFixed(1).padStart(6)} ms  ${frame}`).join('\n');
  console.log(`\n## ${((end - start) / 1000).toFixed(1)} ms, ${(cpu / 1000).toFixed(1)} ms CPU\n  self:\n${list(self, 6)}\n  ours (inclusive):\n${list(ours, 8)}`);
}
console.log('\n## ours (inclusive) over the longest stretches');
console.log([...overall].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([frame, ms]) => `  ${ms.toFixed(1).padStart(7)} ms  ${frame}`).join('\n'));
if (!keep) rmSync(directory, { recursive: true, force: true });
