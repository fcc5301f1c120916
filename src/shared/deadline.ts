/*
 * What a deadline in a task list (完成时限 / 整改时限) means, once read: the office's vocabulary
 * (DOMAIN.md, "Deadline words") comes down to five kinds. Reading the words is
 * src/spreadsheet/deadline-text.ts; this file is the meaning, shared by every feature.
 */

import { addDays } from './calendar-date.js';

/** How often a recurring task (每月 / 每季度 / 每半年 / 每年) is due. */
export const RecurrencePeriods = ['MONTH', 'QUARTER', 'HALF_YEAR', 'YEAR'] as const;
export type RecurrencePeriod = (typeof RecurrencePeriods)[number];

export type Deadline =
  /** Due by a calendar day (`YYYY-MM-DD`, China office day): 2026年6月底前 → 2026-06-30. */
  | { readonly kind: 'BY_DATE'; readonly dueDate: string }
  /** 立行立改: due at once, the day the part is assigned; shown as "立行立改", not as a date. */
  | { readonly kind: 'AT_ONCE' }
  /**
   * 持续推进 / 长期坚持 / 常态化: no end date, never overdue, reported periodically — every
   * `reportEvery` when the words say so (常态化（每月报送）, 长期坚持，每半年报送), else every quarter. `words`: the office's
   * own words as written, without the period (长期坚持, 持续推进, 常态化推进), shown instead of 常态化 (newcomer43-10 W).
   */
  | { readonly kind: 'STANDING'; readonly reportEvery?: RecurrencePeriod; readonly words?: string }
  /** 每月 / 每季度 / 每半年 / 每年: kept up, reporting at the end of every period (`termsOf`: a standing part). */
  | { readonly kind: 'RECURRING'; readonly period: RecurrencePeriod }
  /** 2018年底前完成并持续落实: due by a day, then kept up as a standing task (reporting every `reportEvery`, else quarterly). */
  | { readonly kind: 'BY_DATE_THEN_STANDING'; readonly dueDate: string; readonly reportEvery?: RecurrencePeriod }
  /**
   * 立行立改，长期坚持 (立行立改并长期坚持, 即知即改、持续推进): due at once — the day the part is
   * assigned — then kept up as a standing task; its parts are BY_DATE_THEN_STANDING on that day.
   */
  | { readonly kind: 'AT_ONCE_THEN_STANDING'; readonly reportEvery?: RecurrencePeriod };

/**
 * How a part's due date is to be read: the terms a part is assigned on (UnitAssigned v3 `terms`,
 * WorkPlanItemDefined v3). The part always has a `dueDate` (`YYYY-MM-DD`); the terms say what it
 * means:
 * - BY_DATE: due that day (red once it has passed with nothing reported).
 * - AT_ONCE (立行立改): due the day it was assigned; shown as 立行立改, not as a date.
 * - RECURRING (每季度 …): one period's part, due at the period's end like BY_DATE. Only plan imports
 *   before 2026-11-30 wrote it (an item per quarter); a recurring deadline is now one standing part
 *   reporting every such period (`termsOf`), so a unit has one part of an item, not four.
 * - STANDING (持续推进 / 长期坚持 / 常态化): never overdue — never red or yellow, never counted late —
 *   and reported every `reportEvery` (QUARTER unless the file says 每月 …): the next report is due
 *   at the end of the period in progress, or of the next one once reported in it. Its `dueDate` is
 *   the end of the span it is kept up for — one rule for plans and 台账: the latest day a part
 *   of it may be due (the work plan's period; the approved rectification plan's inspection deadline, else the end of the
 *   year after the finding was identified: never the end of a 台账's own year, weeks away in December — newcomer43-10 #6),
 *   the day by which it is inspected and closed like any part. `words`: the office's (长期坚持, 持续推进), shown instead of
 *   常态化; absent on parts assigned before 2026-12-06. Words aside, the same terms are the same deadline (`dueTermsKey`).
 * - BY_DATE_THEN_STANDING (X前完成并持续落实): due by `dueDate` like BY_DATE; once that day has passed
 *   and the part is reported, it is kept up as a standing task (reports every `reportEvery`). `atOnce`:
 *   written 立行立改并持续落实 (立行立改，长期坚持; 即知即改、持续推进): its day is the day its units were told, not a
 *   day the file wrote — a new version with the same words keeps it (breaker10n P1), and it is shown as 立行立改.
 *   Absent on parts assigned before 2026-12-03 (they read as X前完成并持续落实).
 */
