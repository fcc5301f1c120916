import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Columns } from './columns.js';
import { readSpreadsheet } from './sheet.js';
import { CONCURRENT_SHEET_READERS, readSpreadsheetOffThread, sheetReaderLoad } from './sheet-off-thread.js';
import { checkXlsxSize, clipMergedRanges } from './xlsx-size.js';
import { inRequestScope } from '../shared/request-scope.js';

/* Large files are read off the main thread, and an XLSX that would inflate past the limit is refused unread. */

const columns: Columns<'code' | 'title'> = {
  code: { label: '编号', aliases: ['编号'], required: true },
  title: { label: '事项', aliases: ['事项'], required: true },
};

/** The worker as `npm test` builds it before running (pretest). */
const BUILT_WORKER = new URL('../../dist/spreadsheet/sheet.worker.js', import.meta.url);

describe('reading in a worker thread', () => {
  it('gives what reading inline gives, the sample plan XLSX included', async () => {
    const sample = new Uint8Array(await readFile(fileURLToPath(new URL('../../samples/work-plan-2026.xlsx', import.meta.url))));
    const inWorker = await readSpreadsheetOffThread(sample, 'xlsx', columns, {}, BUILT_WORKER);
    expect(inWorker.ok).toBe(true);
    expect(inWorker).toEqual(await readSpreadsheet(sample, 'xlsx', columns));
  });

  it('reads at most a few sheets at once; the other imports wait their turn and are all answered', async () => {
    const sample = new Uint8Array(await readFile(fileURLToPath(new URL('../../samples/work-plan-2026.xlsx', import.meta.url))));
    const reads = Array.from({ length: CONCURRENT_SHEET_READERS + 3 }, () => readSpreadsheetOffThread(sample, 'xlsx', columns, {}, BUILT_WORKER));
    await new Promise((resolve) => setImmediate(resolve));
    expect(sheetReaderLoad()).toEqual({ reading: CONCURRENT_SHEET_READERS, waiting: 3, waitingBehindOwn: 0 });
    const results = await Promise.all(reads);
    expect(results.every((result) => result.ok)).toBe(true);
    expect(sheetReaderLoad()).toEqual({ reading: 0, waiting: 0, waitingBehindOwn: 0 });
  }, 240_000);

  it('reports a file the worker cannot read as a problem of the file', async () => {
    const result = await readSpreadsheetOffThread(new Uint8Array([1, 2, 3]), 'xlsx', columns, {}, BUILT_WORKER);
    expect(result).toMatchObject({ ok: false, problems: [{ row: null, reason: expect.stringMatching(/not an Excel workbook/) }] });
  });
});

/*
 * breaker12e P8: the sheet readers were one queue of two for every office, first come first served,
 * with no time bound: one supervisor's two dry runs of a heavy workbook made an administrator's
 * 2-row import wait 85 s.
 */
describe('sharing the readers between callers', () => {
  const scope = (caller: string) => ({ caller, signal: new AbortController().signal });

  it("reads one sheet of a caller at a time: another caller's file waits behind no more than one of theirs", async () => {
    const sample = new Uint8Array(await readFile(fileURLToPath(new URL('../../samples/work-plan-2026.xlsx', import.meta.url))));
    const read = (caller: string) => inRequestScope(scope(caller), () => readSpreadsheetOffThread(sample, 'xlsx', columns, {}, BUILT_WORKER));
    const supervisors = [read('account:supervisor'), read('account:supervisor'), read('account:supervisor')];
    const administrators = read('account:admin');
    await new Promise((resolve) => setImmediate(resolve));
    expect(sheetReaderLoad()).toEqual({ reading: 2, waiting: 0, waitingBehindOwn: 2 });
    const results = await Promise.all([...supervisors, administrators]);
    expect(results.every((result) => result.ok)).toBe(true);
  }, 240_000);

  it('stops a read that takes longer than an import may, and refuses the file asking for it to be split', async () => {
    const sample = new Uint8Array(await readFile(fileURLToPath(new URL('../../samples/work-plan-2026.xlsx', import.meta.url))));
    const deadline = new AbortController();
    const read = readSpreadsheetOffThread(sample, 'xlsx', columns, {}, BUILT_WORKER, () => deadline.signal);
    await new Promise((resolve) => setImmediate(resolve));
    expect(sheetReaderLoad().reading).toBe(1);
    deadline.abort();
    expect(await read).toMatchObject({
      ok: false,
      problems: [{ row: null, reason: expect.stringMatching(/longer than the 60 s an import may take: split it/), reasonZh: expect.stringMatching(/^读取该文件用时超过导入允许的 60 秒：请把文件拆成几个较小的文件/) }],
    });
  }, 240_000);
});

