import { Field, ID, InputType, IntersectionType } from '@nestjs/graphql';
import {
  OfficeDay,
  CorrectInspectionPayload,
  CorrectRecordDatePayload,
  RetractRecordPayload,
  CorrectReportDatePayload,
  CorrectWithdrawalPayload,
  DecideExtensionPayload,
  InspectionPayload,
  ReopenPayload,
  ReportPayload,
  RequestExtensionPayload,
  WithdrawExtensionRequestPayload,
  SendBackPayload,
  UndoWithdrawalPayload,
  UrgePayload,
} from '../../assignments/graphql/part.inputs.js';
import { CalendarDate, EntityId, OptionalLabel, OptionalText, RequiredLabel, RequiredText } from '../../shared/graphql/validation.js';
import { IdempotentInput } from '../../shared/graphql/idempotent-input.js';
import { RetractionCheckPayload } from '../../assignments/graphql/retraction-check.js';
import { AssignmentRoleEnum } from '../../assignments/graphql/assignment.types.js';
import type { AssignmentRole } from '../../assignments/domain/assignment.events.js';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';

@InputType({ isAbstract: true })
class WorkPlanItemRef {
  @Field(() => ID)
  @EntityId()
  itemId: string;
}

@InputType() export class RequestWorkPlanItemExtensionInput extends IntersectionType(WorkPlanItemRef, RequestExtensionPayload) {}
@InputType() export class WithdrawWorkPlanItemExtensionRequestInput extends IntersectionType(WorkPlanItemRef, WithdrawExtensionRequestPayload) {}
@InputType() export class DecideWorkPlanItemExtensionInput extends IntersectionType(WorkPlanItemRef, DecideExtensionPayload) {}
@InputType() export class UrgeWorkPlanItemUnitInput extends IntersectionType(WorkPlanItemRef, UrgePayload) {}
@InputType() export class ReportWorkPlanItemInput extends IntersectionType(WorkPlanItemRef, ReportPayload) {}
@InputType() export class SendBackWorkPlanItemReportInput extends IntersectionType(WorkPlanItemRef, SendBackPayload) {}
@InputType() export class LogWorkPlanItemInspectionInput extends IntersectionType(WorkPlanItemRef, InspectionPayload) {}
@InputType() export class ReopenWorkPlanItemInput extends IntersectionType(WorkPlanItemRef, ReopenPayload) {}
@InputType() export class CorrectWorkPlanItemRecordDateInput extends IntersectionType(WorkPlanItemRef, CorrectRecordDatePayload) {}
@InputType() export class CorrectWorkPlanItemReportDateInput extends IntersectionType(WorkPlanItemRef, CorrectReportDatePayload) {}
@InputType() export class CorrectWorkPlanItemInspectionInput extends IntersectionType(WorkPlanItemRef, CorrectInspectionPayload) {}
@InputType() export class RetractWorkPlanItemRecordInput extends IntersectionType(WorkPlanItemRef, RetractRecordPayload) {}
@InputType() export class UndoWorkPlanItemWithdrawalInput extends IntersectionType(WorkPlanItemRef, UndoWithdrawalPayload) {}
@InputType() export class CorrectWorkPlanItemWithdrawalInput extends IntersectionType(WorkPlanItemRef, CorrectWithdrawalPayload) {}

/* Plan revision, one change at a time (根据工作进展动态调整): each with its reason, progress kept. */

@InputType({ isAbstract: true })
class RevisionPayload extends IdempotentInput {
  @Field(() => String, { description: 'Why the plan changes, e.g. the meeting or document that decided it' })
  @RequiredText(2000)
  reason: string;
}

@InputType()
export class WithdrawWorkPlanItemInput extends IntersectionType(WorkPlanItemRef, RevisionPayload) {
  @OfficeDay('the plan took the item out (not before its approval nor before any of its parts was assigned; records its units entered dated after it stay on record and count nowhere)')
  withdrawnOn?: string;
}

@InputType()
export class RescheduleWorkPlanItemInput extends IntersectionType(WorkPlanItemRef, RevisionPayload) {
  @Field(() => String, { description: 'YYYY-MM-DD: the item’s new due date; open parts due on the old one move with it' })
  @CalendarDate()
  dueDate: string;

