import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { AllowRoles } from '../../access/authorization/access-policy.js';
import { CommandContextFactory } from '../../shared/command-context.factory.js';
import { CurrentRequester, type Requester } from '../../shared/graphql/requester.js';
import { CircularType } from '../circulars/circular.type.js';
import { GetCircularQuery } from '../circulars/circulars.queries.js';
import { CorrectCircularCommand } from '../correct-circular/correct-circular.handler.js';
import { CorrectCircularInput } from '../correct-circular/correct-circular.input.js';
import { WithdrawCircularCommand } from './withdraw-circular.handler.js';
import { WithdrawCircularInput } from './withdraw-circular.input.js';

/** A circular issued by mistake: taken back (撤回通报) or its day and 文号 corrected (更正通报), newcomer26 S9. */
@Resolver(() => CircularType)
@AllowRoles('SUPERVISOR')
export class CircularCorrectionsResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Mutation(() => CircularType, {
    description: '撤回通报: a supervisor takes back a circular issued by mistake (the wrong unit, never printed), with a reason. It stays listed, marked withdrawn; from its withdrawal day it counts nowhere. Refused CONFLICT when already withdrawn.',
  })
  async withdrawCircular(@Args('input') { idempotencyKey, ...input }: WithdrawCircularInput, @CurrentRequester() requester: Requester) {
    const context = this.contexts.create(requester, 'WithdrawCircular', { idempotencyKey, ...input });
    const circularId = await this.commands.execute(new WithdrawCircularCommand(input, context));
    return this.queries.execute(new GetCircularQuery(circularId));
  }

  @Mutation(() => CircularType, {
    description: '更正通报: a supervisor corrects a circular\'s 发文日期 and/or 文号 typed wrong, with a reason; the circular keeps what it read before (corrections). A new day is judged as issuing on it. Refused CONFLICT for a withdrawn circular.',
  })
  async correctCircular(@Args('input') { idempotencyKey, ...input }: CorrectCircularInput, @CurrentRequester() requester: Requester) {
    const context = this.contexts.create(requester, 'CorrectCircular', { idempotencyKey, ...input });
    const circularId = await this.commands.execute(new CorrectCircularCommand(input, context));
    return this.queries.execute(new GetCircularQuery(circularId));
  }
}
