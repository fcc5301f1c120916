import fc from 'fast-check';
import { deserialize, serialize } from 'node:v8';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import type { RecordedEvent } from '../../event-sourcing/recorded-event.js';
import { StreamsInMemory } from '../../event-sourcing/testing/streams-in-memory.js';
import { knownInCut } from '../../assignments/read-model/timeline.js';
import type { TimeCut } from '../../shared/time-cut.js';
import { foldFindingByDay, RectificationLedger } from '../ledger/rectification-ledger.js';
import { randomFindingsLog } from '../testing/random-findings-log.js';
import * as before from '../testing/dashboard-by-day-v1.js';
import * as compact from './dashboard-by-day.js';

/*
 * perf52 (issue 12, lever 3): a finding's per-day segments are kept packed — each day's numbers that changed, not a copy
 * of every number — so a 1M-event store's dashboard holds less. The answers must not move: over random logs (late
 * entries, corrected dates, hand-overs, withdrawals and their undoing), fed and refolded alike, the packed state gives
 * what the segments kept as objects gave (dashboard-by-day-v1.ts, the code before) — the figures and the lights' counts
 * of `dashboard(asOf)` on every day, each yellow window, the open parts of a day, the 单位排名 figures, and the copies a
 * record-time cut (`knownAt`) answers from — before and after a snapshot of the packed state.
 */

type ByDay = typeof compact;
// The same functions over either state (the two modules' states differ only in how a finding keeps its segments).
const modules = { before: before as unknown as ByDay, compact };

/** The by-day state of each module, fed the same events after the same ledger, as DashboardReadModel feeds it. */
function project() {
  const units = new UnitsReadModel();
  const streams = new StreamsInMemory();
  const ledger = new RectificationLedger(streams);
  const states = { before: modules.before.emptyByDay(), compact: modules.compact.emptyByDay() };
  const seqs = new Map<string, number>();
  const feed = (events: readonly RecordedEvent[]) => {
    for (const event of events) {
      for (const readModel of [streams, units, ledger]) readModel.apply(event);
      if (!event.streamId.startsWith('finding-')) continue;
      const view = ledger.finding(event.streamId.slice('finding-'.length));
      if (!view) continue;
      if (!seqs.has(view.findingId)) seqs.set(view.findingId, seqs.size);
      for (const name of ['before', 'compact'] as const) modules[name].applyFindingEvent(states[name], event, view, seqs.get(view.findingId)!);
    }
  };
  /** Each finding's segments folded from its stream (the events known at `knownAt` when given), by each module. */
  const folded = async (findingIds: readonly string[], knownAt: string | null) => {
    const shares = { before: new Map<string, compact.Segment[]>(), compact: new Map<string, compact.Segment[]>() };
    const at: TimeCut = { asOf: '9999-12-31', knownAt, axes: knownAt === null ? [] : ['RECORD_TIME'] };
    for (const findingId of findingIds) {
      const timeline = (await ledger.timeline(findingId)).filter((entry) => knownInCut(at, entry));
      const segments = { before: [] as compact.Segment[], compact: [] as compact.Segment[] };
      foldFindingByDay(timeline, (day, view) => {
        for (const name of ['before', 'compact'] as const) segments[name].push(modules[name].segmentOf(states[name], compact.dayNumber(day), view));
      });
      for (const name of ['before', 'compact'] as const) shares[name].set(findingId, segments[name]);
    }
    return shares;
  };
  const refold = async () => {
    const stale = [...new Set([...states.before.stale, ...states.compact.stale])];
    expect([...states.compact.stale].sort()).toEqual([...states.before.stale].sort());
    const shares = await folded(stale, null);
    for (const findingId of stale) {
      const length = (await ledger.timeline(findingId)).length;
      for (const name of ['before', 'compact'] as const) modules[name].refoldFinding(states[name], findingId, length, shares[name].get(findingId)!, ledger.historyLength(findingId));
    }
  };
  return { units, ledger, states, feed, folded, refold };
}

const DAYS = ['2026-04-28', '2026-04-30', '2026-05-01', '2026-05-04', '2026-05-05', '2026-05-06', '2026-05-09', '2026-05-10', '2026-05-11', '2026-05-12', '2026-05-13', '2026-05-15', '2026-05-19', '2026-05-20', '2026-05-21', '2026-05-25', '2026-06-01', '2026-06-02', '2026-06-29', '2026-06-30', '2026-07-01', '2026-07-15', '2026-08-01'];

