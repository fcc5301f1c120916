import type { Actor } from '../../shared/command-context.js';
import { fold } from '../../shared/decider.js';
import { admin, clerkOf, inspector, supervisor, system } from '../../shared/testing/actors.js';
import { ChangedMeanwhile, say, type ErrorCode } from '../../shared/domain-error.js';
import { given as givenDecider } from '../../shared/testing/decider-testing.js';
import type {
  AssignUnit,
  AssignmentCommand,
  CorrectFactDate,
  CorrectInspection,
  CorrectReportDate,
  DecideExtension,
  HandOverPart,
  LogInspection,
  ReopenParts,
  ReportRectification,
  ReturnsPart,
  RequestExtension,
  SendBackReport,
  UrgeUnit,
  WithdrawExtensionRequest,
  UnitNames,
} from './assignment.commands.js';
import {
  allPartsVerified,
  assignmentsOn,
  closedOn,
  decideAssignment,
  evolveAssignments,
  handOversDue,
  handOversUndone,
  initialAssignmentsState,
  partOf,
  partsOf,
  type AssignmentParentContext,
  type AssignmentsState,
} from './assignment.decider.js';
import { assignmentEventSchemas, type AssignmentEvent, type Evidence, type ExtensionRequested, type InspectionLogged } from './assignment.events.js';
import { EventSchemaRegistry } from '../../shared/event-schemas.js';
import { handOversAfterWithdrawal } from './part-facts.js';

// ---------------------------------------------------------------------------------------------
// given / when / then

const openParent: AssignmentParentContext = { parentClosed: false };
const closedParent: AssignmentParentContext = { parentClosed: true };

const assignments = { initialState: initialAssignmentsState, evolve: evolveAssignments };
const stateAfter = (events: readonly AssignmentEvent[]): AssignmentsState => fold(assignments, events);

/** The parts of a parent that is open, or closed when `context` says so. */
const given = (events: readonly AssignmentEvent[], context: AssignmentParentContext = openParent) =>
  givenDecider(assignments, events, (command: AssignmentCommand, state) => decideAssignment(command, state, context));

// ---------------------------------------------------------------------------------------------
// fixtures: 市财政局 leads, 市环境保护局 is responsible

const FINANCE = 'unit-finance';
const ENVIRONMENT = 'unit-environment';
const DUE = '2025-06-30';
const ASSIGNED_ON = '2025-06-01';
const REQUESTED_ON = '2025-06-20';
const REPORTED_ON = '2025-06-28';
const INSPECTED_ON = '2025-07-01';
const TODAY = '2025-07-10';
/** Reports go back the day after they came, before the due date. */
const SENT_BACK_ON = '2025-06-29';
/** The new due date of parts returned after their due date. */
const RETURNED_UNTIL = '2025-08-31';

/** The units directory as the handlers pass it in, for refusals to name units. */
const DIRECTORY = { nameOf: (unitId: string) => ({ [FINANCE]: '市财政局', [ENVIRONMENT]: '市环境保护局' })[unitId] };

const evidence: Evidence[] = [
  { title: '2024 annual report published', link: 'https://example.gov.cn/finance/2024-report', documentRef: null },
];

// events

const leadAssigned: AssignmentEvent = { type: 'UnitAssigned', data: { unitId: FINANCE, role: 'LEAD', dueDate: DUE, assignedOn: ASSIGNED_ON } };
const responsibleAssigned: AssignmentEvent = {
  type: 'UnitAssigned',
  data: { unitId: ENVIRONMENT, role: 'RESPONSIBLE', dueDate: DUE, assignedOn: ASSIGNED_ON },
};
const reported = (unitId = FINANCE, reportedOn = REPORTED_ON): AssignmentEvent => ({
  type: 'RectificationReported',
  data: { unitId, summary: 'Budget tables are now on the portal.', evidence, reportedOn },
});
const inspected = (outcome: 'PASSED' | 'FAILED', inspectionId = 'inspection-1', unitId = FINANCE): InspectionLogged => ({
  type: 'InspectionLogged',
  data: {
    unitId,
    inspectionId,
    outcome,
    notes: outcome === 'FAILED' ? 'The 2023 budget is still missing.' : '',
    inspectedOn: INSPECTED_ON,
    place: '市财政局',
    ...(outcome === 'FAILED' ? { newDueDate: RETURNED_UNTIL } : {}),
  },
});
const sentBack: AssignmentEvent = {
  type: 'ReportSentBack',
  data: { unitId: FINANCE, reason: 'No evidence of the budget.', sentBackOn: SENT_BACK_ON },
};
const extensionRequested: ExtensionRequested = {
  type: 'ExtensionRequested',
  data: { unitId: FINANCE, requestId: 'extension-1', requestedDueDate: '2025-07-31', reason: 'Portal migration.', requestedOn: REQUESTED_ON },
};

// commands

const assign = (overrides: Partial<AssignUnit> = {}): AssignUnit => ({
  type: 'AssignUnit',
  actor: supervisor,
  today: TODAY,
  unitId: FINANCE,
  role: 'LEAD',
  dueDate: DUE,
  assignedOn: ASSIGNED_ON,
  ...overrides,
});
const report = (overrides: Partial<ReportRectification> = {}): ReportRectification => ({
  type: 'ReportRectification',
  actor: clerkOf(FINANCE),
  today: REPORTED_ON,
  unitId: FINANCE,
  summary: 'Budget tables are now on the portal.',
  evidence,
  reportedOn: REPORTED_ON,
  ...overrides,
});
const sendBack = (overrides: Partial<SendBackReport> = {}): SendBackReport => ({
  type: 'SendBackReport',
  actor: supervisor,
  today: SENT_BACK_ON,
  unitId: FINANCE,
  reason: 'No evidence of the budget.',
  sentBackOn: SENT_BACK_ON,
  ...overrides,
});
const inspect = (overrides: Partial<LogInspection> = {}): LogInspection => ({
  type: 'LogInspection',
  actor: inspector,
  today: TODAY,
  unitId: FINANCE,
  inspectionId: 'inspection-1',
  outcome: 'PASSED',
  notes: '',
  inspectedOn: INSPECTED_ON,
  place: '市财政局',
  ...overrides,
});
const requestExtension = (overrides: Partial<RequestExtension> = {}): RequestExtension => ({
  type: 'RequestExtension',
  actor: clerkOf(FINANCE),
  unitId: FINANCE,
  today: REQUESTED_ON,
  requestId: 'extension-1',
  requestedDueDate: '2025-07-31',
  reason: 'Portal migration.',
  requestedOn: REQUESTED_ON,
  ...overrides,
});
const decideExtension = (overrides: Partial<DecideExtension> = {}): DecideExtension => ({
  type: 'DecideExtension',
  actor: supervisor,
  today: TODAY,
  unitId: FINANCE,
  requestId: 'extension-1',
  approve: true,
  decidedOn: REQUESTED_ON,
  ...overrides,
});
const withdrawRequest = (overrides: Partial<WithdrawExtensionRequest> = {}): WithdrawExtensionRequest => ({
  type: 'WithdrawExtensionRequest',
  actor: clerkOf(FINANCE),
  unitId: FINANCE,
  today: REQUESTED_ON,
  requestId: 'extension-1',
  reason: '申请延至的日期填错。',
  withdrawnOn: REQUESTED_ON,
  ...overrides,
});
const urge = (overrides: Partial<UrgeUnit> = {}): AssignmentCommand => ({
  type: 'UrgeUnit',
  actor: supervisor,
  today: TODAY,
  unitId: FINANCE,
  message: 'Please report by Friday.',
  urgedOn: REQUESTED_ON,
  ...overrides,
});
const reopen = (overrides: Partial<ReopenParts> = {}): ReopenParts => ({
  type: 'ReopenParts',
  actor: supervisor,
  today: TODAY,
  newDueDate: RETURNED_UNTIL,
  reason: 'The evaluation body found the portal page removed.',
  reopenedOn: TODAY,
  ...overrides,
});

// ---------------------------------------------------------------------------------------------

describe('no unit assigned yet', () => {
  it('a supervisor assigns the lead unit', () => {
    given([]).when(assign()).then([leadAssigned]);
  });

  it.each([admin, system])('$role may assign too', (actor) => {
    given([]).when(assign({ actor })).then([leadAssigned]);
  });

  it.each([inspector, clerkOf(FINANCE)])('$role may not assign', (actor) => {
    given([]).when(assign({ actor })).thenRefused('FORBIDDEN');
  });

  it('refuses assigning to a closed parent', () => {
    given([], closedParent).when(assign()).thenRefused('CONFLICT');
  });

  it.each(['2025-02-29', '2025-13-01', '30/06/2025', ''])('refuses due date %p', (dueDate) => {
    given([]).when(assign({ dueDate })).thenRefused('BAD_USER_INPUT');
  });

  it('accepts a leap day', () => {
    given([])
      .when(assign({ dueDate: '2024-02-29', assignedOn: '2024-02-01' }))
      .then([{ type: 'UnitAssigned', data: { unitId: FINANCE, role: 'LEAD', dueDate: '2024-02-29', assignedOn: '2024-02-01' } }]);
  });

  it('a unit cannot report on a part it was not given', () => {
    given([]).when(report()).thenRefused('NOT_FOUND');
  });

  it.each<AssignmentCommand>([
    sendBack(),
    inspect(),
    urge(),
    requestExtension(),
    decideExtension(),
  ])('$type on an unassigned unit is NOT_FOUND', (command) => {
    given([]).when(command).thenRefused('NOT_FOUND');
  });

  it('has no verified parts', () => {
    expect(allPartsVerified(stateAfter([]))).toBe(false);
  });
});

describe('ASSIGNED', () => {
  const assigned = [leadAssigned];

  describe('assigning more units', () => {
    it('adds responsible units beside the lead', () => {
      given(assigned)
        .when(assign({ unitId: ENVIRONMENT, role: 'RESPONSIBLE' }))
        .then([responsibleAssigned]);
    });

    it('refuses a second lead', () => {
      given(assigned).when(assign({ unitId: ENVIRONMENT, role: 'LEAD' })).thenRefused('CONFLICT');
    });

    it('refuses assigning the same unit twice', () => {
      given(assigned).when(assign({ role: 'RESPONSIBLE' })).thenRefused('CONFLICT');
    });
  });

  describe('reporting', () => {
    it('the unit reports its rectification', () => {
      given(assigned).when(report()).then([reported()]);
    });

    it('accepts evidence that is only a document reference', () => {
      const documentOnly: Evidence[] = [{ title: 'Notice', link: null, documentRef: '财办〔2025〕12号' }];
      given(assigned)
        .when(report({ evidence: documentOnly }))
        .then([
          {
            type: 'RectificationReported',
            data: { unitId: FINANCE, summary: 'Budget tables are now on the portal.', evidence: documentOnly, reportedOn: REPORTED_ON },
          },
        ]);
    });

    it.each([
      ['another unit', clerkOf(ENVIRONMENT)],
      ['a unit account without a unit', { id: 'user-x', role: 'UNIT', unitId: null } satisfies Actor],
      ['an inspector', inspector],
      ['an administrator', admin],
    ])('%s may not report for the unit', (_who, actor) => {
      given(assigned).when(report({ actor })).thenRefused('FORBIDDEN');
    });

    describe('代录: the office enters a unit’s paper report on its behalf (newcomer49-8 M5)', () => {
      it('a supervisor reports the unit’s part, the event naming the supervisor who entered it', () => {
        given(assigned)
          .when(report({ actor: supervisor, reportedOn: '2025-06-20' }))
          .then([
            {
              type: 'RectificationReported',
              data: { unitId: FINANCE, summary: 'Budget tables are now on the portal.', evidence, reportedOn: '2025-06-20', enteredBy: supervisor.id },
            },
          ]);
      });

      it('the unit’s own report names no one else', () => {
        const [event] = decideAssignment(report(), stateAfter(assigned), openParent);
        expect(event?.data).not.toHaveProperty('enteredBy');
      });

      it('the part reads reported by the unit, as its own report would', () => {
        const [event] = decideAssignment(report({ actor: supervisor }), stateAfter(assigned), openParent);
        expect(partOf(stateAfter([...assigned, event!]), FINANCE)).toEqual(partOf(stateAfter([...assigned, ...decideAssignment(report(), stateAfter(assigned), openParent)]), FINANCE));
      });

      it('an inspector may not: the refusal says who may', () => {
        expect(() => decideAssignment(report({ actor: inspector, unitNames: DIRECTORY }), stateAfter(assigned), openParent)).toThrow(
          expect.objectContaining({ code: 'FORBIDDEN', messageZh: '只有市财政局的用户可以报送本单位的整改情况；督办人员可依据纸质报告代录。' }),
        );
      });

      it('a unit still reports only its own part', () => {
        given(assigned).when(report({ actor: clerkOf(ENVIRONMENT) })).thenRefused('FORBIDDEN');
      });

      it('a 代录 report is judged as the unit’s: no report before the assignment, none while one awaits inspection', () => {
        given(assigned).when(report({ actor: supervisor, reportedOn: '2025-05-31' })).thenRefused('BAD_USER_INPUT');
        given([...assigned, { type: 'RectificationReported', data: { unitId: FINANCE, summary: 's', evidence, reportedOn: '2025-06-20' } }])
          .when(report({ actor: supervisor }))
          .thenRefused('CONFLICT');
      });
    });

    it('refuses a report on a closed parent', () => {
      given(assigned, closedParent).when(report()).thenRefused('CONFLICT');
    });

    it.each<[string, Partial<ReportRectification>]>([
      ['a blank summary', { summary: '  ' }],
      ['no evidence', { evidence: [] }],
      ['evidence without a title', { evidence: [{ title: '', link: 'https://example.gov.cn', documentRef: null }] }],
      ['evidence with neither link nor document', { evidence: [{ title: 'Photo', link: ' ', documentRef: null }] }],
    ])('refuses %s', (_what, overrides) => {
      given(assigned).when(report(overrides)).thenRefused('BAD_USER_INPUT');
    });
  });

  it('there is no report to send back', () => {
    given(assigned).when(sendBack()).thenRefused('CONFLICT');
  });

  it('there is no report to inspect', () => {
    given(assigned).when(inspect()).thenRefused('CONFLICT');
  });

  describe('urging', () => {
    it('the supervisor urges the unit', () => {
      given(assigned)
        .when(urge())
        .then([{ type: 'UnitUrged', data: { unitId: FINANCE, message: 'Please report by Friday.', urgedOn: REQUESTED_ON } }]);
    });

    it.each([inspector, admin, clerkOf(FINANCE)])('$role may not urge', (actor) => {
      given(assigned).when(urge({ actor })).thenRefused('FORBIDDEN');
    });

    it('needs a message', () => {
      given(assigned).when(urge({ message: '' })).thenRefused('BAD_USER_INPUT');
    });

    it('counts urgings', () => {
      const urged: AssignmentEvent = { type: 'UnitUrged', data: { unitId: FINANCE, message: 'Hurry.', urgedOn: REQUESTED_ON } };
      expect(partOf(stateAfter([...assigned, urged, urged]), FINANCE)?.urgeCount).toBe(2);
    });
  });

  describe('requesting an extension', () => {
    it('the unit asks for a later due date', () => {
      given(assigned).when(requestExtension()).then([extensionRequested]);
    });

    // A supervisor enters a unit's paper request (代录, newcomer51-8 S2: see 'extensions' below); another unit or an inspector may not ask.
    it.each([clerkOf(ENVIRONMENT), inspector])('$role may not ask on behalf of the unit', (actor) => {
      given(assigned).when(requestExtension({ actor })).thenRefused('FORBIDDEN');
    });

    it('may still ask on the due date itself', () => {
      given(assigned)
        .when(requestExtension({ today: DUE, requestedOn: DUE }))
        .then([{ ...extensionRequested, data: { ...extensionRequested.data, requestedOn: DUE } }]);
    });

    it('is too late once the due date has passed', () => {
      given(assigned).when(requestExtension({ today: '2025-07-01', requestedOn: '2025-07-01' })).thenRefused('CONFLICT', /must be asked for before it/, /延期须在截止日期前申请/);
    });

    // breaker8t P4: reported on time, the report awaiting inspection on the day asked — the failed inspection of that day not typed yet.
    it('after the due date, while the on-time report awaits inspection: not called late, told to enter that day’s failed inspection or send-back first', () => {
      given([leadAssigned, reported(FINANCE, '2025-06-20')])
        .when(requestExtension({ today: TODAY, requestedOn: INSPECTED_ON, requestedDueDate: '2025-08-15', unitNames: DIRECTORY }))
        .thenRefused(
          'CONFLICT',
          /had reported on 2025-06-20; on 2025-07-01 that report was awaiting inspection\. If an inspection failed it or it was sent back on or before 2025-07-01, enter that first; then an extension can be entered\./,
          /^市财政局已于 2025-06-20 报送整改情况，2025-07-01 时该报告正在等待督查。如该报告在 2025-07-01 或之前已督查未通过或被退办，请先录入督查结果或退办，再录入延期申请。$/,
        );
    });

    it('after the due date, once that day’s failed inspection is entered: taken (the unit needs time to fix what it found)', () => {
      const failedThatDay: AssignmentEvent = { ...inspected('FAILED'), data: { ...inspected('FAILED').data, inspectedOn: INSPECTED_ON } };
      given([leadAssigned, reported(FINANCE, '2025-06-20'), failedThatDay])
        .when(requestExtension({ today: TODAY, requestedOn: INSPECTED_ON, requestedDueDate: '2025-09-15' }))
        .then([{ ...extensionRequested, data: { ...extensionRequested.data, requestedOn: INSPECTED_ON, requestedDueDate: '2025-09-15' } }]);
    });

    it.each<[string, Partial<RequestExtension>]>([
      ['a blank reason', { reason: ' ' }],
      ['the same due date', { requestedDueDate: DUE }],
      ['an earlier due date', { requestedDueDate: '2025-06-01' }],
      ['an invalid date', { requestedDueDate: '2025-06-31' }],
    ])('refuses %s', (_what, overrides) => {
      given(assigned).when(requestExtension(overrides)).thenRefused('BAD_USER_INPUT');
    });
  });

  describe('reopening the parent', () => {
    it('a part that never reported still awaits its first report', () => {
      const state = stateAfter([...assigned, { type: 'PartsReopened', data: { reason: 'Reopened.', reopenedOn: TODAY } }]);
      expect(partOf(state, FINANCE)?.status).toBe('ASSIGNED');
    });
  });
});

describe('ASSIGNED with an extension request pending', () => {
  const pending = [leadAssigned, extensionRequested];

  it('the supervisor grants the requested date', () => {
    given(pending)
      .when(decideExtension())
      .then([
        {
          type: 'ExtensionGranted',
          data: { unitId: FINANCE, requestId: 'extension-1', previousDueDate: DUE, newDueDate: '2025-07-31', decidedOn: REQUESTED_ON },
        },
      ]);
  });

  it('refuses granting a day already past on the decision day: the part would be overdue the moment it was granted (breaker11 F14) — naming the decision day, the reply’s own date asked for (newcomer52-8 M4)', () => {
    given(pending)
      .when(decideExtension({ decidedOn: '2025-07-08', today: TODAY, newDueDate: '2025-07-05' }))
      .thenRefused(
        'BAD_USER_INPUT',
        /The decision date 2025-07-08 is after the new due date 2025-07-05.*give the reply's own date as the decision date \(the request is dated 2025-06-20\)/,
        /^审批日期 2025-07-08 晚于新的截止日期 2025-07-05（批准时该日期已过）。补录纸质批复时，审批日期请填批复的落款日期（该申请的申请日期为 2025-06-20）。$/,
      );
    given(pending).when(decideExtension({ decidedOn: '2025-07-08', newDueDate: '2025-07-05' })).thenRefusedAt('decidedOn');
    // Granted on the reply's own day, it is taken.
    given(pending)
      .when(decideExtension({ decidedOn: '2025-07-01', today: TODAY, newDueDate: '2025-07-05' }))
      .then([{ type: 'ExtensionGranted', data: { unitId: FINANCE, requestId: 'extension-1', previousDueDate: DUE, newDueDate: '2025-07-05', decidedOn: '2025-07-01' } }]);
  });

  it('keeps the supervisor’s words with an approval (审批意见; newcomer52-9 M1: dropped), trimmed; blank words are none', () => {
    given(pending)
      .when(decideExtension({ reason: ' 同意延期 ' }))
      .then([
        {
          type: 'ExtensionGranted',
          data: { unitId: FINANCE, requestId: 'extension-1', previousDueDate: DUE, newDueDate: '2025-07-31', decidedOn: REQUESTED_ON, reason: '同意延期' },
        },
      ]);
    expect(given(pending).when(decideExtension({ reason: '  ' })).decision()[0]!.data).not.toHaveProperty('reason');
  });

  it('the supervisor grants a different date', () => {
    given(pending)
      .when(decideExtension({ newDueDate: '2025-07-15' }))
      .then([
        {
          type: 'ExtensionGranted',
          data: { unitId: FINANCE, requestId: 'extension-1', previousDueDate: DUE, newDueDate: '2025-07-15', decidedOn: REQUESTED_ON },
        },
      ]);
  });

  it.each(['2025-06-30', '2025-06-01', '2025-07-32'])('refuses granting new due date %p', (newDueDate) => {
    given(pending).when(decideExtension({ newDueDate })).thenRefused('BAD_USER_INPUT');
  });

  it('the supervisor refuses with a reason', () => {
    given(pending)
      .when(decideExtension({ approve: false, reason: 'The deadline is set by the province.' }))
      .then([
        {
          type: 'ExtensionRefused',
          data: { unitId: FINANCE, requestId: 'extension-1', reason: 'The deadline is set by the province.', decidedOn: REQUESTED_ON },
        },
      ]);
  });

  it('a refusal needs a reason', () => {
    given(pending).when(decideExtension({ approve: false })).thenRefused('BAD_USER_INPUT');
  });

  it.each([inspector, admin, clerkOf(FINANCE)])('$role may not decide', (actor) => {
    given(pending).when(decideExtension({ actor })).thenRefused('FORBIDDEN');
  });

  it('an unknown request is NOT_FOUND', () => {
    given(pending).when(decideExtension({ requestId: 'extension-9' })).thenRefused('NOT_FOUND');
  });

  it('only one request may be pending', () => {
    given(pending)
      .when(requestExtension({ requestId: 'extension-2', requestedDueDate: '2025-08-31' }))
      .thenRefused('CONFLICT');
  });

  describe('once decided', () => {
    const granted: AssignmentEvent = {
      type: 'ExtensionGranted',
      data: { unitId: FINANCE, requestId: 'extension-1', previousDueDate: DUE, newDueDate: '2025-07-31', decidedOn: REQUESTED_ON },
    };
    const refused: AssignmentEvent = {
      type: 'ExtensionRefused',
      data: { unitId: FINANCE, requestId: 'extension-1', reason: 'No.', decidedOn: REQUESTED_ON },
    };

    it.each([granted, refused])('after $type the request cannot be decided again', (decision) => {
      given([...pending, decision]).when(decideExtension()).thenRefused('CONFLICT');
    });

    describe('a second supervisor deciding it (newcomer52-9 M1: 「…已批准。」 said neither who, when nor to which date)', () => {
      /** The refusal as the write path words it, as if 张伟 decided at 2026-12-07 06:28 giving `reason`. */
      const toldAfter = (decision: AssignmentEvent, reason?: string) => {
        let refusal: unknown;
        try {
          given([...pending, decision]).when(decideExtension({ newDueDate: '2025-07-20', reason: '同意延到20日', unitNames: DIRECTORY })).decision();
        } catch (error) {
          refusal = error;
        }
        expect(refusal).toBeInstanceOf(ChangedMeanwhile);
        const { change, details, code } = refusal as ChangedMeanwhile;
        expect({ code, details, types: change.types, unitId: change.unitId, matching: change.matching }).toEqual({
          code: 'CONFLICT',
          details: { field: 'requestId', reason: 'ALREADY_DECIDED' },
          types: ['ExtensionGranted', 'ExtensionRefused'],
          unitId: FINANCE,
          matching: { requestId: 'extension-1' },
        });
        return change.told({ who: say('Zhang Wei', '张伟（政务公开办）'), at: '2026-12-07 06:28', ...(reason === undefined ? {} : { reason }) });
      };
      it('given a grant, tells who granted it, when, to which date and what to do; nothing recorded', () =>
        expect(toldAfter(granted, '同意').zh).toBe(
          `市财政局的该项延期申请刚由张伟（政务公开办）批准，时限延至 2025-07-31（北京时间 2026-12-07 06:28，记为 ${REQUESTED_ON}；理由：同意）：本次未作修改。一项申请只审批一次：如认为应批准其他时限，请与审批人核实；需要更晚的时限的，请单位另行申请延期。`,
        ));
      it('given a refusal, tells who refused it, when and why', () =>
        expect(toldAfter(refused, 'No.').zh).toBe(`市财政局的该项延期申请刚由张伟（政务公开办）驳回（北京时间 2026-12-07 06:28，记为 ${REQUESTED_ON}；理由：No.）：本次未作修改。一项申请只审批一次：如仍需延期，请单位另行申请。`));
    });

    it('a granted extension moves the due date', () => {
      expect(partOf(stateAfter([...pending, granted]), FINANCE)?.dueDate).toBe('2025-07-31');
    });

    it('a new request must go beyond the extended due date', () => {
      given([...pending, granted])
        .when(requestExtension({ requestId: 'extension-2', requestedDueDate: '2025-07-20' }))
        .thenRefused('BAD_USER_INPUT');
    });

    it('after a refusal the unit may ask again, under a new request id', () => {
      given([...pending, refused])
        .when(requestExtension({ requestId: 'extension-2' }))
        .then([{ ...extensionRequested, data: { ...extensionRequested.data, requestId: 'extension-2' } }]);
    });

    it('a request id cannot be reused', () => {
      given([...pending, refused]).when(requestExtension()).thenRefused('CONFLICT');
    });
  });
});

describe('ASSIGNED with an extension request pending, which the unit withdraws (撤回延期申请, newcomer23 S3)', () => {
  const pending = [leadAssigned, extensionRequested];
  const withdrawn: AssignmentEvent = {
    type: 'ExtensionRequestWithdrawn',
    data: { unitId: FINANCE, requestId: 'extension-1', reason: '申请延至的日期填错。', withdrawnOn: REQUESTED_ON },
  };

  it('the unit takes its own pending request back, with a reason and the office day', () => {
    given(pending).when(withdrawRequest()).then([withdrawn]);
    expect(partOf(stateAfter([...pending, withdrawn]), FINANCE)?.extensionRequests).toEqual([
      expect.objectContaining({ requestId: 'extension-1', status: 'WITHDRAWN', withdrawnOn: REQUESTED_ON }),
    ]);
  });

  it('a withdrawal entered late is dated on its day', () => {
    given(pending).when(withdrawRequest({ today: TODAY, withdrawnOn: '2025-06-22' })).then([{ ...withdrawn, data: { ...withdrawn.data, withdrawnOn: '2025-06-22' } }]);
  });

  it('the due date stays, and the unit may ask again — for the date it meant', () => {
    expect(partOf(stateAfter([...pending, withdrawn]), FINANCE)?.dueDate).toBe(DUE);
    given([...pending, withdrawn])
      .when(requestExtension({ requestId: 'extension-2', requestedDueDate: '2025-07-10' }))
      .then([{ ...extensionRequested, data: { ...extensionRequested.data, requestId: 'extension-2', requestedDueDate: '2025-07-10' } }]);
  });

  it('a withdrawn request is decided by no one: not on a later day, nor on its day while that day is today', () => {
    given([...pending, withdrawn]).when(decideExtension({ decidedOn: '2025-06-21' })).thenRefused('CONFLICT', /withdrawn/, /已于 2025-06-20 撤回该项延期申请/);
    given([...pending, withdrawn]).when(decideExtension({ decidedOn: '2025-06-21', approve: false, reason: '不同意' })).thenRefused('CONFLICT');
    // Both entered on their own day: the order they were entered in is the order they happened.
    given([...pending, withdrawn]).when(decideExtension({ today: REQUESTED_ON })).thenRefused('CONFLICT', /withdrawn/, /已于 2025-06-20 撤回该项延期申请/);
  });

  /*
   * breaker8v P3: the unit's withdrawal and the office's decision of one office day, entered later from paper — nothing orders
   * the two, and the due date followed typing order. The office's decision stands, in both orders; the withdrawal stays on record.
   */
  describe.each([
    ['a grant', true],
    ['a refusal', false],
  ] as const)('a withdrawal and %s of one day, entered later from paper (breaker8v P3)', (_decision, approve) => {
    const DAY = '2025-06-22';
    const withdrawal = withdrawRequest({ today: TODAY, withdrawnOn: DAY });
    const decision = decideExtension({ decidedOn: DAY, ...(approve ? {} : { approve: false, reason: '不同意' }) });
    const withdrawnThatDay: AssignmentEvent = { ...withdrawn, data: { ...withdrawn.data, withdrawnOn: DAY } };
    const decided: AssignmentEvent = approve
      ? { type: 'ExtensionGranted', data: { unitId: FINANCE, requestId: 'extension-1', previousDueDate: DUE, newDueDate: '2025-07-31', decidedOn: DAY } }
      : { type: 'ExtensionRefused', data: { unitId: FINANCE, requestId: 'extension-1', reason: '不同意', decidedOn: DAY } };

    it('the decision typed after the withdrawal is taken', () => {
      given([...pending, withdrawnThatDay]).when(decision).then([decided]);
    });

    it('the withdrawal typed after the decision is taken, and answers nothing', () => {
      given([...pending, decided]).when(withdrawal).then([withdrawnThatDay]);
    });

    it('the part reads the decision in both orders, now and on every day: its status, its due date', () => {
      const read = (events: readonly AssignmentEvent[]) => [TODAY, DAY, '2025-06-21'].map((day) => partOf(assignmentsOn(stateAfter(events), day), FINANCE)).map((part) => [part?.dueDate, part?.extensionRequests]);
      const withdrawalFirst = read([...pending, withdrawnThatDay, decided]);
      expect(withdrawalFirst).toEqual(read([...pending, decided, withdrawnThatDay]));
      expect(withdrawalFirst[0]).toEqual([approve ? '2025-07-31' : DUE, [expect.objectContaining({ status: approve ? 'GRANTED' : 'REFUSED', decidedOn: DAY })]]);
      expect(withdrawalFirst[0]![1]).toEqual([expect.not.objectContaining({ withdrawnOn: expect.anything() })]);
    });

    it('entered on that day itself, the second is refused as the order they happened in', () => {
      const live = { today: DAY };
      given([...pending, withdrawnThatDay]).when({ ...decision, ...live }).thenRefused('CONFLICT');
      given([...pending, decided]).when({ ...withdrawal, ...live }).thenRefused('CONFLICT');
    });
  });

  it('is withdrawn once: a second withdrawal is told when the first was', () => {
    given([...pending, withdrawn]).when(withdrawRequest()).thenRefused('CONFLICT', /already withdrawn/, /已于 2025-06-20 撤回/);
  });

  it('only by the unit whose request it is', () => {
    given(pending).when(withdrawRequest({ actor: clerkOf(ENVIRONMENT) })).thenRefused('FORBIDDEN', /Only/, /只有该单位的用户可以撤回该单位的延期申请/);
    given(pending).when(withdrawRequest({ actor: supervisor })).thenRefused('FORBIDDEN');
  });

  it('names an existing request of the part', () => {
    given(pending).when(withdrawRequest({ requestId: 'extension-9' })).thenRefused('NOT_FOUND');
    given([leadAssigned, responsibleAssigned, extensionRequested]).when(withdrawRequest({ actor: clerkOf(ENVIRONMENT), unitId: ENVIRONMENT })).thenRefused('NOT_FOUND');
  });

  it.each<[string, Partial<WithdrawExtensionRequest>]>([
    ['a day before the request', { withdrawnOn: '2025-06-19' }],
    ['a day in the future', { withdrawnOn: '2025-06-21' }],
    ['no reason', { reason: '  ' }],
  ])('refuses %s', (_, overrides) => {
    given(pending).when(withdrawRequest(overrides)).thenRefused('BAD_USER_INPUT');
  });

  describe('once decided', () => {
    const granted: AssignmentEvent = {
      type: 'ExtensionGranted',
      data: { unitId: FINANCE, requestId: 'extension-1', previousDueDate: DUE, newDueDate: '2025-07-31', decidedOn: '2025-06-21' },
    };
    const refused: AssignmentEvent = { type: 'ExtensionRefused', data: { unitId: FINANCE, requestId: 'extension-1', reason: '不同意。', decidedOn: '2025-06-21' } };

    it('a granted request cannot be withdrawn: the refusal says when it was granted', () => {
      given([...pending, granted]).when(withdrawRequest({ today: TODAY, withdrawnOn: '2025-06-22' })).thenRefused('CONFLICT', /granted on 2025-06-21/, /已于 2025-06-21 批准，不能再撤回/);
    });

    it('a refused request cannot be withdrawn either', () => {
      given([...pending, refused]).when(withdrawRequest({ today: TODAY, withdrawnOn: '2025-06-22' })).thenRefused('CONFLICT', /refused/, /已于 2025-06-21 驳回/);
    });

    it('a lapsed request (its part verified) has nothing to withdraw', () => {
      const reported: AssignmentEvent = { type: 'RectificationReported', data: { unitId: FINANCE, summary: '已完成', evidence, reportedOn: '2025-06-21' } };
      const passed: AssignmentEvent = { type: 'InspectionLogged', data: { unitId: FINANCE, inspectionId: 'i-1', outcome: 'PASSED', notes: '', inspectedOn: '2025-06-22', place: '' } };
      given([...pending, reported, passed]).when(withdrawRequest({ today: TODAY, withdrawnOn: '2025-06-23' })).thenRefused('CONFLICT', /lapsed/, /失效/);
    });

    it('a withdrawal typed late, dated after a decision already entered, is refused as in date order', () => {
      // Decided on 06-21 and entered; the unit's paper withdrawal of 06-22 comes in later: the request was no longer pending.
      given([...pending, granted]).when(withdrawRequest({ today: TODAY, withdrawnOn: '2025-06-22' })).thenRefused('CONFLICT');
    });

    it('a decision entered late, dated after the withdrawal, is refused: nothing was pending then', () => {
      given([...pending, withdrawn]).when(decideExtension({ decidedOn: '2025-06-25' })).thenRefused('CONFLICT');
    });
  });
});

describe('REPORTED', () => {
  const awaitingInspection = [leadAssigned, reported()];

  it('the unit cannot report again while awaiting inspection', () => {
    given(awaitingInspection).when(report()).thenRefused('CONFLICT');
  });

  it('counts the report and keeps it', () => {
    const part = partOf(stateAfter(awaitingInspection), FINANCE);
    expect(part).toMatchObject({
      status: 'REPORTED',
      reportCount: 1,
      lastReport: { summary: 'Budget tables are now on the portal.', evidence },
    });
  });

  describe('sending back', () => {
    it('the supervisor sends the report back', () => {
      given(awaitingInspection).when(sendBack()).then([sentBack]);
    });

    it.each([inspector, admin, clerkOf(FINANCE)])('$role may not send back', (actor) => {
      given(awaitingInspection).when(sendBack({ actor })).thenRefused('FORBIDDEN');
    });

    it('needs a reason', () => {
      given(awaitingInspection).when(sendBack({ reason: '' })).thenRefused('BAD_USER_INPUT');
    });
  });

  describe('inspecting', () => {
    it('an inspector logs a passed inspection', () => {
      given(awaitingInspection).when(inspect()).then([inspected('PASSED')]);
    });

    it('the supervisor may log one too', () => {
      given(awaitingInspection).when(inspect({ actor: supervisor })).then([inspected('PASSED')]);
    });

    it('a failed inspection carries notes', () => {
      given(awaitingInspection)
        .when(inspect({ outcome: 'FAILED', notes: 'The 2023 budget is still missing.', newDueDate: RETURNED_UNTIL }))
        .then([inspected('FAILED')]);
    });

    it('a failed inspection without notes is refused', () => {
      given(awaitingInspection)
        .when(inspect({ outcome: 'FAILED', notes: ' ', newDueDate: RETURNED_UNTIL }))
        .thenRefused('BAD_USER_INPUT', /Notes/);
    });

    it('an inspection may be dated today', () => {
      given(awaitingInspection)
        .when(inspect({ inspectedOn: TODAY }))
        .then([{ ...inspected('PASSED'), data: { ...inspected('PASSED').data, inspectedOn: TODAY } }]);
    });

    it.each(['2025-07-11', '2025-02-30', 'yesterday'])('refuses inspection date %p', (inspectedOn) => {
      given(awaitingInspection).when(inspect({ inspectedOn })).thenRefused('BAD_USER_INPUT');
    });

    it('refuses an inspection dated before the report it checks, saying when the earlier round it checked goes in (breaker41-8b N6), and takes one on the day of the report', () => {
      given(awaitingInspection)
        .when(inspect({ inspectedOn: '2025-06-27' }))
        .thenRefused(
          'BAD_USER_INPUT',
          /inspection date \(2025-06-27\) is before the report it checks \(2025-06-28\)\. If this inspection settled an earlier report, that report and this inspection go in once the report of 2025-06-28, or a later re-report, has passed/,
          /^督查日期（2025-06-27）早于所核查报告的日期（2025-06-28），日期顺序不对。如本次督查针对的是更早的一份整改报告，请待 2025-06-28 的整改报告（或其未通过后重新报送的报告）督查通过后，先补录该报告，再录入本次督查；如 2025-06-28 有误，请先更正该报告的日期。$/,
        );
      given(awaitingInspection)
        .when(inspect({ inspectedOn: REPORTED_ON }))
        .then([{ ...inspected('PASSED'), data: { ...inspected('PASSED').data, inspectedOn: REPORTED_ON } }]);
    });

    it.each([admin, system, clerkOf(FINANCE)])('$role may not log inspections', (actor) => {
      given(awaitingInspection).when(inspect({ actor })).thenRefused('FORBIDDEN');
    });

    it('PASSED verifies the part', () => {
      expect(partOf(stateAfter([...awaitingInspection, inspected('PASSED')]), FINANCE)?.status).toBe('VERIFIED');
    });

    it('FAILED returns the part with the notes as the reason', () => {
      expect(partOf(stateAfter([...awaitingInspection, inspected('FAILED')]), FINANCE)).toMatchObject({
        status: 'RETURNED',
        lastReturn: { cause: 'INSPECTION_FAILED', reason: 'The 2023 budget is still missing.' },
      });
    });
  });

  it('the unit may still ask for an extension', () => {
    given(awaitingInspection).when(requestExtension()).then([extensionRequested]);
  });
});

