import { daysBetween, isAfter, isCalendarDate, officeDate } from './calendar-date.js';

describe('isCalendarDate', () => {
  it.each(['2025-01-31', '2024-02-29', '2000-02-29', '2025-04-30', '0050-12-31'])('accepts %p', (value) => {
    expect(isCalendarDate(value)).toBe(true);
  });

  it.each([
    '2025-02-29',
    '1900-02-29',
    '2025-04-31',
    '2025-00-10',
    '2025-13-01',
    '2025-01-00',
    '2025-1-5',
    '2025-01-05T00:00',
    ' 2025-01-05',
    '',
  ])('refuses %p', (value) => {
    expect(isCalendarDate(value)).toBe(false);
  });

  it.each([20250105, null, undefined, new Date('2025-01-05')])('refuses the non-string %p', (value) => {
    expect(isCalendarDate(value)).toBe(false);
  });
});

describe('isAfter', () => {
  it('compares calendar days', () => {
    expect(isAfter('2025-07-01', '2025-06-30')).toBe(true);
    expect(isAfter('2025-06-30', '2025-06-30')).toBe(false);
    expect(isAfter('2024-12-31', '2025-01-01')).toBe(false);
  });
});

describe('officeDate', () => {
  it('is the day in China Standard Time, eight hours ahead of UTC', () => {
    expect(officeDate('2025-06-30T15:59:59.999Z')).toBe('2025-06-30');
    expect(officeDate('2025-06-30T16:00:00Z')).toBe('2025-07-01');
  });

  it('reads instants written with an offset', () => {
    expect(officeDate('2025-07-01T00:30:00+08:00')).toBe('2025-07-01');
  });

  it('accepts a Date', () => {
    expect(officeDate(new Date('2024-12-31T23:00:00Z'))).toBe('2025-01-01');
  });
});

describe('daysBetween', () => {
  it.each([
    ['2025-06-30', '2025-06-30', 0],
    ['2025-06-30', '2025-07-01', 1],
    ['2025-07-01', '2025-06-30', -1],
    ['2024-02-28', '2024-03-01', 2],
    ['2025-02-28', '2025-03-01', 1],
    ['2024-12-31', '2025-12-31', 365],
  ])('from %s to %s is %i days', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });
});
