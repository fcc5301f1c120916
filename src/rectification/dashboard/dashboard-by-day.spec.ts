import fc from 'fast-check';
import { deserialize, serialize } from 'node:v8';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import type { Projection, RecordedEvent, SnapshotCaptures } from '../../event-sourcing/recorded-event.js';
import { StreamsInMemory } from '../../event-sourcing/testing/streams-in-memory.js';
import type { TimeCut } from '../../shared/time-cut.js';
import { RectificationLedger } from '../ledger/rectification-ledger.js';
import { randomFindingsLog, viewDays } from '../testing/random-findings-log.js';
import { buildDashboard } from './dashboard.js';
import { DashboardReadModel } from './dashboard.read-model.js';
import { createHmac } from 'node:crypto';
import { decodeSnapshotStates, encodeSnapshot } from '../../event-sourcing/snapshot-file.js';

/*
 * breaker12h P8: `dashboard(asOf:)` folded every finding at the cut (18 s at 1M events). Its
 * figures are now prefix sums of per-day deltas kept as events arrive; they must be what the fold of
 * every finding at that day gives, on any history — late entries, corrected dates, withdrawals (as a
 * repeat too) and their undoing — and only findings whose facts came out of business order are read
 * again from their streams.
 */

/** Streams read, counted: what a refold costs. */
class CountedStreams extends StreamsInMemory {
  reads = 0;

  override read(streamId: string): Promise<RecordedEvent[]> {
    this.reads += 1;
    return super.read(streamId);
  }
}

function project(log: readonly RecordedEvent[]) {
  const units = new UnitsReadModel();
  const streams = new CountedStreams();
  const ledger = new RectificationLedger(streams);
  const dashboards = new DashboardReadModel(ledger, units);
  const feed = (events: readonly RecordedEvent[]) => {
    for (const event of events) for (const readModel of [streams, units, ledger, dashboards]) readModel.apply(event);
  };
  feed(log);
  return { units, streams, ledger, dashboards, feed };
}

const stateOf = (projection: Projection): unknown => (projection.snapshot ? projection.snapshot() : { ...projection });
const restoreInto = (projection: Projection, state: unknown) => (projection.restore ? projection.restore(state) : Object.assign(projection, state));

const cutOn = (asOf: string): TimeCut => ({ asOf, knownAt: null, axes: ['BUSINESS_DAY'] });

/** Withdrawals (some as a repeat of another finding) and undoings put into a random log, each stream's revisions renumbered. */
const withWithdrawals = (log: readonly RecordedEvent[], inserts: readonly { at: number; finding: number; day: string; undo: boolean; duplicate: boolean }[]): RecordedEvent[] => {
  const findings = log.filter((event) => event.type === 'FindingRecorded').map((event) => (event.data as { findingId: string }).findingId);
  const events = [...log];
  for (const insert of [...inserts].sort((a, b) => b.at - a.at)) {
    const findingId = findings[insert.finding % Math.max(findings.length, 1)];
    const at = Math.min(insert.at, events.length);
    if (!findingId || !events.slice(0, at).some((event) => event.streamId === `finding-${findingId}` && event.type === 'FindingRecorded')) continue;
    const data = insert.undo
      ? { findingId, withdrawnOn: insert.day, reason: '撤销不成立' }
      : { findingId, withdrawnOn: insert.day, reason: '重复登记', ...(insert.duplicate ? { duplicateOf: findings[0] } : {}) };
    const base = events[at - 1]!;
    events.splice(at, 0, { ...base, id: `${base.id}-w${at}`, streamId: `finding-${findingId}`, type: insert.undo ? 'FindingWithdrawalUndone' : 'FindingWithdrawn', data, occurredOn: insert.day } as RecordedEvent);
  }
  const revisions = new Map<string, number>();
  return events.map((event, index) => {
    const revision = revisions.get(event.streamId) ?? 0;
    revisions.set(event.streamId, revision + 1);
    return { ...event, revision, position: { commit: BigInt(index + 1), prepare: BigInt(index + 1) } };
  });
};

const insertsOf = fc.array(
  fc.record({ at: fc.nat(60), finding: fc.nat(3), day: viewDays, undo: fc.boolean(), duplicate: fc.boolean() }),
  { maxLength: 3 },
);

const authenticate = () => createHmac('sha256', 'test key');
const SNAPSHOT_HEADER = {
  codeVersion: 'test',
  storeId: 'store-1',
  position: { commit: '1', prepare: '1' },
  chainHash: null,
  eventId: 'e1',
  readModels: ['UnitsReadModel', 'RectificationLedger', 'DashboardReadModel'],
  writtenAt: '2026-05-27T00:00:00.000Z',
  keyFingerprint: 'test',
};

/** No read-model snapshot is ever captured here. */
const NO_CAPTURE: SnapshotCaptures = { captureUnderWay: null };

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

