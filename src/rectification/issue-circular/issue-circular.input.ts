import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, ValidateNested } from 'class-validator';
import { CalendarDate, EntityId, OptionalLabel, RequiredText, RequiredLabel } from '../../shared/graphql/validation.js';
import {
  CircularKinds,
  CircularReferenceKinds,
  type CircularKind,
  type CircularReferenceKind,
} from '../domain/circular.events.js';
import { CircularKindEnum, CircularReferenceKindEnum } from '../circulars/circular.type.js';
import { IdempotentInput } from '../../shared/graphql/idempotent-input.js';

@InputType()
export class CircularReferenceInput {
  @Field(() => CircularReferenceKindEnum)
  @IsIn(CircularReferenceKinds)
  kind: CircularReferenceKind;

  @Field(() => ID)
  @EntityId()
  id: string;
}

@InputType()
export class IssueCircularInput extends IdempotentInput {
  @Field(() => ID, { description: 'The unit commended or criticised' })
  @EntityId()
  unitId: string;

  @Field(() => CircularKindEnum)
  @IsIn(CircularKinds)
  kind: CircularKind;

  @Field(() => String, { description: 'e.g. 关于市交通运输局整改工作不力的通报' })
  @RequiredLabel(200)
  title: string;

  @Field(() => String, { description: 'The grounds for it' })
  @RequiredText(5000)
  reason: string;

  @Field(() => [CircularReferenceInput], { description: 'Findings or work-plan items it cites; at most 50, may be empty' })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CircularReferenceInput)
  references: CircularReferenceInput[];

  @Field(() => String, { description: 'YYYY-MM-DD, not in the future' })
  @CalendarDate()
  issuedOn: string;

  @Field(() => String, { nullable: true, description: '文号, the document number, e.g. 青政公开〔2026〕5号; omitted or blank: none' })
  @OptionalLabel(100)
  documentNumber?: string;
}
