import { Module } from '@nestjs/common';
import { RectificationModule } from '../rectification/rectification.module.js';
import { WorkPlanModule } from '../work-plan/work-plan.module.js';
import { ReorganizationResolver } from './reorganization.resolver.js';
import { ReorganizeUnitHandler } from './reorganize-unit.handler.js';
import { CorrectMergeDateHandler } from './correct-merge-date.handler.js';

/**
 * 机构改革: units merged into successors and their open parts handed over, across every parent of
 * parts (findings, work-plan items). Renaming stays with the units directory (organization).
 */
@Module({
  imports: [RectificationModule, WorkPlanModule],
  providers: [ReorganizeUnitHandler, CorrectMergeDateHandler, ReorganizationResolver],
})
export class ReorganizationModule {}
