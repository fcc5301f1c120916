import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from './sqlite-event-store.js';
import { StoreHealth } from './store-health.js';

/*
 * breaker49-9 M2: two servers on one file, an older copy written over it in place. The server that noticed first moved
 * the shared -wal aside (`<file>.rescued-<instant>.db-old-wal`); the other said the -wal was "deleted" and that the file
 * may be kept "if it is a backup restored on purpose". It now says who moved the -wal, why, and where it is.
 */

const event = () => {
  const id = randomUUID();
  return { id, type: 'NoteWritten', schemaVersion: 1, data: { text: 'x' }, metadata: { actorId: 'a', actorRole: 'ADMIN' as const, actorUnitId: null, commandId: id, correlationId: id, causationId: id, recordedAt: new Date().toISOString() } };
};

describe('The -wal moved aside by another server on the file (breaker49-9 M2)', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'rectify-wal-aside-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('is said to be moved aside by the other server, naming where it is — not deleted, and never "keep the file"', async () => {
    const path = join(folder, 'rectify.db');
    const first = new SqliteEventStore(path, { writerThread: false });
    await first.identify();
    const second = new SqliteEventStore(path, { writerThread: false });
    await second.identify();
    await first.appendToStream('notes', [event(), event()], { expectedRevision: 'no_stream' });
    expect(existsSync(`${path}-wal`)).toBe(true);
    // What the first server's setCompanionsAside does once it finds the file replaced under it.
    const aside = `${path}.rescued-2026-12-06T18-00-00-000Z.db-old-wal`;
    renameSync(`${path}-wal`, aside);
    rmSync(`${path}-shm`, { force: true });

    expect(second.walMovedAsideTo()).toBe(aside);
    const refusal = new StoreHealth(second).writeRefusal()!;
    expect(refusal.problem.cause).toBe('STORE_FILE_REPLACED');
    expect(refusal.messageZh).toContain(`已被同一文件上的另一台 Rectify 服务移开（改名为 ${aside}）`);
    expect(refusal.messageZh).toContain('被替换或覆盖');
    expect(refusal.messageZh).not.toContain('被删除');
    expect(refusal.messageZh).not.toContain('保留即可');
    expect(refusal.message).toContain(`was moved aside, to ${aside}, by another Rectify server on this file`);
    await second.close();
    await first.close();
  });

  it('is not found when the -wal was deleted', async () => {
    const path = join(folder, 'rectify.db');
    const store = new SqliteEventStore(path, { writerThread: false });
    await store.identify();
    await store.appendToStream('notes', [event()], { expectedRevision: 'no_stream' });
    rmSync(`${path}-wal`);
    expect(store.walMovedAsideTo()).toBeNull();
    expect(new StoreHealth(store).writeRefusal()!.messageZh).toContain('被删除');
    await store.close();
  });
});
