import { Module } from '@nestjs/common';
import { OrganizationModule } from '../organization/organization.module.js';
import { derivedReadModelProvider, readModelProvider } from '../event-sourcing/read-model.provider.js';
import { UnitsReadModel } from '../organization/units/units.read-model.js';
import { DashboardReadModel } from './dashboard/dashboard.read-model.js';
import { CircularReferencesResolver } from './circulars/circular-references.resolver.js';
import { FindingCircularsResolver, WorkPlanItemCircularsResolver } from './circulars/cited-by.resolver.js';
import { WorkPlanModule } from '../work-plan/work-plan.module.js';
import { TimeTravelCache, timeTravelCacheProvider } from '../shared/time-travel-cache.js';
import { RectificationLedger } from './ledger/rectification-ledger.js';
import { FindingListIndex } from './finding-list/finding-list.index.js';
import { FindingTitlesIndex } from './finding-titles/finding-titles.index.js';
import { ProjectionEngine } from '../event-sourcing/projection-engine.js';
import { ProjectedStreams } from '../event-sourcing/projected-streams.js';
import {
  GetEvaluationHandler,
  GetFindingHandler,
  ListEvaluationsHandler,
  ListFindingsHandler,
} from './evaluations/evaluations.queries.js';
import { EvaluationsResolver, FindingsResolver } from './evaluations/evaluations.resolver.js';
import { HistoryEntryResolver, RecordRetractionResolver } from './evaluations/history-entry.resolver.js';
import { DashboardResolver } from './dashboard/dashboard.resolver.js';
import { GetDashboardHandler } from './dashboard/dashboard.queries.js';
import { ActOnFindingHandler } from './finding-workflow/act-on-finding.handler.js';
import { FindingWorkflowResolver } from './finding-workflow/finding-workflow.resolver.js';
import { ImportFindingsHandler } from './import-findings/import-findings.handler.js';
import { ImportFindingsResolver } from './import-findings/import-findings.resolver.js';
import { RecordFindingHandler } from './record-finding/record-finding.handler.js';
import { RecordFindingResolver } from './record-finding/record-finding.resolver.js';
import { RegisterEvaluationHandler } from './register-evaluation/register-evaluation.handler.js';
import { CorrectEvaluationReceivedOnHandler, CorrectEvaluationReceivedOnResolver } from './correct-evaluation/correct-evaluation-received-on.js';
import { RegisterEvaluationResolver } from './register-evaluation/register-evaluation.resolver.js';
import { ApproveRectificationPlanHandler } from './approve-rectification-plan/approve-rectification-plan.handler.js';
import { ApproveRectificationPlanResolver } from './approve-rectification-plan/approve-rectification-plan.resolver.js';
import { GetCircularHandler, ListCircularsHandler } from './circulars/circulars.queries.js';
import { CircularsReadModel } from './circulars/circulars.read-model.js';
import { CircularsResolver } from './circulars/circulars.resolver.js';
import { FormRectificationTeamHandler } from './form-rectification-team/form-rectification-team.handler.js';
import { FormRectificationTeamResolver } from './form-rectification-team/form-rectification-team.resolver.js';
import { CircularFactsLookUp, IssueCircularHandler } from './issue-circular/issue-circular.handler.js';
import { WithdrawCircularHandler } from './withdraw-circular/withdraw-circular.handler.js';
import { CorrectCircularHandler } from './correct-circular/correct-circular.handler.js';
import { CircularCorrectionsResolver } from './withdraw-circular/circular-corrections.resolver.js';
import { IssueCircularResolver } from './issue-circular/issue-circular.resolver.js';
import { FindingDueDateLimitResolver } from './finding-workflow/finding-due-date-limit.resolver.js';
import { GetRectificationPlanHandler, GetRectificationTeamHandler } from './rectification-setup/rectification-setup.queries.js';
import { RectificationSetupReadModel } from './rectification-setup/rectification-setup.read-model.js';
import { EvaluationSetupResolver } from './rectification-setup/rectification-setup.resolver.js';

@Module({
  imports: [OrganizationModule, WorkPlanModule],
  exports: [RectificationLedger, DashboardReadModel, TimeTravelCache],
  providers: [
    // Its findings' histories and timelines are read from the log when asked.
    derivedReadModelProvider(RectificationLedger, [ProjectedStreams]),
    derivedReadModelProvider(DashboardReadModel, [RectificationLedger, UnitsReadModel]),
    timeTravelCacheProvider,
    readModelProvider(FindingTitlesIndex),
    {
      // After the ledger: it reads the ledger's views once the ledger has applied each event.
      provide: FindingListIndex,
      inject: [ProjectionEngine, RectificationLedger],
      useFactory: (engine: ProjectionEngine, ledger: RectificationLedger) => engine.track(new FindingListIndex(ledger)),
    },
    EvaluationsResolver,
    CircularReferencesResolver,
    FindingCircularsResolver,
    WorkPlanItemCircularsResolver,
    FindingsResolver,
    HistoryEntryResolver,
    RecordRetractionResolver,
    ListEvaluationsHandler,
    GetEvaluationHandler,
    ListFindingsHandler,
    GetFindingHandler,
    RegisterEvaluationHandler,
    RegisterEvaluationResolver,
    CorrectEvaluationReceivedOnHandler,
    CorrectEvaluationReceivedOnResolver,
    RecordFindingHandler,
    ActOnFindingHandler,
    GetDashboardHandler,
    DashboardResolver,
    FindingWorkflowResolver,
    RecordFindingResolver,
    ImportFindingsHandler,
    ImportFindingsResolver,
    readModelProvider(RectificationSetupReadModel),
    EvaluationSetupResolver,
    GetRectificationTeamHandler,
    GetRectificationPlanHandler,
    FormRectificationTeamHandler,
    FormRectificationTeamResolver,
    ApproveRectificationPlanHandler,
    ApproveRectificationPlanResolver,
    readModelProvider(CircularsReadModel),
    CircularsResolver,
    ListCircularsHandler,
    GetCircularHandler,
    IssueCircularHandler,
    IssueCircularResolver,
    CircularFactsLookUp,
    WithdrawCircularHandler,
    CorrectCircularHandler,
    CircularCorrectionsResolver,
    FindingDueDateLimitResolver,
  ],
})
export class RectificationModule {}
