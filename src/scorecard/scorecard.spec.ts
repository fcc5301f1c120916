import { partView } from '../assignments/testing/part-view.js';
import { buildScorecard } from './scorecard.js';

const part = partView;
const report = (day: string) => ({ summary: '', evidence: [], reportedOn: day, reportedAt: `${day}T02:00:00.000Z`, reportedBy: 'u' });

describe('the unit scorecard', () => {
  const scores = buildScorecard({
    today: '2026-05-20',
    unitName: (id) => ({ a: '市财政局', b: '市发改委', c: '市民政局' })[id] ?? id,
    parts: [
      part('a', { status: 'VERIFIED', reports: [report('2026-05-10')], verifiedOn: '2026-05-11', verifiedAt: '2026-05-11T01:00:00.000Z' }),
      part('a', { status: 'REPORTED', reports: [report('2026-05-14')] }),
      part('b', { status: 'VERIFIED', reports: [report('2026-05-16'), report('2026-05-18')], verifiedOn: '2026-05-19', verifiedAt: '2026-05-19T01:00:00.000Z', returns: [{ cause: 'SENT_BACK', reason: 'x', returnedOn: '2026-05-17', returnedAt: '2026-05-17T01:00:00.000Z', newDueDate: null }] }),
      part('b', { dueDate: '2026-06-30' }),
      part('c', { status: 'ASSIGNED' }),
    ],
  });

  it('measures on-time delivery, overdue and returned parts, and remediation time per unit', () => {
    expect(scores.find((s) => s.unitId === 'a')).toMatchObject({ parts: 2, due: 2, onTime: 2, onTimeRate: 100, overdue: 0, returned: 0, meanDaysToRemediate: 40 });
    expect(scores.find((s) => s.unitId === 'b')).toMatchObject({ parts: 2, due: 1, onTime: 0, onTimeRate: 0, overdue: 0, returned: 1, meanDaysToRemediate: 48 });
    expect(scores.find((s) => s.unitId === 'c')).toMatchObject({ parts: 1, due: 1, onTime: 0, onTimeRate: 0, overdue: 1 });
  });

  it('ranks the best first and the laggards last', () => {
    expect(scores.map((s) => [s.rank, s.unitName])).toEqual([[1, '市财政局'], [2, '市发改委'], [3, '市民政局']]);
  });

  it('gives units with the same figures the same rank, by pinyin within it: nothing due yet ranks nobody ahead (newcomer23 S8)', () => {
    const early = buildScorecard({
      today: '2026-05-01',
      unitName: (id) => ({ a: '市财政局', b: '市发改委', c: '市民政局', d: '市教育局' })[id] ?? id,
      parts: [part('a', { status: 'VERIFIED', reports: [report('2026-04-10')], verifiedOn: '2026-04-11', verifiedAt: '2026-04-11T01:00:00.000Z' }), part('b', {}), part('c', {}), part('d', {})],
    });
    expect(early.map((s) => [s.rank, s.unitName])).toEqual([[1, '市财政局'], [2, '市发改委'], [2, '市教育局'], [2, '市民政局']]);
  });
});
