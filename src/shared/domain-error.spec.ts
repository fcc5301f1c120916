import { notFound, notYetRecorded } from './domain-error.js';

describe('A NOT_FOUND refusal (issue 9: nothing sent is echoed back at any length)', () => {
  it('names a real id in full in English; the Chinese names the kind of thing, never the id (issue 11: staff never see ids)', () => {
    const error = notFound('Finding', '3f2a1c9e-0b7d-4e2a-9c1f-5d6e7f8a9b0c', 'findingId');
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe('Finding 3f2a1c9e-0b7d-4e2a-9c1f-5d6e7f8a9b0c does not exist.');
    expect(error.messageZh).toBe('找不到所指的问题（可能已不存在，或链接有误）。');
    expect(error.details).toEqual({ field: 'findingId' });
  });

  it('cuts an id longer than 64 characters, so a 20 KB "id" gets a short answer', () => {
    const error = notFound('Finding', 'x'.repeat(20_000));
    expect(error.message).toBe(`Finding ${'x'.repeat(64)}… does not exist.`);
    expect(error.messageZh.length).toBeLessThan(100);
  });
});

describe('A NOT_YET_RECORDED refusal at a known instant (breaker49-8 M5)', () => {
  it('names the instant in China time when it is not the end of the day asked, and the day when it is', () => {
    expect(notYetRecorded('Finding', 'f', { asOf: '2026-12-07', knownAt: '2026-12-06T18:00:00.000Z' }).messageZh).toBe('截至北京时间 2026-12-07 02:00，按当时已录入的记录，该问题尚未录入（在此之后才录入系统）。');
    expect(notYetRecorded('Finding', 'f', { asOf: '2016-06-15', knownAt: '2026-12-06T17:56:57.000Z' }).messageZh).toMatch(/^截至北京时间 2026-12-07 01:56:57，/u);
    expect(notYetRecorded('Work-plan item', 'i', { asOf: '2026-04-01', knownAt: '2026-04-01T15:59:59.999Z' }).messageZh).toBe('截至 2026-04-01，按当时已录入的记录，该工作事项尚未录入（在此之后才录入系统）。');
  });
});
