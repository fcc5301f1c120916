import { DomainError } from '../../shared/domain-error.js';
import { fold } from '../../shared/decider.js';
import { given as givenDecider } from '../../shared/testing/decider-testing.js';
import { evaluationDecider, RegisterEvaluation, type CorrectEvaluationReceivedOn } from './evaluation.decider.js';
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

describe('the day an evaluation was received, corrected (breaker8r P11)', () => {
  const supervisor = { id: 'u-s', role: 'SUPERVISOR', unitId: null } as const;
  const correct = (receivedOn: string, extra: Partial<CorrectEvaluationReceivedOn> = {}): CorrectEvaluationReceivedOn => ({
    type: 'CorrectEvaluationReceivedOn',
    actor: supervisor,
    today: '2026-12-04',
    receivedOn,
    reason: '登记时误用当天日期，按收文登记簿更正',
    ...extra,
  });
  const decide = (events: EvaluationEvent[], command: CorrectEvaluationReceivedOn) => () => evaluationDecider.decide(command, fold(evaluationDecider, events));
  const zh = (decision: () => unknown) => {
    try {
      decision();
    } catch (error) {
      if (error instanceof DomainError) return { code: error.code, message: error.messageZh };
    }
    throw new Error('expected the command to be refused');
  };
  /** Registered with the form's default, today, for a report of 2018. */
  const today: EvaluationEvent = { ...registered, data: { ...registered.data, receivedOn: '2026-12-04' } } as EvaluationEvent;

  it('given the day corrected by a colleague, when a second correction is sent from a form still showing the old day: CONFLICT naming who set which day when, nothing corrected (issue 9)', () => {
    const byZhang: EvaluationEvent = { type: 'EvaluationReceivedOnCorrected', data: { evaluationId: 'e-1', previousReceivedOn: '2026-12-04', receivedOn: '2018-02-20', reason: '按收文登记簿', correctedOn: '2026-12-04' } };
    givenDecider(evaluationDecider, [today, byZhang])
      .when(correct('2018-02-22', { expectedReceivedOn: '2026-12-04' }))
      .thenChangedMeanwhile({
        field: 'expectedReceivedOn',
        types: ['EvaluationReceivedOnCorrected'],
        reason: '按收文登记簿',
        zh: '评估报告“2025年度政务公开第三方评估报告”的收到日期刚由张伟改为 2018-02-20（北京时间 2026-12-07 06:28；理由：按收文登记簿；表单显示的是 2026-12-04）：请确认后再调整，本次未作修改。',
      });
    expect(decide([today, byZhang], correct('2018-02-22', { expectedReceivedOn: '2018-02-20' }))()).toHaveLength(1);
    expect(decide([today, byZhang], correct('2018-02-22'))()).toHaveLength(1);
  });

  it('given a report registered today, when corrected to 2018-02-20 with a reason: EvaluationReceivedOnCorrected, and the state is received that day', () => {
    const events = decide([today], correct('2018-02-20'))();
    expect(events).toEqual([
      { type: 'EvaluationReceivedOnCorrected', data: { evaluationId: 'e-1', previousReceivedOn: '2026-12-04', receivedOn: '2018-02-20', reason: '登记时误用当天日期，按收文登记簿更正', correctedOn: '2026-12-04' } },
    ]);
    expect(fold(evaluationDecider, [today, ...events])).toMatchObject({ status: 'registered', receivedOn: '2018-02-20' });
  });

  it('is refused after its earliest fact, in the future, to the day it has, without a reason, or by anyone but a supervisor', () => {
    const firstFact = { day: '2018-03-01', what: { en: 'the finding "政策解读不到位" identified', zh: '问题「政策解读不到位」的发现日期' } };
    expect(zh(decide([today], correct('2018-03-02', { firstFact })))).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: '评估报告“2025年度政务公开第三方评估报告”的收到日期不能更正为 2018-03-02：其最早的记录（问题「政策解读不到位」的发现日期）在 2018-03-01；评估报告的各项记录不能早于其收到日期。',
    });
    expect(decide([today], correct('2018-03-01', { firstFact }))()).toHaveLength(1);
    expect(refusal(decide([today], correct('2026-12-05')))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(zh(decide([today], correct('2026-12-04')))).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('收到日期已是 2026-12-04') });
    expect(zh(decide([today], correct('2018-02-20', { reason: '  ' })))).toMatchObject({ code: 'BAD_USER_INPUT', message: '更正收到日期须说明理由。' });
    expect(refusal(decide([today], correct('2018-02-20', { actor: { id: 'u-a', role: 'ADMIN', unitId: null } })))).toMatchObject({ code: 'FORBIDDEN' });
    expect(refusal(decide([], correct('2018-02-20')))).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
