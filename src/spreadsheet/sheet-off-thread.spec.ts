import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Columns } from './columns.js';
import { readSpreadsheet } from './sheet.js';
import { readSpreadsheetOffThread } from './sheet-off-thread.js';
import { checkXlsxSize } from './xlsx-size.js';

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

  it('reports a file the worker cannot read as a problem of the file', async () => {
    const result = await readSpreadsheetOffThread(new Uint8Array([1, 2, 3]), 'xlsx', columns, {}, BUILT_WORKER);
    expect(result).toMatchObject({ ok: false, problems: [{ row: null, reason: expect.stringMatching(/not an Excel workbook/) }] });
  });
});

describe('the uncompressed size of an XLSX (zip bombs)', () => {
  it('refuses a workbook whose parts declare more than the limit, before inflating them', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1').addRow(['编号', '事项']);
    const content = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(await checkXlsxSize(content)).toBeNull();
    expect((await checkXlsxSize(content, 1000))?.en).toMatch(/more than 1,000 bytes uncompressed .*send it as CSV/);
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
