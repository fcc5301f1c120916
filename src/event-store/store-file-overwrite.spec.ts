import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { closeSync, copyFileSync, mkdtempSync, openSync, readFileSync, rmSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { toGraphqlError } from '../shared/graphql/graphql-error.filter.js';
import { SqliteEventStore } from './sqlite-event-store.js';
import { StoreFileOverwrittenError } from './sqlite-append-writer.js';
import { StoreHealth, StoreUnavailableError } from './store-health.js';
import { readMainFile, overwriteOf, UnreadableMainFile, type HeldStore, type MainFileSight } from './store-file-overwrite.js';

/* breaker9s P5: the store file written over in place under a running server, found by its content. */

const event = (text = 'x') => {
  const id = randomUUID();
  return { id, type: 'NoteWritten', schemaVersion: 1, data: { text }, metadata: { actorId: 'a', actorRole: 'ADMIN' as const, actorUnitId: null, commandId: id, correlationId: id, causationId: id, recordedAt: new Date().toISOString() } };
};
const checkpoint = (path: string) => {
  const db = new Database(path);
  db.pragma('wal_checkpoint(PASSIVE)');
  db.close();
};

describe('Reading the main store file without SQLite (readMainFile)', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'rectify-main-file-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('given a store checkpointed after 300 events, some of them longer than a page: its id, its last position and that event id', async () => {
    const path = join(folder, 'rectify.db');
    const store = new SqliteEventStore(path, { writerThread: false });
    const { storeId } = await store.identify();
    let last = event();
    for (let index = 0; index < 300; index += 1) {
      last = event(index % 7 === 0 || index === 299 ? '很长的说明'.repeat(3000) : `第${index}条`);
      await store.appendToStream(`note-${index}`, [last], { expectedRevision: 'no_stream' });
    }
    checkpoint(path);
    expect(readMainFile(path)).toMatchObject({ wal: true, storeId, head: 300, headEventId: last.id });
    await store.close();
  });

  it('given a file that is not a database, or cut short: unreadable, saying why', () => {
    const text = join(folder, 'notes.txt');
    writeFileSync(text, 'not a database at all, but long enough to hold an SQLite header of one hundred bytes........................');
    expect(() => readMainFile(text)).toThrow(UnreadableMainFile);
    writeFileSync(text, '');
    expect(() => readMainFile(text)).toThrow(/less than an SQLite header/);
  });
});

describe('Judging the main file against what the server holds (overwriteOf)', () => {
  const held: HeldStore = { wal: true, storeId: 'store-a', databaseBytes: 40_960, head: 12, eventIdAt: (position) => `event-${position}` };
  const sight = (overrides: Partial<MainFileSight> = {}): MainFileSight => ({ bytes: 32_768, wal: true, storeId: 'store-a', head: 8, headEventId: 'event-8', ...overrides });

  it('when a checkpoint wrote it (this store, not larger, an event of the log at its head): no overwrite', () => {
    expect(overwriteOf(sight(), held, sight({ head: 4, headEventId: 'event-4' }))).toBeNull();
    expect(overwriteOf(sight({ storeId: null, head: null, headEventId: null, bytes: 4096 }), held, null)).toBeNull();
  });

  it('when larger than the database held: a larger copy', () => {
    expect(overwriteOf(sight({ bytes: 45_056 }), held, null)).toMatchObject({ how: 'larger' });
  });

  it("when another store's, or not in WAL mode (a backup put in place), or unreadable", () => {
    expect(overwriteOf(sight({ storeId: 'store-b' }), held, null)).toMatchObject({ how: 'other-store' });
    expect(overwriteOf(sight({ wal: false }), held, null)).toMatchObject({ how: 'other-history' });
    expect(overwriteOf(new UnreadableMainFile('cut short'), held, null)).toMatchObject({ how: 'unreadable' });
  });

  it('when its log goes past ours, holds another event at its head, or went back from what it held', () => {
    expect(overwriteOf(sight({ head: 13, headEventId: 'event-13' }), held, null)).toMatchObject({ how: 'other-history' });
    expect(overwriteOf(sight({ headEventId: 'training-8' }), held, null)).toMatchObject({ how: 'other-history' });
    expect(overwriteOf(sight({ head: 6, headEventId: 'event-6' }), held, sight())).toMatchObject({ how: 'other-history' });
  });
});

