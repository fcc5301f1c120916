import { fold } from '../../shared/decider.js';
import { clerkOf, supervisor } from '../../shared/testing/actors.js';
import { given as givenDecider } from '../../shared/testing/decider-testing.js';
import type { AssignmentCommand, RequestExtension, ReportRectification, UnitNames } from './assignment.commands.js';
import { assignmentsOn, decideAssignment, evolveAssignments, initialAssignmentsState, partsOf, type AssignmentsState } from './assignment.decider.js';
import type { AssignmentEvent } from './assignment.events.js';

/*
 * An office entering its paper files after a reorganisation (机构改革, issue 8): the facts of a merged unit dated before its merge,
 * typed after the merge, are taken as date order takes them — by whoever holds the unit's records now.
 */

const assignments = { initialState: initialAssignmentsState, evolve: evolveAssignments };
const stateAfter = (events: readonly AssignmentEvent[]): AssignmentsState => fold(assignments, events);
const given = (events: readonly AssignmentEvent[]) =>
  givenDecider(assignments, events, (command: AssignmentCommand, state) => decideAssignment(command, state, { parentClosed: false }));

// 生态局 (ECOLOGY) leads, 环保局 (ENVIRONMENT) is responsible; 环保局 merges into 生态局 on 07-01 (typed first).
const ECOLOGY = 'unit-ecology';
const ENVIRONMENT = 'unit-environment';
const OTHER = 'unit-other';
const MERGED_ON = '2016-07-01';
const TODAY = '2026-12-03';
const directory: UnitNames = {
  nameOf: (unitId) => ({ [ECOLOGY]: '生态局', [ENVIRONMENT]: '环保局', [OTHER]: '财政局' })[unitId],
  mergerOf: (unitId) => (unitId === ENVIRONMENT ? { successorUnitId: ECOLOGY, mergedOn: MERGED_ON } : undefined),
};

const assigned = (unitId: string, role: 'LEAD' | 'RESPONSIBLE', dueDate: string): AssignmentEvent => ({ type: 'UnitAssigned', data: { unitId, role, dueDate, assignedOn: '2016-04-20' } });
const evidence = [{ title: '材料', link: null, documentRef: '环发〔2016〕1号' }];
const reported = (unitId: string, reportedOn: string): AssignmentEvent => ({ type: 'RectificationReported', data: { unitId, summary: '已整改', evidence, reportedOn } });
const merged: AssignmentEvent = { type: 'PartHandedOver', data: { unitId: ENVIRONMENT, successorUnitId: ECOLOGY, reason: '机构改革', handedOverOn: MERGED_ON } };

const report = (overrides: Partial<ReportRectification>): ReportRectification => ({
  type: 'ReportRectification',
  actor: clerkOf(ECOLOGY),
  today: TODAY,
  unitId: ENVIRONMENT,
  summary: '已整改',
  evidence,
  reportedOn: '2016-06-10',
  unitNames: directory,
  ...overrides,
});
const requestExtension = (overrides: Partial<RequestExtension>): RequestExtension => ({
  type: 'RequestExtension',
  actor: clerkOf(ECOLOGY),
  today: TODAY,
  unitId: ENVIRONMENT,
  requestId: 'extension-1',
  requestedDueDate: '2016-07-31',
  reason: '需要时间',
  requestedOn: '2016-06-10',
  unitNames: directory,
  ...overrides,
});

/** What each view reads of the parts on a day. */
const read = (state: AssignmentsState) => partsOf(state).map((part) => [part.unitId, part.role, part.status, part.dueDate, part.heldBefore, part.lastReport?.reportedOn, part.extensionRequests.map((request) => request.status)]);
const DAYS = ['2016-06-09', '2016-06-10', '2016-06-30', MERGED_ON, '2016-07-20', TODAY];

