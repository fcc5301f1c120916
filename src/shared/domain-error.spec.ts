import { notFound } from './domain-error.js';

describe('A NOT_FOUND refusal (issue 9: nothing sent is echoed back at any length)', () => {
  it('names a real id in full, in English and Chinese', () => {
    const error = notFound('Finding', '3f2a1c9e-0b7d-4e2a-9c1f-5d6e7f8a9b0c');
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe('Finding 3f2a1c9e-0b7d-4e2a-9c1f-5d6e7f8a9b0c does not exist.');
    expect(error.messageZh).toContain('“3f2a1c9e-0b7d-4e2a-9c1f-5d6e7f8a9b0c”不存在');
  });

  it('cuts an id longer than 64 characters, so a 20 KB "id" gets a short answer', () => {
    const error = notFound('Finding', 'x'.repeat(20_000));
    expect(error.message).toBe(`Finding ${'x'.repeat(64)}… does not exist.`);
    expect(error.messageZh.length).toBeLessThan(100);
  });
});
