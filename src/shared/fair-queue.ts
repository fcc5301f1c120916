import { WorkAbandoned } from './request-scope.js';

/** The caller of work started outside any request (a tool, a test): never refused, never abandoned. */
export const SERVER = 'server';

interface Waiting {
  readonly start: () => void;
  readonly drop: () => void;
}

/**
 * A queue of heavy work shared fairly among callers (time-travel folds, export files): at most
 * `atOnce` pieces run; those waiting are taken a caller at a time, round robin (each caller's own in
 * the order asked), so one person's many requests do not make another's single one wait behind them
 * all. A caller with `waitingPerCaller` pieces waiting is refused with `refusal(waiting)` rather than
 * queued behind its own. Work whose callers have all gone (`signal` aborted) leaves the queue at
 * once; running work is given the signal to stop by itself.
 */
export class FairQueue {
  private running = 0;
  /** Callers with work waiting, in turn order; each caller's own in the order asked. */
  private readonly waiting = new Map<string, Waiting[]>();

  constructor(
    private readonly atOnce: number,
    private readonly waitingPerCaller: number,
    private readonly refusal: (waiting: number) => Error,
  ) {}

  /**
   * Runs `work` when its turn comes. `caller`: whom it is for (RequestScope.caller; `SERVER` is never
   * refused). `signal`: aborted once nobody waits for it.
   * @throws `refusal(waiting)` when `caller` already has `waitingPerCaller` pieces waiting.
   * @throws WorkAbandoned when `signal` aborts first.
   */
  run<T>(caller: string, signal: AbortSignal | undefined, work: (signal: AbortSignal | undefined) => Promise<T>): Promise<T> {
    if (signal?.aborted) return Promise.reject(new WorkAbandoned());
    const execute = async (): Promise<T> => {
      this.running += 1;
      try {
        return await work(signal);
      } finally {
        this.running -= 1;
        this.next();
      }
    };
    if (this.running < this.atOnce && this.waiting.size === 0) return execute();
    const queue = this.waiting.get(caller) ?? [];
    if (caller !== SERVER && queue.length >= this.waitingPerCaller) return Promise.reject(this.refusal(queue.length));
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        entry.drop();
        reject(new WorkAbandoned());
      };
      const entry: Waiting = {
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          execute().then(resolve, reject);
        },
        drop: () => {
          const mine = this.waiting.get(caller);
          const at = mine?.indexOf(entry) ?? -1;
          if (at >= 0) mine!.splice(at, 1);
          if (mine?.length === 0) this.waiting.delete(caller);
        },
      };
      queue.push(entry);
      this.waiting.set(caller, queue);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** The next caller's first piece, that caller moved to the end of the turn. */
  private next(): void {
    while (this.running < this.atOnce && this.waiting.size > 0) {
      const [caller, queue] = this.waiting.entries().next().value!;
      const entry = queue.shift()!;
      this.waiting.delete(caller);
      if (queue.length > 0) this.waiting.set(caller, queue);
      entry.start();
    }
  }

  /** Pieces running now, and those waiting their turn. */
  get counts(): { running: number; waiting: number } {
    let waiting = 0;
    for (const queue of this.waiting.values()) waiting += queue.length;
    return { running: this.running, waiting };
  }
}

