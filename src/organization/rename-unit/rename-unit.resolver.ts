import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Args, Field, ID, InputType, Mutation, Resolver } from '@nestjs/graphql';
import { AllowRoles } from '../../access/authorization/access-policy.js';
import { CommandContextFactory } from '../../shared/command-context.factory.js';
import { IdempotentInput } from '../../shared/graphql/idempotent-input.js';
import { CurrentRequester, type Requester } from '../../shared/graphql/requester.js';
import { IsOptional } from 'class-validator';
import { CalendarDate, EntityId, RequiredLabel, RequiredText } from '../../shared/graphql/validation.js';
import { DistinctFromField } from '../units/distinct-from.field.js';
import { UnitType } from '../units/unit.type.js';
import { GetUnitQuery } from '../units/units.queries.js';
import { RenameUnitCommand } from './rename-unit.handler.js';

@InputType()
export class RenameUnitInput extends IdempotentInput {
  @Field(() => ID)
  @EntityId()
  unitId: string;

  @Field(() => String, { description: 'The new official name, e.g. 青川市卫生健康委员会' })
  @RequiredLabel(100)
  name: string;

  @Field(() => String, { description: 'Why, e.g. the reorganisation document (机构改革方案)' })
  @RequiredText(2000)
  reason: string;

  @Field(() => String, {
    nullable: true,
    description: 'YYYY-MM-DD, the office day the new name took effect; omitted: today (China time). Never in the future, nor before the unit was registered or last renamed.',
  })
  @IsOptional()
  @CalendarDate()
  renamedOn?: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The unit’s name as the form showed it (the web app always sends it; optional for scripts, unchecked when left out): another name now — renamed meanwhile by another administrator — is CONFLICT naming who gave which name when; nothing is changed.',
  })
  @IsOptional()
  @RequiredLabel(100)
  expectedName?: string;

  @DistinctFromField(
    'Registered units the office confirms the renamed unit is not (这是另一个单位): a new name near another unit\'s (青川市教育体育局 beside 青川市教育局) is refused CONFLICT with extensions.unitId, nearName and nearUnitIds unless those units are named here',
  )
  distinctFrom?: string[];
}

@Resolver(() => UnitType)
@AllowRoles('ADMIN')
export class RenameUnitResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Mutation(() => UnitType, {
    description: 'Rename a unit (机构改革). It keeps its id, code, parts and history; the old name stays in formerNames and imports still resolve it.',
  })
  async renameUnit(@Args('input') input: RenameUnitInput, @CurrentRequester() requester: Requester) {
    const context = this.contexts.create(requester, 'RenameUnit', input);
    const unitId = await this.commands.execute(new RenameUnitCommand(input.unitId, input.name, input.reason, input.renamedOn, context, input.distinctFrom ?? [], input.expectedName ?? undefined));
    return this.queries.execute(new GetUnitQuery(unitId));
  }
}
