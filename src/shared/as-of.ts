import { isCalendarDate } from './calendar-date.js';
import { badInput } from './domain-error.js';

/** `2026-05-01`, or an ISO-8601 instant such as `2026-05-01T12:00:00+08:00` / `…Z`. */
const DAY_OR_INSTANT = /^(\d{4}-\d{2}-\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/**
 * "As of" for time travel: a day means the end of that day on the office calendar (UTC+8), or
 * an ISO-8601 instant. The future is today. Returns an ISO instant.
 */
export function parseAsOf(asOf: string, now: Date): string {
  const match = DAY_OR_INSTANT.exec(asOf);
  // JavaScript dates roll 2026-02-30 over into March: the day is checked on its own first.
  const day = match?.[1];
  const instant = !match || !isCalendarDate(day) ? null : new Date(asOf === day ? `${day}T23:59:59.999+08:00` : asOf);
  if (!instant || Number.isNaN(instant.getTime())) {
    throw badInput(
      `asOf must be a date or an ISO-8601 instant that exists, e.g. 2026-05-01 or 2026-05-01T12:00:00+08:00 (got "${asOf}").`,
      `asOf 应为存在的日期或 ISO-8601 时刻，例如 2026-05-01 或 2026-05-01T12:00:00+08:00（收到“${asOf}”）。`,
      { field: 'asOf' },
    );
  }
  return (instant > now ? now : instant).toISOString();
}
