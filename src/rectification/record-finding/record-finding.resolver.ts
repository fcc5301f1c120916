import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { AllowRoles } from '../../access/authorization/access-policy.js';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CommandContextFactory } from '../../shared/command-context.factory.js';
import { CurrentRequester, type Requester } from '../../shared/graphql/requester.js';
import { FindingType } from '../evaluations/evaluation.types.js';
import { GetFindingQuery } from '../evaluations/evaluations.queries.js';
import { RecordFindingCommand } from './record-finding.handler.js';
import { RecordFindingInput } from './record-finding.input.js';

@Resolver(() => FindingType)
@AllowRoles('SUPERVISOR')
export class RecordFindingResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Mutation(() => FindingType, { description: 'Record a problem that an evaluation names.' })
  async recordFinding(@Args('input') { idempotencyKey, ...input }: RecordFindingInput, @CurrentRequester() requester: Requester) {
    const context = this.contexts.create(requester, 'RecordFinding', { idempotencyKey, ...input }, { concernedUnitIds: [], measures: '' });
    const findingId = await this.commands.execute(new RecordFindingCommand(input, context));
    return this.queries.execute(new GetFindingQuery(findingId));
  }
}
