import { Module } from '@nestjs/common';
import { derivedReadModelProvider } from '../event-sourcing/read-model.provider.js';
import { RectificationLedger } from '../rectification/ledger/rectification-ledger.js';
import { RectificationModule } from '../rectification/rectification.module.js';
import { WorkPlanLedger } from '../work-plan/breakdown/work-plan-ledger.js';
import { WorkPlanModule } from '../work-plan/work-plan.module.js';
import { ListExtensionsAwaitingDecisionHandler } from './awaiting-decision.queries.js';
import { ExtensionsAwaitingDecisionReadModel } from './awaiting-decision.read-model.js';
import { ExtensionsAwaitingDecisionResolver } from './awaiting-decision.resolver.js';

/** 待审批延期: the extension requests of findings' and every plan's items' parts awaiting the supervisor's decision, one list. */
@Module({
  imports: [RectificationModule, WorkPlanModule],
  providers: [derivedReadModelProvider(ExtensionsAwaitingDecisionReadModel, [RectificationLedger, WorkPlanLedger]), ListExtensionsAwaitingDecisionHandler, ExtensionsAwaitingDecisionResolver],
})
export class ExtensionRequestsModule {}
