import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { TimeCutType } from '../shared/graphql/time-cut.type.js';

@ObjectType('UnitScore', { description: 'A unit’s record across findings and work-plan items' })
export class UnitScoreType {
  @Field(() => Int, { description: '1 = best; units whose figures are all the same share a rank (1, 1, 3)' }) rank: number;
  @Field(() => ID) unitId: string;
  @Field(() => String) unitName: string;
  @Field(() => Int, { description: 'Parts the unit holds, and those it passed on (机构改革) after being late on its watch' }) parts: number;
  @Field(() => Int, { description: 'Parts that were due: reported, or past their due date — for a part the unit took over (机构改革), past the later of its due date and the day it came to hold it; and those it passed on late (not on time)' }) due: number;
  @Field(() => Int, { description: 'First reported (business day) on or before the due date in force that day (an extension granted before it counts; a new date given later does not)' }) onTime: number;
  @Field(() => Float, { nullable: true, description: 'onTime / due, percent' }) onTimeRate: number | null;
  @Field(() => Int, { description: 'Parts the unit holds and must act on, past the later of their due date and the day it came to hold them' }) overdue: number;
  @Field(() => Int, { description: 'Reports sent back and inspections failed' }) returned: number;
  @Field(() => Float, { nullable: true, description: 'Mean business days from assignment to verification' }) meanDaysToRemediate: number | null;
  @Field(() => TimeCutType, { description: 'The business day and record-time cut the row describes' }) time: TimeCutType;
}
