import { ChangedMeanwhile } from '../../shared/domain-error.js';
import { isAssignmentEvent } from '../../assignments/domain/assignment.events.js';
import type { AssignmentEvent, Evidence } from '../../assignments/domain/assignment.events.js';
import { assignmentsOn, factDayOfEvent, partOf, partsOf, type AssignmentsState } from '../../assignments/domain/assignment.decider.js';
import { applyAssignmentEvent, type PartView } from '../../assignments/read-model/part-view.js';
import type { TimelineEntry } from '../../assignments/read-model/timeline.js';
import { fold } from '../../shared/decider.js';
import { lifecycleOf } from '../../assignments/testing/lifecycle.js';
import { admin, clerkOf, inspector, supervisor, system } from '../../shared/testing/actors.js';
import { given as givenDecider } from '../../shared/testing/decider-testing.js';
import { dueDateLimitOf, planApproval } from './work-plan.decider.js';
import {
  assignmentsAsTheyCount,
  workPlanItemDecider,
  type DefineWorkPlanItem,
  type ReopenWorkPlanItem,
  type ReviseWorkPlanItem,
  type WorkPlanItemCommand,
  type WorkPlanItemState,
} from './work-plan-item.decider.js';
import {
  workPlanEventSchemas,
  workPlanIdFor,
  workPlanItemIdFor,
  type WorkPlanItemDefined,
  type WorkPlanItemStreamEvent,
} from './work-plan.events.js';

// ---------------------------------------------------------------------------------------------
// given / when / then

const stateAfter = (events: readonly WorkPlanItemStreamEvent[]): WorkPlanItemState => fold(workPlanItemDecider, events);

/** The parts of a defined item; fails the test rather than skipping it when there is none. */
function assignmentsAfter(events: readonly WorkPlanItemStreamEvent[]): AssignmentsState {
  const state = stateAfter(events);
  if (state.status === 'empty') throw new Error('expected a defined item');
  return state.assignments;
}

const given = (events: readonly WorkPlanItemStreamEvent[]) => givenDecider(workPlanItemDecider, events);

// ---------------------------------------------------------------------------------------------
// fixtures: item 7 of 青川市's 2026 plan — 市发改委 leads, 市财政局 and 东湖区 are responsible

const PLAN = workPlanIdFor(2026, '青川市2026年政务公开工作要点分解方案');
const ITEM = workPlanItemIdFor(PLAN, '7');
const FGW = 'unit-fgw';
const FINANCE = 'unit-finance';
const DONGHU = 'unit-donghu';
const DUE = '2026-06-30';
const INSPECTED_ON = '2026-07-01';
const REPORTED_ON = '2026-06-28';
const TODAY = '2026-07-02';
const ASSIGNED_ON = '2026-03-01';
const PLAN_APPROVED_ON = '2026-02-20';

/** The new due date of parts returned after their due date. */
const RETURNED_UNTIL = '2026-08-31';

const evidence: Evidence[] = [{ title: '重大决策预公开专栏', link: 'https://example.gov.cn/fgw/decisions', documentRef: null }];

// the assignment lifecycle's events and commands, as told in this story
const { assigned, reported, inspected, report, inspect, requestExtension, decideExtension, urge, sendBack } = lifecycleOf({
  dueDate: DUE,
  today: TODAY,
  assignedOn: ASSIGNED_ON,
  inspectedOn: INSPECTED_ON,
  // Before the due date; reports answering a failed inspection or a reopening come on INSPECTED_ON.
  reportedOn: REPORTED_ON,
  summary: (unitId) => `Unit ${unitId} published its drafts.`,
  evidence,
  failureNotes: 'Comment period was only 7 days.',
  returnedUntil: RETURNED_UNTIL,
  extension: { unitId: DONGHU, today: '2026-06-01', requestedOn: '2026-06-01', requestedDueDate: '2026-07-31', reason: 'The district congress meets in July.' },
});

// events

const definedData: WorkPlanItemDefined['data'] = {
  itemId: ITEM,
  planId: PLAN,
  categoryCode: '一',
  code: '7',
  title: '重大决策预公开',
  description: '涉及群众切身利益的重大决策草案，通过门户网站公开征求意见不少于30日。',
  measures: '',
  dueDate: DUE,
};
const defined: WorkPlanItemDefined = { type: 'WorkPlanItemDefined', data: definedData };
const completed = (completedOn = INSPECTED_ON): WorkPlanItemStreamEvent => ({
  type: 'WorkPlanItemCompleted',
  data: { itemId: ITEM, completedOn },
});
const REOPEN_REASON = 'The comment page was taken down after the review.';
const reopened: WorkPlanItemStreamEvent[] = [
  { type: 'WorkPlanItemReopened', data: { itemId: ITEM, reason: REOPEN_REASON, reopenedOn: INSPECTED_ON } },
  { type: 'PartsReopened', data: { reason: REOPEN_REASON, reopenedOn: INSPECTED_ON, newDueDate: RETURNED_UNTIL } },
];

// commands

const define = (overrides: Partial<DefineWorkPlanItem> = {}): DefineWorkPlanItem => ({
  type: 'DefineWorkPlanItem',
  actor: system,
  today: TODAY,
  assignedOn: ASSIGNED_ON,
  data: definedData,
  leadUnitIds: [FGW],
  responsibleUnitIds: [FINANCE, DONGHU],
  planExists: true,
  planApprovedOn: PLAN_APPROVED_ON,
  unknownUnitIds: [],
  ...overrides,
});
const reopen = (overrides: Partial<ReopenWorkPlanItem> = {}): ReopenWorkPlanItem => ({
  type: 'ReopenWorkPlanItem',
  actor: supervisor,
  today: TODAY,
  reason: REOPEN_REASON,
  newDueDate: RETURNED_UNTIL,
  reopenedOn: INSPECTED_ON,
  ...overrides,
});

// histories

const definedAndAssigned = [defined, assigned(FGW, 'LEAD'), assigned(FINANCE), assigned(DONGHU)];
const allReported = [...definedAndAssigned, reported(FGW), reported(FINANCE), reported(DONGHU)];
const twoVerified = [...allReported, inspected(FGW, 'PASSED', 'inspection-1'), inspected(FINANCE, 'PASSED', 'inspection-2')];
const done = [...twoVerified, inspected(DONGHU, 'PASSED', 'inspection-3'), completed()];
const afterReopening = [...done, ...reopened];

// ---------------------------------------------------------------------------------------------

describe('event schemas', () => {
  it('registers the plan and item events, not the shared assignment events', () => {
    expect(workPlanEventSchemas).toEqual({
      WorkPlanImported: { version: 2, occurredOn: 'approvedOn', upcasters: { 1: expect.any(Function) } },
      WorkPlanApprovalCorrected: { version: 1, occurredOn: 'correctedOn' },
      WorkPlanImportDateCorrected: { version: 1, occurredOn: 'correctedOn' },
      WorkPlanItemDefined: { version: 2, upcasters: { 1: expect.any(Function) } },
      WorkPlanItemCompleted: { version: 1, occurredOn: 'completedOn' },
      WorkPlanItemReopened: { version: 2, occurredOn: 'reopenedOn', upcasters: { 1: expect.any(Function) } },
      WorkPlanRevised: { version: 2, occurredOn: 'revisedOn', upcasters: { 1: expect.any(Function) } },
      WorkPlanItemWithdrawn: { version: 1, occurredOn: 'withdrawnOn' },
      WorkPlanItemWithdrawalUndone: { version: 1, occurredOn: 'withdrawnOn' },
      WorkPlanItemReinstated: { version: 1, occurredOn: 'reinstatedOn' },
      WorkPlanItemRescheduled: { version: 1, occurredOn: 'rescheduledOn' },
      WorkPlanItemAmended: { version: 2, occurredOn: 'amendedOn', upcasters: { 1: expect.any(Function) } },
    });
  });
});

describe('empty', () => {
  it('has no status but empty', () => {
    expect(stateAfter([])).toEqual({ status: 'empty' });
  });

  it('defines the item and assigns its lead and responsible units, all due on its due date', () => {
    given([]).when(define()).then(definedAndAssigned);
  });

  it('may have a lead unit alone', () => {
    given([]).when(define({ responsibleUnitIds: [] })).then([defined, assigned(FGW, 'LEAD')]);
  });

  it('may have several lead units leading jointly (联合牵头), each with its own part; the same definition again decides nothing', () => {
    const jointly = define({ leadUnitIds: [FGW, FINANCE], responsibleUnitIds: [DONGHU] });
    const events = [defined, assigned(FGW, 'LEAD'), assigned(FINANCE, 'LEAD'), assigned(DONGHU)];
    given([]).when(jointly).then(events);
    expect(partsOf(assignmentsAfter(events)).filter((part) => part.role === 'LEAD').map((part) => part.unitId)).toEqual([FGW, FINANCE]);
    given(events).when(jointly).then([]);
    given(events).when(define({ leadUnitIds: [FGW], responsibleUnitIds: [FINANCE, DONGHU] })).thenRefused('CONFLICT', /another lead unit/);
  });

  // perf47b: a 各单位 item's units are decided one after another on the parts the units before them leave, folded as one run.
  it('defines a 各单位 item of 300 units: every unit assigned in the order listed, and a refusal of the 251st refuses the whole item', () => {
    const counties = Array.from({ length: 299 }, (_, index) => `unit-county-${index}`);
    const events = [defined, assigned(FGW, 'LEAD'), ...counties.map((unitId) => assigned(unitId))];
    given([]).when(define({ responsibleUnitIds: counties })).then(events);
    expect(partsOf(assignmentsAfter(events))).toHaveLength(300);
    given(events).when(define({ responsibleUnitIds: counties })).then([]);
    given([])
      .when(define({ responsibleUnitIds: counties, partDueDates: { [counties[250]!]: { dueDate: '2026-02-27', terms: { kind: 'BY_DATE' } } } }))
      .thenRefused('BAD_USER_INPUT', /due date of unit unit-county-250 \(2026-02-27\) is before its assignment date \(2026-03-01\)/);
    given([]).when(define({ leadUnitIds: [FGW, counties[120]!], responsibleUnitIds: counties })).thenRefused('BAD_USER_INPUT', /cannot also be a responsible unit/);
  });

  it('accepts an empty description', () => {
    const data = { ...definedData, description: '' };
    given([])
      .when(define({ data }))
      .then([{ type: 'WorkPlanItemDefined', data }, assigned(FGW, 'LEAD'), assigned(FINANCE), assigned(DONGHU)]);
  });

  it.each([admin, supervisor])('$role may define items', (actor) => {
    given([]).when(define({ actor })).then(definedAndAssigned);
  });

  it.each([inspector, clerkOf(FGW)])('$role may not define items', (actor) => {
    given([]).when(define({ actor })).thenRefused('FORBIDDEN');
  });

  it('assigns its units on the day the plan was approved, or later', () => {
    given([]).when(define({ assignedOn: PLAN_APPROVED_ON })).decision();
    expect(given([]).when(define({ assignedOn: PLAN_APPROVED_ON })).decision()[1]).toMatchObject({ type: 'UnitAssigned', data: { assignedOn: PLAN_APPROVED_ON } });
  });

  it('refuses units assigned before the plan was approved (cross-record order), naming both days', () => {
    given([])
      .when(define({ assignedOn: '2026-02-19' }))
      .thenRefused(
        'BAD_USER_INPUT',
        /^The assignment date of item 7 \(2026-02-19\) is before the day the plan was approved \(2026-02-20\)\.$/,
        /^事项 7 的交办日期（2026-02-19）早于方案批准日期（2026-02-20），日期顺序不对。$/,
      );
  });

  it('refuses units assigned in the future', () => {
    given([]).when(define({ assignedOn: '2026-07-03' })).thenRefused('BAD_USER_INPUT', /\(2026-07-03\) is in the future: today is 2026-07-02/);
  });

  it('refuses an item of a plan that was never imported', () => {
    given([]).when(define({ planExists: false })).thenRefused('NOT_FOUND', /Work plan/);
  });

  it('refuses units that are not in the directory, naming them', () => {
    given([]).when(define({ unknownUnitIds: [DONGHU] })).thenRefused('NOT_FOUND', /unit-donghu/);
  });

  it('refuses an item id not derived from the plan and the code', () => {
    given([])
      .when(define({ data: { ...definedData, itemId: workPlanItemIdFor(PLAN, '8') } }))
      .thenRefused('BAD_USER_INPUT', /workPlanItemIdFor/);
  });

  it.each<[string, Partial<WorkPlanItemDefined['data']>]>([
    ['a blank title', { title: '  ' }],
    ['a blank category', { categoryCode: '' }],
    ['an impossible due date', { dueDate: '2026-02-30' }],
    ['a due date not written YYYY-MM-DD', { dueDate: '2026/6/30' }],
  ])('refuses %s', (_what, overrides) => {
    given([]).when(define({ data: { ...definedData, ...overrides } })).thenRefused('BAD_USER_INPUT');
  });

  it('refuses a blank code', () => {
    const data = { ...definedData, code: '', itemId: workPlanItemIdFor(PLAN, '') };
    given([]).when(define({ data })).thenRefused('BAD_USER_INPUT');
  });

  it('refuses a due date after its plan’s period (fault 5): an import cannot override', () => {
    const dueDateLimit = dueDateLimitOf({ title: '青川市2026年政务公开工作要点分解方案', year: 2026 });
    given([])
      .when(define({ data: { ...definedData, dueDate: '2027-03-31' }, dueDateLimit }))
      .thenRefused('BAD_USER_INPUT', /2027-03-31 is after the period of work plan 「青川市2026年政务公开工作要点分解方案」 \(2026\) \(2026-12-31\)/);
    given([]).when(define({ data: { ...definedData, dueDate: '2026-12-31' }, dueDateLimit })).decision();
  });

  it('refuses a lead unit that is also listed as responsible', () => {
    given([])
      .when(define({ responsibleUnitIds: [FINANCE, FGW] }))
      .thenRefused('BAD_USER_INPUT', /lead unit.*cannot also be a responsible unit/);
  });

  it('refuses a responsible unit listed twice', () => {
    given([]).when(define({ responsibleUnitIds: [FINANCE, FINANCE] })).thenRefused('BAD_USER_INPUT');
  });

  it.each<WorkPlanItemCommand>([
    reopen(),
    report(FGW),
    inspect(FGW, 'PASSED', 'inspection-1'),
    sendBack(FGW),
    urge(FGW),
    requestExtension(),
    decideExtension(),
  ])('$type on an item that was never defined is NOT_FOUND', (command) => {
    given([]).when(command).thenRefused('NOT_FOUND');
  });
});

