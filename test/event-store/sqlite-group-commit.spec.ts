import { jest } from '@jest/globals';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ConcurrencyError,
  RequestKeyConflictError,
  comparePositions,
  type AppendResult,
  type EventToAppend,
  type RequestRecord,
} from '../../src/event-store/event-store.port.js';
import { SqliteAppendWriter } from '../../src/event-store/sqlite-append-writer.js';
import { SqliteEventStore, type SqliteEventStoreOptions } from '../../src/event-store/sqlite-event-store.js';
import { verifyLedger } from '../../src/ledger/ledger-operations.js';
import { SqliteLedger } from '../../src/ledger/sqlite-ledger.js';
import { eventStoreContract } from './event-store.contract.js';

/*
 * Group commit (issue 12): appends made while a commit is under way are written together in one
 * transaction. Specs run the TypeScript sources, where the store commits on the caller's thread;
 * the same behaviour is checked through the compiled writer thread (dist/, built by `pretest`).
 */

const freshPath = () => join(mkdtempSync(join(tmpdir(), 'rectify-group-commit-')), 'events.db');
const writerThread = pathToFileURL(join(process.cwd(), 'dist/event-store/sqlite-writer.worker.js'));

eventStoreContract('SQLite, committing on a writer thread', () => Promise.resolve(new SqliteEventStore(freshPath(), { writerThread })));

const reported = (n: number): EventToAppend => ({
  id: randomUUID(),
  type: 'RectificationReported',
  schemaVersion: 2,
  data: { summary: `已完成整改（第${n}项）`, reportedOn: '2026-06-13' },
  metadata: {
    actorId: 'unit-user',
    actorRole: 'UNIT',
    actorUnitId: 'unit-fgw',
    commandId: `command-${n}`,
    correlationId: `command-${n}`,
    causationId: `command-${n}`,
    recordedAt: '2026-06-13T02:00:00.000Z',
  },
});

const request = (key: string, digest = 'digest-1'): RequestRecord => ({ key, commandId: `command-for-${key}`, digest });

/** What another connection finds in the file: what is on disk, whatever the store holds in memory. */
function onDisk(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare<[], { position: number; stream_id: string; revision: number }>('SELECT position, stream_id, revision FROM events ORDER BY position').all();
  } finally {
    db.close();
  }
}

async function ledgerOf(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    return await verifyLedger(new SqliteLedger(db));
  } finally {
    db.close();
  }
}

const modes: [string, SqliteEventStoreOptions][] = [
  ['on the caller’s thread', { writerThread: false }],
  ['on a writer thread', { writerThread }],
];

