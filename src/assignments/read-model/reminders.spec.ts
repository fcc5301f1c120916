import { partView as part } from '../testing/part-view.js';
import type { ReportView } from './part-view.js';
import { answeredReturnsFor, grantMessage, remindersFor } from './reminders.js';

/*
 * A reminder a unit is told of (urging, send-back, failed inspection, reopening, extension decision)
 * stands until the unit reports after it — a later day, or the same day: an urging or a decision by
 * the day's report in either order (breaker8t P6: one paper, one answer), a return only by a report
 * entered after it (it returned the one before). The breaker saw an answered urging kept while a
 * send-back answered the same way was dropped.
 */
const parent = { parentKind: 'FINDING', parentId: 'f', parentTitle: '问题', planTitle: null } as const;
const report = (reportedOn: string, reportedAt: string): ReportView => ({ summary: '已整改', evidence: [], reportedOn, reportedAt, reportedBy: 'u' });
const told = {
  urges: [{ message: '请尽快报送', urgedOn: '2026-04-10', urgedAt: '2026-04-10T02:00:00.000Z', urgedBy: 's' }],
  returns: [{ cause: 'SENT_BACK' as const, reason: '材料不全', returnedOn: '2026-04-12', returnedAt: '2026-04-12T02:00:00.000Z', newDueDate: null }],
  extensionRequests: [
    { requestId: 'r', requestedDueDate: '2026-06-30', reason: 'x', requestedOn: '2026-04-05', requestedAt: '2026-04-05T01:00:00.000Z', status: 'GRANTED' as const, decidedOn: '2026-04-06', decidedAt: '2026-04-06T01:00:00.000Z', decisionReason: null, grantedDueDate: '2026-06-30', withdrawnOn: null, withdrawnAt: null, withdrawalReason: null },
  ],
};
const kinds = (reports: ReportView[], status: 'RETURNED' | 'REPORTED' = 'RETURNED') =>
  remindersFor(parent, part('fgw', { status, dueDate: '2026-06-30', ...told, reports }), '2026-04-20').map((reminder) => reminder.kind).sort();

describe('reminders a unit is told of', () => {
  it('stand, every kind, while the unit has not reported since', () => {
    expect(kinds([report('2026-04-01', '2026-04-01T02:00:00.000Z')])).toEqual(['EXTENSION_GRANTED', 'REPORT_SENT_BACK', 'URGED']);
  });

  it('are answered alike by a report dated a later day: an urging, a send-back and a decision', () => {
    expect(kinds([report('2026-04-15', '2026-04-15T02:00:00.000Z')], 'REPORTED')).toEqual([]);
    expect(kinds([report('2026-04-11', '2026-04-11T02:00:00.000Z')])).toEqual(['REPORT_SENT_BACK']);
  });

  it('on the same day: an urging or a decision is answered by the day’s report whichever was entered first (breaker8t P6)', () => {
    // The urging of 2026-04-10 recorded at 02:00; the clerk's report of that day typed before it, and after it.
    expect(kinds([report('2026-04-10', '2026-04-10T01:00:00.000Z')], 'REPORTED')).toEqual(['REPORT_SENT_BACK']);
    expect(kinds([report('2026-04-10', '2026-04-10T03:00:00.000Z')], 'REPORTED')).toEqual(['REPORT_SENT_BACK']);
    // The decision of 2026-04-06, and a report of that day typed before it.
    expect(kinds([report('2026-04-06', '2026-04-06T00:30:00.000Z')])).toEqual(['REPORT_SENT_BACK', 'URGED']);
  });

  it('on the same day, a return is answered only by a report entered after it: the one before is the report it returned', () => {
    expect(kinds([report('2026-04-12', '2026-04-12T01:00:00.000Z')])).toEqual(['REPORT_SENT_BACK']);
    expect(kinds([report('2026-04-12', '2026-04-12T03:00:00.000Z')], 'REPORTED')).toEqual([]);
  });

  it('are answered by a report entered late for a later day, before the reminder was recorded', () => {
    // The report of 2026-04-15 typed in on 2026-04-02 (a paper file), the urging of 2026-04-10 typed in later.
    expect(kinds([report('2026-04-15', '2026-04-02T00:00:00.000Z')], 'REPORTED')).toEqual([]);
  });
});

describe('what a granted extension tells the unit (newcomer23 S10)', () => {
  const asked = { requestedDueDate: '2027-01-20' };
  it('says the new due day when granted as asked', () => {
    expect(grantMessage({ ...asked, grantedDueDate: '2027-01-20' })).toBe('延期已批准，新的截止日期为 2027-01-20。');
  });
  it('says it was partly granted, with both days, when less was granted than asked', () => {
    expect(grantMessage({ ...asked, grantedDueDate: '2026-12-22' })).toBe('延期部分批准：申请延至 2027-01-20，批准至 2026-12-22。');
  });
  it('says the later date a return gave stands when the grant was overtaken (breaker8r P4)', () => {
    expect(grantMessage({ ...asked, grantedDueDate: '2027-01-20' }, '2027-02-10')).toBe('延期已批准（至 2027-01-20），但此前督查或退回已给出更晚的时限 2027-02-10，仍以 2027-02-10 为准。');
    expect(grantMessage({ ...asked, grantedDueDate: '2027-01-20' }, '2027-01-20')).toBe('延期已批准，新的截止日期为 2027-01-20。');
  });
});

