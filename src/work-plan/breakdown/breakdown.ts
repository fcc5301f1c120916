import { planLastYear } from '../domain/work-plan.decider.js';
import { inAssignedOrder, laterHolders, trafficLight, isOverdue, type PartWithHolders, type TrafficLight } from '../../assignments/read-model/part-view.js';
import type { WorkPlanItemView, WorkPlanView } from './work-plan-ledger.js';

/** How far a set of items and their parts has come. */
export interface Rollup {
  readonly items: number;
  readonly completedItems: number;
  /** Completed items, percent of items. */
  readonly percentComplete: number;
  readonly parts: number;
  readonly verifiedParts: number;
  readonly overdueParts: number;
  /** The worst light of its open parts; null when everything is verified. */
  readonly trafficLight: TrafficLight | null;
}

/**
 * A part as the breakdown shows it: lit as of the breakdown's business day (`evaluatedOn`,
 * `YYYY-MM-DD`), its unit named as known at `evaluatedKnownAt` (ISO; null: now).
 */
export type PartAt = PartWithHolders & {
  readonly evaluatedOn: string;
  readonly evaluatedKnownAt: string | null;
  /** A withdrawn item's part: its unit's records dated on or after the withdrawal, one Chinese line each (`WorkPlanLedger.asWithdrawn`); absent otherwise. */
  readonly recordsAfterWithdrawal?: readonly string[];
  /** A withdrawn item's part: the item's withdrawal day (`YYYY-MM-DD`), the day its part is counted on (no light); absent otherwise. */
  readonly parentWithdrawnOn?: string;
  /** An item listed again after a withdrawal: its unit's records dated while it was out of the plan, one Chinese line each (`WorkPlanLedger.withRecordsSetAside`); absent otherwise. */
  readonly recordsSetAside?: readonly string[];
};

/**
 * How rows are made: lit as of the business day `today`, units named as known at `knownAt`, only
 * `unitId`'s part when given; `present` finds an item as it stands now, for a row of a past day to
 * say who holds each part since (`heldLater`).
 */
export interface RowOptions {
  readonly today: string;
  readonly knownAt?: string | null;
  readonly dueSoonDays: number;
  readonly unitId?: string;
  readonly present?: (itemId: string) => WorkPlanItemView | undefined;
}

export interface ItemRow extends Omit<WorkPlanItemView, 'parts'> {
  /** Verified parts, percent of parts (of the filtered unit's part only, when filtered). */
  readonly percentComplete: number;
  readonly trafficLight: TrafficLight | null;
  readonly parts: PartAt[];
  /** The business day the row was made for (`RowOptions.today`, `YYYY-MM-DD`): what its plan's outline is read at (breaker10s P7). */
  readonly viewedOn: string;
  /** The instant (ISO) the row was made as known at (`RowOptions.knownAt`); null: everything recorded. */
  readonly viewedKnownAt: string | null;
}

export interface CategoryRow {
  readonly code: string;
  readonly title: string;
  readonly progress: Rollup;
  /** The items in the plan on the day viewed, in its order. */
  readonly items: ItemRow[];
  /** The items withdrawn from it by then, in the plan's order: records in no roll-up (the export keeps their rows, breaker11f P9). */
  readonly withdrawnItems: ItemRow[];
}

export interface Breakdown {
  readonly planId: string;
  readonly title: string;
  readonly year: number;
  /** The last year of its period: `year`, or the last of a plan over several years (`planLastYear`). */
  readonly lastYear: number;
  /** The office day the plan was approved (印发), `YYYY-MM-DD`. */
  readonly approvedOn: string;
  /** The business day viewed, `YYYY-MM-DD`. */
  readonly asOf: string;
  readonly unitId: string | null;
  readonly progress: Rollup;
  readonly categories: CategoryRow[];
  /**
   * 大项 no version lists any more whose items were all withdrawn by the day viewed (a version left the whole 大项 out):
   * not in the outline, their items still records of their own — the export lists them and a page of the plan's items
   * finds them (breaker10t P4: they vanished with the 大项). Empty for one unit's breakdown without such items.
   */
  readonly retiredCategories: CategoryRow[];
}

const SEVERITY: Record<TrafficLight, number> = { RED: 2, YELLOW: 1, GREEN: 0 };
const worst = (lights: (TrafficLight | null)[]): TrafficLight | null =>
  lights.reduce<TrafficLight | null>((acc, light) => (light && (!acc || SEVERITY[light] > SEVERITY[acc]) ? light : acc), null);
const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);

/** A row's part counts for its roll-ups, counted once per row and day (a kept row is summed, not gone through again). */
const rowCounts = new WeakMap<ItemRow, { readonly today: string; readonly verified: number; readonly overdue: number }>();

