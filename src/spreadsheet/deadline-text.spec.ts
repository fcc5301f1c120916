import fc from 'fast-check';
import { isCalendarDate } from '../shared/calendar-date.js';
import { BY_DATE, deadlineCell, partDueOf, recurringDueDates, sameDueTerms, termsInWords, type DueTerms } from '../shared/deadline.js';
import { readDay, readDeadline } from './deadline-text.js';

/* The deadline words of task lists and ledgers (issue 10, fault 2), as examples and as properties. */

const byDate = (dueDate: string) => ({ ok: true, deadline: { kind: 'BY_DATE', dueDate } });

describe('deadlines as offices write them (issue 10, fault 2)', () => {
  it.each([
    ['２０２６年６月３０日', 2026, byDate('2026-06-30')],
    ['二〇二六年六月三十日', undefined, byDate('2026-06-30')],
    ['2026年6月', undefined, byDate('2026-06-30')],
    // The month with a dot, as 分工 tables write it (breaker10q P4); a day with dots stays the day.
    ['2026.6', undefined, byDate('2026-06-30')],
    ['2026.10', undefined, byDate('2026-10-31')],
    ['2026．12底前', undefined, byDate('2026-12-31')],
    ['2026.6.15', undefined, byDate('2026-06-15')],
    // A day, then kept up, said in a bracket (breaker10q P14: read as the day alone).
    ['2026年6月底前（长期坚持）', undefined, { ok: true, deadline: { kind: 'BY_DATE_THEN_STANDING', dueDate: '2026-06-30' } }],
    ['2026年6月30日(常态化)', undefined, { ok: true, deadline: { kind: 'BY_DATE_THEN_STANDING', dueDate: '2026-06-30' } }],
    ['2026年6月30日（持续推进）', undefined, { ok: true, deadline: { kind: 'BY_DATE_THEN_STANDING', dueDate: '2026-06-30' } }],
    ['2026年2月', undefined, byDate('2026-02-28')],
    ['2026年上半年', undefined, byDate('2026-06-30')],
    ['2026年下半年', undefined, byDate('2026-12-31')],
    ['2026年第三季度', undefined, byDate('2026-09-30')],
    ['2026年一季度', undefined, byDate('2026-03-31')],
    ['6月30日', 2026, byDate('2026-06-30')],
    // As offices write them (breaker48-10 M2): a dot between month and day, a full stop after, 止, the year in a bracket after.
    ['6.30前', 2026, byDate('2026-06-30')],
    ['2026年6月30日。', undefined, byDate('2026-06-30')],
    ['2026年6月30日止', undefined, byDate('2026-06-30')],
    ['6月30日前（2026年）', 2026, byDate('2026-06-30')],
    ['2026年6月底前完成', undefined, byDate('2026-06-30')],
    ['2026年6月30日（星期二）', undefined, byDate('2026-06-30')],
    ['年底前', 2026, byDate('2026-12-31')],
    ['2026-06-30', undefined, byDate('2026-06-30')],
    ['立行立改', undefined, { ok: true, deadline: { kind: 'AT_ONCE' } }],
    ['持续推进', undefined, { ok: true, deadline: { kind: 'STANDING', words: '持续推进' } }],
    ['长期坚持', undefined, { ok: true, deadline: { kind: 'STANDING', words: '长期坚持' } }],
    ['常态化', undefined, { ok: true, deadline: { kind: 'STANDING', words: '常态化' } }],
    ['每月', undefined, { ok: true, deadline: { kind: 'RECURRING', period: 'MONTH' } }],
    ['每季度', undefined, { ok: true, deadline: { kind: 'RECURRING', period: 'QUARTER' } }],
    ['每半年', undefined, { ok: true, deadline: { kind: 'RECURRING', period: 'HALF_YEAR' } }],
    ['2018年底前完成并持续落实', undefined, { ok: true, deadline: { kind: 'BY_DATE_THEN_STANDING', dueDate: '2018-12-31' } }],
    // A standing deadline's reporting period after it (breaker10f P17): the export's own words, and the offices'.
    ['常态化（每月报送）', undefined, { ok: true, deadline: { kind: 'STANDING', reportEvery: 'MONTH', words: '常态化' } }],
    ['常态化(每半年报送)', undefined, { ok: true, deadline: { kind: 'STANDING', reportEvery: 'HALF_YEAR', words: '常态化' } }],
    ['长期坚持（每半年报送）', undefined, { ok: true, deadline: { kind: 'STANDING', reportEvery: 'HALF_YEAR', words: '长期坚持' } }],
    ['长期坚持，每月报送', undefined, { ok: true, deadline: { kind: 'STANDING', reportEvery: 'MONTH', words: '长期坚持' } }],
    ['持续推进、每年上报一次', undefined, { ok: true, deadline: { kind: 'STANDING', reportEvery: 'YEAR', words: '持续推进' } }],
    ['2026年6月底前完成并持续落实（每月报送）', undefined, { ok: true, deadline: { kind: 'BY_DATE_THEN_STANDING', dueDate: '2026-06-30', reportEvery: 'MONTH' } }],
    ['2026-06-30（每季度）', undefined, byDate('2026-06-30')],
    // Fixed at once and kept fixed (breaker10f P18).
    ['立行立改，长期坚持', undefined, { ok: true, deadline: { kind: 'AT_ONCE_THEN_STANDING' } }],
    ['立行立改并长期坚持', undefined, { ok: true, deadline: { kind: 'AT_ONCE_THEN_STANDING' } }],
    ['即知即改、长期坚持', undefined, { ok: true, deadline: { kind: 'AT_ONCE_THEN_STANDING' } }],
    ['立行立改，持续推进（每月报送）', undefined, { ok: true, deadline: { kind: 'AT_ONCE_THEN_STANDING', reportEvery: 'MONTH' } }],
    ['2026年12月底前完成整改', undefined, byDate('2026-12-31')],
  ])('%s (year %p)', (text, year, expected) => {
    expect(readDeadline(text, { year })).toEqual(expected);
  });

  it('refuses a day-and-month without a known year, saying what is missing', () => {
    expect(readDeadline('6月30日')).toMatchObject({ ok: false, reason: expect.stringContaining('gives no year') });
    expect(readDeadline('年底前')).toMatchObject({ ok: false, reason: expect.stringContaining('gives no year') });
  });

  it('refuses days that do not exist and words it does not know, quoting them', () => {
    expect(readDeadline('2026年2月30日')).toMatchObject({ ok: false, reason: '"2026年2月30日": 2026-02-30 does not exist' });
    expect(readDeadline('尽快')).toMatchObject({ ok: false, reason: expect.stringContaining('"尽快" is not a deadline we can read') });
    expect(readDeadline('')).toMatchObject({ ok: false, reason: 'no deadline given' });
  });

  it.each(['长期坚持（每两个月报送一次）', '常态化（每周报送）', '持续推进，每旬报送', '2026年12月底前完成并持续落实（每两个月报送）', '立行立改，长期坚持（每半月报送）'])(
    'refuses %s, naming the reporting period it cannot keep: never read as quarterly (breaker10g P7)',
    (text) => {
      const reading = readDeadline(text, { year: 2026 });
      expect(reading).toMatchObject({ ok: false, reasonZh: expect.stringMatching(new RegExp(`^“${text.replace(/[()（）]/g, '.')}”中的报送周期“每[^”]+”无法记录：报送周期只能是每月、每季度、每半年或每年`, 'u')) });
    },
  );

  it.each(['常态化（每月报送）', '长期坚持，每半年报送', '持续推进、每年上报一次', '2026年12月底前完成并持续落实（每季度报送）'])('still reads %s with its period', (text) => {
    expect(readDeadline(text, { year: 2026 })).toMatchObject({ ok: true });
  });

  it('reads back every part\'s terms as the pages and exports write them, to the same terms (breaker10f P17: the export round trip)', () => {
    const periods = ['MONTH', 'QUARTER', 'HALF_YEAR', 'YEAR'] as const;
    const every: DueTerms[] = [
      BY_DATE,
      { kind: 'AT_ONCE' },
      ...periods.flatMap((reportEvery): DueTerms[] => ['长期坚持', '持续推进', '常态化', '长期'].map((words) => ({ kind: 'STANDING', reportEvery, words }))),
      ...periods.map((reportEvery): DueTerms => ({ kind: 'BY_DATE_THEN_STANDING', reportEvery })),
    ];
    for (const terms of every) {
      const dueDate = '2026-06-30';
      const reading = readDeadline(termsInWords(terms, dueDate) ?? dueDate, { year: 2026 });
      expect(reading.ok && partDueOf(reading.deadline, { assignedOn: dueDate, keptUpUntil: dueDate })).toEqual({ dueDate, terms });
    }
  });

  it('reads a standing part assigned before the words were kept (常态化（每季度报送）) back to the same terms, in the words it was shown in (newcomer43-10 W)', () => {
    for (const reportEvery of ['MONTH', 'QUARTER', 'HALF_YEAR', 'YEAR'] as const) {
      const before: DueTerms = { kind: 'STANDING', reportEvery };
      const reading = readDeadline(deadlineCell(before, '2026-12-31'), { year: 2026 });
      const read = reading.ok ? partDueOf(reading.deadline, { keptUpUntil: '2026-12-31' }) : null;
      expect(read).toEqual({ dueDate: '2026-12-31', terms: { kind: 'STANDING', reportEvery, words: '常态化' } });
      expect(read && 'terms' in read && sameDueTerms(read.terms, before)).toBe(true);
    }
  });

  it('reads Excel dates and serial numbers as days', () => {
    expect(readDeadline(new Date(Date.UTC(2026, 5, 30)))).toEqual(byDate('2026-06-30'));
    expect(readDeadline(46203)).toEqual(byDate('2026-06-30'));
  });
});

