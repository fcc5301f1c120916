import fc from 'fast-check';
import { deserialize, serialize } from 'node:v8';
import { UnitsReadModel } from '../organization/units/units.read-model.js';
import type { Projection, RecordedEvent, SnapshotCaptures } from '../event-sourcing/recorded-event.js';
import { StreamsInMemory } from '../event-sourcing/testing/streams-in-memory.js';
import type { TimeCut } from '../shared/time-cut.js';
import { DashboardReadModel } from '../rectification/dashboard/dashboard.read-model.js';
import { RectificationLedger } from '../rectification/ledger/rectification-ledger.js';
import { randomFindingsLog, viewDays } from '../rectification/testing/random-findings-log.js';
import { PLAN, PLAN_DAYS, planInserts, planLogOf } from '../work-plan/testing/random-plan-log.js';
import { WorkPlanLedger, withPartsTakenOff } from '../work-plan/breakdown/work-plan-ledger.js';
import { WorkPlanPartsReadModel } from '../work-plan/breakdown/work-plan-parts.read-model.js';
import { buildScorecard, scorecardFromFigures } from './scorecard.js';

/*
 * Issue 12 (row 4), issue 8 part 6: `unitScorecard(asOf: <past day>)` is summed from per-day deltas of the findings' and
 * the work-plan items' shares, no parent folded. On any history — late entries, corrections, hand-overs, items taken in
 * on the plan's approval day (and that day corrected), withdrawn (counted as they stood), their withdrawal undone or
 * ended by a later version — it must be what `buildScorecard` over every finding and item folded at that day gives
 * (the fold `unitScorecard(asOf)` did before), also after a restart from a snapshot with events after it.
 */

class CountedStreams extends StreamsInMemory {
  reads = 0;

  override read(streamId: string): Promise<RecordedEvent[]> {
    this.reads += 1;
    return super.read(streamId);
  }
}

const NO_CAPTURE: SnapshotCaptures = { captureUnderWay: null };
const cutOn = (asOf: string): TimeCut => ({ asOf, knownAt: null, axes: ['BUSINESS_DAY'] });
const runs = { numRuns: Number(process.env.AGREEMENT_RUNS ?? 300), seed: Number(process.env.AGREEMENT_SEED ?? 20261204) };

function project() {
  const streams = new CountedStreams();
  const units = new UnitsReadModel();
  const findings = new RectificationLedger(streams);
  const workPlans = new WorkPlanLedger(streams);
  const dashboards = new DashboardReadModel(findings, units);
  const itemParts = new WorkPlanPartsReadModel(workPlans);
  const all: Projection[] = [streams, units, findings, workPlans, dashboards, itemParts];
  const feed = async (events: readonly RecordedEvent[]) => {
    for (const event of events) {
      for (const readModel of all) readModel.apply(event);
      for (const readModel of all) await readModel.settle?.();
    }
  };
  return { streams, units, findings, workPlans, dashboards, itemParts, feed };
}
type Server = ReturnType<typeof project>;


/** What `unitScorecard(asOf)` gave by folding every finding and item at that day. */
async function folded(server: Server, day: string) {
  const cut = cutOn(day);
  const items = await server.workPlans.itemsAt(cut, null);
  const byId = new Map(items.map((item) => [item.itemId, item]));
  const withdrawn = await server.workPlans.withdrawnAsTheyStood([...byId.keys()], (itemId) => byId.get(itemId), cut);
  const parts = [
    ...(await server.findings.listFindingsAt({}, cut, null)).flatMap((finding) => [...finding.parts.values()]),
    ...items.map((item) => withdrawn.get(item.itemId) ?? item).flatMap((item) => [...withPartsTakenOff(item, item.parts).values()]),
  ];
  return buildScorecard({ parts, unitName: unitNameOf(server), today: day });
}

const unitNameOf = (server: Server) => (unitId: string) => server.units.get(unitId)?.name ?? unitId;

/** What it gives now: the per-day deltas after the refolds (as `GetUnitScorecardHandler.onPastDay`). */
async function byDay(server: Server, day: string) {
  await server.dashboards.refoldPastDays(NO_CAPTURE);
  await server.itemParts.refoldPastDays(NO_CAPTURE, null);
  return scorecardFromFigures(server.itemParts.scoresOn(day, server.dashboards.scoresOn(day, new Map())), unitNameOf(server));
}

