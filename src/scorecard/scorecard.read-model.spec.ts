import fc from 'fast-check';
import { UnitsReadModel } from '../organization/units/units.read-model.js';
import { DashboardReadModel } from '../rectification/dashboard/dashboard.read-model.js';
import { StreamsInMemory } from '../event-sourcing/testing/streams-in-memory.js';
import { RectificationLedger } from '../rectification/ledger/rectification-ledger.js';
import { asWorkPlanItems, randomFindingsLog, viewDays } from '../rectification/testing/random-findings-log.js';
import { WorkPlanLedger, withPartsTakenOff } from '../work-plan/breakdown/work-plan-ledger.js';
import { WorkPlanPartsReadModel } from '../work-plan/breakdown/work-plan-parts.read-model.js';
import { buildScorecard, scorecardFromTallies } from './scorecard.js';

describe('the incremental scorecard', () => {
  it('ranks exactly as the scorecard built from every part of every finding and item, on any log and any day', () => {
    fc.assert(
      fc.property(randomFindingsLog(), randomFindingsLog(), viewDays, (findingsLog, itemsLog, today) => {
        const units = new UnitsReadModel();
        const findings = new RectificationLedger(new StreamsInMemory());
        const workPlans = new WorkPlanLedger(new StreamsInMemory());
        const findingParts = new DashboardReadModel(findings, units);
        const itemParts = new WorkPlanPartsReadModel(workPlans);
        for (const event of [...findingsLog, ...asWorkPlanItems(itemsLog)]) {
          for (const readModel of [units, findings, workPlans, findingParts, itemParts]) readModel.apply(event);
        }
        const unitName = (unitId: string) => units.get(unitId)?.name ?? unitId;
        const parts = [
          ...findings.listFindings().flatMap((finding) => [...finding.parts.values()]),
          ...workPlans.listItems().flatMap((item) => [...withPartsTakenOff(item, item.parts).values()]),
        ];
        const tallies = [findingParts.unitTallies(), itemParts.unitTallies()];
        expect(scorecardFromTallies({ tallies, unitName, today })).toEqual(buildScorecard({ parts, unitName, today }));
      }),
      { numRuns: 300 },
    );
  });
});