// ---------------------------------------------------------------------------------------------
// properties

const DIGITS = '〇一二三四五六七八九';
const chineseYear = (year: number) => [...String(year)].map((digit) => DIGITS[Number(digit)]).join('');
const chineseNumber = (value: number) =>
  value < 10 ? DIGITS[value]! : `${value >= 20 ? DIGITS[Math.floor(value / 10)] : ''}十${value % 10 === 0 ? '' : DIGITS[value % 10]}`;
const fullWidth = (text: string) => text.replace(/[0-9]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) + 0xfee0));
const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

const aDay = fc
  .date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2100, 11, 31)), noInvalidDate: true })
  .map((date) => ({
    iso: date.toISOString().slice(0, 10),
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    weekday: WEEKDAYS[date.getUTCDay()]!,
  }));

const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

describe('deadline reading, as properties', () => {
  it('every spelling of a day reads as that day', () => {
    fc.assert(
      fc.property(aDay, fc.constantFrom('', '前', '之前', '前完成', '止', '为止', '。', '前。'), ({ iso, year, month, day, weekday }, suffix) => {
        const spellings = [
          iso,
          `${year}/${month}/${day}`,
          `${year}年${month}月${day}日`,
          fullWidth(`${year}年${month}月${day}日`),
          `${chineseYear(year)}年${chineseNumber(month)}月${chineseNumber(day)}日`,
          `${year}年${month}月${day}日（${weekday}）`,
        ];
        for (const spelling of spellings) expect(readDeadline(`${spelling}${suffix}`)).toEqual(byDate(iso));
      }),
    );
  });

  it('a day without its year is in the year given', () => {
    fc.assert(
      fc.property(aDay, ({ iso, year, month, day }) => {
        expect(readDeadline(`${month}月${day}日`, { year })).toEqual(byDate(iso));
        // With a dot, as offices write it (breaker48-10 M2): 6.30前, 06.30前; and its year in a bracket after it, given or not.
        expect(readDeadline(`${month}.${String(day).padStart(2, '0')}前`, { year })).toEqual(byDate(iso));
        expect(readDeadline(`${month}.${day}前`, { year })).toEqual(byDate(iso));
        expect(readDeadline(`${month}月${day}日前（${year}年）`)).toEqual(byDate(iso));
        expect(readDeadline(`${month}月${day}日前(${year})`, { year: year === 2100 ? 2099 : year + 1 })).toEqual(byDate(iso));
      }),
    );
  });

  it('a month, half year or quarter means its last day, which the next day follows as the 1st', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2100 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const end = `${year}-${String(month).padStart(2, '0')}-${lastDay(year, month)}`;
        expect(readDeadline(`${year}年${month}月`)).toEqual(byDate(end));
        expect(readDeadline(`${year}年${month}月底前完成`)).toEqual(byDate(end));
        const next = new Date(Date.UTC(year, month - 1, lastDay(year, month) + 1));
        expect(next.getUTCDate()).toBe(1);
        const quarter = Math.ceil(month / 3);
        const reading = readDeadline(`${year}年第${'一二三四'[quarter - 1]}季度`);
        expect(reading).toEqual(byDate(`${year}-${String(quarter * 3).padStart(2, '0')}-${lastDay(year, quarter * 3)}`));
      }),
    );
  });

  it('"by X, then keep it up" is the day X then standing', () => {
    fc.assert(
      fc.property(aDay, fc.constantFrom('并持续落实', '，长期坚持', '并长期坚持'), ({ iso, year, month, day }, then) => {
        expect(readDeadline(`${year}年${month}月${day}日前完成${then}`)).toEqual({
          ok: true,
          deadline: { kind: 'BY_DATE_THEN_STANDING', dueDate: iso },
        });
      }),
    );
  });

  it('never throws, and a date it reads is a real day', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.option(fc.integer({ min: 1900, max: 2199 }), { nil: undefined }), (text, year) => {
        const reading = readDeadline(text, { year });
        if (reading.ok && 'dueDate' in reading.deadline) expect(isCalendarDate(reading.deadline.dueDate)).toBe(true);
        if (!reading.ok) expect(reading.reason.length).toBeGreaterThan(0);
      }),
    );
  });

  it('a recurring task is due at the end of every period of the span, in order', () => {
    expect(recurringDueDates('QUARTER', { from: '2026-01-01', to: '2026-12-31' })).toEqual([
      '2026-03-31',
      '2026-06-30',
      '2026-09-30',
      '2026-12-31',
    ]);
    expect(recurringDueDates('HALF_YEAR', { from: '2026-01-01', to: '2026-12-31' })).toEqual(['2026-06-30', '2026-12-31']);
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2100 }), fc.constantFrom('MONTH', 'QUARTER', 'HALF_YEAR', 'YEAR' as const), (year, period) => {
        const dates = recurringDueDates(period, { from: `${year}-01-01`, to: `${year}-12-31` });
        expect(dates).toHaveLength({ MONTH: 12, QUARTER: 4, HALF_YEAR: 2, YEAR: 1 }[period]);
        expect([...dates].sort()).toEqual(dates);
        expect(dates.at(-1)).toBe(`${year}-12-31`);
        for (const date of dates) expect(isCalendarDate(date)).toBe(true);
      }),
    );
  });
});

