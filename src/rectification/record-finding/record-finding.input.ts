import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional, IsUUID } from 'class-validator';
import { CalendarDate, EntityId, OptionalText, RequiredText, RequiredLabel } from '../../shared/graphql/validation.js';
import { Severities, type Severity } from '../domain/finding.events.js';
import { SeverityEnum } from '../evaluations/evaluation.types.js';
import { IdempotentInput } from '../../shared/graphql/idempotent-input.js';

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
}
