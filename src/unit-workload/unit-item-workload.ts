import type { AssignmentRole } from '../assignments/domain/assignment.events.js';
import { daysLeft, onWatch, reportedDaysLate, trafficLight, type PartStatus, type TrafficLight } from '../assignments/read-model/part-view.js';
import { answeredReturnsFor, mostUrgentFirst as mostUrgentReminderFirst, remindersFor, type Reminder } from '../assignments/read-model/reminders.js';
import { dueReading } from '../assignments/read-model/due-reading.js';
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
  /** The 完成时限 as the item page and the export write it: 2027-06-30, 立行立改（2026-12-02）, 常态化（每年报送） (`dueReading`). */
  readonly dueText: string;
  /** A standing part's next periodic report, `YYYY-MM-DD`; null for a part that is not standing. */
  readonly nextReportDue: string | null;
  /** Days from the day viewed to `nextReportDue`; null with it. */
  readonly nextReportDaysLeft: number | null;
  /** The day the unit next owes something: the next report of a standing part, else `dueDate` — what the list is ordered by. */
  readonly urgentOn: string;
}

const URGENCY: Record<TrafficLight, number> = { RED: 0, YELLOW: 1, GREEN: 2 };

/**
 * Most urgent first across every plan, as on findings (`sortByUrgency`): red, then yellow, then
 * green, each by the day the unit next owes something (`urgentOn`: a standing task's next report, not the
 * end of the plan it is kept up for — newcomer32 S3); parts alike in both by plan (newest year first, then title in pinyin)
 * and item number. A unit works down one list: last year's overdue item comes before this year's
 * item due in December, whichever plan it belongs to.
 */
const mostUrgentFirst = (a: ItemPartAlert, b: ItemPartAlert) =>
  URGENCY[a.trafficLight] - URGENCY[b.trafficLight] ||
  (a.urgentOn < b.urgentOn ? -1 : a.urgentOn > b.urgentOn ? 1 : 0) ||
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
}): { parts: ItemPartAlert[]; reminders: Reminder[]; answeredReturns: Reminder[] } {
  const parts: ItemPartAlert[] = [];
  const reminders: Reminder[] = [];
  const answeredReturns: Reminder[] = [];
  for (const item of input.items) {
    const part = item.parts.get(input.unitId);
    if (!part || item.status === 'WITHDRAWN') continue;
    const plan = input.plan(item.planId);
    // Its returns the inbox no longer lists, the part verified or not (newcomer49-8 M4).
    if (plan) answeredReturns.push(...answeredReturnsFor({ parentKind: 'WORK_PLAN_ITEM', parentId: item.itemId, parentTitle: `${item.code} ${item.title}`, planTitle: plan.title }, part));
    if (part.status === 'VERIFIED') continue;
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
      ...dueReading(part, input.today),
    });
    const parent = { parentKind: 'WORK_PLAN_ITEM', parentId: item.itemId, parentTitle: `${item.code} ${item.title}`, planTitle: plan.title } as const;
    reminders.push(...remindersFor(parent, part, input.today));
  }
  return { parts: parts.sort(mostUrgentFirst), reminders: reminders.sort(mostUrgentReminderFirst), answeredReturns: answeredReturns.sort(mostUrgentReminderFirst) };
}
