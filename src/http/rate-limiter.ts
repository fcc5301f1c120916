import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export type RateLimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const MINUTE_SECONDS = 60;

/**
 * At most `perMinute` points per key in each one-minute window (a window starts at the key's first
 * point), counted in memory by the `rate-limiter-flexible` package (one server process; each
 * instance counts on its own; a key is forgotten when its window ends). `perMinute` 0: no limit.
 *
 * Used for every limit the server keeps per caller: GraphQL requests per account or IP
 * (RATE_LIMIT_PER_MINUTE), sign-in attempts per login name and failed sign-ins per address.
 */
export class RateLimiter {
  private readonly counts: RateLimiterMemory | null;

  /** `name` keeps the keys of two limiters apart in the library's store (its `keyPrefix`). */
  constructor(
    readonly perMinute: number,
    name: string,
  ) {
    this.counts = perMinute > 0 ? new RateLimiterMemory({ points: perMinute, duration: MINUTE_SECONDS, keyPrefix: name }) : null;
  }

  /** Counts one point of `key`: allowed while the minute's points last, else how many whole seconds (≥ 1) until its window ends. */
  async take(key: string): Promise<RateLimitVerdict> {
    if (!this.counts) return { allowed: true };
    try {
      await this.counts.consume(key, 1);
      return { allowed: true };
    } catch (refused) {
      if (!(refused instanceof RateLimiterRes)) throw refused;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(refused.msBeforeNext / 1000)) };
    }
  }

  /** Whether `key` has points left in its current window, counting nothing. */
  async check(key: string): Promise<RateLimitVerdict> {
    const counted = await this.counts?.get(key);
    if (!this.counts || !counted || counted.consumedPoints < this.perMinute) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(counted.msBeforeNext / 1000)) };
  }

  /** Counts one point of `key` whatever is left (an attempt that failed, counted after the fact). */
  async count(key: string): Promise<void> {
    await this.counts?.penalty(key, 1);
  }

  /** Gives back one point `take` counted for `key` in its current window (e.g. a sign-in that succeeded). */
  async giveBack(key: string): Promise<void> {
    await this.counts?.reward(key, 1);
  }
}
