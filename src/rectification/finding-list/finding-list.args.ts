import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { TrafficLightEnum } from '../../assignments/graphql/assignment.types.js';
import type { TrafficLight } from '../../assignments/read-model/part-view.js';
import { PageArgs, connectionType } from '../../shared/graphql/connection.js';
import { CalendarDate, OptionalText } from '../../shared/graphql/validation.js';
import { withTimeCut } from '../../shared/graphql/time-cut.type.js';
import { EvaluationType, FindingStatusEnum, FindingType } from '../evaluations/evaluation.types.js';
import type { FindingFilter } from './finding-list.index.js';
import { FindingStatuses, type FindingStatus } from '../ledger/finding-status.js';

export const FindingConnectionType = connectionType(FindingType, 'Finding');
export const EvaluationConnectionType = connectionType(EvaluationType, 'Evaluation');

/** The filters of an evaluation's findings (`Evaluation.findings`), with `first` / `after`. */
@ArgsType()
export class FindingListArgs extends PageArgs implements Omit<FindingFilter, 'evaluationId'> {
  @Field(() => String, { nullable: true, description: 'Exactly this category (e.g. 主动公开)' })
  @IsOptional()
  @IsString()
  category?: string;

  @Field(() => FindingStatusEnum, { nullable: true, description: 'UNASSIGNED (待交办), OPEN (整改中) or CLOSED (已销号)' })
  @IsOptional()
  @IsIn(FindingStatuses)
  status?: FindingStatus;

  @Field(() => ID, { nullable: true, description: 'A unit the finding concerns or has a part; lights and due dates then look at that unit’s part' })
  @IsOptional()
  @IsString()
  unitId?: string;

  @Field(() => TrafficLightEnum, {
    nullable: true,
    description: 'The light today (China office day): a finding’s light is its worst unverified part’s (of unitId’s part when given)',
  })
  @IsOptional()
  @IsIn(['GREEN', 'YELLOW', 'RED'])
  light?: TrafficLight;

  @Field(() => String, { nullable: true, description: 'An unverified part is due on or after this day (YYYY-MM-DD)' })
  @IsOptional()
  @CalendarDate()
  dueFrom?: string;

  @Field(() => String, { nullable: true, description: 'An unverified part is due on or before this day (YYYY-MM-DD)' })
  @IsOptional()
  @CalendarDate()
  dueTo?: string;

  @Field(() => String, { nullable: true, description: 'Text in the title (case and full-width forms ignored); words separated by spaces must each be in it, in any order' })
  @OptionalText(100)
  titleContains?: string;
}

/** The filters of `Query.findings`: an evaluation's, or every evaluation's. */
@ArgsType()
export class FindingsArgs
  extends withTimeCut(FindingListArgs, {
    asOf: 'Statuses, parts, lights and due days as they stood that day; findings identified later are left out.',
    knownAt: 'Findings recorded later are left out.',
  })
  implements FindingFilter
{
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  evaluationId?: string;

}
