import Database from 'better-sqlite3';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { takeCheckpoint } from '../ledger/ledger-operations.js';
import { SqliteEventStore } from './sqlite-event-store.js';
import { judgeStrayWal, witnessedNodeOf } from './stray-wal.js';
import { markWriteTransaction, nextWriteCount, nextWriteTag, tagOf, WalMarksMemo, walBreak, walBreakOnDisk, walMarkMismatchOnDisk, walWriteCounts } from './wal-file-mark.js';

/*
 * breaker9z P4: a backup copied in place over a crashed store of the same size, the crashed file's -wal left beside it,
 * had that -wal applied over its pages. Every write transaction counts itself in the database header (user_version) and
 * draws a new tag, keeping the one it replaces (application_id), so a -wal tells the marks of the file it was written over. A crash is what copying the file and its -wal while the
 * connection is open leaves (every commit is in the -wal on disk).
 */

const folder = () => mkdtempSync(join(tmpdir(), 'rectify-wal-mark-'));

/** The write mark in the header of the file at `path` (bytes 60–63, user_version), read from its bytes. */
const markOf = (path: string) => readFileSync(path).readUInt32BE(60);

/**
 * How a release before breaker51-9 S1 (939efa24, 0a2ac3d2) judged a -wal against the file beside it, as it shipped: by
 * `user_version` counts alone — the -wal's first page-1 count one more than the file's, or the file's count among them.
 * Those releases cannot change: what this version writes must pass it (breaker52-9 S2).
 */
function olderReleaseAccepts(file: string): boolean {
  const frames = walWriteCounts(readFileSync(`${file}-wal`));
  if (!frames || frames.counts.length === 0) return true;
  const fileCount = markOf(file);
  return nextWriteCount(fileCount) === frames.counts[0] || frames.counts.includes(fileCount);
}

/** A write of a release that only counts (before breaker51-9 S1): user_version one up, application_id left as it is. */
const olderReleaseWrite = (db: Database.Database, text: string) =>
  db.transaction(() => {
    db.prepare('INSERT INTO rows (text) VALUES (?)').run(text);
    db.pragma(`user_version = ${nextWriteCount(db.pragma('user_version', { simple: true }) as number)}`);
  })();

/** A write of breaker51-9 S1's release: a random mark in user_version, the one it replaced in application_id. */
const randomMarkWrite = (db: Database.Database, text: string) =>
  db.transaction(() => {
    db.prepare('INSERT INTO rows (text) VALUES (?)').run(text);
    const mark = db.pragma('user_version', { simple: true }) as number;
    db.pragma(`application_id = ${mark}`);
    db.pragma(`user_version = ${1 + Math.floor(Math.random() * 0x7ffffffe)}`);
  })();

/** A WAL store that checkpoints only when told, with one table of rows. */
function givenStore(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, text TEXT)');
  return db;
}

/** One write transaction of Rectify's: a row and the mark. */
const write = (db: Database.Database, text: string) =>
  db.transaction(() => {
    db.prepare('INSERT INTO rows (text) VALUES (?)').run(text);
    markWriteTransaction(db);
  })();

/** What a crash (kill -9) leaves on disk: the file and its -wal as they are now, copied beside them under `name`. */
function crashCopy(db: Database.Database, path: string, name: string): string {
  const copy = join(path, '..', name);
  copyFileSync(path, copy);
  copyFileSync(`${path}-wal`, `${copy}-wal`);
  return copy;
}

