import { dayCountedOn, daysLeft, daysToRemediate, firstReportOnTime, isOverdue, lateWatches, onWatch, type PartView } from '../assignments/read-model/part-view.js';
import { isNeverOverdue } from '../shared/deadline.js';
import { dueOn, overdueOn, type PartTally } from '../assignments/read-model/part-tallies.js';
import { meanDays } from '../rectification/dashboard/dashboard.js';
import { byPinyin } from '../shared/chinese-order.js';

export interface UnitScore {
  readonly rank: number;
  readonly unitId: string;
  readonly unitName: string;
  /** Parts assigned to the unit, in findings and work-plan items, and those it passed on (机构改革) late on its watch (`lateWatches`). */
  readonly parts: number;
  /** Parts that were due: reported at least once, or past their due date. */
  readonly due: number;
  /**
   * Of those, first reported (business day) by the due date in force on that day: an extension
   * granted before the report counts; one granted, or a new date given (failed inspection,
   * send-back, reopening), after it does not.
   */
  readonly onTime: number;
  readonly onTimeRate: number | null;
  readonly overdue: number;
  /** Reports sent back or inspections failed. */
  readonly returned: number;
  readonly meanDaysToRemediate: number | null;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/**
 * Every unit's record across findings and work-plan items, best first: on-time rate, then
 * fewest overdue, fewest returned, fastest remediation. Who to commend is at the top, who to
 * criticise at the bottom. A part of a withdrawn parent, shown as it stood (`parentWithdrawnOn`), is
 * due and overdue as on its withdrawal day (`dayCountedOn`), as the tallies count it (breaker11o P4). Each unit on its own
 * watch (`onWatch`): a part taken over after its due date is due, overdue and on time for its holder against the day it came
 * to hold it, and an earlier holder late on its watch (`lateWatches`) keeps the part, due and not on time, never overdue.
 */
export function buildScorecard(input: { parts: readonly (PartView & { readonly parentWithdrawnOn?: string })[]; unitName: (unitId: string) => string; today: string }): UnitScore[] {
  const byUnit = new Map<string, { held: (typeof input.parts)[number][]; lateWatches: number }>();
  const unit = (unitId: string) => byUnit.get(unitId) ?? byUnit.set(unitId, { held: [], lateWatches: 0 }).get(unitId)!;
  for (const part of input.parts) {
    unit(part.unitId).held.push(part);
    if (part.heldBefore.length > 0) for (const unitId of lateWatches(part)) unit(unitId).lateWatches += 1;
  }

  const scores = [...byUnit.entries()].map(([unitId, { held: parts, lateWatches: late }]) => {
    let due = late;
    let onTime = 0;
    let overdue = 0;
    for (const part of parts) {
      const judged = onWatch(part);
      const day = dayCountedOn(part, input.today);
      const reported = firstReportOnTime(judged);
      if (reported !== null || (!isNeverOverdue(part.terms) && daysLeft(judged, day) < 0)) due += 1;
      if (reported) onTime += 1;
      if (isOverdue(judged, day)) overdue += 1;
    }
    const durations = parts.map(daysToRemediate).filter((days): days is number => days !== null);
    return {
      unitId,
      unitName: input.unitName(unitId),
      parts: parts.length + late,
      due,
      onTime,
      onTimeRate: due === 0 ? null : round1((onTime / due) * 100),
      overdue,
      returned: parts.reduce((sum, part) => sum + part.returns.filter((r) => r.cause !== 'REOPENED').length, 0),
      meanDaysToRemediate: meanDays(durations),
    };
  });

  return ranked(scores);
}

/**
 * The same scorecard from per-unit tallies kept as events arrive (findings' and work-plan items'
 * parts, see `PartTallies`): O(units + their due days), whatever the number of parts.
 */
export function scorecardFromTallies(input: {
  tallies: readonly ReadonlyMap<string, PartTally>[];
  unitName: (unitId: string) => string;
  today: string;
}): UnitScore[] {
  const byUnit = new Map<string, PartTally[]>();
  for (const tallies of input.tallies) {
    for (const [unitId, tally] of tallies) if (tally.parts + tally.lateWatches > 0) byUnit.set(unitId, [...(byUnit.get(unitId) ?? []), tally]);
  }
  const scores = [...byUnit].map(([unitId, tallies]) => {
    const sum = (figure: (tally: PartTally) => number) => tallies.reduce((total, tally) => total + figure(tally), 0);
    const due = sum((tally) => dueOn(tally, input.today));
    const onTime = sum((tally) => tally.reportedOnTime);
    const remediated = sum((tally) => tally.remediated);
    return {
      unitId,
      unitName: input.unitName(unitId),
      parts: sum((tally) => tally.parts + tally.lateWatches),
      due,
      onTime,
      onTimeRate: due === 0 ? null : round1((onTime / due) * 100),
      overdue: sum((tally) => overdueOn(tally, input.today)),
      returned: sum((tally) => tally.returns),
      meanDaysToRemediate: remediated === 0 ? null : round1(sum((tally) => tally.remediationDays) / remediated),
    };
  });
  return ranked(scores);
}

/** Better first by the figures a ranking is made on: on-time rate, then fewest overdue, fewest returned, fastest remediation; 0 when they are all the same. */
const byFigures = (a: Omit<UnitScore, 'rank'>, b: Omit<UnitScore, 'rank'>) =>
  (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) ||
  a.overdue - b.overdue ||
  a.returned - b.returned ||
  fasterFirst(a.meanDaysToRemediate, b.meanDaysToRemediate);

/** Fewer days first, none (nothing remediated) last; 0 for the same (Infinity − Infinity would be NaN, read as different). */
const fasterFirst = (a: number | null, b: number | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a - b);

/**
 * Best first; units whose figures are all the same share a rank (1, 1, 3: standard competition
 * ranking), listed by pinyin — a name early in the alphabet is no reason to be first (newcomer23 S8:
 * on a day with nothing due yet, every unit was ranked apart, 青川市财政局 first).
 */
function ranked(scores: Omit<UnitScore, 'rank'>[]): UnitScore[] {
  scores.sort((a, b) => byFigures(a, b) || byPinyin(a.unitName, b.unitName));
  let rank = 0;
  return scores.map((score, index) => {
    if (index === 0 || byFigures(scores[index - 1]!, score) !== 0) rank = index + 1;
    return { rank, ...score };
  });
}
