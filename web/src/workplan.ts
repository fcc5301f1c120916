import { gql } from './api';

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
  parts: PlanPart[];
}
export interface WorkPlan {
  id: string;
  title: string;
  year: number;
  /** The office day the plan was approved (印发): before it, the plan did not exist yet. */
  approvedOn: string;
  asOf: string;
  progress: Rollup;
  categories: { code: string; title: string; progress: Rollup; items: PlanItem[] }[];
}

const ROLLUP = 'items completedItems parts verifiedParts overdueParts percentComplete trafficLight';

/** Every imported work plan's id, newest year first (work goes on in last year's plan too). */
export async function allPlanIds(): Promise<string[]> {
  const { workPlans } = await gql<{ workPlans: { id: string }[] }>(`{ workPlans { id } }`);
  return workPlans.map((plan) => plan.id);
}

/** The breakdown (categories → items → unit parts, with roll-ups), as of a day when given, of one unit when given. */
export async function loadWorkPlan(id: string, options: { asOf?: string | null; unitId?: string | null } = {}): Promise<WorkPlan> {
  const { workPlan } = await gql<{ workPlan: WorkPlan }>(
    `query($id: ID!, $asOf: String, $unitId: ID) { workPlan(id: $id, asOf: $asOf, unitId: $unitId) {
      id title year approvedOn asOf progress { ${ROLLUP} }
      categories { code title progress { ${ROLLUP} }
        items { id code title dueDate status trafficLight percentComplete
          parts { unitId unit { name } role status dueDate daysLeft trafficLight } } } } }`,
    { id, asOf: options.asOf ?? null, unitId: options.unitId ?? null },
  );
  return workPlan;
}
