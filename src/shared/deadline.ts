/*
 * What a deadline in a task list (完成时限 / 整改时限) means, once read: the office's vocabulary
 * (DOMAIN.md, "Deadline words") comes down to five kinds. Reading the words is
 * src/spreadsheet/deadline-text.ts; this file is the meaning, shared by every feature.
 */

/** How often a recurring task (每月 / 每季度 / 每半年 / 每年) is due. */
export const RecurrencePeriods = ['MONTH', 'QUARTER', 'HALF_YEAR', 'YEAR'] as const;
export type RecurrencePeriod = (typeof RecurrencePeriods)[number];

export type Deadline =
  /** Due by a calendar day (`YYYY-MM-DD`, China office day): 2026年6月底前 → 2026-06-30. */
  | { readonly kind: 'BY_DATE'; readonly dueDate: string }
  /** 立行立改: due at once, the day the part is assigned; shown as "立行立改", not as a date. */
  | { readonly kind: 'AT_ONCE' }
  /** 持续推进 / 长期坚持 / 常态化: no end date, never overdue, reported periodically. */
  | { readonly kind: 'STANDING' }
  /** 每月 / 每季度 / 每半年 / 每年: due at the end of every period, a part per period. */
  | { readonly kind: 'RECURRING'; readonly period: RecurrencePeriod }
  /** 2018年底前完成并持续落实: due by a day, then kept up as a standing task. */
  | { readonly kind: 'BY_DATE_THEN_STANDING'; readonly dueDate: string };

/** The day a part with this deadline is first due, or null for a standing task (never overdue). */
export function firstDueDateOf(deadline: Deadline, assignedOn: string): string | null {
  switch (deadline.kind) {
    case 'BY_DATE':
    case 'BY_DATE_THEN_STANDING':
      return deadline.dueDate;
    case 'AT_ONCE':
      return assignedOn;
    case 'STANDING':
      return null;
    case 'RECURRING':
      return recurringDueDates(deadline.period, { from: assignedOn, to: assignedOn })[0] ?? assignedOn;
  }
}

/** Months per period. */
const MONTHS: Readonly<Record<RecurrencePeriod, number>> = { MONTH: 1, QUARTER: 3, HALF_YEAR: 6, YEAR: 12 };

const pad = (value: number) => String(value).padStart(2, '0');

/** The last day of a month (1–12), `YYYY-MM-DD`. */
export function monthEnd(year: number, month: number): string {
  return `${year}-${pad(month)}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate())}`;
}

/**
 * The due dates of a recurring task between two office days (inclusive, `YYYY-MM-DD`): the end of
 * every calendar period (month, quarter, half year or year) that ends inside the span, plus the
 * period in progress at `to`. A plan for 2026 with 每季度 has 2026-03-31, -06-30, -09-30, -12-31.
 */
export function recurringDueDates(period: RecurrencePeriod, span: { from: string; to: string }): string[] {
  const step = MONTHS[period];
  const [fromYear, fromMonth] = [Number(span.from.slice(0, 4)), Number(span.from.slice(5, 7))];
  const [toYear, toMonth] = [Number(span.to.slice(0, 4)), Number(span.to.slice(5, 7))];
  const dates: string[] = [];
  // The period containing `from` ends at the first month that is a multiple of `step`.
  let month = fromYear * 12 + (Math.ceil(fromMonth / step) * step - 1);
  const last = toYear * 12 + (Math.ceil(toMonth / step) * step - 1);
  for (; month <= last; month += step) dates.push(monthEnd(Math.floor(month / 12), (month % 12) + 1));
  return dates;
}

/** How a deadline is written back for people: the date, or the office's word. */
export function deadlineInWords(deadline: Deadline): string {
  switch (deadline.kind) {
    case 'BY_DATE':
      return deadline.dueDate;
    case 'AT_ONCE':
      return '立行立改';
    case 'STANDING':
      return '长期坚持';
    case 'RECURRING':
      return { MONTH: '每月', QUARTER: '每季度', HALF_YEAR: '每半年', YEAR: '每年' }[deadline.period];
    case 'BY_DATE_THEN_STANDING':
      return `${deadline.dueDate}前完成并持续落实`;
  }
}
