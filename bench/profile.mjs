// Profiles the server under one of the bench's workloads: starts Rectify on a cached bench log
// with `node --cpu-prof`, drives the workload over HTTP, stops it (SIGTERM: the profile is written
// on exit) and prints the top self-time frames and packages of the samples taken *during the
// workload* (start-up is left out; V8's profile clock and process.hrtime are both CLOCK_MONOTONIC).
// The .cpuprofile is left in --keep <dir> (if given) for Chrome DevTools; summaries go to
// bench/results/profiles.md by hand, never the large profile itself.
//
//   node bench/profile.mjs --events 10000 --workload dashboard [--seconds 10] [--connections 1]
//   node bench/profile.mjs --events 10000 --workload recordFinding --connections 64
//   node bench/profile.mjs --events 1000000 --workload dashboard,dashboard:asOf,constant   (one start, one window each)
//   workloads: dashboard, workPlan, unitWorkload, unitScorecard, finding (now; add --cut asOf|knownAt),
//              constant, recordFinding
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cachedLog, copyLog } from './generate-log.mjs';
import { startRectify } from './server-process.mjs';
import { load } from './load.mjs';
import { QUERIES, CONSTANT, variablesOf, recordFindingBody } from './queries.mjs';
import { readCommandLine } from './cli-options.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const USAGE = `Usage: node bench/profile.mjs [options]

