import type { AssignmentEvent, Evidence } from '../../assignments/domain/assignment.events.js';
import type { RetractRecord } from '../../assignments/domain/assignment.commands.js';
import { partOf } from '../../assignments/domain/assignment.decider.js';
import { lifecycleOf } from '../../assignments/testing/lifecycle.js';
import { inspector, supervisor } from '../../shared/testing/actors.js';
import { given as givenDecider } from '../../shared/testing/decider-testing.js';
import { findingDecider } from './finding.decider.js';
import type { FindingRecorded, FindingStreamEvent } from './finding.events.js';
import { assignmentsAfter as partsAfter, stateAfter } from '../testing/portal-finding-story.js';

/*
 * 撤销误录 (newcomer51-8 S1): a record entered by mistake — a 重新打开, 退办, 督查 (未通过 or 通过), 催办 or report typed on the
 * wrong finding, unit or day — is retracted with a reason (RecordRetracted); the parts read as if it had never been entered, and
 * a retraction that would leave a later record impossible is refused, naming what to retract first.
 */

const given = (events: readonly FindingStreamEvent[]) => givenDecider(findingDecider, events);

const FINDING = 'finding-f4';
const FINANCE = 'unit-finance';
const EDUCATION = 'unit-education';
const TODAY = '2026-12-07';
const REASON = '录入时选错了问题，纸质台账无此记录';
const evidence: Evidence[] = [{ title: '答复登记表', link: null, documentRef: '青财〔2016〕12号' }];

const { assigned, reported, inspected, sentBack } = lifecycleOf({
  dueDate: '2016-06-30',
  today: TODAY,
  assignedOn: '2016-04-26',
  inspectedOn: '2016-06-20',
  reportedOn: '2016-06-01',
  summary: (unitId) => `${unitId} 已整改`,
  evidence,
  failureNotes: '整改不到位',
  returnedUntil: '2016-07-31',
  extension: { unitId: EDUCATION, today: '2016-05-01', requestedOn: '2016-05-01', requestedDueDate: '2016-07-31', reason: '需要时间' },
});

const recorded: FindingRecorded = {
  type: 'FindingRecorded',
  data: {
    findingId: FINDING,
    evaluationId: 'evaluation-2016',
    title: '依申请公开答复超期',
    description: '',
    category: '依申请公开',
    severity: 'HIGH',
    concernedUnitIds: [FINANCE, EDUCATION],
    identifiedOn: '2016-04-20',
    measures: '',
  },
};
const closedOut = (closedOn: string): FindingStreamEvent => ({ type: 'FindingClosedOut', data: { findingId: FINDING, closedOn } });
const reopenedBy = (reopenedOn: string): FindingStreamEvent[] => [
  { type: 'FindingReopened', data: { findingId: FINDING, reason: '测试', reopenedOn } },
  { type: 'PartsReopened', data: { reason: '测试', reopenedOn, newDueDate: '2016-07-31' } },
];
const urged: AssignmentEvent = { type: 'UnitUrged', data: { unitId: FINANCE, message: '请抓紧整改', urgedOn: '2016-05-20' } };

const assignedToTwo: FindingStreamEvent[] = [recorded, assigned(FINANCE, 'LEAD'), assigned(EDUCATION)];
const bothReported = [...assignedToTwo, reported(FINANCE), reported(EDUCATION)];
const closed = [...bothReported, inspected(FINANCE, 'PASSED', 'i-1'), inspected(EDUCATION, 'PASSED', 'i-2'), closedOut('2016-06-20')];
const wronglyReopened = [...closed, ...reopenedBy('2016-06-20')];

const retract = (factType: RetractRecord['factType'], on: string, overrides: Partial<RetractRecord> = {}): RetractRecord => ({
  type: 'RetractRecord',
  actor: supervisor,
  today: TODAY,
  unitId: FINANCE,
  factType,
  on,
  reason: REASON,
  ...overrides,
});
const retracted = (factType: RetractRecord['factType'], on: string, unitId = FINANCE): AssignmentEvent => ({
  type: 'RecordRetracted',
  data: { unitId, factType, on, reason: REASON, retractedOn: TODAY },
});

