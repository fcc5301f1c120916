import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * A workbook with a 汇总 sheet and one sheet per 大项 lists every task twice (breaker10b N4): each
 * task is read once, from its 大项's sheet, and 汇总 is no category.
 */

const directory = unitLookupFrom([
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
]);
const HEADER = ['序号', '工作任务', '牵头单位', '责任单位', '完成时限'];
const DECISION = ['MB决策1', '青川市财政局', '青川市教育局', '2026-06-30'];
const READING = ['MB解读1', '青川市教育局', null, '2026-09-30'];

async function workbook(sheets: Record<string, (string | number | null)[][]>): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name);
    sheet.addRow(['青川市2026年政务公开任务清单']);
    sheet.addRow(HEADER);
    for (const row of rows) sheet.addRow(row);
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe('a 汇总 sheet beside one sheet per 大项', () => {
  it('reads each task once, under its 大项, naming the repeated rows', async () => {
    const bytes = await workbook({ 汇总: [[1, ...DECISION], [2, ...READING]], 决策公开: [[1, ...DECISION]], 政策解读: [[1, ...READING]] });
    const result = await importWorkPlan(bytes, { format: 'xlsx', fileName: 'multi.xlsx', lookupUnit: directory });
    expect(result.ok && result.plan.categories.map((category) => [category.title, category.items.map((item) => item.title)])).toEqual([
      ['决策公开', ['MB决策1']],
      ['政策解读', ['MB解读1']],
    ]);
    expect(result.ok && result.notices?.map((notice) => notice.reasonZh)).toEqual(
      expect.arrayContaining(['工作表“汇总”第 3 行与工作表“决策公开”第 3 行是同一事项：只导入一次（按“决策公开”）。']),
    );
  });

  it('refuses a 汇总 row that differs from its 大项 sheet, naming both rows and what differs, never importing the task twice (breaker10c P1)', async () => {
    const bytes = await workbook({
      汇总: [[1, ...DECISION], [2, ...READING]],
      决策公开: [[1, 'MB决策1', '青川市财政局', null, '2026年12月底前']],
      政策解读: [[1, ...READING]],
    });
    const result = await importWorkPlan(bytes, { format: 'xlsx', fileName: 'multi.xlsx', lookupUnit: directory });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([
      expect.objectContaining({
        row: 3,
        sheet: '汇总',
        reasonZh:
          '工作表“汇总”第 3 行与工作表“决策公开”第 3 行是同一事项“MB决策1”，但责任单位不同（汇总：青川市教育局；决策公开：空），完成时限不同（汇总：2026-06-30；决策公开：2026年12月底前）：请先使两个工作表一致，再导入。',
      }),
    ]);
  });

  it('reads a 汇总 row written in other spellings of the same cells once (full-width digits, spaces in the title)', async () => {
    const bytes = await workbook({ 汇总: [[1, 'MB决策 1', '青川市财政局', '青川市教育局', '2026-06-30']], 决策公开: [[1, 'MB决策１', '青川市财政局', '青川市教育局', '2026-06-30']] });
    const result = await importWorkPlan(bytes, { format: 'xlsx', fileName: 'multi.xlsx', lookupUnit: directory });
    expect(result.ok && result.plan.categories.map((category) => [category.title, category.items.map((item) => item.title)])).toEqual([['决策公开', ['MB决策１']]]);
  });

  it('refuses a 汇总 row no 大项 sheet has, rather than putting it in a category 未分类 beside the real ones', async () => {
    const bytes = await workbook({ 汇总: [[1, ...DECISION], [2, ...READING]], 决策公开: [[1, ...DECISION]] });
    const result = await importWorkPlan(bytes, { format: 'xlsx', fileName: 'multi.xlsx', lookupUnit: directory });
    expect(!result.ok && result.problems).toEqual([
      expect.objectContaining({
        row: 4,
        sheet: '汇总',
        reasonZh: '工作表“汇总”第 4 行的事项“MB解读1”不在任何大项工作表中，无法确定其大项：请把它补到所属大项的工作表中，或只导入“汇总”工作表。',
      }),
    ]);
  });
});

/*
 * breaker10q P23 (AY-summary-sheet.xlsx): a visible 按单位汇总 (序号 | 牵头单位 | 工作任务（项） | 最早完成时限, counts per unit) beside the
 * task sheet was read as a plan sheet — refused for its columns, the advice leading to tasks titled 「1」. A sheet whose task
 * column holds numbers only is a summary: named in a notice, not read.
 */
