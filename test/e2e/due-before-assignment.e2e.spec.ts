import { startTestApp, type TestApp } from '../support/test-app.js';

/** A China office day (UTC+8), `days` from today. */
const officeDay = (days = 0): string => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

/*
 * breaker11 F14: 交办 took a 整改时限 before the 交办日期, and the unit was red the moment it got the
 * task. Over the API, a due date before the assignment day is refused beside `dueDate`, in Chinese,
 * and nothing is appended.
 */
describe('a due date before its assignment day', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ demoData: true, now: new Date().toISOString() });
  });
  afterAll(async () => {
    await app.close();
  });

  it('is refused beside dueDate, naming both days, and appends nothing', async () => {
    const supervisor = await app.as('SUPERVISOR');
    const { data } = await app.graphql(`{ units { id name } findings(first: 200) { nodes { id status assignments { unitId } } } }`, {}, supervisor);
    const finding = data!.findings.nodes.find((candidate: { status: string }) => candidate.status !== 'CLOSED');
    const onIt = new Set(finding.assignments.map((part: { unitId: string }) => part.unitId));
    const unit = data!.units.find((candidate: { id: string }) => !onIt.has(candidate.id));
    const before = await app.logPosition();
    const assign = (dueDate: string) =>
      app.graphql(
        `mutation($input: AssignFindingInput!) { assignFinding(input: $input) { id } }`,
        { input: { idempotencyKey: `f14-${dueDate}`, findingId: finding.id, assignedOn: officeDay(0), units: [{ unitId: unit.id, role: 'RESPONSIBLE', dueDate }] } },
        supervisor,
      );
    const refused = await assign(officeDay(-29));
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'dueDate',
      messageZh: `${unit.name}的截止日期（${officeDay(-29)}）早于交办日期（${officeDay(0)}），日期顺序不对。`,
    });
    expect(await app.logPosition()).toBe(before);
    const taken = await assign(officeDay(0));
    expect(taken.errors).toBeUndefined();
  });
});
