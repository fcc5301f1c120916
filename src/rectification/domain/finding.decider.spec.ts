import type { Evidence, InspectionLogged } from '../../assignments/domain/assignment.events.js';
import { partOf, partsOf, type AssignmentsState } from '../../assignments/domain/assignment.decider.js';
import { fold } from '../../shared/decider.js';
import { lifecycleOf } from '../../assignments/testing/lifecycle.js';
import { admin, clerkOf, inspector, supervisor } from '../../shared/testing/actors.js';
import { given as givenDecider } from '../../shared/testing/decider-testing.js';
import {
  findingAssignmentsAsTheyCount,
  findingDecider,
  type AssignFinding,
  type FindingCommand,
  type FindingState,
  type RecordFinding,
  type ReopenFinding,
  type UnitToAssign,
  type WithdrawFinding,
  type CorrectWithdrawal,
  type CorrectIdentifiedOn,
} from './finding.decider.js';
import type { FindingRecorded, FindingStreamEvent } from './finding.events.js';

// ---------------------------------------------------------------------------------------------
// given / when / then

const stateAfter = (events: readonly FindingStreamEvent[]): FindingState => fold(findingDecider, events);

/** The parts of a recorded finding; fails the test rather than skipping it when there is none. */
function assignmentsAfter(events: readonly FindingStreamEvent[]): AssignmentsState {
  const state = stateAfter(events);
  if (state.status === 'unrecorded') throw new Error('expected a recorded finding');
  return state.assignments;
}

const given = (events: readonly FindingStreamEvent[]) => givenDecider(findingDecider, events);

// ---------------------------------------------------------------------------------------------
// fixtures: 市财政局 leads, 市环境保护局 and 市住房和城乡建设局 are responsible

const FINDING = 'finding-portal';
const FINANCE = 'unit-finance';
const ENVIRONMENT = 'unit-environment';
const HOUSING = 'unit-housing';
const DUE = '2025-06-30';
const INSPECTED_ON = '2025-07-01';
const REPORTED_ON = '2025-06-28';
const TODAY = '2025-07-02';
const ASSIGNED_ON = '2025-05-20';
const IDENTIFIED_ON = '2025-04-15';

/** The new due date of parts returned after their due date. */
const RETURNED_UNTIL = '2025-08-31';

const evidence: Evidence[] = [
  { title: 'Disclosure catalogue updated', link: 'https://example.gov.cn/catalogue', documentRef: null },
];

// the assignment lifecycle's events and commands, as told in this story
const { assigned, reported, inspected, sentBack, report, inspect, requestExtension, decideExtension, urge, sendBack } = lifecycleOf({
  dueDate: DUE,
  today: TODAY,
  assignedOn: ASSIGNED_ON,
  inspectedOn: INSPECTED_ON,
  // Before the due date; reports answering a failed inspection or a reopening come on INSPECTED_ON.
  reportedOn: REPORTED_ON,
  summary: (unitId) => `Unit ${unitId} updated its pages.`,
  evidence,
  failureNotes: 'The 2024 budget is still missing.',
  returnedUntil: RETURNED_UNTIL,
  extension: { unitId: HOUSING, today: '2025-06-01', requestedOn: '2025-06-01', requestedDueDate: '2025-07-31', reason: 'The shanty-town data come from the districts.' },
});

// events

const recorded: FindingRecorded = {
  type: 'FindingRecorded',
  data: {
    findingId: FINDING,
    evaluationId: 'evaluation-2025',
    title: '部分单位信息公开不到位',
    description: '财政预决算、环境信息、棚户区改造信息更新不及时。',
    category: '主动公开',
    severity: 'HIGH',
    concernedUnitIds: [FINANCE, ENVIRONMENT, HOUSING],
    identifiedOn: IDENTIFIED_ON,
    measures: '',
  },
};
const closedOut = (closedOn = INSPECTED_ON): FindingStreamEvent => ({
  type: 'FindingClosedOut',
  data: { findingId: FINDING, closedOn },
});
const REOPEN_REASON = 'The evaluation body found the catalogue removed again.';
const reopened: FindingStreamEvent[] = [
  { type: 'FindingReopened', data: { findingId: FINDING, reason: REOPEN_REASON, reopenedOn: INSPECTED_ON } },
  { type: 'PartsReopened', data: { reason: REOPEN_REASON, reopenedOn: INSPECTED_ON, newDueDate: RETURNED_UNTIL } },
];

// commands

const record = (overrides: Partial<RecordFinding> = {}): RecordFinding => ({
  type: 'RecordFinding',
  today: TODAY,
  data: recorded.data,
  evaluationExists: true,
  unknownUnitIds: [],
  ...overrides,
});
const unit = (unitId: string, role: 'LEAD' | 'RESPONSIBLE' = 'RESPONSIBLE', dueDate = DUE): UnitToAssign => ({
  unitId,
  role,
  dueDate,
});
const assign = (units: readonly UnitToAssign[], overrides: Partial<AssignFinding> = {}): AssignFinding => ({
  type: 'AssignFinding',
  actor: supervisor,
  today: TODAY,
  assignedOn: ASSIGNED_ON,
  units,
  unknownUnitIds: [],
  ...overrides,
});
const reopen = (overrides: Partial<ReopenFinding> = {}): ReopenFinding => ({
  type: 'ReopenFinding',
  actor: supervisor,
  today: TODAY,
  reason: REOPEN_REASON,
  newDueDate: RETURNED_UNTIL,
  reopenedOn: INSPECTED_ON,
  ...overrides,
});

// histories

const assignedToTwo = [recorded, assigned(FINANCE, 'LEAD'), assigned(ENVIRONMENT)];
const bothReported = [...assignedToTwo, reported(FINANCE), reported(ENVIRONMENT)];
const leadVerified = [...bothReported, inspected(FINANCE, 'PASSED', 'inspection-1')];
const closed = [...leadVerified, inspected(ENVIRONMENT, 'PASSED', 'inspection-2'), closedOut()];
const afterReopening = [...closed, ...reopened];

// ---------------------------------------------------------------------------------------------

describe('unrecorded', () => {
  it('has no status but unrecorded', () => {
    expect(stateAfter([])).toEqual({ status: 'unrecorded' });
  });

  it('records a finding of an existing evaluation', () => {
    given([]).when(record()).then([recorded]);
  });

  it('refuses an evaluation that does not exist', () => {
    given([]).when(record({ evaluationExists: false })).thenRefused('NOT_FOUND');
  });

  it('refuses concerned units that are not in the directory', () => {
    given([]).when(record({ unknownUnitIds: ['unit-unknown'] })).thenRefused('NOT_FOUND');
  });

  it.each<FindingCommand>([
    assign([unit(FINANCE, 'LEAD')]),
    reopen(),
    report(FINANCE),
    inspect(FINANCE, 'PASSED', 'inspection-1'),
    sendBack(FINANCE),
    urge(FINANCE),
    requestExtension(),
    decideExtension(),
  ])('$type on a finding that was never recorded is NOT_FOUND', (command) => {
    given([]).when(command).thenRefused('NOT_FOUND');
  });
});

describe('open, no unit assigned yet', () => {
  it('is open with no parts', () => {
    expect(stateAfter([recorded])).toEqual({
      status: 'open',
      findingId: FINDING,
      evaluationId: 'evaluation-2025',
      identifiedOn: '2025-04-15',
      title: '部分单位信息公开不到位',
      concernedUnitIds: [FINANCE, ENVIRONMENT, HOUSING],
      assignments: { parts: {}, recorded: [] },
    });
  });

  it('cannot be recorded again', () => {
    given([recorded]).when(record()).thenRefused('CONFLICT');
  });

  it('is not assigned before the day it was identified, nor identified before its evaluation was received', () => {
    given([recorded]).when(assign([unit(FINANCE, 'LEAD')], { assignedOn: '2025-04-14' })).thenRefused('BAD_USER_INPUT');
    given([recorded]).when(assign([unit(FINANCE, 'LEAD')], { assignedOn: '2025-04-15' })).then([expect.objectContaining({ type: 'UnitAssigned' })]);
    given([]).when(record({ evaluationReceivedOn: '2025-04-16' })).thenRefused('BAD_USER_INPUT');
    given([]).when(record({ evaluationReceivedOn: '2025-04-15' })).then([expect.objectContaining({ type: 'FindingRecorded' })]);
  });

  it('assigns a lead and two responsible units at once, in the order given', () => {
    given([recorded])
      .when(assign([unit(FINANCE, 'LEAD'), unit(ENVIRONMENT), unit(HOUSING, 'RESPONSIBLE', '2025-07-15')]))
      .then([assigned(FINANCE, 'LEAD'), assigned(ENVIRONMENT), assigned(HOUSING, 'RESPONSIBLE', '2025-07-15')]);
  });

  it('the lead need not come first in the batch', () => {
    given([recorded])
      .when(assign([unit(ENVIRONMENT), unit(FINANCE, 'LEAD')]))
      .then([assigned(ENVIRONMENT), assigned(FINANCE, 'LEAD')]);
  });

  it('may assign the lead alone', () => {
    given([recorded]).when(assign([unit(FINANCE, 'LEAD')])).then([assigned(FINANCE, 'LEAD')]);
  });

  it('refuses a batch without a lead: the finding would have none', () => {
    given([recorded]).when(assign([unit(ENVIRONMENT), unit(HOUSING)])).thenRefused('BAD_USER_INPUT');
  });

  it('refuses an empty batch', () => {
    given([recorded]).when(assign([])).thenRefused('BAD_USER_INPUT');
  });

  it('refuses a batch naming a unit twice', () => {
    given([recorded]).when(assign([unit(FINANCE, 'LEAD'), unit(FINANCE)])).thenRefused('BAD_USER_INPUT');
  });

  it('refuses units that are not in the directory', () => {
    given([recorded])
      .when(assign([unit(FINANCE, 'LEAD'), unit('unit-unknown')], { unknownUnitIds: ['unit-unknown'] }))
      .thenRefused('NOT_FOUND');
  });

  it('refuses the whole batch when one due date is invalid', () => {
    given([recorded])
      .when(assign([unit(FINANCE, 'LEAD'), unit(ENVIRONMENT, 'RESPONSIBLE', '2025-06-31')]))
      .thenRefused('BAD_USER_INPUT');
  });

  it.each([inspector, clerkOf(FINANCE)])('$role may not assign', (actor) => {
    given([recorded]).when(assign([unit(FINANCE, 'LEAD')], { actor })).thenRefused('FORBIDDEN');
  });

  it('admin may assign, as the assignment lifecycle allows', () => {
    given([recorded]).when(assign([unit(FINANCE, 'LEAD')], { actor: admin })).then([assigned(FINANCE, 'LEAD')]);
  });

  it('a unit cannot report on a part it was not given', () => {
    given([recorded]).when(report(FINANCE)).thenRefused('NOT_FOUND');
  });

  it('cannot be reopened, being open', () => {
    given([recorded]).when(reopen()).thenRefused('CONFLICT');
  });
});

describe('open, units assigned', () => {
  it('keeps each unit as a part of the finding', () => {
    expect(stateAfter(assignedToTwo).status).toBe('open');
    expect(partsOf(assignmentsAfter(assignedToTwo)).map(({ unitId, role, status }) => ({ unitId, role, status }))).toEqual([
      { unitId: FINANCE, role: 'LEAD', status: 'ASSIGNED' },
      { unitId: ENVIRONMENT, role: 'RESPONSIBLE', status: 'ASSIGNED' },
    ]);
  });

  it('assigns more responsible units later, without naming the lead again', () => {
    given(assignedToTwo).when(assign([unit(HOUSING)])).then([assigned(HOUSING)]);
  });

  it('refuses a second lead later: joint leads (联合牵头) are named in one assignment', () => {
    given(assignedToTwo).when(assign([unit(HOUSING, 'LEAD')])).thenRefused('CONFLICT', /named together/, /联合牵头/);
  });

  it('takes joint leads (联合牵头) named in one assignment, each with its own part', () => {
    given([recorded]).when(assign([unit(FINANCE, 'LEAD'), unit(HOUSING, 'LEAD'), unit(ENVIRONMENT)])).then([assigned(FINANCE, 'LEAD'), assigned(HOUSING, 'LEAD'), assigned(ENVIRONMENT)]);
  });

  it('refuses a unit that is already assigned', () => {
    given(assignedToTwo).when(assign([unit(HOUSING), unit(ENVIRONMENT)])).thenRefused('CONFLICT');
  });

  it('passes part commands to the assignment lifecycle', () => {
    given(assignedToTwo).when(report(FINANCE)).then([reported(FINANCE)]);
    given(assignedToTwo)
      .when(urge(ENVIRONMENT))
      .then([{ type: 'UnitUrged', data: { unitId: ENVIRONMENT, message: 'Report by Friday.', urgedOn: ASSIGNED_ON } }]);
  });

  it('and its refusals too', () => {
    given(assignedToTwo).when(report(HOUSING)).thenRefused('NOT_FOUND');
    given(assignedToTwo).when({ ...report(FINANCE), actor: clerkOf(ENVIRONMENT) }).thenRefused('FORBIDDEN');
    given(assignedToTwo).when(inspect(FINANCE, 'PASSED', 'inspection-1')).thenRefused('CONFLICT');
  });

  it('cannot be reopened, being open', () => {
    given(assignedToTwo).when(reopen()).thenRefused('CONFLICT');
  });
});

