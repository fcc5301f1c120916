import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Args, Field, ID, InputType, Mutation, Resolver } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';
import { AllowRoles } from '../../access/authorization/access-policy.js';
import { CommandContextFactory } from '../../shared/command-context.factory.js';
import { IdempotentInput } from '../../shared/graphql/idempotent-input.js';
import { CurrentRequester, type Requester } from '../../shared/graphql/requester.js';
import { EntityId, RequiredLabel } from '../../shared/graphql/validation.js';
import { MAX_UNIT_NAME_CHARS } from '../../spreadsheet/cells.js';
import { UnitType } from '../units/unit.type.js';
import { GetUnitQuery } from '../units/units.queries.js';
import { RecordUnitOtherNamesCommand, RemoveUnitOtherNameCommand } from './unit-other-names.handler.js';

@InputType()
export class RecordUnitOtherNamesInput extends IdempotentInput {
  @Field(() => ID)
  @EntityId()
  unitId: string;

  @Field(() => [String], { nullable: true, description: '简称: short names the office writes for the unit, e.g. 市大数据局 for 青川市政务服务和大数据管理局' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(MAX_UNIT_NAME_CHARS, { each: true, message: 'each name must be at most $constraint1 characters long' })
  shortNames?: string[];

  @Field(() => [String], {
    nullable: true,
    description: '曾用名 without a rename day: names the unit had before it was registered here (青川市环境保护局 for 青川市生态环境局); read as the unit on every day. A rename with its day is renameUnit.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(MAX_UNIT_NAME_CHARS, { each: true, message: 'each name must be at most $constraint1 characters long' })
  earlierNames?: string[];
}

@InputType()
export class RemoveUnitOtherNameInput extends IdempotentInput {
  @Field(() => ID)
  @EntityId()
  unitId: string;

  @Field(() => String, { description: 'The recorded 简称 or 曾用名 to take off the unit' })
  @RequiredLabel(MAX_UNIT_NAME_CHARS)
  name: string;
}

@Resolver(() => UnitType)
@AllowRoles('ADMIN')
export class UnitOtherNamesResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Mutation(() => UnitType, {
    description:
      'Record a unit’s 简称 and 曾用名 without a rename day (UnitOtherNamesRecorded): plan, findings and 台账 imports read each exactly as the unit, with a notice. ' +
      'Names the unit already answers to are left as they are (nothing recorded twice). CONFLICT, nothing recorded, when a name is another unit’s name, former name, 简称 or 曾用名 (extensions.unitId: that unit).',
  })
  async recordUnitOtherNames(@Args('input') input: RecordUnitOtherNamesInput, @CurrentRequester() requester: Requester) {
    const context = this.contexts.create(requester, 'RecordUnitOtherNames', input);
    const names = [
      ...(input.shortNames ?? []).map((name) => ({ name, kind: 'SHORT_NAME' as const })),
      ...(input.earlierNames ?? []).map((name) => ({ name, kind: 'EARLIER_NAME' as const })),
    ];
    const unitId = await this.commands.execute(new RecordUnitOtherNamesCommand(input.unitId, names, context));
    return this.queries.execute(new GetUnitQuery(unitId));
  }

  @Mutation(() => UnitType, {
    description: 'Take a wrongly recorded 简称 or 曾用名 off a unit (UnitOtherNameRemoved): files using it no longer read as the unit. BAD_USER_INPUT when it is not one of the unit’s recorded other names (a rename’s former name stays).',
  })
  async removeUnitOtherName(@Args('input') input: RemoveUnitOtherNameInput, @CurrentRequester() requester: Requester) {
    const context = this.contexts.create(requester, 'RemoveUnitOtherName', input);
    const unitId = await this.commands.execute(new RemoveUnitOtherNameCommand(input.unitId, input.name, context));
    return this.queries.execute(new GetUnitQuery(unitId));
  }
}
