import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { SqliteEventStore } from './sqlite-event-store.js';
import { LiveServerRegistration, judgeCompanionsGoneUnderLiveServers, judgeReplacedUnderLiveServers, liveServersFolderOf, liveServersOn } from './live-servers.js';

/** A store file of its own (only its inode matters here). */
function storeFile(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'rectify-live-servers-')), 'rectify.db');
  writeFileSync(path, '');
  return path;
}

const facts = (keyFingerprint: string | null, copyName: string | null = null) => ({ copyName, keyFile: '/keys/ledger-signing-key.pem', keyFingerprint });

describe('The servers on one store file (live-servers.ts)', () => {
  it('two servers registering at one moment with different keys: each sees the other disagree, whichever registered first; the one left after the other stopped agrees', () => {
    const path = storeFile();
    const first = new LiveServerRegistration(path, facts('1111111111111111'));
    const second = new LiveServerRegistration(path, facts('2222222222222222'));
    try {
      expect(second.disagreement()?.reason).toBe('KEY_DIFFERS_FROM_LIVE_SERVER');
      expect(first.disagreement()?.reason).toBe('KEY_DIFFERS_FROM_LIVE_SERVER');
      second.close();
      expect(first.disagreement()).toBeNull();
      expect(readdirSync(liveServersFolderOf(path))).toHaveLength(1);
    } finally {
      first.close();
      second.close();
    }
    expect(readdirSync(liveServersFolderOf(path))).toEqual([]);
  });

  it('a server whose key is still to be generated is judged by its copy name only, and names its key once known', () => {
    const path = storeFile();
    const first = new LiveServerRegistration(path, facts(null, '正式'));
    const second = new LiveServerRegistration(path, facts('2222222222222222', '正式'));
    try {
      expect(second.disagreement()).toBeNull();
      first.noteSigningKey('1111111111111111');
      expect(second.disagreement()?.reason).toBe('KEY_DIFFERS_FROM_LIVE_SERVER');
    } finally {
      first.close();
      second.close();
    }
  });

  it('removes the entry of a process of this host that ended (killed: no shutdown removed it), and takes it for no server', () => {
    const path = storeFile();
    const ended = spawnSync(process.execPath, ['-e', '0']).pid!;
    let namespace: string | null = null;
    try {
      namespace = readlinkSync('/proc/self/ns/pid');
    } catch {
      // Not Linux: the entry is judged by its age instead (below).
    }
    const folder = liveServersFolderOf(path);
    mkdirSync(folder);
    const seenAt = namespace ? new Date().toISOString() : '2026-01-01T00:00:00.000Z';
    writeFileSync(
      join(folder, `${hostname()}-${ended}-dddddddddddd.json`),
      JSON.stringify({
        version: 1,
        id: 'dddddddddddd',
        host: hostname(),
        pid: ended,
        pidNamespace: namespace,
        processStart: '1',
        storeInode: statSync(path, { bigint: true }).ino.toString(),
        startedAt: seenAt,
        seenAt,
        cwd: '/elsewhere',
        copyName: '别的名称',
        keyFile: '/elsewhere/keys/ledger-signing-key.pem',
        keyFingerprint: 'ffffffffffffffff',
      }),
    );
    expect(liveServersOn(path)).toEqual([]);
    expect(readdirSync(folder)).toEqual([]);
  });

  // breaker9l P5: a backup renamed over the store while a server runs; a second server or a tool started meanwhile read
  // that server's -wal over the restored file, said ready at the old head and wrote into it.
  it('refuses a start on a file that replaced the one a live server opened at this path, naming it, until it stops; not a copy of the folder, nor the same file', () => {
    const path = storeFile();
    const running = new LiveServerRegistration(path, facts('1111111111111111'));
    try {
      expect(judgeReplacedUnderLiveServers(path)).toBeNull();
      // A copy of the data folder, the registry with it, is another place: not judged by this server.
      const copied = join(mkdtempSync(join(tmpdir(), 'rectify-live-servers-copy-')), 'data');
      cpSync(dirname(path), copied, { recursive: true });
      expect(judgeReplacedUnderLiveServers(join(copied, 'rectify.db'))).toBeNull();
      writeFileSync(`${path}.restored`, 'backup');
      renameSync(`${path}.restored`, path);
      const refusal = judgeReplacedUnderLiveServers(path)!;
      expect(refusal.reason).toBe('STORE_REPLACED_UNDER_LIVE_SERVER');
      expect(refusal.message).toContain(`pid ${process.pid}`);
      expect(refusal.messageZh).toContain('仍在使用替换之前的那个文件');
      expect(refusal.messageZh).toContain('请先停止它');
      // Deleted (and about to be made again) under it: the same.
      rmSync(path);
      expect(judgeReplacedUnderLiveServers(path)?.reason).toBe('STORE_REPLACED_UNDER_LIVE_SERVER');
    } finally {
      running.close();
    }
    expect(judgeReplacedUnderLiveServers(path)).toBeNull();
  });

  // breaker9k P6 second half: the -shm deleted under a running server; the next process built a second WAL index beside its own.
  it('refuses a start on a file a live server holds whose -wal or -shm was removed, until it stops', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'rectify-live-servers-')), 'rectify.db');
    const store = new SqliteEventStore(path);
    await store.identify();
    const running = new LiveServerRegistration(path, facts('1111111111111111'));
    try {
      expect(judgeCompanionsGoneUnderLiveServers(path)).toBeNull();
      rmSync(`${path}-shm`);
      const refusal = judgeCompanionsGoneUnderLiveServers(path)!;
      expect(refusal.reason).toBe('STORE_FILES_GONE_UNDER_LIVE_SERVER');
      expect(refusal.message).toContain(`${path}-shm of the event store ${path} is gone while another Rectify server (host ${hostname()}, pid ${process.pid}`);
    } finally {
      running.close();
      await store.close();
    }
    expect(judgeCompanionsGoneUnderLiveServers(path)).toBeNull();
  });
});
