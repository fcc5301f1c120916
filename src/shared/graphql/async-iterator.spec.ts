import { Subject } from 'rxjs';
import { toAsyncIterator } from './async-iterator.js';

/** What the iterator gives until its source completes. */
async function drain<T>(iterator: AsyncIterableIterator<T>): Promise<T[]> {
  const taken: T[] = [];
  for await (const value of iterator) taken.push(value);
  return taken;
}

describe('a live feed as an async iterator', () => {
  it('buffers every value a subscriber has not taken yet', async () => {
    const source = new Subject<number>();
    const iterator = toAsyncIterator(source);
    for (const value of [1, 2, 3]) source.next(value);
    source.complete();
    expect(await drain(iterator)).toEqual([1, 2, 3]);
  });

  it('keeps only the newest waiting state with latestOnly: a burst of changes is one push for a slow subscriber (breaker12b P3)', async () => {
    const source = new Subject<number>();
    const iterator = toAsyncIterator(source, { latestOnly: true });
    for (const value of [1, 2, 3]) source.next(value);
    expect(await iterator.next()).toEqual({ value: 3, done: false });
    // A subscriber already waiting gets each value as it comes.
    const waiting = iterator.next();
    source.next(4);
    expect(await waiting).toEqual({ value: 4, done: false });
    source.next(5);
    source.next(6);
    source.complete();
    expect(await drain(iterator)).toEqual([6]);
  });
});
