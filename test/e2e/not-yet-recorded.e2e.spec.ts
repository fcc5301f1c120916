import { startTestApp, type TestApp } from '../support/test-app.js';

/*
 * breaker11d P2, breaker11b M4: a past view of a finding, a plan or an item that was not there yet
 * that day — not happened yet, or (按当时已录入的记录) not entered yet — read “找不到所指的问题（可能已不
 * 存在，或链接有误）”, as if deleted. It now says it was not recorded yet then (reason NOT_YET_RECORDED),
 * and an id that never existed keeps its NOT_FOUND.
 */
describe('a past view of something recorded later says so, never “deleted or a wrong link”', () => {
  let app: TestApp;
  let findingId: string;
  let planId: string;
  let itemId: string;
  const FIRST_DAY = { asOf: '2026-04-01', knownAt: '2026-04-01T23:59:59.999+08:00' };
  const refusal = (answer: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => answer.errors?.[0]?.extensions;

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-04-01T09:00:00+08:00' });
    const admin = await app.as('ADMIN');
    for (const [code, name] of [['FGW', '市发展和改革委员会'], ['CZJ', '市财政局']] as const) {
      const unit = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, { input: { idempotencyKey: `unit-${code}`, code, name, kind: 'DEPARTMENT', registeredOn: '2016-01-01' } }, admin);
      expect(unit.errors).toBeUndefined();
    }
    // Everything below is entered the next day, about earlier days.
    app.clock.set('2026-04-02T10:00:00+08:00');
    const evaluation = await app.graphql(`mutation($input: RegisterEvaluationInput!) { registerEvaluation(input: $input) { id } }`, {
      input: { idempotencyKey: 'evaluation', title: '2025年度评估', evaluator: '研究院', commissionedBy: '市政府办公室', periodStart: '2025-01-01', periodEnd: '2025-12-31', receivedOn: '2026-03-15' },
    });
    const finding = await app.graphql(`mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`, {
      input: { idempotencyKey: 'finding', evaluationId: evaluation.data!.registerEvaluation.id, title: '目录不完整', description: '说明', category: '主动公开', severity: 'LOW', identifiedOn: '2026-03-20' },
    });
    expect(finding.errors).toBeUndefined();
    findingId = finding.data!.recordFinding.id;
    const csv = '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n一,推进五公开,1,推进决策公开,,市发展和改革委员会,市财政局,2026-06-30\n';
    const imported = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { __typename } }`, {
      input: { idempotencyKey: 'plan', fileName: 'plan.csv', title: '青川市2026年政务公开工作要点', year: 2026, contentBase64: Buffer.from(csv, 'utf8').toString('base64'), approvedOn: '2026-03-10', assignedOn: '2026-03-11' },
    });
    expect(imported.errors).toBeUndefined();
    planId = (await app.graphql(`{ workPlans { id } }`)).data!.workPlans[0].id;
    itemId = (await app.graphql(`query($planId: ID!) { workPlanItems(planId: $planId) { nodes { id } } }`, { planId })).data!.workPlanItems.nodes[0].id;
  });

  afterAll(async () => {
    await app.close();
  });

  it('a finding entered after the day, as recorded then: not entered yet', async () => {
    const answer = await app.graphql(`query($id: ID!, $asOf: String, $knownAt: String) { finding(id: $id, asOf: $asOf, knownAt: $knownAt) { id } }`, { id: findingId, ...FIRST_DAY });
    expect(refusal(answer)).toMatchObject({ code: 'NOT_FOUND', reason: 'NOT_YET_RECORDED', messageZh: '截至 2026-04-01，按当时已录入的记录，该问题尚未录入（在此之后才录入系统）。' });
    // As known now, that day it was there (identified 03-20).
    expect((await app.graphql(`query($id: ID!) { finding(id: $id, asOf: "2026-04-01") { id } }`, { id: findingId })).errors).toBeUndefined();
  });

  it('a finding viewed before the day it was identified: not recorded yet then', async () => {
    const answer = await app.graphql(`query($id: ID!) { finding(id: $id, asOf: "2026-03-01") { id } }`, { id: findingId });
    expect(refusal(answer)).toMatchObject({ code: 'NOT_FOUND', reason: 'NOT_YET_RECORDED', messageZh: '截至 2026-03-01，该问题尚未登记（它的日期在此之后）。' });
  });

  it('a plan and its item entered after the day, as recorded then: not entered yet, for the plan, its item list and the item', async () => {
    const plan = await app.graphql(`query($id: ID!, $asOf: String, $knownAt: String) { workPlan(id: $id, asOf: $asOf, knownAt: $knownAt) { id } }`, { id: planId, ...FIRST_DAY });
    expect(refusal(plan)).toMatchObject({ code: 'NOT_FOUND', reason: 'NOT_YET_RECORDED', messageZh: '截至 2026-04-01，按当时已录入的记录，该工作方案尚未录入（在此之后才录入系统）。' });
    const items = await app.graphql(`query($id: ID!, $asOf: String, $knownAt: String) { workPlanItems(planId: $id, asOf: $asOf, knownAt: $knownAt) { totalCount } }`, { id: planId, ...FIRST_DAY });
    expect(refusal(items)).toMatchObject({ code: 'NOT_FOUND', reason: 'NOT_YET_RECORDED' });
    const item = await app.graphql(`query($id: ID!, $asOf: String, $knownAt: String) { workPlanItem(id: $id, asOf: $asOf, knownAt: $knownAt) { id } }`, { id: itemId, ...FIRST_DAY });
    expect(refusal(item)).toMatchObject({ code: 'NOT_FOUND', reason: 'NOT_YET_RECORDED', messageZh: '截至 2026-04-01，按当时已录入的记录，该工作事项尚未录入（在此之后才录入系统）。' });
  });

  it('an id that never existed is still not found, at any cut', async () => {
    const missing = '2b1c5d8e-0000-4000-8000-000000000000';
    for (const [query, what] of [['finding', '问题'], ['workPlanItem', '工作事项'], ['workPlan', '工作方案']] as const) {
      const answer = await app.graphql(`query($id: ID!, $asOf: String, $knownAt: String) { ${query}(id: $id, asOf: $asOf, knownAt: $knownAt) { id } }`, { id: missing, ...FIRST_DAY });
      expect(refusal(answer)).toMatchObject({ code: 'NOT_FOUND', messageZh: `找不到所指的${what}（可能已不存在，或链接有误）。` });
      expect(refusal(answer)!.reason).toBeUndefined();
    }
  });
});
