import { Field, ID, InputType } from '@nestjs/graphql';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { CalendarDate, EntityId, NotReservedKey, RequiredLabel } from '../../shared/graphql/validation.js';
import { UnitKinds, type UnitKind } from '../domain/unit.events.js';
import { UnitKindEnum } from '../units/unit.type.js';
import { IdempotentInput } from '../../shared/graphql/idempotent-input.js';

@InputType()
export class RegisterUnitInput extends IdempotentInput {
  @Field(() => String, { description: 'Letters, digits, - and _; 1–32 characters, e.g. FGW' })
  @RequiredLabel(32)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'code may only contain letters, digits, - and _' })
  @NotReservedKey()
  code: string;

  @Field(() => String)
  @RequiredLabel(100)
  name: string;

  @Field(() => UnitKindEnum)
  @IsIn(UnitKinds)
  kind: UnitKind;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @EntityId()
  parentUnitId?: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, the office day the unit was registered (e.g. when a campaign began on paper); omitted: today (China time). Never in the future.' })
  @IsOptional()
  @CalendarDate()
  registeredOn?: string;
}
