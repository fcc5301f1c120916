import { unitLookupFrom } from '../organization/units/unit-lookup.js';
import { importFindings } from '../rectification/import-findings/findings-file.js';
import { readDeadline } from './deadline-text.js';

/*
 * breaker10d P24 and P32: deadline words of published task lists and 台账 that were refused or read
 * in the wrong year — 年内 (README promises 12-31), 中旬 / 上旬, a span (its end), and in a 台账 drawn up
 * late in the year, a date without a year (the next such day) and 明年 / 次年.
 */

const byDate = (dueDate: string) => ({ ok: true, deadline: { kind: 'BY_DATE', dueDate } });

describe('deadline words read as offices mean them (breaker10d P24)', () => {
  it.each([
    ['2026年内', undefined, byDate('2026-12-31')],
    ['2026年内完成', undefined, byDate('2026-12-31')],
    ['年内', 2026, byDate('2026-12-31')],
    ['2026年度内', undefined, byDate('2026-12-31')],
    ['2026年6月中旬', undefined, byDate('2026-06-20')],
    ['6月中旬前', 2026, byDate('2026-06-20')],
    ['2026年6月上旬', undefined, byDate('2026-06-10')],
    ['2026年6月下旬', undefined, byDate('2026-06-30')],
    ['2026年3月—6月', undefined, byDate('2026-06-30')],
    ['2026年3月至6月底', undefined, byDate('2026-06-30')],
    ['2026年3月～2027年6月', undefined, byDate('2027-06-30')],
    ['3月-6月', 2026, byDate('2026-06-30')],
    ['2026-06-30', undefined, byDate('2026-06-30')],
  ])('%s (year %p)', (text, year, expected) => {
    expect(readDeadline(text, { year })).toEqual(expected);
  });

  it('still refuses what names no day: 及时更新, and a span whose ends are no dates', () => {
    expect(readDeadline('及时更新', { year: 2026 })).toMatchObject({ ok: false, reasonZh: '“及时更新”不是可识别的时限' });
    expect(readDeadline('一季度至二季度之间视情况', { year: 2026 }).ok).toBe(false);
  });
});

describe('a 台账 drawn up late in the year (breaker10d P32)', () => {
  const october = { year: 2026, notBefore: '2026-10-08' };

  it('reads a date without a year that would be past as the next such day, and says which year', () => {
    expect(readDeadline('6月底前', october)).toEqual({ ...byDate('2027-06-30'), yearAfter: 2027 });
    expect(readDeadline('上半年', october)).toEqual({ ...byDate('2027-06-30'), yearAfter: 2027 });
    expect(readDeadline('6月底前完成并持续落实', october)).toEqual({ ok: true, deadline: { kind: 'BY_DATE_THEN_STANDING', dueDate: '2027-06-30' }, yearAfter: 2027 });
  });

  it('keeps a date without a year that is still ahead, and any date that names its year', () => {
    expect(readDeadline('年底前', october)).toEqual(byDate('2026-12-31'));
    expect(readDeadline('2026年6月底前', october)).toEqual(byDate('2026-06-30'));
    expect(readDeadline('2026-06-30', october)).toEqual(byDate('2026-06-30'));
  });

  it('reads 明年 / 次年 as the year after the identification, 当年 / 今年 as that year', () => {
    expect(readDeadline('明年3月底前', october)).toEqual(byDate('2027-03-31'));
    expect(readDeadline('次年6月底前', october)).toEqual(byDate('2027-06-30'));
    expect(readDeadline('翌年上半年', october)).toEqual(byDate('2027-06-30'));
    expect(readDeadline('今年年底前', october)).toEqual(byDate('2026-12-31'));
    expect(readDeadline('当年', october)).toEqual(byDate('2026-12-31'));
  });

  it('refuses 明年 when the year it counts from is unknown', () => {
    expect(readDeadline('明年3月底前')).toMatchObject({ ok: false, reasonZh: expect.stringContaining('请写明年份') });
  });
});

describe('a 整改台账 identified in October', () => {
  const directory = unitLookupFrom([{ id: 'unit-czj', code: 'CZJ', name: '青川市财政局' }]);

  it('assigns 6月底前 to next June with a notice naming the year, and 明年3月底前 to next March', async () => {
    const csv = '存在问题,整改措施,责任单位,整改时限\nYR甲问题,措施,青川市财政局,6月底前\nYR乙问题,措施,青川市财政局,明年3月底前\nYR丁问题,措施,青川市财政局,年底前\n';
    const result = await importFindings(csv, { format: 'csv', lookupUnit: directory, today: '2026-10-08', year: 2026, identifiedOn: '2026-10-08' });
    expect(result.ok && result.findings.map((finding) => finding.parts[0]!.dueDate)).toEqual(['2027-06-30', '2027-03-31', '2026-12-31']);
    expect(result.ok && result.notices?.filter((notice) => notice.reasonZh.includes('没有写年份'))).toEqual([expect.objectContaining({ row: 2, reasonZh: expect.stringContaining('按 2027 年读作 2027-06-30') })]);
  });
});
