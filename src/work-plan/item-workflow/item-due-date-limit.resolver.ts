import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AllowRoles, WORKFLOW_READERS } from '../../access/authorization/access-policy.js';
import { DueDateLimitType, dueDateLimitField } from '../../assignments/graphql/due-date-limit.type.js';
import type { ItemRow } from '../breakdown/breakdown.js';
import { WorkPlanLedger } from '../breakdown/work-plan-ledger.js';
import { WorkPlanItemType } from '../breakdown/work-plan.types.js';
import { dueDateLimitOf } from '../domain/work-plan.decider.js';

/** An item's `dueDateLimit`: the one its commands are judged by (ActOnWorkPlanItemHandler, `dueDateLimitOf`). */
@Resolver(() => WorkPlanItemType)
@AllowRoles(...WORKFLOW_READERS)
export class WorkPlanItemDueDateLimitResolver {
  constructor(private readonly ledger: WorkPlanLedger) {}

  @ResolveField(() => DueDateLimitType, { nullable: true, description: 'The latest due date its parts may have without a supervisor\'s override: its work plan\'s year end; null when the plan is not known' })
  dueDateLimit(@Parent() item: ItemRow): DueDateLimitType | null {
    const plan = this.ledger.plan(item.planId);
    return plan ? dueDateLimitField(dueDateLimitOf(plan)) : null;
  }
}
