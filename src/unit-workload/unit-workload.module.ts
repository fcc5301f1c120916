import { Module } from '@nestjs/common';
import { RectificationModule } from '../rectification/rectification.module.js';
import { WorkPlanModule } from '../work-plan/work-plan.module.js';
import { GetUnitWorkloadHandler } from './unit-workload.queries.js';
import { UnitWorkloadResolver } from './unit-workload.resolver.js';

/** A unit's 我的任务: its open parts of findings and of every work plan's items, and one inbox of reminders about both. */
@Module({ imports: [RectificationModule, WorkPlanModule], providers: [GetUnitWorkloadHandler, UnitWorkloadResolver] })
export class UnitWorkloadModule {}