describe('撤销误录: a reopening typed on the wrong finding', () => {
  it('is retracted with one event: nothing else is written for the finding', () => {
    given(wronglyReopened).when(retract('PartsReopened', '2016-06-20')).then([retracted('PartsReopened', '2016-06-20')]);
  });

  it('leaves every part verified as before, the finding closed and nothing more to reopen twice', () => {
    const after = [...wronglyReopened, retracted('PartsReopened', '2016-06-20')];
    expect(stateAfter(after)).toMatchObject({ status: 'closed', closedOn: '2016-06-20' });
    expect(partOf(partsAfter(after), FINANCE)).toMatchObject({ status: 'VERIFIED', verifiedOn: '2016-06-20' });
    expect(partOf(partsAfter(after), EDUCATION)).toMatchObject({ status: 'VERIFIED', verifiedOn: '2016-06-20' });
    // Retracted once, the form that showed it finds nothing the second time (reload).
    given(after).when(retract('PartsReopened', '2016-06-20')).thenRefused('NOT_FOUND', /retracted meanwhile/u, /可能其间已被更正或撤销/u);
  });
});

describe('撤销误录: a unit’s records', () => {
  it('a send-back (退办) typed on the wrong unit: the report awaits inspection again', () => {
    const events = [...bothReported, sentBack(FINANCE)];
    given(events).when(retract('ReportSentBack', '2016-06-01')).then([retracted('ReportSentBack', '2016-06-01')]);
    expect(partOf(partsAfter([...events, retracted('ReportSentBack', '2016-06-01')]), FINANCE)).toMatchObject({ status: 'REPORTED', dueDate: '2016-06-30' });
  });

  it('a failed inspection (督查未通过) typed by mistake: the part awaits inspection with its own due date', () => {
    const events = [...bothReported, inspected(FINANCE, 'FAILED', 'i-1')];
    given(events).when(retract('InspectionLogged', '2016-06-20')).then([retracted('InspectionLogged', '2016-06-20')]);
    const part = partOf(partsAfter([...events, retracted('InspectionLogged', '2016-06-20')]), FINANCE);
    expect(part).toMatchObject({ status: 'REPORTED', dueDate: '2016-06-30' });
    expect(part?.inspections).toEqual([]);
  });

  it('an urging (催办) typed on the wrong finding', () => {
    given([...assignedToTwo, urged]).when(retract('UnitUrged', '2016-05-20')).then([retracted('UnitUrged', '2016-05-20')]);
  });

  it('a report typed on the wrong unit: the part is assigned again, nothing reported', () => {
    given(bothReported).when(retract('RectificationReported', '2016-06-01')).then([retracted('RectificationReported', '2016-06-01')]);
    expect(partOf(partsAfter([...bothReported, retracted('RectificationReported', '2016-06-01')]), FINANCE)).toMatchObject({ status: 'ASSIGNED', lastReport: null });
  });

  it('a pass that closed the finding: the finding is open again, its part awaiting inspection', () => {
    given(closed).when(retract('InspectionLogged', '2016-06-20', { unitId: EDUCATION })).then([retracted('InspectionLogged', '2016-06-20', EDUCATION)]);
    const after = [...closed, retracted('InspectionLogged', '2016-06-20', EDUCATION)];
    expect(stateAfter(after)).toMatchObject({ status: 'open' });
    expect(partOf(partsAfter(after), EDUCATION)).toMatchObject({ status: 'REPORTED' });
    // The pass entered again (typed on the right finding): the finding closes on it as any last pass closes it.
    given(after).when({ type: 'LogInspection', actor: inspector, today: TODAY, unitId: EDUCATION, inspectionId: 'i-3', outcome: 'PASSED', notes: '', place: '市教育局', inspectedOn: '2016-06-21' }).then([
      expect.objectContaining({ type: 'InspectionLogged' }),
      closedOut('2016-06-21'),
    ]);
  });

  it('names one of several records of its kind that day by its place in the order entered', () => {
    const twice = [...assignedToTwo, urged, { ...urged, data: { ...urged.data, message: '再次催办' } } as AssignmentEvent];
    given(twice)
      .when(retract('UnitUrged', '2016-05-20', { ofTheDay: 1 }))
      .then([{ type: 'RecordRetracted', data: { unitId: FINANCE, factType: 'UnitUrged', on: '2016-05-20', ofTheDay: 1, reason: REASON, retractedOn: TODAY } }]);
    given(twice).when(retract('UnitUrged', '2016-05-20', { ofTheDay: 3 })).thenRefused('BAD_USER_INPUT', /ofTheDay 3/u, /没有第 3 条/u);
  });
});

