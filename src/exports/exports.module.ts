import { Module } from '@nestjs/common';
import { OrganizationModule } from '../organization/organization.module.js';
import { RectificationModule } from '../rectification/rectification.module.js';
import { WorkPlanModule } from '../work-plan/work-plan.module.js';
import { ExportLedgerHandler, ExportWorkPlanHandler } from './export.queries.js';
import { ExportsController } from './exports.controller.js';
import { ExportMetrics } from './export-metrics.js';

/** Excel out (issue 11): the 整改台账 and the work plan's progress as XLSX and CSV, over `GET /export/*`. */
@Module({
  imports: [OrganizationModule, RectificationModule, WorkPlanModule],
  controllers: [ExportsController],
  providers: [ExportLedgerHandler, ExportWorkPlanHandler, ExportMetrics],
})
export class ExportsModule {}
