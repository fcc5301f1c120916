import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Clock } from '../../shared/clock.js';
import { DomainError } from '../../shared/domain-error.js';
import type { Actor } from '../../shared/command-context.js';
import { MAX_IMPORT_FILE_BYTES } from '../../shared/graphql/file-upload.js';
import { MAX_WAITING_BYTES_PER_UPLOADER, UPLOAD_TTL_MS, UploadNotKept, UploadedFiles, UploadsFull, tooLarge, uploadsFolderFor } from './uploaded-files.js';

class FixedClock extends Clock {
  instant = Date.parse('2026-11-30T02:00:00Z');
  now(): Date {
    return new Date(this.instant);
  }
}

const uploader = (id: string): Actor => ({ id, role: 'SUPERVISOR', unitId: null });
const fullSize = () => new Uint8Array(MAX_IMPORT_FILE_BYTES);
const read = (uploads: UploadedFiles, owner: Actor, fileId: string) => uploads.fileOf(owner, { fileName: 'plan.csv', fileId });

const newFolder = () => join(mkdtempSync(join(tmpdir(), 'rectify-uploads-')), 'rectify.db.uploads');

describe.each([
  ['in memory', () => null],
  ['in a folder beside the store', newFolder],
])('files waiting for their imports, %s,', (_where, folder) => {
  let clock: FixedClock;
  let uploads: UploadedFiles;
  beforeEach(() => {
    clock = new FixedClock();
    uploads = new UploadedFiles(clock, folder());
  });

  it("never evict another user's file: fourteen full-size uploads by one supervisor leave the admin's units file in place", () => {
    const admin = { ...uploader('admin'), role: 'ADMIN' as const };
    const { fileId } = uploads.put(admin, 'units.csv', new TextEncoder().encode('编码,名称\nCZJ,青川市财政局\n'));
    for (let i = 0; i < 14; i += 1) uploads.put(uploader('supervisor'), `big-${i}.csv`, fullSize());
    expect(new TextDecoder().decode(read(uploads, admin, fileId).content)).toContain('青川市财政局');
  });

  it("make room for a user's new file from that user's own oldest, keeping three full-size files", () => {
    const supervisor = uploader('supervisor');
    const receipts = Array.from({ length: 4 }, (_, i) => uploads.put(supervisor, `plan-${i}.csv`, fullSize()));
    expect(MAX_WAITING_BYTES_PER_UPLOADER).toBe(3 * MAX_IMPORT_FILE_BYTES);
    expect(() => read(uploads, supervisor, receipts[0]!.fileId)).toThrow(DomainError);
    for (const receipt of receipts.slice(1)) expect(read(uploads, supervisor, receipt.fileId).content.byteLength).toBe(MAX_IMPORT_FILE_BYTES);
  });

  it('refuse an upload, rather than evict, when the other users fill the 64 MB: and take it once theirs expire', () => {
    for (const id of ['a', 'b', 'c', 'd']) for (let i = 0; i < 3; i += 1) uploads.put(uploader(id), `${id}-${i}.csv`, fullSize());
    const late = uploader('e');
    expect(() => uploads.put(late, 'late.csv', fullSize())).toThrow(UploadsFull);
    try {
      uploads.put(late, 'late.csv', fullSize());
    } catch (error) {
      expect((error as UploadsFull).messageZh).toBe('服务器为待导入文件保留的 64 MB 空间已满。请几分钟后再试（其他文件导入或过期后会腾出空间）。');
    }
    clock.instant += UPLOAD_TTL_MS;
    expect(uploads.put(late, 'late.csv', fullSize()).size).toBe(MAX_IMPORT_FILE_BYTES);
  });
});

/*
 * breaker9g P2: each server kept its uploads in its own memory, so behind a balancer the import
 * met the other server about half the time and was told NOT_FOUND "…保留 30 分钟". In a folder
 * beside the store, every process on the store is one keeper.
 */
