import { EARLIEST_OFFICE_DAY, isCalendarDate, officeDate } from './calendar-date.js';
import { badInput } from './domain-error.js';

/**
 * Business time and record time, the two axes every view can travel along:
 * - `asOf`, a business day (`YYYY-MM-DD`, China office day): the world as it stood at the end of
 *   that day, as we know it now — a report entered in July about May 30 counts on June 1;
 * - `knownAt`, an ISO instant: only what had been recorded by then (null: everything recorded).
 * Both together ask the bitemporal question "what did we know at `knownAt` about `asOf`".
 * A fact is in the view when it happened on or before `asOf` and was recorded at or before `knownAt`.
 */
export interface TimeCut {
  /** The business day the view describes; lights, days left and overdue are counted from it. */
  readonly asOf: string;
  /** ISO instant (UTC, `…Z`); null when every recorded fact counts. */
  readonly knownAt: string | null;
  /** Which axes the caller asked for: none is the present as known now. */
  readonly axes: readonly TimeAxis[];
}

export type TimeAxis = 'BUSINESS_DAY' | 'RECORD_TIME';

/** Every fact entered, on every day: the cut a live view is folded again at, and the default of folds that take a cut. */
export const EVERY_FACT: TimeCut = { asOf: '9999-12-31', knownAt: null, axes: [] };

/** The two time-travel arguments, as the API takes them (see `parseTimeCut`); absent: the present. */
export interface TimeTravel {
  readonly asOf?: string | null;
  readonly knownAt?: string | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** An ISO-8601 instant with its offset: `2026-05-01T12:00:00+08:00` or `…Z`. */
const INSTANT = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

function parseInstant(value: string, argument: string, now: Date): string {
  const match = INSTANT.exec(value);
  const instant = match && isCalendarDate(match[1]) ? new Date(value) : null;
  if (!instant || Number.isNaN(instant.getTime())) {
    throw badInput(
      `${argument} must be an ISO-8601 instant with its offset that exists, e.g. 2026-05-01T12:00:00+08:00 (got "${value}").`,
      `${argument} 应为带时区的 ISO-8601 时刻，例如 2026-05-01T12:00:00+08:00（收到“${value}”）。`,
      { field: argument },
    );
  }
  requireNotBeforeEarliest(officeDate(instant), argument, value);
  return (instant > now ? now : instant).toISOString();
}

/** A view before 1949-10-01 (year 0, 0001, …) is a typing error: BAD_USER_INPUT naming the floor. */
function requireNotBeforeEarliest(day: string, argument: string, value: string): void {
  if (day >= EARLIEST_OFFICE_DAY) return;
  throw badInput(
    `${argument} (${value}) is before ${EARLIEST_OFFICE_DAY}, the earliest day Rectify answers for: check the year.`,
    `${argument}（${value}）早于系统可查询的最早日期 ${EARLIEST_OFFICE_DAY}，请检查年份。`,
    { field: argument },
  );
}

/**
 * Reads the two time-travel arguments of a query. `asOf` is an office day; the future is today.
 * `knownAt` is an ISO instant with its offset; the future is now.
 *
 * Before business time, `asOf` also took an instant and meant "what had been recorded by then":
 * such an `asOf` still works and means exactly that — `knownAt` = the instant and `asOf` = its
 * office day (nothing recorded by an instant can have happened after its day). Given together
 * with `knownAt`, it is refused: say the day in `asOf` and the instant in `knownAt`.
 *
 * @throws DomainError BAD_USER_INPUT for a day that does not exist or text that is neither.
 */
export function parseTimeCut(args: TimeTravel, now: Date): TimeCut {
  const today = officeDate(now);
  const axes: TimeAxis[] = [];
  let asOf = today;
  let knownAt: string | null = null;
  if (args.knownAt != null) {
    knownAt = parseInstant(args.knownAt, 'knownAt', now);
    axes.push('RECORD_TIME');
  }
  if (args.asOf != null) {
    if (DAY.test(args.asOf)) {
      if (!isCalendarDate(args.asOf)) {
        throw badInput(
          `asOf must be a day that exists, written YYYY-MM-DD, e.g. 2016-06-01 (got "${args.asOf}").`,
          `asOf 应为存在的日期，格式 YYYY-MM-DD，例如 2016-06-01（收到“${args.asOf}”）。`,
          { field: 'asOf' },
        );
      }
      requireNotBeforeEarliest(args.asOf, 'asOf', args.asOf);
      asOf = args.asOf > today ? today : args.asOf;
      axes.unshift('BUSINESS_DAY');
    } else if (INSTANT.test(args.asOf)) {
      if (knownAt !== null) {
        throw badInput(
          `asOf is a business day (YYYY-MM-DD); the instant "${args.asOf}" belongs in knownAt.`,
          `asOf 是业务日期（YYYY-MM-DD）；时刻“${args.asOf}”应填在 knownAt 中。`,
          { field: 'asOf' },
        );
      }
      knownAt = parseInstant(args.asOf, 'asOf', now);
      asOf = officeDate(knownAt);
      axes.push('RECORD_TIME');
    } else {
      throw badInput(
        `asOf must be a business day written YYYY-MM-DD, e.g. 2016-06-01 (got "${args.asOf}"); for what was recorded by an instant, use knownAt.`,
        `asOf 应为业务日期，格式 YYYY-MM-DD，例如 2016-06-01（收到“${args.asOf}”）；要查某一时刻已录入的情况，请用 knownAt。`,
        { field: 'asOf' },
      );
    }
  } else if (knownAt !== null) {
    asOf = officeDate(knownAt);
  }
  return { asOf, knownAt, axes };
}

/** The present as known now: today, everything recorded. */
export const presentCut = (now: Date): TimeCut => ({ asOf: officeDate(now), knownAt: null, axes: [] });

/** True when the view needs no travel: today's business day with every recorded fact. */
export const isPresent = (cut: TimeCut, now: Date): boolean => cut.knownAt === null && cut.asOf === officeDate(now);

/** A fact that happened on `occurredOn` (office day) and was recorded at `recordedAt` (ISO) is in the view. */
export const inCut = (cut: TimeCut, occurredOn: string, recordedAt: string): boolean =>
  occurredOn <= cut.asOf && (cut.knownAt === null || recordedAt <= cut.knownAt);
