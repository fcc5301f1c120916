import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importFindings } from '../../rectification/import-findings/findings-file.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * P3 (silent data change): 2027.10 typed into a 完成时限 cell of General format is kept by Excel as the number 2027.1; the plan
 * path turned the cell into the text 「2027.1」 before the deadline rules saw it, and read it as 2027-01-31 unsaid. A number that
 * reads as year.month is that month when only one typing gives it (2027.6, 2027.12); 2027.1 is refused asking for 2027年10月 or a
 * date; a cell formatted to show two decimals (0.00) shows which one was meant, and is read as shown.
 */

const lookupUnit = unitLookupFrom([
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
]);

async function planBook(deadlines: readonly { value: number | string; format?: string }[], header = ['序号', '工作任务', '牵头单位', '完成时限']): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('任务分工');
  sheet.addRow(header);
  deadlines.forEach(({ value, format }, index) => {
    const row = sheet.addRow([String(index + 1), `任务${index + 1}`, '青川市财政局', value]);
    if (format) row.getCell(4).numFmt = format;
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const dueDates = (result: Awaited<ReturnType<typeof importWorkPlan>>) =>
  result.ok ? result.plan.categories.flatMap((category) => category.items.map((item) => item.dueDate)) : result.problems.map((problem) => `${problem.sheet} ${problem.row} ${problem.reasonZh}`);

describe('a 完成时限 cell holding a number that reads as year.month (P3)', () => {
  it('2027.1 in a General cell (2027.10 typed) is refused naming the row and sheet, asking for 2027年10月 or a date — never read as January', async () => {
    const result = await importWorkPlan(await planBook([{ value: 2027.6 }, { value: 2027.1 }]), { format: 'xlsx', title: '青川市2027年政务公开任务分工', lookupUnit });
    // One sheet read: the result names it for every row (the refusal says 工作表“任务分工”).
    expect(result).toMatchObject({ ok: false, sheet: '任务分工' });
    expect(result.ok ? [] : result.problems).toEqual([
      {
        row: 3,
        reason: expect.stringContaining('"2027.1" is a number in the cell'),
        reasonZh: '完成时限：单元格中的“2027.1”是数字：按“年.月”读，可能是 2027年1月，也可能是输入的 2027.10 即 2027年10月（Excel 会去掉 2027.10 末尾的 0）。请写明月份，如“2027年10月”（或“2027年1月”），或写具体日期，如“2027-10-31”。',
      },
    ]);
  });

  it('a number only one month reads (2027.6, 2027.06, 2027.11, 2027.12) is that month, its last day', async () => {
    const result = await importWorkPlan(await planBook([{ value: 2027.6 }, { value: 2027.06 }, { value: 2027.11 }, { value: 2027.12 }]), { format: 'xlsx', title: '青川市2027年政务公开任务分工', lookupUnit });
    expect(dueDates(result)).toEqual(['2027-06-30', '2027-06-30', '2027-11-30', '2027-12-31']);
  });

  it('a cell formatted 0.00 shows 2027.10: read as October; one formatted 0.0 shows 2027.1 either way, refused', async () => {
    expect(dueDates(await importWorkPlan(await planBook([{ value: 2027.1, format: '0.00' }]), { format: 'xlsx', title: '青川市2027年政务公开任务分工', lookupUnit }))).toEqual(['2027-10-31']);
    const oneDecimal = await importWorkPlan(await planBook([{ value: 2027.1, format: '0.0' }]), { format: 'xlsx', title: '青川市2027年政务公开任务分工', lookupUnit });
    expect(oneDecimal).toMatchObject({ ok: false, problems: [{ row: 2, reasonZh: expect.stringContaining('“2027年10月”') }] });
  });

  // breaker42-10 F1: Chinese Excel's own two-decimal formats (数值 → 2 位小数, 千位分隔符, negative in red) were refused as 2027.1.
  it.each(['0.00_ ', '#,##0.00', '0.00_);[Red]\\(0.00\\)', '0.00_);[红色]\\(0.00\\)', '#,##0.00_ ;[Red]\\-#,##0.00\\ '])('a cell formatted %p shows 2027.10: read as October', async (format) => {
    expect(dueDates(await importWorkPlan(await planBook([{ value: 2027.1, format }]), { format: 'xlsx', title: '青川市2027年政务公开任务分工', lookupUnit }))).toEqual(['2027-10-31']);
  });

  it.each(['0.0_ ', '#,##0.0', '0.000', '0_ '])('a cell formatted %p does not show two decimals: 2027.1 is refused as either month', async (format) => {
    const result = await importWorkPlan(await planBook([{ value: 2027.1, format }]), { format: 'xlsx', title: '青川市2027年政务公开任务分工', lookupUnit });
    expect(result).toMatchObject({ ok: false, problems: [{ row: 2, reasonZh: expect.stringContaining('“2027年10月”') }] });
  });

  it('the text 2027.10 (a Text cell, or CSV) is October, as before', async () => {
    expect(dueDates(await importWorkPlan(await planBook([{ value: '2027.10' }]), { format: 'xlsx', title: '青川市2027年政务公开任务分工', lookupUnit }))).toEqual(['2027-10-31']);
    expect(dueDates(await importWorkPlan('序号,工作任务,牵头单位,完成时限\n1,任务1,青川市财政局,2027.10\n', { format: 'csv', title: '青川市2027年政务公开任务分工', lookupUnit }))).toEqual(['2027-10-31']);
  });

  it('a row continuing an item with 2027.1 under 完成时限 is refused too', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('任务分工');
    sheet.addRow(['序号', '工作任务', '牵头单位', '责任单位', '完成时限']);
    sheet.addRow(['1', '任务1', '青川市财政局', null, 2027.6]);
    sheet.addRow([null, null, null, '青川市教育局', 2027.1]);
    const result = await importWorkPlan(new Uint8Array(await workbook.xlsx.writeBuffer()), { format: 'xlsx', title: '青川市2027年政务公开任务分工', lookupUnit });
    expect(result).toMatchObject({ ok: false, problems: [expect.objectContaining({ row: 3, reasonZh: expect.stringContaining('“2027.1”是数字') })] });
  });

  it('a 台账: 整改时限 2027.1 as a number is refused the same way; 2027.12 is December', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('台账');
    sheet.addRow(['序号', '存在问题', '责任单位', '整改时限']);
    sheet.addRow(['1', '预算公开不及时', '青川市财政局', 2027.1]);
    sheet.addRow(['2', '决算公开不及时', '青川市财政局', 2027.12]);
    const result = await importFindings(new Uint8Array(await workbook.xlsx.writeBuffer()), { format: 'xlsx', lookupUnit, today: '2027-03-01' });
    expect(result.ok ? [] : result.problems.map((problem) => `${problem.row} ${problem.reasonZh}`)).toEqual([expect.stringMatching(/^2 整改时限无法识别：单元格中的“2027\.1”是数字/u)]);
  });
});