describe('files waiting in a folder beside the store', () => {
  const supervisor = uploader('supervisor');
  const csv = new TextEncoder().encode('编码,名称\nCZJ,青川市财政局\n');

  it('is <SQLITE_PATH>.uploads for a file, ./data/eventstoredb.uploads for EventStoreDB, memory for :memory:', () => {
    expect(uploadsFolderFor({ EVENT_STORE: 'sqlite', SQLITE_PATH: './data/rectify.db' })).toBe('./data/rectify.db.uploads');
    expect(uploadsFolderFor({ EVENT_STORE: 'sqlite', SQLITE_PATH: ':memory:' })).toBeNull();
    expect(uploadsFolderFor({ EVENT_STORE: 'eventstoredb', SQLITE_PATH: './data/rectify.db' })).toBe('./data/eventstoredb.uploads');
  });

  it('finds a file another process kept there, for its uploader only; expired, it is gone for both', () => {
    const folder = newFolder();
    const clock = new FixedClock();
    const [one, other] = [new UploadedFiles(clock, folder), new UploadedFiles(clock, folder)];
    const { fileId } = one.put(supervisor, 'units.csv', csv);
    expect(new TextDecoder().decode(read(other, supervisor, fileId).content)).toContain('青川市财政局');
    expect(() => read(other, uploader('someone-else'), fileId)).toThrow(DomainError);
    clock.instant += UPLOAD_TTL_MS;
    expect(() => read(other, supervisor, fileId)).toThrow(DomainError);
    other.put(supervisor, 'next.csv', csv);
    expect(readdirSync(folder).filter((name) => name.startsWith(fileId))).toEqual([]);
  });

  it("counts another process's files in the room: one supervisor's fourth full-size file makes way for the first, whichever process took it", () => {
    const folder = newFolder();
    const clock = new FixedClock();
    const [one, other] = [new UploadedFiles(clock, folder), new UploadedFiles(clock, folder)];
    const first = one.put(supervisor, 'plan-0.csv', fullSize());
    for (let i = 1; i < 4; i += 1) (i % 2 === 0 ? one : other).put(supervisor, `plan-${i}.csv`, fullSize());
    expect(() => read(one, supervisor, first.fileId)).toThrow(DomainError);
  });

  it('never reads a path: a fileId that is not an upload id names no file', () => {
    const folder = newFolder();
    const uploads = new UploadedFiles(new FixedClock(), folder);
    const { fileId } = uploads.put(supervisor, 'units.csv', csv);
    for (const named of ['../rectify.db', `${fileId}/../${fileId}`, `${fileId}.bin`, '']) {
      expect(() => read(uploads, supervisor, named)).toThrow(DomainError);
    }
  });

  it('removes what a process stopped mid-write left behind, once it is older than a file waits', () => {
    const folder = newFolder();
    const clock = new FixedClock();
    const uploads = new UploadedFiles(clock, folder);
    uploads.put(supervisor, 'units.csv', csv);
    const orphan = join(folder, '00000000-0000-4000-8000-000000000000.bin');
    writeFileSync(orphan, 'half');
    clock.instant = Math.ceil(statSync(orphan).mtimeMs) + UPLOAD_TTL_MS;
    uploads.put(supervisor, 'next.csv', csv);
    expect(existsSync(orphan)).toBe(false);
  });

  it('answers an upload it cannot keep (the folder cannot be written) as not kept, naming why in Chinese', () => {
    const folder = newFolder();
    writeFileSync(folder, 'a file where the folder should be');
    const uploads = new UploadedFiles(new FixedClock(), folder);
    expect(() => uploads.put(supervisor, 'units.csv', csv)).toThrow(UploadNotKept);
    try {
      uploads.put(supervisor, 'units.csv', csv);
    } catch (error) {
      expect((error as UploadNotKept).reason).toBe('WRITE_FAILED');
      expect((error as UploadNotKept).messageZh).toBe('服务器未能保存上传的文件（待导入文件的文件夹无法写入），未导入任何内容。请告知系统管理员。');
    }
  });
});

/*
 * breaker43-10 F8: the 413 of an upload pointed every file — findings and units too — to `npm run plan:import`, and said the
 * command-line tool has no size limit, though it refuses an XLSX that inflates past 100 MB.
 */
describe('the 413 of a file too large to upload', () => {
  it('names the command-line tool of each kind of import, and its own limit', () => {
    const error = tooLarge(6_000_000);
    for (const said of [error.message, error.messageZh]) expect(said).toMatch(/plan:import.*findings:import.*units:import.*100 MB/u);
    expect(error.messageZh).not.toContain('没有大小限制');
    expect(error.message).not.toContain('no size limit');
  });
});
