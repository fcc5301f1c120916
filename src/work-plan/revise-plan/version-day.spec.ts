import { itemRedated, itemVersion } from './revision-fixtures.js';
import type { RecordedRevision } from './revisions-undone.js';
import { asOfVersionDay } from './version-day.js';

/*
 * Pure: a version judged on the plan as of its own day (breaker49-10 S9, M6).
 */

const version = itemVersion;
const redated = itemRedated;

describe('asOfVersionDay (breaker49-10 S9, M6)', () => {
  const byHand: RecordedRevision[] = [
    { on: '2026-11-02', fileName: null, reason: '棚改进度调整', byHand: true, changes: [redated('2', '2026-12-31', '2026-12-25')] },
    { on: '2026-11-02', fileName: null, reason: '增加配合单位', byHand: true, changes: [{ kind: 'UNIT_ADDED', itemId: '3', code: '3', title: '事项3', unitId: 'JYJ' }] },
    { on: '2026-11-02', fileName: null, reason: '调整配合单位', byHand: true, changes: [{ kind: 'UNIT_REMOVED', itemId: '4', code: '4', title: '事项4', unitId: 'MZJ' }] },
  ];
  const standing = [version('1', '2026-11-30'), version('2', '2026-12-25'), version('3', '2026-11-30', { responsibleUnitIds: ['JYJ'] }), version('4', '2026-11-30')];

  it('takes what the file gives as it stood on its day — a date, a unit not yet added, a unit not yet removed — as it stands now', () => {
    const file = [version('1', '2026-12-05'), version('2', '2026-12-31'), version('3', '2026-11-30'), version('4', '2026-11-30', { responsibleUnitIds: ['MZJ'] })];
    const { versions, refused } = asOfVersionDay(file, standing, byHand, '2026-10-26');
    expect(refused).toEqual([]);
    expect(versions).toEqual([version('1', '2026-12-05'), version('2', '2026-12-25'), version('3', '2026-11-30', { responsibleUnitIds: ['JYJ'] }), version('4', '2026-11-30')]);
  });

  it('refuses a date given otherwise than on its day and now, naming the later change; a version dated on or after the hand change is left as the file gives it', () => {
    const file = [version('2', '2026-12-28')];
    expect(asOfVersionDay(file, standing, byHand, '2026-10-26').refused).toEqual([
      { on: '2026-11-02', reason: '棚改进度调整', change: redated('2', '2026-12-31', '2026-12-25'), dueDateOnVersionDay: '2026-12-31', dueDateNow: '2026-12-25', dueDateInFile: '2026-12-28' },
    ]);
    expect(asOfVersionDay([version('2', '2026-12-31')], standing, byHand, '2026-11-02')).toEqual({ versions: [version('2', '2026-12-31')], refused: [] });
  });

  it('takes a unit given the role it had on the version\'s day, changed by hand since (更换牵头单位), in its role as it stands now (breaker50-10 S6)', () => {
    const roleChanged = (unitId: string, previousRole: 'LEAD' | 'RESPONSIBLE', role: 'LEAD' | 'RESPONSIBLE') => ({ kind: 'ROLE_CHANGED' as const, itemId: '9', code: '9', title: '事项9', unitId, previousRole, role });
    const lead: RecordedRevision[] = [{ on: '2026-11-02', fileName: null, reason: '发改委重新牵头', byHand: true, changes: [roleChanged('FGW', 'RESPONSIBLE', 'LEAD'), roleChanged('JTJ', 'LEAD', 'RESPONSIBLE')] }];
    const now = version('9', '2026-11-30', { leadUnitIds: ['FGW'], responsibleUnitIds: ['JTJ'] });
    const asThen = version('9', '2026-12-10', { leadUnitIds: ['JTJ'], responsibleUnitIds: ['FGW'] });
    expect(asOfVersionDay([asThen], [now], lead, '2026-10-26')).toEqual({ versions: [{ ...now, dueDate: '2026-12-10' }], refused: [] });
    // Dated on or after the change, the file's roles are its own.
    expect(asOfVersionDay([asThen], [now], lead, '2026-11-02').versions).toEqual([asThen]);
  });
});
