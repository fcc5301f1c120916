import { ArgsType, Field, ObjectType } from '@nestjs/graphql';
import { AwaitingParentFields } from '../awaiting/awaiting-parent.type.js';
import { AssignmentType, ExtensionRequestType } from '../assignments/graphql/assignment.types.js';
import type { ExtensionRequestOut } from '../assignments/graphql/extension-request-out.js';
import type { AwaitingPart } from '../awaiting/parts-awaiting.list.js';
import { PageArgs, connectionType } from '../shared/graphql/connection.js';
import { withTimeCut } from '../shared/graphql/time-cut.type.js';

@ObjectType('ExtensionAwaitingDecision', { description: 'One unit’s part of a finding or work-plan item whose extension request (延期申请) awaits the supervisor’s decision (审批)' })
export class ExtensionAwaitingDecisionType extends AwaitingParentFields {
  @Field(() => AssignmentType, { description: 'The part, lit and counted on the day viewed: its dueDate is the one in force until the decision' })
  part: AwaitingPart;
  @Field(() => ExtensionRequestType, { description: 'The request awaiting a decision: the PENDING one, else one that LAPSED undecided (the part verified since) and still takes the paper’s decision dated up to decidableUntil — requestedDueDate, reason, requestedOn' }) request: ExtensionRequestOut;
}

export const ExtensionAwaitingDecisionConnectionType = connectionType(ExtensionAwaitingDecisionType, 'ExtensionAwaitingDecision');

/** `extensionsAwaitingDecision`: a page of the parts whose extension request awaits a decision, now or at a time cut. */
@ArgsType()
export class ExtensionsAwaitingDecisionArgs extends withTimeCut(PageArgs) {}
