import type { Actor } from './command-context.js';
import { EARLIEST_OFFICE_DAY, isAfter, isCalendarDate } from './calendar-date.js';
import { DomainError, ROLE_ZH, badForm, badInput, fieldOf, say, type Bilingual, type Named } from './domain-error.js';

/* Refusals every decider needs, worded the same way everywhere. */

/** `action` completes "Only SUPERVISOR users may …" and "只有督办人员可以…". */
export function requireRole(actor: Actor, allowed: readonly Actor['role'][], action: Bilingual): void {
  if (!allowed.includes(actor.role)) {
    throw new DomainError(
      'FORBIDDEN',
      say(`Only ${allowed.join(' or ')} users may ${action.en}.`, `只有${allowed.map((role) => ROLE_ZH[role] ?? role).join('或')}可以${action.zh}。`),
    );
  }
}

export const isBlank = (value: string | null | undefined): boolean =>
  value === null || value === undefined || value.trim() === '';

/** `what` names the text: "The reason for …" / "…的理由" (and its input field, when `named`). */
export function requireText(value: string | undefined, what: Named): asserts value is string {
  if (isBlank(value)) throw badForm(`${what.en} is required.`, `请填写${what.zh}。`, fieldOf(what));
}

export function requireCalendarDate(value: string, what: Named): void {
  if (!isCalendarDate(value)) throw badForm(`${what.en} "${value}" is not a valid date (YYYY-MM-DD).`, `${what.zh}“${value}”不是有效日期（应为 YYYY-MM-DD）。`, fieldOf(what));
}

/**
 * Business time: the office day on which a fact happened (`YYYY-MM-DD`) is a real day and not
 * after `today`, the office's current day (China time). Late entries are welcome; the future is not.
 * `what` names the date in both languages, e.g. `named('reportedOn', 'The report date', '报告日期')`;
 * a refusal carries its input field, when `what` names one.
 */
export function requireBusinessDay(day: string, today: string, what: Named): void {
  const field = fieldOf(what);
  if (!isCalendarDate(day)) {
    throw badForm(`${what.en} "${day}" is not a valid date (YYYY-MM-DD).`, `${what.zh}“${day}”不是有效日期（应为 YYYY-MM-DD）。`, field);
  }
  if (isAfter(day, today)) {
    throw badForm(`${what.en} (${day}) is in the future: today is ${today}.`, `${what.zh}（${day}）是将来的日期：今天是 ${today}。`, field);
  }
  requireOfficeEra(day, what, what.field);
}

/**
 * A fact's day is not before 1949-10-01 (`EARLIEST_OFFICE_DAY`): an earlier one is a typing
 * error of the year, refused by every dated command and every view alike. BAD_USER_INPUT, with
 * `field` when one input field is at fault.
 */
export function requireOfficeEra(day: string, what: Bilingual, field?: string): void {
  if (!isAfter(EARLIEST_OFFICE_DAY, day)) return;
  throw badInput(
    `${what.en} (${day}) is before ${EARLIEST_OFFICE_DAY}, the earliest day Rectify takes: check the year.`,
    `${what.zh}（${day}）早于系统可接受的最早日期 ${EARLIEST_OFFICE_DAY}，请检查年份。`,
    field === undefined ? undefined : { field },
  );
}

/**
 * One dated fact and how a refusal names it: `{ day: '2016-05-20', what: say('the report', '报告') }`;
 * a fact the command brings names its input field (`named`), a recorded one none.
 */
export interface DatedFact {
  readonly day: string;
  readonly what: Named;
}

/**
 * A fact keeps its order with what it follows (assigned ≤ reported ≤ inspected, a decision not
 * before its request, …): BAD_USER_INPUT naming both dates otherwise, and the input field of the
 * one the command brings (`extensions.field`). Same day is in order.
 */
export function requireNotBefore(later: DatedFact, earlier: DatedFact | null | undefined): void {
  if (earlier && isAfter(earlier.day, later.day)) {
    throw badInput(
      `${capitalise(later.what.en)} (${later.day}) is before ${earlier.what.en} (${earlier.day}).`,
      `${later.what.zh}（${later.day}）早于${earlier.what.zh}（${earlier.day}），日期顺序不对。`,
      fieldOf(later.what) ?? fieldOf(earlier.what),
    );
  }
}

/** The text with its first letter in upper case, for an English sentence that starts with a name. */
export const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
