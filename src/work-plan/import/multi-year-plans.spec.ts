import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { dueDateLimitOf } from '../domain/work-plan.decider.js';
import { planTitleKey, yearSpanIn } from './plan-document.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * breaker10m P6 (serious): a plan over several years — 「青川市政务公开三年行动计划（2026—2028年）」, items due in 2027 and
 * 2028, 「每年」 and 「2026—2028年」 deadlines — was read as a plan of 2028 (the last year its title names), its 2026 items
 * refused as before the plan's year, or, given --year 2026, its 2027 and 2028 items refused as after the plan's period and
 * 「2026—2028年」 unreadable. Given such a file, when it is read, then the plan is of 2026 to 2028 and each item due as written.
 */

const lookupUnit = unitLookupFrom([
  { id: 'unit-fgw', code: 'FGW', name: '青川市发展和改革委员会' },
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
]);
const TITLE = '青川市政务公开三年行动计划（2026—2028年）';
const rows: [string, string, string, string, string][] = [
  ['平台建设', '1', '建成政务公开专区', 'FGW', '2026年12月底前'],
  ['平台建设', '2', '完善政策文件库', 'CZJ', '2027年6月30日'],
  ['平台建设', '3', '实现标准目录全覆盖', 'FGW', '2028年底前'],
  ['制度建设', '4', '开展政务公开培训', 'CZJ', '每年'],
  ['制度建设', '5', '推进基层政务公开标准化', 'FGW', '2026—2028年'],
  ['制度建设', '6', '持续优化解读回应', 'CZJ', '长期坚持'],
];
const csvOf = (title: string | null, body = rows) =>
  `${title === null ? '' : `${title}\n`}类别,编号,事项,牵头单位,完成时限\n${body.map((row) => row.join(',')).join('\n')}\n`;
const dueOf = (result: Awaited<ReturnType<typeof importWorkPlan>>) =>
  result.ok ? result.plan.categories.flatMap((category) => category.items.map((item) => [item.code, item.dueDate, item.terms?.kind ?? 'BY_DATE'])) : result.problems;
const EXPECTED = [
  ['1', '2026-12-31', 'BY_DATE'],
  ['2', '2027-06-30', 'BY_DATE'],
  ['3', '2028-12-31', 'BY_DATE'],
  ['4', '2028-12-31', 'STANDING'],
  ['5', '2028-12-31', 'BY_DATE'],
  ['6', '2028-12-31', 'STANDING'],
];

