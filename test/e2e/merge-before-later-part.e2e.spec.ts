import { TestApp, startTestApp } from '../support/test-app.js';
import { namedMutations } from '../support/named-mutations.js';

/**
 * breaker8s P7 (issue 8): a merge dated in the past, typed after a later plan gave the merged unit a part. A merged unit takes
 * no new work, so that part passes to the successor on the day the unit got it; when it cannot (it would join the successor's
 * own part there, and the unit's report dated later would be lost), the refusal names the item, the merge's day, the day the
 * unit got the part and the record in the way, in Chinese — it spoke of 「不能在 2026-01-12 移交或并入…机构改革的日期不能早于该日期」,
 * a day the administrator never typed. Nothing is written; the part alone passes.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('a 2016 merge typed after the 2026 plan gave the unit a part (breaker8s P7)', () => {
  let app: TestApp;
  const units: Record<string, string> = {};
  const { call } = namedMutations(() => app, key, 'workPlanItemIds');

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-29T10:00:00+08:00' });
    const admin = await app.as('ADMIN');
    for (const [code, name] of [['JJ', '市甲局'], ['YJ', '市乙局'], ['BJ', '市丙局'], ['DJ', '市丁局']] as const) {
      const response = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, { input: { idempotencyKey: `unit-${code}`, code, name, kind: 'DEPARTMENT', registeredOn: '2016-01-01' } }, admin);
      expect(response.errors).toBeUndefined();
      units[code] = response.data!.registerUnit.id;
    }
  });
  afterAll(async () => app?.close());

  /** A 2026 plan approved 2026-01-10, its one item given on 2026-01-12 to `lead` (and `responsible`). */
  const planItem = async (title: string, lead: string, responsible = '') => {
    const csv = `类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n一,推进五公开,1,${title},,${lead},${responsible},2026-09-30\n`;
    const imported = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId } }`, {
      input: { idempotencyKey: key('plan'), fileName: 'plan.csv', title: `青川市2026年${title}工作要点`, year: 2026, contentBase64: base64(csv), approvedOn: '2026-01-10', assignedOn: '2026-01-12' },
    });
    expect(imported.errors).toBeUndefined();
    const breakdown = await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id } } } }`, { id: imported.data!.importWorkPlan.planId });
    return breakdown.data!.workPlan.categories[0].items[0].id as string;
  };
  const report = async (itemId: string, unitId: string) =>
    expect((await call('reportWorkPlanItem', { itemId, unitId, summary: '已公开', evidence: [{ title: '公开页面', link: 'https://www.example.gov.cn/p' }], reportedOn: '2026-03-01' }, await app.as('UNIT', unitId), '__typename')).errors).toBeUndefined();

  it('given 市甲局’s part joining 市乙局’s own, reported 2026-03-01: the merge dated 2016-07-01 is refused naming the item, both days and the report', async () => {
    const itemId = await planItem('公开环评审批信息', '市甲局', '市乙局');
    await report(itemId, units.JJ!);
    const merged = await call('mergeUnit', { unitId: units.JJ, successorUnitId: units.YJ, reason: '机构改革', mergedOn: '2016-07-01' }, await app.as('ADMIN'));
    expect(merged.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      messageZh:
        '工作事项 1「公开环评审批信息」：市甲局于 2016-07-01 并入市乙局，此后不再承担任务；本工作事项自 2026-01-12 起由市甲局承担的任务因此须在该日并入市乙局在本工作事项已有的任务，' +
        '但市甲局的整改报告的日期（2026-03-01）在其之后，不能随之并入。请核对并入日期；如确于 2016-07-01 并入，请先更正本工作事项在并入之后交给市甲局的任务。',
    });
    const unit = await app.graphql(`query($id: ID!) { unit(id: $id) { mergedOn } }`, { id: units.JJ });
    expect(unit.data?.unit).toEqual({ mergedOn: null });
  });

  it('given 市丙局’s part alone, reported 2026-03-01: the merge dated 2016-07-01 passes it to 市丁局 on 2026-01-12, the report with it', async () => {
    const itemId = await planItem('公开审计结果', '市丙局');
    await report(itemId, units.BJ!);
    const merged = await call('mergeUnit', { unitId: units.BJ, successorUnitId: units.DJ, reason: '机构改革', mergedOn: '2016-07-01' }, await app.as('ADMIN'));
    expect(merged).toEqual({ data: { mergeUnit: { workPlanItemIds: [itemId] } } });
    const item = await app.graphql(`query($id: ID!) { workPlanItem(id: $id) { parts { unitId status heldBefore } } }`, { id: itemId });
    expect(item.data!.workPlanItem.parts).toEqual([{ unitId: units.DJ, status: 'REPORTED', heldBefore: [units.BJ] }]);
  });
});
