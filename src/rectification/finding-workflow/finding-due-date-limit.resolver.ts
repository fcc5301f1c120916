import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AllowRoles, WORKFLOW_READERS } from '../../access/authorization/access-policy.js';
import { DueDateLimitType, dueDateLimitField } from '../../assignments/graphql/due-date-limit.type.js';
import { findingDueDateLimit } from '../domain/rectification-plan.decider.js';
import { FindingType } from '../evaluations/evaluation.types.js';
import type { FindingView } from '../ledger/rectification-ledger.js';
import { RectificationSetupReadModel } from '../rectification-setup/rectification-setup.read-model.js';

/** A finding's `dueDateLimit`: the one its commands are judged by (ActOnFindingHandler, `findingDueDateLimit`). */
@Resolver(() => FindingType)
@AllowRoles(...WORKFLOW_READERS)
export class FindingDueDateLimitResolver {
  constructor(private readonly setup: RectificationSetupReadModel) {}

  @ResolveField(() => DueDateLimitType, {
    nullable: true,
    description: 'The latest due date its parts may have without a supervisor\'s override: its evaluation\'s approved rectification plan\'s inspection deadline; before one, the end of the year after it was identified',
  })
  dueDateLimit(@Parent() finding: FindingView): DueDateLimitType | null {
    return dueDateLimitField(findingDueDateLimit(this.setup.planOf(finding.evaluationId), finding.identifiedOn));
  }
}