describe('The content mark tying a -wal to the file it was written over', () => {
  it('counted one up per write transaction in versions before breaker51-9 S1, back to 1 after 2^31 − 1', () => {
    expect(nextWriteCount(0)).toBe(1);
    expect(nextWriteCount(41)).toBe(42);
    expect(nextWriteCount(0x7fffffff)).toBe(1);
  });

  it('draws a new tag at every write, never the tag before, and keeps the tag before below it (breaker51-9 S1, breaker52-9 S2)', () => {
    const before = (41 << 16) | 7;
    const ids = Array.from({ length: 200 }, () => nextWriteTag(before));
    expect(ids.every((id) => tagOf(id) >= 1 && tagOf(id) <= 0xffff && tagOf(id) !== 41 && (id & 0xffff) === 41 && id !== before)).toBe(true);
    expect(new Set(ids).size).toBeGreaterThan(190);
  });

  it('given a crash after writes over a checkpointed file, when the file and its own -wal are read, then they fit', () => {
    const path = join(folder(), 'rectify.db');
    const db = givenStore(path);
    write(db, '一');
    db.pragma('wal_checkpoint(TRUNCATE)');
    write(db, '二');
    write(db, '三');
    const crashed = crashCopy(db, path, 'crashed.db');
    db.close();
    expect(walMarkMismatchOnDisk(crashed)).toBeNull();
    expect(judgeStrayWal(crashed, [])).toBeNull();
  });

  it('given a crash after a checkpoint copied part of the -wal into the file, when they are read, then they still fit', () => {
    const path = join(folder(), 'rectify.db');
    const db = givenStore(path);
    write(db, '一');
    write(db, '二');
    // A passive checkpoint copies the frames into the file and keeps the -wal (a reader or the next writer restarts it).
    db.pragma('wal_checkpoint(PASSIVE)');
    write(db, '三');
    const crashed = crashCopy(db, path, 'crashed.db');
    db.close();
    expect(walMarkMismatchOnDisk(crashed)).toBeNull();
  });

  it('given a backup taken before one more write, that write checkpointed and two more in a new -wal, when the backup is copied over the crashed file in place (the same inode and size), then the -wal is another file\'s: OTHER_CONTENT', () => {
    const path = join(folder(), 'rectify.db');
    const db = givenStore(path);
    write(db, '一');
    write(db, '二');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const backup = join(path, '..', 'backup.db');
    copyFileSync(path, backup);
    // One urging after the backup; the stop checkpoints it into the file; the next start writes two sign-ins; kill -9.
    write(db, '催办');
    db.pragma('wal_checkpoint(TRUNCATE)');
    write(db, '登录一');
    write(db, '登录二');
    const crashed = crashCopy(db, path, 'crashed.db');
    db.close();
    expect(walMarkMismatchOnDisk(crashed)).toBeNull();
    const seen = { ...witnessedNodeOf(crashed)!, bytes: statSync(crashed).size, wal: witnessedNodeOf(`${crashed}-wal`) };

    // The operator's restore: `cp backup.db crashed.db`, the -wal left.
    copyFileSync(backup, crashed);
    expect(statSync(crashed).size).toBe(seen.bytes);
    expect(witnessedNodeOf(crashed)).toEqual({ device: seen.device, inode: seen.inode });
    const mismatch = walMarkMismatchOnDisk(crashed);
    expect(mismatch).toEqual({ fileMark: markOf(backup), fileTag: expect.any(Number), walFirstPrevious: expect.any(Number), walFirstPreviousTag: expect.any(Number), walLastMark: expect.any(Number) });
    expect(mismatch!.walFirstPrevious).not.toBe(mismatch!.fileMark);
    const stray = judgeStrayWal(crashed, [seen]);
    expect(stray).toMatchObject({ file: crashed, reason: 'OTHER_CONTENT', counts: { fileMark: markOf(backup) } });
  });

  it('given a copy of the store written to elsewhere as often as the store since (a restore drill), when its file is copied over the store\'s in place under its -wal, then the -wal is another file\'s (breaker51-9 S1)', () => {
    const path = join(folder(), 'rectify.db');
    const db = givenStore(path);
    write(db, '一');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const drill = join(path, '..', 'drill.db');
    copyFileSync(path, drill);
    // The drill writes twice on its own and checkpoints; production writes twice into its -wal.
    const drillDb = new Database(drill);
    drillDb.pragma('journal_mode = WAL');
    write(drillDb, '演练一');
    write(drillDb, '演练二');
    drillDb.close();
    write(db, '正式一');
    write(db, '正式二');
    const crashed = crashCopy(db, path, 'crashed.db');
    db.close();
    expect(walMarkMismatchOnDisk(crashed)).toBeNull();
    copyFileSync(drill, crashed);
    expect(walMarkMismatchOnDisk(crashed)).toMatchObject({ fileMark: markOf(drill) });
  });

  it('given a -wal a version that counted writes began (application_id left as it was), when the file counted one less, then they fit; when it counted otherwise, then not', () => {
    const path = join(folder(), 'rectify.db');
    const db = givenStore(path);
    db.pragma('user_version = 6');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.transaction(() => {
      db.prepare('INSERT INTO rows (text) VALUES (?)').run('旧版本');
      db.pragma('user_version = 7');
    })();
    write(db, '新版本');
    const crashed = crashCopy(db, path, 'crashed.db');
    db.close();
    expect(walMarkMismatchOnDisk(crashed)).toBeNull();
    // Another count in the file's header, written over its bytes (a connection would checkpoint the -wal into it).
    const file = readFileSync(crashed);
    file.writeUInt32BE(5, 60);
    writeFileSync(crashed, file);
    expect(walMarkMismatchOnDisk(crashed)).toMatchObject({ fileMark: 5, walFirstPrevious: 6 });
  });

  it('given a -wal written by a version that kept no count (no page 1 in its commits), when it is read, then nothing is told', () => {
    const path = join(folder(), 'rectify.db');
    const db = givenStore(path);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.prepare('INSERT INTO rows (text) VALUES (?)').run('旧版本');
    const crashed = crashCopy(db, path, 'crashed.db');
    db.close();
    copyFileSync(join(path), crashed);
    expect(walMarkMismatchOnDisk(crashed)).toBeNull();
  });

  it('given a crash after writes of this version, when a release before breaker51-9 S1 judges the file and its -wal by counts, then it takes the -wal for the file\'s own (breaker52-9 S2: a rollback after a crash)', () => {
    const path = join(folder(), 'rectify.db');
    const db = givenStore(path);
    write(db, '一');
    db.pragma('wal_checkpoint(TRUNCATE)');
    write(db, '二');
    write(db, '三');
    const crashed = crashCopy(db, path, 'crashed.db');
    // A passive checkpoint then: the file's count is one of the -wal's.
    db.pragma('wal_checkpoint(PASSIVE)');
    write(db, '四');
    const checkpointed = crashCopy(db, path, 'checkpointed.db');
    db.close();
    expect(olderReleaseAccepts(crashed)).toBe(true);
    expect(olderReleaseAccepts(checkpointed)).toBe(true);
  });

  it('given a store this version marked, when a release that only counts writes on it and crashes, then its -wal is the file\'s own, checkpointed or not (breaker52-9 S9, newcomer52-9 S1)', () => {
    const path = join(folder(), 'rectify.db');
    const db = givenStore(path);
    write(db, '新版本');
    write(db, '新版本二');
    db.pragma('wal_checkpoint(TRUNCATE)');
    // The rollback: the older release's writes leave application_id as this version set it.
    olderReleaseWrite(db, '旧版本一');
    olderReleaseWrite(db, '旧版本二');
    const crashed = crashCopy(db, path, 'crashed.db');
    db.pragma('wal_checkpoint(PASSIVE)');
    olderReleaseWrite(db, '旧版本三');
    const checkpointed = crashCopy(db, path, 'checkpointed.db');
    db.close();
    expect(walMarkMismatchOnDisk(crashed)).toBeNull();
    expect(judgeStrayWal(crashed, [])).toBeNull();
    expect(walMarkMismatchOnDisk(checkpointed)).toBeNull();
  });

  it('given this version and a release that only counts writing one file by turns (two servers at once), when the file is judged against the -wal at any point, then they fit (breaker52-9 S7)', () => {
    const path = join(folder(), 'rectify.db');
    const db = givenStore(path);
    write(db, '开始');
    db.pragma('wal_checkpoint(TRUNCATE)');
    for (let turn = 0; turn < 6; turn++) {
      (turn % 2 === 0 ? olderReleaseWrite : write)(db, `第${turn}次`);
      expect(walMarkMismatchOnDisk(crashCopy(db, path, `turn-${turn}.db`))).toBeNull();
      if (turn === 2) db.pragma('wal_checkpoint(PASSIVE)');
      if (turn === 3) db.pragma('wal_checkpoint(TRUNCATE)');
    }
    db.close();
  });

  it('given a store of breaker51-9 S1\'s release (its random mark in user_version), when that release crashed and this version reads its -wal, then it is the file\'s own; and this version counts on from it', () => {
    const path = join(folder(), 'rectify.db');
    const db = givenStore(path);
    randomMarkWrite(db, '一');
    db.pragma('wal_checkpoint(TRUNCATE)');
    randomMarkWrite(db, '二');
    randomMarkWrite(db, '三');
    expect(walMarkMismatchOnDisk(crashCopy(db, path, 'crashed.db'))).toBeNull();
    db.pragma('wal_checkpoint(TRUNCATE)');
    const random = markOf(path);
    write(db, '四');
    expect(db.pragma('user_version', { simple: true })).toBe(nextWriteCount(random));
    expect(walMarkMismatchOnDisk(crashCopy(db, path, 'upgraded.db'))).toBeNull();
    db.close();
  });

  it('given a restore drill that wrote as often as production since one backup, when its file is put over production\'s, then a -wal that began at the backup still tells them apart though the counts agree (breaker51-9 S1 by tags)', () => {
    const path = join(folder(), 'rectify.db');
    const db = givenStore(path);
    write(db, '一');
    write(db, '二');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const drill = join(path, '..', 'drill.db');
    copyFileSync(path, drill);
    const drillDb = new Database(drill);
    drillDb.pragma('journal_mode = WAL');
    write(drillDb, '演练一');
    drillDb.close();
    // Production: one write checkpointed (its file now counts as the drill's does), then two into a new -wal.
    write(db, '正式一');
    db.pragma('wal_checkpoint(TRUNCATE)');
    write(db, '正式二');
    write(db, '正式三');
    const crashed = crashCopy(db, path, 'crashed.db');
    db.close();
    expect(markOf(drill)).toBe(markOf(crashed));
    expect(walMarkMismatchOnDisk(crashed)).toBeNull();
    copyFileSync(drill, crashed);
    expect(walMarkMismatchOnDisk(crashed)).toMatchObject({ fileMark: markOf(drill), walFirstPrevious: markOf(drill) });
  });

  it('given Rectify\'s own store, when it is given its identity, appended to and a ledger checkpoint kept, then each marks itself anew, keeping the mark before', async () => {
    const path = join(folder(), 'rectify.db');
    const store = new SqliteEventStore(path, { writerThread: false });
    const count = () => {
      const db = new Database(path, { readonly: true });
      try {
        return { mark: db.pragma('user_version', { simple: true }) as number, before: db.pragma('application_id', { simple: true }) as number };
      } finally {
        db.close();
      }
    };
    try {
      await store.identify();
      const identified = count();
      expect(identified.mark).toBeGreaterThan(0);
      const metadata = { actorId: 'u', actorRole: 'SUPERVISOR' as const, actorUnitId: null, commandId: 'c', correlationId: 'c', causationId: 'c', recordedAt: '2026-05-12T01:00:00.000Z' };
      await store.appendToStream('finding-1', [{ id: randomUUID(), type: 'UnitUrged', schemaVersion: 1, data: { message: '请尽快报送' }, metadata }], { expectedRevision: 'no_stream' });
      const appended = count();
      expect(appended.mark).toBe(nextWriteCount(identified.mark));
      expect(appended.before & 0xffff).toBe(tagOf(identified.before));
      expect(tagOf(appended.before)).not.toBe(tagOf(identified.before));
      await takeCheckpoint(store.ledger(), generateKeyPairSync('ed25519').privateKey, new Date('2026-05-12T02:00:00.000Z'));
      expect(count().mark).toBe(nextWriteCount(appended.mark));
      expect(count().before & 0xffff).toBe(tagOf(appended.before));
    } finally {
      await store.close();
    }
  });
});