/** What each state answers on every day with the yellow window `window`: the figures (lights' counts with them), the open parts, the 单位排名 figures. */
function answers(states: { readonly before: compact.ByDayState; readonly compact: compact.ByDayState }, window: number) {
  const read = (module: ByDay, state: compact.ByDayState) =>
    DAYS.map((day) => ({
      day,
      figures: module.figuresOn(state, day, window, (unitId) => `单位${unitId}`, (evaluationId) => `评估${evaluationId}`),
      open: module.openPartsOn(state, day),
      scores: [...module.scoresOn(state, day, new Map())].sort(([a], [b]) => a.localeCompare(b)),
    }));
  return { before: read(modules.before, states.before), compact: read(modules.compact, states.compact) };
}

/** Withdrawals (some as a repeat) and their undoing put into a log, each stream's revisions and positions numbered again. */
function withWithdrawals(log: readonly RecordedEvent[], inserts: readonly { at: number; finding: number; day: string; undo: boolean }[]): RecordedEvent[] {
  const findings = log.filter((event) => event.type === 'FindingRecorded').map((event) => (event.data as { findingId: string }).findingId);
  const events = [...log];
  for (const insert of [...inserts].sort((a, b) => b.at - a.at)) {
    const findingId = findings[insert.finding % Math.max(findings.length, 1)];
    const at = Math.min(insert.at, events.length);
    if (!findingId || !events.slice(0, at).some((event) => event.streamId === `finding-${findingId}` && event.type === 'FindingRecorded')) continue;
    const base = events[at - 1]!;
    const data = insert.undo ? { findingId, withdrawnOn: insert.day, reason: '撤销不成立' } : { findingId, withdrawnOn: insert.day, reason: '重复登记', duplicateOf: findings[0] };
    events.splice(at, 0, { ...base, id: `${base.id}-w${at}`, streamId: `finding-${findingId}`, type: insert.undo ? 'FindingWithdrawalUndone' : 'FindingWithdrawn', data, occurredOn: insert.day } as RecordedEvent);
  }
  const revisions = new Map<string, number>();
  return events.map((event, index) => {
    const revision = revisions.get(event.streamId) ?? 0;
    revisions.set(event.streamId, revision + 1);
    return { ...event, revision, position: { commit: BigInt(index + 1), prepare: BigInt(index + 1) } };
  });
}

const insertsOf = fc.array(fc.record({ at: fc.nat(80), finding: fc.nat(3), day: fc.constantFrom('2026-05-05', '2026-05-10', '2026-05-13', '2026-06-02'), undo: fc.boolean() }), { maxLength: 3 });

