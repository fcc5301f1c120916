import { isCalendarDate } from './calendar-date.js';
import { badInput } from './domain-error.js';

/**
 * "As of" for time travel: a day means the end of that day on the office calendar (UTC+8), or
 * an ISO-8601 instant. The future is today. Returns an ISO instant.
 */
export function parseAsOf(asOf: string, now: Date): string {
  const instant = isCalendarDate(asOf) ? new Date(`${asOf}T23:59:59.999+08:00`) : new Date(asOf);
  if (Number.isNaN(instant.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(asOf)) {
    throw badInput(`asOf must be an ISO-8601 date or instant, e.g. 2026-05-01 or 2026-05-01T12:00:00+08:00 (got "${asOf}").`);
  }
  return (instant > now ? now : instant).toISOString();
}
