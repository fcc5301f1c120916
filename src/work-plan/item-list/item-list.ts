import type { PartStatus, TrafficLight } from '../../assignments/read-model/part-view.js';
import { paginate, positionOrder, type Connection, type ListOrder, type PageRequest } from '../../shared/pagination/page.js';
import { itemRow, type ItemRow, type RowOptions } from '../breakdown/breakdown.js';
import type { WorkPlanItemView, WorkPlanView } from '../breakdown/work-plan-ledger.js';

/** What `workPlanItems` narrows a plan's items to; every filter given must hold. */
export interface ItemFilter {
  /** Only this category's (大项) items. */
  readonly categoryCode?: string;
  /** Only items where this unit has a part, and only its part (as `workPlan(unitId)`). */
  readonly unitId?: string;
  /** The item's light on the day viewed (its worst open part's). */
  readonly light?: TrafficLight;
  /** Items with at least one part in this status (REPORTED: waiting for an on-site check). */
  readonly partStatus?: PartStatus;
  /**
   * true: only the items withdrawn from the plan by the day viewed, as records (breaker11f P9: the
   * plan's record keeps them, as the 问题清单 keeps withdrawn findings); absent or false: the items in the plan.
   */
  readonly withdrawn?: boolean;
}

/**
 * The plan's own order of items (category by category, as the file lists them), keyed by item id
 * (see `positionOrder`): a page after a cursor starts right after that item even when a revision
 * moved or added items meanwhile.
 */
export const planOrder = (itemIds: readonly string[]): ListOrder<ItemRow, string> => positionOrder('work-plan-items', itemIds, (row) => row.itemId);

/** The ids of the plan's items in its order, of one category when `categoryCode` is given (none for an unknown code). */
export function itemIdsOf(plan: WorkPlanView, categoryCode?: string): string[] {
  return plan.categories.filter((category) => categoryCode === undefined || category.code === categoryCode).flatMap((category) => category.itemIds);
}

/**
 * One page of a plan's items (withdrawn ones left out, as the breakdown leaves them out; or only
 * those, with `filter.withdrawn`), lit as of
 * the office day `today` (`YYYY-MM-DD`), in the plan's order, with `totalCount` of every item the
 * filter accepts. `item` finds an item as it stood on the day viewed (undefined: not yet defined then).
 * `dueSoonDays` is the yellow-light window, in days.
 * `kept`: the rows of the items now, by id, built once for every caller (BreakdownsNow.rowsOf): taken
 * when no unit is filtered on instead of making each item's row again (breaker12f P11).
 * @throws DomainError BAD_USER_INPUT for a bad `first` or a cursor this list did not give out.
 */
export function itemPage(
  itemIds: readonly string[],
  item: (itemId: string) => WorkPlanItemView | undefined,
  filter: ItemFilter,
  page: PageRequest,
  settings: Omit<RowOptions, 'unitId'>,
  kept?: ReadonlyMap<string, ItemRow>,
): Connection<ItemRow> {
  const rows: ItemRow[] = [];
  for (const itemId of itemIds) {
    const found = item(itemId);
    if (!found || (found.status === 'WITHDRAWN') !== (filter.withdrawn === true)) continue;
    const row = (!filter.unitId ? kept?.get(itemId) : undefined) ?? itemRow(found, { ...settings, unitId: filter.unitId });
    if (!filter.unitId || row.parts.length > 0) rows.push(row);
  }
  const { light, partStatus } = filter;
  const matches =
    light || partStatus ? (row: ItemRow) => (!light || row.trafficLight === light) && (!partStatus || row.parts.some((part) => part.status === partStatus)) : undefined;
  return paginate(rows, planOrder(itemIds), page, { matches });
}
