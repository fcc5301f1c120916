import { Subject } from 'rxjs';
import type { ProjectionEngine } from '../event-sourcing/projection-engine.js';
import { Metrics } from '../observability/metrics.js';
import type { DashboardReadModel } from '../rectification/dashboard/dashboard.read-model.js';
import { OneRefoldAtATime } from '../rectification/dashboard/dashboard-by-day.js';
import type { WorkPlanPartsReadModel } from '../work-plan/breakdown/work-plan-parts.read-model.js';
import { BACKGROUND_REFOLD_AT, PastDayRefolds } from './past-day-refolds.js';

/** A read model's stale parents, refolded (through `OneRefoldAtATime`, as the real ones) when `open` is called. */
function staleParents(count: number) {
  const state = { stale: count, refolds: 0 };
  let open!: () => void;
  let gate = new Promise<void>((resolve) => (open = resolve));
  const refolds = new OneRefoldAtATime();
  const refold = () =>
    refolds.run(
      () => state.stale,
      async () => {
        state.refolds += 1;
        await gate;
        state.stale = 0;
      },
    );
  return {
    state,
    refold,
    open: () => open(),
    hold: () => (gate = new Promise<void>((resolve) => (open = resolve))),
  };
}

/** perf12c: the first answer about a past day after a start no longer pays for refolding the parents out of business order. */
describe('PastDayRefolds', () => {
  const setUp = (findingsStale: number, itemsStale: number) => {
    const findings = staleParents(findingsStale);
    const items = staleParents(itemsStale);
    items.open();
    const events = new Subject<unknown>();
    const metrics = new Metrics();
    const refolds = new PastDayRefolds(
      { refoldPastDays: findings.refold, get findingsToRefold() { return findings.state.stale; }, latestRecordedAt: null } as unknown as DashboardReadModel,
      { refoldPastDays: items.refold, get itemsToRefold() { return items.state.stale; } } as unknown as WorkPlanPartsReadModel,
      { events$: events.asObservable() } as unknown as ProjectionEngine,
      metrics,
    );
    const gauge = async () => (await metrics.registry.getSingleMetricAsString('rectify_past_day_refolds_pending')).split('\n').at(-1);
    return { findings, items, events, refolds, gauge };
  };

  it('refolds what the start left waiting in the background; an answer asked meanwhile waits for it instead of reading the streams again', async () => {
    const { findings, items, refolds, gauge } = setUp(3, 2);
    expect(await gauge()).toBe('rectify_past_day_refolds_pending 5');
    refolds.onApplicationBootstrap();
    const background = refolds.underWay!;
    expect(background).not.toBeNull();
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    // An answer's own refold, while the background one reads.
    const answer = findings.refold();
    findings.open();
    await Promise.all([answer, background]);
    expect(findings.state.refolds).toBe(1);
    expect(items.state.refolds).toBe(1);
    expect(refolds.pending).toBe(0);
    expect(refolds.underWay).toBeNull();
    expect(await gauge()).toBe('rectify_past_day_refolds_pending 0');
    await refolds.onApplicationShutdown();
  });

  it(`starts again once ${BACKGROUND_REFOLD_AT} parents wait after an event, not for fewer (the next answer refolds those)`, async () => {
    const { findings, events, refolds } = setUp(0, 0);
    refolds.onApplicationBootstrap();
    expect(refolds.underWay).toBeNull();
    findings.open();
    findings.state.stale = BACKGROUND_REFOLD_AT - 1;
    events.next({});
    expect(refolds.underWay).toBeNull();
    findings.state.stale = BACKGROUND_REFOLD_AT;
    events.next({});
    await refolds.underWay;
    expect(findings.state.refolds).toBe(1);
    expect(refolds.pending).toBe(0);
    await refolds.onApplicationShutdown();
  });

  it('stops at shutdown; what is left waits for the next answer', async () => {
    const { findings, refolds } = setUp(4, 0);
    refolds.onApplicationBootstrap();
    const stopped = refolds.onApplicationShutdown();
    findings.open();
    await stopped;
    expect(findings.state.refolds).toBe(0);
    expect(refolds.pending).toBe(4);
    expect(refolds.underWay).toBeNull();
  });
});
