import { fold } from '../../shared/decider.js';
import { clerkOf, supervisor } from '../../shared/testing/actors.js';
import { given as givenDecider } from '../../shared/testing/decider-testing.js';
import { nextReportDue, termsInWords, type DueTerms } from '../../shared/deadline.js';
import { partView } from '../testing/part-view.js';
import { buildScorecard, scorecardFromTallies } from '../../scorecard/scorecard.js';
import { dueCell } from '../../exports/export-table.js';
import type { AssignUnit, AssignmentCommand, RequestExtension } from '../domain/assignment.commands.js';
import { decideAssignment, evolveAssignments, initialAssignmentsState, partOf } from '../domain/assignment.decider.js';
import type { AssignmentEvent } from '../domain/assignment.events.js';
import { emptyTallies, updateParent } from './part-tallies.js';
import { firstReportOnTime, isOverdue, trafficLight, type PartView } from './part-view.js';
import { remindersFor } from './reminders.js';

/*
 * Deadline terms (src/shared/deadline.ts) through the assignment lifecycle and its read side: a
 * standing part (常态化) is assigned with its terms, is never red, yellow, overdue or late, and
 * cannot be extended; 立行立改 is due the day it is assigned; parts assigned before terms existed
 * are due by a plain day.
 */

const assignments = { initialState: initialAssignmentsState, evolve: evolveAssignments };
const given = (events: readonly AssignmentEvent[]) =>
  givenDecider(assignments, events, (command: AssignmentCommand, state) => decideAssignment(command, state, { parentClosed: false }));

const UNIT = 'unit-finance';
const STANDING: DueTerms = { kind: 'STANDING', reportEvery: 'QUARTER' };
const assign = (overrides: Partial<AssignUnit> = {}): AssignUnit => ({
  type: 'AssignUnit',
  actor: supervisor,
  today: '2026-04-01',
  unitId: UNIT,
  role: 'LEAD',
  dueDate: '2026-12-31',
  assignedOn: '2026-04-01',
  ...overrides,
});
const standingAssigned: AssignmentEvent = {
  type: 'UnitAssigned',
  data: { unitId: UNIT, role: 'LEAD', dueDate: '2026-12-31', terms: STANDING, assignedOn: '2026-04-01' },
};
const requestExtension: RequestExtension = {
  type: 'RequestExtension',
  actor: clerkOf(UNIT),
  today: '2026-05-01',
  unitId: UNIT,
  requestId: 'extension-1',
  requestedDueDate: '2027-03-31',
  reason: '机构调整',
  requestedOn: '2026-05-01',
};

describe('assigning with deadline terms', () => {
  it('a standing part (常态化) is assigned with its terms, as data of UnitAssigned', () => {
    given([]).when(assign({ terms: STANDING })).then([standingAssigned]);
  });

  it('a part due by a plain day writes no terms: the event keeps the shape it always had', () => {
    given([]).when(assign({ terms: { kind: 'BY_DATE' } })).then([
      { type: 'UnitAssigned', data: { unitId: UNIT, role: 'LEAD', dueDate: '2026-12-31', assignedOn: '2026-04-01' } },
    ]);
  });

  it('a part assigned before terms existed is due by a plain day', () => {
    const state = fold(assignments, [{ type: 'UnitAssigned', data: { unitId: UNIT, role: 'LEAD', dueDate: '2026-06-30', assignedOn: '2026-04-01' } }]);
    expect(partOf(state, UNIT)?.terms).toEqual({ kind: 'BY_DATE' });
  });

  it('立行立改 is due on the day it is assigned, and refused on any other day', () => {
    given([]).when(assign({ terms: { kind: 'AT_ONCE' }, dueDate: '2026-04-01' })).then([
      { type: 'UnitAssigned', data: { unitId: UNIT, role: 'LEAD', dueDate: '2026-04-01', terms: { kind: 'AT_ONCE' }, assignedOn: '2026-04-01' } },
    ]);
    given([]).when(assign({ terms: { kind: 'AT_ONCE' }, dueDate: '2026-04-30' })).thenRefused('BAD_USER_INPUT', /立行立改/, /交办当日/);
  });

  it('a standing part has no due date to extend: the unit reports each period instead', () => {
    given([standingAssigned]).when(requestExtension).thenRefused('CONFLICT', /standing task/, /常态化任务/);
  });
});

