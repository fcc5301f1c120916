import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from './sqlite-event-store.js';
import { StoreHealth } from './store-health.js';
import { loneOldWalNote } from './store-admission.js';

/*
 * breaker49-9 S6: the store file deleted or replaced under a running server while its disk is full. The copy of what the
 * server holds failed, was never tried again once space was freed, and the ADMIN was told to stop the server and restore
 * the newest backup — losing every event acknowledged after it, which only the running server still held.
 * The full disk is simulated at the copy itself: the connection's page copy answers SQLite's SQLITE_FULL.
 */

const event = (text = 'x') => {
  const id = randomUUID();
  return { id, type: 'NoteWritten', schemaVersion: 1, data: { text }, metadata: { actorId: 'a', actorRole: 'ADMIN' as const, actorUnitId: null, commandId: id, correlationId: id, causationId: id, recordedAt: new Date().toISOString() } };
};

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('The copy of what a detached server holds, on a full disk (breaker49-9 S6)', () => {
  let folder: string;
  let path: string;
  let store: SqliteEventStore;
  let db: Database.Database;
  let fullDisk = true;
  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'rectify-no-room-'));
    path = join(folder, 'rectify.db');
    // The disk as the store reads it: 8 KB free while full, 5 MB once space is freed.
    store = new SqliteEventStore(path, { writerThread: false, freeBytesIn: () => (fullDisk ? 8 * 1024 : 5 * 1024 * 1024) });
    await store.identify();
    for (let index = 0; index < 5; index += 1) await store.appendToStream(`note-${index}`, [event(`第${index}条`)], { expectedRevision: 'no_stream' });
    db = (store as unknown as { db: Database.Database }).db;
    // What the store's disk answers while it is full: the page copy fails, and so does the copy row by row (as each answers SQLITE_FULL).
    fullDisk = true;
    const backup = db.backup.bind(db);
    db.backup = ((target: string) => (fullDisk ? Promise.reject(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })) : backup(target))) as typeof db.backup;
    const inner = store as unknown as { copyRowByRow: (path: string, problems: readonly string[]) => unknown };
    const rowByRow = inner.copyRowByRow.bind(store);
    inner.copyRowByRow = (target, problems) => (fullDisk ? { problems: [...problems, 'database or disk is full'], removed: true } : rowByRow(target, problems));
    // Nothing but the page copy holds what the server acknowledged: no rows kept aside for a -wal emptied under it.
    (store as unknown as { rowsOnlyInWal: Map<number, unknown> }).rowsOnlyInWal.clear();
  });
  afterEach(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('given the file deleted: says the disk is full, not to stop the server nor restore a backup, to free space first — then makes the copy once there is room, and says where it is', async () => {
    rmSync(path);
    const health = new StoreHealth(store);
    expect(health.writeRefusal()!.problem.cause).toBe('STORE_FILE_MISSING');
    const first = await store.keepWhatIsHeld().done;
    await settled();
    expect(first).toHaveProperty('error');
    expect(store.heldCopyShortOfRoom()).toMatchObject({ why: expect.stringContaining('disk is full') });

    const waiting = health.writeRefusal()!;
    expect(waiting.messageZh).toContain('磁盘已满');
    expect(waiting.messageZh).toContain('（事件 1–5）现在只保存在这个运行中的服务里');
    expect(waiting.messageZh).toContain('请勿停止本服务，也请勿用备份替换事件库');
    expect(waiting.messageZh).toMatch(new RegExp(`请先在 ${folder} 所在磁盘上腾出至少 \\d+ MB 空间`));
    expect(waiting.messageZh).toContain('下次健康检查或写入时会自动重新复制');
    expect(waiting.messageZh).not.toContain('恢复事件库');
    expect(waiting.messageZh).not.toContain('请停止服务');
    expect(waiting.message).toContain('Do not stop this server, and do not restore a backup over the store: first free at least');

    // Still full: the copy is not tried again (nor the message changed) by a look at the store's health.
    health.problems();
    await settled();
    expect(store.heldCopyShortOfRoom()).not.toBeNull();
    expect(health.writeRefusal()!.messageZh).toContain('请勿停止本服务');

    // Space freed: the next look at the store's health tries the copy again, at the same path.
    fullDisk = false;
    health.problems();
    const again = await store.keepWhatIsHeld().done;
    await settled();
    expect(again).toMatchObject({ removed: false, problems: [] });
    expect(store.heldCopyShortOfRoom()).toBeNull();
    const copy = store.heldCopyPath!;
    const rescued = new Database(copy, { readonly: true, fileMustExist: true });
    expect(rescued.prepare('SELECT COUNT(*) AS n FROM events').get()).toEqual({ n: 5 });
    rescued.close();
    const made = health.writeRefusal()!;
    expect(made.messageZh).toContain(`已复制到 ${copy}`);
    expect(made.messageZh).not.toContain('磁盘已满');
  });

  it('given the file replaced (a backup renamed over it): the -wal set aside keeps the first try\'s name, and the copy tried again at the stop is made under it', async () => {
    const other = new Database(join(folder, 'staged.db'));
    other.exec('CREATE TABLE t (x)');
    other.close();
    renameSync(join(folder, 'staged.db'), path);
    const health = new StoreHealth(store);
    expect(health.writeRefusal()!.problem.cause).toBe('STORE_FILE_REPLACED');
    await store.keepWhatIsHeld().done;
    await settled();
    const copy = store.heldCopyPath!;
    expect(existsSync(`${copy}-old-wal`)).toBe(true);
    expect(health.writeRefusal()!.messageZh).toContain('被另一个文件替换：现拒绝写入');
    expect(health.writeRefusal()!.messageZh).toContain('请勿停止本服务');

    fullDisk = false;
    await store.close();
    expect(existsSync(copy)).toBe(true);
    const rescued = new Database(copy, { readonly: true, fileMustExist: true });
    expect(rescued.prepare('SELECT COUNT(*) AS n FROM events').get()).toEqual({ n: 5 });
    rescued.close();
  });
});

describe('A -wal set aside whose copy could not be made, at the next start (breaker49-9 S6)', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'rectify-lone-old-wal-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('is named in the refusal, to be kept; not when its copy is beside it', () => {
    const path = join(folder, 'rectify.db');
    const oldWal = `${path}.rescued-2026-12-06T18-00-00-000Z.db-old-wal`;
    writeFileSync(oldWal, 'frames');
    expect(loneOldWalNote(path)!.zh).toContain(`事件库旁有 ${oldWal}：这是某台服务在事件库文件被替换时移开的预写日志`);
    // newcomer57-9 M3: the copy missing may be the one put in place as the store — never told only as "could not be made".
    expect(loneOldWalNote(path)!.zh).toContain('不在其旁：要么已按生成它的那条拒绝说明放到事件库位置、成为现在的事件库，要么当时未能生成');
    expect(loneOldWalNote(path)!.en).not.toMatch(/whose copy of what it held could not be made/);
    expect(loneOldWalNote(path)!.zh).toContain('即可移除');
    expect(loneOldWalNote(path)!.zh).toContain('切勿删除');
    writeFileSync(oldWal.slice(0, -'-old-wal'.length), 'copy');
    expect(loneOldWalNote(path)).toBeNull();
  });
});
