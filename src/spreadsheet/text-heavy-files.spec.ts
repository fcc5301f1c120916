import ExcelJS from 'exceljs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Columns } from './columns.js';
import { MAX_FILE_TEXT_CHARS } from './file-limits.js';
import { readSpreadsheet } from './sheet.js';
import { readSpreadsheetOffThread } from './sheet-off-thread.js';

/*
 * breaker52-10 S3: a 465 KB XLSX holding 99 MB of cell text (under the 100 MB the zip may inflate to) was read in the worker, but
 * its 99 MB of rows were then handed to the server's thread in one message and checked there: /health waited 5–8 s, twice per dry
 * run. A file whose cells hold more text than a 5 MB file could carry (`MAX_FILE_TEXT_CHARS`) is refused in the reader, naming its
 * longest cell, and only that refusal reaches the server's thread.
 */
const columns: Columns<'code' | 'title' | 'description'> = {
  code: { label: '编号', aliases: ['编号'], required: true },
  title: { label: '事项', aliases: ['事项'], required: true },
  description: { label: '具体内容', aliases: ['具体内容'], required: false },
};
const BUILT_WORKER = new URL('../../dist/spreadsheet/sheet.worker.js', import.meta.url);

/** An XLSX of `rows` items whose 具体内容 each repeat one sentence to `chars` characters: a few hundred KB zipped. */
async function textHeavyWorkbook(rows: number, chars: number): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('方案');
  sheet.addRow(['编号', '事项', '具体内容']);
  const text = '推进政务公开标准化规范化建设。'.repeat(Math.ceil(chars / 15)).slice(0, chars);
  for (let code = 1; code <= rows; code += 1) sheet.addRow([code, `事项第${code}项`, code === 7 ? `${text}补充` : text]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('a file of more cell text than any plan holds (breaker52-10 S3)', () => {
  const refusal = `该文件单元格中的文字合计超过 ${MAX_FILE_TEXT_CHARS} 个字（最长的是工作表“方案”的 C8 单元格，4902 个字），真实的方案、台账或单位名录不会有这么多文字：请核对是否选错了文件，或单元格中是否重复粘贴了大段文字。`;

  it('is refused as read, naming its longest cell', async () => {
    const result = await readSpreadsheet(await textHeavyWorkbook(1_100, 4_900), 'xlsx', columns);
    expect(result.ok ? result : result.problems.map((problem) => [problem.row, problem.reasonZh])).toEqual([[null, refusal]]);
  }, 120_000);

  it('is refused in the worker: the server thread answers other requests throughout and receives only the refusal', async () => {
    const file = await textHeavyWorkbook(1_100, 4_900);
    let done = false;
    const reading = readSpreadsheetOffThread(file, 'xlsx', columns, {}, BUILT_WORKER).then((result) => {
      done = true;
      return result;
    });
    let answered = 0;
    while (!done) {
      await nextTurn();
      answered += 1;
    }
    const result = await reading;
    expect(result.ok ? result : result.problems.map((problem) => problem.reasonZh)).toEqual([refusal]);
    expect(answered).toBeGreaterThan(10);
  }, 120_000);

  it('reads a file within the limit as before', async () => {
    const result = await readSpreadsheet(await textHeavyWorkbook(50, 4_900), 'xlsx', columns);
    expect(result.ok && result.table.records.length).toBe(50);
  }, 120_000);
});
