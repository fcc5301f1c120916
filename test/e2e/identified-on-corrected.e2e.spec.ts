import { namedMutations } from '../support/named-mutations.js';
import { TestApp, errorCode, startTestApp } from '../support/test-app.js';

/*
 * breaker9r P2 part 2: a finding's 发现日期 typed wrong — or given by a fast clock to a form that left it out — could not be
 * corrected: the finding counted from the wrong day on every view for ever. Now `correctFindingIdentifiedOn` (SUPERVISOR,
 * with a reason) writes a correction beside the recording, never over it: every view known after it reads the corrected
 * day (a past day between the two too), a view known before it the day as recorded, and the history lists the correction
 * (who, why, both days). A day in the future, before the evaluation was received, or after any record of the finding is
 * refused naming what clashes, in Chinese. Office day 2026-11-25.
 */
describe('a finding’s 发现日期 is corrected (breaker9r P2 part 2)', () => {
  let app: TestApp;
  let unitId: string;
  let evaluationId: string;

  const { call: mutate, mutate: ok } = namedMutations(() => app, (name) => `${name}-${Math.random()}`, 'id identifiedOn status');
  const findingOn = async (id: string, asOf?: string, knownAt?: string) => {
    const answer = await app.graphql(
      `query($id: ID!, $asOf: String, $knownAt: String) { finding(id: $id, asOf: $asOf, knownAt: $knownAt) { identifiedOn status history { eventType occurredOn actorRole details } } }`,
      { id, asOf, knownAt },
    );
    // Not identified yet at the cut: NOT_FOUND, NOT_YET_RECORDED (null here).
    if (answer.errors?.[0]?.extensions?.reason === 'NOT_YET_RECORDED') return null;
    expect(answer.errors).toBeUndefined();
    return answer.data!.finding as { identifiedOn: string; status: string; history: { eventType: string; occurredOn: string; actorRole: string; details: string }[] };
  };
  const totalOn = async (asOf?: string) => {
    const answer = await app.graphql(`query($asOf: String) { dashboard(asOf: $asOf) { findings { total } } }`, { asOf });
    expect(answer.errors).toBeUndefined();
    return answer.data!.dashboard.findings.total as number;
  };
  const refusal = async (input: Record<string, unknown>, headers?: Record<string, string>) => {
    const answer = await mutate('correctFindingIdentifiedOn', input, headers);
    return { code: errorCode(answer), field: answer.errors?.[0]?.extensions?.field, zh: String(answer.errors?.[0]?.extensions?.messageZh) };
  };

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-25T09:00:00+08:00' });
    const unit = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, { input: { idempotencyKey: 'unit', code: 'MZJ', name: '青川市民政局', kind: 'DEPARTMENT', registeredOn: '2026-01-01' } }, await app.as('ADMIN'));
    unitId = unit.data!.registerUnit.id;
    const evaluation = await app.graphql(`mutation($input: RegisterEvaluationInput!) { registerEvaluation(input: $input) { id } }`, {
      input: { idempotencyKey: 'evaluation', title: '2026年度政务公开第三方评估报告', evaluator: '中部政府透明度研究院', commissionedBy: '青川市人民政府办公室', periodStart: '2026-01-01', periodEnd: '2026-06-30', receivedOn: '2026-09-15' },
    });
    evaluationId = evaluation.data!.registerEvaluation.id;
  });

  afterAll(async () => {
    await app?.close();
  });

  const record = async (title: string, assignedOn?: string) =>
    (
      await ok('recordFinding', {
        evaluationId, title, description: title, category: '重点领域', severity: 'MEDIUM', identifiedOn: '2026-09-18',
        ...(assignedOn ? { assignment: { assignedOn, units: [{ unitId, role: 'LEAD', dueDate: '2026-12-31' }] } } : {}),
      })
    ).id as string;

  it('moved later: views known after it read the corrected day, a past day between the two no longer holds it; known before, as recorded', async () => {
    const findingId = await record('社会救助政策解读缺失', '2026-09-25');
    const before = '2026-11-25T09:30:00+08:00';
    app.clock.set('2026-11-25T10:00:00+08:00');
    expect(await totalOn('2026-09-20')).toBe(1);

    const corrected = await ok('correctFindingIdentifiedOn', { findingId, identifiedOn: '2026-09-22', reason: '问题清单落款为9月22日，登记时误填' });
    expect(corrected).toEqual({ id: findingId, identifiedOn: '2026-09-22', status: 'OPEN' });
    expect(await findingOn(findingId, '2026-09-20')).toBeNull();
    expect(await totalOn('2026-09-20')).toBe(0);
    expect(await findingOn(findingId, '2026-09-23')).toMatchObject({ identifiedOn: '2026-09-22' });
    // Known before the correction: identified on 09-18, as recorded then.
    expect(await findingOn(findingId, '2026-09-20', before)).toMatchObject({ identifiedOn: '2026-09-18' });

    // The history keeps the recording as entered and lists the correction: who, why, both days, the day it was made.
    const { history } = (await findingOn(findingId))!;
    expect(history.map((entry) => entry.eventType)).toEqual(['FindingRecorded', 'UnitAssigned', 'FindingIdentifiedOnCorrected']);
    expect(JSON.parse(history[0]!.details)).toMatchObject({ identifiedOn: '2026-09-18' });
    expect({ ...history[2]!, details: JSON.parse(history[2]!.details) }).toMatchObject({
      occurredOn: '2026-11-25',
      actorRole: 'SUPERVISOR',
      details: { previousIdentifiedOn: '2026-09-18', identifiedOn: '2026-09-22', reason: '问题清单落款为9月22日，登记时误填', correctedOn: '2026-11-25' },
    });
  });

  it('moved earlier: a past day between the two holds it as known now, not as known before', async () => {
    const findingId = await record('养老服务信息公开不全');
    const before = '2026-11-25T10:30:00+08:00';
    app.clock.set('2026-11-25T11:00:00+08:00');
    await ok('correctFindingIdentifiedOn', { findingId, identifiedOn: '2026-09-16', reason: '时钟偏快，按实际发现日更正' });
    expect(await findingOn(findingId, '2026-09-17')).toMatchObject({ identifiedOn: '2026-09-16' });
    expect(await findingOn(findingId, '2026-09-17', before)).toBeNull();
    expect((await findingOn(findingId))!.identifiedOn).toBe('2026-09-16');
  });

  it('refuses, naming what clashes in Chinese, a day after its first 交办 or its withdrawal, before the evaluation was received, in the future, the same day; only a supervisor corrects', async () => {
    const findingId = await record('婚姻登记办事指南更新滞后', '2026-09-25');
    const [inspector, clerk] = [await app.as('INSPECTOR'), await app.as('UNIT', unitId)];
    const head = await app.logPosition();
    expect(await refusal({ findingId, identifiedOn: '2026-09-26', reason: '核对' })).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'identifiedOn',
      zh: '问题「婚姻登记办事指南更新滞后」更正后的发现日期（2026-09-26）晚于青川市民政局的交办日期（2026-09-25）：问题须先发现，后有该记录。请核对日期；如该记录的日期有误，请先更正该记录。',
    });
    expect(await refusal({ findingId, identifiedOn: '2026-09-10', reason: '核对' })).toMatchObject({ code: 'BAD_USER_INPUT', zh: expect.stringContaining('早于收到评估报告日期（2026-09-15）') });
    expect(await refusal({ findingId, identifiedOn: '2026-11-26', reason: '核对' })).toMatchObject({ code: 'BAD_USER_INPUT', zh: expect.stringContaining('是将来的日期') });
    expect(await refusal({ findingId, identifiedOn: '2026-09-18', reason: '核对' })).toMatchObject({ code: 'BAD_USER_INPUT', zh: expect.stringContaining('发现日期已是 2026-09-18') });
    expect((await refusal({ findingId, identifiedOn: '2026-09-20', reason: '核对' }, inspector)).code).toBe('FORBIDDEN');
    expect((await refusal({ findingId, identifiedOn: '2026-09-20', reason: '核对' }, clerk)).code).toBe('FORBIDDEN');
    expect(await app.logPosition()).toBe(head);

    const withdrawnId = await record('低保对象名单公示不规范');
    await ok('withdrawFinding', { findingId: withdrawnId, reason: '评估机构来函撤销', withdrawnOn: '2026-10-01' });
    expect(await refusal({ findingId: withdrawnId, identifiedOn: '2026-10-02', reason: '核对' })).toMatchObject({ code: 'BAD_USER_INPUT', zh: expect.stringContaining('晚于该问题的撤销日期（2026-10-01）') });
    expect(await ok('correctFindingIdentifiedOn', { findingId: withdrawnId, identifiedOn: '2026-10-01', reason: '清单落款为10月1日' })).toMatchObject({ identifiedOn: '2026-10-01', status: 'WITHDRAWN' });
  });
});
