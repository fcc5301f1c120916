import fc from 'fast-check';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import type { RecordedEvent, SnapshotCaptures } from '../../event-sourcing/recorded-event.js';
import { StreamsInMemory } from '../../event-sourcing/testing/streams-in-memory.js';
import { officeDate } from '../../shared/calendar-date.js';
import type { TimeCut } from '../../shared/time-cut.js';
import type { Connection } from '../../shared/pagination/page.js';
import { RectificationLedger } from '../ledger/rectification-ledger.js';
import { randomFindingsLog, viewDays } from '../testing/random-findings-log.js';
import { buildDashboard, pageAlerts, type PartAlert } from './dashboard.js';
import { DashboardReadModel } from './dashboard.read-model.js';
import { OPEN_PART_ORDERS, type OpenPartOrder } from './open-part-index.js';
import type { PartStatus, TrafficLight } from '../../assignments/read-model/part-view.js';

/*
 * Issue 12 row 4 (perf12d): `dashboard(knownAt:)` folded every finding's stream at the cut (2–5 s of CPU at 100k events).
 * Its figures and its pages of open parts now come from the per-day segments kept for the present, with only the
 * findings that have an event recorded after the instant read and folded at the cut. On any history — late entries,
 * corrections of dates and outcomes, corrections of a 发现日期, withdrawals (as a repeat too) and their undoing,
 * hand-overs, renames — and at any instant (before, between and after the events) and business day, the answer must be
 * what `buildDashboard` over every finding folded at that cut gives.
 */

/** Streams read, counted: what an answer costs. */
class CountedStreams extends StreamsInMemory {
  readonly read_ = new Set<string>();

  override read(streamId: string): Promise<RecordedEvent[]> {
    this.read_.add(streamId);
    return super.read(streamId);
  }
}

const NO_CAPTURE: SnapshotCaptures = { captureUnderWay: null };
const runs = { numRuns: Number(process.env.AGREEMENT_RUNS ?? 300), seed: Number(process.env.AGREEMENT_SEED ?? 20261204) };

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

/** Withdrawals (some as a repeat), their undoing and corrections of a 发现日期 put into a random log, revisions renumbered, instants kept increasing. */
const withFindingEvents = (log: readonly RecordedEvent[], inserts: readonly { at: number; finding: number; day: string; kind: number }[]): RecordedEvent[] => {
  const findings = log.filter((event) => event.type === 'FindingRecorded').map((event) => (event.data as { findingId: string }).findingId);
  const events = [...log];
  for (const insert of [...inserts].sort((a, b) => b.at - a.at)) {
    const findingId = findings[insert.finding % Math.max(findings.length, 1)];
    const at = Math.min(insert.at, events.length);
    const recorded = events.slice(0, at).find((event) => event.streamId === `finding-${findingId}` && event.type === 'FindingRecorded');
    if (!findingId || !recorded) continue;
    const [type, data] =
      insert.kind === 0
        ? ['FindingWithdrawn', { findingId, withdrawnOn: insert.day, reason: '重复登记', duplicateOf: findings[0] }]
        : insert.kind === 1
          ? ['FindingWithdrawn', { findingId, withdrawnOn: insert.day, reason: '撤销' }]
          : insert.kind === 2
            ? ['FindingWithdrawalUndone', { findingId, withdrawnOn: insert.day, reason: '撤销不成立' }]
            : ['FindingIdentifiedOnCorrected', { findingId, identifiedOn: insert.day, previousIdentifiedOn: (recorded.data as { identifiedOn: string }).identifiedOn, reason: '发现日期录错', correctedOn: insert.day }];
    const base = events[at - 1]!;
    events.splice(at, 0, { ...base, id: `${base.id}-x${at}`, streamId: `finding-${findingId}`, type, data, occurredOn: insert.day } as RecordedEvent);
  }
  const revisions = new Map<string, number>();
  return events.map((event, index) => {
    const revision = revisions.get(event.streamId) ?? 0;
    revisions.set(event.streamId, revision + 1);
    const recordedAt = new Date(Date.parse('2026-05-01T00:00:00Z') + index * 3_600_000).toISOString();
    return { ...event, revision, position: { commit: BigInt(index + 1), prepare: BigInt(index + 1) }, metadata: { ...event.metadata, recordedAt } };
  });
};

const insertsOf = fc.array(fc.record({ at: fc.nat(160), finding: fc.nat(3), day: viewDays, kind: fc.nat(3) }), { maxLength: 4 });

