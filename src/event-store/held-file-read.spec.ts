import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ownLocksOn } from '../shared/testing/own-locks.js';
import { copyHeldFile, readHeldFile } from './held-file-read.js';
import { headOfDbAlone } from './sqlite-store-inspection.js';
import { rebuildAcknowledged } from './wal-rescue.js';
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

/** A store at `<folder>/rectify.db`, open in this process (no writer thread), holding one note read back: SQLite holds its locks on the file. */
async function openStoreWithOneNote(folder: string): Promise<{ path: string; store: SqliteEventStore }> {
  const path = join(folder, 'rectify.db');
  const store = new SqliteEventStore(path, { writerThread: false });
  await store.identify();
  await store.appendToStream('note-1', [event()], { expectedRevision: 'no_stream' });
  await store.readAll();
  return { path, store };
}

const linux = existsSync('/proc/locks') && existsSync('/proc/self/fd');

(linux ? describe : describe.skip)('Reading a store file SQLite holds in this process (readHeldFile, breaker9u P1)', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'rectify-held-read-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('given an open store: the overwrite check, the health look and the stray -wal look leave SQLite its lock on the file, and another process closing its connection leaves the -wal in place', async () => {
    const { path, store } = await openStoreWithOneNote(folder);
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

  /*
   * s9 (the SIGBUS kind of newcomer46-10 S4, on the .db): the rescue's copy of the main file (`copyFromMainFileAndHeld`), the copy
   * of the store as found (`rebuildAcknowledged`), ledger:verify's closed copy and the look at the .db alone (`headOfDbAlone`,
   * a refusal's -wal note) opened and closed a descriptor of their own on the .db while a connection of this process held it —
   * every fcntl lock of the process on it gone. Each is made here with a store open; its lock on the file must still be there.
   */
  it('given an open store: copying its file, rebuilding it as found and reading the .db alone leave SQLite its locks on the file', async () => {
    const { path, store } = await openStoreWithOneNote(folder);
    const locks = ownLocksOn(path).length;
    expect(locks).toBeGreaterThan(0);

    const copy = join(folder, 'copy.db');
    expect(copyHeldFile(path, copy)).toBe(statSync(path).size);
    // (Not compared with readFileSync(path): that read would drop the locks itself.)
    expect(readFileSync(copy).toString('latin1', 0, 16)).toBe('SQLite format 3\0');
    expect(ownLocksOn(path).length).toBe(locks);

    expect(headOfDbAlone(path)).not.toBeUndefined();
    expect(ownLocksOn(path).length).toBe(locks);

    const rebuilt = rebuildAcknowledged(path, `${path}-wal`, join(folder, 'as-found'), { position: 1, chainHash: 'not the chain hash' });
    if (rebuilt.rebuilt) rebuilt.rebuilt.close();
    expect(ownLocksOn(path).length).toBe(locks);

    await store.appendToStream('note-2', [event()], { expectedRevision: 'no_stream' });
    expect((await store.readAll()).map((read) => read.streamId)).toEqual(['note-1', 'note-2']);
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
