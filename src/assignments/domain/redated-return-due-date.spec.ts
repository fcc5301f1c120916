import { fold } from '../../shared/decider.js';
import { supervisor } from '../../shared/testing/actors.js';
import { given as givenDecider } from '../../shared/testing/decider-testing.js';
import type { AssignmentCommand, CorrectFactDate } from './assignment.commands.js';
import { assignmentsOn, decideAssignment, evolveAssignments, initialAssignmentsState, partOf, type AssignmentParentContext, type AssignmentsState } from './assignment.decider.js';
import type { AssignmentEvent } from './assignment.events.js';

/*
 * The due date in force when a return's date is corrected (breaker49-8): a send-back, a reopening or a failed inspection moved
 * to another day leaves the part with the due date a return typed on that day would — the one it gave itself, else the one then
 * in force —, and moved past it the correction gives a new one.
 *
 * S5: a failed inspection typed 05-25 (before the due date 05-31), really of 06-02, was refused every way once the unit re-reported.
 * M1: a send-back that gave 06-20, really of 06-25, could never be made to read as the paper (CONFLICT, no way on).
 * S4: a send-back moved past the due date by mistake (06-02, taking 06-20) and moved back (05-25) kept 06-20: GREEN where it was RED.
 */
const UNIT = 'unit-fgw';
const TODAY = '2016-12-31';
const DIRECTORY = { nameOf: (unitId: string) => ({ [UNIT]: '市发改委' })[unitId] };
const assignments = { initialState: initialAssignmentsState, evolve: evolveAssignments };
const OPEN: AssignmentParentContext = { parentClosed: false };
const given = (events: readonly AssignmentEvent[], context: AssignmentParentContext = OPEN) =>
  givenDecider(assignments, events, (command: AssignmentCommand, state) => decideAssignment(command, state, context));

const assigned: AssignmentEvent = { type: 'UnitAssigned', data: { unitId: UNIT, role: 'LEAD', dueDate: '2016-05-31', assignedOn: '2016-04-26' } };
const reported = (reportedOn: string): AssignmentEvent => ({ type: 'RectificationReported', data: { unitId: UNIT, summary: '已公开', evidence: [{ title: '页面', link: 'https://example.gov.cn/a', documentRef: null }], reportedOn } });
const failed = (inspectedOn: string, newDueDate?: string): AssignmentEvent => ({
  type: 'InspectionLogged', data: { unitId: UNIT, inspectionId: 'i-1', outcome: 'FAILED', notes: '链接打不开', inspectedOn, place: '现场', ...(newDueDate === undefined ? {} : { newDueDate }) },
});
const passed = (inspectedOn: string): AssignmentEvent => ({ type: 'InspectionLogged', data: { unitId: UNIT, inspectionId: 'i-0', outcome: 'PASSED', notes: '', inspectedOn, place: '现场' } });
const sentBack = (sentBackOn: string, newDueDate?: string): AssignmentEvent => ({ type: 'ReportSentBack', data: { unitId: UNIT, reason: '链接打不开', sentBackOn, ...(newDueDate === undefined ? {} : { newDueDate }) } });
const reopened = (reopenedOn: string, newDueDate?: string): AssignmentEvent => ({ type: 'PartsReopened', data: { reason: '群众反映问题复发', reopenedOn, ...(newDueDate === undefined ? {} : { newDueDate }) } });
const redate = (factType: CorrectFactDate['factType'], previousOn: string, on: string, newDueDate?: string): CorrectFactDate => ({
  type: 'CorrectFactDate', actor: supervisor, today: TODAY, unitNames: DIRECTORY, unitId: UNIT, factType, previousOn, on, reason: '日期录错', ...(newDueDate === undefined ? {} : { newDueDate }),
});
const corrected = (factType: CorrectFactDate['factType'], previousOn: string, on: string, given: object = {}): AssignmentEvent => ({
  type: 'FactDateCorrected', data: { unitId: UNIT, factType, previousOn, on, reason: '日期录错', correctedOn: TODAY, ...given },
});
/** The events after `command` is decided on `events` (it must be taken). */
const after = (events: readonly AssignmentEvent[], command: CorrectFactDate, context: AssignmentParentContext = OPEN): AssignmentEvent[] => [
  ...events,
  ...decideAssignment(command, fold(assignments, events), context),
];
const dueOn = (state: AssignmentsState, day: string) => {
  const part = partOf(assignmentsOn(state, day), UNIT);
  return { status: part?.status, dueDate: part?.dueDate };
};

