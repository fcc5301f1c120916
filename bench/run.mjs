// Rectify benchmark: `npm run bench`. Measures on a real SQLite file (WAL, synchronous=FULL):
//   1. appends to the event store (one event per append, each durable on return),
//   2. GraphQL mutations through the whole app (validate → decide → append → projected),
//   3. dashboard and breakdown queries, now and as known at a past instant (knownAt: each finding's
//      and item's dated timeline folded inside the cut, no log replay),
//   4. rebuilding every read model from the log at start.
// Numbers depend on the disk; compare runs on the same machine.
import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../dist/app.module.js';
import { SqliteEventStore } from '../dist/event-store/sqlite-event-store.js';
import { officeDate } from '../dist/shared/calendar-date.js';

/** Reports are dated the office's day (China time), so inspections must be too: not the UTC day, which lags after 16:00 UTC. */
const officeToday = () => officeDate(new Date());

const FINDINGS = Number(process.env.BENCH_FINDINGS ?? 150);
const APPENDS = Number(process.env.BENCH_APPENDS ?? 2000);
const QUERY_RUNS = Number(process.env.BENCH_QUERY_RUNS ?? 30);

const results = [];
const record = (name, samples, unit = 'ms') => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  results.push({ name, n: samples.length, p50: at(0.5), p95: at(0.95), max: sorted.at(-1), unit });
};
const time = async (fn) => {
  const start = performance.now();
  await fn();
  return performance.now() - start;
};

async function appendBenchmark(path) {
  const store = new SqliteEventStore(path);
  const metadata = { actorId: 'bench', actorRole: 'SYSTEM', actorUnitId: null, commandId: 'c', correlationId: 'c', causationId: 'c', recordedAt: new Date().toISOString() };
  const samples = [];
  const started = performance.now();
  for (let i = 0; i < APPENDS; i += 1) {
    samples.push(await time(() => store.appendToStream(`bench-${i % 200}`, [{ id: randomUUID(), type: 'BenchmarkEventRecorded', schemaVersion: 1, data: { i }, metadata }], { expectedRevision: 'any' })));
  }
  const seconds = (performance.now() - started) / 1000;
  record('store: durable append of 1 event', samples);
  results.push({ name: 'store: appends per second', n: APPENDS, p50: Math.round(APPENDS / seconds), p95: '', max: '', unit: 'events/s' });
  await store.close();
}