export type DueTerms =
  | { readonly kind: 'BY_DATE' }
  | { readonly kind: 'AT_ONCE' }
  | { readonly kind: 'RECURRING'; readonly period: RecurrencePeriod }
  | { readonly kind: 'STANDING'; readonly reportEvery: RecurrencePeriod; readonly words?: string }
  | { readonly kind: 'BY_DATE_THEN_STANDING'; readonly reportEvery: RecurrencePeriod; readonly atOnce?: true };

/**
 * The terms' meaning as a comparable key (`JSON`): the same deadline whatever words said it — 长期坚持 and 持续推进 are
 * both standing, and a part assigned before the words were kept (no `words`) has the same terms as the file read again
 * (newcomer43-10 W). Absent terms are BY_DATE.
 */
export function dueTermsKey(terms: DueTerms | undefined): string {
  if (terms === undefined) return JSON.stringify(BY_DATE);
  if (terms.kind !== 'STANDING') return JSON.stringify(terms);
  return JSON.stringify({ kind: terms.kind, reportEvery: terms.reportEvery });
}

/** Whether two terms mean the same deadline (`dueTermsKey`); absent is BY_DATE. */
export const sameDueTerms = (a: DueTerms | undefined, b: DueTerms | undefined): boolean => dueTermsKey(a) === dueTermsKey(b);

/**
 * Terms whose due day is the day the part is assigned (立行立改, 立行立改并持续落实), not one the file wrote: two versions
 * with these same terms are the same deadline whatever day each was read on (breaker10n P1).
 */
export const isDueOnAssignment = (terms: DueTerms): boolean => terms.kind === 'AT_ONCE' || (terms.kind === 'BY_DATE_THEN_STANDING' && terms.atOnce === true);

export type DueTermsKind = DueTerms['kind'];
export const DueTermsKinds = ['BY_DATE', 'AT_ONCE', 'RECURRING', 'STANDING', 'BY_DATE_THEN_STANDING'] as const satisfies readonly DueTermsKind[];

/** How often a standing task reports when the file says no more than 常态化: every quarter (季度报送, the usual practice). */
export const STANDING_REPORT_PERIOD: RecurrencePeriod = 'QUARTER';

/** Terms of a part due by a plain day: what every part assigned before terms existed has. */
export const BY_DATE: DueTerms = Object.freeze({ kind: 'BY_DATE' });

/**
 * The terms a deadline read from a file gives its parts. A recurring deadline (每季度) is one
 * standing part that reports every such period — a unit has one part of an item or a finding.
 */
export function termsOf(deadline: Deadline): DueTerms {
  switch (deadline.kind) {
    case 'BY_DATE':
      return BY_DATE;
    case 'AT_ONCE':
      return { kind: 'AT_ONCE' };
    case 'RECURRING':
      // Shown in the word the file wrote (每季度), not as 常态化（每季度报送） (newcomer46-10 M2).
      return { kind: 'STANDING', reportEvery: deadline.period, words: PERIOD_WORDS[deadline.period] };
    case 'STANDING':
      return { kind: 'STANDING', reportEvery: deadline.reportEvery ?? STANDING_REPORT_PERIOD, ...(deadline.words === undefined ? {} : { words: deadline.words }) };
    case 'BY_DATE_THEN_STANDING':
      return { kind: 'BY_DATE_THEN_STANDING', reportEvery: deadline.reportEvery ?? STANDING_REPORT_PERIOD };
    case 'AT_ONCE_THEN_STANDING':
      return { kind: 'BY_DATE_THEN_STANDING', reportEvery: deadline.reportEvery ?? STANDING_REPORT_PERIOD, atOnce: true };
  }
}

