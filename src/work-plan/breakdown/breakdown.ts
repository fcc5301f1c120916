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
export type PartAt = PartWithHolders & { readonly evaluatedOn: string; readonly evaluatedKnownAt: string | null };

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
  /** The office day the plan was approved (印发), `YYYY-MM-DD`. */
  readonly approvedOn: string;
  /** The business day viewed, `YYYY-MM-DD`. */
  readonly asOf: string;
  readonly unitId: string | null;
  readonly progress: Rollup;
  readonly categories: CategoryRow[];
}

const SEVERITY: Record<TrafficLight, number> = { RED: 2, YELLOW: 1, GREEN: 0 };
const worst = (lights: (TrafficLight | null)[]): TrafficLight | null =>
  lights.reduce<TrafficLight | null>((acc, light) => (light && (!acc || SEVERITY[light] > SEVERITY[acc]) ? light : acc), null);
const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);

function rollup(items: readonly ItemRow[], today: string): Rollup {
  const parts = items.flatMap((item) => item.parts);
  const completedItems = items.filter((item) => item.percentComplete === 100 && item.parts.length > 0).length;
  return {
    items: items.length,
    completedItems,
    percentComplete: percent(completedItems, items.length),
    parts: parts.length,
    verifiedParts: parts.filter((part) => part.status === 'VERIFIED').length,
    overdueParts: parts.filter((part) => isOverdue(part, today)).length,
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
    percentComplete: percent(parts.filter((part) => part.status === 'VERIFIED').length, parts.length),
    // A withdrawn item is a record: no light (breaker11f P9).
    trafficLight: item.status === 'WITHDRAWN' ? null : worst(parts.map((part) => trafficLight(part, options.today, options.dueSoonDays))),
  };
}

/**
 * Plan → categories → items → unit parts, with roll-ups. Filtered by a unit, it answers "what
 * does this unit owe, across all items?": only items where it has a part, and only its part.
 */
export function buildBreakdown(
  plan: WorkPlanView,
  item: (itemId: string) => WorkPlanItemView | undefined,
  options: RowOptions,
): Breakdown {
  const { today, unitId } = options;
  const categories = plan.categories.map((category) => {
    const rows = category.itemIds
      .map((itemId) => item(itemId))
      .filter((found): found is WorkPlanItemView => found !== undefined)
      .map((found) => itemRow(found, options))
      .filter((item) => !unitId || item.parts.length > 0);
    // A withdrawn item stays a record of its own (the export keeps its rows), out of the plan's progress.
    const items = rows.filter((row) => row.status !== 'WITHDRAWN');
    const withdrawnItems = rows.filter((row) => row.status === 'WITHDRAWN');
    return { code: category.code, title: category.title, items, withdrawnItems, progress: rollup(items, today), retired: category.retired === true };
  });
  // A category only earlier versions had shows while it holds an item in the plan on the day viewed.
  const visible = categories.filter((category) => category.items.length > 0 || (!unitId && !category.retired)).map(({ retired: _retired, ...category }) => category);
  return {
    planId: plan.planId,
    title: plan.title,
    year: plan.year,
    approvedOn: plan.approvedOn,
    asOf: today,
    unitId: unitId ?? null,
    progress: rollup(visible.flatMap((category) => category.items), today),
    categories: visible,
  };
}
