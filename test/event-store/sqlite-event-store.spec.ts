import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store.js';
import { StoredEvent } from '../../src/event-store/event-store.port.js';
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
