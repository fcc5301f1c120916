import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LogShortenedError } from '../../src/event-store/sqlite-append-writer.js';
import { ReadOnlyStoreError, SqliteEventStore, StoreNotUpgradedError } from '../../src/event-store/sqlite-event-store.js';
import { StoredEvent, type EventToAppend } from '../../src/event-store/event-store.port.js';
import { StoreHealth } from '../../src/event-store/store-health.js';
import { eventStoreContract } from './event-store.contract.js';

const freshPath = () => join(mkdtempSync(join(tmpdir(), 'rectify-store-')), 'events.db');

eventStoreContract('SQLite', () => Promise.resolve(new SqliteEventStore(freshPath())));

/** Runs a script in a separate Node process that appends through the compiled adapter. */
function appendFromAnotherProcess(path: string, streamId: string, options: { thenHang?: boolean } = {}) {
  const adapter = join(process.cwd(), 'dist/event-store/sqlite-event-store.js');
  const script = `
    const { SqliteEventStore } = await import(${JSON.stringify(adapter)});
    const store = new SqliteEventStore(${JSON.stringify(path)});
    const metadata = { actorId: 'cli', actorRole: 'ADMIN', actorUnitId: null, commandId: 'c', correlationId: 'c', causationId: 'c', recordedAt: new Date().toISOString() };
    await store.appendToStream(${JSON.stringify(streamId)}, [{ id: crypto.randomUUID(), type: 'UnitRegistered', schemaVersion: 1, data: { name: '市财政局' }, metadata }], { expectedRevision: 'no_stream' });
    process.stdout.write('appended\\n');
    ${options.thenHang ? 'setInterval(() => {}, 1000);' : 'await store.close();'}
  `;
  return spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
}

const untilOutput = (child: ReturnType<typeof spawn>, text: string) =>
  new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes(text) && resolve());
    child.on('exit', (code) => code !== 0 && code !== null && reject(new Error(`child exited with ${code}`)));
  });

