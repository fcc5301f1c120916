import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { AllowRoles } from '../../access/authorization/access-policy.js';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CommandContextFactory } from '../../shared/command-context.factory.js';
import { CurrentRequester, type Requester } from '../../shared/graphql/requester.js';
import { GetRectificationPlanQuery } from '../rectification-setup/rectification-setup.queries.js';
import { RectificationPlanType } from '../rectification-setup/rectification-setup.types.js';
import { ApproveRectificationPlanCommand } from './approve-rectification-plan.handler.js';
import { ApproveRectificationPlanInput } from './approve-rectification-plan.input.js';

@Resolver(() => RectificationPlanType)
@AllowRoles('SUPERVISOR')
export class ApproveRectificationPlanResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Mutation(() => RectificationPlanType, {
    description: 'Record the approved rectification plan (整改实施方案) of an evaluation and its deadlines: one per evaluation.',
  })
  async approveRectificationPlan(
    @Args('input') { idempotencyKey, ...input }: ApproveRectificationPlanInput,
    @CurrentRequester() requester: Requester,
  ) {
    const context = this.contexts.create(requester, 'ApproveRectificationPlan', { idempotencyKey, ...input });
    const evaluationId = await this.commands.execute(new ApproveRectificationPlanCommand(input, context));
    return this.queries.execute(new GetRectificationPlanQuery(evaluationId));
  }
}
