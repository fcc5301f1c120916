export type RateLimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const MINUTE = 60_000;

/**
 * At most `perMinute` requests per client in each one-minute window, counted in memory (one
 * server process; each instance counts on its own). Windows of quiet clients are swept once a
 * minute, so memory stays proportional to the clients of the last minute.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();
  private sweptAt: number;

  constructor(
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.sweptAt = now();
  }

  /** Counts one request of `client`. */
  take(client: string): RateLimitVerdict {
    const now = this.now();
    this.sweep(now);
    let window = this.windows.get(client);
    if (!window || now - window.startedAt >= MINUTE) {
      window = { startedAt: now, count: 0 };
      this.windows.set(client, window);
    }
    if (window.count >= this.perMinute) {
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.startedAt + MINUTE - now) / 1000)) };
    }
    window.count += 1;
    return { allowed: true };
  }

  /** Clients counted in the current windows. */
  get size(): number {
    return this.windows.size;
  }

  private sweep(now: number) {
    if (now - this.sweptAt < MINUTE) return;
    this.sweptAt = now;
    for (const [client, window] of this.windows) {
      if (now - window.startedAt >= MINUTE) this.windows.delete(client);
    }
  }
}
