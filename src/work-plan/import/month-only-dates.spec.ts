import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importFindings } from '../../rectification/import-findings/findings-file.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * breaker10 F31: Excel and WPS store a typed 2026年6月 as the date 2026-06-01 shown with a
 * format that has no day. Such a cell means the month, as the words do: due on its last day, and
 * said in a notice; a format showing only the year means the year's end.
 */

const directory = unitLookupFrom([{ id: 'unit-czj', code: 'CZJ', name: '青川市财政局' }]);

async function planWithDueCells(cells: readonly { value: Date | number; numFmt: string }[]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('任务清单');
  sheet.addRow(['类别', '编号', '事项', '牵头单位', '完成时限']);
  cells.forEach(({ value, numFmt }, index) => {
    const row = sheet.addRow(['公开', String(index + 1), `事项${index + 1}`, '青川市财政局', value]);
    row.getCell(5).numFmt = numFmt;
  });
  return new Uint8Array(await book.xlsx.writeBuffer());
}

const june1 = new Date(Date.UTC(2026, 5, 1));
const september1 = new Date(Date.UTC(2026, 8, 1));

describe('a date cell that shows only a month (breaker10 F31)', () => {
  it('is due on the month\'s last day, in either of the formats Excel and WPS write, with a notice naming the cell', async () => {
    const content = await planWithDueCells([
      { value: june1, numFmt: 'yyyy"年"m"月"' },
      { value: september1, numFmt: '[$-804]yyyy"年"m"月";@' },
    ]);
    const result = await importWorkPlan(content, { format: 'xlsx', title: 'T', lookupUnit: directory });
    expect(result.ok && result.plan.categories[0]!.items.map((item) => item.dueDate)).toEqual(['2026-06-30', '2026-09-30']);
    expect(result).toMatchObject({
      ok: true,
      notices: [
        { row: 2, reasonZh: '单元格 E2 存的日期是 2026-06-01，但只显示“2026年6月”：按“2026年6月”读取，即该月最后一天。' },
        { row: 3, reasonZh: '单元格 E3 存的日期是 2026-09-01，但只显示“2026年9月”：按“2026年9月”读取，即该月最后一天。' },
      ],
    });
  });

  // breaker10q P11 (serious): a cell formatted m"月" (it shows 「6月」) was read as 06-01, a month early.
  it('a format showing the month without its year means that month of the stored date\'s year, at its end', async () => {
    const content = await planWithDueCells([{ value: june1, numFmt: 'm"月"' }, { value: september1, numFmt: '[$-804]m"月";@' }]);
    const result = await importWorkPlan(content, { format: 'xlsx', title: 'T', lookupUnit: directory });
    expect(result.ok && result.plan.categories[0]!.items.map((item) => item.dueDate)).toEqual(['2026-06-30', '2026-09-30']);
    // A time of day is no month: m in h:mm stays minutes.
    const timed = await planWithDueCells([{ value: june1, numFmt: 'yyyy-mm-dd h:mm' }]);
    const read = await importWorkPlan(timed, { format: 'xlsx', title: 'T', lookupUnit: directory });
    expect(read.ok && read.plan.categories[0]!.items[0]!.dueDate).toBe('2026-06-01');
  });

  it('a format showing only the year means the year\'s end', async () => {
    const result = await importWorkPlan(await planWithDueCells([{ value: june1, numFmt: 'yyyy"年"' }]), { format: 'xlsx', title: 'T', lookupUnit: directory });
    expect(result.ok && result.plan.categories[0]!.items[0]!.dueDate).toBe('2026-12-31');
  });

  it('a date shown with its day is that day, with nothing to tell', async () => {
    const content = await planWithDueCells([
      { value: june1, numFmt: 'yyyy"年"m"月"d"日"' },
      { value: june1, numFmt: 'yyyy/m/d' },
      { value: june1, numFmt: 'm月d日 aaaa' },
    ]);
    const result = await importWorkPlan(content, { format: 'xlsx', title: 'T', lookupUnit: directory });
    expect(result.ok && result.plan.categories[0]!.items.map((item) => item.dueDate)).toEqual(['2026-06-01', '2026-06-01', '2026-06-01']);
    expect(result.ok && result.notices).toBeUndefined();
  });

  it('reads the same in a ledger\'s 整改时限', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('整改台账');
    sheet.addRow(['序号', '存在问题', '整改措施', '责任单位', '完成时限']);
    sheet.addRow([1, '预算公开不及时', '按时公开', '青川市财政局', june1]).getCell(5).numFmt = 'yyyy"年"m"月"';
    const result = await importFindings(new Uint8Array(await book.xlsx.writeBuffer()), { format: 'xlsx', lookupUnit: directory });
    expect(result.ok && result.findings[0]!.parts[0]!.dueDate).toBe('2026-06-30');
  });
});
