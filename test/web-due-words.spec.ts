import { approvedDueDateLabel, daysLeftCell, dueWords, dueWordsOnReport, isOverdue } from '../web/src/due-words.js';

/*
 * The lead's rule on breaker11b G4 / breaker11c N3, as every page words it: a part reported late is
 * awaiting inspection, not overdue — 逾期 N 天后报送, never 逾期 N 天 beside a green light — and is
 * not counted in 逾期; a part the unit still has to act on is 剩余 / 逾期 N 天.
 */
describe('how a part’s time reads on the pages', () => {
  it('says 逾期 N 天 or 剩余 N 天 while the unit has to act', () => {
    expect(dueWords({ daysLeft: -10, reportedDaysLate: null })).toBe('逾期 10 天');
    expect(dueWords({ daysLeft: 3 })).toBe('剩余 3 天');
    expect(daysLeftCell({ daysLeft: -10, reportedDaysLate: null })).toBe('逾期10天');
    expect(daysLeftCell({ daysLeft: 3, reportedDaysLate: null })).toBe('3');
  });

  it('says 逾期 N 天后报送 (or 按时报送) once reported, whatever the due date says now', () => {
    expect(dueWords({ daysLeft: -24, reportedDaysLate: 5 })).toBe('逾期 5 天后报送');
    expect(dueWords({ daysLeft: -24, reportedDaysLate: 0 })).toBe('按时报送');
    expect(daysLeftCell({ daysLeft: -24, reportedDaysLate: 5 })).toBe('逾期5天后报送');
  });

  it('names the due date in force on the report’s day when it has moved since (breaker8r P14: 「时限 2016-07-15 · 逾期 4 天后报送」 beside a report of 07-04)', () => {
    expect(dueWordsOnReport({ dueDate: '2016-07-15', daysLeft: 0, reportedDaysLate: 4 }, '2016-07-04')).toBe('逾期 4 天后报送（按报送当日时限 2016-06-30）');
    expect(dueWordsOnReport({ dueDate: '2016-06-30', daysLeft: 0, reportedDaysLate: 4 }, '2016-07-04')).toBe('逾期 4 天后报送');
    expect(dueWordsOnReport({ dueDate: '2016-07-15', daysLeft: 0, reportedDaysLate: 0 }, '2016-07-04')).toBe('按时报送');
    expect(dueWordsOnReport({ dueDate: '2016-03-15', daysLeft: 0, reportedDaysLate: 5 }, '2016-03-04')).toBe('逾期 5 天后报送（按报送当日时限 2016-02-28）');
  });

  it('counts in 逾期 only the parts the unit has to act on', () => {
    expect(isOverdue({ status: 'ASSIGNED', daysLeft: -1 })).toBe(true);
    expect(isOverdue({ status: 'RETURNED', daysLeft: -1 })).toBe(true);
    expect(isOverdue({ status: 'REPORTED', daysLeft: -24, reportedDaysLate: 5 })).toBe(false);
    expect(isOverdue({ status: 'ASSIGNED', daysLeft: 0 })).toBe(false);
  });

  it('names the day 审批延期 approves when its new due date is left empty: the one the unit asked for, never 「申请日期」 (newcomer18 S9)', () => {
    expect(approvedDueDateLabel('2027-01-15')).toBe('批准的新时限（不填则按单位申请延至的 2027-01-15）');
    expect(approvedDueDateLabel(undefined)).toBe('批准的新时限（不填则按单位申请延至的日期）');
    expect(approvedDueDateLabel('2027-01-15')).not.toContain('申请日期');
  });
});
