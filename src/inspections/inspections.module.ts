import { Module } from '@nestjs/common';
import { derivedReadModelProvider } from '../event-sourcing/read-model.provider.js';
import { RectificationLedger } from '../rectification/ledger/rectification-ledger.js';
import { RectificationModule } from '../rectification/rectification.module.js';
import { WorkPlanLedger } from '../work-plan/breakdown/work-plan-ledger.js';
import { WorkPlanModule } from '../work-plan/work-plan.module.js';
import { AwaitingInspectionReadModel } from './awaiting-inspection.read-model.js';
import { ListAwaitingInspectionHandler } from './awaiting-inspection.queries.js';
import { AwaitingInspectionResolver } from './awaiting-inspection.resolver.js';

/** 待现场督查: the parts of findings and of every plan's items awaiting their on-site check, one list. */
@Module({
  imports: [RectificationModule, WorkPlanModule],
  providers: [derivedReadModelProvider(AwaitingInspectionReadModel, [RectificationLedger, WorkPlanLedger]), ListAwaitingInspectionHandler, AwaitingInspectionResolver],
})
export class InspectionsModule {}
