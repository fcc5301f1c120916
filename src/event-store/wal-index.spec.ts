import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ownLocksOn } from '../shared/testing/own-locks.js';
import { walBytesIndexed, walWhollyCheckpointed } from './wal-index.js';

describe('walBytesIndexed: the bytes a -wal must hold for the frames its index names (breaker9a P4)', () => {
  const walStore = () => {
    const path = join(mkdtempSync(join(tmpdir(), 'rectify-wal-index-')), 'store.db');
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (x TEXT)');
    for (let i = 0; i < 20; i += 1) db.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(3000));
    return { path, db };
  };

  it('fits the -wal SQLite wrote: every indexed frame is in it', () => {
    const { path, db } = walStore();
    const indexed = walBytesIndexed(`${path}-shm`)!;
    expect(indexed).toBeGreaterThan(32 + 20 * 4096);
    expect(statSync(`${path}-wal`).size).toBeGreaterThanOrEqual(indexed);
    db.close();
  });

  it('is more than a -wal emptied under the connection holds: its committed frames are gone', () => {
    const { path, db } = walStore();
    truncateSync(`${path}-wal`, 0);
    expect(walBytesIndexed(`${path}-shm`)).toBeGreaterThan(statSync(`${path}-wal`).size);
    db.close();
  });

  it('is 0 after a checkpoint truncated the -wal: the file holds every frame, nothing was lost', () => {
    const { path, db } = walStore();
    const other = new Database(path);
    other.pragma('wal_checkpoint(TRUNCATE)');
    other.close();
    expect(statSync(`${path}-wal`).size).toBe(0);
    expect(walBytesIndexed(`${path}-shm`)).toBe(0);
    db.close();
  });

  it('is null with no index to read', () => {
    expect(walBytesIndexed(join(tmpdir(), 'no-such-store.db-shm'))).toBeNull();
  });
});

describe('walWhollyCheckpointed: whether every committed frame is in the main file too (breaker42-9 F7)', () => {
  const walStore = () => {
    const path = join(mkdtempSync(join(tmpdir(), 'rectify-wal-backfill-')), 'store.db');
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE t (x TEXT)');
    for (let i = 0; i < 5; i += 1) db.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(3000));
    return { path, db };
  };

  it('is false while commits are only in the -wal, true once a checkpoint wrote them all into the main file', () => {
    const { path, db } = walStore();
    expect(walWhollyCheckpointed(`${path}-shm`)).toBe(false);
    db.pragma('wal_checkpoint(PASSIVE)');
    expect(walWhollyCheckpointed(`${path}-shm`)).toBe(true);
    db.prepare('INSERT INTO t VALUES (?)').run('after');
    expect(walWhollyCheckpointed(`${path}-shm`)).toBe(false);
    db.close();
  });

  it('is false with no index to read', () => {
    expect(walWhollyCheckpointed(join(tmpdir(), 'no-such-store.db-shm'))).toBe(false);
  });
});


const linux = existsSync('/proc/locks') && existsSync('/proc/self/fd');

(linux ? describe : describe.skip)('Reading the WAL index of a store this process has open (newcomer46-10 S4)', () => {
  it('leaves SQLite its lock on the -shm: a tool opening and closing the store beside the server neither rebuilds nor removes the -shm and -wal the server maps', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'rectify-wal-index-held-')), 'store.db');
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (x TEXT)');
    db.prepare('INSERT INTO t VALUES (?)').run('x');
    const shm = statSync(`${path}-shm`);
    expect(ownLocksOn(`${path}-shm`).length).toBeGreaterThan(0);

    expect(walBytesIndexed(`${path}-shm`)).toBeGreaterThan(0);
    expect(walWhollyCheckpointed(`${path}-shm`)).toBe(false);
    expect(ownLocksOn(`${path}-shm`).length).toBeGreaterThan(0);

    // What units:import --dry-run does beside a running server: a read-write connection, a read, closed.
    execFileSync(process.execPath, ['-e', "const D = require('better-sqlite3'); const db = new D(process.argv[1], { fileMustExist: true }); db.prepare('SELECT count(*) FROM t').get(); db.close();", path], { cwd: process.cwd() });
    // Had it taken itself for the only connection, it would have truncated the -shm under this one's mapping (SIGBUS) and, closing, removed both.
    expect(statSync(`${path}-shm`).ino).toBe(shm.ino);
    expect(existsSync(`${path}-wal`)).toBe(true);
    db.prepare('INSERT INTO t VALUES (?)').run('y');
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 2 });
    db.close();
  });
});