async function startApp(path) {
  const app = await NestFactory.create(AppModule.forRoot({ SQLITE_PATH: path, DEMO_DATA: 'true', NODE_ENV: 'development', RATE_LIMIT_PER_MINUTE: '0', GRAPHQL_MAX_COST: '100000' }), { logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const graphql = async (token, query, variables = {}) => {
    const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
    const body = await response.json();
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  return { app, graphql };
}

const SUPERVISOR = 'rct_demo_supervisor_qingchuan';
const INSPECTOR = 'rct_demo_inspector_qingchuan';
const ADMIN = 'rct_demo_admin_qingchuan';

async function workflowBenchmark(path) {
  const first = await startApp(path);
  const { graphql } = first;
  const { evaluations, units, workPlans } = await graphql(SUPERVISOR, '{ evaluations { id } units { id code } workPlans { id } }');
  const evaluationId = evaluations[0].id;
  const unitIds = units.map((unit) => unit.id);
  const unitTokens = new Map();
  for (const unitId of unitIds.slice(0, 6)) {
    const issued = await graphql(ADMIN, 'mutation($input: RegisterUserInput!) { registerUser(input: $input) { token } }', { input: { idempotencyKey: randomUUID(), name: `bench ${unitId.slice(0, 4)}`, role: 'UNIT', unitId } });
    unitTokens.set(unitId, issued.registerUser.token);
  }

  const mutations = { record: [], assign: [], report: [], inspect: [] };
  for (let i = 0; i < FINDINGS; i += 1) {
    let findingId;
    mutations.record.push(await time(async () => {
      findingId = (await graphql(SUPERVISOR, 'mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }', { input: { idempotencyKey: randomUUID(), evaluationId, title: `基准问题${i}`, description: '基准测试', category: ['主动公开', '依申请公开', '政策解读'][i % 3], severity: 'MEDIUM' } })).recordFinding.id;
    }));
    const assigned = [0, 1, 2].map((k) => unitIds[(i + k) % 6]);
    mutations.assign.push(await time(() => graphql(SUPERVISOR, 'mutation($input: AssignFindingInput!) { assignFinding(input: $input) { id } }', { input: { idempotencyKey: randomUUID(), findingId, units: assigned.map((unitId, k) => ({ unitId, role: k === 0 ? 'LEAD' : 'RESPONSIBLE', dueDate: '2026-12-31' })) } })));
    if (i % 2 === 0) {
      for (const unitId of assigned) {
        mutations.report.push(await time(() => graphql(unitTokens.get(unitId), 'mutation($input: ReportRectificationInput!) { reportRectification(input: $input) { id } }', { input: { idempotencyKey: randomUUID(), findingId, unitId, summary: '已整改', evidence: [{ title: '公开页面', link: 'https://www.example.gov.cn/x' }] } })));
        mutations.inspect.push(await time(() => graphql(INSPECTOR, 'mutation($input: LogInspectionInput!) { logInspection(input: $input) { id } }', { input: { idempotencyKey: randomUUID(), findingId, unitId, outcome: 'PASSED', notes: '核实', inspectedOn: officeToday(), place: '现场' } })));
      }
    }
  }
  record('mutation: recordFinding', mutations.record);
  record('mutation: assignFinding (3 units)', mutations.assign);
  record('mutation: reportRectification', mutations.report);
  record('mutation: logInspection', mutations.inspect);

  const dashboardQuery = '{ dashboard { percentClosed perUnit { unitName overdue } perCategory { label } openParts { unitName trafficLight } } }';
  const middle = new Date(Date.now() - 1000).toISOString();
  const queries = { now: [], asOf: [], breakdown: [], breakdownAsOf: [], scorecard: [] };
  for (let i = 0; i < QUERY_RUNS; i += 1) {
    queries.now.push(await time(() => graphql(SUPERVISOR, dashboardQuery)));
    queries.asOf.push(await time(() => graphql(SUPERVISOR, `query($knownAt: String) { dashboard(knownAt: $knownAt) { percentClosed openParts { trafficLight } } }`, { knownAt: middle })));
    queries.breakdown.push(await time(() => graphql(SUPERVISOR, 'query($id: ID!) { workPlan(id: $id) { progress { percentComplete } categories { items { code trafficLight parts { status } } } } }', { id: workPlans[0].id })));
    queries.breakdownAsOf.push(await time(() => graphql(SUPERVISOR, 'query($id: ID!, $knownAt: String) { workPlan(id: $id, knownAt: $knownAt) { progress { percentComplete } } }', { id: workPlans[0].id, knownAt: middle })));
    queries.scorecard.push(await time(() => graphql(SUPERVISOR, '{ unitScorecard { rank unitName onTimeRate } }')));
  }
  record('query: dashboard (now)', queries.now);
  record('query: dashboard(knownAt) — folds the findings\' timelines', queries.asOf);
  record('query: workPlan breakdown (35 items)', queries.breakdown);
  record('query: workPlan(knownAt) — folds the items\' timelines', queries.breakdownAsOf);
  record('query: unitScorecard', queries.scorecard);
  await first.app.close();

  const store = new SqliteEventStore(path);
  const head = await store.headPosition();
  await store.close();
  let restarted;
  const rebuild = await time(async () => {
    restarted = await startApp(path);
  });
  results.push({ name: `start: rebuild read models from ${head.commit} events`, n: 1, p50: Math.round(rebuild), p95: '', max: '', unit: 'ms' });
  await restarted.app.close();
}

const dir = mkdtempSync(join(tmpdir(), 'rectify-bench-'));
await appendBenchmark(join(dir, 'appends.db'));
await workflowBenchmark(join(dir, 'workflow.db'));

const format = (value) => (typeof value === 'number' ? (Number.isInteger(value) ? String(value) : value.toFixed(1)) : value);
console.log(`\nRectify benchmark — node ${process.version}, ${FINDINGS} findings, ${APPENDS} raw appends\n`);
console.log(['measure'.padEnd(52), 'n'.padStart(5), 'p50'.padStart(9), 'p95'.padStart(9), 'max'.padStart(9), ' unit'].join(''));
for (const row of results) {
  console.log([row.name.padEnd(52), String(row.n).padStart(5), format(row.p50).padStart(9), format(row.p95).padStart(9), format(row.max).padStart(9), ` ${row.unit}`].join(''));
}
process.exit(0);
