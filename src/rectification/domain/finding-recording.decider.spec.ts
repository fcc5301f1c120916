import { DomainError } from '../../shared/domain-error.js';
import { fold } from '../../shared/decider.js';
import { findingDecider, RecordAssignedFinding, RecordFinding } from './finding.decider.js';
import { FindingEvent, FindingRecorded } from './finding.events.js';
import { given } from '../../shared/testing/decider-testing.js';

const recorded: FindingRecorded = {
  type: 'FindingRecorded',
  data: {
    findingId: 'f-1',
    evaluationId: 'e-1',
    title: '未开通依申请公开网上申请渠道',
    description: '门户网站未提供在线申请入口。',
    category: '依申请公开',
    severity: 'HIGH',
    concernedUnitIds: ['u-1'],
    identifiedOn: '2016-04-15',
    measures: '',
  },
};

const record = (overrides: Partial<Omit<RecordFinding, 'type' | 'data'>> = {}): RecordFinding => ({
  type: 'RecordFinding',
  today: '2026-11-29',
  data: recorded.data,
  evaluationExists: true,
  unknownUnitIds: [],
  ...overrides,
});

const decide = (history: FindingEvent[], command: RecordFinding | RecordAssignedFinding) => () =>
  findingDecider.decide(command, fold(findingDecider, history));

