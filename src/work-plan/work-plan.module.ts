import { Module } from '@nestjs/common';
import { derivedReadModelProvider } from '../event-sourcing/read-model.provider.js';
import { ProjectedStreams } from '../event-sourcing/projected-streams.js';
import { WorkPlanPartsReadModel } from './breakdown/work-plan-parts.read-model.js';
import { WorkPlanLedger } from './breakdown/work-plan-ledger.js';
import { BreakdownsNow, GetWorkPlanHandler, GetWorkPlanItemHandler, ListWorkPlansHandler } from './breakdown/work-plan.queries.js';
import { WorkPlanItemResolver, WorkPlanResolver } from './breakdown/work-plan.resolver.js';
import { WorkPlanItemDueDateLimitResolver } from './item-workflow/item-due-date-limit.resolver.js';
import { CorrectPlanApprovalHandler } from './correct-plan-approval/correct-plan-approval.handler.js';
import { CorrectPlanApprovalResolver } from './correct-plan-approval/correct-plan-approval.resolver.js';
import { CorrectPlanImportDateHandler } from './correct-plan-import-date/correct-plan-import-date.handler.js';
import { CorrectPlanImportDateResolver } from './correct-plan-import-date/correct-plan-import-date.resolver.js';
import { ImportSlices } from './import-work-plan/import-slices.js';
import { ImportWorkPlanHandler } from './import-work-plan/import-work-plan.handler.js';
import { ImportWorkPlanResolver } from './import-work-plan/import-work-plan.resolver.js';
import { ActOnWorkPlanItemHandler } from './item-workflow/act-on-work-plan-item.handler.js';
import { WorkPlanItemWorkflowResolver } from './item-workflow/item-workflow.resolver.js';
import { ListWorkPlanItemsHandler } from './item-list/item-list.queries.js';
import { WorkPlanItemListResolver } from './item-list/item-list.resolver.js';
import { AddWorkPlanItemHandler } from './revise-plan/add-work-plan-item.handler.js';

/** The year's work-plan breakdown (分解方案): import, items' lifecycle, roll-ups. */
@Module({
  providers: [
    derivedReadModelProvider(WorkPlanLedger, [ProjectedStreams]),
    derivedReadModelProvider(WorkPlanPartsReadModel, [WorkPlanLedger]),
    BreakdownsNow,
    ListWorkPlansHandler,
    GetWorkPlanHandler,
    GetWorkPlanItemHandler,
    WorkPlanResolver,
    WorkPlanItemResolver,
    WorkPlanItemDueDateLimitResolver,
    ListWorkPlanItemsHandler,
    WorkPlanItemListResolver,
    ActOnWorkPlanItemHandler,
    WorkPlanItemWorkflowResolver,
    ImportWorkPlanHandler,
    ImportSlices,
    ImportWorkPlanResolver,
    AddWorkPlanItemHandler,
    CorrectPlanApprovalHandler,
    CorrectPlanApprovalResolver,
    CorrectPlanImportDateHandler,
    CorrectPlanImportDateResolver,
  ],
  exports: [WorkPlanLedger, WorkPlanPartsReadModel],
})
export class WorkPlanModule {}
