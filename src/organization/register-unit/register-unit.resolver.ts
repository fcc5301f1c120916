import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { AllowRoles } from '../../access/authorization/access-policy.js';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CommandContextFactory } from '../../shared/command-context.factory.js';
import { CurrentRequester, type Requester } from '../../shared/graphql/requester.js';
import { GetUnitQuery } from '../units/units.queries.js';
import { UnitType } from '../units/unit.type.js';
import { RegisterUnitCommand } from './register-unit.handler.js';
import { RegisterUnitInput } from './register-unit.input.js';

@Resolver(() => UnitType)
@AllowRoles('ADMIN')
export class RegisterUnitResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Mutation(() => UnitType, { description: 'Add a unit to the directory. Its code must be unused.' })
  async registerUnit(@Args('input') { idempotencyKey, ...input }: RegisterUnitInput, @CurrentRequester() requester: Requester) {
    const context = this.contexts.create(requester, 'RegisterUnit', { idempotencyKey, ...input });
    const unitId = await this.commands.execute(new RegisterUnitCommand(input, context));
    return this.queries.execute(new GetUnitQuery(unitId));
  }
}
