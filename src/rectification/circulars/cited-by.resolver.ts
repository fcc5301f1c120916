import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AllowRoles, WORKFLOW_READERS, mayReadUnitDetails } from '../../access/authorization/access-policy.js';
import type { GraphqlContext } from '../../access/authorization/graphql-context.js';
import type { TimeCut } from '../../shared/time-cut.js';
import type { ItemRow } from '../../work-plan/breakdown/breakdown.js';
import { WorkPlanItemType } from '../../work-plan/breakdown/work-plan.types.js';
import type { CircularReference } from '../domain/circular.events.js';
import { FindingType } from '../evaluations/evaluation.types.js';
import type { FindingView } from '../ledger/rectification-ledger.js';
import { CircularType } from './circular.type.js';
import { CircularsReadModel, type CircularView } from './circulars.read-model.js';

const CITED_BY = 'The circulars (通报) that cite it, newest first; as of a past day or as known then when the parent is; a unit user: its own unit’s only, as in circulars';

/**
 * The circulars that cite a finding or a work-plan item, for its page to list beside it: what it
 * led to (a commendation, a criticism). A parent read at a cut (asOf / knownAt) lists those issued
 * by that day and recorded by that instant. A unit user reads only its own unit's circulars, as
 * `circulars` answers it.
 */
function citing(circulars: CircularsReadModel, reference: CircularReference, time: TimeCut | undefined, context: GraphqlContext): readonly CircularView[] {
  const cited = circulars.citing(reference, { ...(time ? { issuedTo: time.asOf } : {}), ...(time?.knownAt ? { recordedBy: time.knownAt } : {}) });
  const actor = context.actor;
  return actor ? cited.filter((circular) => mayReadUnitDetails(actor, circular.unitId)) : cited;
}

@Resolver(() => FindingType)
@AllowRoles(...WORKFLOW_READERS)
export class FindingCircularsResolver {
  constructor(private readonly readModel: CircularsReadModel) {}

  @ResolveField(() => [CircularType], { description: CITED_BY })
  circulars(@Parent() finding: FindingView & { time?: TimeCut }, @Context() context: GraphqlContext): readonly CircularView[] {
    return citing(this.readModel, { kind: 'FINDING', id: finding.findingId }, finding.time, context);
  }
}

@Resolver(() => WorkPlanItemType)
@AllowRoles(...WORKFLOW_READERS)
export class WorkPlanItemCircularsResolver {
  constructor(private readonly readModel: CircularsReadModel) {}

  @ResolveField(() => [CircularType], { description: CITED_BY })
  circulars(@Parent() item: ItemRow & { time?: TimeCut }, @Context() context: GraphqlContext): readonly CircularView[] {
    return citing(this.readModel, { kind: 'WORK_PLAN_ITEM', id: item.itemId }, item.time, context);
  }
}
