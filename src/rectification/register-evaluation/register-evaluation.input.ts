import { Field, InputType } from '@nestjs/graphql';
import { CalendarDate, RequiredLabel } from '../../shared/graphql/validation.js';
import { IdempotentInput } from '../../shared/graphql/idempotent-input.js';

@InputType()
export class RegisterEvaluationInput extends IdempotentInput {
  @Field(() => String, { description: 'e.g. 2025年度政务公开第三方评估报告' })
  @RequiredLabel(200)
  title: string;

  @Field(() => String)
  @RequiredLabel(200)
  evaluator: string;

  @Field(() => String)
  @RequiredLabel(200)
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
