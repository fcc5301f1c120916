import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Severities, type Severity } from '../domain/finding.events.js';

export const SeverityEnum = Object.fromEntries(Severities.map((severity) => [severity, severity])) as { [K in Severity]: K };
registerEnumType(SeverityEnum, { name: 'Severity' });

@ObjectType('Evaluation', { description: 'A third-party evaluation (第三方评估) of a year of work.' })
export class EvaluationType {
  @Field(() => ID, { name: 'id' })
  evaluationId: string;

  @Field(() => String)
  title: string;

  @Field(() => String, { description: 'Who evaluated, e.g. a research institute' })
  evaluator: string;

  @Field(() => String, { description: 'Who commissioned the evaluation, e.g. 国务院办公厅' })
  commissionedBy: string;

  @Field(() => String, { description: 'First day of the period evaluated (YYYY-MM-DD)' })
  periodStart: string;

  @Field(() => String, { description: 'Last day of the period evaluated (YYYY-MM-DD)' })
  periodEnd: string;

  @Field(() => String, { description: 'Day the report was received (YYYY-MM-DD)' })
  receivedOn: string;

  @Field(() => String)
  registeredAt: string;

  @Field(() => String)
  registeredBy: string;

  @Field(() => Int)
  findingCount: number;
}

@ObjectType('Finding', { description: 'One problem an evaluation names (评估发现的问题).' })
export class FindingType {
  @Field(() => ID, { name: 'id' })
  findingId: string;

  @Field(() => ID)
  evaluationId: string;

  @Field(() => String)
  title: string;

  @Field(() => String)
  description: string;

  @Field(() => String)
  category: string;

  @Field(() => SeverityEnum)
  severity: Severity;

  @Field(() => [ID], { description: 'Units the evaluation names as concerned' })
  concernedUnitIds: string[];

  @Field(() => String)
  recordedAt: string;

  @Field(() => String)
  recordedBy: string;
}
