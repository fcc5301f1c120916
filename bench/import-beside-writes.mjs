// What a big plan import does to everybody else (breaker56-10 S3, issue 10/12): a 4,999-item plan is imported while
// another user urges a unit (催办) again and again, /health is polled and the plan list is read. Prints each figure:
// the import's own time, the urgings' and /health's latencies while it ran (p50 / max), and whether a reader ever saw
// the plan with fewer items than the file has (newcomer56-10 M1).
//   node bench/import-beside-writes.mjs [--items 4999] [--cli]
// --cli: the import runs as `npm run plan:import` (another process on the same store file) beside the server.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchSigningKeyPath, startRectify } from './server-process.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The China office day now (`YYYY-MM-DD`). */
const officeDay = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const plusDays = (day, days) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** test/support/large-plan.ts's plan: `size` items in three categories, FGW leading, three units responsible. */
function largePlanCsv(size, today) {
  const year = Number(today.slice(0, 4));
  const monthAgo = plusDays(today, -30);
  const approvedOn = monthAgo < `${year}-01-01` ? `${year}-01-01` : monthAgo;
  const rows = ['类别编号,类别,序号,工作事项,牵头单位,责任单位,完成时限'];
  const perCategory = Math.ceil(size / 3);
  for (let item = 1; item <= size; item += 1) {
    const category = ['一,信息公开', '二,政策解读', '三,平台建设'][Math.floor((item - 1) / perCategory)];
    const due = plusDays(approvedOn, 1 + (item % 61));
    rows.push([category, item, `第${item}项工作任务`, 'FGW', 'CZJ、JYJ、HBJ', due > `${year}-12-31` ? `${year}-12-31` : due].join(','));
  }
  return { csv: `\ufeff${rows.join('\n')}\n`, year, approvedOn };
}

const summary = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => (sorted.length === 0 ? null : Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]));
  return { count: sorted.length, p50: at(0.5), p90: at(0.9), max: at(1) };
};

export async function importBesideWrites({ items = 4999, cli = false, log = console.log } = {}) {
  const folder = mkdtempSync(join(tmpdir(), 'rectify-import-beside-'));
  const sqlitePath = join(folder, 'rectify.db');
  const server = await startRectify({ sqlitePath, cwd: folder, logFile: join(folder, 'server.log'), env: { DEMO_DATA: 'true', NODE_ENV: 'development' } });
  try {
    const graphql = async (query, variables, token) => {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return response.json();
    };
    const signIn = async (loginName) => {
      const answer = await graphql('mutation($input: SignInInput!) { signIn(input: $input) { token } }', { input: { loginName, password: 'rectify-demo' } });
      if (!answer.data) throw new Error(`signIn ${loginName}: ${JSON.stringify(answer.errors)}`);
      return answer.data.signIn.token;
    };
    const supervisor = await signIn('supervisor');
    // Another supervisor's session: the one who urges (催办) while the plan goes in.
    const urger = await signIn('supervisor');
    const open = await graphql('{ findings(first: 50, status: OPEN) { nodes { id assignments { unitId status } } } }', {}, urger);
    const part = open.data.findings.nodes.flatMap((finding) => finding.assignments.filter((one) => one.status === 'ASSIGNED').map((one) => ({ findingId: finding.id, unitId: one.unitId })))[0];
    if (!part) throw new Error(`no assigned part to urge: ${JSON.stringify(open).slice(0, 500)}`);

    const plan = largePlanCsv(items, officeDay());
    const title = `青川市重点任务清单（${items}项）`;
    let importing = true;
    const urges = [];
    const healths = [];
    const seen = new Set();
    let urgeFailures = 0;
    const urgeLoop = (async () => {
      for (let round = 0; importing; round += 1) {
        const started = performance.now();
        const answer = await graphql(
          'mutation($input: UrgeUnitInput!) { urgeUnit(input: $input) { id } }',
          { input: { idempotencyKey: `urge-${process.pid}-${round}`, findingId: part.findingId, unitId: part.unitId, message: `请抓紧整改（第${round + 1}次）` } },
          urger,
        );
        if (answer.errors) {
          urgeFailures += 1;
          if (urgeFailures === 1) log(`urgeUnit refused: ${JSON.stringify(answer.errors).slice(0, 500)}`);
        }
        if (importing) urges.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const healthLoop = (async () => {
      while (importing) {
        const started = performance.now();
        await fetch(`${server.url}/health`).then((response) => response.text());
        if (importing) healths.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const readerLoop = (async () => {
      while (importing) {
        const answer = await graphql('{ workPlans { title progress { items } } }', {}, supervisor);
        for (const listed of answer.data?.workPlans ?? []) if (listed.title === title) seen.add(listed.progress.items);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();

    const started = performance.now();
    if (cli) {
      const file = join(folder, 'plan.csv');
      writeFileSync(file, plan.csv);
      await new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [join(ROOT, 'dist/cli/import-work-plan.js'), file, '--title', title, '--year', String(plan.year), '--approved-on', plan.approvedOn, '--separate-plan'], {
          cwd: folder,
          env: { PATH: process.env.PATH, HOME: process.env.HOME, EVENT_STORE: 'sqlite', SQLITE_PATH: sqlitePath, LEDGER_SIGNING_KEY_FILE: benchSigningKeyPath(sqlitePath) },
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let errors = '';
        child.stderr.on('data', (chunk) => (errors += chunk));
        child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`plan:import exited ${code}: ${errors.slice(0, 2000)}`))));
      });
    } else {
      const sent = await fetch(`${server.url}/imports/files?name=plan.csv`, { method: 'POST', headers: { authorization: `Bearer ${supervisor}` }, body: plan.csv });
      const { fileId } = await sent.json();
      const imported = await graphql(
        'mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId itemCount } }',
        { input: { idempotencyKey: `plan-${process.pid}`, fileName: 'plan.csv', fileId, title, year: plan.year, approvedOn: plan.approvedOn, assignedOn: plan.approvedOn, separatePlan: true } },
        supervisor,
      );
      if (imported.errors) throw new Error(`importWorkPlan: ${JSON.stringify(imported.errors).slice(0, 2000)}`);
    }
    const importMs = performance.now() - started;
    importing = false;
    await Promise.all([urgeLoop, healthLoop, readerLoop]);
    const partial = [...seen].filter((count) => count !== items);
    const result = { items, cli, importMs: Math.round(importMs), urge: summary(urges), urgeFailures, health: summary(healths), itemCountsSeen: [...seen].sort((a, b) => a - b), partialSeen: partial.length > 0 };
    log(JSON.stringify(result));
    return result;
  } finally {
    await server.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { items: { type: 'string' }, cli: { type: 'boolean' } } });
  await importBesideWrites({ items: Number(values.items ?? 4999), cli: values.cli === true });
}