/** A part's due date and terms, as a deadline read from a file gives them. */
export interface PartDue {
  readonly dueDate: string;
  readonly terms: DueTerms;
}

/**
 * The due date and terms a deadline gives a part, or what is missing to date it: 立行立改 is due on
 * `assignedOn` (the day the units are told); a standing or recurring deadline (常态化, 每季度) is
 * kept up until `keptUpUntil` (the end of the plan's period, a finding's inspection deadline) and
 * inspected by then. Both options are office days, `YYYY-MM-DD`.
 */
export function partDueOf(
  deadline: Deadline,
  days: { readonly assignedOn?: string; readonly keptUpUntil?: string },
): PartDue | { readonly missing: 'assignedOn' | 'keptUpUntil' } {
  switch (deadline.kind) {
    case 'BY_DATE':
    case 'BY_DATE_THEN_STANDING':
      return { dueDate: deadline.dueDate, terms: termsOf(deadline) };
    case 'AT_ONCE':
    case 'AT_ONCE_THEN_STANDING':
      return days.assignedOn === undefined ? { missing: 'assignedOn' } : { dueDate: days.assignedOn, terms: termsOf(deadline) };
    case 'STANDING':
    case 'RECURRING':
      return days.keptUpUntil === undefined ? { missing: 'keptUpUntil' } : { dueDate: days.keptUpUntil, terms: termsOf(deadline) };
  }
}

/** A standing part is never overdue: its lights are never red or yellow and it is never counted late. */
export const isNeverOverdue = (terms: DueTerms): boolean => terms.kind === 'STANDING';

/**
 * Whether a report dated `reportedOn` (office day) on a part with these terms, kept up until `dueDate`, is a progress
 * report (进展报送) rather than the report of the work done: a standing part's (常态化 / 长期坚持 / 每季度) reports before
 * the end of the span it is kept up for. A progress report keeps the part open (整改中), moves its next report on and
 * awaits no inspection; the report dated on or after `dueDate` is the one inspected and closed like any part's
 * (newcomer37 S16: the first quarter's report, passed, closed a 2027 standing task in December 2026).
 */
export const isProgressReport = (terms: DueTerms, dueDate: string, reportedOn: string): boolean => terms.kind === 'STANDING' && reportedOn < dueDate;

/**
 * The office day the next periodic report of a standing part is due (`YYYY-MM-DD`), on `today`:
 * the end of the `reportEvery` period in progress, or of the next one when the part was last
 * reported within the current period. Null for a part that is not (yet) standing: BY_DATE,
 * AT_ONCE, RECURRING, and BY_DATE_THEN_STANDING until its due date has passed and it was reported.
 */
export function nextReportDue(terms: DueTerms, part: { readonly dueDate: string; readonly lastReportedOn: string | null }, today: string): string | null {
  if (terms.kind !== 'STANDING' && terms.kind !== 'BY_DATE_THEN_STANDING') return null;
  if (terms.kind === 'BY_DATE_THEN_STANDING' && (today <= part.dueDate || part.lastReportedOn === null)) return null;
  const [periodEnd] = recurringDueDates(terms.reportEvery, { from: today, to: today });
  if (periodEnd === undefined) return null;
  if (part.lastReportedOn === null || part.lastReportedOn <= periodStartBefore(periodEnd, terms.reportEvery)) return periodEnd;
  const [next] = recurringDueDates(terms.reportEvery, { from: addDays(periodEnd, 1), to: addDays(periodEnd, 1) });
  return next ?? periodEnd;
}

/** The last day before the period ending `periodEnd` begins. */
function periodStartBefore(periodEnd: string, period: RecurrencePeriod): string {
  const month = Number(periodEnd.slice(0, 4)) * 12 + Number(periodEnd.slice(5, 7)) - 1 - MONTHS[period];
  return monthEnd(Math.floor(month / 12), (month % 12) + 1);
}

