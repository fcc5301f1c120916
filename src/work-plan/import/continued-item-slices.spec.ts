import { jest } from '@jest/globals';
import { unitLookupFrom, type UnitLookup } from '../../organization/units/unit-lookup.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * breaker55-10 S1 (its plan): an item continued over 300 rows (编号/事项 blank) was checked in one piece — the file's rows were read
 * in slices, but an item's units were checked item by item: /health held 3.5 s. Its rows are checked between turns of the event
 * loop now. Counted, not timed: the unit look-ups made between two turns, with a clock that moves a slice's length at every look.
 */
const units = Array.from({ length: 40 }, (_, n) => ({ id: `unit-${n}`, code: `U${String(n).padStart(2, '0')}`, name: `澜州市第${n}务局` }));
const ROWS = 300;

/** The directory's look-ups, counted in `calls.now` (the function and its methods, and the lookups of other days it gives). */
function counted(lookup: UnitLookup, calls: { now: number }): UnitLookup {
  return new Proxy(lookup, {
    apply: (target, self, args) => {
      calls.now += 1;
      return Reflect.apply(target as (...a: unknown[]) => unknown, self, args);
    },
    get: (target, key, receiver) => {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.now += 1;
        const answer = (value as (...a: unknown[]) => unknown).apply(target, args);
        return key === 'on' ? counted(answer as UnitLookup, calls) : answer;
      };
    },
  });
}

describe('one plan item continued over many rows is checked in slices (breaker55-10 S1)', () => {
  it('makes the look-ups of an item’s rows a row at a time between turns, not all in one', async () => {
    // Each row names 20 units not in the directory, each its own (as breaker55-10's plancont.csv): each looked up, each refused.
    const HAN = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉';
    const unknown = (n: number, k: number) => `澜州市${HAN[n % 20]}${HAN[Math.floor(n / 20) % 20]}${HAN[k]}办`;
    let csv = '序号,工作任务,牵头单位,配合单位,完成时限\n1,公布决策事项目录,澜州市第0务局,,2026年12月底前\n';
    for (let n = 0; n < ROWS; n += 1) csv += `,,,${Array.from({ length: 20 }, (_, k) => unknown(n, k)).join('、')},2026年12月底前\n`;
    let now = 0;
    const clock = jest.spyOn(performance, 'now').mockImplementation(() => (now += 5));
    const calls = { now: 0 };
    let most = 0;
    let running = true;
    const tick = () => {
      most = Math.max(most, calls.now);
      calls.now = 0;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    try {
      const result = await importWorkPlan(csv, { format: 'csv', title: '续行事项', year: 2026, lookupUnit: counted(unitLookupFrom(units), calls) });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems[0]?.reasonZh).toMatch(/^责任单位“澜州市甲甲甲办”不在单位名录中/);
    } finally {
      running = false;
      clock.mockRestore();
    }
    most = Math.max(most, calls.now);
    // A row names 20 units: a few look-ups each. The old code made the item's 300 × 20 in one turn.
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThan(20 * 20);
  });
});
