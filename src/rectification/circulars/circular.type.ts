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

@ObjectType('CircularWithdrawal', { description: '撤回通报: a circular issued by mistake, taken back (newcomer26 S9).' })
export class CircularWithdrawalType {
  @Field(() => String, { description: 'YYYY-MM-DD, the office day it was withdrawn: from then on it counts nowhere' })
  withdrawnOn: string;

  @Field(() => String, { description: 'When the withdrawal was recorded (ISO-8601, UTC)' })
  withdrawnAt: string;

  @Field(() => String, { description: 'Why (撤回理由)' })
  reason: string;
}

@ObjectType('CircularCorrection', { description: '更正通报: what a circular read before a correction of its 发文日期 or 文号.' })
export class CircularCorrectionType {
  @Field(() => String, { description: 'YYYY-MM-DD, its issue day before the correction' })
  previousIssuedOn: string;

  @Field(() => String, { nullable: true, description: 'Its 文号 before the correction; null: none' })
  previousDocumentNumber: string | null;

  @Field(() => String, { description: 'YYYY-MM-DD, the office day of the correction' })
  correctedOn: string;

  @Field(() => String, { description: 'When the correction was recorded (ISO-8601, UTC)' })
  correctedAt: string;

  @Field(() => String)
  reason: string;
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

  @Field(() => String, { description: 'YYYY-MM-DD, as corrected (更正通报)' })
  issuedOn: string;

  @Field(() => String, { nullable: true, description: '文号 (document number), as corrected; null: none given' })
  documentNumber: string | null;

  @Field(() => CircularWithdrawalType, {
    nullable: true,
    description: '撤回通报: when and why it was taken back; null while it stands. It stays listed; a view of a day before withdrawnOn (or known before withdrawnAt) reads it as standing',
  })
  withdrawal: CircularWithdrawalType | null;

  @Field(() => [CircularCorrectionType], { description: 'Its corrections (更正通报), oldest first' })
  corrections: CircularCorrectionType[];

  @Field(() => String, { description: 'Who recorded it' })
  issuedBy: string;

  @Field(() => String, { description: 'When it was recorded (ISO-8601)' })
  issuedAt: string;
}
