import { PartsAwaitingReadModel } from '../awaiting/parts-awaiting.read-model.js';
import { RectificationLedger } from '../rectification/ledger/rectification-ledger.js';
import { WorkPlanLedger } from '../work-plan/breakdown/work-plan-ledger.js';

/**
 * 待现场督查 kept as events arrive: every part of a finding or work-plan item reported and awaiting its on-site
 * check (status REPORTED), most overdue first (see PartsAwaitingReadModel); the parents that ever had a
 * RectificationReported are the ones a past day folds.
 */
export class AwaitingInspectionReadModel extends PartsAwaitingReadModel {
  constructor(findings: RectificationLedger, items: WorkPlanLedger) {
    super(findings, items, { reader: 'awaiting-inspection', awaits: (part) => part.status === 'REPORTED', noted: 'RectificationReported' });
  }
}
