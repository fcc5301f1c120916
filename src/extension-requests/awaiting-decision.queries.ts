import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { extensionRequestOut, type ExtensionRequestOut } from '../assignments/graphql/extension-request-out.js';
import { PartsAwaitingLister, type AwaitingParentNaming, type AwaitingPart, type AwaitingSource } from '../awaiting/parts-awaiting.list.js';
import { DashboardReadModel } from '../rectification/dashboard/dashboard.read-model.js';
import { RectificationLedger } from '../rectification/ledger/rectification-ledger.js';
import { Clock } from '../shared/clock.js';
import type { Connection, PageRequest } from '../shared/pagination/page.js';
import type { TimeTravel } from '../shared/time-cut.js';
import { TimeTravelCache } from '../shared/time-travel-cache.js';
import { WorkPlanLedger } from '../work-plan/breakdown/work-plan-ledger.js';
import { ExtensionsAwaitingDecisionReadModel, requestAwaitingDecisionOf } from './awaiting-decision.read-model.js';

/** One part whose unit asked for a later due date and awaits the supervisor's decision, with what the card names it by. */
export interface ExtensionAwaitingDecisionRow extends AwaitingParentNaming {
  /** The part, lit and counted on the day viewed: its due date is the one in force until the decision. */
  readonly part: AwaitingPart;
  /** The request awaiting a decision (PENDING, or LAPSED and still decidable): the date asked for, the reason, the office day it was asked on. */
  readonly request: ExtensionRequestOut;
}

export class ListExtensionsAwaitingDecisionQuery extends Query<Connection<ExtensionAwaitingDecisionRow>> {
  constructor(
    readonly page: PageRequest,
    readonly travel: TimeTravel = {},
  ) {
    super();
  }
}

const decisionRow = ({ naming, part }: AwaitingSource): ExtensionAwaitingDecisionRow => ({ ...naming, part, request: extensionRequestOut(requestAwaitingDecisionOf(part)!, part) });

/**
 * 待审批延期, one page a request: now from the ExtensionsAwaitingDecisionReadModel's sorted keys (the part due
 * soonest first), at a cut by folding only the findings and items that ever had a request (PartsAwaitingLister).
 * @throws DomainError BAD_USER_INPUT for a bad `first`, a bad time cut, or a cursor this list did not give out.
 */
@QueryHandler(ListExtensionsAwaitingDecisionQuery)
export class ListExtensionsAwaitingDecisionHandler implements IQueryHandler<ListExtensionsAwaitingDecisionQuery> {
  private readonly lister: PartsAwaitingLister;

  constructor(awaiting: ExtensionsAwaitingDecisionReadModel, findings: RectificationLedger, items: WorkPlanLedger, dashboards: DashboardReadModel, clock: Clock, travelled: TimeTravelCache) {
    this.lister = new PartsAwaitingLister('extensionsAwaitingDecision', awaiting, findings, items, dashboards, clock, travelled);
  }

  execute({ page, travel }: ListExtensionsAwaitingDecisionQuery): Promise<Connection<ExtensionAwaitingDecisionRow>> {
    return this.lister.page(page, travel, decisionRow);
  }
}