describe('open, units assigned', () => {
  it('keeps its definition and each unit as a part', () => {
    const state = stateAfter(definedAndAssigned);
    expect(state).toMatchObject({ status: 'open', itemId: ITEM, definition: definedData });
    expect(partsOf(assignmentsAfter(definedAndAssigned)).map(({ unitId, role, status }) => ({ unitId, role, status }))).toEqual([
      { unitId: FGW, role: 'LEAD', status: 'ASSIGNED' },
      { unitId: FINANCE, role: 'RESPONSIBLE', status: 'ASSIGNED' },
      { unitId: DONGHU, role: 'RESPONSIBLE', status: 'ASSIGNED' },
    ]);
  });

  it('the same definition again changes nothing: an interrupted import can be rerun', () => {
    given(definedAndAssigned).when(define()).then([]);
  });

  it('responsible units in another order are the same definition', () => {
    given(definedAndAssigned).when(define({ responsibleUnitIds: [DONGHU, FINANCE] })).then([]);
  });

  it('still the same definition after a unit got an extension', () => {
    const extended: WorkPlanItemStreamEvent[] = [
      ...definedAndAssigned,
      {
        type: 'ExtensionGranted',
        data: { unitId: DONGHU, requestId: 'extension-1', previousDueDate: DUE, newDueDate: '2026-07-31', decidedOn: '2026-06-01' },
      },
    ];
    given(extended).when(define()).then([]);
  });

  it.each<[string, Partial<DefineWorkPlanItem>, RegExp]>([
    ['another title', { data: { ...definedData, title: '重大决策公开' } }, /another title/],
    ['another due date', { data: { ...definedData, dueDate: '2026-09-30' } }, /another due date/],
    ['another lead unit', { leadUnitIds: [FINANCE], responsibleUnitIds: [FGW, DONGHU] }, /another lead unit, responsible units/],
    ['other responsible units', { responsibleUnitIds: [FINANCE] }, /another responsible units/],
  ])('refuses a definition with %s, naming what differs', (_what, overrides, message) => {
    given(definedAndAssigned).when(define(overrides)).thenRefused('CONFLICT', message);
  });

  // breaker43-10 F2: two imports of one file racing with different --assigned-on — the later, decided after the first was written,
  // was 「此前已导入」, its day dropped unsaid.
  it('refuses the same definition given another assignment day, saying both days', () => {
    given(definedAndAssigned).when(define({ assignedOn: '2026-03-03' })).thenRefused('CONFLICT', new RegExp(`assigned on ${ASSIGNED_ON}; this import says 2026-03-03`), new RegExp(`已按交办日期 ${ASSIGNED_ON} 导入，本次导入给出的交办日期为 2026-03-03`));
    given(definedAndAssigned).when(define()).then([]);
  });

  // breaker12h P10: the same file sent again after a unit it names was merged into another (机构改革) — the file, read as of its
  // day, names the merged unit as itself — was refused as another definition, for every item of the plan.
  it.each<[string, string]>([
    ['handed over to a unit of its own', 'unit-audit'],
    ['merged into a unit already taking part', DONGHU],
  ])('is the same definition after a unit it names was %s', (_what, successorUnitId) => {
    const moved: WorkPlanItemStreamEvent[] = [
      ...definedAndAssigned,
      { type: 'PartHandedOver', data: { unitId: FINANCE, successorUnitId, reason: '机构改革', handedOverOn: '2026-05-01' } },
    ];
    given(moved).when(define()).then([]);
    given(moved).when(define({ responsibleUnitIds: [FINANCE] })).thenRefused('CONFLICT', /another responsible units/);
  });

  // breaker12h P10: 「工作事项 1 已按不同的 responsible units 定义过」 — the Chinese refusal named the fields in English.
  it.each<[string, Partial<DefineWorkPlanItem>, string]>([
    ['another title', { data: { ...definedData, title: '重大决策公开' } }, '已按不同的事项名称定义过'],
    ['another due date and measures', { data: { ...definedData, dueDate: '2026-09-30', measures: '另行制定措施' } }, '已按不同的完成时限、工作措施定义过'],
    ['another lead unit', { leadUnitIds: [FINANCE], responsibleUnitIds: [FGW, DONGHU] }, '已按不同的牵头单位、责任单位定义过'],
    ['other responsible units', { responsibleUnitIds: [FINANCE] }, '已按不同的责任单位定义过'],
  ])('names what differs in Chinese in the Chinese refusal: %s', (_what, overrides, words) => {
    let refusal: unknown;
    try {
      workPlanItemDecider.decide(define(overrides), stateAfter(definedAndAssigned));
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({ code: 'CONFLICT', messageZh: expect.stringContaining(words) });
    expect((refusal as { messageZh: string }).messageZh).not.toMatch(/[A-Za-z]{3,}/);
  });

  it('passes part commands to the assignment lifecycle', () => {
    given(definedAndAssigned).when(report(FGW)).then([reported(FGW)]);
    given(definedAndAssigned)
      .when(urge(DONGHU))
      .then([{ type: 'UnitUrged', data: { unitId: DONGHU, message: 'Report by Friday.', urgedOn: ASSIGNED_ON } }]);
  });

  it('and its refusals too', () => {
    given(definedAndAssigned).when(report('unit-police')).thenRefused('NOT_FOUND');
    given(definedAndAssigned).when({ ...report(FGW), actor: clerkOf(FINANCE) }).thenRefused('FORBIDDEN');
    given(definedAndAssigned).when(inspect(FGW, 'PASSED', 'inspection-1')).thenRefused('CONFLICT');
  });

  it('a unit asks for more time and the supervisor grants it', () => {
    const asked = [...definedAndAssigned, ...workPlanItemDecider.decide(requestExtension(), stateAfter(definedAndAssigned))];
    given(asked)
      .when(decideExtension())
      .then([
        {
          type: 'ExtensionGranted',
          data: { unitId: DONGHU, requestId: 'extension-1', previousDueDate: DUE, newDueDate: '2026-07-31', decidedOn: '2026-06-01' },
        },
      ]);
  });

  it('cannot be reopened, being open', () => {
    given(definedAndAssigned).when(reopen()).thenRefused('CONFLICT', /not closed/);
  });
});

describe('open, some parts verified', () => {
  it('a passed inspection that leaves another part unverified does not complete the item', () => {
    given(allReported).when(inspect(FGW, 'PASSED', 'inspection-1')).then([inspected(FGW, 'PASSED', 'inspection-1')]);
  });

  it('a failed inspection of the last part does not complete it', () => {
    given(twoVerified)
      .when(inspect(DONGHU, 'FAILED', 'inspection-3'))
      .then([inspected(DONGHU, 'FAILED', 'inspection-3')]);
  });

  it('a report sent back does not complete it either', () => {
    given(twoVerified).when(sendBack(DONGHU)).then([{ type: 'ReportSentBack', data: { unitId: DONGHU, reason: 'The link leads to an empty page.', sentBackOn: REPORTED_ON } }]);
  });

  it('the passed inspection of the last part completes it (销号) on the day of that inspection, not the day it is entered', () => {
    given(twoVerified)
      .when(inspect(DONGHU, 'PASSED', 'inspection-3'))
      .then([inspected(DONGHU, 'PASSED', 'inspection-3'), completed(INSPECTED_ON)]);
  });

  it('being open, a reopening takes back its verified parts only, the item staying open (breaker11f P11)', () => {
    given(twoVerified)
      .when(reopen())
      .then([{ type: 'PartsReopened', data: { reason: REOPEN_REASON, reopenedOn: INSPECTED_ON, newDueDate: RETURNED_UNTIL, unitIds: [FGW, FINANCE] } }]);
    const after = [...twoVerified, ...workPlanItemDecider.decide(reopen(), stateAfter(twoVerified))];
    expect(stateAfter(after).status).toBe('open');
    expect(partsOf(assignmentsAfter(after)).map(({ unitId, status }) => ({ unitId, status }))).toEqual([
      { unitId: FGW, status: 'RETURNED' },
      { unitId: FINANCE, status: 'RETURNED' },
      { unitId: DONGHU, status: 'REPORTED' },
    ]);
  });
});

describe('completed', () => {
  it('is completed since the day of the last verification', () => {
    expect(stateAfter(done)).toMatchObject({ status: 'completed', completedOn: INSPECTED_ON });
  });

  it('the same definition again still changes nothing', () => {
    given(done).when(define()).then([]);
  });

  it('takes no more reports or inspections', () => {
    given(done).when(report(FGW)).thenRefused('CONFLICT');
    given(done).when(inspect(FGW, 'PASSED', 'inspection-4')).thenRefused('CONFLICT');
  });

  it('nothing is left to urge from the day after it was verified (an urging of an earlier day is judged on that day; of the pass’s own day, came before it: breaker8s P11)', () => {
    given(done).when({ ...urge(FGW), urgedOn: TODAY }).thenRefused('CONFLICT', /already verified/, /无需催办/);
  });

  it('the supervisor reopens it with a reason, which reopens every part', () => {
    given(done).when(reopen()).then(reopened);
  });

  it.each([inspector, admin, clerkOf(FGW)])('$role may not reopen', (actor) => {
    given(done).when(reopen({ actor })).thenRefused('FORBIDDEN');
  });

  it.each(['', '   '])('reopening needs a reason, not %p', (reason) => {
    given(done).when(reopen({ reason })).thenRefused('BAD_USER_INPUT');
  });
});

describe('reopened', () => {
  it('is open again, every part returned to its unit', () => {
    const state = stateAfter(afterReopening);
    expect(state).not.toHaveProperty('completedOn');
    expect(state.status).toBe('open');
    for (const unitId of [FGW, FINANCE, DONGHU]) {
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
    given(afterReopening).when(inspect(FGW, 'PASSED', 'inspection-4')).thenRefused('CONFLICT');
  });

  it('completes again once every part is verified again', () => {
    const reVerified = [
      ...afterReopening,
      reported(FGW, INSPECTED_ON),
      reported(FINANCE, INSPECTED_ON),
      reported(DONGHU, INSPECTED_ON),
      inspected(FGW, 'PASSED', 'inspection-4'),
      inspected(FINANCE, 'PASSED', 'inspection-5'),
    ];
    given(reVerified)
      .when({ ...inspect(DONGHU, 'PASSED', 'inspection-6'), today: '2026-09-01' })
      .then([inspected(DONGHU, 'PASSED', 'inspection-6'), completed(INSPECTED_ON)]);
  });
});

describe('the whole story of an item', () => {
  it('defined → extension → reports → sent back → failed → re-reported → 销号 → reopened', () => {
    const history: WorkPlanItemStreamEvent[] = [];
    const step = (command: WorkPlanItemCommand, expected: readonly WorkPlanItemStreamEvent[]) => {
      given(history).when(command).then(expected);
      history.push(...expected);
    };

    step(define(), definedAndAssigned);
    step(define(), []);

    // 东湖区 waits for its district congress and gets a month more.
    step(requestExtension(), [
      {
        type: 'ExtensionRequested',
        data: {
          unitId: DONGHU,
          requestId: 'extension-1',
          requestedDueDate: '2026-07-31',
          reason: 'The district congress meets in July.',
          requestedOn: '2026-06-01',
        },
      },
    ]);
    step(decideExtension(), [
      {
        type: 'ExtensionGranted',
        data: { unitId: DONGHU, requestId: 'extension-1', previousDueDate: DUE, newDueDate: '2026-07-31', decidedOn: '2026-06-01' },
      },
    ]);

    step(report(FGW), [reported(FGW)]);
    step(report(FINANCE), [reported(FINANCE)]);
    step(report(DONGHU), [reported(DONGHU)]);
    step(sendBack(FINANCE), [{ type: 'ReportSentBack', data: { unitId: FINANCE, reason: 'The link leads to an empty page.', sentBackOn: REPORTED_ON } }]);
    step(inspect(FGW, 'PASSED', 'inspection-1'), [inspected(FGW, 'PASSED', 'inspection-1')]);
    step(inspect(DONGHU, 'FAILED', 'inspection-2'), [inspected(DONGHU, 'FAILED', 'inspection-2')]);

    step(report(FINANCE), [reported(FINANCE)]);
    step(report(DONGHU, INSPECTED_ON), [reported(DONGHU, INSPECTED_ON)]);
    step(inspect(FINANCE, 'PASSED', 'inspection-3'), [inspected(FINANCE, 'PASSED', 'inspection-3')]);
    expect(stateAfter(history).status).toBe('open');

    step(inspect(DONGHU, 'PASSED', 'inspection-4'), [inspected(DONGHU, 'PASSED', 'inspection-4'), completed()]);
    expect(stateAfter(history)).toMatchObject({ status: 'completed', completedOn: INSPECTED_ON });
    expect(partOf(assignmentsAfter(history), DONGHU)).toMatchObject({ dueDate: RETURNED_UNTIL, reportCount: 2 });

    step(reopen(), reopened);
    expect(partsOf(assignmentsAfter(history)).map((part) => part.status)).toEqual(['RETURNED', 'RETURNED', 'RETURNED']);
    step(report(FGW, INSPECTED_ON), [reported(FGW, INSPECTED_ON)]);
  });
});

describe('plan revision of one item (fault 3)', () => {
  const revise = (overrides: Partial<ReviseWorkPlanItem> = {}): ReviseWorkPlanItem => ({
    type: 'ReviseWorkPlanItem',
    actor: supervisor,
    today: TODAY,
    revisedOn: TODAY,
    reason: '根据工作进展动态调整',
    ...overrides,
  });
  const progressed = [...definedAndAssigned, reported(FGW)];
  /** A revision day while the item is still ahead of its due date (after FGW's report). */
  const BEFORE_DUE = '2026-06-29';

  it('a new due date moves the item and its open parts due on the old one; reports stay', () => {
    const decided: WorkPlanItemStreamEvent[] = [
      { type: 'WorkPlanItemRescheduled', data: { itemId: ITEM, previousDueDate: DUE, dueDate: '2026-09-30', reason: '根据工作进展动态调整', rescheduledOn: TODAY } },
      { type: 'PartsRescheduled', data: { previousDueDate: DUE, dueDate: '2026-09-30', rescheduledOn: TODAY, reason: '根据工作进展动态调整' } },
    ];
    given(progressed).when(revise({ dueDate: '2026-09-30' })).then(decided);
    const state = stateAfter([...progressed, ...decided]);
    expect(state).toMatchObject({ definition: { dueDate: '2026-09-30' } });
    expect(partOf(assignmentsAfter([...progressed, ...decided]), FGW)).toMatchObject({ status: 'REPORTED', reportCount: 1, dueDate: '2026-09-30' });
  });

  it('only new terms (the same day read as 常态化 … then 立行立改) re-date the item and its open parts; the same terms again decide nothing', () => {
    const standing = { kind: 'STANDING', reportEvery: 'QUARTER' } as const;
    const decided: WorkPlanItemStreamEvent[] = [
      { type: 'WorkPlanItemRescheduled', data: { itemId: ITEM, previousDueDate: DUE, dueDate: DUE, reason: '根据工作进展动态调整', rescheduledOn: TODAY, terms: standing, previousTerms: { kind: 'BY_DATE' } } },
      { type: 'PartsRescheduled', data: { previousDueDate: DUE, dueDate: DUE, rescheduledOn: TODAY, terms: standing, reason: '根据工作进展动态调整' } },
    ];
    given(progressed).when(revise({ terms: standing })).then(decided);
    expect(stateAfter([...progressed, ...decided])).toMatchObject({ definition: { dueDate: DUE, terms: standing } });
    expect(partOf(assignmentsAfter([...progressed, ...decided]), FGW)).toMatchObject({ status: 'REPORTED', terms: standing });
    given([...progressed, ...decided]).when(revise({ terms: standing, dueDate: DUE })).then([]);
    // The office's other words for the same standing terms (长期坚持 for a part recorded before the words were kept) change nothing (newcomer43-10 W).
    given([...progressed, ...decided]).when(revise({ terms: { ...standing, words: '长期坚持' }, dueDate: DUE })).then([]);
    given(progressed).when(revise({ terms: { kind: 'BY_DATE' } })).then([]);
    given(progressed)
      .when(revise({ terms: { kind: 'AT_ONCE' } }))
      .thenRefused('BAD_USER_INPUT', new RegExp(`is due on the day of the revision \\(${TODAY}\\), not on ${DUE}`), /改为立行立改/);
  });

  it('a re-dating dated before the item\'s latest one is refused, naming its day — never recorded after it, the item and its parts then disagreeing (breaker49-10 S9)', () => {
    const movedOn = '2026-06-20';
    const moved: WorkPlanItemStreamEvent[] = [
      { type: 'WorkPlanItemRescheduled', data: { itemId: ITEM, previousDueDate: DUE, dueDate: '2026-09-30', reason: '根据工作进展动态调整', rescheduledOn: movedOn } },
      { type: 'PartsRescheduled', data: { previousDueDate: DUE, dueDate: '2026-09-30', rescheduledOn: movedOn, reason: '根据工作进展动态调整' } },
    ];
    given([...progressed, ...moved])
      .when(revise({ dueDate: '2026-10-31', revisedOn: '2026-06-10' }))
      .thenRefused('BAD_USER_INPUT', /\(2026-06-10\) is before the latest re-dating of item 7 \(2026-06-20\)/, /（2026-06-10）早于事项 7 上一次调整时限的日期（2026-06-20），日期顺序不对/);
    // On or after it, the item moves as before.
    given([...progressed, ...moved]).when(revise({ dueDate: '2026-10-31', revisedOn: movedOn })).then([
      { type: 'WorkPlanItemRescheduled', data: { itemId: ITEM, previousDueDate: '2026-09-30', dueDate: '2026-10-31', reason: '根据工作进展动态调整', rescheduledOn: movedOn } },
      { type: 'PartsRescheduled', data: { previousDueDate: '2026-09-30', dueDate: '2026-10-31', rescheduledOn: movedOn, reason: '根据工作进展动态调整' } },
    ]);
  });

  it('an item is not defined due before its plan was approved, but may be due before it is entered (a past plan)', () => {
    given([])
      .when(define({ planApprovedOn: '2026-07-01', assignedOn: '2026-07-01' }))
      .thenRefused('BAD_USER_INPUT', /^The due date of item 7 \(2026-06-30\) is before the day the plan was approved \(2026-07-01\); a past plan is imported with its approval day/, /补录以往的方案，请按实际填写“方案批准日期”。$/);
    given([]).when(define({ planApprovedOn: '2026-06-30', assignedOn: '2026-06-30' })).then([defined, ...definedAndAssigned.slice(1).map((event) => ({ ...event, data: { ...event.data, assignedOn: '2026-06-30' } }) as WorkPlanItemStreamEvent)]);
    // Handed out after its due date, each unit would be overdue the moment it got its part (breaker11 F14).
    given([]).when(define({ planApprovedOn: '2026-06-30', assignedOn: '2026-07-01' })).thenRefused('BAD_USER_INPUT', /\(2026-06-30\) is before its assignment date \(2026-07-01\)/, /（2026-06-30）早于交办日期（2026-07-01）/);
  });

  it('a new due date sent from a form that showed another one — re-dated meanwhile — is refused CONFLICT, the first date kept (newcomer50-9 S4)', () => {
    const zhang: WorkPlanItemStreamEvent[] = [
      { type: 'WorkPlanItemRescheduled', data: { itemId: ITEM, previousDueDate: DUE, dueDate: '2026-12-20', reason: '张伟：提前', rescheduledOn: TODAY } },
      { type: 'PartsRescheduled', data: { previousDueDate: DUE, dueDate: '2026-12-20', rescheduledOn: TODAY, reason: '张伟：提前' } },
    ];
    // Given the item re-dated to 12-20, when a second supervisor's form (showing the old date) moves it to 12-28: refused, naming both dates.
    given([...progressed, ...zhang])
      .when(revise({ dueDate: '2026-12-28', expectedDueDate: DUE }))
      .thenRefused('CONFLICT', new RegExp(`is 2026-12-20 now, not ${DUE} as the form showed`), new RegExp(`事项 7 的时限现为 2026-12-20，不是表单显示的 ${DUE}：其间已被修改。本次未作修改`));
    given([...progressed, ...zhang]).when(revise({ dueDate: '2026-12-28', expectedDueDate: DUE })).thenRefusedAt('expectedDueDate');
    // The error carries the types the write path names its author by.
    try {
      given([...progressed, ...zhang]).when(revise({ dueDate: '2026-12-28', expectedDueDate: DUE })).decision();
      throw new Error('not refused');
    } catch (error) {
      expect(error).toBeInstanceOf(ChangedMeanwhile);
      const told = (error as ChangedMeanwhile).change.told({ who: { en: 'Zhang Wei', zh: '张伟' }, at: '2026-12-07 06:28' });
      expect(told.zh).toBe(`事项 7 的时限刚由张伟改为 2026-12-20（北京时间 2026-12-07 06:28；表单显示的是 ${DUE}）：请确认后再调整，本次未作修改。`);
      expect((error as ChangedMeanwhile).change.types).toEqual(['WorkPlanItemRescheduled']);
    }
    // When the form showed the date in force, the change is made; the same date as the one set meanwhile changes nothing (no conflict: nothing lost).
    given([...progressed, ...zhang]).when(revise({ dueDate: '2026-12-28', expectedDueDate: '2026-12-20' })).decision();
    given([...progressed, ...zhang]).when(revise({ dueDate: '2026-12-20', expectedDueDate: DUE })).then([]);
    // Without it (a script), as before: unchecked.
    expect(given([...progressed, ...zhang]).when(revise({ dueDate: '2026-12-28' })).decision()).toHaveLength(2);
  });

  it('the lead replaced from a form still showing the lead a colleague replaced meanwhile: CONFLICT naming who made which unit lead when, nothing changed (issue 9)', () => {
    const unitNames = { nameOf: (unitId: string) => ({ [FGW]: '市发改委', [FINANCE]: '市财政局', [DONGHU]: '东湖区' })[unitId] };
    const replace = (unitId: string, expectedLeadUnitId?: string): ReviseWorkPlanItem =>
      revise({ addUnits: [{ unitId, role: 'LEAD' }], replacesLead: true, unitNames, ...(expectedLeadUnitId === undefined ? {} : { expectedLeadUnitId }) });
    // Given 市财政局 made lead in place of 市发改委 by 张伟…
    const byZhang = workPlanItemDecider.decide(replace(FINANCE, FGW), stateAfter(progressed));
    expect(byZhang).toMatchObject([{ type: 'PartRoleChanged', data: { unitId: FGW, role: 'RESPONSIBLE' } }, { type: 'PartRoleChanged', data: { unitId: FINANCE, role: 'LEAD' } }]);
    // …when a second supervisor's form, still showing 市发改委 as lead, makes 东湖区 lead: refused, 市财政局 stays lead.
    given([...progressed, ...byZhang])
      .when(replace(DONGHU, FGW))
      .thenChangedMeanwhile({
        field: 'expectedLeadUnitId',
        types: ['PartRoleChanged', 'UnitAssigned'],
        unitId: FINANCE,
        reason: '根据工作进展动态调整',
        zh: '该事项的牵头单位刚由张伟改为 市财政局（北京时间 2026-12-07 06:28；理由：根据工作进展动态调整；表单显示的是 市发改委）：请确认后再调整，本次未作修改。',
      });
    // The form that showed the lead in force replaces it; a script (no expected lead) is not checked.
    expect(given([...progressed, ...byZhang]).when(replace(DONGHU, FINANCE)).decision()).toHaveLength(2);
    expect(given([...progressed, ...byZhang]).when(replace(DONGHU)).decision()).toHaveLength(2);
  });

  it('a new due date is not before the day of the revision: the open parts would be overdue at once (breaker11 F14)', () => {
    given(progressed)
      .when(revise({ dueDate: '2026-07-01' }))
      .thenRefused('BAD_USER_INPUT', /^The new due date of item 7 \(2026-07-01\) is before the day of the revision \(2026-07-02\)/, /^事项 7 的新完成时限（2026-07-01）早于调整日期（2026-07-02）/);
    given(progressed).when(revise({ dueDate: '2026-07-01' })).thenRefusedAt('dueDate');
  });

  it('the way on names the day as the request gives it: a hand re-dating its 调整日期 (rescheduledOn), a version its 事项交办日期 (newcomer51-9 M1)', () => {
    given(progressed)
      .when(revise({ dueDate: '2026-07-01', revisedOnNamed: { en: 'the day of the re-dating (rescheduledOn)', zh: '“调整日期”' } }))
      .thenRefused('BAD_USER_INPUT', /If the change took effect before 2026-07-01, give that day as the day of the re-dating \(rescheduledOn\)\.$/, /请按实际填写“调整日期”。$/);
    given(progressed)
      .when(revise({ dueDate: '2026-07-01' }))
      .thenRefused('BAD_USER_INPUT', /give that day as the revision's assignment date \(assignedOn, --assigned-on\)\.$/, /请按实际填写“事项交办日期”（即调整日期）。$/);
  });

  it('a new due date is not before the plan’s approval, naming both days', () => {
    given(progressed)
      .when(revise({ dueDate: '2026-01-31', planApprovedOn: '2026-02-20' }))
      .thenRefused('BAD_USER_INPUT', /^The due date of item 7 \(2026-01-31\) is before the day the plan was approved \(2026-02-20\)/, /早于方案批准日期（2026-02-20）/);
  });

  it('a new due date past the plan’s year needs the supervisor’s override', () => {
    const dueDateLimit = dueDateLimitOf({ title: '青川市2026年政务公开工作要点分解方案', year: 2026 });
    given(progressed).when(revise({ dueDate: '2027-03-31', dueDateLimit })).thenRefused('BAD_USER_INPUT', /2026-12-31/);
  });

  it('units are added due on the item’s date and removed with history kept; the same revision again decides nothing', () => {
    const decided: WorkPlanItemStreamEvent[] = [
      { type: 'UnitUnassigned', data: { unitId: DONGHU, reason: '根据工作进展动态调整', unassignedOn: BEFORE_DUE } },
      { type: 'UnitAssigned', data: { unitId: 'unit-police', role: 'RESPONSIBLE', dueDate: DUE, assignedOn: BEFORE_DUE, reason: '根据工作进展动态调整' } },
    ];
    given(progressed).when(revise({ addUnits: [{ unitId: 'unit-police', role: 'RESPONSIBLE' }], removeUnitIds: [DONGHU], revisedOn: BEFORE_DUE })).then(decided);
    given([...progressed, ...decided]).when(revise({ addUnits: [{ unitId: 'unit-police', role: 'RESPONSIBLE' }] })).then([]);
  });

  it('a unit added after the item’s due date needs a new due date in the same revision: it would be overdue the moment it got its part (breaker11 F14)', () => {
    given(progressed)
      .when(revise({ addUnits: [{ unitId: 'unit-police', role: 'RESPONSIBLE' }] }))
      .thenRefused('BAD_USER_INPUT', /^The due date of item 7 \(2026-06-30\) is before the day of the revision \(2026-07-02\)/, /^事项 7 的完成时限（2026-06-30）早于调整日期（2026-07-02）：新增的单位一经交办即已逾期，请在同一次调整中给出新的完成时限。$/);
    given(progressed).when(revise({ addUnits: [{ unitId: 'unit-police', role: 'RESPONSIBLE' }] })).thenRefusedAt('dueDate');
    expect(
      given(progressed)
        .when(revise({ addUnits: [{ unitId: 'unit-police', role: 'RESPONSIBLE' }], dueDate: '2026-09-30' }))
        .decision()
        .filter((event) => event.type === 'UnitAssigned'),
    ).toEqual([{ type: 'UnitAssigned', data: { unitId: 'unit-police', role: 'RESPONSIBLE', dueDate: '2026-09-30', assignedOn: TODAY, reason: '根据工作进展动态调整' } }]);
  });

  it('a lead handed to a responsible unit changes both roles, keeping the reported part as it is', () => {
    const decided: WorkPlanItemStreamEvent[] = [
      { type: 'PartRoleChanged', data: { unitId: FGW, role: 'RESPONSIBLE', previousRole: 'LEAD', reason: '根据工作进展动态调整', changedOn: TODAY } },
      { type: 'PartRoleChanged', data: { unitId: FINANCE, role: 'LEAD', previousRole: 'RESPONSIBLE', reason: '根据工作进展动态调整', changedOn: TODAY } },
    ];
    const swap = revise({ changeRoles: [{ unitId: FINANCE, role: 'LEAD' }, { unitId: FGW, role: 'RESPONSIBLE' }] });
    given(progressed).when(swap).then(decided);
    expect(partOf(assignmentsAfter([...progressed, ...decided]), FGW)).toMatchObject({ role: 'RESPONSIBLE', status: 'REPORTED', reportCount: 1 });
    given([...progressed, ...decided]).when(swap).then([]);
  });

  it('a new version naming a responsible unit beside the lead (联合牵头) makes it a joint lead, its part kept', () => {
    const decided: WorkPlanItemStreamEvent[] = [
      { type: 'PartRoleChanged', data: { unitId: FINANCE, role: 'LEAD', previousRole: 'RESPONSIBLE', reason: '根据工作进展动态调整', changedOn: BEFORE_DUE } },
      { type: 'UnitAssigned', data: { unitId: 'unit-police', role: 'LEAD', dueDate: DUE, assignedOn: BEFORE_DUE, reason: '根据工作进展动态调整' } },
    ];
    const jointly = revise({ changeRoles: [{ unitId: FINANCE, role: 'LEAD' }], addUnits: [{ unitId: 'unit-police', role: 'LEAD' }], leadUnitIds: [FGW, FINANCE, 'unit-police'], revisedOn: BEFORE_DUE });
    given(progressed).when(jointly).then(decided);
    expect(partsOf(assignmentsAfter([...progressed, ...decided])).filter((part) => part.role === 'LEAD').map((part) => part.unitId)).toEqual([FGW, FINANCE, 'unit-police']);
    given(progressed).when(revise({ addUnits: [{ unitId: 'unit-police', role: 'LEAD' }], revisedOn: BEFORE_DUE })).thenRefused('CONFLICT', /already the lead unit; lead units leading jointly \(联合牵头\) are named together/, /联合牵头的单位须在同一次交办/);
  });

  it('a second lead is refused: the lead must step down in the same revision', () => {
    given(progressed).when(revise({ changeRoles: [{ unitId: FINANCE, role: 'LEAD' }] })).thenRefused('CONFLICT', /still the lead unit/);
    given(progressed).when(revise({ changeRoles: [{ unitId: FGW, role: 'RESPONSIBLE' }] })).thenRefused('BAD_USER_INPUT', /lead unit/);
    given(progressed).when(revise({ changeRoles: [{ unitId: 'unit-police', role: 'LEAD' }] })).thenRefused('NOT_FOUND');
  });

  it('the lead unit is not removed without another lead', () => {
    given(progressed).when(revise({ removeUnitIds: [FGW] })).thenRefused('BAD_USER_INPUT', /lead unit/);
  });

  it('removing the last unverified part completes the item', () => {
    const twoDone = [...definedAndAssigned, reported(FGW), reported(FINANCE), inspected(FGW, 'PASSED', 'inspection-1'), inspected(FINANCE, 'PASSED', 'inspection-2')];
    given(twoDone)
      .when(revise({ removeUnitIds: [DONGHU] }))
      .then([{ type: 'UnitUnassigned', data: { unitId: DONGHU, reason: '根据工作进展动态调整', unassignedOn: TODAY } }, completed(TODAY)]);
  });

  // h52a: a unit taken off before a reopening of the other parts typed while its part was open wrote no 完成 and no 重新打开 —
  // the history read the item open throughout, though by date it was complete the day the unit was taken off.
  it('removing the last open part as of a day before a part-only reopening completes the item that day and reopens it on the reopening’s', () => {
    const later = '2026-07-10';
    // 东湖区 not reported: a part whose report awaits inspection is not removed (newcomer53-10 S1).
    const twoVerified = [...definedAndAssigned, reported(FGW), reported(FINANCE), inspected(FGW, 'PASSED', 'inspection-1'), inspected(FINANCE, 'PASSED', 'inspection-2')];
    const reopenedAlone = given(twoVerified).when(reopen({ today: later, reopenedOn: '2026-07-03' })).decision();
    expect(reopenedAlone).toEqual([{ type: 'PartsReopened', data: { reason: REOPEN_REASON, reopenedOn: '2026-07-03', newDueDate: RETURNED_UNTIL, unitIds: [FGW, FINANCE] } }]);
    given([...twoVerified, ...reopenedAlone])
      .when(revise({ today: later, revisedOn: '2026-07-02', removeUnitIds: [DONGHU] }))
      .then([
        { type: 'UnitUnassigned', data: { unitId: DONGHU, reason: '根据工作进展动态调整', unassignedOn: '2026-07-02' } },
        completed('2026-07-02'),
        { type: 'WorkPlanItemReopened', data: { itemId: ITEM, reason: REOPEN_REASON, reopenedOn: '2026-07-03' } },
        // Written for the office's reopening (h54b): no other part to return; the item's reopening follows it.
        { type: 'PartsReopened', data: { reason: REOPEN_REASON, reopenedOn: '2026-07-03', newDueDate: RETURNED_UNTIL, unitIds: [], foundClosed: true } },
      ]);
  });

  it('a verified part is not removed: done work stays on the record, the close-out day stands (breaker8c P14)', () => {
    given(done)
      .when(revise({ removeUnitIds: [FINANCE] }))
      .thenRefused('CONFLICT', /^The part of .* in item 7 was verified on 2026-07-01: verified work stays on the record/, /已于 2026-07-01 通过督查确认完成：已核验的任务作为记录保留，调整方案时不能移除。如该任务实际并未完成，请先重新打开该事项。$/);
    given(twoVerified).when(revise({ removeUnitIds: [FINANCE] })).thenRefusedAt('unitId');
    // A removal of a verified part stored before the refusal is read as keeping it.
    const storedBefore: WorkPlanItemStreamEvent = { type: 'UnitUnassigned', data: { unitId: FINANCE, reason: '根据工作进展动态调整', unassignedOn: TODAY } };
    expect(stateAfter([...done, storedBefore])).toMatchObject({ status: 'completed', completedOn: INSPECTED_ON });
    expect(partOf(assignmentsAfter([...done, storedBefore]), FINANCE)).toMatchObject({ status: 'VERIFIED' });
  });

  it('a part whose report awaits inspection is not removed: refused, saying to inspect it first or hand the part over (newcomer53-10 S1)', () => {
    given(allReported)
      .when(revise({ removeUnitIds: [DONGHU] }))
      .thenRefused('CONFLICT', /has a report of .* awaiting inspection: removing the unit would drop it unchecked/u, /在事项 7 中的任务已报告完成（报告日期 .*）、待督查：移除该单位会使这份报告无人督查.*请先督查其报告（现场督查或退办）再移除；如因机构改革由其他单位接手这项职能（职能划转），可由系统管理员在单位名录中办理“移交任务”、只选本事项/u);
    given(allReported).when(revise({ removeUnitIds: [DONGHU] })).thenRefusedAt('unitId');
  });

  it.each([inspector, clerkOf(FGW)])('$role may not revise', (actor) => {
    given(progressed).when(revise({ actor, dueDate: '2026-09-30' })).thenRefused('FORBIDDEN');
  });

  it('a withdrawn item keeps its history and takes no more work; the same withdrawal again is a retry, another is refused (breaker11q P8)', () => {
    const withdrawn: WorkPlanItemStreamEvent = { type: 'WorkPlanItemWithdrawn', data: { itemId: ITEM, reason: '任务已并入第8项', withdrawnOn: TODAY } };
    given(progressed).when({ type: 'WithdrawWorkPlanItem', actor: supervisor, today: TODAY, withdrawnOn: TODAY, reason: '任务已并入第8项' }).then([withdrawn]);
    given([...progressed, withdrawn]).when({ type: 'WithdrawWorkPlanItem', actor: supervisor, today: TODAY, withdrawnOn: TODAY, reason: '任务已并入第8项' }).then([]);
    given([...progressed, withdrawn])
      .when({ type: 'WithdrawWorkPlanItem', actor: supervisor, today: TODAY, withdrawnOn: TODAY, reason: 'again' })
      .thenRefused('CONFLICT', /withdrawn from the plan on .* already/, new RegExp(`已于 ${TODAY} 撤销（任务已并入第8项），不在方案中，无需再次撤销`));
    given([...progressed, withdrawn]).when({ ...report(FINANCE), reportedOn: TODAY }).thenRefused('CONFLICT', /withdrawn/);
    given([...progressed, withdrawn]).when(define()).thenRefused('CONFLICT', /withdrawn/);
  });
});

describe('verified work is not withdrawn (breaker11f P4 = 10e P13, 11f P6)', () => {
  const REASON = '任务已并入第8项';
  const unitNames = { nameOf: (unitId: string) => ({ [FGW]: '市发展和改革委员会', [FINANCE]: '市财政局' })[unitId] };
  const withdraw = (withdrawnOn = TODAY): WorkPlanItemCommand => ({ type: 'WithdrawWorkPlanItem', actor: supervisor, today: TODAY, withdrawnOn, reason: REASON, unitNames });
  const withdrawn: WorkPlanItemStreamEvent = { type: 'WorkPlanItemWithdrawn', data: { itemId: ITEM, reason: REASON, withdrawnOn: TODAY } };
  const undone = (reason: RegExp) => ({ type: 'WorkPlanItemWithdrawalUndone', data: { itemId: ITEM, withdrawnOn: TODAY, reason: expect.stringMatching(reason), byVerification: true } });

  it('an item with a verified part, or completed (销号), is not withdrawn: CONFLICT naming the units and days, reopen first', () => {
    given(twoVerified)
      .when(withdraw())
      .thenRefused('CONFLICT', /^Work-plan item 7 「重大决策预公开」 has verified work \(.*市发展和改革委员会 on 2026-07-01, .*市财政局 on 2026-07-01\).*Reopen it first/, /^工作事项 7「重大决策预公开」中市发展和改革委员会的任务已于 2026-07-01 核验，市财政局的任务已于 2026-07-01 核验：.*请先重新打开该事项。$/);
    given(done).when(withdraw()).thenRefused('CONFLICT', /completed on 2026-07-01/, /该事项已于 2026-07-01 销号/);
    given(allReported).when(withdraw()).then([withdrawn]);
  });

  it('a pass dated before the withdrawal, entered after it, undoes the withdrawal: the item is back in the plan, as typed in date order', () => {
    const after = [...allReported, withdrawn];
    const events = workPlanItemDecider.decide({ ...inspect(FGW, 'PASSED', 'inspection-1'), unitNames }, stateAfter(after));
    expect(events).toEqual([inspected(FGW, 'PASSED', 'inspection-1'), undone(/^撤销不成立：市发展和改革委员会的任务已于 2026-07-01 核验通过，早于撤销日期（2026-07-02）；已核验的任务不撤销，事项回到工作方案/)]);
    expect(stateAfter([...after, ...events]).status).toBe('open');
    const failed = workPlanItemDecider.decide(inspect(FGW, 'FAILED', 'inspection-1'), stateAfter(after));
    expect(failed.map((event) => event.type)).toEqual(['InspectionLogged']);
  });

  it('a pass of the withdrawal’s own day, in either typing order (breaker8u P11): the pass stands — the withdrawal is refused typed after it, undone typed before it', () => {
    const passOfTheDay = { ...inspect(FGW, 'PASSED', 'inspection-1'), inspectedOn: TODAY, unitNames } as WorkPlanItemCommand;
    const events = workPlanItemDecider.decide(passOfTheDay, stateAfter([...allReported, withdrawn]));
    expect(events.map((event) => event.type)).toEqual(['InspectionLogged', 'WorkPlanItemWithdrawalUndone']);
    expect(events[1]).toEqual(undone(/^撤销不成立：市发展和改革委员会的任务已于 2026-07-02 核验通过，与撤销同日（2026-07-02），视为在撤销之前；已核验的任务不撤销，事项回到工作方案/));
    const withdrawalFirst = stateAfter([...allReported, withdrawn, ...events]);
    const passFirst = [...allReported, ...workPlanItemDecider.decide(passOfTheDay, stateAfter(allReported))];
    given(passFirst).when(withdraw()).thenRefused('CONFLICT', /verified work/);
    expect(withdrawalFirst.status).toBe(stateAfter(passFirst).status);
    expect(withdrawalFirst.status === 'empty' ? [] : partsOf(withdrawalFirst.assignments).map((part) => [part.unitId, part.status, part.verifiedOn])).toEqual(
      (({ assignments }) => partsOf(assignments).map((part) => [part.unitId, part.status, part.verifiedOn]))(stateAfter(passFirst) as { assignments: AssignmentsState }),
    );
    // A failure of that day typed after the withdrawal is still refused.
    given([...allReported, withdrawn]).when({ ...inspect(FGW, 'FAILED', 'inspection-1'), inspectedOn: TODAY, unitNames } as WorkPlanItemCommand).thenRefused('CONFLICT');
  });

  it('entered from paper once the day is past, a report of the withdrawal day and its pass came before it, whichever was typed first (breaker8v P12)', () => {
    const LETTER_DAY = '2026-06-27';
    const single = [defined, assigned(FGW, 'LEAD')];
    const papers: Record<string, WorkPlanItemCommand> = {
      withdrawal: withdraw(LETTER_DAY),
      report: { ...report(FGW, LETTER_DAY), unitNames } as WorkPlanItemCommand,
      pass: { ...inspect(FGW, 'PASSED', 'inspection-1'), inspectedOn: LETTER_DAY, unitNames } as WorkPlanItemCommand,
    };
    const typed = (order: readonly string[]) => {
      const events: WorkPlanItemStreamEvent[] = [...single];
      const type = (names: readonly string[]) =>
        names.filter((name) => {
          try {
            events.push(...workPlanItemDecider.decide(papers[name]!, stateAfter(events)));
            return false;
          } catch {
            return true;
          }
        });
      const refused = type(type(order));
      const state = stateAfter(events);
      if (state.status === 'empty') throw new Error('expected a defined item');
      const part = partOf(state.assignments, FGW)!;
      return { status: state.status, part: [part.status, part.verifiedOn, part.lastReport?.reportedOn ?? null], refused };
    };
    // Before the fix the report typed after the withdrawal was refused, and the pass with it: withdrawn, not 销号.
    for (const order of [['withdrawal', 'report', 'pass'], ['report', 'withdrawal', 'pass']]) {
      expect({ order, ...typed(order) }).toEqual({ order, status: 'completed', part: ['VERIFIED', LETTER_DAY, LETTER_DAY], refused: [] });
    }
    expect(typed(['report', 'pass', 'withdrawal'])).toEqual({ status: 'completed', part: ['VERIFIED', LETTER_DAY, LETTER_DAY], refused: ['withdrawal'] });
    // The report alone: the withdrawal stands over it in both orders.
    expect(typed(['withdrawal', 'report'])).toEqual(typed(['report', 'withdrawal']));
    expect(typed(['withdrawal', 'report'])).toEqual({ status: 'withdrawn', part: ['REPORTED', null, LETTER_DAY], refused: [] });
  });

  it('the pass that verifies the last part completes the item on its day', () => {
    const after = [...twoVerifiedBeforeWithdrawal(), withdrawn];
    const events = workPlanItemDecider.decide(inspect(DONGHU, 'PASSED', 'inspection-3'), stateAfter(after));
    expect(events.map((event) => event.type)).toEqual(['InspectionLogged', 'WorkPlanItemCompleted', 'WorkPlanItemWithdrawalUndone']);
    expect(stateAfter([...after, ...events])).toMatchObject({ status: 'completed', completedOn: INSPECTED_ON });
  });
});

describe('an item’s withdrawal entered by mistake is taken back or moved to its day (breaker8f P1)', () => {
  const REASON = '任务已并入第8项';
  const FIXED = '撤销日期录错';
  const correct = (withdrawnOn?: string, actor = supervisor): WorkPlanItemCommand => ({ type: 'CorrectWorkPlanItemWithdrawal', actor, today: TODAY, reason: FIXED, ...(withdrawnOn ? { withdrawnOn } : {}) });
  const withdrawnOnDay = (withdrawnOn: string): WorkPlanItemStreamEvent => ({ type: 'WorkPlanItemWithdrawn', data: { itemId: ITEM, reason: REASON, withdrawnOn } });
  const undoneBy = (reason: string): WorkPlanItemStreamEvent => ({ type: 'WorkPlanItemWithdrawalUndone', data: { itemId: ITEM, withdrawnOn: TODAY, reason, byVerification: false } });
  const afterWithdrawal = [...allReported, withdrawnOnDay(TODAY)];

  it('taken back, the item is in the plan again with its parts; moved, it is withdrawn on the day given with its first reason', () => {
    given(afterWithdrawal).when(correct()).then([undoneBy(FIXED)]);
    expect(stateAfter([...afterWithdrawal, undoneBy(FIXED)]).status).toBe('open');
    const moved = workPlanItemDecider.decide(correct(TODAY.replace('07-02', '07-01')), stateAfter(afterWithdrawal));
    expect(moved).toEqual([undoneBy(`撤销日期更正为 2026-07-01：${FIXED}`), withdrawnOnDay('2026-07-01')]);
    expect(stateAfter([...afterWithdrawal, ...moved])).toMatchObject({ status: 'withdrawn', withdrawnOn: '2026-07-01', reason: REASON });
    // Folded by day: 07-01's withdrawal, 07-02's, its undoing — still withdrawn from 07-01.
    expect(stateAfter([...allReported, withdrawnOnDay('2026-07-01'), withdrawnOnDay(TODAY), moved[0]!])).toMatchObject({ status: 'withdrawn', withdrawnOn: '2026-07-01' });
  });

  it('refuses an item not withdrawn, a unit’s clerk, the same day, and a day before its parts were assigned', () => {
    given(allReported).when(correct()).thenRefused('CONFLICT', /not withdrawn/, /没有撤销，无需更正撤销/);
    given(afterWithdrawal).when(correct(undefined, clerkOf(FGW))).thenRefused('FORBIDDEN');
    given(afterWithdrawal).when(correct(TODAY)).thenRefusedAt('withdrawnOn');
    given(afterWithdrawal).when(correct('2026-02-28')).thenRefused('BAD_USER_INPUT', /before/, /交办日期/);
    // Before the units' reports, made not knowing of the withdrawal: moved there, the reports kept (breaker11h P8).
    given(afterWithdrawal).when(correct('2026-06-01')).then([undoneBy(`撤销日期更正为 2026-06-01：${FIXED}`), withdrawnOnDay('2026-06-01')]);
  });
});

describe('a fact dated before an item’s withdrawal, entered after it, is judged with the records dated on or after the withdrawal set aside; those that no longer hold once it is taken back or does not stand are set aside for good (breaker11j P4, breaker11q P5)', () => {
  // 市财政局 reported 06-28 and failed 07-01 (new due date 08-31), entered before the withdrawal of 06-27 was typed.
  const withdrawnOn27: WorkPlanItemStreamEvent = { type: 'WorkPlanItemWithdrawn', data: { itemId: ITEM, reason: '任务已并入第8项', withdrawnOn: '2026-06-27' } };
  const afterLetter = [...definedAndAssigned, reported(FINANCE), inspected(FINANCE, 'FAILED', 'inspection-1'), withdrawnOn27];
  const correct = (withdrawnOn?: string): WorkPlanItemCommand => ({ type: 'CorrectWorkPlanItemWithdrawal', actor: supervisor, today: TODAY, reason: '撤销有误', ...(withdrawnOn ? { withdrawnOn } : {}) });
  const typed = (history: readonly WorkPlanItemStreamEvent[], commands: readonly WorkPlanItemCommand[]): WorkPlanItemStreamEvent[] =>
    commands.reduce<WorkPlanItemStreamEvent[]>((events, command) => [...events, ...workPlanItemDecider.decide(command, stateAfter(events))], [...history]);
  /** 市财政局's part and the item's status as every view counts them. */
  const finance = (events: readonly WorkPlanItemStreamEvent[]) => {
    const part = partOf(assignmentsAsTheyCount(stateAfter(events))!, FINANCE)!;
    return { item: stateAfter(events).status, status: part.status, dueDate: part.dueDate, verifiedOn: part.verifiedOn, lastReport: part.lastReport?.reportedOn ?? null, inspections: part.inspections.map((one) => `${one.inspectedOn} ${one.outcome}`) };
  };
  const SECOND_REPORT = { unitId: FINANCE, type: 'RectificationReported', on: REPORTED_ON };

  it('moved from a form still showing the day a colleague moved it to meanwhile: CONFLICT naming who set which day when, nothing undone (issue 9)', () => {
    const moved = typed(afterLetter, [{ ...correct('2026-06-26'), reason: '来函为6月26日' } as WorkPlanItemCommand]);
    const again = (expectedWithdrawnOn?: string): WorkPlanItemCommand => ({ ...correct('2026-06-25'), ...(expectedWithdrawnOn ? { expectedWithdrawnOn } : {}) }) as WorkPlanItemCommand;
    given(moved)
      .when(again('2026-06-27'))
      .thenChangedMeanwhile({
        field: 'expectedWithdrawnOn',
        types: ['WorkPlanItemWithdrawalUndone', 'WorkPlanItemWithdrawn'],
        reason: '撤销日期更正为 2026-06-26：来函为6月26日',
        zh: '工作事项 7 的撤销日期刚由张伟改为 2026-06-26（北京时间 2026-12-07 06:28；理由：撤销日期更正为 2026-06-26：来函为6月26日；表单显示的是 2026-06-27）：请确认后再调整，本次未作修改。',
      });
    expect(given(moved).when(again('2026-06-26')).decision()[0]).toMatchObject({ type: 'WorkPlanItemWithdrawalUndone' });
    expect(given(moved).when(again()).decision()[0]).toMatchObject({ type: 'WorkPlanItemWithdrawalUndone' });
  });

  it('taken back (撤销有误) from a form still showing the day a colleague moved it from: CONFLICT, the withdrawal in force not undone (undoWorkPlanItemWithdrawal, f52a)', () => {
    const moved = typed(afterLetter, [{ ...correct('2026-06-26'), reason: '来函为6月26日' } as WorkPlanItemCommand]);
    const undo = (expectedWithdrawnOn?: string): WorkPlanItemCommand => ({ ...correct(), ...(expectedWithdrawnOn ? { expectedWithdrawnOn } : {}) }) as WorkPlanItemCommand;
    given(moved)
      .when(undo('2026-06-27'))
      .thenChangedMeanwhile({
        field: 'expectedWithdrawnOn',
        types: ['WorkPlanItemWithdrawalUndone', 'WorkPlanItemWithdrawn'],
        zh: '工作事项 7 的撤销日期刚由张伟改为 2026-06-26（北京时间 2026-12-07 06:28；表单显示的是 2026-06-27）：请确认后再调整，本次未作修改。',
      });
    expect(given(moved).when(undo('2026-06-26')).decision()[0]).toMatchObject({ type: 'WorkPlanItemWithdrawalUndone' });
  });

  it('corrected or taken back from a form showing a withdrawal a colleague took back meanwhile: CONFLICT naming who, when, why (newcomer53-9 M1)', () => {
    const undone = typed(afterLetter, [correct()]);
    const told = '工作事项 7「重大决策预公开」的撤销刚由张伟改为 已撤回（事项已恢复）（北京时间 2026-12-07 06:28；理由：撤销有误；表单显示的是 2026-06-27 撤销）：请确认后再调整，本次未作修改。';
    for (const withdrawnOn of ['2026-06-25', undefined]) {
      given(undone)
        .when({ ...correct(withdrawnOn), expectedWithdrawnOn: '2026-06-27' } as WorkPlanItemCommand)
        .thenChangedMeanwhile({ field: 'expectedWithdrawnOn', types: ['WorkPlanItemWithdrawalUndone'], reason: '撤销有误', zh: told });
    }
    given(undone).when(correct()).thenRefused('CONFLICT', /is not withdrawn/, /没有撤销，无需更正撤销/);
  });

  it('a report dated before it is taken whatever the unit’s later report becomes: the withdrawal stands, the later records count nowhere', () => {
    const late = typed(afterLetter, [report(FINANCE, '2026-06-25')]);
    expect(late.slice(afterLetter.length)).toEqual([expect.objectContaining({ type: 'RectificationReported', data: expect.objectContaining({ reportedOn: '2026-06-25' }) })]);
    expect(finance(late)).toMatchObject({ item: 'withdrawn', lastReport: '2026-06-25' });
    expect(partOf(assignmentsOn(assignmentsAfter(late), '2026-06-26'), FINANCE)).toMatchObject({ status: 'REPORTED', lastReport: { reportedOn: '2026-06-25' } });
  });

  it('taken back (撤销有误), the unit’s later report that no longer holds is set aside for good, as typed in date order it was refused; the failure of 07-01 answers the late report', () => {
    const late = typed(afterLetter, [report(FINANCE, '2026-06-25')]);
    const undone = workPlanItemDecider.decide(correct(), stateAfter(late));
    expect(undone).toEqual([{ type: 'WorkPlanItemWithdrawalUndone', data: { itemId: ITEM, withdrawnOn: '2026-06-27', reason: '撤销有误', byVerification: false, recordsSetAside: [SECOND_REPORT] } }]);
    // Date order: no withdrawal; the report of 06-28 refused (the one of 06-25 awaits inspection), the failure of 07-01 taken.
    const inOrder = [...definedAndAssigned, reported(FINANCE, '2026-06-25'), inspected(FINANCE, 'FAILED', 'inspection-1')];
    given([...definedAndAssigned, reported(FINANCE, '2026-06-25')]).when(report(FINANCE)).thenRefused('CONFLICT');
    expect(finance([...late, ...undone])).toEqual(finance(inOrder));
    expect(finance(inOrder)).toMatchObject({ item: 'open', status: 'RETURNED', dueDate: RETURNED_UNTIL, lastReport: '2026-06-25', inspections: ['2026-07-01 FAILED'] });
  });

  it('moved later past them (更正撤销日期), they are set aside the same way; moved earlier, nothing is set aside', () => {
    const late = typed(afterLetter, [report(FINANCE, '2026-06-25')]);
    const moved = workPlanItemDecider.decide(correct(TODAY), stateAfter(late));
    expect(moved.map((event) => event.type)).toEqual(['WorkPlanItemWithdrawalUndone', 'WorkPlanItemWithdrawn']);
    expect(moved[0]).toMatchObject({ data: { recordsSetAside: [SECOND_REPORT] } });
    expect(finance([...late, ...moved])).toMatchObject({ item: 'withdrawn', lastReport: '2026-06-25', inspections: ['2026-07-01 FAILED'] });
    const earlier = workPlanItemDecider.decide(correct('2026-06-26'), stateAfter(late));
    expect(earlier.map((event) => event.type)).toEqual(['WorkPlanItemWithdrawalUndone', 'WorkPlanItemWithdrawn']);
    expect(earlier[0]!.data).not.toHaveProperty('recordsSetAside');
  });

  describe('given the withdrawal still standing, a late report and a late pass dated before it (breaker11q P5)', () => {
    // 市财政局 reported 06-28 (after the withdrawal of 06-27, before the office heard of it); its paper report of 06-20 and the
    // pass of 06-22 arrive late. In date order the withdrawal is refused (verified work) and the report of 06-28 too.
    const standing = [...definedAndAssigned, reported(FINANCE), withdrawnOn27];
    const lateFacts = [report(FINANCE, '2026-06-20'), { ...inspect(FINANCE, 'PASSED', 'inspection-2'), inspectedOn: '2026-06-22' }];
    const inOrder = typed(definedAndAssigned, lateFacts);

    it('when both are typed, then the pass makes the withdrawal not stand and sets the report of 06-28 aside for good: 市财政局’s part as in date order', () => {
      given(inOrder).when({ type: 'WithdrawWorkPlanItem', actor: supervisor, today: TODAY, withdrawnOn: '2026-06-27', reason: '任务已并入第8项' }).thenRefused('CONFLICT', /verified/, /已核验|核验通过/);
      given(inOrder).when(report(FINANCE)).thenRefused('CONFLICT');
      const late = typed(standing, lateFacts);
      expect(late.at(-1)).toEqual({
        type: 'WorkPlanItemWithdrawalUndone',
        data: { itemId: ITEM, withdrawnOn: '2026-06-27', reason: expect.stringMatching(/^撤销不成立：该单位的任务已于 2026-06-22 核验通过，早于撤销日期（2026-06-27）/), byVerification: true, recordsSetAside: [SECOND_REPORT] },
      });
      expect(finance(late)).toEqual(finance(inOrder));
      expect(finance(late)).toMatchObject({ item: 'open', status: 'VERIFIED', verifiedOn: '2026-06-22', lastReport: '2026-06-20' });
      // Later work is judged as in date order: the part is verified.
      given(late).when(report(FINANCE, TODAY)).thenRefused('CONFLICT');
    });

    it('when an inspector’s failure of 06-28 was typed instead (in the withdrawn days), then the late pass sets that failure aside the same way', () => {
      const withFailure = [...definedAndAssigned, reported(FINANCE, '2026-06-20'), { ...inspected(FINANCE, 'FAILED', 'inspection-1'), data: { ...inspected(FINANCE, 'FAILED', 'inspection-1').data, inspectedOn: REPORTED_ON } } as WorkPlanItemStreamEvent, withdrawnOn27];
      const late = typed(withFailure, [lateFacts[1]!]);
      expect(late.at(-1)).toMatchObject({ type: 'WorkPlanItemWithdrawalUndone', data: { byVerification: true, recordsSetAside: [{ unitId: FINANCE, type: 'InspectionLogged', on: REPORTED_ON }] } });
      expect(finance(late)).toEqual(finance(inOrder));
    });
  });
});

describe('a correction of a record dated before an item’s withdrawal, entered after it, is judged on its day as a late fact is — as a finding’s (breaker8f P2; breaker11k c2.mjs, s20 Left 1)', () => {
  const withdrawn: WorkPlanItemStreamEvent = { type: 'WorkPlanItemWithdrawn', data: { itemId: ITEM, reason: '任务已并入第8项', withdrawnOn: TODAY } };
  const after = [...allReported, withdrawn];
  const failedLate = workPlanItemDecider.decide(inspect(FINANCE, 'FAILED', 'inspection-1'), stateAfter(after));
  const correctInspection = (overrides: Partial<Extract<WorkPlanItemCommand, { type: 'CorrectInspection' }>>): WorkPlanItemCommand => ({ type: 'CorrectInspection', actor: supervisor, today: TODAY, unitId: FINANCE, inspectionId: 'inspection-1', reason: '日期录错', ...overrides });

  it('a report’s day corrected to another day before the withdrawal is accepted; onto the withdrawal’s day it is not', () => {
    const correctReport = (reportedOn: string): WorkPlanItemCommand => ({ type: 'CorrectReportDate', actor: supervisor, today: TODAY, unitId: FINANCE, reportedOn, reason: '日期录错' });
    expect(workPlanItemDecider.decide(correctReport('2026-06-27'), stateAfter(after))).toMatchObject([{ type: 'ReportDateCorrected', data: { unitId: FINANCE, reportedOn: '2026-06-27' } }]);
    given(after).when(correctReport(TODAY)).thenRefused('CONFLICT', /withdrawn/, /不再办理/);
  });

  it('a fact’s day (CorrectFactDate) corrected before the withdrawal is accepted; onto it is not', () => {
    const correctDay = (on: string): WorkPlanItemCommand => ({ type: 'CorrectFactDate', actor: supervisor, today: TODAY, unitId: FINANCE, factType: 'RectificationReported', previousOn: REPORTED_ON, on, reason: '日期录错' });
    expect(workPlanItemDecider.decide(correctDay('2026-06-27'), stateAfter(after))).toMatchObject([{ type: 'FactDateCorrected', data: { previousOn: REPORTED_ON, on: '2026-06-27' } }]);
    given(after).when(correctDay(TODAY)).thenRefused('CONFLICT', /withdrawn/, /不再办理/);
  });

  it('a late failure’s day corrected before the withdrawal is accepted; corrected to PASSED it verifies the part, so the withdrawal does not stand', () => {
    expect(workPlanItemDecider.decide(correctInspection({ inspectedOn: '2026-06-30' }), stateAfter([...after, ...failedLate]))).toMatchObject([{ type: 'InspectionCorrected', data: { inspectedOn: '2026-06-30', outcome: 'FAILED' } }]);
    const passed = workPlanItemDecider.decide(correctInspection({ outcome: 'PASSED', reason: '结论录错' }), stateAfter([...after, ...failedLate]));
    expect(passed.map((event) => event.type)).toEqual(['InspectionCorrected', 'WorkPlanItemWithdrawalUndone']);
    expect(stateAfter([...after, ...failedLate, ...passed]).status).toBe('open');
  });

  it('a record dated on or after the withdrawal is still not corrected (it counts nowhere)', () => {
    const late = workPlanItemDecider.decide({ ...inspect(FINANCE, 'FAILED', 'inspection-1'), inspectedOn: TODAY }, stateAfter(allReported));
    given([...allReported, ...late, withdrawn]).when(correctInspection({ inspectedOn: INSPECTED_ON })).thenRefused('CONFLICT', /withdrawn/, /不再办理/);
  });
});

describe('a withdrawn item a later version lists again comes back under its code (10e P1)', () => {
  const withdrawn: WorkPlanItemStreamEvent = { type: 'WorkPlanItemWithdrawn', data: { itemId: ITEM, reason: '依据 plan-v2.csv 修订方案', withdrawnOn: '2026-05-01' } };
  const afterWithdrawal = [...allReported, withdrawn];
  const listedAgain = (overrides: Partial<ReviseWorkPlanItem> = {}): ReviseWorkPlanItem => ({
    type: 'ReviseWorkPlanItem',
    actor: system,
    today: TODAY,
    revisedOn: '2026-06-01',
    reason: '依据 plan-v3.csv 修订方案',
    categoryCode: definedData.categoryCode,
    title: definedData.title,
    description: definedData.description,
    measures: definedData.measures,
    dueDate: DUE,
    planApprovedOn: PLAN_APPROVED_ON,
    reinstate: true,
    ...overrides,
  });
  const reinstated: WorkPlanItemStreamEvent = { type: 'WorkPlanItemReinstated', data: { itemId: ITEM, reason: '依据 plan-v3.csv 修订方案', reinstatedOn: '2026-06-01' } };

  it('is back in the plan with its parts as they stood; a retry of the same version changes nothing', () => {
    given(afterWithdrawal).when(listedAgain()).then([reinstated]);
    expect(stateAfter([...afterWithdrawal, reinstated])).toMatchObject({ status: 'open' });
    given([...afterWithdrawal, reinstated]).when(listedAgain()).then([]);
  });

  it('takes the version’s other changes in the same decision, after coming back', () => {
    const events = workPlanItemDecider.decide(listedAgain({ dueDate: '2026-09-30' }), stateAfter(afterWithdrawal));
    expect(events.map((event) => event.type)).toEqual(['WorkPlanItemReinstated', 'WorkPlanItemRescheduled', 'PartsRescheduled']);
  });

  it('comes back completed when every part was verified', () => {
    const verifiedThenWithdrawn = [...done, withdrawn];
    expect(stateAfter([...verifiedThenWithdrawn, reinstated])).toMatchObject({ status: 'completed', completedOn: INSPECTED_ON });
  });

  it('is refused on or before the withdrawal day (that is taking the withdrawal back), and without a reason; a revision without `reinstate` is refused as before', () => {
    given(afterWithdrawal).when(listedAgain({ revisedOn: '2026-05-01' })).thenRefusedAt('revisedOn');
    given(afterWithdrawal).when(listedAgain({ revisedOn: '2026-04-30' })).thenRefused('BAD_USER_INPUT', /after that day/, /撤销有误，恢复事项/);
    given(afterWithdrawal).when(listedAgain({ reason: ' ' })).thenRefused('BAD_USER_INPUT');
    given(afterWithdrawal).when(listedAgain({ reinstate: undefined, dueDate: '2026-09-30' })).thenRefused('CONFLICT', /withdrawn from the plan/, /已从方案中撤销/);
  });
});

describe('an item withdrawn and listed again has its withdrawn days, whatever the typing order (breaker11n P1)', () => {
  // Withdrawn 05-01, listed again 06-01; withdrawn again 06-15, listed again 07-01 (TODAY 07-02).
  const W1 = '2026-05-01';
  const R1 = '2026-06-01';
  const W2 = '2026-06-15';
  const R2 = '2026-07-01';
  const names = { nameOf: (unitId: string) => ({ [FGW]: '市发展和改革委员会', [FINANCE]: '市财政局', [DONGHU]: '东湖区' })[unitId] };
  const withdraw = (withdrawnOn: string): WorkPlanItemCommand => ({ type: 'WithdrawWorkPlanItem', actor: supervisor, today: TODAY, withdrawnOn, reason: '依据 plan-v2.csv 修订方案', unitNames: names });
  const listAgain = (revisedOn: string): ReviseWorkPlanItem => ({
    type: 'ReviseWorkPlanItem',
    actor: system,
    today: TODAY,
    revisedOn,
    reason: '依据 plan-v3.csv 修订方案',
    planApprovedOn: PLAN_APPROVED_ON,
    reinstate: true,
  });
  const reportOn = (unitId: string, on: string): WorkPlanItemCommand => ({ ...report(unitId, on), unitNames: names });
  const passOn = (unitId: string, on: string, inspectionId: string): WorkPlanItemCommand => ({ ...inspect(unitId, 'PASSED', inspectionId), inspectedOn: on, unitNames: names });

  /** The events the commands leave, each decided on the item as the ones before left it (a refusal fails the test). */
  const typed = (history: readonly WorkPlanItemStreamEvent[], commands: readonly WorkPlanItemCommand[]): WorkPlanItemStreamEvent[] =>
    commands.reduce<WorkPlanItemStreamEvent[]>((events, command) => [...events, ...workPlanItemDecider.decide(command, stateAfter(events))], [...history]);
  /** What a view relies on: the item's status and each part's status, by unit, on the item as it counts. */
  const shown = (events: readonly WorkPlanItemStreamEvent[]) => {
    const state = stateAfter(events);
    if (state.status === 'empty') throw new Error('expected a defined item');
    const decidedOn = workPlanItemDecider.decide(reportOn(DONGHU, TODAY), state);
    return { status: state.status, spans: (state.spans ?? []).map((span) => `${span.withdrawnOn}..${span.reinstatedOn}`), donghuReport: decidedOn.map((event) => event.type) };
  };

  it('a pass dated before the withdrawal, typed after the reinstatement, undoes the withdrawal: the same item as typed in date order', () => {
    const before = [...definedAndAssigned, reported(FGW, '2026-04-20')];
    const late = typed(before, [withdraw(W1), listAgain(R1), passOn(FGW, '2026-04-25', 'inspection-1')]);
    expect(late.slice(-2)).toEqual([
      expect.objectContaining({ type: 'InspectionLogged' }),
      { type: 'WorkPlanItemWithdrawalUndone', data: { itemId: ITEM, withdrawnOn: W1, reason: expect.stringMatching(/^撤销不成立：市发展和改革委员会的任务已于 2026-04-25 核验通过，早于撤销日期（2026-05-01）/), byVerification: true } },
    ]);
    // In date order the withdrawal is refused (verified work) and the version listing the item again changes nothing.
    const inOrder = typed(before, [passOn(FGW, '2026-04-25', 'inspection-1')]);
    given(inOrder).when(withdraw(W1)).thenRefused('CONFLICT', /verified work/, /已核验/);
    given(inOrder).when(listAgain(R1)).then([]);
    expect(shown(late)).toEqual(shown(inOrder));
    expect(shown(late)).toMatchObject({ status: 'open', spans: [] });
    expect(partOf(assignmentsOn(assignmentsAfter(late), TODAY), FGW)).toMatchObject({ status: 'VERIFIED', verifiedOn: '2026-04-25' });
  });

  it('a record dated inside the withdrawn days is refused after the reinstatement as before it, naming both days; on the reinstatement day it is taken', () => {
    const back = typed(definedAndAssigned, [withdraw(W1), listAgain(R1)]);
    given(back)
      .when(reportOn(FINANCE, '2026-05-20'))
      .thenRefused('CONFLICT', /out of the plan from 2026-05-01 .* until a later version listed it again on 2026-06-01: nothing is recorded on it for 2026-05-20/, /于 2026-05-01 撤销（依据 plan-v2.csv 修订方案），2026-06-01 起才恢复列入方案：2026-05-20 该事项不在方案中/);
    given(back).when({ ...urge(FINANCE), urgedOn: W1 }).thenRefused('CONFLICT', /out of the plan/);
    expect(workPlanItemDecider.decide(reportOn(FINANCE, R1), stateAfter(back)).map((event) => event.type)).toEqual(['RectificationReported']);
    expect(workPlanItemDecider.decide(reportOn(FINANCE, '2026-04-30'), stateAfter(back)).map((event) => event.type)).toEqual(['RectificationReported']);
  });

  it('a record of the withdrawn days entered before the withdrawal counts nowhere after the reinstatement: later records are judged without it, as in date order', () => {
    // 东湖区 reported on 05-10, typed before the withdrawal of 05-01 was: set aside, then and after 06-01.
    const late = typed(definedAndAssigned, [reportOn(DONGHU, '2026-05-10'), withdraw(W1), listAgain(R1)]);
    const inOrder = typed(definedAndAssigned, [withdraw(W1), listAgain(R1)]);
    expect(shown(late)).toEqual(shown(inOrder));
    expect(shown(late).donghuReport).toEqual(['RectificationReported']);
    // A pass of 市发改委 after the reinstatement: the same decision either way.
    const more = [reportOn(FGW, '2026-06-05'), passOn(FGW, '2026-06-06', 'inspection-1')];
    expect(typed(late, more).slice(late.length)).toEqual(typed(inOrder, more).slice(inOrder.length));
  });

  it('a hand withdrawal dated before the withdrawn span, typed after the version listed the item again, is taken as date order takes it: out from its day until the reinstatement (breaker11r P1)', () => {
    const byHand = (withdrawnOn: string): WorkPlanItemCommand => ({ type: 'WithdrawWorkPlanItem', actor: supervisor, today: TODAY, withdrawnOn, reason: '手工撤销', unitNames: names });
    const late = typed(definedAndAssigned, [withdraw(W1), listAgain(R1), byHand('2026-04-20')]);
    expect(late.slice(-3)).toEqual([
      { type: 'WorkPlanItemWithdrawalUndone', data: { itemId: ITEM, withdrawnOn: W1, reason: '撤销日期更正为 2026-04-20：手工撤销（2026-04-20 的撤销在先）', byVerification: false } },
      { type: 'WorkPlanItemWithdrawn', data: { itemId: ITEM, withdrawnOn: '2026-04-20', reason: '手工撤销' } },
      { type: 'WorkPlanItemReinstated', data: { itemId: ITEM, reinstatedOn: R1, reason: '依据 plan-v3.csv 修订方案' } },
    ]);
    // Date order: the hand withdrawal first; the version of 05-01 found the item out (nothing for it), the one of 06-01 lists it again.
    const inOrder = typed(definedAndAssigned, [byHand('2026-04-20'), listAgain(R1)]);
    expect(shown(late)).toEqual(shown(inOrder));
    expect(shown(late).spans).toEqual([`2026-04-20..${R1}`]);
    // A report of 04-25 finds the item out, as in date order; one after the reinstatement counts.
    given(late).when(reportOn(FINANCE, '2026-04-25')).thenRefused('CONFLICT', /2026-04-20/);
    given(late).when(reportOn(FINANCE, '2026-06-05')).then([expect.objectContaining({ type: 'RectificationReported' }) as WorkPlanItemStreamEvent]);
  });

  it('withdrawn again after the reinstatement: not dated on or before it; a pass before both withdrawals undoes both, one between them only the second', () => {
    const back = typed([...definedAndAssigned, reported(FGW, '2026-04-20'), reported(FINANCE, '2026-06-05')], [withdraw(W1), listAgain(R1)]);
    given(back).when(withdraw(R1)).thenRefusedAt('withdrawnOn');
    given(back).when(withdraw('2026-05-20')).thenRefused('BAD_USER_INPUT', /listed again by a later version on 2026-06-01/, /再次撤销的日期须晚于恢复日期/);
    const twice = typed(back, [withdraw(W2), listAgain(R2)]);
    expect(shown(twice).spans).toEqual([`${W1}..${R1}`, `${W2}..${R2}`]);
    const beforeBoth = workPlanItemDecider.decide(passOn(FGW, '2026-04-25', 'inspection-1'), stateAfter(twice));
    expect(beforeBoth.filter((event) => event.type === 'WorkPlanItemWithdrawalUndone').map((event) => (event.data as { withdrawnOn: string }).withdrawnOn)).toEqual([W1, W2]);
    expect(shown([...twice, ...beforeBoth]).spans).toEqual([]);
    const between = workPlanItemDecider.decide(passOn(FINANCE, '2026-06-10', 'inspection-2'), stateAfter(twice));
    expect(between.filter((event) => event.type === 'WorkPlanItemWithdrawalUndone').map((event) => (event.data as { withdrawnOn: string }).withdrawnOn)).toEqual([W2]);
    expect(shown([...twice, ...between]).spans).toEqual([`${W1}..${R1}`]);
    // A record of the first withdrawn days is refused after the second reinstatement too.
    given(twice).when(reportOn(DONGHU, '2026-05-15')).thenRefused('CONFLICT', /2026-05-01/);
    given(twice).when(reportOn(DONGHU, '2026-06-20')).thenRefused('CONFLICT', /2026-06-15/);
  });

  const counted = (events: readonly WorkPlanItemStreamEvent[]): AssignmentsState => assignmentsAsTheyCount(stateAfter(events))!;

  it('a pass that undoes a withdrawal whose days hold a record that would then no longer hold sets that record aside for good, as date order refused it (breaker11o P2)', () => {
    // 市发改委 reported again on 05-10 (typed before the withdrawal): counted again after a pass of 04-25 it would follow a verification.
    const back = typed([...definedAndAssigned, reported(FGW, '2026-04-20'), reported(FGW, '2026-05-10')], [withdraw(W1), listAgain(R1)]);
    const late = typed(back, [passOn(FGW, '2026-04-25', 'inspection-1')]);
    expect(late.at(-1)).toEqual({
      type: 'WorkPlanItemWithdrawalUndone',
      data: { itemId: ITEM, withdrawnOn: W1, reason: expect.stringMatching(/^撤销不成立：/), byVerification: true, recordsSetAside: [{ unitId: FGW, type: 'RectificationReported', on: '2026-05-10' }] },
    });
    // In date order the pass is taken, the withdrawal refused, the version changes nothing and the report of 05-10 is refused.
    const inOrder = typed([...definedAndAssigned, reported(FGW, '2026-04-20')], [passOn(FGW, '2026-04-25', 'inspection-1')]);
    given(inOrder).when(withdraw(W1)).thenRefused('CONFLICT', /verified work/, /已核验/);
    given(inOrder).when(reportOn(FGW, '2026-05-10')).thenRefused('CONFLICT');
    expect(shown(late)).toEqual(shown(inOrder));
    expect(partOf(counted(late), FGW)).toMatchObject({ status: 'VERIFIED', verifiedOn: '2026-04-25', reportCount: 1, lastReport: expect.objectContaining({ reportedOn: '2026-04-20' }) });
    // Every later decision is the same either way: another unit's report of the former withdrawn days is taken, 市发改委's refused.
    const more = [reportOn(DONGHU, '2026-05-15'), passOn(DONGHU, '2026-05-20', 'inspection-2')];
    expect(typed(late, more).slice(late.length)).toEqual(typed(inOrder, more).slice(inOrder.length));
    given(late).when(reportOn(FGW, '2026-05-12')).thenRefused('CONFLICT');
  });

  it('only the records that no longer hold are set aside: another unit’s record of those days counts again, and later decisions agree with date order', () => {
    const back = typed([...definedAndAssigned, reported(FGW, '2026-04-20'), reported(FGW, '2026-05-10'), reported(FINANCE, '2026-05-11')], [withdraw(W1), listAgain(R1)]);
    const late = typed(back, [passOn(FGW, '2026-04-25', 'inspection-1')]);
    const inOrder = typed([...definedAndAssigned, reported(FGW, '2026-04-20')], [passOn(FGW, '2026-04-25', 'inspection-1'), reportOn(FINANCE, '2026-05-11')]);
    expect(shown(late)).toEqual(shown(inOrder));
    // 市财政局's report of 05-11 held: it counts again, as taken in date order; 市发改委's of 05-10 does not.
    expect(partOf(counted(late), FINANCE)).toMatchObject({ status: 'REPORTED', lastReport: expect.objectContaining({ reportedOn: '2026-05-11' }) });
    expect(partOf(counted(late), FGW)).toMatchObject({ reportCount: 1 });
    const more = [passOn(FINANCE, '2026-05-12', 'inspection-2'), reportOn(DONGHU, '2026-05-13'), passOn(DONGHU, '2026-05-14', 'inspection-3')];
    expect(typed(late, more).slice(late.length)).toEqual(typed(inOrder, more).slice(inOrder.length));
    expect(stateAfter(typed(late, more))).toMatchObject({ status: 'completed', completedOn: '2026-05-14' });
  });

  describe('given a version of 06-01 that lists the item, applied while it was in the plan (breaker11o P3)', () => {
    // The handler looks the version up (the first of the plan's file dated after the withdrawal that lists the item).
    const withdrawnBeforeVersion = (withdrawnOn: string): WorkPlanItemCommand => ({ ...withdraw(withdrawnOn), listedAgain: { on: R1, reason: '依据 plan-v3.csv 修订方案' } }) as WorkPlanItemCommand;

    it('when a withdrawal dated 05-01 is typed, then it ends on the version’s day: withdrawn and listed again, the item as typed in date order', () => {
      const late = typed(definedAndAssigned, [withdrawnBeforeVersion(W1)]);
      expect(late.slice(-2)).toEqual([
        { type: 'WorkPlanItemWithdrawn', data: { itemId: ITEM, reason: '依据 plan-v2.csv 修订方案', withdrawnOn: W1 } },
        { type: 'WorkPlanItemReinstated', data: { itemId: ITEM, reason: '依据 plan-v3.csv 修订方案', reinstatedOn: R1 } },
      ]);
      const inOrder = typed(definedAndAssigned, [withdraw(W1), listAgain(R1)]);
      expect(shown(late)).toEqual(shown(inOrder));
      expect(shown(late)).toMatchObject({ status: 'open', spans: [`${W1}..${R1}`] });
      // Records of the days out of the plan are refused, after the version taken as before it.
      given(late).when(reportOn(FINANCE, '2026-05-20')).thenRefused('CONFLICT', /until a later version listed it again on 2026-06-01/, /2026-06-01 起才恢复列入方案/);
      expect(workPlanItemDecider.decide(reportOn(FINANCE, '2026-06-05'), stateAfter(late)).map((event) => event.type)).toEqual(['RectificationReported']);
    });

    it('when the units’ records of the days out of the plan were entered before it, then they count nowhere and the later ones count, as in date order', () => {
      const late = typed(definedAndAssigned, [reportOn(DONGHU, '2026-05-10'), reportOn(FINANCE, '2026-06-05'), withdrawnBeforeVersion(W1)]);
      const inOrder = typed(definedAndAssigned, [withdraw(W1), listAgain(R1), reportOn(FINANCE, '2026-06-05')]);
      expect(shown(late)).toEqual(shown(inOrder));
      const more = [reportOn(DONGHU, '2026-06-06'), passOn(FINANCE, '2026-06-07', 'inspection-2')];
      expect(typed(late, more).slice(late.length)).toEqual(typed(inOrder, more).slice(inOrder.length));
    });

    it('when work dated after the version’s day was verified before the withdrawal was typed, then the withdrawal is taken, ending on the version’s day, and the work counts, as in date order (withdraw s24 Left 2)', () => {
      const done = [reportOn(FGW, '2026-06-05'), passOn(FGW, '2026-06-06', 'inspection-1')];
      const late = typed(definedAndAssigned, [...done, withdrawnBeforeVersion(W1)]);
      expect(late.slice(-2).map((event) => event.type)).toEqual(['WorkPlanItemWithdrawn', 'WorkPlanItemReinstated']);
      const inOrder = typed(definedAndAssigned, [withdraw(W1), listAgain(R1), ...done]);
      expect(shown(late)).toEqual(shown(inOrder));
      expect(partOf(assignmentsOn(assignmentsAfter(late), TODAY), FGW)).toMatchObject({ status: 'VERIFIED', verifiedOn: '2026-06-06' });
      // Verified before the withdrawal's day: still refused (verified work is not withdrawn).
      given(typed(definedAndAssigned, [reportOn(FGW, '2026-04-20'), passOn(FGW, '2026-04-25', 'inspection-1')])).when(withdrawnBeforeVersion(W1)).thenRefused('CONFLICT', /verified work/, /已核验/);
    });

    it('when the withdrawal is dated on or after the version’s day, then it stands from its day (nothing listed it again after it)', () => {
      const events = workPlanItemDecider.decide({ ...withdrawnBeforeVersion(R1) } as WorkPlanItemCommand, stateAfter(definedAndAssigned));
      expect(events.map((event) => event.type)).toEqual(['WorkPlanItemWithdrawn']);
    });
  });

  describe('given an item withdrawn by hand on 06-20, a withdrawal dated before it typed after it — a version of 06-10 leaving the item out (breaker11p P3)', () => {
    const X = '2026-06-20';
    const V = '2026-06-10';
    const byHand = (withdrawnOn: string): WorkPlanItemCommand => ({ type: 'WithdrawWorkPlanItem', actor: supervisor, today: TODAY, withdrawnOn, reason: '手工撤销', unitNames: names });
    /** The item's standing withdrawal as every view and refusal reads it, and its ended spans. */
    const withdrawal = (events: readonly WorkPlanItemStreamEvent[]) => {
      const state = stateAfter(events);
      if (state.status === 'empty') throw new Error('expected a defined item');
      return { status: state.status, ...(state.status === 'withdrawn' ? { withdrawnOn: state.withdrawnOn, reason: state.reason } : {}), spans: (state.spans ?? []).map((span) => `${span.withdrawnOn}..${span.reinstatedOn}`) };
    };

    it('when the version is applied, then the withdrawal moves back to the version’s day with the version’s reason: the item as typed in date order', () => {
      const late = typed(definedAndAssigned, [byHand(X), withdraw(V)]);
      expect(late.slice(-2)).toEqual([
        { type: 'WorkPlanItemWithdrawalUndone', data: { itemId: ITEM, withdrawnOn: X, reason: '撤销日期更正为 2026-06-10：依据 plan-v2.csv 修订方案（2026-06-10 的撤销在先）', byVerification: false } },
        { type: 'WorkPlanItemWithdrawn', data: { itemId: ITEM, reason: '依据 plan-v2.csv 修订方案', withdrawnOn: V } },
      ]);
      const inOrder = typed(definedAndAssigned, [withdraw(V)]);
      // In date order the hand withdrawal found the item out of the plan: refused, naming the version (breaker11q P8).
      given(inOrder).when(byHand(X)).thenRefused('CONFLICT', /already/, /已于 2026-06-10 撤销（依据 plan-v2.csv 修订方案），不在方案中，无需再次撤销/);
      expect(withdrawal(late)).toEqual(withdrawal(inOrder));
      expect(withdrawal(late)).toEqual({ status: 'withdrawn', withdrawnOn: V, reason: '依据 plan-v2.csv 修订方案', spans: [] });
      // Applied again (a retry): nothing more; a withdrawal dated after it is refused as in date order.
      given(late).when(withdraw(V)).then([]);
      given(late).when(byHand(X)).thenRefused('CONFLICT', /already/, /无需再次撤销/);
    });

    it('when a unit reported on 06-15 before both were typed, then that report counts nowhere and a report of 06-15 typed now is refused, as in date order', () => {
      const late = typed(definedAndAssigned, [reportOn(FINANCE, '2026-06-15'), byHand(X), withdraw(V)]);
      const inOrder = typed(definedAndAssigned, [withdraw(V)]);
      given(inOrder).when(byHand(X)).thenRefused('CONFLICT', /already/);
      given(inOrder).when(reportOn(FINANCE, '2026-06-15')).thenRefused('CONFLICT', /withdrawn/, /已从方案中撤销（依据 plan-v2.csv 修订方案）/);
      given(late).when(reportOn(DONGHU, '2026-06-15')).thenRefused('CONFLICT', /withdrawn/, /已从方案中撤销（依据 plan-v2.csv 修订方案）/);
      // A late report dated before the version is judged without the set-aside one, the same either way.
      const more = [reportOn(DONGHU, '2026-06-05')];
      expect(typed(late, more).slice(late.length)).toEqual(typed(inOrder, more).slice(inOrder.length));
      expect(partOf(assignmentsOn(assignmentsAfter(typed(late, more)), '2026-06-09'), DONGHU)).toMatchObject({ status: 'REPORTED' });
      expect(partOf(assignmentsOn(assignmentsAfter(typed(late, more)), '2026-06-09'), FINANCE)).toMatchObject({ status: 'ASSIGNED' });
    });

    it('when a version dated between the two lists the item, then the item is out from the earlier day until that version and out again from 06-20, as in date order', () => {
      const late = typed(definedAndAssigned, [byHand(X), { ...withdraw('2026-05-01'), listedAgain: { on: R1, reason: '依据 plan-v3.csv 修订方案' } } as WorkPlanItemCommand]);
      expect(late.slice(-4).map((event) => event.type)).toEqual(['WorkPlanItemWithdrawalUndone', 'WorkPlanItemWithdrawn', 'WorkPlanItemReinstated', 'WorkPlanItemWithdrawn']);
      const inOrder = typed(definedAndAssigned, [withdraw('2026-05-01'), listAgain(R1), byHand(X)]);
      expect(withdrawal(late)).toEqual(withdrawal(inOrder));
      expect(withdrawal(late)).toEqual({ status: 'withdrawn', withdrawnOn: X, reason: '手工撤销', spans: [`2026-05-01..${R1}`] });
    });

    it('when the earlier day is not a day the item may be withdrawn on, then it is refused and the withdrawal of 06-20 stands', () => {
      given(typed(definedAndAssigned, [byHand(X)])).when(withdraw('2026-02-01')).thenRefused('BAD_USER_INPUT', /before/, /早于市发展和改革委员会的交办日期/);
    });
  });

  describe('given a version of 06-10 that left the item out, a command that would record nothing new about it acts on no version’s withdrawal, in either typing order (breaker11q P8)', () => {
    const V = '2026-06-10';
    const VERSION = { on: V, reason: '依据 plan-v2.csv 修订方案' };
    const byHand = (withdrawnOn: string, reason = '手工撤销'): WorkPlanItemCommand =>
      ({ type: 'WithdrawWorkPlanItem', actor: supervisor, today: TODAY, withdrawnOn, reason, unitNames: names, versionsLeavingOut: [VERSION] }) as WorkPlanItemCommand;
    const correction = (withdrawnOn?: string): WorkPlanItemCommand =>
      ({ type: 'CorrectWorkPlanItemWithdrawal', actor: supervisor, today: TODAY, reason: '撤销录入有误', unitNames: names, versionsLeavingOut: [VERSION], ...(withdrawnOn ? { withdrawnOn } : {}) }) as WorkPlanItemCommand;
    /** The item's standing withdrawal (day, reason) and its status on `day`, as a view reads it. */
    const out = (events: readonly WorkPlanItemStreamEvent[]) => {
      const state = stateAfter(events);
      return state.status === 'withdrawn' ? `withdrawn ${state.withdrawnOn} ${state.reason}` : state.status;
    };
    const byVersion = typed(definedAndAssigned, [withdraw(V)]);

    it('when a hand withdrawal dated after it is typed, then it is refused naming the version, and nothing is appended', () => {
      given(byVersion).when(byHand('2026-06-20')).thenRefused('CONFLICT', /by the version of the plan of 2026-06-10/, /工作事项 7「重大决策预公开」已由 2026-06-10 的新版方案撤销（依据 plan-v2.csv 修订方案），不在方案中，无需再次撤销。/);
      given(byVersion).when(byHand(V)).thenRefused('CONFLICT', /by the version/, /已由 2026-06-10 的新版方案撤销/);
    });

    it('when the office takes back or re-dates the withdrawal, then it is refused naming the version: the version’s withdrawal stands', () => {
      for (const command of [correction(), correction('2026-06-30'), correction('2026-06-01')]) {
        given(byVersion).when(command).thenRefused('CONFLICT', /withdrawn by the version of the plan of 2026-06-10 .*not by hand/, /是由 2026-06-10 的新版方案撤销的（依据 plan-v2.csv 修订方案），不是手工撤销，不能在此恢复或更正撤销日期。如该事项应在方案中，请导入列入该事项的新版方案/);
      }
      // Typed the other way — the hand withdrawal of 06-20 first, the version after it — the version’s withdrawal stands the same way.
      const late = typed(definedAndAssigned, [byHand('2026-06-20'), withdraw(V)]);
      expect(out(late)).toBe(out(byVersion));
      given(late).when(correction()).thenRefused('CONFLICT', /not by hand/, /不是手工撤销/);
    });

    it('given a hand withdrawal of 06-01 before the version, when it is taken back (撤销有误), then the item is out from the version’s day with the version’s reason — in either typing order', () => {
      const inOrder = typed(definedAndAssigned, [byHand('2026-06-01')]);
      const late = typed(definedAndAssigned, [withdraw(V), byHand('2026-06-01')]);
      expect(out(late)).toBe(out(inOrder));
      const undoneInOrder = typed(inOrder, [correction()]);
      const undoneLate = typed(late, [correction()]);
      expect(undoneInOrder.slice(inOrder.length)).toEqual([
        { type: 'WorkPlanItemWithdrawalUndone', data: { itemId: ITEM, withdrawnOn: '2026-06-01', reason: '撤销录入有误', byVerification: false } },
        { type: 'WorkPlanItemWithdrawn', data: { itemId: ITEM, withdrawnOn: V, reason: '依据 plan-v2.csv 修订方案' } },
      ]);
      expect(out(undoneLate)).toBe(`withdrawn ${V} 依据 plan-v2.csv 修订方案`);
      expect(out(undoneInOrder)).toBe(out(undoneLate));
      // In the plan between the two days: a report of 06-05 counts; one of 06-12 finds the item out.
      given(undoneLate).when(reportOn(FINANCE, '2026-06-05')).then([expect.objectContaining({ type: 'RectificationReported' })]);
      given(undoneLate).when(reportOn(FINANCE, '2026-06-12')).thenRefused('CONFLICT', /withdrawn/, /已从方案中撤销（依据 plan-v2.csv 修订方案）/);
    });

    it('given a hand withdrawal of 06-01 before the version, when it is re-dated on or after the version’s day, then it is refused naming the version; before it, it moves', () => {
      const handFirst = typed(definedAndAssigned, [byHand('2026-06-01')]);
      given(handFirst).when(correction('2026-06-15')).thenRefused('CONFLICT', /left out by the version of the plan of 2026-06-10/, /2026-06-10 的新版方案（依据 plan-v2.csv 修订方案）也未列入工作事项 7「重大决策预公开」：手工撤销的日期不能更正到该日或其后（2026-06-15）/);
      given(handFirst).when(correction(V)).thenRefused('CONFLICT', /left out/, /不能更正到该日或其后/);
      expect(out(typed(handFirst, [correction('2026-06-05')]))).toBe('withdrawn 2026-06-05 手工撤销');
    });

    it('given two hand withdrawals typed, the second is refused: one 撤销有误 takes back the one withdrawal there is', () => {
      const first = typed(definedAndAssigned, [byHand('2026-05-20')]);
      given(first).when(byHand('2026-06-01', '再次撤销')).thenRefused('CONFLICT', /on 2026-05-20 \(手工撤销\) already/, /已于 2026-05-20 撤销（手工撤销），不在方案中，无需再次撤销。如撤销日期有误，请用“更正撤销日期”。/);
    });

    describe('given 市财政局’s report of 05-20 awaiting inspection, the version of 06-10 kept the item (保留待督查) — it withdrew nothing (breaker11r P4)', () => {
      // Typed either way the item's stream is the same: the version typed first kept the item (nothing on its stream), typed after
      // the hand withdrawal of 06-01 it found the item out (nothing either). Only a version that removes the item withdraws it.
      const V2 = { on: '2026-06-20', reason: '依据 plan-v3.csv 修订方案' };
      const handWithdrawn = typed(definedAndAssigned, [reportOn(FINANCE, '2026-05-20'), byHand('2026-06-01')]);
      const correctionWith = (versionsLeavingOut: readonly { on: string; reason: string }[], withdrawnOn?: string): WorkPlanItemCommand =>
        ({ ...correction(withdrawnOn), versionsLeavingOut }) as WorkPlanItemCommand;

      it('when the hand withdrawal is taken back (撤销有误), then the item is in the plan again on every day and the report can be inspected', () => {
        const undone = typed(handWithdrawn, [correction()]);
        expect(undone.slice(handWithdrawn.length)).toEqual([{ type: 'WorkPlanItemWithdrawalUndone', data: { itemId: ITEM, withdrawnOn: '2026-06-01', reason: '撤销录入有误', byVerification: false } }]);
        expect(out(undone)).toBe('open');
        given(undone)
          .when({ ...inspect(FINANCE, 'PASSED', 'inspection-1'), unitNames: names })
          .then([expect.objectContaining({ type: 'InspectionLogged', data: expect.objectContaining({ unitId: FINANCE, outcome: 'PASSED' }) })]);
      });

      it('when it is moved on or after the version’s day, then it moves: the version left the item in the plan', () => {
        expect(out(typed(handWithdrawn, [correction('2026-06-15')]))).toBe('withdrawn 2026-06-15 手工撤销');
      });

      it('when a later version (06-20) leaves it out after the report was sent back (06-15), then taken back the item is out from that version’s day with its reason', () => {
        const failed = { ...inspect(FINANCE, 'FAILED', 'inspection-1'), inspectedOn: '2026-06-15', unitNames: names } as WorkPlanItemCommand;
        // As the office typed it: the inspector's failure of 06-15 before the hand withdrawal of 06-01 was known.
        const withFailure = typed(definedAndAssigned, [reportOn(FINANCE, '2026-05-20'), failed, byHand('2026-06-01')]);
        const undone = typed(withFailure, [correctionWith([VERSION, V2])]);
        expect(out(undone)).toBe('withdrawn 2026-06-20 依据 plan-v3.csv 修订方案');
        given(withFailure).when(correctionWith([VERSION, V2], '2026-06-25')).thenRefused('CONFLICT', /left out by the version of the plan of 2026-06-20/, /2026-06-20 的新版方案（依据 plan-v3.csv 修订方案）也未列入/);
      });
    });
  });
});

describe('a change to the verification that made a withdrawal not stand judges that withdrawal again, whatever the typing order (breaker11o P7)', () => {
  // One unit (市发改委) reports 04-20. Withdrawn 05-01, listed again 06-01; withdrawn again 06-15, listed again 07-01 (TODAY 07-02).
  const W1 = '2026-05-01';
  const R1 = '2026-06-01';
  const W2 = '2026-06-15';
  const R2 = '2026-07-01';
  const names = { nameOf: (unitId: string) => ({ [FGW]: '市发展和改革委员会' })[unitId] };
  const withdraw = (withdrawnOn: string): WorkPlanItemCommand => ({ type: 'WithdrawWorkPlanItem', actor: supervisor, today: TODAY, withdrawnOn, reason: '依据 plan-v2.csv 修订方案', unitNames: names });
  const listAgain = (revisedOn: string): ReviseWorkPlanItem => ({ type: 'ReviseWorkPlanItem', actor: system, today: TODAY, revisedOn, reason: '依据 plan-v3.csv 修订方案', planApprovedOn: PLAN_APPROVED_ON, reinstate: true });
  const inspectOn = (outcome: 'PASSED' | 'FAILED', on: string): WorkPlanItemCommand => ({ ...inspect(FGW, outcome, 'inspection-1'), inspectedOn: on, unitNames: names });
  const correct = (change: { inspectedOn?: string; outcome?: 'FAILED' }): WorkPlanItemCommand => ({
    type: 'CorrectInspection',
    actor: supervisor,
    today: TODAY,
    unitId: FGW,
    inspectionId: 'inspection-1',
    reason: '督查记录落款日期录错',
    ...change,
    ...(change.outcome === 'FAILED' ? { newDueDate: RETURNED_UNTIL } : {}),
    unitNames: names,
  });
  const reported = [defined, assigned(FGW, 'LEAD'), { type: 'RectificationReported', data: { unitId: FGW, summary: '已整改', evidence, reportedOn: '2026-04-20' } } as WorkPlanItemStreamEvent];
  const typed = (history: readonly WorkPlanItemStreamEvent[], commands: readonly WorkPlanItemCommand[]): WorkPlanItemStreamEvent[] =>
    commands.reduce<WorkPlanItemStreamEvent[]>((events, command) => [...events, ...workPlanItemDecider.decide(command, stateAfter(events))], [...history]);
  /** What every view and refusal reads: the item's status, its standing withdrawal, its ended spans, the part's status on the day after each withdrawal. */
  const shown = (events: readonly WorkPlanItemStreamEvent[]) => {
    const state = stateAfter(events);
    if (state.status === 'empty') throw new Error('expected a defined item');
    return {
      status: state.status,
      withdrawnOn: state.status === 'withdrawn' ? state.withdrawnOn : null,
      spans: (state.spans ?? []).map((span) => `${span.withdrawnOn}..${span.reinstatedOn}`),
      part: partOf(assignmentsOn(assignmentsAfter(events), TODAY), FGW)?.status,
    };
  };
  const bothEnded = [withdraw(W1), listAgain(R1), withdraw(W2), listAgain(R2)];

  it('a pass re-dated after both reinstatements: both withdrawals stand again with their days, as the pass typed on that day in date order', () => {
    const undone = typed(reported, [...bothEnded, inspectOn('PASSED', '2026-04-25')]);
    expect(shown(undone)).toMatchObject({ status: 'completed', spans: [] });
    const corrected = workPlanItemDecider.decide(correct({ inspectedOn: R2 }), stateAfter(undone));
    expect(corrected.filter((event) => !isAssignmentEvent(event))).toEqual([
      expect.objectContaining({ type: 'WorkPlanItemCompleted' }),
      { type: 'WorkPlanItemWithdrawn', data: { itemId: ITEM, withdrawnOn: W1, reason: '依据 plan-v2.csv 修订方案' } },
      { type: 'WorkPlanItemReinstated', data: { itemId: ITEM, reinstatedOn: R1, reason: '依据 plan-v3.csv 修订方案' } },
      { type: 'WorkPlanItemWithdrawn', data: { itemId: ITEM, withdrawnOn: W2, reason: '依据 plan-v2.csv 修订方案' } },
      { type: 'WorkPlanItemReinstated', data: { itemId: ITEM, reinstatedOn: R2, reason: '依据 plan-v3.csv 修订方案' } },
    ]);
    const inOrder = typed(reported, [...bothEnded, inspectOn('PASSED', R2)]);
    expect(shown([...undone, ...corrected])).toEqual(shown(inOrder));
    expect(shown(inOrder)).toEqual({ status: 'completed', withdrawnOn: null, spans: [`${W1}..${R1}`, `${W2}..${R2}`], part: 'VERIFIED' });
    // Its withdrawn days refuse records again, as in date order.
    given([...undone, ...corrected]).when({ ...urge(FGW), urgedOn: '2026-05-20', unitNames: names }).thenRefused('CONFLICT', /2026-05-01/, /2026-05-20 该事项不在方案中/);
  });

  it('a pass re-dated between the withdrawals: only the later one stands again', () => {
    const undone = typed(reported, [...bothEnded, inspectOn('PASSED', '2026-04-25')]);
    const corrected = [...undone, ...workPlanItemDecider.decide(correct({ inspectedOn: '2026-06-05' }), stateAfter(undone))];
    expect(shown(corrected)).toEqual(shown(typed(reported, [withdraw(W1), listAgain(R1), inspectOn('PASSED', '2026-06-05')])));
    expect(shown(corrected)).toMatchObject({ status: 'completed', spans: [`${W1}..${R1}`] });
  });

  it('a pass re-dated onto a day a withdrawal standing again took out of the plan is refused, as that pass typed in date order', () => {
    const undone = typed(reported, [...bothEnded, inspectOn('PASSED', '2026-04-25')]);
    given(undone).when(correct({ inspectedOn: '2026-05-20' })).thenRefused('CONFLICT', /withdrawal of 2026-05-01 stands again/, /2026-05-01 的撤销依日期重新成立：该事项 2026-05-01 撤销，2026-06-01 起才恢复列入方案，2026-05-20 不在方案中/);
    given(typed(reported, bothEnded)).when(inspectOn('PASSED', '2026-05-20')).thenRefused('CONFLICT', /2026-05-01/);
  });

  it('a pass re-marked FAILED: the ended withdrawal keeps its days and the standing one stands again, as the failure typed first', () => {
    const standing = [withdraw(W1), listAgain(R1), withdraw(W2)];
    const undone = typed(reported, [...standing, inspectOn('PASSED', '2026-04-25')]);
    expect(shown(undone)).toMatchObject({ status: 'completed', withdrawnOn: null, spans: [] });
    const corrected = [...undone, ...workPlanItemDecider.decide(correct({ outcome: 'FAILED' }), stateAfter(undone))];
    const inOrder = typed(reported, [inspectOn('FAILED', '2026-04-25'), ...standing]);
    expect(shown(corrected)).toEqual(shown(inOrder));
    expect(shown(corrected)).toEqual({ status: 'withdrawn', withdrawnOn: W2, spans: [`${W1}..${R1}`], part: 'RETURNED' });
    given(corrected).when({ ...report(FGW, TODAY), unitNames: names }).thenRefused('CONFLICT', /withdrawn/, /已从方案中撤销/);
  });

  it('a reopening dated before the withdrawals: both stand again, as typed in date order', () => {
    const undone = typed(reported, [...bothEnded, inspectOn('PASSED', '2026-04-25')]);
    const reopening = reopen({ reopenedOn: '2026-04-28', newDueDate: RETURNED_UNTIL });
    const corrected = typed(undone, [reopening]);
    const inOrder = typed(reported, [inspectOn('PASSED', '2026-04-25'), reopening, ...bothEnded]);
    expect(shown(corrected)).toEqual(shown(inOrder));
    expect(shown(corrected)).toMatchObject({ status: 'open', spans: [`${W1}..${R1}`, `${W2}..${R2}`] });
  });

  it('a withdrawal the office took back (撤销有误) is not put back when a pass is corrected; one undone by a pass stored before `byVerification` is', () => {
    const takenBack = typed(reported, [withdraw(W1), { type: 'CorrectWorkPlanItemWithdrawal', actor: supervisor, today: TODAY, reason: '撤销录入有误', unitNames: names }, inspectOn('PASSED', '2026-04-25')]);
    expect(workPlanItemDecider.decide(correct({ outcome: 'FAILED' }), stateAfter(takenBack)).filter((event) => !isAssignmentEvent(event)).map((event) => event.type)).toEqual(['WorkPlanItemReopened']);
    const stored = typed(reported, [withdraw(W1), inspectOn('PASSED', '2026-04-25')]).map((event) =>
      event.type === 'WorkPlanItemWithdrawalUndone' ? { ...event, data: { itemId: event.data.itemId, withdrawnOn: event.data.withdrawnOn, reason: event.data.reason } } : event,
    );
    expect(shown([...stored, ...workPlanItemDecider.decide(correct({ outcome: 'FAILED' }), stateAfter(stored))])).toMatchObject({ status: 'withdrawn', withdrawnOn: W1 });
  });
});

describe('a reorganisation dated inside the days a later version ended: the part passes on its day whatever the typing order (note23 Left 5)', () => {
  const HEIR = 'unit-heir';
  /** 东湖区's duties passed to 新区 on 05-15 (机构改革), while the item was out of the plan (05-01 until 06-01). */
  const unitNames = {
    nameOf: (unitId: string) => ({ [FGW]: '市发展改革委', [FINANCE]: '市财政局', [DONGHU]: '东湖区', [HEIR]: '新区' })[unitId],
    handOversOf: (unitId: string) => (unitId === DONGHU ? [{ successorUnitId: HEIR, on: '2026-05-15' }] : []),
  };
  const withdraw: WorkPlanItemCommand = { type: 'WithdrawWorkPlanItem', actor: supervisor, today: TODAY, withdrawnOn: '2026-05-01', reason: '方案调整', unitNames };
  const listAgain: WorkPlanItemCommand = { type: 'ReviseWorkPlanItem', actor: system, today: TODAY, revisedOn: '2026-06-01', reason: '依据 plan-v3.csv 修订方案', planApprovedOn: PLAN_APPROVED_ON, reinstate: true, unitNames };
  const handOver: WorkPlanItemCommand = { type: 'HandOverPart', actor: admin, today: TODAY, unitId: DONGHU, successorUnitId: HEIR, reason: '职能调整', handedOverOn: '2026-05-15', unitNames };
  const typed = (commands: readonly WorkPlanItemCommand[]): WorkPlanItemStreamEvent[] =>
    commands.reduce<WorkPlanItemStreamEvent[]>((events, command) => [...events, ...workPlanItemDecider.decide(command, stateAfter(events))], [...definedAndAssigned]);
  const holders = (events: readonly WorkPlanItemStreamEvent[]) => partsOf(assignmentsAfter(events)).map((part) => `${part.unitId}${part.heldSince ? `@${part.heldSince}` : ''}`);

  it('typed in date order (the hand-over refused while the item was out of the plan), the version listing it again passes the part on 05-15', () => {
    given(typed([withdraw])).when(handOver).thenRefused('CONFLICT');
    const inOrder = typed([withdraw, listAgain]);
    expect(holders(inOrder)).toEqual([FGW, FINANCE, `${HEIR}@2026-05-15`]);
    // Typed after the version, the hand-over was not yet in the directory the version was decided with.
    const beforeHandOver = { ...unitNames, handOversOf: () => [] };
    expect(holders(typed([withdraw, { ...listAgain, unitNames: beforeHandOver }, handOver]))).toEqual(holders(inOrder));
    expect(holders(typed([handOver, withdraw, listAgain]))).toEqual(holders(inOrder));
  });

  it('a version listing it again that names the successor (read from the item as it stood withdrawn: 东湖区 out, 新区 in) takes it as the part’s holder, in either typing order (breaker11q P1)', () => {
    const namingHeir = { ...listAgain, removeUnitIds: [DONGHU], addUnits: [{ unitId: HEIR, role: 'RESPONSIBLE' as const }] } as WorkPlanItemCommand;
    const inOrder = typed([withdraw, namingHeir]);
    expect(holders(inOrder)).toEqual([FGW, FINANCE, `${HEIR}@2026-05-15`]);
    expect(inOrder.slice(definedAndAssigned.length + 1).map((event) => event.type)).toEqual(['WorkPlanItemReinstated', 'PartHandedOver']);
    expect(holders(typed([handOver, withdraw, namingHeir]))).toEqual(holders(inOrder));
    // A version leaving the successor's part out removes the part it now holds.
    const leavingOut = { ...listAgain, removeUnitIds: [DONGHU] } as WorkPlanItemCommand;
    expect(holders(typed([withdraw, leavingOut]))).toEqual([FGW, FINANCE]);
  });
});

/** Two parts verified and the item withdrawn as stored before verified work was refused: read as it is. */
const twoVerifiedBeforeWithdrawal = () => [...allReported, inspected(FGW, 'PASSED', 'inspection-1'), inspected(FINANCE, 'PASSED', 'inspection-2')];

describe('refusals name the item by its code and title, and units by their names', () => {
  const unitNames = { nameOf: (unitId: string) => ({ [FGW]: '市发展和改革委员会', [FINANCE]: '市财政局' })[unitId] };

  it('reopening an item that is not completed', () => {
    given(allReported)
      .when(reopen())
      .thenRefused('CONFLICT', /^Work-plan item 7 「重大决策预公开」 is not closed and none of its parts is verified: there is nothing to reopen\.$/, /^工作事项 7「重大决策预公开」尚未销号，也没有已核验的任务：没有可以重新打开的内容。$/);
  });

  it('a lead unit named again as responsible', () => {
    given([])
      .when(define({ responsibleUnitIds: [FGW], unitNames }))
      .thenRefused('BAD_USER_INPUT', /^市发展和改革委员会 is the lead unit of item 7; it cannot also be a responsible unit\.$/, /^市发展和改革委员会是事项 7 的牵头单位/);
  });

  it('a part command on the item, through the one lifecycle', () => {
    given(done).when({ ...urge(FINANCE), urgedOn: TODAY, unitNames }).thenRefused('CONFLICT', /^The part of 市财政局 is already verified/, /^市财政局的任务已确认完成/);
  });
});

describe('a merged unit is given no work by a plan (breaker, issue 8 round 3)', () => {
  const SUCCESSOR = 'unit-successor';
  /** 东湖区 merged into 市生态环境局 on 2016-07-01. */
  const unitNames = {
    nameOf: (unitId: string) => ({ [FGW]: '市发展改革委', [FINANCE]: '市财政局', [DONGHU]: '东湖区', [SUCCESSOR]: '市生态环境局' })[unitId],
    mergerOf: (unitId: string) => (unitId === DONGHU ? { successorUnitId: SUCCESSOR, mergedOn: '2016-07-01' } : undefined),
  };
  const merged = /^东湖区 was merged into 市生态环境局 on 2016-07-01; it takes no new work/;
  const mergedZh = /^东湖区已于 2016-07-01 并入市生态环境局，不再承担新的工作/;

  it.each<[string, Partial<DefineWorkPlanItem>]>([
    ['as its lead unit', { leadUnitIds: [DONGHU], responsibleUnitIds: [FINANCE] }],
    ['as a responsible unit', { responsibleUnitIds: [FINANCE, DONGHU] }],
  ])('refuses an item that names it %s, naming its successor', (_what, overrides) => {
    given([]).when(define({ ...overrides, unitNames })).thenRefused('CONFLICT', merged, mergedZh);
  });

  it('refuses a revision that adds it to an item', () => {
    const revise: ReviseWorkPlanItem = { type: 'ReviseWorkPlanItem', actor: supervisor, today: TODAY, revisedOn: '2026-06-29', reason: '根据工作进展动态调整', addUnits: [{ unitId: DONGHU, role: 'RESPONSIBLE' }], unitNames };
    given([defined, assigned(FGW, 'LEAD'), assigned(FINANCE)]).when(revise).thenRefused('CONFLICT', merged, mergedZh);
  });

  it('a unit added by a revision dated before its merge gets the part, which passes to the successor on the merge day (breaker8c P11)', () => {
    const revise: ReviseWorkPlanItem = { type: 'ReviseWorkPlanItem', actor: supervisor, today: TODAY, revisedOn: '2016-05-10', reason: '增加单位', addUnits: [{ unitId: DONGHU, role: 'RESPONSIBLE' }], unitNames };
    const start = [defined, assigned(FGW, 'LEAD'), assigned(FINANCE)];
    const decided = given(start).when(revise).decision();
    expect(decided.filter((event) => event.type === 'UnitAssigned' || event.type === 'PartHandedOver').map((event) => [event.type, event.data])).toEqual([
      ['UnitAssigned', { unitId: DONGHU, role: 'RESPONSIBLE', dueDate: DUE, assignedOn: '2016-05-10', reason: '增加单位' }],
      ['PartHandedOver', { unitId: DONGHU, successorUnitId: SUCCESSOR, reason: '东湖区于 2016-07-01 并入市生态环境局，其未完成的任务由市生态环境局承担', handedOverOn: '2016-07-01' }],
    ]);
    expect(partOf(assignmentsAfter([...start, ...decided]), SUCCESSOR)).toMatchObject({ status: 'ASSIGNED', heldBefore: [DONGHU] });
  });

  it('a unit added by a revision dated before a hand-over of its work recorded since: the part, open that day, passes to the successor then (breaker8c P11)', () => {
    const handedOver = { ...unitNames, mergerOf: () => undefined, handOversOf: (unitId: string) => (unitId === DONGHU ? [{ successorUnitId: SUCCESSOR, on: '2016-07-10' }] : []) };
    const revise: ReviseWorkPlanItem = { type: 'ReviseWorkPlanItem', actor: supervisor, today: TODAY, revisedOn: '2016-05-10', reason: '增加单位', addUnits: [{ unitId: DONGHU, role: 'RESPONSIBLE' }], unitNames: handedOver };
    const start = [defined, assigned(FGW, 'LEAD'), assigned(FINANCE)];
    const decided = given(start).when(revise).decision();
    expect(decided.filter((event) => event.type === 'PartHandedOver').map((event) => event.data)).toEqual([
      { unitId: DONGHU, successorUnitId: SUCCESSOR, reason: '东湖区的任务已于 2016-07-10 移交市生态环境局：该任务当日尚未完成，由市生态环境局办理', handedOverOn: '2016-07-10' },
    ]);
    const parts = assignmentsAfter([...start, ...decided]);
    expect(partOf(parts, DONGHU)).toBeUndefined();
    expect(partOf(parts, SUCCESSOR)).toMatchObject({ status: 'ASSIGNED', heldBefore: [DONGHU], heldSince: '2016-07-10' });
  });

  it('a unit added by a revision dated before two parts passed to it on one day (the second’s record kept by the same-day rule): its own part, both join it (breaker8m P9’s kind)', () => {
    const passed = (unitId: string): WorkPlanItemStreamEvent => ({ type: 'PartHandedOver', data: { unitId, successorUnitId: SUCCESSOR, reason: '机构改革', handedOverOn: '2026-04-01' } });
    const start = [defined, assigned(FGW, 'LEAD'), assigned(FINANCE), passed(FINANCE), assigned(DONGHU), passed(DONGHU)];
    const names = { nameOf: unitNames.nameOf };
    const revise: ReviseWorkPlanItem = { type: 'ReviseWorkPlanItem', actor: supervisor, today: TODAY, revisedOn: '2026-03-15', reason: '增加单位', addUnits: [{ unitId: SUCCESSOR, role: 'RESPONSIBLE' }], unitNames: names };
    const decided = given(start).when(revise).decision();
    expect(decided.filter((event) => event.type === 'PartHandOverUndone' || event.type === 'UnitAssigned' || event.type === 'PartHandedOver').map((event) => [event.type, (event.data as { unitId: string }).unitId])).toEqual([
      ['PartHandOverUndone', DONGHU],
      ['PartHandOverUndone', FINANCE],
      ['UnitAssigned', SUCCESSOR],
      ['PartHandedOver', FINANCE],
      ['PartHandedOver', DONGHU],
    ]);
    expect(partOf(assignmentsAfter([...start, ...decided]), SUCCESSOR)).toMatchObject({ assignedOn: '2026-03-15', heldBefore: [FINANCE, DONGHU], joinedOn: '2026-04-01' });
  });

  it('still defines the item with standing units', () => {
    given([]).when(define({ responsibleUnitIds: [FINANCE], unitNames })).then([defined, assigned(FGW, 'LEAD'), assigned(FINANCE)]);
  });
});

describe('a re-dating that overtakes a part’s extension (breaker10c P12)', () => {
  const asked = [...definedAndAssigned, ...workPlanItemDecider.decide(requestExtension(), stateAfter(definedAndAssigned))];
  const extended = [...asked, ...workPlanItemDecider.decide(decideExtension(), stateAfter(asked))];
  const revise = (dueDate: string): ReviseWorkPlanItem => ({ type: 'ReviseWorkPlanItem', actor: supervisor, today: TODAY, revisedOn: '2026-06-10', reason: '7月调整', dueDate, planApprovedOn: PLAN_APPROVED_ON });

  it('moves the extended part (07-31) with the item when the plan now gives later (09-30): the unit is never held to the earlier day', () => {
    const events = given(extended).when(revise('2026-09-30')).decision();
    expect(events.filter((event) => event.type === 'PartsRescheduled').map((event) => event.data)).toEqual([
      { previousDueDate: DUE, dueDate: '2026-09-30', rescheduledOn: '2026-06-10', reason: '7月调整' },
      { previousDueDate: '2026-07-31', dueDate: '2026-09-30', rescheduledOn: '2026-06-10', reason: '7月调整' },
    ]);
    expect(partsOf(assignmentsAfter([...extended, ...events])).map((part) => [part.unitId, part.dueDate])).toEqual(
      partsOf(assignmentsAfter(extended)).map((part) => [part.unitId, '2026-09-30']),
    );
  });

  it('keeps the extension when the plan moves the item to a day before it (07-15)', () => {
    const events = given(extended).when(revise('2026-07-15')).decision();
    expect(events.filter((event) => event.type === 'PartsRescheduled')).toHaveLength(1);
    expect(partOf(assignmentsAfter([...extended, ...events]), DONGHU)!.dueDate).toBe('2026-07-31');
  });
});

describe('a re-dating of the item and a return of one part of the same office day (breaker8u P1’s rest): one due date whichever was typed first', () => {
  // 市发展改革委 reported 06-01; on 06-10 the plan moves the item (06-30) and an inspection fails the report, giving its own date.
  const reportedEarly = [...definedAndAssigned, reported(FGW, '2026-06-01')];
  const revise: ReviseWorkPlanItem = { type: 'ReviseWorkPlanItem', actor: supervisor, today: TODAY, revisedOn: '2026-06-10', reason: '6月调整', dueDate: '2026-09-30', planApprovedOn: PLAN_APPROVED_ON };
  const fail = (newDueDate: string): WorkPlanItemCommand => ({ ...inspect(FGW, 'FAILED', 'inspection-1'), inspectedOn: '2026-06-10', newDueDate, overrideReason: '督查后重新整改' }) as WorkPlanItemCommand;
  const sendBackThatDay = (newDueDate: string): WorkPlanItemCommand => ({ ...sendBack(FGW), today: TODAY, sentBackOn: '2026-06-10', newDueDate, overrideReason: '退办' }) as WorkPlanItemCommand;
  const typed = (commands: readonly WorkPlanItemCommand[]) => commands.reduce<WorkPlanItemStreamEvent[]>((events, command) => [...events, ...workPlanItemDecider.decide(command, stateAfter(events))], [...reportedEarly]);
  /** 市发展改革委's due date as the decider folds the events as recorded and by day, and as every view reads it live and at a cut. */
  const dueDates = (events: readonly WorkPlanItemStreamEvent[]) => {
    const entries = events.filter(isAssignmentEvent).map((event, index) => ({ ...event, id: `event-${index}`, revision: index + 1, occurredOn: factDayOfEvent(event), metadata: { recordedAt: `2026-07-02T10:${String(index).padStart(2, '0')}:00.000Z`, actorId: 'user', actorRole: 'SUPERVISOR', actorUnitId: null } })) as TimelineEntry<AssignmentEvent>[];
    const viewOf = (ordered: readonly TimelineEntry<AssignmentEvent>[]) => {
      const parts = new Map<string, PartView>();
      for (const entry of ordered) applyAssignmentEvent(parts, entry);
      return parts.get(FGW)!.dueDate;
    };
    const byDay = [...entries].sort((a, b) => (a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : 0));
    const state = assignmentsAfter(events);
    return [partOf(state, FGW)!.dueDate, partOf(assignmentsOn(state, TODAY), FGW)!.dueDate, viewOf(entries), viewOf(byDay)];
  };

  it.each([
    ['a failure giving a date between the old and the new (07-15)', fail('2026-07-15'), '2026-07-15'],
    ['a failure giving the old date (06-30)', fail('2026-06-30'), '2026-06-30'],
    ['a failure giving a date before the old one (06-20)', fail('2026-06-20'), '2026-06-20'],
    ['a failure giving a date after the new one (10-31)', fail('2026-10-31'), '2026-10-31'],
    ['a send-back giving 07-15', sendBackThatDay('2026-07-15'), '2026-07-15'],
  ])('%s: the return’s own date stands for its part, the others follow the plan', (_what, returned, expected) => {
    const revisedFirst = typed([revise, returned]);
    const returnedFirst = typed([returned, revise]);
    expect(dueDates(revisedFirst)).toEqual([expected, expected, expected, expected]);
    expect(dueDates(returnedFirst)).toEqual([expected, expected, expected, expected]);
    for (const events of [revisedFirst, returnedFirst]) expect(partOf(assignmentsAfter(events), FINANCE)!.dueDate).toBe('2026-09-30');
  });

  it('a return that keeps the due date (no new date) leaves the part to the plan: 09-30 either way', () => {
    const keeps = { ...sendBack(FGW), today: TODAY, sentBackOn: '2026-06-10' } as WorkPlanItemCommand;
    expect(dueDates(typed([revise, keeps]))).toEqual(Array(4).fill('2026-09-30'));
    expect(dueDates(typed([keeps, revise]))).toEqual(Array(4).fill('2026-09-30'));
  });
});

describe('a plan moving an item back earlier than a part’s granted extension (breaker10d P31)', () => {
  const asked = [...definedAndAssigned, ...workPlanItemDecider.decide(requestExtension(), stateAfter(definedAndAssigned))];
  const extended = [...asked, ...workPlanItemDecider.decide(decideExtension(), stateAfter(asked))];
  const revise = (dueDate: string, revisedOn: string): ReviseWorkPlanItem => ({ type: 'ReviseWorkPlanItem', actor: supervisor, today: TODAY, revisedOn, reason: '7月调整', dueDate, planApprovedOn: PLAN_APPROVED_ON });
  const later = [...extended, ...given(extended).when(revise('2026-09-30', '2026-06-10')).decision()];

  it('keeps the extended part at the day granted (07-31); the others go back (06-30)', () => {
    const events = given(later).when(revise(DUE, '2026-06-20')).decision();
    const parts = partsOf(assignmentsAfter([...later, ...events]));
    expect(parts.map((part) => [part.unitId, part.dueDate])).toEqual(parts.map((part) => [part.unitId, part.unitId === DONGHU ? '2026-07-31' : DUE]));
    expect(events.filter((event) => event.type === 'PartsRescheduled').map((event) => event.data)).toEqual([
      { previousDueDate: '2026-09-30', dueDate: DUE, rescheduledOn: '2026-06-20', unitIds: [FGW, FINANCE], reason: '7月调整' },
      { previousDueDate: '2026-09-30', dueDate: '2026-07-31', rescheduledOn: '2026-06-20', unitIds: [DONGHU], reason: '7月调整' },
    ]);
  });

  it('moves every part when the new date is after the extension (08-31 keeps nothing back)', () => {
    const events = given(later).when(revise('2026-08-31', '2026-06-20')).decision();
    expect(partsOf(assignmentsAfter([...later, ...events])).map((part) => part.dueDate)).toEqual(['2026-08-31', '2026-08-31', '2026-08-31']);
  });
});

describe('plan changes take the office day they happened (breaker8 S3)', () => {
  const REASON = '2026年5月10日领导小组会议决定';
  const revisedOn = '2026-05-10';
  const unitNames = { nameOf: (unitId: string) => ({ [FGW]: '市发展改革委', [FINANCE]: '市财政局', [DONGHU]: '东湖区', 'unit-police': '市公安局' })[unitId] };
  const revise = (overrides: Partial<ReviseWorkPlanItem> = {}): ReviseWorkPlanItem => ({
    type: 'ReviseWorkPlanItem',
    actor: supervisor,
    today: TODAY,
    revisedOn,
    reason: REASON,
    planApprovedOn: PLAN_APPROVED_ON,
    unitNames,
    ...overrides,
  });
  const withdraw = (withdrawnOn: string): WorkPlanItemCommand => ({ type: 'WithdrawWorkPlanItem', actor: supervisor, today: TODAY, withdrawnOn, reason: REASON, planApprovedOn: PLAN_APPROVED_ON, unitNames });
  const financeReported = [...definedAndAssigned, reported(FINANCE)];

  describe('given an item assigned on 03-01 whose 市财政局 reported on 06-28', () => {
    it('a re-dating of 05-10 entered on 07-02 carries 05-10: the new due date is in force from it', () => {
      given(financeReported)
        .when(revise({ dueDate: '2026-09-30' }))
        .then([
          { type: 'WorkPlanItemRescheduled', data: { itemId: ITEM, previousDueDate: DUE, dueDate: '2026-09-30', reason: REASON, rescheduledOn: revisedOn } },
          { type: 'PartsRescheduled', data: { previousDueDate: DUE, dueDate: '2026-09-30', rescheduledOn: revisedOn, reason: REASON } },
        ]);
    });

    it('a unit added on 05-10 is assigned on 05-10, due on the item’s date', () => {
      given(financeReported)
        .when(revise({ addUnits: [{ unitId: 'unit-police', role: 'RESPONSIBLE' }] }))
        .then([{ type: 'UnitAssigned', data: { unitId: 'unit-police', role: 'RESPONSIBLE', dueDate: DUE, assignedOn: revisedOn, reason: REASON } }]);
    });

    it('a unit that did nothing yet is removed on 05-10', () => {
      given(financeReported).when(revise({ removeUnitIds: [DONGHU] })).then([{ type: 'UnitUnassigned', data: { unitId: DONGHU, reason: REASON, unassignedOn: revisedOn } }]);
    });

    it('a unit is not removed before its own report (06-28), naming both days and the unit by name', () => {
      given(financeReported)
        .when(revise({ removeUnitIds: [FINANCE] }))
        .thenRefused(
          'BAD_USER_INPUT',
          /^The day of the revision of item 7 「重大决策预公开」 \(2026-05-10\) is before the report of 市财政局 \(2026-06-28\)\.$/,
          /^工作事项 7「重大决策预公开」的调整日期（2026-05-10）早于市财政局的报告日期（2026-06-28），日期顺序不对。$/,
        );
    });

    it('a role changes on a part already assigned, not before', () => {
      given(financeReported)
        .when(revise({ revisedOn: '2026-02-25', changeRoles: [{ unitId: FINANCE, role: 'LEAD' }, { unitId: FGW, role: 'RESPONSIBLE' }] }))
        .thenRefused('BAD_USER_INPUT', /before the assignment of 市财政局 \(2026-03-01\)/, /早于市财政局的交办日期（2026-03-01）/);
    });

    it('the item is not re-dated before it was assigned (03-01)', () => {
      given(financeReported)
        .when(revise({ revisedOn: '2026-02-25', dueDate: '2026-09-30' }))
        .thenRefused('BAD_USER_INPUT', /\(2026-02-25\) is before the assignment of item 7 \(2026-03-01\)/, /（2026-02-25）早于事项 7 的交办日期（2026-03-01）/);
    });

    it('no change is dated before the plan was approved (02-20), naming both days', () => {
      given(financeReported)
        .when(revise({ revisedOn: '2026-02-19', title: '重大决策预公开（调整）' }))
        .thenRefused('BAD_USER_INPUT', /\(2026-02-19\) is before the day the plan was approved \(2026-02-20\)/, /调整日期（2026-02-19）早于方案批准日期（2026-02-20）/);
    });

    it('no change is dated in the future', () => {
      given(financeReported).when(revise({ revisedOn: '2026-07-03', dueDate: '2026-09-30' })).thenRefused('BAD_USER_INPUT', /in the future: today is 2026-07-02/, /是将来的日期/);
    });

    it('the item is withdrawn on its day, not before its parts were assigned nor before the plan’s approval; a unit’s later report stays on the record (breaker11h P8)', () => {
      given(definedAndAssigned)
        .when(withdraw(revisedOn))
        .then([{ type: 'WorkPlanItemWithdrawn', data: { itemId: ITEM, reason: REASON, withdrawnOn: revisedOn } }]);
      given(financeReported)
        .when(withdraw(revisedOn))
        .then([{ type: 'WorkPlanItemWithdrawn', data: { itemId: ITEM, reason: REASON, withdrawnOn: revisedOn } }]);
      given(financeReported)
        .when(withdraw('2026-02-28'))
        .thenRefused('BAD_USER_INPUT', /withdrawn \(2026-02-28\) is before the assignment of/, /的撤销日期（2026-02-28）早于.*交办日期/);
      given(definedAndAssigned).when(withdraw('2026-02-19')).thenRefused('BAD_USER_INPUT', /before the day the plan was approved \(2026-02-20\)/);
      given(definedAndAssigned).when(withdraw('2026-07-03')).thenRefused('BAD_USER_INPUT', /in the future/);
    });
  });

  describe('given two parts verified on 07-01 and one not reported', () => {
    const twoDone = [...definedAndAssigned, reported(FGW), reported(FINANCE), inspected(FGW, 'PASSED', 'inspection-1'), inspected(FINANCE, 'PASSED', 'inspection-2')];

    it('removing the open part on 05-10 completes the item on the last verification (07-01), the later day', () => {
      given(twoDone)
        .when(revise({ removeUnitIds: [DONGHU] }))
        .then([{ type: 'UnitUnassigned', data: { unitId: DONGHU, reason: REASON, unassignedOn: revisedOn } }, completed(INSPECTED_ON)]);
    });

    it('removing it on 07-02 completes the item on 07-02', () => {
      given(twoDone)
        .when(revise({ revisedOn: TODAY, removeUnitIds: [DONGHU] }))
        .then([{ type: 'UnitUnassigned', data: { unitId: DONGHU, reason: REASON, unassignedOn: TODAY } }, completed(TODAY)]);
    });
  });
});

describe('a withdrawn item and a reorganisation (breaker8 S5)', () => {
  const withdrawnOn = '2026-06-15';
  const withdrawn: WorkPlanItemStreamEvent = { type: 'WorkPlanItemWithdrawn', data: { itemId: ITEM, reason: '撤销', withdrawnOn } };
  const handOver = (handedOverOn: string): WorkPlanItemCommand => ({ type: 'HandOverPart', actor: admin, today: TODAY, unitId: DONGHU, successorUnitId: 'unit-successor', reason: '机构改革', handedOverOn });

  it('given the item withdrawn on 06-15: a hand-over dated 06-10, when it was in the plan, passes the part', () => {
    given([...definedAndAssigned, withdrawn])
      .when(handOver('2026-06-10'))
      .then([{ type: 'PartHandedOver', data: { unitId: DONGHU, successorUnitId: 'unit-successor', reason: '机构改革', handedOverOn: '2026-06-10' } }]);
  });

  it('given the item withdrawn on 06-15: a hand-over from that day on is refused, naming the item (the handler leaves such parts as records)', () => {
    given([...definedAndAssigned, withdrawn]).when(handOver(withdrawnOn)).thenRefused('CONFLICT', /withdrawn/, /已从方案中撤销/);
  });
});

describe('the assignment day of a unit assigned with the plan (the import’s 交办日期) is corrected per part, not before the plan’s approval (breaker8d P10)', () => {
  const correct = (on: string): WorkPlanItemCommand => ({
    type: 'CorrectFactDate',
    actor: supervisor,
    today: TODAY,
    unitId: FINANCE,
    factType: 'UnitAssigned',
    previousOn: ASSIGNED_ON,
    on,
    reason: '交办通知落款日期',
    assignedFrom: planApproval(PLAN_APPROVED_ON),
  });

  it('moves it to the day the paper says', () => {
    given(definedAndAssigned)
      .when(correct('2026-02-25'))
      .then([{ type: 'FactDateCorrected', data: { unitId: FINANCE, factType: 'UnitAssigned', previousOn: ASSIGNED_ON, on: '2026-02-25', reason: '交办通知落款日期', correctedOn: TODAY } }]);
  });

  it('refuses a day before the plan was approved, naming the approval', () => {
    given(definedAndAssigned).when(correct('2026-02-19')).thenRefused('BAD_USER_INPUT', /before the day the plan was approved \(2026-02-20\)/, /早于方案批准日期（2026-02-20）/);
  });
});

describe('a withdrawal and the reorganisations of the item’s units, in either typing order (breaker8g P7, P8)', () => {
  const HEIR = 'unit-heir';
  /** 东湖区's duties passed to the heir on 2026-05-01 (机构改革), as the directory records it. */
  const unitNames = {
    nameOf: (unitId: string) => ({ [FGW]: '市发展改革委', [FINANCE]: '市财政局', [DONGHU]: '东湖区', [HEIR]: '新区' })[unitId],
    handOversOf: (unitId: string) => (unitId === DONGHU ? [{ successorUnitId: HEIR, on: '2026-05-01' }] : []),
  };
  const handOver: WorkPlanItemCommand = { type: 'HandOverPart', actor: admin, today: TODAY, unitId: DONGHU, successorUnitId: HEIR, reason: '职能调整', handedOverOn: '2026-05-01', unitNames };
  const withdraw = (withdrawnOn: string): WorkPlanItemCommand => ({ type: 'WithdrawWorkPlanItem', actor: supervisor, today: TODAY, withdrawnOn, reason: '方案调整', unitNames });
  const after = (events: readonly WorkPlanItemStreamEvent[], command: WorkPlanItemCommand) => [...events, ...workPlanItemDecider.decide(command, stateAfter(events))];
  const holderOf = (events: readonly WorkPlanItemStreamEvent[]) => partsOf(assignmentsAfter(events)).map((part) => part.unitId);

  it('given the hand-over of 05-01 typed first, a withdrawal dated 04-01 is accepted and undoes it: 东湖区 holds its part of the withdrawn item (P8)', () => {
    const handedOver = after(definedAndAssigned, handOver);
    expect(holderOf(handedOver)).toEqual([FGW, FINANCE, HEIR]);
    const decided = workPlanItemDecider.decide(withdraw('2026-04-01'), stateAfter(handedOver));
    expect(decided.map((event) => event.type)).toEqual(['PartHandOverUndone', 'WorkPlanItemWithdrawn']);
    expect(decided[0]).toMatchObject({ data: { unitId: DONGHU, successorUnitId: HEIR, handedOverOn: '2026-05-01', reason: expect.stringMatching(/该事项已于 2026-04-01 撤销，东湖区的任务不随 2026-05-01 的移交转给新区/) } });
    expect(holderOf([...handedOver, ...decided])).toEqual([FGW, FINANCE, DONGHU]);
  });

  it('given the item withdrawn on 04-01, undoing the withdrawal passes 东湖区’s part on 05-01; a late report before the withdrawal does not (P7)', () => {
    const withdrawn = after(definedAndAssigned, withdraw('2026-04-01'));
    const lateReport = after(withdrawn, { ...report(DONGHU), reportedOn: '2026-03-20', unitNames });
    expect(holderOf(lateReport)).toEqual([FGW, FINANCE, DONGHU]);
    const decided = workPlanItemDecider.decide({ type: 'CorrectWorkPlanItemWithdrawal', actor: supervisor, today: TODAY, reason: '误撤销', unitNames }, stateAfter(lateReport));
    expect(decided.map((event) => event.type)).toEqual(['WorkPlanItemWithdrawalUndone', 'PartHandedOver']);
    expect(holderOf([...lateReport, ...decided])).toEqual([FGW, FINANCE, HEIR]);
  });

  it('given 东湖区’s open part joined 市发展改革委’s part verified on 04-20 (carrying the open work, 05-01), a withdrawal dated 04-25 is refused as verified work, as in date order (breaker8h P4)', () => {
    const intoLead = { ...unitNames, handOversOf: (unitId: string) => (unitId === DONGHU ? [{ successorUnitId: FGW, on: '2026-05-01' }] : []) };
    const verified = after(after(definedAndAssigned, { ...report(FGW), reportedOn: '2026-04-10' }), { ...inspect(FGW, 'PASSED', 'inspection-1'), inspectedOn: '2026-04-20' });
    const joined = after(verified, { ...handOver, successorUnitId: FGW, unitNames: intoLead });
    expect(partsOf(assignmentsAfter(joined)).map((part) => [part.unitId, part.status])).toEqual([[FGW, 'ASSIGNED'], [FINANCE, 'ASSIGNED']]);
    given(verified).when(withdraw('2026-04-25')).thenRefused('CONFLICT', /verified work .*on 2026-04-20/, /2026-04-20 核验/);
    given(joined).when({ ...withdraw('2026-04-25'), unitNames: intoLead }).thenRefused('CONFLICT', /verified work .*on 2026-04-20/, /2026-04-20 核验/);
    expect(workPlanItemDecider.decide({ ...withdraw(TODAY), unitNames: intoLead }, stateAfter(joined)).map((event) => event.type)).toEqual(['WorkPlanItemWithdrawn']);
  });

  it('given the hand-over of 05-01 and the heir’s report of 05-10 typed first, a withdrawal dated 04-01 is accepted: the hand-over stays, the report kept (breaker8i P3)', () => {
    const heirReported = after(after(definedAndAssigned, handOver), { ...report(HEIR), reportedOn: '2026-05-10', unitNames });
    const decided = workPlanItemDecider.decide(withdraw('2026-04-01'), stateAfter(heirReported));
    expect(decided.map((event) => event.type)).toEqual(['WorkPlanItemWithdrawn']);
    expect(holderOf([...heirReported, ...decided])).toEqual([FGW, FINANCE, HEIR]);
    // Not before the parts' 交办.
    given(heirReported).when(withdraw('2026-02-01')).thenRefused('BAD_USER_INPUT', undefined, /早于市发展改革委的交办日期（2026-03-01）/);
  });

  it('given the item withdrawn on 04-01 (the hand-over of 05-01 passed nothing), a late pass of 市财政局 dated 03-25 undoes the withdrawal and passes 东湖区’s part on 05-01 in the same decision (breaker8k P6)', () => {
    const withdrawn = after(definedAndAssigned, withdraw('2026-04-01'));
    given(withdrawn).when(handOver).thenRefused('CONFLICT');
    const reportedLate = after(withdrawn, { ...report(FINANCE), reportedOn: '2026-03-20', unitNames });
    const decided = workPlanItemDecider.decide({ ...inspect(FINANCE, 'PASSED', 'inspection-late'), inspectedOn: '2026-03-25', unitNames }, stateAfter(reportedLate));
    expect(decided.map((event) => event.type)).toEqual(['InspectionLogged', 'WorkPlanItemWithdrawalUndone', 'PartHandedOver']);
    expect(holderOf([...reportedLate, ...decided])).toEqual([FGW, FINANCE, HEIR]);
    given([...reportedLate, ...decided]).when({ ...report(DONGHU), reportedOn: '2026-06-01', unitNames }).thenRefused('CONFLICT');
  });

  it('given the withdrawal moved from 04-01 to 06-01, the part passes on 05-01 first', () => {
    const withdrawn = after(definedAndAssigned, withdraw('2026-04-01'));
    const decided = workPlanItemDecider.decide({ type: 'CorrectWorkPlanItemWithdrawal', actor: supervisor, today: TODAY, withdrawnOn: '2026-06-01', reason: '日期录错', unitNames }, stateAfter(withdrawn));
    expect(decided.map((event) => event.type)).toEqual(['WorkPlanItemWithdrawalUndone', 'PartHandedOver', 'WorkPlanItemWithdrawn']);
    expect(holderOf([...withdrawn, ...decided])).toEqual([FGW, FINANCE, HEIR]);
  });
});

describe('a unit added to the item after the directory, whose work passed to a unit whose own part joined a third’s later (breaker8k P4)', () => {
  const POLICE = 'unit-police';
  /** 市公安局's duties to 市财政局 on 04-01; 市财政局 merged into 东湖区 on 05-01 (typed first, joining 东湖区’s own part). */
  const unitNames = {
    nameOf: (unitId: string) => ({ [FGW]: '市发展改革委', [FINANCE]: '市财政局', [DONGHU]: '东湖区', [POLICE]: '市公安局' })[unitId],
    handOversOf: (unitId: string) => (unitId === POLICE ? [{ successorUnitId: FINANCE, on: '2026-04-01' }] : []),
    mergerOf: (unitId: string) => (unitId === FINANCE ? { successorUnitId: DONGHU, mergedOn: '2026-05-01' } : undefined),
  };
  const merged: WorkPlanItemStreamEvent[] = [...definedAndAssigned, { type: 'PartHandedOver', data: { unitId: FINANCE, successorUnitId: DONGHU, reason: '机构改革', handedOverOn: '2026-05-01' } }];
  const addPolice: ReviseWorkPlanItem = { type: 'ReviseWorkPlanItem', actor: supervisor, today: TODAY, revisedOn: ASSIGNED_ON, reason: '补充责任单位', addUnits: [{ unitId: POLICE, role: 'RESPONSIBLE' }], unitNames };

  it('passes 市公安局’s part to 市财政局 on 04-01, joining the part that went on into 东湖区’s: one part, as in date order', () => {
    const decided = workPlanItemDecider.decide(addPolice, stateAfter(merged));
    expect(decided.filter((event) => event.type === 'PartHandedOver').map((event) => event.data)).toEqual([expect.objectContaining({ unitId: POLICE, successorUnitId: FINANCE, handedOverOn: '2026-04-01' })]);
    expect(partsOf(assignmentsAfter([...merged, ...decided])).map((part) => [part.unitId, part.heldBefore ?? []])).toEqual([[FGW, []], [DONGHU, [POLICE, FINANCE]]]);
    given([...merged, ...decided]).when({ ...report(POLICE), reportedOn: '2026-06-01', unitNames }).thenRefused('CONFLICT');
  });
});

describe('a unit added to the item after the directory, whose work passed to a unit whose part moved on and joined a third’s later (breaker8l P2: 8k P4 through a chain)', () => {
  const POLICE = 'unit-police';
  const EDU = 'unit-edu';
  /** 市公安局's duties to 市财政局 on 04-01; 市财政局 merged into 市教育局 on 05-01, 市教育局 into 东湖区 on 05-15 (typed first, joining 东湖区’s own part). */
  const unitNames = {
    nameOf: (unitId: string) => ({ [FGW]: '市发展改革委', [FINANCE]: '市财政局', [DONGHU]: '东湖区', [POLICE]: '市公安局', [EDU]: '市教育局' })[unitId],
    handOversOf: (unitId: string) => (unitId === POLICE ? [{ successorUnitId: FINANCE, on: '2026-04-01' }] : []),
    mergerOf: (unitId: string) => (unitId === FINANCE ? { successorUnitId: EDU, mergedOn: '2026-05-01' } : unitId === EDU ? { successorUnitId: DONGHU, mergedOn: '2026-05-15' } : undefined),
  };
  const merged: WorkPlanItemStreamEvent[] = [
    ...definedAndAssigned,
    { type: 'PartHandedOver', data: { unitId: FINANCE, successorUnitId: EDU, reason: '机构改革', handedOverOn: '2026-05-01' } },
    { type: 'PartHandedOver', data: { unitId: EDU, successorUnitId: DONGHU, reason: '机构改革', handedOverOn: '2026-05-15' } },
  ];
  const addPolice: ReviseWorkPlanItem = { type: 'ReviseWorkPlanItem', actor: supervisor, today: TODAY, revisedOn: ASSIGNED_ON, reason: '补充责任单位', addUnits: [{ unitId: POLICE, role: 'RESPONSIBLE' }], unitNames };

  it('passes 市公安局’s part to 市财政局 on 04-01, joining the record that went on through 市教育局 into 东湖区’s part: one part, 市公安局 cannot report', () => {
    expect(partsOf(assignmentsAfter(merged)).map((part) => [part.unitId, part.heldBefore ?? []])).toEqual([[FGW, []], [DONGHU, [FINANCE, EDU]]]);
    const decided = workPlanItemDecider.decide(addPolice, stateAfter(merged));
    expect(decided.filter((event) => event.type === 'PartHandedOver').map((event) => event.data)).toEqual([expect.objectContaining({ unitId: POLICE, successorUnitId: FINANCE, handedOverOn: '2026-04-01' })]);
    expect(partsOf(assignmentsAfter([...merged, ...decided])).map((part) => [part.unitId, part.heldBefore ?? []])).toEqual([[FGW, []], [DONGHU, [POLICE, FINANCE, EDU]]]);
    given([...merged, ...decided]).when({ ...report(POLICE), reportedOn: '2026-06-01', unitNames }).thenRefused('CONFLICT');
  });
});

describe('a unit removed from the item (方案调整) on a day before another unit’s part joined its part (机构改革), typed after the join (breaker8j P4)', () => {
  // 市财政局 and 东湖区 report (05-31, 06-01); 东湖区’s open part joins 市财政局’s on 07-01 (a merge or a hand-over: PartHandedOver).
  const nameOf = (unitId: string) => ({ [FGW]: '市发展改革委', [FINANCE]: '市财政局', [DONGHU]: '东湖区' })[unitId];
  const joined: WorkPlanItemStreamEvent[] = [
    ...definedAndAssigned,
    { ...reported(FINANCE), data: { ...reported(FINANCE).data, reportedOn: '2026-05-31' } } as WorkPlanItemStreamEvent,
    { ...reported(DONGHU), data: { ...reported(DONGHU).data, reportedOn: '2026-06-01' } } as WorkPlanItemStreamEvent,
    { type: 'PartHandedOver', data: { unitId: DONGHU, successorUnitId: FINANCE, reason: '机构改革', handedOverOn: '2026-07-01' } },
  ];
  const remove = (revisedOn: string): ReviseWorkPlanItem => ({
    type: 'ReviseWorkPlanItem',
    actor: supervisor,
    today: TODAY,
    revisedOn,
    reason: '方案调整，不再承担',
    removeUnitIds: [FINANCE],
    unitNames: { nameOf },
  });

  it('is refused naming the join: removing 市财政局 on 06-20 would take 东湖区’s work, still its own that day, off the item uninspected', () => {
    expect(partsOf(assignmentsAfter(joined)).map((part) => [part.unitId, part.heldBefore ?? []])).toEqual([[FGW, []], [FINANCE, [DONGHU]]]);
    given(joined)
      .when(remove('2026-06-20'))
      .thenRefused(
        'BAD_USER_INPUT',
        /\(2026-06-20\) is before the day the part of 东湖区 joined the part of 市财政局 \(2026-07-01\)/,
        /调整日期（2026-06-20）早于东湖区的任务并入市财政局任务的日期（2026-07-01）/,
      );
  });

  it('is taken on or after the join: the joined part leaves with its holder, as in date order', () => {
    // Its reports sent back first: a part whose report awaits inspection is not removed (newcomer53-10 S1).
    const sentBack: WorkPlanItemStreamEvent = { type: 'ReportSentBack', data: { unitId: FINANCE, reason: '材料不全', sentBackOn: '2026-07-01' } };
    given(joined).when(remove('2026-07-01')).thenRefused('CONFLICT', /awaiting inspection/u);
    given([...joined, sentBack])
      .when(remove('2026-07-01'))
      .then([{ type: 'UnitUnassigned', data: { unitId: FINANCE, reason: '方案调整，不再承担', unassignedOn: '2026-07-01' } }]);
  });

  it('typed in date order (removed on 06-20, then the join of 07-01) the removal stands: 东湖区’s part passes as a part of its own', () => {
    const dateOrder = [...joined.slice(0, -1), { type: 'UnitUnassigned', data: { unitId: FINANCE, reason: '方案调整，不再承担', unassignedOn: '2026-06-20' } }, joined.at(-1)!] as WorkPlanItemStreamEvent[];
    expect(partsOf(assignmentsAfter(dateOrder)).map((part) => [part.unitId, part.status, part.heldBefore ?? []])).toEqual([[FGW, 'ASSIGNED', []], [FINANCE, 'REPORTED', [DONGHU]]]);
  });
});

describe('a work-plan item’s refusals call it a work-plan item (工作事项) (breaker8i P11)', () => {
  it('a report on a completed item', () => {
    given(done).when(report(DONGHU, TODAY)).thenRefused('CONFLICT', /^The work-plan item was closed on 2026-07-01/, /^该工作事项已于 2026-07-01 销号，不再接收整改报告。$/);
  });
});

describe('a unit removed from the item (方案调整) on a day before its own part passed on (机构改革), typed after the reorganisation (breaker8j P3)', () => {
  // 市财政局 reports (05-31; 东湖区 has not — a part whose report awaits inspection is not removed, newcomer53-10 S1); 东湖区 is merged
  // (or hands its duties over) on 07-01: into 东湖新区 (HEIR), which had no part here (its part moves), or into 市财政局 (its part joins
  // 市财政局's own). Then the plan revision of 06-20 taking 东湖区 off is typed.
  const HEIR = 'unit-heir';
  const nameOf = (unitId: string) => ({ [FGW]: '市发展改革委', [FINANCE]: '市财政局', [DONGHU]: '东湖区', [HEIR]: '东湖新区' })[unitId];
  const reports = [{ ...reported(FINANCE), data: { ...reported(FINANCE).data, reportedOn: '2026-05-31' } } as WorkPlanItemStreamEvent];
  const passedTo = (successorUnitId: string): WorkPlanItemStreamEvent => ({ type: 'PartHandedOver', data: { unitId: DONGHU, successorUnitId, reason: '机构改革', handedOverOn: '2026-07-01' } });
  const moved = [...definedAndAssigned, ...reports, passedTo(HEIR)];
  const remove = (revisedOn: string): ReviseWorkPlanItem => ({ type: 'ReviseWorkPlanItem', actor: supervisor, today: TODAY, revisedOn, reason: '方案调整，不再承担', removeUnitIds: [DONGHU], unitNames: { nameOf } });
  const removed: WorkPlanItemStreamEvent = { type: 'UnitUnassigned', data: { unitId: DONGHU, reason: '方案调整，不再承担', unassignedOn: '2026-06-20' } };
  const summary = (events: readonly WorkPlanItemStreamEvent[]) => partsOf(assignmentsAfter(events)).map((part) => [part.unitId, part.status, part.heldBefore ?? []]);

  it('its part that moved to a unit with none here comes back first and leaves on 06-20: the ledger date order gives (was NOT_FOUND)', () => {
    const events = workPlanItemDecider.decide(remove('2026-06-20'), fold(workPlanItemDecider, moved));
    expect(events).toEqual([
      { type: 'PartHandOverUndone', data: { unitId: DONGHU, successorUnitId: HEIR, reason: '东湖区已于 2026-06-20 移出本工作事项，其任务不随 2026-07-01 的移交转给东湖新区', handedOverOn: '2026-07-01' } },
      removed,
    ]);
    const dateOrder = [...definedAndAssigned, ...reports, removed, passedTo(HEIR)];
    expect(summary([...moved, ...events])).toEqual([[FGW, 'ASSIGNED', []], [FINANCE, 'REPORTED', []]]);
    expect(summary(dateOrder)).toEqual(summary([...moved, ...events]));
    expect(partsOf(assignmentsOn(assignmentsAfter([...moved, ...events]), TODAY)).map((part) => part.unitId)).toEqual([FGW, FINANCE]);
  });

  it('is refused naming the record when the unit that took the part over has one of its own on it', () => {
    const heirReported = { ...reported(HEIR), data: { ...reported(HEIR).data, reportedOn: '2026-07-02' } } as WorkPlanItemStreamEvent;
    given([...moved, heirReported])
      .when(remove('2026-06-20'))
      .thenRefused('CONFLICT', /its part passed to 东湖新区 on 2026-07-01 \(a reorganisation\), and 东湖新区 has a record on it dated 2026-07-02/, /^东湖区不能自 2026-06-20 起移出本工作事项：其任务已于 2026-07-01 随机构改革移交东湖新区，东湖新区已有该任务 2026-07-02 的记录。/);
  });

  it('is refused naming the join, not NOT_FOUND, when its part joined another unit’s own part (a joined part is not separated again)', () => {
    given([...definedAndAssigned, ...reports, passedTo(FINANCE)])
      .when(remove('2026-06-20'))
      .thenRefused('CONFLICT', /its part joined the part of 市财政局 on 2026-07-01/, /^东湖区不能自 2026-06-20 起移出本工作事项：其任务已于 2026-07-01 随机构改革并入市财政局的任务，已合并的任务不能再分开。调整日期不能早于 2026-07-01（届时可移出市财政局；职能整体移交的日期录入后不能更正）。$/);
  });

  it('the join a merge made: the refusal sends the clerk to 更正合并日期, which corrects that day — not 「机构改革的日期录入后不能更正」 (h57c)', () => {
    const merged = { nameOf, mergerOf: (unitId: string) => (unitId === DONGHU ? { successorUnitId: FINANCE, mergedOn: '2026-07-01' } : undefined) };
    given([...definedAndAssigned, ...reports, passedTo(FINANCE)])
      .when({ ...remove('2026-06-20'), unitNames: merged })
      .thenRefused('CONFLICT', /the administrator corrects it in the units directory first \(更正合并日期\)/, /调整日期不能早于 2026-07-01（届时可移出市财政局；如合并日期录错，请先由管理员在单位名录中“更正合并日期”）。$/);
  });

  it('dated on or after the reorganisation the unit has no part: NOT_FOUND as before', () => {
    given(moved).when(remove('2026-07-01')).thenRefused('NOT_FOUND', /东湖区 has no part of item/, /东湖区在事项 .* 中没有任务/);
  });

  it('dated on the day of its merge, typed after the merge (the directory says so): the part comes back and leaves that day, as typed before it (breaker8l P5; was NOT_FOUND)', () => {
    const merged = { nameOf, mergerOf: (unitId: string) => (unitId === DONGHU ? { successorUnitId: HEIR, mergedOn: '2026-07-01' } : undefined), handOversOf: () => [] };
    const events = workPlanItemDecider.decide({ ...remove('2026-07-01'), unitNames: merged }, fold(workPlanItemDecider, moved));
    const sameDay: WorkPlanItemStreamEvent = { ...removed, data: { ...removed.data, unassignedOn: '2026-07-01' } } as WorkPlanItemStreamEvent;
    expect(events).toEqual([expect.objectContaining({ type: 'PartHandOverUndone', data: expect.objectContaining({ unitId: DONGHU, successorUnitId: HEIR, handedOverOn: '2026-07-01' }) }), sameDay]);
    // Typed before the merge: the removal took the part off, and the merge found nothing to pass.
    expect(summary([...moved, ...events])).toEqual([[FGW, 'ASSIGNED', []], [FINANCE, 'REPORTED', []]]);
    expect(summary([...definedAndAssigned, ...reports, sameDay])).toEqual(summary([...moved, ...events]));
    expect(partsOf(assignmentsOn(assignmentsAfter([...moved, ...events]), TODAY)).map((part) => part.unitId)).toEqual([FGW, FINANCE]);
  });
});

/*
 * breaker8n P4: 市发展改革委's part passed 06-10; on 06-20, the item still open (市财政局 and 东湖区 working), the supervisor reopens
 * it; 市财政局 and 东湖区 pass on 07-01 — in date order the item stays open (市发展改革委's part returned). Typed with the reopening
 * last, after the passes completed the item on 07-01, it was refused 「重新打开日期早于销号日期」. Judged on the item as it stood on
 * its day, it is taken: 市发展改革委's part is returned, the others stay verified, and the close-out of 07-01 no longer stands.
 */
describe('a reopening dated while the item was open, typed after a later pass completed it (breaker8n P4)', () => {
  const passedOn = (event: AssignmentEvent, inspectedOn: string): AssignmentEvent => ({ ...event, data: { ...event.data, inspectedOn } }) as AssignmentEvent;
  const fgwPassed = [...allReported, passedOn(inspected(FGW, 'PASSED', 'inspection-1'), '2026-06-10')];
  const reopening = reopen({ reopenedOn: '2026-06-20', newDueDate: RETURNED_UNTIL });
  const othersPass = [inspect(FINANCE, 'PASSED', 'inspection-2'), inspect(DONGHU, 'PASSED', 'inspection-3')];
  const typed = (events: readonly WorkPlanItemStreamEvent[], commands: readonly WorkPlanItemCommand[]) =>
    commands.reduce<WorkPlanItemStreamEvent[]>((so, command) => [...so, ...workPlanItemDecider.decide(command, stateAfter(so))], [...events]);
  const shown = (events: readonly WorkPlanItemStreamEvent[]) => {
    const parts = assignmentsAfter(events);
    return { status: stateAfter(events).status, parts: partsOf(parts).map((part) => [part.unitId, part.status, part.dueDate]), byDay: ['2026-06-15', '2026-06-20', '2026-07-01', TODAY].map((day) => partsOf(assignmentsOn(parts, day)).map((part) => [part.unitId, part.status])) };
  };

  it('typed last, it is taken: the part verified then is returned, the item is open again, as in date order', () => {
    const inDateOrder = typed(fgwPassed, [reopening, ...othersPass]);
    const asTyped = typed(fgwPassed, [...othersPass, reopening]);
    expect(shown(inDateOrder)).toMatchObject({ status: 'open', parts: [[FGW, 'RETURNED', RETURNED_UNTIL], [FINANCE, 'VERIFIED', DUE], [DONGHU, 'VERIFIED', DUE]] });
    expect(shown(asTyped)).toEqual(shown(inDateOrder));
    expect(asTyped.slice(-2).map((event) => event.type)).toEqual(['WorkPlanItemReopened', 'PartsReopened']);
    expect(asTyped.at(-1)).toMatchObject({ data: { reopenedOn: '2026-06-20', unitIds: [FGW] } });
  });

  it('dated before any part stood verified, it is refused naming the close-out: there was nothing to reopen that day', () => {
    given(typed(fgwPassed, othersPass))
      .when(reopen({ reopenedOn: '2026-06-05' }))
      .thenRefused('CONFLICT', /was not closed on 2026-06-05 \(it was closed on 2026-07-01\)/, /^工作事项 7「重大决策预公开」在 2026-06-05 尚未销号（销号日期为 2026-07-01），当日也没有已核验的任务：没有可以重新打开的内容。$/);
  });
});

describe('a withdrawal dated while the item stood completed, typed after a later reopening, is refused as in date order (ext s27)', () => {
  // Every unit reports 06-28 and passes 07-01 (销号 07-01); the item is reopened 07-02 (TODAY); a withdrawal of 07-01 comes after.
  const withdraw = (withdrawnOn: string): WorkPlanItemCommand => ({ type: 'WithdrawWorkPlanItem', actor: supervisor, today: TODAY, withdrawnOn, reason: '方案调整' });
  const reopened = [...done, ...workPlanItemDecider.decide(reopen({ reopenedOn: TODAY }), stateAfter(done))];

  it('when it is typed in date order, then it is refused: verified work is not withdrawn', () => {
    given(done).when(withdraw(INSPECTED_ON)).thenRefused('CONFLICT', /verified work/, /已于 2026-07-01 核验/);
  });

  it('when it is typed after the reopening, then it is refused the same way, naming the completion of that day; dated on the reopening it is taken', () => {
    expect(stateAfter(reopened).status).toBe('open');
    given(reopened).when(withdraw(INSPECTED_ON)).thenRefused('CONFLICT', /verified work .* completed on 2026-07-01/, /已于 2026-07-01 核验.*该事项已于 2026-07-01 销号/);
    given(reopened).when(withdraw(TODAY)).then([expect.objectContaining({ type: 'WorkPlanItemWithdrawn' }) as WorkPlanItemStreamEvent]);
  });
});

describe('a pass moved back before the day a unit was taken off the item: the item completed that day, not on the pass’s (breaker50-8 S1)', () => {
  // 市发改委 and 市财政局 pass on 07-01; 东湖区 (still open) is taken off on 07-02: the item completes on 07-02. 市发改委's pass was moved
  // to 07-05 (completing then), then back to 07-01: the item completes on 07-02 again — on 07-01 东湖区's part was still open.
  const redate = (previousOn: string, on: string): WorkPlanItemCommand => ({ type: 'CorrectFactDate', actor: supervisor, today: '2026-07-10', unitId: FGW, factType: 'InspectionLogged', previousOn, on, reason: '督查单日期' });
  const corrected = (previousOn: string, on: string): WorkPlanItemStreamEvent => ({ type: 'FactDateCorrected', data: { unitId: FGW, factType: 'InspectionLogged', previousOn, on, reason: '督查单日期', correctedOn: '2026-07-10' } });
  const removed = [...definedAndAssigned, reported(FGW), reported(FINANCE), inspected(FGW, 'PASSED', 'inspection-1'), inspected(FINANCE, 'PASSED', 'inspection-2'),
    { type: 'UnitUnassigned', data: { unitId: DONGHU, reason: '根据工作进展动态调整', unassignedOn: TODAY } } as WorkPlanItemStreamEvent, completed(TODAY)];

  it('the move past it completes the item on the pass’s new day; the move back, on the removal’s day again', () => {
    given(removed).when(redate(INSPECTED_ON, '2026-07-05')).then([corrected(INSPECTED_ON, '2026-07-05'), completed('2026-07-05')]);
    const movedPast = [...removed, corrected(INSPECTED_ON, '2026-07-05'), completed('2026-07-05')];
    given(movedPast).when(redate('2026-07-05', INSPECTED_ON)).then([corrected('2026-07-05', INSPECTED_ON), completed(TODAY)]);
  });

  it('a move that leaves the removal the last step writes no completion', () => {
    given(removed).when(redate(INSPECTED_ON, '2026-06-30')).then([corrected(INSPECTED_ON, '2026-06-30')]);
  });
});

describe('撤销误录 on a work-plan item (newcomer51-8 S1: one lifecycle for findings and items)', () => {
  const retraction = (factType: 'PartsReopened' | 'InspectionLogged', unitId = FGW) => ({ type: 'RecordRetracted' as const, data: { unitId, factType, on: INSPECTED_ON, reason: '录入时选错了事项', retractedOn: TODAY } });
  const retract = (factType: 'PartsReopened' | 'InspectionLogged', unitId = FGW): WorkPlanItemCommand => ({ type: 'RetractRecord', actor: supervisor, today: TODAY, unitId, factType, on: INSPECTED_ON, reason: '录入时选错了事项' });

  it('a reopening typed on the wrong item is retracted: the item is completed again on its last pass, nothing else written', () => {
    given(afterReopening).when(retract('PartsReopened')).then([retraction('PartsReopened')]);
    expect(stateAfter([...afterReopening, retraction('PartsReopened')])).toMatchObject({ status: 'completed', completedOn: INSPECTED_ON });
  });

  it('a pass that completed it is retracted: open again; one a later reopening answered is refused naming the reopening', () => {
    given(done).when(retract('InspectionLogged', DONGHU)).then([retraction('InspectionLogged', DONGHU)]);
    expect(stateAfter([...done, retraction('InspectionLogged', DONGHU)])).toMatchObject({ status: 'open' });
    given(afterReopening).when(retract('InspectionLogged', DONGHU)).thenRefused('CONFLICT', undefined, /重新打开不再成立.*请先撤销该重新打开/u);
    given(done).when({ ...retract('InspectionLogged', DONGHU), actor: clerkOf(DONGHU) } as WorkPlanItemCommand).thenRefused('FORBIDDEN');
  });

  // breaker53-8 S3: 东湖区's and 财政局's 交办 retracted, then the lead's — each accepted — left an item of the plan with no unit,
  // 待交办 and 整改中 at once, missing from the 工作方案进展 export, its page offering no way to name a lead.
  describe('撤销交办 of the lead (breaker53-8 S3)', () => {
    const retractAssignment = (unitId: string): WorkPlanItemCommand => ({ type: 'RetractRecord', actor: supervisor, today: TODAY, unitId, factType: 'UnitAssigned', on: ASSIGNED_ON, reason: '交办单位选错' });
    const retracted = (unitId: string) => ({ type: 'RecordRetracted' as const, data: { unitId, factType: 'UnitAssigned' as const, on: ASSIGNED_ON, reason: '交办单位选错', retractedOn: TODAY } });
    const leadAlone = [...definedAndAssigned, retracted(FINANCE), retracted(DONGHU)];

    it('given the other units’ 交办 retracted, when the lead’s is retracted, then refused: the item keeps its lead, the way to replace it said', () => {
      given(definedAndAssigned).when(retractAssignment(DONGHU)).then([retracted(DONGHU)]);
      given([...definedAndAssigned, retracted(DONGHU)]).when(retractAssignment(FINANCE)).then([retracted(FINANCE)]);
      given(leadAlone).when(retractAssignment(FGW)).thenRefused('CONFLICT', undefined, /会使工作事项 .* 没有牵头单位：方案中的每个事项都须有牵头单位。如牵头单位录错，请先以“牵头”增加正确的单位并勾选“替换原牵头单位”/u);
      given(definedAndAssigned).when(retractAssignment(FGW)).thenRefused('CONFLICT', undefined, /没有牵头单位：方案中的每个事项都须有牵头单位/u);
      given(leadAlone).when({ ...retractAssignment(FGW), actor: clerkOf(FGW) } as WorkPlanItemCommand).thenRefused('FORBIDDEN');
    });

    // newcomer54-8 S1: the refusal's own advice — replace the wrong lead (替换原牵头单位), then 撤销交办 — was refused at its second
    // step, by the step-down (牵头→责任) the replacement wrote: no record retracts that. The part is taken away as if never given, so
    // a change of its role goes with it; the new lead's 交办 stays.
    it('given the wrong lead replaced (替换原牵头单位) on its 交办 day, when its 交办 is retracted, then it is, its step-down with it', () => {
      const replace: WorkPlanItemCommand = { type: 'ReviseWorkPlanItem', actor: supervisor, today: TODAY, revisedOn: ASSIGNED_ON, reason: '导入时牵头单位录错', addUnits: [{ unitId: 'unit-police', role: 'LEAD' }], replacesLead: true };
      const replaced = [...definedAndAssigned, ...workPlanItemDecider.decide(replace, stateAfter(definedAndAssigned))];
      expect(replaced.slice(definedAndAssigned.length)).toMatchObject([{ type: 'PartRoleChanged', data: { unitId: FGW, role: 'RESPONSIBLE' } }, { type: 'UnitAssigned', data: { unitId: 'unit-police', role: 'LEAD' } }]);
      given(replaced).when(retractAssignment(FGW)).then([retracted(FGW)]);
      const parts = partsOf(assignmentsAfter([...replaced, retracted(FGW)]));
      expect(parts.map((part) => [part.unitId, part.role])).toEqual([[FINANCE, 'RESPONSIBLE'], [DONGHU, 'RESPONSIBLE'], ['unit-police', 'LEAD']]);
    });

    // h57c (breaker55-8 M1): the replacement itself typed wrong — the new lead's 交办 was refused as the item's only lead, and its
    // step-down no record retracted. Retracted, the replacement goes whole: the old lead leads again.
    it('given the lead replaced (替换原牵头单位), when the new lead’s 交办 is retracted, then the replacement is, the old lead leading again', () => {
      const replace: WorkPlanItemCommand = { type: 'ReviseWorkPlanItem', actor: supervisor, today: TODAY, revisedOn: ASSIGNED_ON, reason: '导入时牵头单位录错', addUnits: [{ unitId: 'unit-police', role: 'LEAD' }], replacesLead: true };
      const replaced = [...definedAndAssigned, ...workPlanItemDecider.decide(replace, stateAfter(definedAndAssigned))];
      const events = given(replaced).when(retractAssignment('unit-police')).decision();
      expect(events).toEqual([
        { type: 'RecordRetracted', data: { unitId: FGW, factType: 'PartRoleChanged', on: ASSIGNED_ON, ofTheDay: 1, reason: '交办单位选错', retractedOn: TODAY } },
        retracted('unit-police'),
      ]);
      expect(partsOf(assignmentsAfter([...replaced, ...events])).map((part) => [part.unitId, part.role])).toEqual([[FGW, 'LEAD'], [FINANCE, 'RESPONSIBLE'], [DONGHU, 'RESPONSIBLE']]);
    });

    it('given a joint lead (联合牵头), when one lead’s 交办 is retracted, then it is: the other still leads', () => {
      const jointly = [defined, assigned(FGW, 'LEAD'), assigned(FINANCE, 'LEAD')];
      given(jointly).when(retractAssignment(FINANCE)).then([retracted(FINANCE)]);
    });
  });
});
