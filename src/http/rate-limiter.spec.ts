import { jest } from '@jest/globals';
import { RateLimiter } from './rate-limiter.js';

describe('rate limiter (rate-limiter-flexible, in memory)', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: Date.parse('2026-04-01T01:00:00Z') });
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  const takeTimes = async (limits: RateLimiter, key: string, times: number) => {
    const verdicts = [];
    for (let i = 0; i < times; i++) verdicts.push(await limits.take(key));
    return verdicts;
  };

  it('allows a key its points of the minute, then refuses, saying how long to wait', async () => {
    const limits = new RateLimiter(3, 'test');
    expect((await takeTimes(limits, 'token:a', 3)).map((verdict) => verdict.allowed)).toEqual([true, true, true]);
    jest.advanceTimersByTime(20_000);
    expect(await limits.take('token:a')).toEqual({ allowed: false, retryAfterSeconds: 40 });
  });

  it('counts each key on its own, and two limiters on their own', async () => {
    const limits = new RateLimiter(3, 'test');
    const other = new RateLimiter(3, 'other');
    await takeTimes(limits, 'token:a', 4);
    expect(await limits.take('token:b')).toEqual({ allowed: true });
    expect(await limits.take('ip:127.0.0.1')).toEqual({ allowed: true });
    expect(await other.take('token:a')).toEqual({ allowed: true });
  });

  it('gives a key a fresh allowance once its minute is over', async () => {
    const limits = new RateLimiter(3, 'test');
    await takeTimes(limits, 'token:a', 4);
    jest.advanceTimersByTime(60_000);
    expect(await limits.take('token:a')).toEqual({ allowed: true });
  });

  it('takes back a point given back (a sign-in that succeeded)', async () => {
    const limits = new RateLimiter(2, 'test');
    for (let i = 0; i < 10; i++) {
      expect(await limits.take('ip:10.0.0.1')).toEqual({ allowed: true });
      await limits.giveBack('ip:10.0.0.1');
    }
    await takeTimes(limits, 'ip:10.0.0.1', 2);
    expect((await limits.take('ip:10.0.0.1')).allowed).toBe(false);
  });

  it('checks a key without counting, and counts after the fact whatever is left', async () => {
    const limits = new RateLimiter(2, 'test');
    for (let i = 0; i < 5; i++) expect(await limits.check('name:a')).toEqual({ allowed: true });
    await limits.count('name:a');
    await limits.count('name:a');
    jest.advanceTimersByTime(15_000);
    expect(await limits.check('name:a')).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect(await limits.check('name:b')).toEqual({ allowed: true });
  });

  it('allows everything when the limit is 0', async () => {
    const limits = new RateLimiter(0, 'test');
    expect((await takeTimes(limits, 'token:a', 1000)).every((verdict) => verdict.allowed)).toBe(true);
  });
});
