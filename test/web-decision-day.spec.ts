import { decisionDayDefault } from '../web/src/decision-day.js';

/*
 * newcomer52-8 M4: 审批延期 for a 2016 paper reply offered today (2026-12-07) as its day, and the server refused the grant
 * 「新的截止日期 2016-07-31 已过（2026-12-07）」. The form now offers the request's own day when today could not grant it.
 */
describe('审批延期 offers a decision day that can grant the request (newcomer52-8 M4)', () => {
  it('a request whose date asked for has passed: its own day, for the clerk to change to the reply’s', () => {
    expect(decisionDayDefault({ requestedOn: '2016-06-20', requestedDueDate: '2016-07-31' }, '2026-12-07')).toBe('2016-06-20');
  });

  it('a request still to come due (or due today): today', () => {
    expect(decisionDayDefault({ requestedOn: '2026-12-01', requestedDueDate: '2027-01-31' }, '2026-12-07')).toBe('2026-12-07');
    expect(decisionDayDefault({ requestedOn: '2026-12-01', requestedDueDate: '2026-12-07' }, '2026-12-07')).toBe('2026-12-07');
  });

  it('a request its part’s pass lapsed (decidable until that pass, newcomer53-8 S1): its own day, not today past the pass', () => {
    expect(decisionDayDefault({ requestedOn: '2026-11-20', requestedDueDate: '2027-01-31', decidableUntil: '2026-12-01' }, '2026-12-07')).toBe('2026-11-20');
  });

  it('no request read: today', () => {
    expect(decisionDayDefault(undefined, '2026-12-07')).toBe('2026-12-07');
  });
});
