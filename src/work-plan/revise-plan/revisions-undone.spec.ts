import { itemRedated, itemVersion } from './revision-fixtures.js';
import { planRevisionOf } from './plan-revision.js';
import { revisionsUndone, type RecordedRevision } from './revisions-undone.js';

/* Pure: a revision's change a later one reverted counts for neither undone nor kept (breaker49-10 S7). */

const version = itemVersion;
const redated = itemRedated;

describe('revisionsUndone counts only changes the plan still has (breaker49-10 S7)', () => {
  const p1: RecordedRevision = { on: '2026-10-10', fileName: 'p1.csv', reason: '依据 p1.csv 修订方案', changes: [redated('1', '2026-11-30', '2026-12-10'), redated('2', '2026-11-30', '2026-12-10')] };
  const p2: RecordedRevision = { on: '2026-10-20', fileName: 'p2.csv', reason: '依据 p2.csv 修订方案', changes: [redated('1', '2026-12-10', '2026-11-30')] };
  const standing = [version('1', '2026-11-30'), version('2', '2026-12-10')];

  it('the plan as it stands with item 2 moved undoes neither p1 (item 1 since moved back by p2) nor p2', () => {
    const next = [version('1', '2026-11-30'), version('2', '2026-12-20')];
    expect(revisionsUndone(planRevisionOf(standing, next, '2026-10-26'), next, [p1, p2])).toEqual([]);
  });

  it('a copy of p1 undoes p2 alone; p2, dated after the version\'s day, is left out of the answer but still supersedes p1', () => {
    const copy = [version('1', '2026-12-10'), version('2', '2026-12-10')];
    expect(revisionsUndone(planRevisionOf(standing, copy, '2026-10-26'), copy, [p1, p2])).toEqual([{ on: '2026-10-20', fileName: 'p2.csv', reason: '依据 p2.csv 修订方案', undone: [redated('1', '2026-12-10', '2026-11-30')] }]);
    expect(revisionsUndone(planRevisionOf(standing, copy, '2026-10-15'), copy, [p1, p2], (one) => one.on <= '2026-10-15')).toEqual([]);
  });
});
