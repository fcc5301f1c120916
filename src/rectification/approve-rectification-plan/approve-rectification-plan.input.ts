import { Field, ID, InputType } from '@nestjs/graphql';
import { CalendarDate, EntityId, RequiredLabel } from '../../shared/graphql/validation.js';
import { IdempotentInput } from '../../shared/graphql/idempotent-input.js';

@InputType()
export class ApproveRectificationPlanInput extends IdempotentInput {
  @Field(() => ID)
  @EntityId()
  evaluationId: string;

  @Field(() => String, { description: 'e.g. 关于2025年度政务公开第三方评估发现问题的整改实施方案' })
  @RequiredLabel(200)
  title: string;

  @Field(() => String, { description: 'Who approved it, e.g. 刘志强（常务副市长）' })
  @RequiredLabel(100)
  approvedBy: string;

  @Field(() => String, { description: 'YYYY-MM-DD, not in the future' })
  @CalendarDate()
  approvedOn: string;

  @Field(() => String, { description: 'YYYY-MM-DD, on or after approvedOn' })
  @CalendarDate()
  selfRectificationDue: string;

  @Field(() => String, { description: 'YYYY-MM-DD, on or after selfRectificationDue' })
  @CalendarDate()
  inspectionDue: string;
}
