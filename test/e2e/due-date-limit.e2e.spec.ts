import { TestApp, startTestApp } from '../support/test-app.js';

/*
 * ext s25 Left 1 (newcomer23 S3, S11): the limit a part's due date may reach without an override, on the finding and
 * the item, as their commands judge it — so the forms can say it (a request past it is confirmed; 超出…（Y）的理由).
 */
describe('Finding.dueDateLimit and WorkPlanItem.dueDateLimit', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ demoData: true });
  });

  afterAll(async () => {
    await app.close();
  });

  it('a finding reads the end of the year after it was identified until a plan is approved, then the plan\'s inspection deadline', async () => {
    const FINDINGS = `{ evaluations { nodes { id findings(first: 1) { nodes { identifiedOn dueDateLimit { latest setBy } } } } } }`;
    const before = await app.graphql(FINDINGS);
    expect(before.errors).toBeUndefined();
    const evaluation = before.data!.evaluations.nodes[0];
    const finding = evaluation.findings.nodes[0];
    expect(finding.dueDateLimit).toEqual({ latest: `${Number(finding.identifiedOn.slice(0, 4)) + 1}-12-31`, setBy: '问题发现次年年底（登记整改实施方案前的上限，登记后以其督查时限为准）' });
    const approved = await app.graphql(`mutation($input: ApproveRectificationPlanInput!) { approveRectificationPlan(input: $input) { id } }`, {
      input: { idempotencyKey: 'limit-plan', evaluationId: evaluation.id, title: '整改实施方案', approvedBy: '刘志强（常务副市长）', approvedOn: '2026-04-01', selfRectificationDue: '2026-08-31', inspectionDue: '2026-09-30' },
    });
    expect(approved.errors).toBeUndefined();
    const after = await app.graphql(FINDINGS);
    expect(after.data!.evaluations.nodes[0].findings.nodes[0].dueDateLimit).toEqual({ latest: '2026-09-30', setBy: '整改实施方案「整改实施方案」的督查时限' });
  });

  it('an item reads its work plan\'s year end', async () => {
    const { data } = await app.graphql(`{ workPlans { id title year } }`);
    const plan = data!.workPlans[0];
    const items = await app.graphql(`query($planId: ID!) { workPlanItems(planId: $planId, first: 1) { nodes { dueDateLimit { latest setBy } } } }`, { planId: plan.id });
    expect(items.errors).toBeUndefined();
    expect(items.data!.workPlanItems.nodes[0].dueDateLimit).toEqual({ latest: `${plan.year}-12-31`, setBy: `工作方案「${plan.title}」的期限` });
  });
});
