import { join } from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { freshFolderExample, judgeCutAtEnd, movedAwayWords, oldWalBesideCopyNote } from './store-admission.js';
import type { StoreWitness } from './store-witness.js';

/*
 * newcomer15 S1: a tool refused on ./data/try/rectify.db (the try folder deleted and made again)
 * advised "give it a folder of its own (e.g. SQLITE_PATH=./data/try/rectify.db)" — the very store it
 * refused; following the advice looped. The example now names a folder beside it that does not exist.
 */
describe('freshFolderExample', () => {
  const cwd = process.cwd();
  const existing = (...paths: string[]) => (path: string) => paths.map((relative) => join(cwd, relative)).includes(path);

  it('names the next numbered folder beside the refused one, never the refused one', () => {
    expect(freshFolderExample('./data/try/rectify.db', existing('data/try'))).toBe('./data/try2/rectify.db');
    expect(freshFolderExample('./data/try/rectify.db', existing('data/try', 'data/try2', 'data/try3'))).toBe('./data/try4/rectify.db');
    expect(freshFolderExample('data/try2/office.db', existing('data/try2'))).toBe('./data/try3/office.db');
  });

  it('gives an absolute path for a store outside the working folder', () => {
    expect(freshFolderExample('/var/lib/rectify/rectify.db', () => false)).toBe('/var/lib/rectify2/rectify.db');
  });
});

// breaker9h P2: after an accepted reset, only what the accepted file had numbered is excused.
describe('judgeCutAtEnd', () => {
  it('refuses a numbering past the head; past an accepted reset, only past what that reset took', () => {
    expect(judgeCutAtEnd('x.db', 8n, 8)).toBeNull();
    expect(judgeCutAtEnd('x.db', 2n, 6)?.message).toMatch(/events at position 3–6 were deleted/);
    expect(judgeCutAtEnd('x.db', 2n, 6, 6)).toBeNull();
    expect(judgeCutAtEnd('x.db', 2n, 8, 6)?.messageZh).toMatch(/位置 7–8 的事件已从日志末尾删除/);
    expect(judgeCutAtEnd('x.db', 9n, 10, 6)?.message).toMatch(/events at position 10 were deleted/);
  });
});

// breaker9z P13: a forged row the last start refused past the witnessed head, removed since, was never acknowledged.
describe('judgeCutAtEnd after a start refused rows past the witnessed head', () => {
  const refused = { from: '235', upTo: '236' };

  it('given rows 235–236 refused at the last start, when they are removed and the log ends at 234, then nothing was deleted', () => {
    expect(judgeCutAtEnd('x.db', 234n, 236, undefined, refused)).toBeNull();
  });

  it('given rows 235–236 refused, when the file numbered past them (237), then 237 was deleted from the end', () => {
    expect(judgeCutAtEnd('x.db', 234n, 237, undefined, refused)?.message).toMatch(/events at position 237 were deleted/);
  });

  it('given rows 235–236 refused, when the log ends before the row they followed (233), then 234–236 were deleted', () => {
    expect(judgeCutAtEnd('x.db', 233n, 236, undefined, refused)?.message).toMatch(/events at position 234–236 were deleted/);
  });
});

/*
 * breaker52-9 S4: an installation moved to /srv/new (README: copy the folder, same keys); the old place, started again after
 * the new place wrote on, said `ready` at its older head — with no STORE_COPY_NAME not a word. Judged by what the key-side
 * witness saw of the same store at the other place.
 */
describe('The place an installation moved away from, started again (breaker52-9 S4)', () => {
  const newPlace = (head: string, copyName?: string): StoreWitness =>
    ({ storeId: 's', kind: 'sqlite', location: '/srv/new/rectify.db', head, seenAt: '2026-12-07T05:00:00.000Z', ...(copyName ? { copyName } : {}) }) as unknown as StoreWitness;

  it('given the other place further on under the same copy name, or both unnamed, when the old place starts, then it is told which place is ahead, how far, and not to move that one aside', () => {
    const unnamed = movedAwayWords('/srv/old/rectify.db', 311n, null, [newPlace('315')]);
    expect(unnamed?.zh).toContain('本事件库也曾在 /srv/new/rectify.db 运行（两处都未设置 STORE_COPY_NAME），那里已记录到位置 315');
    expect(unnamed?.zh).toContain('/srv/old/rectify.db 只到位置 311：那里在位置 311 之后记录的内容（位置 312–315）不在此处');
    expect(unnamed?.zh).toContain('这里是旧位置：请停止本服务，启动 /srv/new/rectify.db 的服务——切勿把那里的文件夹移走');
    expect(unnamed?.en).toContain('this is the old place: stop this server and start the one at /srv/new/rectify.db — do not move that folder aside');
    expect(movedAwayWords('/srv/old/rectify.db', 311n, '正式', [newPlace('315', '正式')])?.zh).toContain('（两处都以 STORE_COPY_NAME=正式 运行）');
  });

  it('given the other place no further, or under another copy name (a drill), then nothing', () => {
    expect(movedAwayWords('/srv/old/rectify.db', 311n, null, [newPlace('311')])).toBeNull();
    expect(movedAwayWords('/srv/old/rectify.db', 311n, '正式', [newPlace('315', '演练')])).toBeNull();
  });
});

/*
 * breaker52-9 S7: a server moved its -wal aside with its rescued copy while a server of the previous release went on writing
 * into that -wal; the next start's STORE_SHORTER said the copy "can be deleted" and never named the -old-wal holding 63 events.
 */
describe('The -old-wal beside a rescued copy (breaker52-9 S7)', () => {
  it('given a rescued copy with its -old-wal beside the store, when a start is refused, then both are named, to be kept, and how to read them together', () => {
    const folder = mkdtempSync(join(tmpdir(), 'rectify-old-wal-'));
    const path = join(folder, 'rectify.db');
    const copy = `${path}.rescued-2026-12-07T05-10-45-651Z.db`;
    writeFileSync(copy, 'copy');
    writeFileSync(`${copy}-old-wal`, 'wal');
    const note = oldWalBesideCopyNote(path);
    expect(note?.zh).toContain(`事件库旁有 ${copy}-old-wal：这是某台服务连同副本 ${copy} 一起移开的预写日志`);
    expect(note?.zh).toContain('请两者都保留（无论对副本如何说明，都不要删除）');
    expect(note?.en).toContain('as rectify.db-wal, and run npm run ledger:verify on it');
    expect(oldWalBesideCopyNote(join(mkdtempSync(join(tmpdir(), 'rectify-old-wal-')), 'rectify.db'))).toBeNull();
  });
});