describe('readDay: one calendar day, as a 发现日期 column names it', () => {
  it.each([
    ['2026-03-20', '2026-03-20'],
    ['2026/3/20', '2026-03-20'],
    ['2026年3月20日', '2026-03-20'],
    ['二〇二六年三月二十日', '2026-03-20'],
    ['２０２６年３月２０日（星期五）', '2026-03-20'],
  ])('%s is %s', (text, day) => {
    expect(readDay(text)).toBe(day);
  });

  it.each(['三月', '2026年3月', '年底前', '2026-02-30', '立行立改', ''])('%s is not a day', (text) => {
    expect(readDay(text)).toBeNull();
  });
});

describe('a year and month typed into a cell Excel keeps as a number (breaker10q P4, import P3)', () => {
  it('2026.1 is refused naming both readings, never taken as January: 2026.10 is stored as 2026.1', () => {
    expect(readDeadline(2026.1)).toEqual({
      ok: false,
      reason: expect.stringContaining('"2026.1" is a number in the cell'),
      reasonZh: '单元格中的“2026.1”是数字：按“年.月”读，可能是 2026年1月，也可能是输入的 2026.10 即 2026年10月（Excel 会去掉 2026.10 末尾的 0）。请写明月份，如“2026年10月”（或“2026年1月”），或写具体日期，如“2026-10-31”',
    });
    // A whole number is still an Excel serial day.
    expect(readDeadline(46203)).toEqual(byDate('2026-06-30'));
  });

  it.each([
    [2026.6, '2026-06-30'],
    [2026.06, '2026-06-30'],
    [2026.01, '2026-01-31'],
    [2026.11, '2026-11-30'],
    [2026.12, '2026-12-31'],
    [2026.2, '2026-02-28'],
  ])('%p, whose month only one typing gives, is that month: %s', (value, day) => {
    expect(readDeadline(value)).toEqual(byDate(day));
  });

  // issue 10: a CSV saved from Excel writes the General cell's 2026.10 as the text 2026.1 — refused as the number is.
  it.each(['2026.1', '２０２６．１'])('the text %p is refused naming both readings, never taken as January', (text) => {
    expect(readDeadline(text)).toEqual({
      ok: false,
      reason: expect.stringContaining('may be 2026.1 (January) or 2026.10 (October'),
      reasonZh: `“${text}”按“年.月”读，可能是 2026年1月，也可能是 2026年10月（Excel 另存为 CSV 时，会把常规格式单元格中的 2026.10 写成 2026.1）。请写明月份，如“2026年10月”（或“2026年1月”），或写具体日期，如“2026-10-31”`,
    });
  });

  // issue 10: a text with more than 2026.1 in it was never a number cell — typed as written, 2026.1 is January; a span is read as its end.
  it.each([
    ['2026.1底前', '2026-01-31'],
    ['2026.1前完成', '2026-01-31'],
    ['2026.1（暂定）', '2026-01-31'],
    ['2026.1月底前', '2026-01-31'],
    ['2026.3—2026.6', '2026-06-30'],
    ['2026.1—2026.3', '2026-03-31'],
    ['2026.6-2026.10', '2026-10-31'],
    ['2026.10—2027.1', '2027-01-31'],
    ['2026.3至2026.6底', '2026-06-30'],
  ])('the typed text %p is read as written: %s', (text, day) => {
    // 2026.1前完成 (a month, then 前) also says it may mean before January begins (breaker46-10 M1): the day is the same.
    const { notice: _notice, ...reading } = readDeadline(text) as { notice?: unknown };
    expect(reading).toEqual(byDate(day));
  });

  it.each([
    ['2026.10', '2026-10-31'],
    ['2026.01', '2026-01-31'],
    ['2026.6', '2026-06-30'],
    ['2026.12底前', '2026-12-31'],
    ['2026.1.31', '2026-01-31'],
  ])('the text %p is its month (or day), as before: %s', (text, day) => {
    expect(readDeadline(text)).toEqual(byDate(day));
  });

  it.each([[2026.13], [2026.123], [2026.05001]])('%p reads as no month: refused asking for the deadline as text', (value) => {
    expect(readDeadline(value)).toMatchObject({ ok: false, reasonZh: expect.stringContaining('按“年.月”读不出月份') });
  });
});