describe('a failed inspection whose day is corrected past the due date in force, the unit having re-reported (breaker49-8 S5)', () => {
  const typed = [assigned, reported('2016-05-20'), failed('2016-05-25'), reported('2016-06-05')];

  it('without a new due date it is refused asking for one in the same form, as a failure typed that day is', () => {
    given(typed).when(redate('InspectionLogged', '2016-05-25', '2016-06-02')).thenRefused('BAD_USER_INPUT', /failed inspection gave no new due date.*Give the new due date \(newDueDate\)/, /晚于市发改委当时的截止日期 2016-05-31，而该次督查未填写重新整改的时限：任务退回即逾期。请在本表中填写新的整改时限（不早于 2016-06-02）/u);
    given(typed).when(redate('InspectionLogged', '2016-05-25', '2016-06-02')).thenRefusedAt('newDueDate');
  });

  it('with one it is taken: returned on 06-02 due 06-20, the re-report of 06-05 on time', () => {
    const correction = redate('InspectionLogged', '2016-05-25', '2016-06-02', '2016-06-20');
    given(typed).when(correction).then([corrected('InspectionLogged', '2016-05-25', '2016-06-02', { newDueDate: '2016-06-20' })]);
    const state = fold(assignments, after(typed, correction));
    expect(dueOn(state, '2016-06-01')).toEqual({ status: 'REPORTED', dueDate: '2016-05-31' });
    expect(dueOn(state, '2016-06-03')).toEqual({ status: 'RETURNED', dueDate: '2016-06-20' });
    expect({ status: partOf(state, UNIT)?.status, dueDate: partOf(state, UNIT)?.dueDate }).toEqual({ status: 'REPORTED', dueDate: '2016-06-20' });
  });

  it('a pass’s day still takes no new due date', () => {
    given([assigned, reported('2016-05-20'), passed('2016-05-25')], { parentClosed: true }).when(redate('InspectionLogged', '2016-05-25', '2016-06-02', '2016-06-20')).thenRefused('BAD_USER_INPUT', /a reopening, a send-back or a failed inspection/, /只有更正重新打开、退办或督查未通过的日期时/u);
  });
});