/** `count` findings f0, f1, … recorded on 1 May, each assigned to 市财政局 (czj) due 20 May and reported on 10 May: every fact in business order. */
function reportedFindings(count: number): RecordedEvent[] {
  const log: RecordedEvent[] = [];
  for (let finding = 0; finding < count; finding += 1) {
    const stream = `finding-f${finding}`;
    log.push(eventAt(log.length + 1, stream, 0, 'FindingRecorded', { findingId: `f${finding}`, evaluationId: 'e0', title: `问题${finding}`, description: '', category: '主动公开', severity: 'HIGH', concernedUnitIds: [], identifiedOn: '2026-05-01' }, '2026-05-01'));
    log.push(eventAt(log.length + 1, stream, 1, 'UnitAssigned', { unitId: 'czj', role: 'LEAD', dueDate: '2026-05-20', assignedOn: '2026-05-02' }, '2026-05-02'));
    log.push(eventAt(log.length + 1, stream, 2, 'RectificationReported', { unitId: 'czj', summary: '已整改', evidence: [], reportedOn: '2026-05-10' }, '2026-05-10'));
  }
  return log;
}

/** After `reportedFindings` (positions from `after` + 1): f3's pass dated before its report (a late entry) and f7's report day corrected — two findings to refold — and f9's pass, in business order. */
const lateEntries = (after: number): RecordedEvent[] => [
  eventAt(after + 1, 'finding-f3', 3, 'InspectionLogged', { unitId: 'czj', inspectionId: 'i3', outcome: 'PASSED', notes: '', inspectedOn: '2026-05-08', place: '现场' }, '2026-05-08'),
  eventAt(after + 2, 'finding-f7', 3, 'ReportDateCorrected', { unitId: 'czj', previousReportedOn: '2026-05-10', reportedOn: '2026-05-25', reason: '录入错误', correctedOn: '2026-05-26' }, '2026-05-26'),
  eventAt(after + 3, 'finding-f9', 3, 'InspectionLogged', { unitId: 'czj', inspectionId: 'i9', outcome: 'PASSED', notes: '', inspectedOn: '2026-05-12', place: '现场' }, '2026-05-12'),
];

/** What the dashboard folded from every finding at that day says, in the by-day figures' shape. */
async function foldedOn(ledger: RectificationLedger, units: UnitsReadModel, day: string, dueSoonDays: number) {
  const built = buildDashboard({
    findings: await ledger.listFindingsAt({}, cutOn(day), null),
    evaluations: ledger.listEvaluations(),
    unitName: (unitId) => units.get(unitId)?.name ?? unitId,
    today: day,
    dueSoonDays,
  });
  const lights = { RED: 0, YELLOW: 0, GREEN: 0, all: built.openParts.length };
  for (const alert of built.openParts) lights[alert.trafficLight] += 1;
  const { findings, percentClosed, parts, meanDaysToRemediate, perUnit, perEvaluation, perCategory } = built;
  return { findings, percentClosed, parts, meanDaysToRemediate, perUnit, perEvaluation, perCategory, lights };
}

