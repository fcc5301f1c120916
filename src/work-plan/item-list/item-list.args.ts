import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsBoolean, IsIn, IsOptional, IsString } from 'class-validator';
import { PartStatusEnum, TrafficLightEnum } from '../../assignments/graphql/assignment.types.js';
import type { PartStatus, TrafficLight } from '../../assignments/read-model/part-view.js';
import { PageArgs, connectionType } from '../../shared/graphql/connection.js';
import { OptionalText } from '../../shared/graphql/validation.js';
import { withTimeCut } from '../../shared/graphql/time-cut.type.js';
import { WorkPlanItemType } from '../breakdown/work-plan.types.js';
import type { ItemFilter } from './item-list.js';

export const WorkPlanItemConnectionType = connectionType(WorkPlanItemType, 'WorkPlanItem');

/** `workPlanItems`: one plan's items a page at a time, narrowed by category, unit, light or part status. */
@ArgsType()
export class WorkPlanItemsArgs extends withTimeCut(PageArgs) implements ItemFilter {
  @Field(() => ID)
  @IsString()
  planId: string;

  @Field(() => String, { nullable: true, description: 'Only the items of this category (大项), by its code (一, 二…)' })
  @OptionalText(50)
  categoryCode?: string;

  @Field(() => ID, { nullable: true, description: 'Only items where this unit has a part, each with only that part (as workPlan(unitId))' })
  @IsOptional()
  @IsString()
  unitId?: string;

  @Field(() => TrafficLightEnum, { nullable: true, description: 'The item’s light on the day viewed (its worst open part’s)' })
  @IsOptional()
  @IsIn(['GREEN', 'YELLOW', 'RED'])
  light?: TrafficLight;

  @Field(() => PartStatusEnum, { nullable: true, description: 'Items with at least one part in this status (REPORTED: waiting for an on-site check)' })
  @IsOptional()
  @IsIn(['ASSIGNED', 'REPORTED', 'VERIFIED', 'RETURNED'])
  partStatus?: PartStatus;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only the items withdrawn from the plan by the day viewed (records, in no roll-up, with withdrawnOn and withdrawalReason); absent or false: the items in the plan',
  })
  @IsOptional()
  @IsBoolean()
  withdrawn?: boolean;

}
