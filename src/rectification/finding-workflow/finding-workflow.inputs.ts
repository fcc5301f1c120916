import { Field, ID, InputType, IntersectionType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsOptional, IsUUID } from 'class-validator';
import {
  OfficeDay,
  AssignPayload,
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
import { CalendarDate, EntityId, OptionalText, RequiredText } from '../../shared/graphql/validation.js';
import { RetractionCheckPayload } from '../../assignments/graphql/retraction-check.js';
import { IdempotentInput } from '../../shared/graphql/idempotent-input.js';

@InputType({ isAbstract: true })
class FindingRef {
  @Field(() => ID)
  @EntityId()
  findingId: string;
}

/** 替换原牵头单位 on a finding (newcomer55-8 S4), as addWorkPlanItemUnit's replacesLead on an item. */
@InputType({ isAbstract: true })
class LeadReplacementPayload {
  @Field(() => Boolean, {
    nullable: true,
    description:
      '替换原牵头单位: the one unit of units, given as LEAD, takes the lead — added (due on its dueDate), or, already responsible, its part made lead — and the current lead steps down to responsible, its part and progress kept (the wrong lead’s 交办 can then be retracted). Needs reason. Without it a second lead is refused.',
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

  @Field(() => String, { nullable: true, description: 'With replacesLead (required then): why the lead changes, e.g. 交办时牵头单位录错; kept with each role change.' })
  @OptionalText(2000)
  reason?: string;
}

@InputType() export class AssignFindingInput extends IntersectionType(IntersectionType(FindingRef, AssignPayload), LeadReplacementPayload) {}
@InputType() export class RequestExtensionInput extends IntersectionType(FindingRef, RequestExtensionPayload) {}
@InputType() export class WithdrawExtensionRequestInput extends IntersectionType(FindingRef, WithdrawExtensionRequestPayload) {}
@InputType() export class DecideExtensionInput extends IntersectionType(FindingRef, DecideExtensionPayload) {}
@InputType() export class UrgeUnitInput extends IntersectionType(FindingRef, UrgePayload) {}
@InputType() export class ReportRectificationInput extends IntersectionType(FindingRef, ReportPayload) {}
@InputType() export class SendBackReportInput extends IntersectionType(FindingRef, SendBackPayload) {}
@InputType() export class LogInspectionInput extends IntersectionType(FindingRef, InspectionPayload) {}
@InputType() export class ReopenFindingInput extends IntersectionType(FindingRef, ReopenPayload) {}
@InputType() export class CorrectRecordDateInput extends IntersectionType(FindingRef, CorrectRecordDatePayload) {}
@InputType() export class CorrectReportDateInput extends IntersectionType(FindingRef, CorrectReportDatePayload) {}
@InputType() export class CorrectInspectionInput extends IntersectionType(FindingRef, CorrectInspectionPayload) {}
@InputType() export class RetractRecordInput extends IntersectionType(FindingRef, RetractRecordPayload) {}

@InputType({ isAbstract: true })
class WithdrawalPayload extends IdempotentInput {
  @Field(() => String, { description: 'Why the finding leaves the 台账 (撤销理由), e.g. 与第3项重复登记, or the evaluator’s letter withdrawing it' })
  @RequiredText(2000)
  reason: string;

  @OfficeDay('the finding was withdrawn (not before it was identified nor before any of its parts was assigned; records its units entered dated after it stay on record and count nowhere)')
  withdrawnOn?: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'The finding of the same evaluation this one repeats (重复登记): then it counts on no day, past days included, once the withdrawal is known. Omitted: it counts on the days before withdrawnOn (the evaluator withdrew it).',
  })
  @IsOptional()
  @EntityId()
  duplicateOf?: string;
}

@InputType() export class WithdrawFindingInput extends IntersectionType(FindingRef, WithdrawalPayload) {}

@InputType()
export class UndoFindingWithdrawalInput extends IntersectionType(FindingRef, UndoWithdrawalPayload) {
  @Field(() => [ID], {
    nullable: true,
    description:
      'Findings recorded since the withdrawal the office confirms this is not (这是另一个问题): an undo that brings the finding back beside one whose title reads as its title retyped (《X》, X（终稿）) is refused CONFLICT with extensions.findingId and nearTitle unless that finding is named here',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'distinctFrom must contain valid finding ids' })
  distinctFrom?: string[];
}
@InputType() export class CorrectFindingWithdrawalInput extends IntersectionType(FindingRef, CorrectWithdrawalPayload) {}

@InputType({ isAbstract: true })
class CorrectIdentifiedOnPayload extends IdempotentInput {
  @Field(() => String, {
    description:
      'YYYY-MM-DD, the office day the finding was in fact identified (发现日期): not in the future, not the day it reads now, not before its evaluation was received, not after any record of it (its first 交办, its withdrawal, a circular citing it)',
  })
  @CalendarDate()
  identifiedOn: string;

  @Field(() => String, {
    nullable: true,
    description:
      'YYYY-MM-DD, the 发现日期 as the form showed it (the web app always sends it; optional for scripts, unchecked when left out): another day now — corrected meanwhile by a colleague — is CONFLICT naming who set which day when; nothing is changed.',
  })
  @IsOptional()
  @CalendarDate()
  expectedIdentifiedOn?: string;

  @Field(() => String, { description: 'Why the 发现日期 is corrected (更正理由), e.g. 评估报告所附清单落款为4月10日，登记时误填' })
  @RequiredText(2000)
  reason: string;
}

@InputType() export class CorrectFindingIdentifiedOnInput extends IntersectionType(FindingRef, CorrectIdentifiedOnPayload) {}
@InputType() export class RetractionCheckInput extends IntersectionType(FindingRef, RetractionCheckPayload) {}
