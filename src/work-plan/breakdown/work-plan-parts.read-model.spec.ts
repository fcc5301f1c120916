import fc from 'fast-check';
import { deserialize, serialize } from 'node:v8';
import { StreamsInMemory } from '../../event-sourcing/testing/streams-in-memory.js';
import { asWorkPlanItems, randomFindingsLog, UNIT_IDS, viewDays } from '../../rectification/testing/random-findings-log.js';
import { buildUnitItemWorkload } from '../../unit-workload/unit-item-workload.js';
import { WorkPlanLedger, type WorkPlanItemView, type WorkPlanView } from './work-plan-ledger.js';
import { WorkPlanPartsReadModel } from './work-plan-parts.read-model.js';

const PLAN = { planId: 'plan-2026', year: 2026, title: '2026年政务公开工作要点' } as WorkPlanView;

function project(log: ReturnType<typeof asWorkPlanItems>) {
  const streams = new StreamsInMemory();
  const ledger = new WorkPlanLedger(streams);
  const itemParts = new WorkPlanPartsReadModel(ledger);
  for (const event of log) for (const readModel of [streams, ledger, itemParts]) readModel.apply(event);
  return { streams, ledger, itemParts };
}

const workloadOf = (items: Iterable<WorkPlanItemView>, unitId: string, today: string) =>
  buildUnitItemWorkload({ items, plan: () => PLAN, unitId, today, dueSoonDays: 7 });

describe("a unit's work-plan items", () => {
  it('at a time cut, are folded from the items where the unit ever had a part, exactly as from every item', async () => {
    await fc.assert(
      fc.asyncProperty(randomFindingsLog(), viewDays, fc.nat(), fc.constantFrom(...UNIT_IDS), async (findingsLog, asOf, instant, unitId) => {
        const log = asWorkPlanItems(findingsLog);
        const { ledger, itemParts } = project(log);
        const knownAt = log.length > 0 && instant % 2 === 0 ? log[instant % log.length]!.metadata.recordedAt : null;
        const cut = { asOf, knownAt, axes: [] };
        const ever = await ledger.itemsAt(cut, null, itemParts.itemIdsEverOf(unitId));
        expect(workloadOf(ever, unitId, asOf)).toEqual(workloadOf(await ledger.itemsAt(cut, null), unitId, asOf));
      }),
      { numRuns: 200 },
    );
  });

  it('now, are the items where it ever had a part in the order defined, and keep so across a snapshot taken mid-log', () => {
    fc.assert(
      fc.property(randomFindingsLog(), fc.nat(), viewDays, fc.constantFrom(...UNIT_IDS), (findingsLog, split, today, unitId) => {
        const log = asWorkPlanItems(findingsLog);
        const at = split % (log.length + 1);
        const { streams, ledger, itemParts } = project(log.slice(0, at));
        const restored = new WorkPlanPartsReadModel(ledger);
        restored.restore(deserialize(serialize(itemParts.snapshot())));
        for (const event of log.slice(at)) for (const readModel of [streams, ledger, restored]) readModel.apply(event);
        const ever = restored.itemIdsEverOf(unitId);
        const all = ledger.listItems().map((item) => item.itemId);
        expect(ever).toEqual(all.filter((itemId) => ever.includes(itemId)));
        expect(workloadOf(ever.map((itemId) => ledger.item(itemId)!), unitId, today)).toEqual(workloadOf(ledger.listItems(), unitId, today));
      }),
      { numRuns: 200 },
    );
  });
});
