import { coalescedReloads, type ReloadTiming } from '../web/src/reload-coalescer.js';

/*
 * breaker12c P4: every push reloaded every open view at once, for every push: 20 people on 总览 and a
 * burst of 20 new findings were 380 full reloads (the last answered after 18.7 s), and one person's
 * tabs got 请求过于频繁. Pushes are now taken together: one reload at a time, at least a gap apart,
 * none while the tab is hidden.
 */
describe('reloads driven by pushes', () => {
  /** A clock the test moves, timers it fires, and a tab it hides and shows. */
  function harness(gapMs = 1000) {
    let now = 0;
    let hidden = false;
    const timers: { at: number; run: () => void }[] = [];
    const shown: (() => void)[] = [];
    const timing: ReloadTiming = {
      now: () => now,
      later: (run, ms) => void timers.push({ at: now + ms, run }),
      hidden: () => hidden,
      whenShown: (run) => void shown.push(run),
    };
    const reloads: { finish: () => void }[] = [];
    let atOnce = 0;
    let mostAtOnce = 0;
    const reload = () =>
      new Promise<void>((resolve) => {
        atOnce += 1;
        mostAtOnce = Math.max(mostAtOnce, atOnce);
        reloads.push({
          finish: () => {
            atOnce -= 1;
            resolve();
          },
        });
      });
    const push = coalescedReloads(reload, gapMs, timing);
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    return {
      push,
      reloads,
      mostAtOnce: () => mostAtOnce,
      settle,
      /** Moves the clock by `ms`, firing the timers due. */
      async pass(ms: number) {
        now += ms;
        const due = timers.filter((timer) => timer.at <= now);
        for (const timer of due) timers.splice(timers.indexOf(timer), 1);
        for (const timer of due) timer.run();
        await settle();
      },
      async finishLatest() {
        reloads.at(-1)!.finish();
        await settle();
      },
      hide: () => (hidden = true),
      async show() {
        hidden = false;
        shown.splice(0).forEach((run) => run());
        await settle();
      },
    };
  }

  it('reloads at once on a single push after a quiet spell', async () => {
    const tab = harness();
    tab.push();
    await tab.settle();
    expect(tab.reloads).toHaveLength(1);
  });

  it('takes a burst of 20 pushes during a reload as one more reload after it, never two at once', async () => {
    const tab = harness();
    tab.push();
    await tab.settle();
    for (let i = 0; i < 20; i++) tab.push();
    await tab.settle();
    expect(tab.reloads).toHaveLength(1);
    await tab.pass(5000);
    expect(tab.reloads).toHaveLength(1);
    await tab.finishLatest();
    expect(tab.reloads).toHaveLength(2);
    await tab.finishLatest();
    await tab.pass(5000);
    expect(tab.reloads).toHaveLength(2);
    expect(tab.mostAtOnce()).toBe(1);
  });

  it('starts reloads at least the gap apart: pushes within it are taken together once it has passed', async () => {
    const tab = harness(1000);
    tab.push();
    await tab.settle();
    await tab.finishLatest();
    await tab.pass(100);
    for (let i = 0; i < 5; i++) tab.push();
    await tab.settle();
    expect(tab.reloads).toHaveLength(1);
    await tab.pass(899);
    expect(tab.reloads).toHaveLength(1);
    await tab.pass(1);
    expect(tab.reloads).toHaveLength(2);
  });

  it('does not reload a hidden tab; reloads it once when shown, if a push came meanwhile', async () => {
    const tab = harness();
    tab.hide();
    for (let i = 0; i < 10; i++) tab.push();
    await tab.pass(10_000);
    expect(tab.reloads).toHaveLength(0);
    await tab.show();
    expect(tab.reloads).toHaveLength(1);
    await tab.finishLatest();
    tab.hide();
    await tab.show();
    await tab.pass(10_000);
    expect(tab.reloads).toHaveLength(1);
  });

  it('goes on after a reload that failed (the view shows its own failure)', async () => {
    let tried = 0;
    const push = coalescedReloads(
      () => {
        tried += 1;
        return Promise.reject(new Error('503'));
      },
      0,
      { now: () => 0, later: (run) => run(), hidden: () => false, whenShown: () => undefined },
    );
    push();
    await new Promise((resolve) => setImmediate(resolve));
    push();
    await new Promise((resolve) => setImmediate(resolve));
    expect(tried).toBe(2);
  });
});