/*
 * breaker45-9 S1: one byte damaged in a frame of a crashed store's -wal. SQLite stops reading at the frame whose checksum
 * fails; the committed frames after it are still in the file. `walBreak` says where, so the refusal names the damage and an
 * accepting start keeps a copy of the -wal before anything checkpoints it.
 */
describe('The -wal walked on from where the last check stopped (breaker56-10 S3: /health read the whole -wal per call)', () => {
  /** The -wal beside `path` walked whole (`walWriteCounts`) and by `memo` (on from its last walk). */
  const walked = (memo: WalMarksMemo, path: string) => {
    const whole = walWriteCounts(readFileSync(`${path}-wal`));
    const marks = memo.walk(`${path}-wal`);
    return { whole, marks };
  };

  it('given writes after each check, when the memo walks on, then it reads the marks a whole walk reads, and only the frames since', () => {
    const path = join(folder(), 'rectify.db');
    const db = givenStore(path);
    const memo = new WalMarksMemo();
    for (let write_ = 0; write_ < 40; write_ += 1) write(db, `第${write_}行`);
    const first = walked(memo, path);
    expect(first.marks).toMatchObject({ pageSize: first.whole!.pageSize, counts: first.whole!.counts });
    const bytesBefore = statSync(`${path}-wal`).size;

    write(db, '催办');
    write(db, '导入');
    const next = walked(memo, path);
    expect(next.marks!.counts).toEqual(next.whole!.counts);
    expect(next.marks!.counts).toHaveLength(first.marks!.counts.length + 2);
    // What it went on from: the frames after the last commit it walked, not the -wal from its start.
    expect((memo as unknown as { walked: { offset: number } }).walked.offset).toBe(statSync(`${path}-wal`).size);
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(bytesBefore);

    // A checkpoint that restarts the -wal (new salts): walked from its start again, as a whole walk reads it.
    db.pragma('wal_checkpoint(TRUNCATE)');
    write(db, '重启后');
    const restarted = walked(memo, path);
    expect(restarted.marks!.counts).toEqual(restarted.whole!.counts);
    expect(restarted.marks!.counts).toHaveLength(1);
    db.close();
  });

  it('given a backup copied over the file under its -wal, when checked with the memo between two writes, then the mismatch is found as without it', () => {
    const path = join(folder(), 'rectify.db');
    const db = givenStore(path);
    write(db, '一');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const backup = join(path, '..', 'backup.db');
    copyFileSync(path, backup);
    write(db, '二');
    db.pragma('wal_checkpoint(TRUNCATE)');
    write(db, '三');
    const memo = new WalMarksMemo();
    expect(walMarkMismatchOnDisk(path, memo)).toBeNull();
    write(db, '四');
    const crashed = crashCopy(db, path, 'crashed.db');
    db.close();
    const crashedMemo = new WalMarksMemo();
    expect(walMarkMismatchOnDisk(crashed, crashedMemo)).toBeNull();
    copyFileSync(backup, crashed);
    expect(walMarkMismatchOnDisk(crashed, crashedMemo)).toEqual(walMarkMismatchOnDisk(crashed));
    expect(walMarkMismatchOnDisk(crashed, crashedMemo)).not.toBeNull();
  });
});

