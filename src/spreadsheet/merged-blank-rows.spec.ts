import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../organization/units/unit-lookup.js';
import { importFindings } from '../rectification/import-findings/findings-file.js';
import { importWorkPlan } from '../work-plan/import/work-plan-import.js';

/*
 * Session 24 (issue 10, trying the imports as an office would): a blank row left inside a block merged down over it — a 问题
 * merged over its units' rows with one unit's row emptied, a category merged over its items with a blank row between two —
 * was read as a row of its own, carrying only the merged cells: a 台账 refused 「未写责任单位」, a plan 「缺少事项编号」「缺少牵头单位」.
 * A row with nothing of its own is a blank row, as it is without the merge.
 */

const lookupUnit = unitLookupFrom([
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
]);

async function workbook(rows: readonly (readonly unknown[])[], merges: readonly string[]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Sheet1');
  for (const row of rows) sheet.addRow([...row]);
  for (const range of merges) sheet.mergeCells(range);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe('a blank row inside cells merged down over it', () => {
  it('in a 台账: skipped, the finding keeps its two units', async () => {
    const content = await workbook(
      [
        ['序号', '存在问题', '整改措施', '责任单位', '整改时限'],
        [1, '门户网站存在错链', '逐页修复', '青川市教育局', 46203],
        [],
        ['', '', '', '青川市财政局', ''],
      ],
      ['A2:A4', 'B2:B4', 'C2:C4', 'E2:E4'],
    );
    const result = await importFindings(content, { format: 'xlsx', lookupUnit, today: '2026-03-10', year: 2026 });
    expect(result.ok ? result.findings.map((finding) => finding.parts.map((part) => [part.row, part.unit.unitId, part.role, part.dueDate])) : result.problems).toEqual([
      [
        [2, 'unit-jyj', 'LEAD', '2026-06-30'],
        [4, 'unit-czj', 'RESPONSIBLE', '2026-06-30'],
      ],
    ]);
  });

  it('in a work plan: skipped, the category merged over its items keeps them', async () => {
    const content = await workbook(
      [
        ['类别', '编号', '事项', '牵头单位', '完成时限'],
        ['深化五公开', 1, '推进决策公开', '青川市财政局', '2026-06-30'],
        [],
        ['', 2, '推进执行公开', '青川市教育局', '２０２６年６月３０日'],
      ],
      ['A2:A4'],
    );
    const result = await importWorkPlan(content, { format: 'xlsx', title: '合并单元格中的空行', year: 2026, lookupUnit });
    expect(result.ok ? result.plan.categories.map((category) => [category.title, category.items.map((item) => [item.row, item.code, item.title])]) : result.problems).toEqual([
      ['深化五公开', [[2, '1', '推进决策公开'], [4, '2', '推进执行公开']]],
    ]);
  });
});
