import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readOnlyFolderRefusal, readOnlyStoreFileRefusal } from './store-admission.js';

/*
 * breaker9q P1: a store FILE the server's user may not write (a backup restored as root with mv) started
 * "ready" and failed every write as a disk fault; the reset start died on SQLite's English words. Each file
 * a start writes beside the store is judged before anything opens it.
 */
describe('A store file this process may not write', () => {
  const folder = mkdtempSync(join(tmpdir(), 'rectify-store-files-'));
  const database = join(folder, 'rectify.db');
  const witness = join(folder, 'rectify.db.witness.json');
  for (const path of [database, `${database}-wal`, witness]) writeFileSync(path, '');
  mkdirSync(`${database}.servers`);
  const rootOwned = () => ({ owner: 'root', mode: '0644' });

  it.each([
    ['the database', database, '文件'],
    ['its -wal', `${database}-wal`, '文件'],
    ['the store witness', witness, '文件'],
    ['the folder of live-server entries', `${database}.servers`, '文件夹'],
  ])('is refused STORE_FILE_READ_ONLY when %s cannot be written, naming it, its owner and mode, the user and chown — in Chinese and English', (_what, path, kind) => {
    const refusal = readOnlyStoreFileRefusal(database, witness, (candidate) => (candidate === path ? 'EACCES' : null), rootOwned, 'rectify');
    expect(refusal?.reason).toBe('STORE_FILE_READ_ONLY');
    expect(refusal?.messageZh).toContain(`事件库的${kind} ${path}（SQLITE_PATH=${database}）属于 root（权限 0644），当前运行服务的用户 rectify 无法写入（EACCES）`);
    expect(refusal?.messageZh).toContain('事件库本身并未损坏——请勿再次从备份恢复');
    expect(refusal?.messageZh).toContain(`chown ${kind === '文件夹' ? '-R ' : ''}rectify ${path}`);
    expect(refusal?.message).toContain(`belongs to root (mode 0644), and this server's user rectify may not write it (EACCES)`);
  });

  it('is not refused when every file may be written, when a file is not there (a -shm not made yet), or for a store in memory', () => {
    expect(readOnlyStoreFileRefusal(database, witness, () => null, rootOwned, 'rectify')).toBeNull();
    const absent = `${database}-shm`;
    expect(readOnlyStoreFileRefusal(database, witness, (candidate) => (candidate === absent ? 'EACCES' : null), rootOwned, 'rectify')).toBeNull();
    expect(readOnlyStoreFileRefusal(':memory:', null, () => 'EACCES', rootOwned, 'rectify')).toBeNull();
  });

  it('asks a folder to be entered as well as written, a file only written', () => {
    const asked: [string, boolean][] = [];
    readOnlyStoreFileRefusal(database, witness, (candidate, isFolder) => (asked.push([candidate, isFolder]), null), rootOwned, 'rectify');
    expect(asked).toEqual([
      [database, false],
      [`${database}-wal`, false],
      [witness, false],
      [`${database}.servers`, true],
    ]);
  });

  it('leaves a writable folder to this check: the folder refusal comes only for the folder', () => {
    expect(readOnlyFolderRefusal(database, () => null)).toBeNull();
  });
});