Starts Rectify on a cached bench log under node --cpu-prof, drives each workload and prints the
self time by owner and by frame per window (start-up is a window of its own).

  --events <n>           log size (default 10000)
  --workload <list>      comma-separated name[:cut]: dashboard, workPlan, unitWorkload, unitScorecard,
                         finding, constant, recordFinding; cut asOf or knownAt (default dashboard)
  --cut <cut>            the cut of workloads that name none: now, asOf, knownAt (default now)
  --seconds <n>          length of each window (default 10)
  --connections <n>      concurrent connections (default 1)
  --top <n>              rows per table (default 25)
  --keep <dir>           keep the .cpuprofile files there
  --root <dir>           run another checkout's dist/
  --env K=V,K=V          environment for the server
  --no-profile           server CPU per request only, no profile
  --help, -h             this text; nothing is run`;

function options(args) {
  const line = readCommandLine(args, {
    usage: USAGE,
    values: ['--events', '--workload', '--cut', '--seconds', '--connections', '--top', '--keep', '--root', '--env'],
    flags: ['--no-profile'],
  });
  const value = (name, fallback) => line.value(name) ?? fallback;
  return {
    events: Number(value('--events', '10000')),
    /** `name[:cut]`, comma-separated, each measured in its own window against the same server. */
    workloads: value('--workload', 'dashboard').split(','),
    cut: value('--cut', 'now'),
    seconds: Number(value('--seconds', '10')),
    connections: Number(value('--connections', '1')),
    top: Number(value('--top', '25')),
    keep: value('--keep', null),
    /** Another checkout to run (its dist/), e.g. main built elsewhere, for a before/after in one session. */
    root: value('--root', undefined),
    profile: !line.flag('--no-profile'),
    env: Object.fromEntries((value('--env', '') || '').split(',').filter(Boolean).map((pair) => pair.split('='))),
  };
}

/** Where a frame's code lives, as a short label: a package name, `rectify:<file>`, `node:<module>` or V8's own `(…)`. */
export function ownerOf(url) {
  if (!url) return '(V8/native)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return url;
  const path = url.replace(/^file:\/\//, '');
  return path.startsWith(ROOT) ? `rectify:${relative(ROOT, path)}` : path;
}

/**
 * Self time per frame and per owner over the samples whose timestamps (µs, V8's monotonic clock)
 * fall in [fromUs, toUs]. Returns `{ totalMs, frames: [{ name, owner, line, ms }], owners: [{ owner, ms }] }`, largest first.
 */
export function summarise(profile, fromUs = -Infinity, toUs = Infinity) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const frames = new Map();
  const owners = new Map();
  let at = profile.startTime;
  let totalUs = 0;
  for (let index = 0; index < profile.samples.length; index += 1) {
    at += profile.timeDeltas[index];
    const delta = profile.timeDeltas[index + 1] ?? 0;
    if (at < fromUs || at > toUs) continue;
    const { callFrame } = nodes.get(profile.samples[index]);
    const name = callFrame.functionName || '(anonymous)';
    const owner = callFrame.url ? ownerOf(callFrame.url) : name.startsWith('(') ? name : '(V8/native)';
    const key = `${name}|${callFrame.url}|${callFrame.lineNumber}`;
    const frame = frames.get(key) ?? { name, owner, line: callFrame.lineNumber + 1, us: 0 };
    frame.us += delta;
    frames.set(key, frame);
    owners.set(owner, (owners.get(owner) ?? 0) + delta);
    totalUs += delta;
  }
  const ms = (us) => Math.round(us / 100) / 10;
  return {
    totalMs: ms(totalUs),
    frames: [...frames.values()].sort((a, b) => b.us - a.us).map(({ us, ...frame }) => ({ ...frame, ms: ms(us) })),
    owners: [...owners].sort((a, b) => b[1] - a[1]).map(([owner, us]) => ({ owner, ms: ms(us) })),
  };
}

async function main() {
  const opts = options(process.argv.slice(2));
  const { path, manifest } = await cachedLog(opts.events, { log: (line) => console.error(line) });
  const work = mkdtempSync(join(tmpdir(), 'rectify-profile-'));
  const profiles = opts.keep ?? join(work, 'profiles');
  mkdirSync(profiles, { recursive: true });
  try {
    const sqlitePath = join(work, 'rectify.db');
    copyLog(path, sqlitePath);
    const server = await startRectify({ sqlitePath, cwd: work, logFile: join(work, 'server.log'), env: opts.env, root: opts.root, nodeOptions: opts.profile ? ['--cpu-prof', `--cpu-prof-dir=${profiles}`] : [] });
    const readyAt = Number(process.hrtime.bigint() / 1000n);
    const token = manifest.tokens.SUPERVISOR;
    // The start itself (spawn → ready: module loading, the read models rebuilt or restored) is a window too.
    const windows = [{ heading: `## start-up at ${opts.events} events (spawn → ready)`, figures: `ready in ${(server.readyMs / 1000).toFixed(1)} s, peak RSS ${Math.round(server.peakRss() / 1048576)} MiB; server CPU ${Math.round(server.cpuMs())} ms`, from: -Infinity, to: readyAt, requests: 0 }];
    if (!opts.profile) console.log(`${windows[0].heading}\n${windows[0].figures}`);
    for (const workload of opts.workloads) {
      const [name, cut = opts.cut] = workload.split(':');
      const body =
        name === 'recordFinding'
          ? recordFindingBody(manifest)
          : JSON.stringify(name === 'constant' ? { query: CONSTANT } : { query: QUERIES[name](cut), variables: variablesOf(name, manifest, cut) });
      // Warm up (first-request compilation, kept answers) outside the window.
      await load({ url: server.url, token, body, connections: opts.connections, duration: 2 });
      const loadBefore = loadavg().map((value) => value.toFixed(2)).join(' / ');
      const from = Number(process.hrtime.bigint() / 1000n);
      const cpuBefore = server.cpuMs();
      const result = await load({ url: server.url, token, body, connections: opts.connections, duration: opts.seconds });
      const cpu = server.cpuMs() - cpuBefore;
      const to = Number(process.hrtime.bigint() / 1000n);
      const loadAfter = loadavg().map((value) => value.toFixed(2)).join(' / ');
      const heading = `## ${name}${cut !== 'now' ? `(${cut})` : ''} at ${opts.events} events, ${opts.connections} connection(s), ${opts.seconds} s${opts.root ? `, ${opts.root}` : ''} — load average ${loadBefore}, after ${loadAfter}`;
      const figures = `${result.requests} requests, ${Math.round(result.perSecond)}/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.failed} failed; server CPU ${((cpu / Math.max(1, result.requests)) * 1000).toFixed(0)} µs/request (user + system, /proc); peak RSS ${Math.round(server.peakRss() / 1048576)} MiB`;
      windows.push({ heading, figures, from, to, requests: result.requests });
      if (!opts.profile) console.log(`${heading}\n${figures}`);
    }
    await server.stop();
    if (!opts.profile) return;
    // One profile per thread (CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile): the main thread's first, then any worker's.
    const files = readdirSync(profiles).filter((name) => name.endsWith('.cpuprofile')).sort((a, b) => a.split('.')[4] - b.split('.')[4]);
    const threads = files.map((file) => ({ thread: file.split('.')[4], profile: JSON.parse(readFileSync(join(profiles, file), 'utf8')) }));
    for (const { heading, figures, from, to, requests } of windows) {
      console.log(`${heading}\n${figures}`);
      for (const { thread, profile } of threads) {
        const summary = summarise(profile, from, to);
        const perRequest = (value) => (requests ? `${((value / requests) * 1000).toFixed(0)} µs/request` : '');
        console.log(`\n### thread ${thread}${thread === '0' ? ' (main)' : ' (worker)'}: ${summary.totalMs} ms sampled in the window (wall clock, incl. idle and time other processes had the core)`);
        console.log('\nBy owner (self time):\n\n| owner | ms | per request |\n|---|---|---|');
        for (const { owner, ms } of summary.owners.slice(0, opts.top)) console.log(`| ${owner} | ${ms} | ${perRequest(ms)} |`);
        console.log('\nTop frames (self time):\n\n| frame | where | ms |\n|---|---|---|');
        for (const frame of summary.frames.slice(0, opts.top)) console.log(`| ${frame.name} | ${frame.owner}:${frame.line} | ${frame.ms} |`);
        console.log('');
      }
    }
    if (opts.keep) console.log(`\nprofiles: ${files.map((file) => join(profiles, file)).join(', ')}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
