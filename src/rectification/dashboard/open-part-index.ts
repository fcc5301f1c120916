import { addDays, daysBetween } from '../../shared/calendar-date.js';
import { byPinyin } from '../../shared/chinese-order.js';
import type { TrafficLight } from '../../assignments/read-model/part-view.js';

/*
 * Every open (not verified) part kept in the dashboard's order, so a list or a page of it needs no
 * sort of every part: by due day, then by unit name in pinyin, then by the order the findings were
 * recorded. Lights follow from the day viewed alone — red: awaiting the unit and due before today;
 * yellow: awaiting and due within the window; green: the rest — so each light is a run of due days
 * and "today" moves without touching an entry. Plain data: Maps, arrays and strings.
 */

export interface OpenEntry {
  /** The finding's place in the order findings were recorded. */
  readonly seq: number;
  readonly parentId: string;
  readonly unitId: string;
  /** The unit must act (assigned or returned); otherwise reported and waiting for inspection. */
  readonly awaiting: boolean;
}

interface DueDay {
  /** Units with an open part due that day, by name in pinyin (then id). */
  readonly units: string[];
  /** Each unit's open parts due that day, by `seq`. */
  readonly cells: Map<string, OpenEntry[]>;
  awaiting: number;
  total: number;
}

export interface OpenPartIndex {
  /** Due days with an open part, ascending. */
  readonly days: string[];
  readonly byDay: Map<string, DueDay>;
  /** The unit name each unit is sorted by (renames re-sort). */
  readonly unitNames: Map<string, string>;
  total: number;
}

export const emptyOpenPartIndex = (): OpenPartIndex => ({ days: [], byDay: new Map(), unitNames: new Map(), total: 0 });

/** First index in `sorted` whose element is not before `value` (by `before`). */
function lowerBound<T>(sorted: readonly T[], before: (element: T) => boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (before(sorted[middle]!)) low = middle + 1;
    else high = middle;
  }
  return low;
}

const unitOrder = (index: OpenPartIndex) => (a: string, b: string) =>
  byPinyin(index.unitNames.get(a) ?? a, index.unitNames.get(b) ?? b) || (a < b ? -1 : a > b ? 1 : 0);

/** Adds an open part due on `dueDate`; `unitName` is the name it sorts by. */
export function addOpenPart(index: OpenPartIndex, dueDate: string, entry: OpenEntry, unitName: string): void {
  let day = index.byDay.get(dueDate);
  if (!day) {
    day = { units: [], cells: new Map(), awaiting: 0, total: 0 };
    index.byDay.set(dueDate, day);
    index.days.splice(lowerBound(index.days, (d) => d < dueDate), 0, dueDate);
  }
  let cell = day.cells.get(entry.unitId);
  if (!cell) {
    if (!index.unitNames.has(entry.unitId)) index.unitNames.set(entry.unitId, unitName);
    const order = unitOrder(index);
    cell = [];
    day.cells.set(entry.unitId, cell);
    day.units.splice(lowerBound(day.units, (unitId) => order(unitId, entry.unitId) < 0), 0, entry.unitId);
  }
  cell.splice(lowerBound(cell, (e) => e.seq < entry.seq), 0, entry);
  if (entry.awaiting) day.awaiting += 1;
  day.total += 1;
  index.total += 1;
}

/** Removes the open part of `unitId` in the finding `seq` due on `dueDate`. */
export function removeOpenPart(index: OpenPartIndex, dueDate: string, unitId: string, seq: number): void {
  const day = index.byDay.get(dueDate);
  const cell = day?.cells.get(unitId);
  if (!day || !cell) return;
  const at = lowerBound(cell, (e) => e.seq < seq);
  const entry = cell[at];
  if (!entry || entry.seq !== seq) return;
  cell.splice(at, 1);
  if (entry.awaiting) day.awaiting -= 1;
  day.total -= 1;
  index.total -= 1;
  if (cell.length === 0) {
    day.cells.delete(unitId);
    day.units.splice(day.units.indexOf(unitId), 1);
  }
  if (day.total === 0) {
    index.byDay.delete(dueDate);
    index.days.splice(lowerBound(index.days, (d) => d < dueDate), 1);
  }
}

