import { errorCode, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * newcomer49-10 M16: a unit asked `requestWorkPlanItemExtension` to 2099-12-31 on a 2016 plan; it was accepted and left pending,
 * and only the supervisor's approval was refused. A day no 特批 could grant (past five years after the plan's period) is now
 * refused when asked, naming that furthest day; a day past the period a 特批 could grant is asked as before (pending).
 * Asserted through HTTP GraphQL on a real SQLite file.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

const CSV = '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n一,重点领域,1,公开住房保障信息,,青川县住房和城乡建设局,,2016-12-31\n';

describe('an extension request no 特批 could grant is refused when asked (newcomer49-10 M16)', () => {
  let app: TestApp;
  let unitId = '';
  let itemId = '';

  const ask = async (requestedDueDate: string, headers: Record<string, string>) =>
    app.graphql(
      `mutation($input: RequestWorkPlanItemExtensionInput!) { requestWorkPlanItemExtension(input: $input) { parts { unitId extensionRequests { requestedDueDate status } } } }`,
      { input: { idempotencyKey: key('ask'), itemId, unitId, requestedDueDate, reason: '需协调省级平台' } },
      headers,
    );

  beforeAll(async () => {
    app = await startTestApp({ now: '2016-06-01T10:00:00+08:00' });
    const registered = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, {
      input: { idempotencyKey: 'unit-zjj', code: 'ZJJ', name: '青川县住房和城乡建设局', kind: 'DEPARTMENT', registeredOn: '2016-01-04' },
    }, await app.as('ADMIN'));
    expect(registered.errors).toBeUndefined();
    unitId = registered.data!.registerUnit.id;
    const imported = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId } }`, {
      input: { idempotencyKey: key('plan'), fileName: 'plan-2016.csv', title: '青川县2016年政务公开工作要点', year: 2016, contentBase64: Buffer.from(CSV).toString('base64'), approvedOn: '2016-04-25', assignedOn: '2016-05-01' },
    }, await app.as('SUPERVISOR'));
    expect(imported.errors).toBeUndefined();
    const plan = await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id } } } }`, { id: imported.data!.importWorkPlan.planId });
    itemId = plan.data!.workPlan.categories[0].items[0].id;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('2099-12-31 is refused at once, naming the furthest day a 特批 reaches; nothing is pending', async () => {
    // The unit's clerk signs in first (an account made for the test is written to the log).
    const clerk = await app.as('UNIT', unitId);
    const head = await app.logPosition();
    const refused = await ask('2099-12-31', clerk);
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0]!.extensions!.messageZh).toMatch(/申请延至的日期（2099-12-31）晚于特批可延后的最远日期（.*2016-12-31 后 5 年，即 2021-12-31）：请核对年份是否写错。/);
    expect(await app.logPosition()).toBe(head);
  });

  it('a day past the period that a 特批 could grant is asked as before: pending, for the supervisor to decide', async () => {
    const asked = await ask('2017-03-31', await app.as('UNIT', unitId));
    expect(asked.errors).toBeUndefined();
    expect(asked.data!.requestWorkPlanItemExtension.parts[0].extensionRequests).toEqual([{ requestedDueDate: '2017-03-31', status: 'PENDING' }]);
  });
});
