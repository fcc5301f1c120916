import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Args, Field, ID, InputType, Mutation, Resolver } from '@nestjs/graphql';
import { IsOptional } from 'class-validator';
import { AllowRoles } from '../../access/authorization/access-policy.js';
import { CommandContextFactory } from '../../shared/command-context.factory.js';
import { IdempotentInput } from '../../shared/graphql/idempotent-input.js';
import { CurrentRequester, type Requester } from '../../shared/graphql/requester.js';
import { CalendarDate, EntityId, RequiredText } from '../../shared/graphql/validation.js';
import { UnitType } from '../units/unit.type.js';
import { GetUnitQuery } from '../units/units.queries.js';
import { CorrectUnitRegistrationCommand } from './correct-unit-registration.handler.js';

@InputType()
export class CorrectUnitRegistrationInput extends IdempotentInput {
  @Field(() => ID)
  @EntityId()
  unitId: string;

  @Field(() => String, { description: 'YYYY-MM-DD, earlier or later than the registration day the unit has: never in the future, never after the unit’s earliest fact (a part assigned or handed over to it, a circular about it, a merge)' })
  @CalendarDate()
  registeredOn: string;

  @Field(() => String, {
    nullable: true,
    description:
      'YYYY-MM-DD, the registration day as the form showed it (the web app always sends it; optional for scripts, unchecked when left out): another day now — corrected meanwhile by another administrator — is CONFLICT naming who set which day when; nothing is changed.',
  })
  @IsOptional()
  @CalendarDate()
  expectedRegisteredOn?: string;

  @Field(() => String, { description: 'Why, e.g. 单位早已存在，补录2016年整改工作前更正登记日期' })
  @RequiredText(2000)
  reason: string;
}

@Resolver(() => UnitType)
@AllowRoles('ADMIN')
export class CorrectUnitRegistrationResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Mutation(() => UnitType, {
    description:
      'Correct the day a unit was registered, with a reason (UnitRegistrationCorrected): no work of a unit is dated before its registration, ' +
      'so a unit entered today that existed before a past campaign is corrected to an earlier day before that campaign is entered, and one registered too early ' +
      'to a later day, not after its earliest fact (BAD_USER_INPUT naming that fact and its day).',
  })
  async correctUnitRegistration(@Args('input') input: CorrectUnitRegistrationInput, @CurrentRequester() requester: Requester) {
    const context = this.contexts.create(requester, 'CorrectUnitRegistration', input);
    const unitId = await this.commands.execute(new CorrectUnitRegistrationCommand(input.unitId, input.registeredOn, input.reason, context, input.expectedRegisteredOn ?? undefined));
    return this.queries.execute(new GetUnitQuery(unitId));
  }
}
