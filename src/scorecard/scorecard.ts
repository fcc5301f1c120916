import { awaitsUnit, dayCountedOn, daysLeft, dueOn as dueOnWatch, earlierWatches, holderWatch, isOverdue, onWatch, type EarlierWatch, type PartView } from '../assignments/read-model/part-view.js';
import { isNeverOverdue } from '../shared/deadline.js';
import { dueOn, overdueOn, type PartTally } from '../assignments/read-model/part-tallies.js';
import { meanDays } from '../rectification/dashboard/dashboard.js';
import { byPinyin } from '../shared/chinese-order.js';
import type { UnitScoreFigures } from '../rectification/dashboard/dashboard-by-day.js';

export interface UnitScore {
  readonly rank: number;
  readonly unitId: string;
  readonly unitName: string;
  /**
   * Parts the unit held, in findings and work-plan items: those it holds, each it passed on (机构改革) after holding it a day
   * or more (`earlierWatches`), and each a plan change took off a work-plan item (as it stood on that day).
   */
  readonly parts: number;
  /**
   * Parts that were due for it: reported on its watch, or past their due date (as judged on its watch) while it owed a report —
   * a part that reached it already reported (awaiting inspection or verified) is not, unless it came back to it.
   */
  readonly due: number;
  /**
   * Of those, first reported on its watch (business day) by the due date in force on that day, never before its watch began:
   * an extension granted before the report counts; one granted, or a new date given (failed inspection, send-back, reopening),
   * after it does not.
   */
  readonly onTime: number;
  readonly onTimeRate: number | null;
  readonly overdue: number;
  /** Reports sent back or inspections failed on its watch (dated on the days it held the part). */
  readonly returned: number;
  /** Mean business days from the day its watch began (the 交办, or the day it came to hold the part) to a pass on its watch; null before any. */
  readonly meanDaysToRemediate: number | null;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/**
 * Every unit's record across findings and work-plan items, best first: on-time rate, then
 * fewest overdue, fewest returned, fastest remediation. Who to commend is at the top, who to
 * criticise at the bottom. A part of a withdrawn parent, shown as it stood (`parentWithdrawnOn`), is
 * due and overdue as on its withdrawal day (`dayCountedOn`), as the tallies count it (breaker11o P4); so is a part a plan
 * change took off an item, on its removal day — the caller passes those too (`withPartsTakenOff`, newcomer49-10 S5). Each fact is credited to
 * the unit whose watch it happened on (the watch rule; breaker8p P2, P10): the holder is judged on its own days (`onWatch`,
 * `holderWatch`: due, overdue and on time against the day it came to hold the part; only its own first report, returns and
 * days to a pass), and each earlier holder keeps the part with what it reported, returned and remediated on its days
 * (`earlierWatches`), due when it reported or owed a report past the due date then, never overdue.
 */
export function buildScorecard(input: { parts: readonly (PartView & { readonly parentWithdrawnOn?: string })[]; unitName: (unitId: string) => string; today: string }): UnitScore[] {
  const byUnit = new Map<string, { held: (typeof input.parts)[number][]; earlier: EarlierWatch[] }>();
  const unit = (unitId: string) => byUnit.get(unitId) ?? byUnit.set(unitId, { held: [], earlier: [] }).get(unitId)!;
  for (const part of input.parts) {
    unit(part.unitId).held.push(part);
    if (part.heldBefore.length > 0) for (const watch of earlierWatches(part)) unit(watch.unitId).earlier.push(watch);
  }

  const scores = [...byUnit.entries()].map(([unitId, { held: parts, earlier }]) => {
    let due = earlier.filter(dueOnWatch).length;
    let onTime = earlier.filter((watch) => watch.firstReportOnTime === true).length;
    let overdue = 0;
    let returned = earlier.reduce((sum, watch) => sum + watch.returns, 0);
    const durations = earlier.map((watch) => watch.remediationDays).filter((days): days is number => days !== null);
    for (const part of parts) {
      const judged = onWatch(part);
      const day = dayCountedOn(part, input.today);
      const watch = holderWatch(part);
      if (watch.firstReportOnTime !== null || (awaitsUnit(part) && !isNeverOverdue(part.terms) && daysLeft(judged, day) < 0)) due += 1;
      if (watch.firstReportOnTime) onTime += 1;
      if (isOverdue(judged, day)) overdue += 1;
      returned += watch.returns;
      if (watch.remediationDays !== null) durations.push(watch.remediationDays);
    }
    return {
      unitId,
      unitName: input.unitName(unitId),
      parts: parts.length + earlier.length,
      due,
      onTime,
      onTimeRate: due === 0 ? null : round1((onTime / due) * 100),
      overdue,
      returned,
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
    for (const [unitId, tally] of tallies) if (tally.parts + tally.earlierParts > 0) byUnit.set(unitId, [...(byUnit.get(unitId) ?? []), tally]);
  }
  const scores = [...byUnit].map(([unitId, tallies]) => {
    const sum = (figure: (tally: PartTally) => number) => tallies.reduce((total, tally) => total + figure(tally), 0);
    const due = sum((tally) => dueOn(tally, input.today));
    const onTime = sum((tally) => tally.reportedOnTime + tally.earlierOnTime);
    const remediated = sum((tally) => tally.remediated + tally.earlierRemediated);
    return {
      unitId,
      unitName: input.unitName(unitId),
      parts: sum((tally) => tally.parts + tally.earlierParts),
      due,
      onTime,
      onTimeRate: due === 0 ? null : round1((onTime / due) * 100),
      overdue: sum((tally) => overdueOn(tally, input.today)),
      returned: sum((tally) => tally.returns + tally.earlierReturns),
      meanDaysToRemediate: remediated === 0 ? null : round1(sum((tally) => tally.remediationDays + tally.earlierRemediationDays) / remediated),
    };
  });
  return ranked(scores);
}

/**
 * The same scorecard from each unit's figures summed over the parts (`UnitScoreFigures`: a past day's, from the per-day
 * deltas of findings and work-plan items, dashboard-by-day.ts): O(units). Units without a part are left out.
 */
export function scorecardFromFigures(figures: ReadonlyMap<string, UnitScoreFigures>, unitName: (unitId: string) => string): UnitScore[] {
  const scores: Omit<UnitScore, 'rank'>[] = [];
  for (const [unitId, unit] of figures) {
    if (unit.parts <= 0) continue;
    scores.push({
      unitId,
      unitName: unitName(unitId),
      parts: unit.parts,
      due: unit.due,
      onTime: unit.onTime,
      onTimeRate: unit.due === 0 ? null : round1((unit.onTime / unit.due) * 100),
      overdue: unit.overdue,
      returned: unit.returned,
      meanDaysToRemediate: unit.remediated === 0 ? null : round1(unit.remediationDays / unit.remediated),
    });
  }
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
