import fc from 'fast-check';
import type { RecordedEvent } from '../event-sourcing/recorded-event.js';
import { UnitsReadModel } from '../organization/units/units.read-model.js';
import { buildDashboard } from '../rectification/dashboard/dashboard.js';
import { StreamsInMemory } from '../event-sourcing/testing/streams-in-memory.js';
import { RectificationLedger } from '../rectification/ledger/rectification-ledger.js';
import { randomFindingsLog, viewDays } from '../rectification/testing/random-findings-log.js';
import { changesAnswerAt, TimeTravelCache } from './time-travel-cache.js';
import type { TimeCut } from './time-cut.js';
import { currentRequest, inRequestScope, WorkAbandoned } from './request-scope.js';

const event = (streamId: string, type: string, occurredOn: string, recordedAt: string) =>
  ({ streamId, type, occurredOn, data: {}, metadata: { recordedAt } }) as unknown as RecordedEvent;
const asOfMay10: TimeCut = { asOf: '2026-05-10', knownAt: null, axes: ['BUSINESS_DAY'] };
const knownMay10: TimeCut = { asOf: '2026-05-10', knownAt: '2026-05-10T04:00:00.000Z', axes: ['RECORD_TIME'] };

describe('kept time-travel answers', () => {
  it('are folded once, shared by concurrent looks, and read again until an event changes them', async () => {
    const cache = new TimeTravelCache();
    let folds = 0;
    const fold = () => Promise.resolve(++folds);
    const [first, concurrent] = await Promise.all([cache.answer('dashboard', asOfMay10, fold), cache.answer('dashboard', asOfMay10, fold)]);
    expect([first, concurrent, await cache.answer('dashboard', asOfMay10, fold)]).toEqual([1, 1, 1]);
    cache.invalidate(event('finding-f1', 'RectificationReported', '2026-06-01', '2026-06-01T02:00:00.000Z'));
    expect(await cache.answer('dashboard', asOfMay10, fold)).toBe(1);
    cache.invalidate(event('finding-f1', 'RectificationReported', '2026-05-09', '2026-06-01T02:00:00.000Z'));
    expect(await cache.answer('dashboard', asOfMay10, fold)).toBe(2);
  });

  it('fold for as long as one asker still waits, in the first asker’s name, and stop once all have gone (breaker12b P7)', async () => {
    const cache = new TimeTravelCache();
    const seen: { caller?: string; signal?: AbortSignal }[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const fold = async () => {
      const scope = currentRequest();
      seen.push({ caller: scope?.caller, signal: scope?.signal });
      await gate;
      if (scope?.signal.aborted) throw new WorkAbandoned();
      return 'folded';
    };
    const alice = new AbortController();
    const bob = new AbortController();
    const first = inRequestScope({ caller: 'alice', signal: alice.signal }, () => cache.answer('dashboard', asOfMay10, fold));
    const second = inRequestScope({ caller: 'bob', signal: bob.signal }, () => cache.answer('dashboard', asOfMay10, fold));
    expect(seen.map(({ caller }) => caller)).toEqual(['alice']);
    alice.abort();
    expect(seen[0]!.signal!.aborted).toBe(false);
    bob.abort();
    expect(seen[0]!.signal!.aborted).toBe(true);
    release();
    await expect(first).rejects.toBeInstanceOf(WorkAbandoned);
    await expect(second).rejects.toBeInstanceOf(WorkAbandoned);
    // Not kept: the next asker folds again; work asked outside any request is never abandoned.
    expect(await cache.answer('dashboard', asOfMay10, () => Promise.resolve('again'))).toBe('again');
  });

  it('do not keep a fold that failed', async () => {
    const cache = new TimeTravelCache();
    await expect(cache.answer('dashboard', asOfMay10, () => Promise.reject(new Error('store gone')))).rejects.toThrow('store gone');
    expect(await cache.answer('dashboard', asOfMay10, () => Promise.resolve('folded again'))).toBe('folded again');
  });

  it('tell which events change an answer: late entries and corrections for a day, anything recorded by an instant, names and titles always', () => {
    expect(changesAnswerAt(asOfMay10, event('finding-f1', 'UnitAssigned', '2026-05-10', '2026-07-01T00:00:00.000Z'))).toBe(true);
    expect(changesAnswerAt(asOfMay10, event('finding-f1', 'UnitAssigned', '2026-05-11', '2026-05-11T00:00:00.000Z'))).toBe(false);
    expect(changesAnswerAt(asOfMay10, event('finding-f1', 'ReportDateCorrected', '2026-06-11', '2026-06-11T00:00:00.000Z'))).toBe(true);
    expect(changesAnswerAt(asOfMay10, event('work-plan-item-i1', 'WorkPlanItemDefined', '2026-06-11', '2026-06-11T00:00:00.000Z'))).toBe(true);
    expect(changesAnswerAt(asOfMay10, event('unit-fgw', 'UnitRenamed', '2026-06-11', '2026-06-11T00:00:00.000Z'))).toBe(true);
    expect(changesAnswerAt(knownMay10, event('unit-fgw', 'UnitRenamed', '2026-06-11', '2026-06-11T00:00:00.000Z'))).toBe(true);
    expect(changesAnswerAt(asOfMay10, event('user-u1', 'UserSignedIn', '2026-05-01', '2026-05-01T00:00:00.000Z'))).toBe(false);
    expect(changesAnswerAt(knownMay10, event('finding-f1', 'UnitAssigned', '2026-05-01', '2026-05-10T04:00:00.001Z'))).toBe(false);
    expect(changesAnswerAt(knownMay10, event('finding-f1', 'UnitAssigned', '2026-05-01', '2026-05-10T04:00:00.000Z'))).toBe(true);
  });

  it('let a retraction (撤销误录) or a hand-over undone change the days before its own: it takes back or moves a fact of another day (breaker54-8 S7)', () => {
    // Read as of May 10, then a 交办 of May 5 retracted on June 11: the kept answer listed the part, the fold no longer does.
    const retracted = { ...event('finding-f1', 'RecordRetracted', '2026-06-11', '2026-06-11T00:00:00.000Z'), data: { findingId: 'f1', unitId: 'u1', factType: 'UnitAssigned', on: '2026-05-05', reason: '交办对象录错' } } as RecordedEvent;
    expect(changesAnswerAt(asOfMay10, retracted)).toBe(true);
    expect(changesAnswerAt(asOfMay10, event('work-plan-item-i1', 'RecordRetracted', '2026-06-11', '2026-06-11T00:00:00.000Z'))).toBe(true);
    expect(changesAnswerAt(asOfMay10, event('finding-f1', 'PartHandOverUndone', '2026-06-11', '2026-06-11T00:00:00.000Z'))).toBe(true);
    // Recorded after the instant asked about, it changes nothing known then.
    expect(changesAnswerAt(knownMay10, retracted)).toBe(false);
  });

  it('let a withdrawal as recorded twice change every day, before its own too (breaker8d P5), and one the evaluator made only its days on', () => {
    const withdrawn = (data: object) => ({ ...event('finding-f1', 'FindingWithdrawn', '2026-06-11', '2026-06-11T00:00:00.000Z'), data }) as RecordedEvent;
    expect(changesAnswerAt(asOfMay10, withdrawn({ findingId: 'f1', reason: '重复登记', withdrawnOn: '2026-06-11', duplicateOf: 'f0' }))).toBe(true);
    expect(changesAnswerAt(asOfMay10, withdrawn({ findingId: 'f1', reason: '评估机构撤回', withdrawnOn: '2026-06-11' }))).toBe(false);
    expect(changesAnswerAt(asOfMay10, event('finding-f1', 'FindingWithdrawalUndone', '2026-06-11', '2026-06-12T00:00:00.000Z'))).toBe(true);
  });

  it('never keep an answer that an event has changed: on any log, events it lets through leave the dashboard at the cut as it was', async () => {
    await fc.assert(
      fc.asyncProperty(randomFindingsLog(), fc.nat(), viewDays, fc.boolean(), async (log, split, asOf, byInstant) => {
        const at = split % (log.length + 1);
        const knownAt = byInstant && at > 0 ? log[at - 1]!.metadata.recordedAt : null;
        const cut: TimeCut = { asOf, knownAt, axes: [] };
        const units = new UnitsReadModel();
        const streams = new StreamsInMemory();
        const ledger = new RectificationLedger(streams);
        const dashboardAtCut = async () =>
          buildDashboard({
            findings: await ledger.listFindingsAt({}, cut, null),
            evaluations: ledger.listEvaluations(),
            unitName: (unitId) => units.get(unitId)?.name ?? unitId,
            today: asOf,
            dueSoonDays: 7,
          });
        const apply = (e: RecordedEvent) => [streams, units, ledger].forEach((readModel) => readModel.apply(e));
        log.slice(0, at).forEach(apply);
        const kept = await dashboardAtCut();
        for (const later of log.slice(at)) {
          if (changesAnswerAt(cut, later)) return;
          apply(later);
          expect(await dashboardAtCut()).toEqual(kept);
        }
      }),
      { numRuns: 300 },
    );
  });
});
