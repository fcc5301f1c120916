// What a read-model snapshot holds, by read model and by each one's largest fields: the bytes of each
// serialised on its own (`v8.serialize`, the snapshot's own serialiser). The heap holds more than these
// bytes (objects, hidden classes, strings not shared); they rank what memory goes to, they do not sum to RSS.
//
//   node bench/snapshot-sizes.mjs <path of a .read-models.snapshot> [--top 40] [--strings] [--heap]
//
// Reads the snapshot through dist/ (run `npm run build:server` first); a large one needs a large heap:
// `node --max-old-space-size=12000 bench/snapshot-sizes.mjs …` for a 1M-event store (≈ 770 MB file).
// `--strings`: the strings the restored states hold — occurrences, distinct, and their heap (V8's
// 16-byte header plus the characters, one byte each when all are Latin-1 else two, rounded to 8) by
// length, counted by value (JavaScript cannot tell two equal strings apart).
// `--heap` (with `node --expose-gc`): the decode's time (wall, and the process's CPU: its collector's threads count) and the heap the restored states keep (heap used
// after a full collection, the file's buffer dropped, less the same before the read) — what a restart
// holds; run the same file through another checkout's copy of this script to compare two builds.
import v8 from 'node:v8';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const USAGE = 'Usage: node [--expose-gc] bench/snapshot-sizes.mjs <snapshot file> [--top <n>] [--strings] [--heap]';
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args[topAt + 1]) : 40;
const path = args.find((arg, index) => !arg.startsWith('--') && index !== topAt + 1);
const unknown = args.filter((arg, index) => arg.startsWith('--') && index !== topAt && !['--strings', '--heap'].includes(arg));
const wantsHeap = args.includes('--heap');
if (!path || !Number.isInteger(top) || top < 1 || unknown.length > 0 || (wantsHeap && typeof globalThis.gc !== 'function')) {
  console.error(wantsHeap && typeof globalThis.gc !== 'function' ? '--heap needs node --expose-gc' : USAGE);
  process.exit(2);
}

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const { readSnapshotFile, decodeSnapshotStates } = await import(`${dist}event-sourcing/snapshot-file.js`);
const heapUsed = () => {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed;
};
const heapBefore = wantsHeap ? heapUsed() : 0;
let file = readSnapshotFile(path);
if (!file) {
  console.error(`No snapshot at ${path}`);
  process.exit(2);
}
const { header } = file;
const decodeStarted = performance.now();
const cpuBefore = process.cpuUsage();
const states = decodeSnapshotStates(path, file.header, file.payload);
const decodeCpu = process.cpuUsage(cpuBefore);
const decodeMs = performance.now() - decodeStarted;
const payloadBytes = file.payload.length;
file = null;
const mib = (bytes) => `${(bytes / 1048576).toFixed(1)} MiB`;
if (wantsHeap) {
  const kept = heapUsed() - heapBefore;
  console.log(`decoded in ${Math.round(decodeMs)} ms, ${Math.round((decodeCpu.user + decodeCpu.system) / 1000)} ms of CPU (${dist}); the restored states keep ${mib(kept)} of heap (heap used after gc: ${mib(heapBefore)} before, ${mib(heapBefore + kept)} after)`);
}
if (args.includes('--strings')) printStrings(states);

/** Serialised bytes of a value; -1 for one v8 cannot serialise (none in a snapshot that was written). */
const bytesOf = (value) => {
  try {
    return v8.serialize(value).length;
  } catch {
    return -1;
  }
};
const countOf = (value) => (value instanceof Map ? value.size : Array.isArray(value) ? value.length : null);

const rows = [];
states.forEach((state, index) => {
  const readModel = header.readModels[index];
  rows.push({ name: readModel, bytes: bytesOf(state), count: countOf(state) });
  if (state && typeof state === 'object' && !(state instanceof Map) && !Array.isArray(state)) {
    for (const [field, value] of Object.entries(state)) rows.push({ name: `${readModel}.${field}`, bytes: bytesOf(value), count: countOf(value) });
  }
});
rows.sort((a, b) => b.bytes - a.bytes);
console.log(`${path}: position ${header.position.commit}, payload ${mib(payloadBytes)}, ${header.readModels.length} read models`);
for (const row of rows.slice(0, top)) console.log(`${mib(row.bytes).padStart(11)}  ${row.name}${row.count === null ? '' : ` (${row.count.toLocaleString('en')} entries)`}`);

/** Heap bytes of one string as V8 lays it out (sequential: 16-byte header, 1 or 2 bytes a character, rounded to 8). */
function stringBytes(text) {
  // eslint-disable-next-line no-control-regex
  const wide = /[^\u0000-\u00ff]/.test(text);
  return Math.ceil((16 + text.length * (wide ? 2 : 1)) / 8) * 8;
}

/** Every string the states hold (fields, entries, Map keys, Set members; not object keys, which V8 interns), by value. */
function printStrings(roots) {
  const counts = new Map();
  const seen = new Set();
  const pending = [...roots];
  let objects = 0;
  const count = (text) => counts.set(text, (counts.get(text) ?? 0) + 1);
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string') {
      count(value);
      continue;
    }
    if (value === null || typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value);
    objects += 1;
    if (value instanceof Map) for (const [key, entry] of value) pending.push(key, entry);
    else if (value instanceof Set || Array.isArray(value)) for (const entry of value) pending.push(entry);
    else if (!(value instanceof Date) && !ArrayBuffer.isView(value)) for (const entry of Object.values(value)) pending.push(entry);
  }
  const buckets = [10, 24, 36, 64, 128, 256, Number.POSITIVE_INFINITY].map((most) => ({ most, occurrences: 0, distinct: 0, bytes: 0, distinctBytes: 0 }));
  let occurrences = 0;
  let bytes = 0;
  let distinctBytes = 0;
  for (const [text, times] of counts) {
    const each = stringBytes(text);
    const bucket = buckets.find((candidate) => text.length <= candidate.most);
    bucket.occurrences += times;
    bucket.distinct += 1;
    bucket.bytes += times * each;
    bucket.distinctBytes += each;
    occurrences += times;
    bytes += times * each;
    distinctBytes += each;
  }
  console.log(`strings: ${occurrences.toLocaleString('en')} held, ${counts.size.toLocaleString('en')} distinct; ${mib(bytes)} if each is a string of its own, ${mib(distinctBytes)} if each distinct one is held once (${objects.toLocaleString('en')} objects, arrays, Maps and Sets)`);
  let below = 0;
  for (const bucket of buckets) {
    const range = `${below + 1}–${bucket.most === Number.POSITIVE_INFINITY ? '' : bucket.most}`;
    below = bucket.most;
    console.log(`  length ${range.padEnd(8)} ${bucket.occurrences.toLocaleString('en').padStart(12)} held ${bucket.distinct.toLocaleString('en').padStart(11)} distinct  ${mib(bucket.bytes).padStart(11)} → ${mib(bucket.distinctBytes).padStart(10)}`);
  }
  const repeated = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 12);
  console.log(`  most held: ${repeated.map(([text, times]) => `${JSON.stringify(text.length > 24 ? `${text.slice(0, 24)}…` : text)} ×${times.toLocaleString('en')}`).join(', ')}`);
}
