import fc from 'fast-check';
import type { Projection, RecordedEvent } from '../../event-sourcing/recorded-event.js';
import { StreamsInMemory } from '../../event-sourcing/testing/streams-in-memory.js';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import { randomFindingsLog, viewDays } from '../../rectification/testing/random-findings-log.js';
import { DomainError } from '../../shared/domain-error.js';
import { PLAN, PLAN_DAYS, planInserts, planLogOf } from '../testing/random-plan-log.js';
import { WorkPlanLedger } from './work-plan-ledger.js';
import { BreakdownsNow, PAST_BREAKDOWNS_KEPT, workPlanAt } from './work-plan.queries.js';

/*
 * Issue 12 row 4 (perf12c): `workPlan(asOf / knownAt)` keeps its answer (`BreakdownsNow.atCut`) while nothing of the plan
 * changes, instead of folding every item of the plan from its stream on every call. On any history — late entries,
 * corrections, hand-overs, withdrawals, their undoing, reinstatements, a corrected approval day — and with events arriving
 * between two looks, what it answers (kept or folded again) must be what a fold of every item at that cut gives.
 */

const runs = { numRuns: Number(process.env.AGREEMENT_RUNS ?? 300), seed: Number(process.env.AGREEMENT_SEED ?? 20261204) };
const NOW = new Date('2026-08-01T04:00:00Z');
const DUE_SOON_DAYS = 7;

class CountedStreams extends StreamsInMemory {
  reads = 0;

  override read(streamId: string): Promise<RecordedEvent[]> {
    this.reads += 1;
    return super.read(streamId);
  }
}

function project() {
  const streams = new CountedStreams();
  const units = new UnitsReadModel();
  const workPlans = new WorkPlanLedger(streams);
  const all: Projection[] = [streams, units, workPlans];
  const feed = async (events: readonly RecordedEvent[]) => {
    for (const event of events) {
      for (const readModel of all) readModel.apply(event);
      for (const readModel of all) await readModel.settle?.();
    }
  };
  return { streams, workPlans, kept: new BreakdownsNow(workPlans), feed };
}

const looks = fc.array(
  fc.record({ asOf: fc.option(viewDays, { nil: undefined }), knownAt: fc.option(fc.nat(200), { nil: undefined }), unitId: fc.option(fc.constantFrom('fgw', 'czj', 'zjj'), { nil: undefined }) }),
  { minLength: 1, maxLength: 4 },
);

/** The answer, or the refusal's code: a plan not yet recorded at the cut is refused alike. */
async function answer(server: ReturnType<typeof project>, options: Parameters<typeof workPlanAt>[1], kept: boolean): Promise<unknown> {
  try {
    return await workPlanAt(server.workPlans, options, NOW, DUE_SOON_DAYS, server.workPlans.latestRecordedAt, kept ? server.kept : undefined);
  } catch (error) {
    if (error instanceof DomainError) return { refused: error.code };
    throw error;
  }
}

describe('a past day’s or instant’s work-plan breakdown, kept while its plan is unchanged (issue 12 row 4)', () => {
  it('answers what a fold of every item at the cut gives, kept or folded again, while events arrive between looks', async () => {
    let hits = 0;
    await fc.assert(
      fc.asyncProperty(randomFindingsLog(), fc.nat(PLAN_DAYS.length - 1), planInserts, fc.array(looks, { minLength: 2, maxLength: 5 }), async (itemsLog, approvedOn, put, rounds) => {
        const log = planLogOf([], itemsLog, approvedOn, put);
        const server = project();
        const step = Math.max(1, Math.ceil(log.length / rounds.length));
        for (const [round, asked] of rounds.entries()) {
          // Some rounds bring no event: the kept answers must then be read, not folded again.
          if (round % 3 !== 2) await server.feed(log.slice(round * step, (round + 1) * step));
          for (const look of asked) {
            const knownAt = look.knownAt === undefined || log.length === 0 ? undefined : log[look.knownAt % log.length]!.metadata.recordedAt;
            const options = { planId: PLAN, asOf: look.asOf, knownAt, unitId: look.unitId };
            const expected = await answer(server, options, false);
            const reads = server.streams.reads;
            const given = await answer(server, options, true);
            if (server.streams.reads === reads) hits += 1;
            expect({ options, answer: given }).toEqual({ options, answer: expected });
            // Asked again at once: kept (no stream read), the same answer.
            const again = server.streams.reads;
            expect(await answer(server, options, true)).toEqual(expected);
            if (!(expected as { refused?: string }).refused) expect(server.streams.reads).toBe(again);
          }
        }
      }),
      runs,
    );
    expect(hits).toBeGreaterThan(0);
  });

  it(`keeps at most ${PAST_BREAKDOWNS_KEPT}, the least recently asked dropped first`, async () => {
    const server = project();
    const log = fc
      .sample(randomFindingsLog(), { seed: runs.seed, numRuns: 50 })
      .map((itemsLog) => planLogOf([], itemsLog, 0, []))
      .find((events) => events.some((event) => event.type === 'WorkPlanImported'))!;
    await server.feed(log);
    const days = ['2026-07-01', '2026-07-02', '2026-07-03', '2026-07-04', '2026-07-05'];
    for (const asOf of days) await answer(server, { planId: PLAN, asOf }, true);
    const reads = server.streams.reads;
    // The last four are kept…
    for (const asOf of days.slice(1)) await answer(server, { planId: PLAN, asOf }, true);
    expect(server.streams.reads).toBe(reads);
    // …the first was dropped.
    await answer(server, { planId: PLAN, asOf: days[0] }, true);
    expect(server.streams.reads).toBeGreaterThan(reads);
  });
});
