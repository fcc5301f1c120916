import type { ReminderKind } from '../assignments/read-model/reminders.js';
import { ReminderKinds } from '../assignments/read-model/reminders.js';
import type { ItemPartAlert } from './unit-item-workload.js';
import type { ReminderRow } from './unit-workload.queries.js';
import { itemPartPage, reminderCounts, reminderPage } from './workload-pages.js';

const part = (itemId: string, planId: string, trafficLight: ItemPartAlert['trafficLight']): ItemPartAlert =>
  ({ planId, planTitle: planId, planYear: 2026, itemId, itemCode: itemId, itemTitle: itemId, role: 'LEAD', status: 'ASSIGNED', dueDate: '2026-06-30', daysLeft: 1, trafficLight }) as ItemPartAlert;
const reminder = (kind: ReminderKind, parentId: string, on: string, at: string | null = null): ReminderRow =>
  ({ kind, parentKind: 'WORK_PLAN_ITEM', parentId, parentTitle: parentId, planTitle: 'p', message: '', on, at, findingId: null, findingTitle: null }) as ReminderRow;

/** 845 parts (breaker11 F4's unit): 300 red of plan a, then 545 green of plans a and b alternately. */
const parts = Array.from({ length: 845 }, (_, index) => part(`i${index}`, index < 300 || index % 2 ? 'a' : 'b', index < 300 ? 'RED' : 'GREEN'));

describe('我的任务 a page at a time', () => {
  it('pages the open parts in their order (most urgent first), counting them all, of one plan or one light when asked', () => {
    const first = itemPartPage(parts, {}, { first: 50 });
    expect(first.totalCount).toBe(845);
    expect(first.nodes.map((p) => p.itemId)).toEqual(parts.slice(0, 50).map((p) => p.itemId));
    const second = itemPartPage(parts, {}, { first: 50, after: first.pageInfo.endCursor });
    expect(second.nodes[0]!.itemId).toBe('i50');
    expect(itemPartPage(parts, { light: 'RED' }, { first: 0 }).totalCount).toBe(300);
    const planB = itemPartPage(parts, { planId: 'b' }, { first: 200 });
    expect(planB.totalCount).toBe(273);
    expect(planB.nodes.every((p) => p.planId === 'b')).toBe(true);
  });

  it('continues after the part a page ended on when the order changed meanwhile (a part turned red)', () => {
    const first = itemPartPage(parts, {}, { first: 3 });
    const reordered = [parts[400]!, ...parts.slice(0, 400), ...parts.slice(401)];
    expect(itemPartPage(reordered, {}, { first: 2, after: first.pageInfo.endCursor }).nodes.map((p) => p.itemId)).toEqual(['i3', 'i4']);
  });

  it('pages the inbox newest first, of one kind when asked, telling apart reminders alike in all but their entry', () => {
    const inbox = [
      reminder('OVERDUE', 'x', '2026-06-20'),
      reminder('OVERDUE', 'y', '2026-06-20'),
      reminder('URGED', 'x', '2026-06-18', '2026-06-18T01:00:00Z'),
      reminder('URGED', 'x', '2026-06-18', '2026-06-18T02:00:00Z'),
      reminder('URGED', 'x', '2026-06-18', '2026-06-18T02:00:00Z'),
    ];
    const pages: string[][] = [];
    for (let after: string | null = null, more = true; more; ) {
      const page = reminderPage(inbox, {}, { first: 2, after });
      pages.push(page.nodes.map((r) => `${r.kind}:${r.parentId}:${r.at}`));
      more = page.pageInfo.hasNextPage;
      after = page.pageInfo.endCursor;
    }
    expect(pages.flat()).toHaveLength(5);
    expect(reminderPage(inbox, { kind: 'URGED' }, {}).totalCount).toBe(3);
    expect(reminderCounts(inbox, ReminderKinds)).toEqual([
      { kind: 'OVERDUE', count: 2 },
      { kind: 'URGED', count: 3 },
    ]);
  });
});
