import { parseAsOf } from './as-of.js';

const NOW = new Date('2026-06-01T04:00:00.000Z');

describe('asOf, the instant time travel goes back to', () => {
  it('takes a day as the end of that day in China Standard Time', () => {
    expect(parseAsOf('2026-05-14', NOW)).toBe('2026-05-14T15:59:59.999Z');
  });

  it('takes an instant with its offset', () => {
    expect(parseAsOf('2026-05-14T09:30:00+08:00', NOW)).toBe('2026-05-14T01:30:00.000Z');
    expect(parseAsOf('2026-05-14T01:30:00.250Z', NOW)).toBe('2026-05-14T01:30:00.250Z');
  });

  it('answers the future as now', () => {
    expect(parseAsOf('2027-01-01', NOW)).toBe(NOW.toISOString());
  });

  it.each(['2026-02-30', '2026-02-29', '2026-02-30T10:00:00Z', '2026-13-01', '2026-5-14', '14/05/2026', 'yesterday', '2026-05-14T25:00:00Z', '2026-05-14 10:00', ''])(
    'refuses %p with BAD_USER_INPUT',
    (asOf) => {
      expect(() => parseAsOf(asOf, NOW)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', message: expect.stringContaining(`"${asOf}"`) }));
    },
  );
});