/*
 * issue 10 (left by P3): Excel saving a sheet as CSV writes a General cell's 2027.10 as the text 「2027.1」; the text path read it
 * as January unsaid while the number cell was refused. A text that is YYYY.1 alone is refused the same way; one with more in it (2027.1前) was typed, January; other YYYY.M text is its month.
 */
describe('a 完成时限 written as the text 2027.1 (a CSV saved from Excel)', () => {
  it.each(['2027.1', '２０２７．１', ' 2027.1 '])('%p in a plan\'s CSV is refused naming the sheet\'s row, asking for 2027年10月 or 2027年1月 — never read as January', async (written) => {
    const result = await importWorkPlan(`序号,工作任务,牵头单位,完成时限\n1,任务1,青川市财政局,2027.6\n2,任务2,青川市财政局,${written}\n`, { format: 'csv', title: '青川市2027年政务公开任务分工', lookupUnit });
    expect(result).toMatchObject({ ok: false, problems: [expect.objectContaining({ row: 3, reasonZh: expect.stringContaining('按“年.月”读，可能是 2027年1月，也可能是 2027年10月（Excel 另存为 CSV 时，会把常规格式单元格中的 2027.10 写成 2027.1）。请写明月份，如“2027年10月”（或“2027年1月”）') })] });
  });

  it.each([
    ['2027.10', '2027-10-31'],
    ['2027.01', '2027-01-31'],
    ['2027.11', '2027-11-30'],
    ['2027.6', '2027-06-30'],
    ['2027.1.31', '2027-01-31'],
    // More than the number in the text: typed as written, never through a General cell — 2027.1 is January; a span is its end.
    ['2027.1前', '2027-01-31'],
    ['2027.1底前', '2027-01-31'],
    ['2027.3—2027.6', '2027-06-30'],
    ['2027.10前', '2027-10-31'],
  ])('%p is read as before: %s', async (written, day) => {
    expect(dueDates(await importWorkPlan(`序号,工作任务,牵头单位,完成时限\n1,任务1,青川市财政局,${written}\n`, { format: 'csv', title: '青川市2027年政务公开任务分工', lookupUnit }))).toEqual([day]);
  });

  it('a 台账 CSV: 整改时限 2027.1 is refused naming its row; 2027.12 is December', async () => {
    const result = await importFindings('序号,存在问题,责任单位,整改时限\n1,预算公开不及时,青川市财政局,2027.1\n2,决算公开不及时,青川市财政局,2027.12\n', { format: 'csv', lookupUnit, today: '2027-03-01' });
    expect(result.ok ? [] : result.problems.map((problem) => `${problem.row} ${problem.reasonZh}`)).toEqual([expect.stringMatching(/^2 整改时限无法识别：“2027\.1”按“年\.月”读，可能是 2027年1月，也可能是 2027年10月/u)]);
  });
});
