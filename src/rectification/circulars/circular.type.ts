import { Field, ID, ObjectType } from '@nestjs/graphql';
import { graphqlEnum } from '../../shared/graphql/enum.js';
import { CircularKinds, CircularReferenceKinds, type CircularKind, type CircularReferenceKind } from '../domain/circular.events.js';

export const CircularKindEnum = graphqlEnum(CircularKinds, 'CircularKind', 'Commendation (表扬) or criticism (通报批评)');
export const CircularReferenceKindEnum = graphqlEnum(CircularReferenceKinds, 'CircularReferenceKind', 'What a circular cites');

@ObjectType('CircularReference', { description: 'A finding or a work-plan item that a circular cites.' })
export class CircularReferenceType {
  @Field(() => CircularReferenceKindEnum)
  kind: CircularReferenceKind;

  @Field(() => ID)
  id: string;

  // `title` and `planTitle` are resolved by CircularReferencesResolver.
}

@ObjectType('Circular', { description: 'A circular (通报) commending or criticising one unit.' })
export class CircularType {
  @Field(() => ID, { name: 'id' })
  circularId: string;

  @Field(() => CircularKindEnum)
  kind: CircularKind;

  @Field(() => String)
  title: string;

  @Field(() => String)
  reason: string;

  @Field(() => [CircularReferenceType])
  references: CircularReferenceType[];

  @Field(() => String, { description: 'YYYY-MM-DD' })
  issuedOn: string;

  @Field(() => String, { description: 'Who recorded it' })
  issuedBy: string;

  @Field(() => String, { description: 'When it was recorded (ISO-8601)' })
  issuedAt: string;
}
