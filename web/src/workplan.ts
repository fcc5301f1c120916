import { ApiError, gql, isNotYetRecorded, PAGE_FIELDS, type Connection } from './api';

/** The two time-travel arguments of the API (see state.ts `timeArguments`): null or absent, now / as known now. */
export interface TimeTravel {
  asOf?: string | null;
  knownAt?: string | null;
}

export interface Rollup {
  items: number;
  completedItems: number;
  parts: number;
  verifiedParts: number;
  overdueParts: number;
  percentComplete: number;
  trafficLight: string | null;
}
export interface PlanPart {
  unitId: string;
  unit: { name: string };
  role: string;
  status: string;
  dueDate: string;
  daysLeft: number;
  /** Days the standing report came after its due date (0 on time); null while the unit has to act (due-words.ts). */
  reportedDaysLate: number | null;
  trafficLight: string | null;
}
export interface PlanItem {
  id: string;
  code: string;
  title: string;
  dueDate: string;
  status: string;
  trafficLight: string | null;
  percentComplete: number;
  /** How many parts the item has, how many are overdue, how many not verified (a list of items never carries the parts themselves). */
  partCount: number;
  overduePartCount: number;
  unverifiedPartCount: number;
  /** Set on an item withdrawn from the plan (a record, breaker11f P9). */
  withdrawnOn?: string | null;
  withdrawalReason?: string | null;
}
/** A plan with its categories' roll-ups, without their items (see `loadItemPage`). */
export interface PlanOutline {
  id: string;
  title: string;
  year: number;
  approvedOn: string;
  asOf: string;
  progress: Rollup;
  categories: { code: string; title: string; progress: Rollup }[];
}
const ROLLUP = 'items completedItems parts verifiedParts overdueParts percentComplete trafficLight';

/**
 * The plan and its categories' roll-ups as of a day, without any item: what the breakdown first
 * draws, whatever the plan's size (a category's items come with `loadItemPage` when it is opened).
 */
export async function loadPlanOutline(id: string, options: TimeTravel = {}): Promise<PlanOutline> {
  const { workPlan } = await gql<{ workPlan: PlanOutline }>(
    `query($id: ID!, $asOf: String, $knownAt: String) { workPlan(id: $id, asOf: $asOf, knownAt: $knownAt) {
      id title year approvedOn asOf progress { ${ROLLUP} } categories { code title progress { ${ROLLUP} } } } }`,
    { id, asOf: options.asOf ?? null, knownAt: options.knownAt ?? null },
  );
  return workPlan;
}

/**
 * An item in a list: its figures, not its parts — an item of 各单位 holds every unit's part, and a
 * page of such items with their parts held the server for seconds (breaker12e P9); the parts come
 * with `loadItemParts` when the item is opened.
 */
const ITEM_FIELDS = 'id code title dueDate status trafficLight percentComplete partCount overduePartCount unverifiedPartCount';
const PART_FIELDS = 'unitId unit { name } role status dueDate daysLeft reportedDaysLate trafficLight';

/** One item's parts as of the day viewed (every unit's, however many), for the row of a list that is opened. */
export async function loadItemParts(itemId: string, time: TimeTravel = {}): Promise<PlanPart[]> {
  const { workPlanItem } = await gql<{ workPlanItem: { parts: PlanPart[] } }>(
    `query($id: ID!, $asOf: String, $knownAt: String) { workPlanItem(id: $id, asOf: $asOf, knownAt: $knownAt) { parts { ${PART_FIELDS} } } }`,
    { id: itemId, asOf: time.asOf ?? null, knownAt: time.knownAt ?? null },
  );
  return workPlanItem.parts;
}

/** What a page of items is narrowed to (the API's `workPlanItems` filters). */
export interface ItemPageFilter {
  categoryCode?: string;
  light?: string | null;
  partStatus?: string | null;
  /** true: only the items withdrawn from the plan by the day viewed. */
  withdrawn?: boolean;
  asOf?: string | null;
  knownAt?: string | null;
}

