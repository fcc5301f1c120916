import fc from 'fast-check';
import { deserialize, serialize } from 'node:v8';
import type { Projection, RecordedEvent } from '../../event-sourcing/recorded-event.js';
import { StreamsInMemory } from '../../event-sourcing/testing/streams-in-memory.js';
import { RectificationLedger } from '../../rectification/ledger/rectification-ledger.js';
import { randomFindingsLog } from '../../rectification/testing/random-findings-log.js';
import { BY_DATE } from '../../shared/deadline.js';
import { WorkPlanLedger } from '../../work-plan/breakdown/work-plan-ledger.js';
import { PLAN_DAYS, planInserts, planLogOf } from '../../work-plan/testing/random-plan-log.js';
import type { AssignmentEvent } from '../domain/assignment.events.js';
import { applyAssignmentEvent, NO_RECORDS, type PartView } from './part-view.js';
import type { TimelineEntry } from './timeline.js';

/*
 * Issue 12, lever 1 (perf53): a part keeps no array of its own for a kind of record it has none of — its reports, inspections,
 * extension requests, urgings, returns, earlier holders, an inspection's corrections all share one frozen empty list
 * (`NO_RECORDS`) until a record comes — and a ledger restored from a snapshot shares them again. What a reader sees must not
 * change: the same records on the same part, never one part's record on another, the same views after a restart.
 */

const runs = { numRuns: Number(process.env.AGREEMENT_RUNS ?? 120), seed: Number(process.env.AGREEMENT_SEED ?? 20261207) };

let revision = 0;
const entry = (type: string, data: Record<string, unknown>, occurredOn: string): TimelineEntry<AssignmentEvent> =>
  ({ id: `e${++revision}`, streamId: 'finding-f', revision, type, schemaVersion: 1, data, occurredOn, metadata: { recordedAt: `2026-05-${String(revision).padStart(2, '0')}T01:00:00.000Z`, actorId: 'li.na' } }) as unknown as TimelineEntry<AssignmentEvent>;

/** Every part the ledgers' own fields hold (a finding's or item's, withdrawn or taken off, and the joined records' parts). */
function* partsIn(state: Record<string, unknown>): Generator<PartView> {
  const parentsOf = (state.findings ?? state.items) as Map<string, { parts: Map<string, PartView>; partsWhenWithdrawn?: Map<string, PartView> | null; removedParts?: Map<string, { part: PartView }>; partsAsWithdrawn?: Map<string, PartView> }>;
  const withJoined = function* (part: PartView): Generator<PartView> {
    yield part;
    for (const record of part.joined ?? []) if (record.part) yield* withJoined(record.part);
  };
  for (const parent of parentsOf.values()) {
    for (const part of [...parent.parts.values(), ...(parent.partsWhenWithdrawn?.values() ?? []), ...[...(parent.removedParts?.values() ?? [])].map(({ part }) => part), ...(parent.partsAsWithdrawn?.values() ?? [])]) yield* withJoined(part);
  }
}

const LISTS = ['reports', 'inspections', 'extensionRequests', 'urges', 'returns', 'heldBefore', 'passedOn'] as const;

function project() {
  const streams = new StreamsInMemory();
  const findings = new RectificationLedger(streams);
  const workPlans = new WorkPlanLedger(streams);
  const all: Projection[] = [streams, findings, workPlans];
  const feed = async (events: readonly RecordedEvent[]) => {
    for (const event of events) {
      for (const readModel of all) readModel.apply(event);
      for (const readModel of all) await readModel.settle?.();
    }
  };
  return { streams, findings, workPlans, feed };
}

