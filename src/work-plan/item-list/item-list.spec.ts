import type { PartView } from '../../assignments/read-model/part-view.js';
import { partView as part } from '../../assignments/testing/part-view.js';
import type { WorkPlanItemView } from '../breakdown/work-plan-ledger.js';
import { itemRow } from '../breakdown/breakdown.js';
import { itemPage } from './item-list.js';

const item = (itemId: string, parts: PartView[], status: WorkPlanItemView['status'] = 'OPEN'): WorkPlanItemView =>
  ({ itemId, planId: 'p', code: itemId, title: `事项${itemId}`, categoryCode: '一', description: '', dueDate: '2026-05-15', measures: '', status, withdrawnOn: null, completedOn: null, parts: new Map(parts.map((p) => [p.unitId, p])) }) as WorkPlanItemView;

const settings = { today: '2026-05-01', dueSoonDays: 7 };
/** 120 items, 1..120, each with 发改委's part due on day 1..120 after 2026-04-01 (so 1..29 are red on 2026-05-01, 30 is due that day). */
const ids = Array.from({ length: 120 }, (_, index) => String(index + 1));
const day = (offset: number) => new Date(Date.UTC(2026, 3, 1 + offset)).toISOString().slice(0, 10);
const items = new Map(ids.map((id) => [id, item(id, [part('fgw', { dueDate: day(Number(id)) }), ...(Number(id) % 2 ? [part('czj', { status: 'REPORTED' })] : [])])]));
const find = (itemId: string) => items.get(itemId);

describe('a page of a work plan’s items', () => {
  it('gives the items in the plan’s order a page at a time, each page after the last item of the one before, with the count of them all', () => {
    const first = itemPage(ids, find, {}, { first: 50 }, settings);
    expect(first.totalCount).toBe(120);
    expect(first.nodes.map((row) => row.itemId)).toEqual(ids.slice(0, 50));
    expect(first.pageInfo.hasNextPage).toBe(true);
    const third = itemPage(ids, find, {}, { first: 50, after: itemPage(ids, find, {}, { first: 50, after: first.pageInfo.endCursor }, settings).pageInfo.endCursor }, settings);
    expect(third.nodes.map((row) => row.itemId)).toEqual(ids.slice(100));
    expect(third.pageInfo.hasNextPage).toBe(false);
  });

  it('continues after the item the page ended on when a revision put items before it meanwhile', () => {
    const first = itemPage(ids, find, {}, { first: 10 }, settings);
    const revised = ['new', ...ids];
    items.set('new', item('new', [part('fgw')]));
    const next = itemPage(revised, find, {}, { first: 3, after: first.pageInfo.endCursor }, settings);
    expect(next.nodes.map((row) => row.itemId)).toEqual(['11', '12', '13']);
    items.delete('new');
  });

  it('narrows to a light, a unit (with only its part) or a part status, counting what matches', () => {
    const red = itemPage(ids, find, { light: 'RED' }, { first: 200 }, settings);
    expect(red.totalCount).toBe(29);
    expect(red.nodes.every((row) => row.trafficLight === 'RED')).toBe(true);
    const czj = itemPage(ids, find, { unitId: 'czj' }, { first: 5 }, settings);
    expect(czj.totalCount).toBe(60);
    expect(czj.nodes.map((row) => row.parts.map((p) => p.unitId))).toEqual(Array(5).fill(['czj']));
    const reported = itemPage(ids, find, { partStatus: 'REPORTED', light: 'RED' }, { first: 200 }, settings);
    expect(reported.nodes.map((row) => row.itemId)).toEqual(ids.slice(0, 29).filter((id) => Number(id) % 2 === 1));
  });

  it('leaves out withdrawn items and items not defined on the day viewed', () => {
    const list = itemPage(['1', 'gone', 'later'], (id) => (id === 'gone' ? item('gone', [part('fgw')], 'WITHDRAWN') : id === 'later' ? undefined : find(id)), {}, {}, settings);
    expect(list.nodes.map((row) => row.itemId)).toEqual(['1']);
    expect(list.totalCount).toBe(1);
  });

  it('refuses a cursor naming an item not in the plan, in Chinese', () => {
    const other = itemPage(['x'], () => item('x', []), {}, {}, settings).pageInfo.endCursor!;
    expect(() => itemPage(ids, find, {}, { after: other }, settings)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });

  it('cuts a page from the rows kept for every caller when no unit is filtered on, and makes one unit’s rows itself (breaker12f P11)', () => {
    const kept = new Map(ids.map((id) => [id, itemRow(find(id)!, settings)]));
    const page = itemPage(ids, find, { light: 'RED' }, { first: 5 }, settings, kept);
    expect(page.nodes.every((row, index) => row === kept.get(ids[index]!))).toBe(true);
    expect(page.nodes.map((row) => row.itemId)).toEqual(['1', '2', '3', '4', '5']);
    expect(page.totalCount).toBe(29);
    const czj = itemPage(ids, find, { unitId: 'czj' }, { first: 2 }, settings, kept);
    expect(czj.nodes.map((row) => row.parts.map((p) => p.unitId))).toEqual([['czj'], ['czj']]);
    expect(czj.nodes.some((row) => row === kept.get(row.itemId))).toBe(false);
  });
});
