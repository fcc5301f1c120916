import { Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ConfigService } from '@nestjs/config';
import { QueryBus } from '@nestjs/cqrs';
import type { AppSettings } from '../../config/app-settings.js';
import { GetUnitQuery } from '../../organization/units/units.queries.js';
import { UnitType } from '../../organization/units/unit.type.js';
import { Clock } from '../../shared/clock.js';
import { daysLeft, trafficLight, type PartView } from '../read-model/part-view.js';
import { AssignmentType, TrafficLightEnum } from './assignment.types.js';

@Resolver(() => AssignmentType)
export class AssignmentResolver {
  constructor(
    private readonly queries: QueryBus,
    private readonly clock: Clock,
    private readonly config: ConfigService<AppSettings, true>,
  ) {}

  @ResolveField(() => UnitType)
  unit(@Parent() part: PartView) {
    return this.queries.execute(new GetUnitQuery(part.unitId));
  }

  @ResolveField(() => TrafficLightEnum, { nullable: true, description: 'None once verified' })
  trafficLight(@Parent() part: PartView) {
    return trafficLight(part, this.clock.now().toISOString(), this.config.get('DUE_SOON_DAYS', { infer: true }));
  }

  @ResolveField(() => Int, { description: 'Days until due on the office calendar; negative when overdue' })
  daysLeft(@Parent() part: PartView) {
    return daysLeft(part, this.clock.now().toISOString());
  }
}