/**
 * The terms as people read them next to (or instead of) the due date: 立行立改, 常态化（每季度报送）, 长期坚持（每季度报送）, 每季度,
 * 2018-12-31前完成并持续落实; null for a plain day. A standing part says the office's words (长期坚持, 持续推进), 常态化 when
 * none were kept (parts assigned before 2026-12-06); one written 每季度 / 每月 (a period alone) says just that word.
 */
export function termsInWords(terms: DueTerms, dueDate: string): string | null {
  switch (terms.kind) {
    case 'BY_DATE':
      return null;
    case 'AT_ONCE':
      return '立行立改';
    case 'RECURRING':
      return PERIOD_WORDS[terms.period];
    case 'STANDING':
      // 每季度 is its own period: said once, as the file wrote it (newcomer46-10 M2), never 每季度（每季度报送）.
      if (terms.words === PERIOD_WORDS[terms.reportEvery]) return terms.words;
      return `${terms.words ?? '常态化'}（${PERIOD_WORDS[terms.reportEvery]}报送）`;
    case 'BY_DATE_THEN_STANDING':
      // The period is written only when it is not the usual quarter, so the words read back to the same terms.
      return `${terms.atOnce ? '立行立改并持续落实' : `${dueDate}前完成并持续落实`}${terms.reportEvery === STANDING_REPORT_PERIOD ? '' : `（${PERIOD_WORDS[terms.reportEvery]}报送）`}`;
  }
}

/**
 * The 完成时限 / 整改时限 as every screen, the export and the tools write it (one reading, newcomer32 S3): the day, or
 * the office's words when the terms are not a plain day — 立行立改（2026-04-01）, 常态化（每季度报送）, 2026-03-31（每季度）,
 * 2018-12-31前完成并持续落实, 立行立改并持续落实（2026-12-02）. A standing part's words stand instead of its day (the end
 * of the span it is kept up for, not a day it is due); the page says its next report beside (`nextReportDue`).
 */
export function deadlineCell(terms: DueTerms, dueDate: string): string {
  const words = termsInWords(terms, dueDate);
  switch (terms.kind) {
    case 'BY_DATE':
      return dueDate;
    case 'AT_ONCE':
      return `${words}（${dueDate}）`;
    case 'RECURRING':
      return `${dueDate}（${words}）`;
    case 'STANDING':
      return words ?? dueDate;
    case 'BY_DATE_THEN_STANDING':
      // 立行立改并持续落实 says its day after the words, as 立行立改 does; read back as the same terms.
      return terms.atOnce ? `立行立改并持续落实（${dueDate}）${(words ?? '').slice('立行立改并持续落实'.length)}` : (words ?? dueDate);
  }
}

const PERIOD_WORDS: Readonly<Record<RecurrencePeriod, string>> = { MONTH: '每月', QUARTER: '每季度', HALF_YEAR: '每半年', YEAR: '每年' };

/** The day a part with this deadline is first due, or null for a standing task (never overdue). */
export function firstDueDateOf(deadline: Deadline, assignedOn: string): string | null {
  switch (deadline.kind) {
    case 'BY_DATE':
    case 'BY_DATE_THEN_STANDING':
      return deadline.dueDate;
    case 'AT_ONCE':
    case 'AT_ONCE_THEN_STANDING':
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
      return deadline.reportEvery === undefined ? (deadline.words ?? '长期坚持') : `${deadline.words ?? '长期坚持'}（${PERIOD_WORDS[deadline.reportEvery]}报送）`;
    case 'RECURRING':
      return PERIOD_WORDS[deadline.period];
    case 'BY_DATE_THEN_STANDING':
      return `${deadline.dueDate}前完成并持续落实${deadline.reportEvery === undefined ? '' : `（${PERIOD_WORDS[deadline.reportEvery]}报送）`}`;
    case 'AT_ONCE_THEN_STANDING':
      return `立行立改，长期坚持${deadline.reportEvery === undefined ? '' : `（${PERIOD_WORDS[deadline.reportEvery]}报送）`}`;
  }
}
