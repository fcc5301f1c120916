import ExcelJS from 'exceljs';
import { SHEET_READ_LIMIT_MS, slowReadReasons } from './sheet-off-thread.js';
import { prepareXlsx, sheetSizeOf } from './xlsx-size.js';

/*
 * breaker53-10 M2: a 2 500-row plan with 800 unused number columns (2 million cells) took longer than the reader's 60 s and was told
 * 「请把文件拆成几个较小的文件（每个少一些行）」 — splitting one plan into several, when the columns were the cause. The worker now sends
 * the sheets' sizes before it reads their cells, and a refusal for time names the sheet, its rows, columns and cells, and tells a
 * sheet far wider than any plan to lose its unneeded columns, not its rows.
 */

describe('what a slow read is blamed on (breaker53-10 M2)', () => {
  it('measures each sheet by its name: rows and cells written, the columns the widest row reaches', async () => {
    const book = new ExcelJS.Workbook();
    const plan = book.addWorksheet('方案');
    plan.addRow(['编号', '事项', '牵头单位', ...Array.from({ length: 97 }, (_, at) => `数据${at}`)]);
    for (let at = 0; at < 5; at += 1) plan.addRow([String(at + 1), '推进', '青川市财政局', ...Array.from({ length: 97 }, () => at)]);
    book.addWorksheet('收&支').addRow(['a']);
    const prepared = await prepareXlsx(new Uint8Array(await book.xlsx.writeBuffer()));
    expect(prepared.ok && prepared.sizes).toEqual([
      { sheet: '方案', rows: 6, cells: 600, columns: 100 },
      { sheet: '收&支', rows: 1, cells: 1, columns: 1 },
    ]);
  });

  it('reads the columns from <dimension> when cells carry no reference', () => {
    expect(sheetSizeOf('<worksheet><dimension ref="A1:ADT2501"/><sheetData><row><c><v>1</v></c><c/></row></sheetData></worksheet>')).toEqual({ rows: 1, cells: 2, columns: 800 });
  });

  it('tells a sheet of 800 columns to lose its unneeded columns, not to split its rows', () => {
    const { reasonZh } = slowReadReasons([{ sheet: '方案', rows: 2501, cells: 2_015_006, columns: 806 }]);
    expect(reasonZh).toBe(
      `读取该文件用时超过导入允许的 ${SHEET_READ_LIMIT_MS / 1000} 秒：该文件（工作表“方案”）有 2501 行、806 列，共 2015006 个单元格，列数远多于方案或台账所需。请删去导入不需要的列（只保留表格本身的各列）并保存后重新导入，不必拆分行。`,
    );
  });

  it('tells a long sheet of a plan\'s width to be split, naming its size; without sizes as before', () => {
    expect(slowReadReasons([{ sheet: '台账', rows: 300_000, cells: 2_100_000, columns: 7 }, { sheet: '说明', rows: 3, cells: 3, columns: 1 }]).reasonZh).toBe(
      `读取该文件用时超过导入允许的 ${SHEET_READ_LIMIT_MS / 1000} 秒：工作表“台账”有 300000 行、7 列，共 2100000 个单元格。请把文件拆成几个较小的文件（每个少一些行），再逐个导入。`,
    );
    expect(slowReadReasons([]).reasonZh).toBe(`读取该文件用时超过导入允许的 ${SHEET_READ_LIMIT_MS / 1000} 秒：请把文件拆成几个较小的文件（每个少一些行），再逐个导入。`);
  });
});