describe('parts share one empty list for what they have none of (issue 12 lever 1, perf53)', () => {
  it('adds a record to its own part’s list only, the others and the shared one staying empty', () => {
    const parts = new Map<string, PartView>();
    applyAssignmentEvent(parts, entry('UnitAssigned', { unitId: 'czj', role: 'LEAD', dueDate: '2026-06-01', assignedOn: '2026-05-01' }, '2026-05-01'));
    applyAssignmentEvent(parts, entry('UnitAssigned', { unitId: 'fgw', role: 'RESPONSIBLE', dueDate: '2026-06-01', assignedOn: '2026-05-01' }, '2026-05-01'));
    const [czj, fgw] = [parts.get('czj')!, parts.get('fgw')!];
    for (const key of LISTS) expect([czj[key], fgw[key]]).toEqual([NO_RECORDS, NO_RECORDS]);
    for (const key of LISTS) expect([(czj[key] as unknown) === NO_RECORDS, (fgw[key] as unknown) === NO_RECORDS]).toEqual([true, true]);

    applyAssignmentEvent(parts, entry('RectificationReported', { unitId: 'czj', summary: '已整改', evidence: [], reportedOn: '2026-05-03' }, '2026-05-03'));
    applyAssignmentEvent(parts, entry('InspectionLogged', { unitId: 'czj', inspectionId: 'i1', outcome: 'FAILED', notes: '未到位', inspectedOn: '2026-05-04', place: '现场' }, '2026-05-04'));
    applyAssignmentEvent(parts, entry('UnitUrged', { unitId: 'fgw', message: '请抓紧' }, '2026-05-05'));
    applyAssignmentEvent(parts, entry('ExtensionRequested', { unitId: 'fgw', requestId: 'r1', requestedDueDate: '2026-07-01', reason: '协调', requestedOn: '2026-05-06' }, '2026-05-06'));

    expect(czj.reports.map((report) => report.summary)).toEqual(['已整改']);
    expect(czj.returns.map((returned) => returned.reason)).toEqual(['未到位']);
    expect(czj.urges).toBe(NO_RECORDS);
    expect(czj.extensionRequests).toBe(NO_RECORDS);
    expect(fgw.reports).toBe(NO_RECORDS);
    expect(fgw.inspections).toBe(NO_RECORDS);
    expect(fgw.urges.map((urge) => urge.message)).toEqual(['请抓紧']);
    expect(fgw.extensionRequests.map((request) => request.requestId)).toEqual(['r1']);
    expect(NO_RECORDS).toEqual([]);
    // An inspection keeps no copy of its unit's id (the part's), and shares the empty corrections.
    expect(czj.inspections[0]).not.toHaveProperty('unitId');
    expect(czj.inspections[0]!.corrections).toBe(NO_RECORDS);
  });

  it('restored from a snapshot, a ledger shares the empty lists again and folds on to the views it would have had, on any history', async () => {
    let restoredParts = 0;
    await fc.assert(
      fc.asyncProperty(randomFindingsLog(), randomFindingsLog(), fc.nat(PLAN_DAYS.length - 1), planInserts, fc.nat(100), async (findingsLog, itemsLog, approvedOn, put, cut) => {
        const log = planLogOf(findingsLog, itemsLog, approvedOn, put);
        const at = Math.floor((log.length * cut) / 100);
        const live = project();
        await live.feed(log);
        const first = project();
        await first.feed(log.slice(0, at));
        const restarted = project();
        for (const event of log.slice(0, at)) restarted.streams.apply(event);
        for (const name of ['findings', 'workPlans'] as const) {
          const state = deserialize(serialize({ ...first[name] })) as Record<string, unknown>;
          restarted[name].restore(state);
          for (const part of partsIn({ ...restarted[name] })) {
            restoredParts += 1;
            for (const key of LISTS) expect(part[key].length === 0 ? part[key] : NO_RECORDS).toBe(NO_RECORDS);
            for (const inspection of part.inspections) if (inspection.corrections.length === 0) expect(inspection.corrections).toBe(NO_RECORDS);
            if (part.terms.kind === 'BY_DATE' && Object.keys(part.terms).length === 1) expect(part.terms).toBe(BY_DATE);
          }
        }
        await restarted.feed(log.slice(at));
        expect({ ...restarted.findings }).toEqual({ ...live.findings });
        expect({ ...restarted.workPlans }).toEqual({ ...live.workPlans });
        // Nothing a fold added went onto the shared list.
        expect(NO_RECORDS).toEqual([]);
      }),
      runs,
    );
    expect(restoredParts).toBeGreaterThan(runs.numRuns);
  });
});
