import { gql, PAGE_FIELDS, type Connection } from './api';

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
  /** The 完成时限 as the export writes it: the day, 立行立改（2026-12-02）, 常态化（每季度报送）… (newcomer32 S3). */
  dueText: string;
  /** A standing part's next periodic report (YYYY-MM-DD); null for a part that is not standing. */
  nextReportDue: string | null;
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
  /** The 完成时限 as the plan and the export write it: the day, 常态化（每季度报送）, 立行立改（2026-12-02）… */
  dueText: string;
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
/**
 * A plan's years as offices write them: `2026`, or `2026—2028` for a plan over several years (its
 * `lastYear` after its year) — never only its first year (issue 10: a 2026—2028 plan said （2026））.
 */
export function planYearsText(plan: { year: number; lastYear?: number | null }): string {
  return plan.lastYear !== undefined && plan.lastYear !== null && plan.lastYear > plan.year ? `${plan.year}—${plan.lastYear}` : String(plan.year);
}

/** A plan over several years whose title does not name both its years (青川市政务公开提质行动方案, 2026—2028): its period is said beside the title. */
export function periodBesideTitle(plan: { title: string; year: number; lastYear?: number | null }): string | null {
  const years = planYearsText(plan);
  if (years === String(plan.year)) return null;
  return plan.title.includes(String(plan.year)) && plan.title.includes(String(plan.lastYear)) ? null : `${years}年`;
}

export interface PlanOutline {
  id: string;
  title: string;
  year: number;
  /** The last year of the plan's period (its year for a year's plan). */
  lastYear: number;
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
      id title year lastYear approvedOn asOf progress { ${ROLLUP} } categories { code title progress { ${ROLLUP} } } } }`,
    { id, asOf: options.asOf ?? null, knownAt: options.knownAt ?? null },
  );
  return workPlan;
}

/**
 * An item in a list: its figures, not its parts — an item of 各单位 holds every unit's part, and a
 * page of such items with their parts held the server for seconds (breaker12e P9); the parts come
 * with `loadItemParts` when the item is opened.
 */
const ITEM_FIELDS = 'id code title dueDate dueText status trafficLight percentComplete partCount overduePartCount unverifiedPartCount';
const PART_FIELDS = 'unitId unit { name } role status dueDate dueText nextReportDue daysLeft reportedDaysLate trafficLight';

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

