import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { judgeStrayWal, setStrayWalAside, witnessedNodeOf, type WitnessedStoreFile } from './stray-wal.js';

/*
 * breaker9m P3: a -wal left beside another file than the one it was written with is found before
 * anything opens the store, and moved aside, named; a file and -wal that came together are left.
 */

/** A database header with `pageSize` (bytes 16–17) and a -wal header with `walPageSize` (bytes 8–11), each followed by some bytes. */
function storeFiles(file: string, pageSize = 4096, walPageSize = pageSize, bytes = 8192) {
  const database = Buffer.alloc(bytes);
  database.write('SQLite format 3\u0000', 0, 'latin1');
  database.writeUInt16BE(pageSize === 65536 ? 1 : pageSize, 16);
  writeFileSync(file, database);
  const wal = Buffer.alloc(32 + 24 + walPageSize);
  wal.writeUInt32BE(0x377f0682, 0);
  wal.writeUInt32BE(3007000, 4);
  wal.writeUInt32BE(walPageSize, 8);
  writeFileSync(`${file}-wal`, wal);
  writeFileSync(`${file}-shm`, Buffer.alloc(32768));
}

/** What a witness written now would record of the file and its -wal. */
const witnessedNow = (file: string, bytes = 8192): WitnessedStoreFile => ({ ...witnessedNodeOf(file)!, bytes, wal: witnessedNodeOf(`${file}-wal`) });

describe('A -wal beside the store', () => {
  let folder: string;
  let file: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'rectify-stray-wal-'));
    file = join(folder, 'rectify.db');
  });

  it('is the file\'s own when file and -wal are those the witness saw, or when no witness recorded them', () => {
    storeFiles(file);
    expect(judgeStrayWal(file, [witnessedNow(file)])).toBeNull();
    expect(judgeStrayWal(file, [undefined])).toBeNull();
  });

  it('belongs to another file when the file was replaced (a backup moved over it) and the -wal stayed', () => {
    storeFiles(file);
    const seen = witnessedNow(file);
    storeFiles(join(folder, 'backup.db'));
    renameSync(join(folder, 'backup.db'), file);
    // The backup's own -wal was not brought along: the crashed file's stays.
    expect(judgeStrayWal(file, [undefined, seen])).toEqual({ file, reason: 'OTHER_FILE', witnessed: seen });
  });

  it('belongs to the file when both were copied together (a folder copied or moved whole)', () => {
    storeFiles(file);
    const seen = witnessedNow(file);
    const copy = join(folder, 'copy');
    mkdirSync(copy);
    for (const name of ['rectify.db', 'rectify.db-wal']) cpSync(join(folder, name), join(copy, name));
    expect(judgeStrayWal(join(copy, 'rectify.db'), [seen])).toBeNull();
  });

  it('belongs to another file when the file is smaller than the witness saw it (an older copy written over it in place)', () => {
    storeFiles(file, 4096, 4096, 16384);
    const seen = witnessedNow(file, 16384);
    truncateSync(file, 8192);
    expect(judgeStrayWal(file, [seen])?.reason).toBe('FILE_SHRUNK');
    expect(setStrayWalAside(judgeStrayWal(file, [seen])!, new Date()).note.zh).toContain('有另一个（较旧的）文件被复制覆盖到了它上面');
  });

  it('says a file emptied to nothing was deleted and an empty one made, not an older copy written over it (newcomer54-9 M10)', () => {
    storeFiles(file, 4096, 4096, 16384);
    const seen = witnessedNow(file, 16384);
    truncateSync(file, 0);
    const stray = judgeStrayWal(file, [seen])!;
    expect(stray.reason).toBe('FILE_SHRUNK');
    const { note } = setStrayWalAside(stray, new Date());
    expect(note.zh).toContain('原事件库文件已被删除，并在原路径新建了一个空文件');
    expect(note.zh).not.toContain('较旧的');
  });

  it('belongs to another file when its pages are not the size of the file\'s', () => {
    storeFiles(file, 4096, 1024);
    expect(judgeStrayWal(file, [])?.reason).toBe('PAGE_SIZE');
  });

  it('is moved aside with its -shm to names SQLite never reads, the note naming where and how to go back', () => {
    storeFiles(file);
    const seen = witnessedNow(file);
    storeFiles(join(folder, 'backup.db'));
    renameSync(join(folder, 'backup.db'), file);
    const stray = judgeStrayWal(file, [seen])!;
    const setAside = setStrayWalAside(stray, new Date('2026-12-02T04:05:06.789Z'));
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(existsSync(`${file}-shm`)).toBe(false);
    expect(readdirSync(folder).filter((name) => name.startsWith('rectify.db')).sort()).toEqual(['rectify.db', 'rectify.db-shm.other-file-2026-12-02T04-05-06-789Z', 'rectify.db-wal.other-file-2026-12-02T04-05-06-789Z']);
    const moved = `${file}-wal.other-file-2026-12-02T04-05-06-789Z`;
    expect(setAside.moved).toEqual([
      { from: `${file}-wal`, to: moved },
      { from: `${file}-shm`, to: `${file}-shm.other-file-2026-12-02T04-05-06-789Z` },
    ]);
    expect(setAside.note.zh).toContain(`已将它移到 ${moved}（其 -shm 同样移开）并保留`);
    expect(setAside.note.zh).toContain(`inode ${seen.inode}`);
    expect(setAside.note.en).toContain(`rename ${moved} to ${file}-wal`);
    // Nothing stray is left: judged again, the file has no -wal.
    expect(judgeStrayWal(file, [seen])).toBeNull();
  });
});
