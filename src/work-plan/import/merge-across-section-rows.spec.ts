import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importFindings } from '../../rectification/import-findings/findings-file.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * breaker10q P13 (serious): 牵头单位 and 完成时限 merged down over the whole table (one lead and one deadline for every task)
 * crossed the section row 二、执行公开: the merge filled its cells, so the heading was read as a task led by the office —
 * a phantom item (in a 台账, a phantom finding) — and the items after it fell under 一. A section row reads as one on its
 * own cells: what a merge from above fills in is left aside.
 */
const lookupUnit = unitLookupFrom([
  { id: 'unit-gov', code: 'GOV', name: '青川市人民政府办公室' },
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
]);

async function book(header: string[], rows: string[][], merges: string[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('任务');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  for (const range of merges) sheet.mergeCells(range);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('a section row crossed by cells merged down over the table (breaker10q P13)', () => {
  it('a plan: 二、执行公开 is a category, its items under it, no phantom item', async () => {
    const content = await book(
      ['序号', '工作任务', '牵头单位', '配合单位', '完成时限'],
      [
        ['一、', '决策公开', '', '', ''],
        ['1', '公开重大决策事项目录', '青川市人民政府办公室', '青川市财政局', '2026年12月31日'],
        ['2', '推进决策预公开', '', '', ''],
        ['二、', '执行公开', '', '', ''],
        ['3', '公开重点工作进展', '', '青川市财政局', ''],
      ],
      ['C3:C6', 'E3:E6'],
    );
    const result = await importWorkPlan(content, { format: 'xlsx', title: '2026年任务', lookupUnit });
    expect(result.ok && result.plan.categories.map((category) => ({ code: category.code, title: category.title, items: category.items.map((item) => item.title) }))).toEqual([
      { code: '一', title: '决策公开', items: ['公开重大决策事项目录', '推进决策预公开'] },
      { code: '二', title: '执行公开', items: ['公开重点工作进展'] },
    ]);
    // The merge still gives the items after the section row their lead and deadline.
    expect(result.ok && result.plan.categories[1]!.items[0]).toMatchObject({ leadUnits: [{ unitId: 'unit-gov' }], dueDate: '2026-12-31' });
  });

  it('a 台账: 二、依申请公开 is a section, not a finding of the office', async () => {
    const content = await book(
      ['序号', '问题', '牵头单位', '整改时限'],
      [
        ['一、', '主动公开', '', ''],
        ['1', '政策解读不到位', '青川市人民政府办公室', '2026年12月31日'],
        ['二、', '依申请公开', '', ''],
        ['2', '答复不规范', '', ''],
      ],
      ['C3:C5', 'D3:D5'],
    );
    const result = await importFindings(content, { format: 'xlsx', lookupUnit, today: '2026-03-01' });
    expect(result.ok && result.findings.map((finding) => ({ title: finding.title, category: finding.category }))).toEqual([
      { title: '政策解读不到位', category: '主动公开' },
      { title: '答复不规范', category: '依申请公开' },
    ]);
  });

  it('a 序号 merged from the section row down into the first item is refused naming the rows — the item never coded 「一」 (breaker42-10 F9)', async () => {
    const content = await book(
      ['序号', '工作任务', '牵头单位', '配合单位', '完成时限'],
      [
        ['一、', '深化决策公开', '', '', ''],
        ['', '推进决策公开', '青川市人民政府办公室', '青川市财政局', '2026年6月30日'],
        ['2', '扩大公众参与', '青川市人民政府办公室', '青川市财政局', '2026年9月30日'],
      ],
      ['A2:A3', 'B2:E2'],
    );
    const result = await importWorkPlan(content, { format: 'xlsx', title: '2026年任务', lookupUnit });
    expect(result.ok ? result.plan : result.problems.map((problem) => `${problem.row} ${problem.reasonZh}`)).toEqual([
      '3 序号单元格与上方的分节行（第 2 行“一、深化决策公开”）合并为一格：“一、”是该分节的序号，不是本行事项的。请取消合并，给本行写上自己的序号后重新导入。',
    ]);
  });
});
