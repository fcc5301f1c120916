import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { AssignmentType, TrafficLightEnum } from '../../assignments/graphql/assignment.types.js';
import type { TrafficLight } from '../../assignments/read-model/part-view.js';
import { graphqlEnum } from '../../shared/graphql/enum.js';
import { TimeCutType } from '../../shared/graphql/time-cut.type.js';
import { HistoryEntryType } from '../../rectification/evaluations/evaluation.types.js';
import { EXPECTED_ITEMS, HISTORY_PRICE, LIVE_SIZES, priced } from '../../shared/graphql/query-cost.js';

/** Lists of a plan's breakdown are priced by the plan `workPlan(id)` names (its own 大项 and its largest 大项's items); elsewhere by the largest plan's. */
const OF_THE_PLAN = { root: 'workPlan', arg: 'id' } as const;

export const WorkPlanItemStatusEnum = graphqlEnum(['OPEN', 'COMPLETED', 'WITHDRAWN'] as const, 'WorkPlanItemStatus', 'COMPLETED once every part is verified; WITHDRAWN when a plan revision took it out');

@ObjectType('Rollup', { description: 'Progress of a set of items and their parts' })
export class RollupType {
  @Field(() => Int) items: number;
  @Field(() => Int) completedItems: number;
  @Field(() => Float, { description: 'Completed items, percent of items' }) percentComplete: number;
  @Field(() => Int) parts: number;
  @Field(() => Int) verifiedParts: number;
  @Field(() => Int) overdueParts: number;
  @Field(() => TrafficLightEnum, { nullable: true, description: 'The worst light among open parts' }) trafficLight: TrafficLight | null;
}

@ObjectType('WorkPlanItem', { description: 'One numbered item (小项) of a work plan' })
export class WorkPlanItemType {
  @Field(() => ID, { name: 'id' }) itemId: string;
  @Field(() => ID) planId: string;
  @Field(() => String) categoryCode: string;
  @Field(() => String) code: string;
  @Field(() => String) title: string;
  @Field(() => String) description: string;
  @Field(() => String, { description: 'The measures (工作措施 / 整改措施) the plan gives the item; empty when none' }) measures: string;
  @Field(() => String) dueDate: string;
  @Field(() => WorkPlanItemStatusEnum) status: 'OPEN' | 'COMPLETED' | 'WITHDRAWN';
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, the office day a plan change took it out (WITHDRAWN); null while in the plan' })
  withdrawnOn: string | null;
  @Field(() => String, { nullable: true, description: 'Why it was taken out (WITHDRAWN); null while in the plan' })
  withdrawalReason: string | null;
  @Field(() => String, { nullable: true, description: 'Business day of the completion (销号): the day of the inspection that verified the last part' })
  completedOn: string | null;
  @Field(() => Float, { description: 'Verified parts, percent of parts' }) percentComplete: number;
  @Field(() => TrafficLightEnum, { nullable: true }) trafficLight: TrafficLight | null;
  /** Resolved (and priced) by WorkPlanItemResolver.parts. */
  parts: AssignmentType[];
  @Field(() => [HistoryEntryType])
  @priced(HISTORY_PRICE)
  history: HistoryEntryType[];
  @Field(() => TimeCutType, { nullable: true, description: 'Which time axes the answer used (on the workPlanItem query)' }) time?: TimeCutType;
}

@ObjectType('WorkPlanCategory', { description: 'One major category (大项) of a work plan' })
export class WorkPlanCategoryType {
  @Field(() => String) code: string;
  @Field(() => String) title: string;
  @Field(() => RollupType) progress: RollupType;
  @Field(() => [WorkPlanItemType], {
    description: 'Every item of the 大项, priced at as many as the plan’s largest 大项 lists (a plan of thousands of items: workPlanItems(planId, categoryCode) gives a page)',
  })
  @priced({ items: EXPECTED_ITEMS.categoryItems, sized: LIVE_SIZES.categoryItems, ofParent: OF_THE_PLAN })
  items: WorkPlanItemType[];
}

@ObjectType('WorkPlan', { description: 'A year’s work-plan breakdown (分解方案) with roll-ups' })
export class WorkPlanType {
  @Field(() => ID, { name: 'id' }) planId: string;
  @Field(() => String) title: string;
  @Field(() => Int) year: number;
  @Field(() => Int, { description: 'The last year of the plan’s period: its year, or the last of a plan over several years (2026—2028: 2028)' }) lastYear: number;
  @Field(() => String, { description: 'YYYY-MM-DD, the office day the plan was approved (印发): no unit is assigned an item before it' }) approvedOn: string;
  @Field(() => String, { description: 'The business day the figures describe (YYYY-MM-DD)' }) asOf: string;
  @Field(() => TimeCutType, { nullable: true, description: 'Which time axes the answer used' }) time?: TimeCutType;
  @Field(() => ID, { nullable: true, description: 'When filtered: the unit whose parts are shown' }) unitId: string | null;
  @Field(() => RollupType) progress: RollupType;
  @Field(() => [WorkPlanCategoryType], { description: 'The plan’s 大项, in its order, each with every item: priced at the plan’s 大项 times its largest 大项’s items' })
  @priced({ items: EXPECTED_ITEMS.planCategories, sized: LIVE_SIZES.planCategories, ofParent: OF_THE_PLAN })
  categories: WorkPlanCategoryType[];
}

@ObjectType('WorkPlanSummary')
export class WorkPlanSummaryType {
  @Field(() => ID, { name: 'id' }) planId: string;
  @Field(() => String) title: string;
  @Field(() => Int) year: number;
  @Field(() => Int, { description: 'The last year of the plan’s period: its year, or the last of a plan over several years (2026—2028: 2028)' }) lastYear: number;
  @Field(() => String, { description: 'YYYY-MM-DD, the office day the plan was approved (印发)' }) approvedOn: string;
  @Field(() => String) importedAt: string;
  @Field(() => RollupType) progress: RollupType;
}
