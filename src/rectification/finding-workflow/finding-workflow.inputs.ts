import { Field, ID, InputType, IntersectionType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayUnique, IsArray, IsOptional, IsUUID } from 'class-validator';
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
import { CalendarDate, EntityId, RequiredText } from '../../shared/graphql/validation.js';
import { RetractionCheckPayload } from '../../assignments/graphql/retraction-check.js';
import { IdempotentInput } from '../../shared/graphql/idempotent-input.js';

@InputType({ isAbstract: true })
class FindingRef {
  @Field(() => ID)
  @EntityId()
  findingId: string;
}

@InputType() export class AssignFindingInput extends IntersectionType(FindingRef, AssignPayload) {}
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
