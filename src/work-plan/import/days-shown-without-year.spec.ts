import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importFindings } from '../../rectification/import-findings/findings-file.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * breaker10r P25: a 完成时限 cell formatted m"月"d"日" shows 6月30日 and stores the year Excel took from the day it was typed — a plan for
 * 2026 typed in December 2025 stores 2025-06-30 — and was read as due in 2025. An earlier fix read the shown text and broke plans whose
 * year comes from their dates (reverted). The rule now: a plan that says its year (title, --year) reads a shown 6月30日 in that year,
 * told naming the cell, when the stored year is outside the plan's period; a plan over several years refuses such a cell (which year is
 * not shown); a plan that says no year keeps the stored days, whose year is the plan's. A 台账 reads the shown day as it reads the words.
 */
const directory = unitLookupFrom([{ id: 'CZJ', code: 'CZJ', name: '青川市财政局' }]);

/** A plan sheet whose 完成时限 cells hold `days` (UTC dates) formatted to show month and day only, as `format`. */
async function plan(title: string, days: readonly Date[], format = 'm"月"d"日"'): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('任务');
  sheet.addRow([title]);
  sheet.addRow(['序号', '工作任务', '牵头单位', '完成时限']);
  days.forEach((day, index) => {
    const row = sheet.addRow([String(index + 1), `任务${index + 1}`, '青川市财政局', day]);
    row.getCell(4).numFmt = format;
  });
  return new Uint8Array(await book.xlsx.writeBuffer());
}
const day = (text: string) => new Date(`${text}T00:00:00Z`);
const read = async (content: Uint8Array, options: { year?: number } = {}) => {
  const result = await importWorkPlan(content, { format: 'xlsx', lookupUnit: directory, ...options });
  if (!result.ok) return { problems: result.problems.map((problem) => problem.reasonZh) };
  return {
    year: result.plan.year,
    dueDates: result.plan.categories.flatMap((category) => category.items.map((item) => item.dueDate)),
    notices: (result.notices ?? []).map((notice) => notice.reasonZh).filter((text) => text.startsWith('单元格')),
  };
};

describe('完成时限 cells shown as month and day only (breaker10r P25)', () => {
  describe('given a plan that says its year (2026 in its title) typed in December 2025', () => {
    it('when imported, then each shown day is in 2026, told naming the cell', async () => {
      expect(await read(await plan('青川市2026年政务公开工作任务分解表', [day('2025-06-30'), day('2025-12-31')]))).toEqual({
        year: 2026,
        dueDates: ['2026-06-30', '2026-12-31'],
        notices: ['单元格 D3 存的日期是 2025-06-30，但只显示“6月30日”：按方案年度读作 2026-06-30。', '单元格 D4 存的日期是 2025-12-31，但只显示“12月31日”：按方案年度读作 2026-12-31。'],
      });
    });

    it('the same with the year given (--year 2026) and another format that hides the year (mm-dd)', async () => {
      expect(await read(await plan('任务分解表', [day('2025-09-30')], 'mm-dd'), { year: 2026 })).toMatchObject({ year: 2026, dueDates: ['2026-09-30'] });
    });

    it('a stored year that is the plan\'s reads as stored, with nothing to tell', async () => {
      expect(await read(await plan('青川市2026年政务公开工作任务分解表', [day('2026-06-30')]))).toEqual({ year: 2026, dueDates: ['2026-06-30'], notices: [] });
    });
  });

  describe('given a plan that says no year (its year comes from its dates)', () => {
    it('when imported, then the stored days stand and give the plan its year — the case the reverted fix broke', async () => {
      expect(await read(await plan('任务分解表', [day('2026-06-30'), day('2026-10-31')]))).toEqual({ year: 2026, dueDates: ['2026-06-30', '2026-10-31'], notices: [] });
    });
  });

  describe('given a plan over several years (2026—2028)', () => {
    it('a stored year inside the period stands; one outside it is refused asking for the year', async () => {
      expect(await read(await plan('青川市政务公开三年行动计划（2026—2028年）', [day('2027-06-30')]))).toEqual({ year: 2026, dueDates: ['2027-06-30'], notices: [] });
      expect(await read(await plan('青川市政务公开三年行动计划（2026—2028年）', [day('2025-06-30')]))).toEqual({
        problems: expect.arrayContaining(['单元格 D3 只显示“6月30日”（存的日期是 2025-06-30，不在方案期限 2026—2028 年内），无法确定是哪一年：请在完成时限中写明年份（如 2027年6月30日）。']),
      });
    });
  });

  describe('given a 台账 identified in March 2026 whose 整改时限 shows 6月30日 stored as 2025', () => {
    it('when imported, then it is read as the words 6月30日 are (2026-06-30), told', async () => {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('整改台账');
      sheet.addRow(['序号', '存在问题', '整改措施', '责任单位', '整改时限']);
      sheet.addRow([1, '预算公开不及时', '按时公开', '青川市财政局', day('2025-06-30')]).getCell(5).numFmt = 'm"月"d"日"';
      const result = await importFindings(new Uint8Array(await book.xlsx.writeBuffer()), { format: 'xlsx', lookupUnit: directory, year: 2026, identifiedOn: '2026-03-20', today: '2026-03-23' });
      expect(result.ok && result.findings[0]!.parts[0]!.dueDate).toBe('2026-06-30');
      expect(result.ok && result.notices?.map((notice) => notice.reasonZh)).toContain('单元格 E2 存的日期是 2025-06-30，但只显示“6月30日”：按 2026 年读作 2026-06-30。');
    });
  });
});
