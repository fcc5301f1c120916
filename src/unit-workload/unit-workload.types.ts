import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { PageArgs, connectionType } from '../shared/graphql/connection.js';
import type { ItemPartFilter, ReminderFilter } from './workload-pages.js';
import { AssignmentRoleEnum, DAYS_LEFT, PartStatusEnum, TrafficLightEnum } from '../assignments/graphql/assignment.types.js';
import type { AssignmentRole } from '../assignments/domain/assignment.events.js';
import type { PartStatus, TrafficLight } from '../assignments/read-model/part-view.js';
import { ReminderKinds, ReminderParentKinds, type ReminderKind, type ReminderParentKind } from '../assignments/read-model/reminders.js';
import { PartAlertType } from '../rectification/dashboard/dashboard.types.js';
import { graphqlEnum } from '../shared/graphql/enum.js';
import { TimeCutType } from '../shared/graphql/time-cut.type.js';
import { EXPECTED_ITEMS, priced } from '../shared/graphql/query-cost.js';

export const ReminderKindEnum = graphqlEnum(ReminderKinds, 'ReminderKind');
export const ReminderParentKindEnum = graphqlEnum(ReminderParentKinds, 'ReminderParentKind');

@ObjectType('Reminder', { description: 'One entry of a unit’s inbox (提醒), about a part of a finding or of a work-plan item' })
export class ReminderType {
  @Field(() => ReminderKindEnum) kind: ReminderKind;
  @Field(() => ReminderParentKindEnum, { description: 'What it is about: a finding or a work-plan item' }) parentKind: ReminderParentKind;
  @Field(() => ID, { description: 'The finding’s or the work-plan item’s id' }) parentId: string;
  @Field(() => String, { description: 'The finding’s title; the item’s number and title (1-3 推进决策公开)' }) parentTitle: string;
  @Field(() => String, { nullable: true, description: 'The work plan’s title, for an item; null for a finding' }) planTitle: string | null;
  @Field(() => ID, { nullable: true, description: 'The finding’s id; null for a work-plan item', deprecationReason: 'Use parentKind and parentId' })
  findingId: string | null;
  @Field(() => String, { nullable: true, description: 'The finding’s title; null for a work-plan item', deprecationReason: 'Use parentTitle' })
  findingTitle: string | null;
  @Field(() => String) message: string;
  @Field(() => String, { description: 'The office day it happened, YYYY-MM-DD, China time (deadline reminders: the day viewed)' }) on: string;
  @Field(() => String, { nullable: true, description: 'When it was recorded, an ISO instant (deadline reminders: null)' }) at: string | null;
  @Field(() => String, { description: 'The part’s due date in force on the day viewed, YYYY-MM-DD: the inbox is ordered by it, most overdue first, then nearest due' }) dueDate: string;
}

@ObjectType('ItemPartAlert', { description: 'A unit’s open part of a work-plan item, with its plan and traffic light' })
export class ItemPartAlertType {
  @Field(() => ID) planId: string;
  @Field(() => String) planTitle: string;
  @Field(() => Int) planYear: number;
  @Field(() => Int, { description: 'The last year of the plan’s period: its year, or the last of a plan over several years (2026—2028: 2028)' }) planLastYear: number;
  @Field(() => ID) itemId: string;
  @Field(() => String, { description: 'The item’s number in the plan (1-3)' }) itemCode: string;
  @Field(() => String) itemTitle: string;
  @Field(() => AssignmentRoleEnum) role: AssignmentRole;
  @Field(() => PartStatusEnum) status: PartStatus;
  @Field(() => String, { description: 'YYYY-MM-DD, the due date in force' }) dueDate: string;
  @Field(() => Int, { description: DAYS_LEFT }) daysLeft: number;
  @Field(() => Int, { nullable: true, description: 'Office days the standing report came after the due date in force on its day (0: on time), for a part awaiting inspection or verified: shown as 逾期 N 天后报送, since such a part is not overdue any more; null while the unit has to act (daysLeft tells its lateness)' }) reportedDaysLate: number | null;
  @Field(() => TrafficLightEnum) trafficLight: TrafficLight;
  @Field(() => String, { description: 'The 完成时限 as the item page and the export write it: 2027-06-30, 立行立改（2026-12-02）, 常态化（每年报送） (a standing task: its words instead of the end of the plan; nextReportDue says when it reports)' }) dueText: string;
  @Field(() => String, { nullable: true, description: 'A standing task’s next periodic report (YYYY-MM-DD): the end of the reporting period in progress on the day viewed, or of the next one once reported in it; null for a task that is not standing. The list is ordered by it' }) nextReportDue: string | null;
  @Field(() => Int, { nullable: true, description: 'Days from the day viewed to nextReportDue (0: due today); null with it' }) nextReportDaysLeft: number | null;
}