describe('A store whose file is written over in place (cp of a copy over it)', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'rectify-overwrite-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('given a checkpoint by another connection: still present; when a larger copy of it is written over it: replaced, and the next append refused with nothing written', async () => {
    const path = join(folder, 'rectify.db');
    const store = new SqliteEventStore(path, { writerThread: false });
    await store.identify();
    await store.appendToStream('note-1', [event()], { expectedRevision: 'no_stream' });
    checkpoint(path);
    const copy = join(folder, 'training.db');
    copyFileSync(path, copy);
    const training = new SqliteEventStore(copy, { writerThread: false });
    for (let index = 0; index < 20; index += 1) await training.appendToStream(`training-${index}`, [event('培训'.repeat(500))], { expectedRevision: 'no_stream' });
    await training.close();
    await store.appendToStream('note-2', [event()], { expectedRevision: 'no_stream' });
    expect(store.fileState()).toBe('present');

    copyFileSync(copy, path);
    expect(store.fileState()).toBe('replaced');
    expect(store.overwritten()).toMatchObject({ how: 'larger' });
    await expect(store.appendToStream('note-3', [event()], { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(StoreFileOverwrittenError);
    const health = new StoreHealth(store);
    const refusal = health.writeRefusal()!;
    expect(refusal.problem.cause).toBe('STORE_FILE_REPLACED');
    expect(refusal.messageZh).toContain(`运行中事件库文件 ${path} 被原地覆盖（文件被替换/覆盖：该文件比本服务持有的事件库更大）`);
    await store.close();
  });
});

describe('SQLite finding the store damaged, anywhere (breaker9s P5)', () => {
  const corrupt = () => Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' });

  it('is STORE_UNAVAILABLE (STORE_FILE_DAMAGED) for the write or read that met it, and refuses writes from then on', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'rectify-damage-'));
    const store = new SqliteEventStore(join(folder, 'rectify.db'), { writerThread: false });
    const health = new StoreHealth(store);
    expect(health.storeDamaged(new Error('something else'))).toBeNull();
    const refusal = health.storeDamaged(corrupt())!;
    expect(refusal).toBeInstanceOf(StoreUnavailableError);
    expect(refusal.problem.cause).toBe('STORE_FILE_DAMAGED');
    expect(refusal.messageZh).toMatch(/^SQLite 报告事件库文件 .* 已损坏/);
    expect(health.writeRefusal()!.problem.cause).toBe('STORE_FILE_DAMAGED');
    expect(health.noteWriteFailure(Object.assign(new Error('file is not a database'), { code: 'SQLITE_NOTADB' }))!.problem.cause).toBe('STORE_FILE_DAMAGED');
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('is answered STORE_UNAVAILABLE over GraphQL, never a generic "try again", where no store health is at hand', () => {
    const error = toGraphqlError(corrupt(), new Logger('test'), 'Query.findings');
    expect(error.extensions).toMatchObject({ code: 'STORE_UNAVAILABLE', cause: 'STORE_FILE_DAMAGED' });
    expect(error.extensions.messageZh).toContain('事件库文件已损坏');
  });
});

describe('What a server whose store file was written over keeps (breaker9s P5)', () => {
  it('given a store larger than its connection reads from cache and -wal, when a grown copy of it is written over the file: the events are copied row by row, each checked against the chain, all of them', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'rectify-rescue-'));
    const path = join(folder, 'rectify.db');
    const store = new SqliteEventStore(path, { writerThread: false });
    await store.identify();
    // Many events (their ids spread over many index pages): the training copy's appends change pages the live store's later ones do not.
    const first = Array.from({ length: 2000 }, (_, index) => event(`第${index}条记录`));
    const ours = first.map((written) => written.id);
    await store.appendToStream('notes', first, { expectedRevision: 'no_stream' });
    checkpoint(path);
    const copy = join(folder, 'training.db');
    copyFileSync(path, copy);
    const training = new SqliteEventStore(copy, { writerThread: false });
    await training.appendToStream('training', Array.from({ length: 300 }, () => event('培训')), { expectedRevision: 'no_stream' });
    await training.close();
    for (let index = 2000; index < 2005; index += 1) {
      const written = event(`第${index}条`);
      ours.push(written.id);
      await store.appendToStream(`note-${index}`, [written], { expectedRevision: 'no_stream' });
    }
    // A cache of a few pages, holding what was read last (the b-tree's upper pages a read goes through): the rest the
    // connection reads comes from its -wal or from the file, as in a store larger than its cache.
    (store as unknown as { db: Database.Database }).db.pragma('cache_size = 16');
    await store.readAll({});
    await store.headPosition();
    copyFileSync(copy, path);
    expect(store.fileState()).toBe('replaced');

    const held = store.keepWhatIsHeld();
    const outcome = await held.done;
    expect(outcome).toMatchObject({ problems: [], removed: false, rowByRow: { upTo: 2005, head: 2005, stopped: null, tablesCut: [] } });
    const rescued = new Database(held.path, { readonly: true, fileMustExist: true });
    expect(rescued.prepare<[], { event_id: string }>('SELECT event_id FROM events ORDER BY position').all().map((row) => row.event_id)).toEqual(ours);
    expect(rescued.pragma('quick_check', { simple: true })).toBe('ok');
    rescued.close();
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });
});

