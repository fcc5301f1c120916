import fc from 'fast-check';
import { Subject } from 'rxjs';
import type { ConfigService } from '@nestjs/config';
import type { AppSettings } from '../../config/app-settings.js';
import type { ProjectionEngine } from '../../event-sourcing/projection-engine.js';
import type { RecordedEvent } from '../../event-sourcing/recorded-event.js';
import { StreamsInMemory } from '../../event-sourcing/testing/streams-in-memory.js';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import type { Clock } from '../../shared/clock.js';
import type { Connection } from '../../shared/pagination/page.js';
import { TimeTravelCache } from '../../shared/time-travel-cache.js';
import type { TrafficLight } from '../../assignments/read-model/part-view.js';
import { RectificationLedger } from '../ledger/rectification-ledger.js';
import { randomFindingsLog, viewDays } from '../testing/random-findings-log.js';
import type { PartAlert } from './dashboard.js';
import { GetDashboardHandler, GetDashboardQuery } from './dashboard.queries.js';
import { DashboardReadModel } from './dashboard.read-model.js';
import { OPEN_PART_ORDERS, type OpenPartOrder } from './open-part-index.js';

/*
 * Issue 12 row 4 (perf12c): `dashboard(asOf: <past day>)` keeps its figures and pages of open parts until an event that can
 * change them is projected. With events arriving between looks (late entries, corrections, hand-overs, renames), what it
 * answers — kept or worked out again — must be what a handler keeping nothing answers at that moment.
 */

const runs = { numRuns: Number(process.env.AGREEMENT_RUNS ?? 300), seed: Number(process.env.AGREEMENT_SEED ?? 20261204) };
const NOW = new Date('2026-08-01T04:00:00Z');

class CountedStreams extends StreamsInMemory {
  reads = 0;

  override read(streamId: string): Promise<RecordedEvent[]> {
    this.reads += 1;
    return super.read(streamId);
  }
}

function project() {
  const units = new UnitsReadModel();
  const streams = new CountedStreams();
  const ledger = new RectificationLedger(streams);
  const dashboards = new DashboardReadModel(ledger, units);
  const events = new Subject<RecordedEvent>();
  const engine = { events$: events.asObservable(), captureUnderWay: null } as unknown as ProjectionEngine;
  const clock = { now: () => NOW } as Clock;
  const config = { get: () => 7 } as unknown as ConfigService<AppSettings, true>;
  // Each handler subscribes to the events it is told of; a new one keeps nothing yet.
  const handler = () => {
    // As its provider does (timeTravelCacheProvider): told of every event projected.
    const travelled = new TimeTravelCache();
    events.subscribe((event) => travelled.invalidate(event));
    return new GetDashboardHandler(ledger, dashboards, units, clock, config, travelled, engine);
  };
  const feed = (log: readonly RecordedEvent[]) => {
    for (const event of log) {
      for (const readModel of [streams, units, ledger, dashboards]) readModel.apply(event);
      events.next(event);
    }
  };
  return { streams, handler, feed };
}

/** What GraphQL would read of an answer: its figures and a page of its open parts. */
async function asked(handler: GetDashboardHandler, asOf: string, light: TrafficLight | undefined, first: number, order: OpenPartOrder) {
  const answer = await handler.execute(new GetDashboardQuery({ asOf }));
  // The two whole lists (folded from every finding when read) are not what is kept: left unread.
  const figures = Object.fromEntries(Object.keys(answer).filter((key) => !['openParts', 'overdue', 'pageOpenParts'].includes(key)).map((key) => [key, answer[key as keyof typeof answer]]));
  const connection: Connection<PartAlert> = await answer.pageOpenParts(light ? { light } : {}, { first }, order);
  const edges = await connection.edges;
  return { figures, totalCount: connection.totalCount, edges: edges.map((edge) => ({ cursor: edge.cursor, node: edge.node })), pageInfo: await connection.pageInfo };
}

describe('a past day’s dashboard figures and pages, kept until an event changes them (issue 12 row 4)', () => {
  it('answers, kept or worked out again, what a handler keeping nothing answers, as events arrive between looks', async () => {
    let kept = 0;
    await fc.assert(
      fc.asyncProperty(
        randomFindingsLog(120),
        fc.array(fc.record({ day: viewDays, light: fc.option(fc.constantFrom<TrafficLight>('RED', 'YELLOW', 'GREEN'), { nil: undefined }), first: fc.integer({ min: 1, max: 4 }), order: fc.constantFrom<OpenPartOrder>(...OPEN_PART_ORDERS), events: fc.nat(12) }), { minLength: 2, maxLength: 6 }),
        async (log, looks) => {
          const server = project();
          const keeping = server.handler();
          let fed = 0;
          for (const look of looks) {
            server.feed(log.slice(fed, fed + look.events));
            fed += look.events;
            const reads = server.streams.reads;
            const given = await asked(keeping, look.day, look.light, look.first, look.order);
            if (server.streams.reads === reads) kept += 1;
            const expected = await asked(server.handler(), look.day, look.light, look.first, look.order);
            expect({ look, given }).toEqual({ look, given: expected });
            // Asked again at once: kept, no stream read.
            const again = server.streams.reads;
            expect(await asked(keeping, look.day, look.light, look.first, look.order)).toEqual(expected);
            expect(server.streams.reads).toBe(again);
          }
        },
      ),
      runs,
    );
    expect(kept).toBeGreaterThan(0);
  });
});
