import { itemRedated, itemVersion } from './revision-fixtures.js';
import { planRevisionOf } from './plan-revision.js';
import { describeRevisionsUndone, revisionsUndone, type RecordedRevision } from './revisions-undone.js';

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

/*
 * breaker50-10 S6: a colleague's hand change of an item's lead (更换牵头单位: the responsible unit made lead, the lead stepping down,
 * both parts kept) reverted by a version was not in revisionsUndone — the undo guard (确认撤销后来的调整) let it through unsaid.
 */
describe('revisionsUndone counts a unit given back its role before a hand change (breaker50-10 S6)', () => {
  const roleChanged = (unitId: string, previousRole: 'LEAD' | 'RESPONSIBLE', role: 'LEAD' | 'RESPONSIBLE') => ({ kind: 'ROLE_CHANGED' as const, itemId: '9', code: '9', title: '事项9', unitId, unitName: unitId, previousRole, role });
  const byHand: RecordedRevision = { on: '2026-07-18', fileName: null, reason: '发改委重新牵头', byHand: true, changes: [roleChanged('FGW', 'RESPONSIBLE', 'LEAD'), roleChanged('JTJ', 'LEAD', 'RESPONSIBLE')] };
  const standing = [version('9', '2026-09-30', { leadUnitIds: ['FGW'], responsibleUnitIds: ['JTJ'] })];

  it('a file giving the lead back to 交通运输局 undoes the hand change, each role said', () => {
    const next = [version('9', '2026-09-30', { leadUnitIds: ['JTJ'], responsibleUnitIds: ['FGW'] })];
    expect(revisionsUndone(planRevisionOf(standing, next, '2026-07-20'), next, [byHand])).toEqual([{ on: '2026-07-18', fileName: null, reason: '发改委重新牵头', undone: byHand.changes }]);
    expect(describeRevisionsUndone(revisionsUndone(planRevisionOf(standing, next, '2026-07-20'), next, [byHand])).zh).toBe(
      '本文件将撤销2026-07-18 的调整（依据：发改委重新牵头）：把事项 9 事项9 中 FGW 的分工由该次调整后的牵头单位改回责任单位；把事项 9 事项9 中 JTJ 的分工由该次调整后的责任单位改回牵头单位。本文件似是在该次调整之前的旧版本上修改的。',
    );
  });

  it('the plan as it stands, or with the date moved, undoes nothing', () => {
    const next = [version('9', '2026-10-31', { leadUnitIds: ['FGW'], responsibleUnitIds: ['JTJ'] })];
    expect(revisionsUndone(planRevisionOf(standing, next, '2026-07-20'), next, [byHand])).toEqual([]);
  });
});