describe('SQLite event store on disk', () => {
  // breaker9y P1: an acknowledged event deleted from the middle of the log; a retry of its request was answered "done".
  it('refuses to answer a request as recorded when the event its index row names was deleted from the file', async () => {
    const path = freshPath();
    const store = new SqliteEventStore(path);
    const metadata = { actorId: 'u', actorRole: 'SUPERVISOR' as const, actorUnitId: null, commandId: 'c', correlationId: 'c', causationId: 'c', recordedAt: '2026-05-12T01:00:00.000Z' };
    const urge = (n: number) => ({ id: randomUUID(), type: 'UnitUrged', schemaVersion: 1, data: { message: `第${n}次` }, metadata: { ...metadata, commandId: `c${n}` } });
    for (const n of [1, 2, 3]) await store.appendToStream('finding-a', [urge(n)], { expectedRevision: n === 1 ? 'no_stream' : n - 2, request: { key: `k${n}`, commandId: `c${n}`, digest: `d${n}` } });
    expect(await store.findRequest('k2')).toMatchObject({ streamId: 'finding-a', position: { commit: 2n } });
    const other = new Database(path);
    other.prepare('DELETE FROM events WHERE position = 2').run();
    other.close();
    await expect(store.findRequest('k2')).rejects.toMatchObject({ name: 'AlteredRowError', messageZh: expect.stringContaining('请求索引所指的位置 2 的事件已不在台账中') });
    // The requests whose events are there are answered as before.
    expect(await store.findRequest('k3')).toMatchObject({ position: { commit: 3n } });
    await store.close();
  });

  describe('a log altered under it (breaker9y P1, P7)', () => {
    const metadata = { actorId: 'u', actorRole: 'SUPERVISOR' as const, actorUnitId: null, commandId: 'c', correlationId: 'c', causationId: 'c', recordedAt: '2026-05-12T01:00:00.000Z' };
    const urge = (n: number) => ({ id: randomUUID(), type: 'UnitUrged', schemaVersion: 1, data: { message: `第${n}次` }, metadata: { ...metadata, commandId: `c${n}` } });
    /** Given a store whose log holds finding-a's urges at positions 1, 3, 5 and finding-b's at 2, 4, 6. */
    async function givenTwoStreams() {
      const path = freshPath();
      const store = new SqliteEventStore(path);
      for (let n = 0; n < 3; n += 1) {
        await store.appendToStream('finding-a', [urge(2 * n + 1)], { expectedRevision: n === 0 ? 'no_stream' : n - 1 });
        await store.appendToStream('finding-b', [urge(2 * n + 2)], { expectedRevision: n === 0 ? 'no_stream' : n - 1 });
      }
      return { path, store, edit: (sql: string) => { const other = new Database(path); other.exec(sql); other.close(); } };
    }

    it('when a row of a stream is deleted from the middle of the log, then a read of that stream fails naming the row after the gap — no history one record short, no decision on the cut stream; other streams read as before', async () => {
      const { store, edit } = await givenTwoStreams();
      edit('DELETE FROM events WHERE position = 3');
      await expect(store.readStream('finding-a')).rejects.toMatchObject({
        name: 'AlteredRowError',
        position: '5',
        message: expect.stringContaining('the events of its stream before it (revision 1) are missing: they were deleted from the log'),
        messageZh: expect.stringContaining('其所属记录中在它之前的第 2 条记录缺失：已从日志中删除'),
      });
      // A read from a revision past the gap starts at the row it asked for: the gap is before it.
      await expect(store.readStream('finding-a', { fromRevision: 1 })).rejects.toMatchObject({ position: '5' });
      expect((await store.readStream('finding-b')).map((event) => event.revision)).toEqual([0, 1, 2]);
      await store.close();
    });

    it('when two rows of a stream exchange their positions, then a read of that stream fails: the later revision stands lower in the log', async () => {
      const { store, edit } = await givenTwoStreams();
      edit('UPDATE events SET position = -1 WHERE position = 1; UPDATE events SET position = 1 WHERE position = 3; UPDATE events SET position = 3 WHERE position = -1;');
      await expect(store.readStream('finding-a')).rejects.toMatchObject({ name: 'AlteredRowError', message: expect.stringContaining('it stands at a lower position than the event of its stream before it (position 3): events were moved in the log') });
      await store.close();
    });

    it('when a row is deleted under the running store, then the next look at its health notes it LOG_ALTERED naming the missing position, and writes are refused', async () => {
      const { store, edit } = await givenTwoStreams();
      const health = new StoreHealth(store);
      expect(health.writeRefusal()).toBeNull();
      edit('DELETE FROM events WHERE position = 4');
      // Counted again at most once a second (see the next case): wait for the condition, under the suite's ceiling.
      let refusal = health.writeRefusal();
      while (!refusal) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        refusal = health.writeRefusal();
      }
      expect(refusal?.problem.cause).toBe('LOG_ALTERED');
      expect(refusal?.message).toContain('The event at position 5 (UnitUrged) cannot be trusted: the events at position 4 before it are missing (1 in all below the head): they were deleted from the log');
      expect(refusal?.messageZh).toContain('位置 5 的事件（UnitUrged）不可信：其前位置 4 的事件缺失');
      await store.close();
    });

    it('when nothing was deleted, then the positions are counted again only once the file changed, and no sooner than a second after the last count', async () => {
      const { store, edit } = await givenTwoStreams();
      expect(store.holesNow(1_000_000)).toBeNull();
      edit('DELETE FROM events WHERE position = 2');
      // Changed, but counted a moment ago: not yet.
      expect(store.holesNow(1_000_500)).toBeNull();
      expect(store.holesNow(1_001_000)).toMatchObject({ position: 3, type: 'UnitUrged' });
      await store.close();
    });
  });

  it('takes no claim from a unique_claims row that no append wrote: a holder stream without events holds nothing (breaker9s P2)', async () => {
    const path = freshPath();
    const store = new SqliteEventStore(path);
    const metadata = { actorId: 'a', actorRole: 'ADMIN' as const, actorUnitId: null, commandId: 'c', correlationId: 'c', causationId: 'c', recordedAt: new Date().toISOString() };
    const named = (id: string): EventToAppend[] => [{ id, type: 'UnitRegistered', schemaVersion: 1, data: { name: '市财政局' }, metadata }];
    await store.appendToStream('unit-real', named(randomUUID()), { expectedRevision: 'no_stream', claims: [{ scope: 'unit-name', value: '市教育局' }] });
    // Rows typed in by hand: one for a stream that never existed, one for a real stream under a value it never claimed.
    const forger = new Database(path);
    forger.prepare('INSERT INTO unique_claims (scope, value, stream_id) VALUES (?, ?, ?)').run('unit-name', '市财政局', 'unit-never-written');
    forger.close();
    await expect(store.appendToStream('unit-new', named(randomUUID()), { expectedRevision: 'no_stream', claims: [{ scope: 'unit-name', value: '市财政局' }] })).resolves.toMatchObject({ nextRevision: 0 });
    // The real holder still holds its own value.
    await expect(store.appendToStream('unit-other', named(randomUUID()), { expectedRevision: 'no_stream', claims: [{ scope: 'unit-name', value: '市教育局' }] })).rejects.toMatchObject({ holder: 'unit-real' });
    const reader = new Database(path, { readonly: true });
    expect(reader.prepare("SELECT stream_id FROM unique_claims WHERE value = '市财政局'").get()).toEqual({ stream_id: 'unit-new' });
    reader.close();
    await store.close();
  });

  it('opens the file in WAL mode with synchronous=FULL', async () => {
    const path = freshPath();
    const store = new SqliteEventStore(path);
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    await store.close();
  });

  it('notices, within a second, events appended by another process', async () => {
    const path = freshPath();
    const store = new SqliteEventStore(path);
    const subscription = store.subscribeToAll();
    const iterator = subscription[Symbol.asyncIterator]();
    const next = iterator.next();
    const child = appendFromAnotherProcess(path, 'unit-from-cli');
    await untilOutput(child, 'appended');
    const appendedAt = Date.now();
    const { value } = (await next) as IteratorResult<StoredEvent>;
    expect(Date.now() - appendedAt).toBeLessThan(1000);
    expect(value.streamId).toBe('unit-from-cli');
    expect(value.data).toEqual({ name: '市财政局' });
    await subscription.unsubscribe();
    await store.close();
  });

  it('keeps an acknowledged append after its process is killed with SIGKILL', async () => {
    const path = freshPath();
    const child = appendFromAnotherProcess(path, 'survives-kill', { thenHang: true });
    await untilOutput(child, 'appended');
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));

    const store = new SqliteEventStore(path);
    expect((await store.readStream('survives-kill')).map((e) => e.type)).toEqual(['UnitRegistered']);
    await store.close();
  });
});

