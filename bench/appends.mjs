// Row 1: durable appends through the SqliteEventStore port from 64 concurrent command streams,
// against raw better-sqlite3 writing the same rows 1000 to a transaction, both synchronous=FULL in
// WAL mode on the same disk, in the same run.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SqliteEventStore } from '../dist/event-store/sqlite-event-store.js';
import { deterministicId } from '../dist/shared/ids.js';

/** A RectificationReported as the product writes it (its size is what the disk sees). */
const eventOf = (stream, revision, recordedAt) => ({
  id: deterministicId('bench-append', stream, String(revision)),
  type: 'RectificationReported',
  schemaVersion: 2,
  data: {
    unitId: deterministicId('unit', stream),
    summary: '已完成整改：补充公开目录并更新栏目内容',
    evidence: [{ title: '整改情况说明', link: 'https://gov.example.cn/zhenggai/1', documentRef: '整改〔2026〕1号' }],
    reportedOn: '2026-06-13',
  },
  metadata: { actorId: 'bench', actorRole: 'UNIT', actorUnitId: null, commandId: stream, correlationId: stream, causationId: stream, recordedAt },
});

/**
 * `streams` command streams each append one event at a time to their own stream with the expected
 * revision, each waiting for its acknowledgement, for `seconds`. Events/s.
 */
export async function rectifyAppends(directory, { streams = 64, seconds }) {
  const store = new SqliteEventStore(join(directory, 'appends.db'));
  const recordedAt = new Date().toISOString();
  let appended = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: streams }, async (_, index) => {
      const stream = `bench-command-stream-${index}`;
      let revision = -1;
      while (performance.now() < deadline) {
        const result = await store.appendToStream(stream, [eventOf(stream, revision + 1, recordedAt)], { expectedRevision: revision < 0 ? 'no_stream' : revision });
        revision = result.nextRevision;
        appended += 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  await store.close();
  return { events: appended, perSecond: appended / elapsed, seconds: elapsed };
}

/** The same rows into a plain events table (in `file`), `perTransaction` to a transaction (1000), synchronous=FULL, WAL. Events/s. */
export function rawAppends(directory, { seconds, perTransaction = 1000, file = 'raw.db' }) {
  const db = new Database(join(directory, file));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, stream_id TEXT NOT NULL,
    revision INTEGER NOT NULL, type TEXT NOT NULL, schema_version INTEGER NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL,
    recorded_at TEXT NOT NULL, UNIQUE (stream_id, revision))`);
  const insert = db.prepare('INSERT INTO events (event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const recordedAt = new Date().toISOString();
  let written = 0;
  const writeBatch = db.transaction((from) => {
    for (let i = from; i < from + perTransaction; i += 1) {
      const stream = `raw-stream-${i % 64}`;
      const event = eventOf(stream, Math.floor(i / 64), recordedAt);
      insert.run(event.id, stream, Math.floor(i / 64), event.type, event.schemaVersion, JSON.stringify(event.data), JSON.stringify(event.metadata), recordedAt);
    }
  });
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    writeBatch(written);
    written += perTransaction;
  }
  const elapsed = (performance.now() - started) / 1000;
  db.close();
  return { events: written, perSecond: written / elapsed, seconds: elapsed };
}
