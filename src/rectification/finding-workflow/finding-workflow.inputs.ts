import { Field, ID, InputType, IntersectionType } from '@nestjs/graphql';
import {
  AssignPayload,
  CorrectInspectionPayload,
  CorrectRecordDatePayload,
  CorrectReportDatePayload,
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
class FindingRef {
  @Field(() => ID)
  @EntityId()
  findingId: string;
}

@InputType() export class AssignFindingInput extends IntersectionType(FindingRef, AssignPayload) {}
@InputType() export class RequestExtensionInput extends IntersectionType(FindingRef, RequestExtensionPayload) {}
@InputType() export class DecideExtensionInput extends IntersectionType(FindingRef, DecideExtensionPayload) {}
@InputType() export class UrgeUnitInput extends IntersectionType(FindingRef, UrgePayload) {}
@InputType() export class ReportRectificationInput extends IntersectionType(FindingRef, ReportPayload) {}
@InputType() export class SendBackReportInput extends IntersectionType(FindingRef, SendBackPayload) {}
@InputType() export class LogInspectionInput extends IntersectionType(FindingRef, InspectionPayload) {}
@InputType() export class ReopenFindingInput extends IntersectionType(FindingRef, ReopenPayload) {}
@InputType() export class CorrectRecordDateInput extends IntersectionType(FindingRef, CorrectRecordDatePayload) {}
@InputType() export class CorrectReportDateInput extends IntersectionType(FindingRef, CorrectReportDatePayload) {}
@InputType() export class CorrectInspectionInput extends IntersectionType(FindingRef, CorrectInspectionPayload) {}