/** Issue 9 (second breaker, 7): a log cut back under a running store never has a position given twice. */
// breaker12h P2: a request waits for the read models to take what other processes appended, not this process's own appends
// (each answered only once projected): the store tells its own rows apart.
describe('SQLite event store telling its own appends from another connection\'s', () => {
  const metadata = { actorId: 'a', actorRole: 'ADMIN' as const, actorUnitId: null, commandId: 'c', correlationId: 'c', causationId: 'c', recordedAt: '2026-12-01T08:00:00.000Z' };
  const events = (count: number) => Array.from({ length: count }, () => ({ id: randomUUID(), type: 'UnitRegistered', schemaVersion: 1, data: { name: '市财政局' }, metadata }));
  const position = (commit: number) => ({ commit: BigInt(commit), prepare: BigInt(commit) });

  it('names the newest row another connection appended, and none when every row after the one given is its own', async () => {
    const path = freshPath();
    const server = new SqliteEventStore(path);
    const tool = new SqliteEventStore(path);
    await server.appendToStream('s-1', events(3), { expectedRevision: 'no_stream' }); // 1–3
    await server.appendToStream('s-2', events(2), { expectedRevision: 'no_stream' }); // 4–5, joined to 1–3
    await tool.appendToStream('t-1', events(1), { expectedRevision: 'no_stream' }); // 6
    await server.appendToStreams([{ streamId: 's-3', events: events(2), options: { expectedRevision: 'no_stream' } }, { streamId: 's-4', events: events(2), options: { expectedRevision: 'no_stream' } }]); // 7–10
    expect(server.lastForeignPosition(null, position(10))).toEqual(position(6));
    expect(server.lastForeignPosition(position(6), position(10))).toBeNull();
    expect(server.lastForeignPosition(null, position(5))).toBeNull();
    expect(server.lastForeignPosition(position(2), position(6))).toEqual(position(6));
    expect(tool.lastForeignPosition(null, position(10))).toEqual(position(10));
    expect(tool.lastForeignPosition(position(2), position(5))).toEqual(position(5));
    expect(tool.lastForeignPosition(position(6), position(6))).toBeNull();
    await tool.close();
    await server.close();
  });
});

