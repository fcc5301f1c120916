// Rectify's benchmark (`npm run bench`): every figure of issue 12 beside a reference measured in
// the same run, as a ratio against its target. See bench/README.md for the rows and the options.
//
//   npm run bench                                   sizes 10k and 100k events
//   npm run bench -- --events 1000000               the 1M log (its starts take minutes)
//   npm run bench -- --quick                        10k events, a few seconds a row
//   npm run bench -- --smoke                        10k events, every row once at its shortest (CI: it runs, figures not judged)
//   npm run bench -- --events 100000 --rows 3,4     some sizes, some rows
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { addDays, cachedLog, copyLog } from './generate-log.mjs';
import { projectionErrors, startReference, startRectify } from './server-process.mjs';
import { busyRequests, eventLoopDelayMaxMs, firstAnswers, graphql, latency, load } from './load.mjs';
import { rawAppends, rectifyAppends } from './appends.mjs';
import Database from 'better-sqlite3';
import { CONSTANT, FIRST_ANSWER_CUTS, QUERIES, busyCut, connectionOf, dashboardFigures, firstAnswerVariables, listPages, noopBody, recordFindingBody, variablesOf } from './queries.mjs';
import { readCommandLine } from './cli-options.mjs';
import { snapshotStall } from './snapshot-stall.mjs';

const HERE = fileURLToPath(new URL('.', import.meta.url));
/** Lets the bench read the server's /metrics (row 4's event-loop delay). */
const METRICS_TOKEN = 'rectify-bench-metrics-token-0123456789';
const ROWS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

// ---------------------------------------------------------------------------------------------
// options

/** The first answer, when it is not the only sample and took longer than the samples' p99 (a time-travel fold; the samples read the kept answer). */
const firstAnswer = (result) => (result.requests > 1 && result.first > result.p99 ? `; first answer ${ms(result.first)}` : '');

const USAGE = `Usage: node bench/run.mjs [options]   (npm run bench -- [options] builds first)

Every figure of issue 12 beside a reference measured in the same run; writes latest.{json,md}.

  --events <sizes>   comma-separated log sizes, each >= 1000 (default 10000,100000; --quick: 10000)
  --rows <rows>      comma-separated rows of ${ROWS.join(',')} (default: all)
  --quick            10k events, a few seconds a row
  --smoke            --quick with every time box at its shortest (0.1 s a latency, 0.5 s of appends,
                     128 mutations, 5 rounds of row 8, row 4's first answers at 1 new day or
                     instant a query instead of 5): every row runs and prints, its figures
                     too noisy to read (what CI runs: the bench must not rot)
  --fresh            generate the logs again instead of reusing the cache
  --out <dir>        where latest.json and latest.md go (default bench/results)
  --help, -h         this text; nothing is run

See bench/README.md for the rows.`;

function parseOptions(args) {
  const line = readCommandLine(args, { usage: USAGE, values: ['--events', '--rows', '--out'], flags: ['--quick', '--smoke', '--fresh'] });
  const value = line.value;
  const smoke = line.flag('--smoke');
  const quick = smoke || line.flag('--quick');
  const list = (text) => text.split(',').map((part) => part.trim()).filter(Boolean);
  const options = {
    quick,
    smoke,
    // 1M is asked for by name (`--events 1000000`): its two starts alone take longer than the
    // default run's 15-minute budget on this shared machine (bench/README.md).
    sizes: list(value('--events') ?? (quick ? '10000' : '10000,100000')).map(Number),
    rows: list(value('--rows') ?? ROWS.join(',')),
    fresh: line.flag('--fresh'),
    /** Seconds per figure: appends, mutations, blocking; each query's latency. */
    appendSeconds: smoke ? 0.5 : quick ? 2 : 10,
    mutationSeconds: smoke ? 1 : quick ? 3 : 10,
    querySeconds: smoke ? 0.1 : quick ? 1 : 3,
    /** Row 8's timed and untimed runs of each figure. */
    largeItemRounds: smoke ? 5 : quick ? 21 : 41,
    largeItemWarmup: smoke ? 1 : 5,
    /** Row 4's first answers per query, each at a day or instant nobody asked before (a fold each). */
    firstAnswerCuts: smoke ? 1 : FIRST_ANSWER_CUTS,
    out: value('--out') ?? join(HERE, 'results'),
  };
  for (const size of options.sizes) if (!Number.isInteger(size) || size < 1000) throw new Error(`--events takes sizes of at least 1000 events, got ${size}`);
  for (const row of options.rows) if (!ROWS.includes(row)) throw new Error(`--rows takes ${ROWS.join(',')}, got ${row}`);
  return options;
}

