import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { ParentKind } from '../assignments/domain/assignment.events.js';
import { ReminderParentKindEnum } from '../unit-workload/unit-workload.types.js';

/** What every list of parts awaiting the office (待督查, 待审批延期) names a part's finding or work-plan item by: `AwaitingParentNaming`. */
@ObjectType({ isAbstract: true })
export abstract class AwaitingParentFields {
  @Field(() => ReminderParentKindEnum, { description: 'A finding or a work-plan item' }) kind: ParentKind;
  @Field(() => ID, { description: 'The finding’s or the work-plan item’s id' }) parentId: string;
  @Field(() => String, { description: 'The finding’s title, or the item’s title (its number in itemCode)' }) title: string;
  @Field(() => String, { nullable: true, description: 'The item’s number (1-3); null for a finding' }) itemCode: string | null;
  @Field(() => ID, { nullable: true, description: 'The item’s work plan; null for a finding' }) planId: string | null;
  @Field(() => String, { nullable: true, description: 'The item’s work plan’s title (as on the day viewed); null for a finding' }) planTitle: string | null;
  @Field(() => Int, { nullable: true, description: 'The item’s work plan’s year; null for a finding' }) planYear: number | null;
  @Field(() => Int, { nullable: true, description: 'The last year of the item’s work plan’s period: its year, or the last of a plan over several years (2026—2028: 2028); null for a finding' })
  planLastYear: number | null;
}
