import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional } from 'class-validator';
import { CalendarDate, EntityId, RequiredText } from '../../shared/graphql/validation.js';
import { IdempotentInput } from '../../shared/graphql/idempotent-input.js';

/** 撤回通报: a circular issued by mistake (the wrong unit, never printed) is taken back, with a reason (newcomer26 S9). */
@InputType()
export class WithdrawCircularInput extends IdempotentInput {
  @Field(() => ID)
  @EntityId()
  circularId: string;

  @Field(() => String, { description: 'Why it is withdrawn (撤回理由: 发错单位, 未印发 …), kept in the history' })
  @RequiredText(2000)
  reason: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, the office day it was withdrawn; omitted: today (China time). Not in the future, not before its issue day.' })
  @IsOptional()
  @CalendarDate()
  withdrawnOn?: string;
}
