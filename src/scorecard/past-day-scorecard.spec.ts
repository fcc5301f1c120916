import fc from 'fast-check';
import { deserialize, serialize } from 'node:v8';
import { UnitsReadModel } from '../organization/units/units.read-model.js';
import type { Projection, RecordedEvent, SnapshotCaptures } from '../event-sourcing/recorded-event.js';
import { StreamsInMemory } from '../event-sourcing/testing/streams-in-memory.js';
import type { TimeCut } from '../shared/time-cut.js';
import { DashboardReadModel } from '../rectification/dashboard/dashboard.read-model.js';
import { RectificationLedger } from '../rectification/ledger/rectification-ledger.js';
import { asWorkPlanItems, randomFindingsLog, viewDays } from '../rectification/testing/random-findings-log.js';
import { WorkPlanLedger } from '../work-plan/breakdown/work-plan-ledger.js';
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
const PLAN = 'plan-2026';
const DAYS = ['2026-04-20', '2026-05-03', '2026-05-09', '2026-05-12', '2026-05-20', '2026-06-01'];

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

interface Insert {
  readonly at: number;
  readonly item: number;
  readonly day: number;
  readonly kind: 'withdraw' | 'undo' | 'reinstate' | 'correctApproval';
}

/**
 * A random findings log, and another told of work-plan items of one plan (imported with the first item, approved on a
 * random day), with withdrawals, their undoing, reinstatements and a corrected approval day put in; revisions and
 * positions renumbered.
 */
function logOf(findingsLog: readonly RecordedEvent[], itemsLog: readonly RecordedEvent[], approvedOn: number, inserts: readonly Insert[]): RecordedEvent[] {
  const items = asWorkPlanItems(itemsLog);
  const itemIds = items.filter((event) => event.type === 'WorkPlanItemDefined').map((event) => (event.data as { itemId: string }).itemId);
  const first = items.findIndex((event) => event.type === 'WorkPlanItemDefined');
  const events: RecordedEvent[] = [...items];
  if (first >= 0) {
    const base = items[first]!;
    const outline = { code: '一', title: '公开', items: itemIds.map((itemId, index) => ({ itemId, code: String(index + 1), title: '事项' })) };
    const data = { planId: PLAN, title: '2026年政务公开工作方案', year: 2026, categories: [outline], source: { fileName: 'plan.xlsx', sha256: 'a' }, approvedOn: DAYS[approvedOn] };
    // Recorded with the first item: that one is taken in on the approval day (datedDefinition); the others on their own day.
    events.splice(first, 0, { ...base, id: `${base.id}-plan`, streamId: `work-plan-${PLAN}`, type: 'WorkPlanImported', data, occurredOn: DAYS[approvedOn]! } as RecordedEvent);
  }
  for (const insert of [...inserts].sort((a, b) => b.at - a.at)) {
    const at = Math.min(insert.at, events.length);
    const base = events[Math.max(0, at - 1)];
    const day = DAYS[insert.day]!;
    if (!base) continue;
    if (insert.kind === 'correctApproval') {
      if (!events.slice(0, at).some((event) => event.type === 'WorkPlanImported')) continue;
      const data = { planId: PLAN, previousApprovedOn: DAYS[approvedOn], approvedOn: day, reason: '批准日期录入错误', correctedOn: '2026-06-01' };
      events.splice(at, 0, { ...base, id: `${base.id}-c${at}`, streamId: `work-plan-${PLAN}`, type: 'WorkPlanApprovalCorrected', data, occurredOn: '2026-06-01' } as RecordedEvent);
      continue;
    }
    const itemId = itemIds[insert.item % Math.max(itemIds.length, 1)];
    if (!itemId || !events.slice(0, at).some((event) => event.type === 'WorkPlanItemDefined' && (event.data as { itemId: string }).itemId === itemId)) continue;
    const [type, data] =
      insert.kind === 'withdraw'
        ? ['WorkPlanItemWithdrawn', { itemId, reason: '并入第1项', withdrawnOn: day }]
        : insert.kind === 'undo'
          ? ['WorkPlanItemWithdrawalUndone', { itemId, withdrawnOn: day, reason: '撤销不成立', undoneOn: day }]
          : ['WorkPlanItemReinstated', { itemId, reinstatedOn: day, reason: '依据 plan-v3.xlsx 修订方案' }];
    events.splice(at, 0, { ...base, id: `${base.id}-w${at}`, streamId: `work-plan-item-${itemId}`, type, data, occurredOn: day } as RecordedEvent);
  }
  const log = [...findingsLog, ...events];
  const revisions = new Map<string, number>();
  return log.map((event, index) => {
    const revision = revisions.get(event.streamId) ?? 0;
    revisions.set(event.streamId, revision + 1);
    return { ...event, revision, position: { commit: BigInt(index + 1), prepare: BigInt(index + 1) } };
  });
}

const inserts = fc.array(
  fc.record({ at: fc.nat(90), item: fc.nat(3), day: fc.nat(DAYS.length - 1), kind: fc.constantFrom<Insert['kind']>('withdraw', 'withdraw', 'undo', 'reinstate', 'correctApproval') }),
  { maxLength: 4 },
);

/** What `unitScorecard(asOf)` gave by folding every finding and item at that day. */
async function folded(server: Server, day: string) {
  const cut = cutOn(day);
  const items = await server.workPlans.itemsAt(cut, null);
  const byId = new Map(items.map((item) => [item.itemId, item]));
  const withdrawn = await server.workPlans.withdrawnAsTheyStood([...byId.keys()], (itemId) => byId.get(itemId), cut);
  const parts = [
    ...(await server.findings.listFindingsAt({}, cut, null)).flatMap((finding) => [...finding.parts.values()]),
    ...items.map((item) => withdrawn.get(item.itemId) ?? item).flatMap((item) => [...item.parts.values()]),
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
      fc.asyncProperty(randomFindingsLog(), randomFindingsLog(), fc.nat(DAYS.length - 1), inserts, async (findingsLog, itemsLog, approvedOn, put) => {
        const server = project();
        await server.feed(logOf(findingsLog, itemsLog, approvedOn, put));
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
      fc.asyncProperty(randomFindingsLog(), randomFindingsLog(), fc.nat(DAYS.length - 1), inserts, fc.array(viewDays, { minLength: 2, maxLength: 4 }), async (findingsLog, itemsLog, approvedOn, put, days) => {
        const log = logOf(findingsLog, itemsLog, approvedOn, put);
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
    const log = logOf([], [], 1, []);
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
