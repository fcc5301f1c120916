import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../organization/units/unit-lookup.js';
import { importFindings } from '../rectification/import-findings/findings-file.js';
import { importWorkPlan } from '../work-plan/import/work-plan-import.js';

/*
 * Rows an office strikes through or hides instead of deleting them (breaker10i P6, breaker10g P12): a cancelled task
 * kept on record in the 调整 version, or rows a filter hides. Read as any row they were open tasks, no word said;
 * now each such row is refused, naming it (and its struck cells), in plans and 台账 alike.
 */

const lookupUnit = unitLookupFrom([
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
]);

async function workbook(rows: readonly (readonly string[])[], mark: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('分解表');
  for (const row of rows) sheet.addRow([...row]);
  mark(sheet);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

const PLAN_ROWS = [
  ['序号', '工作任务', '牵头单位', '完成时限'],
  ['1', '推进决策公开', '青川市财政局', '2026-06-30'],
  ['2', '此项已被划掉不再实施', '青川市教育局', '2026-09-30'],
  ['3', '此行已隐藏', '青川市教育局', '2026-09-30'],
  ['4', '推进政策解读', '青川市教育局', '2026-10-31'],
];

describe('struck-through and hidden rows of an XLSX file', () => {
  it('refuses a plan with a row struck through in every cell and a hidden row, naming each row; the rest are read as before', async () => {
    const content = await workbook(PLAN_ROWS, (sheet) => {
      for (let column = 1; column <= 4; column += 1) sheet.getRow(3).getCell(column).font = { strike: true };
      sheet.getRow(4).hidden = true;
    });
    const result = await importWorkPlan(content, { format: 'xlsx', title: '2026年划线测试方案', lookupUnit });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((problem) => [problem.row, problem.reasonZh.split('：')[0]])).toEqual([
      [3, '单元格 A3、B3、C3、D3 带删除线（通常表示该项已取消）'],
      [4, '该行在表格中被隐藏（可能是已取消而未删除的事项，也可能是筛选时隐藏）'],
    ]);
    expect(result.problems.every((problem) => problem.sheet === '分解表')).toBe(true);
  });

  it('refuses a row whose title alone is struck through, as a whole (rich text too), naming the cell', async () => {
    for (const value of ['此项已被划掉不再实施', { richText: [{ text: '此项已被划掉', font: { strike: true } }, { text: '、' }, { text: '不再实施', font: { strike: true } }] }]) {
      const content = await workbook(PLAN_ROWS.filter((_, index) => index !== 3), (sheet) => {
        sheet.getRow(3).getCell(2).value = value;
        if (typeof value === 'string') sheet.getRow(3).getCell(2).font = { strike: true };
      });
      const result = await importWorkPlan(content, { format: 'xlsx', title: '2026年划线测试方案', lookupUnit });
      expect(result.ok ? result.plan : result.problems.map((problem) => [problem.row, problem.reasonZh.split('：')[0]])).toEqual([[3, '单元格 B3 带删除线（通常表示该项已取消）']]);
    }
  });

  it('reads words struck out of a cell that keeps others as deleted, told, the row kept (breaker43-10 F8)', async () => {
    const content = await workbook(PLAN_ROWS.filter((_, index) => index !== 3), (sheet) => {
      sheet.getRow(3).getCell(2).value = { richText: [{ text: '此项已被划掉', font: { strike: true } }, { text: '不再实施' }] };
    });
    const result = await importWorkPlan(content, { format: 'xlsx', title: '2026年划线测试方案', lookupUnit });
    expect(result.ok ? [result.plan.categories[0]!.items.map((item) => item.title), result.notices?.filter((notice) => notice.reasonZh.includes('删除线')).map((notice) => [notice.row, notice.reasonZh])] : result.problems).toEqual([
      ['推进决策公开', '不再实施', '推进政策解读'],
      [[3, '单元格 B3 中带删除线的“此项已被划掉”按已删去读取，读作“不再实施”。']],
    ]);
  });

  it('reads the same file without the marks as four items', async () => {
    const content = await workbook(PLAN_ROWS, () => undefined);
    const result = await importWorkPlan(content, { format: 'xlsx', title: '2026年划线测试方案', lookupUnit });
    expect(result.ok ? result.plan.categories.flatMap((category) => category.items.map((item) => item.title)) : result.problems).toEqual(['推进决策公开', '此项已被划掉不再实施', '此行已隐藏', '推进政策解读']);
  });

  it('refuses a 台账 row struck through or hidden alike', async () => {
    const content = await workbook(
      [
        ['问题', '具体表现', '责任单位', '整改时限'],
        ['门户网站存在错链', '3处链接失效', '青川市教育局', '2026-12-31'],
        ['政策解读不到位', '缺少解读', '青川市财政局', '2026-12-31'],
        ['年报发布不及时', '晚于规定时间', '青川市财政局', '2026-12-31'],
      ],
      (sheet) => {
        sheet.getRow(3).getCell(1).font = { strike: true };
        sheet.getRow(4).hidden = true;
      },
    );
    const result = await importFindings(content, { format: 'xlsx', lookupUnit, today: '2026-10-08' });
    expect(result.ok ? result : result.problems.map((problem) => problem.row)).toEqual([3, 4]);
  });
});