describe('a past day’s unit scorecard from per-day deltas (issue 12 row 4)', () => {
  it('ranks on every day as the scorecard of every finding and item folded at that day, on any history', async () => {
    let rows = 0;
    await fc.assert(
      fc.asyncProperty(randomFindingsLog(), randomFindingsLog(), fc.nat(PLAN_DAYS.length - 1), planInserts, async (findingsLog, itemsLog, approvedOn, put) => {
        const server = project();
        await server.feed(planLogOf(findingsLog, itemsLog, approvedOn, put));
        for (const day of ['2026-04-30', '2026-05-05', '2026-05-10', '2026-05-13', '2026-05-20', '2026-06-02', '2026-07-15']) {
          const expected = await folded(server, day);
          rows += expected.length;
          expect({ day, scores: await byDay(server, day) }).toEqual({ day, scores: expected });
        }
      }),
      runs,
    );
    expect(rows).toBeGreaterThan(runs.numRuns * 7);
  });

  it('stays exact while events arrive between two looks, and after a restart from a snapshot', async () => {
    await fc.assert(
      fc.asyncProperty(randomFindingsLog(), randomFindingsLog(), fc.nat(PLAN_DAYS.length - 1), planInserts, fc.array(viewDays, { minLength: 2, maxLength: 4 }), async (findingsLog, itemsLog, approvedOn, put, days) => {
        const log = planLogOf(findingsLog, itemsLog, approvedOn, put);
        const half = log.length >> 1;
        const first = project();
        await first.feed(log.slice(0, half));
        await byDay(first, days[0]!);
        const server = project();
        for (const event of log.slice(0, half)) server.streams.apply(event);
        for (const name of ['units', 'findings', 'workPlans', 'dashboards', 'itemParts'] as const) {
          const projection: Projection = first[name];
          const state = projection.snapshot ? projection.snapshot() : { ...projection };
          const target: Projection = server[name];
          if (target.restore) target.restore(deserialize(serialize(state)));
          else Object.assign(target, deserialize(serialize(state)));
        }
        for (const [index, day] of days.entries()) {
          await server.feed(log.slice(half + index * 8, half + index * 8 + 8));
          expect({ day, scores: await byDay(server, day) }).toEqual({ day, scores: await folded(server, day) });
        }
      }),
      { ...runs, numRuns: Math.ceil(runs.numRuns / 3) },
    );
  });

  it('reads no stream when every fact came in business order', async () => {
    const server = project();
    const log = planLogOf([], [], 1, []);
    expect(log).toEqual([]);
    const at = (streamId: string, type: string, data: Record<string, unknown>, occurredOn: string, recordedAt: number) =>
      ({ id: `e${recordedAt}-${streamId}-${type}`, streamId, type, schemaVersion: 1, data, occurredOn, metadata: { recordedAt: new Date(Date.parse('2026-05-01T00:00:00Z') + recordedAt * 60_000).toISOString(), actorId: 'zhang.wei' } }) as unknown as RecordedEvent;
    const events: RecordedEvent[] = [
      at(`work-plan-${PLAN}`, 'WorkPlanImported', { planId: PLAN, title: '方案', year: 2026, categories: [{ code: '一', title: '公开', items: [{ itemId: 'i1', code: '1', title: '事项' }] }], source: { fileName: 'p.xlsx', sha256: 'a' }, approvedOn: '2026-04-20' }, '2026-04-20', 1),
      at('work-plan-item-i1', 'WorkPlanItemDefined', { itemId: 'i1', planId: PLAN, categoryCode: '一', code: '1', title: '事项', description: '', dueDate: '2026-05-20', measures: '' }, '2026-05-01', 1),
      at('work-plan-item-i1', 'UnitAssigned', { unitId: 'czj', role: 'LEAD', dueDate: '2026-05-20', assignedOn: '2026-05-01' }, '2026-05-01', 1),
      at('work-plan-item-i1', 'RectificationReported', { unitId: 'czj', summary: '已整改', evidence: [], reportedOn: '2026-05-25' }, '2026-05-25', 2),
      at('finding-f1', 'FindingRecorded', { findingId: 'f1', evaluationId: 'e0', title: '问题', description: '', category: '主动公开', severity: 'HIGH', concernedUnitIds: [], identifiedOn: '2026-05-01' }, '2026-05-01', 3),
      at('finding-f1', 'UnitAssigned', { unitId: 'czj', role: 'LEAD', dueDate: '2026-05-10', assignedOn: '2026-05-02' }, '2026-05-02', 4),
    ];
    await server.feed(events.map((event, index) => ({ ...event, revision: 0, position: { commit: BigInt(index + 1), prepare: BigInt(index + 1) } })));
    server.streams.reads = 0;
    for (const day of ['2026-04-25', '2026-05-15', '2026-05-22', '2026-06-01']) {
      const given = await byDay(server, day);
      expect(server.streams.reads).toBe(0);
      expect(given).toEqual(await folded(server, day));
      server.streams.reads = 0;
    }
  });
});
