import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { ParentKind } from '../assignments/domain/assignment.events.js';
import { AssignmentType, ExtensionRequestType } from '../assignments/graphql/assignment.types.js';
import type { ExtensionRequestView } from '../assignments/read-model/part-view.js';
import type { AwaitingPart } from '../awaiting/parts-awaiting.list.js';
import { PageArgs, connectionType } from '../shared/graphql/connection.js';
import { withTimeCut } from '../shared/graphql/time-cut.type.js';
import { ReminderParentKindEnum } from '../unit-workload/unit-workload.types.js';

@ObjectType('ExtensionAwaitingDecision', { description: 'One unit’s part of a finding or work-plan item whose extension request (延期申请) awaits the supervisor’s decision (审批)' })
export class ExtensionAwaitingDecisionType {
  @Field(() => ReminderParentKindEnum, { description: 'A finding or a work-plan item' }) kind: ParentKind;
  @Field(() => ID, { description: 'The finding’s or the work-plan item’s id' }) parentId: string;
  @Field(() => String, { description: 'The finding’s title, or the item’s title (its number in itemCode)' }) title: string;
  @Field(() => String, { nullable: true, description: 'The item’s number (1-3); null for a finding' }) itemCode: string | null;
  @Field(() => ID, { nullable: true, description: 'The item’s work plan; null for a finding' }) planId: string | null;
  @Field(() => String, { nullable: true, description: 'The item’s work plan’s title (as on the day viewed); null for a finding' }) planTitle: string | null;
  @Field(() => Int, { nullable: true, description: 'The item’s work plan’s year; null for a finding' }) planYear: number | null;
  @Field(() => Int, { nullable: true, description: 'The last year of the item’s work plan’s period; null for a finding' }) planLastYear: number | null;
  @Field(() => AssignmentType, { description: 'The part, lit and counted on the day viewed: its dueDate is the one in force until the decision' })
  part: AwaitingPart;
  @Field(() => ExtensionRequestType, { description: 'The pending request: requestedDueDate, reason, requestedOn' }) request: ExtensionRequestView;
}

export const ExtensionAwaitingDecisionConnectionType = connectionType(ExtensionAwaitingDecisionType, 'ExtensionAwaitingDecision');

/** `extensionsAwaitingDecision`: a page of the parts whose extension request awaits a decision, now or at a time cut. */
@ArgsType()
export class ExtensionsAwaitingDecisionArgs extends withTimeCut(PageArgs) {}
