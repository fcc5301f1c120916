import { PROBLEM_LOG_REPEAT_MS, ProblemsLogged } from './health.controller.js';

/*
 * breaker56-9 M3: a probe polling /health every second logged the whole CLOCK_BEHIND_LOG paragraph (≈600 characters,
 * twice) every second. A standing problem is said once, then only when it changes, comes back, or after a long while.
 */

const clock = (detail: string, since = '2026-12-07T10:00:00.000Z') => ({ cause: 'CLOCK_BEHIND_LOG', since, message: { en: `clock behind ${detail}`, zh: `时钟偏慢 ${detail}` } });
const full = { cause: 'DISK_FULL', since: '2026-12-07T10:00:05.000Z', message: { en: 'disk full', zh: '磁盘已满' } };

describe('Which standing store problems a /health check says in the log', () => {
  it('says a problem once while it stands unchanged, however often /health is asked', () => {
    const logged = new ProblemsLogged();
    expect(logged.toSay([clock('1 day')], 0)).toHaveLength(1);
    for (let second = 1; second <= 20; second += 1) expect(logged.toSay([clock('1 day')], second * 1000)).toEqual([]);
  });

  it('says it again when its text changes, when another problem joins it (only that one), and after the long interval', () => {
    const logged = new ProblemsLogged();
    logged.toSay([clock('1 day')], 0);
    expect(logged.toSay([clock('2 days')], 1000)).toEqual([clock('2 days')]);
    expect(logged.toSay([clock('2 days'), full], 2000)).toEqual([full]);
    expect(logged.toSay([clock('2 days'), full], 1000 + PROBLEM_LOG_REPEAT_MS - 1)).toEqual([]);
    expect(logged.toSay([clock('2 days'), full], 1000 + PROBLEM_LOG_REPEAT_MS)).toEqual([clock('2 days')]);
  });

  it('says a problem that went and came back (a new since), even with the same text', () => {
    const logged = new ProblemsLogged();
    logged.toSay([clock('1 day')], 0);
    expect(logged.toSay([], 1000)).toEqual([]);
    expect(logged.toSay([clock('1 day', '2026-12-07T10:05:00.000Z')], 2000)).toHaveLength(1);
  });
});
