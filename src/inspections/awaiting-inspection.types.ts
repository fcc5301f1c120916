import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { AwaitingParentFields } from '../awaiting/awaiting-parent.type.js';
import { AssignmentType, ReportType } from '../assignments/graphql/assignment.types.js';
import { PageArgs, connectionType } from '../shared/graphql/connection.js';
import { withTimeCut } from '../shared/graphql/time-cut.type.js';
import type { ReportView } from '../assignments/read-model/part-view.js';
import type { AwaitingPart } from './awaiting-inspection.queries.js';

@ObjectType('AwaitingInspection', { description: 'One unit’s part of a finding or work-plan item, reported and awaiting its on-site check (现场督查)' })
export class AwaitingInspectionType extends AwaitingParentFields {
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