@ObjectType('UnitWorkload')
export class UnitWorkloadType {
  @Field(() => ID) unitId: string;
  @Field(() => String, { description: 'The business day viewed (YYYY-MM-DD)' }) asOf: string;
  @Field(() => TimeCutType, { description: 'Which time axes the answer used' }) time: TimeCutType;
  @Field(() => [PartAlertType], { description: 'What the unit still has to do on findings, most urgent first' })
  @priced({ items: EXPECTED_ITEMS.unitOpenParts })
  openParts: PartAlertType[];
  @Field(() => [ItemPartAlertType], {
    deprecationReason: 'Every part at once (hundreds with a large plan): use workPlanPartsPage',
    description: 'What the unit still has to do on work-plan items, of every plan that day, most urgent first across plans: red, yellow, green, each by due date (then newest plan first)',
  })
  @priced({ items: EXPECTED_ITEMS.unitOpenParts })
  workPlanParts: ItemPartAlertType[];
  // workPlanPartsPage, remindersPage and reminderCounts: resolved fields (see UnitWorkloadResolver).
  @Field(() => [ReminderType], {
    deprecationReason: 'Every reminder at once (hundreds with a large plan): use reminderCounts and remindersPage',
    description: 'The unit’s inbox about findings and work-plan items alike, most urgent first (by the part’s due date, most overdue first; then newest first by office day and entry)',
  })
  @priced({ items: EXPECTED_ITEMS.unitOpenParts })
  reminders: ReminderType[];
}

export const ItemPartAlertConnectionType = connectionType(ItemPartAlertType, 'ItemPartAlert');
export const ReminderConnectionType = connectionType(ReminderType, 'Reminder');

@ObjectType('ReminderCount', { description: 'How many reminders of one kind a unit’s inbox holds' })
export class ReminderCountType {
  @Field(() => ReminderKindEnum) kind: ReminderKind;
  @Field(() => Int) count: number;
}

/** `workPlanPartsPage`: the unit's open work-plan parts a page at a time, of one plan or one light. */
@ArgsType()
export class ItemPartPageArgs extends PageArgs implements ItemPartFilter {
  @Field(() => ID, { nullable: true, description: 'Only the parts of this plan' })
  @IsOptional()
  @IsString()
  planId?: string;

  @Field(() => TrafficLightEnum, { nullable: true, description: 'Only the parts of this light on the day viewed' })
  @IsOptional()
  @IsIn(['GREEN', 'YELLOW', 'RED'])
  light?: TrafficLight;
}

/** `remindersPage`: the unit's inbox a page at a time, of one kind or about one kind of parent. */
@ArgsType()
export class ReminderPageArgs extends PageArgs implements ReminderFilter {
  @Field(() => ReminderKindEnum, { nullable: true, description: 'Only reminders of this kind' })
  @IsOptional()
  @IsIn([...ReminderKinds])
  kind?: ReminderKind;

  @Field(() => ReminderParentKindEnum, { nullable: true, description: 'Only reminders about findings, or about work-plan items' })
  @IsOptional()
  @IsIn([...ReminderParentKinds])
  parentKind?: ReminderParentKind;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'With the returns (退办, 督查未通过, 重新打开) the inbox no longer lists — answered by a report since, or the part verified: every record the unit’s 退回 figure counts (its page’s 记录); default false, the inbox only',
  })
  @IsOptional()
  withAnsweredReturns?: boolean;
}

/** `reminderCounts`: the inbox's kinds counted, or those of the records with answered returns (`withAnsweredReturns`). */
@ArgsType()
export class ReminderCountArgs {
  @Field(() => Boolean, { nullable: true, description: 'Count the returns the inbox no longer lists too (as remindersPage withAnsweredReturns); default false' })
  @IsOptional()
  withAnsweredReturns?: boolean;
}
