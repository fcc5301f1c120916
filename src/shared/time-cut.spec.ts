import { inCut, isPresent, parseTimeCut } from './time-cut.js';

const NOW = new Date('2026-11-29T20:30:00.000Z'); // 2026-11-30 in the office (China time)

describe('time travel arguments: asOf (business day) and knownAt (record instant)', () => {
  it('without either: today in the office, everything recorded, no axis', () => {
    const cut = parseTimeCut({}, NOW);
    expect(cut).toEqual({ asOf: '2026-11-30', knownAt: null, axes: [] });
    expect(isPresent(cut, NOW)).toBe(true);
  });

  it('asOf is a business day: everything recorded that happened by its end, late entries included', () => {
    expect(parseTimeCut({ asOf: '2016-06-01' }, NOW)).toEqual({ asOf: '2016-06-01', knownAt: null, axes: ['BUSINESS_DAY'] });
  });

  it('knownAt is an instant: only what was recorded by then, seen on its office day', () => {
    expect(parseTimeCut({ knownAt: '2026-06-20T18:00:00+08:00' }, NOW)).toEqual({
      asOf: '2026-06-20',
      knownAt: '2026-06-20T10:00:00.000Z',
      axes: ['RECORD_TIME'],
    });
  });

  it('both: what was known at an instant about a day (bitemporal)', () => {
    expect(parseTimeCut({ asOf: '2016-06-01', knownAt: '2026-06-20T18:00:00+08:00' }, NOW)).toEqual({
      asOf: '2016-06-01',
      knownAt: '2026-06-20T10:00:00.000Z',
      axes: ['BUSINESS_DAY', 'RECORD_TIME'],
    });
  });

  it('an instant in asOf keeps its old meaning: what was recorded by then, on its office day', () => {
    expect(parseTimeCut({ asOf: '2026-05-18T20:00:00Z' }, NOW)).toEqual({ asOf: '2026-05-19', knownAt: '2026-05-18T20:00:00.000Z', axes: ['RECORD_TIME'] });
  });

  it('the future is today, and now', () => {
    expect(parseTimeCut({ asOf: '2027-01-01', knownAt: '2027-01-01T00:00:00Z' }, NOW)).toMatchObject({ asOf: '2026-11-30', knownAt: NOW.toISOString() });
  });

  it.each([
    [{ asOf: '2026-02-30' }, /day that exists/],
    [{ asOf: 'last tuesday' }, /business day written YYYY-MM-DD/],
    [{ knownAt: '2026-05-01' }, /instant with its offset/],
    [{ knownAt: '2026-05-01T12:00:00' }, /instant with its offset/],
    [{ asOf: '2026-05-01T12:00:00Z', knownAt: '2026-05-02T12:00:00Z' }, /belongs in knownAt/],
  ])('refuses %j', (args, message) => {
    expect(() => parseTimeCut(args, NOW)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', message: expect.stringMatching(message) }));
  });

  it('a fact is in the cut when it happened by asOf and was recorded by knownAt', () => {
    const cut = parseTimeCut({ asOf: '2016-06-01', knownAt: '2026-06-20T18:00:00+08:00' }, NOW);
    expect(inCut(cut, '2016-05-30', '2026-06-19T00:00:00.000Z')).toBe(true);
    expect(inCut(cut, '2016-06-02', '2026-06-19T00:00:00.000Z')).toBe(false);
    expect(inCut(cut, '2016-05-30', '2026-06-21T00:00:00.000Z')).toBe(false);
  });
});
