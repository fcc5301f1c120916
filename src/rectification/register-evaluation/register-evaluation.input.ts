import { Field, InputType } from '@nestjs/graphql';
import { CalendarDate, RequiredText } from '../../shared/graphql/validation.js';
import { IdempotentInput } from '../../shared/graphql/idempotent-input.js';

@InputType()
export class RegisterEvaluationInput extends IdempotentInput {
  @Field(() => String, { description: 'e.g. 2025年度政务公开第三方评估报告' })
  @RequiredText(200)
  title: string;

  @Field(() => String)
  @RequiredText(200)
  evaluator: string;

  @Field(() => String)
  @RequiredText(200)
  commissionedBy: string;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  @CalendarDate()
  periodStart: string;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  @CalendarDate()
  periodEnd: string;

  @Field(() => String, { description: 'YYYY-MM-DD, not in the future' })
  @CalendarDate()
  receivedOn: string;
}