describe('a return that gave its own new due date, its day corrected past that date (breaker49-8 M1)', () => {
  it.each([
    ['send-back', [assigned, reported('2016-05-20'), sentBack('2016-05-25', '2016-06-20')], 'ReportSentBack', /该次退办给出的新截止日期 2016-06-20/u],
    ['failed inspection', [assigned, reported('2016-05-20'), failed('2016-05-25', '2016-06-20')], 'InspectionLogged', /该次督查给出的新截止日期 2016-06-20/u],
  ] as const)('a %s: without a new due date it asks for the one that replaces it; with one the part is due then from the corrected day', (_, typed, factType, zh) => {
    given(typed).when(redate(factType, '2016-05-25', '2016-06-25')).thenRefused('BAD_USER_INPUT', /Give the new due date \(newDueDate\) with the correction; it replaces 2016-06-20/, zh);
    const correction = redate(factType, '2016-05-25', '2016-06-25', '2016-07-10');
    given(typed).when(correction).then([corrected(factType, '2016-05-25', '2016-06-25', { newDueDate: '2016-07-10' })]);
    const state = fold(assignments, after(typed, correction));
    expect(dueOn(state, '2016-06-24')).toEqual({ status: 'REPORTED', dueDate: '2016-05-31' });
    expect(dueOn(state, '2016-06-26')).toEqual({ status: 'RETURNED', dueDate: '2016-07-10' });
  });

  it('a reopening: the same, for the parts it returned', () => {
    const typed = [assigned, reported('2016-05-20'), passed('2016-05-22'), reopened('2016-05-25', '2016-06-20')];
    given(typed, { parentClosed: false }).when(redate('PartsReopened', '2016-05-25', '2016-06-25')).thenRefused('BAD_USER_INPUT', /it replaces 2016-06-20/, /该次重新打开给出的新截止日期 2016-06-20.*取代 2016-06-20/u);
    const correction = redate('PartsReopened', '2016-05-25', '2016-06-25', '2016-07-10');
    given(typed).when(correction).then([corrected('PartsReopened', '2016-05-25', '2016-06-25', { newDueDate: '2016-07-10' })]);
    expect(dueOn(fold(assignments, after(typed, correction)), '2016-06-26')).toEqual({ status: 'RETURNED', dueDate: '2016-07-10' });
  });

  it('moved back before it, the return gives its own date again: the paper’s, not the replaced one', () => {
    const typed = [assigned, reported('2016-05-20'), sentBack('2016-05-25', '2016-06-20')];
    const first = after(typed, redate('ReportSentBack', '2016-05-25', '2016-06-25', '2016-07-10'));
    given(first).when(redate('ReportSentBack', '2016-06-25', '2016-05-25')).then([corrected('ReportSentBack', '2016-06-25', '2016-05-25', { ownDueDateOnly: true })]);
    expect(dueOn(fold(assignments, after(first, redate('ReportSentBack', '2016-06-25', '2016-05-25'))), '2016-06-01')).toEqual({ status: 'RETURNED', dueDate: '2016-06-20' });
  });
});

describe('a wrong date correction undone: the new due date only the wrong day called for goes with it (breaker49-8 S4)', () => {
  it.each([
    ['send-back', [assigned, reported('2016-05-20'), sentBack('2016-05-25')], 'ReportSentBack'],
    ['failed inspection', [assigned, reported('2016-05-20'), failed('2016-05-25')], 'InspectionLogged'],
    ['reopening', [assigned, reported('2016-05-20'), passed('2016-05-22'), reopened('2016-05-25')], 'PartsReopened'],
  ] as const)('a %s moved to 06-02 with 06-20, then back to 05-25: due 05-31 again, overdue from 06-01', (_, typed, factType) => {
    const slip = after(typed, redate(factType, '2016-05-25', '2016-06-02', '2016-06-20'));
    expect(dueOn(fold(assignments, slip), '2016-06-05')).toEqual({ status: 'RETURNED', dueDate: '2016-06-20' });
    given(slip).when(redate(factType, '2016-06-02', '2016-05-25')).then([corrected(factType, '2016-06-02', '2016-05-25', { ownDueDateOnly: true })]);
    given(slip).when(redate(factType, '2016-06-02', '2016-05-25', '2016-06-20')).thenRefused('BAD_USER_INPUT', /not needed/, /无须填写新的整改时限/u);
    const undone = fold(assignments, after(slip, redate(factType, '2016-06-02', '2016-05-25')));
    expect(dueOn(undone, '2016-05-26')).toEqual({ status: 'RETURNED', dueDate: '2016-05-31' });
    expect(dueOn(undone, '2016-06-05')).toEqual({ status: 'RETURNED', dueDate: '2016-05-31' });
    expect(partOf(undone, UNIT)?.dueDate).toBe('2016-05-31');
  });

  it('moved on to another day still past the due date, it asks again (the date is the correction’s, judged on each new day)', () => {
    const slip = after([assigned, reported('2016-05-20'), sentBack('2016-05-25')], redate('ReportSentBack', '2016-05-25', '2016-06-02', '2016-06-20'));
    given(slip).when(redate('ReportSentBack', '2016-06-02', '2016-06-04')).thenRefusedAt('newDueDate');
    given(slip).when(redate('ReportSentBack', '2016-06-02', '2016-06-04', '2016-06-25')).then([corrected('ReportSentBack', '2016-06-02', '2016-06-04', { newDueDate: '2016-06-25' })]);
  });
});

