import pLimit, { type LimitFunction } from 'p-limit';

/**
 * Work run one at a time per key, in arrival order (a `p-limit(1)` queue per key), within this
 * process. A key's queue is dropped once nothing runs or waits in it, so keys seen once (an
 * account, an evaluation) leave nothing behind. Not re-entrant: work must not queue again on a key
 * it holds.
 */
export class OneAtATime {
  private readonly queues = new Map<string, LimitFunction>();

  /** Runs `work` after the work queued on `key` before it; resolves or rejects as `work` does. */
  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const queue = this.queues.get(key) ?? pLimit(1);
    this.queues.set(key, queue);
    try {
      return await queue(work);
    } finally {
      if (queue.activeCount === 0 && queue.pendingCount === 0 && this.queues.get(key) === queue) this.queues.delete(key);
    }
  }

  /**
   * Runs `work` holding every key of `keys` (each once, taken in sorted order, so two calls holding
   * overlapping keys never wait on each other in a circle). No keys: runs at once.
   */
  runHolding<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    const sorted = [...new Set(keys)].sort();
    const hold = (index: number): Promise<T> => (index === sorted.length ? work() : this.run(sorted[index], () => hold(index + 1)));
    return hold(0);
  }

  /** Keys with work running or waiting now (for tests). */
  get busyKeys(): number {
    return this.queues.size;
  }
}
