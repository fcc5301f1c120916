// Row 9: what a read-model snapshot costs the users of a serving Rectify (issue 12, breaker12i P4: a
// capture held everyone ~7 s at 318–343 MB). A server started on the log with a snapshot due after
// every event is sent one `recordFinding`; once it is answered, while the snapshot it set off is captured and written, a
// constant query is asked one at a time. The server's own log line says what the capture cost the
// event loop (ProjectionEngine's SnapshotCost: its longest turn, the longest event-loop delay, how
// long events were held); the reference is the same states serialised in one call
// (bench/bare-serialize.mjs), and the constant query asked alone beforehand.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { startRectify } from './server-process.mjs';
import { graphql, latency } from './load.mjs';
import { CONSTANT, recordFindingBody } from './queries.mjs';

const HERE = fileURLToPath(new URL('.', import.meta.url));
/** The longest the row waits for the snapshot to be written (ms): a million events' capture on a loaded machine. */
const WRITTEN_CEILING_MS = 10 * 60_000;

const WRITTEN = /Read-model snapshot written at position \S+ \((\d+) bytes; captured in (\d+) ms, its longest turn on the event loop (\d+) ms, longest event-loop delay (\d+) ms, events held up to (\d+) ms(?:; its slowest piece (?:none|(\S+) (\d+) ms))?\)/g;

/**
 * Every "snapshot written" line of a server log, oldest first: `{ bytes, capturedMs, longestTurnMs,
 * longestDelayMs, eventsHeldMs, slowestPiece }` (`slowestPiece`: `{ path, ms }`, null when the line names none).
 */
export function snapshotsWritten(logFile) {
  return [...readFileSync(logFile, 'utf8').matchAll(WRITTEN)].map((match) => ({
    bytes: Number(match[1]),
    capturedMs: Number(match[2]),
    longestTurnMs: Number(match[3]),
    longestDelayMs: Number(match[4]),
    eventsHeldMs: Number(match[5]),
    slowestPiece: match[6] === undefined ? null : { path: match[6], ms: Number(match[7]) },
  }));
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/**
 * Measures row 9 on the log at `sqlitePath` (a copy the run owns; the server writes its snapshot
 * beside it, `<sqlitePath>.read-models.snapshot`). Returns `{ cost, probe, constant, bare }`: the
 * server's SnapshotCost figures, the constant query during the capture (`requests`, `p99`, `max`,
 * ms), alone before it, and the one-call serialisation of the same states (`ms`, `bytes`).
 */
export async function snapshotStall({ sqlitePath, directory, manifest, querySeconds }) {
  const logFile = join(directory, 'server-snapshot.log');
  const server = await startRectify({ sqlitePath, cwd: directory, logFile, env: { READ_MODEL_SNAPSHOT_EVERY_EVENTS: '1', READ_MODEL_SNAPSHOT_MINUTES: '0' } });
  try {
    const token = manifest.tokens.SUPERVISOR;
    const constant = await latency({ url: server.url, token, query: CONSTANT, seconds: querySeconds });
    const before = snapshotsWritten(logFile).length;
    const { query, variables } = JSON.parse(recordFindingBody(manifest).replaceAll('[<id>]', `snapshot-${Date.now()}`));
    const samples = [];
    let written = false;
    // Its answer comes once its event is projected, as the snapshot it sets off begins: the probe times the snapshot, not the command.
    await graphql(server.url, token, query, variables);
    const started = performance.now();
    // At least one sample: a small log's snapshot may be written before the mutation's answer arrives.
    do {
      if (performance.now() - started > WRITTEN_CEILING_MS) throw new Error(`no snapshot written within ${WRITTEN_CEILING_MS / 60_000} minutes; see ${logFile}`);
      const asked = performance.now();
      await graphql(server.url, token, CONSTANT);
      samples.push(performance.now() - asked);
      written = snapshotsWritten(logFile).length > before;
    } while (!written);
    const cost = snapshotsWritten(logFile).at(-1);
    samples.sort((a, b) => a - b);
    const probe = { requests: samples.length, p50: quantile(samples, 0.5), p99: quantile(samples, 0.99), max: samples.at(-1) };
    await server.stop();
    const bare = JSON.parse(execFileSync(process.execPath, [join(HERE, 'bare-serialize.mjs'), `${sqlitePath}.read-models.snapshot`], { encoding: 'utf8', maxBuffer: 1 << 20 }));
    return { cost, probe, constant, bare };
  } finally {
    await server.stop();
  }
}