describe('a failed inspection’s wrong day undone through 更正督查记录: the same rule as 更正记录日期 (breaker50-8 S2)', () => {
  const typed = [assigned, reported('2016-05-20'), failed('2016-05-25')];
  const correctInspection = (inspectedOn: string | undefined, newDueDate?: string): AssignmentCommand => ({
    type: 'CorrectInspection', actor: supervisor, today: TODAY, unitNames: DIRECTORY, unitId: UNIT, inspectionId: 'i-1', reason: '日期录错',
    ...(inspectedOn === undefined ? {} : { inspectedOn }), ...(newDueDate === undefined ? {} : { newDueDate }),
  });
  const afterAny = (events: readonly AssignmentEvent[], command: AssignmentCommand) => [...events, ...decideAssignment(command, fold(assignments, events), OPEN)];
  const inspectionCorrected = (previousInspectedOn: string, inspectedOn: string, given: object = {}): AssignmentEvent => ({
    type: 'InspectionCorrected', data: { unitId: UNIT, inspectionId: 'i-1', previousInspectedOn, inspectedOn, previousOutcome: 'FAILED', outcome: 'FAILED', reason: '日期录错', correctedOn: TODAY, ...given },
  });

  it.each([
    ['更正记录日期', () => after(typed, redate('InspectionLogged', '2016-05-25', '2016-06-02', '2016-06-20'))],
    ['更正督查记录', () => afterAny(typed, correctInspection('2016-06-02', '2016-06-20'))],
  ] as const)('the slip made through %s, the day put back with 更正督查记录 and no date: due 05-31 again, overdue from 06-01', (_, slipped) => {
    const slip = slipped();
    expect(dueOn(fold(assignments, slip), '2016-06-05')).toEqual({ status: 'RETURNED', dueDate: '2016-06-20' });
    given(slip).when(correctInspection('2016-05-25')).then([inspectionCorrected('2016-06-02', '2016-05-25')]);
    const undone = afterAny(slip, correctInspection('2016-05-25'));
    for (const state of [fold(assignments, undone), undone.reduce(evolveAssignments, initialAssignmentsState())]) {
      expect(dueOn(state, '2016-05-26')).toEqual({ status: 'RETURNED', dueDate: '2016-05-31' });
      expect(dueOn(state, '2016-06-05')).toEqual({ status: 'RETURNED', dueDate: '2016-05-31' });
      expect(partOf(state, UNIT)?.dueDate).toBe('2016-05-31');
    }
  });

  it('moved by 更正督查记录 past the date its own leaves, without one it is refused, as a date correction is', () => {
    const slip = after(typed, redate('InspectionLogged', '2016-05-25', '2016-05-28', undefined));
    given(slip).when(correctInspection('2016-06-03')).thenRefused('BAD_USER_INPUT', /2016-05-31.*2016-06-03.*newDueDate/, /原时限 2016-05-31 在督查不通过之日（2016-06-03）已过：须填写重新整改的时限/u);
  });

  it('a failure typed with its own date keeps it when its day is moved and put back', () => {
    const own = [assigned, reported('2016-05-20'), failed('2016-05-25', '2016-06-10')];
    const slip = afterAny(own, correctInspection('2016-06-12', '2016-06-30'));
    const back = afterAny(slip, correctInspection('2016-05-25'));
    expect(partOf(fold(assignments, back), UNIT)?.dueDate).toBe('2016-06-10');
  });
});

