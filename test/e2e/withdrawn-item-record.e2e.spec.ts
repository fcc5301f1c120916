import { parse } from 'csv-parse/sync';
import { startTestApp, type TestApp } from '../support/test-app.js';

/*
 * breaker11f P9: a work-plan item withdrawn from the plan vanished from the 工作方案 page and from
 * its export, while a withdrawn finding stays listed under 已撤销 and in the 台账 export. The plan's
 * record keeps it too: `workPlanItems(withdrawn: true)` lists the items withdrawn by the day viewed
 * (with `withdrawnOn` and `withdrawalReason`), and the work-plan export keeps their rows with 状态
 * 已撤销（day：reason） and no light, counted in no figure. The office day is 2026-06-10.
 */
describe('a withdrawn work-plan item stays on the record: listed as withdrawn and exported (breaker11f P9)', () => {
  let app: TestApp;
  let planId: string;

  const items = async (withdrawn: boolean, asOf?: string) => {
    const response = await app.graphql(
      `query($planId: ID!, $withdrawn: Boolean, $asOf: String) { workPlanItems(planId: $planId, withdrawn: $withdrawn, asOf: $asOf) { totalCount nodes { code status withdrawnOn withdrawalReason } } }`,
      { planId, withdrawn, ...(asOf ? { asOf } : {}) },
    );
    expect(response.errors).toBeUndefined();
    return response.data!.workPlanItems as { totalCount: number; nodes: { code: string; status: string; withdrawnOn: string | null; withdrawalReason: string | null }[] };
  };

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-06-10T09:00:00+08:00' });
    const admin = await app.as('ADMIN');
    for (const [code, name] of [['FGW', '青川市发展和改革委员会'], ['CZJ', '青川市财政局']]) {
      const unit = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, { input: { idempotencyKey: `unit-${code}`, code, name, kind: 'DEPARTMENT', registeredOn: '2026-01-01' } }, admin);
      expect(unit.errors).toBeUndefined();
    }
    const csv =
      '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n' +
      '一,公开平台,1,整合政府网站公开专栏,,青川市发展和改革委员会,,2026-09-30\n' +
      '一,公开平台,2,开设政务微信公众号,,青川市财政局,,2026-09-30\n';
    const imported = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId } }`, {
      input: { idempotencyKey: 'plan', fileName: 'plan.csv', title: '青川市2026年政务公开工作要点', year: 2026, contentBase64: Buffer.from(csv).toString('base64'), approvedOn: '2026-03-01', assignedOn: '2026-03-02' },
    });
    expect(imported.errors).toBeUndefined();
    planId = imported.data!.importWorkPlan.planId;
    const { nodes } = await items(false);
    const itemId = (await app.graphql(`query($planId: ID!) { workPlanItems(planId: $planId) { nodes { id code } } }`, { planId })).data!.workPlanItems.nodes.find((node: { code: string }) => node.code === '2').id;
    expect(nodes.map((node) => node.code)).toEqual(['1', '2']);
    const withdrawn = await app.graphql(`mutation($input: WithdrawWorkPlanItemInput!) { withdrawWorkPlanItem(input: $input) { status } }`, {
      input: { idempotencyKey: 'withdraw', itemId, reason: '并入第1项办理', withdrawnOn: '2026-06-01' },
    });
    expect(withdrawn.errors).toBeUndefined();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('is listed among the withdrawn items with its day and reason, not among the plan’s items; before its day it is in the plan', async () => {
    expect((await items(false)).nodes.map((node) => node.code)).toEqual(['1']);
    expect(await items(true)).toEqual({ totalCount: 1, nodes: [{ code: '2', status: 'WITHDRAWN', withdrawnOn: '2026-06-01', withdrawalReason: '并入第1项办理' }] });
    expect((await items(true, '2026-05-31')).totalCount).toBe(0);
    expect((await items(false, '2026-05-31')).nodes.map((node) => node.code)).toEqual(['1', '2']);
  });

  it('keeps its row in the work-plan export, said 已撤销 with its day and reason, with no light', async () => {
    const response = await fetch(`${app.url}/export/work-plan.csv?planId=${planId}`, { headers: await app.as('SUPERVISOR') });
    expect(response.status).toBe(200);
    const rows = parse(Buffer.from(await response.arrayBuffer()).subarray(3).toString('utf8'), { relax_column_count: true }) as string[][];
    const header = rows.find((row) => row.includes('状态'))!;
    const status = header.indexOf('状态');
    const light = header.indexOf(header.find((cell) => cell.includes('灯'))!);
    const row = rows.find((cells) => cells.some((cell) => cell.startsWith('2 开设政务微信公众号')));
    expect(row).toBeDefined();
    expect(row![status]).toBe('已撤销（2026-06-01：并入第1项办理）');
    expect(row![light]).toBe('');
  });
});
