import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from './sqlite-event-store.js';
import { rescuedCopyNote } from './sqlite-store-inspection.js';

/**
 * breaker9l P2: the copy a detached server leaves beside the store (`<path>.rescued-<instant>.db`) is
 * offered in start refusals only when it may hold what the store lacks; followed, the advice never
 * deletes a -wal (the store there was held whole in its -wal, and the stale copy put in its place lost
 * three acknowledged accounts).
 */
describe('The rescued copy named in a start refusal', () => {
  const metadata = { actorId: 'a', actorRole: 'ADMIN', actorUnitId: null, commandId: 'c', correlationId: 'c', causationId: 'c', recordedAt: '2026-12-01T09:00:00.000Z' } as const;
  const append = (store: SqliteEventStore, streamId: string) =>
    store.appendToStream(streamId, [{ id: crypto.randomUUID(), type: 'UnitRegistered', schemaVersion: 1, data: { name: streamId }, metadata }], { expectedRevision: 'no_stream' });
  let folder: string;
  let path: string;
  let store: SqliteEventStore | null;
  const copy = () => join(folder, 'events.db.rescued-2026-12-01T09-00-00-000Z.db');
  /** A copy of the store as it is now, one file, as `keepWhatIsHeld` leaves it. */
  const keepCopy = async (from: SqliteEventStore) => {
    const db = new Database(from.path, { readonly: true });
    await db.backup(copy());
    db.close();
    const kept = new Database(copy());
    kept.pragma('journal_mode = DELETE');
    kept.close();
  };

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'rectify-rescued-'));
    path = join(folder, 'events.db');
    store = new SqliteEventStore(path);
    for (const unit of ['unit-1', 'unit-2', 'unit-3']) await append(store, unit);
    await keepCopy(store);
  });
  afterEach(async () => {
    await store?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('says a copy the store has grown past is not to be put in place, while the store is held in its -wal', async () => {
    for (const unit of ['unit-4', 'unit-5']) await append(store!, unit);
    const note = rescuedCopyNote(path)!;
    expect(note.en).toContain(`${copy()}, a copy a server kept`);
    expect(note.en).toContain('it ends at position 3, and the store holds the same events and more (up to position 5)');
    expect(note.en).toContain('do not put it in place of the store');
    expect(note.zh).toContain('止于位置 3，而事件库含有同样的事件且更多（至位置 5）');
    expect(`${note.en} ${note.zh}`).not.toMatch(/rename the copy|remove .*-wal|改名为|删除 .*-wal/);
  });

  it('offers a copy that reaches past the store, and moves the -wal aside rather than deleting it', async () => {
    await store!.close();
    store = null;
    // The store restored from an older backup: two events, one -wal beside it.
    const older = new Database(path);
    older.exec('DELETE FROM events WHERE position > 2');
    older.close();
    const note = rescuedCopyNote(path)!;
    expect(note.en).toContain(`Beside it lies ${copy()}: what a server still held when this file went away under it (events up to position 3; the store ends at 2)`);
    expect(note.en).toContain(`move ${path}-wal and ${path}-shm aside if there are any (keep them`);
    expect(note.zh).toContain(`把 ${path}-wal 和 ${path}-shm（如有）移到别处保存（请勿删除`);
    expect(`${note.en} ${note.zh}`).not.toMatch(/remove .*-wal|删除 .*-wal/);
  });

  it('never offers a copy the store went on past in another history (a reset accepted, then new records), and says what each holds alone', async () => {
    await store!.close();
    store = null;
    // The store restored from an older backup (two events), accepted, then written to: positions 3 and 4 are new records.
    const other = new Database(path);
    other.exec('DELETE FROM events WHERE position = 3');
    other.close();
    const replaced = new SqliteEventStore(path);
    await append(replaced, 'unit-3-elsewhere');
    await append(replaced, 'unit-4-elsewhere');
    await replaced.close();
    const note = rescuedCopyNote(path, { head: '5', resetAcceptedAt: '2026-12-01T10:00:00.000Z' })!;
    expect(note.en).toContain(`Beside it lies ${copy()} (made 2026-12-01T09:00:00.000Z), a copy a server kept when this file went away under it, but the store has gone on since`);
    expect(note.en).toContain('both hold the same events up to position 2, then the store holds 2 event(s) after position 2 (up to position 5) that the copy lacks, after the store was accepted as it was at 2026-12-01T10:00:00.000Z (ACCEPT_STORE_RESET), and the copy 1 (position 3) that the store lacks');
    expect(note.en).toContain('Do not put the copy in place of the store');
    expect(note.zh).toContain('请勿用副本替换事件库：那会丢失事件库此后写入的内容');
    expect(note.zh).toContain('之后事件库有 2 条副本所没有的事件（至位置 5，是在');
    expect(note.zh).toContain('副本也有 1 条事件库所没有的事件（位置 3）');
    expect(`${note.en} ${note.zh}`).not.toMatch(/rename the copy|改名为/);
  });

  it('breaker49-9 M3: a copy that ends where the store ends holds the same events — not "the same and more"', () => {
    const note = rescuedCopyNote(path)!;
    expect(note.en).toContain('it ends at position 3, and the store holds the same events —');
    expect(note.zh).toContain('止于位置 3，与事件库所含事件相同——');
    expect(note.zh).not.toContain('且更多');
  });

  it('breaker49-9 S4: the store file another copy\'s (STORE_FROM_OTHER_COPY), gone on past the copy: the copy is this copy\'s own, offered, the other file kept', async () => {
    await store!.close();
    store = null;
    // A drill's file renamed over this one: the same events up to 2, then the drill's own 3 and 4.
    const other = new Database(path);
    other.exec('DELETE FROM events WHERE position = 3');
    other.close();
    const drill = new SqliteEventStore(path);
    await append(drill, 'unit-3-drill');
    await append(drill, 'unit-4-drill');
    await drill.close();
    const note = rescuedCopyNote(path, { head: '3' }, true)!;
    expect(note.zh).not.toContain('请勿用副本替换事件库');
    expect(note.zh).toContain(`${path} 处的文件如上所述是另一个副本的，而该副本是本副本自己的记录：请先把 ${path} 移到别处保存`);
    expect(note.en).toContain(`rename the copy to ${path}`);
  });

  it('offers the copy when the store file is gone, saying what the server saw past it', async () => {
    await store!.close();
    store = null;
    for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
    const note = rescuedCopyNote(path, { head: '6', resetAcceptedAt: '2026-12-01T10:00:00.000Z' })!;
    expect(note.en).toContain(`rename the copy to ${path}`);
    expect(note.en).toContain('It does not hold all the server last saw (its log reached position 6; a reset was accepted at 2026-12-01T10:00:00.000Z)');
    expect(note.zh).toContain('它并不包含服务上次看到的全部内容（日志曾到位置 6');
  });

  it('offers the copy when the store file is gone', async () => {
    await store!.close();
    store = null;
    copyFileSync(copy(), join(folder, 'kept.db'));
    for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
    const note = rescuedCopyNote(path)!;
    expect(note.en).toContain(`Beside it lies ${copy()}: what a server still held when this file went away under it (events up to position 3)`);
    expect(note.zh).toMatch(/其旁有 .*\.rescued-.*\.db：.*（事件至位置 3）/);
  });
});