/** A unit's name changed: every day's units are sorted again by the new name. */
export function renameUnit(index: OpenPartIndex, unitId: string, name: string): void {
  if (!index.unitNames.has(unitId)) return;
  index.unitNames.set(unitId, name);
  const order = unitOrder(index);
  for (const day of index.byDay.values()) if (day.cells.has(unitId)) day.units.sort(order);
}

/** An open part as listed on a day: its entry, due day, days left (negative when overdue) and light. */
export interface ListedPart {
  readonly entry: OpenEntry;
  readonly dueDate: string;
  readonly daysLeft: number;
  readonly light: TrafficLight;
}

/** Where a page of the open parts ended, by the order's own keys (keyset pagination): light, due day, unit, finding. */
export interface OpenPartPosition {
  readonly light: TrafficLight;
  readonly dueDate: string;
  readonly unitId: string;
  readonly seq: number;
}

const LIGHT_RANK: Record<TrafficLight, number> = { RED: 0, YELLOW: 1, GREEN: 2 };

/**
 * The orders a list of open parts can be given in (GraphQL `OpenPartOrder`):
 * - `URGENCY`, the dashboard's: red, then yellow, then green, each by due day (earliest first) —
 *   the same list as `DAYS_OVERDUE_DESC` (the most days overdue first; the parts not overdue, 0
 *   days, after them in urgency order);
 * - `DUE_DATE_ASC` / `DUE_DATE_DESC`: by 整改时限, earliest / latest first, whatever the light;
 * - `DAYS_OVERDUE_ASC`: the parts not overdue first (in urgency order), then the overdue ones, the
 *   fewest days overdue first.
 * Within one due day every order keeps the dashboard's: light, unit name in pinyin, finding. So each
 * is the dashboard's list sorted, stably, by its own key (a past day's list is sorted so: `pageAlerts`).
 */
export const OPEN_PART_ORDERS = ['URGENCY', 'DUE_DATE_ASC', 'DUE_DATE_DESC', 'DAYS_OVERDUE_ASC', 'DAYS_OVERDUE_DESC'] as const;
export type OpenPartOrder = (typeof OPEN_PART_ORDERS)[number];

/** The orders that list different things: `DAYS_OVERDUE_DESC` is `URGENCY`'s list (one list, one kind of cursor). */
export type DistinctOpenPartOrder = Exclude<OpenPartOrder, 'DAYS_OVERDUE_DESC'>;

export const distinctOrder = (order: OpenPartOrder = 'URGENCY'): DistinctOpenPartOrder => (order === 'DAYS_OVERDUE_DESC' ? 'URGENCY' : order);

/** One stretch of an order: the lights it lists, over their due days, walked up (or down). */
interface Run {
  readonly lights: readonly TrafficLight[];
  readonly descending?: boolean;
}

/** Each order as its runs, one after another; each light is in exactly one run of an order. */
const ORDER_RUNS: Record<DistinctOpenPartOrder, readonly Run[]> = {
  URGENCY: [{ lights: ['RED'] }, { lights: ['YELLOW'] }, { lights: ['GREEN'] }],
  DUE_DATE_ASC: [{ lights: ['RED', 'YELLOW', 'GREEN'] }],
  DUE_DATE_DESC: [{ lights: ['RED', 'YELLOW', 'GREEN'], descending: true }],
  DAYS_OVERDUE_ASC: [{ lights: ['YELLOW'] }, { lights: ['GREEN'] }, { lights: ['RED'], descending: true }],
};

/**
 * The open parts on `today` in `order` (default `URGENCY`, see `OpenPartOrder`), `only` one light
 * if given, starting right after `after` (a position that need not be listed any more: a part
 * verified or re-dated since). Lazy: whole due days before the start are skipped by binary search
 * and each day's days left is worked out once, so taking n parts costs O(log due days + n + the
 * parts of the day a page starts in and of the due days it passes), in every order. A light is a
 * run of due days — red: awaiting the unit and due before today; yellow: awaiting and due within
 * the window; green: the rest — found by comparing the `YYYY-MM-DD` strings (binary search), not
 * by working out every due day's days left.
 */
