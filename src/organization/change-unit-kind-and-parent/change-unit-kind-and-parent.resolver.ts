import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Args, Field, ID, InputType, Mutation, Resolver } from '@nestjs/graphql';
import { IsIn, IsOptional } from 'class-validator';
import { AllowRoles } from '../../access/authorization/access-policy.js';
import { CommandContextFactory } from '../../shared/command-context.factory.js';
import { IdempotentInput } from '../../shared/graphql/idempotent-input.js';
import { CurrentRequester, type Requester } from '../../shared/graphql/requester.js';
import { CalendarDate, EntityId, RequiredText } from '../../shared/graphql/validation.js';
import { UnitKinds, type UnitKind } from '../domain/unit.events.js';
import { UnitKindEnum, UnitType } from '../units/unit.type.js';
import { GetUnitQuery } from '../units/units.queries.js';
import { ChangeUnitKindAndParentCommand } from './change-unit-kind-and-parent.handler.js';

@InputType()
export class ChangeUnitKindAndParentInput extends IdempotentInput {
  @Field(() => ID)
  @EntityId()
  unitId: string;

  @Field(() => UnitKindEnum, { description: 'The unit’s kind from changedOn (市直各部门 counts DEPARTMENT units, 各区县政府 COUNTY_OR_DISTRICT ones)' })
  @IsIn(UnitKinds)
  kind: UnitKind;

  @Field(() => ID, { nullable: true, description: 'The parent unit from changedOn (各科室 counts the units under a parent); null or omitted: under no unit' })
  @IsOptional()
  @EntityId()
  parentUnitId?: string | null;

  @Field(() => String, { description: 'YYYY-MM-DD, the office day the change took effect: files read as of an earlier day count the unit by its former kind and parent. Never in the future nor before the unit’s registration' })
  @CalendarDate()
  changedOn: string;

  @Field(() => UnitKindEnum, { nullable: true, description: 'The kind as the form showed it (the web app sends it; unchecked when left out): another now is CONFLICT, nothing changed' })
  @IsOptional()
  @IsIn(UnitKinds)
  expectedKind?: UnitKind;

  @Field(() => ID, { nullable: true, description: 'The parent as the form showed it, with expectedKind (null: none)' })
  @IsOptional()
  @EntityId()
  expectedParentUnitId?: string | null;

  @Field(() => String, { description: 'Why, e.g. 青政办〔2027〕3号：第一小学划归西山县管理' })
  @RequiredText(2000)
  reason: string;
}

@Resolver(() => UnitType)
@AllowRoles('ADMIN')
export class ChangeUnitKindAndParentResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Mutation(() => UnitType, {
    description:
      'Change a unit’s kind and/or parent unit from an office day, with a reason (UnitKindAndParentChanged; 调整类型和上级单位): collective names ' +
      '(市直各部门, 各区县政府, 各科室) read as of a day on or after it count the unit by its new kind and parent, before it by the old ones. The same kind and parent ' +
      'as in force that day changes nothing. BAD_USER_INPUT: the unit as its own parent or under a unit below it, no reason, a day in the future or before a registration; ' +
      'NOT_FOUND: an unknown parent; CONFLICT: a unit merged away, or the kind and parent changed since the form read them.',
  })
  async changeUnitKindAndParent(@Args('input') input: ChangeUnitKindAndParentInput, @CurrentRequester() requester: Requester) {
    const context = this.contexts.create(requester, 'ChangeUnitKindAndParent', input);
    const expected = input.expectedKind ? { kind: input.expectedKind, parentUnitId: input.expectedParentUnitId ?? null } : undefined;
    const unitId = await this.commands.execute(new ChangeUnitKindAndParentCommand(input.unitId, input.kind, input.parentUnitId ?? null, input.changedOn, input.reason, context, expected));
    return this.queries.execute(new GetUnitQuery(unitId));
  }
}
