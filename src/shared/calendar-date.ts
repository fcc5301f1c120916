/**
 * Calendar days travel as `YYYY-MM-DD` strings: a due date is a day in the office's calendar, not
 * an instant. Four-digit, zero-padded days sort and compare correctly as plain strings.
 */

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * True for a day that exists, written `YYYY-MM-DD`: `2024-02-29` is one, `2025-02-29` is not.
 * Counted by hand rather than through `Date`, which would read years 0–99 as 1900–1999.
 */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = CALENDAR_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * The earliest office day Rectify takes (1949-10-01, the founding of the People's Republic): no
 * office of the present government did anything before it, so an earlier day — year 0, 0001, a
 * two-digit year typed as 0016 — is a typing error, refused rather than read as a real day.
 */
export const EARLIEST_OFFICE_DAY = '1949-10-01';

/** `later` is strictly after `earlier`; both must already be valid calendar dates. */
export const isAfter = (later: string, earlier: string): boolean => later > earlier;

/** Offices work on China Standard Time (UTC+8, no daylight saving): "today" is their date. */
const OFFICE_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The office's calendar day at an instant. */
export function officeDate(instant: string | Date): string {
  const time = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(time + OFFICE_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/** An instant as the office's clock reads it, to the minute: `2026-04-10 09:15` (China Standard Time, UTC+8). */
export function officeClock(instant: string | Date): string {
  return officeClockSeconds(instant).slice(0, 16);
}

/** An instant as the office's clock reads it, to the second: `2026-11-30 18:31:00` (China Standard Time, UTC+8). */
export function officeClockSeconds(instant: string | Date): string {
  const time = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  const shifted = new Date(time + OFFICE_UTC_OFFSET_MS).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 19)}`;
}

/**
 * An instant (ISO-8601) as a Chinese text names it: `北京时间 2026-12-01 20:21:39` (s16 S7, newcomer19: the
 * tools' and refusals' Chinese quoted `2026-12-01T12:21:39.195Z`, eight hours off the office's clock).
 * A text that is not an instant (a hand-edited witness) is given back as it is.
 */
export function officeInstantZh(instant: string): string {
  return Number.isNaN(Date.parse(instant)) ? instant : `北京时间 ${officeClockSeconds(instant)}`;
}

/** An instant as the office's clock reads it, to the millisecond: `2026-11-30 18:31:00.123` (UTC+8), where a second is too coarse to order two records. */
export function officeClockMillis(instant: string | Date): string {
  const time = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  const shifted = new Date(time + OFFICE_UTC_OFFSET_MS).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 23)}`;
}

/**
 * An instant as the office's clock reads it, as exactly as it was given: to the second when it is a whole second
 * (`2026-11-30 18:31:00`), else to the millisecond (`2026-12-06 15:45:55.537`, UTC+8). What an export's title and file
 * name say of its `knownAt`: two readings 1 ms apart hold different records, so they never read alike (newcomer46 S2).
 */
export function officeClockExact(instant: string | Date): string {
  const time = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return time % 1000 === 0 ? officeClockSeconds(instant) : officeClockMillis(instant);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The calendar day `days` after `day` (before it when negative), `YYYY-MM-DD`. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