// ---------------------------------------------------------------------------------------------
// formatting

const ms = (value) => (value >= 100 ? `${Math.round(value).toLocaleString('en')} ms` : `${Number(value.toFixed(value >= 10 ? 1 : 2))} ms`);
const seconds = (valueMs) => `${(valueMs / 1000).toFixed(valueMs >= 10_000 ? 1 : 2)} s`;
const perSecond = (value) => `${Math.round(value).toLocaleString('en')}/s`;
const mib = (bytes) => (bytes === null ? 'n/a' : `${Math.round(bytes / 1048576).toLocaleString('en')} MiB`);
const sizeLabel = (events) => (events >= 1_000_000 ? `${events / 1_000_000}M` : `${events / 1000}k`);
const ratioText = (ratio) => (ratio === null || !Number.isFinite(ratio) ? '—' : ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(ratio >= 1 ? 2 : 3));

const rows = [];
/**
 * One line of the table: `rectify` and `reference` as printed, `ratio` with what it divides
 * (`ratioOf`), the target in words and whether it is met (null: no target on this line).
 */
function row(entry) {
  rows.push(entry);
  const line = tableLine(entry);
  console.log(line);
}
const HEADER = ['#', 'figure', 'events', 'Rectify', 'reference (same run)', 'ratio', 'target', 'met'];
const tableLine = (entry) =>
  `| ${[entry.row, entry.figure, entry.size ? sizeLabel(entry.size) : '', entry.rectify, entry.reference, `${ratioText(entry.ratio)}${entry.ratioOf ? ` (${entry.ratioOf})` : ''}`, entry.target, entry.met === null ? '' : entry.met ? 'yes' : '**no**'].join(' | ')} |`;

// ---------------------------------------------------------------------------------------------
// the queries

/** The id of the stream with the most events among those whose id starts with `prefix` (`finding-`, `work-plan-item-`), and its count; read from the log file. */
function longestStream(sqlitePath, prefix) {
  const db = new Database(sqlitePath, { readonly: true });
  try {
    const found = db.prepare('SELECT stream_id AS streamId, COUNT(*) AS events FROM events WHERE stream_id LIKE ? GROUP BY stream_id ORDER BY events DESC, stream_id LIMIT 1').get(`${prefix}%`);
    return found ? { id: found.streamId.slice(prefix.length), events: found.events } : null;
  } finally {
    db.close();
  }
}

/** The `field` of the data of `type` events that most of them name (the evaluation of the most findings, the unit of the most circulars). */
function mostOf(sqlitePath, type, field) {
  const db = new Database(sqlitePath, { readonly: true });
  try {
    return db.prepare(`SELECT json_extract(data, '$.${field}') AS id, COUNT(*) AS count FROM events WHERE type = ? GROUP BY id ORDER BY count DESC, id LIMIT 1`).get(type)?.id ?? null;
  } finally {
    db.close();
  }
}

/**
 * What row 7's pages need beside the manifest: page 1's endCursor of `findings`, the longest finding
 * and work-plan item (by events in the log) and a cursor half-way through that item's history
 * (paged to it 200 at a time, as a client would), a due range around the log's last day.
 */
