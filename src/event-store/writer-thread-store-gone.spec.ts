import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EventToAppend } from './event-store.port.js';
import { WriterThreadFailedError } from './sqlite-append-writer.js';
import { SqliteEventStore } from './sqlite-event-store.js';
import { StoreHealth } from './store-health.js';

const event = (): EventToAppend => {
  const id = randomUUID();
  return { id, type: 'Noted', schemaVersion: 1, data: { text: 'x' }, metadata: { actorId: 'a', actorRole: 'ADMIN', actorUnitId: null, commandId: id, correlationId: id, causationId: id, recordedAt: '2026-12-07T01:00:00.000Z' } as EventToAppend['metadata'] };
};

/** The compiled writer thread (dist/, built by `npm run build:server`), as the server runs it. */
const builtWriter = pathToFileURL(join(process.cwd(), 'dist/event-store/sqlite-writer.worker.js'));

/**
 * breaker53-9 S2: the data folder deleted under a running server (on a full disk): its writer thread, started again, reopened the
 * store BY PATH and created a new empty rectify.db (+ -wal, -shm) there — /health then said STORE_FILE_REPLACED (untrue) and the
 * next start took the empty file for a new store. M3: the thread's death reached GraphQL clients as "The event store's writer
 * thread failed: undefined", unclassified (better-sqlite3's error crosses the thread without its message).
 */
describe('The writer thread never creates a store at the path, and its failures are classified', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'rectify-writer-gone-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('the data folder deleted and made again: the thread opens nothing, creates nothing, and the write is STORE_FILE_MISSING', async () => {
    const data = join(folder, 'data');
    const path = join(data, 'rectify.db');
    const store = new SqliteEventStore(path, { writerThread: builtWriter });
    await store.identify();
    const health = new StoreHealth(store);
    rmSync(data, { recursive: true });
    // Made again (a copy rescued beside the store, an operator's mkdir): what let the thread's reopening create a file.
    mkdirSync(data);
    const failed = await store.appendToStream('note-1', [event()], { expectedRevision: 'no_stream' }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failed).toBeInstanceOf(WriterThreadFailedError);
    expect(String((failed as Error).message)).toContain(`${path} names no file any more`);
    expect(readdirSync(data).filter((name) => name.startsWith('rectify.db') && !name.includes('.rescued-'))).toEqual([]);
    expect(health.noteWriteFailure(failed)?.problem.cause).toBe('STORE_FILE_MISSING');
    expect(health.problems().map((problem) => problem.cause)).not.toContain('STORE_FILE_REPLACED');
    await store.close().catch(() => undefined);
    expect(existsSync(path)).toBe(false);
  });

  it('another file put at the path before the thread started: the thread does not write into it', async () => {
    const path = join(folder, 'rectify.db');
    const store = new SqliteEventStore(path, { writerThread: builtWriter });
    await store.identify();
    const other = new SqliteEventStore(join(folder, 'other.db'), { writerThread: false });
    await other.identify();
    await other.close();
    renameSync(join(folder, 'other.db'), path);
    const failed = await store.appendToStream('note-1', [event()], { expectedRevision: 'no_stream' }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failed).toBeInstanceOf(WriterThreadFailedError);
    expect(String((failed as Error).message)).toContain('names another file than the store this server opened');
    expect(new StoreHealth(store).noteWriteFailure(failed)?.problem.cause).toBe('STORE_FILE_REPLACED');
    await store.close().catch(() => undefined);
  });

  it("a thread that dies of SQLite's error (no message across the thread) is classified by its code, never 'failed: undefined' (M3)", async () => {
    const dying = join(folder, 'full-disk-writer.mjs');
    // What better-sqlite3's SqliteError becomes across the thread: its code, its message not enumerable (lost).
    writeFileSync(dying, "const error = Object.create(Error.prototype); Object.defineProperty(error, 'message', { value: 'database or disk is full', enumerable: false }); error.code = 'SQLITE_FULL'; throw error;\n");
    const store = new SqliteEventStore(join(folder, 'rectify.db'), { writerThread: pathToFileURL(dying) });
    await store.identify();
    const failed = await store.appendToStream('note-1', [event()], { expectedRevision: 'no_stream' }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failed).toMatchObject({ code: 'SQLITE_FULL' });
    expect(String((failed as Error).message)).not.toContain('undefined');
    expect(new StoreHealth(store).noteWriteFailure(failed)?.problem.cause).toBe('DISK_FULL');
    await store.close().catch(() => undefined);
  });

  it('a thread that dies of something that says nothing of itself: STORE_UNAVAILABLE WRITE_FAILED with a reason', async () => {
    const dying = join(folder, 'mute-writer.mjs');
    writeFileSync(dying, 'throw Object.create(Error.prototype);\n');
    const store = new SqliteEventStore(join(folder, 'rectify.db'), { writerThread: pathToFileURL(dying) });
    await store.identify();
    const failed = await store.appendToStream('note-1', [event()], { expectedRevision: 'no_stream' }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failed).toBeInstanceOf(WriterThreadFailedError);
    expect(String((failed as Error).message)).not.toContain('undefined');
    const refusal = new StoreHealth(store).noteWriteFailure(failed);
    expect(refusal?.problem.cause).toBe('WRITE_FAILED');
    expect(refusal?.messageZh).toMatch(/[\u4e00-\u9fff]/);
    await store.close().catch(() => undefined);
  });
});