describe('新交办: new work in the unit’s inbox (newcomer36 S1)', () => {
  const assigned = { assignedOn: '2026-04-01', assignedAt: '2026-04-01T01:00:00.000Z', dueDate: '2026-06-30', role: 'LEAD' as const };
  const newWork = (today: string, overrides: Parameters<typeof part>[1] = {}) =>
    remindersFor(parent, part('fgw', { ...assigned, ...overrides }), today).filter((reminder) => reminder.kind === 'NEWLY_ASSIGNED');

  it('tells the unit of a part assigned to it, dated the 交办 day, with its role and 整改时限', () => {
    expect(newWork('2026-04-03')).toEqual([
      { ...parent, kind: 'NEWLY_ASSIGNED', message: '新交办（牵头单位），整改时限：2026-06-30。', on: '2026-04-01', at: '2026-04-01T01:00:00.000Z', dueDate: '2026-06-30' },
    ]);
    expect(newWork('2026-04-01', { role: 'RESPONSIBLE' })[0]?.message).toBe('新交办（责任单位），整改时限：2026-06-30。');
  });

  it('for seven days after the 交办 day, then it is simply work; never before it (a past day viewed)', () => {
    expect(newWork('2026-04-08')).toHaveLength(1);
    expect(newWork('2026-04-09')).toEqual([]);
    expect(newWork('2026-03-31')).toEqual([]);
  });

  it('until the unit reports on the part', () => {
    expect(newWork('2026-04-03', { reports: [report('2026-04-02', '2026-04-02T02:00:00.000Z')], status: 'REPORTED' })).toEqual([]);
  });

  it('not for a part the unit took over in a reorganisation: its 交办 was the predecessor’s', () => {
    expect(newWork('2026-04-03', { heldSince: '2026-04-02' })).toEqual([]);
  });
});

/*
 * newcomer49-8 M4: a unit's page listed only its inbox under figures that count every return (退回 1), so a 退办 or 督查未通过
 * answered since — or of a part verified since — was counted and not listed. The inbox and the answered returns together list
 * every return of a part exactly once, whatever its status.
 */
describe('the returns a unit’s page lists beside its inbox (newcomer49-8 M4)', () => {
  const returns = [
    { cause: 'SENT_BACK' as const, reason: '材料不全', returnedOn: '2026-04-12', returnedAt: '2026-04-12T02:00:00.000Z', newDueDate: null },
    { cause: 'INSPECTION_FAILED' as const, reason: '仍未公开', returnedOn: '2026-04-18', returnedAt: '2026-04-18T02:00:00.000Z', newDueDate: '2026-06-30' },
  ];
  const listed = (status: 'RETURNED' | 'REPORTED' | 'VERIFIED', reports: ReportView[]) => {
    const viewed = part('fgw', { status, dueDate: '2026-06-30', returns, reports });
    const inbox = status === 'VERIFIED' ? [] : remindersFor(parent, viewed, '2026-04-20');
    return [...inbox.filter((reminder) => reminder.kind === 'REPORT_SENT_BACK' || reminder.kind === 'INSPECTION_FAILED'), ...answeredReturnsFor(parent, viewed)].map((reminder) => `${reminder.kind} ${reminder.on}`).sort();
  };
  const every = ['INSPECTION_FAILED 2026-04-18', 'REPORT_SENT_BACK 2026-04-12'];

  it('the part returned and not re-reported: both in the inbox, none answered', () => {
    expect(listed('RETURNED', [report('2026-04-15', '2026-04-15T02:00:00.000Z')])).toEqual(every);
    expect(answeredReturnsFor(parent, part('fgw', { status: 'RETURNED', dueDate: '2026-06-30', returns, reports: [report('2026-04-15', '2026-04-15T02:00:00.000Z')] })).map((reminder) => reminder.kind)).toEqual(['REPORT_SENT_BACK']);
  });

  it('re-reported, and verified since: every return still listed once', () => {
    expect(listed('REPORTED', [report('2026-04-15', '2026-04-15T02:00:00.000Z'), report('2026-04-19', '2026-04-19T02:00:00.000Z')])).toEqual(every);
    expect(listed('VERIFIED', [report('2026-04-15', '2026-04-15T02:00:00.000Z'), report('2026-04-19', '2026-04-19T02:00:00.000Z')])).toEqual(every);
  });
});

/*
 * newcomer52-8 M8: a unit's page listed 「已逾期 3 天」 until the unit reported 5 days late, then nothing of it, though 单位排名 beside it
 * counted the report late. The page keeps the late report as a record of its own (REPORTED_LATE), on the report's day.
 */
describe('a report made late, on the unit page’s records', () => {
  const dueDates = [{ on: '2016-04-26', dueDate: '2016-06-30', source: 'assigned' as const, at: '2026-12-07T01:00:00.000Z' }];
  it('is listed once the part awaits inspection or is verified, with the days late and the due date then', () => {
    for (const status of ['REPORTED', 'VERIFIED'] as const) {
      const records = answeredReturnsFor(parent, part('jyj', { status, dueDate: '2016-06-30', dueDates, reports: [report('2016-07-05', '2026-12-07T02:00:00.000Z')] }));
      expect(records.map((record) => [record.kind, record.on, record.message])).toEqual([['REPORTED_LATE', '2016-07-05', '逾期 5 天后报送（截止日期 2016-06-30）。']]);
    }
  });

  it('is not listed for a report on time, nor while the unit still has to act (its lateness is the inbox’s 已逾期 then)', () => {
    expect(answeredReturnsFor(parent, part('jyj', { status: 'VERIFIED', dueDate: '2016-06-30', dueDates, reports: [report('2016-06-30', '2026-12-07T02:00:00.000Z')] }))).toEqual([]);
    expect(answeredReturnsFor(parent, part('jyj', { status: 'ASSIGNED', dueDate: '2016-06-30', dueDates, reports: [] }))).toEqual([]);
  });
});