describe('the dashboard on a past day, from per-day deltas (breaker12h P8)', () => {
  it('gives on every day what folding every finding at that day gives, on any history', async () => {
    await fc.assert(
      fc.asyncProperty(randomFindingsLog(), insertsOf, fc.constantFrom(0, 3, 7), async (random, inserts, dueSoonDays) => {
        const log = withWithdrawals(random, inserts);
        const { units, ledger, dashboards } = project(log);
        await dashboards.refoldPastDays(NO_CAPTURE);
        for (const day of ['2026-04-30', '2026-05-01', '2026-05-05', '2026-05-09', '2026-05-10', '2026-05-11', '2026-05-13', '2026-05-20', '2026-05-21', '2026-06-02', '2026-06-30', '2026-07-01', '2026-07-15']) {
          const unitName = (unitId: string) => units.get(unitId)?.name ?? unitId;
          expect({ day, ...dashboards.figuresOn(day, dueSoonDays, unitName) }).toEqual({ day, ...(await foldedOn(ledger, units, day, dueSoonDays)) });
        }
      }),
      { numRuns: 250 },
    );
  });

  it('stays exact while events arrive between two looks, and after a snapshot is restored', async () => {
    await fc.assert(
      fc.asyncProperty(randomFindingsLog(), insertsOf, fc.array(viewDays, { minLength: 2, maxLength: 5 }), async (random, inserts, days) => {
        const log = withWithdrawals(random, inserts);
        const half = log.length >> 1;
        const first = project(log.slice(0, half));
        await first.dashboards.refoldPastDays(NO_CAPTURE);
        // A server restored from a snapshot of the first half (the kept deltas with it) goes on from there.
        const server = project([]);
        for (const event of log.slice(0, half)) server.streams.apply(event);
        for (const name of ['units', 'ledger', 'dashboards'] as const) restoreInto(server[name], deserialize(serialize(stateOf(first[name]))));
        for (const [index, day] of days.entries()) {
          server.feed(log.slice(half + index * 5, half + index * 5 + 5));
          await server.dashboards.refoldPastDays(NO_CAPTURE);
          expect(server.dashboards.figuresOn(day, 7, (unitId) => server.units.get(unitId)?.name ?? unitId)).toEqual(await foldedOn(server.ledger, server.units, day, 7));
        }
      }),
      { numRuns: 120 },
    );
  });

  it('reads no stream for facts that come in business order, and only the finding a late entry or a correction concerns', async () => {
    const log = reportedFindings(40);
    const { streams, ledger, units, dashboards, feed } = project(log);
    await dashboards.refoldPastDays(NO_CAPTURE);
    expect(streams.reads).toBe(0);
    expect(dashboards.figuresOn('2026-05-05', 7, (id) => id)).toEqual(await foldedOn(ledger, units, '2026-05-05', 7));

    // A report entered late (dated before the finding's last fact) and a corrected report day: two findings to read again.
    feed(lateEntries(log.length));
    streams.reads = 0;
    await dashboards.refoldPastDays(NO_CAPTURE);
    expect(streams.reads).toBe(2);
    for (const day of ['2026-05-05', '2026-05-09', '2026-05-12', '2026-05-21', '2026-05-26']) {
      expect(dashboards.figuresOn(day, 7, (id) => id)).toEqual(await foldedOn(ledger, units, day, 7));
    }
    // Asked again, on any day: nothing more to read.
    streams.reads = 0;
    await dashboards.refoldPastDays(NO_CAPTURE);
    dashboards.figuresOn('2026-06-01', 3, (id) => id);
    expect(streams.reads).toBe(0);
  });

  it('is captured whole while a past day is asked: the refold waits for the capture under way, so the snapshot is the state it began with, never part of each (perf2 s25 Left 3)', async () => {
    const log = reportedFindings(12);
    const late = lateEntries(log.length);
    const days = ['2026-05-05', '2026-05-09', '2026-05-12', '2026-05-21', '2026-05-26'];
    const truth = project([...log, ...late]);
    await truth.dashboards.refoldPastDays(NO_CAPTURE);
    const expected = await Promise.all(days.map((day) => foldedOn(truth.ledger, truth.units, day, 7)));
    /** The snapshot of a server's read models, each piece one entry, `pause` called after each: the states it holds. */
    const capture = async (server: ReturnType<typeof project>, pause: () => Promise<void>) => {
      const bytes = await encodeSnapshot(SNAPSHOT_HEADER, [stateOf(server.units), stateOf(server.ledger), stateOf(server.dashboards)], authenticate, pause, 1);
      return decodeSnapshotStates('test', { ...SNAPSHOT_HEADER, format: 6, payloadBytes: bytes.length - bytes.head.length }, Buffer.concat(bytes.payload));
    };
    let pieces = 0;
    await capture(project([...log, ...late]), async () => void (pieces += 1));
    // The past day asked after each of a dozen pieces spread over the whole capture (a piece is one entry of a container).
    for (let asked = 1; asked <= pieces; asked += Math.ceil(pieces / 12)) {
      let underWay: Promise<void> | null = null;
      let ended!: () => void;
      const captures: SnapshotCaptures = {
        get captureUnderWay() {
          return underWay;
        },
      };
      let answered: Promise<void> | undefined;
      let pauses = 0;
      const server = project([...log, ...late]);
      underWay = new Promise<void>((resolve) => (ended = resolve));
      const states = await capture(server, async () => {
        pauses += 1;
        if (pauses === asked) answered = server.dashboards.refoldPastDays(captures);
        // The event loop given back, as the engine does between pieces: the refold's stream reads answer meanwhile.
        await new Promise((resolve) => setImmediate(resolve));
      });
      underWay = null;
      ended();
      await answered;
      // Asked during the capture, answered after it: refolded.
      expect({ asked, refold: server.dashboards.findingsToRefold }).toEqual({ asked, refold: 0 });
      // A restart from the snapshot: the state the capture began with (both findings still to refold), then on with the log.
      const restarted = project([]);
      for (const event of [...log, ...late]) restarted.streams.apply(event);
      (['units', 'ledger', 'dashboards'] as const).forEach((name, index) => restoreInto(restarted[name], states[index]));
      expect({ asked, refold: restarted.dashboards.findingsToRefold }).toEqual({ asked, refold: 2 });
      await restarted.dashboards.refoldPastDays(NO_CAPTURE);
      for (const [index, day] of days.entries()) {
        expect({ asked, day, figures: restarted.dashboards.figuresOn(day, 7, (id) => id) }).toEqual({ asked, day, figures: expected[index] });
      }
    }
  });
});
