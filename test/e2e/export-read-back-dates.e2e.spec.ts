import { startTestApp, type TestApp } from '../support/test-app.js';

/*
 * breaker10t P18: Rectify's own work-plan export writes each part's due date as it stands — a return's new day where the
 * inspection gave one — on the part's row. Read back as the plan's next version, unchanged, it re-dated a 销号 item whose
 * part was returned until 09-30 and then passed (06-30 → 09-30), and gave an item whose parts have days of their own its
 * lead's day. The export read back as it was written changes nothing; asserted through HTTP on the office day 2026-11-10.
 */
const TITLE = '青川市2026年政务公开工作任务分解方案';
const PLAN =
  `${TITLE}\n序号,工作任务,牵头单位,责任单位,完成时限\n` +
  '一、推进决策公开,,,,\n' +
  '1,公开重大决策事项目录,青川市司法局,,2026-06-30\n' +
  '2,公开规范性文件清单,青川市司法局,青川市财政局,2026-09-30\n';
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const evidence = [{ title: '公开页面', link: 'https://www.example.gov.cn/p' }];

describe('the work plan’s own export read back as its next version changes no day (breaker10t P18)', () => {
  let app: TestApp;
  let planId: string;
  const itemIds: Record<string, string> = {};
  const units: Record<string, string> = {};
  let key = 0;
  const mutate = async (name: string, input: Record<string, unknown>, headers?: Record<string, string>) => {
    const response = await app.graphql(`mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { __typename } }`, { input: { idempotencyKey: `${name}-${(key += 1)}`, ...input } }, headers);
    expect(response.errors).toBeUndefined();
  };
  const items = async () => {
    const response = await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { code dueDate status completedOn parts { unitId dueDate status } } } } }`, { id: planId });
    expect(response.errors).toBeUndefined();
    return response.data!.workPlan.categories[0].items as unknown;
  };

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-10T09:00:00+08:00' });
    const admin = await app.as('ADMIN');
    for (const [code, name] of [['SFJ', '青川市司法局'], ['CZJ', '青川市财政局']] as const) {
      const unit = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, { input: { idempotencyKey: `unit-${code}`, code, name, kind: 'DEPARTMENT', registeredOn: '2026-01-01' } }, admin);
      expect(unit.errors).toBeUndefined();
      units[code] = unit.data!.registerUnit.id;
    }
    await app.as('SUPERVISOR');
    const imported = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId } }`, {
      input: { idempotencyKey: 'plan', fileName: 'plan.csv', contentBase64: base64(PLAN), approvedOn: '2026-03-01', assignedOn: '2026-03-02' },
    });
    expect(imported.errors).toBeUndefined();
    planId = imported.data!.importWorkPlan.planId;
    const response = await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id code } } } }`, { id: planId });
    for (const one of response.data!.workPlan.categories[0].items as { id: string; code: string }[]) itemIds[one.code] = one.id;
    const sfj = await app.as('UNIT', units.SFJ);
    const inspector = await app.as('INSPECTOR');
    // Item 1 (销号): reported, returned until 09-30, reported again and passed on 09-25.
    await mutate('reportWorkPlanItem', { itemId: itemIds['1'], unitId: units.SFJ, summary: '已公开', evidence, reportedOn: '2026-06-20' }, sfj);
    await mutate('logWorkPlanItemInspection', { itemId: itemIds['1'], unitId: units.SFJ, outcome: 'FAILED', notes: '目录不全', inspectedOn: '2026-06-25', newDueDate: '2026-09-30', place: '现场' }, inspector);
    await mutate('reportWorkPlanItem', { itemId: itemIds['1'], unitId: units.SFJ, summary: '已补全', evidence, reportedOn: '2026-09-20' }, sfj);
    await mutate('logWorkPlanItemInspection', { itemId: itemIds['1'], unitId: units.SFJ, outcome: 'PASSED', notes: '核实', inspectedOn: '2026-09-25', place: '现场' }, inspector);
    // Item 2 (open): the lead returned until 12-15, 财政局 still on the item's 09-30.
    await mutate('reportWorkPlanItem', { itemId: itemIds['2'], unitId: units.SFJ, summary: '已公开', evidence, reportedOn: '2026-09-10' }, sfj);
    await mutate('logWorkPlanItemInspection', { itemId: itemIds['2'], unitId: units.SFJ, outcome: 'FAILED', notes: '清单不全', inspectedOn: '2026-11-05', newDueDate: '2026-12-15', place: '现场' }, inspector);
  });

  afterAll(async () => {
    await app.close();
  });

  it.each(['csv', 'xlsx'])('as %s: the dry run and the import find the same plan, and every day stays', async (format) => {
    const before = await items();
    expect(before).toMatchObject([
      { code: '1', dueDate: '2026-06-30', status: 'COMPLETED', completedOn: '2026-09-25' },
      { code: '2', dueDate: '2026-09-30', status: 'OPEN' },
    ]);
    const response = await fetch(`${app.url}/export/work-plan.${format}?planId=${planId}`, { headers: await app.as('SUPERVISOR') });
    expect(response.status).toBe(200);
    const contentBase64 = Buffer.from(await response.arrayBuffer()).toString('base64');
    for (const dryRun of [true, false]) {
      const revised = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { alreadyImported revision { summary redated { code } partsRedated { code unitId } } } }`, {
        input: { idempotencyKey: `read-back-${format}-${dryRun}`, fileName: `进展.${format}`, contentBase64, revise: true, withdrawMissing: true, dryRun },
      });
      expect(revised.errors).toBeUndefined();
      // Before the fix: refused — 「事项 1 的新完成时限（2026-09-30）早于调整日期」: item 1 read as re-dated 06-30 → 09-30, and
      // item 2 as re-dated to its lead's 12-15. Now the same plan: nothing to write.
      expect(revised.data!.importWorkPlan).toEqual({ alreadyImported: true, revision: null });
    }
    expect(await items()).toEqual(before);
  });
});
