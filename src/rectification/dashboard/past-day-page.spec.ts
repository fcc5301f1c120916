import fc from 'fast-check';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import type { RecordedEvent, SnapshotCaptures } from '../../event-sourcing/recorded-event.js';
import { StreamsInMemory } from '../../event-sourcing/testing/streams-in-memory.js';
import type { TimeCut } from '../../shared/time-cut.js';
import type { TrafficLight, PartStatus } from '../../assignments/read-model/part-view.js';
import type { Connection } from '../../shared/pagination/page.js';
import { RectificationLedger } from '../ledger/rectification-ledger.js';
import { randomFindingsLog, viewDays } from '../testing/random-findings-log.js';
import { buildDashboard, pageAlerts, type PartAlert } from './dashboard.js';
import { DashboardReadModel } from './dashboard.read-model.js';
import { OPEN_PART_ORDERS, type OpenPartOrder } from './open-part-index.js';

/*
 * Issue 12 (row 4), issue 8 part 6: a page of `dashboard(asOf: <past day>).openPartsPage` is taken from the per-day
 * segments (each open part's light and place in the order), folding only the page's findings — never every finding.
 * It must be, page after page, what `pageAlerts` over the open parts of `buildDashboard` folded from every finding at
 * that day gives: the same nodes, counts, page info and cursors, in every order, narrowed to any light and status,
 * on histories with late entries, corrections, hand-overs and renames.
 */

/** Streams read, counted: what a page costs. */
class CountedStreams extends StreamsInMemory {
  readonly read_ = new Set<string>();

  override read(streamId: string): Promise<RecordedEvent[]> {
    this.read_.add(streamId);
    return super.read(streamId);
  }
}

const NO_CAPTURE: SnapshotCaptures = { captureUnderWay: null };
const cutOn = (asOf: string): TimeCut => ({ asOf, knownAt: null, axes: ['BUSINESS_DAY'] });
const runs = { numRuns: Number(process.env.AGREEMENT_RUNS ?? 300), seed: Number(process.env.AGREEMENT_SEED ?? 20261204) };

function project(log: readonly RecordedEvent[]) {
  const units = new UnitsReadModel();
  const streams = new CountedStreams();
  const ledger = new RectificationLedger(streams);
  const dashboards = new DashboardReadModel(ledger, units);
  for (const event of log) for (const readModel of [streams, units, ledger, dashboards]) readModel.apply(event);
  return { units, streams, ledger, dashboards };
}

/** A connection's answer as GraphQL would give it (getters read). */
const plain = (connection: Connection<PartAlert>) => ({
  totalCount: connection.totalCount,
  edges: connection.edges.map((edge) => ({ cursor: edge.cursor, node: edge.node })),
  pageInfo: connection.pageInfo,
});

const light = fc.constantFrom<TrafficLight>('RED', 'YELLOW', 'GREEN');
const status = fc.constantFrom<PartStatus>('ASSIGNED', 'REPORTED', 'RETURNED', 'VERIFIED');
/** Mostly the whole list (what 总览 asks), then one light, one status, or both. */
const filters: fc.Arbitrary<{ light?: TrafficLight; status?: PartStatus }> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({}) },
  { weight: 2, arbitrary: fc.record({ light }) },
  { weight: 1, arbitrary: fc.record({ status }) },
  { weight: 1, arbitrary: fc.record({ light, status }) },
);