/** Instants to look from: just before the first event, at an event's own instant, a minute after one, long after the last. */
const instantsOf = (log: readonly RecordedEvent[], picks: readonly { index: number; shift: number }[]): string[] => [
  '2026-04-30T23:59:00.000Z',
  ...picks.map(({ index, shift }) => new Date(Date.parse(log[index % Math.max(log.length, 1)]?.metadata.recordedAt ?? '2026-05-01T00:00:00Z') + shift * 60_000).toISOString()),
  '2026-12-31T00:00:00.000Z',
];

/** The answer of the fold of every finding at the cut, in the figures' shape, with its open parts. */
async function folded(ledger: RectificationLedger, units: UnitsReadModel, cut: TimeCut, dueSoonDays: number) {
  const built = buildDashboard({
    findings: await ledger.listFindingsAt({}, cut, null),
    evaluations: ledger.listEvaluations(),
    unitName: (unitId) => units.namesAt(cut)(unitId),
    today: cut.asOf,
    dueSoonDays,
  });
  const lights = { RED: 0, YELLOW: 0, GREEN: 0, all: built.openParts.length };
  for (const alert of built.openParts) lights[alert.trafficLight] += 1;
  const { findings, percentClosed, parts, meanDaysToRemediate, perUnit, perEvaluation, perCategory } = built;
  return { figures: { findings, percentClosed, parts, meanDaysToRemediate, perUnit, perEvaluation, perCategory, lights }, openParts: built.openParts };
}

const light = fc.constantFrom<TrafficLight>('RED', 'YELLOW', 'GREEN');
const status = fc.constantFrom<PartStatus>('ASSIGNED', 'REPORTED', 'RETURNED', 'VERIFIED');
/** Mostly the whole list, then one light, one status, or both. */
const filters: fc.Arbitrary<{ light?: TrafficLight; status?: PartStatus }> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({}) },
  { weight: 2, arbitrary: fc.record({ light }) },
  { weight: 1, arbitrary: fc.record({ status }) },
  { weight: 1, arbitrary: fc.record({ light, status }) },
);

const plain = (connection: Connection<PartAlert>) => ({
  totalCount: connection.totalCount,
  edges: connection.edges.map((edge) => ({ cursor: edge.cursor, node: edge.node })),
  pageInfo: connection.pageInfo,
});

