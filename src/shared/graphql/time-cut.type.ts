import type { Type } from '@nestjs/common';
import { ArgsType, Field, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString } from 'class-validator';
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

/** The two time-cut arguments a list query takes beside its own (`asOf`, `knownAt`), both optional texts. */
export interface TimeCutArgs {
  asOf?: string;
  knownAt?: string;
}

/**
 * `base`'s arguments (e.g. `PageArgs` or a list's filters) followed by `asOf` and `knownAt`, described as
 * everywhere (AS_OF_DESCRIPTION, KNOWN_AT_DESCRIPTION) plus what the list adds (`says`: what the cut does
 * to this list, appended after a space). The texts are checked where they are read (time-cut.ts parses them
 * and refuses with BAD_USER_INPUT in Chinese), so here they are only optional strings.
 */
export function withTimeCut<Base extends Type<object>>(base: Base, says: { asOf?: string; knownAt?: string } = {}): Type<InstanceType<Base> & TimeCutArgs> {
  @ArgsType()
  class TimeCutPageArgs extends base implements TimeCutArgs {
    @Field(() => String, { nullable: true, description: [AS_OF_DESCRIPTION, says.asOf].filter(Boolean).join(' ') })
    @IsOptional()
    @IsString()
    asOf?: string;

    @Field(() => String, { nullable: true, description: [KNOWN_AT_DESCRIPTION, says.knownAt].filter(Boolean).join(' ') })
    @IsOptional()
    @IsString()
    knownAt?: string;
  }
  return TimeCutPageArgs as unknown as Type<InstanceType<Base> & TimeCutArgs>;
}
