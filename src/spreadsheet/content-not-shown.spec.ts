import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { unitLookupFrom } from '../organization/units/unit-lookup.js';
import { importFindings } from '../rectification/import-findings/findings-file.js';
import { importWorkPlan } from '../work-plan/import/work-plan-import.js';

/*
 * breaker45-10 S2: what a sheet does not show was imported — a cell formatted `;;;` (Excel's 「隐藏单元格内容」: blank on screen and in
 * print, the text only in the formula bar), a row of height 0 and a column of width 0 without the hidden flag. Each is refused as a
 * hidden row or column is, naming the cell, row or column; nothing is read as if shown.
 */

const lookupUnit = unitLookupFrom([
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
  { id: 'unit-mzj', code: 'MZJ', name: '青川市民政局' },
]);

/** A plan A1:G4 (配合单位 in F), `shape` changing the sheet before it is written, `xml` its sheet XML after. */
async function plan(shape: (sheet: ExcelJS.Worksheet) => void = () => {}, xml: (sheet: string) => string = (sheet) => sheet): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Sheet1');
  sheet.addRow(['类别编号', '类别', '编号', '事项', '牵头单位', '配合单位', '完成时限']);
  sheet.addRow(['一', '决策公开', '1', '事项一', '青川市财政局', '青川市教育局', '2026-06-30']);
  sheet.addRow(['一', '决策公开', '2', '事项二', '青川市教育局', '青川市民政局', '2026-09-30']);
  sheet.addRow(['一', '决策公开', '3', '事项三', '青川市民政局', '青川市财政局', '2026-12-31']);
  shape(sheet);
  const zip = await JSZip.loadAsync(await book.xlsx.writeBuffer());
  zip.file('xl/worksheets/sheet1.xml', xml(await zip.file('xl/worksheets/sheet1.xml')!.async('string')));
  return zip.generateAsync({ type: 'uint8array' });
}

const refusals = async (content: Uint8Array) => {
  const result = await importWorkPlan(content, { format: 'xlsx', title: '2026年任务', lookupUnit });
  return result.ok ? result : result.problems.map((problem) => problem.reasonZh);
};

describe('content the sheet does not show (breaker45-10 S2)', () => {
  it('refuses a unit cell formatted ;;; naming the cell, and reads the same cell when its format shows it', async () => {
    expect(await refusals(await plan((sheet) => (sheet.getCell('F3').numFmt = ';;;')))).toEqual([
      '单元格 F3（“配合单位”列）有内容“青川市民政局”，但其数字格式（如 ;;;）使它在屏幕上和打印时都不显示：导入不读取看不到的内容。如该内容已不再使用，请删去；如仍要导入，请把该单元格的格式改为“常规”后导入。',
    ]);
    // A format whose text section shows the text (0;-0;0;@) hides nothing.
    const shown = await importWorkPlan(await plan((sheet) => (sheet.getCell('F3').numFmt = '0;-0;0;@')), { format: 'xlsx', title: '2026年任务', lookupUnit });
    expect(shown.ok).toBe(true);
  });

  it('refuses a date hidden by ;;; in a 整改台账 too', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Sheet1');
    sheet.addRow(['问题', '牵头单位', '整改时限']);
    sheet.addRow(['门户网站存在错链', '青川市财政局', new Date(Date.UTC(2026, 5, 30))]);
    sheet.getCell('C2').numFmt = ';;;';
    const result = await importFindings(new Uint8Array(await book.xlsx.writeBuffer()), { format: 'xlsx', lookupUnit, today: '2026-03-01' });
    expect(result.ok ? result : result.problems.map((problem) => problem.reasonZh)).toEqual([expect.stringMatching(/^单元格 C2（“整改时限”列）有内容“46203”，但其数字格式/u)]);
  });

  it('refuses a row of height 0 and a column of width 0 as hidden ones, without the hidden flag', async () => {
    const zeroHeight = await plan(undefined, (xml) => xml.replace(/<row r="3"([^>]*)>/u, (row, attributes: string) => `<row r="3"${attributes.replace(/\s(?:ht|customHeight)="[^"]*"/gu, '')} ht="0" customHeight="1">`));
    expect(await refusals(zeroHeight)).toEqual([expect.stringMatching(/^该行在表格中被隐藏/u)]);
    const zeroWidth = await plan(undefined, (xml) => xml.replace(/<cols>.*?<\/cols>|(?=<sheetData)/u, '<cols><col min="6" max="6" width="0" customWidth="1"/></cols>'));
    expect(await refusals(zeroWidth)).toEqual([expect.stringMatching(/^第 F 列“配合单位”在表格中被隐藏，但有内容（第 2 行：“青川市教育局”）/u)]);
  });
});

/*
 * breaker45-10 M1: `r` is optional on rows and cells (ECMA-376 §18.3.1.73, §18.3.1.4) and some streaming writers leave it out;
 * such a workbook was refused 「该文件不是 Excel 工作簿（.xlsx）；旧版 .xls 文件请先另存为 .xlsx」. It is read, each row and cell
 * following the one before it.
 */
describe('a workbook whose rows and cells carry no reference (breaker45-10 M1)', () => {
  it('reads it as Excel shows it, an empty row given by a row number kept', async () => {
    const noReferences = await plan(undefined, (xml) => xml.replace(/(<(?:row|c)\b[^>]*?)\s+r="[^"]*"/gu, '$1'));
    const result = await importWorkPlan(noReferences, { format: 'xlsx', title: '2026年任务', lookupUnit });
    expect(result.ok ? result.plan.categories[0]!.items.map((item) => [item.row, item.title, item.responsibleUnits.map((unit) => unit.unitId)]) : result.problems).toEqual([
      [2, '事项一', ['unit-jyj']],
      [3, '事项二', ['unit-mzj']],
      [4, '事项三', ['unit-czj']],
    ]);
    const rowsNumbered = await plan(undefined, (xml) => xml.replace(/(<c\b[^>]*?)\s+r="[^"]*"/gu, '$1').replace('<row r="3"', '<row r="5"').replace('<row r="4"', '<row'));
    const numbered = await importWorkPlan(rowsNumbered, { format: 'xlsx', title: '2026年任务', lookupUnit });
    expect(numbered.ok ? numbered.plan.categories[0]!.items.map((item) => item.row) : numbered.problems).toEqual([2, 5, 6]);
  });
});