async function listContext(url, token, manifest, sqlitePath) {
  const longFinding = longestStream(sqlitePath, 'finding-');
  const longItem = longestStream(sqlitePath, 'work-plan-item-');
  const first = await graphql(url, token, '{ findings(first: 50) { pageInfo { endCursor } } }');
  let itemHistoryAfter = null;
  const historyTotal = (await graphql(url, token, 'query($id: ID!) { workPlanItem(id: $id) { historyPage(first: 0) { totalCount } } }', { id: longItem.id })).workPlanItem.historyPage.totalCount;
  for (let read = 0; read + 200 <= historyTotal / 2; read += 200) {
    const page = await graphql(url, token, 'query($id: ID!, $after: String) { workPlanItem(id: $id) { historyPage(first: 200, after: $after) { pageInfo { endCursor } } } }', { id: longItem.id, after: itemHistoryAfter });
    itemHistoryAfter = page.workPlanItem.historyPage.pageInfo.endCursor;
  }
  return {
    unitId: manifest.busiestUnitId,
    dueFrom: addDays(manifest.lastDay, -30),
    dueTo: addDays(manifest.lastDay, 30),
    evaluationId: mostOf(sqlitePath, 'FindingRecorded', 'evaluationId'),
    circularUnitId: mostOf(sqlitePath, 'CircularIssued', 'unitId'),
    issuedFrom: addDays(manifest.lastDay, -90),
    issuedTo: manifest.lastDay,
    findingsAfter: first.findings.pageInfo.endCursor,
    longFindingId: longFinding.id,
    longItemId: longItem.id,
    itemHistoryAfter,
  };
}

// ---------------------------------------------------------------------------------------------
// the run

