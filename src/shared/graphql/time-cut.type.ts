import { Field, ObjectType } from '@nestjs/graphql';
import type { TimeAxis } from '../time-cut.js';
import { graphqlEnum } from './enum.js';

export const TimeAxisEnum = graphqlEnum<TimeAxis>(
  ['BUSINESS_DAY', 'RECORD_TIME'],
  'TimeAxis',
  'BUSINESS_DAY: asOf, the world as it stood that day (late entries included); RECORD_TIME: knownAt, only what had been recorded by then',
);

export const AS_OF_DESCRIPTION =
  'Business day YYYY-MM-DD (China office day): the world as it stood at the end of that day, as known now, late entries included. ' +
  'An ISO instant here keeps its old meaning: knownAt = the instant, asOf = its office day.';
export const KNOWN_AT_DESCRIPTION =
  'ISO-8601 instant with offset, e.g. 2026-06-20T18:00:00+08:00: only what had been recorded by then. With asOf: what was known then about that day.';

@ObjectType('TimeCut', { description: 'Which time the answer describes: the business day viewed and the record-time cut' })
export class TimeCutType {
  @Field(() => String, { description: 'The business day viewed (YYYY-MM-DD, China office day); lights and days left count from it' })
  asOf: string;

  @Field(() => String, { nullable: true, description: 'Only facts recorded by this instant count; null: everything recorded' })
  knownAt: string | null;

  @Field(() => [TimeAxisEnum], { description: 'The axes asked for: none is the present as known now; both is bitemporal' })
  axes: TimeAxis[];
}
