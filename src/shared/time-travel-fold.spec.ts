import { setImmediate as nextTurn } from 'node:timers/promises';
import { FOLDS_AT_ONCE, FOLDS_WAITING_PER_CALLER, FoldQueue, foldAtCut, foldsInProgress, PARENTS_PER_TURN, TURN_MS } from './time-travel-fold.js';
import { inRequestScope, WorkAbandoned } from './request-scope.js';
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

describe('the queue of folds (breaker12b P7)', () => {
  /** A fold that waits until released, noting when it starts. */
  function blocked(started: string[], name: string) {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    return { release, work: async () => (started.push(name), await gate, name) };
  }
  const turns = async (count = 5) => {
    for (let turn = 0; turn < count; turn++) await nextTurn();
  };

  it('takes waiting folds a caller at a time: one person’s many days do not make another’s one day wait behind them all', async () => {
    const queue = new FoldQueue(1, 4);
    const started: string[] = [];
    const folds = [blocked(started, 'a1'), blocked(started, 'a2'), blocked(started, 'a3'), blocked(started, 'b1')];
    const answers = folds.map((fold, index) => queue.run(index < 3 ? 'a' : 'b', undefined, fold.work));
    await turns();
    expect(started).toEqual(['a1']);
    expect(queue.counts).toEqual({ running: 1, waiting: 3 });
    folds[0]!.release();
    await turns();
    expect(started).toEqual(['a1', 'a2']);
    folds[1]!.release();
    await turns();
    // b's only day comes before a's third.
    expect(started).toEqual(['a1', 'a2', 'b1']);
    folds[3]!.release();
    await turns();
    folds[2]!.release();
    expect(await Promise.all(answers)).toEqual(['a1', 'a2', 'a3', 'b1']);
    expect(queue.counts).toEqual({ running: 0, waiting: 0 });
  });

  it('drops a waiting fold whose caller has gone, and stops a running one at its next slice', async () => {
    const queue = new FoldQueue(1, 4);
    const started: string[] = [];
    const first = blocked(started, 'first');
    const gone = new AbortController();
    const running = queue.run('a', gone.signal, first.work);
    const waitingGone = new AbortController();
    const waiting = queue.run('b', waitingGone.signal, blocked(started, 'never').work);
    const other = blocked(started, 'other');
    const otherAnswer = queue.run('c', undefined, other.work);
    await turns();
    waitingGone.abort();
    await expect(waiting).rejects.toBeInstanceOf(WorkAbandoned);
    expect(queue.counts).toEqual({ running: 1, waiting: 1 });
    first.release();
    await running;
    await turns();
    expect(started).toEqual(['first', 'other']);
    other.release();
    expect(await otherAnswer).toBe('other');
    // A fold of many parents whose caller goes while it runs: the rest is not folded.
    const folded: string[] = [];
    const leaving = new AbortController();
    const many = Array.from({ length: PARENTS_PER_TURN * 3 }, (_, index) => `f${index}`);
    const fold = inRequestScope({ caller: 'd', signal: leaving.signal }, () => foldAtCut(many, cut, null, (id) => (folded.push(id), id), () => 0));
    await nextTurn();
    leaving.abort();
    await expect(fold).rejects.toBeInstanceOf(WorkAbandoned);
    expect(folded.length).toBeLessThan(many.length);
  });

  it('refuses a caller’s fold past FOLDS_WAITING_PER_CALLER waiting, in Chinese, and lets another caller queue', async () => {
    const queue = new FoldQueue(1, FOLDS_WAITING_PER_CALLER);
    const started: string[] = [];
    const running = blocked(started, 'running');
    const answers = [queue.run('a', undefined, running.work)];
    const waiting = Array.from({ length: FOLDS_WAITING_PER_CALLER }, (_, index) => blocked(started, `w${index}`));
    for (const fold of waiting) answers.push(queue.run('a', undefined, fold.work));
    await expect(queue.run('a', undefined, async () => 'refused')).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS', messageZh: expect.stringMatching(/^您已有 4 个过去日期的数据正在计算/) });
    const b = blocked(started, 'b');
    answers.push(queue.run('b', undefined, b.work));
    running.release();
    for (const fold of [...waiting, b]) fold.release();
    await Promise.all(answers);
    expect(started).toEqual(['running', 'w0', 'b', 'w1', 'w2', 'w3']);
  });
});
