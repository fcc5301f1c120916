import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { AllowRoles } from '../../access/authorization/access-policy.js';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CommandContextFactory } from '../../shared/command-context.factory.js';
import { CurrentRequester, type Requester } from '../../shared/graphql/requester.js';
import { CircularType } from '../circulars/circular.type.js';
import { GetCircularQuery } from '../circulars/circulars.queries.js';
import { IssueCircularCommand } from './issue-circular.handler.js';
import { IssueCircularInput } from './issue-circular.input.js';

@Resolver(() => CircularType)
@AllowRoles('SUPERVISOR')
export class IssueCircularResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Mutation(() => CircularType, { description: 'Issue a circular (通报) commending or criticising a unit.' })
  async issueCircular(@Args('input') { idempotencyKey, ...input }: IssueCircularInput, @CurrentRequester() requester: Requester) {
    const context = this.contexts.create(requester, 'IssueCircular', { idempotencyKey, ...input });
    const circularId = await this.commands.execute(new IssueCircularCommand(input, context));
    return this.queries.execute(new GetCircularQuery(circularId));
  }
}
