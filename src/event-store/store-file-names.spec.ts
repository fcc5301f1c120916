import { linkSync, mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LiveServerEntry } from './live-servers.js';
import { fileNodeOf, judgeOtherNames, otherNamesNotice, otherNamesOf } from './store-file-names.js';

/** A data folder with a store file and a hard-link "snapshot" of it beside, as `cp -al data/ snap/` leaves them. */
function linkedPair() {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'rectify-names-')));
  const store = join(root, 'data', 'rectify.db');
  const snap = join(root, 'snap', 'rectify.db');
  mkdirSync(join(root, 'data'));
  mkdirSync(join(root, 'snap'));
  writeFileSync(store, 'SQLite format 3\0');
  linkSync(store, snap);
  return { root, store, snap };
}

const entryServing = (path: string): LiveServerEntry => ({
  version: 1,
  id: 'abc123',
  host: 'office-host',
  pid: 4242,
  pidNamespace: null,
  processStart: null,
  storeInode: fileNodeOf(path)!.ino,
  storePath: path,
  startedAt: '2026-12-01T00:00:00.000Z',
  seenAt: '2026-12-01T00:00:00.000Z',
  cwd: '/srv/rectify',
  copyName: null,
  keyFile: '/srv/rectify/keys/ledger-signing-key.pem',
  keyFingerprint: null,
});
const noServers = () => [];

describe('A store file known by its device and inode, whatever name reaches it', () => {
  it('finds a file of the same name in a folder beside the store (cp -al data/ snap/)', () => {
    const { store, snap } = linkedPair();
    expect(otherNamesOf(store)).toEqual([snap]);
    expect(otherNamesOf(snap)).toEqual([store]);
  });

  it('lets the name the witnesses saw start, refuses the other name, and refuses both when no witness says which is the store', () => {
    const { store, snap } = linkedPair();
    expect(judgeOtherNames(store, [store], noServers)).toBeNull();
    const stray = judgeOtherNames(snap, [store], noServers)!;
    expect(stray.reason).toBe('STORE_FILE_HAS_OTHER_NAMES');
    expect(stray.messageZh).toContain(`本安装是以 ${store} 使用该事件库的`);
    expect(stray.message).toContain(`rm ${snap}`);
    for (const name of [store, snap]) expect(judgeOtherNames(name, [], noServers)?.messageZh).toContain('没有事件库见证文件记载该事件库是以哪个名称使用的');
  });

  it('refuses even the witnessed name while a live server serves the file by another name', () => {
    const { store, snap } = linkedPair();
    const servers = (path: string) => (path === snap ? [entryServing(snap)] : []);
    const refusal = judgeOtherNames(store, [store, snap], servers)!;
    expect(refusal.messageZh).toContain(`另一台 Rectify 服务（主机 office-host，进程 4242，在文件夹 /srv/rectify 中启动）正以 ${snap} 的名称使用它`);
    // An entry of a server on this very name (or another file) is not another name's server.
    expect(judgeOtherNames(store, [store], (path) => (path === store ? [entryServing(store)] : []))).toBeNull();
  });

  it('says nothing for a file with one name', () => {
    const root = mkdtempSync(join(tmpdir(), 'rectify-names-'));
    const store = join(root, 'rectify.db');
    writeFileSync(store, 'x');
    expect(judgeOtherNames(store, [], noServers)).toBeNull();
    expect(otherNamesNotice(store, [])).toBeNull();
    expect(otherNamesOf(store)).toEqual([]);
  });
});
