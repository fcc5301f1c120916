import fc from 'fast-check';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import type { RecordedEvent } from '../../event-sourcing/recorded-event.js';
import { StreamsInMemory } from '../../event-sourcing/testing/streams-in-memory.js';
import { TURN_MS } from '../../shared/time-travel-fold.js';
import { RectificationLedger } from '../ledger/rectification-ledger.js';
import { randomFindingsLog } from '../testing/random-findings-log.js';
import { DashboardReadModel } from './dashboard.read-model.js';
import { figuresOn, openPartsOn, withSharesReplaced, type ByDayState, type Segment } from './dashboard-by-day.js';

/*
 * perf48 (issue 12 row 4, "no request blocks others"): `dashboard(knownAt)` replaces the kept segments of every finding
 * recorded or changed after the instant in a copy of the by-day state; at an early instant that is most findings, and it
 * held the event loop 100–130 ms in one turn at 10k events. The replacing now runs a slice at a time.
 */

const log = fc.sample(randomFindingsLog(160), { seed: 48, numRuns: 1 })[0]!;

function projected(events: readonly RecordedEvent[]) {
  const units = new UnitsReadModel();
  const streams = new StreamsInMemory();
  const ledger = new RectificationLedger(streams);
  const dashboards = new DashboardReadModel(ledger, units);
  const feed = (more: readonly RecordedEvent[]) => {
    for (const event of more) for (const readModel of [streams, units, ledger, dashboards]) readModel.apply(event);
  };
  feed(events);
  // The kept by-day state itself: what `atRecordTime` copies.
  const byDay = () => (dashboards as unknown as { state: { byDay: ByDayState } }).state.byDay;
  return { byDay, feed };
}

/** Every finding of `state` taken back (not identified at the cut): the most replacing an early instant asks. */
const everyFindingTakenBack = (state: ByDayState) => new Map<string, readonly Segment[]>([...state.findings.keys()].map((findingId) => [findingId, []]));

const DAY = '2026-05-13';
const read = (state: ByDayState) => ({ figures: figuresOn(state, DAY, 7, (unitId) => unitId, (evaluationId) => evaluationId), open: openPartsOn(state, DAY) });

describe('a record-time copy of the by-day figures is made a slice at a time (perf48)', () => {
  it(`gives the event loop back after ${TURN_MS} ms of replacing findings, not after all of them`, async () => {
    const { byDay } = projected(log);
    const shares = everyFindingTakenBack(byDay());
    expect(shares.size).toBeGreaterThan(10);
    // A clock that moves 1 ms each time it is read: one read per finding replaced.
    let now = 0;
    const clock = () => (now += 1);
    let otherTurns = 0;
    let longest = 0;
    let turnStartedAt = 0;
    let done = false;
    const other = (async () => {
      while (!done) {
        await nextTurn();
        longest = Math.max(longest, now - turnStartedAt);
        turnStartedAt = now;
        otherTurns += 1;
      }
    })();
    const copy = await withSharesReplaced(byDay(), shares, 7, clock);
    longest = Math.max(longest, now - turnStartedAt);
    done = true;
    await other;
    // Another request's turn came every TURN_MS or so of this work; on the old code it came only after all of it.
    expect(otherTurns).toBeGreaterThanOrEqual(Math.floor(shares.size / (TURN_MS + 1)) - 1);
    expect(longest).toBeLessThanOrEqual(TURN_MS + 2);
    // The same copy as made in one turn (a clock that never moves).
    expect(read(copy)).toEqual(read(await withSharesReplaced(byDay(), shares, 7, () => 0)));
    // Every finding taken back: nothing counted on the day.
    expect(read(copy).figures.findings.total).toBe(0);
  });

  it('copies one moment: events projected between its slices change the kept state, not the copy', async () => {
    const cutAt = Math.floor(log.length / 2);
    const { byDay, feed } = projected(log.slice(0, cutAt));
    const shares = new Map([...everyFindingTakenBack(byDay())].slice(0, 5));
    const before = read(await withSharesReplaced(byDay(), shares, 7, () => 0));
    let now = 0;
    let fed = false;
    const feeding = (async () => {
      await nextTurn();
      feed(log.slice(cutAt));
      fed = true;
    })();
    // Yields after every finding: the rest of the log is projected while the copy is being made.
    const copy = await withSharesReplaced(byDay(), shares, 7, () => (now += TURN_MS));
    await feeding;
    expect(fed).toBe(true);
    expect(read(copy)).toEqual(before);
  });
});
