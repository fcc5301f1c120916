import { Module } from '@nestjs/common';
import { OrganizationModule } from '../organization/organization.module.js';
import { EvaluationsReadModel } from './evaluations/evaluations.read-model.js';
import {
  GetEvaluationHandler,
  GetFindingHandler,
  ListEvaluationsHandler,
  ListFindingsHandler,
} from './evaluations/evaluations.queries.js';
import { EvaluationsResolver, FindingsResolver } from './evaluations/evaluations.resolver.js';
import { RecordFindingHandler } from './record-finding/record-finding.handler.js';
import { RecordFindingResolver } from './record-finding/record-finding.resolver.js';
import { RegisterEvaluationHandler } from './register-evaluation/register-evaluation.handler.js';
import { RegisterEvaluationResolver } from './register-evaluation/register-evaluation.resolver.js';

@Module({
  imports: [OrganizationModule],
  providers: [
    EvaluationsReadModel,
    EvaluationsResolver,
    FindingsResolver,
    ListEvaluationsHandler,
    GetEvaluationHandler,
    ListFindingsHandler,
    GetFindingHandler,
    RegisterEvaluationHandler,
    RegisterEvaluationResolver,
    RecordFindingHandler,
    RecordFindingResolver,
  ],
})
export class RectificationModule {}