describe('RETURNED', () => {
  const afterSendBack = [leadAssigned, reported(), sentBack];
  const afterFailedInspection = [leadAssigned, reported(), inspected('FAILED')];

  it('a sent-back part is RETURNED with the reason', () => {
    expect(partOf(stateAfter(afterSendBack), FINANCE)).toMatchObject({
      status: 'RETURNED',
      lastReturn: { cause: 'SENT_BACK', reason: 'No evidence of the budget.' },
    });
  });

  it.each([
    ['sent back', afterSendBack],
    ['failed inspection', afterFailedInspection],
  ])('after a %s the unit reports again, on or after the return', (_why, history) => {
    given(history).when(report({ today: TODAY, reportedOn: INSPECTED_ON })).then([reported(FINANCE, INSPECTED_ON)]);
  });

  it.each([
    ['sent back', afterSendBack],
    ['failed inspection', afterFailedInspection],
  ])('after a %s there is nothing to inspect until the unit reports again', (_why, history) => {
    given(history).when(inspect({ inspectionId: 'inspection-2' })).thenRefused('CONFLICT');
  });

  it('cannot be sent back again', () => {
    given(afterSendBack).when(sendBack()).thenRefused('CONFLICT');
  });

  it('an inspection id cannot be reused on the next report', () => {
    given([...afterFailedInspection, reported()]).when(inspect()).thenRefused('CONFLICT');
  });

  it('the next report is inspected under a new id', () => {
    given([...afterFailedInspection, reported(FINANCE, INSPECTED_ON)])
      .when(inspect({ inspectionId: 'inspection-2' }))
      .then([inspected('PASSED', 'inspection-2')]);
  });

  it('the unit may ask for an extension', () => {
    given(afterSendBack).when(requestExtension()).then([extensionRequested]);
  });
});

describe('VERIFIED', () => {
  const verified = [leadAssigned, reported(), inspected('PASSED')];

  it('cannot be reported on again', () => {
    given(verified).when(report()).thenRefused('CONFLICT');
  });

  it('cannot be verified again', () => {
    given(verified).when(inspect({ inspectionId: 'inspection-2' })).thenRefused('CONFLICT');
  });

  it('cannot be sent back after the day it was verified', () => {
    given(verified).when(sendBack({ today: TODAY, sentBackOn: '2025-07-02' })).thenRefused('CONFLICT');
  });

  it('a send-back dated the day it was verified, with no report of that day on file, is refused naming the pass (newcomer55-8 S2); after the report handed in at that inspection it is judged as handed over before the pass (note44 Left): taken with its new due date', () => {
    given(verified)
      .when(sendBack({ today: TODAY, sentBackOn: INSPECTED_ON, newDueDate: RETURNED_UNTIL }))
      .thenRefused('CONFLICT', /would leave the pass of .* of the same day \(2025-07-01\) inconsistent/, /^退办日期（2025-07-01）会使.*同日 2025-07-01 的督查通过不再成立.*请先由督办人员依据纸质报告代录该报告（报告日期 2025-07-01），再录入本次退办/);
    const handedIn = [...verified, { ...reported(FINANCE, INSPECTED_ON), data: { ...reported(FINANCE, INSPECTED_ON).data, enteredBy: supervisor.id } } as AssignmentEvent];
    given(handedIn).when(sendBack({ today: TODAY, sentBackOn: INSPECTED_ON })).thenRefused('BAD_USER_INPUT', /due date/, /须填写重新整改的时限/);
    given(handedIn)
      .when(sendBack({ today: TODAY, sentBackOn: INSPECTED_ON, newDueDate: RETURNED_UNTIL }))
      .then([{ type: 'ReportSentBack', data: { unitId: FINANCE, reason: 'No evidence of the budget.', sentBackOn: INSPECTED_ON, newDueDate: RETURNED_UNTIL } }]);
  });

  it('refuses a send-back dated before the pass, found late, while no re-report is on file (newcomer55-8 S2): the pass would check no report; after the re-report the pass checked, taken (N4)', () => {
    given(verified)
      .when(sendBack({ today: TODAY }))
      .thenRefused('CONFLICT', /would leave the later inspection of .* of 2025-07-01 inconsistent: no report awaited inspection then/, /^退办日期（2025-06-29）会使其后.* 2025-07-01 的督查不再成立：当时没有待督查的报告.*请先由.*补录其重新报送的整改报告（日期在 2025-06-29 至 2025-07-01 之间；2025-07-01 督查当天交给督查组的，由督办人员依据纸质报告代录），再录入本次退办。$/);
    given([...verified, reported(FINANCE, '2025-06-30')])
      .when(sendBack({ today: TODAY }))
      .then([{ type: 'ReportSentBack', data: { unitId: FINANCE, reason: 'No evidence of the budget.', sentBackOn: SENT_BACK_ON } }]);
  });

  it('needs no extension from the day after it was verified', () => {
    given(verified).when(requestExtension({ today: TODAY, requestedOn: '2025-07-02' })).thenRefused('CONFLICT', /already verified \(on 2025-07-01\)/, /已确认完成（2025-07-01），无需延期/);
  });

  it('is not urged from the day after it was verified', () => {
    given(verified)
      .when(urge({ urgedOn: '2025-07-02' }))
      .thenRefused('CONFLICT', /already verified \(on 2025-07-01\).*If it was reopened on 2025-07-02, enter the reopening first\./, /无需催办。如 2025-07-02 当天已重新打开，请先录入重新打开。$/);
  });

  it('was open before: an urging or an extension request of then, entered late, is judged on that day and accepted', () => {
    given(verified).when(urge({ urgedOn: REQUESTED_ON })).then([{ type: 'UnitUrged', data: { unitId: FINANCE, message: 'Please report by Friday.', urgedOn: REQUESTED_ON } }]);
    given(verified).when(requestExtension({ today: TODAY })).then([extensionRequested]);
  });

  describe('a pass is the last word of its day (breaker8s P11): an urging, a request, its decision or withdrawal of the pass’s own day came before it, whichever was typed first', () => {
    /** Due 2025-07-20; asked on 06-20 to extend to 07-31; reported 06-28; passed on 07-01. */
    const open: AssignmentEvent[] = [{ type: 'UnitAssigned', data: { unitId: FINANCE, role: 'LEAD', dueDate: '2025-07-20', assignedOn: ASSIGNED_ON } }, extensionRequested, reported()];
    const passed = [...open, inspected('PASSED')];
    const passedWithoutRequest = [open[0]!, open[2]!, inspected('PASSED')];
    const sameDay = { urgedOn: INSPECTED_ON, today: TODAY };
    const urged: AssignmentEvent = { type: 'UnitUrged', data: { unitId: FINANCE, message: 'Please report by Friday.', urgedOn: INSPECTED_ON } };
    const granted: AssignmentEvent = { type: 'ExtensionGranted', data: { unitId: FINANCE, requestId: 'extension-1', previousDueDate: '2025-07-20', newDueDate: '2025-07-31', decidedOn: INSPECTED_ON } };
    const refused: AssignmentEvent = { type: 'ExtensionRefused', data: { unitId: FINANCE, requestId: 'extension-1', reason: '无需延期', decidedOn: INSPECTED_ON } };
    const withdrawn: AssignmentEvent = { type: 'ExtensionRequestWithdrawn', data: { unitId: FINANCE, requestId: 'extension-1', reason: '申请延至的日期填错。', withdrawnOn: INSPECTED_ON } };
    const askedThatDay: AssignmentEvent = { type: 'ExtensionRequested', data: { unitId: FINANCE, requestId: 'extension-2', requestedDueDate: '2025-07-31', reason: 'Portal migration.', requestedOn: INSPECTED_ON } };
    /** The part as folded now and as of the pass's day: what every view reads. */
    const part = (events: readonly AssignmentEvent[]) => [partOf(stateAfter(events), FINANCE), partOf(assignmentsOn(stateAfter(events), INSPECTED_ON), FINANCE)];

    it('given the pass typed first, when the part is urged on its day: the urging is recorded, the part as with the urging typed first (was: refused 无需催办)', () => {
      given(passed).when(urge(sameDay)).then([urged]);
      expect(part([...passed, urged])).toEqual(part([...open, urged, inspected('PASSED')]));
    });

    it('given the pass typed first, when the unit asks for an extension on its day: recorded, lapsed by the pass, as typed the other way (was: refused 无需延期)', () => {
      given(passedWithoutRequest).when(requestExtension({ requestId: 'extension-2', requestedOn: INSPECTED_ON, today: TODAY })).then([askedThatDay]);
      expect(part([...passedWithoutRequest, askedThatDay])).toEqual(part([open[0]!, open[2]!, askedThatDay, inspected('PASSED')]));
      expect(partOf(stateAfter([...passedWithoutRequest, askedThatDay]), FINANCE)!.extensionRequests.map((request) => request.status)).toEqual(['LAPSED']);
    });

    it('given the pass typed first, when the pending request is granted, refused or withdrawn on its day: recorded, the part as with the decision typed first (was: refused 延期申请不再审批 / 已失效)', () => {
      given(passed).when(decideExtension({ decidedOn: INSPECTED_ON })).then([granted]);
      expect(part([...passed, granted])).toEqual(part([...open, granted, inspected('PASSED')]));
      expect(partOf(stateAfter([...passed, granted]), FINANCE)).toMatchObject({ status: 'VERIFIED', dueDate: '2025-07-31', extensionRequests: [{ status: 'GRANTED' }] });
      given(passed).when(decideExtension({ decidedOn: INSPECTED_ON, approve: false, reason: '无需延期' })).then([refused]);
      expect(part([...passed, refused])).toEqual(part([...open, refused, inspected('PASSED')]));
      given(passed).when(withdrawRequest({ withdrawnOn: INSPECTED_ON, today: TODAY })).then([withdrawn]);
      expect(part([...passed, withdrawn])).toEqual(part([...open, withdrawn, inspected('PASSED')]));
    });

    it('given a pass of an earlier day: each is refused, naming the day of the verification', () => {
      const nextDay = '2025-07-02';
      given(passed).when(urge({ urgedOn: nextDay })).thenRefused('CONFLICT', /already verified \(on 2025-07-01\)/, /已确认完成（2025-07-01），无需催办/);
      given(passed).when(decideExtension({ decidedOn: nextDay })).thenRefused('CONFLICT', /already verified \(on 2025-07-01\)/, /已确认完成（2025-07-01），延期申请不再审批/);
      given(passed).when(withdrawRequest({ withdrawnOn: nextDay, today: TODAY })).thenRefused('CONFLICT', /lapsed when its part was verified/, /已在任务确认完成时失效，无需撤回/);
    });

    it('given a decision of the pass’s day typed first, when a pass of that day is entered: taken, as before (either order, one story)', () => {
      given([...open, granted]).when(inspect()).then([inspected('PASSED')]);
      given([...open, withdrawn]).when(inspect()).then([inspected('PASSED')]);
    });
  });

  it('lapses such a late request at once, now as in every past view from the verification on (LAPSED judged by day)', () => {
    const late = stateAfter([...verified, extensionRequested]);
    expect(partOf(late, FINANCE)!.extensionRequests.map((request) => request.status)).toEqual(['LAPSED']);
    expect(partOf(assignmentsOn(late, REPORTED_ON), FINANCE)!.extensionRequests.map((request) => request.status)).toEqual(['PENDING']);
    expect(partOf(assignmentsOn(late, INSPECTED_ON), FINANCE)!.extensionRequests.map((request) => request.status)).toEqual(['LAPSED']);
  });

  describe('all parts verified', () => {
    const bothAssigned = [leadAssigned, responsibleAssigned];

    it('not while another part is unverified', () => {
      expect(allPartsVerified(stateAfter([...bothAssigned, reported(), inspected('PASSED')]))).toBe(false);
    });

    it('once every part is verified', () => {
      const everyPartVerified = [
        ...bothAssigned,
        reported(FINANCE),
        inspected('PASSED', 'inspection-1', FINANCE),
        reported(ENVIRONMENT),
        inspected('PASSED', 'inspection-2', ENVIRONMENT),
      ];
      expect(allPartsVerified(stateAfter(everyPartVerified))).toBe(true);
    });
  });

  describe('reopening the parent', () => {
    const reopened: AssignmentEvent = {
      type: 'PartsReopened',
      data: { reason: 'The evaluation body found the portal page removed.', reopenedOn: TODAY, newDueDate: RETURNED_UNTIL },
    };

    it('the supervisor reopens every part', () => {
      given(verified).when(reopen()).then([reopened]);
    });

    it.each([inspector, admin, system, clerkOf(FINANCE)])('$role may not reopen', (actor) => {
      given(verified).when(reopen({ actor })).thenRefused('FORBIDDEN');
    });

    it('needs a reason', () => {
      given(verified).when(reopen({ reason: '' })).thenRefused('BAD_USER_INPUT');
    });

    it('returns the verified part, so it is no longer all verified', () => {
      const state = stateAfter([...verified, reopened]);
      expect(partOf(state, FINANCE)).toMatchObject({
        status: 'RETURNED',
        lastReturn: { cause: 'PARTS_REOPENED', reason: reopened.data.reason },
      });
      expect(allPartsVerified(state)).toBe(false);
    });

    it('the unit must report again, and be inspected again, not before the reopening', () => {
      const reportedAgain: AssignmentEvent = {
        type: 'RectificationReported',
        data: { unitId: FINANCE, summary: 'Budget tables are now on the portal.', evidence, reportedOn: TODAY },
      };
      given([...verified, reopened])
        .when(report())
        .thenRefused('BAD_USER_INPUT', /report date \(2025-06-28\) is before the reopening it answers \(2025-07-10\)/);
      given([...verified, reopened]).when(report({ today: TODAY, reportedOn: TODAY })).then([reportedAgain]);
      given([...verified, reopened, reportedAgain])
        .when(inspect({ inspectionId: 'inspection-2', inspectedOn: TODAY }))
        .then([{ type: 'InspectionLogged', data: { ...inspected('PASSED', 'inspection-2').data, inspectedOn: TODAY } }]);
    });

    it('the reopening is not dated before the close-out', () => {
      given(verified)
        .when(reopen({ reopenedOn: '2025-06-30' }))
        .thenRefused('BAD_USER_INPUT', /reopening date \(2025-06-30\) is before the close-out \(2025-07-01\)/);
      given(verified).when(reopen({ reopenedOn: INSPECTED_ON })).decision();
    });
  });
});

describe('state keyed by unit id', () => {
  it('a unit id that is also an Object.prototype name is an ordinary unit', () => {
    given([]).when(report({ unitId: 'constructor', actor: clerkOf('constructor') })).thenRefused('NOT_FOUND');
    given([])
      .when(assign({ unitId: 'constructor' }))
      .then([{ type: 'UnitAssigned', data: { unitId: 'constructor', role: 'LEAD', dueDate: DUE, assignedOn: ASSIGNED_ON } }]);
  });
});

describe('business time: each fact carries the office day it happened, in order, never in the future', () => {
  const FUTURE = '2025-07-11';

  it.each<[string, AssignmentEvent[], AssignmentCommand]>([
    ['assignment', [], assign({ assignedOn: FUTURE })],
    ['extension request', [leadAssigned], requestExtension({ today: TODAY, requestedOn: FUTURE })],
    ['extension decision', [leadAssigned, extensionRequested], decideExtension({ decidedOn: FUTURE })],
    ['urging', [leadAssigned], urge({ urgedOn: FUTURE })],
    ['report', [leadAssigned], report({ today: TODAY, reportedOn: FUTURE })],
    ['send-back', [leadAssigned, reported()], sendBack({ today: TODAY, sentBackOn: FUTURE })],
    ['inspection', [leadAssigned, reported()], inspect({ inspectedOn: FUTURE })],
    ['reopening', [leadAssigned, reported(), inspected('PASSED')], reopen({ reopenedOn: FUTURE })],
  ])('refuses a %s dated after today, naming both days', (_fact, history, command) => {
    given(history).when(command).thenRefused('BAD_USER_INPUT', /\(2025-07-11\) is in the future: today is 2025-07-10/);
  });

  it.each([
    ['assignment', assign({ assignedOn: '2025-13-01' })],
    ['report', report({ reportedOn: '2025-02-30' })],
  ])('refuses a %s dated on a day that does not exist', (_fact, command) => {
    given(command.type === 'AssignUnit' ? [] : [leadAssigned]).when(command).thenRefused('BAD_USER_INPUT', /not a valid date/);
  });

  it('enters a campaign years later: every fact keeps its own past day', () => {
    const today = '2026-11-29';
    const assignedIn2016 = { type: 'UnitAssigned', data: { unitId: FINANCE, role: 'LEAD', dueDate: '2016-05-31', assignedOn: '2016-04-26' } } as const;
    given([]).when(assign({ today, dueDate: '2016-05-31', assignedOn: '2016-04-26' })).then([assignedIn2016]);
    given([assignedIn2016])
      .when(report({ today, reportedOn: '2016-05-20' }))
      .then([{ type: 'RectificationReported', data: { ...reported().data, reportedOn: '2016-05-20' } } as AssignmentEvent]);
  });

  it('refuses a report dated before the assignment, naming both dates', () => {
    given([leadAssigned])
      .when(report({ reportedOn: '2025-05-31' }))
      .thenRefused('BAD_USER_INPUT', /report date \(2025-05-31\) is before the assignment of unit unit-finance \(2025-06-01\)/);
  });

  it('says it in Chinese too, with both dates and the unit by its name', () => {
    expect(() => decideAssignment(report({ reportedOn: '2025-05-31', unitNames: DIRECTORY }), stateAfter([leadAssigned]), openParent)).toThrow(
      expect.objectContaining({
        message: 'The report date (2025-05-31) is before the assignment of 市财政局 (2025-06-01).',
        messageZh: '报告日期（2025-05-31）早于市财政局的交办日期（2025-06-01），日期顺序不对。',
      }),
    );
    expect(() => decideAssignment(assign({ assignedOn: '2025-07-11' }), stateAfter([]), openParent)).toThrow(
      expect.objectContaining({ messageZh: '交办日期（2025-07-11）是将来的日期：今天是 2025-07-10。' }),
    );
  });

  it('takes a report on the day of the assignment', () => {
    given([leadAssigned]).when(report({ reportedOn: ASSIGNED_ON })).decision();
  });

  it('refuses a re-report dated before the failed inspection it answers', () => {
    given([leadAssigned, reported(), inspected('FAILED')])
      .when(report({ today: TODAY, reportedOn: '2025-06-30' }))
      .thenRefused('BAD_USER_INPUT', /report date \(2025-06-30\) is before the failed inspection it answers \(2025-07-01\)/);
    given([leadAssigned, reported(), inspected('FAILED')]).when(report({ today: TODAY, reportedOn: INSPECTED_ON })).decision();
  });

  it('refuses a re-report dated before the send-back it answers', () => {
    const sentBackLater: AssignmentEvent = { type: 'ReportSentBack', data: { unitId: FINANCE, reason: 'No.', sentBackOn: '2025-06-29' } };
    given([leadAssigned, reported(), sentBackLater])
      .when(report())
      .thenRefused('BAD_USER_INPUT', /report date \(2025-06-28\) is before the send-back it answers \(2025-06-29\)/);
  });

  it('refuses a send-back dated before the report it returns, saying when the earlier round goes in (breaker41-8b N6)', () => {
    given([leadAssigned, reported()])
      .when(sendBack({ sentBackOn: '2025-06-27' }))
      .thenRefused('BAD_USER_INPUT', /send-back date \(2025-06-27\) is before the report it returns \(2025-06-28\)/, /如本次退办针对的是更早的一份整改报告，请待 2025-06-28 的整改报告（或其未通过后重新报送的报告）督查通过后，先补录该报告，再录入本次退办；如 2025-06-28 有误，请先更正该报告的日期。$/);
  });

  it('refuses a decision dated before the request it decides', () => {
    given([leadAssigned, extensionRequested])
      .when(decideExtension({ decidedOn: '2025-06-19' }))
      .thenRefused('BAD_USER_INPUT', /decision date \(2025-06-19\) is before the request it decides \(2025-06-20\)/);
  });

  it('refuses an extension request dated before the assignment', () => {
    given([leadAssigned])
      .when(requestExtension({ requestedOn: '2025-05-01' }))
      .thenRefused('BAD_USER_INPUT', /request date \(2025-05-01\) is before the assignment/);
  });

  it('judges "before the due date" by the day the extension was asked for, not the day it is entered', () => {
    given([leadAssigned]).when(requestExtension({ today: TODAY, requestedOn: DUE })).decision();
    given([leadAssigned]).when(requestExtension({ today: TODAY, requestedOn: '2025-07-01' })).thenRefused('CONFLICT', /had passed on 2025-07-01/);
  });

  it('refuses an urging dated before the assignment', () => {
    given([leadAssigned]).when(urge({ urgedOn: '2025-05-31' })).thenRefused('BAD_USER_INPUT', /urging date \(2025-05-31\) is before the assignment/);
  });

  it('keeps the day each part was verified, and closes on the last of them', () => {
    const environmentVerifiedFirst: AssignmentEvent[] = [
      leadAssigned,
      responsibleAssigned,
      reported(),
      reported(ENVIRONMENT),
      inspected('PASSED', 'inspection-1', FINANCE),
      { type: 'InspectionLogged', data: { ...inspected('PASSED', 'inspection-2', ENVIRONMENT).data, inspectedOn: '2025-06-29' } },
    ];
    const state = stateAfter(environmentVerifiedFirst);
    expect(partOf(state, ENVIRONMENT)?.verifiedOn).toBe('2025-06-29');
    expect(closedOn(state)).toBe(INSPECTED_ON);
    expect(closedOn(stateAfter(environmentVerifiedFirst.slice(0, 5)))).toBeNull();
  });
});

describe('deadline rules: bounded by the plan, renewed when a part comes back', () => {
  /** The approved plan wants every inspection done by 30 September. */
  const limit = { latest: '2025-09-30', setBy: say('the inspection deadline of plan 「整改实施方案」', '整改实施方案的督查时限') };
  const override = { reason: 'The portal contract ends in November; the vice-mayor agreed.' };
  const overridden = { ...override, limit: limit.latest };

  describe('assigning', () => {
    it.each(['2025-09-29', '2025-09-30'])('takes a due date on or before the limit, %s, as it is', (dueDate) => {
      given([])
        .when(assign({ dueDate, dueDateLimit: limit }))
        .then([{ type: 'UnitAssigned', data: { unitId: FINANCE, role: 'LEAD', dueDate, assignedOn: ASSIGNED_ON } }]);
    });

    it('refuses a due date past the limit without an override, naming the limit', () => {
      given([])
        .when(assign({ dueDate: '2025-10-01', dueDateLimit: limit }))
        .thenRefused('BAD_USER_INPUT', /2025-10-01 is after the inspection deadline of plan 「整改实施方案」 \(2025-09-30\)/);
    });

    it("takes it with a supervisor's override, recorded with its reason and what it overrode", () => {
      given([])
        .when(assign({ dueDate: '2025-11-30', dueDateLimit: limit, dueDateOverride: override }))
        .then([{ type: 'UnitAssigned', data: { unitId: FINANCE, role: 'LEAD', dueDate: '2025-11-30', assignedOn: ASSIGNED_ON, dueDateOverride: overridden } }]);
    });

    it.each([admin, system])('only a supervisor overrides: $role is FORBIDDEN', (actor) => {
      given([]).when(assign({ actor, dueDate: '2025-11-30', dueDateLimit: limit, dueDateOverride: override })).thenRefused('FORBIDDEN');
    });

    it('an inspector failing a part with a new date past the limit is told the limit and the two ways on (newcomer37 S12)', () => {
      given([leadAssigned, reported()])
        .when(inspect({ actor: inspector, outcome: 'FAILED', notes: '仍未整改', newDueDate: '2025-11-30', dueDateLimit: limit, dueDateOverride: override }))
        .thenRefused('FORBIDDEN', /after .*\(2025-09-30\): only a supervisor may set it later/, /晚于.*（2025-09-30）：只有督办人员可以特批延后。请改为不晚于 2025-09-30 的日期，或请督办人员办理。/);
    });

    it('an override needs a reason', () => {
      given([])
        .when(assign({ dueDate: '2025-11-30', dueDateLimit: limit, dueDateOverride: { reason: ' ' } }))
        .thenRefused('BAD_USER_INPUT', /reason/);
    });

    it('an override never reaches past 5 years after the limit: a year typed wrong (2206 for 2026) is refused naming the day (breaker10e P4)', () => {
      given([]).when(assign({ dueDate: '2030-09-30', dueDateLimit: limit, dueDateOverride: override })).then([
        { type: 'UnitAssigned', data: { unitId: FINANCE, role: 'LEAD', dueDate: '2030-09-30', assignedOn: ASSIGNED_ON, dueDateOverride: overridden } },
      ]);
      given([])
        .when(assign({ dueDate: '2205-09-30', dueDateLimit: limit, dueDateOverride: override }))
        .thenRefused('BAD_USER_INPUT', /2205-09-30: is after the latest day an override may set \(5 years after .* 2025-09-30, 2030-09-30\)/);
    });

    it('without a limit (no plan approved yet) any real date is taken', () => {
      given([]).when(assign({ dueDate: '2099-12-31', dueDateLimit: null })).then([
        { type: 'UnitAssigned', data: { unitId: FINANCE, role: 'LEAD', dueDate: '2099-12-31', assignedOn: ASSIGNED_ON } },
      ]);
    });
  });

  describe('extensions', () => {
    const farRequest: ExtensionRequested = { ...extensionRequested, data: { ...extensionRequested.data, requestedDueDate: '2099-12-31' } };

    describe('代录: the office enters a unit’s paper request on its behalf, then its decision (newcomer51-8 S2)', () => {
      it('a supervisor enters the unit’s request, the event naming who entered it; the request is the unit’s', () => {
        given([leadAssigned])
          .when(requestExtension({ actor: supervisor }))
          .then([{ ...extensionRequested, data: { ...extensionRequested.data, enteredBy: supervisor.id } }]);
      });

      it('the unit’s own request names no one else', () => {
        given([leadAssigned]).when(requestExtension()).then([extensionRequested]);
      });

      it('granted on paper, a report after the old due date and before the granted one is on time, as the unit’s own request would make it', () => {
        const [entered] = decideAssignment(requestExtension({ actor: supervisor }), stateAfter([leadAssigned]), openParent);
        const [granted] = decideAssignment(decideExtension(), stateAfter([leadAssigned, entered!]), openParent);
        const [reported] = decideAssignment(report({ reportedOn: '2025-07-10', today: '2025-07-10' }), stateAfter([leadAssigned, entered!, granted!]), openParent);
        const part = partOf(stateAfter([leadAssigned, entered!, granted!, reported!]), FINANCE)!;
        expect(part.dueDate).toBe('2025-07-31');
        expect(part).toEqual(partOf(stateAfter([leadAssigned, extensionRequested, granted!, reported!]), FINANCE));
      });

      it('an inspector may not, nor another unit: the refusal says who may', () => {
        expect(() => decideAssignment(requestExtension({ actor: inspector, unitNames: DIRECTORY }), stateAfter([leadAssigned]), openParent)).toThrow(
          expect.objectContaining({ code: 'FORBIDDEN', messageZh: '只有市财政局的用户可以申请延期；督办人员可依据纸质申请代录。' }),
        );
        given([leadAssigned]).when(requestExtension({ actor: clerkOf(ENVIRONMENT) })).thenRefused('FORBIDDEN');
      });

      it('a 代录 request is judged as the unit’s: not after the due date had passed, not while another awaits a decision', () => {
        given([leadAssigned]).when(requestExtension({ actor: supervisor, requestedOn: '2025-07-02', today: '2025-07-02' })).thenRefused('CONFLICT');
        given([leadAssigned, extensionRequested]).when(requestExtension({ actor: supervisor, requestId: 'extension-2' })).thenRefused('CONFLICT');
      });
    });

    it('a unit may ask past the limit: asking is not granting', () => {
      given([leadAssigned]).when(requestExtension({ requestedDueDate: '2099-12-31' })).then([farRequest]);
    });

    it('a day past the limit that a 特批 could grant is asked as any other; one past the override\'s reach is refused when asked, naming it (newcomer49-10 M16)', () => {
      const nearRequest: ExtensionRequested = { ...extensionRequested, data: { ...extensionRequested.data, requestedDueDate: '2025-12-31' } };
      given([leadAssigned]).when(requestExtension({ requestedDueDate: '2025-12-31', dueDateLimit: limit })).then([nearRequest]);
      given([leadAssigned])
        .when(requestExtension({ requestedDueDate: '2099-12-31', dueDateLimit: limit }))
        .thenRefused('BAD_USER_INPUT', /2099-12-31: is after the latest day an override may set \(5 years after .* 2025-09-30, 2030-09-30\)/, /申请延至的日期（2099-12-31）晚于特批可延后的最远日期（整改实施方案的督查时限2025-09-30 后 5 年，即 2030-09-30）：请核对年份是否写错。/);
    });

    it('an extension to 2099-12-31 is not granted without an override (fault 5)', () => {
      given([leadAssigned, farRequest]).when(decideExtension({ dueDateLimit: limit })).thenRefused('BAD_USER_INPUT', /2099-12-31 is after/);
    });

    it('nor to any other date past the limit', () => {
      given([leadAssigned, farRequest])
        .when(decideExtension({ dueDateLimit: limit, newDueDate: '2025-10-15' }))
        .thenRefused('BAD_USER_INPUT', /2025-09-30/);
    });

    it('a date within the limit is granted as before', () => {
      given([leadAssigned, farRequest])
        .when(decideExtension({ dueDateLimit: limit, newDueDate: '2025-09-30' }))
        .then([{ type: 'ExtensionGranted', data: { unitId: FINANCE, requestId: 'extension-1', previousDueDate: DUE, newDueDate: '2025-09-30', decidedOn: REQUESTED_ON } }]);
    });

    it('the supervisor may grant past it with an override, kept in the event', () => {
      given([leadAssigned, farRequest])
        .when(decideExtension({ dueDateLimit: limit, newDueDate: '2025-12-31', dueDateOverride: override }))
        .then([
          {
            type: 'ExtensionGranted',
            data: { unitId: FINANCE, requestId: 'extension-1', previousDueDate: DUE, newDueDate: '2025-12-31', decidedOn: REQUESTED_ON, dueDateOverride: overridden },
          },
        ]);
    });

    describe('after a failed inspection past the due date (fault 6)', () => {
      // As recorded before new due dates existed: the part came back with its old date, long passed.
      const failedKeepingDueDate: AssignmentEvent[] = [
        leadAssigned,
        reported(),
        { type: 'InspectionLogged', data: { ...inspected('PASSED').data, outcome: 'FAILED', notes: 'Still missing.' } },
      ];

      it('the unit may ask for an extension although the due date has passed', () => {
        given(failedKeepingDueDate)
          .when(requestExtension({ today: TODAY, requestedOn: TODAY, requestedDueDate: '2025-07-31' }))
          .then([{ ...extensionRequested, data: { ...extensionRequested.data, requestedDueDate: '2025-07-31', requestedOn: TODAY } }]);
      });

      it('but not for a day already gone', () => {
        given(failedKeepingDueDate).when(requestExtension({ today: TODAY, requestedOn: TODAY, requestedDueDate: '2025-07-05' })).thenRefused('BAD_USER_INPUT', /already passed/);
      });

      it('a part sent back late is given a new date by the supervisor instead', () => {
        const sentBackLate: AssignmentEvent[] = [leadAssigned, reported(), sentBack];
        given(sentBackLate).when(requestExtension({ today: TODAY, requestedOn: TODAY })).thenRefused('CONFLICT', /had passed on 2025-07-10/);
      });
    });
  });

  describe('returning a part', () => {
    const awaitingInspection = [leadAssigned, reported()];

    it.each<[string, (overrides: Partial<ReturnsPart>) => AssignmentCommand, RegExp]>([
      ['sending back', (overrides) => sendBack({ today: TODAY, sentBackOn: TODAY, ...overrides }), /原时限 2025-06-30 在退办之日（2025-07-\d\d）已过：须填写重新整改的时限/],
      ['a failed inspection', (overrides) => inspect({ outcome: 'FAILED', notes: 'Still missing.', ...overrides }), /原时限 2025-06-30 在督查不通过之日（2025-07-\d\d）已过：须填写重新整改的时限/],
    ])('%s after the due date needs a new due date, refused in the words of its own form (newcomer22 S4)', (_what, command, zh) => {
      given(awaitingInspection).when(command({})).thenRefused('BAD_USER_INPUT', /due date 2025-06-30 had passed on 2025-07-.*newDueDate/, zh);
    });

    it('sending back late with a new due date moves the part’s due date', () => {
      const decided: AssignmentEvent[] = [
        { type: 'ReportSentBack', data: { unitId: FINANCE, reason: 'No evidence of the budget.', sentBackOn: TODAY, newDueDate: '2025-07-31' } },
      ];
      given(awaitingInspection).when(sendBack({ today: TODAY, sentBackOn: TODAY, newDueDate: '2025-07-31' })).then(decided);
      expect(partOf(stateAfter([...awaitingInspection, ...decided]), FINANCE)).toMatchObject({ status: 'RETURNED', dueDate: '2025-07-31' });
    });

    it('a failed inspection late moves it too', () => {
      const failed = inspected('FAILED');
      given(awaitingInspection).when(inspect({ outcome: 'FAILED', notes: 'The 2023 budget is still missing.', newDueDate: RETURNED_UNTIL })).then([failed]);
      expect(partOf(stateAfter([...awaitingInspection, failed]), FINANCE)?.dueDate).toBe(RETURNED_UNTIL);
    });

    it('before the due date, a new one is optional', () => {
      given(awaitingInspection).when(sendBack()).then([sentBack]);
      expect(partOf(stateAfter([...awaitingInspection, sentBack]), FINANCE)?.dueDate).toBe(DUE);
    });

    it('a passed inspection takes no new due date', () => {
      given(awaitingInspection).when(inspect({ newDueDate: RETURNED_UNTIL })).thenRefused('BAD_USER_INPUT', /passed inspection/);
    });

    it.each<[string, string, RegExp]>([
      ['in the past', '2025-07-09', /already passed/],
      ['not a date', '2025-07-32', /not a valid date/],
      ['past the limit without an override', '2025-10-01', /after the inspection deadline/],
    ])('refuses a new due date %s', (_what, newDueDate, message) => {
      given(awaitingInspection).when(sendBack({ today: TODAY, sentBackOn: TODAY, newDueDate, dueDateLimit: limit })).thenRefused('BAD_USER_INPUT', message);
    });

    it('a new due date past the limit is recorded with the override', () => {
      given(awaitingInspection)
        .when(sendBack({ today: TODAY, sentBackOn: TODAY, newDueDate: '2025-10-31', dueDateLimit: limit, dueDateOverride: override }))
        .then([
          {
            type: 'ReportSentBack',
            data: { unitId: FINANCE, reason: 'No evidence of the budget.', sentBackOn: TODAY, newDueDate: '2025-10-31', dueDateOverride: overridden },
          },
        ]);
    });
  });

  describe('reopening', () => {
    const verified = [leadAssigned, responsibleAssigned, reported(), inspected('PASSED')];

    it('reopening parts whose due date has passed needs a new due date (fault 6)', () => {
      given(verified)
        .when(reopen({ newDueDate: undefined }))
        .thenRefused('BAD_USER_INPUT', /had passed on 2025-07-10, the day of the reopening/, /原时限 2025-06-30 在重新打开之日（2025-07-10）已过：须填写重新整改的时限/);
    });

    it('the new due date goes to every reopened part; a part that never reported keeps its own', () => {
      const reopened: AssignmentEvent = { type: 'PartsReopened', data: { reason: 'Portal page removed.', reopenedOn: TODAY, newDueDate: RETURNED_UNTIL } };
      given(verified).when(reopen({ reason: 'Portal page removed.' })).then([reopened]);
      const state = stateAfter([...verified, reopened]);
      expect(partOf(state, FINANCE)).toMatchObject({ status: 'RETURNED', dueDate: RETURNED_UNTIL });
      expect(partOf(state, ENVIRONMENT)).toMatchObject({ status: 'ASSIGNED', dueDate: DUE });
    });

    it('reopening before the due dates pass may keep them: judged on the day of the reopening, not the day it is entered', () => {
      const verifiedEarly = [leadAssigned, responsibleAssigned, reported(), { ...inspected('PASSED'), data: { ...(inspected('PASSED') as InspectionLogged).data, inspectedOn: REPORTED_ON } }];
      given(verifiedEarly)
        .when(reopen({ reopenedOn: SENT_BACK_ON, newDueDate: undefined, reason: 'Portal page removed.' }))
        .then([{ type: 'PartsReopened', data: { reason: 'Portal page removed.', reopenedOn: SENT_BACK_ON } }]);
    });
  });
});