describe('SQLite event store whose log is cut back behind its back', () => {
  const metadata = { actorId: 'a', actorRole: 'ADMIN', actorUnitId: null, commandId: 'c', correlationId: 'c', causationId: 'c', recordedAt: '2026-11-30T01:00:00.000Z' } as const;
  const append = (store: SqliteEventStore, streamId: string) =>
    store.appendToStream(streamId, [{ id: crypto.randomUUID(), type: 'UnitRegistered', schemaVersion: 1, data: { name: streamId }, metadata }], { expectedRevision: 'no_stream' });

  it.each([
    ['on the caller\'s thread', false as const],
    ['on the writer thread', pathToFileURL(join(process.cwd(), 'dist/event-store/sqlite-writer.worker.js'))],
  ])('refuses the next append, %s, before it lands at a position already given, and says where the log ends', async (_, writerThread) => {
    const path = freshPath();
    const store = new SqliteEventStore(path, { writerThread });
    for (const stream of ['unit-1', 'unit-2', 'unit-3', 'unit-4']) await append(store, stream);
    expect(store.logShortened()).toBeNull();
    // Another hand deletes the newest two events and lowers SQLite's numbering, so that the next
    // insert would take position 3 again.
    const other = new Database(path);
    other.exec("DELETE FROM events WHERE position > 2; UPDATE sqlite_sequence SET seq = 2 WHERE name = 'events';");
    other.close();

    expect(store.logShortened()).toEqual({ head: 2, seen: 4 });
    const refused = await append(store, 'unit-5').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(LogShortenedError);
    expect(refused).toMatchObject({ head: 2, seen: 4 });
    const check = new Database(path, { readonly: true });
    expect(check.prepare('SELECT MAX(position) AS head, COUNT(*) AS count FROM events').get()).toEqual({ head: 2, count: 2 });
    check.close();
    await store.close();
  });
});

/**
 * breaker9j P2: README's restore (the backup's file over the store's, its -wal and -shm removed) done
 * while a server still runs on the file. Closing that server's connection used to checkpoint its old
 * -wal into the restored file: malformed with two servers, silently undone with one.
 */