describe('a failure’s new due date given alone by 更正督查记录: the paper’s date typed late (breaker50-8 M1, S4)', () => {
  const typed = [assigned, reported('2016-05-20'), failed('2016-05-25')];
  const giveDate = (newDueDate: string): AssignmentCommand => ({
    type: 'CorrectInspection', actor: supervisor, today: TODAY, unitNames: DIRECTORY, unitId: UNIT, inspectionId: 'i-1', reason: '补录重新整改时限', newDueDate,
  });

  it('is taken, due then from the failure’s day; the same date again is refused as no change', () => {
    const events = [...typed, ...decideAssignment(giveDate('2016-06-20'), fold(assignments, typed), OPEN)];
    expect(events.at(-1)).toMatchObject({ type: 'InspectionCorrected', data: { inspectedOn: '2016-05-25', previousInspectedOn: '2016-05-25', outcome: 'FAILED', newDueDate: '2016-06-20' } });
    expect(dueOn(fold(assignments, events), '2016-06-05')).toEqual({ status: 'RETURNED', dueDate: '2016-06-20' });
    given(events).when(giveDate('2016-06-20')).thenRefused('BAD_USER_INPUT', /neither the day/, /更正内容与原记录相同/u);
  });

  it('is the failure’s own from then on: a later date correction where none is needed keeps it', () => {
    const events = [...typed, ...decideAssignment(giveDate('2016-06-20'), fold(assignments, typed), OPEN)];
    const moved = after(events, redate('InspectionLogged', '2016-05-25', '2016-05-27'));
    expect(partOf(fold(assignments, moved), UNIT)?.dueDate).toBe('2016-06-20');
  });
});

describe('a wrong correction whose undo a later return blocks: the later return may be given its paper’s due date first (breaker50-8 S4)', () => {
  // Due 05-31; sent back 05-25; the slip: moved to 06-02 with 06-20; the unit re-reports 06-05; the next return (06-10) needs no
  // date while 06-20 stands. Undoing the slip puts the part due 05-31 again, so that return — after it — needs one.
  const slip = after([assigned, reported('2016-05-20'), sentBack('2016-05-25')], redate('ReportSentBack', '2016-05-25', '2016-06-02', '2016-06-20'));
  const sentBackAgain = (on: string, newDueDate?: string): AssignmentEvent => ({ type: 'ReportSentBack', data: { unitId: UNIT, reason: '仍不完整', sentBackOn: on, ...(newDueDate === undefined ? {} : { newDueDate }) } });
  const laterFailure = [...slip, reported('2016-06-05'), { ...failed('2016-06-10'), data: { ...failed('2016-06-10').data, inspectionId: 'i-2' } } as AssignmentEvent];
  const laterSendBack = [...slip, reported('2016-06-05'), sentBackAgain('2016-06-10')];
  const undo = redate('ReportSentBack', '2016-06-02', '2016-05-25');

  it('the undo is refused naming the way on: give that return its new due date, its day unchanged', () => {
    given(laterFailure).when(undo).thenRefused('CONFLICT', /give that inspection the new due date its paper gives first/, /请先为该督查补填纸质记录上的重新整改时限（在该督查记录的「更正督查记录」中只填写重新整改的时限）/u);
    given(laterSendBack).when(undo).thenRefused('CONFLICT', /give that send-back the new due date/, /在「更正记录日期」中选该退办，实际日期不变，填写新的整改时限/u);
  });

  it('a failure given its date by 更正督查记录: the undo is taken, the part due 05-31 until 06-10, then 06-30', () => {
    const giveDate: AssignmentCommand = { type: 'CorrectInspection', actor: supervisor, today: TODAY, unitNames: DIRECTORY, unitId: UNIT, inspectionId: 'i-2', reason: '补录重新整改时限', newDueDate: '2016-06-30' };
    const dated = [...laterFailure, ...decideAssignment(giveDate, fold(assignments, laterFailure), OPEN)];
    given(dated).when(undo).then([corrected('ReportSentBack', '2016-06-02', '2016-05-25', { ownDueDateOnly: true })]);
    const state = fold(assignments, after(dated, undo));
    expect(dueOn(state, '2016-06-01')).toEqual({ status: 'RETURNED', dueDate: '2016-05-31' });
    expect(dueOn(state, '2016-06-11')).toEqual({ status: 'RETURNED', dueDate: '2016-06-30' });
  });

  it('a send-back given its date by 更正记录日期 with its day kept: the same', () => {
    const giveDate = redate('ReportSentBack', '2016-06-10', '2016-06-10', '2016-06-30');
    given(laterSendBack).when(giveDate).then([corrected('ReportSentBack', '2016-06-10', '2016-06-10', { newDueDate: '2016-06-30' })]);
    const dated = after(laterSendBack, giveDate);
    given(dated).when(undo).then([corrected('ReportSentBack', '2016-06-02', '2016-05-25', { ownDueDateOnly: true })]);
    const state = fold(assignments, after(dated, undo));
    expect(dueOn(state, '2016-06-01')).toEqual({ status: 'RETURNED', dueDate: '2016-05-31' });
    expect(dueOn(state, '2016-06-11')).toEqual({ status: 'RETURNED', dueDate: '2016-06-30' });
  });
});

