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
    [{ asOf: '0000-01-01' }, /before 1949-10-01, the earliest day/],
    [{ asOf: '1949-09-30' }, /before 1949-10-01, the earliest day/],
    [{ knownAt: '0001-01-01T00:00:00Z' }, /before 1949-10-01, the earliest day/],
    [{ asOf: '0016-06-01T00:00:00+08:00' }, /before 1949-10-01, the earliest day/],
  ])('refuses %j', (args, message) => {
    expect(() => parseTimeCut(args, NOW)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', message: expect.stringMatching(message) }));
  });

  it('refuses a day before the floor in Chinese too, and takes the floor itself', () => {
    expect(() => parseTimeCut({ asOf: '0000-06-01' }, NOW)).toThrow(expect.objectContaining({ messageZh: 'asOf（0000-06-01）早于系统可查询的最早日期 1949-10-01，请检查年份。' }));
    expect(parseTimeCut({ asOf: '1949-10-01' }, NOW).asOf).toBe('1949-10-01');
  });

  it('a fact is in the cut when it happened by asOf and was recorded by knownAt', () => {
    const cut = parseTimeCut({ asOf: '2016-06-01', knownAt: '2026-06-20T18:00:00+08:00' }, NOW);
    expect(inCut(cut, '2016-05-30', '2026-06-19T00:00:00.000Z')).toBe(true);
    expect(inCut(cut, '2016-06-02', '2026-06-19T00:00:00.000Z')).toBe(false);
    expect(inCut(cut, '2016-05-30', '2026-06-21T00:00:00.000Z')).toBe(false);
  });
});
