import { jest } from '@jest/globals';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importFindings } from './findings-file.js';

/*
 * breaker55-10 S1: a 台账 problem continued over hundreds of rows (问题 left blank, or merged down) was checked on the server's
 * thread in one piece — the import gave the event loop back between findings only: a 630 KB CSV of one finding held /health 7 s,
 * a 2 MB one 14 s. Its rows are checked row by row now, between turns of the event loop. Counted with a clock that moves a slice's
 * length at every look (the slicer's own clock, performance.now), so no wall-clock time is asserted.
 */
const units = Array.from({ length: 40 }, (_, n) => ({ id: `unit-${n}`, code: `U${String(n).padStart(2, '0')}`, name: `青川市第${n}务局` }));
const lookupUnit = unitLookupFrom(units);
const ROWS = 300;

/** A 台账 of one problem: its first row, then `ROWS` rows continuing it (问题 blank), each naming all 40 units again. */
function continuedLedger(): Uint8Array {
  let csv = '问题,具体表现,牵头单位,责任单位,整改时限\n续行问题,表现,青川市第0务局,青川市第1务局,2026-12-30\n';
  const names = units.slice(2).map((unit) => unit.name).join('、');
  for (let n = 0; n < ROWS; n += 1) csv += `,,,${names},2026-12-30\n`;
  return new TextEncoder().encode(csv);
}

describe('one finding continued over many rows is checked in slices (breaker55-10 S1)', () => {
  it('gives the event loop back between the rows of one finding, not only between findings', async () => {
    let now = 0;
    const clock = jest.spyOn(performance, 'now').mockImplementation(() => (now += 5));
    let turns = 0;
    let running = true;
    const tick = () => {
      turns += 1;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    try {
      const result = await importFindings(continuedLedger(), { format: 'csv', lookupUnit, today: '2026-10-01', year: 2026 });
      // Read as it was: the 38 units named on the first continuation row are parts; named again below, each is refused once a row.
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.problems).toHaveLength((ROWS - 1) * 38);
      expect(result.problems[0]?.reasonZh).toBe('单位“青川市第2务局”在同一问题中重复列出。');
    } finally {
      running = false;
      clock.mockRestore();
    }
    // Once a row at least (the old code: a handful of turns, the file's reading and its one finding).
    expect(turns).toBeGreaterThan(ROWS);
  });
});
