/**
 * Calendar days travel as `YYYY-MM-DD` strings (a due date is a day in the office's local
 * calendar, not an instant). Four-digit, zero-padded dates compare correctly as strings.
 */

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True for a day that exists, written `YYYY-MM-DD`: `2024-02-29` is one, `2025-02-29` is not. */
export function isCalendarDate(value: string): boolean {
  const match = ISO_DAY.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** `later` is strictly after `earlier`; both must already be valid calendar dates. */
export const isAfter = (later: string, earlier: string): boolean => later > earlier;