describe('the per-day segments packed (perf52): the same answers as the segments kept whole', () => {
  it('gives every past day the same figures, lights, open parts and 单位排名 figures, while events arrive and after a snapshot', async () => {
    await fc.assert(
      fc.asyncProperty(randomFindingsLog(80), insertsOf, fc.constantFrom(0, 3, 7), fc.constantFrom(1, 5, 14), async (random, inserts, window, otherWindow) => {
        const log = withWithdrawals(random, inserts);
        const { states, feed, refold } = project();
        const half = log.length >> 1;
        feed(log.slice(0, half));
        await refold();
        let seen = answers(states, window);
        expect(seen.compact).toEqual(seen.before);
        // A window asked before the rest arrives is kept up to date by the events after it.
        feed(log.slice(half));
        await refold();
        for (const each of [window, otherWindow]) {
          seen = answers(states, each);
          expect(seen.compact).toEqual(seen.before);
        }
        // A restart: the packed state through the snapshot's serialiser answers the same.
        const restored = { before: states.before, compact: deserialize(serialize(states.compact)) as compact.ByDayState };
        seen = answers(restored, window);
        expect(seen.compact).toEqual(seen.before);
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same answers at a record-time cut (knownAt): the findings recorded since, folded at it, in place of their kept segments', async () => {
    await fc.assert(
      fc.asyncProperty(randomFindingsLog(80), insertsOf, fc.nat(200), fc.constantFrom(0, 7), async (random, inserts, atEvent, window) => {
        const log = withWithdrawals(random, inserts);
        if (log.length === 0) return;
        const { ledger, states, feed, folded, refold } = project();
        feed(log);
        await refold();
        const knownAt = log[atEvent % log.length]!.metadata.recordedAt;
        const after = compact.recordedAfter(states.compact, knownAt);
        expect(after).toEqual(modules.before.recordedAfter(states.before, knownAt));
        // As atRecordTime: recorded after the instant, nothing at the cut; the others folded at it.
        const toRead = after.filter((findingId) => !(ledger.finding(findingId)!.recordedAt > knownAt));
        const shares = await folded(toRead, knownAt);
        for (const findingId of after) if (!toRead.includes(findingId)) for (const name of ['before', 'compact'] as const) shares[name].set(findingId, []);
        const copies = {
          before: await modules.before.withSharesReplaced(states.before, shares.before, window, () => 0),
          compact: await compact.withSharesReplaced(states.compact, shares.compact, window, () => 0),
        };
        const seen = answers(copies, window);
        expect(seen.compact).toEqual(seen.before);
        // The kept state is not changed by the copy.
        const kept = answers(states, window);
        expect(kept.compact).toEqual(kept.before);
      }),
      { numRuns: 120 },
    );
  });

  it('keeps a finding whose facts come in order in a fraction of the numbers its segments as objects held: each day only what changed', async () => {
    const { states, feed, refold } = project();
    feed(threeUnitsLifecycle(20));
    await refold();
    const packedNumbers = [...states.compact.findings.values()].reduce((sum, finding) => sum + (finding as unknown as { packed: number[] }).packed.length, 0);
    const segments = [...states.before.findings.values()].flatMap((finding) => (finding as unknown as { segments: compact.Segment[] }).segments);
    // Every segment's numbers and its four other fields (first day, counted, closed, 待交办) — the objects and arrays besides.
    const wholeNumbers = segments.reduce((sum, segment) => sum + 4 + segment.parts.length + (segment.scores?.length ?? 0), 0);
    // 20 findings, each on 10 days: recorded, three units assigned one a day, each reporting and passing on a day of its own.
    expect({ findings: states.compact.findings.size, segments: segments.length }).toEqual({ findings: 20, segments: 20 * 10 });
    expect(packedNumbers / wholeNumbers).toBeLessThan(0.5);
    expect(serialize(states.compact.findings).length / serialize(states.before.findings).length).toBeLessThan(0.5);
    // The same answers all the same.
    const seen = answers(states, 7);
    expect(seen.compact).toEqual(seen.before);
  });
});

const eventAt = (index: number, streamId: string, revision: number, type: string, data: Record<string, unknown>, occurredOn: string): RecordedEvent =>
  ({
    id: `e${index}`,
    streamId,
    revision,
    position: { commit: BigInt(index), prepare: BigInt(index) },
    type,
    schemaVersion: 1,
    data,
    metadata: { recordedAt: new Date(Date.parse('2026-05-01T00:00:00Z') + index * 60_000).toISOString(), actorId: 'zhang.wei' },
    occurredOn,
  }) as unknown as RecordedEvent;

/** `count` findings recorded on 1 May, then three units assigned (2–4 May), each reporting (5–7 May) and passed (11–13 May): every fact in business order. */
function threeUnitsLifecycle(count: number): RecordedEvent[] {
  const log: RecordedEvent[] = [];
  const units = ['czj', 'fgw', 'jyj'];
  for (let finding = 0; finding < count; finding += 1) {
    const stream = `finding-f${finding}`;
    let revision = 0;
    const add = (type: string, data: Record<string, unknown>, day: string) => log.push(eventAt(log.length + 1, stream, revision++, type, data, day));
    add('FindingRecorded', { findingId: `f${finding}`, evaluationId: 'e0', title: `问题${finding}`, description: '', category: '主动公开', severity: 'HIGH', concernedUnitIds: [], identifiedOn: '2026-05-01' }, '2026-05-01');
    units.forEach((unitId, index) => add('UnitAssigned', { unitId, role: index === 0 ? 'LEAD' : 'RESPONSIBLE', dueDate: '2026-05-20', assignedOn: `2026-05-0${2 + index}` }, `2026-05-0${2 + index}`));
    units.forEach((unitId, index) => add('RectificationReported', { unitId, summary: '已整改', evidence: [], reportedOn: `2026-05-0${5 + index}` }, `2026-05-0${5 + index}`));
    units.forEach((unitId, index) =>
      add('InspectionLogged', { unitId, inspectionId: `i${finding}-${index}`, outcome: 'PASSED', notes: '', inspectedOn: `2026-05-1${1 + index}`, place: '现场' }, `2026-05-1${1 + index}`),
    );
  }
  return log;
}
