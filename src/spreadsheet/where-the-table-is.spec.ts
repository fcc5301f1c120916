import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../organization/units/unit-lookup.js';
import { importWorkPlan } from '../work-plan/import/work-plan-import.js';

/*
 * breaker10q P18: refusals that did not say where the table is — AE-hidden-table.xlsx (a visible 填表说明, the table on a hidden
 * sheet 任务分解) refused 「前 10 行中没有找到表头」 naming neither; X-long-instructions.xlsx (附件1, a title, 填报说明： and 9 numbered
 * lines, the header on row 13) refused the same though its header names the columns.
 */
describe('where the table is (breaker10q P18)', () => {
  const units = unitLookupFrom([
    { id: 'unit-gov', code: 'GOV', name: '青川市人民政府办公室' },
    { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  ]);
  const header = ['序号', '工作任务', '牵头单位', '配合单位', '完成时限'];
  const task = ['1', '推进决策公开', '青川市人民政府办公室', '青川市财政局', '2026年6月底前'];

  it('reads a header below a long 填报说明 of one-text rows (row 13)', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('任务分解');
    sheet.addRow(['附件1']);
    sheet.addRow(['青川市2026年政务公开重点任务清单']);
    sheet.addRow(['填报说明：']);
    for (let line = 1; line <= 9; line += 1) sheet.addRow([`${line}. 请按要求填写第${line}项内容。`]);
    sheet.addRow(header);
    sheet.addRow(task);
    const result = await importWorkPlan(new Uint8Array(await book.xlsx.writeBuffer()), { format: 'xlsx', lookupUnit: units });
    expect(result.ok ? [result.plan.title, result.plan.categories[0]!.items.map((item) => item.title)] : result.problems).toEqual(['青川市2026年政务公开重点任务清单', ['推进决策公开']]);
  });

  it('names the hidden sheet that holds the table when no visible sheet has one', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('填表说明').addRow(['请各单位按任务分解表填报。']);
    const hidden = book.addWorksheet('任务分解');
    hidden.addRow(header);
    hidden.addRow(task);
    hidden.state = 'hidden';
    const result = await importWorkPlan(new Uint8Array(await book.xlsx.writeBuffer()), { format: 'xlsx', title: '2026年任务', lookupUnit: units });
    expect(result.ok ? result : result.problems.map((problem) => problem.reasonZh)).toEqual([
      '工作表“填表说明”的前 10 行中没有找到表头；表头应包含这些列：编号、事项、牵头单位、完成时限。',
      '工作表“任务分解”中有含这些列的表格，但该工作表已隐藏，未读取：如要导入，请在 Excel 或 WPS 中取消隐藏（右键工作表标签 → 取消隐藏），或指定要导入的工作表“任务分解”（导入页面的“工作表（Excel 文件）”）。',
    ]);
  });

  // breaker43-10 F6: a title and nine two-cell 说明 | 联系人 rows above the header (row 11) were refused 「前 10 行中没有找到表头」.
  const withNotes = async (notes: number, width = 2) => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('任务分工');
    sheet.addRow(['青川市2026年政务公开工作任务分解表']);
    for (let line = 1; line <= notes; line += 1) sheet.addRow([`说明${line}：各单位按要求填报`, `联系人：张${line}`, '联系电话：0000', '填报时间：2026年3月'].slice(0, width));
    sheet.addRow(header);
    sheet.addRow(task);
    return importWorkPlan(new Uint8Array(await book.xlsx.writeBuffer()), { format: 'xlsx', lookupUnit: units });
  };

  it.each([[9, 2], [9, 4], [30, 3]])('reads a header below a title and %i rows of %i notes each', async (notes, width) => {
    const result = await withNotes(notes, width);
    expect(result.ok ? [result.plan.title, result.plan.categories[0]!.items.map((item) => item.title)] : result.problems).toEqual(['青川市2026年政务公开工作任务分解表', ['推进决策公开']]);
  });

  it('names the row that looks like the header, and what to delete, when it stands too far down to read', async () => {
    const result = await withNotes(60);
    expect(result.ok ? result : result.problems.map((problem) => problem.reasonZh)).toEqual([
      '工作表“任务分工”第 62 行像是表头（有序号、工作任务、牵头单位、配合单位、完成时限等列），但它上面的说明行太多，无法确定表格从哪里开始：请删去表头上方除标题外的各行（或把说明移到表格下方）后重新导入。',
      '工作表“任务分工”的前 10 行中没有找到表头；表头应包含这些列：编号、事项、牵头单位、完成时限。',
    ]);
  });
});