describe('a past day’s page of open parts from the per-day segments (issue 12 row 4)', () => {
  it('is, page after page, what the fold of every finding at that day gives: nodes, counts, page info and cursors', async () => {
    let pages = 0;
    let nonEmpty = 0;
    let nodes = 0;
    let yellowEdge = 0;
    await fc.assert(
      fc.asyncProperty(
        randomFindingsLog(160),
        fc.array(viewDays, { minLength: 1, maxLength: 3 }),
        fc.constantFrom(0, 3, 7),
        filters,
        fc.constantFrom<OpenPartOrder>(...OPEN_PART_ORDERS),
        fc.integer({ min: 1, max: 4 }),
        async (log, days, dueSoonDays, filter, order, first) => {
          const { units, ledger, dashboards } = project(log);
          await dashboards.refoldPastDays(NO_CAPTURE);
          const unitName = (unitId: string) => units.get(unitId)?.name ?? unitId;
          for (const day of days) {
            const built = buildDashboard({ findings: await ledger.listFindingsAt({}, cutOn(day), null), evaluations: ledger.listEvaluations(), unitName, today: day, dueSoonDays });
            let after: string | null = null;
            for (let page = 0; page < 50; page += 1) {
              const expected = plain(pageAlerts(built.openParts, filter, { first, after }, order));
              const given = await dashboards.pastDayPage(cutOn(day), dueSoonDays, unitName, filter, { first, after }, order);
              expect(given).not.toBeNull();
              expect({ day, page, ...plain(given!) }).toEqual({ day, page, ...expected });
              pages += 1;
              if (expected.edges.length > 0) nonEmpty += 1;
              nodes += expected.edges.length;
              yellowEdge += expected.edges.filter((e) => e.node.trafficLight === 'YELLOW' && e.node.daysLeft === dueSoonDays).length;
              if (!expected.pageInfo.hasNextPage) break;
              after = expected.pageInfo.endCursor;
            }
          }
        },
      ),
      runs,
    );
    // Not a walk of empty lists.
    expect(nonEmpty).toBeGreaterThan(pages / 3);
    expect(nodes).toBeGreaterThan(2 * runs.numRuns);
    // The yellow window's last day was met (a part due exactly `dueSoonDays` days on).
    expect(yellowEdge).toBeGreaterThan(0);
  });

  it('reads only the streams of the findings on the page', async () => {
    const log: RecordedEvent[] = [];
    const at = (streamId: string, revision: number, type: string, data: Record<string, unknown>, occurredOn: string) =>
      log.push({
        id: `e${log.length}`,
        streamId,
        revision,
        position: { commit: BigInt(log.length + 1), prepare: BigInt(log.length + 1) },
        type,
        schemaVersion: 1,
        data,
        metadata: { recordedAt: new Date(Date.parse('2026-05-01T00:00:00Z') + log.length * 60_000).toISOString(), actorId: 'zhang.wei' },
        occurredOn,
      } as unknown as RecordedEvent);
    for (let finding = 0; finding < 30; finding += 1) {
      const stream = `finding-f${finding}`;
      at(stream, 0, 'FindingRecorded', { findingId: `f${finding}`, evaluationId: 'e0', title: `问题${finding}`, description: '', category: '主动公开', severity: 'HIGH', concernedUnitIds: [], identifiedOn: '2026-05-01' }, '2026-05-01');
      at(stream, 1, 'UnitAssigned', { unitId: 'czj', role: 'LEAD', dueDate: `2026-05-${String(10 + (finding % 15)).padStart(2, '0')}`, assignedOn: '2026-05-02' }, '2026-05-02');
    }
    const { units, streams, ledger, dashboards } = project(log);
    await dashboards.refoldPastDays(NO_CAPTURE);
    const unitName = (unitId: string) => units.get(unitId)?.name ?? unitId;
    streams.read_.clear();
    const page = (await dashboards.pastDayPage(cutOn('2026-05-12'), 7, unitName, {}, { first: 5 }))!;
    expect(page.totalCount).toBe(30);
    expect([...streams.read_].sort()).toEqual([...new Set(page.nodes.map((node) => `finding-${node.findingId}`))].sort());
    expect(streams.read_.size).toBeLessThanOrEqual(5);
    const built = buildDashboard({ findings: await ledger.listFindingsAt({}, cutOn('2026-05-12'), null), evaluations: ledger.listEvaluations(), unitName, today: '2026-05-12', dueSoonDays: 7 });
    expect(plain(page)).toEqual(plain(pageAlerts(built.openParts, {}, { first: 5 })));
  });
});
