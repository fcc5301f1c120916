import { trafficLight, isOverdue, type PartView, type TrafficLight } from '../../assignments/read-model/part-view.js';
import type { WorkPlanItemView, WorkPlanLedger, WorkPlanView } from './work-plan-ledger.js';

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

/** A part as the breakdown shows it: lit as of the breakdown's instant. */
export type PartAt = PartView & { readonly evaluatedAt: string };

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
  readonly items: ItemRow[];
}

export interface Breakdown {
  readonly planId: string;
  readonly title: string;
  readonly year: number;
  readonly asOf: string;
  readonly unitId: string | null;
  readonly progress: Rollup;
  readonly categories: CategoryRow[];
}

const SEVERITY: Record<TrafficLight, number> = { RED: 2, YELLOW: 1, GREEN: 0 };
const worst = (lights: (TrafficLight | null)[]): TrafficLight | null =>
  lights.reduce<TrafficLight | null>((acc, light) => (light && (!acc || SEVERITY[light] > SEVERITY[acc]) ? light : acc), null);
const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);

function rollup(items: readonly ItemRow[], now: string): Rollup {
  const parts = items.flatMap((item) => item.parts);
  const completedItems = items.filter((item) => item.percentComplete === 100 && item.parts.length > 0).length;
  return {
    items: items.length,
    completedItems,
    percentComplete: percent(completedItems, items.length),
    parts: parts.length,
    verifiedParts: parts.filter((part) => part.status === 'VERIFIED').length,
    overdueParts: parts.filter((part) => isOverdue(part, now)).length,
    trafficLight: worst(items.map((item) => item.trafficLight)),
  };
}

/** One item with its parts (only `unitId`'s, when given) lit as of `now`. */
export function itemRow(item: WorkPlanItemView, options: { now: string; dueSoonDays: number; unitId?: string }): ItemRow {
  const parts = [...item.parts.values()]
    .filter((part) => !options.unitId || part.unitId === options.unitId)
    .map((part) => ({ ...part, evaluatedAt: options.now }));
  return {
    ...item,
    parts,
    percentComplete: percent(parts.filter((part) => part.status === 'VERIFIED').length, parts.length),
    trafficLight: worst(parts.map((part) => trafficLight(part, options.now, options.dueSoonDays))),
  };
}

/**
 * Plan → categories → items → unit parts, with roll-ups. Filtered by a unit, it answers "what
 * does this unit owe, across all items?": only items where it has a part, and only its part.
 */
export function buildBreakdown(
  plan: WorkPlanView,
  ledger: Pick<WorkPlanLedger, 'item'>,
  options: { now: string; dueSoonDays: number; unitId?: string },
): Breakdown {
  const { now, dueSoonDays, unitId } = options;
  const categories = plan.categories.map((category) => {
    const items = category.itemIds
      .map((itemId) => ledger.item(itemId))
      .filter((item): item is WorkPlanItemView => item !== undefined)
      .map((item) => itemRow(item, { now, dueSoonDays, unitId }))
      .filter((item) => !unitId || item.parts.length > 0);
    return { code: category.code, title: category.title, items, progress: rollup(items, now) };
  });
  const visible = unitId ? categories.filter((category) => category.items.length > 0) : categories;
  return {
    planId: plan.planId,
    title: plan.title,
    year: plan.year,
    asOf: now,
    unitId: unitId ?? null,
    progress: rollup(visible.flatMap((category) => category.items), now),
    categories: visible,
  };
}
