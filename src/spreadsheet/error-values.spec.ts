import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../organization/units/unit-lookup.js';
import { importFindings } from '../rectification/import-findings/findings-file.js';
import { importWorkPlan } from '../work-plan/import/work-plan-import.js';

/*
 * Offices fill 责任单位 by VLOOKUP from a 单位表; a lookup that found nothing leaves #N/A in the
 * cell, i.e. a unit is missing (breaker10c P5). An error value in a column the import reads is
 * refused naming the cell, never dropped and never read as a name.
 */

const lookupUnit = unitLookupFrom([
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
]);

async function workbook(header: string[], rows: ExcelJS.CellValue[][]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('任务');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

const failedLookup: ExcelJS.CellValue = { formula: 'VLOOKUP("x",Z1:Z2,1,0)', result: { error: '#N/A' } } as ExcelJS.CellFormulaValue;

describe('error values in the cells an import reads', () => {
  it('refuses a plan whose 责任单位 is a failed VLOOKUP (#N/A), naming the cell', async () => {
    const content = await workbook(['编号', '事项', '牵头单位', '责任单位', '完成时限'], [
      ['1', '推进决策公开', '青川市财政局', failedLookup, '2026-06-30'],
      ['2', '推进解读', '青川市教育局', null, '2026-09-30'],
    ]);
    const result = await importWorkPlan(content, { format: 'xlsx', title: '2026年任务', lookupUnit });
    expect(result).toMatchObject({
      ok: false,
      problems: [{ row: 2, reasonZh: '单元格 D2 是错误值“#N/A”（公式未能算出结果，例如 VLOOKUP 没有找到）：请修正公式或直接填写内容。' }],
    });
  });

  it('refuses a ledger whose deadline cell holds #REF!, and a CSV saved from Excel with #N/A in it', async () => {
    const content = await workbook(['存在问题', '整改措施', '责任单位', '整改时限'], [['栏目更新不及时', '加强更新', '青川市财政局', { error: '#REF!' } as ExcelJS.CellErrorValue]]);
    const xlsx = await importFindings(content, { format: 'xlsx', lookupUnit, today: '2026-03-01' });
    expect(xlsx).toMatchObject({ ok: false, problems: [{ row: 2, reasonZh: expect.stringMatching(/^单元格 D2 是错误值“#REF!”/) }] });
    const csv = await importFindings('存在问题,整改措施,责任单位,整改时限\n栏目更新不及时,加强更新,#N/A,2026-06-30\n', { format: 'csv', lookupUnit, today: '2026-03-01' });
    expect(csv).toMatchObject({ ok: false, problems: [{ row: 2, reasonZh: expect.stringMatching(/^单元格 C2 是错误值“#N\/A”/) }] });
  });

  // breaker10q P2 (serious): =D3 saved without its result (a file a program wrote) was read as a blank cell — two units' parts lost, exit 0.
  it('refuses a formula saved without its result in a column it reads, naming the cell and how to get the result saved', async () => {
    const uncalculated = { formula: 'D2' } as ExcelJS.CellFormulaValue;
    const content = await workbook(['编号', '事项', '牵头单位', '配合单位', '完成时限'], [
      ['1', '推进决策公开', '青川市财政局', '青川市教育局', '2026-06-30'],
      ['2', '推进解读', '青川市财政局', uncalculated, '2026-09-30'],
    ]);
    const result = await importWorkPlan(content, { format: 'xlsx', title: '2026年任务', lookupUnit });
    expect(result).toMatchObject({
      ok: false,
      problems: [{ row: 3, reasonZh: '单元格 D3 是公式，但文件中没有保存它的计算结果（程序生成的表格常这样）：请用 Excel 或 WPS 打开该文件并保存后重新导入，或直接填写内容。' }],
    });
    // With its result saved, the formula reads as its result.
    const saved = await workbook(['编号', '事项', '牵头单位', '配合单位', '完成时限'], [['1', '推进解读', '青川市财政局', { formula: 'E9', result: '青川市教育局' } as ExcelJS.CellFormulaValue, '2026-09-30']]);
    const read = await importWorkPlan(saved, { format: 'xlsx', title: '2026年任务', lookupUnit });
    expect(read.ok && read.plan.categories[0]!.items[0]!.responsibleUnits.map((unit) => unit.unitId)).toEqual(['unit-jyj']);
  });

  // breaker43-10 F5: =IF(D3=D2,"",D2) — blank where the unit is the one above — saved by Excel as <c t="str"><f>…</f><v></v></c>
  // was refused as a formula saved without its result; saving again changed nothing. Its result is the empty string: an empty cell.
  it('reads a formula whose result is the empty string as an empty cell, filled down (shared) or not', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('任务');
    sheet.addRow(['编号', '事项', '牵头单位', '配合单位', '完成时限']);
    sheet.addRow(['1', '推进决策公开', '青川市财政局', '青川市教育局', '2026-06-30']);
    sheet.addRow(['2', '推进解读', '青川市财政局', { formula: 'IF(C3=C2,"",C2)', result: '' } as ExcelJS.CellFormulaValue, '2026-09-30']);
    sheet.getCell('D4').value = { formula: 'IF(C4=C3,"",C3)', result: '', shareType: 'shared', ref: 'D4:D5' } as unknown as ExcelJS.CellFormulaValue;
    sheet.getCell('D5').value = { sharedFormula: 'D4', result: '' } as ExcelJS.CellSharedFormulaValue;
    for (const [row, code, title] of [[4, '3', '公开预算'], [5, '4', '公开决算']] as const) {
      sheet.getCell(`A${row}`).value = code;
      sheet.getCell(`B${row}`).value = title;
      sheet.getCell(`C${row}`).value = '青川市财政局';
      sheet.getCell(`E${row}`).value = '2026-10-31';
    }
    const written = new Uint8Array(await book.xlsx.writeBuffer());
    const result = await importWorkPlan(written, { format: 'xlsx', title: '2026年任务', lookupUnit });
    expect(result.ok ? result.plan.categories[0]!.items.map((item) => [item.code, item.responsibleUnits.map((unit) => unit.unitId)]) : result.problems).toEqual([
      ['1', ['unit-jyj']],
      ['2', []],
      ['3', []],
      ['4', []],
    ]);
  });
});
