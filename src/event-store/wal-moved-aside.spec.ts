import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

/*
 * breaker52-9 S7: a server of the new release and one of the previous release on one file; the new one took the file for
 * written over and moved the shared -wal aside — the other server's later acknowledged writes went with it, and the next
 * start refused STORE_SHORTER. A -wal another live server on the very file holds is left where it is, and said so.
 */
describe('The -wal another live server on the file holds (breaker52-9 S7)', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'rectify-wal-held-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  /** The entry a server of another process (another host: live while written within 30 s) keeps in `<path>.servers/`. */
  const otherServerEntry = (path: string) => {
    const entries = `${path}.servers`;
    mkdirSync(entries, { recursive: true });
    const now = new Date().toISOString();
    const entry = { version: 1, id: 'older-release', host: 'office-server-2', pid: 4242, pidNamespace: null, processStart: null, storeInode: statSync(path, { bigint: true }).ino.toString(), storePath: realpathSync(path), startedAt: now, seenAt: now, cwd: '/srv/rectify-previous', copyName: null, keyFile: '/srv/keys/ledger.key', keyFingerprint: null };
    writeFileSync(join(entries, 'office-server-2-4242-older-release.json'), JSON.stringify(entry));
  };

  it('given another live server on the file this server opened, when the file is replaced under them, then the -wal stays at the path and the refusal says whose it is', async () => {
    const path = join(folder, 'rectify.db');
    const store = new SqliteEventStore(path, { writerThread: false });
    await store.identify();
    await store.appendToStream('notes', [event()], { expectedRevision: 'no_stream' });
    copyFileSync(path, join(folder, 'backup.db'));
    await store.appendToStream('notes', [event(), event()], { expectedRevision: 0 });
    otherServerEntry(path);
    const wal = statSync(`${path}-wal`, { bigint: true }).ino;
    renameSync(join(folder, 'backup.db'), path);

    const health = new StoreHealth(store);
    expect(health.storeDetached()).toBe(true);
    expect(statSync(`${path}-wal`, { bigint: true }).ino).toBe(wal);
    expect(readdirSync(folder).filter((name) => name.endsWith('-old-wal'))).toEqual([]);
    const refusal = health.writeRefusal()!;
    expect(refusal.problem.cause).toBe('STORE_FILE_REPLACED');
    expect(refusal.messageZh).toContain(`${path}-wal 保留在原处：同一文件上的另一台运行中的 Rectify 服务（主机 office-server-2，进程 4242`);
    expect(refusal.message).toContain('was left where it is: another live Rectify server on this file (host office-server-2, pid 4242');
    await store.close();
    expect(statSync(`${path}-wal`, { bigint: true }).ino).toBe(wal);
  });
});
