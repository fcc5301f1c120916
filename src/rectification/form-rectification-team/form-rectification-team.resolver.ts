import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { AllowRoles } from '../../access/authorization/access-policy.js';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CommandContextFactory } from '../../shared/command-context.factory.js';
import { CurrentRequester, type Requester } from '../../shared/graphql/requester.js';
import { GetRectificationTeamQuery } from '../rectification-setup/rectification-setup.queries.js';
import { RectificationTeamType } from '../rectification-setup/rectification-setup.types.js';
import { FormRectificationTeamCommand } from './form-rectification-team.handler.js';
import { FormRectificationTeamInput } from './form-rectification-team.input.js';

@Resolver(() => RectificationTeamType)
@AllowRoles('SUPERVISOR')
export class FormRectificationTeamResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Mutation(() => RectificationTeamType, { description: 'Form the rectification team (整改小组) of an evaluation: one per evaluation.' })
  async formRectificationTeam(
    @Args('input') { idempotencyKey, ...input }: FormRectificationTeamInput,
    @CurrentRequester() requester: Requester,
  ) {
    const context = this.contexts.create(requester, 'FormRectificationTeam', { idempotencyKey, ...input });
    const evaluationId = await this.commands.execute(new FormRectificationTeamCommand(input, context));
    return this.queries.execute(new GetRectificationTeamQuery(evaluationId));
  }
}