describe('a send-back typed without its paper’s new due date is given one, its day kept (breaker50-8 M1)', () => {
  const typed = [assigned, reported('2016-05-20'), sentBack('2016-05-25')];

  it('is taken, and is the send-back’s own: a later move where none is needed keeps it', () => {
    const giveDate = redate('ReportSentBack', '2016-05-25', '2016-05-25', '2016-06-20');
    const dated = after(typed, giveDate);
    expect(partOf(fold(assignments, dated), UNIT)?.dueDate).toBe('2016-06-20');
    given(dated).when(redate('ReportSentBack', '2016-05-25', '2016-05-26')).then([corrected('ReportSentBack', '2016-05-25', '2016-05-26')]);
    expect(partOf(fold(assignments, after(dated, redate('ReportSentBack', '2016-05-25', '2016-05-26'))), UNIT)?.dueDate).toBe('2016-06-20');
    given(dated).when(redate('ReportSentBack', '2016-05-25', '2016-05-25', '2016-06-20')).thenRefused('BAD_USER_INPUT', /gives 2016-06-20 already/, /重新整改时限已是 2016-06-20/u);
  });

  it('without a date, the same day is still refused as no change', () => {
    given(typed).when(redate('ReportSentBack', '2016-05-25', '2016-05-25')).thenRefused('BAD_USER_INPUT', /already dated/, /日期已是 2016-05-25/u);
  });
});

describe('a return’s new due date a colleague gave meanwhile is never silently replaced (breaker53-9 S1)', () => {
  // The card showed the failure of 05-25 with 重新整改时限 06-17; supervisor A types in the paper's 06-25 (day kept); B's form,
  // opened before, sends 06-30 with what it showed.
  const typed = [assigned, reported('2016-05-20'), failed('2016-05-25', '2016-06-17')];
  const shown = (command: CorrectFactDate, expectedNewDueDate: string): CorrectFactDate => ({ ...command, expectedNewDueDate });
  const byA = after(typed, shown(redate('InspectionLogged', '2016-05-25', '2016-05-25', '2016-06-25'), '2016-06-17'));

  it('the second form, which showed 06-17, is refused naming who gave 06-25 when; nothing is written', () => {
    given(byA)
      .when(shown(redate('InspectionLogged', '2016-05-25', '2016-05-25', '2016-06-30'), '2016-06-17'))
      .thenChangedMeanwhile({
        field: 'expectedNewDueDate',
        types: ['FactDateCorrected', 'InspectionCorrected'],
        unitId: UNIT,
        reason: '纸质通知为6月25日',
        zh: '市发改委 2016-05-25 督查的重新整改时限刚由张伟改为 2016-06-25（北京时间 2026-12-07 06:28；理由：纸质通知为6月25日；表单显示的是 2016-06-17）：请确认后再调整，本次未作修改。',
      });
  });

  it('so is one that moves the day with a date, and one whose form showed none where a colleague gave one', () => {
    given(byA).when(shown(redate('InspectionLogged', '2016-05-25', '2016-06-02', '2016-06-30'), '2016-06-17')).thenRefusedAt('expectedNewDueDate');
    const bare = [assigned, reported('2016-05-20'), sentBack('2016-05-25')];
    const given0620 = after(bare, shown(redate('ReportSentBack', '2016-05-25', '2016-05-25', '2016-06-20'), ''));
    given(given0620)
      .when(shown(redate('ReportSentBack', '2016-05-25', '2016-05-25', '2016-06-30'), ''))
      .thenChangedMeanwhile({ field: 'expectedNewDueDate', types: ['FactDateCorrected', 'InspectionCorrected'], unitId: UNIT, zh: /市发改委 2016-05-25 退办的重新整改时限刚由张伟改为 2016-06-20（.*表单显示的是 未填写）/u });
  });

  it('a date given by 更正督查记录 meanwhile is named too', () => {
    const bare = [assigned, reported('2016-05-20'), failed('2016-05-25')];
    const giveDate: AssignmentCommand = { type: 'CorrectInspection', actor: supervisor, today: TODAY, unitNames: DIRECTORY, unitId: UNIT, inspectionId: 'i-1', reason: '补录重新整改时限', newDueDate: '2016-06-20' };
    const dated = [...bare, ...decideAssignment(giveDate, fold(assignments, bare), OPEN)];
    given(dated).when(shown(redate('InspectionLogged', '2016-05-25', '2016-05-25', '2016-06-30'), '')).thenRefusedAt('expectedNewDueDate');
  });

  it('the form that showed the date in force is taken; left out (scripts), unchecked', () => {
    given(byA)
      .when(shown(redate('InspectionLogged', '2016-05-25', '2016-05-25', '2016-06-30'), '2016-06-25'))
      .then([corrected('InspectionLogged', '2016-05-25', '2016-05-25', { newDueDate: '2016-06-30' })]);
    given(byA).when(redate('InspectionLogged', '2016-05-25', '2016-05-25', '2016-06-30')).then([corrected('InspectionLogged', '2016-05-25', '2016-05-25', { newDueDate: '2016-06-30' })]);
  });

  it('a record that is no return ignores it', () => {
    given(typed).when(shown(redate('RectificationReported', '2016-05-20', '2016-05-19'), '2016-06-17')).then([corrected('RectificationReported', '2016-05-20', '2016-05-19')]);
  });
});