describe('a merged unit’s fact dated before the merge, on a part that joined its successor’s, typed after the merge (breaker8p P3)', () => {
  // Both owe on the merge day: the join keeps 生态局's record (parts level), 环保局's stays behind it (`joined`).
  const history = [assigned(ECOLOGY, 'LEAD', '2016-06-30'), assigned(ENVIRONMENT, 'RESPONSIBLE', '2016-06-15'), merged];

  it.each([
    ['the successor’s clerk (it holds the merged unit’s records now)', clerkOf(ECOLOGY)],
    ['the merged unit’s own clerk (an account made before the merge)', clerkOf(ENVIRONMENT)],
  ])('given the join, when %s enters 环保局’s report of 06-10, then it is 环保局’s report, as in date order on every day', (_who, actor) => {
    const events = given(history).when(report({ actor })).decision();
    expect(events).toEqual([reported(ENVIRONMENT, '2016-06-10')]);
    const inDateOrder = stateAfter([history[0]!, history[1]!, reported(ENVIRONMENT, '2016-06-10'), merged]);
    const after = stateAfter([...history, ...events]);
    for (const day of DAYS) expect(read(assignmentsOn(after, day))).toEqual(read(assignmentsOn(inDateOrder, day)));
  });

  it('given the join, when the successor’s clerk enters 环保局’s extension request of 06-10, then it is 环保局’s request, as in date order', () => {
    const events = given(history).when(requestExtension({})).decision();
    expect(events).toEqual([{ type: 'ExtensionRequested', data: { unitId: ENVIRONMENT, requestId: 'extension-1', requestedDueDate: '2016-07-31', reason: '需要时间', requestedOn: '2016-06-10' } }]);
  });

  it('given the join, when another unit’s clerk enters it, then it is refused FORBIDDEN naming 环保局, nothing decided', () => {
    given(history).when(report({ actor: clerkOf(OTHER) })).thenRefused('FORBIDDEN', /环保局|Only/, /只有环保局的用户可以报送本单位的整改情况/);
    given(history).when(requestExtension({ actor: clerkOf(OTHER) })).thenRefused('FORBIDDEN', /Only/, /只有环保局的用户可以申请延期/);
  });

  it('given the join, when the successor’s clerk names 环保局 for a day from the merge on, then it is refused (环保局 took no work then)', () => {
    given(history).when(report({ reportedOn: '2016-07-05' })).thenRefused('CONFLICT', /merged into/, /并入生态局/);
  });

  it('given a join that carried 环保局’s open work (生态局 had reported), when the successor’s clerk enters 环保局’s report of 06-29, then the join comes off, the report, the join again — as in date order', () => {
    const carried = [assigned(ECOLOGY, 'LEAD', '2016-06-30'), assigned(ENVIRONMENT, 'RESPONSIBLE', '2016-06-30'), reported(ECOLOGY, '2016-06-28'), merged];
    const events = given(carried).when(report({ reportedOn: '2016-06-29' })).decision();
    expect(events.map((event) => event.type)).toEqual(['PartHandOverUndone', 'RectificationReported', 'PartHandedOver']);
    const inDateOrder = stateAfter([carried[0]!, carried[1]!, carried[2]!, reported(ENVIRONMENT, '2016-06-29'), merged]);
    const after = stateAfter([...carried, ...events]);
    for (const day of DAYS) expect(read(assignmentsOn(after, day))).toEqual(read(assignmentsOn(inDateOrder, day)));
    given(carried).when(report({ reportedOn: '2016-06-29', actor: clerkOf(OTHER) })).thenRefused('FORBIDDEN');
  });

  it('a supervisor enters 环保局’s paper report of 06-10 on its behalf (代录, newcomer49-8 M5): 环保局’s report, naming who typed it', () => {
    const events = given(history).when(report({ actor: supervisor })).decision();
    expect(events).toEqual([{ ...reported(ENVIRONMENT, '2016-06-10'), data: { ...reported(ENVIRONMENT, '2016-06-10').data, enteredBy: supervisor.id } }]);
  });
});

describe('a pass on the merge day, naming the merged unit (breaker8r P8)', () => {
  const inspector = { id: 'inspector', role: 'INSPECTOR', unitId: null } as const;
  // 环保局 alone, reported 06-10, merged into 生态局 on 07-01 (its part passed that day).
  const history = [assigned(ENVIRONMENT, 'LEAD', '2016-07-31'), reported(ENVIRONMENT, '2016-06-10'), merged];
  const pass = (unitId: string): AssignmentCommand => ({
    type: 'LogInspection', actor: inspector, today: TODAY, unitId, inspectionId: 'i-1', outcome: 'PASSED', notes: '核实', inspectedOn: MERGED_ON, place: '现场', unitNames: directory,
  });

  it('is taken as the same pass naming the successor — the merged unit’s work, verified on its record — not refused 「…不再承担新的工作」', () => {
    const namingSuccessor = given(history).when(pass(ECOLOGY)).decision();
    expect(namingSuccessor.some((event) => event.type === 'InspectionLogged')).toBe(true);
    expect(given(history).when(pass(ENVIRONMENT)).decision()).toEqual(namingSuccessor);
  });

  it('a failure of that day naming the merged unit is its own, as typed before the merge: recorded under it, landing on the part it passed (breaker8u P2; it was refused typed after the merge)', () => {
    const failure = { ...pass(ENVIRONMENT), outcome: 'FAILED', notes: '未到位', newDueDate: '2016-08-31' } as AssignmentCommand;
    given(history).when(failure).then([{ type: 'InspectionLogged', data: { unitId: ENVIRONMENT, inspectionId: 'i-1', outcome: 'FAILED', notes: '未到位', inspectedOn: MERGED_ON, place: '现场', newDueDate: '2016-08-31' } }]);
  });

  it('a failure of the day after naming the merged unit is still refused (the open part is the successor’s from its merge)', () => {
    given(history).when({ ...pass(ENVIRONMENT), outcome: 'FAILED', notes: '未到位', inspectedOn: '2016-07-02' } as AssignmentCommand).thenRefused('CONFLICT', /merged into/, /并入生态局/);
  });
});