export function* walkOpenParts(
  index: OpenPartIndex,
  today: string,
  dueSoonDays: number,
  options: { only?: TrafficLight; after?: OpenPartPosition; order?: OpenPartOrder } = {},
): Generator<ListedPart> {
  const { only, after } = options;
  const runs = ORDER_RUNS[distinctOrder(options.order)];
  const lastYellowDay = addDays(today, dueSoonDays);
  const firstNotOverdue = lowerBound(index.days, (day) => day < today);
  const firstGreen = Math.max(firstNotOverdue, lowerBound(index.days, (day) => day <= lastYellowDay));
  // The due days [from, to) where each light can be found; parts awaiting their unit take the light of their day.
  const span: Record<TrafficLight, readonly [number, number]> = { RED: [0, firstNotOverdue], YELLOW: [firstNotOverdue, firstGreen], GREEN: [0, index.days.length] };
  const awaitingLight = (at: number): TrafficLight => (at < firstNotOverdue ? 'RED' : at < firstGreen ? 'YELLOW' : 'GREEN');
  const order = unitOrder(index);
  const resumeRun = after ? runs.findIndex((run) => run.lights.includes(after.light)) : 0;
  for (const [runAt, run] of runs.entries()) {
    if (runAt < resumeRun) continue;
    const lights = run.lights.filter((light) => !only || light === only);
    if (lights.length === 0) continue;
    const from = Math.min(...lights.map((light) => span[light][0]));
    const to = Math.max(...lights.map((light) => span[light][1]));
    const resumes = after !== undefined && runAt === resumeRun;
    const step = run.descending ? -1 : 1;
    let at = run.descending ? to - 1 : from;
    if (resumes) at = run.descending ? Math.min(at, lowerBound(index.days, (d) => d <= after.dueDate) - 1) : Math.max(at, lowerBound(index.days, (d) => d < after.dueDate));
    for (; run.descending ? at >= from : at < to; at += step) {
      const dueDate = index.days[at]!;
      const day = index.byDay.get(dueDate)!;
      const daysLeft = daysBetween(today, dueDate);
      const waiting = awaitingLight(at);
      const sameDay = resumes && dueDate === after.dueDate;
      // A day's parts by light (those awaiting their unit, then the others, green), then unit, then finding.
      for (const light of waiting === 'GREEN' ? (['GREEN'] as const) : ([waiting, 'GREEN'] as const)) {
        if (!lights.includes(light) || (sameDay && LIGHT_RANK[light] < LIGHT_RANK[after.light])) continue;
        const resumesHere = sameDay && light === after.light;
        for (const unitId of day.units) {
          const unitPlace = resumesHere ? order(unitId, after.unitId) : 1;
          if (unitPlace < 0) continue;
          for (const entry of day.cells.get(unitId)!) {
            if ((entry.awaiting ? waiting : 'GREEN') !== light) continue;
            if (unitPlace === 0 && entry.seq <= after!.seq) continue;
            yield { entry, dueDate, daysLeft, light };
          }
        }
      }
    }
  }
}

/**
 * The open parts on `today` in the dashboard's order (see `walkOpenParts`), `offset` skipped and at
 * most `limit` listed, `only` one light if given.
 */
export function listOpenParts(
  index: OpenPartIndex,
  today: string,
  dueSoonDays: number,
  options: { offset?: number; limit?: number; only?: TrafficLight } = {},
): ListedPart[] {
  const { limit = Number.POSITIVE_INFINITY, offset = 0 } = options;
  const listed: ListedPart[] = [];
  let skipped = 0;
  if (limit <= 0) return listed;
  for (const part of walkOpenParts(index, today, dueSoonDays, { only: options.only })) {
    if (skipped < offset) {
      skipped += 1;
      continue;
    }
    listed.push(part);
    if (listed.length >= limit) break;
  }
  return listed;
}

/**
 * How many open parts have each light on `today`: O(due days up to the end of the yellow window),
 * the days compared as `YYYY-MM-DD` strings (callers keep the answer until the index changes).
 */
export function countByLight(index: OpenPartIndex, today: string, dueSoonDays: number): Record<TrafficLight, number> {
  const lastYellowDay = addDays(today, dueSoonDays);
  let red = 0;
  let yellow = 0;
  for (const dueDate of index.days) {
    if (dueDate > lastYellowDay) break;
    const awaiting = index.byDay.get(dueDate)!.awaiting;
    if (dueDate < today) red += awaiting;
    else yellow += awaiting;
  }
  return { RED: red, YELLOW: yellow, GREEN: index.total - red - yellow };
}
