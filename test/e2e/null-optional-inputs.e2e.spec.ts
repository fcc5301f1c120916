import { startTestApp, type TestApp } from '../support/test-app.js';

/*
 * breaker8u P10: a form or an API client that sends every field, null when empty. GraphQL null for an
 * optional input field means "not given", as leaving it out does: a pass sent with `newDueDate: null`
 * was refused 「督查通过即确认整改完成，无需新的截止日期。」, a send-back with it carried a null date on.
 */
describe('optional input fields sent as null read as not given', () => {
  let app: TestApp;
  type Awaiting = { kind: 'FINDING' | 'WORK_PLAN_ITEM'; parentId: string; part: { unitId: string } };
  let awaiting: Awaiting[];

  beforeAll(async () => {
    app = await startTestApp({ demoData: true, now: new Date().toISOString() });
    const { data, errors } = await app.graphql(`{ awaitingInspection(first: 20) { nodes { kind parentId part { unitId } } } }`, {}, await app.as('INSPECTOR'));
    expect(errors).toBeUndefined();
    awaiting = data!.awaitingInspection.nodes;
  });
  afterAll(() => app.close());

  const nulls = { inspectedOn: null, newDueDate: null, overrideReason: null, notes: null, place: null };
  const parentOf = (part: Awaiting) => (part.kind === 'FINDING' ? { findingId: part.parentId } : { itemId: part.parentId });
  const mutation = (part: Awaiting, finding: string, item: string) => (part.kind === 'FINDING' ? finding : item);

  it('a pass with every optional field null is taken, as without them', async () => {
    const part = awaiting[0]!;
    const name = mutation(part, 'logInspection', 'logWorkPlanItemInspection');
    const type = mutation(part, 'LogInspectionInput', 'LogWorkPlanItemInspectionInput');
    const response = await app.graphql(`mutation($input: ${type}!) { ${name}(input: $input) { id } }`, {
      input: { idempotencyKey: 'pass-with-nulls', ...parentOf(part), unitId: part.part.unitId, outcome: 'PASSED', ...nulls },
    }, await app.as('INSPECTOR'));
    expect(response.errors).toBeUndefined();
  });

  it('a send-back with its optional fields null is taken, keeping the due date', async () => {
    const part = awaiting[1]!;
    const name = mutation(part, 'sendBackReport', 'sendBackWorkPlanItemReport');
    const type = mutation(part, 'SendBackReportInput', 'SendBackWorkPlanItemReportInput');
    const response = await app.graphql(`mutation($input: ${type}!) { ${name}(input: $input) { id } }`, {
      input: { idempotencyKey: 'send-back-with-nulls', ...parentOf(part), unitId: part.part.unitId, reason: '佐证材料不全，请补充。', sentBackOn: null, newDueDate: null, overrideReason: null },
    });
    expect(response.errors).toBeUndefined();
  });
});