describe('SQLite event store whose file is restored from a backup under it', () => {
  const metadata = { actorId: 'a', actorRole: 'ADMIN', actorUnitId: null, commandId: 'c', correlationId: 'c', causationId: 'c', recordedAt: '2026-12-01T09:00:00.000Z' } as const;
  const append = (store: SqliteEventStore, streamId: string) =>
    store.appendToStream(streamId, [{ id: crypto.randomUUID(), type: 'UnitRegistered', schemaVersion: 1, data: { name: streamId.repeat(200) }, metadata }], { expectedRevision: 'no_stream' });
  const eventsIn = (path: string) => {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return { quickCheck: db.pragma('quick_check', { simple: true }) as string, count: (db.prepare('SELECT COUNT(*) AS count FROM events').get() as { count: number }).count };
    } finally {
      db.close();
    }
  };

  it.each([
    ["on the caller's thread", false as const],
    ['with a writer thread', pathToFileURL(join(process.cwd(), 'dist/event-store/sqlite-writer.worker.js'))],
  ])('writes nothing into the restored file when it closes (%s), and keeps what it held in a copy beside it', async (_, writerThread) => {
    const path = freshPath();
    const store = new SqliteEventStore(path, { writerThread });
    for (const stream of ['unit-1', 'unit-2', 'unit-3']) await append(store, stream);
    const other = new Database(path);
    other.pragma('wal_checkpoint(TRUNCATE)');
    other.close();
    const backup = `${path}.backup`;
    copyFileSync(path, backup);
    // Acknowledged after the backup: in the store's -wal only.
    for (const stream of ['unit-4', 'unit-5', 'unit-6', 'unit-7', 'unit-8']) await append(store, stream);
    copyFileSync(backup, path);
    for (const file of [`${path}-wal`, `${path}-shm`]) rmSync(file);
    const restored = readFileSync(path);
    expect(store.detachedFromPath()).toBe(true);

    await store.close();

    expect(readFileSync(path).equals(restored)).toBe(true);
    // Read from a copy of its bytes: this process still holds the old connection on the file.
    copyFileSync(path, `${path}.as-restored`);
    expect(eventsIn(`${path}.as-restored`)).toEqual({ quickCheck: 'ok', count: 3 });
    const copies = readdirSync(dirname(path)).filter((name) => name.startsWith('events.db.rescued-'));
    expect(copies).toHaveLength(1);
    expect(eventsIn(join(dirname(path), copies[0]!))).toEqual({ quickCheck: 'ok', count: 8 });
  });

  // breaker9k P1: the same restore done with `cp` over the live file (the same inode) and its -wal left where it was.
  it.each([
    ["on the caller's thread", false as const],
    ['with a writer thread', pathToFileURL(join(process.cwd(), 'dist/event-store/sqlite-writer.worker.js'))],
  ])('notices an older copy written over its file in place with its -wal left (%s): nothing more written into it, its -wal moved aside', async (_, writerThread) => {
    const path = freshPath();
    const store = new SqliteEventStore(path, { writerThread });
    for (const stream of ['unit-1', 'unit-2', 'unit-3']) await append(store, stream);
    const checkpoint = () => {
      const other = new Database(path);
      other.pragma('wal_checkpoint(PASSIVE)');
      other.close();
    };
    checkpoint();
    const backup = `${path}.backup`;
    copyFileSync(path, backup);
    // Newer events, checkpointed into the file (as SQLite does every 1000 pages of -wal), then more in the -wal only.
    for (let unit = 4; unit <= 40; unit += 1) await append(store, `unit-${unit}`);
    checkpoint();
    for (let unit = 41; unit <= 45; unit += 1) await append(store, `unit-${unit}`);
    expect(store.detachedFromPath()).toBe(false);
    copyFileSync(backup, path);
    const restored = readFileSync(path);
    expect(store.fileState()).toBe('replaced');
    expect(store.detachedFromPath()).toBe(true);

    await store.close();

    expect(readFileSync(path).equals(restored)).toBe(true);
    expect(readdirSync(dirname(path)).filter((name) => name === 'events.db-wal' || name === 'events.db-shm')).toEqual([]);
    copyFileSync(path, `${path}.as-restored`);
    expect(eventsIn(`${path}.as-restored`)).toEqual({ quickCheck: 'ok', count: 3 });
  });

  // breaker9l P5: a backup renamed over the store (mv, rsync) under a running server, its -wal and -shm left: a second server
  // or a tool opening the path meanwhile read that -wal over the restored file, said `ready` at the old head and wrote into it.
  it('moves its -wal and -shm away from the path as soon as it notices its file renamed over, so that the next connection reads the restored file alone', async () => {
    const path = freshPath();
    const store = new SqliteEventStore(path);
    for (const stream of ['unit-1', 'unit-2', 'unit-3']) await append(store, stream);
    const other = new Database(path);
    other.pragma('wal_checkpoint(TRUNCATE)');
    other.close();
    copyFileSync(path, `${path}.backup`);
    for (const stream of ['unit-4', 'unit-5']) await append(store, stream);
    copyFileSync(`${path}.backup`, `${path}.new`);
    renameSync(`${path}.new`, path);

    expect(new StoreHealth(store).storeDetached()).toBe(true);

    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(existsSync(`${path}-shm`)).toBe(false);
    const next = new Database(path);
    expect((next.prepare('SELECT COUNT(*) AS count FROM events').get() as { count: number }).count).toBe(3);
    next.close();
    await store.close();
    const names = readdirSync(dirname(path));
    expect(names.filter((name) => name.endsWith('-old-wal'))).toHaveLength(1);
    expect(eventsIn(join(dirname(path), names.find((name) => name.startsWith('events.db.rescued-') && name.endsWith('.db'))!))).toEqual({ quickCheck: 'ok', count: 5 });
  });

  // breaker9k P8: the store reached through a symbolic link (data moved to a bigger disk): SQLite keeps its -wal and -shm beside the real file.
  it('notices the restore through a symbolic link to its file, the -wal and -shm removed beside the real file', async () => {
    const real = freshPath();
    const link = join(mkdtempSync(join(tmpdir(), 'rectify-link-')), 'events.db');
    symlinkSync(real, link);
    const store = new SqliteEventStore(link);
    for (const stream of ['unit-1', 'unit-2', 'unit-3']) await append(store, stream);
    const other = new Database(real);
    other.pragma('wal_checkpoint(TRUNCATE)');
    other.close();
    copyFileSync(real, `${real}.backup`);
    for (const stream of ['unit-4', 'unit-5']) await append(store, stream);
    expect(store.detachedFromPath()).toBe(false);
    copyFileSync(`${real}.backup`, link);
    for (const file of [`${real}-wal`, `${real}-shm`]) rmSync(file);
    const restored = readFileSync(real);
    expect(store.detachedFromPath()).toBe(true);
    await store.close();
    expect(readFileSync(real).equals(restored)).toBe(true);
  });

  // breaker9k P6: the -shm removed (README's restore step, a cleanup script): the next process would build a second WAL index.
  it('notices its -shm removed under it', async () => {
    const path = freshPath();
    const store = new SqliteEventStore(path);
    await append(store, 'unit-1');
    expect(store.fileState()).toBe('present');
    rmSync(`${path}-shm`);
    expect(store.fileState()).toBe('missing');
    expect(store.detachedFromPath()).toBe(true);
    await store.close();
  });

  it('closes as before while its file is the one it opened: the -wal checkpointed into it, no copy made', async () => {
    const path = freshPath();
    const store = new SqliteEventStore(path);
    for (const stream of ['unit-1', 'unit-2']) await append(store, stream);
    expect(store.detachedFromPath()).toBe(false);
    await store.close();
    expect(readdirSync(dirname(path))).toEqual(['events.db']);
    expect(eventsIn(path)).toEqual({ quickCheck: 'ok', count: 2 });
  });
});

