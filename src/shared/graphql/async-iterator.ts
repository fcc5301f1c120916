import type { Observable, Subscription } from 'rxjs';

/**
 * GraphQL subscriptions consume async iterators; our live feeds are observables. Values that
 * arrive while the client is not yet pulling are buffered, and `return()` unsubscribes. With
 * `latestOnly` (a feed whose every value is the whole current state: the dashboard, one finding),
 * only the newest waiting value is kept: a burst of changes costs a slow subscriber one push of
 * the latest state, not one per change, and its buffer never grows.
 */
export function toAsyncIterator<T>(source: Observable<T>, options: { latestOnly?: boolean } = {}): AsyncIterableIterator<T> {
  const buffered: T[] = [];
  const waiting: ((result: IteratorResult<T>) => void)[] = [];
  let done = false;
  let subscription: Subscription | null = null;

  const finish = (): Promise<IteratorResult<T>> => {
    done = true;
    subscription?.unsubscribe();
    for (const resolve of waiting.splice(0)) resolve({ value: undefined, done: true });
    return Promise.resolve({ value: undefined, done: true });
  };

  subscription = source.subscribe({
    next: (value) => {
      const resolve = waiting.shift();
      if (resolve) resolve({ value, done: false });
      else if (options.latestOnly) buffered.splice(0, buffered.length, value);
      else buffered.push(value);
    },
    complete: () => void finish(),
    error: () => void finish(),
  });

  return {
    next: () => {
      if (buffered.length > 0) return Promise.resolve({ value: buffered.shift()!, done: false });
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => waiting.push(resolve));
    },
    return: finish,
    throw: async (error?: unknown) => {
      await finish();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
