import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Args, Field, ID, InputType, Mutation, Resolver } from '@nestjs/graphql';
import { IsOptional } from 'class-validator';
import { AllowRoles } from '../../access/authorization/access-policy.js';
import { CommandContextFactory } from '../../shared/command-context.factory.js';
import { IdempotentInput } from '../../shared/graphql/idempotent-input.js';
import { CurrentRequester, type Requester } from '../../shared/graphql/requester.js';
import { CalendarDate, EntityId, RequiredText } from '../../shared/graphql/validation.js';
import { WorkPlanSummaryType } from '../breakdown/work-plan.types.js';
import { ListWorkPlansQuery } from '../breakdown/work-plan.queries.js';
import { CorrectPlanApprovalCommand } from './correct-plan-approval.handler.js';

@InputType()
export class CorrectWorkPlanApprovalInput extends IdempotentInput {
  @Field(() => ID)
  @EntityId()
  planId: string;

  @Field(() => String, { description: 'YYYY-MM-DD, the day the plan was really approved (印发): not in the future, not after any of its items’ assignments or due dates' })
  @CalendarDate()
  approvedOn: string;

  @Field(() => String, {
    nullable: true,
    description:
      'YYYY-MM-DD, the approval day as the form showed it (the web app always sends it; optional for scripts, unchecked when left out): ' +
      'another day now — corrected meanwhile by a colleague — is CONFLICT naming who set which day when; nothing is changed.',
  })
  @IsOptional()
  @CalendarDate()
  expectedApprovedOn?: string;

  @Field(() => String, { description: 'Why, e.g. 导入时未填写批准日期' })
  @RequiredText(2000)
  reason: string;
}

@Resolver(() => WorkPlanSummaryType)
@AllowRoles('SUPERVISOR')
export class CorrectPlanApprovalResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Mutation(() => WorkPlanSummaryType, {
    description:
      'Correct the day a work plan was approved, with a reason (WorkPlanApprovalCorrected; the original stays in the event). ' +
      'Refused when it would fall after an assignment or a due date of its items.',
  })
  async correctWorkPlanApproval(@Args('input') input: CorrectWorkPlanApprovalInput, @CurrentRequester() requester: Requester) {
    const context = this.contexts.create(requester, 'CorrectWorkPlanApproval', input);
    const planId = await this.commands.execute(new CorrectPlanApprovalCommand(input.planId, input.approvedOn, input.reason, context, input.expectedApprovedOn ?? undefined));
    const plans = await this.queries.execute(new ListWorkPlansQuery());
    return plans.find((plan) => plan.planId === planId);
  }
}