/*
 * breaker10q P6 (K-header-breaks-hidden-col.xlsx): 序号 | 工作任务 | 牵头单位 | 配合单位 | 协办单位 (hidden) | 完成时限 imported with
 * exit 0, the hidden 协办单位's units given a part in each item the printed table does not show. A hidden column the import
 * would read (备注 too: it is read for what it says of its row) is refused as a hidden row is; a hidden column nothing reads is
 * listed as not imported, as a shown one is.
 */
describe('a hidden column of an XLSX file (breaker10q P6)', () => {
  const lookup = unitLookupFrom([
    { id: 'unit-gov', code: 'GOV', name: '青川市人民政府办公室' },
    { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
    { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
    { id: 'unit-mzj', code: 'MZJ', name: '青川市民政局' },
  ]);
  const rows = [
    ['青川市2026年政务公开工作任务分解表'],
    ['序\n号', '工作任务', '牵头\n单位', '配 合 单 位', '协办单位', '完成\r\n时限', '联系电话'],
    ['1', '推进决策公开', '青川市人民政府办公室', '青川市财政局', '青川市教育局', '2026年6月30日', ''],
    ['2', '推进政策解读', '青川市人民政府办公室', '', '青川市民政局', '2026年9月30日', '0839-1234567'],
  ];

  it('refuses a plan whose hidden 协办单位 column holds units, naming the column and what it holds', async () => {
    const content = await workbook(rows, (sheet) => {
      sheet.getColumn(5).hidden = true;
    });
    const result = await importWorkPlan(content, { format: 'xlsx', title: '2026年隐藏列测试', lookupUnit: lookup });
    expect(result.ok ? result.plan : result.problems.map((problem) => [problem.row, problem.sheet, problem.reasonZh])).toEqual([
      [
        2,
        '分解表',
        '第 E 列“协办单位”在表格中被隐藏，但有内容（第 3 行：“青川市教育局”）：导入不按隐藏理解其含义，也不读取打印时看不到的列。请取消隐藏该列后确认：如该列已不再使用，请删去该列；如仍要导入，取消隐藏后导入。',
      ],
    ]);
  });

  it('refuses a 台账 the same way', async () => {
    const content = await workbook(
      [
        ['问题', '具体表现', '牵头单位', '配合单位', '整改时限'],
        ['门户网站存在错链', '3处链接失效', '青川市教育局', '青川市财政局', '2026-12-31'],
      ],
      (sheet) => {
        sheet.getColumn(4).hidden = true;
      },
    );
    const result = await importFindings(content, { format: 'xlsx', lookupUnit: lookup, today: '2026-10-08' });
    expect(result.ok ? result : result.problems.map((problem) => problem.reasonZh.split('：')[0])).toEqual(['第 D 列“配合单位”在表格中被隐藏，但有内容（第 2 行']);
  });

  it('reads the file once the column is shown; a hidden column nothing reads (联系电话) or an empty hidden unit column is no problem', async () => {
    const shown = await importWorkPlan(await workbook(rows, () => undefined), { format: 'xlsx', title: '2026年隐藏列测试', lookupUnit: lookup });
    expect(shown.ok && shown.plan.categories[0]!.items.map((item) => [item.title, item.responsibleUnits.map((unit) => unit.unitId)])).toEqual([
      ['推进决策公开', ['unit-czj', 'unit-jyj']],
      ['推进政策解读', ['unit-mzj']],
    ]);
    const emptied = rows.map((row, index) => (index < 2 ? row : row.map((cell, position) => (position === 4 ? '' : cell))));
    const hiddenRemarks = await importWorkPlan(
      await workbook(emptied, (sheet) => {
        sheet.getColumn(5).hidden = true;
        sheet.getColumn(7).hidden = true;
      }),
      { format: 'xlsx', title: '2026年隐藏列测试', lookupUnit: lookup },
    );
    expect(hiddenRemarks.ok ? hiddenRemarks.plan.categories[0]!.items.map((item) => item.responsibleUnits.map((unit) => unit.unitId)) : hiddenRemarks.problems).toEqual([['unit-czj'], []]);
  });
});
