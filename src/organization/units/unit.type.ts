import { Field, ID, ObjectType } from '@nestjs/graphql';
import { graphqlEnum } from '../../shared/graphql/enum.js';
import { UnitKinds, type UnitKind } from '../domain/unit.events.js';

export const UnitKindEnum = graphqlEnum(UnitKinds, 'UnitKind', 'General office, department, county/district government, …');

@ObjectType('Unit', { description: 'A government unit (单位) that can be concerned by findings and assigned work.' })
export class UnitType {
  @Field(() => ID)
  id: string;

  @Field(() => String, { description: 'Short stable code, e.g. FGW' })
  code: string;

  @Field(() => String, { description: 'Official name, e.g. 市发展和改革委员会' })
  name: string;

  @Field(() => UnitKindEnum)
  kind: UnitKind;

  @Field(() => ID, { nullable: true })
  parentUnitId: string | null;

  @Field(() => String, { description: 'YYYY-MM-DD, the office day the unit was registered (business time); nothing is assigned to it before' })
  registeredOn: string;

  @Field(() => String, { description: 'When the registration was recorded (ISO-8601 instant)' })
  registeredAt: string;

  @Field(() => [String], { description: 'Names before renames (机构改革), oldest first; files may still use them' })
  formerNames: readonly string[];

  @Field(() => [String], { description: '简称 the office recorded for the unit (市大数据局): imports read each as the unit' })
  shortNames: readonly string[];

  @Field(() => [String], { description: '曾用名 the office recorded without a rename day (names before the unit was registered here): read as the unit on every day' })
  earlierNames: readonly string[];

  @Field(() => ID, { nullable: true, description: 'The unit this one was merged into; null while it stands on its own' })
  mergedIntoUnitId: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, the office day of that merge (business time): work dated before it was this unit’s; null while it stands' })
  mergedOn: string | null;
}