describe('open, some parts verified', () => {
  it('a passed inspection that leaves another part unverified does not close the finding', () => {
    given(bothReported)
      .when(inspect(FINANCE, 'PASSED', 'inspection-1'))
      .then([inspected(FINANCE, 'PASSED', 'inspection-1')]);
  });

  it('a failed inspection of the last part does not close it', () => {
    given(leadVerified)
      .when(inspect(ENVIRONMENT, 'FAILED', 'inspection-2'))
      .then([inspected(ENVIRONMENT, 'FAILED', 'inspection-2')]);
  });

  it('the passed inspection of the last part closes it out (销号) on the day of that inspection, not the day it is entered', () => {
    given(leadVerified)
      .when(inspect(ENVIRONMENT, 'PASSED', 'inspection-2'))
      .then([inspected(ENVIRONMENT, 'PASSED', 'inspection-2'), closedOut(INSPECTED_ON)]);
  });

  it('closes out on the latest verification, even when the last one entered happened earlier', () => {
    const leadVerifiedLater: FindingStreamEvent[] = [
      ...leadVerified.slice(0, -1),
      { type: 'InspectionLogged', data: { ...(inspected(FINANCE, 'PASSED', 'inspection-1') as InspectionLogged).data, inspectedOn: TODAY } },
    ];
    given(leadVerifiedLater)
      .when(inspect(ENVIRONMENT, 'PASSED', 'inspection-2'))
      .then([inspected(ENVIRONMENT, 'PASSED', 'inspection-2'), closedOut(TODAY)]);
  });

  it('a part added later keeps the finding open until it too is verified', () => {
    const withHousing = [...leadVerified, assigned(HOUSING)];
    given(withHousing)
      .when(inspect(ENVIRONMENT, 'PASSED', 'inspection-2'))
      .then([inspected(ENVIRONMENT, 'PASSED', 'inspection-2')]);
  });

  it('being open, a reopening takes back its verified parts only (breaker11f P11)', () => {
    given(leadVerified).when(reopen()).then([expect.objectContaining({ type: 'PartsReopened', data: expect.objectContaining({ unitIds: [FINANCE] }) })]);
  });
});

describe('closed', () => {
  it('is closed since the day of the close-out', () => {
    expect(stateAfter(closed)).toMatchObject({ status: 'closed', closedOn: INSPECTED_ON });
  });

  it('takes no more units', () => {
    given(closed).when(assign([unit(HOUSING)])).thenRefused('CONFLICT');
  });

  it('takes no more reports or inspections', () => {
    given(closed).when(report(FINANCE)).thenRefused('CONFLICT');
    given(closed).when(inspect(FINANCE, 'PASSED', 'inspection-3')).thenRefused('CONFLICT');
  });

  it('the supervisor reopens it with a reason, which reopens every part', () => {
    given(closed).when(reopen()).then(reopened);
  });

  it.each([inspector, admin, clerkOf(FINANCE)])('$role may not reopen', (actor) => {
    given(closed).when(reopen({ actor })).thenRefused('FORBIDDEN');
  });

  it.each(['', '   '])('reopening needs a reason, not %p', (reason) => {
    given(closed).when(reopen({ reason })).thenRefused('BAD_USER_INPUT');
  });
});

describe('reopened', () => {
  it('is open again, every part returned to its unit', () => {
    const state = stateAfter(afterReopening);
    expect(state).not.toHaveProperty('closedOn');
    expect(state.status).toBe('open');
    for (const unitId of [FINANCE, ENVIRONMENT]) {
      expect(partOf(assignmentsAfter(afterReopening), unitId)).toMatchObject({
        status: 'RETURNED',
        lastReturn: { cause: 'PARTS_REOPENED', reason: REOPEN_REASON },
      });
    }
  });

  it('cannot be reopened again', () => {
    given(afterReopening).when(reopen()).thenRefused('CONFLICT');
  });

  it('nothing is inspected before the unit reports again', () => {
    given(afterReopening).when(inspect(FINANCE, 'PASSED', 'inspection-3')).thenRefused('CONFLICT');
  });

  it('units report again', () => {
    given(afterReopening).when(report(FINANCE, INSPECTED_ON)).then([reported(FINANCE, INSPECTED_ON)]);
  });

  it('takes more responsible units, from the day it was reopened', () => {
    given(afterReopening)
      .when(assign([unit(HOUSING, 'RESPONSIBLE', RETURNED_UNTIL)], { assignedOn: INSPECTED_ON }))
      .then([{ type: 'UnitAssigned', data: { unitId: HOUSING, role: 'RESPONSIBLE', dueDate: RETURNED_UNTIL, assignedOn: INSPECTED_ON } }]);
  });

  it('takes no unit assigned before the day it was reopened: it was closed then (a part then would have kept it open)', () => {
    given(afterReopening)
      .when(assign([unit(HOUSING)]))
      .thenRefused('BAD_USER_INPUT', /The assignment date \(2025-05-20\) is before the day it was reopened \(2025-07-01\)/, /交办日期（2025-05-20）早于重新打开的日期（2025-07-01）/);
  });

  it('closes again once every part is verified again', () => {
    const reReported = [
      ...afterReopening,
      reported(FINANCE, INSPECTED_ON),
      reported(ENVIRONMENT, INSPECTED_ON),
      inspected(FINANCE, 'PASSED', 'inspection-3'),
    ];
    given(reReported)
      .when({ ...inspect(ENVIRONMENT, 'PASSED', 'inspection-4'), today: '2025-09-01' })
      .then([inspected(ENVIRONMENT, 'PASSED', 'inspection-4'), closedOut(INSPECTED_ON)]);
  });
});

describe('the whole story of a finding', () => {
  it('recorded → assigned to 3 units → extension → reports → sent back → failed → re-reported → 销号 → reopened', () => {
    const history: FindingStreamEvent[] = [];
    /** Decides on everything so far, checks the decision, and keeps it as history. */
    const step = (command: FindingCommand, expected: readonly FindingStreamEvent[]) => {
      given(history).when(command).then(expected);
      history.push(...expected);
    };

    step(record(), [recorded]);
    step(assign([unit(FINANCE, 'LEAD'), unit(ENVIRONMENT), unit(HOUSING)]), [
      assigned(FINANCE, 'LEAD'),
      assigned(ENVIRONMENT),
      assigned(HOUSING),
    ]);

    // 市住房和城乡建设局 waits for the districts' data and gets a month more.
    step(requestExtension(), [
      {
        type: 'ExtensionRequested',
        data: {
          unitId: HOUSING,
          requestId: 'extension-1',
          requestedDueDate: '2025-07-31',
          reason: 'The shanty-town data come from the districts.',
          requestedOn: '2025-06-01',
        },
      },
    ]);
    step(decideExtension(), [
      {
        type: 'ExtensionGranted',
        data: { unitId: HOUSING, requestId: 'extension-1', previousDueDate: DUE, newDueDate: '2025-07-31', decidedOn: '2025-06-01' },
      },
    ]);

    step(report(FINANCE), [reported(FINANCE)]);
    step(report(ENVIRONMENT), [reported(ENVIRONMENT)]);
    step(report(HOUSING), [reported(HOUSING)]);

    // The environment report is sent back unread; the housing one fails on site.
    step(sendBack(ENVIRONMENT), [sentBack(ENVIRONMENT)]);
    step(inspect(FINANCE, 'PASSED', 'inspection-1'), [inspected(FINANCE, 'PASSED', 'inspection-1')]);
    step(inspect(HOUSING, 'FAILED', 'inspection-2'), [inspected(HOUSING, 'FAILED', 'inspection-2')]);

    step(report(ENVIRONMENT), [reported(ENVIRONMENT)]);
    step(report(HOUSING, INSPECTED_ON), [reported(HOUSING, INSPECTED_ON)]);
    step(inspect(ENVIRONMENT, 'PASSED', 'inspection-3'), [inspected(ENVIRONMENT, 'PASSED', 'inspection-3')]);
    expect(stateAfter(history).status).toBe('open');

    // The last part passes: the finding is closed out in the same decision.
    step(inspect(HOUSING, 'PASSED', 'inspection-4'), [inspected(HOUSING, 'PASSED', 'inspection-4'), closedOut()]);
    expect(stateAfter(history)).toMatchObject({ status: 'closed', closedOn: INSPECTED_ON });
    expect(partOf(assignmentsAfter(history), HOUSING)).toMatchObject({ dueDate: RETURNED_UNTIL, reportCount: 2 });

    step(reopen(), reopened);
    expect(stateAfter(history).status).toBe('open');
    expect(partsOf(assignmentsAfter(history)).map((part) => part.status)).toEqual(['RETURNED', 'RETURNED', 'RETURNED']);

    // Every part needs a new report before it can be inspected again.
    given(history).when(inspect(FINANCE, 'PASSED', 'inspection-5')).thenRefused('CONFLICT');
    step(report(FINANCE, INSPECTED_ON), [reported(FINANCE, INSPECTED_ON)]);
  });
});

describe('closed, with a part of a unit since merged (机构改革)', () => {
  const SUCCESSOR = 'unit-ecology';
  const unitNames = {
    nameOf: (unitId: string) => ({ [FINANCE]: '市财政局', [ENVIRONMENT]: '市环境保护局', [SUCCESSOR]: '市生态环境局' })[unitId],
    mergerOf: (unitId: string) => (unitId === ENVIRONMENT ? { successorUnitId: SUCCESSOR, mergedOn: '2025-07-01' } : undefined),
  };

  it('reopens it with that part passed at once to the successor, which does the work again', () => {
    given(closed)
      .when(reopen({ unitNames }))
      .then([
        ...reopened,
        {
          type: 'PartHandedOver',
          data: { unitId: ENVIRONMENT, successorUnitId: SUCCESSOR, reason: `市环境保护局已并入市生态环境局：重新打开的任务由市生态环境局办理（${REOPEN_REASON}）`, handedOverOn: INSPECTED_ON },
        },
      ]);
  });
});

