import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { movedWalNote, ownWalOf, pairedHead, stopCopiesNote, type VouchedHead } from './moved-wal-note.js';
import { SqliteEventStore } from './sqlite-event-store.js';

/*
 * breaker52-9 S8: a drill's file copied over production's, then production killed: the start moved production's -wal aside and
 * refused STORE_FROM_OTHER_COPY pointing at backups that lack the last events — yet the newest store:backup with that -wal gave
 * every event back. S7 (3): a STORE_SHORTER refusal never named the -wal beside the store that held the 63 positions it lacked.
 */

const event = (text = 'x') => {
  const id = randomUUID();
  return { id, type: 'NoteWritten', schemaVersion: 1, data: { text }, metadata: { actorId: 'a', actorRole: 'ADMIN' as const, actorUnitId: null, commandId: id, correlationId: id, causationId: id, recordedAt: new Date().toISOString() } };
};

describe('A start refusal beside a -wal moved aside (breaker52-9 S8, S7)', () => {
  let root: string;
  let live: string;
  let store: SqliteEventStore;
  let backup: string;
  let left: string;
  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'rectify-moved-wal-'));
    live = join(root, 'live', 'rectify.db');
    store = new SqliteEventStore(live, { writerThread: false });
    await store.identify();
    for (let index = 0; index < 5; index += 1) await store.appendToStream(`note-${index}`, [event(`第${index}条`)], { expectedRevision: 'no_stream' });
    const checkpoint = new Database(live);
    checkpoint.pragma('wal_checkpoint(TRUNCATE)');
    checkpoint.close();
    await store.appendToStream('note-5', [event()], { expectedRevision: 'no_stream' });
    // The store:backup, taken through the -wal (its write mark one of the -wal's), at position 6.
    backup = join(root, 'backup.db');
    const reader = new Database(live, { readonly: true });
    await reader.backup(backup);
    reader.close();
    for (let index = 6; index < 8; index += 1) await store.appendToStream(`note-${index}`, [event()], { expectedRevision: 'no_stream' });
    // The folder as a kill -9 leaves it: the file as checkpointed (positions 1–5) and the -wal holding 6–8.
    left = join(root, 'left');
    mkdirSync(left);
    copyFileSync(live, join(left, 'rectify.db'));
    copyFileSync(`${live}-wal`, join(left, 'rectify.db-wal.other-file-2026-12-07T04-47-50-761Z'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(root, { recursive: true, force: true });
  });

  /** What the witness saw at `head` of the live store: its chain hash there. */
  const vouchedAt = (head: number, of = live): VouchedHead => {
    const db = new Database(of, { readonly: true });
    try {
      const row = db.prepare('SELECT chain_hash FROM events WHERE position = ?').get(head) as { chain_hash: Buffer };
      const id = (db.prepare('SELECT store_id FROM store_identity').get() as { store_id: string }).store_id;
      return { storeId: id, head, headHash: row.chain_hash.toString('hex') };
    } finally {
      db.close();
    }
  };

  it('with the store file it belongs to: names the positions the pair holds and how to put the -wal back — and the -wal put back as told is taken as the store\'s own (newcomer53-9 S1, breaker53-9 S5)', () => {
    const path = join(left, 'rectify.db');
    const vouched = vouchedAt(8);
    const note = movedWalNote(path, 5, vouched)!;
    expect(note.zh).toContain('含有位置 1–8 的记录');
    expect(note.zh).toContain(`改名为 ${path}-wal`);
    expect(note.en).toContain('do not accept a reset');
    expect(movedWalNote(path, 8, vouched)).toBeNull();
    // Done as the note says: the pair is the store's log up to the witnessed head, whatever inode the -wal has.
    renameSync(join(left, 'rectify.db-wal.other-file-2026-12-07T04-47-50-761Z'), `${path}-wal`);
    expect(ownWalOf(path, vouched)).toEqual({ last: 8, vouchedHead: 8 });
    expect(ownWalOf(path, vouchedAt(7))).toEqual({ last: 8, vouchedHead: 7 });
    expect(ownWalOf(path, null)).toBeNull();
    expect(ownWalOf(path, { ...vouched, headHash: '00'.repeat(32) })).toBeNull();
    expect(existsSync(`${path}-wal`)).toBe(true);
  });

  it('never advises putting back a -wal the start would not take: short of the witnessed head, or without a witness (breaker53-9 S5)', async () => {
    const path = join(left, 'rectify.db');
    await store.appendToStream('note-9', [event()], { expectedRevision: 'no_stream' });
    for (const note of [movedWalNote(path, 5, vouchedAt(9))!, movedWalNote(path, 5)!]) {
      expect(note.zh).toContain('含有位置 1–8 的记录');
      expect(`${note.en} ${note.zh}`).not.toMatch(/ rename |改名为|do not accept a reset/);
      expect(note.zh).toContain('moved-wal-drill');
    }
    expect(movedWalNote(path, 5, vouchedAt(9))!.zh).toContain('不到事件库见证文件所见的位置 9');
  });

  it("names the copy a stop wrote beside the key of a store whose folder was lost, and how to put it in place — only this store's (breaker53-9 S6)", async () => {
    const keys = join(root, 'keys');
    mkdirSync(keys);
    const reader = new Database(live, { readonly: true });
    await reader.backup(join(keys, 'rectify.db.rescued-2026-12-07T08-22-14-328Z.db'));
    reader.close();
    const path = join(root, 'gone', 'rectify.db');
    const note = stopCopiesNote(path, [keys, join(root, 'nowhere')], vouchedAt(8))!;
    expect(note.zh).toContain(`${join(keys, 'rectify.db.rescued-2026-12-07T08-22-14-328Z.db')} 是服务停止时写出的副本`);
    expect(note.zh).toContain('含有位置 1–8 的记录，并在位置 8 与事件库见证文件所见的哈希链校验值相符');
    expect(note.zh).toContain(`cp ${join(keys, 'rectify.db.rescued-2026-12-07T08-22-14-328Z.db')} ${path}`);
    expect(note.en).toContain('no --accept-store-reset needed');
    // newcomer54-9 M3: the keys folder is backed up apart from the data — the copy is not to stay there.
    expect(note.zh).toContain(`事件库恢复运行并做过 store:backup 备份后，请把该副本移出 ${keys}，放入本单位的数据备份（它含有整个台账）`);
    expect(stopCopiesNote(path, [keys], { ...vouchedAt(8), storeId: 'another-store' })).toBeNull();
    expect(stopCopiesNote(path, [keys], null)).toBeNull();
  });

  it('of another history than the witness saw at its head: not offered, said as another history (breaker53-9 S4)', () => {
    const path = join(left, 'rectify.db');
    const other = { ...vouchedAt(7), headHash: 'ab'.repeat(32) };
    const note = movedWalNote(path, 5, other)!;
    expect(note.zh).toContain('位置 7 上的事件与事件库见证文件在该处所见的不同');
    expect(`${note.en} ${note.zh}`).not.toMatch(/ rename |改名为|do not accept a reset/);
  });

  it('with a store that went on another way since (accepted as it was, then new records): never offered in its place (CI of stop 55)', async () => {
    const path = join(left, 'rectify.db');
    const accepted = new SqliteEventStore(path, { writerThread: false });
    try {
      for (let index = 0; index < 2; index += 1) await accepted.appendToStream(`after-reset-${index}`, [event('接受现状之后')], { expectedRevision: 'no_stream' });
      // The reset's start wrote the witness of what it accepted, and the server went on: the witness saw the new history's head.
      const note = movedWalNote(path, 7, vouchedAt(7, path))!;
      expect(note.en).toContain('holds positions 1–8, but other events than the store from position 6 on');
      expect(note.zh).toContain('自位置 6 起与事件库的事件不同');
      expect(note.zh).toContain('请勿用它替换事件库的 -wal');
      expect(`${note.en} ${note.zh}`).not.toMatch(/ rename |改名为|do not accept a reset/);
    } finally {
      await accepted.close();
    }
  });

  it("with another copy's file in place: names the write marks a fitting backup carries, and that backup with the -wal gives every event back", () => {
    const path = join(left, 'rectify.db');
    const other = new SqliteEventStore(join(root, 'other.db'), { writerThread: false });
    return other
      .identify()
      .then(async () => {
        // A drill grown since the backup: its own pages, which the -wal's few frames do not make into production's log.
        for (let index = 0; index < 60; index += 1) await other.appendToStream(`drill-${index}`, [event('演练'.repeat(600))], { expectedRevision: 'no_stream' });
      })
      .then(() => other.close())
      .then(() => {
        copyFileSync(join(root, 'other.db'), path);
        const note = movedWalNote(path, 60)!;
        const mark = new Database(backup, { readonly: true }).pragma('user_version', { simple: true }) as number;
        expect(note.zh).toContain('store:backup');
        expect(note.zh).toContain(String(mark));
        expect(note.zh).toContain("PRAGMA user_version");
        expect(pairedHead(backup, join(left, 'rectify.db-wal.other-file-2026-12-07T04-47-50-761Z'))).toBe(8);
      });
  });
});
