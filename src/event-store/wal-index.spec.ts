import Database from 'better-sqlite3';
import { mkdtempSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
