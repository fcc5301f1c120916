// The reference for a full rebuild: read every event row of a SQLite log and JSON.parse its data
// and metadata, nothing else. Run as its own process by the benchmark: prints
// {"events":…,"ms":…,"peakRssBytes":…}.
import Database from 'better-sqlite3';
import { performance } from 'node:perf_hooks';
import { peakRssBytes } from './server-process.mjs';

const started = performance.now();
const db = new Database(process.argv[2], { readonly: true });
let events = 0;
for (const row of db.prepare('SELECT data, metadata FROM events ORDER BY position').iterate()) {
  JSON.parse(row.data);
  JSON.parse(row.metadata);
  events += 1;
}
db.close();
console.log(JSON.stringify({ events, ms: performance.now() - started, peakRssBytes: peakRssBytes(process.pid) }));
