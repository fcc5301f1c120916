import { MOST_INTERNED_LENGTH, StringTable } from './interned-strings.js';

/*
 * Issue 12, lever 2 (perf49): a restored snapshot and a parsed event make a new string for every occurrence of an id,
 * a status, a day; the table hands back one kept instance per distinct short string. JavaScript cannot tell two equal
 * strings apart, so what the table shared is read from its counters.
 */

/** A string made at run time (not a literal, which V8 interns itself), as a parse or a restore makes one. */
const fresh = (...parts: string[]) => parts.join('');

describe('a table of interned strings', () => {
  it('hands back the instance it kept for an equal string, and counts it shared', () => {
    const table = new StringTable();
    const first = fresh('unit-', '0042');
    expect(table.intern(first)).toBe(first);
    expect(table.intern(fresh('unit-', '0042'))).toBe('unit-0042');
    expect(table.intern(fresh('VERI', 'FIED'))).toBe('VERIFIED');
    expect(table.stats).toEqual({ looked: 3, shared: 1, kept: 2 });
  });

  it('leaves a long free text as it is: not looked up, not kept', () => {
    const table = new StringTable();
    const long = '已完成整改：'.padEnd(MOST_INTERNED_LENGTH + 1, '。');
    expect(table.intern(long)).toBe(long);
    expect(table.intern(fresh(long))).toBe(long);
    expect(table.stats).toEqual({ looked: 0, shared: 0, kept: 0 });
  });

  it('is bounded: two generations of `capacity` strings, one looked up again kept, one not let go', () => {
    const table = new StringTable(2);
    for (const id of ['a1', 'a2', 'a3', 'a4', 'a5', 'a6']) table.intern(fresh(id));
    expect(table.stats.kept).toBeLessThanOrEqual(4);
    // a5 is in a generation still kept: shared; a1 was let go: kept anew, not shared.
    table.intern(fresh('a', '5'));
    table.intern(fresh('a', '1'));
    expect(table.stats).toMatchObject({ looked: 8, shared: 1 });
    expect(table.stats.kept).toBeLessThanOrEqual(4);
  });

  it('interns in place every string a state holds — fields, arrays, Map keys and values, Set members — keeping every order', () => {
    const table = new StringTable();
    const day = new Date('2026-05-01T00:00:00Z');
    const frozen = Object.freeze({ status: fresh('OPEN') });
    const parts = new Map<string, unknown>([
      [fresh('unit-2'), { role: fresh('RESPONSIBLE'), status: fresh('VERIFIED'), days: [fresh('2026-05-01'), fresh('2026-05-02')] }],
      [fresh('unit-1'), { role: fresh('RESPONSIBLE'), status: fresh('VERIFIED'), at: day, frozen }],
    ]);
    const state = { parts, units: new Set([fresh('unit-2'), fresh('unit-1')]), byStatus: new Map([[1, fresh('VERIFIED')]]), count: 2, none: null };
    const cycle: Record<string, unknown> = { id: fresh('unit-1') };
    cycle.self = cycle;
    (state as Record<string, unknown>).cycle = cycle;

    expect(table.internWithin(state)).toBe(state);

    expect([...state.parts.keys()]).toEqual(['unit-2', 'unit-1']);
    expect(state.parts.get('unit-1')).toEqual({ role: 'RESPONSIBLE', status: 'VERIFIED', at: day, frozen: { status: 'OPEN' } });
    expect(state.parts.get('unit-2')).toEqual({ role: 'RESPONSIBLE', status: 'VERIFIED', days: ['2026-05-01', '2026-05-02'] });
    expect([...state.units]).toEqual(['unit-2', 'unit-1']);
    expect([...state.byStatus]).toEqual([[1, 'VERIFIED']]);
    expect(cycle.self).toBe(cycle);
    // unit-2, unit-1 (keys), RESPONSIBLE, VERIFIED, the two days; the Set's members, the second role and the statuses shared.
    expect(table.stats.kept).toBe(6);
    // 2 keys, 2 roles, 3 statuses, 2 days, 2 members, the cycle's id (the frozen object's field is left as it is).
    expect(table.stats).toEqual({ looked: 12, shared: 6, kept: 6 });
  });
});