describe.each(modes)('Group commit %s', (_mode, options) => {
  let path: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    path = freshPath();
    store = new SqliteEventStore(path, options);
  });

  afterEach(async () => {
    await store.close();
  });

  it('acknowledges 64 concurrent appends to distinct streams once they are on disk, positioned in call order', async () => {
    const streams = Array.from({ length: 64 }, (_, index) => `finding-${index}`);
    const results = await Promise.all(streams.map((stream, index) => store.appendToStream(stream, [reported(index)], { expectedRevision: 'no_stream' })));

    const rows = onDisk(path);
    expect(rows.map((row) => row.stream_id)).toEqual(streams);
    expect(results.map((result) => Number(result.position.commit))).toEqual(rows.map((row) => row.position));
    expect(results.every((result) => result.nextRevision === 0)).toBe(true);
    for (let index = 1; index < results.length; index += 1) expect(comparePositions(results[index - 1]!.position, results[index]!.position)).toBe(-1);
  });

  it('fails a conflicting append alone with the usual ConcurrencyError while the rest of its batch commits', async () => {
    await store.appendToStream('finding-contested', [reported(0)], { expectedRevision: 'no_stream' });
    const outcomes = await Promise.allSettled([
      store.appendToStream('finding-a', [reported(1)], { expectedRevision: 'no_stream' }),
      store.appendToStream('finding-contested', [reported(2)], { expectedRevision: 0 }),
      store.appendToStream('finding-contested', [reported(3)], { expectedRevision: 0 }),
      store.appendToStream('finding-b', [reported(4)], { expectedRevision: 'no_stream' }),
    ]);

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const refusal = (outcomes[2] as PromiseRejectedResult).reason as ConcurrencyError;
    expect(refusal).toBeInstanceOf(ConcurrencyError);
    expect(refusal).toMatchObject({ streamId: 'finding-contested', expected: 0, actual: 1 });
    expect(onDisk(path).map((row) => [row.stream_id, row.revision])).toEqual([
      ['finding-contested', 0],
      ['finding-a', 0],
      ['finding-contested', 1],
      ['finding-b', 0],
    ]);
  });

  it('fails alone an append whose own insert SQLite refuses, and writes the others of its batch', async () => {
    const twice = reported(1);
    const outcomes = await Promise.allSettled([
      store.appendToStream('finding-a', [reported(0)], { expectedRevision: 'no_stream' }),
      store.appendToStream('finding-twice', [twice, twice], { expectedRevision: 'no_stream' }),
      store.appendToStream('finding-b', [reported(2)], { expectedRevision: 'no_stream' }),
    ]);

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE' });
    expect(onDisk(path).map((row) => row.stream_id)).toEqual(['finding-a', 'finding-b']);
    expect(await ledgerOf(path)).toMatchObject({ ok: true, eventsChecked: 2 });
  });

  it('gives one idempotency key to the first of its batch: a retry gets the first result, another request CONFLICT', async () => {
    const key = randomUUID();
    const outcomes = await Promise.allSettled([
      store.appendToStream('finding-first', [reported(1)], { expectedRevision: 'no_stream', request: request(key) }),
      store.appendToStream('finding-retry', [reported(2)], { expectedRevision: 'no_stream', request: request(key) }),
      store.appendToStream('finding-other', [reported(3)], { expectedRevision: 'no_stream', request: request(key, 'another request') }),
    ]);

    const [first, retry] = outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : null)) as [AppendResult, AppendResult];
    expect(first.alreadyRecorded).toBeUndefined();
    expect(retry).toEqual({ ...first, alreadyRecorded: true });
    expect((outcomes[2] as PromiseRejectedResult).reason).toBeInstanceOf(RequestKeyConflictError);
    expect(await store.findRequest(key)).toMatchObject({ streamId: 'finding-first', position: first.position });
    expect(onDisk(path).map((row) => row.stream_id)).toEqual(['finding-first']);
  });

  it('answers an append whose event ids are stored already as already recorded, at its first position (not a new head: two identical imports racing)', async () => {
    const events = [reported(7)];
    const outcomes = await Promise.all([
      store.appendToStream('finding-twice', events, { expectedRevision: 'no_stream' }),
      store.appendToStream('finding-twice', events, { expectedRevision: 'no_stream' }),
    ]);
    expect(outcomes[0].alreadyRecorded).toBeUndefined();
    expect(outcomes[1]).toEqual({ ...outcomes[0], alreadyRecorded: true });
    expect(onDisk(path).map((row) => row.stream_id)).toEqual(['finding-twice']);
  });

  it('keeps the ledger chain whole across batches, refusals included (verifyLedger)', async () => {
    for (let round = 0; round < 5; round += 1) {
      await Promise.allSettled(
        Array.from({ length: 20 }, (_, index) =>
          store.appendToStream(`finding-${index % 7}`, [reported(round * 100 + index), reported(round * 100 + index + 50)], { expectedRevision: 'any' }),
        ).concat([store.appendToStream('finding-0', [reported(round)], { expectedRevision: 'no_stream' })]),
      );
    }
    await store.close();
    expect(await ledgerOf(path)).toMatchObject({ ok: true, eventsChecked: 200, headPosition: '200' });
  });
});

describe('Group commit on the caller’s thread', () => {
  it('writes the appends made in one tick in one transaction', async () => {
    const store = new SqliteEventStore(freshPath(), { writerThread: false });
    const commit = jest.spyOn(SqliteAppendWriter.prototype, 'commit');
    try {
      await Promise.all(Array.from({ length: 64 }, (_, index) => store.appendToStream(`finding-${index}`, [reported(index)], { expectedRevision: 'no_stream' })));
      expect(commit).toHaveBeenCalledTimes(1);
      expect(commit.mock.calls[0]![0]).toHaveLength(64);
    } finally {
      commit.mockRestore();
      await store.close();
    }
  });
});

describe('Group commit on a writer thread that dies', () => {
  it('fails the appends it held with the cause, hangs none, and answers nothing twice', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'rectify-dead-writer-'));
    const dying = join(directory, 'dying-writer.mjs');
    writeFileSync(dying, "throw new Error('the writer could not open the file');\n");
    const store = new SqliteEventStore(join(directory, 'events.db'), { writerThread: pathToFileURL(dying) });
    try {
      const first = await Promise.allSettled([0, 1].map((index) => store.appendToStream(`finding-${index}`, [reported(index)], { expectedRevision: 'no_stream' })));
      // A second thread is started for the next batch; the first one's exit must not answer it.
      const second = await Promise.allSettled([store.appendToStream('finding-2', [reported(2)], { expectedRevision: 'no_stream' })]);
      for (const outcome of [...first, ...second]) {
        expect(outcome.status).toBe('rejected');
        expect(String((outcome as PromiseRejectedResult).reason)).toMatch(/writer thread failed: the writer could not open the file/);
      }
      expect(await store.readStream('finding-0')).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