describe('撤销误录 refused, nothing written', () => {
  it('a report an inspection checked: the inspection is named to retract first', () => {
    const events = [...bothReported, inspected(FINANCE, 'PASSED', 'i-1')];
    given(events).when(retract('RectificationReported', '2016-06-01')).thenRefused('CONFLICT', /retract it first/u, /2016-06-20 的督查不再成立.*请先撤销该督查记录/u);
  });

  it('a pass whose close-out a later reopening answered: the reopening is named to retract first', () => {
    given(wronglyReopened).when(retract('InspectionLogged', '2016-06-20', { unitId: EDUCATION })).thenRefused('CONFLICT', /reopening of 2016-06-20/u, /2016-06-20 的重新打开不再成立.*请先撤销该重新打开/u);
  });

  it('a reopening the units answered since (re-reports): those are named', () => {
    const answered = [...wronglyReopened, reported(FINANCE, '2016-07-10')];
    given(answered).when(retract('PartsReopened', '2016-06-20')).thenRefused('CONFLICT', undefined, /2016-07-10 的整改报告不再成立/u);
  });

  it('given a reopening and an urging of the part it returned, when the reopening is retracted, then it is refused naming the urging, as an extension request would be (breaker55-8 S8)', () => {
    const urgedAfter = [...wronglyReopened, { type: 'UnitUrged', data: { unitId: FINANCE, message: '请抓紧整改', urgedOn: '2016-06-25' } } as AssignmentEvent];
    given(urgedAfter).when(retract('PartsReopened', '2016-06-20')).thenRefused('CONFLICT', /urging of .* of 2016-06-25/u, /2016-06-25 的催办不再成立：当时该任务已确认完成（2016-06-20）/u);
  });

  it('a record the form showed on another day (corrected or retracted meanwhile)', () => {
    given(bothReported).when(retract('RectificationReported', '2016-06-02')).thenRefused('NOT_FOUND');
    given(bothReported).when(retract('RectificationReported', '2016-06-02')).thenRefusedAt('on');
  });

  // breaker52-8 M3, M4: 「督查记录记录」; a unit that never had a part here was sent to reload for a record that never was.
  it('an inspection that reads another day, named once as 现场督查; a unit with no part here, told it has none', () => {
    given(closed).when(retract('InspectionLogged', '2016-06-21')).thenRefused('NOT_FOUND', undefined, /在此没有 2016-06-21 的现场督查记录（/u);
    given(closed).when(retract('RectificationReported', '2016-06-01', { unitId: 'unit-civil-affairs' })).thenRefused('NOT_FOUND', /has no part here/u, /在此没有任务，也就没有可撤销的记录/u);
    given(closed).when(retract('RectificationReported', '2016-06-01', { unitId: 'unit-civil-affairs' })).thenRefusedAt('unitId');
  });

  it('by anyone but a supervisor, or without a reason', () => {
    given(bothReported).when(retract('RectificationReported', '2016-06-01', { actor: inspector })).thenRefused('FORBIDDEN');
    given(bothReported).when(retract('RectificationReported', '2016-06-01', { reason: '  ' })).thenRefusedAt('reason');
  });
});