describe('Reading main files of every page size SQLite writes, with free pages (readMainFile)', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'rectify-page-sizes-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it.each([512, 1024, 8192, 65_536])('given a %i-byte page store with a freelist and an overflowing last row: its id, last position and event id', (pageSize) => {
    const path = join(folder, `store-${pageSize}.db`);
    const db = new Database(path);
    db.pragma(`page_size = ${pageSize}`);
    db.pragma('journal_mode = WAL');
    db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, stream_id TEXT NOT NULL, data TEXT NOT NULL);
             CREATE TABLE store_identity (singleton INTEGER PRIMARY KEY CHECK (singleton = 1), store_id TEXT NOT NULL, created_at TEXT NOT NULL);
             CREATE TABLE scratch (text TEXT);`);
    db.prepare("INSERT INTO store_identity VALUES (1, 'store-x', '2026-12-03T00:00:00Z')").run();
    const insert = db.prepare('INSERT INTO events (event_id, stream_id, data) VALUES (?, ?, ?)');
    let last = '';
    for (let index = 0; index < 400; index += 1) {
      last = randomUUID();
      insert.run(last, `s-${index}`, index === 399 ? '最后'.repeat(40_000) : `第${index}条`);
    }
    // Free pages: a table filled, then emptied and dropped.
    const scratch = db.prepare('INSERT INTO scratch VALUES (?)');
    for (let index = 0; index < 200; index += 1) scratch.run('废'.repeat(500));
    db.exec('DROP TABLE scratch');
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(db.pragma('freelist_count', { simple: true })).toBeGreaterThan(0);
    expect(readMainFile(path)).toMatchObject({ wal: true, storeId: 'store-x', head: 400, headEventId: last });
    db.close();
  });
});

/**
 * A checkpoint cut short after the pages up to `upTo` (as the disk filling up at a server's stop left it, breaker9u P3):
 * `main` and `wal` copied to `into`, then the newest committed frame of every page numbered up to `upTo` written into the
 * main file — SQLite's checkpoint writes them in page order; pages past them stay old, or past the file's end.
 */
const checkpointCutShort = (main: string, wal: string, into: string, upTo: number) => {
  copyFileSync(main, into);
  copyFileSync(wal, `${into}-wal`);
  const log = readFileSync(wal);
  const pageSize = log.readUInt32BE(8);
  const salts = log.subarray(16, 24);
  const newest = new Map<number, Buffer>();
  let pending = new Map<number, Buffer>();
  for (let at = 32; at + 24 + pageSize <= log.length; at += 24 + pageSize) {
    if (!log.subarray(at + 8, at + 16).equals(salts)) break;
    pending.set(log.readUInt32BE(at), log.subarray(at + 24, at + 24 + pageSize));
    // A commit frame (the database's size after it, non-zero) makes the frames before it count.
    if (log.readUInt32BE(at + 4) !== 0) {
      for (const [page, content] of pending) newest.set(page, content);
      pending = new Map();
    }
  }
  const fd = openSync(into, 'r+');
  try {
    for (const page of [...newest.keys()].sort((a, b) => a - b)) {
      if (page <= upTo) writeSync(fd, newest.get(page)!, 0, pageSize, (page - 1) * pageSize);
    }
  } finally {
    closeSync(fd);
  }
};

describe('A main file a checkpoint was cut short in (breaker9u P3)', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'rectify-cut-checkpoint-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  /** A store whose events are all still in its -wal (no checkpoint yet), copied with it while open; its event ids. */
  const storeInItsWal = async () => {
    const live = join(folder, 'live.db');
    const store = new SqliteEventStore(live, { writerThread: false });
    await store.identify();
    const written = Array.from({ length: 200 }, (_, index) => event(index % 20 === 0 ? '较长的说明'.repeat(400) : `第${index}条`));
    for (const [index, one] of written.entries()) await store.appendToStream(`note-${index}`, [one], { expectedRevision: 'no_stream' });
    return { live, store, ids: written.map((one) => one.id) };
  };

  it('given a file holding the -wal\'s first pages only (b-tree pages pointing past its end): SQLite reads it soundly, so it is not "written over" — health present, the next append written, every event read', async () => {
    const { live, store: original, ids } = await storeInItsWal();
    const path = join(folder, 'rectify.db');
    checkpointCutShort(live, `${live}-wal`, path, 2);
    await original.close();
    // The file read alone is the one breaker9u's restart met: a b-tree points at a page past its end.
    expect(() => readMainFile(path)).toThrow(/past the file's end|no table b-tree page/);

    const store = new SqliteEventStore(path, { writerThread: false });
    expect(store.overwritten()).toBeNull();
    expect(store.fileState()).toBe('present');
    const health = new StoreHealth(store);
    expect(health.writeRefusal()).toBeNull();
    const next = event('之后');
    await store.appendToStream('note-next', [next], { expectedRevision: 'no_stream' });
    expect(store.fileState()).toBe('present');
    expect((await store.readAll()).map((read) => read.id)).toEqual([...ids, next.id]);
    await store.close();
  });

  it('given the same file with its header put out of WAL mode, or cut below what its -wal reaches: still caught', async () => {
    const { live, store: original } = await storeInItsWal();
    const outOfWal = join(folder, 'out-of-wal.db');
    checkpointCutShort(live, `${live}-wal`, outOfWal, 2);
    const cut = join(folder, 'cut.db');
    // Checkpointed whole, then one more event: the file holds pages the -wal does not, and it is cut below them.
    checkpoint(live);
    await original.appendToStream('note-last', [event()], { expectedRevision: 'no_stream' });
    checkpointCutShort(live, `${live}-wal`, cut, 0);
    await original.close();

    const store = new SqliteEventStore(outOfWal, { writerThread: false });
    // Bytes 18–19: file format versions 1 (rollback journal), as a backup put in place has them.
    const fd = openSync(outOfWal, 'r+');
    writeSync(fd, Buffer.from([1, 1]), 0, 2, 18);
    closeSync(fd);
    // Judged on the file alone (SQLite reads page 1 from the -wal and would find nothing amiss).
    expect(store.overwritten()).toMatchObject({ how: 'unreadable', detail: expect.stringContaining("past the file's end") });
    await store.close();

    const second = new SqliteEventStore(cut, { writerThread: false });
    expect(second.overwritten()).toBeNull();
    truncateSync(cut, 8192);
    expect(second.overwritten()).not.toBeNull();
    await second.close();
  });
});

describe('What the refusal says of the rescued copy, once it is made (breaker9u P2)', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'rectify-copy-reach-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('given a store file cut short under the server: while the copy is made, not to put it in place; once made, how far it reaches of the events held, and to restore a backup rather than put it in place', async () => {
    const path = join(folder, 'rectify.db');
    const store = new SqliteEventStore(path, { writerThread: false });
    await store.identify();
    await store.appendToStream('notes', Array.from({ length: 300 }, (_, index) => event(`第${index}条记录，`.repeat(30))), { expectedRevision: 'no_stream' });
    const db = (store as unknown as { db: Database.Database }).db;
    db.pragma('wal_checkpoint(TRUNCATE)');
    await store.appendToStream('note-last', [event()], { expectedRevision: 'no_stream' });
    // Pages past the cut are neither in the -wal nor, with a cache this small, in the connection's cache.
    db.pragma('cache_size = 4');
    await store.readAll({ maxCount: 1 });
    truncateSync(path, 65_536);

    const health = new StoreHealth(store);
    const copying = health.writeRefusal()!;
    expect(copying.problem.cause).toBe('STORE_FILE_REPLACED');
    expect(copying.messageZh).toContain('被原地覆盖');
    expect(copying.messageZh).toContain('磁盘工具截断了它');
    expect(copying.messageZh).toContain('在此之前请勿用它替换事件库');
    expect(copying.messageZh).not.toContain('含最新确认写入的事件');
    const copy = store.keepWhatIsHeld();
    const outcome = await copy.done;
    await new Promise((resolve) => setImmediate(resolve));
    expect(outcome).toMatchObject({ removed: false, rowByRow: { head: 301 } });
    const upTo = (outcome as { rowByRow: { upTo: number } }).rowByRow.upTo;
    expect(upTo).toBeLessThan(301);

    const done = health.writeRefusal()!;
    expect(done.messageZh).toContain(`本服务持有的 301 个事件中只有 1–${upTo} 复制到了 ${copy.path}`);
    expect(done.messageZh).toContain(`位置 ${upTo} 之后已确认写入的 ${301 - upTo} 个事件不在任何副本中`);
    expect(done.messageZh).toContain('请从最新的备份（npm run store:backup 所做）恢复事件库——应包含到位置 301');
    expect(done.messageZh).toContain(`请勿用 ${copy.path} 替换整个事件库`);
    expect(done.messageZh).not.toContain('然后用副本替换它');
    expect(done.message).toContain(`Only events 1–${upTo} of the 301 this server holds could be copied to ${copy.path}`);
    await store.close();
  });
});
