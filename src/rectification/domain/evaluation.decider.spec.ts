import { DomainError } from '../../shared/domain-error.js';
import { fold } from '../../shared/decider.js';
import { evaluationDecider, RegisterEvaluation } from './evaluation.decider.js';
import { EvaluationEvent } from './evaluation.events.js';

const registered: EvaluationEvent = {
  type: 'EvaluationRegistered',
  data: {
    evaluationId: 'e-1',
    title: '2025年度政务公开第三方评估报告',
    evaluator: '中部政府透明度研究院',
    commissionedBy: '国务院办公厅',
    periodStart: '2025-01-01',
    periodEnd: '2025-12-31',
    receivedOn: '2026-03-18',
  },
};

const register = (data: Partial<RegisterEvaluation['data']> = {}): RegisterEvaluation => ({
  type: 'RegisterEvaluation',
  data: { ...registered.data, ...data },
  now: '2026-03-18T01:00:00Z',
});

const given = (events: EvaluationEvent[]) => ({
  when: (command: RegisterEvaluation) => () => evaluationDecider.decide(command, fold(evaluationDecider, events)),
});

const refusal = (decision: () => unknown) => {
  try {
    decision();
  } catch (error) {
    return error instanceof DomainError ? { code: error.code, message: error.message } : error;
  }
  throw new Error('expected the command to be refused');
};

describe('an evaluation not yet registered', () => {
  it('is registered with everything the report says', () => {
    expect(given([]).when(register())()).toEqual([registered]);
  });

  it('accepts a report received today in China even when it is still yesterday in UTC', () => {
    const command = { ...register({ receivedOn: '2026-03-18' }), now: '2026-03-17T17:00:00Z' };
    expect(given([]).when(command)()).toHaveLength(1);
  });

  it.each([
    [{ periodStart: '2025-13-01' }, /periodStart must be a date/],
    [{ receivedOn: '18/03/2026' }, /receivedOn must be a date/],
    [{ periodStart: '2026-01-01', periodEnd: '2025-12-31' }, /periodStart must not be after periodEnd/],
    [{ receivedOn: '2026-03-19' }, /receivedOn cannot be in the future/],
    [{ receivedOn: '1901-03-01', periodStart: '1900-01-01', periodEnd: '1900-12-31' }, /The day the evaluation was received \(1901-03-01\) is before 1949-10-01/],
  ])('refuses %o as BAD_USER_INPUT', (data, message) => {
    const error = refusal(given([]).when(register(data))) as { code: string; message: string };
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(message);
  });

  it('is refused as CONFLICT when another evaluation with the same title’s words is registered: one report is registered once', () => {
    const command = { ...register({ evaluationId: 'e-2' }), sameTitleRegistered: { evaluationId: 'e-1', title: '2025年度政务公开第三方评估报告', receivedOn: '2026-03-18' } };
    expect(refusal(given([]).when(command))).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('already registered (e-1)') });
  });
});

describe('a registered evaluation', () => {
  it('cannot be registered again', () => {
    expect(refusal(given([registered]).when(register()))).toMatchObject({ code: 'CONFLICT' });
  });
});