describe('更正督查记录 giving a failure its paper’s 重新整改时限 from a form that showed another (breaker53-9 S1’s kind)', () => {
  const typed = [assigned, reported('2016-05-20'), failed('2016-05-25', '2016-06-17')];
  const giveDate = (newDueDate: string, expectedNewDueDate?: string): AssignmentCommand => ({
    type: 'CorrectInspection', actor: supervisor, today: TODAY, unitNames: DIRECTORY, unitId: UNIT, inspectionId: 'i-1', reason: '补录重新整改时限', newDueDate,
    expectedInspectedOn: '2016-05-25', expectedOutcome: 'FAILED', ...(expectedNewDueDate === undefined ? {} : { expectedNewDueDate }),
  });
  const byA = [...typed, ...decideAssignment(giveDate('2016-06-25', '2016-06-17'), fold(assignments, typed), OPEN)];

  it('the second form, which showed 06-17, is refused naming who gave 06-25; the one that showed 06-25, and a script, are taken', () => {
    given(byA).when(giveDate('2016-06-30', '2016-06-17')).thenChangedMeanwhile({
      field: 'expectedNewDueDate',
      types: ['InspectionCorrected', 'FactDateCorrected'],
      unitId: UNIT,
      zh: '市发改委 2016-05-25 督查的重新整改时限刚由张伟改为 2016-06-25（北京时间 2026-12-07 06:28；表单显示的是 2016-06-17）：请确认后再调整，本次未作修改。',
    });
    expect(given(byA).when(giveDate('2016-06-30', '2016-06-25')).decision()).toMatchObject([{ type: 'InspectionCorrected', data: { newDueDate: '2016-06-30' } }]);
    expect(given(byA).when(giveDate('2016-06-30')).decision()).toMatchObject([{ type: 'InspectionCorrected', data: { newDueDate: '2016-06-30' } }]);
  });

  it('a date given by 更正记录日期 meanwhile, where the form showed none, is named too', () => {
    const bare = [assigned, reported('2016-05-20'), failed('2016-05-25')];
    const dated = after(bare, redate('InspectionLogged', '2016-05-25', '2016-05-25', '2016-06-20'));
    given(dated).when(giveDate('2016-06-30', '')).thenChangedMeanwhile({ field: 'expectedNewDueDate', types: ['InspectionCorrected', 'FactDateCorrected'], unitId: UNIT, zh: /改为 2016-06-20（.*表单显示的是 未填写）/u });
  });
});
