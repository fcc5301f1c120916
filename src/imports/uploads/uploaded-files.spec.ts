import { Clock } from '../../shared/clock.js';
import { DomainError } from '../../shared/domain-error.js';
import type { Actor } from '../../shared/command-context.js';
import { MAX_IMPORT_FILE_BYTES } from '../../shared/graphql/file-upload.js';
import { MAX_WAITING_BYTES_PER_UPLOADER, UPLOAD_TTL_MS, UploadedFiles, UploadsFull } from './uploaded-files.js';

class FixedClock extends Clock {
  instant = Date.parse('2026-11-30T02:00:00Z');
  now(): Date {
    return new Date(this.instant);
  }
}

const uploader = (id: string): Actor => ({ id, role: 'SUPERVISOR', unitId: null });
const fullSize = () => new Uint8Array(MAX_IMPORT_FILE_BYTES);
const read = (uploads: UploadedFiles, owner: Actor, fileId: string) => uploads.fileOf(owner, { fileName: 'plan.csv', fileId });

describe('files waiting for their imports', () => {
  let clock: FixedClock;
  let uploads: UploadedFiles;
  beforeEach(() => {
    clock = new FixedClock();
    uploads = new UploadedFiles(clock);
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
