import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional } from 'class-validator';
import { CalendarDate, EntityId, OptionalLabel, RequiredText } from '../../shared/graphql/validation.js';
import { IdempotentInput } from '../../shared/graphql/idempotent-input.js';

/** 更正通报: a circular's 发文日期 and/or 文号 typed wrong, corrected with a reason (newcomer26 S9). */
@InputType()
export class CorrectCircularInput extends IdempotentInput {
  @Field(() => ID)
  @EntityId()
  circularId: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, the day it was really issued; omitted: unchanged' })
  @IsOptional()
  @CalendarDate()
  issuedOn?: string;

  @Field(() => String, { nullable: true, description: '文号 as it really reads; omitted: unchanged; blank: none' })
  @OptionalLabel(100)
  documentNumber?: string;

  @Field(() => String, {
    nullable: true,
    description:
      'YYYY-MM-DD, the 发文日期 as the form showed it, with expectedDocumentNumber (the web app always sends both; optional for scripts, unchecked when left out): ' +
      'another day or 文号 now — corrected meanwhile by a colleague — is CONFLICT naming who set what when; nothing is changed.',
  })
  @IsOptional()
  @CalendarDate()
  expectedIssuedOn?: string;

  @Field(() => String, { nullable: true, description: '文号 as the form showed it (blank: none); checked with expectedIssuedOn (see there)' })
  @OptionalLabel(100)
  expectedDocumentNumber?: string;

  @Field(() => String, { description: 'Why the record was wrong' })
  @RequiredText(2000)
  reason: string;
}
