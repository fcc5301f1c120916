import { setImmediate as nextTurn } from 'node:timers/promises';
import { FOLDS_AT_ONCE, foldAtCut, foldsInProgress, PARENTS_PER_TURN, TURN_MS } from './time-travel-fold.js';
import type { TimeCut } from './time-cut.js';

const cut: TimeCut = { asOf: '2026-05-01', knownAt: null, axes: ['BUSINESS_DAY'] };
const ids = Array.from({ length: PARENTS_PER_TURN * 4 + 3 }, (_, index) => `f${index}`);

describe('folding every parent at a time cut', () => {
  it('gives the event loop back between slices, so another request is answered before the fold ends', async () => {
    const order: string[] = [];
    const folding = foldAtCut(ids, cut, '2026-05-01T08:00:00.000Z', (id) => {
      if (id === ids.at(-1)) order.push('fold ended');
      return id;
    });
    void nextTurn().then(() => order.push('other request'));
    expect(await folding).toEqual(ids);
    expect(order).toEqual(['other request', 'fold ended']);
  });

  it('gives the loop back after TURN_MS of folding, however few parents that took (a slow stream read, a loaded machine)', async () => {
    const order: string[] = [];
    let now = 0;
    // Each parent takes a whole turn's time: after every parent, another request gets its turn.
    const folding = foldAtCut(['a', 'b', 'c'], cut, null, (id) => ((now += TURN_MS), order.push(id), id), () => now);
    void nextTurn().then(() => order.push('other request'));
    expect(await folding).toEqual(['a', 'b', 'c']);
    expect(order.indexOf('other request')).toBe(1);
  });

  it('folds quick parents PARENTS_PER_TURN to a turn, not one by one', async () => {
    let folded = 0;
    let done = false;
    const seenBetweenTurns: number[] = [];
    const folding = foldAtCut(ids, cut, null, (id) => ((folded += 1), id), () => 0).then(() => (done = true));
    while (!done) {
      await nextTurn();
      seenBetweenTurns.push(folded);
    }
    await folding;
    const midway = seenBetweenTurns.filter((count) => count < ids.length);
    expect(midway.length).toBeGreaterThanOrEqual(4);
    expect(midway.every((count) => count % PARENTS_PER_TURN === 0)).toBe(true);
  });

  it('folds every parent up to the latest event recorded when it started, so one answer is one moment', async () => {
    const seen = new Set<string | null>();
    await foldAtCut(ids, cut, '2026-05-01T08:00:00.000Z', (id, at) => (seen.add(at.knownAt), id));
    expect([...seen]).toEqual(['2026-05-01T08:00:00.000Z']);
  });

  it('keeps an earlier knownAt of the cut, and leaves out parents that did not exist at the cut', async () => {
    const known: TimeCut = { ...cut, knownAt: '2026-04-01T00:00:00.000Z', axes: ['BUSINESS_DAY', 'RECORD_TIME'] };
    const views = await foldAtCut(['a', 'b', 'c'], known, '2026-05-01T08:00:00.000Z', (id, at) => (id === 'b' ? undefined : `${id}@${at.knownAt}`));
    expect(views).toEqual(['a@2026-04-01T00:00:00.000Z', 'c@2026-04-01T00:00:00.000Z']);
  });

  it(`runs at most ${FOLDS_AT_ONCE} folds at once: another day asked meanwhile waits its turn instead of growing the heap (breaker12 P8)`, async () => {
    const started: string[] = [];
    const release: (() => void)[] = [];
    const blocked = (day: string) =>
      foldAtCut(['a'], { ...cut, asOf: day }, null, async (id) => {
        started.push(day);
        await new Promise<void>((resolve) => release.push(resolve));
        return id;
      });
    const folds = ['2026-04-01', '2026-04-02', '2026-04-03', '2026-04-04'].map(blocked);
    for (let turn = 0; turn < 5; turn++) await nextTurn();
    expect(started).toEqual(['2026-04-01', '2026-04-02']);
    expect(foldsInProgress()).toEqual({ running: FOLDS_AT_ONCE, waiting: 2 });
    release.shift()!();
    await folds[0];
    for (let turn = 0; turn < 5; turn++) await nextTurn();
    expect(started).toEqual(['2026-04-01', '2026-04-02', '2026-04-03']);
    while (release.length > 0 || started.length < 4) {
      release.shift()?.();
      await nextTurn();
    }
    expect(await Promise.all(folds)).toEqual([['a'], ['a'], ['a'], ['a']]);
    expect(foldsInProgress()).toEqual({ running: 0, waiting: 0 });
  });
});
