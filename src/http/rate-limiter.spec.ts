import { RateLimiter } from './rate-limiter.js';

describe('rate limiter', () => {
  let now: number;
  const limiter = () => new RateLimiter(3, () => now);

  beforeEach(() => {
    now = Date.parse('2026-04-01T01:00:00Z');
  });

  it('allows a client its requests of the minute, then refuses, saying how long to wait', () => {
    const limits = limiter();
    expect([1, 2, 3].map(() => limits.take('token:a').allowed)).toEqual([true, true, true]);
    now += 20_000;
    expect(limits.take('token:a')).toEqual({ allowed: false, retryAfterSeconds: 40 });
  });

  it('counts each client on its own', () => {
    const limits = limiter();
    [1, 2, 3, 4].forEach(() => limits.take('token:a'));
    expect(limits.take('token:b')).toEqual({ allowed: true });
    expect(limits.take('ip:127.0.0.1')).toEqual({ allowed: true });
  });

  it('gives a client a fresh allowance once its minute is over', () => {
    const limits = limiter();
    [1, 2, 3, 4].forEach(() => limits.take('token:a'));
    now += 60_000;
    expect(limits.take('token:a')).toEqual({ allowed: true });
  });

  it('forgets clients that went quiet, so memory does not grow with every client ever seen', () => {
    const limits = limiter();
    for (let i = 0; i < 1000; i++) limits.take(`token:${i}`);
    expect(limits.size).toBe(1000);
    now += 61_000;
    limits.take('token:new');
    expect(limits.size).toBe(1);
  });
});