describe('the uncompressed size of an XLSX (zip bombs)', () => {
  it('refuses a workbook whose parts declare more than the limit, before inflating them', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1').addRow(['编号', '事项']);
    const content = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(await checkXlsxSize(content)).toBeNull();
    expect((await checkXlsxSize(content, 1000))?.en).toMatch(/more than 1,000 bytes uncompressed .*send it as CSV/);
    // Said of any file an import reads, not only a plan's (breaker43-10 F8: a findings file heard 「真实的方案不会这么大」).
    expect((await checkXlsxSize(content, 1000))?.zh).toContain('真实的方案、台账或单位名录都不会这么大');
  });

  // Deflating 200 MB is CPU work: a generous ceiling, since a loaded shared machine is many times slower.
  it('refuses a real zip bomb: 200 MB of one character in 200 KB', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('xl/sharedStrings.xml', new Uint8Array(200 * 1024 * 1024).fill(0x41));
    const bomb = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } });
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    const result = await readSpreadsheet(bomb, 'xlsx', columns);
    expect(result).toMatchObject({ ok: false, problems: [{ row: null, reason: expect.stringMatching(/^The workbook's parts hold more than 104,857,600 bytes uncompressed \(xl\/sharedStrings.xml/) }] });
  }, 240_000);
});

/*
 * Selecting a whole column (or the sheet) and pressing 合并单元格 writes a merge such as H1:H1048576;
 * exceljs would expand it into a million cells (512 MB for a 7 KB file). Merges are clipped to the
 * written cells first, which changes nothing the import reads.
 */
describe('merged ranges past the written cells', () => {
  it('clips a whole-column and a whole-sheet merge to the last written row and column, and leaves ordinary merges alone', () => {
    const sheet = (merges: string) =>
      `<worksheet><sheetData><row r="1"><c r="A1"/><c r="H1"/></row><row r="2"><c r="B2"/></row><row r="20"><c r="C20"/></row></sheetData>` +
      `<mergeCells count="3">${merges}</mergeCells></worksheet>`;
    expect(clipMergedRanges(sheet('<mergeCell ref="H1:H1048576"/><mergeCell ref="G1:XFD1048576"/><mergeCell ref="A2:A5"/>'))).toBe(
      sheet('<mergeCell ref="H1:H20"/><mergeCell ref="G1:H20"/><mergeCell ref="A2:A5"/>'),
    );
    const ordinary = sheet('<mergeCell ref="A1:C1"/>');
    expect(clipMergedRanges(ordinary)).toBe(ordinary);
  });

  it('reads a plan whose column was merged down to row 1,048,576 as the same plan', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    sheet.addRow(['编号', '事项', '备注']);
    sheet.addRow(['1', '开通网上依申请公开渠道', '']);
    sheet.addRow(['2', '规范政府信息公开年报', '']);
    const plain = new Uint8Array(await workbook.xlsx.writeBuffer());
    const zip = await JSZip.loadAsync(plain);
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    zip.file('xl/worksheets/sheet1.xml', xml.replace('</sheetData>', '</sheetData><mergeCells count="1"><mergeCell ref="C1:C1048576"/></mergeCells>'));
    const merged = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    const read = await readSpreadsheet(merged, 'xlsx', columns);
    expect(read).toMatchObject({ ok: true, table: { records: [{ row: 2 }, { row: 3 }] } });
  }, 240_000);
});

/*
 * breaker43-10 F8: a bomb whose zip directory under-declares its parts' sizes passed the declared-size check, was inflated whole
 * (~510 MB) and heard 「该文件不是 Excel 工作簿…旧版 .xls」. Refused in the declared case's words, counting as it inflates.
 */
describe('a zip bomb that under-declares its size', () => {
  /** `zip` with every declared uncompressed size of `name` (local header and central directory) set to 1,000 bytes. */
  const underDeclared = (zip: Uint8Array, name: string): Uint8Array => {
    const bytes = new Uint8Array(zip);
    const view = new DataView(bytes.buffer);
    const wanted = new TextEncoder().encode(name);
    for (let at = 0; at + 46 < bytes.length; at += 1) {
      const local = view.getUint32(at, true) === 0x04034b50;
      const central = view.getUint32(at, true) === 0x02014b50;
      if (!local && !central) continue;
      const nameAt = at + (local ? 30 : 46);
      if (!wanted.every((byte, index) => bytes[nameAt + index] === byte)) continue;
      view.setUint32(at + (local ? 22 : 24), 1000, true);
    }
    return bytes;
  };

  it('is refused as too large when unpacked, in the same words as one that declares it', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1').addRow(['编号', '事项']);
    const zip = await JSZip.loadAsync(new Uint8Array(await workbook.xlsx.writeBuffer()));
    zip.file('xl/sharedStrings.xml', `<sst>${'A'.repeat(300_000)}</sst>`);
    const honest = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    const lying = underDeclared(honest, 'xl/sharedStrings.xml');
    expect((await checkXlsxSize(honest, 200_000))?.zh).toBe((await checkXlsxSize(lying, 200_000))?.zh);
    expect((await checkXlsxSize(lying, 200_000))?.en).toMatch(/more than 200,000 bytes uncompressed \(xl\/sharedStrings.xml inflates past the size it declares\)/);
    // Under the limit the lie is a damaged file, said so by the reader, not refused as large.
    expect(await checkXlsxSize(lying)).toBeNull();
    const read = await readSpreadsheet(lying, 'xlsx', columns);
    expect(read.ok ? read : read.problems.map((problem) => problem.reasonZh)).toEqual(['该文件不是 Excel 工作簿（.xlsx）；旧版 .xls 文件请先另存为 .xlsx。']);
  });
});