describe('the read side of a standing part', () => {
  const standing = (overrides: Partial<PartView> = {}) => partView(UNIT, { dueDate: '2026-06-30', terms: STANDING, ...overrides });
  const dated = (overrides: Partial<PartView> = {}) => partView('unit-dated', { dueDate: '2026-06-30', ...overrides });

  it('is green and never overdue, before and after its day; a dated part turns yellow then red', () => {
    for (const today of ['2026-06-28', '2026-07-15', '2027-03-01']) {
      expect(trafficLight(standing(), today, 7)).toBe('GREEN');
      expect(isOverdue(standing(), today)).toBe(false);
      expect(trafficLight(standing({ status: 'RETURNED' }), today, 7)).toBe('GREEN');
    }
    expect(trafficLight(dated(), '2026-06-28', 7)).toBe('YELLOW');
    expect(trafficLight(dated(), '2026-07-15', 7)).toBe('RED');
  });

  it('is never counted late by the scorecard, from the parts or from the tallies kept as events arrive', () => {
    const report = (day: string) => ({ summary: '季度进展', evidence: [], reportedOn: day, reportedAt: `${day}T02:00:00.000Z`, reportedBy: 'u' });
    const parts = [standing(), standing({ unitId: 'unit-reported', status: 'REPORTED', reports: [report('2026-09-20')] }), dated()];
    const today = '2026-08-01';
    const unitName = (id: string) => id;
    const fromParts = buildScorecard({ parts, unitName, today });
    const tallies = emptyTallies();
    updateParent(tallies, 'item-1', new Map(parts.map((part) => [part.unitId, part])));
    const fromTallies = scorecardFromTallies({ tallies: [tallies.perUnit], unitName, today });
    for (const scores of [fromParts, fromTallies]) {
      expect(scores.find((score) => score.unitId === UNIT)).toMatchObject({ due: 0, overdue: 0, onTimeRate: null });
      // Reported after its own dueDate would be late for a dated part; a standing part's report is on time.
      expect(scores.find((score) => score.unitId === 'unit-reported')).toMatchObject({ due: 1, onTime: 1, overdue: 0 });
      expect(scores.find((score) => score.unitId === 'unit-dated')).toMatchObject({ due: 1, overdue: 1, onTimeRate: 0 });
    }
  });

  it("gives its unit no deadline reminder (overdue, due by its dueDate) in the shared inbox of findings and items — only its next quarterly report's, 7/3/1 days before (newcomer32 S3); a dated part's comes", () => {
    const parent = { parentKind: 'WORK_PLAN_ITEM', parentId: 'item-1', parentTitle: '1-1 常态化公开', planTitle: '2026年工作要点' } as const;
    expect(remindersFor(parent, standing(), '2026-07-15')).toEqual([]);
    expect(remindersFor(parent, standing(), '2026-06-28').map((reminder) => [reminder.kind, reminder.message, reminder.dueDate])).toEqual([
      ['DUE_IN_3_DAYS', '还有 2 天应报送（常态化（每季度报送），下次报送 2026-06-30）。', '2026-06-30'],
    ]);
    expect(remindersFor(parent, dated(), '2026-06-28').map((reminder) => reminder.kind)).toEqual(['DUE_IN_3_DAYS']);
    expect(remindersFor(parent, dated(), '2026-07-15').map((reminder) => reminder.kind)).toEqual(['OVERDUE']);
  });

  it('has its first report on time whatever due date was in force that day; a dated part is judged by that date', () => {
    const report = { summary: '季度进展', evidence: [], reportedOn: '2026-09-20', reportedAt: '2026-09-20T02:00:00.000Z', reportedBy: 'u' };
    expect(firstReportOnTime(standing({ reports: [report] }))).toBe(true);
    expect(firstReportOnTime(dated({ reports: [report] }))).toBe(false);
    expect(firstReportOnTime(standing())).toBeNull();
  });
});