/** One page of a plan's items, in the plan's order, with their parts: up to `first` (≤ 200) after the cursor `after`. */
export async function loadItemPage(planId: string, filter: ItemPageFilter, first: number, after: string | null = null): Promise<Connection<PlanItem>> {
  const { workPlanItems } = await gql<{ workPlanItems: Connection<PlanItem> }>(
    `query($planId: ID!, $categoryCode: String, $light: TrafficLight, $partStatus: AssignmentStatus, $withdrawn: Boolean, $asOf: String, $knownAt: String, $first: Int, $after: String) {
      workPlanItems(planId: $planId, categoryCode: $categoryCode, light: $light, partStatus: $partStatus, withdrawn: $withdrawn, asOf: $asOf, knownAt: $knownAt, first: $first, after: $after) {
        nodes { ${ITEM_FIELDS}${filter.withdrawn ? ' withdrawnOn withdrawalReason' : ''} } ${PAGE_FIELDS} } }`,
    { planId, categoryCode: filter.categoryCode ?? null, light: filter.light ?? null, partStatus: filter.partStatus ?? null, withdrawn: filter.withdrawn ?? null, asOf: filter.asOf ?? null, knownAt: filter.knownAt ?? null, first, after },
  );
  return workPlanItems;
}

/** An item awaiting inspection: its reported parts only, and how many of its parts are not verified. */
export type AwaitingItem = Pick<PlanItem, 'id' | 'code' | 'title' | 'unverifiedPartCount'> & { reported: PlanPart[] };

/**
 * Every plan's items with a part reported and waiting for its on-site check, as of a day (null: now),
 * each plan with its items and only their reported parts, fetched a page at a time: only those items,
 * never a whole plan; a plan not entered yet at the cut has none. A page starts at 200 items and is
 * halved while the server finds it too costly (its price counts each item's parts at the most an item
 * holds: an item of 各单位 holds every unit's, breaker12e P9).
 */
export async function awaitingInspection(time: TimeTravel): Promise<{ plan: { id: string; title: string; year: number }; items: AwaitingItem[] }[]> {
  const { workPlans } = await gql<{ workPlans: { id: string; title: string; year: number }[] }>(`{ workPlans { id title year } }`);
  return Promise.all(
    workPlans.map(async (plan) => {
      const items: AwaitingItem[] = [];
      let first = fittingPage.get(plan.id) ?? 200;
      for (let after: string | null = null; ; ) {
        let page: Connection<AwaitingItem>;
        try {
          ({ workPlanItems: page } = await gql<{ workPlanItems: Connection<AwaitingItem> }>(
            `query($planId: ID!, $asOf: String, $knownAt: String, $first: Int, $after: String) {
              workPlanItems(planId: $planId, partStatus: REPORTED, asOf: $asOf, knownAt: $knownAt, first: $first, after: $after) {
                nodes { id code title unverifiedPartCount reported: parts(status: REPORTED) { ${PART_FIELDS} } } ${PAGE_FIELDS} } }`,
            { planId: plan.id, asOf: time.asOf ?? null, knownAt: time.knownAt ?? null, first, after },
          ));
        } catch (error) {
          // A plan entered after the day viewed has nothing awaiting on it then (breaker11d P2).
          if (isNotYetRecorded(error)) return { plan, items: [] };
          if (isTooCostly(error) && first > 1) {
            first = Math.floor(first / 2);
            // Kept for the next reload (each live change reloads the page): refused tries count against the account's requests too.
            fittingPage.set(plan.id, first);
            continue;
          }
          throw error;
        }
        items.push(...page.nodes);
        if (!page.pageInfo.hasNextPage) return { plan, items };
        after = page.pageInfo.endCursor;
      }
    }),
  );
}

/** Per plan, the page of awaiting items the server last took (`awaitingInspection`), while the page stays open. */
const fittingPage = new Map<string, number>();

/** The server refused a query as too costly before running it (QUERY_TOO_COSTLY): a smaller page may pass. */
const isTooCostly = (error: unknown) => error instanceof ApiError && error.reason === 'QUERY_TOO_COSTLY';
