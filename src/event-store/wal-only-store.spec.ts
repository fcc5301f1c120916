import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from './sqlite-event-store.js';
import { walBesideNote } from './sqlite-store-inspection.js';
import { StoreHealth } from './store-health.js';
import { stopCopyWords } from './stop-copy.js';
import { rebuildFromWal, walOnlyContent } from './wal-only-store.js';

/*
 * breaker52-9 S5: the store file deleted under a running server that could not copy what it held (its disk full), then the server
 * stopped: it exited without a word, and the next start offered only an empty ledger, though every event was in the -wal.
 */

const event = (text = 'x') => {
  const id = randomUUID();
  return { id, type: 'NoteWritten', schemaVersion: 1, data: { text }, metadata: { actorId: 'a', actorRole: 'ADMIN' as const, actorUnitId: null, commandId: id, correlationId: id, causationId: id, recordedAt: new Date().toISOString() } };
};

const eventsIn = (path: string) => {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT COUNT(*) AS n, MAX(position) AS last FROM events').get();
  } finally {
    db.close();
  }
};

describe('A store whose .db is gone while its -wal stays (breaker52-9 S5)', () => {
  let root: string;
  let folder: string;
  let path: string;
  let store: SqliteEventStore;
  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'rectify-wal-only-'));
    folder = join(root, 'data');
    path = join(folder, 'rectify.db');
    store = new SqliteEventStore(path, { writerThread: false });
    await store.identify();
    for (let index = 0; index < 12; index += 1) await store.appendToStream(`note-${index}`, [event(`第${index}条`.repeat(index % 3 === 0 ? 300 : 1))], { expectedRevision: 'no_stream' });
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await store.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('the start says the events are in the -wal, how to get the .db back, and not to open the folder first; the tool rebuilds every event', async () => {
    // The folder as the stopped server left it: the -wal, no .db.
    const left = join(root, 'left');
    mkdirSync(left);
    copyFileSync(`${path}-wal`, join(left, 'rectify.db-wal'));
    const wal = join(left, 'rectify.db-wal');
    const walBytes = readFileSync(wal);

    expect(walOnlyContent(wal)).toEqual({ first: 1, last: 12, count: 12, whole: true });
    const note = walBesideNote(join(left, 'rectify.db'))!;
    expect(note.zh).toContain('事件 1–12（12 条）');
    expect(note.zh).toContain(`npm run store:from-wal -- ${wal}`);
    expect(note.zh).toContain('切勿先用 sqlite3');
    expect(note.en).toContain('deletes the -wal');
    // A `touch`ed rectify.db is read the same way (the start never opens it).
    writeFileSync(join(left, 'rectify.db'), '');
    expect(walBesideNote(join(left, 'rectify.db'))!.zh).toContain('事件 1–12');
    rmSync(join(left, 'rectify.db'));

    const rebuilt = join(root, 'rebuilt.db');
    expect(rebuildFromWal(wal, rebuilt)).toMatchObject({ first: 1, last: 12, whole: true });
    expect(eventsIn(rebuilt)).toEqual({ n: 12, last: 12 });
    expect(existsSync(`${rebuilt}-wal`)).toBe(false);
    expect(readFileSync(wal).equals(walBytes)).toBe(true);
    expect(() => rebuildFromWal(wal, rebuilt)).toThrow(/exists already/);
    expect(walOnlyContent(join(root, 'nothing-wal'))).toBeNull();
  });

  it('a stop that could not copy what it held beside the store writes the copy elsewhere and says where', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    // The data folder gone and a file in its place: no copy can be written beside the store (as on a full disk).
    rmSync(folder, { recursive: true, force: true });
    writeFileSync(folder, 'not a folder');
    expect(new StoreHealth(store).writeRefusal()!.problem.cause).toBe('STORE_FILE_MISSING');
    expect(await store.keepWhatIsHeld().done).toHaveProperty('error');
    expect(store.heldCopyToRetry()).not.toBeNull();

    const elsewhere = join(root, 'keys');
    store.keepAtStopIn([join(root, 'unwritable', '\0'), elsewhere]);
    await store.close();
    const stop = store.stopCopy()!;
    expect(stop.copy).toBe(join(elsewhere, stop.copy!.split('/').pop()!));
    expect(eventsIn(stop.copy!)).toEqual({ n: 12, last: 12 });
    expect(stop.tried.length).toBe(2);
    const words = stopCopyWords(path, stop);
    expect(words.zh).toContain(`停止时已改写到 ${stop.copy}`);
    // newcomer54-9 M2: the folder was gone, not the disk full.
    expect(words.zh).not.toContain('待磁盘有空间后');
    expect(words.zh).toContain(`待其所在文件夹 ${folder} 恢复`);
    const full = stopCopyWords(path, { ...stop, tried: [{ path: `${path}.rescued-x.db`, why: 'database or disk is full' }] });
    expect(full.zh).toContain('待磁盘有空间后');
    expect(errors).not.toHaveBeenCalledWith(expect.stringContaining('Could not judge'));
  });

  it('says, when no copy could be written anywhere, where the events still are and what not to do', () => {
    const words = stopCopyWords(path, { copy: null, outcome: null, tried: [{ path: `${path}.rescued-x.db`, why: 'database or disk is full' }], acknowledged: 237 });
    expect(words.zh).toContain('事件 1–237');
    expect(words.zh).toContain(`npm run store:from-wal -- ${path}-wal`);
    expect(words.zh).toContain('切勿先用 sqlite3');
  });
});