// breaker9d P4: a tool that only reads (ledger:export) must never write the file nor checkpoint its -wal.
describe('SQLite event store opened to read only', () => {
  const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

  it('reads what a crashed writer left in the -wal, refuses every write, and leaves the .db and the -wal byte for byte', async () => {
    const path = freshPath();
    const writer = appendFromAnotherProcess(path, 'unit-1', { thenHang: true });
    await untilOutput(writer, 'appended');
    const exited = new Promise((resolve) => writer.once('exit', resolve));
    writer.kill('SIGKILL');
    await exited;
    const before = { db: digest(path), wal: digest(`${path}-wal`) };
    expect(readFileSync(`${path}-wal`).length).toBeGreaterThan(0);

    const store = new SqliteEventStore(path, { readOnly: true });
    expect((await store.readAll()).map((event) => event.streamId)).toEqual(['unit-1']);
    await expect(store.appendToStream('unit-2', [], { expectedRevision: 'no_stream' })).rejects.toThrow();
    const metadata = { actorId: 'cli', actorRole: 'ADMIN' as const, actorUnitId: null, commandId: 'c', correlationId: 'c', causationId: 'c', recordedAt: new Date().toISOString() };
    await expect(
      store.appendToStream('unit-2', [{ id: 'e2', type: 'UnitRegistered', schemaVersion: 1, data: { name: '市教育局' }, metadata }], { expectedRevision: 'no_stream' }),
    ).rejects.toBeInstanceOf(ReadOnlyStoreError);
    await expect(store.reserveRequest('unit-2', { key: 'k', commandId: 'c', digest: 'd' })).rejects.toBeInstanceOf(ReadOnlyStoreError);
    expect(() => store.sealRows(Buffer.alloc(32), true)).toThrow(ReadOnlyStoreError);
    await store.close();
    expect({ db: digest(path), wal: digest(`${path}-wal`) }).toEqual(before);
  });

  it('refuses a file an older version wrote, not yet upgraded, and changes nothing in it', () => {
    const path = freshPath();
    const old = new Database(path);
    old.exec('CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, stream_id TEXT NOT NULL, revision INTEGER NOT NULL, type TEXT NOT NULL, schema_version INTEGER NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, recorded_at TEXT NOT NULL)');
    old.close();
    const before = digest(path);
    expect(() => new SqliteEventStore(path, { readOnly: true })).toThrow(StoreNotUpgradedError);
    expect(digest(path)).toBe(before);
  });
});