describe('handing a part over to a successor (机构改革, fault 4)', () => {
  const HEALTH = 'unit-health';
  const handOver = (overrides: Partial<HandOverPart> = {}): HandOverPart => ({
    type: 'HandOverPart',
    actor: admin,
    unitId: ENVIRONMENT,
    successorUnitId: HEALTH,
    reason: 'Reorganisation: its duties moved.',
    today: TODAY,
    handedOverOn: REPORTED_ON,
    ...overrides,
  });
  const handedOver: AssignmentEvent = {
    type: 'PartHandedOver',
    data: { unitId: ENVIRONMENT, successorUnitId: HEALTH, reason: 'Reorganisation: its duties moved.', handedOverOn: REPORTED_ON },
  };
  const sentBackToEnvironment: AssignmentEvent = { type: 'ReportSentBack', data: { unitId: ENVIRONMENT, reason: 'Not enough.', sentBackOn: REPORTED_ON } };
  const inProgress = [leadAssigned, responsibleAssigned, reported(ENVIRONMENT), sentBackToEnvironment];

  it('takes a merge typed after the unit’s own report dated after its day, into a unit holding none here: the report is the successor’s (以原单位名义报送, breaker8r P10: it was refused); a hand-over (职能调整) still refuses it', () => {
    const reportedLater = [leadAssigned, responsibleAssigned, reported(ENVIRONMENT, '2025-07-05')];
    const passed: AssignmentEvent = { type: 'PartHandedOver', data: { ...handedOver.data, handedOverOn: '2025-07-01' } } as AssignmentEvent;
    given(reportedLater).when(handOver({ handedOverOn: '2025-07-01', merging: true })).then([passed]);
    given(reportedLater).when(handOver({ handedOverOn: '2025-07-01', unitNames: DIRECTORY })).thenRefused('CONFLICT', /the report of 市环境保护局 is dated later \(2025-07-05\)/, /的整改报告的日期（2025-07-05）在其之后/);
    const state = stateAfter([...reportedLater, passed]);
    expect(partOf(state, HEALTH)).toMatchObject({ status: 'REPORTED', heldSince: '2025-07-01' });
    expect(partOf(assignmentsOn(state, '2025-07-02'), HEALTH)).toMatchObject({ status: 'ASSIGNED' });
    expect(partOf(assignmentsOn(state, '2025-07-05'), HEALTH)).toMatchObject({ status: 'REPORTED' });
  });

  describe('given a merge dated before the unit got its part here (breaker8s P7: a 2016 merge typed after the 2026 plan gave the unit a part)', () => {
    /** 市环境保护局 merged on 2016-07-01; its part here assigned 2025-06-01, reported 2025-07-05 — the part passes on the day it was given. */
    const merge = (successorUnitId: string) => handOver({ successorUnitId, handedOverOn: ASSIGNED_ON, merging: true, mergedOn: '2016-07-01', unitNames: DIRECTORY });
    const reportedLater = [leadAssigned, responsibleAssigned, reported(ENVIRONMENT, '2025-07-05')];

    it('when the part would join the successor’s own: refused, naming the merge’s day, the day the unit got the part and the report in the way (was: 「不能在 2025-06-01 移交或并入…机构改革的日期不能早于该日期」)', () => {
      given(reportedLater)
        .when(merge(FINANCE))
        .thenRefused(
          'CONFLICT',
          /^市环境保护局 is merged into 市财政局 on 2016-07-01 and takes no work after it, so the part of this item it holds from 2025-06-01 would join the part 市财政局 holds here on that day; but the report of 市环境保护局 is dated later \(2025-07-05\)/,
          /^市环境保护局于 2016-07-01 并入市财政局，此后不再承担任务；本事项自 2025-06-01 起由市环境保护局承担的任务因此须在该日并入市财政局在本事项已有的任务，但市环境保护局的整改报告的日期（2025-07-05）在其之后，不能随之并入。请核对并入日期；如确于 2016-07-01 并入，请先更正本事项在并入之后交给市环境保护局的任务。$/,
        );
    });

    it('when the part passes to a successor holding none here: taken on the day the unit got it, its later report going with it (as breaker8r P10)', () => {
      given(reportedLater).when(merge(HEALTH)).then([{ type: 'PartHandedOver', data: { unitId: ENVIRONMENT, successorUnitId: HEALTH, reason: 'Reorganisation: its duties moved.', handedOverOn: ASSIGNED_ON } }]);
    });

    it('a merge of the part’s own day speaks of that day, as before', () => {
      given(reportedLater).when(handOver({ successorUnitId: FINANCE, handedOverOn: ASSIGNED_ON, merging: true, unitNames: DIRECTORY })).thenRefused('CONFLICT', /cannot pass on 2025-06-01/, /不能在 2025-06-01 移交或并入/);
    });
  });

  it('still refuses it into a unit holding a part of its own here (a join), naming the report', () => {
    given([leadAssigned, responsibleAssigned, reported(ENVIRONMENT, '2025-07-05')])
      .when(handOver({ successorUnitId: FINANCE, handedOverOn: '2025-07-01', unitNames: DIRECTORY }))
      .thenRefused('CONFLICT', /the report of 市环境保护局 is dated later \(2025-07-05\)/, /市环境保护局的整改报告的日期（2025-07-05）在其之后/);
  });

  it('the open part moves with its status, due date and reports; it remembers who held it', () => {
    given(inProgress).when(handOver()).then([handedOver]);
    const state = stateAfter([...inProgress, handedOver]);
    expect(partOf(state, ENVIRONMENT)).toBeUndefined();
    expect(partOf(state, HEALTH)).toMatchObject({
      unitId: HEALTH,
      role: 'RESPONSIBLE',
      status: 'RETURNED',
      dueDate: DUE,
      reportCount: 1,
      heldBefore: [ENVIRONMENT],
    });
  });

  describe('a hand-over (or merge) dated before the unit’s own later facts on the part (breaker, issue 8 round 3)', () => {
    const handedToEnvironment: AssignmentEvent = { type: 'PartHandedOver', data: { unitId: FINANCE, successorUnitId: ENVIRONMENT, reason: '机构改革', handedOverOn: '2025-06-15' } };
    it.each<[string, readonly AssignmentEvent[], string, RegExp, RegExp]>([
      ['the day it took the part over', [leadAssigned, handedToEnvironment], HEALTH, /the handover of the part to .*unit-environment is dated later \(2025-06-15\)/, /该任务移交给.*的日期（2025-06-15）在其之后/],
      // Into a unit holding a part of its own (a join); into one holding none the report goes with the part (breaker8r P10, below).
      ['its report', [leadAssigned, responsibleAssigned, reported(ENVIRONMENT, '2025-06-20')], FINANCE, /the report of .*unit-environment is dated later \(2025-06-20\)/, /的整改报告的日期（2025-06-20）在其之后/],
    ])('refuses it when %s is dated later, naming that fact and its day', (_what, history, successorUnitId, message, messageZh) => {
      given(history).when(handOver({ successorUnitId, handedOverOn: '2025-06-10' })).thenRefused('CONFLICT', message, messageZh);
    });

    it('accepts it on that day or after', () => {
      given([leadAssigned, handedToEnvironment]).when(handOver({ handedOverOn: '2025-06-15' })).then([
        { type: 'PartHandedOver', data: { unitId: ENVIRONMENT, successorUnitId: HEALTH, reason: 'Reorganisation: its duties moved.', handedOverOn: '2025-06-15' } },
      ]);
    });
  });

  describe('a fact of the predecessor’s days entered after the hand-over (breaker8 B5: a paper file found later)', () => {
    // 市环境保护局 reported on 06-20; its part passed to 市卫生健康委员会 on 06-28.
    const passed: AssignmentEvent = { type: 'PartHandedOver', data: { unitId: ENVIRONMENT, successorUnitId: HEALTH, reason: '机构改革', handedOverOn: '2025-06-28' } };
    const history = [leadAssigned, responsibleAssigned, reported(ENVIRONMENT, '2025-06-20'), passed];
    const checkedOn = (inspectedOn: string, unitId: string): InspectionLogged => ({ ...inspected('PASSED', 'inspection-1', unitId), data: { ...inspected('PASSED', 'inspection-1', unitId).data, inspectedOn } });

    it.each([
      ['the unit that held the part then', ENVIRONMENT],
      ['the part’s present holder', HEALTH],
    ])('an inspection dated before it, naming %s, is recorded as the check of the unit that held it then', (_named, unitId) => {
      given(history).when(inspect({ unitId, inspectedOn: '2025-06-25' })).then([checkedOn('2025-06-25', ENVIRONMENT)]);
      const part = partOf(stateAfter([...history, checkedOn('2025-06-25', ENVIRONMENT)]), HEALTH);
      expect(part).toMatchObject({ status: 'VERIFIED', verifiedOn: '2025-06-25', heldBefore: [ENVIRONMENT] });
    });

    it('an inspection dated after it, naming the predecessor, is the present holder’s', () => {
      given(history).when(inspect({ unitId: ENVIRONMENT, inspectedOn: '2025-07-01' })).then([checkedOn('2025-07-01', HEALTH)]);
    });

    it('a report dated before it is the predecessor’s, entered by its clerk or by the successor’s (which holds its files now); one dated after it is not the predecessor’s to make', () => {
      const before = [leadAssigned, responsibleAssigned, passed];
      given(before).when(report({ actor: clerkOf(ENVIRONMENT), unitId: ENVIRONMENT, reportedOn: '2025-06-20', today: TODAY })).then([reported(ENVIRONMENT, '2025-06-20')]);
      given(before).when(report({ actor: clerkOf(HEALTH), unitId: HEALTH, reportedOn: '2025-06-20', today: TODAY })).then([reported(ENVIRONMENT, '2025-06-20')]);
      // The predecessor's clerk is told the part passed, and on which day (breaker8b N1).
      given(before).when(report({ actor: clerkOf(ENVIRONMENT), unitId: ENVIRONMENT, reportedOn: '2025-07-01', today: TODAY })).thenRefused('CONFLICT', /passed to unit unit-health on 2025-06-28/);
      // Another unit's clerk naming it may not.
      given(before).when(report({ actor: clerkOf(FINANCE), unitId: ENVIRONMENT, reportedOn: '2025-07-01', today: TODAY })).thenRefused('FORBIDDEN');
    });

    it('a correction keeps a predecessor’s fact in its days: refused when it would move it past the hand-over, naming the day', () => {
      const correction: CorrectReportDate = { type: 'CorrectReportDate', actor: supervisor, today: TODAY, unitId: HEALTH, reportedOn: '2025-06-29', reason: '日期录错' };
      given(history).when(correction).thenRefused('BAD_USER_INPUT', /after its part passed to another unit \(2025-06-28\)/, /移交其他单位（2025-06-28）之后/);
      given(history).when({ ...correction, reportedOn: '2025-06-18' }).then([
        { type: 'ReportDateCorrected', data: { unitId: ENVIRONMENT, previousReportedOn: '2025-06-20', reportedOn: '2025-06-18', reason: '日期录错', correctedOn: TODAY } },
      ]);
    });

    it('a merged unit’s own facts dated before its merge are its work then', () => {
      const merged = { nameOf: (unitId: string) => unitId, mergerOf: (unitId: string) => (unitId === ENVIRONMENT ? { successorUnitId: HEALTH, mergedOn: '2025-06-28' } : undefined) };
      given([leadAssigned, responsibleAssigned, passed]).when(report({ actor: clerkOf(ENVIRONMENT), unitId: ENVIRONMENT, reportedOn: '2025-06-20', today: TODAY, unitNames: merged })).then([reported(ENVIRONMENT, '2025-06-20')]);
      given([leadAssigned, responsibleAssigned, passed]).when(report({ actor: clerkOf(ENVIRONMENT), unitId: ENVIRONMENT, reportedOn: '2025-06-29', today: TODAY, unitNames: merged })).thenRefused('CONFLICT', /was merged into/);
    });
  });

  it('the successor’s clerk then reports on it; the old unit’s may not', () => {
    const after = [...inProgress, handedOver];
    given(after)
      .when(report({ actor: clerkOf(HEALTH), unitId: HEALTH }))
      .then([{ ...reported(HEALTH) }]);
    // After the hand-over day the part is the successor's: the old unit's clerk may not report on it, and is told why. Its report
    // of the hand-over day itself is that day's work, before the hand-over, whichever was typed first (breaker8s P6).
    given(after).when(report({ actor: clerkOf(ENVIRONMENT), unitId: ENVIRONMENT, reportedOn: '2025-06-29', today: TODAY })).thenRefused('CONFLICT', /passed to .* on 2025-06-28/, /已于 2025-06-28 移交/);
    given(after).when(report({ actor: clerkOf(ENVIRONMENT), unitId: ENVIRONMENT })).then([{ ...reported(ENVIRONMENT) }]);
  });

  it('joining a part the successor already holds keeps one part, leading if either led', () => {
    const both = [leadAssigned, responsibleAssigned];
    const leadHandedOver: AssignmentEvent = { type: 'PartHandedOver', data: { unitId: FINANCE, successorUnitId: ENVIRONMENT, reason: 'Merged.', handedOverOn: REPORTED_ON } };
    given(both).when(handOver({ unitId: FINANCE, successorUnitId: ENVIRONMENT, reason: 'Merged.' })).then([leadHandedOver]);
    const state = stateAfter([...both, leadHandedOver]);
    expect(Object.keys(state.parts)).toEqual([ENVIRONMENT]);
    expect(partOf(state, ENVIRONMENT)).toMatchObject({ role: 'LEAD', heldBefore: [FINANCE] });
  });

  describe('dated on a day the successor’s own record says otherwise (breaker8 B1 walk: a view now and a past view disagreed)', () => {
    const assignedLater: AssignmentEvent = { type: 'UnitAssigned', data: { unitId: HEALTH, role: 'RESPONSIBLE', dueDate: DUE, assignedOn: '2025-06-20' } };

    it('refuses to join a part the successor was assigned only after the hand-over day, naming that start', () => {
      given([leadAssigned, responsibleAssigned, assignedLater])
        .when(handOver({ handedOverOn: '2025-06-10' }))
        .thenRefused('CONFLICT', /cannot join the part .*unit-health holds on 2025-06-10: the start of the part .*unit-health holds is dated later \(2025-06-20\)/, /移交日期不能早于该日期/);
      given([leadAssigned, responsibleAssigned, assignedLater]).when(handOver({ handedOverOn: '2025-06-20' })).then([
        { type: 'PartHandedOver', data: { unitId: ENVIRONMENT, successorUnitId: HEALTH, reason: 'Reorganisation: its duties moved.', handedOverOn: '2025-06-20' } },
      ]);
    });

    it('a hand-over to a unit dated before its own part here passed on joins the part it held then, wherever it is now (breaker8h P6; was refused)', () => {
      const financePassed: AssignmentEvent = { type: 'PartHandedOver', data: { unitId: FINANCE, successorUnitId: HEALTH, reason: '机构改革', handedOverOn: '2025-06-20' } };
      const joined: AssignmentEvent = { type: 'PartHandedOver', data: { unitId: ENVIRONMENT, successorUnitId: FINANCE, reason: 'Reorganisation: its duties moved.', handedOverOn: '2025-06-10' } };
      given([leadAssigned, responsibleAssigned, financePassed]).when(handOver({ successorUnitId: FINANCE, handedOverOn: '2025-06-10' })).then([joined]);
      const state = stateAfter([leadAssigned, responsibleAssigned, financePassed, joined]);
      expect(partsOf(state).map((part) => [part.unitId, part.role])).toEqual([[HEALTH, 'LEAD']]);
      // As typed in date order: ENVIRONMENT joins FINANCE's part on 06-10, which passes to HEALTH on 06-20.
      expect(partsOf(stateAfter([leadAssigned, responsibleAssigned, joined, financePassed])).map((part) => [part.unitId, part.role, part.joinedOn])).toEqual(partsOf(state).map((part) => [part.unitId, part.role, part.joinedOn]));
      given([leadAssigned, responsibleAssigned, financePassed]).when(handOver({ successorUnitId: FINANCE, handedOverOn: '2025-06-20' })).then([
        { type: 'PartHandedOver', data: { unitId: ENVIRONMENT, successorUnitId: FINANCE, reason: 'Reorganisation: its duties moved.', handedOverOn: '2025-06-20' } },
      ]);
    });
  });

  it.each([
    ['a supervisor', { actor: supervisor }, 'FORBIDDEN'],
    ['a unit not assigned here', { unitId: 'unit-police' }, 'NOT_FOUND'],
    ['to the unit itself', { successorUnitId: ENVIRONMENT }, 'BAD_USER_INPUT'],
    ['without a reason', { reason: ' ' }, 'BAD_USER_INPUT'],
  ] as const)('refuses %s', (_what, overrides, code) => {
    given(inProgress).when(handOver(overrides)).thenRefused(code);
  });

  it('a part verified by the day of the handover stays with the unit that did it', () => {
    given([leadAssigned, reported(), inspected('PASSED')])
      .when(handOver({ unitId: FINANCE, handedOverOn: INSPECTED_ON }))
      .thenRefused('CONFLICT', /was verified on 2025-07-01, by the handover \(2025-07-01\)/, /已于 2025-07-01 确认完成/);
  });

  it('a part verified only after the day of the handover (entered before it) was open on that day, and moves', () => {
    given([leadAssigned, reported(), inspected('PASSED')])
      .when(handOver({ unitId: FINANCE, handedOverOn: REPORTED_ON }))
      .then([{ type: 'PartHandedOver', data: { unitId: FINANCE, successorUnitId: HEALTH, reason: 'Reorganisation: its duties moved.', handedOverOn: REPORTED_ON } }]);
  });

  describe('on the office day it happened, in order with the part and the successor', () => {
    const names = { nameOf: (unitId: string) => ({ [ENVIRONMENT]: '市环境保护局', [HEALTH]: '市卫生健康委员会' })[unitId] };

    it.each<[string, Partial<HandOverPart>, RegExp, RegExp]>([
      ['in the future', { handedOverOn: '2025-07-11' }, /^The day of the handover \(2025-07-11\) is in the future: today is 2025-07-10\.$/, /^移交日期（2025-07-11）是将来的日期/],
      [
        'before the part was assigned',
        { handedOverOn: '2025-05-31' },
        /^The handover of the part of 市环境保护局 \(2025-05-31\) is before the assignment of 市环境保护局 \(2025-06-01\)\.$/,
        /^市环境保护局任务的移交日期（2025-05-31）早于市环境保护局的交办日期（2025-06-01），日期顺序不对。$/,
      ],
      [
        'before the successor was registered',
        { successorRegisteredOn: '2025-07-01' },
        /^The handover of the part of 市环境保护局 \(2025-06-28\) is before the registration of 市卫生健康委员会 \(2025-07-01\)\.$/,
        /早于市卫生健康委员会的登记日期（2025-07-01）/,
      ],
    ])('refuses a handover %s, naming both days', (_what, overrides, message, messageZh) => {
      given(inProgress).when(handOver({ unitNames: names, ...overrides })).thenRefused('BAD_USER_INPUT', message, messageZh);
    });

    it('a handover entered late keeps its day; written before it carried one (v1), it reads with the day it was recorded', () => {
      given(inProgress).when(handOver({ successorRegisteredOn: '2025-06-28' })).then([handedOver]);
      const schemas = new EventSchemaRegistry().register(assignmentEventSchemas);
      const { handedOverOn: _day, ...v1 } = (handedOver as Extract<AssignmentEvent, { type: 'PartHandedOver' }>).data;
      expect(schemas.upcast({ type: 'PartHandedOver', schemaVersion: 1, data: v1, metadata: { recordedAt: '2025-07-01T16:30:00.000Z' } }).data).toEqual({ ...v1, handedOverOn: '2025-07-02' });
      expect(schemas.occurredOn('PartHandedOver', { ...v1, handedOverOn: '2025-06-28' }, '2025-07-01T16:30:00.000Z')).toBe('2025-06-28');
    });
  });
});

describe('corrections: a new event naming the original, refused when the corrected fact would clash', () => {
  const correctReport = (overrides: Partial<CorrectReportDate> = {}): CorrectReportDate => ({
    type: 'CorrectReportDate',
    actor: supervisor,
    today: TODAY,
    unitId: FINANCE,
    reportedOn: '2025-06-25',
    reason: 'The clerk typed the day it was filed, not the day it was sent.',
    ...overrides,
  });
  const correctInspection = (overrides: Partial<CorrectInspection> = {}): CorrectInspection => ({
    type: 'CorrectInspection',
    actor: supervisor,
    today: TODAY,
    unitId: FINANCE,
    inspectionId: 'inspection-1',
    reason: 'Entered under the wrong outcome.',
    ...overrides,
  });

  it("corrects the day of the part's last report, keeping the original in the event", () => {
    given([leadAssigned, reported(), inspected('PASSED')])
      .when(correctReport())
      .then([
        {
          type: 'ReportDateCorrected',
          data: { unitId: FINANCE, previousReportedOn: REPORTED_ON, reportedOn: '2025-06-25', reason: correctReport().reason, correctedOn: TODAY },
        },
      ]);
  });

  it('refuses a corrected report day after the inspection that checked it, naming both', () => {
    given([leadAssigned, reported(), inspected('PASSED')])
      .when(correctReport({ reportedOn: '2025-07-05' }))
      .thenRefused('BAD_USER_INPUT', /inspection that checked it \(2025-07-01\) is before the corrected report date \(2025-07-05\)/);
  });

  it('refuses a corrected report day before the assignment', () => {
    given([leadAssigned, reported()]).when(correctReport({ reportedOn: '2025-05-01' })).thenRefused('BAD_USER_INPUT', /before the assignment/);
  });

  it.each([
    ['no report yet', [leadAssigned], correctReport(), 'CONFLICT'],
    ['an inspector', [leadAssigned, reported()], correctReport({ actor: inspector }), 'FORBIDDEN'],
    ['the same day', [leadAssigned, reported()], correctReport({ reportedOn: REPORTED_ON }), 'BAD_USER_INPUT'],
    ['no reason', [leadAssigned, reported()], correctReport({ reason: ' ' }), 'BAD_USER_INPUT'],
  ] as const)('refuses a report correction with %s', (_what, history, command, code) => {
    given(history).when(command).thenRefused(code);
  });

  describe('a correction states what it corrects: a form read before another correction is refused (breaker8b N3)', () => {
    const correctedTo24 = {
      type: 'InspectionCorrected',
      data: { unitId: FINANCE, inspectionId: 'inspection-1', previousInspectedOn: INSPECTED_ON, inspectedOn: '2025-07-02', previousOutcome: 'PASSED', outcome: 'PASSED', reason: '张：实为7月2日', correctedOn: TODAY },
    } as const satisfies AssignmentEvent;

    it('refuses a stale inspection correction by the one rule of such races: who set what when, and the reason they gave (issue 9)', () => {
      given([leadAssigned, reported(), inspected('PASSED'), correctedTo24])
        .when(correctInspection({ inspectedOn: '2025-07-03', expectedInspectedOn: INSPECTED_ON, expectedOutcome: 'PASSED', reason: '李：实为7月3日' }))
        .thenRefused('CONFLICT', /is 2025-07-02 PASSED now, not 2025-07-01 PASSED as the form showed/, /的这条督查记录现为 2025-07-02（通过），不是表单显示的 2025-07-01（通过）：其间已被修改。本次未作修改/);
      given([leadAssigned, reported(), inspected('PASSED'), correctedTo24])
        .when(correctInspection({ inspectedOn: '2025-07-03', expectedInspectedOn: INSPECTED_ON, expectedOutcome: 'PASSED', reason: '李：实为7月3日' }))
        .thenChangedMeanwhile({
          field: 'expectedInspectedOn',
          types: ['InspectionCorrected', 'FactDateCorrected'],
          unitId: FINANCE,
          reason: '张：实为7月2日',
          zh: /的这条督查记录刚由张伟改为 2025-07-02（通过）（北京时间 2026-12-07 06:28；理由：张：实为7月2日；表单显示的是 2025-07-01（通过））：请确认后再调整，本次未作修改。$/,
        });
      given([leadAssigned, reported(), inspected('PASSED'), correctedTo24])
        .when(correctInspection({ outcome: 'FAILED', newDueDate: RETURNED_UNTIL, expectedInspectedOn: '2025-07-02', expectedOutcome: 'FAILED' }))
        .thenRefused('CONFLICT', /is 2025-07-02 PASSED now, not 2025-07-02 FAILED/);
    });

    it('accepts a correction whose form read the record as it stands', () => {
      const decided = given([leadAssigned, reported(), inspected('PASSED'), correctedTo24])
        .when(correctInspection({ inspectedOn: '2025-07-03', expectedInspectedOn: '2025-07-02', expectedOutcome: 'PASSED' }))
        .decision();
      expect(decided).toMatchObject([{ type: 'InspectionCorrected', data: { previousInspectedOn: '2025-07-02', inspectedOn: '2025-07-03' } }]);
    });

    it('refuses a stale report-date correction, naming the correction made meanwhile', () => {
      const correctedReport = {
        type: 'ReportDateCorrected',
        data: { unitId: FINANCE, previousReportedOn: REPORTED_ON, reportedOn: '2025-06-26', reason: '张：6月26日报送', correctedOn: TODAY },
      } as const satisfies AssignmentEvent;
      given([leadAssigned, reported(), correctedReport])
        .when(correctReport({ reportedOn: '2025-06-25', expectedReportedOn: REPORTED_ON }))
        .thenRefused('CONFLICT', /report of .* is 2025-06-26 now, not 2025-06-28/, /的报告日期现为 2025-06-26，不是表单显示的 2025-06-28：其间已被修改。本次未作修改/);
      given([leadAssigned, reported(), correctedReport])
        .when(correctReport({ reportedOn: '2025-06-25', expectedReportedOn: REPORTED_ON }))
        .thenChangedMeanwhile({
          field: 'expectedReportedOn',
          types: ['ReportDateCorrected', 'RectificationReported', 'FactDateCorrected'],
          unitId: FINANCE,
          reason: '张：6月26日报送',
          zh: /的报告日期刚由张伟改为 2025-06-26（北京时间 2026-12-07 06:28；理由：张：6月26日报送；表单显示的是 2025-06-28）：请确认后再调整，本次未作修改。$/,
        });
      expect(given([leadAssigned, reported(), correctedReport]).when(correctReport({ reportedOn: '2025-06-25', expectedReportedOn: '2025-06-26' })).decision()).toHaveLength(1);
    });
  });

  it('a PASSED entered by mistake becomes FAILED: the part is returned with the reason, and its new due date', () => {
    const history = [leadAssigned, reported(), inspected('PASSED')];
    const decided = given(history).when(correctInspection({ outcome: 'FAILED', newDueDate: RETURNED_UNTIL })).decision();
    expect(decided).toEqual([
      {
        type: 'InspectionCorrected',
        data: {
          unitId: FINANCE,
          inspectionId: 'inspection-1',
          previousInspectedOn: INSPECTED_ON,
          inspectedOn: INSPECTED_ON,
          previousOutcome: 'PASSED',
          outcome: 'FAILED',
          reason: 'Entered under the wrong outcome.',
          correctedOn: TODAY,
          newDueDate: RETURNED_UNTIL,
        },
      },
    ]);
    expect(partOf(stateAfter([...history, ...decided]), FINANCE)).toMatchObject({
      status: 'RETURNED',
      verifiedOn: null,
      dueDate: RETURNED_UNTIL,
      lastReturn: { cause: 'INSPECTION_FAILED' },
    });
  });

  describe('a correction to FAILED returns the part: a new due date as for a failed inspection', () => {
    const verified = [leadAssigned, reported(), inspected('PASSED')];
    const limit = { latest: '2025-09-30', setBy: say('the inspection deadline of plan 「整改实施方案」', '整改实施方案的督查时限') };

    it('is required when the due date had passed on the corrected inspection day, naming both days', () => {
      given(verified)
        .when(correctInspection({ outcome: 'FAILED' }))
        .thenRefused('BAD_USER_INPUT', /due date 2025-06-30 had passed on 2025-07-01, the day the part failed inspection: .*newDueDate/, /原时限 2025-06-30 在督查不通过之日（2025-07-01）已过/);
    });

    it('is optional when the corrected inspection day is before the due date; the part keeps its date', () => {
      const early = [leadAssigned, reported(), { ...inspected('PASSED'), data: { ...inspected('PASSED').data, inspectedOn: REPORTED_ON } }];
      const decided = given(early).when(correctInspection({ outcome: 'FAILED' })).decision();
      expect(decided[0]!.data).not.toHaveProperty('newDueDate');
      expect(partOf(stateAfter([...early, ...decided]), FINANCE)).toMatchObject({ status: 'RETURNED', dueDate: DUE });
    });

    it('is judged on the corrected day: moving a FAILED inspection past the due date needs one', () => {
      const { newDueDate: _none, ...failedBeforeDue } = inspected('FAILED').data;
      const failedEarly = [leadAssigned, reported(), { ...inspected('FAILED'), data: { ...failedBeforeDue, inspectedOn: REPORTED_ON } }];
      given(failedEarly).when(correctInspection({ inspectedOn: INSPECTED_ON })).thenRefused('BAD_USER_INPUT', /had passed on 2025-07-01/);
      given(failedEarly)
        .when(correctInspection({ inspectedOn: INSPECTED_ON, newDueDate: RETURNED_UNTIL }))
        .then([
          {
            type: 'InspectionCorrected',
            data: {
              unitId: FINANCE,
              inspectionId: 'inspection-1',
              previousInspectedOn: REPORTED_ON,
              inspectedOn: INSPECTED_ON,
              previousOutcome: 'FAILED',
              outcome: 'FAILED',
              reason: 'Entered under the wrong outcome.',
              correctedOn: TODAY,
              newDueDate: RETURNED_UNTIL,
            },
          },
        ]);
    });

    it.each<[string, Partial<CorrectInspection>, RegExp]>([
      ['before the corrected inspection day', { newDueDate: '2025-06-30' }, /already passed \(on 2025-07-01\)/],
      ['not a date', { newDueDate: '2025-07-32' }, /not a valid date/],
      ['past the plan’s limit without an override', { newDueDate: '2025-10-01', dueDateLimit: limit }, /after the inspection deadline/],
    ])('refuses a new due date %s', (_what, overrides, message) => {
      given(verified).when(correctInspection({ outcome: 'FAILED', ...overrides })).thenRefused('BAD_USER_INPUT', message);
    });

    it('past the limit, a supervisor’s override is recorded with the date', () => {
      const decided = given(verified)
        .when(correctInspection({ outcome: 'FAILED', newDueDate: '2025-10-31', dueDateLimit: limit, dueDateOverride: { reason: 'Agreed by the vice-mayor.' } }))
        .decision();
      expect(decided[0]!.data).toMatchObject({ newDueDate: '2025-10-31', dueDateOverride: { reason: 'Agreed by the vice-mayor.', limit: '2025-09-30' } });
    });

    it('a correction to PASSED takes no new due date', () => {
      given([leadAssigned, reported(), inspected('FAILED')])
        .when(correctInspection({ outcome: 'PASSED', newDueDate: RETURNED_UNTIL }))
        .thenRefused('BAD_USER_INPUT', /passed inspection/);
    });
  });

  it('a FAILED entered by mistake becomes PASSED, on its corrected day', () => {
    const history = [leadAssigned, reported(), inspected('FAILED')];
    const decided = given(history).when(correctInspection({ outcome: 'PASSED', inspectedOn: '2025-06-30' })).decision();
    expect(partOf(stateAfter([...history, ...decided]), FINANCE)).toMatchObject({ status: 'VERIFIED', verifiedOn: '2025-06-30' });
  });

  it('refuses an inspection day corrected to before the report it checks', () => {
    given([leadAssigned, reported(), inspected('PASSED')])
      .when(correctInspection({ inspectedOn: '2025-06-27' }))
      .thenRefused('BAD_USER_INPUT', /corrected inspection date \(2025-06-27\) is before the report it checks \(2025-06-28\)/);
  });

  it('refuses correcting an inspection the unit has answered since', () => {
    given([leadAssigned, reported(), inspected('FAILED'), reported(FINANCE, INSPECTED_ON)])
      .when(correctInspection({ outcome: 'PASSED' }))
      .thenRefused('CONFLICT', /only the last inspection/);
  });

  it('refuses a correction that changes nothing, and an unknown inspection', () => {
    given([leadAssigned, reported(), inspected('PASSED')]).when(correctInspection({ inspectedOn: INSPECTED_ON })).thenRefused('BAD_USER_INPUT');
    given([leadAssigned, reported(), inspected('PASSED')]).when(correctInspection({ inspectionId: 'inspection-9', outcome: 'FAILED' })).thenRefused('NOT_FOUND');
  });
});

describe('refusals name units by their names in the directory, not by id', () => {
  const named = { unitNames: DIRECTORY };

  it.each<[string, readonly AssignmentEvent[], AssignmentCommand, ErrorCode, RegExp, RegExp]>([
    ['a unit assigned twice', [leadAssigned], assign({ role: 'RESPONSIBLE', ...named }), 'CONFLICT', /^市财政局 is already assigned\.$/, /^市财政局已在交办之列。$/],
    ['a second lead', [leadAssigned], assign({ unitId: ENVIRONMENT, ...named }), 'CONFLICT', /^市财政局 is already the lead unit/, /^市财政局已是牵头单位/],
    ['a unit not assigned', [leadAssigned], report({ unitId: ENVIRONMENT, actor: clerkOf(ENVIRONMENT), ...named }), 'NOT_FOUND', /^市环境保护局 is not assigned here\.$/, /^市环境保护局不在本事项的交办单位之列。$/],
    ['another unit reporting', [leadAssigned], report({ actor: clerkOf(ENVIRONMENT), ...named }), 'FORBIDDEN', /^Only 市财政局 may report on its part; a supervisor may enter its paper report on its behalf \(代录\)\.$/, /^只有市财政局的用户可以报送本单位的整改情况；督办人员可依据纸质报告代录。$/],
    ['a second report awaiting inspection', [leadAssigned, reported()], report(named), 'CONFLICT', /^市财政局 has already reported/, /^市财政局已于 2025-06-28 报送整改情况，正在等待督查。如该报告在 2025-06-28 或之前已督查未通过或被退办，请先录入督查结果或退办，再录入新的整改报告。$/],
    ['an inspection with nothing reported', [leadAssigned], inspect(named), 'CONFLICT', /^市财政局 had no report awaiting inspection on 2025-07-01\. If it reported on or before that day, its report must be entered first/, /^市财政局在 2025-07-01 没有待督查的整改报告。如该单位在此之前已报告，请先补录其整改报告（由市财政局录入，或由督办人员依据纸质报告代录），再录入本次督查。$/],
    ['urging a verified part', [leadAssigned, reported(), inspected('PASSED')], urge({ ...named, urgedOn: '2025-07-02' }), 'CONFLICT', /^The part of 市财政局 is already verified/, /^市财政局的任务已确认完成/],
  ])('%s', (_what, history, command, code, message, messageZh) => {
    given(history).when(command).thenRefused(code, message, messageZh);
  });

  it('a unit missing from the directory is named by its id in English, and as 该单位 in Chinese (never an id)', () => {
    given([leadAssigned]).when(report({ unitId: 'unit-gone', actor: clerkOf('unit-gone'), ...named })).thenRefused('NOT_FOUND', /^Unit unit-gone is not assigned here\.$/, /^该单位不在/);
  });
});

