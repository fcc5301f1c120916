import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * A workbook keeping last year's sheet beside this year's (breaker46-10 S1): the 2025 sheet was read into the 2026 plan as a
 * category 2025年, its standing task given to units for 2026, told only 「已读取 2 个工作表」. A sheet whose name or title row
 * names a year outside the plan's is refused, naming the sheet and the sheet to import alone; sheets of the plan's years,
 * and a year every title names (a 2026 plan rectifying the 2025 evaluation), are read as before.
 */

const directory = unitLookupFrom([
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
  { id: 'unit-mzj', code: 'MZJ', name: '青川市民政局' },
]);

const HEADER = ['序号', '工作任务', '牵头单位', '责任单位', '完成时限'];

async function workbook(sheets: readonly { name: string; title: string; row: readonly unknown[] }[]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  for (const { name, title, row } of sheets) {
    const sheet = book.addWorksheet(name);
    sheet.addRow([title]);
    sheet.addRow(HEADER);
    sheet.addRow([...row]);
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}

const thisYear = { name: '2026年', title: '青川市2026年政务公开工作任务分解表', row: [1, '推进决策公开', '青川市财政局', '青川市教育局', '2026年6月底前'] };
const lastYear = { name: '2025年', title: '青川市2025年政务公开工作任务分解表', row: [1, '政务新媒体管理', '青川市民政局', '青川市教育局', '常态化'] };

describe('a workbook with a sheet of another year than the plan (breaker46-10 S1)', () => {
  it('refuses last year\'s sheet kept beside this year\'s, naming it and the sheet to import alone', async () => {
    const result = await importWorkPlan(await workbook([thisYear, lastYear]), { format: 'xlsx', lookupUnit: directory });
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.problems.filter((problem) => problem.sheet === '2025年').map((problem) => problem.reasonZh)).toEqual([
      '工作表“2025年”是 2025 年的（工作表名称所示），不是本方案的 2026 年：工作簿的各工作表会一并导入同一方案，该表的任务会成为本方案的任务。如只导入本年度的工作表，请在导入页面的“工作表（Excel 文件）”中填写“2026年”（命令行 --sheet 2026年）；如该表确属本方案，请改正其名称或标题中的年份。然后重新导入。',
    ]);
  });

  it('judges a sheet by its title row when its name says no year', async () => {
    const result = await importWorkPlan(await workbook([{ ...thisYear, name: '今年' }, { ...lastYear, name: '去年' }]), { format: 'xlsx', lookupUnit: directory });
    expect(result.ok === false && result.problems.map((problem) => [problem.sheet, problem.reasonZh.split('：')[0]])).toEqual([
      ['去年', '工作表“去年”是 2025 年的（标题“青川市2025年政务公开工作任务分解表”所示），不是本方案的 2026 年'],
    ]);
  });

  it('imports the plan year\'s sheet named alone', async () => {
    const result = await importWorkPlan(await workbook([thisYear, lastYear]), { format: 'xlsx', sheet: '2026年', lookupUnit: directory });
    expect(result.ok && result.plan.categories.flatMap((category) => category.items.map((item) => item.title))).toEqual(['推进决策公开']);
  });

  it('reads sheets of the plan\'s years, and a year the plan\'s own title names on every sheet', async () => {
    const span = await importWorkPlan(
      await workbook([
        { ...thisYear, title: '青川市2026—2027年政务公开工作任务分解表' },
        { ...thisYear, name: '2027年', title: '青川市2026—2027年政务公开工作任务分解表', row: [2, '推进政策解读', '青川市财政局', '', '2027年6月底前'] },
      ]),
      { format: 'xlsx', lookupUnit: directory },
    );
    expect(span.ok).toBe(true);
    const evaluation = await importWorkPlan(
      await workbook([
        { ...thisYear, name: '一、决策公开', title: '青川市2025年度政务公开评估整改任务分解表' },
        { ...thisYear, name: '二、政策解读', title: '青川市2025年度政务公开评估整改任务分解表', row: [1, '推进政策解读', '青川市财政局', '', '2026年9月底前'] },
      ]),
      { format: 'xlsx', year: 2026, lookupUnit: directory },
    );
    expect(evaluation.ok ? evaluation.plan.categories.map((category) => category.title) : evaluation.problems).toEqual(['决策公开', '政策解读']);
  });
});
