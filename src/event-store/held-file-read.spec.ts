import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ownLocksOn } from '../shared/testing/own-locks.js';
import { readHeldFile } from './held-file-read.js';
import { SqliteEventStore } from './sqlite-event-store.js';
import { readMainFile } from './store-file-overwrite.js';
import { judgeStrayWal } from './stray-wal.js';

/* breaker9u P1: the server's own reads of its store file never drop SQLite's lock on it. */

const event = () => {
  const id = randomUUID();
  return { id, type: 'NoteWritten', schemaVersion: 1, data: { text: 'x' }, metadata: { actorId: 'a', actorRole: 'ADMIN' as const, actorUnitId: null, commandId: id, correlationId: id, causationId: id, recordedAt: new Date().toISOString() } };
};


/** What the sqlite3 shell does to the file from another process: a read-write connection, one SELECT, closed. */
const readInAnotherProcess = (path: string) =>
  execFileSync(
    process.execPath,
    ['-e', "const D = require('better-sqlite3'); const db = new D(process.argv[1], { fileMustExist: true }); db.prepare('SELECT count(*) FROM events').get(); db.close();", path],
    { cwd: process.cwd() },
  );

const linux = existsSync('/proc/locks') && existsSync('/proc/self/fd');

(linux ? describe : describe.skip)('Reading a store file SQLite holds in this process (readHeldFile, breaker9u P1)', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'rectify-held-read-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('given an open store: the overwrite check, the health look and the stray -wal look leave SQLite its lock on the file, and another process closing its connection leaves the -wal in place', async () => {
    const path = join(folder, 'rectify.db');
    const store = new SqliteEventStore(path, { writerThread: false });
    await store.identify();
    await store.appendToStream('note-1', [event()], { expectedRevision: 'no_stream' });
    await store.readAll();
    expect(ownLocksOn(path).length).toBeGreaterThan(0);

    expect(readMainFile(path).wal).toBe(true);
    expect(store.fileState()).toBe('present');
    expect(judgeStrayWal(path, [])).toBeNull();
    await store.appendToStream('note-2', [event()], { expectedRevision: 'no_stream' });
    expect(ownLocksOn(path).length).toBeGreaterThan(0);

    readInAnotherProcess(path);
    expect(existsSync(`${path}-wal`)).toBe(true);
    expect(store.fileState()).toBe('present');
    await store.appendToStream('note-3', [event()], { expectedRevision: 'no_stream' });
    expect((await store.readAll()).map((read) => read.streamId)).toEqual(['note-1', 'note-2', 'note-3']);
    await store.close();
  });

  it('given a file no descriptor of this process has open: read, and no descriptor of it left open', () => {
    const path = join(folder, 'plain.txt');
    writeFileSync(path, 'SQLite format 3\0 and more');
    const before = new Set(readdirOfFds());
    const read = readHeldFile(path, (fd, bytes) => {
      const buffer = Buffer.alloc(6);
      readSync(fd, buffer, 0, 6, 0);
      return { text: buffer.toString('latin1'), bytes };
    });
    expect(read).toEqual({ text: 'SQLite', bytes: 25 });
    expect(readdirOfFds().filter((fd) => !before.has(fd))).toEqual([]);
  });
});

const readdirOfFds = () => readdirSync('/proc/self/fd');
