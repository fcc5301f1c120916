import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { AssignmentType, ReportType } from '../assignments/graphql/assignment.types.js';
import type { ParentKind } from '../assignments/domain/assignment.events.js';
import { PageArgs, connectionType } from '../shared/graphql/connection.js';
import { withTimeCut } from '../shared/graphql/time-cut.type.js';
import { ReminderParentKindEnum } from '../unit-workload/unit-workload.types.js';
import type { ReportView } from '../assignments/read-model/part-view.js';
import type { AwaitingPart } from './awaiting-inspection.queries.js';

@ObjectType('AwaitingInspection', { description: 'One unit’s part of a finding or work-plan item, reported and awaiting its on-site check (现场督查)' })
export class AwaitingInspectionType {
  @Field(() => ReminderParentKindEnum, { description: 'A finding or a work-plan item' }) kind: ParentKind;
  @Field(() => ID, { description: 'The finding’s or the work-plan item’s id' }) parentId: string;
  @Field(() => String, { description: 'The finding’s title, or the item’s title (its number in itemCode)' }) title: string;
  @Field(() => String, { nullable: true, description: 'The item’s number (1-3); null for a finding' }) itemCode: string | null;
  @Field(() => ID, { nullable: true, description: 'The item’s work plan; null for a finding' }) planId: string | null;
  @Field(() => String, { nullable: true, description: 'The item’s work plan’s title (as on the day viewed); null for a finding' }) planTitle: string | null;
  @Field(() => Int, { nullable: true, description: 'The item’s work plan’s year; null for a finding' }) planYear: number | null;
  @Field(() => Int, { nullable: true, description: 'The last year of the item’s work plan’s period: its year, or the last of a plan over several years (2026—2028: 2028); null for a finding' })
  planLastYear: number | null;
  @Field(() => AssignmentType, { description: 'The part, lit and counted on the day viewed' })
  part: AwaitingPart;
  @Field(() => ReportType, { nullable: true, description: 'The unit’s latest report on the part (office day, then entry): the one the check is made against' })
  latestReport: ReportView | null;
  @Field(() => Int, { description: 'The other parts of the same finding or item not verified yet: a pass leaves these open' }) otherPartsUnverified: number;
}

export const AwaitingInspectionConnectionType = connectionType(AwaitingInspectionType, 'AwaitingInspection');

/** `awaitingInspection`: a page of the parts awaiting inspection, now or at a time cut. */
@ArgsType()
export class AwaitingInspectionArgs extends withTimeCut(PageArgs) {}
