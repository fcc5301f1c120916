import type { ExtensionRequestView, PartView } from '../assignments/read-model/part-view.js';
import { PartsAwaitingReadModel } from '../awaiting/parts-awaiting.read-model.js';
import { RectificationLedger } from '../rectification/ledger/rectification-ledger.js';
import { WorkPlanLedger } from '../work-plan/breakdown/work-plan-ledger.js';

/** The part's extension request awaiting the supervisor's decision (审批), if any: at most one is pending at a time. */
export const pendingRequestOf = (part: PartView): ExtensionRequestView | undefined => part.extensionRequests.find((request) => request.status === 'PENDING');

/**
 * 待审批延期 kept as events arrive (newcomer36 S11: a unit's request was found only by opening its very finding or
 * item, while the part's old due date ran out): every part of a finding or work-plan item whose extension request
 * awaits a decision, the part due soonest first (see PartsAwaitingReadModel); the parents that ever had an
 * ExtensionRequested are the ones a past day folds.
 */
export class ExtensionsAwaitingDecisionReadModel extends PartsAwaitingReadModel {
  constructor(findings: RectificationLedger, items: WorkPlanLedger) {
    super(findings, items, { reader: 'extensions-awaiting-decision', awaits: (part) => pendingRequestOf(part) !== undefined, noted: 'ExtensionRequested' });
  }
}
