import { fold } from '../../shared/decider.js';
import { clerkOf, supervisor } from '../../shared/testing/actors.js';
import { given as givenDecider } from '../../shared/testing/decider-testing.js';
import type { AssignmentCommand, CorrectFactDate, ReportRectification } from './assignment.commands.js';
import { decideAssignment, evolveAssignments, initialAssignmentsState, partOf, type AssignmentParentContext } from './assignment.decider.js';
import type { AssignmentEvent } from './assignment.events.js';
import { assignmentsOn } from './assignment.decider.js';

/*
 * A correction is refused whenever the same fact typed on the corrected day would be refused, and taken with what typing it
 * there would need (issue 8 item 4: "Anything a correction would make inconsistent … is refused, naming what clashes").
 *
 * breaker48-8 S1: report 05-25, pass 06-15 (closed), a 退办 of 05-28 entered late, the re-report handed in at the pass (06-15).
 * Its date corrected to 06-16 was taken — typed as 06-16 it is refused 「不再接收整改报告」 — leaving the finding 已销号 with its
 * part 已报告待督查, and a later pass silently moved the close-out.
 * breaker48-8 S2: a 退办 typed 05-28 (before the due date 05-31) really of 06-05 could never be corrected: moved past the due
 * date it needs a new one, which only a reopening's correction could carry.
 */
const UNIT = 'unit-fgw';
const TODAY = '2016-12-31';
const DIRECTORY = { nameOf: (unitId: string) => ({ [UNIT]: '市发改委' })[unitId] };
const assignments = { initialState: initialAssignmentsState, evolve: evolveAssignments };
const given = (events: readonly AssignmentEvent[], context: AssignmentParentContext) =>
  givenDecider(assignments, events, (command: AssignmentCommand, state) => decideAssignment(command, state, context));

const assigned: AssignmentEvent = { type: 'UnitAssigned', data: { unitId: UNIT, role: 'LEAD', dueDate: '2016-05-31', assignedOn: '2016-04-26' } };
const reported = (reportedOn: string): AssignmentEvent => ({ type: 'RectificationReported', data: { unitId: UNIT, summary: '已公开', evidence: [{ title: '页面', link: 'https://example.gov.cn/a', documentRef: null }], reportedOn } });
const passed = (inspectedOn: string): AssignmentEvent => ({ type: 'InspectionLogged', data: { unitId: UNIT, inspectionId: 'i-1', outcome: 'PASSED', notes: '', inspectedOn, place: '现场' } });
const sentBack = (sentBackOn: string, newDueDate?: string): AssignmentEvent => ({ type: 'ReportSentBack', data: { unitId: UNIT, reason: '链接打不开', sentBackOn, ...(newDueDate === undefined ? {} : { newDueDate }) } });
const redate = (factType: CorrectFactDate['factType'], previousOn: string, on: string, newDueDate?: string): CorrectFactDate => ({
  type: 'CorrectFactDate', actor: supervisor, today: TODAY, unitNames: DIRECTORY, unitId: UNIT, factType, previousOn, on, reason: '日期录错', ...(newDueDate === undefined ? {} : { newDueDate }),
});
const report = (reportedOn: string): ReportRectification => ({
  type: 'ReportRectification', actor: clerkOf(UNIT), today: TODAY, unitNames: DIRECTORY, unitId: UNIT, summary: '已公开', evidence: [{ title: '页面', link: 'https://example.gov.cn/a', documentRef: null }], reportedOn,
});

describe('a re-report handed in at the pass, its date corrected past that pass (breaker48-8 S1)', () => {
  const typed = [assigned, reported('2016-05-25'), passed('2016-06-15'), sentBack('2016-05-28'), reported('2016-06-15')];

  it('typed on 06-16 directly it is refused: the part stood verified', () => {
    given([assigned, reported('2016-05-25'), passed('2016-06-15'), sentBack('2016-05-28')], { parentClosed: true }).when(report('2016-06-16')).thenRefused('CONFLICT', /2016-06-15/, /2016-06-15.*不再接收整改报告/u);
  });

  it('its date corrected to 06-16 is refused too, naming the pass it would follow', () => {
    given(typed, { parentClosed: true }).when(redate('RectificationReported', '2016-06-15', '2016-06-16')).thenRefused('CONFLICT', /stood verified then \(on 2016-06-15\)/, /^更正后的整改报告日期（2016-06-16）不成立：当时该任务已确认完成（2016-06-15）/u);
  });
});

describe('a send-back whose date is corrected past the due date in force (breaker48-8 S2)', () => {
  const typed = [assigned, reported('2016-05-25'), sentBack('2016-05-28')];

  it('without a new due date is refused, asking for one as a send-back typed that day does', () => {
    given(typed, { parentClosed: false }).when(redate('ReportSentBack', '2016-05-28', '2016-06-05')).thenRefused('BAD_USER_INPUT', /newDueDate/, /截止日期 2016-05-31.*请在本表中填写新的整改时限（不早于 2016-06-05）/u);
  });

  it('with one, is taken: the part is returned on 06-05, due on the new day, not overdue while its report awaited review', () => {
    const correction = redate('ReportSentBack', '2016-05-28', '2016-06-05', '2016-06-30');
    given(typed, { parentClosed: false }).when(correction).then([
      { type: 'FactDateCorrected', data: { unitId: UNIT, factType: 'ReportSentBack', previousOn: '2016-05-28', on: '2016-06-05', reason: '日期录错', correctedOn: TODAY, newDueDate: '2016-06-30' } },
    ]);
    const after = fold(assignments, [...typed, ...decideAssignment(correction, fold(assignments, typed), { parentClosed: false })]);
    expect(partOf(assignmentsOn(after, '2016-06-01'), UNIT)).toMatchObject({ status: 'REPORTED', dueDate: '2016-05-31' });
    expect(partOf(after, UNIT)).toMatchObject({ status: 'RETURNED', dueDate: '2016-06-30', lastReturn: expect.objectContaining({ returnedOn: '2016-06-05' }) });
  });

  it('with one before the corrected day, is refused at the new due date', () => {
    given(typed, { parentClosed: false }).when(redate('ReportSentBack', '2016-05-28', '2016-06-05', '2016-06-01')).thenRefusedAt('newDueDate');
  });

  it.each([
    ['the due date not passed on the corrected day', typed, redate('ReportSentBack', '2016-05-28', '2016-05-30', '2016-06-30'), /2016-05-31 在 2016-05-30 尚未过/u],
    ['the send-back gave one already', [assigned, reported('2016-05-25'), sentBack('2016-06-02', '2016-06-20')], redate('ReportSentBack', '2016-06-02', '2016-06-05', '2016-06-30'), /已给出新的整改时限 2016-06-20/u],
  ] as const)('a new due date where %s is refused as not needed', (_, events, correction, zh) => {
    given(events, { parentClosed: false }).when(correction).thenRefused('BAD_USER_INPUT', /not needed/, zh);
  });

  it('any other record’s date correction still takes no new due date', () => {
    given(typed, { parentClosed: false }).when(redate('RectificationReported', '2016-05-25', '2016-05-26', '2016-06-30')).thenRefused('BAD_USER_INPUT', /a reopening, a send-back or a failed inspection/, /只有更正重新打开、退办或督查未通过的日期时/u);
  });
});