describe('the units directory on the day of the fact (registration, merger)', () => {
  const NEW_UNIT = 'unit-new';
  const SUCCESSOR = 'unit-successor';
  /** 市财政局 and 市环境保护局 exist since 2020; 市数据局 was registered on 2025-06-25; 市环境保护局 merged into 市生态环境局 on 2025-07-05. */
  const directory = {
    nameOf: (unitId: string) => ({ [FINANCE]: '市财政局', [ENVIRONMENT]: '市环境保护局', [NEW_UNIT]: '市数据局', [SUCCESSOR]: '市生态环境局' })[unitId],
    registeredOnOf: (unitId: string) => (unitId === NEW_UNIT ? '2025-06-25' : '2020-01-01'),
    mergerOf: (unitId: string) => (unitId === ENVIRONMENT ? { successorUnitId: SUCCESSOR, mergedOn: '2025-07-05' } : undefined),
  };
  const known = { unitNames: directory };

  describe('given a unit registered on 2025-06-25', () => {
    it('refuses its assignment dated before, naming both days', () => {
      given([]).when(assign({ unitId: NEW_UNIT, ...known })).thenRefused(
        'BAD_USER_INPUT',
        /^The assignment date \(2025-06-01\) is before the registration of 市数据局 \(2025-06-25\); if the unit existed then, an administrator corrects its registration day first/,
        /^交办日期（2025-06-01）早于市数据局的登记日期（2025-06-25）/,
      );
    });

    it('names the unit that did the work that day when one was merged into it later, not a correction of its registration (breaker11g P8)', () => {
      // 市环境保护局 stood on 2025-06-01 and was merged into the (then new) unit on 2025-07-05.
      const withPredecessor = { unitNames: { ...directory, predecessorsOf: (unitId: string) => (unitId === NEW_UNIT ? [{ unitId: ENVIRONMENT, on: '2025-07-05' }] : []) } };
      given([]).when(assign({ unitId: NEW_UNIT, ...withPredecessor })).thenRefused(
        'BAD_USER_INPUT',
        /on that day the work was 市环境保护局's \(passed to 市数据局 on 2025-07-05\)/,
        /^交办日期（2025-06-01）早于市数据局的登记日期（2025-06-25）：当时由市环境保护局（2025-07-05 起由市数据局承接）承担。请改为当时的单位，其任务将随机构改革转入市数据局。$/,
      );
      // A predecessor that passed its work on before that day is no answer: the old words.
      const early = { unitNames: { ...directory, predecessorsOf: () => [{ unitId: ENVIRONMENT, on: '2025-05-01' }] } };
      given([]).when(assign({ unitId: NEW_UNIT, ...early })).thenRefused('BAD_USER_INPUT', undefined, /如该单位当时已存在，请系统管理员先在“单位名录”页更正其登记日期。$/);
    });

    it('accepts it from that day on', () => {
      given([]).when(assign({ unitId: NEW_UNIT, assignedOn: '2025-06-25', ...known })).then([
        { type: 'UnitAssigned', data: { unitId: NEW_UNIT, role: 'LEAD', dueDate: DUE, assignedOn: '2025-06-25' } },
      ]);
    });

    const newUnitAssigned: AssignmentEvent = { type: 'UnitAssigned', data: { unitId: NEW_UNIT, role: 'LEAD', dueDate: DUE, assignedOn: '2025-06-01' } };
    it.each<[string, readonly AssignmentEvent[], AssignmentCommand]>([
      ['a report', [newUnitAssigned], report({ unitId: NEW_UNIT, actor: clerkOf(NEW_UNIT), reportedOn: '2025-06-10', ...known })],
      ['an urging', [newUnitAssigned], urge({ unitId: NEW_UNIT, urgedOn: '2025-06-10', ...known })],
      ['an extension request', [newUnitAssigned], requestExtension({ unitId: NEW_UNIT, actor: clerkOf(NEW_UNIT), requestedOn: '2025-06-10', ...known })],
      [
        'an inspection',
        [newUnitAssigned, { type: 'RectificationReported', data: { unitId: NEW_UNIT, summary: 's', evidence, reportedOn: '2025-06-05' } }],
        inspect({ unitId: NEW_UNIT, inspectedOn: '2025-06-10', ...known }),
      ],
    ])('refuses %s dated before it, on a part entered before the rule', (_what, history, command) => {
      given(history).when(command).thenRefused('BAD_USER_INPUT', /before the registration of 市数据局 \(2025-06-25\)/, /早于市数据局的登记日期（2025-06-25）/);
    });
  });

  describe('given 市环境保护局 merged into 市生态环境局', () => {
    const merged = /^市环境保护局 was merged into 市生态环境局 on 2025-07-05; it takes no new work/;
    const mergedZh = /^市环境保护局已于 2025-07-05 并入市生态环境局，不再承担新的工作；其未完成的任务由市生态环境局承担。$/;
    const verifiedParts = [leadAssigned, responsibleAssigned, reported(ENVIRONMENT), inspected('PASSED', 'inspection-e', ENVIRONMENT)];

    it.each<[string, readonly AssignmentEvent[], AssignmentCommand]>([
      // On the merge day itself, its last working day, an assignment is taken (breaker8u P2; the parent passes it that day).
      ['an assignment after the merge day', [leadAssigned], assign({ unitId: ENVIRONMENT, role: 'RESPONSIBLE', assignedOn: '2025-07-06', ...known })],
      // Dated after the merge day: what it did before is its own work then (see the breaker8 B5 cases above), and so are its own
      // papers of the merge day itself (breaker8s P6, below).
      ['a report', [leadAssigned, responsibleAssigned], report({ unitId: ENVIRONMENT, actor: clerkOf(ENVIRONMENT), today: TODAY, reportedOn: '2025-07-06', ...known })],
      ['an extension request', [leadAssigned, responsibleAssigned], requestExtension({ unitId: ENVIRONMENT, actor: clerkOf(ENVIRONMENT), today: TODAY, requestedOn: '2025-07-06', requestedDueDate: '2025-09-30', ...known })],
      ['an urging', [leadAssigned, responsibleAssigned], urge({ unitId: ENVIRONMENT, urgedOn: '2025-07-06', ...known })],
      [
        // A pass of its days corrected to a failure is taken (breaker8p P4: the part passes on the merge day; pass-corrected-after-merge.spec.ts).
        'a correction that would return its verified part on the merge day',
        verifiedParts,
        { type: 'CorrectInspection', actor: supervisor, today: TODAY, unitId: ENVIRONMENT, inspectionId: 'inspection-e', inspectedOn: '2025-07-05', outcome: 'FAILED', newDueDate: RETURNED_UNTIL, reason: '录入错误', ...known },
      ],
    ])('refuses %s, naming the unit and its successor', (_what, history, command) => {
      given(history).when(command).thenRefused('CONFLICT', merged, mergedZh);
    });

    it('takes its own report of the merge day, its last working day, typed after the merge (breaker8s P6: typed before, the merge took it with the part)', () => {
      given([leadAssigned, responsibleAssigned]).when(report({ unitId: ENVIRONMENT, actor: clerkOf(ENVIRONMENT), today: TODAY, reportedOn: '2025-07-05', ...known })).then([reported(ENVIRONMENT, '2025-07-05')]);
    });

    it('takes an assignment dated before the merge (a past file entered late): the parent hands it over on the merge day', () => {
      given([leadAssigned])
        .when(assign({ unitId: ENVIRONMENT, role: 'RESPONSIBLE', assignedOn: '2025-07-04', dueDate: RETURNED_UNTIL, ...known }))
        .then([{ type: 'UnitAssigned', data: { unitId: ENVIRONMENT, role: 'RESPONSIBLE', dueDate: RETURNED_UNTIL, assignedOn: '2025-07-04' } }]);
    });

    it('still takes a correction of its report day (history, not new work)', () => {
      const history = [leadAssigned, responsibleAssigned, reported(ENVIRONMENT)];
      given(history)
        .when({ type: 'CorrectReportDate', actor: supervisor, today: TODAY, unitId: ENVIRONMENT, reportedOn: '2025-06-27', reason: '录入错误', ...known })
        .then([{ type: 'ReportDateCorrected', data: { unitId: ENVIRONMENT, previousReportedOn: REPORTED_ON, reportedOn: '2025-06-27', reason: '录入错误', correctedOn: TODAY } }]);
    });
  });

  it('refuses joining a part to the successor’s own part on a day before the office’s later facts on it (they would count differently as of a day than now)', () => {
    const urgedLater: AssignmentEvent = { type: 'UnitUrged', data: { unitId: ENVIRONMENT, message: '请抓紧', urgedOn: '2025-07-08' } };
    const command: HandOverPart = { type: 'HandOverPart', actor: admin, today: TODAY, unitId: ENVIRONMENT, successorUnitId: FINANCE, reason: '职能调整', handedOverOn: '2025-07-05', ...known };
    given([leadAssigned, responsibleAssigned, urgedLater])
      .when(command)
      .thenRefused('CONFLICT', /cannot join the part 市财政局 holds on 2025-07-05: the urging of 市环境保护局 is dated later \(2025-07-08\)/, /不能在 2025-07-05 并入市财政局已有的任务：对市环境保护局的催办的日期（2025-07-08）在其之后/);
    given([leadAssigned, responsibleAssigned, urgedLater])
      .when({ ...command, handedOverOn: '2025-07-08' })
      .then([{ type: 'PartHandedOver', data: { unitId: ENVIRONMENT, successorUnitId: FINANCE, reason: '职能调整', handedOverOn: '2025-07-08' } }]);
  });

  it('refuses passing a joined part on a day before the join (the part was not whole before it)', () => {
    const joined: AssignmentEvent = { type: 'PartHandedOver', data: { unitId: ENVIRONMENT, successorUnitId: FINANCE, reason: '职能调整', handedOverOn: '2025-07-08' } };
    const command: HandOverPart = { type: 'HandOverPart', actor: admin, today: TODAY, unitId: FINANCE, successorUnitId: 'unit-housing', reason: '职能调整', handedOverOn: '2025-07-06', unitNames: { nameOf: (unitId) => ({ [FINANCE]: '市财政局', [ENVIRONMENT]: '市环境保护局', ['unit-housing']: '市住房和城乡建设局' })[unitId] } };
    given([leadAssigned, responsibleAssigned, joined])
      .when(command)
      .thenRefused('CONFLICT', /cannot pass on 2025-07-06: the joining of another unit's part to that of 市财政局 is dated later \(2025-07-08\)/, /其他单位的任务并入市财政局的任务的日期（2025-07-08）在其之后/);
  });

  it('assigns a unit whose part passed to another a new part only from the day it passed', () => {
    const passed: AssignmentEvent = { type: 'PartHandedOver', data: { unitId: ENVIRONMENT, successorUnitId: FINANCE, reason: '职能调整', handedOverOn: '2025-07-08' } };
    given([leadAssigned, responsibleAssigned, passed])
      .when(assign({ unitId: ENVIRONMENT, role: 'RESPONSIBLE' }))
      .thenRefused('BAD_USER_INPUT', /The assignment date \(2025-06-01\) is before the day the earlier part of .* passed to another unit \(2025-07-08\)/, /原有任务移交其他单位的日期（2025-07-08）/);
    given([leadAssigned, responsibleAssigned, passed])
      .when(assign({ unitId: ENVIRONMENT, role: 'RESPONSIBLE', assignedOn: '2025-07-08', dueDate: RETURNED_UNTIL }))
      .then([{ type: 'UnitAssigned', data: { unitId: ENVIRONMENT, role: 'RESPONSIBLE', dueDate: RETURNED_UNTIL, assignedOn: '2025-07-08' } }]);
  });

  it('refuses handing a part over to a unit that was itself merged, naming where it went', () => {
    const history = [leadAssigned];
    const command: HandOverPart = { type: 'HandOverPart', actor: admin, today: TODAY, unitId: FINANCE, successorUnitId: ENVIRONMENT, reason: '机构改革', handedOverOn: '2025-07-10', ...known };
    given(history).when(command).thenRefused('CONFLICT', /^市环境保护局 was merged into 市生态环境局 on 2025-07-05; it takes no new work/, /^市环境保护局已于 2025-07-05 并入市生态环境局/);
    given(history).when({ ...command, successorUnitId: SUCCESSOR }).then([
      { type: 'PartHandedOver', data: { unitId: FINANCE, successorUnitId: SUCCESSOR, reason: '机构改革', handedOverOn: '2025-07-10' } },
    ]);
  });

  it('refuses work for a unit whose successor merged on since, naming the unit that carries its work now (breaker8h P11)', () => {
    const LAST = 'unit-last';
    const chain = {
      unitNames: {
        ...directory,
        nameOf: (unitId: string) => (unitId === LAST ? '青川市生态环境保护委员会' : directory.nameOf(unitId)),
        mergerOf: (unitId: string) => (unitId === SUCCESSOR ? { successorUnitId: LAST, mergedOn: '2025-09-01' } : directory.mergerOf(unitId)),
      },
    };
    given([leadAssigned]).when(assign({ unitId: ENVIRONMENT, role: 'RESPONSIBLE', assignedOn: '2025-09-10', ...chain })).thenRefused(
      'CONFLICT',
      /its open parts are 青川市生态环境保护委员会's\.$/,
      /^市环境保护局已于 2025-07-05 并入市生态环境局，不再承担新的工作；其未完成的任务由青川市生态环境保护委员会承担。$/,
    );
  });

  it('hands a part over to a unit merged away later, dated before its merge, and the merge passes it on, on its own day, whatever was typed first (breaker8h P3)', () => {
    const command: HandOverPart = { type: 'HandOverPart', actor: admin, today: TODAY, unitId: FINANCE, successorUnitId: ENVIRONMENT, reason: '职能调整', handedOverOn: '2025-07-01', ...known };
    given([leadAssigned]).when(command).then([
      { type: 'PartHandedOver', data: { unitId: FINANCE, successorUnitId: ENVIRONMENT, reason: '职能调整', handedOverOn: '2025-07-01' } },
      { type: 'PartHandedOver', data: { unitId: ENVIRONMENT, successorUnitId: SUCCESSOR, reason: '市环境保护局于 2025-07-05 并入市生态环境局，其未完成的任务由市生态环境局承担', handedOverOn: '2025-07-05' } },
    ]);
    // The day after its merge it no longer existed: refused, naming where its work went.
    given([leadAssigned]).when({ ...command, handedOverOn: '2025-07-06' }).thenRefused('CONFLICT', /^市环境保护局 was merged into 市生态环境局 on 2025-07-05/, /^市环境保护局已于 2025-07-05 并入市生态环境局/);
  });

  describe('given a parent whose work began on 2025-06-10', () => {
    const dueFrom = { day: '2025-06-10', what: say('the day the plan was approved', '方案批准日期') };

    it('refuses a due date before that day, naming both days', () => {
      given([]).when(assign({ dueDate: '2025-06-09', dueFrom, ...known })).thenRefused(
        'BAD_USER_INPUT',
        /^The due date of 市财政局 \(2025-06-09\) is before the day the plan was approved \(2025-06-10\)\.$/,
        /^市财政局的截止日期（2025-06-09）早于方案批准日期（2025-06-10）/,
      );
    });

    it('refuses a due date already passed on the assignment day: the unit would be overdue the moment it got the part (breaker11 F14)', () => {
      given([]).when(assign({ dueDate: '2025-06-10', assignedOn: '2025-07-01', dueFrom, ...known })).thenRefused(
        'BAD_USER_INPUT',
        /^The due date of 市财政局 \(2025-06-10\) is before its assignment date \(2025-07-01\)\.$/,
        /^市财政局的截止日期（2025-06-10）早于交办日期（2025-07-01），日期顺序不对。$/,
      );
      given([]).when(assign({ dueDate: '2025-06-10', assignedOn: '2025-07-01', dueFrom, ...known })).thenRefusedAt('dueDate');
    });

    it('accepts a due date on the assignment day itself', () => {
      given([]).when(assign({ dueDate: '2025-07-01', assignedOn: '2025-07-01', dueFrom, ...known })).then([
        { type: 'UnitAssigned', data: { unitId: FINANCE, role: 'LEAD', dueDate: '2025-07-01', assignedOn: '2025-07-01' } },
      ]);
    });
  });
});

describe('what the breaker found after the first fixes', () => {
  const HEALTH = 'unit-health';
  const names = { unitNames: { nameOf: (unitId: string) => ({ [FINANCE]: '市财政局', [ENVIRONMENT]: '市环境保护局', [HEALTH]: '市卫生健康委员会' })[unitId] } };

  describe('given a failed inspection answered by an extension request', () => {
    const failedThenAsked = [leadAssigned, reported(), inspected('FAILED'), { ...extensionRequested, data: { ...extensionRequested.data, requestedOn: '2025-07-02', requestedDueDate: '2025-09-30' } } as AssignmentEvent];
    const correction: CorrectInspection = { type: 'CorrectInspection', actor: supervisor, today: TODAY, unitId: FINANCE, inspectionId: 'inspection-1', outcome: 'PASSED', reason: '结论录错', ...names };

    it('refuses correcting the inspection, naming what answered it', () => {
      given(failedThenAsked).when(correction).thenRefused('CONFLICT', /was answered by the extension request of 2025-07-02/, /之后已有延期申请（2025-07-02）/);
    });

    it('still corrects one nothing answered, and the part is due as before the failure', () => {
      const state = stateAfter([leadAssigned, reported(), inspected('FAILED')]);
      expect(partOf(state, FINANCE)!.dueDate).toBe(RETURNED_UNTIL);
      const events = decideAssignment(correction, state, openParent);
      expect(partOf(events.reduce(evolveAssignments, state), FINANCE)).toMatchObject({ status: 'VERIFIED', dueDate: DUE });
    });
  });

  it('never decides an extension request on a part verified on an earlier day', () => {
    const pendingThenVerified = [leadAssigned, extensionRequested, reported(), inspected('PASSED')];
    given(pendingThenVerified).when(decideExtension({ ...names, decidedOn: '2025-07-02' })).thenRefused('CONFLICT', /already verified/, /已确认完成/);
  });

  describe('given a part handed over to 市卫生健康委员会 on 2025-06-29', () => {
    const handedOver: AssignmentEvent = { type: 'PartHandedOver', data: { unitId: ENVIRONMENT, successorUnitId: HEALTH, reason: '机构改革', handedOverOn: '2025-06-29' } };
    const history = [leadAssigned, responsibleAssigned, handedOver];

    it('takes its successor’s report dated before that day as its predecessor’s, which held the part then (breaker8 B5)', () => {
      given(history)
        .when(report({ unitId: HEALTH, actor: clerkOf(HEALTH), reportedOn: '2025-06-28', ...names }))
        .then([{ type: 'RectificationReported', data: { unitId: ENVIRONMENT, summary: 'Budget tables are now on the portal.', evidence, reportedOn: '2025-06-28' } }]);
    });

    it('takes it from that day on', () => {
      given(history)
        .when(report({ unitId: HEALTH, actor: clerkOf(HEALTH), reportedOn: '2025-06-29', today: TODAY, ...names }))
        .then([{ type: 'RectificationReported', data: { unitId: HEALTH, summary: 'Budget tables are now on the portal.', evidence, reportedOn: '2025-06-29' } }]);
    });

    it('refuses a correction that moves its predecessor’s report across that day', () => {
      const reportedBefore = [leadAssigned, responsibleAssigned, reported(ENVIRONMENT, '2025-06-20'), { ...handedOver }];
      given(reportedBefore)
        .when({ type: 'CorrectReportDate', actor: supervisor, today: TODAY, unitId: HEALTH, reportedOn: '2025-06-30', reason: '日期录错', ...names })
        .thenRefused('BAD_USER_INPUT', /would move a fact of 市环境保护局 to after its part passed to another unit \(2025-06-29\)/);
      given(reportedBefore)
        .when({ type: 'CorrectReportDate', actor: supervisor, today: TODAY, unitId: HEALTH, reportedOn: '2025-06-21', reason: '日期录错', ...names })
        .then([{ type: 'ReportDateCorrected', data: { unitId: ENVIRONMENT, previousReportedOn: '2025-06-20', reportedOn: '2025-06-21', reason: '日期录错', correctedOn: TODAY } }]);
    });
  });
});

describe('a refusal about one input field names it (extensions.field), for the form to show it beside that field', () => {
  const limit = { latest: '2025-09-30', setBy: say('the inspection deadline of the approved plan', '整改实施方案的督查时限') };
  it.each<[string, readonly AssignmentEvent[], AssignmentCommand, string]>([
    ['a report dated in the future', [leadAssigned], report({ reportedOn: '2025-06-29' }), 'reportedOn'],
    ['a report dated before the assignment', [leadAssigned], report({ reportedOn: '2025-05-31' }), 'reportedOn'],
    ['a report without a summary', [leadAssigned], report({ summary: ' ' }), 'summary'],
    ['a report without evidence', [leadAssigned], report({ evidence: [] }), 'evidence'],
    ['a second piece of evidence without a link or document number', [leadAssigned], report({ evidence: [...evidence, { title: '解读', link: null, documentRef: null }] }), 'evidence.1.link'],
    ['an extension to a day not after the due date', [leadAssigned], requestExtension({ requestedDueDate: DUE }), 'requestedDueDate'],
    ['an extension without a reason', [leadAssigned], requestExtension({ reason: '' }), 'reason'],
    ['an urging without a message', [leadAssigned], urge({ message: '' }), 'message'],
    ['an inspection dated before the report', [leadAssigned, reported()], inspect({ inspectedOn: '2025-06-27' }), 'inspectedOn'],
    ['a failed inspection without notes', [leadAssigned, reported()], inspect({ outcome: 'FAILED', notes: '', newDueDate: RETURNED_UNTIL }), 'notes'],
    ['a send-back after the due date without a new one', [leadAssigned, reported()], sendBack({ today: TODAY, sentBackOn: TODAY }), 'newDueDate'],
    ['a due date past the plan’s limit without the override’s reason', [], assign({ dueDate: '2025-10-01', dueDateLimit: limit }), 'overrideReason'],
    ['an assignment dated in the future', [], assign({ assignedOn: '2025-07-11' }), 'assignedOn'],
  ])('%s: %s', (_case, history, command, field) => {
    given(history).when(command).thenRefusedAt(field);
  });

  it('a decision on an extension request that does not exist names the request, not its id, in Chinese', () => {
    given([leadAssigned]).when(decideExtension({ requestId: 'extension-404', unitNames: DIRECTORY })).thenRefused('NOT_FOUND', /extension-404/, /^找不到市财政局的这项延期申请。$/);
  });

  it('a correction of an inspection that later facts answered names it by its day, not its id', () => {
    given([leadAssigned, reported(), inspected('FAILED'), reported(FINANCE, '2025-07-05')])
      .when({ type: 'CorrectInspection', actor: supervisor, today: TODAY, unitId: FINANCE, inspectionId: 'inspection-1', outcome: 'PASSED', reason: 'Entered under the wrong outcome.', unitNames: DIRECTORY })
      .thenRefused('CONFLICT', /inspection-1/, /^市财政局 2025-07-01 的督查记录之后/);
  });
});

describe('urgings, extension requests and decisions are judged on the part as it stood on their own day (breaker8 B3)', () => {
  const names = { unitNames: DIRECTORY };
  const on = (day: string) => ({ today: TODAY, ...names, requestedOn: day });
  const asked = (day: string, requestedDueDate: string, requestId = 'extension-1'): AssignmentEvent => ({
    type: 'ExtensionRequested',
    data: { unitId: FINANCE, requestId, requestedDueDate, reason: 'Portal migration.', requestedOn: day },
  });
  const inspectedOn = (day: string, outcome: 'PASSED' | 'FAILED', inspectionId: string, newDueDate?: string): AssignmentEvent => ({
    type: 'InspectionLogged',
    data: { unitId: FINANCE, inspectionId, outcome, notes: outcome === 'FAILED' ? '目录不全' : '', inspectedOn: day, place: '现场', ...(newDueDate ? { newDueDate } : {}) },
  });
  const reopened = (day: string, newDueDate: string): AssignmentEvent => ({ type: 'PartsReopened', data: { reason: '复查未通过', reopenedOn: day, newDueDate } });

  describe('given a request of 06-20, a report of 07-15 and a pass of 07-20 entered first (a paper file found later)', () => {
    const closedLater = [leadAssigned, asked('2025-06-20', '2025-07-31'), reported(FINANCE, '2025-07-15'), inspectedOn('2025-07-20', 'PASSED', 'inspection-1')];

    it('decides the request on 06-22, when the part was open and the request pending', () => {
      given(closedLater)
        .when(decideExtension({ ...names, today: '2025-08-01', decidedOn: '2025-06-22' }))
        .then([{ type: 'ExtensionGranted', data: { unitId: FINANCE, requestId: 'extension-1', previousDueDate: DUE, newDueDate: '2025-07-31', decidedOn: '2025-06-22' } }]);
    });

    it('urges on 07-01, when the part was open', () => {
      given(closedLater).when(urge({ today: '2025-08-01', urgedOn: '2025-07-01', ...names })).then([{ type: 'UnitUrged', data: { unitId: FINANCE, message: 'Please report by Friday.', urgedOn: '2025-07-01' } }]);
    });

    it('refuses a second request of 06-25 while the first still awaited its decision then, naming it', () => {
      given(closedLater)
        .when(requestExtension({ ...on('2025-06-25'), today: '2025-08-01', requestId: 'extension-2', requestedDueDate: '2025-08-31' }))
        .thenRefused('CONFLICT', /\(extension-1, of 2025-06-20\) was still awaiting a decision on 2025-06-25/, /于 2025-06-20 提出的延期申请在 2025-06-25 尚待审批/);
    });

    it('once the first is decided on 06-22, takes the request of 06-25 against the date then in force, and it lapses with the pass of 07-20', () => {
      const decided = [...closedLater, { type: 'ExtensionGranted', data: { unitId: FINANCE, requestId: 'extension-1', previousDueDate: DUE, newDueDate: '2025-07-31', decidedOn: '2025-06-22' } } as AssignmentEvent];
      given(decided)
        .when(requestExtension({ ...on('2025-06-25'), today: '2025-08-01', requestId: 'extension-2', requestedDueDate: '2025-07-31' }))
        .thenRefused('BAD_USER_INPUT', /later than the due date in force on 2025-06-25 \(2025-07-31\)/, /须晚于 2025-06-25 时的截止日期 2025-07-31/);
      const late = decided.concat(asked('2025-06-25', '2025-08-31', 'extension-2'));
      given(decided).when(requestExtension({ ...on('2025-06-25'), today: '2025-08-01', requestId: 'extension-2', requestedDueDate: '2025-08-31' })).then([late.at(-1)!]);
      expect(partOf(stateAfter(late), FINANCE)!.extensionRequests.map((request) => request.status)).toEqual(['GRANTED', 'LAPSED']);
    });
  });

  describe('given a part verified on 06-20 and reopened on 07-05 (open again now)', () => {
    const reopenedLater = [leadAssigned, reported(FINANCE, '2025-06-10'), inspectedOn('2025-06-20', 'PASSED', 'inspection-1'), reopened('2025-07-05', '2025-07-20')];

    it('refuses an urging of 06-25, naming the verification and the reopening', () => {
      given(reopenedLater)
        .when(urge({ urgedOn: '2025-06-25', ...names }))
        .thenRefused('CONFLICT', /verified on 2025-06-20 and reopened only on 2025-07-05: on 2025-06-25 there was nothing to urge/, /已于 2025-06-20 确认完成，2025-07-05 才重新打开：2025-06-25 无需催办/);
    });

    it('refuses an extension request of 06-25 the same way (the part was verified then, whatever it is today)', () => {
      given(reopenedLater).when(requestExtension({ ...on('2025-06-25'), requestedDueDate: '2025-07-30' })).thenRefused('CONFLICT', /reopened only on 2025-07-05/, /无需延期/);
    });

    it('still takes an urging of the reopened days', () => {
      given(reopenedLater).when(urge({ urgedOn: '2025-07-06', ...names })).then([{ type: 'UnitUrged', data: { unitId: FINANCE, message: 'Please report by Friday.', urgedOn: '2025-07-06' } }]);
    });

    it('decides no request of that window: a request made before the verification lapsed with it', () => {
      const lapsed = [leadAssigned, asked('2025-06-05', '2025-07-15'), reported(FINANCE, '2025-06-10'), inspectedOn('2025-06-20', 'PASSED', 'inspection-1'), reopened('2025-07-05', '2025-07-20')];
      given(lapsed).when(decideExtension({ ...names, decidedOn: '2025-06-26' })).thenRefused('CONFLICT', /verified on 2025-06-20 and reopened only on 2025-07-05/, /延期申请不再审批/);
      given(lapsed).when(decideExtension({ ...names, decidedOn: '2025-07-06' })).thenRefused('CONFLICT', /lapsed when its part was verified/, /已在任务确认完成时失效/);
      given(lapsed).when(decideExtension({ ...names, decidedOn: '2025-06-12' })).then([
        { type: 'ExtensionGranted', data: { unitId: FINANCE, requestId: 'extension-1', previousDueDate: DUE, newDueDate: '2025-07-15', decidedOn: '2025-06-12' } },
      ]);
    });
  });

  it('judges "asked for by the due date" on the due date in force on the request day, not on a date a later failure gave', () => {
    const failedLater = [leadAssigned, reported(FINANCE, '2025-06-28'), inspectedOn('2025-07-08', 'FAILED', 'inspection-1', '2025-07-25')];
    given(failedLater)
      .when(requestExtension({ ...on('2025-07-05'), requestedDueDate: '2025-08-10' }))
      .thenRefused('CONFLICT', /had reported on 2025-06-28; on 2025-07-05 that report was awaiting inspection/, /2025-07-05 时该报告正在等待督查。如该报告在 2025-07-05 或之前已督查未通过或被退办，请先录入督查结果或退办/);
    given(failedLater).when(requestExtension({ ...on('2025-07-09'), requestedDueDate: '2025-08-10' })).then([asked('2025-07-09', '2025-08-10')]);
  });

  describe('granted and overtaken (breaker8r P4): a paper approval dated after a failed inspection gave a later date', () => {
    // Due 06-30; the unit asked on 06-10 for 07-10; reported 06-20; failed on 06-25 with a new date, 07-20; approved on 06-26.
    const failed = [leadAssigned, asked('2025-06-10', '2025-07-10'), reported(FINANCE, '2025-06-20'), inspectedOn('2025-06-25', 'FAILED', 'inspection-1', '2025-07-20')];
    const granted: AssignmentEvent = { type: 'ExtensionGranted', data: { unitId: FINANCE, requestId: 'extension-1', previousDueDate: '2025-07-20', newDueDate: '2025-07-10', decidedOn: '2025-06-26' } };

    it('records the approval as decided, the later date staying in force (it was refused 「新的截止日期须晚于…」 and the request stayed 待审批)', () => {
      given(failed).when(decideExtension({ ...names, decidedOn: '2025-06-26' })).then([granted]);
      const part = partOf(stateAfter([...failed, granted]), FINANCE)!;
      expect(part.dueDate).toBe('2025-07-20');
      expect(part.extensionRequests.map((request) => request.status)).toEqual(['GRANTED']);
      expect(partOf(assignmentsOn(stateAfter([...failed, granted]), '2025-06-26'), FINANCE)!.dueDate).toBe('2025-07-20');
    });

    it("takes the unit's next request once the first is decided", () => {
      given([...failed, granted])
        .when(requestExtension({ ...on('2025-07-15'), today: '2025-07-16', requestId: 'extension-2', requestedDueDate: '2025-08-10' }))
        .then([asked('2025-07-15', '2025-08-10', 'extension-2')]);
    });

    it('takes the failed inspection typed after the approval the same way: the grant cuts nothing (it was refused as leaving the approval inconsistent)', () => {
      const approvedFirst = [leadAssigned, asked('2025-06-10', '2025-07-10'), reported(FINANCE, '2025-06-20'), { ...granted, data: { ...granted.data, previousDueDate: DUE } } as AssignmentEvent];
      given(approvedFirst)
        .when(inspect({ outcome: 'FAILED', notes: '目录不全', inspectedOn: '2025-06-25', newDueDate: '2025-07-20', unitNames: DIRECTORY }))
        .then([{ type: 'InspectionLogged', data: { unitId: FINANCE, inspectionId: 'inspection-1', outcome: 'FAILED', notes: '目录不全', inspectedOn: '2025-06-25', place: '市财政局', newDueDate: '2025-07-20' } }]);
      const both = [...approvedFirst, inspectedOn('2025-06-25', 'FAILED', 'inspection-1', '2025-07-20')];
      expect(partOf(assignmentsOn(stateAfter(both), '2025-06-26'), FINANCE)!.dueDate).toBe('2025-07-20');
    });

    it('still refuses a date not later than the one in force on the request day', () => {
      given(failed)
        .when(decideExtension({ ...names, decidedOn: '2025-06-26', newDueDate: '2025-06-28' }))
        .thenRefused('BAD_USER_INPUT', /later than the due date in force on 2025-06-26 \(2025-07-20\)/, /须晚于 2025-06-26 时的截止日期 2025-07-20/);
    });
  });

  describe('never leaves a later fact inconsistent', () => {
    it('judges a later fact of a predecessor on the part it landed on: a pass on the hand-over day does not slip under a later failed inspection recorded under the predecessor', () => {
      // 市财政局 reported 06-28, failed 07-08; its part passed to 市环境保护局 on 06-28 (typed after the failure, which is now the successor's part's).
      const handedOver: AssignmentEvent = { type: 'PartHandedOver', data: { unitId: FINANCE, successorUnitId: ENVIRONMENT, reason: '职能调整', handedOverOn: '2025-06-28' } };
      const history = [leadAssigned, reported(FINANCE, '2025-06-28'), inspectedOn('2025-07-08', 'FAILED', 'inspection-1', '2025-07-25'), handedOver];
      given(history)
        .when(inspect({ unitId: ENVIRONMENT, inspectionId: 'inspection-2', inspectedOn: '2025-06-28', unitNames: DIRECTORY }))
        .thenRefused('CONFLICT', /would leave the later inspection of 市财政局 of 2025-07-08 inconsistent: the part stood verified then/, /会使其后市财政局 2025-07-08 的督查不再成立/);
    });

    it('refuses a request entered late that would still be pending when a later one was made', () => {
      const later = [leadAssigned, asked('2025-06-20', '2025-07-31', 'extension-2')];
      given(later)
        .when(requestExtension({ ...on('2025-06-10'), today: TODAY, requestedDueDate: '2025-07-15' }))
        .thenRefused('CONFLICT', /would leave the later extension request of 市财政局 of 2025-06-20 inconsistent: the request of 2025-06-10 would still await a decision then/, /会使其后市财政局 2025-06-20 的延期申请不再成立：2025-06-10 的延期申请当时仍待审批/);
    });

    it('refuses a grant entered late that would leave a later request asking for less than the date then in force', () => {
      // extension-1 lapsed with the pass of 06-20; the part was reopened on 06-25 and asked again on 06-26.
      const history = [leadAssigned, asked('2025-06-10', '2025-07-31'), reported(FINANCE, '2025-06-15'), inspectedOn('2025-06-20', 'PASSED', 'inspection-1'), { type: 'PartsReopened', data: { reason: '复查', reopenedOn: '2025-06-25' } } as AssignmentEvent, asked('2025-06-26', '2025-07-15', 'extension-2')];
      given(history)
        .when(decideExtension({ ...names, decidedOn: '2025-06-12' }))
        .thenRefused('CONFLICT', /later extension request of 市财政局 of 2025-06-26 inconsistent: it asked for 2025-07-15, not later than the due date then in force \(2025-07-31\)/, /所申请的 2025-07-15 不晚于当时的截止日期 2025-07-31/);
      given(history).when(decideExtension({ ...names, decidedOn: '2025-06-12', approve: false, reason: '不同意' })).then([
        { type: 'ExtensionRefused', data: { unitId: FINANCE, requestId: 'extension-1', reason: '不同意', decidedOn: '2025-06-12' } },
      ]);
    });

    it('given an urging of 06-25, when a pass of 06-20 is typed late, then it is refused naming the urging, as an extension request would be; a pass of the urging’s own day is taken (breaker55-8 S8; breaker11l P2 had taken the earlier pass)', () => {
      const urgedLater = [leadAssigned, reported(FINANCE, '2025-06-10'), { type: 'UnitUrged', data: { unitId: FINANCE, message: '请抓紧', urgedOn: '2025-06-25' } } as AssignmentEvent];
      const passed = (inspectedOnDay: string) => [inspectedOn(inspectedOnDay, 'PASSED', 'inspection-1')].map((event) => ({ ...event, data: { ...event.data, notes: '', place: '市财政局' } }) as AssignmentEvent);
      given(urgedLater)
        .when(inspect({ inspectedOn: '2025-06-20', unitNames: DIRECTORY }))
        .thenRefused('CONFLICT', /later urging of 市财政局 of 2025-06-25 inconsistent: the part stood verified then \(on 2025-06-20\)/, /^督查日期（2025-06-20）会使其后市财政局 2025-06-25 的催办不再成立：当时该任务已确认完成（2025-06-20）。/);
      given(urgedLater).when(inspect({ inspectedOn: '2025-06-25', unitNames: DIRECTORY })).then(passed('2025-06-25'));
    });

    it('judges whether a returned part needs a new due date on the date in force on the day of the return, not on an extension granted after it', () => {
      const grantedLater = [leadAssigned, asked('2025-06-25', '2025-08-31'), reported(FINANCE, '2025-06-28'), { type: 'ExtensionGranted', data: { unitId: FINANCE, requestId: 'extension-1', previousDueDate: DUE, newDueDate: '2025-08-31', decidedOn: '2025-07-05' } } as AssignmentEvent];
      given(grantedLater)
        .when(inspect({ inspectionId: 'inspection-2', outcome: 'FAILED', notes: '目录不全', inspectedOn: '2025-07-02' }))
        .thenRefused('BAD_USER_INPUT', /The due date 2025-06-30 had passed on 2025-07-02/, /原时限 2025-06-30 在督查不通过之日（2025-07-02）已过/);
    });

    it('lets a late fact dated before an inspection leave the inspection open to correction (it does not answer it)', () => {
      const state = stateAfter([leadAssigned, reported(FINANCE, '2025-06-15'), inspectedOn('2025-06-20', 'FAILED', 'inspection-1', '2025-07-31'), { type: 'UnitUrged', data: { unitId: FINANCE, message: '请抓紧', urgedOn: '2025-06-18' } }]);
      expect(partOf(state, FINANCE)!.lastInspectionAnsweredBy).toBeNull();
    });
  });
});

describe('a late fact that clashes with later ones is refused in words true for its own day, naming the later fact and its day (breaker8b N2, B13, N7)', () => {
  // 市财政局 was called 市财政局（原财政处） until its rename on 2025-07-01: refusals about earlier days use that name.
  const RENAMED_ON = '2025-07-01';
  const DIRECTORY_BY_DAY = {
    nameOf: DIRECTORY.nameOf,
    nameOn: (unitId: string, day: string) => (unitId === FINANCE && day < RENAMED_ON ? '市财政处' : DIRECTORY.nameOf(unitId)),
  };
  const names = { unitNames: DIRECTORY_BY_DAY, today: TODAY };
  // Report 06-12, sent back 06-14, reported again 06-18, passed 06-22: the part (and its item) closed on 06-22.
  const closedOn22: AssignmentEvent[] = [
    leadAssigned,
    reported(FINANCE, '2025-06-12'),
    { type: 'ReportSentBack', data: { unitId: FINANCE, reason: '佐证不全', sentBackOn: '2025-06-14' } },
    reported(FINANCE, '2025-06-18'),
    { type: 'InspectionLogged', data: { unitId: FINANCE, inspectionId: 'inspection-1', outcome: 'PASSED', notes: '', inspectedOn: '2025-06-22', place: '现场' } },
  ];

  it('a send-back dated 06-19, when the 06-18 report awaited inspection, is refused naming the 06-22 pass it would leave checking no report (newcomer55-8 S2); after the re-report that pass checked, taken', () => {
    given(closedOn22, closedParent)
      .when(sendBack({ ...names, sentBackOn: '2025-06-19' }))
      .thenRefused('CONFLICT', /later inspection of 市财政处 of 2025-06-22/, /^退办日期（2025-06-19）会使其后市财政处 2025-06-22 的督查不再成立：当时没有待督查的报告/);
    given([...closedOn22, reported(FINANCE, '2025-06-20')], closedParent)
      .when(sendBack({ ...names, sentBackOn: '2025-06-19' }))
      .then([{ type: 'ReportSentBack', data: { unitId: FINANCE, reason: 'No evidence of the budget.', sentBackOn: '2025-06-19' } }]);
  });

  it('a send-back dated 06-19 that would leave a later send-back with no report to return is still refused, naming it', () => {
    const sentBackLater: AssignmentEvent[] = [leadAssigned, reported(FINANCE, '2025-06-12'), { type: 'ReportSentBack', data: { unitId: FINANCE, reason: '佐证不全', sentBackOn: '2025-06-14' } }];
    given(sentBackLater, { parentClosed: false })
      .when(sendBack({ ...names, sentBackOn: '2025-06-13' }))
      .thenRefused('CONFLICT', /would leave the later send-back of 市财政处 of 2025-06-14 inconsistent/, /^退办日期（2025-06-13）会使其后市财政处 2025-06-14 的退办不再成立/);
  });

  it('a report dated 06-13 is not told the item is closed (it was open then): the 06-12 report awaited inspection that day', () => {
    // Of the awaiting report's own day: that report typed again, refused in the words of that day.
    given(closedOn22, closedParent)
      .when(report({ ...names, reportedOn: '2025-06-12' }))
      .thenRefused('CONFLICT', /had reported on 2025-06-12; on 2025-06-12 that report was awaiting inspection/, /^市财政处已于 2025-06-12 报送整改情况，2025-06-12 时该报告正在等待督查。如该报告在 2025-06-12 或之前已督查未通过或被退办，请先录入督查结果或退办，再录入新的整改报告。$/);
    // Of a later day, with the send-back of 06-14 on file: a re-report whose return is still to be entered (breaker8u P9), taken —
    // the send-back of 06-14 then returns it, and the return of the 06-12 report (here a send-back of that day) is entered next.
    const reReported = given(closedOn22, closedParent).when(report({ ...names, reportedOn: '2025-06-13' })).decision();
    expect(reReported).toEqual([reported(FINANCE, '2025-06-13')].map((event) => ({ ...event, data: { ...event.data, summary: expect.any(String) as string } })));
    given([...closedOn22, ...reReported], closedParent)
      .when(sendBack({ ...names, sentBackOn: '2025-06-12' }))
      .then([{ type: 'ReportSentBack', data: { unitId: FINANCE, reason: expect.any(String) as string, sentBackOn: '2025-06-12' } } as AssignmentEvent]);
  });

  it('a report dated 06-16, between the send-back and the re-report of 06-18 that passed on 06-22, is taken: a return between them is yet to be entered (breaker41-8 P3)', () => {
    given(closedOn22, closedParent)
      .when(report({ ...names, reportedOn: '2025-06-16' }))
      .then([expect.objectContaining({ type: 'RectificationReported', data: expect.objectContaining({ reportedOn: '2025-06-16' }) }) as AssignmentEvent]);
  });

  it('a failed inspection dated 06-13 names the send-back of 06-14, not "already verified"', () => {
    given(closedOn22, closedParent)
      .when(inspect({ ...names, inspectionId: 'inspection-0', outcome: 'FAILED', notes: '目录不全', inspectedOn: '2025-06-13' }))
      .thenRefused('CONFLICT', /later send-back of 市财政处 of 2025-06-14/, /^督查日期（2025-06-13）会使其后市财政处 2025-06-14 的退办不再成立：当时没有待督查的报告/);
  });

  it('a report dated after the close-out says the close-out day', () => {
    given(closedOn22, closedParent)
      .when(report({ ...names, reportedOn: '2025-06-25' }))
      .thenRefused('CONFLICT', /closed on 2025-06-22, by 2025-06-25/, /^该事项已于 2025-06-22 销号，2025-06-25 时不再接收整改报告。如该事项在 2025-06-25 当天已重新打开，请先录入重新打开。$/);
  });

  it('B13: a unit assigned before the close-out is refused naming the close-out day it would undo, and a step that works (breaker8r P2: a reopening dated on or after it, then the 交办 on or after the reopening — was: 「请先重新打开」, after which the 交办 was refused again); after it, naming the day too', () => {
    given(closedOn22, closedParent)
      .when(assign({ ...names, unitId: ENVIRONMENT, role: 'RESPONSIBLE', assignedOn: '2025-06-10' }))
      .thenRefused('CONFLICT', /closed on 2025-06-22; an assignment dated 2025-06-10, before it, would undo that close-out/, /^该事项已于 2025-06-22 销号；交办日期（2025-06-10）早于销号日期，补录这次交办会使该销号不再成立，早于销号日期的交办不能补录。如该单位确须承担，请先重新打开该事项（重新打开日期不早于 2025-06-22，已核验的任务将退回重新整改），再以重新打开之日或之后的日期交办，并在理由中写明原交办日期。$/);
    given(closedOn22, closedParent)
      .when(assign({ ...names, unitId: ENVIRONMENT, role: 'RESPONSIBLE', assignedOn: '2025-06-25', dueDate: '2025-07-30' }))
      .thenRefused('CONFLICT', /closed on 2025-06-22/, /^该事项已于 2025-06-22 销号，2025-06-25 时不能再交办单位；如确需交办，请先重新打开该事项。如该事项在 2025-06-25 当天已重新打开，请先录入重新打开。$/);
  });

  it('N7: a refusal about a day before a rename names the unit as it was named that day; one about a later day, by its name now', () => {
    given([leadAssigned], openParent)
      .when(report({ ...names, reportedOn: '2025-05-20' }))
      .thenRefused('BAD_USER_INPUT', /before the assignment of 市财政处/, /早于市财政处的交办日期/);
    given([leadAssigned, reported(FINANCE, '2025-07-02')], openParent)
      .when(report({ ...names, reportedOn: '2025-07-03' }))
      .thenRefused('CONFLICT', /^市财政局 had reported on 2025-07-02/, /^市财政局已于 2025-07-02 报送整改情况/);
  });
});

describe('a hand-over the directory records is judged again when a later fact reopens a part of its day (breaker8b N1)', () => {
  // 市财政局 (FINANCE) hands its work to 市环境保护局 (ENVIRONMENT) on 2025-07-05; its part stood verified on 07-01.
  const HANDED_OVER_ON = '2025-07-05';
  const directory = { ...DIRECTORY, handOversOf: (unitId: string) => (unitId === FINANCE ? [{ successorUnitId: ENVIRONMENT, on: HANDED_OVER_ON }] : []) };
  const verifiedBefore = [leadAssigned, reported(), inspected('PASSED')];
  const reopened = (reopenedOn: string): AssignmentEvent => ({ type: 'PartsReopened', data: { reason: '复查', reopenedOn, newDueDate: RETURNED_UNTIL } });
  const due = (events: readonly AssignmentEvent[]) => handOversDue({ unitNames: directory }, stateAfter(events));

  it('passes nothing while the part stays verified', () => {
    expect(due(verifiedBefore)).toEqual([]);
  });

  it('passes a part reopened before the hand-over on the hand-over day, one reopened after it on the day it came back', () => {
    expect(due([...verifiedBefore, reopened('2025-07-03')])).toMatchObject([{ type: 'PartHandedOver', data: { unitId: FINANCE, successorUnitId: ENVIRONMENT, handedOverOn: HANDED_OVER_ON } }]);
    expect(due([...verifiedBefore, reopened('2025-07-08')])).toMatchObject([{ type: 'PartHandedOver', data: { handedOverOn: '2025-07-08' } }]);
  });

  it('passes a part whose pass is corrected to a failure, on the hand-over day', () => {
    const corrected: AssignmentEvent = {
      type: 'InspectionCorrected',
      data: { unitId: FINANCE, inspectionId: 'inspection-1', previousInspectedOn: INSPECTED_ON, inspectedOn: INSPECTED_ON, previousOutcome: 'PASSED', outcome: 'FAILED', reason: '误录', correctedOn: TODAY, newDueDate: RETURNED_UNTIL },
    };
    expect(due([...verifiedBefore, corrected])).toMatchObject([{ type: 'PartHandedOver', data: { handedOverOn: HANDED_OVER_ON } }]);
  });

  it('leaves a part assigned after the hand-over day with its unit', () => {
    const later: AssignmentEvent = { type: 'UnitAssigned', data: { unitId: FINANCE, role: 'LEAD', dueDate: '2025-09-30', assignedOn: '2025-07-06' } };
    expect(due([later])).toEqual([]);
  });

  it('tells the predecessor’s clerk that the part passed, when it reports after the day it passed', () => {
    const passed: AssignmentEvent = { type: 'PartHandedOver', data: { unitId: FINANCE, successorUnitId: ENVIRONMENT, reason: '机构改革', handedOverOn: HANDED_OVER_ON } };
    given([...verifiedBefore, reopened('2025-07-03'), passed])
      .when(report({ reportedOn: '2025-07-09', today: TODAY, unitNames: directory }))
      .thenRefused('CONFLICT', /passed to 市环境保护局 on 2025-07-05/, /^市财政局的任务已于 2025-07-05 移交市环境保护局，此后由市环境保护局办理。$/);
  });
});

describe('a hand-over no longer stands when a fact entered after it shows the part verified on its day (breaker8d P15)', () => {
  // 市财政局 reported on 06-28; its part passed to 市环境保护局 on 07-05 while the report awaited inspection. The
  // inspection sheet of 07-01 (a pass) is typed in afterwards.
  const HANDED_OVER_ON = '2025-07-05';
  const passed = (unitId = FINANCE, successorUnitId = ENVIRONMENT, handedOverOn = HANDED_OVER_ON): AssignmentEvent => ({ type: 'PartHandedOver', data: { unitId, successorUnitId, reason: '机构改革', handedOverOn } });
  const handedOver = [leadAssigned, reported(), passed()];
  const undone = (events: readonly AssignmentEvent[]) => handOversUndone({ unitNames: DIRECTORY }, stateAfter(events));

  it('stands while the part was open at the end of the hand-over day', () => {
    expect(undone(handedOver)).toEqual([]);
    expect(undone([...handedOver, { ...inspected('PASSED'), data: { ...inspected('PASSED').data, unitId: ENVIRONMENT, inspectedOn: '2025-07-08' } }])).toEqual([]);
  });

  it('is undone by a pass dated before it: the part, verified, is its unit’s again, as entered in date order', () => {
    const events = [...handedOver, inspected('PASSED')];
    expect(undone(events)).toEqual([
      {
        type: 'PartHandOverUndone',
        data: { unitId: FINANCE, successorUnitId: ENVIRONMENT, handedOverOn: HANDED_OVER_ON, reason: '市财政局的任务已于 2025-07-01 确认完成，不随 2025-07-05 的移交转给市环境保护局，仍由市财政局保留' },
      },
    ]);
    const after = stateAfter([...events, ...undone(events)]);
    const inDateOrder = stateAfter([leadAssigned, reported(), inspected('PASSED')]);
    expect(after.parts).toEqual(inDateOrder.parts);
    expect(after.passedOn).toEqual({});
    // Every past day folds the same: 市财政局 held it, verified, on and after the hand-over day.
    expect(partOf(assignmentsOn(after, HANDED_OVER_ON), FINANCE)?.status).toBe('VERIFIED');
    expect(partOf(assignmentsOn(after, HANDED_OVER_ON), ENVIRONMENT)).toBeUndefined();
    expect(undone([...events, ...undone(events)])).toEqual([]);
  });

  it('stands when the pass on its day verified the successor’s own report of that day: the successor did the work (breaker8h P9)', () => {
    const sameDay = (type: 'report' | 'pass'): AssignmentEvent =>
      type === 'report'
        ? { type: 'RectificationReported', data: { unitId: ENVIRONMENT, summary: '新单位整改', evidence, reportedOn: HANDED_OVER_ON } }
        : { ...inspected('PASSED'), data: { ...inspected('PASSED').data, unitId: ENVIRONMENT, inspectedOn: HANDED_OVER_ON } };
    const handedOverOpen = [leadAssigned, passed()];
    expect(undone([...handedOverOpen, sameDay('report'), sameDay('pass')])).toEqual([]);
    const after = stateAfter([...handedOverOpen, sameDay('report'), sameDay('pass')]);
    expect(partOf(after, ENVIRONMENT)).toMatchObject({ status: 'VERIFIED', heldBefore: [FINANCE] });
    // The predecessor's report, passed that day: its work — the part stays with it (the day-start rule).
    expect(undone([...handedOver, sameDay('pass')]).map((step) => step.type)).toEqual(['PartHandOverUndone']);
  });

  it('undoes a chain of hand-overs the latest first', () => {
    const AUDIT = 'unit-audit';
    const events = [...handedOver, passed(ENVIRONMENT, AUDIT, '2025-07-08'), inspected('PASSED')];
    const steps = undone(events);
    expect(steps.map((step) => step.data)).toMatchObject([
      { unitId: ENVIRONMENT, successorUnitId: AUDIT, handedOverOn: '2025-07-08' },
      { unitId: FINANCE, successorUnitId: ENVIRONMENT, handedOverOn: HANDED_OVER_ON },
    ]);
    expect(Object.keys(stateAfter([...events, ...steps]).parts)).toEqual([FINANCE]);
  });
});

describe('every dated record of a part can have its day corrected, with a reason (breaker8c P1)', () => {
  const redate = (factType: CorrectFactDate['factType'], previousOn: string, on: string, overrides: Partial<CorrectFactDate> = {}): CorrectFactDate => ({
    type: 'CorrectFactDate',
    actor: supervisor,
    today: TODAY,
    unitId: FINANCE,
    factType,
    previousOn,
    on,
    reason: '按纸质文件更正',
    unitNames: DIRECTORY,
    ...overrides,
  });
  const redated = (factType: CorrectFactDate['factType'], previousOn: string, on: string): AssignmentEvent => ({
    type: 'FactDateCorrected',
    data: { unitId: FINANCE, factType, previousOn, on, reason: '按纸质文件更正', correctedOn: TODAY },
  });
  const reReported = reported(FINANCE, '2025-07-02');

  describe('given a report, its send-back and the re-report all typed on 06-15 (breaker8s P8: the paper says 06-12, 06-13, 06-15)', () => {
    const report15 = reported(FINANCE, '2025-06-15');
    const sentBack15: AssignmentEvent = { type: 'ReportSentBack', data: { unitId: FINANCE, reason: '缺附件', sentBackOn: '2025-06-15' } };
    const typed = [leadAssigned, report15, sentBack15, report15];
    const nth = (event: AssignmentEvent, ofTheDay: number) => ({ ...event, data: { ...event.data, ofTheDay } }) as AssignmentEvent;

    it('moves the first report by its place (ofTheDay 1), then the send-back: the true record (only the last could be moved)', () => {
      given(typed).when(redate('RectificationReported', '2025-06-15', '2025-06-12', { ofTheDay: 1 })).then([nth(redated('RectificationReported', '2025-06-15', '2025-06-12'), 1)]);
      const first = [...typed, nth(redated('RectificationReported', '2025-06-15', '2025-06-12'), 1)];
      given(first).when(redate('ReportSentBack', '2025-06-15', '2025-06-13')).then([redated('ReportSentBack', '2025-06-15', '2025-06-13')]);
      const both = [...first, redated('ReportSentBack', '2025-06-15', '2025-06-13')];
      expect(partOf(assignmentsOn(stateAfter(both), '2025-06-12'), FINANCE)).toMatchObject({ status: 'REPORTED' });
      expect(partOf(assignmentsOn(stateAfter(both), '2025-06-13'), FINANCE)).toMatchObject({ status: 'RETURNED' });
      expect(partOf(assignmentsOn(stateAfter(both), '2025-06-15'), FINANCE)).toMatchObject({ status: 'REPORTED', reportCount: 2 });
    });

    it('refuses a place that day has not, saying how many there are', () => {
      given(typed).when(redate('RectificationReported', '2025-06-15', '2025-06-12', { ofTheDay: 3 })).thenRefused('BAD_USER_INPUT', /has 2 report record\(s\) dated 2025-06-15/, /共有 2 条整改报告记录，没有第 3 条/);
    });
  });

  describe('given an assignment mistyped as 2025-06-01 for 2025-05-20', () => {
    it('moves it earlier, and a report of a day before the old assignment day is accepted after it', () => {
      given([leadAssigned]).when(redate('UnitAssigned', ASSIGNED_ON, '2025-05-20')).then([redated('UnitAssigned', ASSIGNED_ON, '2025-05-20')]);
      given([leadAssigned, redated('UnitAssigned', ASSIGNED_ON, '2025-05-20')]).when(report({ reportedOn: '2025-05-25' })).then([reported(FINANCE, '2025-05-25')]);
      given([leadAssigned]).when(report({ reportedOn: '2025-05-25' })).thenRefused('BAD_USER_INPUT', /before the assignment/);
    });

    it('refuses moving it after a fact of the part or after its due date, naming it', () => {
      given([leadAssigned, reported()]).when(redate('UnitAssigned', ASSIGNED_ON, '2025-06-29')).thenRefused('BAD_USER_INPUT', /report of 市财政局 \(2025-06-28\) is before the corrected date/);
      given([leadAssigned]).when(redate('UnitAssigned', ASSIGNED_ON, '2025-07-05')).thenRefused('BAD_USER_INPUT', /due date of 市财政局 \(2025-06-30\)/);
    });
  });

  describe('given a report, a send-back and a second report', () => {
    const history = [leadAssigned, reported(), sentBack, reReported];

    it('corrects the first report, not only the last', () => {
      given(history).when(redate('RectificationReported', REPORTED_ON, '2025-06-27')).then([redated('RectificationReported', REPORTED_ON, '2025-06-27')]);
    });

    it('corrects the send-back, and refuses moving it after the report that answered it, naming that report', () => {
      given(history).when(redate('ReportSentBack', SENT_BACK_ON, '2025-06-30')).then([redated('ReportSentBack', SENT_BACK_ON, '2025-06-30')]);
      given(history)
        .when(redate('ReportSentBack', SENT_BACK_ON, '2025-07-03'))
        .thenRefused('CONFLICT', /report of 市财政局 of 2025-07-02 inconsistent/, /2025-07-02 的整改报告不再成立/);
    });

    it('refuses moving the first report after the send-back that returned it', () => {
      given(history).when(redate('RectificationReported', REPORTED_ON, '2025-06-30')).thenRefused('CONFLICT');
    });

    it('a form read before another correction is told who moved the record to which day (CONFLICT, issue 9); a day no such record ever read finds nothing', () => {
      given([...history, redated('RectificationReported', REPORTED_ON, '2025-06-27')])
        .when(redate('RectificationReported', REPORTED_ON, '2025-06-26'))
        .thenChangedMeanwhile({ field: 'previousOn', types: ['FactDateCorrected'], unitId: FINANCE, zh: /的整改报告日期刚由张伟改为 2025-06-27（北京时间 2026-12-07 06:28；.*表单显示的是 2025-06-28）：请确认后再调整，本次未作修改。$/ });
      given([...history, redated('RectificationReported', REPORTED_ON, '2025-06-27')])
        .when(redate('RectificationReported', '2025-06-24', '2025-06-26'))
        .thenRefused('NOT_FOUND', /no report dated 2025-06-24/, /没有 2025-06-24 的整改报告记录/);
    });
  });

  describe('given an extension asked for on 06-20 and granted the same day, and an urging', () => {
    const granted: AssignmentEvent = { type: 'ExtensionGranted', data: { unitId: FINANCE, requestId: 'extension-1', previousDueDate: DUE, newDueDate: '2025-07-31', decidedOn: REQUESTED_ON } };
    const urged: AssignmentEvent = { type: 'UnitUrged', data: { unitId: FINANCE, message: '请加快', urgedOn: '2025-06-10' } };
    const history = [leadAssigned, urged, extensionRequested, granted];

    it('corrects the urging, the request and the decision', () => {
      given(history).when(redate('UnitUrged', '2025-06-10', '2025-06-12')).then([redated('UnitUrged', '2025-06-10', '2025-06-12')]);
      given(history).when(redate('ExtensionRequested', REQUESTED_ON, '2025-06-18')).then([redated('ExtensionRequested', REQUESTED_ON, '2025-06-18')]);
      given(history).when(redate('ExtensionGranted', REQUESTED_ON, '2025-06-22')).then([redated('ExtensionGranted', REQUESTED_ON, '2025-06-22')]);
    });

    it('refuses a decision moved before its request, and a request moved after its decision', () => {
      given(history).when(redate('ExtensionGranted', REQUESTED_ON, '2025-06-15')).thenRefused('BAD_USER_INPUT', /before the extension request it decides \(2025-06-20\)/);
      given(history).when(redate('ExtensionRequested', REQUESTED_ON, '2025-06-25')).thenRefused('CONFLICT');
    });

    it('folds the part again: the granted date takes effect on the corrected day', () => {
      const after = stateAfter([...history, redated('ExtensionGranted', REQUESTED_ON, '2025-06-22')]);
      expect(partOf(after, FINANCE)).toMatchObject({ dueDate: '2025-07-31', extensionRequests: [{ status: 'GRANTED', decidedOn: '2025-06-22' }] });
      expect(partOf(assignmentsOn(after, '2025-06-21'), FINANCE)).toMatchObject({ dueDate: DUE, extensionRequests: [{ status: 'PENDING' }] });
    });
  });

  describe('given an extension asked for on 06-20 and taken back (撤回延期申请) on 06-22 (newcomer26 S7)', () => {
    const withdrawn: AssignmentEvent = { type: 'ExtensionRequestWithdrawn', data: { unitId: FINANCE, requestId: 'extension-1', reason: '日期填错', withdrawnOn: '2025-06-22' } };
    const history = [leadAssigned, extensionRequested, withdrawn];

    it('the refusal to move the request after its withdrawal points to a correction the office can make: the withdrawal\'s own', () => {
      given(history).when(redate('ExtensionRequested', REQUESTED_ON, '2025-06-24')).thenRefused('CONFLICT', /withdrawal of an extension request .* first/, /请先更正该撤回延期申请记录/);
      given(history).when(redate('ExtensionRequestWithdrawn', '2025-06-22', '2025-06-25')).then([redated('ExtensionRequestWithdrawn', '2025-06-22', '2025-06-25')]);
      given([...history, redated('ExtensionRequestWithdrawn', '2025-06-22', '2025-06-25')])
        .when(redate('ExtensionRequested', REQUESTED_ON, '2025-06-24'))
        .then([redated('ExtensionRequested', REQUESTED_ON, '2025-06-24')]);
    });

    it('refuses a withdrawal moved before the request it takes back, naming that request', () => {
      given(history)
        .when(redate('ExtensionRequestWithdrawn', '2025-06-22', '2025-06-19'))
        .thenRefused('BAD_USER_INPUT', /before the extension request it withdraws \(2025-06-20\)/, /早于所撤回的延期申请日期（2025-06-20）/);
    });

    it('folds the part again: the request was pending until the corrected day', () => {
      const after = stateAfter([...history, redated('ExtensionRequestWithdrawn', '2025-06-22', '2025-06-25')]);
      expect(partOf(after, FINANCE)).toMatchObject({ extensionRequests: [{ status: 'WITHDRAWN', withdrawnOn: '2025-06-25' }] });
      expect(partOf(assignmentsOn(after, '2025-06-23'), FINANCE)).toMatchObject({ extensionRequests: [{ status: 'PENDING' }] });
    });

    it('finds nothing for a day no withdrawal reads now', () => {
      given(history).when(redate('ExtensionRequestWithdrawn', '2025-06-21', '2025-06-25')).thenRefused('NOT_FOUND', /no withdrawal of an extension request dated 2025-06-21/, /没有 2025-06-21 的撤回延期申请记录/);
    });
  });

  it.each([
    ['an inspector', redate('RectificationReported', REPORTED_ON, '2025-06-27', { actor: inspector }), 'FORBIDDEN'],
    ['no reason', redate('RectificationReported', REPORTED_ON, '2025-06-27', { reason: ' ' }), 'BAD_USER_INPUT'],
    ['the same day', redate('RectificationReported', REPORTED_ON, REPORTED_ON), 'BAD_USER_INPUT'],
    ['a future day', redate('RectificationReported', REPORTED_ON, '2025-08-01'), 'BAD_USER_INPUT'],
    ['a day before the assignment', redate('RectificationReported', REPORTED_ON, '2025-05-01'), 'BAD_USER_INPUT'],
  ] as const)('refuses a correction by %s', (_what, command, code) => {
    given([leadAssigned, reported()]).when(command).thenRefused(code);
  });
});

describe('what breaker8c found last (P3, P8)', () => {
  const passedThen: AssignmentEvent = { ...inspected('PASSED') };

  it('refuses a report dated before the assignment of a part verified since for its date, not as already verified (P3)', () => {
    given([leadAssigned, reported(), passedThen])
      .when(report({ reportedOn: '2025-05-01', today: TODAY, unitNames: DIRECTORY }))
      .thenRefused('BAD_USER_INPUT', /before the assignment/, /早于市财政局的交办日期/);
  });

  it('refuses the same urging (day, unit, words) entered twice, and takes another day or other words (P8)', () => {
    const urged: AssignmentEvent = { type: 'UnitUrged', data: { unitId: FINANCE, message: 'Please report by Friday.', urgedOn: REQUESTED_ON } };
    given([leadAssigned, urged]).when(urge({ unitNames: DIRECTORY })).thenRefused('CONFLICT', /already urged on 2025-06-20/, /2025-06-20 的相同催办已经录入/);
    given([leadAssigned, urged]).when(urge({ urgedOn: '2025-06-21' })).then([{ type: 'UnitUrged', data: { unitId: FINANCE, message: 'Please report by Friday.', urgedOn: '2025-06-21' } }]);
    given([leadAssigned, urged]).when(urge({ message: 'Second notice.' })).then([{ type: 'UnitUrged', data: { unitId: FINANCE, message: 'Second notice.', urgedOn: REQUESTED_ON } }]);
  });
});

describe('what breaker8d found in the one correction of a day (P2, P3, P8)', () => {
  const HEALTH = 'unit-health';
  const directory = { nameOf: (unitId: string) => ({ [FINANCE]: '市财政局', [ENVIRONMENT]: '市环境保护局', [HEALTH]: '市卫生健康委员会' })[unitId] };
  const redate = (factType: CorrectFactDate['factType'], previousOn: string, on: string, unitId = FINANCE): CorrectFactDate => ({
    type: 'CorrectFactDate',
    actor: supervisor,
    today: TODAY,
    unitId,
    factType,
    previousOn,
    on,
    reason: '按纸质文件更正',
    unitNames: directory,
  });
  const redated = (factType: CorrectFactDate['factType'], previousOn: string, on: string, unitId = FINANCE): AssignmentEvent => ({
    type: 'FactDateCorrected',
    data: { unitId, factType, previousOn, on, reason: '按纸质文件更正', correctedOn: TODAY },
  });

  describe('given a finding verified on 07-01 and reopened on 07-05 (P2)', () => {
    const reopened: AssignmentEvent = { type: 'PartsReopened', data: { reason: '评估方复核', reopenedOn: '2025-07-05', newDueDate: RETURNED_UNTIL } };
    const history = [leadAssigned, reported(), inspected('PASSED'), reopened];

    it('corrects the original assignment day: it was made before the reopening and stays before it', () => {
      given(history).when(redate('UnitAssigned', ASSIGNED_ON, '2025-05-20')).then([redated('UnitAssigned', ASSIGNED_ON, '2025-05-20')]);
    });

    it('keeps an assignment made after the reopening after it', () => {
      const late: AssignmentEvent = { type: 'UnitAssigned', data: { unitId: ENVIRONMENT, role: 'RESPONSIBLE', dueDate: RETURNED_UNTIL, assignedOn: '2025-07-08' } };
      given([...history, late])
        .when(redate('UnitAssigned', '2025-07-08', '2025-07-04', ENVIRONMENT))
        .thenRefused('BAD_USER_INPUT', /before the day it was reopened \(2025-07-05\)/, /早于重新打开的日期（2025-07-05）/);
    });
  });

  describe('a correction that clashes with the record it corrects says so, naming the record it answers (P3, breaker11e P8)', () => {
    const history = [leadAssigned, reported(FINANCE, '2025-06-10'), { ...sentBack, data: { ...sentBack.data, sentBackOn: '2025-06-15' } }];

    it('a send-back moved before the report it returns', () => {
      given(history)
        .when(redate('ReportSentBack', '2025-06-15', '2025-06-09'))
        .thenRefused('BAD_USER_INPUT', /before the report it returns \(2025-06-10\)/, /更正后的退办日期（2025-06-09）早于所退回的整改报告日期（2025-06-10）/);
    });

    it('an extension decision moved before its request', () => {
      const granted: AssignmentEvent = { type: 'ExtensionGranted', data: { unitId: FINANCE, requestId: 'extension-1', previousDueDate: DUE, newDueDate: '2025-07-31', decidedOn: '2025-06-22' } };
      given([leadAssigned, extensionRequested, granted])
        .when(redate('ExtensionGranted', '2025-06-22', '2025-06-14'))
        .thenRefused('BAD_USER_INPUT', /before the extension request it decides \(2025-06-20\)/, /早于所审批的延期申请日期（2025-06-20）/);
    });

    it('an urging moved to a day the part stood verified is refused, as an extension request moved there is (breaker55-8 S8; breaker11l P2 had taken it)', () => {
      const urged: AssignmentEvent = { type: 'UnitUrged', data: { unitId: FINANCE, message: '请加快', urgedOn: '2025-06-20' } };
      given([leadAssigned, urged, reported(), inspected('PASSED')])
        .when(redate('UnitUrged', '2025-06-20', '2025-07-05'))
        .thenRefused('CONFLICT', /does not hold: the part stood verified then \(on 2025-07-01\)/, /不成立：当时该任务已确认完成（2025-07-01）/);
    });

    it('given an urging of 06-25, when the pass of 07-01 is moved to 06-20, then it is refused naming the urging (breaker55-8 S8)', () => {
      const urged: AssignmentEvent = { type: 'UnitUrged', data: { unitId: FINANCE, message: '请加快', urgedOn: '2025-06-25' } };
      given([leadAssigned, reported(FINANCE, '2025-06-10'), urged, inspected('PASSED')])
        .when(redate('InspectionLogged', INSPECTED_ON, '2025-06-20'))
        .thenRefused('CONFLICT', /later urging of .* of 2025-06-25 inconsistent: the part stood verified then \(on 2025-06-20\)/, /2025-06-25 的催办不再成立：当时该任务已确认完成（2025-06-20）/);
    });

    it('a report moved to a day an earlier report still awaited inspection, naming that report', () => {
      const failed: AssignmentEvent = { ...inspected('FAILED'), data: { ...inspected('FAILED').data, inspectedOn: '2025-06-20' } };
      const again = reported(FINANCE, '2025-06-25');
      given([leadAssigned, reported(FINANCE, '2025-06-10'), failed, again])
        .when(redate('RectificationReported', '2025-06-25', '2025-06-12'))
        .thenRefused('CONFLICT', /does not hold: the report of 2025-06-10 was still awaiting inspection then/, /^更正后的整改报告日期（2025-06-12）不成立：当时 2025-06-10 的整改报告尚待督查。$/);
    });
  });

  describe('given a part of 市环境保护局 handed over to 市卫生健康委员会 on 2025-06-29 (P8: the card sends the holder of today)', () => {
    const handedOver: AssignmentEvent = { type: 'PartHandedOver', data: { unitId: ENVIRONMENT, successorUnitId: HEALTH, reason: '机构改革', handedOverOn: '2025-06-29' } };
    const history = [leadAssigned, responsibleAssigned, reported(ENVIRONMENT, '2025-06-20'), handedOver];

    it('finds the predecessor’s record under the successor’s name and corrects it as the predecessor’s', () => {
      given(history).when(redate('RectificationReported', '2025-06-20', '2025-06-19', HEALTH)).then([redated('RectificationReported', '2025-06-20', '2025-06-19', ENVIRONMENT)]);
      given(history).when(redate('UnitAssigned', ASSIGNED_ON, '2025-05-28', HEALTH)).then([redated('UnitAssigned', ASSIGNED_ON, '2025-05-28', ENVIRONMENT)]);
      const state = stateAfter([...history, redated('RectificationReported', '2025-06-20', '2025-06-19', ENVIRONMENT)]);
      expect(partOf(state, HEALTH)).toMatchObject({ heldBefore: [ENVIRONMENT], lastReport: { reportedOn: '2025-06-19' } });
    });

    it('still refuses moving it across the hand-over', () => {
      given(history).when(redate('RectificationReported', '2025-06-20', '2025-06-30', HEALTH)).thenRefused('BAD_USER_INPUT', /across the hand-over/);
    });

    it('refuses moving a record of the hand-over’s own day, entered before it, to a later day: it was before the hand-over (agreement walk seed 13)', () => {
      const sameDay = [leadAssigned, responsibleAssigned, reported(ENVIRONMENT, '2025-06-29'), handedOver];
      given(sameDay).when(redate('RectificationReported', '2025-06-29', '2025-07-02', HEALTH)).thenRefused('BAD_USER_INPUT', /across the hand-over of the part on 2025-06-29/, /跨过该任务 2025-06-29 的移交/);
    });
  });

  describe('given that hand-over by the merge of 市环境保护局 into 市卫生健康委员会 on 2025-06-29 (breaker8j P10)', () => {
    const merged = { ...directory, mergerOf: (unitId: string) => (unitId === ENVIRONMENT ? { successorUnitId: HEALTH, mergedOn: '2025-06-29' } : undefined) };
    const handedOver: AssignmentEvent = { type: 'PartHandedOver', data: { unitId: ENVIRONMENT, successorUnitId: HEALTH, reason: '机构改革', handedOverOn: '2025-06-29' } };
    const history = [leadAssigned, responsibleAssigned, handedOver];

    it('refuses moving the merged unit’s 交办 to its merge day or later, from the successor’s card or its own: nobody could report the part', () => {
      for (const door of [HEALTH, ENVIRONMENT]) {
        given(history)
          .when({ ...redate('UnitAssigned', ASSIGNED_ON, '2025-06-30', door), unitNames: merged })
          .thenRefused(
            'CONFLICT',
            /^The assignment of 市环境保护局 cannot be dated 2025-06-30: 市环境保护局 was merged into 市卫生健康委员会 on 2025-06-29/,
            /^市环境保护局的交办日期不能更正为 2025-06-30：市环境保护局已于 2025-06-29 并入市卫生健康委员会，此后不再承担工作，其任务由市卫生健康委员会承担（请更正为 2025-06-29 之前的日期，或改为市卫生健康委员会的记录）。$/,
          );
      }
      given(history).when({ ...redate('UnitAssigned', ASSIGNED_ON, '2025-06-29', HEALTH), unitNames: merged }).thenRefusedAt('on');
    });

    it('still moves it to a day before the merge', () => {
      given(history).when({ ...redate('UnitAssigned', ASSIGNED_ON, '2025-05-28', HEALTH), unitNames: merged }).then([redated('UnitAssigned', ASSIGNED_ON, '2025-05-28', ENVIRONMENT)]);
    });
  });
});

describe('any inspection’s day is corrected like any other record, also once the unit answered it (breaker8d P1)', () => {
  const redate = (previousOn: string, on: string): CorrectFactDate => ({
    type: 'CorrectFactDate',
    actor: supervisor,
    today: TODAY,
    unitId: FINANCE,
    factType: 'InspectionLogged',
    previousOn,
    on,
    reason: '督查记录表日期录错',
    unitNames: DIRECTORY,
  });
  const redated = (previousOn: string, on: string): AssignmentEvent => ({
    type: 'FactDateCorrected',
    data: { unitId: FINANCE, factType: 'InspectionLogged', previousOn, on, reason: '督查记录表日期录错', correctedOn: TODAY },
  });
  const reReported = reported(FINANCE, '2025-07-05');
  const answered = [leadAssigned, reported(), inspected('FAILED'), reReported];

  it('moves a failed inspection the unit answered with a new report: the return follows it', () => {
    given(answered).when(redate(INSPECTED_ON, '2025-06-30')).then([redated(INSPECTED_ON, '2025-06-30')]);
    const after = stateAfter([...answered, redated(INSPECTED_ON, '2025-06-30')]);
    expect(partOf(after, FINANCE)).toMatchObject({ status: 'REPORTED', inspections: [{ inspectedOn: '2025-06-30', outcome: 'FAILED' }] });
    expect(partOf(assignmentsOn(after, '2025-06-30'), FINANCE)).toMatchObject({ status: 'RETURNED', lastReturn: { cause: 'INSPECTION_FAILED', returnedOn: '2025-06-30' } });
  });

  it('refuses moving it after the report that answered it, naming that report', () => {
    given(answered).when(redate(INSPECTED_ON, '2025-07-06')).thenRefused('CONFLICT', /report of 市财政局 of 2025-07-05 inconsistent/, /其后市财政局 2025-07-05 的整改报告不再成立/);
  });

  it('refuses moving it before the report it checks, naming that report', () => {
    given(answered).when(redate(INSPECTED_ON, '2025-06-27')).thenRefused('BAD_USER_INPUT', /before the report it checks \(2025-06-28\)/, /早于所核查的整改报告日期（2025-06-28）/);
  });

  it('moves an earlier pass of a part reopened since: the verification day follows', () => {
    const reopened: AssignmentEvent = { type: 'PartsReopened', data: { reason: '评估方复核', reopenedOn: '2025-07-05', newDueDate: RETURNED_UNTIL } };
    const history = [leadAssigned, reported(), inspected('PASSED'), reopened];
    given(history).when(redate(INSPECTED_ON, '2025-06-29')).then([redated(INSPECTED_ON, '2025-06-29')]);
    const after = stateAfter([...history, redated(INSPECTED_ON, '2025-06-29')]);
    expect(partOf(assignmentsOn(after, '2025-06-29'), FINANCE)).toMatchObject({ status: 'VERIFIED', verifiedOn: '2025-06-29' });
    expect(partOf(after, FINANCE)).toMatchObject({ status: 'RETURNED' });
  });
});

describe('a record that set or needed a due date is not moved past it (breaker8e P5: overdue the day after the return)', () => {
  const redate = (factType: CorrectFactDate['factType'], previousOn: string, on: string): CorrectFactDate => ({
    type: 'CorrectFactDate',
    actor: supervisor,
    today: TODAY,
    unitId: FINANCE,
    factType,
    previousOn,
    on,
    reason: '按纸质文件更正',
    unitNames: DIRECTORY,
  });
  const redated = (factType: CorrectFactDate['factType'], previousOn: string, on: string): AssignmentEvent => ({
    type: 'FactDateCorrected',
    data: { unitId: FINANCE, factType, previousOn, on, reason: '按纸质文件更正', correctedOn: TODAY },
  });
  const reportedEarly = reported(FINANCE, '2025-06-10');
  /** Returned on 06-20 until 07-05. */
  const failedUntilJuly5: AssignmentEvent = { ...inspected('FAILED'), data: { ...inspected('FAILED').data, inspectedOn: '2025-06-20', newDueDate: '2025-07-05' } };
  const sentBackUntilJuly5: AssignmentEvent = { type: 'ReportSentBack', data: { unitId: FINANCE, reason: '佐证不足', sentBackOn: '2025-06-20', newDueDate: '2025-07-05' } };
  const sentBackKeepingDue: AssignmentEvent = { type: 'ReportSentBack', data: { unitId: FINANCE, reason: '佐证不足', sentBackOn: '2025-06-20' } };
  const grantedUntilJuly5: AssignmentEvent = {
    type: 'ExtensionGranted',
    data: { unitId: FINANCE, requestId: 'extension-1', previousDueDate: DUE, newDueDate: '2025-07-05', decidedOn: '2025-06-22' },
  };
  const askedForJuly5: AssignmentEvent = { ...extensionRequested, data: { ...extensionRequested.data, requestedDueDate: '2025-07-05' } };

  it('a failed inspection moved past the new due date it gave', () => {
    const history = [leadAssigned, reportedEarly, failedUntilJuly5];
    given(history)
      .when(redate('InspectionLogged', '2025-06-20', '2025-07-08'))
      // …asking for the new due date that replaces it, in this form (breaker48-8 M2: refused without saying where; breaker49-8 M1).
      .thenRefused('BAD_USER_INPUT', /new due date the failed inspection gave \(2025-07-05\).*Give the new due date \(newDueDate\) with the correction; it replaces 2025-07-05/, /^更正后的督查日期（2025-07-08）晚于该次督查给出的新截止日期 2025-07-05：任务退回即逾期。请在本表中填写新的整改时限（不早于 2025-07-08），与日期更正一并提交，取代 2025-07-05。$/);
    given(history).when(redate('InspectionLogged', '2025-06-20', '2025-07-05')).then([redated('InspectionLogged', '2025-06-20', '2025-07-05')]);
  });

  it('a send-back moved past the new due date it gave, or past the due date it kept', () => {
    // Moved past the date it gave, it asks for the one that replaces it (breaker49-8 M1: a CONFLICT with no way on).
    given([leadAssigned, reportedEarly, sentBackUntilJuly5]).when(redate('ReportSentBack', '2025-06-20', '2025-07-08')).thenRefused('BAD_USER_INPUT', /new due date the send-back gave \(2025-07-05\)/, /新截止日期 2025-07-05.*取代 2025-07-05/u);
    given([leadAssigned, reportedEarly, sentBackKeepingDue])
      .when(redate('ReportSentBack', '2025-06-20', '2025-07-02'))
      // …and says how: the new due date goes with the correction (breaker48-8 S2: it could not, a dead end).
      .thenRefused('BAD_USER_INPUT', /after the due date of 市财政局 then in force \(2025-06-30\).*Give the new due date \(newDueDate\) with the correction/, /晚于市财政局当时的截止日期 2025-06-30，而该次退办未填写重新整改的时限：任务退回即逾期。请在本表中填写新的整改时限（不早于 2025-07-02）/);
    given([leadAssigned, reportedEarly, sentBackKeepingDue]).when(redate('ReportSentBack', '2025-06-20', '2025-06-30')).then([redated('ReportSentBack', '2025-06-20', '2025-06-30')]);
  });

  it('an extension decision moved past the date it granted', () => {
    given([leadAssigned, askedForJuly5, grantedUntilJuly5])
      .when(redate('ExtensionGranted', '2025-06-22', '2025-07-08'))
      .thenRefused('CONFLICT', /date it granted \(2025-07-05\) had passed on 2025-07-08/, /所批准的延期日期 2025-07-05 在 2025-07-08 已过/);
  });

  it('an extension request moved past the due date it asked to extend', () => {
    given([leadAssigned, extensionRequested])
      .when(redate('ExtensionRequested', REQUESTED_ON, '2025-07-02'))
      .thenRefused('CONFLICT', /due date then in force \(2025-06-30\) had passed on 2025-07-02/, /截止日期 2025-06-30 在 2025-07-02 已过/);
  });

  it('an extension grant moved after the return that kept the date it granted', () => {
    const { newDueDate: _none, ...failedData } = inspected('FAILED').data;
    const failedKeepingDue: AssignmentEvent = { type: 'InspectionLogged', data: { ...failedData, inspectedOn: '2025-07-03' } };
    const asked: AssignmentEvent = { ...extensionRequested, data: { ...extensionRequested.data, requestedOn: '2025-06-15' } };
    const granted: AssignmentEvent = { ...grantedUntilJuly5, data: { ...grantedUntilJuly5.data, newDueDate: '2025-07-31', decidedOn: '2025-06-16' } };
    const history = [leadAssigned, asked, granted, reportedEarly, failedKeepingDue];
    given(history)
      .when(redate('ExtensionGranted', '2025-06-16', '2025-07-04'))
      .thenRefused('CONFLICT', /later inspection of 市财政局 of 2025-07-03 inconsistent: the due date then in force \(2025-06-30\) had passed/);
  });
});

describe('hand-overs typed out of date order pass a part as entered in date order (breaker8e P1)', () => {
  // 市财政局 (FINANCE) leads from 2025-06-01; 市卫生健康委员会 (HEALTH) and 市审计局 (AUDIT) take duties over later.
  const HEALTH = 'unit-health';
  const AUDIT = 'unit-audit';
  const passed = (unitId: string, successorUnitId: string, handedOverOn: string, reason = '机构改革'): AssignmentEvent => ({ type: 'PartHandedOver', data: { unitId, successorUnitId, reason, handedOverOn } });
  const handOver = (overrides: Partial<HandOverPart>): HandOverPart => ({
    type: 'HandOverPart',
    actor: admin,
    unitId: FINANCE,
    successorUnitId: HEALTH,
    reason: '机构改革',
    today: TODAY,
    handedOverOn: '2025-06-10',
    unitNames: { nameOf: (unitId: string) => ({ [FINANCE]: '市财政局', [HEALTH]: '市卫生健康委员会', [AUDIT]: '市审计局' })[unitId] },
    ...overrides,
  });

  it('given FINANCE→HEALTH of 06-20 recorded: FINANCE→AUDIT of 06-10 undoes it and passes the part on 06-10', () => {
    given([leadAssigned, passed(FINANCE, HEALTH, '2025-06-20')])
      .when(handOver({ successorUnitId: AUDIT }))
      .then([
        { type: 'PartHandOverUndone', data: { unitId: FINANCE, successorUnitId: HEALTH, reason: '市财政局的任务已于 2025-06-10 移交，不随 2025-06-20 的移交转给市卫生健康委员会', handedOverOn: '2025-06-20' } },
        passed(FINANCE, AUDIT, '2025-06-10'),
      ]);
  });

  it('given FINANCE→HEALTH of 06-20 and HEALTH→AUDIT of 06-25 recorded: FINANCE→AUDIT of 06-10 undoes both, the latest first', () => {
    const chain = [leadAssigned, passed(FINANCE, HEALTH, '2025-06-20'), passed(HEALTH, AUDIT, '2025-06-25')];
    const events = decideAssignment(handOver({ successorUnitId: AUDIT }), stateAfter(chain), openParent);
    expect(events.map((event) => [event.type, (event.data as { unitId: string }).unitId, (event.data as { handedOverOn: string }).handedOverOn])).toEqual([
      ['PartHandOverUndone', HEALTH, '2025-06-25'],
      ['PartHandOverUndone', FINANCE, '2025-06-20'],
      ['PartHandedOver', FINANCE, '2025-06-10'],
    ]);
    const after = stateAfter([...chain, ...events]);
    expect(partOf(after, AUDIT)).toMatchObject({ heldBefore: [FINANCE], heldSince: '2025-06-10' });
    expect(partOf(assignmentsOn(after, TODAY), AUDIT)).toMatchObject({ heldBefore: [FINANCE], heldSince: '2025-06-10' });
  });

  it('a hand-over on the day of the unit’s own merge, typed after the merge, wins: the merge’s step of that day comes off and the part passes by the hand-over (breaker8k P8)', () => {
    const names = handOver({}).unitNames!;
    const mergedThatDay = { ...names, mergerOf: (unitId: string) => (unitId === FINANCE ? { successorUnitId: HEALTH, mergedOn: '2025-06-10' } : undefined) };
    const history = [leadAssigned, passed(FINANCE, HEALTH, '2025-06-10')];
    const events = decideAssignment(handOver({ successorUnitId: AUDIT, unitNames: mergedThatDay }), stateAfter(history), openParent);
    expect(events.map((event) => [event.type, (event.data as { unitId: string }).unitId, (event.data as { successorUnitId: string }).successorUnitId, (event.data as { handedOverOn: string }).handedOverOn])).toEqual([
      ['PartHandOverUndone', FINANCE, HEALTH, '2025-06-10'],
      ['PartHandedOver', FINANCE, AUDIT, '2025-06-10'],
    ]);
    // The same as typed the other way (the hand-over first; the merge then finds nothing of FINANCE to pass).
    const expected = [[AUDIT, [FINANCE]]];
    expect(partsOf(stateAfter([...history, ...events])).map((part) => [part.unitId, part.heldBefore])).toEqual(expected);
    expect(partsOf(assignmentsOn(stateAfter([...history, ...events]), TODAY)).map((part) => [part.unitId, part.heldBefore])).toEqual(expected);
    expect(partsOf(stateAfter([leadAssigned, passed(FINANCE, AUDIT, '2025-06-10')])).map((part) => [part.unitId, part.heldBefore])).toEqual(expected);
    // A plain hand-over of that day (no merge) is not taken back by another of the same day.
    given(history).when(handOver({ successorUnitId: AUDIT })).thenRefused('NOT_FOUND', /.*/, /.*/);
  });

  it('refuses it when the unit that took the part over later has a record of its own on it, naming the record and the day it took over', () => {
    given([leadAssigned, passed(FINANCE, HEALTH, '2025-06-20'), reported(HEALTH, '2025-06-22')])
      .when(handOver({ successorUnitId: AUDIT }))
      .thenRefused('CONFLICT', /passed to 市卫生健康委员会 on 2025-06-20/, /^市财政局的任务不能在 2025-06-10 移交：该任务已于 2025-06-20 移交市卫生健康委员会，市卫生健康委员会已有该任务 2025-06-22 的记录；移交日期不能早于 2025-06-20。$/);
  });

  it('passes a part handed to a unit that hands its work on later through that hand-over too (a chain typed backwards, or a paper 交办 typed last)', () => {
    const directory = { nameOf: () => undefined, handOversOf: (unitId: string) => (unitId === FINANCE ? [{ successorUnitId: HEALTH, on: '2025-06-10' }] : unitId === HEALTH ? [{ successorUnitId: AUDIT, on: '2025-06-20' }] : []) };
    expect(handOversDue({ unitNames: directory }, stateAfter([leadAssigned])).map((event) => [event.type, (event.data as { unitId: string }).unitId, (event.data as { successorUnitId: string }).successorUnitId, (event.data as { handedOverOn: string }).handedOverOn])).toEqual([
      ['PartHandedOver', FINANCE, HEALTH, '2025-06-10'],
      ['PartHandedOver', HEALTH, AUDIT, '2025-06-20'],
    ]);
  });

  it('passes a part once on a day whose hand-overs form a cycle (two units swapping duties, 职能互换): the holder at the day’s start hands over (breaker8f P13)', () => {
    const directory = { nameOf: () => undefined, handOversOf: (unitId: string) => (unitId === FINANCE ? [{ successorUnitId: HEALTH, on: '2025-06-10' }] : unitId === HEALTH ? [{ successorUnitId: FINANCE, on: '2025-06-10' }] : []) };
    expect(handOversDue({ unitNames: directory }, stateAfter([leadAssigned])).map((event) => event.data)).toEqual([expect.objectContaining({ unitId: FINANCE, successorUnitId: HEALTH, handedOverOn: '2025-06-10' })]);
  });

  it('a part assigned late whose directory hand-over reaches a successor holding a part that reached it only later makes room for it: that step is undone, the part passes on its day, the later step joins it (breaker8k P3)', () => {
    // The directory first: HEALTH→AUDIT 06-10, FINANCE→AUDIT 06-25; then the 交办 row by row: FINANCE leads (its part passed on 06-25), HEALTH responsible.
    const directory = { nameOf: () => undefined, handOversOf: (unitId: string) => (unitId === HEALTH ? [{ successorUnitId: AUDIT, on: '2025-06-10' }] : unitId === FINANCE ? [{ successorUnitId: AUDIT, on: '2025-06-25' }] : []) };
    const healthAssigned: AssignmentEvent = { type: 'UnitAssigned', data: { unitId: HEALTH, role: 'RESPONSIBLE', dueDate: '2025-06-20', assignedOn: ASSIGNED_ON } };
    const history = [leadAssigned, passed(FINANCE, AUDIT, '2025-06-25'), healthAssigned];
    const due = handOversDue({ unitNames: directory }, stateAfter(history));
    expect(due.map((event) => [event.type, (event.data as { unitId: string }).unitId, (event.data as { successorUnitId: string }).successorUnitId, (event.data as { handedOverOn: string }).handedOverOn])).toEqual([
      ['PartHandOverUndone', FINANCE, AUDIT, '2025-06-25'],
      ['PartHandedOver', HEALTH, AUDIT, '2025-06-10'],
      ['PartHandedOver', FINANCE, AUDIT, '2025-06-25'],
    ]);
    const after = stateAfter([...history, ...due]);
    // As in date order: HEALTH's record reached AUDIT first (due 06-20), FINANCE's lead part joined it on 06-25.
    const expected = { unitId: AUDIT, role: 'LEAD', dueDate: '2025-06-20', heldBefore: [HEALTH, FINANCE], heldSince: '2025-06-10', joinedOn: '2025-06-25' };
    expect(partsOf(after)).toEqual([expect.objectContaining(expected)]);
    expect(partsOf(assignmentsOn(after, TODAY))).toEqual([expect.objectContaining(expected)]);
    expect(partsOf(stateAfter([leadAssigned, healthAssigned, passed(HEALTH, AUDIT, '2025-06-10'), passed(FINANCE, AUDIT, '2025-06-25')]))).toEqual([expect.objectContaining(expected)]);
  });

  it('a 交办 of the successor itself dated before it took the predecessor’s part over makes room for its own part: that step is undone, the unit assigned, the step applied again as a join (breaker8l P9)', () => {
    const history = [leadAssigned, passed(FINANCE, AUDIT, '2025-06-25')];
    const own = decideAssignment({ type: 'AssignUnit', actor: supervisor, today: TODAY, unitId: AUDIT, role: 'RESPONSIBLE', dueDate: '2025-06-20', assignedOn: ASSIGNED_ON }, stateAfter(history), openParent);
    expect(own.map((event) => [event.type, (event.data as { unitId: string }).unitId])).toEqual([
      ['PartHandOverUndone', FINANCE],
      ['UnitAssigned', AUDIT],
      ['PartHandedOver', FINANCE],
    ]);
    // As in date order: AUDIT's own part from the 交办 (due 06-20), FINANCE's lead part joined it on 06-25.
    const expected = { unitId: AUDIT, role: 'LEAD', dueDate: '2025-06-20', heldBefore: [FINANCE], joinedOn: '2025-06-25' };
    const after = stateAfter([...history, ...own]);
    expect(partsOf(after)).toEqual([expect.objectContaining(expected)]);
    expect(partsOf(assignmentsOn(after, TODAY))).toEqual([expect.objectContaining(expected)]);
    // A record of AUDIT on FINANCE's part since it took it over: refused, naming the day.
    given([...history, reported(AUDIT, '2025-06-28')])
      .when({ type: 'AssignUnit', actor: supervisor, today: TODAY, unitId: AUDIT, role: 'RESPONSIBLE', dueDate: '2025-06-20', assignedOn: ASSIGNED_ON })
      .thenRefused('CONFLICT', /its own part as of 2025-06-01/, /起交办自己的任务：.*2025-06-25 从.*移交来的/);
  });

  it('a 交办 of a unit dated before it took over a part it has passed on since makes room: both steps come off, the latest first, the unit is assigned, the steps apply again on their days (the first now a join) (fuzz p:4301 run 0)', () => {
    // Typed: FINANCE's part handed to AUDIT on 06-25, AUDIT merged into HEALTH on 07-05; then AUDIT's own 交办 row of 06-01.
    const history = [leadAssigned, passed(FINANCE, AUDIT, '2025-06-25'), passed(AUDIT, HEALTH, '2025-07-05')];
    const unitNames = { nameOf: (unitId: string) => ({ [FINANCE]: '市财政局', [HEALTH]: '市卫生健康委员会', [AUDIT]: '市审计局' })[unitId] };
    const auditAssigned: AssignUnit = { type: 'AssignUnit', actor: supervisor, today: TODAY, unitId: AUDIT, role: 'RESPONSIBLE', dueDate: '2025-06-20', assignedOn: ASSIGNED_ON, unitNames };
    const own = decideAssignment(auditAssigned, stateAfter(history), openParent);
    expect(own.map((event) => [event.type, (event.data as { unitId: string }).unitId, (event.data as { successorUnitId?: string }).successorUnitId])).toEqual([
      ['PartHandOverUndone', AUDIT, HEALTH],
      ['PartHandOverUndone', FINANCE, AUDIT],
      ['UnitAssigned', AUDIT, undefined],
      ['PartHandedOver', FINANCE, AUDIT],
      ['PartHandedOver', AUDIT, HEALTH],
    ]);
    // As in date order: AUDIT's own part (due 06-20) from 06-01, FINANCE's lead part joined it on 06-25, and the joined part passed to HEALTH on 07-05.
    const dateOrder = stateAfter([leadAssigned, { type: 'UnitAssigned', data: { unitId: AUDIT, role: 'RESPONSIBLE', dueDate: '2025-06-20', assignedOn: ASSIGNED_ON } }, passed(FINANCE, AUDIT, '2025-06-25'), passed(AUDIT, HEALTH, '2025-07-05')]);
    const after = stateAfter([...history, ...own]);
    expect(partsOf(after)).toEqual(partsOf(dateOrder));
    expect(partsOf(assignmentsOn(after, TODAY))).toEqual(partsOf(assignmentsOn(dateOrder, TODAY)));
    expect(partsOf(after)).toEqual([expect.objectContaining({ unitId: HEALTH, role: 'LEAD', dueDate: '2025-06-20', heldBefore: [FINANCE, AUDIT], joinedOn: '2025-06-25' })]);
    // Each step again in words that say what it now is: FINANCE's part joins AUDIT's own, the joined part moves to HEALTH.
    expect(own.slice(3).map((event) => (event.data as { reason: string }).reason)).toEqual([
      '按日期顺序重新办理：市财政局的任务于 2025-06-25 并入市审计局的任务',
      '按日期顺序重新办理：市审计局的任务于 2025-07-05 移交市卫生健康委员会',
    ]);
    // Withdrawn on 06-10 (typed last): both steps come off, the join too — FINANCE's part and AUDIT's own apart, as in date order,
    // where the withdrawal came before either step (the move's undoing kept FINANCE among the units that had joined AUDIT's part).
    const withdrawn = stateAfter([...history, ...own, ...handOversAfterWithdrawal({ unitNames }, after, '2025-06-10', '问题')]);
    const byUnit = (parts: readonly { unitId: string }[]) => [...parts].sort((a, b) => a.unitId.localeCompare(b.unitId));
    expect(byUnit(partsOf(withdrawn))).toEqual(byUnit(partsOf(stateAfter([leadAssigned, { type: 'UnitAssigned', data: { unitId: AUDIT, role: 'RESPONSIBLE', dueDate: '2025-06-20', assignedOn: ASSIGNED_ON } }]))));
    // Held on the row's day (its own part, passed on later): refused as before, naming the day it passed.
    given([leadAssigned, passed(FINANCE, HEALTH, '2025-06-25')])
      .when(assign({ role: 'RESPONSIBLE', assignedOn: '2025-06-10' }))
      .thenRefused('BAD_USER_INPUT', /before the day the earlier part of .* passed to another unit \(2025-06-25\)/, /原有任务移交其他单位的日期/);
  });

  it('a 交办 of the successor itself dated before two parts passed to it on one day (the second’s record kept by the same-day rule) makes room: both steps come off, the unit is assigned, both join its own part (breaker8m P9)', () => {
    const finance = { type: 'UnitAssigned', data: { unitId: FINANCE, role: 'LEAD', dueDate: '2025-12-31', assignedOn: ASSIGNED_ON } } as AssignmentEvent;
    const health = { type: 'UnitAssigned', data: { unitId: HEALTH, role: 'RESPONSIBLE', dueDate: '2025-10-31', assignedOn: ASSIGNED_ON } } as AssignmentEvent;
    const history = [finance, passed(FINANCE, AUDIT, '2025-07-01'), health, passed(HEALTH, AUDIT, '2025-07-01')];
    expect(partsOf(stateAfter(history))).toEqual([expect.objectContaining({ unitId: AUDIT, dueDate: '2025-10-31' })]);
    const own = decideAssignment({ type: 'AssignUnit', actor: supervisor, today: TODAY, unitId: AUDIT, role: 'RESPONSIBLE', dueDate: '2025-09-30', assignedOn: '2025-06-15' }, stateAfter(history), openParent);
    expect(own.map((event) => [event.type, (event.data as { unitId: string }).unitId])).toEqual([
      ['PartHandOverUndone', HEALTH],
      ['PartHandOverUndone', FINANCE],
      ['UnitAssigned', AUDIT],
      ['PartHandedOver', FINANCE],
      ['PartHandedOver', HEALTH],
    ]);
    // As in date order: AUDIT's own part from its 交办 (due 09-30 stands), both parts joined it on 07-01, FINANCE's leading.
    const expected = { unitId: AUDIT, role: 'LEAD', dueDate: '2025-09-30', heldBefore: [FINANCE, HEALTH], joinedOn: '2025-07-01' };
    const after = stateAfter([...history, ...own]);
    expect(partsOf(after)).toEqual([expect.objectContaining(expected)]);
    expect(partsOf(assignmentsOn(after, TODAY))).toEqual([expect.objectContaining(expected)]);
    expect(partsOf(stateAfter([finance, health, { ...own[2]! }, passed(FINANCE, AUDIT, '2025-07-01'), passed(HEALTH, AUDIT, '2025-07-01')]))).toEqual([expect.objectContaining(expected)]);
  });

  it('a hand-over into a unit whose part was built after its day of a move and a join makes room: both steps come off, the latest first, the part passes, both join it again, each undoing worded as a hand-over (fuzz p:102 run 7, 5d97556)', () => {
    const environment = { type: 'UnitAssigned', data: { unitId: ENVIRONMENT, role: 'RESPONSIBLE', dueDate: '2025-09-30', assignedOn: ASSIGNED_ON } } as AssignmentEvent;
    const audit = { type: 'UnitAssigned', data: { unitId: AUDIT, role: 'RESPONSIBLE', dueDate: '2025-10-31', assignedOn: ASSIGNED_ON } } as AssignmentEvent;
    const history = [leadAssigned, environment, audit, passed(ENVIRONMENT, HEALTH, '2025-07-01'), passed(AUDIT, HEALTH, '2025-07-05')];
    const names = { nameOf: (unitId: string) => ({ [FINANCE]: '市财政局', [ENVIRONMENT]: '市环境保护局', [HEALTH]: '市卫生健康委员会', [AUDIT]: '市审计局' })[unitId] };
    given(history)
      .when(handOver({ handedOverOn: '2025-06-10', unitNames: names }))
      .then([
        { type: 'PartHandOverUndone', data: { unitId: AUDIT, successorUnitId: HEALTH, reason: '市财政局的任务于 2025-06-10 先移交市卫生健康委员会，2025-07-05 的合并随后重新办理', handedOverOn: '2025-07-05' } },
        { type: 'PartHandOverUndone', data: { unitId: ENVIRONMENT, successorUnitId: HEALTH, reason: '市财政局的任务于 2025-06-10 先移交市卫生健康委员会，2025-07-01 的移交随后重新办理', handedOverOn: '2025-07-01' } },
        passed(FINANCE, HEALTH, '2025-06-10'),
        { type: 'PartHandedOver', data: { unitId: ENVIRONMENT, successorUnitId: HEALTH, reason: '按日期顺序重新办理：市环境保护局的任务于 2025-07-01 并入市卫生健康委员会的任务', handedOverOn: '2025-07-01' } },
        { type: 'PartHandedOver', data: { unitId: AUDIT, successorUnitId: HEALTH, reason: '按日期顺序重新办理：市审计局的任务于 2025-07-05 并入市卫生健康委员会的任务', handedOverOn: '2025-07-05' } },
      ]);
    // As in date order: HEALTH holds FINANCE's lead record (due 06-30) from 06-10; ENVIRONMENT's and AUDIT's parts joined it.
    const events = decideAssignment(handOver({ handedOverOn: '2025-06-10', unitNames: names }), stateAfter(history), openParent);
    const expected = { unitId: HEALTH, role: 'LEAD', dueDate: DUE, heldBefore: [FINANCE, ENVIRONMENT, AUDIT], heldSince: '2025-06-10' };
    expect(partsOf(stateAfter([...history, ...events]))).toEqual([expect.objectContaining(expected)]);
    expect(partsOf(stateAfter([leadAssigned, environment, audit, passed(FINANCE, HEALTH, '2025-06-10'), passed(ENVIRONMENT, HEALTH, '2025-07-01'), passed(AUDIT, HEALTH, '2025-07-05')]))).toEqual([expect.objectContaining(expected)]);
  });

  describe('a part passed on by the successor’s merge into a unit whose part there came later (breaker8l P1, fuzz b:71 run 2)', () => {
    // By date: FINANCE (lead, due 12-31) merged into ENVIRONMENT on 06-05, ENVIRONMENT into HEALTH on 06-10; AUDIT's part (due 09-30)
    // passed to HEALTH on 07-01 and joined the part HEALTH held since 06-10. AUDIT's step was recorded first.
    const mergers: Record<string, { successorUnitId: string; mergedOn: string }> = {
      [FINANCE]: { successorUnitId: ENVIRONMENT, mergedOn: '2025-06-05' },
      [ENVIRONMENT]: { successorUnitId: HEALTH, mergedOn: '2025-06-10' },
      [AUDIT]: { successorUnitId: HEALTH, mergedOn: '2025-07-01' },
    };
    const directory = {
      nameOf: (unitId: string) => ({ [FINANCE]: '市财政局', [ENVIRONMENT]: '市环境保护局', [HEALTH]: '市卫生健康委员会', [AUDIT]: '市审计局' })[unitId],
      mergerOf: (unitId: string) => mergers[unitId],
      handOversOf: () => [],
    };
    const audit = { type: 'UnitAssigned', data: { unitId: AUDIT, role: 'RESPONSIBLE', dueDate: '2025-09-30', assignedOn: ASSIGNED_ON } } as AssignmentEvent;
    const finance = { type: 'UnitAssigned', data: { unitId: FINANCE, role: 'LEAD', dueDate: '2025-12-31', assignedOn: ASSIGNED_ON } } as AssignmentEvent;
    const steps = (events: readonly AssignmentEvent[]) => events.map((event) => [event.type, (event.data as { unitId: string }).unitId, (event.data as { successorUnitId?: string }).successorUnitId, (event.data as { handedOverOn?: string }).handedOverOn]);
    // As in date order: HEALTH holds FINANCE's record (due 12-31, leading) since 06-10, ENVIRONMENT's and AUDIT's steps in its history.
    const expected = { unitId: HEALTH, role: 'LEAD', dueDate: '2025-12-31', heldBefore: [FINANCE, ENVIRONMENT, AUDIT], heldSince: '2025-06-10' };
    const dateOrder = stateAfter([audit, finance, passed(FINANCE, ENVIRONMENT, '2025-06-05'), passed(ENVIRONMENT, HEALTH, '2025-06-10'), passed(AUDIT, HEALTH, '2025-07-01')]);

    it('date order gives HEALTH FINANCE’s record, AUDIT’s joined it', () => {
      expect(partsOf(dateOrder)).toEqual([expect.objectContaining(expected)]);
    });

    it('FINANCE’s merge typed last: AUDIT’s step into HEALTH comes off, FINANCE’s part passes on through ENVIRONMENT’s merge, AUDIT’s joins again', () => {
      const history = [audit, finance, passed(AUDIT, HEALTH, '2025-07-01')];
      const merge: HandOverPart = { type: 'HandOverPart', actor: admin, unitId: FINANCE, successorUnitId: ENVIRONMENT, reason: '机构改革', today: TODAY, handedOverOn: '2025-06-05', merging: true, unitNames: directory };
      const events = decideAssignment(merge, stateAfter(history), openParent);
      expect(steps(events)).toEqual([
        ['PartHandedOver', FINANCE, ENVIRONMENT, '2025-06-05'],
        ['PartHandOverUndone', AUDIT, HEALTH, '2025-07-01'],
        ['PartHandedOver', ENVIRONMENT, HEALTH, '2025-06-10'],
        ['PartHandedOver', AUDIT, HEALTH, '2025-07-01'],
      ]);
      // The undoing says why, in the words of a hand-over (移交), not of a 交办.
      expect(events[1]!.data).toMatchObject({ reason: '市环境保护局的任务于 2025-06-10 先移交市卫生健康委员会，2025-07-01 的移交随后重新办理' });
      const after = stateAfter([...history, ...events]);
      expect(partsOf(after)).toEqual([expect.objectContaining(expected)]);
      expect(partsOf(assignmentsOn(after, TODAY))).toEqual([expect.objectContaining({ unitId: HEALTH, role: 'LEAD', dueDate: '2025-12-31', heldBefore: [FINANCE, ENVIRONMENT, AUDIT] })]);
    });

    it('FINANCE’s 交办 row typed last (the directory first): the merges due make the same room', () => {
      const history = [audit, passed(AUDIT, HEALTH, '2025-07-01'), finance];
      const due = handOversDue({ unitNames: directory }, stateAfter(history));
      expect(steps(due)).toEqual([
        ['PartHandedOver', FINANCE, ENVIRONMENT, '2025-06-05'],
        ['PartHandOverUndone', AUDIT, HEALTH, '2025-07-01'],
        ['PartHandedOver', ENVIRONMENT, HEALTH, '2025-06-10'],
        ['PartHandedOver', AUDIT, HEALTH, '2025-07-01'],
      ]);
      expect(partsOf(stateAfter([...history, ...due]))).toEqual([expect.objectContaining(expected)]);
    });
  });

  it('does not pass a part twice through one hand-over when the directory has a cycle over two days', () => {
    const directory = { nameOf: () => undefined, handOversOf: (unitId: string) => (unitId === FINANCE ? [{ successorUnitId: HEALTH, on: '2025-06-10' }] : unitId === HEALTH ? [{ successorUnitId: FINANCE, on: '2025-06-20' }] : []) };
    expect(handOversDue({ unitNames: directory }, stateAfter([leadAssigned]))).toHaveLength(2);
  });
});

describe('a part still owing its report joining a part reported by its day carries the open work (breaker8n P1: the unreported share vanished and one pass closed the finding)', () => {
  // 市财政局 (FINANCE) leads and reported 06-28 (due 06-30); 市环境保护局 (ENVIRONMENT) never reports; it merges into FINANCE on 07-01.
  const merged = (handedOverOn = '2025-07-01'): AssignmentEvent => ({ type: 'PartHandedOver', data: { unitId: ENVIRONMENT, successorUnitId: FINANCE, reason: '机构改革', handedOverOn } });
  const reportedLead = [leadAssigned, responsibleAssigned, reported(FINANCE)];

  it('given the lead reported, when the responsible unit merges into it, then the joined part owes the report (ENVIRONMENT’s record), leading; the reported record is set aside', () => {
    const state = stateAfter([...reportedLead, merged()]);
    expect(partOf(state, ENVIRONMENT)).toBeUndefined();
    expect(partOf(state, FINANCE)).toMatchObject({ unitId: FINANCE, role: 'LEAD', status: 'ASSIGNED', reportCount: 0, dueDate: responsibleAssigned.data.dueDate, heldBefore: [ENVIRONMENT], heldSince: '2025-07-01' });
    expect(state.setAside?.[FINANCE]?.part).toMatchObject({ status: 'REPORTED', lastReport: expect.objectContaining({ reportedOn: REPORTED_ON }) });
    // Folded by day the same; the day before, the two parts as they stood.
    expect(partOf(assignmentsOn(state, TODAY), FINANCE)).toMatchObject({ status: 'ASSIGNED', reportCount: 0 });
    expect(partsOf(assignmentsOn(state, '2025-06-30')).map((part) => [part.unitId, part.status])).toEqual([[FINANCE, 'REPORTED'], [ENVIRONMENT, 'ASSIGNED']]);
  });

  it('then a pass of FINANCE on 07-05 is refused: no report awaits inspection (the report of 06-28 answered FINANCE’s own share only)', () => {
    given([...reportedLead, merged()]).when(inspect({ inspectedOn: '2025-07-05', unitNames: DIRECTORY })).thenRefused('CONFLICT');
  });

  it('then FINANCE reports for both and the pass closes the parent on its day', () => {
    const history = [...reportedLead, merged()];
    given(history).when(report({ reportedOn: '2025-07-03', today: '2025-07-03' })).then([reported(FINANCE, '2025-07-03')]);
    const state = stateAfter([...history, reported(FINANCE, '2025-07-03'), { ...inspected('PASSED'), data: { ...inspected('PASSED').data, inspectedOn: '2025-07-05' } }]);
    expect(closedOn(state)).toBe('2025-07-05');
  });

  it('a part whose report came back (sent back) owes it again: the reported successor’s record is set aside just the same', () => {
    const state = stateAfter([...reportedLead, reported(ENVIRONMENT, '2025-06-20'), { type: 'ReportSentBack', data: { unitId: ENVIRONMENT, reason: '无佐证', sentBackOn: '2025-06-25' } }, merged()]);
    expect(partOf(state, FINANCE)).toMatchObject({ status: 'RETURNED', heldBefore: [ENVIRONMENT] });
  });

  it('two reported parts: the successor’s record is kept, as before (its report awaits inspection for both)', () => {
    const state = stateAfter([...reportedLead, reported(ENVIRONMENT, '2025-06-27'), merged()]);
    expect(partOf(state, FINANCE)).toMatchObject({ status: 'REPORTED', lastReport: expect.objectContaining({ reportedOn: REPORTED_ON }) });
    expect(state.setAside?.[FINANCE]).toBeUndefined();
  });

  it('a reported part joining a verified one carries its report (still awaiting inspection), as before', () => {
    const state = stateAfter([...reportedLead, inspected('PASSED'), reported(ENVIRONMENT, '2025-06-29'), merged()]);
    expect(partOf(state, FINANCE)).toMatchObject({ status: 'REPORTED', lastReport: expect.objectContaining({ reportedOn: '2025-06-29' }) });
  });

  it('the successor’s report dated before the join, typed after it, is taken as date order: the join comes off, the report, the join again carrying the open work', () => {
    const history = [leadAssigned, responsibleAssigned, merged()];
    const events = given(history).when(report({ today: TODAY, unitNames: DIRECTORY })).decision();
    expect(events.map((event) => event.type)).toEqual(['PartHandOverUndone', 'RectificationReported', 'PartHandedOver']);
    const after = stateAfter([...history, ...events]);
    const inDateOrder = stateAfter([...reportedLead, merged()]);
    for (const day of ['2025-06-30', '2025-07-01', TODAY]) {
      expect(partsOf(assignmentsOn(after, day)).map((part) => [part.unitId, part.status, part.dueDate])).toEqual(partsOf(assignmentsOn(inDateOrder, day)).map((part) => [part.unitId, part.status, part.dueDate]));
    }
    expect(partOf(after, FINANCE)).toMatchObject({ status: 'ASSIGNED', heldBefore: [ENVIRONMENT] });
  });

  it('a hand-over into a part reported by its day and reported again since (typed first) is refused naming the later report: by day it carries, and the later facts would move to the carried record (business-time-agreement seed 9, batch 9)', () => {
    // FINANCE reported 06-28, failed 07-01, reported again 07-05 — all typed before ENVIRONMENT's hand-over dated 06-30. On 06-30
    // FINANCE stood reported and ENVIRONMENT owed its report: the join carries ENVIRONMENT's open work (every view reads all
    // reports), and FINANCE's inspection and report after 06-30 would land on the carried record by day. It read as owing on
    // 06-30 from its last report alone (07-05), and was taken.
    const failed = inspected('FAILED');
    const history = [leadAssigned, responsibleAssigned, reported(FINANCE), failed, reported(FINANCE, '2025-07-05')];
    const handOver: HandOverPart = { type: 'HandOverPart', actor: admin, unitId: ENVIRONMENT, successorUnitId: FINANCE, reason: '机构改革', today: TODAY, handedOverOn: '2025-06-30', unitNames: DIRECTORY };
    given(history)
      .when(handOver)
      .thenRefused('CONFLICT', /cannot join the part 市财政局 holds on 2025-06-30: the report of 市财政局 is dated later \(2025-07-05\)/, /^市环境保护局的任务不能在 2025-06-30 并入市财政局已有的任务：市财政局的整改报告的日期（2025-07-05）在其之后/);
    // Dated on the day of the later report, it joins: FINANCE's record (reported) is kept, ENVIRONMENT's owes — carried.
    given(history).when({ ...handOver, handedOverOn: '2025-07-05' }).then([{ type: 'PartHandedOver', data: { unitId: ENVIRONMENT, successorUnitId: FINANCE, reason: '机构改革', handedOverOn: '2025-07-05' } }]);
  });

  it('a report of the joining unit dated before a join that carried its open work into a reported record is taken as date order: the carry comes off, the report, the join again keeping the successor’s record (the two stood level; was refused naming the join)', () => {
    const history = [...reportedLead, merged()];
    const events = given(history).when(report({ unitId: ENVIRONMENT, actor: clerkOf(ENVIRONMENT), reportedOn: '2025-06-29', today: TODAY, unitNames: DIRECTORY })).decision();
    expect(events.map((event) => event.type)).toEqual(['PartHandOverUndone', 'RectificationReported', 'PartHandedOver']);
    const after = stateAfter([...history, ...events]);
    const inDateOrder = stateAfter([...reportedLead, reported(ENVIRONMENT, '2025-06-29'), merged()]);
    const read = (state: AssignmentsState) => partsOf(state).map((part) => [part.unitId, part.role, part.status, part.dueDate, part.heldBefore, part.lastReport?.reportedOn]);
    expect(read(after)).toEqual(read(inDateOrder));
    expect(partOf(after, FINANCE)).toMatchObject({ status: 'REPORTED', heldBefore: [ENVIRONMENT], lastReport: expect.objectContaining({ reportedOn: REPORTED_ON }) });
    expect(after.setAside?.[FINANCE]).toBeUndefined();
    for (const day of ['2025-06-29', '2025-06-30', '2025-07-01', TODAY]) expect(read(assignmentsOn(after, day))).toEqual(read(assignmentsOn(inDateOrder, day)));
  });
});

describe('an open part joining a part verified by its day carries the open work (breaker8g P18: a 机构改革 closes nothing not inspected)', () => {
  // 市财政局 (FINANCE) leads and passed on 07-01; 市环境保护局 (ENVIRONMENT) has done nothing; it merges into FINANCE on 08-01.
  const merged = (handedOverOn = '2025-08-01'): AssignmentEvent => ({ type: 'PartHandedOver', data: { unitId: ENVIRONMENT, successorUnitId: FINANCE, reason: '机构改革', handedOverOn } });
  const verifiedLead = [leadAssigned, responsibleAssigned, reported(FINANCE), inspected('PASSED')];
  const handOver = (overrides: Partial<HandOverPart> = {}): HandOverPart => ({
    type: 'HandOverPart',
    actor: admin,
    unitId: ENVIRONMENT,
    successorUnitId: FINANCE,
    reason: '机构改革',
    today: TODAY,
    handedOverOn: '2025-07-05',
    unitNames: DIRECTORY,
    ...overrides,
  });

  it('the joined part is the open one (status, due date, reports), held by the successor, leading; the parent does not close', () => {
    const state = stateAfter([...verifiedLead, merged('2025-07-05')]);
    expect(partOf(state, ENVIRONMENT)).toBeUndefined();
    expect(partOf(state, FINANCE)).toMatchObject({ unitId: FINANCE, role: 'LEAD', status: 'ASSIGNED', verifiedOn: null, reportCount: 0, heldBefore: [ENVIRONMENT], heldSince: '2025-07-05' });
    expect(allPartsVerified(state)).toBe(false);
    expect(closedOn(state)).toBeNull();
    // Folded by day, the same.
    expect(partOf(assignmentsOn(state, TODAY), FINANCE)).toMatchObject({ status: 'ASSIGNED', verifiedOn: null });
    expect(partOf(assignmentsOn(state, '2025-07-04'), FINANCE)).toMatchObject({ status: 'VERIFIED', verifiedOn: INSPECTED_ON });
  });

  it('the hand-over is accepted as before: one PartHandedOver', () => {
    given(verifiedLead).when(handOver()).then([merged('2025-07-05')]);
  });

  it('a part verified only after the join day keeps the successor’s record (its pass covers the joined work, both reported by then)', () => {
    const state = stateAfter([leadAssigned, responsibleAssigned, reported(FINANCE), reported(ENVIRONMENT, '2025-06-29'), merged('2025-06-30'), inspected('PASSED')]);
    expect(partOf(state, FINANCE)).toMatchObject({ status: 'VERIFIED', heldBefore: [ENVIRONMENT] });
  });

  it('the successor’s clerk then reports and the inspector passes the joined part: the parent closes on that day', () => {
    const history = [...verifiedLead, merged('2025-07-05')];
    given(history)
      .when(report({ reportedOn: '2025-07-08', today: '2025-07-08' }))
      .then([reported(FINANCE, '2025-07-08')]);
    const state = stateAfter([...history, reported(FINANCE, '2025-07-08'), { ...inspected('PASSED', 'inspection-2'), data: { ...inspected('PASSED', 'inspection-2').data, inspectedOn: '2025-07-09' } }]);
    expect(closedOn(state)).toBe('2025-07-09');
  });

  it('takes a pass of the joining unit dated before the join, entered after it, as date order takes it: verified by the join day, its part stays with its unit (breaker8o P2: was refused naming the join)', () => {
    const history = [...verifiedLead, reported(ENVIRONMENT, '2025-07-02'), merged('2025-07-05')];
    const pass = inspect({ unitId: ENVIRONMENT, inspectionId: 'inspection-2', inspectedOn: '2025-07-03', unitNames: DIRECTORY });
    const events = given(history).when(pass).decision();
    const after = stateAfter([...history, ...events]);
    const passed = { ...inspected('PASSED', 'inspection-2'), data: { ...inspected('PASSED', 'inspection-2').data, unitId: ENVIRONMENT, inspectedOn: '2025-07-03' } };
    // In date order the merge of 07-05 passes nothing here: ENVIRONMENT's part stood verified (「…确认完成…不再移交」).
    const inDateOrder = stateAfter([...verifiedLead, reported(ENVIRONMENT, '2025-07-02'), passed as AssignmentEvent]);
    const read = (state: AssignmentsState) => partsOf(state).map((part) => [part.unitId, part.role, part.status, part.dueDate, part.heldBefore, part.verifiedOn]).sort();
    expect(events.map((event) => event.type)).toEqual(['PartHandOverUndone', 'InspectionLogged']);
    expect(read(after)).toEqual(read(inDateOrder));
    expect(read(after)).toEqual([
      [ENVIRONMENT, 'RESPONSIBLE', 'VERIFIED', DUE, undefined, '2025-07-03'],
      [FINANCE, 'LEAD', 'VERIFIED', DUE, undefined, INSPECTED_ON],
    ]);
    for (const day of ['2025-07-03', '2025-07-05', TODAY]) expect(read(assignmentsOn(after, day))).toEqual(read(assignmentsOn(inDateOrder, day)));
    expect(allPartsVerified(after)).toBe(true);
  });

  it('takes a pass of the joining unit dated before a join that kept the successor’s record, entered after it, as date order: the join comes off and is not made again — verified by the join day, the part stays with its unit (breaker8o P2, a join redone with a verified part)', () => {
    // FINANCE reported, not inspected; ENVIRONMENT reported 07-02; both reported by 07-05, the merge kept FINANCE's record.
    const openLead = [leadAssigned, responsibleAssigned, reported(FINANCE)];
    const history = [...openLead, reported(ENVIRONMENT, '2025-07-02'), merged('2025-07-05')];
    const pass = inspect({ unitId: ENVIRONMENT, inspectionId: 'inspection-2', inspectedOn: '2025-07-03', unitNames: DIRECTORY });
    const events = given(history).when(pass).decision();
    const after = stateAfter([...history, ...events]);
    const passed = { ...inspected('PASSED', 'inspection-2'), data: { ...inspected('PASSED', 'inspection-2').data, unitId: ENVIRONMENT, inspectedOn: '2025-07-03' } };
    // In date order the merge of 07-05 passes nothing: ENVIRONMENT's part stood verified (「…确认完成…不再移交」).
    const inDateOrder = stateAfter([...openLead, reported(ENVIRONMENT, '2025-07-02'), passed as AssignmentEvent]);
    const read = (state: AssignmentsState) => partsOf(state).map((part) => [part.unitId, part.role, part.status, part.heldBefore, part.verifiedOn]).sort();
    expect(events.map((event) => event.type)).toEqual(['PartHandOverUndone', 'InspectionLogged']);
    expect(read(after)).toEqual(read(inDateOrder));
    expect(read(after)).toEqual([
      [ENVIRONMENT, 'RESPONSIBLE', 'VERIFIED', undefined, '2025-07-03'],
      [FINANCE, 'LEAD', 'REPORTED', undefined, null],
    ]);
    for (const day of ['2025-07-03', '2025-07-05', TODAY]) expect(read(assignmentsOn(after, day))).toEqual(read(assignmentsOn(inDateOrder, day)));
  });

  it('takes a pass of the joining unit dated before a join, typed after the joined part passed, as date order: the join comes off for good and the later pass stays the successor’s (breaker41 N5: 「已并入的任务不能再分开」 with no way on)', () => {
    // Given: both reported, ENVIRONMENT merged into FINANCE 07-05 (the join kept FINANCE's record), the joined part passed 07-10.
    const openLead = [leadAssigned, responsibleAssigned, reported(FINANCE), reported(ENVIRONMENT, '2025-07-02')];
    const passOf = (unitId: string, inspectionId: string, inspectedOn: string) => ({ ...inspected('PASSED', inspectionId, unitId), data: { ...inspected('PASSED', inspectionId, unitId).data, inspectedOn } }) as AssignmentEvent;
    const history = [...openLead, merged('2025-07-05'), passOf(FINANCE, 'inspection-1', '2025-07-10')];
    // When: ENVIRONMENT's on-site pass of 07-03 is typed.
    const events = given(history).when(inspect({ unitId: ENVIRONMENT, inspectionId: 'inspection-2', inspectedOn: '2025-07-03', unitNames: DIRECTORY })).decision();
    // Then: as in date order — verified by 07-03, ENVIRONMENT's part stays with it; the 07-10 pass is FINANCE's own part's.
    expect(events.map((event) => event.type)).toEqual(['PartHandOverUndone', 'InspectionLogged']);
    // Its reason says what happened (D): not 「市财政局 2025-07-03 的记录…该合并按日期顺序重新办理」 — nothing is done again.
    expect(events[0]!.data).toMatchObject({
      unitId: ENVIRONMENT,
      successorUnitId: FINANCE,
      reason: '补录的督查记录表明，市环境保护局的任务已于 2025-07-03 督查通过，不晚于 2025-07-05 机构改革并入市财政局的日期：已完成的任务不随机构改革转交，仍记在市环境保护局名下，撤销该次并入；市财政局此后的记录属其本单位的任务。',
    });
    const after = stateAfter([...history, ...events]);
    const inDateOrder = stateAfter([...openLead, passOf(ENVIRONMENT, 'inspection-2', '2025-07-03'), passOf(FINANCE, 'inspection-1', '2025-07-10')]);
    const read = (state: AssignmentsState) => partsOf(state).map((part) => [part.unitId, part.role, part.status, part.heldBefore, part.verifiedOn]).sort();
    expect(read(after)).toEqual([
      [ENVIRONMENT, 'RESPONSIBLE', 'VERIFIED', undefined, '2025-07-03'],
      [FINANCE, 'LEAD', 'VERIFIED', undefined, '2025-07-10'],
    ]);
    expect(read(after)).toEqual(read(inDateOrder));
    for (const day of ['2025-07-03', '2025-07-05', '2025-07-10', TODAY]) expect(read(assignmentsOn(after, day))).toEqual(read(assignmentsOn(inDateOrder, day)));
    expect(allPartsVerified(after)).toBe(true);
  });


  it('takes a pass of the successor dated before a join that kept its record, entered after it, as date order: the join comes off, the pass, the join again carrying the open work (breaker8l P7: it was refused)', () => {
    // Both reported by the join day: level, the join kept FINANCE's record; by day FINANCE's passed first (breaker8n P1 made a
    // join into a record only reported carry an unreported part, so the joining part reports here too).
    const history = [leadAssigned, responsibleAssigned, reported(FINANCE), reported(ENVIRONMENT, '2025-06-29'), merged('2025-07-05')];
    const events = given(history).when(inspect({ unitNames: DIRECTORY })).decision();
    expect(events.map((event) => event.type)).toEqual(['PartHandOverUndone', 'InspectionLogged', 'PartHandedOver']);
    const after = stateAfter([...history, ...events]);
    expect(partOf(after, FINANCE)).toMatchObject({ status: 'REPORTED', heldBefore: [ENVIRONMENT], joinedOn: '2025-07-05' });
    expect(after.setAside?.[FINANCE]?.part).toMatchObject({ status: 'VERIFIED', verifiedOn: INSPECTED_ON });
    // Folded by day the same.
    expect(partsOf(assignmentsOn(after, TODAY)).map((part) => [part.unitId, part.status, part.heldBefore])).toEqual([[FINANCE, 'REPORTED', [ENVIRONMENT]]]);
  });

  // On a later day, or on the join day itself (seed 8832: two hand-overs of one 机构改革 day).
  describe.each(['2025-07-08', '2025-07-05'])('also once the joined part has passed on to another unit on %s (breaker8i P9: the finding closed with work never inspected)', (passedOnDay) => {
    const HEALTH = 'unit-health';
    const names = { nameOf: (unitId: string) => ({ [FINANCE]: '市财政局', [ENVIRONMENT]: '市环境保护局', [HEALTH]: '市卫生健康委员会' })[unitId] };
    const passedOn: AssignmentEvent = { type: 'PartHandedOver', data: { unitId: FINANCE, successorUnitId: HEALTH, reason: '机构改革', handedOverOn: passedOnDay } };
    const correctToPassed = (overrides: Partial<CorrectInspection> = {}): CorrectInspection => ({
      type: 'CorrectInspection', actor: supervisor, today: TODAY, unitId: FINANCE, inspectionId: 'inspection-1', expectedInspectedOn: INSPECTED_ON, expectedOutcome: 'FAILED', outcome: 'PASSED', reason: '结论录错', unitNames: names, ...overrides,
    });

    it('refuses a pass of the successor dated before a join that kept its record, whoever holds the joined part now', () => {
      given([leadAssigned, responsibleAssigned, reported(FINANCE), reported(ENVIRONMENT, '2025-06-29'), merged('2025-07-05'), passedOn])
        .when(inspect({ unitNames: names }))
        .thenRefused('CONFLICT', /The part of 市环境保护局 joined the part of 市财政局 on 2025-07-05/, /^市环境保护局的任务已于 2025-07-05 并入市财政局的任务；/);
    });

    it('refuses a correction of the successor’s failed inspection to PASSED the same way (c34)', () => {
      given([leadAssigned, responsibleAssigned, reported(FINANCE), reported(ENVIRONMENT, '2025-06-29'), inspected('FAILED'), merged('2025-07-05'), passedOn])
        .when(correctToPassed())
        .thenRefused('CONFLICT', /The part of 市环境保护局 joined the part of 市财政局 on 2025-07-05/, /^市环境保护局的任务已于 2025-07-05 并入市财政局的任务；/);
    });

    it('refuses a pass of the joining unit dated before a join that carried its open work, once the carried part passed on', () => {
      given([...verifiedLead, reported(ENVIRONMENT, '2025-07-02'), merged('2025-07-05'), passedOn])
        .when(inspect({ unitId: ENVIRONMENT, inspectionId: 'inspection-2', inspectedOn: '2025-07-03', unitNames: names }))
        .thenRefused('CONFLICT', /The part of 市环境保护局 joined the part of 市财政局 on 2025-07-05/, /^市环境保护局的任务已于 2025-07-05 并入市财政局的任务；/);
    });

    it('still takes a pass dated after the join (the joined part as held on its day)', () => {
      const history = [leadAssigned, responsibleAssigned, reported(FINANCE), reported(ENVIRONMENT, '2025-06-29'), merged('2025-07-05'), passedOn];
      const holder = passedOnDay > '2025-07-06' ? FINANCE : HEALTH;
      const events = decideAssignment(inspect({ unitId: holder, inspectedOn: '2025-07-06', unitNames: names }), stateAfter(history), openParent);
      expect(events.map((event) => [event.type, (event.data as { unitId: string }).unitId])).toEqual([['InspectionLogged', holder]]);
    });
  });

  describe('a hand-over dated on or before the successor’s pass, typed after its part was reopened or reported again (breaker8i P4, walk seed 8825)', () => {
    // FINANCE passed 07-01 and was reopened 07-08 (its verified record would be set aside with the reopening); ENVIRONMENT is open.
    const reopenedLater: AssignmentEvent = { type: 'PartsReopened', data: { reason: '复查未通过', reopenedOn: '2025-07-08', newDueDate: '2025-08-31', unitIds: [FINANCE] } };

    it('refuses it naming the reopening: the joined part would carry the open work and lose the reopening', () => {
      given([...verifiedLead, reported(ENVIRONMENT, '2025-07-02'), reopenedLater])
        .when(handOver({ handedOverOn: '2025-07-05' }))
        .thenRefused('CONFLICT', /cannot join the part 市财政局 holds on 2025-07-05: the reopening of the part of 市财政局 is dated later \(2025-07-08\)/, /^市环境保护局的任务不能在 2025-07-05 并入市财政局已有的任务：市财政局任务的重新打开的日期（2025-07-08）在其之后；移交日期不能早于该日期。$/);
    });

    it('refuses it naming the successor’s later report (its re-rectification after the reopening)', () => {
      given([...verifiedLead, reopenedLater, reported(FINANCE, '2025-07-09')])
        .when(handOver({ handedOverOn: '2025-07-01' }))
        .thenRefused('CONFLICT', /the report of 市财政局 is dated later \(2025-07-09\)/, /市财政局的整改报告的日期（2025-07-09）在其之后/);
    });

    it('takes it dated on the reopening day: the part is open that day, the join keeps the reopened record', () => {
      const events = decideAssignment(handOver({ handedOverOn: '2025-07-08' }), stateAfter([...verifiedLead, reported(ENVIRONMENT, '2025-07-02'), reopenedLater]), openParent);
      expect(events.map((event) => event.type)).toEqual(['PartHandedOver']);
      expect(partOf(stateAfter([...verifiedLead, reported(ENVIRONMENT, '2025-07-02'), reopenedLater, ...events]), FINANCE)).toMatchObject({ status: 'RETURNED', heldBefore: [ENVIRONMENT] });
    });

    it('a directory hand-over due by a late 交办 is refused the same way', () => {
      const directory = { nameOf: (unitId: string) => ({ [FINANCE]: '市财政局', [ENVIRONMENT]: '市环境保护局' })[unitId], handOversOf: (unitId: string) => (unitId === ENVIRONMENT ? [{ successorUnitId: FINANCE, on: '2025-07-05' }] : []) };
      const late = [leadAssigned, reported(FINANCE), inspected('PASSED'), reopenedLater, responsibleAssigned];
      expect(() => handOversDue({ unitNames: directory }, stateAfter(late))).toThrow(expect.objectContaining({ code: 'CONFLICT', message: expect.stringMatching(/the reopening of the part of 市财政局 is dated later \(2025-07-08\)/) }));
    });
  });

  it('a hand-over into the unit dated before an earlier hand-over of the joining part is refused: a join is not undone', () => {
    given([...verifiedLead, merged('2025-07-05')])
      .when(handOver({ successorUnitId: 'unit-health', handedOverOn: '2025-07-02', unitNames: { nameOf: (unitId: string) => ({ [FINANCE]: '市财政局', [ENVIRONMENT]: '市环境保护局', 'unit-health': '市卫生健康委员会' })[unitId] } }))
      .thenRefused('CONFLICT', /joined the part of 市财政局 on 2025-07-05/, /已于 2025-07-05 并入市财政局的任务，已合并的任务不能再分开/);
  });
});

describe('the records of a join that carried open work are corrected where they are kept (breaker8h P2, P5)', () => {
  // 市财政局 (FINANCE) reported 06-28 and passed 07-01; 市环境保护局 (ENVIRONMENT) merges into it on 07-05, its open part carried.
  const merged: AssignmentEvent = { type: 'PartHandedOver', data: { unitId: ENVIRONMENT, successorUnitId: FINANCE, reason: '机构改革', handedOverOn: '2025-07-05' } };
  const verifiedLead = [leadAssigned, responsibleAssigned, reported(FINANCE), inspected('PASSED')];
  const correctInspection = (overrides: Partial<CorrectInspection>): CorrectInspection => ({
    type: 'CorrectInspection', actor: supervisor, today: TODAY, unitId: FINANCE, inspectionId: 'inspection-1', expectedInspectedOn: INSPECTED_ON, expectedOutcome: 'PASSED', reason: '录错', unitNames: DIRECTORY, ...overrides,
  });
  const correctReport = (overrides: Partial<CorrectReportDate>): CorrectReportDate => ({ type: 'CorrectReportDate', actor: supervisor, today: TODAY, unitId: FINANCE, reportedOn: '2025-06-27', reason: '录错', unitNames: DIRECTORY, ...overrides });

  it('the set-aside pass of 市财政局 is found and its day corrected before the join (P2: was NOT_FOUND)', () => {
    given([...verifiedLead, merged])
      .when(correctInspection({ inspectedOn: '2025-06-30' }))
      .then([{ type: 'InspectionCorrected', data: { unitId: FINANCE, inspectionId: 'inspection-1', previousInspectedOn: INSPECTED_ON, inspectedOn: '2025-06-30', previousOutcome: 'PASSED', outcome: 'PASSED', reason: '录错', correctedOn: TODAY } }]);
    const state = stateAfter([...verifiedLead, merged, { type: 'InspectionCorrected', data: { unitId: FINANCE, inspectionId: 'inspection-1', previousInspectedOn: INSPECTED_ON, inspectedOn: '2025-06-30', previousOutcome: 'PASSED', outcome: 'PASSED', reason: '录错', correctedOn: TODAY } }]);
    expect(partOf(state, FINANCE)).toMatchObject({ status: 'ASSIGNED', heldBefore: [ENVIRONMENT] });
    expect(partOf(assignmentsOn(state, '2025-07-04'), FINANCE)).toMatchObject({ status: 'VERIFIED', verifiedOn: '2025-06-30' });
  });

  it('a correction that would change whether it stood verified on the join day is refused naming the join, not “does not exist”', () => {
    given([...verifiedLead, merged])
      .when(correctInspection({ outcome: 'FAILED', newDueDate: '2025-12-31' }))
      .thenRefused('CONFLICT', /joined the part of 市财政局 on 2025-07-05/, /已于 2025-07-05 并入市财政局的任务/);
    given([...verifiedLead, merged])
      .when(correctInspection({ inspectedOn: '2025-07-06' }))
      .thenRefused('CONFLICT', /joined the part of 市财政局 on 2025-07-05/, /已于 2025-07-05 并入市财政局的任务/);
  });

  it('the set-aside report is corrected when the form showed it (P2: was “has not reported”)', () => {
    given([...verifiedLead, merged])
      .when(correctReport({ expectedReportedOn: REPORTED_ON }))
      .then([{ type: 'ReportDateCorrected', data: { unitId: FINANCE, previousReportedOn: REPORTED_ON, reportedOn: '2025-06-27', reason: '录错', correctedOn: TODAY } }]);
  });

  it('the carried report the card shows under 市财政局 is 市环境保护局’s, corrected as such (P5: was “changed meanwhile”)', () => {
    const history = [...verifiedLead, reported(ENVIRONMENT, '2025-07-03'), merged];
    given(history)
      .when(correctReport({ expectedReportedOn: '2025-07-03', reportedOn: '2025-07-04' }))
      .then([{ type: 'ReportDateCorrected', data: { unitId: ENVIRONMENT, previousReportedOn: '2025-07-03', reportedOn: '2025-07-04', reason: '录错', correctedOn: TODAY } }]);
    const after = stateAfter([...history, { type: 'ReportDateCorrected', data: { unitId: ENVIRONMENT, previousReportedOn: '2025-07-03', reportedOn: '2025-07-04', reason: '录错', correctedOn: TODAY } }]);
    expect(partOf(after, FINANCE)?.lastReport?.reportedOn).toBe('2025-07-04');
    // The set-aside report of 06-28 is still there to correct.
    given([...history]).when(correctReport({ expectedReportedOn: REPORTED_ON })).then([{ type: 'ReportDateCorrected', data: { unitId: FINANCE, previousReportedOn: REPORTED_ON, reportedOn: '2025-06-27', reason: '录错', correctedOn: TODAY } }]);
  });
});

describe('a part due to pass to a unit whose own part of that day passed on later joins that part where it is now (breaker8g P15, breaker8h P6)', () => {
  // 市卫生健康委员会 (HEALTH) held a part here and passed it to 市审计局 (AUDIT) on 06-20; the directory says FINANCE hands its work to HEALTH on 06-10.
  const HEALTH = 'unit-health';
  const AUDIT = 'unit-audit';
  const directory = { nameOf: () => undefined, handOversOf: (unitId: string) => (unitId === FINANCE ? [{ successorUnitId: HEALTH, on: '2025-06-10' }] : []) };
  const healthHeld: AssignmentEvent[] = [
    { type: 'UnitAssigned', data: { unitId: HEALTH, role: 'RESPONSIBLE', dueDate: DUE, assignedOn: ASSIGNED_ON } },
    { type: 'PartHandedOver', data: { unitId: HEALTH, successorUnitId: AUDIT, reason: '机构改革', handedOverOn: '2025-06-20' } },
  ];

  it('passes FINANCE’s part assigned on or before 06-10 into the part HEALTH held that day, now AUDIT’s: one part, as in date order', () => {
    const late = [...healthHeld, leadAssigned];
    const due = handOversDue({ unitNames: directory }, stateAfter(late));
    expect(due.map((event) => event.data)).toEqual([expect.objectContaining({ unitId: FINANCE, successorUnitId: HEALTH, handedOverOn: '2025-06-10' })]);
    const now = stateAfter([...late, ...due]);
    expect(partsOf(now).map((part) => [part.unitId, part.role])).toEqual([[AUDIT, 'LEAD']]);
    expect(partOf(now, AUDIT)?.heldBefore).toEqual(expect.arrayContaining([FINANCE, HEALTH]));
    // Typed in date order: FINANCE's part joins HEALTH's on 06-10, which passes to AUDIT on 06-20.
    const inDateOrder = stateAfter([healthHeld[0]!, leadAssigned, { type: 'PartHandedOver', data: { unitId: FINANCE, successorUnitId: HEALTH, reason: '机构改革', handedOverOn: '2025-06-10' } }, healthHeld[1]!]);
    expect(partsOf(inDateOrder).map((part) => [part.unitId, part.role, part.status, part.joinedOn])).toEqual(partsOf(now).map((part) => [part.unitId, part.role, part.status, part.joinedOn]));
    // Folded by day, the same on every day: HEALTH holds the joined part on 06-15, AUDIT from 06-20.
    expect(partsOf(assignmentsOn(now, '2025-06-15')).map((part) => [part.unitId, part.role])).toEqual([[HEALTH, 'LEAD']]);
    expect(partsOf(assignmentsOn(now, TODAY)).map((part) => [part.unitId, part.role])).toEqual([[AUDIT, 'LEAD']]);
  });

  it('FINANCE’s clerk then reports on its own part after 06-10: refused as in date order (the part is AUDIT’s)', () => {
    const late = [...healthHeld, leadAssigned];
    const now = [...late, ...handOversDue({ unitNames: directory }, stateAfter(late))];
    const inDateOrder: AssignmentEvent[] = [healthHeld[0]!, leadAssigned, { type: 'PartHandedOver', data: { unitId: FINANCE, successorUnitId: HEALTH, reason: '机构改革', handedOverOn: '2025-06-10' } }, healthHeld[1]!];
    const lateReport = report({ reportedOn: '2025-06-25', unitNames: { nameOf: () => undefined } });
    const refusal = (events: readonly AssignmentEvent[]) => {
      try {
        decideAssignment(lateReport, stateAfter(events), { parentClosed: false });
      } catch (error) {
        return (error as { code: string }).code;
      }
      return 'accepted';
    };
    expect(refusal(now)).not.toBe('accepted');
    expect(refusal(now)).toBe(refusal(inDateOrder));
  });

  it('a typed hand-over into HEALTH dated 06-10, entered after HEALTH’s part passed on, joins that part too (breaker8h P6’s typed kind)', () => {
    const events = decideAssignment(
      { type: 'HandOverPart', actor: admin, unitId: FINANCE, successorUnitId: HEALTH, reason: '机构改革', today: TODAY, handedOverOn: '2025-06-10', unitNames: { nameOf: () => undefined } },
      stateAfter([...healthHeld, leadAssigned]),
      { parentClosed: false },
    );
    expect(events.map((event) => event.type)).toEqual(['PartHandedOver']);
    expect(partsOf(stateAfter([...healthHeld, leadAssigned, ...events])).map((part) => [part.unitId, part.role])).toEqual([[AUDIT, 'LEAD']]);
  });

  it('still passes it when HEALTH held nothing here (a chain into a unit with no part)', () => {
    expect(handOversDue({ unitNames: directory }, stateAfter([leadAssigned])).map((event) => event.data)).toEqual([expect.objectContaining({ unitId: FINANCE, successorUnitId: HEALTH, handedOverOn: '2025-06-10' })]);
  });
});

describe('a standing part’s reports before the end of its span are progress (进展报送, newcomer37 S16)', () => {
  const KEPT_UP_UNTIL = '2025-12-31';
  const standingAssigned: AssignmentEvent = { type: 'UnitAssigned', data: { unitId: FINANCE, role: 'LEAD', dueDate: KEPT_UP_UNTIL, assignedOn: ASSIGNED_ON, terms: { kind: 'STANDING', reportEvery: 'QUARTER' } } };
  const progress = reported(FINANCE, REPORTED_ON);

  it('a quarter’s report keeps the part open, awaiting no inspection', () => {
    given([standingAssigned]).when(report()).then([progress]);
    expect(partOf(stateAfter([standingAssigned, progress]), FINANCE)?.status).toBe('ASSIGNED');
  });

  it('the next quarter’s report is taken like the first', () => {
    given([standingAssigned, progress]).when(report({ reportedOn: '2025-09-28', today: '2025-09-28' })).then([reported(FINANCE, '2025-09-28')]);
  });

  it('no inspection closes it before its span ends: refused, saying the reports so far are progress and when the last one is checked', () => {
    given([standingAssigned, progress])
      .when(inspect({ today: INSPECTED_ON }))
      .thenRefused('CONFLICT', /standing task kept up until 2025-12-31/, /常态化任务，须坚持到 2025-12-31：此前的报送是阶段进展/);
  });

  it('the report made on or after the day its span ends awaits inspection, and a pass closes the part', () => {
    const last = reported(FINANCE, KEPT_UP_UNTIL);
    given([standingAssigned, progress]).when(report({ reportedOn: KEPT_UP_UNTIL, today: '2026-01-05' })).then([last]);
    const awaiting = stateAfter([standingAssigned, progress, last]);
    expect(partOf(awaiting, FINANCE)?.status).toBe('REPORTED');
    const pass = { ...inspected('PASSED'), data: { ...inspected('PASSED').data, inspectedOn: '2026-01-05' } } as InspectionLogged;
    given([standingAssigned, progress, last]).when(inspect({ inspectedOn: '2026-01-05', today: '2026-01-05' })).then([pass]);
  });

  it('a part due by a day is reported and inspected as before', () => {
    expect(partOf(stateAfter([leadAssigned, reported()]), FINANCE)?.status).toBe('REPORTED');
  });
});

describe('an extension granted and a return of the same office day (breaker8u P1): one paper, one due date', () => {
  const asked: AssignmentEvent = extensionRequested; // asked on 06-20 for 07-31
  const grant: AssignmentEvent = { type: 'ExtensionGranted', data: { unitId: FINANCE, requestId: 'extension-1', previousDueDate: DUE, newDueDate: '2025-07-31', decidedOn: '2025-06-25' } };
  const failedThatDay: AssignmentEvent = { ...inspected('FAILED'), data: { ...inspected('FAILED').data, inspectedOn: '2025-06-25', newDueDate: '2025-07-15' } };
  const sentBackThatDay: AssignmentEvent = { type: 'ReportSentBack', data: { unitId: FINANCE, reason: '佐证不全', sentBackOn: '2025-06-25', newDueDate: '2025-07-15' } };
  const open = [leadAssigned, asked, reported(FINANCE, '2025-06-22')];

  it.each([
    ['a failed inspection', failedThatDay],
    ['a send-back', sentBackThatDay],
  ])('given the grant and %s of one day, the part is due on the later date whichever was typed first', (_what, returned) => {
    const grantFirst = partOf(stateAfter([...open, grant, returned]), FINANCE);
    const returnFirst = partOf(stateAfter([...open, returned, grant]), FINANCE);
    expect(grantFirst?.dueDate).toBe('2025-07-31');
    expect(returnFirst?.dueDate).toBe('2025-07-31');
    expect(grantFirst?.status).toBe('RETURNED');
  });

  it('given the grant one day and the return the next, the return’s own date stands (the later fact rules)', () => {
    const nextDay: AssignmentEvent = { ...failedThatDay, data: { ...(failedThatDay.data as object), inspectedOn: '2025-06-26' } } as AssignmentEvent;
    expect(partOf(stateAfter([...open, grant, nextDay]), FINANCE)?.dueDate).toBe('2025-07-15');
  });
});

describe('a report and the return that answered it, found after the re-report and its pass (breaker41-8 P3)', () => {
  // Paper: report 06-10, 退办 06-12 (due again 06-30), re-report 06-28, pass 06-29. The unit keyed its re-report itself and the
  // inspector the pass; the office types the first round from paper.
  const passOn = (on: string): AssignmentEvent => ({ ...inspected('PASSED', 'inspection-1'), data: { ...inspected('PASSED', 'inspection-1').data, inspectedOn: on } }) as AssignmentEvent;
  const reReported = [leadAssigned, reported(FINANCE, REPORTED_ON)];
  const checked = [...reReported, passOn('2025-06-29')];
  const firstReport = report({ today: TODAY, reportedOn: '2025-06-10' });
  const firstReturn = sendBack({ today: TODAY, sentBackOn: '2025-06-12' });
  const shown = (history: readonly AssignmentEvent[]) => partsOf(assignmentsOn(stateAfter(history), TODAY)).map((part) => [part.status, part.verifiedOn, part.lastReport?.reportedOn]);

  it('when the first report is typed, then it is taken; the return typed next reads as in date order', () => {
    given(checked).when(firstReport).then([{ type: 'RectificationReported', data: { unitId: FINANCE, summary: 'Budget tables are now on the portal.', evidence, reportedOn: '2025-06-10' } }]);
    const typed = [...checked, ...decideAssignment(firstReport, stateAfter(checked), openParent)];
    const returned = decideAssignment(firstReturn, stateAfter(typed), openParent);
    expect(returned.map((event) => event.type)).toEqual(['ReportSentBack']);
    const inDateOrder = [leadAssigned, reported(FINANCE, '2025-06-10'), ...returned, reported(FINANCE, REPORTED_ON), passOn('2025-06-29')];
    expect(shown([...typed, ...returned])).toEqual(shown(inDateOrder));
    expect(shown(inDateOrder)).toEqual([['VERIFIED', '2025-06-29', REPORTED_ON]]);
  });

  it('when the re-report is not checked yet, then the first report is refused, saying to enter that round once it has passed', () => {
    given(reReported)
      .when(firstReport)
      .thenRefused('CONFLICT', /once the report of 2025-06-28, or a later re-report, has passed its inspection/, /请待 2025-06-28 的整改报告（或其未通过后重新报送的报告）督查通过后，再补录本报告及其退办或督查结果/);
  });
});



describe('a return dated on the pass day, typed after the pass and the report handed in at that inspection: handed over before it passed (note44 Left; alone, refused: newcomer55-8 S2)', () => {
  // Given: FINANCE reported 06-28 and passed 07-01 (typed). On paper the inspectors returned the 06-28 report on 07-01, FINANCE
  // handed in a new report at the inspection, and it passed.
  const history = [leadAssigned, responsibleAssigned, reported(FINANCE), inspected('PASSED')];
  const returns: [string, AssignmentCommand, AssignmentEvent['type']][] = [
    ['a send-back', sendBack({ sentBackOn: INSPECTED_ON, today: TODAY, newDueDate: RETURNED_UNTIL, unitNames: DIRECTORY }), 'ReportSentBack'],
    ['a failed inspection', inspect({ inspectionId: 'inspection-0', outcome: 'FAILED', notes: '未整改到位', newDueDate: RETURNED_UNTIL, unitNames: DIRECTORY }), 'InspectionLogged'],
  ];
  const read = (state: AssignmentsState) => partsOf(state).map((part) => [part.unitId, part.status, part.verifiedOn, part.lastReport?.reportedOn, part.lastReturn?.returnedOn, part.reportCount]).sort();

  it.each(returns)('%s of the pass day typed with no report of that day on file is refused, naming the pass and the ways on (newcomer55-8 S2)', (_what, returning, type) => {
    const entered = type === 'ReportSentBack' ? ['退办日期', '退办'] : ['督查日期', '督查结果'];
    given(history)
      .when(returning)
      .thenRefused(
        'CONFLICT',
        /would leave the pass of .* of the same day \(2025-07-01\) inconsistent: it would check no report \(the one of 2025-06-28/,
        new RegExp(`^${entered[0]}（2025-07-01）会使.*同日 2025-07-01 的督查通过不再成立：该次督查将没有待督查的报告（2025-06-28 的整改报告已被本次${entered[1]}退回）。.*请先由督办人员依据纸质报告代录该报告（报告日期 2025-07-01），再录入本次${entered[1]}；如该次督查实为不通过，请在该督查记录的「更正督查记录」中更正其结果。$`),
      );
  });

  it.each(returns)('%s of the pass day is taken after the report of that day, and the part reads as typed in date order', (_what, returning, type) => {
    // When: the report handed in at the inspection is typed, then the return of 07-01.
    const reportOfTheDay = given(history).when(report({ reportedOn: INSPECTED_ON, today: TODAY, unitNames: DIRECTORY, actor: supervisor })).decision();
    expect(reportOfTheDay.map((event) => event.type)).toEqual(['RectificationReported']);
    const returned = given([...history, ...reportOfTheDay]).when(returning).decision();
    expect(returned.map((event) => event.type)).toEqual([type]);
    // Then: verified 07-01, the 07-01 report the last, answering the return — as in date order (report, return, report, pass).
    const after = stateAfter([...history, ...reportOfTheDay, ...returned]);
    const inDateOrder = stateAfter([leadAssigned, responsibleAssigned, reported(FINANCE), ...returned, reported(FINANCE, INSPECTED_ON), inspected('PASSED')]);
    expect(read(after)).toEqual(read(inDateOrder));
    expect(partOf(after, FINANCE)).toMatchObject({ status: 'VERIFIED', verifiedOn: INSPECTED_ON, lastReport: { reportedOn: INSPECTED_ON }, lastReturn: { returnedOn: INSPECTED_ON } });
    for (const day of [REPORTED_ON, INSPECTED_ON, TODAY]) expect(read(assignmentsOn(after, day))).toEqual(read(assignmentsOn(inDateOrder, day)));
  });

  it('the unit’s own report of the pass day typed without that return is refused — it cannot be told from one made after the close-out — naming the way on: the office enters the paper (代录) (h56c)', () => {
    given(history)
      .when(report({ reportedOn: INSPECTED_ON, today: TODAY, unitNames: DIRECTORY }))
      .thenRefused('CONFLICT', /already verified \(on 2025-07-01\).*have the office enter this report from its paper \(代录\) first, then that send-back or failed inspection/, /市财政局的任务已确认完成（2025-07-01），不再接收整改报告。如该报告是 2025-07-01 督查当天交给督查组的（此前有退办或督查未通过尚未录入），请先由督办人员依据纸质报告代录本报告，再录入该退办或督查未通过。/);
  });

  it('the office’s entry (代录) of a report of the pass day typed without that return is taken as handed in at that inspection: verified, two reports, no return until the return is entered (newcomer55-8 S2)', () => {
    const reportOfTheDay = given(history).when(report({ reportedOn: INSPECTED_ON, today: TODAY, unitNames: DIRECTORY, actor: supervisor })).decision();
    const after = stateAfter([...history, ...reportOfTheDay]);
    expect(partOf(after, FINANCE)).toMatchObject({ status: 'VERIFIED', verifiedOn: INSPECTED_ON, reportCount: 2, lastReport: { reportedOn: INSPECTED_ON }, lastReturn: null });
    expect(read(assignmentsOn(after, TODAY))).toEqual(read(after));
  });

  describe('its day corrected afterwards (now-and-cut-agree seed 20161130: a pass-day failure moved past the pass was taken, now VERIFIED and the cut RETURNED)', () => {
    const redate = (on: string): CorrectFactDate => ({ type: 'CorrectFactDate', actor: supervisor, today: TODAY, unitId: FINANCE, factType: 'InspectionLogged', previousOn: INSPECTED_ON, on, reason: '按纸质文件更正', unitNames: DIRECTORY });
    const reportOfTheDay = () => given(history).when(report({ reportedOn: INSPECTED_ON, today: TODAY, unitNames: DIRECTORY, actor: supervisor })).decision();
    const failure = () => given([...history, ...reportOfTheDay()]).when(returns[1]![1]).decision();

    it('given the report handed in at the pass and the failure of the pass day typed after the pass, when the failure is moved past the pass (the last of that day entered): refused, the part stood verified then', () => {
      given([...history, ...reportOfTheDay(), ...failure()]).when(redate('2025-07-10')).thenRefused('CONFLICT', /does not hold: the part stood verified then \(on 2025-07-01\)/, /不成立：当时该任务已确认完成（2025-07-01）/);
    });

    it('given the failure and the report handed in at the pass, when the failure is moved to 06-30: taken, the part reads as typed in date order', () => {
      const handedIn = reportOfTheDay();
      const returned = failure();
      const events = given([...history, ...handedIn, ...returned]).when(redate('2025-06-30')).decision();
      expect(events).toEqual([{ type: 'FactDateCorrected', data: { unitId: FINANCE, factType: 'InspectionLogged', previousOn: INSPECTED_ON, on: '2025-06-30', reason: '按纸质文件更正', correctedOn: TODAY } }]);
      const movedFailure = { ...returned[0]!, data: { ...returned[0]!.data, inspectedOn: '2025-06-30' } } as AssignmentEvent;
      const inDateOrder = stateAfter([leadAssigned, responsibleAssigned, reported(FINANCE), movedFailure, reported(FINANCE, INSPECTED_ON), inspected('PASSED')]);
      const after = stateAfter([...history, ...handedIn, ...returned, ...events]);
      expect(read(after)).toEqual(read(inDateOrder));
      for (const day of ['2025-06-30', INSPECTED_ON, TODAY]) expect(read(assignmentsOn(after, day))).toEqual(read(assignmentsOn(inDateOrder, day)));
    });
  });

  it('a send-back of the pass day is refused when no report awaited that morning (the part verified the day before)', () => {
    const passedBefore: AssignmentEvent = { ...inspected('PASSED'), data: { ...inspected('PASSED').data, inspectedOn: '2025-06-30' } } as AssignmentEvent;
    given([leadAssigned, responsibleAssigned, reported(FINANCE), passedBefore])
      .when(sendBack({ sentBackOn: INSPECTED_ON, today: TODAY, newDueDate: RETURNED_UNTIL, unitNames: DIRECTORY }))
      .thenRefused('CONFLICT', /already verified \(on 2025-06-30\)/, /已确认完成（2025-06-30）/);
  });
});

describe('a 交办 row typed after the directory, whose unit merged into a unit that took another part over only later (typed-versus-date-order p:4323 run 2)', () => {
  // Directory (typed first): U0 merged into U3 on 06-01; U1's duties handed to U3 on 06-15 (and to U2 on 07-01, by then void);
  // U3 merged into U4 on 07-05. U1's row (lead) typed, its part went U1→U3 (06-15)→U4 (07-05); then U0's row.
  const [U0, U1, U2, U3, U4] = ['u0', 'u1', 'u2', 'u3', 'u4'];
  const mergers: Record<string, { successorUnitId: string; mergedOn: string }> = { [U0]: { successorUnitId: U3, mergedOn: '2025-06-01' }, [U3]: { successorUnitId: U4, mergedOn: '2025-07-05' } };
  const handOvers: Record<string, { successorUnitId: string; on: string }[]> = { [U1]: [{ successorUnitId: U3, on: '2025-06-15' }, { successorUnitId: U2, on: '2025-07-01' }], [U2]: [{ successorUnitId: U3, on: '2025-06-15' }] };
  const directory = { nameOf: (unitId: string) => `单位${unitId}`, mergerOf: (unitId: string) => mergers[unitId], handOversOf: (unitId: string) => handOvers[unitId] ?? [] };
  const row = (unitId: string, role: 'LEAD' | 'RESPONSIBLE') => assign({ unitId, role, assignedOn: '2025-04-26', dueDate: '2025-09-30', unitNames: directory });
  const read = (state: AssignmentsState) => partsOf(state).map((part) => [part.unitId, part.role, part.status, part.heldBefore, part.dueDate]);

  it('given U1’s part carried U1→U3→U4, when U0’s row is typed: U0’s part reaches U3 on 06-01 first and U1’s joins it — as in date order (was: U0’s part left with the merged U0)', () => {
    // Each row as the parent's lifecycle decides it (`decideWithParts`): the assignment, then the hand-overs the directory calls for.
    const typedRow = (history: readonly AssignmentEvent[], command: AssignUnit) => {
      const assigned = given(history).when(command).decision();
      return [...assigned, ...handOversDue(command, stateAfter([...history, ...assigned]))];
    };
    const lead = typedRow([], row(U1, 'LEAD'));
    expect(lead.filter((event) => event.type === 'PartHandedOver').map((event) => event.data.unitId)).toEqual([U1, U3]);
    const typedFirst = typedRow(lead, row(U0, 'RESPONSIBLE'));
    const typed = stateAfter([...lead, ...typedFirst]);
    expect(typedFirst.filter((event) => event.type === 'PartHandedOver').map((event) => [event.data.unitId, event.data.successorUnitId, (event.data as { handedOverOn: string }).handedOverOn])).toEqual(
      expect.arrayContaining([[U0, U3, '2025-06-01'], [U1, U3, '2025-06-15'], [U3, U4, '2025-07-05']]),
    );
    // In date order: both rows, then the directory's papers by day.
    const handOver = (unitId: string, successorUnitId: string, handedOverOn: string): AssignmentEvent => ({ type: 'PartHandedOver', data: { unitId, successorUnitId, reason: '机构改革', handedOverOn } });
    const inDateOrder = stateAfter([{ type: 'UnitAssigned', data: { unitId: U1, role: 'LEAD', dueDate: '2025-09-30', assignedOn: '2025-04-26' } }, { type: 'UnitAssigned', data: { unitId: U0, role: 'RESPONSIBLE', dueDate: '2025-09-30', assignedOn: '2025-04-26' } }, handOver(U0, U3, '2025-06-01'), handOver(U1, U3, '2025-06-15'), handOver(U3, U4, '2025-07-05')]);
    expect(read(typed)).toEqual(read(inDateOrder));
    expect(read(typed)).toEqual([[U4, 'LEAD', 'ASSIGNED', [U0, U1, U3], '2025-09-30']]);
    for (const day of ['2025-06-01', '2025-06-15', '2025-07-05', TODAY]) expect(read(assignmentsOn(typed, day))).toEqual(read(assignmentsOn(inDateOrder, day)));
  });
});

describe('a reopening typed with the wrong day has its day corrected (breaker46-8 S1)', () => {
  // Paper: reported 06-28, passed 07-01, reopened 07-03 (due again 07-31); the reopening typed as of 07-08.
  const REOPENED_ON = '2025-07-03';
  const TYPED_ON = '2025-07-08';
  const passed = [leadAssigned, reported(), inspected('PASSED')];
  const reopened = (day: string, newDueDate = '2025-07-31'): AssignmentEvent => ({ type: 'PartsReopened', data: { reason: '群众反映问题复发', reopenedOn: day, newDueDate } });
  const redate = (previousOn: string, on: string): CorrectFactDate => ({
    type: 'CorrectFactDate',
    actor: supervisor,
    today: TODAY,
    unitId: FINANCE,
    factType: 'PartsReopened',
    previousOn,
    on,
    reason: '重新打开日期录错',
    unitNames: DIRECTORY,
  });
  const redated = (previousOn: string, on: string): AssignmentEvent => ({
    type: 'FactDateCorrected',
    data: { unitId: FINANCE, factType: 'PartsReopened', previousOn, on, reason: '重新打开日期录错', correctedOn: TODAY },
  });
  const reReport = report({ today: TODAY, reportedOn: '2025-07-05', unitNames: DIRECTORY });

  describe('given the reopening typed as of 07-08', () => {
    const typed = [...passed, reopened(TYPED_ON)];

    it('when the unit re-reports with its paper day 07-05, then it is refused naming the way on: correct the reopening’s day', () => {
      given(typed).when(reReport).thenRefused('BAD_USER_INPUT', /correctRecordDate with record REOPENING/, /早于所回应的重新打开日期（2025-07-08）.*请督办人员先在该单位任务卡片上点「更正记录日期」更正该重新打开的日期，再录入本报告/);
    });

    it('when its day is corrected to 07-03, then FactDateCorrected of the reopening; the part stood verified until 07-02 and returned from 07-03, due 07-31; the re-report of 07-05 is then taken', () => {
      given(typed).when(redate(TYPED_ON, REOPENED_ON)).then([redated(TYPED_ON, REOPENED_ON)]);
      const corrected = stateAfter([...typed, redated(TYPED_ON, REOPENED_ON)]);
      expect(partOf(assignmentsOn(corrected, '2025-07-02'), FINANCE)).toMatchObject({ status: 'VERIFIED', verifiedOn: INSPECTED_ON });
      expect(partOf(assignmentsOn(corrected, REOPENED_ON), FINANCE)).toMatchObject({ status: 'RETURNED', dueDate: '2025-07-31', lastReturn: expect.objectContaining({ returnedOn: REOPENED_ON }) });
      expect(corrected.reopenedOn).toBe(REOPENED_ON);
      given([...typed, redated(TYPED_ON, REOPENED_ON)]).when(reReport).then([reported(FINANCE, '2025-07-05')]);
    });

    it('when a second form still showing 07-08 moves it after a colleague moved it to 07-03, then CONFLICT naming who set which day when, nothing moved (issue 9)', () => {
      given([...typed, redated(TYPED_ON, REOPENED_ON)])
        .when(redate(TYPED_ON, '2025-07-04'))
        .thenChangedMeanwhile({ field: 'previousOn', types: ['FactDateCorrected'], unitId: FINANCE, zh: /^市财政局的重新打开日期刚由张伟改为 2025-07-03（北京时间 2026-12-07 06:28；表单显示的是 2025-07-08）：请确认后再调整，本次未作修改。$/ });
    });

    it('when it is moved before the pass it reopens, then it is refused naming that pass', () => {
      given(typed).when(redate(TYPED_ON, '2025-06-30')).thenRefused('BAD_USER_INPUT', /before the pass of 市财政局 it reopens \(2025-07-01\)/, /更正后的重新打开日期（2025-06-30）早于所重新打开的市财政局督查通过日期（2025-07-01）/);
    });

    it('when it is moved past the new due date it gave, then it is refused: the part would be overdue as it came back', () => {
      given([...passed, reopened(TYPED_ON, '2025-07-09')]).when(redate(TYPED_ON, TODAY)).thenRefused('BAD_USER_INPUT', /after the new due date the reopening gave \(2025-07-09\)/, /晚于该次重新打开给出的新截止日期 2025-07-09/);
    });

    it('when the form names a day no reopening of the part has, then NOT_FOUND (corrected meanwhile: reload)', () => {
      given(typed).when(redate(REOPENED_ON, '2025-07-04')).thenRefused('NOT_FOUND', /has no reopening dated 2025-07-03/, /在此没有 2025-07-03 的重新打开记录/);
    });
  });

  describe('given the reopening of 07-03 answered by the re-report of 07-05', () => {
    const answered = [...passed, reopened(REOPENED_ON), reported(FINANCE, '2025-07-05')];

    it('when it is moved after that re-report, then it is refused naming the re-report, its unit and its day', () => {
      given(answered).when(redate(REOPENED_ON, '2025-07-06')).thenRefused('BAD_USER_INPUT', /after the report of 市财政局 of 2025-07-05/, /更正后的重新打开日期（2025-07-06）晚于其后市财政局 2025-07-05 的整改报告：重新打开应在其后的记录之前/);
    });

    it('when it is moved a day earlier, still after the pass, then it is taken', () => {
      given(answered).when(redate(REOPENED_ON, '2025-07-02')).then([redated(REOPENED_ON, '2025-07-02')]);
    });
  });
});

describe('a reopening that gave no new due date, its day corrected past the parts’ due date (h8 point 2, h8b)', () => {
  // Due 07-05; reported 06-28, passed 07-01, reopened 07-03 keeping the due date (not yet passed, so no new one was asked for).
  const dueLater: AssignmentEvent = { type: 'UnitAssigned', data: { unitId: FINANCE, role: 'LEAD', dueDate: '2025-07-05', assignedOn: ASSIGNED_ON } };
  const kept: AssignmentEvent = { type: 'PartsReopened', data: { reason: '群众反映问题复发', reopenedOn: '2025-07-03' } };
  const history = [dueLater, reported(), inspected('PASSED'), kept];
  const redate = (on: string, overrides: Partial<CorrectFactDate> = {}): CorrectFactDate => ({ type: 'CorrectFactDate', actor: supervisor, today: TODAY, unitId: FINANCE, factType: 'PartsReopened', previousOn: '2025-07-03', on, reason: '重新打开日期录错', unitNames: DIRECTORY, ...overrides });
  const corrected = (on: string, given: object = {}): AssignmentEvent => ({ type: 'FactDateCorrected', data: { unitId: FINANCE, factType: 'PartsReopened', previousOn: '2025-07-03', on, reason: '重新打开日期录错', correctedOn: TODAY, ...given } });

  it('given the reopening typed on 07-08 with no new due date, then it is refused asking for one (the rule the correction follows)', () => {
    given([dueLater, reported(), inspected('PASSED')])
      .when(reopen({ newDueDate: undefined, reason: '群众反映问题复发', reopenedOn: '2025-07-08', unitNames: DIRECTORY }))
      .thenRefused('BAD_USER_INPUT', /needs a new due date/, /原时限 2025-07-05 在重新打开之日（2025-07-08）已过：须填写重新整改的时限/);
  });

  it('when its day is corrected to 07-08 with no new due date, then it is refused naming the unit, its due date and asking for 新的整改时限 in the same form (field newDueDate)', () => {
    given(history)
      .when(redate('2025-07-08'))
      .thenRefused(
        'BAD_USER_INPUT',
        /after the due date of 市财政局 \(2025-07-05\), and the reopening gave no new due date.*Give the new due date \(newDueDate\) with the correction/,
        /更正后的重新打开日期（2025-07-08）晚于市财政局的原时限 2025-07-05，而该次重新打开未填写重新整改的时限：任务重新打开即逾期。请在本表中填写新的整改时限（不早于 2025-07-08），与日期更正一并提交。/,
      );
    given(history).when(redate('2025-07-08')).thenRefusedAt('newDueDate');
  });

  it('when its day is corrected to 07-08 with a new due date of 07-20, then the correction records it; the part is due 07-20 from 07-08 on', () => {
    given(history).when(redate('2025-07-08', { newDueDate: '2025-07-20' })).then([corrected('2025-07-08', { newDueDate: '2025-07-20' })]);
    const after = stateAfter([...history, corrected('2025-07-08', { newDueDate: '2025-07-20' })]);
    expect({ status: partOf(after, FINANCE)?.status, dueDate: partOf(after, FINANCE)?.dueDate }).toEqual({ status: 'RETURNED', dueDate: '2025-07-20' });
  });

  it('when the new due date is on the corrected day itself, then it is taken; before it, refused as a reopening typed that day would be', () => {
    given(history).when(redate('2025-07-08', { newDueDate: '2025-07-08' })).then([corrected('2025-07-08', { newDueDate: '2025-07-08' })]);
    given(history)
      .when(redate('2025-07-08', { newDueDate: '2025-07-06' }))
      .thenRefused('BAD_USER_INPUT', /The new due date 2025-07-06 has already passed \(on 2025-07-08\)/, /新的截止日期 2025-07-06 已过（2025-07-08）/);
  });

  it('when the new due date is past the parent’s limit, then it needs the supervisor’s override, recorded with it', () => {
    const dueDateLimit = { latest: '2025-07-31', setBy: { en: 'the inspection deadline', zh: '督查时限' } };
    given(history).when(redate('2025-07-08', { newDueDate: '2025-08-15', dueDateLimit })).thenRefusedAt('overrideReason');
    given(history)
      .when(redate('2025-07-08', { newDueDate: '2025-08-15', dueDateLimit, dueDateOverride: { reason: '汛期施工' } }))
      .then([corrected('2025-07-08', { newDueDate: '2025-08-15', dueDateOverride: { reason: '汛期施工', limit: '2025-07-31' } })]);
  });

  it('when its day is corrected to the due date itself (07-05), then it is taken with no new due date; one given there is refused as not needed', () => {
    given(history).when(redate('2025-07-05')).then([corrected('2025-07-05')]);
    given(history)
      .when(redate('2025-07-05', { newDueDate: '2025-07-20' }))
      .thenRefused('BAD_USER_INPUT', /not needed/, /本次更正无须填写新的整改时限：2025-07-05 各单位的原时限均未过，任务仍按原时限整改。/);
  });

  it('when the reopening gave a new due date of its own, then a correction giving another is refused: the date correction keeps it', () => {
    const withDate: AssignmentEvent = { type: 'PartsReopened', data: { reason: '群众反映问题复发', reopenedOn: '2025-07-03', newDueDate: '2025-07-25' } };
    given([dueLater, reported(), inspected('PASSED'), withDate])
      .when(redate('2025-07-08', { newDueDate: '2025-07-20' }))
      .thenRefused('BAD_USER_INPUT', /not needed/, /该次重新打开已给出新的整改时限 2025-07-25，在 2025-07-08 尚未过，更正日期不改动它/);
  });

  it('when a new due date comes with the date correction of any other record, then it is refused (field newDueDate)', () => {
    given([dueLater, reported()])
      .when({ type: 'CorrectFactDate', actor: supervisor, today: TODAY, unitId: FINANCE, factType: 'RectificationReported', previousOn: REPORTED_ON, on: '2025-06-27', reason: '录错', unitNames: DIRECTORY, newDueDate: '2025-07-20' })
      .thenRefused('BAD_USER_INPUT', /only with the corrected day of a return \(a reopening, a send-back or a failed inspection\)/, /只有更正重新打开、退办或督查未通过的日期时才可填写新的整改时限/);
  });

  it('given a correction stored before it could give a new due date (none in its data), then the part keeps its own due date', () => {
    const after = stateAfter([...history, corrected('2025-07-05')]);
    expect(partOf(after, FINANCE)?.dueDate).toBe('2025-07-05');
  });
});

describe('correctReportDate sent for an earlier report of the part (breaker46-8 M1)', () => {
  const correctReport = (overrides: Partial<CorrectReportDate>): CorrectReportDate => ({ type: 'CorrectReportDate', actor: supervisor, today: TODAY, unitId: FINANCE, reportedOn: '2025-06-21', reason: '录错', unitNames: DIRECTORY, ...overrides });
  const twoRounds = [leadAssigned, reported(FINANCE, '2025-06-20'), { type: 'ReportSentBack', data: { unitId: FINANCE, reason: '缺附件', sentBackOn: '2025-06-22' } } as AssignmentEvent, reported(FINANCE, REPORTED_ON)];

  it('given reports of 06-20 and 06-28: the form reading 06-20 is told it is an earlier report and to use 更正记录日期 — not that the record changed meanwhile', () => {
    given(twoRounds)
      .when(correctReport({ expectedReportedOn: '2025-06-20' }))
      .thenRefused('BAD_USER_INPUT', /is an earlier report \(the last one is of 2025-06-28\).*correctRecordDate, record REPORT/, /2025-06-20 的整改报告是较早的一份报告（最近一份为 2025-06-28）.*「更正记录日期」/);
  });

  it('given the same: a form reading a day no report has is still told the record changed meanwhile', () => {
    given(twoRounds).when(correctReport({ expectedReportedOn: '2025-06-27' })).thenRefused('CONFLICT', /changed meanwhile/, /现为 2025-06-28，不是表单显示的 2025-06-27：其间已被修改/);
  });
});

describe('a unit’s own 交办 row typed after another unit’s part moved into it, the unit having handed its own work on before (typed-versus-date-order p:4325 run 2)', () => {
  // Directory (typed first): U2's and U1's duties handed to U4 on 06-01; U0 merged into U2 on 06-20. Rows typed: U1 (lead), U0, then U2's own of 05-10.
  const [U0, U1, U2, U4] = ['u0', 'u1', 'u2', 'u4'];
  const mergers: Record<string, { successorUnitId: string; mergedOn: string }> = { [U0]: { successorUnitId: U2, mergedOn: '2025-06-20' } };
  const handOvers: Record<string, { successorUnitId: string; on: string }[]> = { [U1]: [{ successorUnitId: U4, on: '2025-06-01' }], [U2]: [{ successorUnitId: U4, on: '2025-06-01' }] };
  // The office's directory names units on a day too (`nameOn`): the decider then reads it by the fact's day (`namedOnItsDay`),
  // which left its hand-overs out — a spec's directory without `nameOn` passed (h8b).
  const plain = { nameOf: (unitId: string) => `单位${unitId}`, mergerOf: (unitId: string) => mergers[unitId], handOversOf: (unitId: string) => handOvers[unitId] ?? [] };
  const DIRECTORIES = [['a spec’s directory', plain], ['the office’s directory, naming units on a day', { ...plain, nameOn: (unitId: string) => `单位${unitId}` }]] as const;
  const row = (unitId: string, role: 'LEAD' | 'RESPONSIBLE', assignedOn: string, directory: UnitNames) => assign({ unitId, role, assignedOn, dueDate: '2025-09-30', unitNames: directory });
  const typedRow = (history: readonly AssignmentEvent[], command: AssignUnit) => {
    const assigned = given(history).when(command).decision();
    return [...history, ...assigned, ...handOversDue(command, stateAfter([...history, ...assigned]))];
  };
  const read = (state: AssignmentsState) => partsOf(state).map((part) => [part.unitId, part.role, part.status, [...(part.heldBefore ?? [])].sort(), part.dueDate]).sort();

  it.each(DIRECTORIES)('%s: given U0’s part moved into U2 on 06-20, when U2’s row of 05-10 is typed: U2’s part passes to U4 on 06-01 and U0’s comes to U2 alone on 06-20 — as in date order (was: U0’s joined U2’s at once and U2’s stayed)', (_name, directory) => {
    const typed = stateAfter(typedRow(typedRow(typedRow([], row(U1, 'LEAD', '2025-04-26', directory)), row(U0, 'RESPONSIBLE', '2025-04-26', directory)), row(U2, 'RESPONSIBLE', '2025-05-10', directory)));
    const assigned = (unitId: string, role: 'LEAD' | 'RESPONSIBLE', assignedOn: string): AssignmentEvent => ({ type: 'UnitAssigned', data: { unitId, role, dueDate: '2025-09-30', assignedOn } });
    const handOver = (unitId: string, successorUnitId: string, handedOverOn: string): AssignmentEvent => ({ type: 'PartHandedOver', data: { unitId, successorUnitId, reason: '机构改革', handedOverOn } });
    const inDateOrder = stateAfter([assigned(U1, 'LEAD', '2025-04-26'), assigned(U0, 'RESPONSIBLE', '2025-04-26'), assigned(U2, 'RESPONSIBLE', '2025-05-10'), handOver(U2, U4, '2025-06-01'), handOver(U1, U4, '2025-06-01'), handOver(U0, U2, '2025-06-20')]);
    expect(read(typed)).toEqual(read(inDateOrder));
    expect(read(typed)).toEqual([[U2, 'RESPONSIBLE', 'ASSIGNED', [U0], '2025-09-30'], [U4, 'LEAD', 'ASSIGNED', [U1, U2], '2025-09-30']]);
    for (const day of ['2025-05-10', '2025-06-01', '2025-06-20', TODAY]) expect(read(assignmentsOn(typed, day))).toEqual(read(assignmentsOn(inDateOrder, day)));
  });
});

describe('a report a colleague settled a moment before: the refusal says what happened, the write path names who and when (newcomer50-9 M2)', () => {
  const refusalOf = (events: readonly AssignmentEvent[], command: AssignmentCommand): ChangedMeanwhile => {
    try {
      given(events).when(command).decision();
    } catch (error) {
      expect(error).toBeInstanceOf(ChangedMeanwhile);
      return error as ChangedMeanwhile;
    }
    throw new Error('not refused');
  };
  const by = { who: { en: 'Zhang Wei', zh: '张伟' }, at: '2026-12-07 06:28' };

  it('given a report sent back, when a second supervisor sends it back: CONFLICT saying it was sent back, by whom, when', () => {
    given([leadAssigned, reported(), sentBack]).when(sendBack({ reason: '材料不全' })).thenRefused('CONFLICT', /no report awaiting inspection/, /没有待督查的整改报告可退办/);
    const refused = refusalOf([leadAssigned, reported(), sentBack], sendBack({ reason: '材料不全' }));
    expect(refused.change).toMatchObject({ types: ['ReportSentBack'], unitId: FINANCE });
    expect(refused.change.told(by).zh).toBe(`该单位的整改报告已由张伟退办（北京时间 2026-12-07 06:28，记为 ${SENT_BACK_ON}）。现在没有待督查的报告，本次未作记录。`);
  });

  it('given a report failed at inspection, when it is sent back or inspected again: said as returned by that inspection', () => {
    const failed = [leadAssigned, reported(), inspected('FAILED')];
    expect(refusalOf(failed, sendBack({ sentBackOn: INSPECTED_ON, today: TODAY })).change.told(by).zh).toMatch(/^该单位的整改报告已由张伟督查未通过退回（北京时间 2026-12-07 06:28，记为 2025-07-01）。/);
    expect(refusalOf(failed, inspect({ inspectionId: 'inspection-2' })).change.types).toEqual(['InspectionLogged']);
  });

  it('given a report passed, when a second inspector logs a pass: said as passed by whom, the old advice kept', () => {
    const refused = refusalOf([leadAssigned, reported(), inspected('PASSED')], inspect({ inspectionId: 'inspection-2' }));
    expect(refused.change.told(by).zh).toMatch(/^该单位的整改报告已由张伟督查通过（北京时间 2026-12-07 06:28，记为 2025-07-01）。该单位的任务已确认完成/);
  });

  it('a part never reported is refused as before, with no one named', () => {
    expect(() => given([leadAssigned]).when(sendBack()).decision()).toThrow(/no report awaiting inspection/);
    try {
      given([leadAssigned]).when(sendBack()).decision();
    } catch (error) {
      expect(error).not.toBeInstanceOf(ChangedMeanwhile);
    }
  });
});
