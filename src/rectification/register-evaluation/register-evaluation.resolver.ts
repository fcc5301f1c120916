import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { AllowRoles } from '../../access/authorization/access-policy.js';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CommandContextFactory } from '../../shared/command-context.factory.js';
import { CurrentRequester, type Requester } from '../../shared/graphql/requester.js';
import { EvaluationType } from '../evaluations/evaluation.types.js';
import { GetEvaluationQuery } from '../evaluations/evaluations.queries.js';
import { RegisterEvaluationCommand } from './register-evaluation.handler.js';
import { RegisterEvaluationInput } from './register-evaluation.input.js';

@Resolver(() => EvaluationType)
@AllowRoles('SUPERVISOR')
export class RegisterEvaluationResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Mutation(() => EvaluationType, { description: 'Register a third-party evaluation report that has been received.' })
  async registerEvaluation(
    @Args('input') { idempotencyKey, ...input }: RegisterEvaluationInput,
    @CurrentRequester() requester: Requester,
  ) {
    const context = this.contexts.create(requester, 'RegisterEvaluation', { idempotencyKey, ...input });
    const evaluationId = await this.commands.execute(new RegisterEvaluationCommand(input, context));
    return this.queries.execute(new GetEvaluationQuery(evaluationId));
  }
}
