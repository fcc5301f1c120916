// Row 9's reference: the read models' states of a snapshot file, serialised in one synchronous call
// (`v8.serialize`, the serializer a capture uses) — how long the event loop would be held if a
// snapshot were taken at once. Run as its own process by the benchmark (the states take hundreds of
// MB at a million events): prints {"bytes":…,"ms":…} (`bytes`: the serialisation's length).
import v8 from 'node:v8';
import { performance } from 'node:perf_hooks';
import { decodeSnapshotStates, readSnapshotFile } from '../dist/event-sourcing/snapshot-file.js';

const path = process.argv[2];
const file = readSnapshotFile(path);
if (!file) throw new Error(`no snapshot file at ${path}`);
const states = decodeSnapshotStates(path, file.header, file.payload);
const started = performance.now();
const bytes = v8.serialize(states).length;
console.log(JSON.stringify({ bytes, ms: performance.now() - started }));
