import { Field, ID, InputType } from '@nestjs/graphql';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { CalendarDate, EntityId, NotReservedKey, RequiredLabel } from '../../shared/graphql/validation.js';
import { UnitKinds, type UnitKind } from '../domain/unit.events.js';
import { DistinctFromField } from '../units/distinct-from.field.js';
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

  @DistinctFromField(
    'Registered units the office confirms this is not (这是另一个单位): a name near a registered unit\'s (市发改委 beside 青川市发展和改革委员会, 市教育局 beside 青川市教育局) is refused CONFLICT with extensions.unitId, nearName and nearUnitIds unless those units are named here',
  )
  distinctFrom?: string[];
}
