import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { unitLookupFrom } from '../organization/units/unit-lookup.js';
import { importWorkPlan } from '../work-plan/import/work-plan-import.js';
import { readDay } from './deadline-text.js';
import { importFindings } from '../rectification/import-findings/findings-file.js';

/*
 * breaker43-10 F8: 46203 in a General-format XLSX cell (a date cell that lost its format: pasted as values, a system's export) was
 * read as 2026-06-30, while the CSV saved from it, 46203, was refused. Decided: read both as the day — XLSX serials in a deadline were
 * read so on purpose (plan-document.spec "serial dates"), a date column holds no other five-digit number, and the day read is shown
 * in the dry run and the answer; refusing would have broken files read today.
 */
const lookupUnit = unitLookupFrom([{ id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' }]);
const EPOCH = Date.UTC(1899, 11, 30);
const dayOf = (serial: number) => new Date(EPOCH + serial * 86_400_000).toISOString().slice(0, 10);

async function xlsx(due: number, numFmt?: string): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('任务分工');
  sheet.addRow(['编号', '事项', '牵头单位', '完成时限']);
  sheet.addRow(['1', '事项一', '青川市教育局', due]);
  if (numFmt) sheet.getCell('D2').numFmt = numFmt;
  return new Uint8Array(await book.xlsx.writeBuffer());
}
const problemsOf = (result: Awaited<ReturnType<typeof importWorkPlan>>) => (result.ok ? result.plan.categories[0]!.items[0]!.dueDate : result.problems.map((problem) => problem.reasonZh));

describe('a day number (Excel date serial) in a 完成时限 cell', () => {
  it('reads as the same day in an XLSX General cell and in a CSV', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 46_023, max: 46_387 }), async (serial) => {
        const fromXlsx = problemsOf(await importWorkPlan(await xlsx(serial), { format: 'xlsx', title: 'T', year: 2026, lookupUnit }));
        const fromCsv = problemsOf(await importWorkPlan(`编号,事项,牵头单位,完成时限\n1,事项一,青川市教育局,${serial}\n`, { format: 'csv', title: 'T', year: 2026, lookupUnit }));
        expect([fromXlsx, fromCsv]).toEqual([dayOf(serial), dayOf(serial)]);
      }),
      { numRuns: 15 },
    );
  });

  it('reads a 发现日期 of 46203 as the day too (readDay), and no other number', () => {
    expect([readDay('46203'), readDay(46203), readDay('4620'), readDay('462030')]).toEqual(['2026-06-30', '2026-06-30', null, null]);
  });

  it('is the day it shows under a date format', async () => {
    expect(problemsOf(await importWorkPlan(await xlsx(46203, 'yyyy-mm-dd'), { format: 'xlsx', title: 'T', year: 2026, lookupUnit }))).toBe('2026-06-30');
  });

  it('is told in a notice naming the cell, the number and the day (XLSX General cell, CSV; plans and 台账), never read silently', async () => {
    const told = '“完成时限”列单元格 D2 的数字 46203 按 Excel 的日期序号读作 2026-06-30；如不是这一天，请改写为日期（如 2026-06-30）后重新导入。';
    const fromXlsx = await importWorkPlan(await xlsx(46203), { format: 'xlsx', title: 'T', year: 2026, lookupUnit });
    const fromCsv = await importWorkPlan('编号,事项,牵头单位,完成时限\n1,事项一,青川市教育局,46203\n', { format: 'csv', title: 'T', year: 2026, lookupUnit });
    for (const result of [fromXlsx, fromCsv]) expect(result.ok && result.notices?.map((notice) => notice.reasonZh)).toContain(told);
    const ledger = await importFindings('问题描述,责任单位,整改时限,发现日期\n网站栏目更新不及时,青川市教育局,46203,46100\n答复不规范,青川市教育局,2026-07-31,46100\n', { format: 'csv', lookupUnit, today: '2026-03-23' });
    expect(ledger.ok && ledger.notices?.map((notice) => notice.reasonZh)).toEqual(
      expect.arrayContaining([
        '“整改时限”列单元格 C2 的数字 46203 按 Excel 的日期序号读作 2026-06-30；如不是这一天，请改写为日期（如 2026-06-30）后重新导入。',
        '“发现日期”列单元格 D2 的数字 46100 按 Excel 的日期序号读作 2026-03-19，单元格 D3 的数字 46100 按 Excel 的日期序号读作 2026-03-19；如不是这些日期，请改写为日期（如 2026-06-30）后重新导入。',
      ]),
    );
    // A day under a date format is shown as a day: nothing to tell.
    const formatted = await importWorkPlan(await xlsx(46203, 'yyyy-mm-dd'), { format: 'xlsx', title: 'T', year: 2026, lookupUnit });
    expect(formatted.ok && formatted.notices?.some((notice) => notice.reasonZh.includes('日期序号'))).toBe(false);
  });
});
