import { Field, ID, InputType, PickType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { CalendarDate, EntityId, OptionalText, RequiredText, RequiredLabel } from '../../shared/graphql/validation.js';
import { Severities, type Severity } from '../domain/finding.events.js';
import { SeverityEnum } from '../evaluations/evaluation.types.js';
import { IdempotentInput } from '../../shared/graphql/idempotent-input.js';
import { AssignPayload } from '../../assignments/graphql/part.inputs.js';

/**
 * The units a finding is given as it is recorded (the 登记问题 form's 交办): what `assignFinding`
 * takes, less the finding (not recorded yet) and the idempotency key (the recording's).
 */
@InputType()
export class FindingAssignmentInput extends PickType(AssignPayload, ['units', 'assignedOn', 'overrideReason'] as const, InputType) {}

@InputType()
export class RecordFindingInput extends IdempotentInput {
  @Field(() => ID)
  @EntityId()
  evaluationId: string;

  @Field(() => String, { description: 'e.g. 部分单位信息公开不到位' })
  @RequiredLabel(200)
  title: string;

  @Field(() => String)
  @RequiredText(5000)
  description: string;

  @Field(() => String, { description: 'How the evaluation groups it, e.g. 主动公开, 依申请公开, 政策解读' })
  @RequiredLabel(50)
  category: string;

  @Field(() => SeverityEnum)
  @IsIn(Severities)
  severity: Severity;

  @Field(() => String, { nullable: true, description: 'The rectification measures (整改措施), as the rectification plan or ledger states them' })
  @OptionalText(5000)
  measures?: string;

  @Field(() => [ID], { nullable: true, description: 'Units the evaluation names as concerned' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'concernedUnitIds must contain valid unit ids' })
  concernedUnitIds?: string[];

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, the office day the finding was identified; omitted: today (China time). Never in the future.' })
  @IsOptional()
  @CalendarDate()
  identifiedOn?: string;

  @Field(() => [ID], {
    nullable: true,
    description:
      'Recorded findings of the evaluation the office confirms this is not (这是另一个问题): a title a few characters from a recorded one (微博/微信) is refused CONFLICT with extensions.findingId and nearTitle unless that finding is named here',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'distinctFrom must contain valid finding ids' })
  distinctFrom?: string[];

  @Field(() => FindingAssignmentInput, {
    nullable: true,
    description:
      'Assign it at once (交办): the finding and its parts are recorded together or not at all, under the rules of assignFinding (a LEAD, due dates within the approved plan unless overridden, assignedOn not before identifiedOn)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => FindingAssignmentInput)
  assignment?: FindingAssignmentInput;
}
