import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsUrl,
  ValidateNested,
} from 'class-validator';
import { AssignmentRoleEnum, InspectionOutcomeEnum } from '../../assignments/graphql/assignment.types.js';
import type { AssignmentRole, InspectionOutcome } from '../../assignments/domain/assignment.events.js';
import { CalendarDate, EntityId, IdempotencyKey, OptionalText, RequiredText } from '../../shared/graphql/validation.js';

/** Every workflow mutation names the finding and carries an idempotency key. */
@InputType({ isAbstract: true })
abstract class FindingMutationInput {
  @Field(() => String)
  @IdempotencyKey()
  idempotencyKey: string;

  @Field(() => ID)
  @EntityId()
  findingId: string;
}

/** …and most name the unit whose part they concern. */
@InputType({ isAbstract: true })
abstract class PartMutationInput extends FindingMutationInput {
  @Field(() => ID)
  @EntityId()
  unitId: string;
}

@InputType()
export class UnitAssignmentInput {
  @Field(() => ID)
  @EntityId()
  unitId: string;

  @Field(() => AssignmentRoleEnum)
  @IsIn(['LEAD', 'RESPONSIBLE'])
  role: AssignmentRole;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  @CalendarDate()
  dueDate: string;
}

@InputType()
export class AssignFindingInput extends FindingMutationInput {
  @Field(() => [UnitAssignmentInput], { description: 'One LEAD (牵头单位) the first time, any RESPONSIBLE units (责任单位)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => UnitAssignmentInput)
  units: UnitAssignmentInput[];
}

@InputType()
export class RequestExtensionInput extends PartMutationInput {
  @Field(() => String, { description: 'YYYY-MM-DD, later than the current due date' })
  @CalendarDate()
  requestedDueDate: string;

  @Field(() => String)
  @RequiredText(2000)
  reason: string;
}

@InputType()
export class DecideExtensionInput extends PartMutationInput {
  @Field(() => ID)
  @EntityId()
  requestId: string;

  @Field(() => Boolean)
  @IsBoolean()
  approve: boolean;

  @Field(() => String, { nullable: true, description: 'When approving: a date other than the one requested' })
  @IsOptional()
  @CalendarDate()
  newDueDate?: string;

  @Field(() => String, { nullable: true, description: 'Required when refusing' })
  @OptionalText(2000)
  reason?: string;
}

@InputType()
export class UrgeUnitInput extends PartMutationInput {
  @Field(() => String)
  @RequiredText(2000)
  message: string;
}

@InputType()
export class EvidenceInput {
  @Field(() => String)
  @RequiredText(200)
  title: string;

  @Field(() => String, { nullable: true, description: 'An http(s) link to the published proof' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'evidence link must be an http(s) URL' })
  @OptionalText(2000)
  link?: string;

  @Field(() => String, { nullable: true, description: 'An official document reference' })
  @OptionalText(200)
  documentRef?: string;
}

@InputType()
export class ReportRectificationInput extends PartMutationInput {
  @Field(() => String)
  @RequiredText(5000)
  summary: string;

  @Field(() => [EvidenceInput])
  @IsArray()
  @ArrayMinSize(1, { message: 'evidence must list at least one item' })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EvidenceInput)
  evidence: EvidenceInput[];
}

@InputType()
export class SendBackReportInput extends PartMutationInput {
  @Field(() => String)
  @RequiredText(2000)
  reason: string;
}

@InputType()
export class LogInspectionInput extends PartMutationInput {
  @Field(() => InspectionOutcomeEnum)
  @IsIn(['PASSED', 'FAILED'])
  outcome: InspectionOutcome;

  @Field(() => String, { nullable: true, description: 'What was checked and found; required when FAILED' })
  @OptionalText(5000)
  notes?: string;

  @Field(() => String, { description: 'YYYY-MM-DD, not in the future' })
  @CalendarDate()
  inspectedOn: string;

  @Field(() => String, { nullable: true, description: 'Where the check took place' })
  @OptionalText(200)
  place?: string;
}

@InputType()
export class ReopenFindingInput extends FindingMutationInput {
  @Field(() => String)
  @RequiredText(2000)
  reason: string;
}
