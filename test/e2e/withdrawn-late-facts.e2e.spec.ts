import { errorCode, startTestApp, type TestApp } from '../support/test-app.js';
import { namedMutations } from '../support/named-mutations.js';

/**
 * breaker8d P12 (breaker8b N2's kind, for withdrawals): back-filling a year, the office enters what
 * it finds in whatever order — the August withdrawal of a finding or a plan item before the June
 * inspection sheet. A fact dated before the withdrawal is judged on its day: the June pass is
 * accepted, the finding or item was closed on that day. A fact dated on or after the withdrawal is
 * refused, naming it. And since verified work is not withdrawn (typed in date order, the August
 * withdrawal is refused), the June pass means the withdrawal does not stand (breaker11f P6): the
 * finding or item is closed now too, on every day, its history saying 撤销不成立. Asserted through
 * HTTP GraphQL on a real SQLite file.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

describe('a fact dated before a withdrawal, entered after it, is judged on its day (breaker8d P12)', () => {
  let app: TestApp;
  let unitId: string;
  let evaluationId: string;

  const { call, mutate } = namedMutations(() => app, key);
  const evidence = [{ title: '公开页面', link: 'https://www.example.gov.cn/x' }];

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-30T10:00:00+08:00' });
    const unit = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, {
      input: { idempotencyKey: 'unit-CZJ', code: 'CZJ', name: '青川县财政局', kind: 'DEPARTMENT', registeredOn: '2016-01-04' },
    }, await app.as('ADMIN'));
    unitId = unit.data!.registerUnit.id;
    const evaluation = await app.graphql(`mutation($input: RegisterEvaluationInput!) { registerEvaluation(input: $input) { id } }`, {
      input: { idempotencyKey: key('evaluation'), title: `2015年度政务公开第三方评估（第${keySequence}份）`, evaluator: '某研究院', commissionedBy: '国务院办公厅', periodStart: '2015-01-01', periodEnd: '2015-12-31', receivedOn: '2016-04-15' },
    });
    evaluationId = evaluation.data!.registerEvaluation.id;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('a finding: the June pass entered after the August withdrawal closes it as of June, and the withdrawal does not stand', async () => {
    const recorded = await app.graphql(`mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`, {
      input: { idempotencyKey: key('finding'), evaluationId, title: '预算公开不细', description: '部门预算未细化到项', category: '主动公开', severity: 'HIGH', identifiedOn: '2016-04-15' },
    });
    const findingId = recorded.data!.recordFinding.id as string;
    await mutate('assignFinding', { findingId, assignedOn: '2016-05-01', units: [{ unitId, role: 'LEAD', dueDate: '2016-05-31' }] });
    await mutate('reportRectification', { findingId, unitId, summary: '已细化', evidence, reportedOn: '2016-05-20' }, await app.as('UNIT', unitId));
    await mutate('withdrawFinding', { findingId, reason: '评估方撤回该问题', withdrawnOn: '2016-08-01' });
    const pass = (inspectedOn: string) => app.as('INSPECTOR').then((inspector) => call('logInspection', { findingId, unitId, outcome: 'PASSED', notes: '核实', inspectedOn, place: '现场' }, inspector));

    const late = await pass('2016-08-05');
    expect(errorCode(late)).toBe('CONFLICT');
    expect(late.errors![0]!.extensions!.messageZh).toBe('问题「预算公开不细」已于 2016-08-01 撤销（评估方撤回该问题），不再办理。');
    expect((await pass('2016-06-02')).errors).toBeUndefined();

    const finding = async (asOf?: string) => {
      const response = await app.graphql(`query($id: ID!, $asOf: String) { finding(id: $id, asOf: $asOf) { status closedOn assignments { status verifiedOn } } }`, { id: findingId, ...(asOf ? { asOf } : {}) });
      expect(response.errors).toBeUndefined();
      return response.data!.finding;
    };
    expect(await finding('2016-06-05')).toEqual({ status: 'CLOSED', closedOn: '2016-06-02', assignments: [{ status: 'VERIFIED', verifiedOn: '2016-06-02' }] });
    expect(await finding('2016-06-01')).toMatchObject({ status: 'OPEN', closedOn: null });
    expect(await finding()).toEqual({ status: 'CLOSED', closedOn: '2016-06-02', assignments: [{ status: 'VERIFIED', verifiedOn: '2016-06-02' }] });
    expect((await finding('2016-08-01')).status).toBe('CLOSED');
    // As known before the pass was typed in, it was withdrawn.
    const history = await app.graphql(`query($id: ID!) { finding(id: $id) { history { eventType occurredOn } } }`, { id: findingId });
    expect(history.data!.finding.history.map((entry: { eventType: string }) => entry.eventType).slice(-3)).toEqual(['InspectionLogged', 'FindingClosedOut', 'FindingWithdrawalUndone']);
    // The unit's part counts on time as of July: reported 05-20, due 05-31, verified 06-02.
    const card = await app.graphql(`query { unitScorecard(asOf: "2016-07-31") { unitId parts onTime } }`);
    expect(card.data!.unitScorecard.find((row: { unitId: string }) => row.unitId === unitId)).toMatchObject({ parts: 1, onTime: 1 });
  });

  it('a work-plan item: the June pass entered after the item left the plan completes it as of June, and the withdrawal does not stand', async () => {
    const csv = '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n一,重点领域,1,公开财政预决算,,青川县财政局,,2016-06-30\n';
    const imported = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId } }`, {
      input: { idempotencyKey: key('plan'), fileName: 'plan-2016.csv', title: '青川县2016年政务公开工作要点', year: 2016, contentBase64: Buffer.from(csv).toString('base64'), approvedOn: '2016-04-25', assignedOn: '2016-05-01' },
    });
    expect(imported.errors).toBeUndefined();
    const plan = await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id } } } }`, { id: imported.data!.importWorkPlan.planId });
    const itemId = plan.data!.workPlan.categories[0].items[0].id as string;
    await mutate('reportWorkPlanItem', { itemId, unitId, summary: '已公开', evidence, reportedOn: '2016-06-10' }, await app.as('UNIT', unitId));
    await mutate('withdrawWorkPlanItem', { itemId, reason: '下半年方案调整', withdrawnOn: '2016-08-01' });
    const pass = (inspectedOn: string) => app.as('INSPECTOR').then((inspector) => call('logWorkPlanItemInspection', { itemId, unitId, outcome: 'PASSED', notes: '核实', inspectedOn, place: '现场' }, inspector));

    expect(errorCode(await pass('2016-08-02'))).toBe('CONFLICT');
    expect((await pass('2016-06-20')).errors).toBeUndefined();
    const item = async (asOf?: string) => {
      const response = await app.graphql(`query($id: ID!, $asOf: String) { workPlanItem(id: $id, asOf: $asOf) { status completedOn parts { status verifiedOn } } }`, { id: itemId, ...(asOf ? { asOf } : {}) });
      expect(response.errors).toBeUndefined();
      return response.data!.workPlanItem;
    };
    expect(await item('2016-07-01')).toEqual({ status: 'COMPLETED', completedOn: '2016-06-20', parts: [{ status: 'VERIFIED', verifiedOn: '2016-06-20' }] });
    expect(await item()).toEqual({ status: 'COMPLETED', completedOn: '2016-06-20', parts: [{ status: 'VERIFIED', verifiedOn: '2016-06-20' }] });
    // Back in the plan for the decider too: completed, it is withdrawn only once reopened.
    const again = await call('withdrawWorkPlanItem', { itemId, reason: '下半年方案调整', withdrawnOn: '2016-08-01' });
    expect(errorCode(again)).toBe('CONFLICT');
    expect(again.errors![0]!.extensions!.messageZh).toMatch(/^工作事项 1「公开财政预决算」中青川县财政局的任务已于 2016-06-20 核验，该事项已于 2016-06-20 销号：.*请先重新打开该事项。$/);
  });
});