describe('a summary sheet of counts per unit (breaker10q P23)', () => {
  const book = async (withTasks: boolean) => {
    const workbook = new ExcelJS.Workbook();
    if (withTasks) {
      const tasks = workbook.addWorksheet('任务分解');
      tasks.addRow(['序号', '工作任务', '牵头单位', '完成时限']);
      tasks.addRow([1, '推进决策公开', '青川市财政局', '2026年6月底前']);
      tasks.addRow([2, '推进政策解读', '青川市教育局', '2026年9月底前']);
    }
    const summary = workbook.addWorksheet('按单位汇总');
    summary.addRow(['序号', '牵头单位', '工作任务（项）', '完成时限']);
    summary.addRow([1, '青川市财政局', 1, '2026年6月底前']);
    summary.addRow([2, '青川市教育局', 1, '2026年9月底前']);
    summary.addRow(['合计', '', 2, '']);
    return new Uint8Array(await workbook.xlsx.writeBuffer());
  };

  it('reads the task sheet only, naming the summary in a notice', async () => {
    const result = await importWorkPlan(await book(true), { format: 'xlsx', title: '2026年任务', lookupUnit: unitLookupFrom([{ id: 'unit-czj', code: 'CZJ', name: '青川市财政局' }, { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' }]) });
    expect(result.ok ? result.plan.categories.flatMap((category) => category.items.map((item) => item.title)) : result.problems).toEqual(['推进决策公开', '推进政策解读']);
    expect(result.ok && (result.notices ?? []).map((notice) => notice.reasonZh)).toContain('工作表“按单位汇总”是汇总表：“工作任务（项）”列都是数字（项数），不是任务或问题本身，未读取。');
  });

  it('refuses a file that is only the summary, saying so — never tasks titled 「1」', async () => {
    const result = await importWorkPlan(await book(false), { format: 'xlsx', title: '2026年任务', lookupUnit: unitLookupFrom([{ id: 'unit-czj', code: 'CZJ', name: '青川市财政局' }]) });
    expect(result.ok ? result.plan : result.problems.map((problem) => problem.reasonZh)).toEqual(['工作表“按单位汇总”是汇总表：“工作任务（项）”列都是数字（项数），不是任务或问题本身，未读取。']);
  });
});

/*
 * breaker10r P16 (SS-任务总表.xlsx, SS-全部任务清单.xlsx, SS-总任务清单.xlsx, SS-任务清单（全部）.xlsx): a first sheet listing every task, one sheet
 * per 大项 repeating them. The sheet that lists exactly the others' tasks is their summary, whatever its name: the 大项 come from the
 * category sheets, never one 大项 named after the summary. P19 (DU1-same-task-two-categories.xlsx): the same standing task in two
 * 大项 sheets, neither a summary, is two items, one per 大项 — never taken for a summary's copy.
 */
describe('a summary sheet known by what it lists, and a task in two 大项 sheets (breaker10r P16, P19)', () => {
  const SECOND = ['MB平台1', '青川市教育局', null, '2026-12-31'];
  it.each(['任务总表', '全部任务清单', '总任务清单', '任务清单（全部）'])('reads 「%s」 as the summary: each task once, under its 大项', async (name) => {
    const bytes = await workbook({ [name]: [[1, ...DECISION], [2, ...READING], [3, ...SECOND]], '一、决策公开': [[1, ...DECISION], [2, ...READING]], '二、平台建设': [[1, ...SECOND]] });
    const result = await importWorkPlan(bytes, { format: 'xlsx', fileName: 'summary.xlsx', lookupUnit: directory });
    expect(result.ok && result.plan.categories.map((category) => [category.code, category.title, category.items.map((item) => item.title)])).toEqual([
      ['一', '决策公开', ['MB决策1', 'MB解读1']],
      ['二', '平台建设', ['MB平台1']],
    ]);
    expect(result.ok && result.notices?.map((notice) => notice.reasonZh)).toContain(`工作表“${name}”列出了其他各工作表的全部事项（没有其他事项）：视为汇总表，各事项按其所在大项的工作表导入。`);
  });

  it('reads one task listed in two 大项 sheets (numbering restarting per sheet) as two items, one per 大项', async () => {
    const SAME = ['加强宣传解读', '青川市财政局', null, '2026-12-31'];
    const bytes = await workbook({ '一、决策公开': [[1, ...SAME], [2, ...DECISION]], '二、执行公开': [[1, ...SAME], [2, ...READING]] });
    const result = await importWorkPlan(bytes, { format: 'xlsx', fileName: 'two-categories.xlsx', lookupUnit: directory });
    expect(result.ok ? result.plan.categories.map((category) => [category.title, category.items.map((item) => item.title)]) : result.problems).toEqual([
      ['决策公开', ['加强宣传解读', 'MB决策1']],
      ['执行公开', ['加强宣传解读', 'MB解读1']],
    ]);
  });
});
