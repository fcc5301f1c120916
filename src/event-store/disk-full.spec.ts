import { DiskFullError, LOW_SPACE_BYTES, diskFullOf, sqliteFileOf } from './disk-full.js';

/** A failure as better-sqlite3 or Node raises it: an Error with SQLite's or the system's `code`. */
const failure = (message: string, code: string, path?: string) => Object.assign(new Error(message), { code }, path === undefined ? {} : { path });
const STORE = '/srv/rectify/data/rectify.db';

describe('Whether a failure on the store is its disk being full (breaker9h P3)', () => {
  const left = (bytes: number | null) => (folder: string) => (folder === '/srv/rectify/data' || folder === '/mnt/out' ? bytes : null);

  it('names the disk full for the I/O error SQLite answers when its -shm cannot grow, with 8 KB left, in both languages', () => {
    const full = diskFullOf(failure('disk I/O error', 'SQLITE_IOERR_SHMSIZE'), STORE, left(8 * 1024))!;
    expect(full).toBeInstanceOf(DiskFullError);
    expect(full.code).toBe('DISK_FULL');
    expect(full.messageZh).toBe(`磁盘已满（DISK_FULL）：${STORE} 所在的磁盘已满（仅剩 8 KB），无法写入。请在该磁盘上腾出空间（至少 1 MB）后重试。`);
    expect(full.message).toBe(
      `Disk full (DISK_FULL): the disk holding ${STORE} is full (SQLITE_IOERR_SHMSIZE: disk I/O error, 8 KB free), so nothing could be written there. Free space on that disk (at least 1 MB) and try again.`,
    );
  });

  it('keeps the words of a failure that already says what it could not write, under the code', () => {
    const witness = Object.assign(failure('The store witness /srv/w.json cannot be written (the disk holding it is full).', 'ENOSPC', '/srv/w.json'), {
      messageZh: '事件库见证文件 /srv/w.json 无法写入（其所在磁盘已满）。',
    });
    const full = diskFullOf(witness, STORE, left(0))!;
    expect(full.message).toBe('Disk full (DISK_FULL): The store witness /srv/w.json cannot be written (the disk holding it is full).');
    expect(full.messageZh).toBe('磁盘已满（DISK_FULL）：事件库见证文件 /srv/w.json 无法写入（其所在磁盘已满）。');
  });

  it('leaves an I/O error on a disk with room a disk fault', () => {
    expect(diskFullOf(failure('disk I/O error', 'SQLITE_IOERR_WRITE'), STORE, left(LOW_SPACE_BYTES))).toBeNull();
    expect(diskFullOf(failure('disk I/O error', 'SQLITE_IOERR_WRITE'), STORE, left(null))).toBeNull();
  });

  it('names SQLITE_FULL the full disk whatever the space now, and ENOSPC naming the file the system named', () => {
    expect(diskFullOf(failure('database or disk is full', 'SQLITE_FULL'), STORE, left(5 * 1024 * 1024))?.path).toBe(STORE);
    const output = diskFullOf(failure('no space left on device', 'ENOSPC', '/mnt/out/ledger.csv'), STORE, left(0))!;
    expect(output.path).toBe('/mnt/out/ledger.csv');
    expect(output.messageZh).toContain('/mnt/out/ledger.csv 所在的磁盘已满（仅剩 0 KB）');
  });

  it('leaves other failures, and a store that is not a file, alone', () => {
    expect(diskFullOf(failure('file is not a database', 'SQLITE_NOTADB'), STORE, left(0))).toBeNull();
    expect(diskFullOf(new Error('no code'), STORE, left(0))).toBeNull();
    expect(diskFullOf(failure('disk I/O error', 'SQLITE_IOERR_SHMSIZE'), null, left(0))).toBeNull();
    expect(sqliteFileOf({ EVENT_STORE: 'sqlite', SQLITE_PATH: ':memory:' })).toBeNull();
    expect(sqliteFileOf({ EVENT_STORE: 'eventstoredb', SQLITE_PATH: STORE })).toBeNull();
    expect(sqliteFileOf({ EVENT_STORE: 'sqlite', SQLITE_PATH: STORE })).toBe(STORE);
  });
});
