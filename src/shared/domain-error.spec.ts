import { notFound } from './domain-error.js';

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