function countsOf(row: ItemRow, today: string): { readonly verified: number; readonly overdue: number } {
  const kept = rowCounts.get(row);
  if (kept?.today === today) return kept;
  let verified = 0;
  let overdue = 0;
  for (const part of row.parts) {
    if (part.status === 'VERIFIED') verified += 1;
    if (isOverdue(part, today)) overdue += 1;
  }
  const counts = { today, verified, overdue };
  rowCounts.set(row, counts);
  return counts;
}

/** The roll-up of `items` lit as of the business day `today`: O(items) for rows already counted that day. */
function rollup(items: readonly ItemRow[], today: string): Rollup {
  let parts = 0;
  let verifiedParts = 0;
  let overdueParts = 0;
  let completedItems = 0;
  for (const item of items) {
    const counts = countsOf(item, today);
    parts += item.parts.length;
    verifiedParts += counts.verified;
    overdueParts += counts.overdue;
    if (item.percentComplete === 100 && item.parts.length > 0) completedItems += 1;
  }
  return {
    items: items.length,
    completedItems,
    percentComplete: percent(completedItems, items.length),
    parts,
    verifiedParts,
    overdueParts,
    trafficLight: worst(items.map((item) => item.trafficLight)),
  };
}

/** One item with its parts (only `unitId`'s, when given) lit as of the business day `today`. */
export function itemRow(item: WorkPlanItemView, options: RowOptions): ItemRow {
  const now = options.present ? [...(options.present(item.itemId)?.parts.values() ?? [])] : null;
  // Filtered first: one unit's breakdown goes through every item, not through every part's row.
  const parts = inAssignedOrder(options.unitId ? [...item.parts.values()].filter((part) => part.unitId === options.unitId) : item.parts.values())
    .map((part) => ({ ...part, evaluatedOn: options.today, evaluatedKnownAt: options.knownAt ?? null, ...(now ? { heldLater: laterHolders(part, now) } : {}) }));
  return {
    ...item,
    withdrawalReason: item.withdrawalReason ?? null,
    parts,
    viewedOn: options.today,
    viewedKnownAt: options.knownAt ?? null,
    percentComplete: percent(parts.filter((part) => part.status === 'VERIFIED').length, parts.length),
    // A withdrawn item is a record: no light (breaker11f P9).
    trafficLight: item.status === 'WITHDRAWN' ? null : worst(parts.map((part) => trafficLight(part, options.today, options.dueSoonDays))),
  };
}

/**
 * Plan → categories → items → unit parts, with roll-ups. Filtered by a unit, it answers "what
 * does this unit owe, across all items?": only items where it has a part, and only its part.
 * `row` makes an item's row (`itemRow` by default; BreakdownsNow hands back the rows it kept for
 * items that did not change).
 */
export function buildBreakdown(
  plan: WorkPlanView,
  item: (itemId: string) => WorkPlanItemView | undefined,
  options: RowOptions,
  row: (item: WorkPlanItemView, options: RowOptions) => ItemRow = itemRow,
): Breakdown {
  const { today, unitId } = options;
  const categories = plan.categories.map((category) => {
    const rows = category.itemIds
      .map((itemId) => item(itemId))
      .filter((found): found is WorkPlanItemView => found !== undefined)
      .map((found) => row(found, options))
      .filter((item) => !unitId || item.parts.length > 0);
    // A withdrawn item stays a record of its own (the export keeps its rows), out of the plan's progress.
    const items = rows.filter((row) => row.status !== 'WITHDRAWN');
    const withdrawnItems = rows.filter((row) => row.status === 'WITHDRAWN');
    return { code: category.code, title: category.title, items, withdrawnItems, progress: rollup(items, today), retired: category.retired === true };
  });
  // A category only earlier versions had shows while it holds an item in the plan on the day viewed; holding only withdrawn
  // items, it is kept apart with them (`retiredCategories`).
  const shown = (category: (typeof categories)[number]) => category.items.length > 0 || (!unitId && !category.retired);
  const visible = categories.filter(shown).map(({ retired: _retired, ...category }) => category);
  const retiredCategories = categories.filter((category) => !shown(category) && category.withdrawnItems.length > 0).map(({ retired: _retired, ...category }) => category);
  return {
    planId: plan.planId,
    title: plan.title,
    year: plan.year,
    lastYear: planLastYear(plan),
    approvedOn: plan.approvedOn,
    asOf: today,
    unitId: unitId ?? null,
    progress: rollup(visible.flatMap((category) => category.items), today),
    categories: visible,
    retiredCategories,
  };
}