describe('a plan over several years', () => {
  it('takes its period from its title row: the first year is its year, items due until 12-31 of the last (CSV)', async () => {
    const result = await importWorkPlan(csvOf(TITLE), { format: 'csv', lookupUnit, today: '2026-02-20' });
    expect(result).toMatchObject({ ok: true, plan: { title: TITLE, year: 2026, lastYear: 2028 } });
    expect(dueOf(result)).toEqual(EXPECTED);
    // 每年 is one item kept up until the plan's last day, reporting every year.
    expect(result.ok && result.plan.categories[1]!.items[0]!.terms).toMatchObject({ kind: 'STANDING', reportEvery: 'YEAR' });
  });

  it('reads the same from an XLSX whose title row is merged over the table', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('任务分解');
    sheet.addRow([TITLE]);
    sheet.mergeCells('A1:E1');
    sheet.addRow(['类别', '编号', '事项', '牵头单位', '完成时限']);
    for (const row of rows) sheet.addRow(row);
    const result = await importWorkPlan(new Uint8Array(await workbook.xlsx.writeBuffer()), { format: 'xlsx', lookupUnit, today: '2026-02-20' });
    expect(result).toMatchObject({ ok: true, plan: { year: 2026, lastYear: 2028 } });
    expect(dueOf(result)).toEqual(EXPECTED);
  });

  it.each(['青川市政务公开三年行动计划（2026-2028年）', '青川市政务公开三年行动计划（2026年至2028年）', '青川市政务公开三年行动计划（二〇二六—二〇二八年）'])(
    'reads the years however the span is written: %p',
    async (title) => {
      const result = await importWorkPlan(csvOf(title), { format: 'csv', lookupUnit, today: '2026-02-20' });
      expect(result).toMatchObject({ ok: true, plan: { year: 2026, lastYear: 2028 } });
      expect(planTitleKey(title)).toBe(planTitleKey(TITLE));
    },
  );

  it('takes the period given (--year 2026-2028: year and lastYear) for a file whose title does not say it', async () => {
    const result = await importWorkPlan(csvOf(null), { format: 'csv', lookupUnit, title: '青川市政务公开三年行动计划', year: 2026, lastYear: 2028, today: '2026-02-20' });
    expect(result).toMatchObject({ ok: true, plan: { year: 2026, lastYear: 2028 } });
    expect(dueOf(result)).toEqual(EXPECTED);
  });

  it('refuses a deadline without a year (6月底前, 年底前), naming the row and asking for the year, and one past its last year', async () => {
    const body: typeof rows = [...rows, ['制度建设', '7', '更新公开指南', 'FGW', '6月底前'], ['制度建设', '8', '建成统一平台', 'FGW', '2029年6月30日']];
    const result = await importWorkPlan(csvOf(TITLE, body), { format: 'csv', lookupUnit, today: '2026-02-20' });
    expect(result).toMatchObject({
      ok: false,
      problems: [
        { row: 9, reasonZh: '完成时限“6月底前”没有写年份，而本方案跨 2026—2028 年多个年度：请写明年份（如“2027年6月底前”）。' },
        { row: 10, reasonZh: expect.stringContaining('完成时限 2029-06-30 晚于工作方案「青川市政务公开三年行动计划（2026—2028年）」的期限（2028-12-31）') },
      ],
    });
  });

  it('refuses 2月29日 without a year as a day of the period’s leap years, not as a year unknown (breaker50-10 M5)', async () => {
    const body: typeof rows = [...rows, ['制度建设', '7', '更新公开指南', 'FGW', '2月29日']];
    const result = await importWorkPlan(csvOf(TITLE, body), { format: 'csv', lookupUnit, today: '2026-02-20' });
    expect(result).toMatchObject({
      ok: false,
      problems: [{ row: 9, reasonZh: '完成时限“2月29日”没有写年份，而本方案跨 2026—2028 年多个年度（其中只有 2028 年有这一天）：请写明年份（如“2028年2月29日”）。' }],
    });
  });

  it('leaves a year\'s plan as it was: its items due by 12-31 of its year, 6月底前 in it', async () => {
    const oneYear = '青川市2026年政务公开工作要点\n类别,编号,事项,牵头单位,完成时限\n平台,1,更新公开指南,FGW,6月底前\n平台,2,开展培训,CZJ,每年\n';
    const result = await importWorkPlan(oneYear, { format: 'csv', lookupUnit, today: '2026-02-20' });
    expect(result).toMatchObject({ ok: true, plan: { year: 2026 } });
    expect(result.ok && 'lastYear' in result.plan).toBe(false);
    expect(dueOf(result)).toEqual([['1', '2026-06-30', 'BY_DATE'], ['2', '2026-12-31', 'STANDING']]);
  });

  it('refuses the items of its later years when read as a year\'s plan (no span in the title, no last year given), saying to give its last year (截止年度)', async () => {
    const result = await importWorkPlan(csvOf(null), { format: 'csv', lookupUnit, title: '青川市政务公开三年行动计划', year: 2026, today: '2026-02-20' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((problem) => [problem.row, problem.reasonZh])).toEqual([
      [3, expect.stringMatching(/^完成时限 2027-06-30 晚于.*（2026-12-31）；跨年度的方案（如三年行动计划）请写明截止年度；如确需延后/)],
      [4, expect.stringContaining('请写明截止年度')],
      [6, expect.stringContaining('请写明截止年度')],
    ]);
  });

  it('bounds the items by the last year: dueDateLimitOf', () => {
    expect(dueDateLimitOf({ title: TITLE, year: 2026, lastYear: 2028 }).latest).toBe('2028-12-31');
    expect(dueDateLimitOf({ title: '青川市2026年政务公开工作要点', year: 2026 }).latest).toBe('2026-12-31');
    expect(yearSpanIn('（2026—2028年）')).toEqual({ first: 2026, last: 2028 });
    expect(yearSpanIn('2026年3月—6月')).toBeNull();
  });
});