describe('a finding’s refusals call it a finding (问题), not an item (breaker8i P11)', () => {
  it('a report or an assignment on a closed finding, a report of a unit not assigned', () => {
    given(closed).when(report(FINANCE, TODAY)).thenRefused('CONFLICT', /^The finding was closed on 2025-07-01/, /^该问题已于 2025-07-01 销号，不再接收整改报告。$/);
    given(closed)
      .when(assign([unit(HOUSING)], { assignedOn: '2025-06-10' }))
        .thenRefused('CONFLICT', /reopen the finding first \(on 2025-07-01 or later/, /^该问题已于 2025-07-01 销号；交办日期（2025-06-10）早于销号日期，补录这次交办会使该销号不再成立，早于销号日期的交办不能补录。如该单位确须承担，请先重新打开该问题（重新打开日期不早于 2025-07-01，已核验的任务将退回重新整改），再以重新打开之日或之后的日期交办，并在理由中写明原交办日期。$/);
    given(closed).when(report(HOUSING, TODAY)).thenRefused('NOT_FOUND', /is not assigned here/, /不在本问题的交办单位之列。$/);
  });
});

describe('closed, with a part of a unit since merged through a chain of merges (breaker8j P11)', () => {
  const SUCCESSOR = 'unit-ecology';
  const LAST = 'unit-nature';
  const names: Record<string, string> = { [FINANCE]: '市财政局', [ENVIRONMENT]: '市环境保护局', [SUCCESSOR]: '市生态环境局', [LAST]: '市自然资源和生态局' };
  const chain = (first: string, second: string) => ({
    nameOf: (unitId: string) => names[unitId],
    mergerOf: (unitId: string) => (unitId === ENVIRONMENT ? { successorUnitId: SUCCESSOR, mergedOn: first } : unitId === SUCCESSOR ? { successorUnitId: LAST, mergedOn: second } : undefined),
  });

  it('reopened before the second merge: the part passes to the first successor, then on by its merge on that day — not straight to the last', () => {
    given(closed)
      .when(reopen({ unitNames: chain(INSPECTED_ON, TODAY), today: TODAY }))
      .then([
        ...reopened,
        { type: 'PartHandedOver', data: { unitId: ENVIRONMENT, successorUnitId: SUCCESSOR, reason: `市环境保护局已并入市生态环境局：重新打开的任务由市生态环境局办理（${REOPEN_REASON}）`, handedOverOn: INSPECTED_ON } },
        { type: 'PartHandedOver', data: { unitId: SUCCESSOR, successorUnitId: LAST, reason: `市生态环境局于 ${TODAY} 并入市自然资源和生态局，其未完成的任务由市自然资源和生态局承担`, handedOverOn: TODAY } },
      ]);
  });

  it('reopened after both merges: straight to the last successor (the first one no longer existed that day)', () => {
    given(closed)
      .when(reopen({ unitNames: chain('2025-06-20', '2025-06-25') }))
      .then([
        ...reopened,
        { type: 'PartHandedOver', data: { unitId: ENVIRONMENT, successorUnitId: LAST, reason: `市环境保护局已并入市生态环境局：重新打开的任务由市自然资源和生态局办理（${REOPEN_REASON}）`, handedOverOn: INSPECTED_ON } },
      ]);
  });
});

describe('assigned on a day before a unit’s merge (a past ledger entered after the reorganisation)', () => {
  const SUCCESSOR = 'unit-ecology';
  const LATER = 'unit-nature';
  const names: Record<string, string> = { [FINANCE]: '市财政局', [ENVIRONMENT]: '市环境保护局', [SUCCESSOR]: '市生态环境局', [LATER]: '市自然资源和生态局' };
  const directory = (mergers: Record<string, { successorUnitId: string; mergedOn: string }>) => ({
    nameOf: (unitId: string) => names[unitId],
    mergerOf: (unitId: string) => mergers[unitId],
  });
  const mergedInJuly = directory({ [ENVIRONMENT]: { successorUnitId: SUCCESSOR, mergedOn: '2025-07-01' } });
  const handedOver = (unitId: string, successorUnitId: string, on: string) => ({
    type: 'PartHandedOver' as const,
    data: { unitId, successorUnitId, reason: `${names[unitId]}于 ${on} 并入${names[successorUnitId]}，其未完成的任务由${names[successorUnitId]}承担`, handedOverOn: on },
  });

  it('gives the unit its part, which passes to the successor on the merge day', () => {
    given([recorded])
      .when(assign([unit(FINANCE, 'LEAD'), unit(ENVIRONMENT)], { unitNames: mergedInJuly }))
      .then([
        { type: 'UnitAssigned', data: { unitId: FINANCE, role: 'LEAD', dueDate: DUE, assignedOn: ASSIGNED_ON } },
        { type: 'UnitAssigned', data: { unitId: ENVIRONMENT, role: 'RESPONSIBLE', dueDate: DUE, assignedOn: ASSIGNED_ON } },
        handedOver(ENVIRONMENT, SUCCESSOR, '2025-07-01'),
      ]);
  });

  it('passes it on through the successor’s own later merge, each on its day', () => {
    const twice = directory({ [ENVIRONMENT]: { successorUnitId: SUCCESSOR, mergedOn: '2025-06-01' }, [SUCCESSOR]: { successorUnitId: LATER, mergedOn: '2025-07-01' } });
    given([recorded])
      .when(assign([unit(ENVIRONMENT, 'LEAD')], { unitNames: twice }))
      .then([
        { type: 'UnitAssigned', data: { unitId: ENVIRONMENT, role: 'LEAD', dueDate: DUE, assignedOn: ASSIGNED_ON } },
        handedOver(ENVIRONMENT, SUCCESSOR, '2025-06-01'),
        handedOver(SUCCESSOR, LATER, '2025-07-01'),
      ]);
  });

  it('gives a batch naming the unit and its successor one part of the successor, leading if either led', () => {
    const state = assignmentsAfter([recorded, ...findingDecider.decide(assign([unit(ENVIRONMENT, 'LEAD'), unit(SUCCESSOR)], { unitNames: mergedInJuly }), stateAfter([recorded]))]);
    expect(partsOf(state).map((part) => [part.unitId, part.role, part.heldBefore])).toEqual([[SUCCESSOR, 'LEAD', [ENVIRONMENT]]]);
  });

  it('takes a report dated before the part passed to the successor as the merged unit’s, which held it then (its files, entered by the successor: breaker8 B5)', () => {
    const events = [recorded, ...findingDecider.decide(assign([unit(ENVIRONMENT, 'LEAD')], { unitNames: mergedInJuly }), stateAfter([recorded]))];
    const decided = findingDecider.decide({ ...report(SUCCESSOR, '2025-06-20'), unitNames: mergedInJuly }, stateAfter(events));
    expect(decided).toEqual([expect.objectContaining({ type: 'RectificationReported', data: expect.objectContaining({ unitId: ENVIRONMENT, reportedOn: '2025-06-20' }) })]);
    expect(partsOf(assignmentsAfter([...events, ...decided])).map((part) => [part.unitId, part.status])).toEqual([[SUCCESSOR, 'REPORTED']]);
  });

  it('takes an assignment on the merge day, the unit’s last working day, and passes it that day (breaker8u P2: typed before the merge it was taken, after it refused)', () => {
    given([recorded])
      .when(assign([{ ...unit(ENVIRONMENT, 'LEAD'), dueDate: '2025-08-31' }], { unitNames: mergedInJuly, assignedOn: '2025-07-01' }))
      .then([{ type: 'UnitAssigned', data: { unitId: ENVIRONMENT, role: 'LEAD', dueDate: '2025-08-31', assignedOn: '2025-07-01' } }, handedOver(ENVIRONMENT, SUCCESSOR, '2025-07-01')]);
  });

  it('refuses an assignment after the merge day: the merged unit takes no new work', () => {
    given([recorded])
      .when(assign([unit(ENVIRONMENT, 'LEAD')], { unitNames: mergedInJuly, assignedOn: '2025-07-02' }))
      .thenRefused('CONFLICT', /市环境保护局 was merged into 市生态环境局 on 2025-07-01/, /市环境保护局已于 2025-07-01 并入市生态环境局/);
  });
});

describe('an extension request still pending when its part is verified', () => {
  const requested = {
    type: 'ExtensionRequested' as const,
    data: { unitId: HOUSING, requestId: 'extension-1', requestedDueDate: '2025-07-31', reason: 'The shanty-town data come from the districts.', requestedOn: '2025-06-01' },
  };
  const verifiedWhilePending = [recorded, assigned(HOUSING, 'LEAD'), requested, reported(HOUSING), inspected(HOUSING, 'PASSED', 'inspection-1'), closedOut()];
  const statusOf = (events: readonly FindingStreamEvent[]) => partOf(assignmentsAfter(events), HOUSING)!.extensionRequests.map((request) => request.status);

  it('lapses: nothing is left to extend', () => {
    expect(statusOf(verifiedWhilePending)).toEqual(['LAPSED']);
  });

  it('is not decided on the verified part (from the day after the pass: see breaker8s P11 for the pass’s own day)', () => {
    given(verifiedWhilePending).when(decideExtension({ decidedOn: TODAY })).thenRefused('CONFLICT', /already verified/, /不再审批/);
  });

  it('stays lapsed when the part comes back: it is not decided then, and the unit may ask again', () => {
    const back = [...verifiedWhilePending, ...findingDecider.decide(reopen(), stateAfter(verifiedWhilePending))];
    expect(statusOf(back)).toEqual(['LAPSED']);
    given(back)
      .when(decideExtension({ decidedOn: TODAY }))
      .thenRefused('CONFLICT', /lapsed when its part was verified/, /已在任务确认完成时失效，不再审批；如现在仍需延期，请单位重新申请/);
    given(back)
      .when(requestExtension({ requestId: 'extension-2', requestedOn: INSPECTED_ON, today: TODAY, requestedDueDate: '2025-09-30' }))
      .then([{ type: 'ExtensionRequested', data: { unitId: HOUSING, requestId: 'extension-2', requestedDueDate: '2025-09-30', reason: 'The shanty-town data come from the districts.', requestedOn: INSPECTED_ON } }]);
  });

  it('lapses when a failed inspection is corrected to PASSED as well', () => {
    const failedWhilePending = [recorded, assigned(HOUSING, 'LEAD'), requested, reported(HOUSING), inspected(HOUSING, 'FAILED', 'inspection-1')];
    expect(statusOf(failedWhilePending)).toEqual(['PENDING']);
    const corrected = findingDecider.decide(
      { type: 'CorrectInspection', actor: supervisor, today: TODAY, unitId: HOUSING, inspectionId: 'inspection-1', outcome: 'PASSED', reason: '结论录错' },
      stateAfter(failedWhilePending),
    );
    expect(statusOf([...failedWhilePending, ...corrected])).toEqual(['LAPSED']);
  });
});

describe('reopening the verified parts of a finding not closed (breaker11f P11 = newcomer14 S8: withdrawal said reopen first, reopening said only closed findings reopen)', () => {
  it('reopens exactly the verified parts, with no 销号 to undo; the others keep their progress', () => {
    given(leadVerified)
      .when(reopen())
      .then([{ type: 'PartsReopened', data: { reason: REOPEN_REASON, reopenedOn: INSPECTED_ON, newDueDate: RETURNED_UNTIL, unitIds: [FINANCE] } }]);
    const events = findingDecider.decide(reopen(), stateAfter(leadVerified));
    const after = [...leadVerified, ...events];
    expect(stateAfter(after).status).toBe('open');
    expect(partsOf(assignmentsAfter(after)).map(({ unitId, status, dueDate }) => ({ unitId, status, dueDate }))).toEqual([
      { unitId: FINANCE, status: 'RETURNED', dueDate: RETURNED_UNTIL },
      { unitId: ENVIRONMENT, status: 'REPORTED', dueDate: DUE },
    ]);
  });

  it('then the finding is withdrawn, as the refusal said', () => {
    const after = [...leadVerified, ...findingDecider.decide(reopen(), stateAfter(leadVerified))];
    given(after).when({ type: 'WithdrawFinding', today: TODAY, withdrawnOn: TODAY, reason: '与第1项重复登记' }).then([{ type: 'FindingWithdrawn', data: { findingId: FINDING, reason: '与第1项重复登记', withdrawnOn: TODAY } }]);
  });

  it('is not dated before the verification it takes back', () => {
    given(leadVerified).when(reopen({ reopenedOn: '2025-06-30' })).thenRefused('BAD_USER_INPUT', /before the verification of/, /早于.*的核验日期/);
  });
});

describe('refusals about the finding itself name it by its title', () => {
  it('when it needs a lead unit', () => {
    given([recorded]).when(assign([unit(FINANCE)])).thenRefused('BAD_USER_INPUT', /^Finding 「部分单位信息公开不到位」 needs a lead unit/, /^问题「部分单位信息公开不到位」须有一个牵头单位/);
  });

  it('when it is not closed and cannot be reopened', () => {
    given(assignedToTwo).when(reopen()).thenRefused('CONFLICT', /^Finding 「部分单位信息公开不到位」 is not closed and none of its parts is verified/, /^问题「部分单位信息公开不到位」尚未销号，也没有已核验的任务/);
  });
});

describe('due dates and the day the finding was identified (2025-04-15)', () => {
  it('refuses a due date before it, naming both days', () => {
    given([recorded])
      .when(assign([unit(FINANCE, 'LEAD', '2025-04-14')]))
      .thenRefused('BAD_USER_INPUT', /\(2025-04-14\) is before the day the finding was identified \(2025-04-15\)/, /（2025-04-14）早于问题发现日期（2025-04-15）/);
  });

  it('refuses one already passed on the assignment day: the unit would be overdue the moment it got its part (breaker11 F14)', () => {
    given([recorded])
      .when(assign([unit(FINANCE, 'LEAD', '2025-04-20')]))
      .thenRefused('BAD_USER_INPUT', /\(2025-04-20\) is before its assignment date \(2025-05-20\)/, /的截止日期（2025-04-20）早于交办日期（2025-05-20），日期顺序不对。$/);
    given([recorded]).when(assign([unit(FINANCE, 'LEAD', '2025-05-20')])).then([{ type: 'UnitAssigned', data: { unitId: FINANCE, role: 'LEAD', dueDate: '2025-05-20', assignedOn: ASSIGNED_ON } }]);
  });
});

describe('withdrawing a finding (breaker11d P10: a problem recorded twice leaves the 台账)', () => {
  const REASON = '与第1项重复登记';
  const withdraw = (overrides: Partial<WithdrawFinding> = {}): WithdrawFinding => ({ type: 'WithdrawFinding', today: TODAY, withdrawnOn: TODAY, reason: REASON, ...overrides });
  const withdrawn: FindingStreamEvent = { type: 'FindingWithdrawn', data: { findingId: FINDING, reason: REASON, withdrawnOn: TODAY } };

  it('is withdrawn on the evaluator’s day though its units reported after it, not knowing: their reports stay on the record (breaker11h P8)', () => {
    const onLetterDay: FindingStreamEvent = { type: 'FindingWithdrawn', data: { findingId: FINDING, reason: REASON, withdrawnOn: '2025-06-27' } };
    given(bothReported).when(withdraw({ withdrawnOn: '2025-06-27' })).then([onLetterDay]);
    expect(stateAfter([...bothReported, onLetterDay])).toMatchObject({ status: 'withdrawn', withdrawnOn: '2025-06-27', assignments: assignmentsAfter(bothReported) });
    // A fact dated on or after it is still refused: nothing is done on a withdrawn finding.
    given([...bothReported, onLetterDay]).when({ ...inspect(FINANCE, 'FAILED', 'inspection-1'), inspectedOn: '2025-06-29' }).thenRefused('CONFLICT');
  });

  describe('dated before a reorganisation that joined one part into another, typed after it (breaker8l P6, P13)', () => {
    const handedOver = (unitId: string, successorUnitId: string, handedOverOn: string): FindingStreamEvent => ({ type: 'PartHandedOver', data: { unitId, successorUnitId, reason: '职能调整', handedOverOn } });
    const undone = (unitId: string, successorUnitId: string, handedOverOn: string, reason: string): FindingStreamEvent => ({ type: 'PartHandOverUndone', data: { unitId, successorUnitId, reason, handedOverOn } });
    const onLetterDay: FindingStreamEvent = { type: 'FindingWithdrawn', data: { findingId: FINDING, reason: REASON, withdrawnOn: '2025-05-25' } };
    const heldBy = (events: readonly FindingStreamEvent[]) => partsOf(assignmentsAfter(events)).map((part) => [part.unitId, part.role, ...(part.heldBefore ?? [])].join(' '));

    it('given H joined F’s own part on 06-01: the join is undone, both parts stand apart as on the letter’s day', () => {
      const joined = [recorded, assigned(FINANCE, 'LEAD'), assigned(HOUSING), handedOver(HOUSING, FINANCE, '2025-06-01')];
      const separated = undone(HOUSING, FINANCE, '2025-06-01', "该问题已于 2025-05-25 撤销，该单位的任务不随 2025-06-01 的机构改革并入该单位的任务，仍由该单位保留");
      given(joined).when(withdraw({ withdrawnOn: '2025-05-25' })).then([separated, onLetterDay]);
      expect(heldBy(joined)).toEqual([`${FINANCE} LEAD ${HOUSING}`]);
      expect(heldBy([...joined, separated, onLetterDay])).toEqual([`${FINANCE} LEAD`, `${HOUSING} RESPONSIBLE`]);
    });

    it('given H moved to E on 06-01 and F joined E’s part on 06-10: the join first, then the move, the latest recorded first', () => {
      const steps = [recorded, assigned(FINANCE, 'LEAD'), assigned(HOUSING), handedOver(HOUSING, ENVIRONMENT, '2025-06-01'), handedOver(FINANCE, ENVIRONMENT, '2025-06-10')];
      const events = given(steps).when(withdraw({ withdrawnOn: '2025-05-25' })).decision();
      expect(events.map((event) => [event.type, (event.data as { unitId?: string }).unitId].join(' '))).toEqual([`PartHandOverUndone ${FINANCE}`, `PartHandOverUndone ${HOUSING}`, 'FindingWithdrawn ']);
      expect(heldBy([...steps, ...events])).toEqual([`${FINANCE} LEAD`, `${HOUSING} RESPONSIBLE`]);
    });

    it('given H moved to E on the withdrawal’s own day (breaker8u P11): the move is undone — a hand-over or merge dated on or after the withdrawal leaves the part, whichever was typed first', () => {
      const movedThatDay = [recorded, assigned(FINANCE, 'LEAD'), assigned(HOUSING), handedOver(HOUSING, ENVIRONMENT, '2025-05-25')];
      const events = given(movedThatDay).when(withdraw({ withdrawnOn: '2025-05-25' })).decision();
      expect(events).toEqual([undone(HOUSING, ENVIRONMENT, '2025-05-25', '该问题已于 2025-05-25 撤销，该单位的任务不随 2025-05-25 的移交转给该单位，仍由该单位保留'), onLetterDay]);
      // As typed withdrawal first: the hand-over of that day passes nothing of a withdrawn finding.
      expect(heldBy([...movedThatDay, ...events])).toEqual(heldBy([recorded, assigned(FINANCE, 'LEAD'), assigned(HOUSING), onLetterDay]));
    });

    it('given E reported on the joined part after the join: the join stays, and the move under it (records kept, counted nowhere)', () => {
      const steps = [recorded, assigned(FINANCE, 'LEAD'), assigned(HOUSING), handedOver(HOUSING, ENVIRONMENT, '2025-06-01'), handedOver(FINANCE, ENVIRONMENT, '2025-06-10'), { ...reported(ENVIRONMENT), data: { ...reported(ENVIRONMENT).data, reportedOn: '2025-06-20' } } as FindingStreamEvent];
      given(steps).when(withdraw({ withdrawnOn: '2025-05-25' })).then([onLetterDay]);
    });
  });

  it('withdraws an open finding with its reason, and keeps its parts as a record', () => {
    given(bothReported).when(withdraw({ reason: `  ${REASON} ` })).then([withdrawn]);
    given(afterReopening).when(withdraw()).then([withdrawn]);
    expect(stateAfter([...bothReported, withdrawn])).toMatchObject({ status: 'withdrawn', withdrawnOn: TODAY, withdrawalReason: REASON, assignments: assignmentsAfter(bothReported) });
  });

  it('refuses a closed finding, or one with a verified part: the units would lose verified credit from the ranking (breaker11e P6)', () => {
    given(closed)
      .when(withdraw())
      .thenRefused('CONFLICT', /verified work .*closed out on 2025-07-01.*Reopen it first/, /的整改已于 2025-07-01 核验.*该问题已于 2025-07-01 销号.*请先重新打开该问题/);
    given(leadVerified).when(withdraw()).thenRefused('CONFLICT', /verified work/, /核验.*不能直接撤销/);
  });

  it('refuses without a reason, on a day in the future, or on a day before a part was assigned', () => {
    given(bothReported).when(withdraw({ reason: ' ' })).thenRefusedAt('reason');
    given(bothReported).when(withdraw({ withdrawnOn: '2025-07-03' })).thenRefusedAt('withdrawnOn');
    given(bothReported).when(withdraw({ withdrawnOn: '2025-05-19' })).thenRefused('BAD_USER_INPUT', /assignment/, /交办日期（2025-05-20）/);
    given([recorded]).when(withdraw({ withdrawnOn: '2025-04-14' })).thenRefused('BAD_USER_INPUT', /identified/, /问题发现日期/);
  });

  describe('as recorded twice, naming the finding it repeats (breaker8d P5: it then counts on no day)', () => {
    const KEPT = 'finding-kept';
    const kept = { findingId: KEPT, evaluationId: recorded.data.evaluationId, title: '年度报告未按时发布', withdrawn: false };

    it('records which finding it repeats', () => {
      given(bothReported)
        .when(withdraw({ duplicateOf: KEPT, duplicate: kept }))
        .then([{ type: 'FindingWithdrawn', data: { findingId: FINDING, reason: REASON, withdrawnOn: TODAY, duplicateOf: KEPT } }]);
    });

    it('refuses itself, an unknown finding, one of another evaluation and one withdrawn itself, naming the field', () => {
      given(bothReported).when(withdraw({ duplicateOf: FINDING, duplicate: { ...kept, findingId: FINDING } })).thenRefused('BAD_USER_INPUT', /cannot repeat itself/, /不能与自身重复/);
      given(bothReported).when(withdraw({ duplicateOf: KEPT, duplicate: null })).thenRefused('NOT_FOUND', /no finding/, /找不到所重复的问题/);
      given(bothReported).when(withdraw({ duplicateOf: KEPT, duplicate: { ...kept, evaluationId: 'evaluation-other' } })).thenRefused('BAD_USER_INPUT', /another evaluation/, /另一份评估报告/);
      given(bothReported).when(withdraw({ duplicateOf: KEPT, duplicate: { ...kept, withdrawn: true } })).thenRefused('CONFLICT', /withdrawn itself/, /重复登记只撤销其中一条/);
      given(bothReported).when(withdraw({ duplicateOf: KEPT, duplicate: null })).thenRefusedAt('duplicateOf');
    });

    describe('judged on the days involved, whatever the typing order (breaker8g P17)', () => {
      it('a repeat is withdrawn while its original stands: an original withdrawn later is fine, one withdrawn on or before the day is not', () => {
        given(bothReported).when(withdraw({ duplicateOf: KEPT, duplicate: { ...kept, withdrawn: true, withdrawnOn: '2025-07-03' } })).then([
          { type: 'FindingWithdrawn', data: { findingId: FINDING, reason: REASON, withdrawnOn: TODAY, duplicateOf: KEPT } },
        ]);
        given(bothReported).when(withdraw({ duplicateOf: KEPT, duplicate: { ...kept, withdrawn: true, withdrawnOn: TODAY } })).thenRefused('CONFLICT', /withdrawn itself on 2025-07-02/, /本身已于 2025-07-02 撤销/);
      });

      it('the original of a withdrawn repeat is not withdrawn on or before the repeat’s day, naming it; after it, it is', () => {
        const repeat = { findingId: 'finding-repeat', title: '年度报告发布滞后（重复）', withdrawnOn: TODAY };
        given(bothReported)
          .when(withdraw({ duplicates: [repeat] }))
          .thenRefused('BAD_USER_INPUT', /repeat of .*must still stand that day/, /已于 2025-07-02 作为本问题.*的重复登记撤销.*请先更正「年度报告发布滞后（重复）」的撤销日期/);
        given(bothReported).when(withdraw({ duplicates: [repeat] })).thenRefusedAt('withdrawnOn');
        given(bothReported).when(withdraw({ duplicates: [{ ...repeat, withdrawnOn: '2025-07-01' }] })).then([withdrawn]);
      });
    });
  });

  it('takes no more work once withdrawn: a fact dated on or after the withdrawal, an assignment, a reopening or a second withdrawal is a CONFLICT naming the day and reason', () => {
    const after = [...bothReported, withdrawn];
    const refusal = /已于 2025-07-02 撤销（与第1项重复登记），不再办理/;
    // (A pass of the withdrawal's own day came before it: breaker8u P11, below.)
    given(after).when({ ...inspect(FINANCE, 'FAILED', 'inspection-1'), inspectedOn: TODAY }).thenRefused('CONFLICT', /withdrawn/, refusal);
    given(after).when({ ...inspect(FINANCE, 'PASSED', 'inspection-1'), inspectedOn: '2025-07-03', today: '2025-07-03' }).thenRefused('CONFLICT', /withdrawn/, refusal);
    given(after).when(assign([unit(HOUSING)], { assignedOn: TODAY })).thenRefused('CONFLICT', /withdrawn/, refusal);
    given([...afterReopening, withdrawn]).when(reopen()).thenRefused('CONFLICT', /withdrawn/, refusal);
    given(after).when(withdraw()).thenRefused('CONFLICT', /withdrawn/, refusal);
  });

  it('judges a fact dated before the withdrawal, entered after it, on its day (breaker8d P12)', () => {
    const events = findingDecider.decide(inspect(FINANCE, 'FAILED', 'inspection-1'), stateAfter([...bothReported, withdrawn]));
    expect(events).toMatchObject([{ type: 'InspectionLogged', data: { unitId: FINANCE, inspectedOn: INSPECTED_ON, outcome: 'FAILED' } }]);
    expect(stateAfter([...bothReported, withdrawn, ...events])).toMatchObject({ status: 'withdrawn', withdrawnOn: TODAY });
  });

  describe('a fact dated before the withdrawal, entered after it, is judged with the records dated on or after the withdrawal set aside; those that no longer hold once it is taken back or does not stand are set aside for good, as for items (breaker11j P4, breaker11q P5)', () => {
    // 市财政局 reported 06-28 and failed 07-01 (new due date 08-31), entered before the evaluator's letter of 06-27 was typed.
    const onLetterDay: FindingStreamEvent = { type: 'FindingWithdrawn', data: { findingId: FINDING, reason: REASON, withdrawnOn: '2025-06-27' } };
    const afterLetter = [...assignedToTwo, reported(FINANCE), inspected(FINANCE, 'FAILED', 'inspection-1'), onLetterDay];
    const correct = (withdrawnOn?: string): CorrectWithdrawal => ({ type: 'CorrectWithdrawal', today: TODAY, reason: '撤销有误', ...(withdrawnOn ? { withdrawnOn } : {}) });
    const typed = (history: readonly FindingStreamEvent[], commands: readonly FindingCommand[]): FindingStreamEvent[] =>
      commands.reduce<FindingStreamEvent[]>((events, command) => [...events, ...findingDecider.decide(command, stateAfter(events))], [...history]);
    /** 市财政局's part and the finding's status as every view counts them. */
    const finance = (events: readonly FindingStreamEvent[]) => {
      const state = stateAfter(events);
      const part = partOf(findingAssignmentsAsTheyCount(state)!, FINANCE)!;
      return { finding: state.status, status: part.status, dueDate: part.dueDate, verifiedOn: part.verifiedOn, lastReport: part.lastReport?.reportedOn ?? null, inspections: part.inspections.map((one) => `${one.inspectedOn} ${one.outcome}`) };
    };
    const SECOND_REPORT = { unitId: FINANCE, type: 'RectificationReported', on: REPORTED_ON };

    it('a report dated before it is taken whatever the unit’s later report becomes: the withdrawal stands, the later records count nowhere', () => {
      const late = typed(afterLetter, [report(FINANCE, '2025-06-25')]);
      expect(late.slice(afterLetter.length)).toEqual([expect.objectContaining({ type: 'RectificationReported', data: expect.objectContaining({ reportedOn: '2025-06-25' }) })]);
      expect(finance(late)).toMatchObject({ finding: 'withdrawn', lastReport: '2025-06-25' });
    });

    it('an urging and an extension request dated before it are taken', () => {
      given(afterLetter).when({ ...urge(FINANCE), urgedOn: '2025-06-20' }).then([expect.objectContaining({ type: 'UnitUrged' }) as FindingStreamEvent]);
      given(afterLetter)
        .when(requestExtension({ unitId: FINANCE, actor: clerkOf(FINANCE), today: TODAY, requestedOn: '2025-06-20' }))
        .then([expect.objectContaining({ type: 'ExtensionRequested' }) as FindingStreamEvent]);
    });

    it('taken back (恢复问题), the unit’s later report that no longer holds is set aside for good, as typed in date order it was refused; the failure of 07-01 answers the late report', () => {
      const late = typed(afterLetter, [report(FINANCE, '2025-06-25')]);
      const undone = findingDecider.decide(correct(), stateAfter(late));
      expect(undone).toEqual([{ type: 'FindingWithdrawalUndone', data: { findingId: FINDING, withdrawnOn: '2025-06-27', reason: '撤销有误', byVerification: false, recordsSetAside: [SECOND_REPORT] } }]);
      // Date order: no withdrawal; the report of 06-28 refused (the one of 06-25 awaits inspection), the failure of 07-01 taken.
      const inOrder = [...assignedToTwo, reported(FINANCE, '2025-06-25'), inspected(FINANCE, 'FAILED', 'inspection-1')];
      given([...assignedToTwo, reported(FINANCE, '2025-06-25')]).when(report(FINANCE)).thenRefused('CONFLICT');
      expect(finance([...late, ...undone])).toEqual(finance(inOrder));
      expect(finance(inOrder)).toMatchObject({ finding: 'open', status: 'RETURNED', dueDate: RETURNED_UNTIL, lastReport: '2025-06-25', inspections: ['2025-07-01 FAILED'] });
      // Later work is judged without the set-aside report: 市财政局 answers the failure.
      given([...late, ...undone]).when(report(FINANCE, TODAY)).then([expect.objectContaining({ type: 'RectificationReported' }) as FindingStreamEvent]);
    });

    it('moved later past them (更正撤销日期), they are set aside the same way; moved earlier, nothing is set aside', () => {
      const late = typed(afterLetter, [report(FINANCE, '2025-06-25')]);
      const moved = findingDecider.decide(correct(TODAY), stateAfter(late));
      expect(moved.map((event) => event.type)).toEqual(['FindingWithdrawalUndone', 'FindingWithdrawn']);
      expect(moved[0]).toMatchObject({ data: { recordsSetAside: [SECOND_REPORT] } });
      expect(finance([...late, ...moved])).toMatchObject({ finding: 'withdrawn', lastReport: '2025-06-25', inspections: ['2025-07-01 FAILED'] });
      const earlier = findingDecider.decide(correct('2025-06-26'), stateAfter(late));
      expect(earlier.map((event) => event.type)).toEqual(['FindingWithdrawalUndone', 'FindingWithdrawn']);
      expect(earlier[0]!.data).not.toHaveProperty('recordsSetAside');
    });

    it('a pass dated before it means the withdrawal does not stand: the later failure it leaves not holding is set aside for good, 市财政局’s part as in date order', () => {
      // 市财政局 reported 06-25; failed 07-01 (entered before the letter of 06-27 was typed); a pass of 06-26 found on paper.
      const reportedFirst = [...assignedToTwo, reported(FINANCE, '2025-06-25'), inspected(FINANCE, 'FAILED', 'inspection-1'), onLetterDay];
      const passOn26 = { ...inspect(FINANCE, 'PASSED', 'inspection-0'), inspectedOn: '2025-06-26' } as FindingCommand;
      const late = typed(reportedFirst, [passOn26]);
      expect(late.at(-1)).toEqual({
        type: 'FindingWithdrawalUndone',
        data: { findingId: FINDING, withdrawnOn: '2025-06-27', reason: expect.stringMatching(/^撤销不成立：/), byVerification: true, recordsSetAside: [{ unitId: FINANCE, type: 'InspectionLogged', on: INSPECTED_ON }] },
      });
      const inOrder = typed([...assignedToTwo, reported(FINANCE, '2025-06-25')], [passOn26]);
      expect(finance(late)).toEqual(finance(inOrder));
      expect(finance(late)).toMatchObject({ finding: 'open', status: 'VERIFIED', verifiedOn: '2025-06-26' });
    });

    describe('given the withdrawal still standing, a late report and a late pass dated before it (breaker11q P5)', () => {
      // 市财政局 reported 06-28 (after the withdrawal of 06-27, before the office heard of it); its paper report of 06-20 and the
      // pass of 06-22 arrive late. In date order the withdrawal is refused (verified work) and the report of 06-28 too.
      const standing = [...assignedToTwo, reported(FINANCE), onLetterDay];
      const lateFacts: FindingCommand[] = [report(FINANCE, '2025-06-20'), { ...inspect(FINANCE, 'PASSED', 'inspection-2'), inspectedOn: '2025-06-22' } as FindingCommand];
      const inOrder = typed(assignedToTwo, lateFacts);

      it('when both are typed, then the pass makes the withdrawal not stand and sets the report of 06-28 aside for good: 市财政局’s part as in date order', () => {
        given(inOrder).when({ type: 'WithdrawFinding', today: TODAY, withdrawnOn: '2025-06-27', reason: REASON }).thenRefused('CONFLICT', /verified/, /已于 2025-06-22 核验/);
        given(inOrder).when(report(FINANCE)).thenRefused('CONFLICT');
        const late = typed(standing, lateFacts);
        expect(late.at(-1)).toEqual({
          type: 'FindingWithdrawalUndone',
          data: { findingId: FINDING, withdrawnOn: '2025-06-27', reason: expect.stringMatching(/^撤销不成立：.*2025-06-22 核验通过，早于撤销日期（2025-06-27）/), byVerification: true, recordsSetAside: [SECOND_REPORT] },
        });
        expect(finance(late)).toEqual(finance(inOrder));
        expect(finance(late)).toMatchObject({ finding: 'open', status: 'VERIFIED', verifiedOn: '2025-06-22', lastReport: '2025-06-20' });
        // Later work is judged as in date order: the part is verified.
        given(late).when(report(FINANCE, TODAY)).thenRefused('CONFLICT');
      });
    });
  });

  describe('a 交办 or a correction of a record dated before the withdrawal, entered after it, is judged on its day as a late fact is (breaker8f P2, P3)', () => {
    const after = [...bothReported, withdrawn];
    const failedLate = findingDecider.decide(inspect(FINANCE, 'FAILED', 'inspection-1'), stateAfter(after));

    it('a paper 交办 dated before the withdrawal is accepted; one dated on it is not', () => {
      expect(findingDecider.decide(assign([unit(HOUSING)]), stateAfter(after))).toMatchObject([{ type: 'UnitAssigned', data: { unitId: HOUSING, assignedOn: ASSIGNED_ON } }]);
      given(after).when(assign([unit(HOUSING)], { assignedOn: TODAY })).thenRefused('CONFLICT', /withdrawn/, /不再办理/);
    });

    it('a late report’s or failure’s day corrected to another day before the withdrawal is accepted; onto the withdrawal’s day it is not', () => {
      const correctDay = (on: string): FindingCommand => ({ type: 'CorrectFactDate', actor: supervisor, today: TODAY, unitId: FINANCE, factType: 'RectificationReported', previousOn: REPORTED_ON, on, reason: '日期录错' });
      expect(findingDecider.decide(correctDay('2025-06-27'), stateAfter(after))).toMatchObject([{ type: 'FactDateCorrected', data: { previousOn: REPORTED_ON, on: '2025-06-27' } }]);
      given(after).when(correctDay(TODAY)).thenRefused('CONFLICT', /withdrawn/, /不再办理/);
      const redated = findingDecider.decide({ type: 'CorrectInspection', actor: supervisor, today: TODAY, unitId: FINANCE, inspectionId: 'inspection-1', inspectedOn: '2025-06-30', reason: '日期录错' }, stateAfter([...after, ...failedLate]));
      expect(redated).toMatchObject([{ type: 'InspectionCorrected', data: { inspectedOn: '2025-06-30', outcome: 'FAILED' } }]);
    });

    it('a failure corrected to PASSED verifies the part before the withdrawal: the withdrawal does not stand, as a late pass', () => {
      const events = findingDecider.decide({ type: 'CorrectInspection', actor: supervisor, today: TODAY, unitId: FINANCE, inspectionId: 'inspection-1', outcome: 'PASSED', reason: '结论录错' }, stateAfter([...after, ...failedLate]));
      expect(events.map((event) => event.type)).toEqual(['InspectionCorrected', 'FindingWithdrawalUndone']);
      expect(stateAfter([...after, ...failedLate, ...events]).status).toBe('open');
    });
  });

  describe('a pass dated before the withdrawal, entered after it (breaker11f P6): the withdrawal does not stand, as in date order', () => {
    const undone = (reason: RegExp) => ({ type: 'FindingWithdrawalUndone', data: { findingId: FINDING, withdrawnOn: TODAY, reason: expect.stringMatching(reason), byVerification: true } });

    it('a pass that verifies one part puts the finding back on the 台账, open, with the verified part and the reason', () => {
      const after = [...bothReported, withdrawn];
      const events = findingDecider.decide(inspect(FINANCE, 'PASSED', 'inspection-1'), stateAfter(after));
      expect(events).toEqual([inspected(FINANCE, 'PASSED', 'inspection-1'), undone(/2025-07-01 核验通过.*早于撤销日期（2025-07-02）.*已核验的整改不撤销/)]);
      const state = stateAfter([...after, ...events]);
      expect(state.status).toBe('open');
      expect(partOf(assignmentsAfter([...after, ...events]), FINANCE)?.status).toBe('VERIFIED');
      // As typed in date order: the withdrawal is refused, reopening first is the way.
      given([...bothReported, inspected(FINANCE, 'PASSED', 'inspection-1')]).when(withdraw()).thenRefused('CONFLICT', /verified work/);
    });

    it('a pass that verifies the last part closes it (销号) on its day, not withdrawn', () => {
      const after = [recorded, assigned(FINANCE, 'LEAD'), reported(FINANCE), withdrawn];
      const events = findingDecider.decide(inspect(FINANCE, 'PASSED', 'inspection-1'), stateAfter(after));
      expect(events).toEqual([inspected(FINANCE, 'PASSED', 'inspection-1'), closedOut(), undone(/核验通过/)]);
      expect(stateAfter([...after, ...events])).toMatchObject({ status: 'closed', closedOn: INSPECTED_ON });
    });

    it('back on the 台账, it takes work again on any day, and is withdrawn only as verified work is: not directly', () => {
      const withdrawnThenPassed = [...bothReported, withdrawn, inspected(FINANCE, 'PASSED', 'inspection-1')];
      const back = [...withdrawnThenPassed, ...findingDecider.decide(inspect(FINANCE, 'PASSED', 'inspection-1'), stateAfter([...bothReported, withdrawn])).slice(1)];
      given(back).when({ ...inspect(ENVIRONMENT, 'PASSED', 'inspection-2'), inspectedOn: TODAY }).then([{ ...inspected(ENVIRONMENT, 'PASSED', 'inspection-2'), data: { ...inspected(ENVIRONMENT, 'PASSED', 'inspection-2').data, inspectedOn: TODAY } } as FindingStreamEvent, closedOut(TODAY)]);
      given(back).when(withdraw()).thenRefused('CONFLICT', /verified work/);
    });
  });

  describe('a pass and the withdrawal of one office day, in either typing order (breaker8u P11): the pass stands — verified work is not withdrawn', () => {
    const passOfTheDay = (unitId: string, inspectionId: string) => ({ ...inspect(unitId, 'PASSED', inspectionId), inspectedOn: TODAY });
    /** The commands decided in `order` on `before`, each refused one typed again once after the others; the events and what was refused. */
    const typed = (before: readonly FindingStreamEvent[], order: readonly FindingCommand[]) => {
      const events = [...before];
      const refused: string[] = [];
      for (const command of [...order, ...order]) {
        try {
          events.push(...findingDecider.decide(command, stateAfter(events)));
        } catch (error) {
          refused.push(command.type);
        }
      }
      return { events, refused };
    };
    const read = (events: readonly FindingStreamEvent[]) => {
      const state = stateAfter(events);
      const parts = partsOf(assignmentsAfter(events)).map(({ unitId, status, verifiedOn }) => ({ unitId, status, verifiedOn }));
      return { status: state.status, closedOn: state.status === 'closed' ? state.closedOn : null, parts };
    };

    it.each([
      ['the last part’s pass: closed (销号) that day', [recorded, assigned(FINANCE, 'LEAD'), reported(FINANCE)], [passOfTheDay(FINANCE, 'inspection-1')], { status: 'closed', closedOn: TODAY }],
      ['one part’s pass: open, that part verified', bothReported, [passOfTheDay(FINANCE, 'inspection-1')], { status: 'open', closedOn: null }],
    ])('%s, whichever was typed first', (_what, before, passes, expected) => {
      const withdrawalFirst = typed(before, [withdraw(), ...passes]);
      const passFirst = typed(before, [...passes, withdraw()]);
      expect(read(withdrawalFirst.events)).toEqual(read(passFirst.events));
      expect(read(withdrawalFirst.events)).toMatchObject(expected);
      expect(read(withdrawalFirst.events).parts).toContainEqual({ unitId: FINANCE, status: 'VERIFIED', verifiedOn: TODAY });
      // Typed first, the withdrawal was taken and the pass undid it (撤销不成立); typed after the pass it is refused, reopening first.
      expect(withdrawalFirst.events.map((event) => event.type)).toContain('FindingWithdrawalUndone');
      expect(passFirst.refused).toContain('WithdrawFinding');
    });

    it('a failure of the withdrawal day typed after it is still refused: nothing but verified work outlasts the withdrawal', () => {
      given([...bothReported, withdrawn]).when({ ...inspect(FINANCE, 'FAILED', 'inspection-1'), inspectedOn: TODAY }).thenRefused('CONFLICT');
    });
  });

  describe('entered from paper once the day is past, the withdrawal day’s own records came before it, whichever was typed first (breaker8v P12)', () => {
    // 市财政局 reported on 06-27 and passed that day; the evaluator's letter withdrawing the problem is of 06-27 too; all typed on 07-02.
    const LETTER_DAY = '2025-06-27';
    const single = [recorded, assigned(FINANCE, 'LEAD')];
    const papers: Record<string, FindingCommand> = {
      withdrawal: withdraw({ withdrawnOn: LETTER_DAY }),
      report: report(FINANCE, LETTER_DAY),
      pass: { ...inspect(FINANCE, 'PASSED', 'inspection-1'), inspectedOn: LETTER_DAY },
      failure: { ...inspect(FINANCE, 'FAILED', 'inspection-1'), inspectedOn: LETTER_DAY, newDueDate: RETURNED_UNTIL },
    };
    /** The papers typed in `order`, each refused one typed again once after the others: what every view counts, and what stayed refused. */
    const typed = (before: readonly FindingStreamEvent[], order: readonly string[]) => {
      const events = [...before];
      const type = (names: readonly string[]) =>
        names.filter((name) => {
          try {
            events.push(...findingDecider.decide(papers[name]!, stateAfter(events)));
            return false;
          } catch {
            return true;
          }
        });
      const refused = type(type(order));
      const state = stateAfter(events);
      const part = partOf(findingAssignmentsAsTheyCount(state)!, FINANCE)!;
      return { status: state.status, closedOn: state.status === 'closed' ? state.closedOn : null, part: { status: part.status, verifiedOn: part.verifiedOn, reported: part.lastReport?.reportedOn ?? null }, refused };
    };

    it.each([
      ['withdrawal', 'report', 'pass'],
      ['report', 'withdrawal', 'pass'],
      ['report', 'pass', 'withdrawal'],
    ])('a report and its pass of the withdrawal day: closed (销号) that day, typed %s, %s, %s', (...order) => {
      // Before the fix the report typed after the withdrawal was refused (it takes no more work), and the pass with it: withdrawn.
      expect(typed(single, order)).toEqual({ status: 'closed', closedOn: LETTER_DAY, part: { status: 'VERIFIED', verifiedOn: LETTER_DAY, reported: LETTER_DAY }, refused: order[2] === 'withdrawal' ? ['withdrawal'] : [] });
    });

    it('a report of the withdrawal day alone: the withdrawal stands, the report on the record, in both orders', () => {
      const expected = { status: 'withdrawn', closedOn: null, part: { status: 'REPORTED', verifiedOn: null, reported: LETTER_DAY }, refused: [] };
      expect(typed(single, ['withdrawal', 'report'])).toEqual(expected);
      expect(typed(single, ['report', 'withdrawal'])).toEqual(expected);
    });

    it('a failure of the withdrawal day on an earlier report: the withdrawal stands and the part is returned, in both orders', () => {
      const reportedBefore = [...single, reported(FINANCE, '2025-06-20')];
      const expected = { status: 'withdrawn', closedOn: null, part: { status: 'RETURNED', verifiedOn: null, reported: '2025-06-20' }, refused: [] };
      expect(typed(reportedBefore, ['withdrawal', 'failure'])).toEqual(expected);
      expect(typed(reportedBefore, ['failure', 'withdrawal'])).toEqual(expected);
    });

    it('a record of the day after the withdrawal is still refused: the office heard of nothing done after it', () => {
      given([...single, { type: 'FindingWithdrawn', data: { findingId: FINDING, reason: REASON, withdrawnOn: LETTER_DAY } }]).when(report(FINANCE, '2025-06-28')).thenRefused('CONFLICT', /withdrawn on 2025-06-27/);
    });
  });

  describe('a finding recorded since under the same title keeps a withdrawn one from coming back (breaker11l P1)', () => {
    const after = [...bothReported, withdrawn];
    const titleHeldBy = { findingId: 'finding-copy', title: '重大建设项目批准信息未公开' };
    const undo: FindingCommand = { type: 'CorrectWithdrawal', today: TODAY, reason: '撤销有误', titleHeldBy };

    it('an undo, or a pass dated before the withdrawal (撤销不成立), is refused naming the copy; a failure or a moved withdrawal is taken', () => {
      given(after).when(undo).thenRefused('CONFLICT', /recorded since under the same title/, /^该评估已另行登记同名问题「重大建设项目批准信息未公开」：本问题「.*」回到台账将使同一问题有两条在办记录。如本问题应恢复，请先撤销另行登记的那条/);
      given(after).when({ ...inspect(FINANCE, 'PASSED', 'inspection-1'), titleHeldBy }).thenRefused('CONFLICT', /two live records/, /同名问题/);
      expect(findingDecider.decide({ ...inspect(FINANCE, 'FAILED', 'inspection-1'), titleHeldBy }, stateAfter(after)).map((event) => event.type)).toEqual(['InspectionLogged']);
      expect(findingDecider.decide({ ...undo, withdrawnOn: '2025-07-01' }, stateAfter(after)).map((event) => event.type)).toEqual(['FindingWithdrawalUndone', 'FindingWithdrawn']);
    });

    it('advises only steps the person can take, and says what they cost (breaker11m P6, P2)', () => {
      // A supervisor: withdraw the copy first — past days then count the problem twice — or work on the copy.
      given(after).when(undo).thenRefused('CONFLICT', /past days count the problem twice/, /再恢复或补录——那条在其撤销日期之前的各日仍计入统计，以往各日将重复计入同一问题；否则请在那条上办理。$/);
      // The copy closed (已销号): withdrawing it needs a reopening first.
      given(after).when({ ...undo, titleHeldBy: { ...titleHeldBy, closed: true } }).thenRefused('CONFLICT', /closed/, /^该评估已另行登记同名问题「重大建设项目批准信息未公开」（已销号）：.*那条已销号，须先重新打开/);
      // An inspector's late pass: a supervisor decides.
      given(after).when({ ...inspect(FINANCE, 'PASSED', 'inspection-1'), actor: inspector, titleHeldBy }).thenRefused('CONFLICT', /ask a supervisor/, /本次记录不能办理，请联系督办人员：由督办人员决定恢复本问题，或在那条上办理。$/);
    });
  });

  describe('a finding recorded since under a title that reads as this one retyped keeps a withdrawn one from coming back unasked (breaker11m P3)', () => {
    const after = [...bothReported, withdrawn];
    const nearTitlesHeld = [{ findingId: 'finding-near', title: '《重大建设项目批准信息未公开》', distance: 2 }];
    const undo: FindingCommand = { type: 'CorrectWithdrawal', today: TODAY, reason: '撤销有误', nearTitlesHeld };

    it('an undo, or a pass dated before the withdrawal, is asked whether it is the same problem, naming it', () => {
      given(after).when(undo).thenRefused('CONFLICT', /is it the same problem\?/, /^该评估已另行登记问题「《重大建设项目批准信息未公开》」，与本问题「.*」只差 2 个字：是否同一问题？如是同一问题，请在那条上办理/);
      given(after).when({ ...inspect(FINANCE, 'PASSED', 'inspection-1'), nearTitlesHeld }).thenRefused('CONFLICT', /same problem/, /请督办人员在“撤销有误，恢复问题”时确认“这是另一个问题”/);
    });

    it('confirmed another problem, the undo is taken; a failure or a moved withdrawal is never asked', () => {
      expect(findingDecider.decide({ ...undo, distinctFrom: ['finding-near'] }, stateAfter(after)).map((event) => event.type)).toEqual(['FindingWithdrawalUndone']);
      expect(findingDecider.decide({ ...inspect(FINANCE, 'FAILED', 'inspection-1'), nearTitlesHeld }, stateAfter(after)).map((event) => event.type)).toEqual(['InspectionLogged']);
      expect(findingDecider.decide({ ...undo, withdrawnOn: '2025-07-01' }, stateAfter(after)).map((event) => event.type)).toEqual(['FindingWithdrawalUndone', 'FindingWithdrawn']);
    });
  });

  describe('a withdrawal dated before a join that carried open work into a verified part, typed after it (breaker8h P4): refused as in date order', () => {
    // 市财政局 reported 06-25 and passed 06-29; 市环境保护局's open part joined it on 07-01 (机构改革), carrying the open work.
    const passedOn = (unitId: string, inspectedOn: string, inspectionId: string): FindingStreamEvent => {
      const event = inspected(unitId, 'PASSED', inspectionId);
      return { ...event, data: { ...event.data, inspectedOn } } as FindingStreamEvent;
    };
    const verified = [recorded, assigned(FINANCE, 'LEAD'), assigned(ENVIRONMENT, 'RESPONSIBLE', '2025-12-31'), reported(FINANCE, '2025-06-25'), passedOn(FINANCE, '2025-06-29', 'inspection-1')];
    const joined: FindingStreamEvent = { type: 'PartHandedOver', data: { unitId: ENVIRONMENT, successorUnitId: FINANCE, reason: '市环境保护局并入市财政局', handedOverOn: '2025-07-01' } };

    it('the join carried the open work and set 市财政局’s verified part aside', () => {
      expect(partsOf(assignmentsAfter([...verified, joined])).map((part) => [part.unitId, part.status])).toEqual([[FINANCE, 'ASSIGNED']]);
    });

    it('a withdrawal dated 06-30 is refused naming 市财政局’s verification, in either typing order; the join stays', () => {
      given(verified).when(withdraw({ withdrawnOn: '2025-06-30' })).thenRefused('CONFLICT', /verified work \(.*on 2025-06-29\)/, /2025-06-29 核验/);
      given([...verified, joined]).when(withdraw({ withdrawnOn: '2025-06-30' })).thenRefused('CONFLICT', /verified work \(.*on 2025-06-29\)/, /2025-06-29 核验.*请先重新打开该问题/);
    });

    it('a withdrawal dated on or after the join finds the open joined part, as in date order', () => {
      given([...verified, joined]).when(withdraw({ withdrawnOn: TODAY })).then([withdrawn]);
    });

    it('a correction moving 市环境保护局’s 交办 after the join is refused as crossing it: the join is not separated', () => {
      const redate: FindingCommand = { type: 'CorrectFactDate', actor: supervisor, today: TODAY, unitId: ENVIRONMENT, factType: 'UnitAssigned', previousOn: ASSIGNED_ON, on: TODAY, reason: '交办日期录错' };
      given([...verified, joined]).when(redate).thenRefused('BAD_USER_INPUT', /across the hand-over/, /跨过该任务 2025-07-01 的移交/);
    });
  });

  describe('a withdrawal entered by mistake is taken back or moved to its day (breaker8f P1)', () => {
    const FIXED = '请恢复：点错了问题';
    const correct = (overrides: Partial<CorrectWithdrawal> = {}): CorrectWithdrawal => ({ type: 'CorrectWithdrawal', today: TODAY, reason: FIXED, ...overrides });
    const undoneBy = (reason: string, withdrawnOn = TODAY): FindingStreamEvent => ({ type: 'FindingWithdrawalUndone', data: { findingId: FINDING, withdrawnOn, reason, byVerification: false } });
    const withdrawnOnDay = (withdrawnOn: string, duplicateOf?: string): FindingStreamEvent => ({ type: 'FindingWithdrawn', data: { findingId: FINDING, reason: REASON, withdrawnOn, ...(duplicateOf ? { duplicateOf } : {}) } });
    const afterWithdrawal = [...bothReported, withdrawn];

    it('moved from a form still showing the day a colleague moved it to meanwhile: CONFLICT naming who set which day when, nothing undone (issue 9)', () => {
      const movedByZhang = [...afterWithdrawal, undoneBy(`撤销日期更正为 2025-06-27：来函为6月27日`), withdrawnOnDay('2025-06-27')];
      given(movedByZhang)
        .when(correct({ withdrawnOn: '2025-06-30', expectedWithdrawnOn: TODAY }))
        .thenChangedMeanwhile({
          field: 'expectedWithdrawnOn',
          types: ['FindingWithdrawalUndone', 'FindingWithdrawn'],
          reason: '撤销日期更正为 2025-06-27：来函为6月27日',
          zh: '问题「部分单位信息公开不到位」的撤销日期刚由张伟改为 2025-06-27（北京时间 2026-12-07 06:28；理由：撤销日期更正为 2025-06-27：来函为6月27日；表单显示的是 2025-07-02）：请确认后再调整，本次未作修改。',
        });
      // The form that showed the day in force moves it; a script (no expected day) is not checked.
      expect(given(movedByZhang).when(correct({ withdrawnOn: '2025-06-30', expectedWithdrawnOn: '2025-06-27' })).decision()[0]).toMatchObject({ type: 'FindingWithdrawalUndone' });
      expect(given(movedByZhang).when(correct({ withdrawnOn: '2025-06-30' })).decision()[0]).toMatchObject({ type: 'FindingWithdrawalUndone' });
    });

    it('taken back (撤销有误) from a form showing a withdrawal a colleague undid, the finding withdrawn again on another day since: CONFLICT, that withdrawal not undone (undoFindingWithdrawal, f52a)', () => {
      const withdrawnAgain = [...afterWithdrawal, undoneBy(FIXED), withdrawnOnDay('2025-06-27')];
      given(withdrawnAgain)
        .when(correct({ expectedWithdrawnOn: TODAY }))
        .thenChangedMeanwhile({
          field: 'expectedWithdrawnOn',
          types: ['FindingWithdrawalUndone', 'FindingWithdrawn'],
          zh: '问题「部分单位信息公开不到位」的撤销日期刚由张伟改为 2025-06-27（北京时间 2026-12-07 06:28；表单显示的是 2025-07-02）：请确认后再调整，本次未作修改。',
        });
      expect(given(withdrawnAgain).when(correct({ expectedWithdrawnOn: '2025-06-27' })).decision()).toEqual([undoneBy(FIXED, '2025-06-27')]);
    });

    it('corrected or taken back from a form showing a withdrawal a colleague took back meanwhile: CONFLICT naming who, when, why — not 「没有撤销」 (newcomer53-9 M1)', () => {
      const undone = [...afterWithdrawal, undoneBy('撤销有误')];
      const told = '问题「部分单位信息公开不到位」的撤销刚由张伟改为 已撤回（问题已恢复到台账）（北京时间 2026-12-07 06:28；理由：撤销有误；表单显示的是 2025-07-02 撤销）：请确认后再调整，本次未作修改。';
      given(undone).when(correct({ withdrawnOn: '2025-06-30', expectedWithdrawnOn: TODAY })).thenChangedMeanwhile({ field: 'expectedWithdrawnOn', types: ['FindingWithdrawalUndone'], reason: '撤销有误', zh: told });
      given(undone).when(correct({ expectedWithdrawnOn: TODAY })).thenChangedMeanwhile({ field: 'expectedWithdrawnOn', types: ['FindingWithdrawalUndone'], reason: '撤销有误', zh: told });
      // A script (no day shown) is told the state as before.
      given(undone).when(correct()).thenRefused('CONFLICT', /is not withdrawn/, /没有撤销，无需更正撤销/);
    });

    it('taken back, the finding is on the 台账 again with its parts as they stood, and takes work', () => {
      given(afterWithdrawal).when(correct({ reason: `  ${FIXED} ` })).then([undoneBy(FIXED)]);
      const back = [...afterWithdrawal, undoneBy(FIXED)];
      expect(stateAfter(back)).toMatchObject({ status: 'open', assignments: assignmentsAfter(bothReported) });
      given(back).when({ ...inspect(FINANCE, 'PASSED', 'inspection-1'), inspectedOn: TODAY }).then([{ ...inspected(FINANCE, 'PASSED', 'inspection-1'), data: { ...inspected(FINANCE, 'PASSED', 'inspection-1').data, inspectedOn: TODAY } } as FindingStreamEvent]);
    });

    it('taken back after its unit was merged (the merge skipped it while withdrawn), the part passes to the successor on the merge day (breaker8i P7)', () => {
      const SUCCESSOR = 'unit-ecology';
      const unitNames = {
        nameOf: (unitId: string) => ({ [FINANCE]: '市财政局', [ENVIRONMENT]: '市环境保护局', [SUCCESSOR]: '市生态环境局' })[unitId],
        mergerOf: (unitId: string) => (unitId === ENVIRONMENT ? { successorUnitId: SUCCESSOR, mergedOn: TODAY } : undefined),
        handOversOf: () => [],
      };
      const passed: FindingStreamEvent = {
        type: 'PartHandedOver',
        data: { unitId: ENVIRONMENT, successorUnitId: SUCCESSOR, reason: `市环境保护局于 ${TODAY} 并入市生态环境局，其未完成的任务由市生态环境局承担`, handedOverOn: TODAY },
      };
      given(afterWithdrawal).when(correct({ unitNames })).then([undoneBy(FIXED), passed]);
      // Moved to a day before the merge, it was withdrawn when the merge came: nothing passes.
      given(afterWithdrawal).when(correct({ withdrawnOn: '2025-06-27', unitNames })).then([undoneBy(`撤销日期更正为 2025-06-27：${FIXED}`), withdrawnOnDay('2025-06-27')]);
    });

    it('moved to its real day, it is undone and made again on that day with its first reason', () => {
      const events = findingDecider.decide(correct({ withdrawnOn: '2025-06-30' }), stateAfter(afterWithdrawal));
      expect(events).toEqual([undoneBy(`撤销日期更正为 2025-06-30：${FIXED}`), withdrawnOnDay('2025-06-30')]);
      expect(stateAfter([...afterWithdrawal, ...events])).toMatchObject({ status: 'withdrawn', withdrawnOn: '2025-06-30', withdrawalReason: REASON });
    });

    it('folded by day, a withdrawal moved earlier is not undone by the undoing of the later day it replaced', () => {
      // The order a past day's view folds them in: 06-30's withdrawal, then 07-02's and its undoing.
      const byDay = [...bothReported, withdrawnOnDay('2025-06-30'), withdrawn, undoneBy('撤销日期更正为 2025-06-30：…')];
      expect(stateAfter(byDay)).toMatchObject({ status: 'withdrawn', withdrawnOn: '2025-06-30' });
    });

    it('a withdrawal named as recorded twice keeps naming the finding it repeats, checked again', () => {
      const twice = [...bothReported, withdrawnOnDay(TODAY, 'finding-first')];
      const first = { findingId: 'finding-first', evaluationId: recorded.data.evaluationId, title: '门户网站栏目更新不及时', withdrawn: false };
      given(twice).when(correct({ withdrawnOn: '2025-06-30', duplicate: first })).then([undoneBy(`撤销日期更正为 2025-06-30：${FIXED}`), withdrawnOnDay('2025-06-30', 'finding-first')]);
      given(twice).when(correct({ withdrawnOn: '2025-06-30', duplicate: { ...first, withdrawn: true } })).thenRefused('CONFLICT', /withdrawn itself/);
      given(twice).when(correct()).then([undoneBy(FIXED)]);
    });

    it('a repeat’s day is moved to a day its original, withdrawn since, still stood; an original’s not to the day of its repeat (breaker8g P17)', () => {
      const twice = [...bothReported, withdrawnOnDay(TODAY, 'finding-first')];
      const first = { findingId: 'finding-first', evaluationId: recorded.data.evaluationId, title: '门户网站栏目更新不及时', withdrawn: true, withdrawnOn: '2025-07-02' };
      given(twice).when(correct({ withdrawnOn: '2025-06-30', duplicate: first })).then([undoneBy(`撤销日期更正为 2025-06-30：${FIXED}`), withdrawnOnDay('2025-06-30', 'finding-first')]);
      const repeat = { findingId: 'finding-repeat', title: '年度报告发布滞后（重复）', withdrawnOn: '2025-06-30' };
      given(afterWithdrawal).when(correct({ withdrawnOn: '2025-06-30', duplicates: [repeat] })).thenRefusedAt('withdrawnOn');
    });

    it('refuses a day the withdrawal could not have had, the same day, no reason, and a finding not withdrawn', () => {
      given(afterWithdrawal)
        .when(correct({ withdrawnOn: '2025-05-19' }))
        .thenRefused('BAD_USER_INPUT', /before/, /撤销日期（2025-05-19）早于.*交办日期/);
      // Before the units' reports (made not knowing of the letter): moved there, the reports kept (breaker11h P8).
      given(afterWithdrawal).when(correct({ withdrawnOn: '2025-06-27' })).then([undoneBy(`撤销日期更正为 2025-06-27：${FIXED}`), withdrawnOnDay('2025-06-27')]);
      given(afterWithdrawal).when(correct({ withdrawnOn: '2025-07-03' })).thenRefused('BAD_USER_INPUT');
      given(afterWithdrawal).when(correct({ withdrawnOn: TODAY })).thenRefusedAt('withdrawnOn');
      given(afterWithdrawal).when(correct({ reason: '  ' })).thenRefused('BAD_USER_INPUT', undefined, /更正撤销的理由/);
      given(bothReported).when(correct()).thenRefused('CONFLICT', /not withdrawn/, /没有撤销，无需更正撤销/);
      given([]).when(correct()).thenRefused('NOT_FOUND');
    });
  });
});

describe('a change to the pass that made a finding’s withdrawal not stand judges that withdrawal again, whatever the typing order (breaker11o P8)', () => {
  // 市财政局 reports 06-28; the finding is withdrawn 07-01; a pass of 06-30 typed after the withdrawal makes it not stand.
  const WITHDRAWN_ON = '2025-07-01';
  const REASON = '评估机构来函撤回该问题';
  const withdraw: WithdrawFinding = { type: 'WithdrawFinding', today: TODAY, withdrawnOn: WITHDRAWN_ON, reason: REASON };
  const passOn = (on: string): FindingCommand => ({ ...inspect(FINANCE, 'PASSED', 'inspection-1'), inspectedOn: on });
  const failOn = (on: string): FindingCommand => ({ ...inspect(FINANCE, 'FAILED', 'inspection-1'), inspectedOn: on, notes: '督查结论录错', newDueDate: RETURNED_UNTIL });
  const correct = (change: { inspectedOn?: string; outcome?: 'FAILED' }): FindingCommand => ({
    type: 'CorrectInspection',
    actor: supervisor,
    today: TODAY,
    unitId: FINANCE,
    inspectionId: 'inspection-1',
    reason: '督查结论录错',
    ...change,
    ...(change.outcome === 'FAILED' ? { newDueDate: RETURNED_UNTIL } : {}),
  });
  const reportedOnly = [recorded, assigned(FINANCE, 'LEAD'), reported(FINANCE)];
  const typed = (history: readonly FindingStreamEvent[], commands: readonly FindingCommand[]): FindingStreamEvent[] =>
    commands.reduce<FindingStreamEvent[]>((events, command) => [...events, ...findingDecider.decide(command, stateAfter(events))], [...history]);
  const shown = (events: readonly FindingStreamEvent[]) => {
    const state = stateAfter(events);
    return { status: state.status, withdrawnOn: state.status === 'withdrawn' ? state.withdrawnOn : null, part: partOf(assignmentsAfter(events), FINANCE)?.status };
  };
  const undone = () => typed(reportedOnly, [withdraw, passOn('2025-06-30')]);

  it('the pass re-dated on or after the withdrawal: refused, naming it, as that pass typed in date order', () => {
    expect(shown(undone())).toEqual({ status: 'closed', withdrawnOn: null, part: 'VERIFIED' });
    given(undone()).when(correct({ inspectedOn: TODAY })).thenRefused('CONFLICT', /withdrawal of that day .* stands again/, /在 2025-07-01 时并无核验通过的整改，当日的撤销（评估机构来函撤回该问题）依日期重新成立：2025-07-02 该问题已撤销/);
    given(typed(reportedOnly, [withdraw])).when(passOn(TODAY)).thenRefused('CONFLICT', /withdrawn/);
  });

  it('the pass re-marked FAILED: the withdrawal stands again, as the failure typed before it', () => {
    const events = findingDecider.decide(correct({ outcome: 'FAILED' }), stateAfter(undone()));
    expect(events.at(-1)).toEqual({ type: 'FindingWithdrawn', data: { findingId: FINDING, withdrawnOn: WITHDRAWN_ON, reason: REASON } });
    const inOrder = typed(reportedOnly, [failOn('2025-06-30'), withdraw]);
    expect(shown([...undone(), ...events])).toEqual(shown(inOrder));
    expect(shown(inOrder)).toEqual({ status: 'withdrawn', withdrawnOn: WITHDRAWN_ON, part: 'RETURNED' });
  });

  it('a reopening dated before the withdrawal: the withdrawal stands again, as typed in date order', () => {
    const reopening: FindingCommand = { type: 'ReopenFinding', actor: supervisor, today: TODAY, reason: '复查发现问题反弹', reopenedOn: '2025-06-30', newDueDate: RETURNED_UNTIL };
    const inOrder = typed(reportedOnly, [passOn('2025-06-30'), reopening, withdraw]);
    expect(shown(typed(undone(), [reopening]))).toEqual(shown(inOrder));
    expect(shown(inOrder)).toMatchObject({ status: 'withdrawn', withdrawnOn: WITHDRAWN_ON });
  });

  it('a withdrawal the office took back (恢复问题) is not put back when the pass is corrected', () => {
    const takenBack = typed(reportedOnly, [withdraw, { type: 'CorrectWithdrawal', today: TODAY, reason: '撤销录入有误' }, passOn('2025-06-30')]);
    expect(shown(typed(takenBack, [correct({ outcome: 'FAILED' })]))).toMatchObject({ status: 'open', withdrawnOn: null, part: 'RETURNED' });
  });
});

describe('a withdrawal dated while the finding stood closed, typed after a later reopening, is refused as in date order (ext s27)', () => {
  // 市财政局 reports 06-28, passes 06-30 (销号 06-30); the finding is reopened 07-02; a withdrawal of 07-01 is typed after that.
  const passOn = (on: string): FindingCommand => ({ ...inspect(FINANCE, 'PASSED', 'inspection-1'), inspectedOn: on });
  const reopening: FindingCommand = { type: 'ReopenFinding', actor: supervisor, today: TODAY, reason: '复查发现问题反弹', reopenedOn: TODAY, newDueDate: RETURNED_UNTIL };
  const withdraw: WithdrawFinding = { type: 'WithdrawFinding', today: TODAY, withdrawnOn: INSPECTED_ON, reason: '评估机构来函撤回该问题' };
  const typed = (history: readonly FindingStreamEvent[], commands: readonly FindingCommand[]): FindingStreamEvent[] =>
    commands.reduce<FindingStreamEvent[]>((events, command) => [...events, ...findingDecider.decide(command, stateAfter(events))], [...history]);
  const closedOn30 = typed([recorded, assigned(FINANCE, 'LEAD'), reported(FINANCE)], [passOn('2025-06-30')]);

  it('when it is typed in date order (before the reopening), then it is refused: verified work is not withdrawn', () => {
    given(closedOn30).when(withdraw).thenRefused('CONFLICT', /verified work .* closed out on 2025-06-30/, /已于 2025-06-30 核验，该问题已于 2025-06-30 销号/);
  });

  it('when it is typed after the reopening of 07-02, then it is refused the same way, naming the close-out of that day', () => {
    const reopened = typed(closedOn30, [reopening]);
    expect(stateAfter(reopened).status).toBe('open');
    given(reopened).when(withdraw).thenRefused('CONFLICT', /verified work .* closed out on 2025-06-30/, /已于 2025-06-30 核验，该问题已于 2025-06-30 销号：撤销会使已核验的整改不再计入销号率和单位排名/);
    // Dated on the reopening's day or later it is taken: the finding was open then.
    given(reopened).when({ ...withdraw, withdrawnOn: TODAY }).then([expect.objectContaining({ type: 'FindingWithdrawn' }) as FindingStreamEvent]);
  });
});

describe('the day a finding was identified is corrected (更正发现日期, breaker9r P2 part 2)', () => {
  const FIXED = '评估报告所附问题清单落款为4月10日，登记时误填';
  const names = { unitNames: { nameOf: (unitId: string) => ({ [FINANCE]: '市财政局', [ENVIRONMENT]: '市环境保护局', [HOUSING]: '市住房和城乡建设局' })[unitId] } };
  const correct = (identifiedOn: string, overrides: Partial<CorrectIdentifiedOn> = {}): CorrectIdentifiedOn => ({ type: 'CorrectIdentifiedOn', identifiedOn, reason: FIXED, today: TODAY, ...names, ...overrides });
  const corrected = (identifiedOn: string, previousIdentifiedOn = IDENTIFIED_ON, reason = FIXED): FindingStreamEvent => ({
    type: 'FindingIdentifiedOnCorrected',
    data: { findingId: FINDING, identifiedOn, previousIdentifiedOn, reason, correctedOn: TODAY },
  });

  it('is a new event with both days, the reason and the day it was made; the finding is then identified on the corrected day', () => {
    given([recorded]).when(correct('2025-04-10', { reason: `  ${FIXED} ` })).then([corrected('2025-04-10')]);
    expect(stateAfter([recorded, corrected('2025-04-10')])).toMatchObject({ status: 'open', identifiedOn: '2025-04-10' });
    // Corrected again, the second correction starts from the first one's day.
    given([recorded, corrected('2025-04-10')]).when(correct('2025-04-12')).then([corrected('2025-04-12', '2025-04-10')]);
  });

  it('moves later up to the first record of its parts (the first 交办), and no further, naming it', () => {
    given(assignedToTwo).when(correct(ASSIGNED_ON)).then([corrected(ASSIGNED_ON)]);
    given(assignedToTwo).when(correct('2025-05-21')).thenRefused('BAD_USER_INPUT', /after the assignment of 市财政局 \(2025-05-20\)/, /^问题「部分单位信息公开不到位」更正后的发现日期（2025-05-21）晚于市财政局的交办日期（2025-05-20）/);
    given(assignedToTwo).when(correct('2025-05-21')).thenRefusedAt('identifiedOn');
  });

  it('judges the first 交办 as corrected, and keeps one of a unit taken off since', () => {
    const redated: FindingStreamEvent = { type: 'FactDateCorrected', data: { unitId: FINANCE, factType: 'UnitAssigned', previousOn: ASSIGNED_ON, on: '2025-05-25', reason: '交办文件为5月25日', correctedOn: TODAY } };
    const environmentAssignedLater: FindingStreamEvent = { ...assigned(ENVIRONMENT), data: { ...assigned(ENVIRONMENT).data, assignedOn: '2025-05-22' } } as FindingStreamEvent;
    given([recorded, assigned(FINANCE, 'LEAD'), environmentAssignedLater, redated]).when(correct('2025-05-23')).thenRefused('BAD_USER_INPUT', undefined, /晚于市环境保护局的交办日期（2025-05-22）/);
    given([recorded, assigned(FINANCE, 'LEAD'), environmentAssignedLater, redated]).when(correct('2025-05-22')).then([corrected('2025-05-22')]);
    const takenOff: FindingStreamEvent = { type: 'UnitUnassigned', data: { unitId: FINANCE, reason: '方案调整', unassignedOn: '2025-06-01' } };
    given([recorded, assigned(FINANCE, 'LEAD'), environmentAssignedLater, takenOff]).when(correct('2025-05-21')).thenRefused('BAD_USER_INPUT', undefined, /晚于市财政局的交办日期（2025-05-20）/);
  });

  it('is not after the withdrawal, nor after a circular citing the finding, naming either', () => {
    const withdrawn: FindingStreamEvent = { type: 'FindingWithdrawn', data: { findingId: FINDING, reason: '评估机构来函撤回', withdrawnOn: '2025-04-20' } };
    given([recorded, withdrawn]).when(correct('2025-04-20')).then([corrected('2025-04-20')]);
    given([recorded, withdrawn]).when(correct('2025-04-21')).thenRefused('BAD_USER_INPUT', /after its withdrawal \(2025-04-20\)/, /晚于该问题的撤销日期（2025-04-20）/);
    const citedBy = { title: '关于2025年政务公开工作的通报', issuedOn: '2025-04-18' };
    given([recorded]).when(correct('2025-04-19', { citedBy })).thenRefused('BAD_USER_INPUT', undefined, /晚于引用该问题的通报「关于2025年政务公开工作的通报」的印发日期（2025-04-18）/);
    given([recorded]).when(correct('2025-04-18', { citedBy })).then([corrected('2025-04-18')]);
  });

  it('sent from a form still showing the day a colleague corrected meanwhile: CONFLICT naming who set which day when, nothing corrected (issue 9)', () => {
    given([recorded, corrected('2025-04-10', IDENTIFIED_ON, '清单落款')])
      .when(correct('2025-04-12', { expectedIdentifiedOn: IDENTIFIED_ON }))
      .thenChangedMeanwhile({
        field: 'expectedIdentifiedOn',
        types: ['FindingIdentifiedOnCorrected'],
        reason: '清单落款',
        zh: '问题「部分单位信息公开不到位」的发现日期刚由张伟改为 2025-04-10（北京时间 2026-12-07 06:28；理由：清单落款；表单显示的是 2025-04-15）：请确认后再调整，本次未作修改。',
      });
    given([recorded, corrected('2025-04-10')]).when(correct('2025-04-12', { expectedIdentifiedOn: '2025-04-10' })).then([corrected('2025-04-12', '2025-04-10')]);
    given([recorded, corrected('2025-04-10')]).when(correct('2025-04-12')).then([corrected('2025-04-12', '2025-04-10')]);
  });

  it('refuses a day in the future, the day it reads now, one before the evaluation was received, no reason; NOT_FOUND unrecorded', () => {
    given([recorded]).when(correct('2025-07-03')).thenRefused('BAD_USER_INPUT', /in the future/, /将来的日期/);
    given([recorded]).when(correct(IDENTIFIED_ON)).thenRefused('BAD_USER_INPUT', /already/, /发现日期已是 2025-04-15/);
    given([recorded]).when(correct(IDENTIFIED_ON)).thenRefusedAt('identifiedOn');
    given([recorded]).when(correct('2025-04-01', { evaluationReceivedOn: '2025-04-05' })).thenRefused('BAD_USER_INPUT', undefined, /更正后的发现日期（2025-04-01）早于收到评估报告日期（2025-04-05）/);
    given([recorded]).when(correct('2025-04-05', { evaluationReceivedOn: '2025-04-05' })).then([corrected('2025-04-05')]);
    given([recorded]).when(correct('2025-04-10', { reason: ' ' })).thenRefused('BAD_USER_INPUT', undefined, /更正发现日期的理由/);
    given([]).when(correct('2025-04-10')).thenRefused('NOT_FOUND');
  });

  it('later assignments are judged on the corrected day', () => {
    const later = [recorded, corrected('2025-05-01')];
    given(later).when(assign([unit(FINANCE, 'LEAD')], { assignedOn: '2025-04-20' })).thenRefused('BAD_USER_INPUT', undefined, /交办日期（2025-04-20）早于问题发现日期（2025-05-01）/);
  });
});

describe('a pass found after a reopening of the other parts, closing the finding before the reopening’s day (breaker41-8 P1)', () => {
  // 市财政局 passed 06-28; 市环境保护局 reported, its pass of 06-30 found only after the reopening of 07-01 was typed — which,
  // the finding open then as typed, reopened 市财政局's part alone.
  const passOn = (unitId: string, on: string, inspectionId: string): FindingCommand => ({ ...inspect(unitId, 'PASSED', inspectionId), inspectedOn: on });
  const reopening: FindingCommand = { type: 'ReopenFinding', actor: supervisor, today: TODAY, reason: '复查发现问题反弹', reopenedOn: INSPECTED_ON, newDueDate: RETURNED_UNTIL };
  const typed = (commands: readonly FindingCommand[]): FindingStreamEvent[] =>
    commands.reduce<FindingStreamEvent[]>((events, command) => [...events, ...findingDecider.decide(command, stateAfter(events))], [...bothReported]);
  const shown = (events: readonly FindingStreamEvent[]) => ({
    status: stateAfter(events).status,
    parts: partsOf(assignmentsAfter(events)).map((part) => [part.unitId, part.status, part.dueDate]),
  });

  it('when the pass is typed, then the finding closed on its day and the reopening reopened it whole, as in date order', () => {
    const inDateOrder = typed([passOn(FINANCE, REPORTED_ON, 'inspection-1'), passOn(ENVIRONMENT, '2025-06-30', 'inspection-2'), reopening]);
    expect(shown(inDateOrder)).toEqual({ status: 'open', parts: [[FINANCE, 'RETURNED', RETURNED_UNTIL], [ENVIRONMENT, 'RETURNED', RETURNED_UNTIL]] });
    const reopeningFirst = typed([passOn(FINANCE, REPORTED_ON, 'inspection-1'), reopening]);
    expect(reopeningFirst.at(-1)).toMatchObject({ type: 'PartsReopened', data: { unitIds: [FINANCE] } });
    given(reopeningFirst)
      .when(passOn(ENVIRONMENT, '2025-06-30', 'inspection-2'))
      .then([
        expect.objectContaining({ type: 'InspectionLogged', data: expect.objectContaining({ unitId: ENVIRONMENT, inspectedOn: '2025-06-30' }) }) as FindingStreamEvent,
        closedOut('2025-06-30'),
        expect.objectContaining({ type: 'FindingReopened', data: expect.objectContaining({ reopenedOn: INSPECTED_ON }) }) as FindingStreamEvent,
        // Marked as written for the office's reopening (h54b): it follows that reopening in every fold.
        { type: 'PartsReopened', data: { reason: '复查发现问题反弹', reopenedOn: INSPECTED_ON, newDueDate: RETURNED_UNTIL, unitIds: [ENVIRONMENT], foundClosed: true } } as FindingStreamEvent,
      ]);
    expect(shown(typed([passOn(FINANCE, REPORTED_ON, 'inspection-1'), reopening, passOn(ENVIRONMENT, '2025-06-30', 'inspection-2')]))).toEqual(shown(inDateOrder));
  });

  it('a pass of the reopening’s own day found after it is that day’s, after the reopening: the finding stays open, the part verified', () => {
    const events = typed([passOn(FINANCE, REPORTED_ON, 'inspection-1'), reopening, passOn(ENVIRONMENT, INSPECTED_ON, 'inspection-2')]);
    expect(shown(events)).toEqual({ status: 'open', parts: [[FINANCE, 'RETURNED', RETURNED_UNTIL], [ENVIRONMENT, 'VERIFIED', DUE]] });
  });
});
