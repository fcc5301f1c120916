// What a read-model snapshot holds, by read model and by each one's largest fields: the bytes of each
// serialised on its own (`v8.serialize`, the snapshot's own serialiser). The heap holds more than these
// bytes (objects, hidden classes, strings not shared); they rank what memory goes to, they do not sum to RSS.
//
//   node bench/snapshot-sizes.mjs <path of a .read-models.snapshot> [--top 40]
//
// Reads the snapshot through dist/ (run `npm run build:server` first); a large one needs a large heap:
// `node --max-old-space-size=12000 bench/snapshot-sizes.mjs …` for a 1M-event store (≈ 770 MB file).
import v8 from 'node:v8';
import { fileURLToPath } from 'node:url';

const USAGE = 'Usage: node bench/snapshot-sizes.mjs <snapshot file> [--top <n>]';
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args[topAt + 1]) : 40;
const path = args.find((arg, index) => !arg.startsWith('--') && index !== topAt + 1);
if (!path || !Number.isInteger(top) || top < 1) {
  console.error(USAGE);
  process.exit(2);
}

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const { readSnapshotFile, decodeSnapshotStates } = await import(`${dist}event-sourcing/snapshot-file.js`);
const file = readSnapshotFile(path);
if (!file) {
  console.error(`No snapshot at ${path}`);
  process.exit(2);
}
const states = decodeSnapshotStates(path, file.header, file.payload);

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
  const readModel = file.header.readModels[index];
  rows.push({ name: readModel, bytes: bytesOf(state), count: countOf(state) });
  if (state && typeof state === 'object' && !(state instanceof Map) && !Array.isArray(state)) {
    for (const [field, value] of Object.entries(state)) rows.push({ name: `${readModel}.${field}`, bytes: bytesOf(value), count: countOf(value) });
  }
});
rows.sort((a, b) => b.bytes - a.bytes);
const mib = (bytes) => `${(bytes / 1048576).toFixed(1)} MiB`;
console.log(`${path}: position ${file.header.position.commit}, payload ${mib(file.payload.length)}, ${file.header.readModels.length} read models`);
for (const row of rows.slice(0, top)) console.log(`${mib(row.bytes).padStart(11)}  ${row.name}${row.count === null ? '' : ` (${row.count.toLocaleString('en')} entries)`}`);
