import { isAfter, isCalendarDate } from './calendar-date.js';

describe('isCalendarDate', () => {
  it.each(['2025-01-31', '2024-02-29', '2000-02-29', '2025-04-30'])('accepts %p', (value) => {
    expect(isCalendarDate(value)).toBe(true);
  });

  it.each(['2025-02-29', '1900-02-29', '2025-04-31', '2025-00-10', '2025-01-00', '2025-1-5', '2025-01-05T00:00', ''])(
    'refuses %p',
    (value) => {
      expect(isCalendarDate(value)).toBe(false);
    },
  );
});

describe('isAfter', () => {
  it('compares calendar days', () => {
    expect(isAfter('2025-07-01', '2025-06-30')).toBe(true);
    expect(isAfter('2025-06-30', '2025-06-30')).toBe(false);
    expect(isAfter('2024-12-31', '2025-01-01')).toBe(false);
  });
});
