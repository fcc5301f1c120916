import { ResolveField, Resolver } from '@nestjs/graphql';
import { AllowRoles, WORKFLOW_READERS } from '../../access/authorization/access-policy.js';
import { WorkPlanLedger } from '../../work-plan/breakdown/work-plan-ledger.js';
import { RectificationLedger } from '../ledger/rectification-ledger.js';
import type { CircularReference } from '../domain/circular.events.js';
import { CircularReferenceType } from './circular.type.js';

/**
 * What a circular cites, in words a reader knows it by: the finding's title, or the work-plan
 * item's number and title with its plan's. Read from the ledgers as they are now (a circular cites
 * a finding or an item, not a day of it).
 */
@Resolver(() => CircularReferenceType)
@AllowRoles(...WORKFLOW_READERS)
export class CircularReferencesResolver {
  constructor(
    private readonly findings: RectificationLedger,
    private readonly workPlans: WorkPlanLedger,
  ) {}

  @ResolveField(() => String, { nullable: true, description: "The finding's title, or the work-plan item's number and title (e.g. 2.3 政策解读); null if neither is known" })
  title(reference: CircularReference): string | null {
    if (reference.kind === 'FINDING') return this.findings.finding(reference.id)?.title ?? null;
    const item = this.workPlans.item(reference.id);
    return item ? `${item.code} ${item.title}` : null;
  }

  @ResolveField(() => String, { nullable: true, description: 'The title of the work plan a cited item belongs to; null for a finding' })
  planTitle(reference: CircularReference): string | null {
    if (reference.kind !== 'WORK_PLAN_ITEM') return null;
    const item = this.workPlans.item(reference.id);
    return (item && this.workPlans.plan(item.planId)?.title) ?? null;
  }
}