/** The commit measured (`+ changes` when the work tree differs from it); null outside a git checkout. */
function commitOf() {
  try {
    const git = (...args) => execFileSync('git', args, { cwd: HERE, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--', '../src', '../bench') ? ' + changes' : ''}`;
  } catch {
    return null;
  }
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const want = (id) => options.rows.includes(id);
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 1073741824),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    commit: commitOf(),
    loadBefore: loadavg().map((value) => Number(value.toFixed(2))),
    startedAt: new Date().toISOString(),
  };
  console.log(`Rectify benchmark — ${machine.cpu}, ${machine.cores} cores, node ${machine.node}, load average ${machine.loadBefore.join(' / ')}`);
  console.log(`sizes ${options.sizes.map(sizeLabel).join(', ')}; rows ${options.rows.join(',')}${options.smoke ? ' (smoke: figures not to be read)' : options.quick ? ' (quick)' : ''}\n`);
  const work = mkdtempSync(join(tmpdir(), 'rectify-bench-run-'));
  const started = performance.now();
  const logs = {};
  try {
    console.log(`| ${HEADER.join(' | ')} |\n|${HEADER.map(() => '---').join('|')}|`);

    if (want('1')) {
      const rectify = await rectifyAppends(work, { streams: 64, seconds: options.appendSeconds });
      const raw = rawAppends(work, { seconds: options.appendSeconds });
      // What limits the row: 64 streams that each wait for their acknowledgement can be batched at
      // most 64 to a transaction (one fsync each); raw SQLite at that batch size is the ceiling.
      const raw64 = rawAppends(work, { seconds: options.appendSeconds, perTransaction: 64, file: 'raw-64.db' });
      const ratio = rectify.perSecond / raw.perSecond;
      row({ row: '1', figure: 'durable appends, 64 concurrent command streams (1 event each, expected revision)', size: null, rectify: `${perSecond(rectify.perSecond)} (${ratioText(rectify.perSecond / raw64.perSecond)} of raw at 64 per transaction: ${perSecond(raw64.perSecond)})`, reference: `raw better-sqlite3, 1000 per transaction, synchronous=FULL: ${perSecond(raw.perSecond)}`, ratio, ratioOf: 'Rectify/raw', target: '≥ 0.6', met: ratio >= 0.6, values: { rectify, raw, raw64 } });
    }

    if (want('8')) {
      // Large items (breaker12i P1, P3), in a process of its own: the product's deciders, CPU time, each beside its reference.
      // Medians of many runs after a warm-up, V8 without background threads (`--single-threaded`: its compiler and collector
      // threads are counted in the process's CPU time, and a single cold run was 4–75 ms): one run's figures no longer cross the targets by chance.
      const large = JSON.parse(execFileSync(process.execPath, ['--single-threaded', join(HERE, 'large-item.mjs'), '--json', '--rounds', String(options.largeItemRounds), '--warmup', String(options.largeItemWarmup)], { encoding: 'utf8', maxBuffer: 1 << 24 }));
      for (const entry of large.rows) {
        row({ row: '8', figure: entry.figure, size: null, rectify: `${ms(entry.rectifyMs)} CPU (median of ${large.rounds})`, reference: `${entry.reference}: ${ms(entry.referenceMs)} CPU`, ratio: entry.ratio, ratioOf: 'Rectify/reference', target: entry.target, met: entry.ratio <= entry.maxRatio, values: entry });
      }
    }

    // Every row below talks to servers: the bare reference, and Rectify on an empty store (its
    // start is measured next to each start it is compared with, under the same load).
    const needsServers = options.rows.some((id) => id !== '1' && id !== '8');
    const reference = needsServers && want('2') ? await startReference({ cwd: work, logFile: join(work, 'reference.log') }) : null;
    let empties = 0;
    const emptyStart = async () => {
      empties += 1;
      const directory = join(work, `empty-${empties}`);
      mkdirSync(directory);
      const empty = await startRectify({ sqlitePath: join(directory, 'rectify.db'), cwd: directory, logFile: join(directory, 'server.log') });
      const measured = { readyMs: empty.readyMs, peakRss: empty.peakRss() };
      await empty.stop();
      rmSync(directory, { recursive: true, force: true });
      return measured;
    };
    let mutationReference = null;
    for (const size of needsServers ? options.sizes : []) {
      const { path, manifest, generated } = await cachedLog(size, { fresh: options.fresh, log: (line) => console.error(line) });
      logs[size] = { manifest, generated };
      if (manifest.refusals > 0) throw new Error(`the ${size}-event log was generated with ${manifest.refusals} refused commands: ${manifest.firstRefusals.join('; ')}`);
      const directory = join(work, `events-${size}`);
      mkdirSync(directory);
      const sqlitePath = join(directory, 'rectify.db');
      copyLog(path, sqlitePath);
      const logFile = join(directory, 'server.log');
      const raw = want('6') ? JSON.parse(execFileSync(process.execPath, [join(HERE, 'raw-read.mjs'), sqlitePath], { encoding: 'utf8' })) : null;
      // What limits row 6: a first start checks every row it reads (leaf hash, chain, seal); the
      // raw read over that checked read alone is the most its ratio can reach (profiles.md).
      const checked = want('6') ? JSON.parse(execFileSync(process.execPath, [join(HERE, 'checked-read.mjs'), sqlitePath], { encoding: 'utf8' })) : null;

      const emptyBefore = want('6') ? await emptyStart() : null;
      const server = await startRectify({ sqlitePath, cwd: directory, logFile, env: { METRICS_TOKEN } });
      const token = manifest.tokens.SUPERVISOR;
      const errors = projectionErrors(logFile);
      logs[size].projectionErrors = errors;
      if (errors > 0) console.error(`  ${errors} projection errors loading the ${size}-event log; see ${logFile}`);
      if (want('6')) {
        const rebuildMs = server.readyMs - emptyBefore.readyMs;
        // A first start no slower than the empty one (small logs, a noisy machine) has no rebuild time to compare.
        const measurable = rebuildMs > 0;
        const ratio = measurable ? raw.ms / rebuildMs : null;
        row({ row: '6', figure: 'first start: full rebuild (start − empty start)', size, rectify: `${measurable ? seconds(rebuildMs) : 'within the empty start’s noise'} (start ${seconds(server.readyMs)}; ${errors} projection errors; reading and checking every row alone: ${seconds(checked.ms)}, raw/that ${ratioText(raw.ms / checked.ms)})`, reference: `raw read + JSON.parse: ${seconds(raw.ms)}, ${mib(raw.peakRssBytes)} (empty start ${seconds(emptyBefore.readyMs)})`, ratio, ratioOf: 'raw/rebuild', target: '≥ 0.6', met: measurable ? ratio >= 0.6 && errors === 0 : null, values: { readyMs: server.readyMs, rebuildMs, raw, checkedRead: checked, empty: emptyBefore, projectionErrors: errors } });
      }

      let constant = null;
      if (want('3') || want('4') || want('7')) {
        constant = await latency({ url: server.url, token, query: CONSTANT, seconds: options.querySeconds });
      }
      if (want('3')) {
        for (const name of Object.keys(QUERIES)) {
          const result = await latency({ url: server.url, token, query: QUERIES[name]('now'), variables: variablesOf(name, manifest), seconds: options.querySeconds });
          row({ row: '3', figure: `\`${name}\` now, p50 / p99`, size, rectify: `${ms(result.p50)} / ${ms(result.p99)} (n=${result.requests}${firstAnswer(result)})`, reference: `constant query: ${ms(constant.p50)} / ${ms(constant.p99)}`, ratio: result.p99 / Math.max(constant.p99, 1), ratioOf: 'p99/constant', target: 'p99 < 5 ms', met: result.p99 < 5 && result.failed === 0, values: { result, constant } });
        }
      }
      if (want('4')) {
        // breaker12h P8: 总览's figures and light counts on a past day, answered from per-day deltas; its first answer is what a
        // supervisor waits for (asked first, before any other past-day query: the fold of every finding it replaced took seconds at 100k events).
        const figures = await latency({ url: server.url, token, query: dashboardFigures('asOf'), variables: variablesOf('dashboard', manifest, 'asOf'), seconds: options.querySeconds, minRequests: 3 });
        row({ row: '4', figure: '`dashboard(asOf)` figures + 红黄绿灯 counts (总览’s first request), p50 / p99', size, rectify: `${ms(figures.p50)} / ${ms(figures.p99)} (n=${figures.requests}${firstAnswer(figures)})`, reference: `constant query: ${ms(constant.p50)} / ${ms(constant.p99)}`, ratio: figures.p99 / Math.max(constant.p99, 1), ratioOf: 'p99/constant', target: 'p99 < 20 ms', met: figures.p99 < 20 && figures.failed === 0, values: { result: figures, constant } });
        // The repeats above and below mostly read the answer kept by the TimeTravelCache; what a supervisor waits for
        // when choosing a past day is the first answer at it: each query's first answers at FIRST_ANSWER_CUTS days (or
        // instants) nobody asked before, judged against the same target.
        const firstAnswersLine = (name, cut, query, index) => async () => {
          const result = await firstAnswers({ url: server.url, token, query, variablesList: firstAnswerVariables(name, index, manifest, cut, options.firstAnswerCuts) });
          row({ row: '4', figure: `${name === 'figures' ? '`dashboard(asOf)` figures + 红黄绿灯 counts' : `\`${name}(${cut})\``}: first answers at ${options.firstAnswerCuts} ${cut === 'asOf' ? 'day' : 'instant'}${options.firstAnswerCuts === 1 ? '' : 's'} not asked before, p50 / p99`, size, rectify: `${ms(result.p50)} / ${ms(result.p99)} (each: ${result.times.map((time) => Math.round(time)).join(', ')} ms)`, reference: `constant query: ${ms(constant.p50)} / ${ms(constant.p99)}`, ratio: result.p99 / Math.max(constant.p99, 1), ratioOf: 'p99/constant', target: 'p99 < 20 ms', met: result.p99 < 20, values: { firstAnswers: result, constant } });
        };
        const names = Object.keys(QUERIES);
        await firstAnswersLine('figures', 'asOf', dashboardFigures('asOf'), names.length)();
        for (const cut of ['asOf', 'knownAt']) {
          for (const [index, name] of names.entries()) {
            const result = await latency({ url: server.url, token, query: QUERIES[name](cut), variables: variablesOf(name, manifest, cut), seconds: options.querySeconds, minRequests: 3 });
            row({ row: '4', figure: `\`${name}(${cut})\`, p50 / p99`, size, rectify: `${ms(result.p50)} / ${ms(result.p99)} (n=${result.requests}${firstAnswer(result)})`, reference: `constant query: ${ms(constant.p50)} / ${ms(constant.p99)}`, ratio: result.p99 / Math.max(constant.p99, 1), ratioOf: 'p99/constant', target: 'p99 < 20 ms', met: result.p99 < 20 && result.failed === 0, values: { result, constant } });
            await firstAnswersLine(name, cut, QUERIES[name](cut), index)();
          }
        }
        // Is anything else blocked meanwhile? A constant query's latency while 4 connections ask `dashboard` at a different
        // day (asOf) or instant (knownAt) each request, so each is folded (not a kept answer: queuing, not blocking), and
        // the server's longest event-loop delay in that window (prom-client's nodejs_eventloop_lag_max_seconds: the
        // longest interval between two ticks of a 10 ms timer, read and reset by each /metrics scrape — one scrape before
        // the window, one after; a turn of T ms shows as T to T + 10 ms, so < 20 ms there means no turn of 20 ms or more).
        const busySeconds = Math.max(options.smoke ? 1 : 2, options.querySeconds * 2);
        const spanDays = Math.max(10, Math.round((Date.parse(manifest.lastDay) - Date.parse(manifest.asOf)) / 86_400_000) - 1);
        const busyCuts = ['asOf', 'knownAt'];
        const requestOf = (n) => {
          const cut = busyCuts[n % 2];
          return { query: QUERIES.dashboard(cut), variables: busyCut(manifest, cut, Math.floor(n / 2), spanDays) };
        };
        await eventLoopDelayMaxMs(server.url, METRICS_TOKEN);
        const [busy, during] = await Promise.all([
          busyRequests({ url: server.url, token, requestOf, connections: 4, seconds: busySeconds }),
          load({ url: server.url, token, body: JSON.stringify({ query: CONSTANT }), connections: 1, duration: busySeconds }),
        ]);
        const longestDelay = await eventLoopDelayMaxMs(server.url, METRICS_TOKEN);
        // Not one answer in the whole window is the worst blocking there is, not a p99 of 0.
        const answered = during.requests > 0;
        const busyText = `4 connections: ${busy.requests} folded answers, p50 / p99 ${ms(busy.p50)} / ${ms(busy.p99)}${busy.failed ? `, ${busy.failed} failed: ${busy.refusal}` : ''}`;
        row({ row: '4', figure: 'constant query while 4 connections ask `dashboard(asOf)` / `dashboard(knownAt)` at a different day or instant each request, p50 / p99; the server’s longest event-loop delay meanwhile (10 ms ticks)', size, rectify: `${answered ? `${ms(during.p50)} / ${ms(during.p99)} (n=${during.requests})` : `none answered in ${busySeconds} s`}; longest event-loop delay ${longestDelay === null ? 'n/a' : ms(longestDelay)} (${busyText})`, reference: `constant query alone: ${ms(constant.p50)} / ${ms(constant.p99)}`, ratio: answered ? during.p99 / Math.max(constant.p99, 1) : null, ratioOf: 'p99 busy/alone', target: 'p99 < 20 ms and longest delay < 20 ms (not blocked)', met: answered && during.p99 < 20 && longestDelay !== null && longestDelay < 20 && busy.failed === 0, values: { during, constant, busy, longestDelayMs: longestDelay } });
      }
      if (want('7')) {
        // Lists at scale (issue 12): a page of each list the issue names, and of `findings` with each of its server-side filters.
        const context = await listContext(server.url, token, manifest, sqlitePath);
        for (const page of listPages(context)) {
          const pageToken = page.admin ? manifest.tokens.ADMIN : token;
          const connection = connectionOf(await graphql(server.url, pageToken, page.query, page.variables));
          const result = await latency({ url: server.url, token: pageToken, query: page.query, variables: page.variables, seconds: options.querySeconds });
          row({ row: '7', figure: `list page ${page.figure}, p50 / p99`, size, rectify: `${ms(result.p50)} / ${ms(result.p99)} (n=${result.requests}${firstAnswer(result)}; ${connection.totalCount.toLocaleString('en')} in the list, ${connection.pageInfo.hasNextPage ? 'more pages' : 'one page'})`, reference: `constant query: ${ms(constant.p50)} / ${ms(constant.p99)}`, ratio: result.p99 / Math.max(constant.p99, 1), ratioOf: 'p99/constant', target: 'p99 < 5 ms', met: result.p99 < 5 && result.failed === 0, values: { result, constant, query: page.query, variables: page.variables, totalCount: connection.totalCount } });
        }
      }
      if (want('2')) {
        // --smoke asks a fixed number instead of a time box: on a loaded machine a box of a few seconds ended before any
        // answer (0/s, session 50), so a refused request went unseen (missingFigures judges the answers it got).
        const span = options.smoke ? { amount: 128 } : { duration: options.mutationSeconds };
        mutationReference ??= await load({ url: reference.url, body: noopBody(), connections: 64, ...span });
        const result = await load({ url: server.url, token, body: recordFindingBody(manifest), connections: 64, ...span });
        const ratio = result.perSecond / mutationReference.perSecond;
        row({ row: '2', figure: 'GraphQL `recordFinding`, 64 connections: req/s, p50 / p99', size, rectify: `${perSecond(result.perSecond)}, ${ms(result.p50)} / ${ms(result.p99)}${result.failed ? ` (${result.failed} failed)` : ''}`, reference: `bare Apollo no-op mutation: ${perSecond(mutationReference.perSecond)}, ${ms(mutationReference.p50)} / ${ms(mutationReference.p99)}`, ratio, ratioOf: 'Rectify/bare', target: '≥ 0.6 and p99 < 50 ms', met: ratio >= 0.6 && result.p99 < 50 && result.failed === 0, values: { result, reference: mutationReference } });
      }
      const firstPeak = server.peakRss();
      await server.stop();
      if (want('5')) {
        const emptyAgain = await emptyStart();
        const again = await startRectify({ sqlitePath, cwd: directory, logFile });
        const peak = again.peakRss();
        await again.stop();
        const ratio = again.readyMs / emptyAgain.readyMs;
        row({ row: '5', figure: 'restart: time to serving, peak RSS', size, rectify: `${seconds(again.readyMs)}, ${mib(peak)} (first start, after its rows: ${mib(firstPeak)})`, reference: `empty store's start: ${seconds(emptyAgain.readyMs)}, ${mib(emptyAgain.peakRss)}`, ratio, ratioOf: 'restart/empty', target: '≤ 1.5 and < 500 MB', met: ratio <= 1.5 && peak !== null && peak < 500e6, values: { readyMs: again.readyMs, peakRss: peak, firstStartPeakRss: firstPeak, empty: emptyAgain } });
      }
      if (want('9')) {
        // breaker12i P4: a read-model snapshot taken while the server serves (bench/snapshot-stall.mjs).
        const { cost, probe, constant, bare } = await snapshotStall({ sqlitePath, directory, manifest, querySeconds: options.querySeconds });
        const ratio = cost.longestDelayMs / Math.max(bare.ms, 1);
        row({ row: '9', figure: 'read-model snapshot while serving: longest event-loop delay during it; a constant query meanwhile, p99 / max', size, rectify: `${ms(cost.longestDelayMs)} (the capture’s longest turn ${ms(cost.longestTurnMs)}${cost.slowestPiece ? `, its slowest piece ${cost.slowestPiece.path} ${ms(cost.slowestPiece.ms)}` : ''}; captured in ${seconds(cost.capturedMs)}, ${mib(cost.bytes)}); constant query ${ms(probe.p99)} / ${ms(probe.max)} (n=${probe.requests})`, reference: `the same states in one v8.serialize: ${ms(bare.ms)}; constant query alone: ${ms(constant.p99)} / ${ms(constant.max)}`, ratio, ratioOf: 'longest delay/one call', target: 'longest delay < 50 ms', met: cost.longestDelayMs < 50, values: { cost, probe, constant, bare } });
      }
      rmSync(directory, { recursive: true, force: true });
    }
    await reference?.stop();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }

  machine.loadAfter = loadavg().map((value) => Number(value.toFixed(2)));
  machine.finishedAt = new Date().toISOString();
  const elapsedSeconds = Math.round((performance.now() - started) / 1000);
  console.log(`\n${rows.length} rows in ${elapsedSeconds} s; load average before ${machine.loadBefore.join(' / ')}, after ${machine.loadAfter.join(' / ')}`);
  writeResults(options, machine, elapsedSeconds, logs);
  return missingFigures(options, logs);
}

