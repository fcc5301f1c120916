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

  it('offers a copy whose events differ from the store at the copy\'s head (another history)', async () => {
    await store!.close();
    store = null;
    const other = new Database(path);
    other.exec('DELETE FROM events WHERE position = 3');
    other.close();
    const replaced = new SqliteEventStore(path);
    await append(replaced, 'unit-3-elsewhere');
    await append(replaced, 'unit-4-elsewhere');
    await replaced.close();
    expect(rescuedCopyNote(path)!.en).toContain(`Beside it lies ${copy()}: what a server still held`);
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
