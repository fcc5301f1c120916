import type { AssignmentRole } from '../assignments/domain/assignment.events.js';
import { daysLeft, onWatch, reportedDaysLate, trafficLight, type PartStatus, type TrafficLight } from '../assignments/read-model/part-view.js';
import { mostUrgentFirst as mostUrgentReminderFirst, remindersFor, type Reminder } from '../assignments/read-model/reminders.js';
import { byPinyin } from '../shared/chinese-order.js';
import type { WorkPlanItemView, WorkPlanView } from '../work-plan/breakdown/work-plan-ledger.js';
import { planLastYear } from '../work-plan/domain/work-plan.decider.js';

/** A unit's open part of a work-plan item, with its plan: what 我的任务 lists, most urgent first, naming its plan. */
export interface ItemPartAlert {
  readonly planId: string;
  readonly planTitle: string;
  readonly planYear: number;
  /** The last year of the plan's period: its year, or the last of a plan over several years (2026—2028: 2028). */
  readonly planLastYear: number;
  readonly itemId: string;
  /** The item's number in the plan (`1-3`). */
  readonly itemCode: string;
  readonly itemTitle: string;
  readonly role: AssignmentRole;
  readonly status: PartStatus;
  /** `YYYY-MM-DD`, the due date in force. */
  readonly dueDate: string;
  /** Days from the day viewed to the due date; negative when overdue. */
  readonly daysLeft: number;
  /** See `reportedDaysLate`: a late-reported part is 「逾期 N 天后报送」, not overdue. */
  readonly reportedDaysLate: number | null;
  readonly trafficLight: TrafficLight;
}

const URGENCY: Record<TrafficLight, number> = { RED: 0, YELLOW: 1, GREEN: 2 };

/**
 * Most urgent first across every plan, as on findings (`sortByUrgency`): red, then yellow, then
 * green, each by due day; parts alike in both by plan (newest year first, then title in pinyin)
 * and item number. A unit works down one list: last year's overdue item comes before this year's
 * item due in December, whichever plan it belongs to.
 */
const mostUrgentFirst = (a: ItemPartAlert, b: ItemPartAlert) =>
  URGENCY[a.trafficLight] - URGENCY[b.trafficLight] ||
  (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0) ||
  b.planYear - a.planYear ||
  byPinyin(a.planTitle, b.planTitle) ||
  (a.planId < b.planId ? -1 : a.planId > b.planId ? 1 : 0) ||
  a.itemCode.localeCompare(b.itemCode, 'en', { numeric: true });

/**
 * What one unit owes on work-plan items, across every plan, on the office day `today`
 * (`YYYY-MM-DD`): its open parts (not verified; withdrawn items left out) most urgent first across plans, and its
 * reminders about them, most urgent first (`mostUrgentFirst` of reminders.ts) — the same reminders as on findings (see `remindersFor`).
 * `items` are the items as they stood that day; `plan` finds an item's plan (an item whose plan is
 * unknown is left out). `dueSoonDays` is the yellow-light window, in days.
 */
export function buildUnitItemWorkload(input: {
  items: Iterable<WorkPlanItemView>;
  plan: (planId: string) => WorkPlanView | undefined;
  unitId: string;
  today: string;
  dueSoonDays: number;
}): { parts: ItemPartAlert[]; reminders: Reminder[] } {
  const parts: ItemPartAlert[] = [];
  const reminders: Reminder[] = [];
  for (const item of input.items) {
    const part = item.parts.get(input.unitId);
    if (!part || part.status === 'VERIFIED' || item.status === 'WITHDRAWN') continue;
    const plan = input.plan(item.planId);
    // On the unit's own watch (`onWatch`): a part it took over late is overdue from the day it came to hold it.
    const judged = onWatch(part);
    const light = trafficLight(judged, input.today, input.dueSoonDays);
    if (!plan || !light) continue;
    parts.push({
      planId: plan.planId,
      planTitle: plan.title,
      planYear: plan.year,
      planLastYear: planLastYear(plan),
      itemId: item.itemId,
      itemCode: item.code,
      itemTitle: item.title,
      role: part.role,
      status: part.status,
      dueDate: part.dueDate,
      daysLeft: daysLeft(judged, input.today),
      reportedDaysLate: reportedDaysLate(judged),
      trafficLight: light,
    });
    const parent = { parentKind: 'WORK_PLAN_ITEM', parentId: item.itemId, parentTitle: `${item.code} ${item.title}`, planTitle: plan.title } as const;
    reminders.push(...remindersFor(parent, part, input.today));
  }
  return { parts: parts.sort(mostUrgentFirst), reminders: reminders.sort(mostUrgentReminderFirst) };
}
