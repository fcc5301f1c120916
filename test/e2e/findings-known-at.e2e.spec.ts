import { TestApp, startTestApp } from '../support/test-app.js';

/*
 * breaker11b G8: the 问题清单 read "as they had been entered by then" (the app's 按当时已录入的记录
 * switch sends knownAt = the end of the 截至 day), like the dashboard and the finding page: a
 * finding entered later about an earlier day is left out, and one assigned later reads 待交办.
 */
describe('findings(asOf, knownAt): the list as it had been recorded by an instant', () => {
  let app: TestApp;
  let early: string;
  let late: string;
  const LIST = `query($asOf: String, $knownAt: String, $status: FindingStatus) {
    findings(asOf: $asOf, knownAt: $knownAt, status: $status, first: 50) { totalCount nodes { id status } }
  }`;

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-04-01T09:00:00+08:00' });
    const unit = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, { input: { idempotencyKey: 'unit', code: 'CZJ', name: '青川市财政局', kind: 'DEPARTMENT', registeredOn: '2016-01-01' } }, await app.as('ADMIN'));
    const evaluation = await app.graphql(`mutation($input: RegisterEvaluationInput!) { registerEvaluation(input: $input) { id } }`, {
      input: { idempotencyKey: 'evaluation', title: '2025年度评估', evaluator: '研究院', commissionedBy: '市政府办公室', periodStart: '2025-01-01', periodEnd: '2025-12-31', receivedOn: '2026-03-15' },
    });
    const record = async (key: string, title: string, assignment?: unknown) => {
      const answer = await app.graphql(`mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`, {
        input: { idempotencyKey: key, evaluationId: evaluation.data!.registerEvaluation.id, title, description: '说明', category: '主动公开', severity: 'LOW', identifiedOn: '2026-03-20', ...(assignment ? { assignment } : {}) },
      });
      expect(answer.errors).toBeUndefined();
      return answer.data!.recordFinding.id as string;
    };
    early = await record('early', '目录不完整');
    // The next day a clerk enters, from paper, a finding of the same day and its assignment.
    app.clock.set('2026-04-02T10:00:00+08:00');
    late = await record('late', '年报滞后', { assignedOn: '2026-03-21', units: [{ unitId: unit.data!.registerUnit.id, role: 'LEAD', dueDate: '2026-05-31' }] });
  });

  afterAll(async () => {
    await app.close();
  });

  it('leaves out what was entered after the instant, and counts each status as it was known then', async () => {
    const known = { asOf: '2026-04-01', knownAt: '2026-04-01T23:59:59.999+08:00' };
    const then = await app.graphql(LIST, known);
    expect(then.errors).toBeUndefined();
    expect(then.data!.findings).toEqual({ totalCount: 1, nodes: [{ id: early, status: 'UNASSIGNED' }] });
    expect((await app.graphql(LIST, { ...known, status: 'OPEN' })).data!.findings.totalCount).toBe(0);
    // The same day with every entry made since: the late finding was open that day.
    const asKnownNow = await app.graphql(LIST, { asOf: '2026-04-01' });
    expect(asKnownNow.data!.findings.nodes).toEqual([{ id: early, status: 'UNASSIGNED' }, { id: late, status: 'OPEN' }]);
  });

  it('refuses a knownAt that is no instant, in Chinese', async () => {
    const answer = await app.graphql(LIST, { knownAt: '昨天' });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', messageZh: expect.stringMatching(/[\u4e00-\u9fff]/) });
  });
});
