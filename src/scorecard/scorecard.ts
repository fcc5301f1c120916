import { daysLeft, daysToRemediate, isOverdue, type PartView } from '../assignments/read-model/part-view.js';
import { meanDays } from '../rectification/dashboard/dashboard.js';
import { byPinyin } from '../shared/chinese-order.js';

export interface UnitScore {
  readonly rank: number;
  readonly unitId: string;
  readonly unitName: string;
  /** Parts assigned to the unit, in findings and work-plan items. */
  readonly parts: number;
  /** Parts that were due: reported at least once, or past their due date. */
  readonly due: number;
  /** Of those, first reported (business day) on or before the due date (extensions count). */
  readonly onTime: number;
  readonly onTimeRate: number | null;
  readonly overdue: number;
  /** Reports sent back or inspections failed. */
  readonly returned: number;
  readonly meanDaysToRemediate: number | null;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

function reportedOnTime(part: PartView): boolean | null {
  const first = part.reports[0];
  if (first) return first.reportedOn <= part.dueDate;
  return null;
}

/**
 * Every unit's record across findings and work-plan items, best first: on-time rate, then
 * fewest overdue, fewest returned, fastest remediation. Who to commend is at the top, who to
 * criticise at the bottom.
 */
export function buildScorecard(input: { parts: readonly PartView[]; unitName: (unitId: string) => string; today: string }): UnitScore[] {
  const byUnit = new Map<string, PartView[]>();
  for (const part of input.parts) byUnit.set(part.unitId, [...(byUnit.get(part.unitId) ?? []), part]);

  const scores = [...byUnit.entries()].map(([unitId, parts]) => {
    let due = 0;
    let onTime = 0;
    for (const part of parts) {
      const reported = reportedOnTime(part);
      if (reported !== null || daysLeft(part, input.today) < 0) due += 1;
      if (reported) onTime += 1;
    }
    const durations = parts.map(daysToRemediate).filter((days): days is number => days !== null);
    return {
      unitId,
      unitName: input.unitName(unitId),
      parts: parts.length,
      due,
      onTime,
      onTimeRate: due === 0 ? null : round1((onTime / due) * 100),
      overdue: parts.filter((part) => isOverdue(part, input.today)).length,
      returned: parts.reduce((sum, part) => sum + part.returns.filter((r) => r.cause !== 'REOPENED').length, 0),
      meanDaysToRemediate: meanDays(durations),
    };
  });

  scores.sort(
    (a, b) =>
      (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) ||
      a.overdue - b.overdue ||
      a.returned - b.returned ||
      (a.meanDaysToRemediate ?? Infinity) - (b.meanDaysToRemediate ?? Infinity) ||
      byPinyin(a.unitName, b.unitName),
  );
  return scores.map((score, index) => ({ rank: index + 1, ...score }));
}