  @Field(() => String, {
    nullable: true,
    description:
      'YYYY-MM-DD: the item’s due date as the form showed it (the web app always sends it; optional for scripts, unchecked when left out). ' +
      'Another date now — re-dated meanwhile by a colleague — is CONFLICT naming who set which date when; nothing is changed.',
  })
  @IsOptional()
  @CalendarDate()
  expectedDueDate?: string;

  @Field(() => String, { nullable: true, description: "A supervisor's reason to set it past the plan's period" })
  @OptionalText(2000)
  overrideReason?: string;

  @OfficeDay('the plan re-dated the item: the new due date is in force from it (not before the item was assigned)')
  rescheduledOn?: string;
}

@InputType()
export class AddWorkPlanItemUnitInput extends IntersectionType(WorkPlanItemRef, RevisionPayload) {
  @Field(() => ID)
  @EntityId()
  unitId: string;

  @Field(() => AssignmentRoleEnum, { nullable: true, description: 'RESPONSIBLE (责任单位) unless given' })
  @IsOptional()
  @IsIn(['LEAD', 'RESPONSIBLE'])
  role?: AssignmentRole;

  @Field(() => Boolean, {
    nullable: true,
    description:
      '更换牵头单位 (with role LEAD): this unit takes the lead — added, or its part made lead — and the current lead steps down to responsible, its part and progress kept. Without it a second lead is refused.',
  })
  @IsOptional()
  @IsBoolean()
  replacesLead?: boolean;

  @Field(() => ID, {
    nullable: true,
    description:
      'With replacesLead: the lead unit as the form showed it (the web app always sends it; optional for scripts, unchecked when left out). Another lead now — replaced meanwhile by a colleague — is CONFLICT naming who made which unit lead when; nothing is changed.',
  })
  @IsOptional()
  @EntityId()
  expectedLeadUnitId?: string;

  @OfficeDay('the unit was given its part (not before the plan was approved nor the unit registered)')
  assignedOn?: string;
}

@InputType()
export class RemoveWorkPlanItemUnitInput extends IntersectionType(WorkPlanItemRef, RevisionPayload) {
  @Field(() => ID, { description: 'Its part leaves the item; history keeps what it did' })
  @EntityId()
  unitId: string;

  @OfficeDay('the part left the item (not before anything recorded on it)')
  unassignedOn?: string;
}

@InputType()
export class AddWorkPlanItemInput extends RevisionPayload {
  @Field(() => ID, { description: 'The imported plan the item joins' })
  @EntityId()
  planId: string;

  @Field(() => String, { description: 'The category (大项) code: an existing one, or a new one with categoryTitle' })
  @RequiredLabel(32)
  categoryCode: string;

  @Field(() => String, { nullable: true, description: 'The title of a new category; not needed for an existing one' })
  @OptionalLabel(200)
  categoryTitle?: string;

  @Field(() => String, { description: 'The item code (编号), unused in the plan (withdrawn items keep theirs)' })
  @RequiredLabel(32)
  code: string;

  @Field(() => String, { description: '事项' })
  @RequiredLabel(200)
  title: string;

  @Field(() => String, { nullable: true, description: '内容 / 具体要求' })
  @OptionalText(5000)
  description?: string;

  @Field(() => String, { nullable: true, description: '工作措施 / 整改措施' })
  @OptionalText(5000)
  measures?: string;

  @Field(() => ID, { description: '牵头单位' })
  @EntityId()
  leadUnitId: string;

  @Field(() => [ID], { nullable: true, description: '责任单位 / 配合单位, besides the lead' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'responsibleUnitIds must contain valid unit ids' })
  responsibleUnitIds?: string[];

  @Field(() => String, { description: 'YYYY-MM-DD: every unit’s part is due on it' })
  @CalendarDate()
  dueDate: string;

  @Field(() => String, { nullable: true, description: "A supervisor's reason to set it past the plan's period" })
  @OptionalText(2000)
  overrideReason?: string;

  @OfficeDay('the plan took the item in and its units were assigned (not before the plan was approved)')
  assignedOn?: string;
}
@InputType() export class WorkPlanItemRetractionCheckInput extends IntersectionType(WorkPlanItemRef, RetractionCheckPayload) {}
