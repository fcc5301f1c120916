import { Field, ID, InputType, IntersectionType } from '@nestjs/graphql';
import {
  DecideExtensionPayload,
  InspectionPayload,
  ReopenPayload,
  ReportPayload,
  RequestExtensionPayload,
  SendBackPayload,
  UrgePayload,
} from '../../assignments/graphql/part.inputs.js';
import { EntityId } from '../../shared/graphql/validation.js';

@InputType({ isAbstract: true })
class WorkPlanItemRef {
  @Field(() => ID)
  @EntityId()
  itemId: string;
}

@InputType() export class RequestWorkPlanItemExtensionInput extends IntersectionType(WorkPlanItemRef, RequestExtensionPayload) {}
@InputType() export class DecideWorkPlanItemExtensionInput extends IntersectionType(WorkPlanItemRef, DecideExtensionPayload) {}
@InputType() export class UrgeWorkPlanItemUnitInput extends IntersectionType(WorkPlanItemRef, UrgePayload) {}
@InputType() export class ReportWorkPlanItemInput extends IntersectionType(WorkPlanItemRef, ReportPayload) {}
@InputType() export class SendBackWorkPlanItemReportInput extends IntersectionType(WorkPlanItemRef, SendBackPayload) {}
@InputType() export class LogWorkPlanItemInspectionInput extends IntersectionType(WorkPlanItemRef, InspectionPayload) {}
@InputType() export class ReopenWorkPlanItemInput extends IntersectionType(WorkPlanItemRef, ReopenPayload) {}
