import { newestIssued, withProposals } from '../web/src/scorecard-proposals.js';

/* newcomer23 S7: 单位排名 proposed commending a unit whose report had just failed inspection, and still offered 拟通报批评 · 发通报 for a unit already criticised. */
describe('what 单位排名 proposes beside each unit', () => {
  const unit = (unitId: string, figures: { due?: number; overdue?: number; returned?: number } = {}) => ({ unitId, due: 1, overdue: 0, returned: 0, ...figures });
  const ranking = [
    unit('clean'),
    unit('failed-on-site', { returned: 1 }),
    unit('also-clean'),
    unit('nothing-due', { due: 0 }),
    unit('late', { overdue: 2 }),
  ];

  it('commends the best with work due, nothing overdue and nothing sent back or failed; criticises the overdue at the bottom', () => {
    expect(withProposals(ranking, new Map()).map((row) => [row.unitId, row.proposal])).toEqual([
      ['clean', 'COMMENDATION'],
      ['failed-on-site', null],
      ['also-clean', 'COMMENDATION'],
      ['nothing-due', null],
      ['late', 'CRITICISM'],
    ]);
  });

  it('says a proposal was acted on: the day of the newest circular of its kind issued to the unit by the day viewed', () => {
    const circulars = [
      { unit: { id: 'late' }, kind: 'CRITICISM', issuedOn: '2026-11-20', issuedAt: '2026-11-20T02:00:00.000Z' },
      { unit: { id: 'late' }, kind: 'CRITICISM', issuedOn: '2026-12-01', issuedAt: '2026-12-01T02:00:00.000Z' },
      // A commendation of the criticised unit is another kind: it says nothing of the criticism.
      { unit: { id: 'late' }, kind: 'COMMENDATION', issuedOn: '2026-06-01', issuedAt: '2026-06-01T02:00:00.000Z' },
    ];
    const rows = withProposals(ranking, newestIssued(circulars, null));
    expect(rows.find((row) => row.unitId === 'late')).toMatchObject({ proposal: 'CRITICISM', issuedOn: '2026-12-01' });
    expect(rows.find((row) => row.unitId === 'clean')).toMatchObject({ proposal: 'COMMENDATION', issuedOn: null });
    // As recorded by an instant (按录入时间): the circular entered after it was not issued yet.
    const then = withProposals(ranking, newestIssued(circulars, '2026-11-30T00:00:00.000Z'));
    expect(then.find((row) => row.unitId === 'late')).toMatchObject({ proposal: 'CRITICISM', issuedOn: '2026-11-20' });
  });
});
