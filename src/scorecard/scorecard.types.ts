import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { TimeCutType } from '../shared/graphql/time-cut.type.js';

@ObjectType('UnitScore', { description: 'A unit’s record across findings and work-plan items' })
export class UnitScoreType {
  @Field(() => Int, { description: '1 = best; units whose figures are all the same share a rank (1, 1, 3)' }) rank: number;
  @Field(() => ID) unitId: string;
  @Field(() => String) unitName: string;
  @Field(() => Int, { description: 'Parts the unit holds, those it held a day or more and passed on (机构改革), and — as they stood on that day — those of work-plan items withdrawn or taken off it by a plan change. Each fact counts for the unit that held the part on its day (its watch)' }) parts: number;
  @Field(() => Int, { description: 'Parts that were due for it: reported on its watch, or past their due date while it owed a report — for a part the unit took over (机构改革), past the later of its due date and the day it came to hold it. A part that reached it already reported is not, unless it came back to it' }) due: number;
  @Field(() => Int, { description: 'First reported on its watch (business day) on or before the due date in force that day, never before it came to hold the part (an extension granted before it counts; a new date given later does not)' }) onTime: number;
  @Field(() => Float, { nullable: true, description: 'onTime / due, percent' }) onTimeRate: number | null;
  @Field(() => Int, { description: 'Parts the unit holds and must act on, past the later of their due date and the day it came to hold them; and those a withdrawal or a plan change took off while they were so (overdue for good)' }) overdue: number;
  @Field(() => Int, { description: 'Reports sent back and inspections failed on its watch (dated on the days it held the part)' }) returned: number;
  @Field(() => Float, { nullable: true, description: 'Mean business days from assignment — or the day it came to hold the part (机构改革) — to a verification on its watch' }) meanDaysToRemediate: number | null;
  @Field(() => TimeCutType, { description: 'The business day and record-time cut the row describes' }) time: TimeCutType;
}