describe('A -wal damaged in one frame', () => {
  /** A crashed store of 40 write transactions (each a commit frame or more), its -wal's page size and frame count. */
  function crashedStore(): { crashed: string; pageSize: number; frames: number } {
    const path = join(folder(), 'rectify.db');
    const db = givenStore(path);
    for (let row = 0; row < 40; row++) write(db, `第${row}行`.repeat(50));
    const crashed = crashCopy(db, path, 'crashed.db');
    db.close();
    const wal = readFileSync(`${crashed}-wal`);
    const pageSize = wal.readUInt32BE(8);
    return { crashed, pageSize, frames: Math.floor((wal.length - 32) / (24 + pageSize)) };
  }
  /** The -wal with one byte flipped inside the page of `frame` (from 1). */
  const flipped = (crashed: string, pageSize: number, frame: number) => {
    const wal = readFileSync(`${crashed}-wal`);
    wal[32 + (frame - 1) * (24 + pageSize) + 24 + 100]! ^= 0xff;
    writeFileSync(`${crashed}-wal`, wal);
  };

  it('given a whole -wal after a crash, when it is read, then no damage is found', () => {
    const { crashed } = crashedStore();
    expect(walBreakOnDisk(crashed)).toBeNull();
  });

  it('given one byte flipped in a middle frame, when it is read, then the break is that frame, with the committed frames after it, and SQLite reads less than was committed', () => {
    const { crashed, pageSize, frames } = crashedStore();
    const count = (file: string) => {
      const db = new Database(file, { readonly: true });
      try {
        return (db.prepare('SELECT count(*) AS n FROM rows').get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    const whole = join(crashed, '..', 'whole.db');
    copyFileSync(crashed, whole);
    copyFileSync(`${crashed}-wal`, `${whole}-wal`);
    expect(count(whole)).toBe(40);
    const middle = Math.ceil(frames / 2);
    flipped(crashed, pageSize, middle);
    const damage = walBreakOnDisk(crashed);
    expect(damage).toMatchObject({ brokenFrame: middle, frames });
    expect(damage!.readFrames).toBeLessThan(middle);
    expect(damage!.unreadFrames).toBe(frames - middle + 1);
    expect(damage!.unreadCommits).toBeGreaterThan(0);
    expect(count(crashed)).toBeLessThan(40);
  });

  it('given a -wal cut inside its last transaction or damaged in its last frame only, when it is read, then it is no damage (nothing committed lies past it)', () => {
    const { crashed, pageSize, frames } = crashedStore();
    const wal = readFileSync(`${crashed}-wal`);
    // The last frame's commit mark taken away: the last transaction was never committed.
    const last = 32 + (frames - 1) * (24 + pageSize);
    const uncommitted = Buffer.from(wal);
    uncommitted.writeUInt32BE(0, last + 4);
    expect(walBreak(uncommitted)).toBeNull();
    truncateSync(`${crashed}-wal`, last + 24 + 10);
    expect(walBreakOnDisk(crashed)).toBeNull();
  });
});
