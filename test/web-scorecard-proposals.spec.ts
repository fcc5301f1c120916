import { newestIssued, withProposals } from '../web/src/scorecard-proposals.js';
import { circularMarks } from '../web/src/circular-words.js';

/* newcomer23 S7: 单位排名 proposed commending a unit whose report had just failed inspection, and still offered 拟通报批评 · 发通报 for a unit already criticised. */
describe('what 单位排名 proposes beside each unit', () => {
  const unit = (unitId: string, figures: { due?: number; onTime?: number; overdue?: number; returned?: number } = {}) => ({ unitId, due: 1, onTime: figures.due ?? 1, overdue: 0, returned: 0, ...figures });
  const ranking = [
    unit('clean'),
    unit('failed-on-site', { returned: 1 }),
    unit('also-clean'),
    unit('nothing-due', { due: 0 }),
    unit('late', { overdue: 2, onTime: 0 }),
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

  it('does not commend a unit whose report came late (按时率 below 100%), however it ranks; the next unit reported wholly on time is (newcomer36 S12)', () => {
    const rows = withProposals([unit('reported-4-days-late', { due: 2, onTime: 1 }), unit('a'), unit('b'), unit('c')], new Map());
    expect(rows.map((row) => [row.unitId, row.proposal])).toEqual([
      ['reported-4-days-late', null],
      ['a', 'COMMENDATION'],
      ['b', 'COMMENDATION'],
      ['c', 'COMMENDATION'],
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

  it('a circular withdrawn (撤回通报, newcomer26 S9) marks the unit no more from its withdrawal day; a day before, or as known before, it still does', () => {
    const wrongUnit = {
      issuedOn: '2026-12-01',
      issuedAt: '2026-12-01T02:00:00.000Z',
      kind: 'CRITICISM',
      unit: { id: 'late' },
      withdrawal: { withdrawnOn: '2026-12-02', withdrawnAt: '2026-12-02T03:00:00.000Z', reason: '发错单位。' },
    };
    expect(withProposals(ranking, newestIssued([wrongUnit], null)).find((row) => row.unitId === 'late')).toMatchObject({ proposal: 'CRITICISM', issuedOn: null });
    expect(withProposals(ranking, newestIssued([wrongUnit], null, '2026-12-01')).find((row) => row.unitId === 'late')).toMatchObject({ issuedOn: '2026-12-01' });
    expect(withProposals(ranking, newestIssued([wrongUnit], '2026-12-02T01:00:00.000Z')).find((row) => row.unitId === 'late')).toMatchObject({ issuedOn: '2026-12-01' });
  });
});

describe('how a circular reads on a page (newcomer26 S9)', () => {
  const circular = { issuedOn: '2026-11-28', documentNumber: '青政公开〔2026〕6号', withdrawal: null, corrections: [] };

  it('says 已撤回 with the day and why once withdrawn by the day read, and what a correction changed', () => {
    const withdrawn = { ...circular, withdrawal: { withdrawnOn: '2026-12-02', withdrawnAt: '2026-12-02T03:00:00.000Z', reason: '发错单位。' } };
    expect(circularMarks(withdrawn)).toEqual(['已撤回（2026-12-02：发错单位。）']);
    expect(circularMarks(withdrawn, '2026-12-01')).toEqual([]);
    const corrected = { ...circular, corrections: [{ previousIssuedOn: '2026-11-30', previousDocumentNumber: null }] };
    expect(circularMarks(corrected)).toEqual(['发文日期原录 2026-11-30', '文号原录 （无）']);
    expect(circularMarks(circular)).toEqual([]);
  });
});
