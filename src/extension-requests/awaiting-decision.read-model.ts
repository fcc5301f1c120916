import { decisionWindow } from '../assignments/domain/assignment.decider.js';
import type { ExtensionRequestView, PartView } from '../assignments/read-model/part-view.js';
import { PartsAwaitingReadModel } from '../awaiting/parts-awaiting.read-model.js';
import { RectificationLedger } from '../rectification/ledger/rectification-ledger.js';
import { WorkPlanLedger } from '../work-plan/breakdown/work-plan-ledger.js';

/**
 * The part's extension request awaiting the supervisor's decision (审批), if any: the PENDING one (at most one is pending at a
 * time), else the earliest asked of those that LAPSED undecided (the part verified since) and still take the paper's decision
 * (`decisionWindow`: dated up to the pass) — the ones the card offers 审批延期 for (newcomer54-8 M1).
 */
export const requestAwaitingDecisionOf = (part: Pick<PartView, 'extensionRequests' | 'inspections'>): ExtensionRequestView | undefined =>
  part.extensionRequests.find((request) => request.status === 'PENDING') ??
  [...part.extensionRequests]
    .filter((request) => request.status === 'LAPSED' && decisionWindow(request, part.inspections) !== undefined)
    .sort((a, b) => (a.requestedOn < b.requestedOn ? -1 : a.requestedOn > b.requestedOn ? 1 : a.requestedAt < b.requestedAt ? -1 : 1))[0];

/**
 * 待审批延期 kept as events arrive (newcomer36 S11: a unit's request was found only by opening its very finding or
 * item, while the part's old due date ran out): every part of a finding or work-plan item whose extension request
 * awaits a decision, the part due soonest first (see PartsAwaitingReadModel); the parents that ever had an
 * ExtensionRequested are the ones a past day folds.
 */
export class ExtensionsAwaitingDecisionReadModel extends PartsAwaitingReadModel {
  constructor(findings: RectificationLedger, items: WorkPlanLedger) {
    super(findings, items, { reader: 'extensions-awaiting-decision', awaits: (part) => requestAwaitingDecisionOf(part) !== undefined, noted: 'ExtensionRequested' });
  }
}