/**
 * What a run that finished should have produced and did not: a requested row without a line, a
 * log loaded with projection errors, a row whose requests the server refused (it would time
 * refusals, not the work it names). Never a timing: the figures themselves are not judged here.
 */
function missingFigures(options, logs) {
  const problems = options.rows.filter((id) => !rows.some((entry) => entry.row === id)).map((id) => `row ${id} produced no line`);
  for (const entry of rows) {
    const measured = entry.values?.result;
    if (measured?.refused) problems.push(`row ${entry.row} (${sizeLabel(entry.size)}): the server refused ${measured.refused} of its ${measured.requests} requests, so it timed refusals: ${measured.refusal}`);
  }
  for (const [size, log] of Object.entries(logs)) {
    if (log.projectionErrors) problems.push(`the ${sizeLabel(Number(size))} log loaded with ${log.projectionErrors} projection errors`);
  }
  return problems;
}

function writeResults(options, machine, elapsedSeconds, logs) {
  mkdirSync(options.out, { recursive: true });
  const logsSummary = Object.fromEntries(Object.entries(logs).map(([size, { manifest, generated, projectionErrors: errors }]) => [size, { events: manifest.events, generatedNow: generated, generatedInMs: manifest.generatedInMs, projectionErrors: errors, units: manifest.units, evaluations: manifest.evaluations, workPlans: manifest.workPlans, parts: manifest.parts, firstDay: manifest.firstDay, lastDay: manifest.lastDay }]));
  const result = { machine, options: { quick: options.quick, smoke: options.smoke, sizes: options.sizes, rows: options.rows }, elapsedSeconds, logs: logsSummary, rows };
  writeFileSync(join(options.out, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  const markdown = [
    `# Rectify benchmark — ${machine.finishedAt.slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.platform}, node ${machine.node}, commit ${machine.commit ?? 'unknown'}. Load average (1/5/15 min) before ${machine.loadBefore.join(' / ')}, after ${machine.loadAfter.join(' / ')}. ${elapsedSeconds} s${options.smoke ? ', --smoke' : options.quick ? ', --quick' : ''}.`,
    '',
    `| ${HEADER.join(' | ')} |`,
    `|${HEADER.map(() => '---').join('|')}|`,
    ...[...rows].sort((a, b) => a.row.localeCompare(b.row) || (a.size ?? 0) - (b.size ?? 0)).map(tableLine),
    '',
    'Logs: ' + Object.entries(logsSummary).map(([size, log]) => `${sizeLabel(Number(size))}: ${log.events.toLocaleString('en')} events, ${log.units} units, ${log.evaluations} evaluations, ${log.workPlans} work plans, ${log.parts} parts, ${log.firstDay} – ${log.lastDay}, ${log.projectionErrors ?? 'n/a'} projection errors`).join('; ') + '.',
    '',
  ].join('\n');
  writeFileSync(join(options.out, 'latest.md'), markdown);
  console.log(`results: ${join(options.out, 'latest.md')} and latest.json`);
}

const problems = await main();
for (const problem of problems) console.error(`bench: ${problem}`);
process.exit(problems.length > 0 ? 1 : 0);
