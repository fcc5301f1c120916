import { Module } from '@nestjs/common';
import { RectificationModule } from '../rectification/rectification.module.js';
import { WorkPlanModule } from '../work-plan/work-plan.module.js';
import { PastDayRefolds } from './past-day-refolds.js';
import { GetUnitScorecardHandler, ScorecardResolver } from './scorecard.resolver.js';

/** Units' records across findings and work-plan items, for commendation and criticism. */
@Module({ imports: [RectificationModule, WorkPlanModule], providers: [GetUnitScorecardHandler, ScorecardResolver, PastDayRefolds] })
export class ScorecardModule {}