describe('deadline terms in words and periodic reports', () => {
  it('says the terms as offices write them', () => {
    expect(termsInWords({ kind: 'BY_DATE' }, '2026-06-30')).toBeNull();
    expect(termsInWords({ kind: 'AT_ONCE' }, '2026-04-01')).toBe('立行立改');
    expect(termsInWords(STANDING, '2026-12-31')).toBe('常态化（每季度报送）');
    expect(termsInWords({ kind: 'RECURRING', period: 'MONTH' }, '2026-05-31')).toBe('每月');
    expect(termsInWords({ kind: 'BY_DATE_THEN_STANDING', reportEvery: 'QUARTER' }, '2018-12-31')).toBe('2018-12-31前完成并持续落实');
  });

  it('a standing part reports by the end of the quarter in progress, or of the next once reported in it', () => {
    expect(nextReportDue(STANDING, { dueDate: '2026-12-31', lastReportedOn: null }, '2026-05-10')).toBe('2026-06-30');
    expect(nextReportDue(STANDING, { dueDate: '2026-12-31', lastReportedOn: '2026-03-31' }, '2026-05-10')).toBe('2026-06-30');
    expect(nextReportDue(STANDING, { dueDate: '2026-12-31', lastReportedOn: '2026-04-01' }, '2026-05-10')).toBe('2026-09-30');
    expect(nextReportDue(STANDING, { dueDate: '2026-12-31', lastReportedOn: '2026-12-01' }, '2026-12-20')).toBe('2027-03-31');
    expect(nextReportDue({ kind: 'STANDING', reportEvery: 'MONTH' }, { dueDate: '2026-12-31', lastReportedOn: null }, '2026-02-10')).toBe('2026-02-28');
  });

  it('"by X, then keep it up" is standing once X has passed and it was reported; other terms report no period', () => {
    const thenStanding: DueTerms = { kind: 'BY_DATE_THEN_STANDING', reportEvery: 'QUARTER' };
    expect(nextReportDue(thenStanding, { dueDate: '2026-06-30', lastReportedOn: '2026-06-20' }, '2026-06-25')).toBeNull();
    expect(nextReportDue(thenStanding, { dueDate: '2026-06-30', lastReportedOn: null }, '2026-07-10')).toBeNull();
    expect(nextReportDue(thenStanding, { dueDate: '2026-06-30', lastReportedOn: '2026-06-20' }, '2026-07-10')).toBe('2026-09-30');
    expect(nextReportDue({ kind: 'BY_DATE' }, { dueDate: '2026-06-30', lastReportedOn: null }, '2026-05-10')).toBeNull();
  });
});

describe('the 整改时限 cell of the XLSX and CSV export', () => {
  it('is the day, or the office\'s words beside or instead of it', () => {
    expect(dueCell({ dueDate: '2026-06-30', terms: { kind: 'BY_DATE' } })).toBe('2026-06-30');
    expect(dueCell({ dueDate: '2026-04-01', terms: { kind: 'AT_ONCE' } })).toBe('立行立改（2026-04-01）');
    expect(dueCell({ dueDate: '2026-12-31', terms: STANDING })).toBe('常态化（每季度报送）');
    expect(dueCell({ dueDate: '2026-03-31', terms: { kind: 'RECURRING', period: 'QUARTER' } })).toBe('2026-03-31（每季度）');
    expect(dueCell({ dueDate: '2018-12-31', terms: { kind: 'BY_DATE_THEN_STANDING', reportEvery: 'QUARTER' } })).toBe('2018-12-31前完成并持续落实');
  });
});