const codeOf = (decision: () => unknown) => {
  try {
    decision();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return 'accepted';
};

describe('recording a finding', () => {
  it('records it against an existing evaluation', () => {
    expect(decide([], record())()).toEqual([recorded]);
  });

  it('refuses an evaluation that does not exist', () => {
    expect(codeOf(decide([], record({ evaluationExists: false })))).toBe('NOT_FOUND');
  });

  it('refuses concerned units that are not in the directory', () => {
    expect(codeOf(decide([], record({ unknownUnitIds: ['u-404'] })))).toBe('NOT_FOUND');
  });

  it('refuses to record the same finding twice', () => {
    expect(codeOf(decide([recorded], record()))).toBe('CONFLICT');
  });

  it('refuses a title the evaluation already has, naming the finding recorded (breaker11d P10)', () => {
    const decision = decide([], record({ sameTitleRecorded: { findingId: 'f-0', title: '未开通依申请公开网上申请渠道。' } }));
    expect(codeOf(decision)).toBe('CONFLICT');
    expect(() => decision()).toThrow(expect.objectContaining({ messageZh: '该评估已登记问题「未开通依申请公开网上申请渠道。」，同一问题不重复登记。', details: { field: 'title', findingId: 'f-0' } }));
  });

  it('refuses a title a few characters from a recorded one unless the office confirms it is another problem (breaker11e P1)', () => {
    const nearTitlesRecorded = [{ findingId: 'f-1', title: '政务新媒体账号长期未更新', distance: 1 }];
    const refused = decide([], record({ nearTitlesRecorded }));
    expect(codeOf(refused)).toBe('CONFLICT');
    expect(() => refused()).toThrow(
      expect.objectContaining({
        messageZh: '该评估已登记问题「政务新媒体账号长期未更新」，与本问题只差 1 个字：是否同一问题？如是同一问题，无需再登记；如确是另一个问题，请确认“这是另一个问题”后再登记。',
        details: { field: 'title', findingId: 'f-1', nearTitle: '政务新媒体账号长期未更新' },
      }),
    );
    expect(codeOf(decide([], record({ nearTitlesRecorded, distinctFrom: ['f-0'] })))).toBe('CONFLICT');
    expect(decide([], record({ nearTitlesRecorded, distinctFrom: ['f-1'] }))()).toEqual([recorded]);
  });
});

describe('business time', () => {
  it('keeps the day the finding was identified, years before it is entered', () => {
    expect(decide([], record())()).toEqual([recorded]);
  });

  it('refuses a day after today', () => {
    expect(codeOf(decide([], { ...record(), data: { ...recorded.data, identifiedOn: '2026-11-30' } }))).toBe('BAD_USER_INPUT');
  });
});

describe('recording a ledger finding with its parts (整改台账)', () => {
  const supervisor = { id: 'zhang.wei', role: 'SUPERVISOR', unitId: null } as const;
  const recordAssigned = (assignment: Partial<RecordAssignedFinding['assignment']> = {}, overrides: Partial<RecordAssignedFinding> = {}): RecordAssignedFinding => ({
    ...record(),
    type: 'RecordAssignedFinding',
    data: { ...recorded.data, concernedUnitIds: ['u-1', 'u-2'], identifiedOn: '2026-11-29', measures: '开通在线申请入口' },
    assignment: {
      actor: supervisor,
      assignedOn: '2026-11-29',
      units: [
        { unitId: 'u-1', role: 'LEAD', dueDate: '2026-12-31' },
        { unitId: 'u-2', role: 'RESPONSIBLE', dueDate: '2027-03-31' },
      ],
      ...assignment,
    },
    ...overrides,
  });

  it('records the finding and assigns every unit in one decision, each part with its own due date', () => {
    expect(decide([], recordAssigned())()).toEqual([
      { type: 'FindingRecorded', data: { ...recorded.data, concernedUnitIds: ['u-1', 'u-2'], identifiedOn: '2026-11-29', measures: '开通在线申请入口' } },
      { type: 'UnitAssigned', data: { unitId: 'u-1', role: 'LEAD', dueDate: '2026-12-31', assignedOn: '2026-11-29' } },
      { type: 'UnitAssigned', data: { unitId: 'u-2', role: 'RESPONSIBLE', dueDate: '2027-03-31', assignedOn: '2026-11-29' } },
    ]);
  });

  it('takes joint leads (联合牵头) named together', () => {
    const jointly = [{ unitId: 'u-1', role: 'LEAD', dueDate: '2026-12-31' }, { unitId: 'u-2', role: 'LEAD', dueDate: '2026-12-31' }] as const;
    expect(decide([], recordAssigned({ units: jointly }))().filter((event) => event.type === 'UnitAssigned').map((event) => event.data)).toEqual([
      { unitId: 'u-1', role: 'LEAD', dueDate: '2026-12-31', assignedOn: '2026-11-29' },
      { unitId: 'u-2', role: 'LEAD', dueDate: '2026-12-31', assignedOn: '2026-11-29' },
    ]);
  });

  it('refuses the whole of it when the assignment is wrong: no lead, a due date past the plan without an override', () => {
    expect(codeOf(decide([], recordAssigned({ units: [{ unitId: 'u-2', role: 'RESPONSIBLE', dueDate: '2026-12-31' }] })))).toBe('BAD_USER_INPUT');
    const dueDateLimit = { latest: '2026-12-31', setBy: { en: 'the inspection deadline', zh: '督查时限' } };
    expect(codeOf(decide([], recordAssigned({ dueDateLimit })))).toBe('BAD_USER_INPUT');
  });

  it('refuses a finding recorded before, and an assignment dated before the finding was identified', () => {
    expect(codeOf(decide([recorded], recordAssigned()))).toBe('CONFLICT');
    expect(codeOf(decide([], recordAssigned({ assignedOn: '2026-11-28' })))).toBe('BAD_USER_INPUT');
  });
});

describe('a refusal of a recorded finding names its input field (extensions.field), for the 登记问题 form to show it beside that field', () => {
  const withData = (data: Partial<RecordFinding['data']>, overrides: Partial<RecordFinding> = {}): RecordFinding => ({ ...record(overrides), data: { ...recorded.data, ...data } });
  it.each<[string, RecordFinding, string]>([
    ['an evaluation that does not exist', record({ evaluationExists: false }), 'evaluationId'],
    ['a concerned unit not in the directory', record({ unknownUnitIds: ['u-404'] }), 'concernedUnitIds'],
    ['an identification day in the future', withData({ identifiedOn: '2026-11-30' }), 'identifiedOn'],
    ['an identification day before the evaluation was received', withData({ identifiedOn: '2016-04-01' }, { evaluationReceivedOn: '2016-04-10' }), 'identifiedOn'],
  ])('%s', (_case, command, field) => {
    given(findingDecider, []).when(command).thenRefusedAt(field);
  });

  it('an assignment dated before the finding was identified: assignedOn', () => {
    given(findingDecider, [recorded])
      .when({ type: 'AssignFinding', actor: { id: 'zhang.wei', role: 'SUPERVISOR', unitId: null }, today: '2026-11-29', assignedOn: '2016-04-14', units: [{ unitId: 'u-1', role: 'LEAD', dueDate: '2016-06-30' }], unknownUnitIds: [] })
      .thenRefusedAt('assignedOn');
  });
});
