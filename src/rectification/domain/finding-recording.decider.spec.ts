import { DomainError } from '../../shared/domain-error.js';
import { fold } from '../../shared/decider.js';
import { findingDecider, RecordFinding } from './finding.decider.js';
import { FindingEvent, FindingRecorded } from './finding.events.js';

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

const decide = (history: FindingEvent[], command: RecordFinding) => () =>
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
});

describe('business time', () => {
  it('keeps the day the finding was identified, years before it is entered', () => {
    expect(decide([], record())()).toEqual([recorded]);
  });

  it('refuses a day after today', () => {
    expect(codeOf(decide([], { ...record(), data: { ...recorded.data, identifiedOn: '2026-11-30' } }))).toBe('BAD_USER_INPUT');
  });
});