describe('the dashboard as known at an instant, from the kept segments and the findings recorded since (issue 12 row 4)', () => {
  it('gives, at every instant and day, the figures and pages of open parts of the fold of every finding at that cut', async () => {
    let changedSince = 0;
    let notAll = 0;
    await fc.assert(
      fc.asyncProperty(
        randomFindingsLog(160),
        insertsOf,
        fc.array(fc.record({ index: fc.nat(200), shift: fc.constantFrom(-1, 0, 1) }), { minLength: 1, maxLength: 4 }),
        fc.option(viewDays, { nil: null }),
        fc.constantFrom(0, 3, 7),
        fc.integer({ min: 1, max: 4 }),
        filters,
        fc.constantFrom<OpenPartOrder>(...OPEN_PART_ORDERS),
        async (random, inserts, picks, asOf, dueSoonDays, first, filter, order) => {
          const log = withFindingEvents(random, inserts);
          const { units, streams, ledger, dashboards } = project(log);
          for (const knownAt of instantsOf(log, picks)) {
            const cut: TimeCut = { asOf: asOf ?? officeDate(new Date(knownAt)), knownAt, axes: asOf ? ['BUSINESS_DAY', 'RECORD_TIME'] : ['RECORD_TIME'] };
            streams.read_.clear();
            const atRecordTime = await dashboards.atRecordTime(cut, dueSoonDays, NO_CAPTURE);
            const reads = streams.read_.size;
            const fold = await folded(ledger, units, cut, dueSoonDays);
            const unitName = units.namesAt(cut);
            expect({ knownAt, asOf: cut.asOf, ...dashboards.figuresOn(cut.asOf, dueSoonDays, unitName, atRecordTime) }).toEqual({ knownAt, asOf: cut.asOf, ...fold.figures });
            // Page after page, as the fold's list pages, in any order and narrowed to any light and status.
            let after: string | undefined;
            for (let page = 0; page < 3; page += 1) {
              const request = { first, after };
              const fromSegments = await dashboards.pastDayPage(cut, dueSoonDays, unitName, filter, request, order, dashboards.openPartsOn(cut.asOf, dueSoonDays, unitName, atRecordTime));
              expect(fromSegments).not.toBeNull();
              expect(plain(fromSegments!)).toEqual(plain(pageAlerts(fold.openParts, filter, request, order)));
              if (!fromSegments!.pageInfo.hasNextPage) break;
              after = fromSegments!.pageInfo.endCursor ?? undefined;
            }
            const recordedFindings = log.filter((event) => event.type === 'FindingRecorded').length;
            if (reads > 0) changedSince += 1;
            if (reads < recordedFindings) notAll += 1;
          }
        },
      ),
      runs,
    );
    // The property met cuts that read some streams and cuts that left some findings unread.
    expect(changedSince).toBeGreaterThan(50);
    expect(notAll).toBeGreaterThan(50);
  });

  it('reads only the streams of the findings recorded by the instant with an event recorded after it', async () => {
    const log = withFindingEvents(
      [...Array(12).keys()].flatMap((finding) => [
        { id: `r${finding}`, streamId: `finding-f${finding}`, revision: 0, type: 'FindingRecorded', schemaVersion: 1, occurredOn: '2026-05-01', metadata: { actorId: 'zhang.wei' }, data: { findingId: `f${finding}`, evaluationId: 'e0', title: `问题${finding}`, description: '', category: '主动公开', severity: 'HIGH', concernedUnitIds: [], identifiedOn: '2026-05-01' } },
        { id: `a${finding}`, streamId: `finding-f${finding}`, revision: 1, type: 'UnitAssigned', schemaVersion: 1, occurredOn: '2026-05-02', metadata: { actorId: 'zhang.wei' }, data: { unitId: 'czj', role: 'LEAD', dueDate: '2026-05-20', assignedOn: '2026-05-02' } },
      ] as unknown as RecordedEvent[]),
      [],
    );
    // Then f3 is reported and f7's report is entered late — two findings changed after the instant of the 24th event — and
    // f12 is recorded and assigned: not identified at the cut, nothing to read.
    const later = (index: number, streamId: string, revision: number, type: string, data: Record<string, unknown>, occurredOn: string) =>
      ({ ...log[0]!, id: `l${index}`, streamId, revision, type, data, occurredOn, position: { commit: BigInt(25 + index), prepare: BigInt(25 + index) }, metadata: { actorId: 'zhang.wei', recordedAt: `2026-05-03T0${index}:00:00.000Z` } }) as RecordedEvent;
    const { streams, ledger, units, dashboards, feed } = project(log);
    feed([
      later(1, 'finding-f3', 2, 'RectificationReported', { unitId: 'czj', summary: '已整改', evidence: [], reportedOn: '2026-05-10' }, '2026-05-10'),
      later(2, 'finding-f7', 2, 'RectificationReported', { unitId: 'czj', summary: '已整改', evidence: [], reportedOn: '2026-05-04' }, '2026-05-04'),
      later(3, 'finding-f12', 0, 'FindingRecorded', { findingId: 'f12', evaluationId: 'e0', title: '问题12', description: '', category: '主动公开', severity: 'HIGH', concernedUnitIds: [], identifiedOn: '2026-05-01' }, '2026-05-01'),
      later(4, 'finding-f12', 1, 'UnitAssigned', { unitId: 'czj', role: 'LEAD', dueDate: '2026-05-20', assignedOn: '2026-05-02' }, '2026-05-02'),
    ]);
    const cut: TimeCut = { asOf: '2026-05-12', knownAt: log.at(-1)!.metadata.recordedAt, axes: ['BUSINESS_DAY', 'RECORD_TIME'] };
    await dashboards.refoldPastDays(NO_CAPTURE);
    streams.read_.clear();
    const atRecordTime = await dashboards.atRecordTime(cut, 7, NO_CAPTURE);
    expect([...streams.read_].sort()).toEqual(['finding-f3', 'finding-f7']);
    expect(dashboards.figuresOn(cut.asOf, 7, units.namesAt(cut), atRecordTime)).toEqual((await folded(ledger, units, cut, 7)).figures);
    // The figures of the present day, everything entered, are untouched by the copy.
    expect(dashboards.figuresOn('2026-05-12', 7, units.namesAt(cut)).parts.reported).toBe(2);
    expect(dashboards.figuresOn(cut.asOf, 7, units.namesAt(cut), atRecordTime).parts.reported).toBe(0);
  });
});
