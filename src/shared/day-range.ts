import { isCalendarDate } from './calendar-date.js';
import { badInput } from './domain-error.js';

/**
 * Checks a filter's range of office days (`YYYY-MM-DD`, inclusive), named as the client sent it
 * (e.g. `dueFrom` / `dueTo`). Nested connection fields meet no validation pipe, so list queries
 * check their days here too.
 * @throws DomainError BAD_USER_INPUT when a day is not a date, or the first comes after the last.
 */
export function checkDayRange(names: readonly [from: string, to: string], from: string | undefined, to: string | undefined): void {
  for (const [field, day] of [[names[0], from], [names[1], to]] as const) {
    if (day !== undefined && !isCalendarDate(day)) {
      throw badInput(`${field} must be a date written as YYYY-MM-DD (got "${day}").`, `${field} 应为 YYYY-MM-DD 格式的日期（收到“${day}”）。`, { field });
    }
  }
  if (from !== undefined && to !== undefined && from > to) {
    throw badInput(
      `${names[0]} (${from}) is after ${names[1]} (${to}): no day is in that range.`,
      `日期范围有误：${names[0]} ${from} 晚于 ${names[1]} ${to}。`,
      { field: names[0] },
    );
  }
}
