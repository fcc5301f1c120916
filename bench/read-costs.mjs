// What reading a log costs, step by step, in CPU time per row (process.cpuUsage, so the machine's
// load stretches wall time, not these figures): the reference's raw read + JSON.parse in log order,
// then what a first start adds per row to check it (canonical JSON + SHA-256 leaf hash, the chain
// hash, the row seal's HMAC), then the reads a time-travel fold makes (one indexed SELECT per
// finding stream, each row checked on its own). Runs what is built (dist/). Behind the limits
// written in bench/results/profiles.md (rows 4 and 6).
//
//   node bench/read-costs.mjs --events 100000 [--rounds 3]
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { readCommandLine } from './cli-options.mjs';
import { cachedLog } from './generate-log.mjs';
import { eventLeafHash, chainHash, rowSeal } from '../dist/ledger/domain/event-chain.js';
import { leafHash } from '../dist/ledger/domain/merkle.js';
import { checkedRead } from './checked-read.mjs';

const USAGE = `Usage: node bench/read-costs.mjs [--events <n>] [--rounds <n>]

CPU µs per row of a cached bench log: raw read + parse, the checks a first start adds, and the
per-stream reads of a time-travel fold. Prints a Markdown table.`;

const line = readCommandLine(process.argv.slice(2), { usage: USAGE, values: ['--events', '--rounds'], flags: [] });
const events = Number(line.value('--events') ?? '100000');
const rounds = Number(line.value('--rounds') ?? '3');
const { path } = await cachedLog(events);
const db = new Database(path, { readonly: true });
// The seal's cost does not depend on the key: a random one (nothing is compared).
const sealKey = randomBytes(32);

const cpuMs = (run) => {
  const before = process.cpuUsage();
  const rows = run();
  const used = process.cpuUsage(before);
  return { rows, ms: (used.user + used.system) / 1000 };
};
const content = (row, data, metadata) => ({
  id: row.event_id, streamId: row.stream_id, revision: row.revision, type: row.type, schemaVersion: row.schema_version, data, metadata, recordedAt: row.recorded_at,
});
const CHAINED = 'position, event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at, leaf_hash, chain_hash, row_seal';

/** Visits every row of every finding stream, read as a time-travel fold reads them (one indexed SELECT per stream); returns the rows read. */
function eachFindingStreamRow(visit) {
  const streams = db.prepare("SELECT DISTINCT stream_id FROM events WHERE stream_id LIKE 'finding-%'").pluck().all();
  const read = db.prepare(`SELECT ${CHAINED} FROM events WHERE stream_id = ? AND revision >= 0 ORDER BY revision`);
  let rows = 0;
  for (const stream of streams) {
    for (const row of read.all(stream)) {
      visit(row);
      rows += 1;
    }
  }
  return rows;
}

/** Each step reads the log in order and does what the step before did, and one thing more. */
const steps = {
  'raw read + JSON.parse (the row 6 reference)': () => {
    let rows = 0;
    for (const row of db.prepare('SELECT data, metadata FROM events ORDER BY position').iterate()) {
      JSON.parse(row.data);
      JSON.parse(row.metadata);
      rows += 1;
    }
    return rows;
  },
  '+ ledger columns, leaf hash (canonical JSON + SHA-256)': () => {
    let rows = 0;
    for (const row of db.prepare(`SELECT ${CHAINED} FROM events ORDER BY position`).iterate()) {
      eventLeafHash(content(row, JSON.parse(row.data), JSON.parse(row.metadata)));
      rows += 1;
    }
    return rows;
  },
  '+ chain hash + row seal (HMAC-SHA-256): what a first start checks per row': () => checkedRead(db, sealKey),
  // Not what Rectify does: the leaf hash over the row's stored texts put together as they are, with no
  // canonical JSON built again — what a store that kept the canonical text (instead of
  // JSON.stringify's) could check a row with. Its hashes do not match the rows' (the texts are not
  // canonical today): it measures the cost, not a check.
  '(what-if) + leaf hash over the stored texts as they are, chain hash, row seal': () => {
    let rows = 0;
    let previous = Buffer.alloc(32);
    for (const row of db.prepare(`SELECT ${CHAINED} FROM events ORDER BY position`).iterate()) {
      JSON.parse(row.data);
      JSON.parse(row.metadata);
      const text = `{"data":${row.data},"id":${JSON.stringify(row.event_id)},"metadata":${row.metadata},"recordedAt":${JSON.stringify(row.recorded_at)},"revision":${row.revision},"schemaVersion":${row.schema_version},"streamId":${JSON.stringify(row.stream_id)},"type":${JSON.stringify(row.type)}}`;
      const leaf = leafHash(Buffer.from(text, 'utf8'));
      previous = chainHash(previous, leaf);
      rowSeal(sealKey, leaf, previous);
      rows += 1;
    }
    return rows;
  },
  'time-travel reads: one SELECT per finding stream, rows parsed only': () =>
    eachFindingStreamRow((row) => {
      JSON.parse(row.data);
      JSON.parse(row.metadata);
    }),
  'time-travel reads, each row checked (leaf hash + seal), as a fold reads them': () =>
    eachFindingStreamRow((row) => {
      const leaf = eventLeafHash(content(row, JSON.parse(row.data), JSON.parse(row.metadata)));
      rowSeal(sealKey, leaf, row.chain_hash);
    }),
};

const results = new Map(Object.keys(steps).map((name) => [name, []]));
for (let round = 0; round < rounds; round += 1) {
  for (const [name, step] of Object.entries(steps)) results.get(name).push(cpuMs(step));
}
db.close();
console.log(`| step (${events} events log) | rows | CPU ms per pass (${rounds} rounds) | µs per row (best) |\n|---|---|---|---|`);
for (const [name, passes] of results) {
  const best = Math.min(...passes.map((pass) => pass.ms));
  console.log(`| ${name} | ${passes[0].rows} | ${passes.map((pass) => pass.ms.toFixed(0)).join(' / ')} | ${((best * 1000) / passes[0].rows).toFixed(1)} |`);
}
