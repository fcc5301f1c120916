import type { ReminderKind, ReminderParentKind } from '../assignments/read-model/reminders.js';
import type { TrafficLight } from '../assignments/read-model/part-view.js';
import { paginate, positionOrder, type Connection, type PageRequest } from '../shared/pagination/page.js';
import type { ItemPartAlert } from './unit-item-workload.js';
import type { ReminderRow } from './unit-workload.queries.js';

/*
 * 我的任务 of a unit with parts in a 1,200-item plan held 845 rows and hundreds of reminders, all sent
 * and drawn at once (breaker11 F4). These page the workload's lists, already in their order (most
 * urgent first; the inbox by its parts' due dates too), and count the inbox per kind, so the page says 已逾期 38 项 first.
 */

/** What `workPlanPartsPage` narrows a unit's open item parts to; every filter given must hold. */
export interface ItemPartFilter {
  readonly planId?: string;
  readonly light?: TrafficLight;
}

/** One page of the unit's open work-plan parts, most urgent first; a cursor names the item its page ended on. */
export function itemPartPage(parts: readonly ItemPartAlert[], filter: ItemPartFilter, page: PageRequest): Connection<ItemPartAlert> {
  const { planId, light } = filter;
  const matches = planId || light ? (part: ItemPartAlert) => (!planId || part.planId === planId) && (!light || part.trafficLight === light) : undefined;
  return paginate(parts, positionOrder('unit-item-parts', parts.map((part) => part.itemId), (part: ItemPartAlert) => part.itemId), page, { matches });
}

/** What `remindersPage` narrows the inbox to. */
export interface ReminderFilter {
  readonly kind?: ReminderKind;
  readonly parentKind?: ReminderParentKind;
}

/**
 * A reminder's identity in the inbox: what it is, about what, of which day and entry. Two alike in
 * all of these (never seen in practice) are told apart by their order of appearance.
 */
function reminderKeys(reminders: readonly ReminderRow[]): Map<ReminderRow, string> {
  const seen = new Map<string, number>();
  return new Map(
    reminders.map((reminder) => {
      const key = [reminder.kind, reminder.parentKind, reminder.parentId, reminder.on, reminder.at ?? ''].join('|');
      const occurrence = seen.get(key) ?? 0;
      seen.set(key, occurrence + 1);
      return [reminder, occurrence === 0 ? key : `${key}|${occurrence}`];
    }),
  );
}

/** One page of the inbox, most urgent first, of one kind or one kind of parent when given. */
export function reminderPage(reminders: readonly ReminderRow[], filter: ReminderFilter, page: PageRequest): Connection<ReminderRow> {
  const { kind, parentKind } = filter;
  const keys = reminderKeys(reminders);
  const matches = kind || parentKind ? (reminder: ReminderRow) => (!kind || reminder.kind === kind) && (!parentKind || reminder.parentKind === parentKind) : undefined;
  return paginate(reminders, positionOrder('unit-reminders', [...keys.values()], (reminder: ReminderRow) => keys.get(reminder)!), page, { matches });
}

/** How many reminders of each kind the inbox holds, in the order of ReminderKinds (kinds with none left out). */
export function reminderCounts(reminders: readonly ReminderRow[], kinds: readonly ReminderKind[]): { kind: ReminderKind; count: number }[] {
  const counts = new Map<ReminderKind, number>();
  for (const reminder of reminders) counts.set(reminder.kind, (counts.get(reminder.kind) ?? 0) + 1);
  return kinds.filter((kind) => counts.has(kind)).map((kind) => ({ kind, count: counts.get(kind)! }));
}
