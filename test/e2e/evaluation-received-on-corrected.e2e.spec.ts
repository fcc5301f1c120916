import { TestApp, errorCode, freshDatabasePath, startTestApp } from '../support/test-app.js';
import { REGISTER_EVALUATION, evaluationInput } from '../support/fixtures.js';

/*
 * breaker8r P11: a report of a past campaign registered with the form's default day (today) refused every finding of that
 * campaign — 「问题发现日期（2018-03-01）早于收到评估报告日期（…）」 — and nothing could correct the day. Now a supervisor corrects it
 * with a reason (correctEvaluationReceivedOn), not after its earliest fact, and the refusal says so.
 */
const CORRECT = `mutation($input: CorrectEvaluationReceivedOnInput!) { correctEvaluationReceivedOn(input: $input) { id receivedOn } }`;
const RECORD = `mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`;
const finding = (evaluationId: string, identifiedOn: string) => ({
  idempotencyKey: `finding-${identifiedOn}`,
  evaluationId,
  title: '政策解读不到位',
  description: '重要政策未同步发布解读。',
  category: '解读回应',
  severity: 'MEDIUM',
  identifiedOn,
});

describe('the day an evaluation was received, corrected (breaker8r P11)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ sqlitePath: freshDatabasePath() });
  });
  afterAll(async () => {
    await app.close();
  });

  it('a report registered with the wrong day is corrected with a reason; its past findings then go in, and a day after its earliest finding is refused naming it', async () => {
    const registered = await app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ title: '青川市2017年度政务公开第三方评估报告', periodStart: '2017-01-01', periodEnd: '2017-12-31', receivedOn: '2026-03-18' }) });
    expect(registered.errors).toBeUndefined();
    const evaluationId = registered.data!.registerEvaluation.id as string;

    const early = await app.graphql(RECORD, { input: finding(evaluationId, '2018-03-01') });
    expect(errorCode(early)).toBe('BAD_USER_INPUT');
    expect(early.errors![0]!.extensions!.messageZh).toBe('问题发现日期（2018-03-01）早于收到评估报告日期（2026-03-18），日期顺序不对。如收到日期有误，请先更正评估报告的收到日期。');

    const corrected = await app.graphql(CORRECT, { input: { idempotencyKey: 'c1', evaluationId, receivedOn: '2018-02-20', reason: '登记时误用当天日期，按收文登记簿更正' } });
    expect(corrected.errors).toBeUndefined();
    expect(corrected.data!.correctEvaluationReceivedOn).toEqual({ id: evaluationId, receivedOn: '2018-02-20' });
    const listed = await app.graphql(`{ evaluations(first: 50) { nodes { id receivedOn } } }`);
    expect(listed.data!.evaluations.nodes).toContainEqual({ id: evaluationId, receivedOn: '2018-02-20' });

    expect((await app.graphql(RECORD, { input: finding(evaluationId, '2018-03-01') })).errors).toBeUndefined();
    const late = await app.graphql(CORRECT, { input: { idempotencyKey: 'c2', evaluationId, receivedOn: '2018-03-02', reason: '再核对' } });
    expect(errorCode(late)).toBe('BAD_USER_INPUT');
    expect(late.errors![0]!.extensions!.messageZh).toContain('其最早的记录（问题「政策解读不到位」的发现日期）在 2018-03-01');
    expect(errorCode(await app.graphql(CORRECT, { input: { idempotencyKey: 'c3', evaluationId, receivedOn: '2018-02-19', reason: '核对' } }, await app.as('INSPECTOR')))).toBe('FORBIDDEN');
  });
});
